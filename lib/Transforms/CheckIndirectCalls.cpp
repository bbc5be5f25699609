//===- CheckIndirectCalls.cpp - reject indirect calls on tensors ----------===//

#include "convt/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace convt {
#define GEN_PASS_DEF_CONVTCHECKINDIRECTCALLS
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
struct ConvTCheckIndirectCallsPass
    : public convt::impl::ConvTCheckIndirectCallsBase<
          ConvTCheckIndirectCallsPass> {
  void runOnOperation() override {
    bool found = false;
    getOperation().walk([&](func::CallIndirectOp call) {
      // The canonicalizer makes a call of a func.constant a direct call.
      if (call.getCallee().getDefiningOp<func::ConstantOp>())
        return;
      if (!convt::callPasses<TensorType>(call))
        return;
      found = true;
      call.emitError("an indirect call cannot take or return tensors: "
                     "bufferization must see the callee to decide which "
                     "buffers it writes and which it returns; call the "
                     "function with func.call");
    });
    if (found)
      signalPassFailure();
  }
};
} // namespace
