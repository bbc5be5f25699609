//===- convt-opt.cpp - mlir-opt with the convt dialect and passes ---------===//

#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Dialect/ConvT/Transforms/Passes.h"
#include "convt/Pipelines/Pipelines.h"
#include "convt/Transforms/GPU/Passes.h"
#include "convt/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  registry.insert<convt::ConvTDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // gpu-module-to-binary translates the kernels to LLVM IR.
  mlir::registerAllGPUToLLVMIRTranslations(registry);
  mlir::registerAllPasses();
  convt::registerConvTPasses();
  convt::registerConvTConversionPasses();
  convt::registerConvTCodegenPasses();
  convt::registerConvTGPUPasses();
  convt::registerConvTPipelines();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "convt optimizer driver\n", registry));
}
