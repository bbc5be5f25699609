//===- CheckCalls.cpp - reject calls that pass buffers, for the GPU -------===//

#include "convt/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/CallInterfaces.h"

namespace convt {
#define GEN_PASS_DEF_CONVTGPUCHECKCALLS
#include "convt/Transforms/GPU/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
struct ConvTGPUCheckCallsPass
    : public convt::impl::ConvTGPUCheckCallsBase<ConvTGPUCheckCallsPass> {
  void runOnOperation() override {
    auto isBuffer = llvm::IsaPred<TensorType, BaseMemRefType>;
    bool found = false;
    getOperation().walk([&](CallOpInterface call) {
      if (llvm::none_of(call->getOperandTypes(), isBuffer) &&
          llvm::none_of(call->getResultTypes(), isBuffer))
        return;
      found = true;
      call->emitError("a call cannot take or return tensors or memrefs: the "
                      "GPU pipeline keeps all buffers in device memory; "
                      "inline the callee first (--inline)");
    });
    if (found)
      signalPassFailure();
  }
};
} // namespace
