//===- CheckCalls.cpp - reject calls that pass buffers, for the GPU -------===//

#include "convt/Transforms/GPU/Passes.h"

#include "convt/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace convt {
#define GEN_PASS_DEF_CONVTGPUCHECKCALLS
#include "convt/Transforms/GPU/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
struct ConvTGPUCheckCallsPass
    : public convt::impl::ConvTGPUCheckCallsBase<ConvTGPUCheckCallsPass> {
  void runOnOperation() override {
    bool found = false;
    getOperation().walk([&](CallOpInterface call) {
      if (!convt::callPasses<TensorType, BaseMemRefType>(call))
        return;
      found = true;
      call->emitError("a call cannot take or return tensors or memrefs: the "
                      "GPU pipeline keeps all buffers in device memory and "
                      "inlines only direct calls of non-recursive functions "
                      "with a body");
    });
    if (found)
      signalPassFailure();
  }
};
} // namespace
