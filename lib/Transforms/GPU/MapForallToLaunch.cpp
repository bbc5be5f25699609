//===- MapForallToLaunch.cpp - block/thread scf.forall to gpu.launch ------===//

#include "convt/Transforms/GPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/TransformOps/GPUTransformOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/Support/MathExtras.h"

#include <limits>

namespace convt {
#define GEN_PASS_DEF_CONVTGPUMAPFORALLTOLAUNCH
#include "convt/Transforms/GPU/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// Warps have 32 threads on every NVIDIA GPU.
constexpr int64_t kWarpSize = 32;

bool hasMapping(scf::ForallOp loop, function_ref<bool(Attribute)> isKind) {
  std::optional<ArrayAttr> mapping = loop.getMapping();
  return mapping && !mapping->empty() && llvm::all_of(*mapping, isKind);
}

bool isBlockLoop(scf::ForallOp loop) {
  return hasMapping(loop, llvm::IsaPred<gpu::GPUBlockMappingAttr>);
}

/// The threads that one iteration of `loop` takes: 1 for a loop mapped to
/// #gpu.thread<x>, a warp for #gpu.warp<x>, none for other loops.
int64_t getThreadsPerIteration(scf::ForallOp loop) {
  if (loop.getRank() != 1)
    return 0;
  std::optional<ArrayAttr> mapping = loop.getMapping();
  if (!mapping)
    return 0;
  Attribute attr = (*mapping)[0];
  if (auto thread = dyn_cast<gpu::GPUThreadMappingAttr>(attr))
    return thread.getThread() == gpu::MappingId::DimX ? 1 : 0;
  if (auto warp = dyn_cast<gpu::GPUWarpMappingAttr>(attr))
    return warp.getWarp() == gpu::MappingId::DimX ? kWarpSize : 0;
  return 0;
}

/// The threads per block that the thread and warp loops nested in `blocks`
/// need: the most that one of them takes (smaller loops are predicated).
FailureOr<int64_t> getBlockSize(scf::ForallOp blocks) {
  int64_t threads = 1;
  WalkResult result = blocks.walk([&](scf::ForallOp loop) {
    if (loop == blocks)
      return WalkResult::advance();
    int64_t perIteration = getThreadsPerIteration(loop);
    if (!perIteration) {
      loop.emitError("expected a one-dimensional scf.forall mapped to "
                     "#gpu.thread<x> or #gpu.warp<x> inside a loop mapped to "
                     "GPU blocks");
      return WalkResult::interrupt();
    }
    std::optional<int64_t> count =
        getConstantIntValue(loop.getMixedUpperBound()[0]);
    if (!count || !loop.isNormalized()) {
      loop.emitError("a loop mapped to GPU threads or warps needs a constant "
                     "iteration count, from 0 in steps of 1");
      return WalkResult::interrupt();
    }
    threads = std::max(threads, *count * perIteration);
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();
  if (threads > 1024)
    return blocks.emitError("the thread loops need ")
           << threads << " threads per block, more than the 1024 of a GPU";
  return threads;
}

/// The alignment of dynamic shared memory in the NVVM lowering, and the most
/// a workgroup allocation may ask for.
constexpr int64_t kSharedMemoryAlignment = 16;
constexpr int64_t kMaxAllocationAlignment = 128;

/// Places the allocations of workgroup memory directly in `launch`'s body in
/// the launch's dynamic shared memory (which NVVM aligns to 16 bytes, unlike
/// workgroup attributions, and which may exceed 48 KiB), one after the other
/// at offsets aligned for each, and drops their deallocations. Where an
/// allocation asks for more than 16 bytes, the views start at the first
/// address of the dynamic shared memory aligned to the most asked for.
LogicalResult placeWorkgroupAllocations(RewriterBase &rewriter,
                                        gpu::LaunchOp launch) {
  SmallVector<memref::AllocOp> allocs;
  WalkResult result = launch.walk([&](memref::AllocOp alloc) {
    auto space = dyn_cast_if_present<gpu::AddressSpaceAttr>(
        alloc.getType().getMemorySpace());
    if (!space || space.getValue() != gpu::AddressSpace::Workgroup)
      return WalkResult::advance();
    if (alloc->getParentOp() != launch || !alloc.getType().hasStaticShape() ||
        !alloc.getType().getLayout().isIdentity() ||
        !alloc.getType().getElementType().isIntOrFloat() ||
        alloc.getAlignment().value_or(1) > kMaxAllocationAlignment) {
      alloc.emitError("workgroup memory must be allocated with a static "
                      "shape, integer or float elements, the identity layout "
                      "and an alignment of at most ")
          << kMaxAllocationAlignment
          << " bytes directly in the loop mapped to GPU blocks";
      return WalkResult::interrupt();
    }
    allocs.push_back(alloc);
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    return failure();
  if (allocs.empty())
    return success();

  Location loc = launch.getLoc();
  MLIRContext *context = rewriter.getContext();
  rewriter.setInsertionPointToStart(&launch.getBody().front());
  auto workgroup =
      gpu::AddressSpaceAttr::get(context, gpu::AddressSpace::Workgroup);
  auto bytesType = MemRefType::get({ShapedType::kDynamic}, rewriter.getI8Type(),
                                   MemRefLayoutAttrInterface(), workgroup);
  Value memory = gpu::DynamicSharedMemoryOp::create(rewriter, loc, bytesType);
  // Each view starts at a multiple of its alignment, and at least of its
  // element size.
  auto alignmentOf = [](memref::AllocOp alloc) -> int64_t {
    uint64_t elementBytes =
        llvm::divideCeil(alloc.getType().getElementTypeBitWidth(), 8);
    return std::max<int64_t>(alloc.getAlignment().value_or(1),
                             llvm::PowerOf2Ceil(elementBytes));
  };
  int64_t alignment = kSharedMemoryAlignment;
  for (memref::AllocOp alloc : allocs)
    alignment = std::max(alignment, alignmentOf(alloc));
  // The views start at `base` bytes into the dynamic shared memory: the
  // distance to the next multiple of `alignment` where that exceeds what
  // NVVM guarantees.
  Value base;
  if (alignment > kSharedMemoryAlignment) {
    Value address =
        memref::ExtractAlignedPointerAsIndexOp::create(rewriter, loc, memory);
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value mask = arith::ConstantIndexOp::create(rewriter, loc, alignment - 1);
    base = arith::AndIOp::create(
        rewriter, loc, arith::SubIOp::create(rewriter, loc, zero, address),
        mask);
  }
  int64_t offset = 0;
  for (memref::AllocOp alloc : allocs) {
    MemRefType type = alloc.getType();
    offset = llvm::alignTo(offset, alignmentOf(alloc));
    Value shift = arith::ConstantIndexOp::create(rewriter, loc, offset);
    if (base)
      shift = arith::AddIOp::create(rewriter, loc, base, shift);
    Value view = memref::ViewOp::create(rewriter, loc, type, memory, shift,
                                        ValueRange());
    for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
      if (isa<memref::DeallocOp>(user))
        rewriter.eraseOp(user);
    rewriter.replaceOp(alloc, view);
    offset += type.getNumElements() *
              llvm::divideCeil(type.getElementTypeBitWidth(), 8);
  }
  // Room for the base to move up to the alignment.
  int64_t bytes = offset + alignment - kSharedMemoryAlignment;
  if (bytes > std::numeric_limits<int32_t>::max())
    return launch.emitError("the workgroup memory of the loop mapped to GPU "
                            "blocks takes ")
           << bytes << " bytes, more than a launch's 32-bit size holds";
  rewriter.setInsertionPoint(launch);
  launch.getDynamicSharedMemorySizeMutable().assign(
      arith::ConstantIntOp::create(rewriter, loc, rewriter.getI32Type(),
                                   bytes));
  return success();
}

/// Replaces `blocks` by a gpu.launch with a grid of its iteration space and
/// the threads its nested thread loops need, each thread loop followed by a
/// barrier.
LogicalResult mapToLaunch(RewriterBase &rewriter, scf::ForallOp blocks) {
  if (!blocks.getOutputs().empty() || !blocks.isNormalized() ||
      blocks.getRank() > 3)
    return blocks.emitError("a loop mapped to GPU blocks must be bufferized, "
                            "run from 0 in steps of 1, with at most 3 dims");
  FailureOr<int64_t> threads = getBlockSize(blocks);
  if (failed(threads))
    return failure();

  Location loc = blocks.getLoc();
  rewriter.setInsertionPoint(blocks);
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  SmallVector<Value> grid(3, one);
  SmallVector<unsigned> dimOfIndex;
  for (auto [bound, attr] :
       llvm::zip(blocks.getMixedUpperBound(), *blocks.getMapping())) {
    auto mapping = cast<gpu::GPUBlockMappingAttr>(attr);
    unsigned dim = mapping.getMappingId();
    if (dim > 2)
      return blocks.emitError("blocks may be mapped to dims x, y and z only; "
                              "got ")
             << mapping;
    if (grid[dim] != one)
      return blocks.emitError("each block dim x, y, z may be mapped once");
    grid[dim] = getValueOrCreateConstantIndexOp(rewriter, loc, bound);
    dimOfIndex.push_back(dim);
  }
  Value blockSize = arith::ConstantIndexOp::create(rewriter, loc, *threads);
  auto launch = gpu::LaunchOp::create(rewriter, loc, grid[0], grid[1], grid[2],
                                      blockSize, one, one);
  Block *body = &launch.getBody().front();
  rewriter.setInsertionPointToEnd(body);
  auto terminator = gpu::TerminatorOp::create(rewriter, loc);

  gpu::KernelDim3 ids = launch.getBlockIds();
  Value idValues[] = {ids.x, ids.y, ids.z};
  SmallVector<Value> indices;
  for (unsigned dim : dimOfIndex)
    indices.push_back(idValues[dim]);
  rewriter.eraseOp(blocks.getTerminator());
  rewriter.inlineBlockBefore(blocks.getBody(), terminator, indices);
  rewriter.eraseOp(blocks);

  if (failed(placeWorkgroupAllocations(rewriter, launch)))
    return failure();

  rewriter.setInsertionPointToStart(body);
  return transform::gpu::mapNestedForallToThreadsImpl(
             rewriter, std::nullopt, launch, {*threads, 1, 1}, kWarpSize,
             /*syncAfterDistribute=*/true)
      .checkAndReport();
}

struct ConvTGPUMapForallToLaunchPass
    : public convt::impl::ConvTGPUMapForallToLaunchBase<
          ConvTGPUMapForallToLaunchPass> {
  void runOnOperation() override {
    SmallVector<scf::ForallOp> blockLoops;
    WalkResult walk = getOperation().walk([&](scf::ForallOp loop) {
      if (!isBlockLoop(loop))
        return WalkResult::advance();
      for (auto outer = loop->getParentOfType<scf::ForallOp>(); outer;
           outer = outer->getParentOfType<scf::ForallOp>())
        if (isBlockLoop(outer)) {
          loop.emitError("a loop mapped to GPU blocks cannot be nested in "
                         "another");
          return WalkResult::interrupt();
        }
      blockLoops.push_back(loop);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    IRRewriter rewriter(&getContext());
    for (scf::ForallOp blocks : blockLoops)
      if (failed(mapToLaunch(rewriter, blocks)))
        return signalPassFailure();
  }
};

} // namespace
