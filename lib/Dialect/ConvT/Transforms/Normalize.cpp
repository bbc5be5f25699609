//===- Normalize.cpp - rewrite convt ops to one explicit form -------------===//

#include "convt/Dialect/ConvT/IR/ConvTOps.h"
#include "convt/Dialect/ConvT/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace convt {
#define GEN_PASS_DEF_CONVTNORMALIZE
#include "convt/Dialect/ConvT/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
struct ConvTNormalizePass
    : public convt::impl::ConvTNormalizeBase<ConvTNormalizePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation()->walk([&](convt::ConvTransposeOp op) {
      (void)convt::normalizeConvTranspose(op, rewriter);
    });
  }
};
} // namespace
