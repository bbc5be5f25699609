//===- MemRefCopyToLinalg.cpp - memref.copy as linalg.copy ----------------===//

#include "convt/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace convt {
#define GEN_PASS_DEF_CONVTMEMREFCOPYTOLINALG
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
struct ConvTMemRefCopyToLinalgPass
    : public convt::impl::ConvTMemRefCopyToLinalgBase<
          ConvTMemRefCopyToLinalgPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](memref::CopyOp copy) {
      // linalg.copy needs ranked memrefs of one element type.
      auto source = dyn_cast<MemRefType>(copy.getSource().getType());
      auto target = dyn_cast<MemRefType>(copy.getTarget().getType());
      if (!source || !target ||
          source.getElementType() != target.getElementType())
        return;
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    });
  }
};
} // namespace
