//===- embedding.cpp - A compiler embedding convt through its C++ API -----===//
//
// Registers the convt dialect and pipeline next to the upstream ones, lowers
// a convt op to the LLVM dialect with the textual pipeline and prints the
// functions it produced. Built against an installed convt by embedding.test.
//
//===----------------------------------------------------------------------===//

#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include "llvm/Support/raw_ostream.h"

static const char *kModule = R"mlir(
func.func @upsample(%x: tensor<1x4x4x2xf32>, %k: tensor<2x2x2x3xf32>,
                    %b: tensor<3xf32>) -> tensor<1x8x8x3xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 3,
         kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 2>,
         padding = "VALID"}
     : (tensor<1x4x4x2xf32>, tensor<2x2x2x3xf32>, tensor<3xf32>)
       -> tensor<1x8x8x3xf32>
  return %y : tensor<1x8x8x3xf32>
}
)mlir";

int main() {
  mlir::DialectRegistry registry;
  registry.insert<convt::ConvTDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::MLIRContext context(registry);
  convt::registerConvTPipelines();

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kModule, &context);
  if (!module)
    return 1;
  mlir::PassManager pm(&context);
  if (mlir::failed(
          mlir::parsePassPipeline("convt-cpu-pipeline{strategy=phase}", pm)) ||
      mlir::failed(pm.run(*module)))
    return 1;

  // By name: the LLVM dialect's C++ headers would triple the compile time.
  for (mlir::Operation &op : *module->getBody())
    llvm::outs() << op.getName() << " @"
                 << mlir::SymbolTable::getSymbolName(&op).getValue()
                 << (op.getRegion(0).empty() ? " (external)" : "") << "\n";
  return 0;
}
