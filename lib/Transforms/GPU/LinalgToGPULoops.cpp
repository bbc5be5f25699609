//===- LinalgToGPULoops.cpp - linalg ops as GPU-mapped parallel loops -----===//

#include "convt/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/MathExtras.h"

#include <limits>
#include <numeric>

namespace convt {
#define GEN_PASS_DEF_CONVTLINALGTOGPULOOPS
#include "convt/Transforms/GPU/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// The most blocks a CUDA grid holds along x.
constexpr int64_t kMaxGridBlocks = std::numeric_limits<int32_t>::max();

/// The error for an op whose parallel loops, with static sizes, need more
/// blocks of `blockSize` threads than a grid holds (the launch's i32 grid
/// size would wrap).
LogicalResult checkGridSize(linalg::LinalgOp op, int64_t blockSize) {
  int64_t iterations = 1;
  for (auto [size, iterator] :
       llvm::zip(op.getStaticLoopRanges(), op.getIteratorTypesArray())) {
    if (!linalg::isParallelIterator(iterator))
      continue;
    if (ShapedType::isDynamic(size))
      return success();
    if (llvm::MulOverflow(iterations, size, iterations))
      return op.emitError() << "has more than 2^63 parallel iterations, one "
                               "GPU thread each";
  }
  int64_t blocks = llvm::divideCeil(iterations, blockSize);
  if (blocks <= kMaxGridBlocks)
    return success();
  return op.emitError() << "needs " << blocks
                        << " blocks (one thread per parallel iteration, "
                           "block-size "
                        << blockSize << "), but a GPU grid holds at most "
                        << kMaxGridBlocks << ": use a larger block-size";
}

/// Reorders the loops of `op` so that its parallel loops come first, which
/// makes them one scf.parallel: linalg lowers the loops in order and starts a
/// new (nested) loop at each change of iterator type.
FailureOr<linalg::LinalgOp> putParallelLoopsFirst(RewriterBase &rewriter,
                                                  linalg::LinalgOp op) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<unsigned> order;
  for (bool parallel : {true, false})
    for (auto [index, iterator] : llvm::enumerate(iterators))
      if (linalg::isParallelIterator(iterator) == parallel)
        order.push_back(index);
  if (llvm::is_sorted(order))
    return op;
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (!generic) {
    FailureOr<linalg::GenericOp> generalized =
        linalg::generalizeNamedOp(rewriter, op);
    if (failed(generalized))
      return failure();
    generic = *generalized;
  }
  FailureOr<linalg::GenericOp> interchanged =
      linalg::interchangeGenericOp(rewriter, generic, order);
  if (failed(interchanged))
    return failure();
  return cast<linalg::LinalgOp>(interchanged->getOperation());
}

/// Collapses the dims of `loop` into one, tiles it by `blockSize` and maps the
/// tiles to blocks and the iterations of a tile to threads.
void mapToBlocksAndThreads(RewriterBase &rewriter, scf::ParallelOp loop,
                           int64_t blockSize) {
  if (loop.getNumLoops() > 1) {
    std::vector<unsigned> dims(loop.getNumLoops());
    std::iota(dims.begin(), dims.end(), 0);
    // The collapsed loop replaces `loop` just before its position.
    Operation *next = loop->getNextNode();
    collapseParallelLoops(rewriter, loop, {dims});
    loop = cast<scf::ParallelOp>(next->getPrevNode());
  }
  // Constant tile bounds and a bounds check rather than min bounds: the launch
  // needs a constant block size.
  auto [blocks, threads] =
      scf::tileParallelLoop(loop, {blockSize}, /*noMinMaxBounds=*/true);
  MLIRContext *context = rewriter.getContext();
  AffineMap id = rewriter.getDimIdentityMap();
  auto mapTo = [&](scf::ParallelOp tiled, gpu::Processor processor) {
    (void)gpu::setMappingAttr(tiled, {gpu::ParallelLoopDimMappingAttr::get(
                                         context, processor, id, id)});
  };
  mapTo(blocks, gpu::Processor::BlockX);
  mapTo(threads, gpu::Processor::ThreadX);
}

struct ConvTLinalgToGPULoopsPass
    : public convt::impl::ConvTLinalgToGPULoopsBase<ConvTLinalgToGPULoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (blockSize < 1 || blockSize > 1024) {
      func.emitError() << "block-size must be between 1 and 1024, got "
                       << static_cast<int64_t>(blockSize);
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> ops;
    func.walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      if (failed(checkGridSize(op, blockSize)))
        return signalPassFailure();
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::LinalgOp> ordered = putParallelLoopsFirst(rewriter, op);
      if (failed(ordered)) {
        op.emitError() << "cannot move the reduction loops inside the "
                          "parallel loops";
        return signalPassFailure();
      }
      op = *ordered;
      // An op without parallel loops runs as one thread.
      std::optional<scf::ParallelOp> single;
      if (op.getNumParallelLoops() == 0) {
        Location loc = op.getLoc();
        Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
        Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
        single = scf::ParallelOp::create(rewriter, loc, zero, one, one);
        rewriter.moveOpBefore(op, single->getBody()->getTerminator());
        rewriter.setInsertionPoint(op);
      }
      FailureOr<linalg::LinalgLoops> loops =
          linalg::linalgOpToParallelLoops(rewriter, op);
      if (failed(loops)) {
        op.emitError() << "cannot lower to loops";
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
      mapToBlocksAndThreads(
          rewriter, single ? *single : cast<scf::ParallelOp>(loops->front()),
          blockSize);
    }
  }
};

} // namespace
