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
  /// dims times non-negative constants.
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

  /// Whether tiling the first `tiledLoops` loops by 1 slices each operand
  /// right. Tiling offsets an operand's slice by an index's value at the
  /// tile's first iteration, less its value at 0, and takes the slice to end
  /// where the tile's last iteration reads. That is right for an index of
  /// the tiled loops alone (one iteration: any function, such as a gather's
  /// mod, whose slice may then start before the operand, where it is not
  /// read), of the untiled loops alone (the whole dim) and for one that
  /// grows with the loops; not for one that decreases (reversed taps, tap
  /// loop tiled and position loop not: too short a slice) or that divides a
  /// sum of both.
  static bool slicesRight(linalg::LinalgOp op, int64_t tiledLoops) {
    return llvm::all_of(op.getIndexingMapsArray(), [&](AffineMap map) {
      return llvm::all_of(map.getResults(), [&](AffineExpr expr) {
        bool tiled = false, untiled = false;
        expr.walk([&](AffineExpr sub) {
          if (auto dim = dyn_cast<AffineDimExpr>(sub))
            (dim.getPosition() < tiledLoops ? tiled : untiled) = true;
        });
        return !tiled || !untiled || isIncreasing(expr);
      });
    });
  }

  /// The loops tiled by 1 for threads: all but the last two, at least one.
  static int64_t tiledLoops(linalg::LinalgOp op) {
    return std::max<int64_t>(1, op.getNumLoops() - 2);
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
          !mayReadOtherIterations(op) && slicesRight(op, tiledLoops(op)))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      SmallVector<int64_t> tileSizes(op.getNumLoops(), 0);
      std::fill_n(tileSizes.begin(), tiledLoops(op), 1);
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
