//===- CPUParallelElementwise.cpp - parallel outer loops of linalg ops ----===//
//
// The fills and copies around the phase convolutions (the input's zero
// padding above all) would otherwise run on one thread between the parallel
// convolutions, and leave the other threads waiting.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "llvm/Support/MathExtras.h"

namespace convt {
#define GEN_PASS_DEF_CONVTCPUPARALLELELEMENTWISE
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

struct ConvTCPUParallelElementwisePass
    : public convt::impl::ConvTCPUParallelElementwiseBase<
          ConvTCPUParallelElementwisePass> {
  using Base::Base;

  /// Whether an iteration of `op` may read what another one writes: an input
  /// in the buffer of an output, other than that output itself at the same
  /// indices (in place). Such ops keep their sequential order.
  static bool mayReadOtherIterations(linalg::LinalgOp op) {
    for (OpOperand &init : op.getDpsInitsMutable())
      for (OpOperand *input : op.getDpsInputOperands())
        if (convt::getUnderlyingBuffer(input->get()) ==
                convt::getUnderlyingBuffer(init.get()) &&
            (input->get() != init.get() ||
             op.getMatchingIndexingMap(input) !=
                 op.getMatchingIndexingMap(&init)))
          return true;
    return false;
  }

  /// Whether every index of `expr` grows with the loop indices: sums of
  /// dims times non-negative constants. Tiling takes an operand's slice to
  /// end where its tile ends, which a decreasing index (the reversed taps of
  /// a sub-pixel kernel) breaks.
  static bool isIncreasing(AffineExpr expr) {
    if (isa<AffineDimExpr, AffineConstantExpr>(expr))
      return true;
    auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
    if (!binary)
      return false;
    if (expr.getKind() == AffineExprKind::Add)
      return isIncreasing(binary.getLHS()) && isIncreasing(binary.getRHS());
    auto factor = dyn_cast<AffineConstantExpr>(binary.getRHS());
    return expr.getKind() == AffineExprKind::Mul && factor &&
           factor.getValue() >= 0 && isIncreasing(binary.getLHS());
  }

  /// Whether `op` has statically fewer than `minElements` iterations.
  bool isSmall(linalg::LinalgOp op) {
    int64_t iterations = 1;
    for (int64_t size : op.getStaticLoopRanges())
      if (ShapedType::isDynamic(size) ||
          llvm::MulOverflow(iterations, size, iterations))
        return false;
    return iterations < minElements;
  }

  void runOnOperation() override {
    if (minElements < 0) {
      getOperation().emitError("min-elements must be at least 0; got ")
          << static_cast<int64_t>(minElements);
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics() && op.getNumLoops() >= 2 &&
          op.getNumParallelLoops() == op.getNumLoops() &&
          !convt::isInParallelLoop(op) && !isSmall(op) &&
          !mayReadOtherIterations(op) &&
          llvm::all_of(op.getIndexingMapsArray(), [](AffineMap map) {
            return llvm::all_of(map.getResults(), isIncreasing);
          }))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      int64_t numLoops = op.getNumLoops();
      SmallVector<int64_t> tileSizes(numLoops, 0);
      std::fill_n(tileSizes.begin(), std::max<int64_t>(1, numLoops - 2), 1);
      linalg::LinalgTilingOptions options;
      options.setTileSizes(tileSizes).setLoopType(
          linalg::LinalgTilingLoopType::ParallelLoops);
      rewriter.setInsertionPoint(op);
      if (succeeded(linalg::tileLinalgOp(rewriter, op, options)))
        rewriter.eraseOp(op);
    }
  }
};

} // namespace
