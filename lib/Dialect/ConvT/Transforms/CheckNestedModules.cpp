//===- CheckNestedModules.cpp - reject convt ops in nested modules --------===//

#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Dialect/ConvT/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"

namespace convt {
#define GEN_PASS_DEF_CONVTCHECKNESTEDMODULES
#include "convt/Dialect/ConvT/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
struct ConvTCheckNestedModulesPass
    : public convt::impl::ConvTCheckNestedModulesBase<
          ConvTCheckNestedModulesPass> {
  void runOnOperation() override {
    ModuleOp top = getOperation();
    bool found = false;
    top.walk([&](Operation *op) {
      if (!isa_and_nonnull<convt::ConvTDialect>(op->getDialect()))
        return;
      // A builtin.module, gpu.module or any other symbol table.
      Operation *module = op->getParentWithTrait<OpTrait::SymbolTable>();
      if (module == top)
        return;
      found = true;
      op->emitOpError(
            "is in a nested module, which the convt pipelines do "
            "not lower: run the pipeline on that module, as in "
            "--pass-pipeline='builtin.module(builtin.module(convt-cpu-"
            "pipeline))'")
              .attachNote(module->getLoc())
          << "nested module here";
    });
    if (found)
      signalPassFailure();
  }
};
} // namespace
