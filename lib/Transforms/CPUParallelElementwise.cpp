//===- CPUParallelElementwise.cpp - parallel outer loops of linalg ops ----===//
//
// The fills and copies around the phase convolutions (the input's zero
// padding above all) would otherwise run on one thread between the parallel
// convolutions, and leave the other threads waiting.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
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

  /// Whether `expr` depends on one of the first `tiledLoops` loops (with
  /// `tiled`) or on one of the others.
  static bool dependsOn(AffineExpr expr, int64_t tiledLoops, bool tiled) {
    bool found = false;
    expr.walk([&](AffineExpr sub) {
      if (auto dim = dyn_cast<AffineDimExpr>(sub))
        found |= (dim.getPosition() < tiledLoops) == tiled;
    });
    return found;
  }

  /// Whether linalg's tiling by 1 of the first `tiledLoops` loops slices
  /// each operand right and in bounds: it offsets a slice by an index's
  /// value at the tile's first iteration less its value at 0, and ends it
  /// where the tile's last iteration reads, which holds for indices that
  /// grow with the tiled loops. One that decreases (reversed taps) or wraps
  /// around (a mod) would take too short a slice, or one that starts before
  /// the operand, which memref.subview leaves undefined.
  static bool upstreamTilingFits(linalg::LinalgOp op, int64_t tiledLoops) {
    return llvm::all_of(op.getIndexingMapsArray(), [&](AffineMap map) {
      return llvm::all_of(map.getResults(), [&](AffineExpr expr) {
        return !dependsOn(expr, tiledLoops, /*tiled=*/true) ||
               isIncreasing(expr);
      });
    });
  }

  /// Whether tileByIndices can tile generic `op`: each index depends on the
  /// tiled loops alone or on the untiled ones alone, the outputs' indices
  /// are the loops (which give the tiled generic its loop sizes), and the
  /// body reads no loop index.
  static bool indicesSplit(linalg::LinalgOp op, int64_t tiledLoops) {
    return isa<linalg::GenericOp>(op) && !op.hasIndexSemantics() &&
           llvm::all_of(
               op.getDpsInitsMutable(),
               [&](OpOperand &init) {
                 return op.getMatchingIndexingMap(&init).isPermutation();
               }) &&
           llvm::all_of(op.getIndexingMapsArray(), [&](AffineMap map) {
             return llvm::all_of(map.getResults(), [&](AffineExpr expr) {
               return !dependsOn(expr, tiledLoops, /*tiled=*/true) ||
                      !dependsOn(expr, tiledLoops, /*tiled=*/false);
             });
           });
  }

  /// Tiles generic `op` (see indicesSplit) by 1 along its first `tiledLoops`
  /// loops into an scf.parallel whose body is the generic on one slice: an
  /// index of the tiled loops alone, any function of them (a gather's
  /// floordiv and mod, reversed taps), is taken at the tile's iteration, a
  /// slice of size 1 read at 0; the untiled dims are whole.
  static void tileByIndices(RewriterBase &rewriter, linalg::LinalgOp op,
                            int64_t tiledLoops) {
    Location loc = op.getLoc();
    SmallVector<Range, 4> ranges = op.createLoopRanges(rewriter, loc);
    SmallVector<Value> lbs, ubs, steps;
    for (const Range &range : ArrayRef(ranges).take_front(tiledLoops)) {
      lbs.push_back(
          getValueOrCreateConstantIndexOp(rewriter, loc, range.offset));
      ubs.push_back(getValueOrCreateConstantIndexOp(rewriter, loc, range.size));
      steps.push_back(
          getValueOrCreateConstantIndexOp(rewriter, loc, range.stride));
    }
    scf::ParallelOp::create(
        rewriter, loc, lbs, ubs, steps,
        [&](OpBuilder &builder, Location, ValueRange ivs) {
          OpBuilder::InsertionGuard guard(rewriter);
          rewriter.setInsertionPoint(builder.getInsertionBlock(),
                                     builder.getInsertionPoint());
          SmallVector<Value> operands;
          SmallVector<AffineMap> maps;
          for (OpOperand &operand : op->getOpOperands()) {
            AffineMap map = op.getMatchingIndexingMap(&operand);
            if (!isa<MemRefType>(operand.get().getType())) {
              operands.push_back(operand.get());
              maps.push_back(map);
              continue;
            }
            SmallVector<OpFoldResult> offsets, sizes;
            SmallVector<AffineExpr> results;
            for (auto [dim, expr] : llvm::enumerate(map.getResults())) {
              if (!dependsOn(expr, tiledLoops, /*tiled=*/true)) {
                offsets.push_back(rewriter.getIndexAttr(0));
                sizes.push_back(
                    memref::getMixedSize(rewriter, loc, operand.get(), dim));
                results.push_back(expr);
                continue;
              }
              offsets.push_back(affine::makeComposedFoldedAffineApply(
                  rewriter, loc,
                  AffineMap::get(tiledLoops, 0, expr, op.getContext()),
                  getAsOpFoldResult(ivs)));
              sizes.push_back(rewriter.getIndexAttr(1));
              // A tiled loop's own index stays: it runs over [0, 1) and
              // gives the loop its size.
              results.push_back(isa<AffineDimExpr>(expr)
                                    ? expr
                                    : rewriter.getAffineConstantExpr(0));
            }
            SmallVector<OpFoldResult> strides(offsets.size(),
                                              rewriter.getIndexAttr(1));
            operands.push_back(memref::SubViewOp::create(
                rewriter, loc, operand.get(), offsets, sizes, strides));
            maps.push_back(
                AffineMap::get(map.getNumDims(), 0, results, op.getContext()));
          }
          auto tiled = cast<linalg::GenericOp>(rewriter.clone(*op));
          tiled->setOperands(operands);
          tiled.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
        });
    rewriter.eraseOp(op);
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
    // The ops to tile, each with whether linalg's tiling fits it (else
    // tileByIndices does).
    SmallVector<std::pair<linalg::LinalgOp, bool>> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!op.hasPureBufferSemantics() || op.getNumLoops() < 2 ||
          op.getNumParallelLoops() != op.getNumLoops() ||
          convt::isInParallelLoop(op) || isSmall(op) ||
          mayReadOtherIterations(op))
        return;
      bool upstream = upstreamTilingFits(op, tiledLoops(op));
      if (upstream || indicesSplit(op, tiledLoops(op)))
        candidates.emplace_back(op, upstream);
    });
    IRRewriter rewriter(&getContext());
    for (auto [op, upstream] : candidates) {
      rewriter.setInsertionPoint(op);
      if (!upstream) {
        tileByIndices(rewriter, op, tiledLoops(op));
        continue;
      }
      SmallVector<int64_t> tileSizes(op.getNumLoops(), 0);
      std::fill_n(tileSizes.begin(), tiledLoops(op), 1);
      linalg::LinalgTilingOptions options;
      options.setTileSizes(tileSizes).setLoopType(
          linalg::LinalgTilingLoopType::ParallelLoops);
      if (succeeded(linalg::tileLinalgOp(rewriter, op, options)))
        rewriter.eraseOp(op);
    }
  }
};

} // namespace
