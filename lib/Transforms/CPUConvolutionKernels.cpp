//===- CPUConvolutionKernels.cpp - vector FMA loops for convolutions ------===//
//
// Replaces stride-1 NHWC/HWCF convolutions on memrefs by a loop nest around a
// register-blocked micro-kernel (see the pass description in Passes.td). The
// loop nest, for output out[n, o..., w, f] and kernel taps k...:
//
//   parallel n, o_1 .. o_{S-1} in groups of rows:  (scf.parallel or scf.for)
//     for each block of V vectors of output channels (then masked leftovers;
//     for kernels beyond the L2 cache outermost instead, in one loop nest
//     with the groups of rows):
//       for each block of Cb input channels:
//         for each block of R rows w (then single rows):
//           acc[R][V] = out[n, o, w0 + r, f0 + v*VW]
//           for k..., c in block: acc += in[...] (broadcast) * kernel[k, c, f]
//           out[n, o, w0 + r, f0 + v*VW] = acc
//
// A zero-padded input is read in place from the tensor it pads: taps that
// fall in the padding are skipped, on the outer dims by loop bounds, on the
// last dim per edge tile at compile time.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/CPULaneReductionKernel.h"
#include "convt/Transforms/CPUPixelLanesKernel.h"
#include "convt/Transforms/ConvolutionUtils.h"
#include "convt/Utils/IndexMath.h"

#include "mlir/Analysis/AliasAnalysis/LocalAliasAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/TargetParser/Host.h"

#include <unistd.h>

namespace convt {
#define GEN_PASS_DEF_CONVTCPUCONVOLUTIONKERNELS
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;
using convt::AccumulatorInit;
using convt::ImplicitPadding;

int64_t convt::getHostVectorBits() {
  return getVectorBits(llvm::sys::getHostCPUFeatures());
}

int64_t convt::getVectorBits(const llvm::StringMap<bool> &features) {
  if (features.lookup("avx512f"))
    return 512;
  if (features.lookup("avx2") || features.lookup("avx"))
    return 256;
  return 128;
}

int64_t convt::getHostL1DataCacheBytes() {
  long bytes = sysconf(_SC_LEVEL1_DCACHE_SIZE);
  return bytes > 0 ? bytes : 32 * 1024;
}

int64_t convt::getFMAsPerCycle(StringRef cpuName, int64_t vectorBits) {
  // Zen 4 splits each 512-bit operation into two halves on its 256-bit FMA
  // units.
  return vectorBits >= 512 && cpuName == "znver4" ? 1 : 2;
}

int64_t convt::getHostFMAsPerCycle(int64_t vectorBits) {
  return getFMAsPerCycle(llvm::sys::getHostCPUName(), vectorBits);
}

namespace {

/// With one vector FMA per cycle the L2 cache feeds the kernel vectors fast
/// enough, and a slice of this size needs fewer blocks of input channels,
/// each of which loads and stores the accumulators (measured on Zen 4: up to
/// 10% faster than the L1-sized slice, never slower).
constexpr int64_t kSlowFMAKernelBlockBytes = 128 * 1024;
/// Kernels with at most this many static taps are unrolled; those read in
/// place of their padding unroll the taps of the last dim.
constexpr int64_t kMaxUnrolledTaps = 32;
/// Output pixels that each block of the kernel, once in L1, should serve.
constexpr int64_t kPixelsPerKernelBlock = 64;
/// With threads, the groups of rows are made more (and smaller) only where
/// the last round of groups would leave the threads idle for more than this
/// share of the loop, in percent: smaller groups cost too (oddF at 2
/// threads, 2% idle: 1-3% slower with more groups; oddA, 9% idle: 5-6%
/// faster).
constexpr int64_t kMaxIdlePercent = 5;
/// Larger kernels loop over the blocks of output channels outside the rows.
constexpr int64_t kL2KernelBytes = 1024 * 1024;
/// Cycles from a vector FMA to the next one that adds to its result (AMD Zen
/// 4 and 5, Intel since Skylake).
constexpr int64_t kFMALatencyCycles = 4;
/// Inputs read in place of their zero padding may have at most this many
/// output columns whose taps reach into the padding: each gets tiles of its
/// own.
constexpr int64_t kMaxPaddedColumns = 16;

/// A tile of an implicit padding whose taps of the last dim may read the
/// padding, at a static column: counted from the output's first column, or,
/// with dynamic sizes, from `sourceEnd`, the first column whose last tap reads
/// past the source. Which rows read the source at each tap is then known at
/// compile time; with dynamic sizes, a tile counted from the start must lie
/// before `sourceEnd`, and one counted from `sourceEnd` after the columns
/// that read before the source.
struct EdgeTile {
  int64_t column;
  bool fromSourceEnd = false;
};

/// The sizes of dims [first, first + count) of a shape (kDynamic where
/// dynamic).
SmallVector<int64_t> spatialSizes(Value shaped, int64_t first, int64_t count) {
  return llvm::to_vector(
      cast<ShapedType>(shaped.getType()).getShape().slice(first, count));
}

/// Emits the loop nest of one convolution.
class ConvolutionKernelEmitter : convt::KernelEmitterBase {
public:
  ConvolutionKernelEmitter(linalg::LinalgOp conv, AccumulatorInit init,
                           linalg::GenericOp epilogue,
                           const ImplicitPadding *padding,
                           const convt::CPUKernelTarget &target,
                           const convt::PackedKernelMark &mark,
                           int64_t leftoverAccumulators, int64_t sliceBytes,
                           int64_t threads)
      : KernelEmitterBase(conv), input(conv.getDpsInputs()[0]),
        kernel(conv.getDpsInputs()[1]), output(conv.getDpsInits()[0]),
        init(init), epilogue(epilogue), threads(threads),
        fmasPerCycle(target.fmasPerCycle), vectorBits(target.vectorBits) {
    auto outputType = cast<MemRefType>(output.getType());
    accType = outputType.getElementType();
    numSpatial = outputType.getRank() - 2;
    dilations = convt::getConvolutionDilations(conv);
    if (padding) {
      input = padding->source;
      sourceShift = padding->shift;
      firstShift = padding->buildFirstShift(b);
      sourceSizes = spatialSizes(input, 1, numSpatial);
      kernelSizes = spatialSizes(kernel, 0, numSpatial);
      outputSizes = spatialSizes(output, 1, numSpatial);
    }
    int64_t numLanes = target.vectorBits / accType.getIntOrFloatBitWidth();
    vectorType = VectorType::get({numLanes}, accType);
    maskType = VectorType::get({numLanes}, b.getI1Type());

    convt::RegisterBlock block = convt::chooseRegisterBlock(
        outputType, numLanes, target, leftoverAccumulators);
    numRows = block.rows;
    numVectors = block.vectors;
    packedType = convt::getPackedKernelType(conv, target, block);
    // A packed copy made at compile time, if it has the layout expected here
    // (the packing pass ran with the same target).
    if (packedType && mark.type == *packedType)
      constantPacked = mark.global;

    auto kernelType = cast<MemRefType>(kernel.getType());
    int64_t taps = 1;
    for (int64_t size : kernelType.getShape().take_front(numSpatial))
      taps *= ShapedType::isDynamic(size) ? 1 : std::max<int64_t>(size, 1);
    int64_t blockBytes =
        taps * numVectors * numLanes * kernelType.getElementTypeBitWidth() / 8;
    channelBlock = std::max<int64_t>(1, sliceBytes / blockBytes);
    // Blocks of equal size: no short last block.
    int64_t channels = cast<MemRefType>(input.getType()).getShape().back();
    if (!ShapedType::isDynamic(channels) && channels > 0)
      channelBlock =
          llvm::divideCeil(channels, llvm::divideCeil(channels, channelBlock));
    rowGroup = chooseRowGroup();
    // Channel blocks of whole pairs for vdpbf16ps.
    useBF16Dot = convt::usesBF16Dot(conv, target);
    if (useBF16Dot)
      channelBlock = std::max<int64_t>(2, llvm::alignTo(channelBlock, 2));
    singleChannelBlock = !ShapedType::isDynamic(channels) && channels > 0 &&
                         channelBlock >= channels;
  }

  /// Whether the accumulators never go through the output between blocks of
  /// input channels: one block, started from the fused initial value and
  /// stored through the fused epilogue. The output buffer is then unused.
  bool isOutputUnused() const {
    return singleChannelBlock && init.op && epilogue;
  }

  void emit();

  /// Whether the micro-kernel reads a packed copy of the kernel
  /// (convt::getPackedKernelType). Reading one block of output channels in
  /// place saves the copy and, with threads, the rows each thread would
  /// fetch from the other cores that packed them (E, 2 threads: 4.5%
  /// faster).
  bool isKernelPacked() const { return packedType.has_value(); }

  /// Whether the micro-kernel reads the kernel packed at compile time
  /// (convt-cpu-pack-constant-kernels) instead of the kernel operand.
  bool readsConstantPackedKernel() const { return bool(constantPacked); }

  /// Whether the packed kernel is too large to stay in the L2 cache while
  /// each group of rows sweeps it whole.
  bool isKernelLarge() const {
    auto type = cast<MemRefType>(kernel.getType());
    return type.hasStaticShape() &&
           type.getNumElements() * type.getElementTypeBitWidth() / 8 >
               kL2KernelBytes;
  }

  /// Whether the kernel can read `conv`'s input in place of its zero
  /// padding: a static kernel whose taps along the last dim can be unrolled
  /// (7x7 kernels, 56x56, 64 -> 64: 7-9% faster than on a padded copy, which
  /// loops over all taps), and with static widths few output columns whose
  /// taps reach into the padding (with dynamic ones, the columns found at run
  /// time take 1-row tiles).
  static bool canReadUnpadded(linalg::LinalgOp conv,
                              const ImplicitPadding &padding) {
    Value output = conv.getDpsInits()[0], kernel = conv.getDpsInputs()[1];
    auto outputType = cast<MemRefType>(output.getType());
    if (!cast<MemRefType>(kernel.getType()).hasStaticShape())
      return false;
    int64_t numSpatial = padding.shift.size();
    SmallVector<int64_t> kernelSizes = spatialSizes(kernel, 0, numSpatial);
    if (llvm::is_contained(kernelSizes, 0) ||
        kernelSizes.back() > kMaxUnrolledTaps ||
        llvm::is_contained(outputType.getShape().drop_front(), 0))
      return false;
    int64_t last = numSpatial - 1;
    int64_t width = spatialSizes(output, 1, numSpatial)[last];
    int64_t sourceWidth = spatialSizes(padding.source, 1, numSpatial)[last];
    if (ShapedType::isDynamic(width) || ShapedType::isDynamic(sourceWidth))
      return true;
    int64_t reach =
        (kernelSizes[last] - 1) * convt::getConvolutionDilations(conv)[last];
    // Columns w with w + shift < 0, and with w + reach + shift >= source.
    int64_t left = std::clamp<int64_t>(-padding.shift[last], 0, width);
    int64_t right = std::clamp<int64_t>(
        width - (sourceWidth - reach - padding.shift[last]), 0, width);
    return left + right <= kMaxPaddedColumns;
  }

private:
  /// Whether the output and source sizes and the shift along spatial dim
  /// `dim` are static, which readsSource needs.
  bool hasStaticSizes(int64_t dim) const {
    return !ShapedType::isDynamic(outputSizes[dim]) &&
           !ShapedType::isDynamic(sourceSizes[dim]) &&
           !ShapedType::isDynamic(sourceShift[dim]);
  }
  /// The shift of spatial dim `dim` into the source, at run time.
  Value getShift(int64_t dim) {
    return ShapedType::isDynamic(sourceShift[dim]) ? firstShift
                                                   : cst(sourceShift[dim]);
  }
  /// Whether output position `pos` along spatial dim `dim` reads the source,
  /// not the padding, at kernel tap `tap`.
  bool readsSource(int64_t dim, int64_t pos, int64_t tap) const {
    int64_t i = pos + tap * dilations[dim] + sourceShift[dim];
    return i >= 0 && i < sourceSizes[dim];
  }
  /// How far past its column the last tap of spatial dim `dim` reads.
  int64_t reach(int64_t dim) const {
    return (kernelSizes[dim] - 1) * dilations[dim];
  }
  /// Whether row `r` of `tile` reads the source at tap `tap` of the last dim.
  bool readsSource(EdgeTile tile, int64_t r, int64_t tap) const {
    int64_t last = numSpatial - 1;
    if (tile.fromSourceEnd)
      return tile.column + r + tap * dilations[last] < reach(last);
    if (hasStaticSizes(last))
      return readsSource(last, tile.column + r, tap);
    return tile.column + r + tap * dilations[last] + sourceShift[last] >= 0;
  }
  /// Whether every tap reads the source for output positions [begin, end)
  /// along spatial dim `dim`.
  bool readsOnlySource(int64_t dim, int64_t begin, int64_t end) const {
    return readsSource(dim, begin, 0) &&
           readsSource(dim, end - 1, kernelSizes[dim] - 1);
  }
  /// With implicit padding, the range [lo, hi) of the taps of spatial dim
  /// `dim` that read the source at output index `pos` (an outer dim's, or a
  /// 1-row tile's column).
  std::pair<Value, Value> tapsInSource(int64_t dim, Value pos);

  /// Narrow outputs sweep a group of rows of the last outer dim per input
  /// channel block, so that the kernel block in L1 serves enough pixels
  /// (with a dynamic width, getRowGroupCount finds the group at run time).
  int64_t chooseRowGroup() {
    auto shape = cast<MemRefType>(output.getType()).getShape();
    int64_t width = shape[numSpatial], rows = shape[numSpatial - 1];
    if (ShapedType::isDynamic(width) || width == 0)
      return 1;
    int64_t group = llvm::divideCeil(kPixelsPerKernelBlock, width);
    return ShapedType::isDynamic(rows)
               ? group
               : std::min(group, std::max<int64_t>(rows, 1));
  }

  /// The number of groups of the output's `rows` of `width` pixels. With
  /// threads, where the count that `rowGroup` gives would idle them for more
  /// than kMaxIdlePercent, the smallest count above it whose product with
  /// `others` (the batch and outer spatial dims) the threads divide, so that
  /// they get as many rows each, give or take one: oddA's 31 rows in groups
  /// of up to 3 gave 11 groups, 6 for one thread, 5 for the other. A
  /// constant where the sizes are static.
  Value getRowGroupCount(OpFoldResult rows, OpFoldResult width,
                         OpFoldResult others) {
    convt::IndexMath math(b, b.getLoc());
    OpFoldResult group = math.cst(rowGroup);
    if (!getConstantIntValue(width)) {
      // ceil(kPixelsPerKernelBlock / width) rows per group (F with dynamic
      // sizes: 4 rows of 16 pixels, 2% faster than 1).
      group = math.ceilDivU(math.cst(kPixelsPerKernelBlock),
                            math.max(width, math.cst(1)));
    }
    OpFoldResult groups = math.ceilDivU(rows, group);
    if (threads == 1)
      return math.value(groups);
    OpFoldResult threadCount = math.cst(threads);
    OpFoldResult total = math.mul(others, groups);
    OpFoldResult share =
        math.mul(math.ceilDivU(total, threadCount), threadCount);
    OpFoldResult idles =
        math.greaterU(math.mul(share, math.cst(100)),
                      math.mul(total, math.cst(100 + kMaxIdlePercent)));
    // gcd(others, threads), from the divisors of `threads`.
    OpFoldResult common = math.cst(1);
    for (int64_t divisor = 2; divisor <= threads; ++divisor) {
      if (threads % divisor != 0)
        continue;
      OpFoldResult divides =
          math.equal(math.remU(others, math.cst(divisor)), math.cst(0));
      common = math.select(divides, math.cst(divisor), common);
    }
    OpFoldResult step = math.divU(threadCount, common);
    OpFoldResult aligned =
        math.min(math.mul(math.ceilDivU(groups, step), step), rows);
    return math.value(math.select(idles, aligned, groups));
  }

  /// The view of `memref` at index `leading` of its leading dims, which it
  /// drops, whole along the others: accesses to it then skip the products of
  /// zero indices and dynamic strides that the LLVM dialect keeps.
  Value viewAt(Value memref, ValueRange leading) {
    auto type = cast<MemRefType>(memref.getType());
    SmallVector<OpFoldResult> offsets(leading.begin(), leading.end()),
        strides(type.getRank(), b.getIndexAttr(1));
    SmallVector<OpFoldResult> sizes(leading.size(), b.getIndexAttr(1));
    for (int64_t i = leading.size(); i < type.getRank(); ++i) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(memref::getMixedSize(b, b.getLoc(), memref, i));
    }
    // The type is built here, not by inferRankReducedResultType: that picks
    // the dims to drop by shape alone, and among unit dims may drop others.
    MemRefType fullType =
        memref::SubViewOp::inferResultType(type, offsets, sizes, strides);
    auto layout = cast<StridedLayoutAttr>(fullType.getLayout());
    auto viewType = MemRefType::get(
        fullType.getShape().drop_front(leading.size()),
        fullType.getElementType(),
        StridedLayoutAttr::get(b.getContext(), layout.getOffset(),
                               layout.getStrides().drop_front(leading.size())),
        fullType.getMemorySpace());
    return memref::SubViewOp::create(b, viewType, memref, offsets, sizes,
                                     strides);
  }
  /// The row-major index of kernel tap `taps` among all taps.
  Value linearTap(ArrayRef<Value> taps) {
    SmallVector<Value> sizes;
    for (int64_t j = 0; j < numSpatial; ++j)
      sizes.push_back(dim(kernel, j));
    return convt::linearize(b, taps, sizes);
  }
  Value dim(Value memref, int64_t i) {
    return memref::DimOp::create(b, memref, i);
  }
  Value toAccumulator(Value v) {
    Type type = v.getType();
    Type target = isa<VectorType>(type) ? Type(vectorType) : accType;
    if (type == target)
      return v;
    return arith::ExtFOp::create(b, target, v);
  }
  /// Loops over [0, size) for each of `sizes`: one scf.parallel if
  /// `parallel`, else nested scf.for.
  void parallelNest(ArrayRef<Value> sizes, bool parallel,
                    function_ref<void(ValueRange)> bodyFn);
  /// The loop nest over `outerSizes` with threads, for a packed kernel that
  /// fits the L2 cache: one parallel iteration per thread, which packs a
  /// kernel of its own and then sweeps its share of the `total` (their
  /// product) outer iterations.
  void emitThreadsWithOwnKernels(ArrayRef<Value> outerSizes, Value total);
  /// Calls `sweepFn(f0, vectors, mask)` for all output channel blocks, full
  /// ones then the leftover.
  void forEachChannelBlock(function_ref<void(Value, int64_t, Value)> sweepFn);
  /// The number of output channel blocks, the leftover one included.
  Value getChannelBlockCount();
  /// Calls `sweepFn` for output channel block `block`, full or leftover.
  void emitChannelBlock(Value block,
                        function_ref<void(Value, int64_t, Value)> sweepFn);
  /// With a static number of output channels, how many are left over after
  /// the full blocks.
  std::optional<int64_t> getStaticLeftover() const;
  /// Calls `sweepFn` for the leftover output channels from `f0` on.
  void emitLeftoverChannels(Value f0,
                            function_ref<void(Value, int64_t, Value)> sweepFn);
  /// The kernel in the order the micro-kernel reads it, so that each block
  /// of output channels streams one contiguous buffer without cache set
  /// conflicts: [F / W, C / g, taps, g * W] for blocks of W = V * lanes output
  /// channels (the last one padded with zeros) and groups of g input
  /// channels, interleaved: g = 2 for vdpbf16ps, else 1. The threads share
  /// the packing if `parallel`.
  Value packKernel(bool parallel);
  /// The input channel blocks of one block of output channels at `f0`.
  void emitChannelSweep(ValueRange outer, Value f0, int64_t vectors,
                        Value mask);
  /// The rows of one group, for one block of input channels.
  void emitRows(ValueRange outer, Value f0, int64_t vectors, Value mask,
                Value c0, Value c1);
  /// The tiles of one row of the last dim.
  void emitRowTiles(ValueRange outer, Value f0, int64_t vectors, Value mask,
                    Value c0, Value c1);
  /// Full tiles over columns [begin, end), then the columns left, a count
  /// below numRows known at run time: one tile of their count, or, where that
  /// tile has too few accumulators for the FMA latency, two tiles of about
  /// equal rows in place of it and the last full tile.
  void emitTilesOver(ValueRange outer, Value begin, Value end, Value f0,
                     int64_t vectors, Value mask, Value c0, Value c1);
  /// Cycles of one reduction step of a tile: its FMAs at the host's rate, or
  /// the latency of each accumulator's chain where it has fewer accumulators
  /// than the FMA units keep in flight.
  double getTileStepCycles(int64_t rows, int64_t vectors) const {
    return std::max(double(rows * vectors) / fmasPerCycle,
                    double(kFMALatencyCycles));
  }
  /// The tiles of one row of the last dim with an implicit padding and
  /// dynamic sizes.
  void emitDynamicRowTiles(ValueRange outer, Value f0, int64_t vectors,
                           Value mask, Value c0, Value c1);
  /// One tile of `rows` rows from `w0`; `edge` places it where it may have
  /// taps in the padding. With `loopLastTaps`, a 1-row tile of an implicit
  /// padding loops over the taps of the last dim that read the source, found
  /// at run time.
  void emitTile(ValueRange outer, Value w0, int64_t rows, Value f0,
                int64_t vectors, Value mask, Value c0, Value c1,
                std::optional<EdgeTile> edge = std::nullopt,
                bool loopLastTaps = false);

  /// The accumulator vectors of a tile, `epilogue` applied lane by lane,
  /// stored into `result`, its output or a view of it (same indices as the
  /// convolution's output).
  void storeThroughEpilogue(
      ArrayRef<Value> acc, int64_t rows, int64_t vectors, Value mask,
      Value result,
      function_ref<SmallVector<Value>(int64_t, int64_t)> outputIndices,
      function_ref<Value(int64_t)> channelIndex);

  Value input, kernel, output;
  AccumulatorInit init;
  /// The elementwise op (rounding, bias) that reads the output right after
  /// the convolution, if the kernel applies it as it stores.
  linalg::GenericOp epilogue;
  bool singleChannelBlock = false;
  int64_t threads, fmasPerCycle, vectorBits;
  Type accType;
  VectorType maskType;
  int64_t numSpatial;
  SmallVector<int64_t> dilations;
  /// With implicit padding (else empty), per spatial dim: see
  /// ImplicitPadding, and the static sizes of the kernel and output.
  SmallVector<int64_t> sourceShift, sourceSizes, kernelSizes, outputSizes;
  /// The sizes of the output and of the input (the source of an implicit
  /// padding), read once before the loops.
  SmallVector<Value> outputDims, inputDims;
  /// The shift of the first spatial dim where it is dynamic.
  Value firstShift;
  int64_t numVectors, numRows, channelBlock;
  int64_t rowGroup;
  /// The number of groups of rows, from getRowGroupCount.
  Value rowGroupCount;
  bool useBF16Dot;
  /// The type of the packed kernel, if isKernelPacked.
  std::optional<MemRefType> packedType;
  /// The global that holds the kernel packed at compile time, if any.
  FlatSymbolRefAttr constantPacked;
  /// The packed kernel, if isKernelPacked.
  Value packed;
};

void ConvolutionKernelEmitter::emit() {
  convt::IndexMath math(b, b.getLoc());
  for (int64_t d = 0; d < numSpatial + 2; ++d) {
    outputDims.push_back(convt::buildDimSize(b, output, d));
    inputDims.push_back(convt::buildDimSize(b, input, d));
  }
  // The batch and spatial sizes of the output (its channels come in blocks).
  SmallVector<OpFoldResult> sizes =
      getAsOpFoldResult(ArrayRef(outputDims).take_front(numSpatial + 1));
  // Threads share the groups of rows of every batch and outer spatial index.
  OpFoldResult others = math.cst(1);
  if (threads > 1)
    for (OpFoldResult size : ArrayRef(sizes).take_front(numSpatial - 1))
      others = math.mul(others, size);
  rowGroupCount =
      getRowGroupCount(sizes[numSpatial - 1], sizes[numSpatial], others);
  // Batch and every output spatial dim but the last, in groups of rows.
  SmallVector<Value> outerSizes = getValueOrCreateConstantIndexOp(
      b, b.getLoc(), ArrayRef(sizes).take_front(numSpatial));
  outerSizes.back() = rowGroupCount;
  // A kernel packed at compile time is read-only: the threads share it.
  if (constantPacked)
    packed = memref::GetGlobalOp::create(b, *packedType, constantPacked);
  else if (threads > 1 && isKernelPacked() && !isKernelLarge())
    return emitThreadsWithOwnKernels(
        outerSizes, math.value(math.mul(others, rowGroupCount)));
  else if (isKernelPacked())
    packed = packKernel(/*parallel=*/threads > 1);
  if (isKernelLarge()) {
    // Each block of output channels sweeps all rows while its slice of the
    // kernel stays in the L2 cache. With threads, blocks and groups of rows
    // form one parallel loop, blocks outermost: one fork and join, and
    // where the blocks divide among the threads each one sweeps the same
    // rows (edge rows with fewer taps included) for blocks of its own.
    SmallVector<Value> sizes{getChannelBlockCount()};
    sizes.append(outerSizes);
    parallelNest(sizes, threads > 1, [&](ValueRange ivs) {
      emitChannelBlock(ivs.front(), [&](Value f0, int64_t vectors, Value mask) {
        emitChannelSweep(ivs.drop_front(), f0, vectors, mask);
      });
    });
  } else {
    parallelNest(outerSizes, threads > 1, [&](ValueRange outer) {
      forEachChannelBlock([&](Value f0, int64_t vectors, Value mask) {
        emitChannelSweep(outer, f0, vectors, mask);
      });
    });
  }
  if (packed && !constantPacked)
    memref::DeallocOp::create(b, packed);
}

// A packed kernel shared by the threads sends each of them the rows that the
// other cores packed, from those cores' caches; on the VM, where the two cores
// were often far apart (a cache line round trip of 400-600 ns), a kernel of
// each thread's own made A, oddA and bf16 A 6-8%, C and oddC 3-5% faster at
// 2 threads. Threads that each packed and swept only blocks of output
// channels of their own (each reading the whole input) made A and oddA 2%
// faster on one day and 2-8% slower on another.
void ConvolutionKernelEmitter::emitThreadsWithOwnKernels(
    ArrayRef<Value> outerSizes, Value total) {
  // Thread t takes outer iterations [t * total / T, (t + 1) * total / T).
  auto share = [&](Value thread) {
    return arith::DivUIOp::create(b, arith::MulIOp::create(b, thread, total),
                                  cst(threads));
  };
  parallelNest({cst(threads)}, /*parallel=*/true, [&](ValueRange ivs) {
    packed = packKernel(/*parallel=*/false);
    Value next = arith::AddIOp::create(b, ivs[0], cst(1));
    emitLoop(share(ivs[0]), share(next), cst(1), [&](Value iteration) {
      SmallVector<Value> outer = convt::delinearize(b, iteration, outerSizes);
      forEachChannelBlock([&](Value f0, int64_t vectors, Value mask) {
        emitChannelSweep(outer, f0, vectors, mask);
      });
    });
    memref::DeallocOp::create(b, packed);
  });
}

Value ConvolutionKernelEmitter::packKernel(bool parallel) {
  auto kernelType = cast<MemRefType>(kernel.getType());
  int64_t numLanes = lanes();
  int64_t width = numVectors * numLanes, group = useBF16Dot ? 2 : 1;
  Value features = dim(kernel, numSpatial + 1);
  SmallVector<Value> tapSizes;
  Value taps = cst(1);
  for (int64_t j = 0; j < numSpatial; ++j) {
    tapSizes.push_back(dim(kernel, j));
    taps = arith::MulIOp::create(b, taps, tapSizes.back());
  }
  Value blocks = arith::CeilDivUIOp::create(b, features, cst(width));
  Value groups = arith::DivUIOp::create(b, dim(kernel, numSpatial), cst(group));
  SmallVector<Value> dynamicSizes;
  SmallVector<Value> sizes{blocks, groups, taps};
  for (auto [size, value] :
       llvm::zip(packedType->getShape().drop_back(), sizes))
    if (ShapedType::isDynamic(size))
      dynamicSizes.push_back(value);
  Value result = memref::AllocOp::create(b, *packedType, dynamicSizes,
                                         b.getI64IntegerAttr(64));

  auto rowType = VectorType::get({numLanes}, kernelType.getElementType());
  Value zero = arith::ConstantOp::create(b, rowType, b.getZeroAttr(rowType));
  // One row of the packed kernel: the block's channels (zeros past the
  // last) of the group's input channels at one tap.
  auto packRow = [&](Value block, Value channelGroup, ArrayRef<Value> tapIdx,
                     Value tap) {
    for (int64_t v = 0; v < numVectors; ++v) {
      Value f = arith::AddIOp::create(
          b, arith::MulIOp::create(b, block, cst(width)), cst(v * numLanes));
      Value rowMask = vector::CreateMaskOp::create(
          b, maskType, ValueRange{arith::SubIOp::create(b, features, f)});
      SmallVector<Value> rows;
      for (int64_t member = 0; member < group; ++member) {
        SmallVector<Value> idx(tapIdx);
        idx.append({arith::AddIOp::create(
                        b, arith::MulIOp::create(b, channelGroup, cst(group)),
                        cst(member)),
                    f});
        rows.push_back(vector::MaskedLoadOp::create(b, rowType, kernel, idx,
                                                    rowMask, zero));
      }
      Value row = group == 2 ? vector::InterleaveOp::create(b, rows[0], rows[1])
                             : rows[0];
      vector::StoreOp::create(
          b, row, result,
          ValueRange{block, channelGroup, tap, cst(v * numLanes * group)});
    }
  };
  // Channel groups outside blocks: each row of the kernel is read whole, once.
  // With blocks outside, a kernel over the L2 cache came from memory once per
  // block, a quarter of each line used each time for 256 features.
  parallelNest({groups, blocks}, parallel, [&](ValueRange ivs) {
    SmallVector<Value> tapIdx;
    std::function<void(int64_t)> nest = [&](int64_t j) {
      if (j == numSpatial)
        return packRow(ivs[1], ivs[0], tapIdx, linearTap(tapIdx));
      emitLoop(cst(0), tapSizes[j], cst(1), [&](Value k) {
        tapIdx.push_back(k);
        nest(j + 1);
        tapIdx.pop_back();
      });
    };
    nest(0);
  });
  return result;
}

void ConvolutionKernelEmitter::parallelNest(
    ArrayRef<Value> sizes, bool parallel,
    function_ref<void(ValueRange)> bodyFn) {
  SmallVector<Value> lbs(sizes.size(), cst(0)), steps(sizes.size(), cst(1));
  if (parallel) {
    scf::ParallelOp::create(
        b, lbs, sizes, steps, [&](OpBuilder &nb, Location loc, ValueRange ivs) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          bodyFn(ivs);
        });
    return;
  }
  SmallVector<Value> ivs;
  std::function<void(size_t)> nest = [&](size_t i) {
    if (i == sizes.size())
      return bodyFn(ivs);
    emitLoop(lbs[i], sizes[i], steps[i], [&](Value iv) {
      ivs.push_back(iv);
      nest(i + 1);
      ivs.pop_back();
    });
  };
  nest(0);
}

void ConvolutionKernelEmitter::emitChannelSweep(ValueRange outer, Value f0,
                                                int64_t vectors, Value mask) {
  Value channels = inputDims.back();
  emitLoop(cst(0), channels, cst(channelBlock), [&](Value c0) {
    Value c1 = arith::MinUIOp::create(
        b, arith::AddIOp::create(b, c0, cst(channelBlock)), channels);
    emitRows(outer, f0, vectors, mask, c0, c1);
  });
}

void ConvolutionKernelEmitter::forEachChannelBlock(
    function_ref<void(Value, int64_t, Value)> sweepFn) {
  Value features = outputDims.back();
  Value blockWidth = cst(numVectors * vectorType.getNumElements());
  Value fullEnd = arith::MulIOp::create(
      b, arith::DivUIOp::create(b, features, blockWidth), blockWidth);
  emitLoop(cst(0), fullEnd, blockWidth,
           [&](Value f0) { sweepFn(f0, numVectors, Value()); });
  if (getStaticLeftover() != 0)
    emitLeftoverChannels(fullEnd, sweepFn);
}

Value ConvolutionKernelEmitter::getChannelBlockCount() {
  return arith::CeilDivUIOp::create(
      b, outputDims.back(), cst(numVectors * vectorType.getNumElements()));
}

void ConvolutionKernelEmitter::emitChannelBlock(
    Value block, function_ref<void(Value, int64_t, Value)> sweepFn) {
  int64_t width = numVectors * vectorType.getNumElements();
  Value f0 = arith::MulIOp::create(b, block, cst(width));
  std::optional<int64_t> leftover = getStaticLeftover();
  if (leftover == 0)
    return sweepFn(f0, numVectors, Value());
  auto features = cast<MemRefType>(output.getType()).getShape().back();
  if (leftover && features < width)
    return emitLeftoverChannels(f0, sweepFn);
  Value full = arith::CmpIOp::create(b, arith::CmpIPredicate::ule,
                                     arith::AddIOp::create(b, f0, cst(width)),
                                     outputDims.back());
  ifThenElse(
      full, [&] { sweepFn(f0, numVectors, Value()); },
      [&] { emitLeftoverChannels(f0, sweepFn); });
}

std::optional<int64_t> ConvolutionKernelEmitter::getStaticLeftover() const {
  int64_t features = cast<MemRefType>(output.getType()).getShape().back();
  if (ShapedType::isDynamic(features))
    return std::nullopt;
  return features % (numVectors * vectorType.getNumElements());
}

void ConvolutionKernelEmitter::emitLeftoverChannels(
    Value f0, function_ref<void(Value, int64_t, Value)> sweepFn) {
  // With a static count, one block of the remaining vectors, the last one
  // masked if partial; else one masked vector at a time.
  int64_t numLanes = lanes();
  Value features = outputDims.back();
  if (std::optional<int64_t> leftover = getStaticLeftover()) {
    Value mask;
    if (*leftover % numLanes)
      mask = vector::CreateMaskOp::create(
          b, maskType, ValueRange{cst(*leftover % numLanes)});
    sweepFn(f0, llvm::divideCeil(*leftover, numLanes), mask);
    return;
  }
  emitLoop(f0, features, cst(numLanes), [&](Value vectorStart) {
    Value remaining = arith::SubIOp::create(b, features, vectorStart);
    Value mask =
        vector::CreateMaskOp::create(b, maskType, ValueRange{remaining});
    sweepFn(vectorStart, 1, mask);
  });
}

void ConvolutionKernelEmitter::emitRows(ValueRange outer, Value f0,
                                        int64_t vectors, Value mask, Value c0,
                                        Value c1) {
  // The last outer index counts groups of rows, whose sizes differ by at
  // most one so that threads get even shares: 17 rows in groups of up to 5
  // are 5, 4, 4, 4, not 5, 5, 5, 2.
  Value size = outputDims[numSpatial - 1];
  auto groupStart = [&](Value group) -> Value {
    return arith::DivUIOp::create(b, arith::MulIOp::create(b, group, size),
                                  rowGroupCount);
  };
  Value next = arith::AddIOp::create(b, outer.back(), cst(1));
  emitLoop(groupStart(outer.back()), groupStart(next), cst(1), [&](Value row) {
    SmallVector<Value> rowOuter(outer);
    rowOuter.back() = row;
    emitRowTiles(rowOuter, f0, vectors, mask, c0, c1);
  });
}

std::pair<Value, Value> ConvolutionKernelEmitter::tapsInSource(int64_t dim,
                                                               Value pos) {
  if (hasStaticSizes(dim) && readsOnlySource(dim, 0, outputSizes[dim]))
    return {cst(0), cst(kernelSizes[dim])};
  // Tap k reads source index pos + shift + k * d.
  Value first = arith::AddIOp::create(b, pos, getShift(dim));
  return convt::buildTapsInSource(b, first, input, dim + 1, dilations[dim],
                                  kernelSizes[dim]);
}

void ConvolutionKernelEmitter::emitRowTiles(ValueRange outer, Value f0,
                                            int64_t vectors, Value mask,
                                            Value c0, Value c1) {
  int64_t rows = numRows, last = numSpatial - 1;
  bool padded = !sourceShift.empty();
  if (padded && hasStaticSizes(last)) {
    // Static width: the tiles with taps in the padding, at the ends, are
    // emitted one by one; the loop covers the others.
    int64_t width = outputSizes[last];
    int64_t full = width / rows, first = 0;
    while (first < full &&
           !readsOnlySource(last, first * rows, (first + 1) * rows))
      ++first;
    int64_t end = first;
    while (end < full && readsOnlySource(last, end * rows, (end + 1) * rows))
      ++end;
    auto tileAt = [&](int64_t tile, int64_t size) {
      emitTile(outer, cst(tile * rows), size, f0, vectors, mask, c0, c1,
               EdgeTile{tile * rows});
    };
    for (int64_t tile = 0; tile < first; ++tile)
      tileAt(tile, rows);
    if (end > first)
      emitLoop(cst(first * rows), cst(end * rows), cst(rows), [&](Value w0) {
        emitTile(outer, w0, rows, f0, vectors, mask, c0, c1);
      });
    for (int64_t tile = end; tile < full; ++tile)
      tileAt(tile, rows);
    if (width % rows)
      tileAt(full, width % rows);
    return;
  }
  if (padded)
    return emitDynamicRowTiles(outer, f0, vectors, mask, c0, c1);
  Value width = outputDims[numSpatial];
  int64_t staticWidth =
      cast<MemRefType>(output.getType()).getShape()[numSpatial];
  if (ShapedType::isDynamic(staticWidth))
    return emitTilesOver(outer, cst(0), width, f0, vectors, mask, c0, c1);
  // Static width: the leftover rows take one tile.
  Value rowBlock = cst(rows);
  Value fullEnd = arith::MulIOp::create(
      b, arith::DivUIOp::create(b, width, rowBlock), rowBlock);
  emitLoop(cst(0), fullEnd, rowBlock, [&](Value w0) {
    emitTile(outer, w0, rows, f0, vectors, mask, c0, c1);
  });
  if (int64_t leftover = staticWidth % rows)
    emitTile(outer, fullEnd, leftover, f0, vectors, mask, c0, c1);
}

void ConvolutionKernelEmitter::emitTilesOver(ValueRange outer, Value begin,
                                             Value end, Value f0,
                                             int64_t vectors, Value mask,
                                             Value c0, Value c1) {
  int64_t rows = numRows;
  Value rowBlock = cst(rows);
  Value count = arith::SubIOp::create(b, end, begin);
  Value fullEnd = arith::AddIOp::create(
      b, begin,
      arith::MulIOp::create(b, arith::DivUIOp::create(b, count, rowBlock),
                            rowBlock));
  // One tile of a count below `rows`, from a switch over the count with a
  // case per count: tiles by the bits of the count (4, 2, 1) are narrow, and
  // their few accumulators leave the FMA units idle (F in bench/ with dynamic
  // sizes: 1.10x faster, oddF 1.12x).
  auto leftoverTile = [&](Value start, Value size) {
    convt::buildCountSwitch(b, size, rows, [&](int64_t tileRows) {
      emitTile(outer, start, tileRows, f0, vectors, mask, c0, c1);
    });
  };
  // Leftover counts in [1, split) take, with the last full tile's rows, two
  // tiles of about equal rows, where that is faster by getTileStepCycles:
  // 4 + 1 rows of 4 vectors as 3 + 2 (oddC in bench/ with a dynamic width:
  // 1.04x faster). Smaller counts gain more, so they form a range; both
  // tiles are below `rows`, cases of the same switch.
  auto pairCycles = [&](int64_t total) {
    return getTileStepCycles((total + 1) / 2, vectors) +
           getTileStepCycles(total / 2, vectors);
  };
  int64_t split = 1;
  while (split + 1 < rows &&
         pairCycles(rows + split) < getTileStepCycles(rows, vectors) +
                                        getTileStepCycles(split, vectors))
    ++split;
  // With pairs, `pair` says whether this row takes one, and the full tiles
  // then stop one tile early.
  Value start = fullEnd, pair;
  if (split > 1) {
    auto compare = [&](arith::CmpIPredicate predicate, Value lhs,
                       int64_t rhs) -> Value {
      return arith::CmpIOp::create(b, predicate, lhs, cst(rhs));
    };
    Value leftover = arith::SubIOp::create(b, end, fullEnd);
    Value afterFullTile = compare(arith::CmpIPredicate::uge, count, rows);
    Value anyLeft = compare(arith::CmpIPredicate::ne, leftover, 0);
    Value fewLeft = compare(arith::CmpIPredicate::ult, leftover, split);
    pair = arith::AndIOp::create(b, afterFullTile,
                                 arith::AndIOp::create(b, anyLeft, fewLeft));
    start = arith::SelectOp::create(
        b, pair, arith::SubIOp::create(b, fullEnd, rowBlock), fullEnd);
  }
  emitLoop(begin, start, rowBlock, [&](Value w0) {
    emitTile(outer, w0, rows, f0, vectors, mask, c0, c1);
  });
  if (rows == 1)
    return;
  if (!pair)
    return leftoverTile(fullEnd, arith::SubIOp::create(b, end, fullEnd));
  // The pair's tiles, or the one leftover tile, each through the switch.
  Value total = arith::SubIOp::create(b, end, start);
  Value first = arith::SelectOp::create(
      b, pair, arith::CeilDivUIOp::create(b, total, cst(2)), total);
  Value tileCount = arith::SelectOp::create(b, pair, cst(2), cst(1));
  emitLoop(cst(0), tileCount, cst(1), [&](Value tile) {
    Value w0 =
        arith::AddIOp::create(b, start, arith::MulIOp::create(b, tile, first));
    leftoverTile(w0, arith::MinUIOp::create(b, first,
                                            arith::SubIOp::create(b, end, w0)));
  });
}

// The columns whose taps all read the source are [begin, end). Where they
// fit, the tiles at the ends are `rows` wide, their rows and taps in the
// padding skipped at compile time: the left ones from column 0, the right one
// with `sourceEnd` as its last column, the first column whose last tap reads
// past the source (the only one past it that SAME padding of an odd kernel
// has). The columns left take 1-row tiles whose taps of the last dim loop
// over the range found at run time (E with dynamic sizes: 1.08x faster than
// with 1-row tiles for every column off [begin, end)).
void ConvolutionKernelEmitter::emitDynamicRowTiles(ValueRange outer, Value f0,
                                                   int64_t vectors, Value mask,
                                                   Value c0, Value c1) {
  int64_t rows = numRows, last = numSpatial - 1;
  int64_t before = std::max<int64_t>(0, -sourceShift[last]);
  Value width = outputDims[numSpatial];
  Value begin = arith::MinSIOp::create(b, cst(before), width);
  Value sourceEnd = arith::SubIOp::create(b, inputDims[numSpatial],
                                          cst(reach(last) + sourceShift[last]));
  Value sourceLimit = arith::MinSIOp::create(b, width, sourceEnd);
  Value end = arith::MaxSIOp::create(b, begin, sourceLimit);
  auto edgeColumns = [&](Value from, Value to) {
    emitLoop(from, to, cst(1), [&](Value w0) {
      emitTile(outer, w0, 1, f0, vectors, mask, c0, c1, std::nullopt,
               /*loopLastTaps=*/true);
    });
  };
  auto select = [&](Value condition, Value ifTrue, Value ifFalse) -> Value {
    return arith::SelectOp::create(b, condition, ifTrue, ifFalse);
  };
  auto lessOrEqual = [&](Value lhs, Value rhs) -> Value {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::sle, lhs, rhs);
  };
  // Left: whole tiles over the columns before the source, all before both
  // the width and `sourceEnd`.
  int64_t leftEnd = llvm::alignTo(before, rows);
  Value interiorBegin = begin;
  if (leftEnd > 0) {
    Value leftFits = lessOrEqual(cst(leftEnd), sourceLimit);
    ifThenElse(
        leftFits,
        [&] {
          for (int64_t column = 0; column < leftEnd; column += rows)
            emitTile(outer, cst(column), rows, f0, vectors, mask, c0, c1,
                     EdgeTile{column});
        },
        [&] { edgeColumns(cst(0), begin); });
    interiorBegin = select(leftFits, cst(leftEnd), begin);
  }
  // Right: one tile up to `sourceEnd`, which `end` then is, inside the width
  // and after the interior's start.
  Value rightStart = arith::SubIOp::create(b, sourceEnd, cst(rows - 1));
  Value rightFits = arith::AndIOp::create(
      b, arith::CmpIOp::create(b, arith::CmpIPredicate::slt, sourceEnd, width),
      lessOrEqual(interiorBegin, rightStart));
  emitTilesOver(outer, interiorBegin, select(rightFits, rightStart, end), f0,
                vectors, mask, c0, c1);
  ifThenElse(
      rightFits,
      [&] {
        emitTile(outer, rightStart, rows, f0, vectors, mask, c0, c1,
                 EdgeTile{1 - rows, /*fromSourceEnd=*/true});
      },
      [] {});
  edgeColumns(
      select(rightFits, arith::AddIOp::create(b, sourceEnd, cst(1)), end),
      width);
}

void ConvolutionKernelEmitter::emitTile(ValueRange outer, Value w0,
                                        int64_t rows, Value f0, int64_t vectors,
                                        Value mask, Value c0, Value c1,
                                        std::optional<EdgeTile> edge,
                                        bool loopLastTaps) {
  int64_t numLanes = lanes();
  auto channelIndex = [&](int64_t v) {
    return arith::AddIOp::create(b, f0, cst(v * numLanes)).getResult();
  };
  // With dynamic sizes, the tile accesses its output row through views, as
  // the channel loop does its input row.
  bool viewRows = !cast<MemRefType>(output.getType()).hasStaticShape();
  auto rowView = [&](Value memref) {
    return viewRows ? viewAt(memref, outer) : memref;
  };
  Value outputRow = rowView(output);
  auto outputIndices = [&](int64_t r, int64_t v) {
    SmallVector<Value> idx(viewRows ? ValueRange() : outer);
    idx.push_back(arith::AddIOp::create(b, w0, cst(r)));
    idx.push_back(channelIndex(v));
    return idx;
  };
  // The mask, if any, covers the last vector of the block.
  auto isMasked = [&](int64_t v) { return mask && v == vectors - 1; };
  auto loadVector = [&](Value memref, ValueRange idx, bool masked) -> Value {
    auto type =
        VectorType::get(vectorType.getShape(),
                        cast<MemRefType>(memref.getType()).getElementType());
    if (!masked)
      return vector::LoadOp::create(b, type, memref, idx);
    Value passThru = arith::ConstantOp::create(b, type, b.getZeroAttr(type));
    return vector::MaskedLoadOp::create(b, type, memref, idx, mask, passThru);
  };

  auto loadOutput = [&] {
    SmallVector<Value> acc;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v)
        acc.push_back(toAccumulator(
            loadVector(outputRow, outputIndices(r, v), isMasked(v))));
    return acc;
  };
  auto initialValues = [&] {
    SmallVector<Value> perVector;
    for (int64_t v = 0; v < vectors; ++v)
      perVector.push_back(
          init.bias ? loadVector(init.bias, channelIndex(v), isMasked(v))
                    : vector::BroadcastOp::create(b, vectorType, init.scalar)
                          .getResult());
    SmallVector<Value> acc;
    for (int64_t r = 0; r < rows; ++r)
      llvm::append_range(acc, perVector);
    return acc;
  };
  SmallVector<Value> acc;
  if (!init.op) {
    acc = loadOutput();
  } else if (singleChannelBlock) {
    acc = initialValues();
  } else {
    // The first input channel block starts from the initial value.
    Value first =
        arith::CmpIOp::create(b, arith::CmpIPredicate::eq, c0, cst(0));
    auto branch = [&](function_ref<SmallVector<Value>()> valuesFn) {
      return [&, valuesFn](OpBuilder &nb, Location) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        scf::YieldOp::create(b, valuesFn());
      };
    };
    acc = scf::IfOp::create(b, first, branch(initialValues), branch(loadOutput))
              .getResults();
  }

  // Input pixel of row 0: o_j + k_j * d_j on the outer dims, w0 + k * d on
  // the last one (plus the shift into the source of an implicit padding).
  auto inputPosition = [&](int64_t j, Value tap) -> Value {
    Value base = j + 1 < numSpatial ? outer[j + 1] : w0;
    Value pos = arith::AddIOp::create(
        b, base, arith::MulIOp::create(b, tap, cst(dilations[j])));
    if (!sourceShift.empty() && sourceShift[j])
      pos = arith::AddIOp::create(b, pos, getShift(j));
    return pos;
  };
  // With dynamic sizes, the taps looped around the channel loop make views
  // before it, of the input row and of the kernel at those taps: their
  // addresses are then computed once, not per channel from the dynamic
  // strides, which also held registers the channel loop lacked (F with
  // dynamic sizes: 3% faster).
  Value inputRow, kernelAtTaps;
  int64_t viewedTaps = 0;
  auto makeViews = [&](ArrayRef<Value> taps) {
    SmallVector<Value> pixel{outer[0]};
    for (int64_t j = 0; j + 1 < numSpatial; ++j)
      pixel.push_back(inputPosition(j, taps[j]));
    inputRow = viewAt(input, pixel);
    if (taps.empty())
      return;
    viewedTaps = taps.size();
    kernelAtTaps = viewAt(kernel, taps);
  };
  // The indices of the input pixel of row 0 (in the row view, if any).
  auto inputIndices = [&](ArrayRef<Value> taps, Value c) {
    SmallVector<Value> idx;
    if (!inputRow)
      for (int64_t j = -1; j + 1 < numSpatial; ++j)
        idx.push_back(j < 0 ? outer[0] : inputPosition(j, taps[j]));
    idx.push_back(inputPosition(numSpatial - 1, taps[numSpatial - 1]));
    idx.push_back(c);
    return idx;
  };
  // Whether row r reads the source at the static tap `lastTap` of the last
  // dim (none where the taps are loop indices: no implicit padding there).
  // Only the tiles with an `edge` have last taps in the padding.
  auto rowReadsSource = [&](int64_t r, std::optional<int64_t> lastTap) {
    return !edge || !lastTap || readsSource(*edge, r, *lastTap);
  };
  auto nextRow = [&](SmallVector<Value> idx, int64_t r) {
    Value &column = idx[idx.size() - 2];
    column = arith::AddIOp::create(b, column, cst(r));
    return idx;
  };
  // The packed kernel's block of output channels at f0 and the offset of f0
  // in it (not 0 for the one-vector blocks of a dynamic channel count).
  int64_t blockWidth = numVectors * numLanes;
  Value block = arith::DivUIOp::create(b, f0, cst(blockWidth));
  Value blockOffset = arith::RemUIOp::create(b, f0, cst(blockWidth));
  auto packedIndices = [&](Value tap, Value channelGroup, int64_t v,
                           int64_t group) {
    Value column = arith::MulIOp::create(
        b, arith::AddIOp::create(b, blockOffset, cst(v * numLanes)),
        cst(group));
    return SmallVector<Value>{block, channelGroup, tap, column};
  };
  // LLVM's schedule follows the order of a step, which sets the registers
  // it needs.
  bool rowsFirst = convt::broadcastsRowsFirst(rows, vectors, vectorBits);
  // One reduction step: kernel vectors of tap `taps` and channel `c`, times
  // the broadcast input pixels of the `rows` rows. The packed kernel needs no
  // masks: it holds zeros past the last output channel.
  auto step = [&](ArrayRef<Value> taps, std::optional<int64_t> lastTap, Value c,
                  MutableArrayRef<Value> sums) {
    // The kernel in place: unpacked, or the odd channel left by the pairs of
    // vdpbf16ps, which the packed kernel lacks.
    bool readsKernel = !packed || useBF16Dot;
    Value tap = readsKernel ? Value() : linearTap(taps);
    auto loadWeight = [&](int64_t v) {
      if (!readsKernel)
        return toAccumulator(
            loadVector(packed, packedIndices(tap, c, v, 1), false));
      SmallVector<Value> idx(taps.drop_front(viewedTaps));
      idx.append({c, channelIndex(v)});
      return toAccumulator(
          loadVector(kernelAtTaps ? kernelAtTaps : kernel, idx, isMasked(v)));
    };
    // Computed where each order needs it: moving it changes the machine code.
    SmallVector<Value> inputIdx;
    // The broadcast pixel of row `r`, or null where it reads the padding.
    auto broadcastRow = [&](int64_t r) -> Value {
      if (!rowReadsSource(r, lastTap))
        return {};
      Value pixel = toAccumulator(memref::LoadOp::create(
          b, inputRow ? inputRow : input, nextRow(inputIdx, r)));
      return vector::BroadcastOp::create(b, vectorType, pixel);
    };
    auto fma = [&](Value pixel, Value weight, int64_t r, int64_t v) {
      sums[r * vectors + v] =
          vector::FMAOp::create(b, pixel, weight, sums[r * vectors + v]);
    };
    if (rowsFirst) {
      inputIdx = inputIndices(taps, c);
      SmallVector<Value> pixels;
      for (int64_t r = 0; r < rows; ++r)
        pixels.push_back(broadcastRow(r));
      for (int64_t v = 0; v < vectors; ++v) {
        Value weight = loadWeight(v);
        for (int64_t r = 0; r < rows; ++r)
          if (pixels[r])
            fma(pixels[r], weight, r, v);
      }
      return;
    }
    SmallVector<Value> weights;
    for (int64_t v = 0; v < vectors; ++v)
      weights.push_back(loadWeight(v));
    inputIdx = inputIndices(taps, c);
    for (int64_t r = 0; r < rows; ++r)
      if (Value pixel = broadcastRow(r))
        for (int64_t v = 0; v < vectors; ++v)
          fma(pixel, weights[v], r, v);
  };
  // The same for the even channel `c` and `c + 1` at once with vdpbf16ps:
  // each f32 lane adds x[c] * w[c][f] + x[c + 1] * w[c + 1][f], from the
  // broadcast pixel pair and the packed kernel's interleaved pair of rows.
  auto pairStep = [&](ArrayRef<Value> taps, std::optional<int64_t> lastTap,
                      Value c, MutableArrayRef<Value> sums) {
    auto pairsType = VectorType::get({2 * numLanes}, b.getBF16Type());
    Value pair = arith::DivUIOp::create(b, c, cst(2));
    Value tap = linearTap(taps);
    SmallVector<Value> weights;
    for (int64_t v = 0; v < vectors; ++v)
      weights.push_back(vector::LoadOp::create(b, pairsType, packed,
                                               packedIndices(tap, pair, v, 2)));
    SmallVector<Value> inputIdx = inputIndices(taps, c);
    auto pixelPairType = VectorType::get({2}, b.getBF16Type());
    auto wordType = VectorType::get({1}, b.getI32Type());
    auto wordsType = VectorType::get({numLanes}, b.getI32Type());
    for (int64_t r = 0; r < rows; ++r) {
      if (!rowReadsSource(r, lastTap))
        continue;
      Value pixels = vector::LoadOp::create(
          b, pixelPairType, inputRow ? inputRow : input, nextRow(inputIdx, r));
      Value word = vector::ExtractOp::create(
          b, vector::BitCastOp::create(b, wordType, pixels), 0);
      Value broadcast = vector::BitCastOp::create(
          b, pairsType, vector::BroadcastOp::create(b, wordsType, word));
      for (int64_t v = 0; v < vectors; ++v)
        sums[r * vectors + v] = x86vector::DotBF16Op::create(
            b, vectorType, sums[r * vectors + v], broadcast, weights[v]);
    }
  };
  // A loop over [lb, ub) carrying the accumulators.
  auto reductionLoop =
      [&](Value lb, Value ub, int64_t stride, ValueRange carried,
          function_ref<void(Value, MutableArrayRef<Value>)> bodyFn) {
        return forLoop(lb, ub, stride, SmallVector<Value>(carried),
                       [&](Value iv, SmallVector<Value> sums) {
                         bodyFn(iv, sums);
                         return sums;
                       });
      };
  // The input channels [c0, c1): with vdpbf16ps, pairs of channels, then the
  // odd one left, if any.
  auto channelLoop =
      [&](ValueRange carried,
          function_ref<void(Value, bool, MutableArrayRef<Value>)> bodyFn) {
        auto single = [&](Value c, MutableArrayRef<Value> sums) {
          bodyFn(c, /*pair=*/false, sums);
        };
        if (!useBF16Dot)
          return reductionLoop(c0, c1, 1, carried, single);
        auto pairs = [&](Value c, MutableArrayRef<Value> sums) {
          bodyFn(c, /*pair=*/true, sums);
        };
        // With an even static channel count no block has an odd channel
        // (channelBlock is even), and the kernel in place is never read.
        int64_t channels = cast<MemRefType>(input.getType()).getShape().back();
        if (!ShapedType::isDynamic(channels) && channels % 2 == 0)
          return reductionLoop(c0, c1, 2, carried, pairs);
        Value odd =
            arith::RemUIOp::create(b, arith::SubIOp::create(b, c1, c0), cst(2));
        Value pairEnd = arith::SubIOp::create(b, c1, odd);
        SmallVector<Value> sums = reductionLoop(c0, pairEnd, 2, carried, pairs);
        return reductionLoop(pairEnd, c1, 1, sums, single);
      };
  auto tapStep = [&](ArrayRef<Value> taps, std::optional<int64_t> lastTap,
                     Value c, bool pair, MutableArrayRef<Value> sums) {
    if (pair)
      pairStep(taps, lastTap, c, sums);
    else
      step(taps, lastTap, c, sums);
  };

  auto kernelShape =
      cast<MemRefType>(kernel.getType()).getShape().take_front(numSpatial);
  int64_t numTaps = 1;
  for (int64_t size : kernelShape)
    numTaps =
        ShapedType::isDynamic(size) ? kMaxUnrolledTaps + 1 : numTaps * size;
  bool padded = !sourceShift.empty();
  if (numTaps <= kMaxUnrolledTaps && !padded) {
    // Few static taps: unroll them inside the channel loop, whose back edge
    // is then the only branch of the reduction.
    acc =
        channelLoop(acc, [&](Value c, bool pair, MutableArrayRef<Value> sums) {
          for (int64_t tap = 0; tap < numTaps; ++tap) {
            SmallVector<Value> taps;
            for (int64_t j = 0, rest = tap; j < numSpatial; ++j) {
              int64_t inner = 1;
              for (int64_t size : kernelShape.drop_front(j + 1))
                inner *= size;
              taps.push_back(cst(rest / inner));
              rest %= inner;
            }
            tapStep(taps, tap % kernelShape.back(), c, pair, sums);
          }
        });
  } else {
    // Loops over the taps around the channel loop: of every dim for many or
    // dynamic taps; with implicit padding, of the outer dims (their ranges
    // clamped at the padding; all taps in the rows away from it), with the
    // last dim's taps unrolled inside.
    int64_t loopedDims = padded && !loopLastTaps ? numSpatial - 1 : numSpatial;
    SmallVector<Value> taps;
    std::function<SmallVector<Value>(int64_t, ValueRange)> nest =
        [&](int64_t j, ValueRange carried) -> SmallVector<Value> {
      if (j == loopedDims &&
          !cast<MemRefType>(input.getType()).hasStaticShape())
        makeViews(taps);
      if (j == loopedDims)
        return channelLoop(
            carried, [&](Value c, bool pair, MutableArrayRef<Value> sums) {
              if (loopedDims == numSpatial)
                return tapStep(taps, std::nullopt, c, pair, sums);
              for (int64_t k = 0; k < kernelSizes[j]; ++k) {
                taps.push_back(cst(k));
                tapStep(taps, k, c, pair, sums);
                taps.pop_back();
              }
            });
      auto [lo, hi] =
          padded ? tapsInSource(j, j + 1 < numSpatial ? outer[j + 1] : w0)
                 : std::make_pair(cst(0), dim(kernel, j));
      return reductionLoop(lo, hi, 1, carried,
                           [&](Value k, MutableArrayRef<Value> sums) {
                             taps.push_back(k);
                             SmallVector<Value> results = nest(j + 1, sums);
                             taps.pop_back();
                             llvm::copy(results, sums.begin());
                           });
    };
    acc = nest(0, acc);
  }

  auto storeOutput = [&] {
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v) {
        SmallVector<Value> idx = outputIndices(r, v);
        if (isMasked(v))
          vector::MaskedStoreOp::create(b, outputRow, idx, mask,
                                        acc[r * vectors + v]);
        else
          vector::StoreOp::create(b, acc[r * vectors + v], outputRow, idx);
      }
  };
  auto storeFinal = [&] {
    storeThroughEpilogue(acc, rows, vectors, mask,
                         rowView(epilogue.getDpsInits()[0]), outputIndices,
                         channelIndex);
  };
  if (!epilogue)
    return storeOutput();
  if (singleChannelBlock)
    return storeFinal();
  // The last block of input channels stores through the epilogue, the
  // others keep the partial sums in the output.
  Value last =
      arith::CmpIOp::create(b, arith::CmpIPredicate::eq, c1, inputDims.back());
  ifThenElse(last, storeFinal, storeOutput);
}

void ConvolutionKernelEmitter::storeThroughEpilogue(
    ArrayRef<Value> acc, int64_t rows, int64_t vectors, Value mask,
    Value result,
    function_ref<SmallVector<Value>(int64_t, int64_t)> outputIndices,
    function_ref<Value(int64_t)> channelIndex) {
  Block &body = epilogue.getRegion().front();
  // Argument i + 1 of the body is input i + 1, a vector over the channels.
  SmallVector<Value> inputs = epilogue.getDpsInputs();
  int64_t numLanes = lanes();
  auto vectorOf = [&](Type type) { return VectorType::get({numLanes}, type); };
  for (int64_t v = 0; v < vectors; ++v) {
    bool masked = mask && v == vectors - 1;
    // The per-channel operands (a bias), loaded once per vector column.
    IRMapping perChannel;
    for (auto [operand, arg] : llvm::zip(ArrayRef(inputs).drop_front(),
                                         body.getArguments().drop_front())) {
      VectorType type = vectorOf(arg.getType());
      Value idx = channelIndex(v);
      perChannel.map(
          arg,
          masked ? vector::MaskedLoadOp::create(
                       b, type, operand, idx, mask,
                       arith::ConstantOp::create(b, type, b.getZeroAttr(type)))
                       .getResult()
                 : vector::LoadOp::create(b, type, operand, idx).getResult());
    }
    for (int64_t r = 0; r < rows; ++r) {
      IRMapping mapping = perChannel;
      mapping.map(body.getArgument(0), acc[r * vectors + v]);
      for (Operation &op : body.without_terminator()) {
        Operation *vectorOp = b.clone(op, mapping);
        for (OpResult res : vectorOp->getResults())
          res.setType(vectorOf(res.getType()));
      }
      Value value = mapping.lookup(body.getTerminator()->getOperand(0));
      SmallVector<Value> idx = outputIndices(r, v);
      if (masked)
        vector::MaskedStoreOp::create(b, result, idx, mask, value);
      else
        vector::StoreOp::create(b, value, result, idx);
    }
  }
}

/// The fill or bias broadcast that initializes the output of `conv` just
/// before it, if the micro-kernel can take it over: at least one input channel
/// (else the reduction loop, which writes the initial value, never runs) and a
/// bias it can load as vectors.
AccumulatorInit findFusableInit(linalg::LinalgOp conv) {
  int64_t channels =
      cast<MemRefType>(conv.getDpsInputs()[0].getType()).getShape().back();
  if (ShapedType::isDynamic(channels) || channels == 0)
    return {};
  AccumulatorInit init = convt::findAccumulatorInit(conv);
  if (init.bias && !convt::isInnerContiguous(init.bias))
    return {};
  return init;
}

/// The elementwise op right after `conv` (nothing that may touch memory in
/// between) that reads its output and writes another buffer, if the kernel
/// can apply it as it stores: `conv`'s output is an allocation that nothing
/// else (but `init` and its deallocation) uses; the op's other inputs are
/// contiguous vectors over the output channels (a bias) and its output has
/// contiguous channels, all defined before `conv`; its body holds only
/// elementwise arith ops on its arguments. Its output must be (a view of)
/// an allocation that the convolution does not read: the kernel writes it
/// while it still reads its inputs.
linalg::GenericOp findFusableEpilogue(linalg::LinalgOp conv,
                                      const AccumulatorInit &init,
                                      DominanceInfo &dominance) {
  Value output = conv.getDpsInits()[0];
  if (!output.getDefiningOp<memref::AllocOp>())
    return {};
  Operation *next = conv->getNextNode();
  while (next && isMemoryEffectFree(next))
    next = next->getNextNode();
  auto generic = dyn_cast_if_present<linalg::GenericOp>(next);
  if (!generic || !generic.hasPureBufferSemantics() ||
      generic.getNumDpsInits() != 1 || generic.getNumDpsInputs() < 1 ||
      generic.getDpsInputs()[0] != output ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return {};
  auto outputType = cast<MemRefType>(output.getType());
  int64_t rank = outputType.getRank();
  Value result = generic.getDpsInits()[0];
  auto resultType = cast<MemRefType>(result.getType());
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  AffineMap channelMap =
      AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, generic.getContext()));
  auto dominatesConv = [&](Value v) {
    return dominance.properlyDominates(v, conv);
  };
  SmallVector<Value> inputs = generic.getDpsInputs();
  SmallVector<Value> reads = conv.getDpsInputs();
  llvm::append_range(reads, ArrayRef(inputs).drop_front());
  if (init.bias)
    reads.push_back(init.bias);
  Value resultRoot = convt::getUnderlyingBuffer(result);
  if (!resultRoot.getDefiningOp<memref::AllocOp>() ||
      llvm::any_of(reads, [&](Value v) {
        return convt::getUnderlyingBuffer(v) == resultRoot;
      }))
    return {};
  if (!maps.front().isIdentity() || !maps.back().isIdentity() ||
      resultType.getShape() != outputType.getShape() ||
      !isa<FloatType>(resultType.getElementType()) ||
      !convt::isInnerContiguous(result) || !dominatesConv(result))
    return {};
  for (auto [operand, map] :
       llvm::zip(ArrayRef(inputs).drop_front(), ArrayRef(maps).drop_front())) {
    auto type = dyn_cast<MemRefType>(operand.getType());
    if (!type || type.getRank() != 1 || map != channelMap ||
        !isa<FloatType>(type.getElementType()) ||
        !convt::isInnerContiguous(operand) || !dominatesConv(operand))
      return {};
  }
  Block &body = generic.getRegion().front();
  for (Operation &op : body.without_terminator())
    if (op.getDialect()->getNamespace() != "arith" ||
        !op.hasTrait<OpTrait::Elementwise>() || op.getNumRegions() ||
        !isMemoryEffectFree(&op) || op.getNumResults() != 1 ||
        llvm::any_of(op.getOperands(),
                     [&](Value v) { return v.getParentBlock() != &body; }))
      return {};
  Value yielded = body.getTerminator()->getOperand(0);
  if (yielded.getParentBlock() != &body ||
      !body.getArguments().back().use_empty())
    return {};
  for (Operation *user : output.getUsers())
    if (user != conv && user != generic && user != init.op &&
        !isa<memref::DeallocOp>(user))
      return {};
  return generic;
}

/// The source and target of a memref.copy or a linalg.copy on buffers.
std::optional<std::pair<Value, Value>> getCopyOperands(Operation *op) {
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return std::make_pair(copy.getSource(), copy.getTarget());
  if (auto copy = dyn_cast<linalg::CopyOp>(op);
      copy && copy.hasPureBufferSemantics())
    return std::make_pair(copy.getInputs()[0], copy.getOutputs()[0]);
  return std::nullopt;
}

/// A convolution that reads a PaddedBuffer, at `spatialOffsets` into it
/// (through a view, or zeros), which is `padding` of the buffer's source.
struct PaddedBufferReader {
  Operation *conv;
  ImplicitPadding padding;
  SmallVector<OpFoldResult> spatialOffsets;
};

/// A buffer written as the zero padding of `source` (bufferized
/// tensor.pad: a zero fill, then a copy into a window) that only
/// convolutions read, each through a view with static offsets, but for the
/// first of two or more spatial dims.
struct PaddedBuffer {
  memref::AllocOp alloc;
  Operation *fill = nullptr, *copy = nullptr;
  memref::SubViewOp window;
  SmallVector<PaddedBufferReader> readers;
  /// The last op in the alloc's block that reads the buffer, itself or in a
  /// loop.
  Operation *lastReader = nullptr;
};

/// `alloc` as a PaddedBuffer whose readers are all in `convolutions`, if it
/// is one: the fill before the copy in one block, the readers after the
/// copy in that block or in loops there, and nothing after the copy that may
/// write the source.
std::optional<PaddedBuffer>
findPaddedBuffer(memref::AllocOp alloc,
                 const llvm::SmallPtrSetImpl<Operation *> &convolutions) {
  auto type = alloc.getType();
  if (type.getRank() < 3 || type.isDynamicDim(type.getRank() - 1))
    return std::nullopt;
  int64_t rank = type.getRank();
  // Strides 1 and static offsets, but for the first spatial dim's with two
  // or more (the spatial sizes may be dynamic: the window has those of the
  // source it copies).
  auto isStaticView = [&](memref::SubViewOp view) {
    ArrayRef<int64_t> offsets = view.getStaticOffsets();
    return view.getType().getRank() == rank &&
           !ShapedType::isDynamicShape(rank > 3 ? offsets.drop_front(2)
                                                : offsets) &&
           !ShapedType::isDynamic(offsets.front()) &&
           llvm::all_of(view.getStaticStrides(),
                        [](int64_t stride) { return stride == 1; });
  };
  // Convolutions read the buffer as their input only.
  auto isReader = [&](Operation *op, Value view) {
    return convolutions.contains(op) && op->getOperand(0) == view &&
           llvm::count(op->getOperands(), view) == 1;
  };
  PaddedBuffer padded;
  padded.alloc = alloc;
  SmallVector<std::pair<Operation *, SmallVector<OpFoldResult>>> readers;
  for (Operation *user : alloc->getUsers()) {
    if (isa<memref::DeallocOp>(user))
      continue;
    if (auto fill = dyn_cast<linalg::LinalgOp>(user);
        fill && !padded.fill && fill.hasPureBufferSemantics() &&
        fill.getNumDpsInits() == 1 && fill.getDpsInits()[0] == alloc &&
        matchPattern(convt::getFillValue(fill), m_AnyZeroFloat())) {
      padded.fill = fill;
      continue;
    }
    if (isReader(user, alloc)) {
      readers.emplace_back(
          user,
          SmallVector<OpFoldResult>(
              rank, IntegerAttr::get(IndexType::get(alloc.getContext()), 0)));
      continue;
    }
    auto view = dyn_cast<memref::SubViewOp>(user);
    if (!view || !isStaticView(view))
      return std::nullopt;
    for (Operation *viewUser : view->getUsers()) {
      std::optional<std::pair<Value, Value>> copy = getCopyOperands(viewUser);
      if (copy && copy->second == view && copy->first != view && !padded.copy) {
        padded.copy = viewUser;
        padded.window = view;
        continue;
      }
      if (!isReader(viewUser, view))
        return std::nullopt;
      readers.emplace_back(viewUser, view.getMixedOffsets());
    }
  }
  if (!padded.fill || !padded.copy || readers.empty() ||
      ShapedType::isDynamicShape(padded.window.getStaticOffsets()))
    return std::nullopt;
  // Padding only along the spatial dims.
  ArrayRef<int64_t> windowOffsets = padded.window.getStaticOffsets();
  ArrayRef<int64_t> windowSizes = padded.window.getStaticSizes();
  for (int64_t dim : {int64_t(0), rank - 1})
    if (windowOffsets[dim] != 0 || windowSizes[dim] != type.getDimSize(dim))
      return std::nullopt;
  // A dynamic batch: the copy covers the whole of it.
  if (type.isDynamicDim(0) && padded.window.getMixedSizes().front() !=
                                  OpFoldResult(alloc.getDynamicSizes().front()))
    return std::nullopt;
  Block *block = alloc->getBlock();
  Operation *fill = padded.fill, *copy = padded.copy;
  if (fill->getBlock() != block || copy->getBlock() != block ||
      !fill->isBeforeInBlock(copy))
    return std::nullopt;
  Value source = getCopyOperands(copy)->first;
  if (convt::getUnderlyingBuffer(source) == alloc.getResult())
    return std::nullopt;
  // The last op in the block that reads the buffer, itself or in a loop.
  Operation *lastReader = copy;
  for (auto &[reader, offsets] : readers) {
    Operation *readerInBlock = block->findAncestorOpInBlock(*reader);
    if (!readerInBlock || !copy->isBeforeInBlock(readerInBlock) ||
        !isZeroInteger(offsets.front()) || !isZeroInteger(offsets.back()))
      return std::nullopt;
    if (lastReader->isBeforeInBlock(readerInBlock))
      lastReader = readerInBlock;
    ImplicitPadding padding{source, {}};
    for (int64_t dim = 1; dim + 1 < rank; ++dim) {
      std::optional<int64_t> offset = getConstantIntValue(offsets[dim]);
      padding.shift.push_back(offset ? *offset - windowOffsets[dim]
                                     : ShapedType::kDynamic);
      if (!offset) {
        padding.firstOffset = cast<Value>(offsets[dim]);
        padding.firstOffsetShift = -windowOffsets[dim];
      }
    }
    padded.readers.push_back(
        {reader, std::move(padding),
         SmallVector<OpFoldResult>(ArrayRef(offsets).slice(1, rank - 2))});
  }
  padded.lastReader = lastReader;
  // The kernels read the source where the copy read it: nothing after the
  // copy may write it (copies write their targets, convolutions and linalg
  // ops their inits; an elementwise op after the last reader may become its
  // fused epilogue), nor anything that may overlap it, such as another
  // function argument. A source computed into a buffer of its own (a widened
  // f16 input) may be freed after the last reader.
  LocalAliasAnalysis aliasAnalysis;
  auto isSource = [&](Value buffer) {
    return !aliasAnalysis.alias(buffer, source).isNo();
  };
  // Loops are looked into, op by op.
  auto mayWriteSource = [&](Operation *op) {
    if (isa<LoopLikeOpInterface>(op) || isMemoryEffectFree(op) ||
        isa<memref::AllocOp>(op) || op->hasTrait<OpTrait::ReturnLike>() ||
        (op->hasTrait<OpTrait::IsTerminator>() && op->getNumOperands() == 0))
      return false;
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op))
      return isSource(dealloc.getMemref()) &&
             (op->getBlock() != block || op->isBeforeInBlock(lastReader));
    if (std::optional<std::pair<Value, Value>> copied = getCopyOperands(op))
      return isSource(copied->second);
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    return !linalgOp || !linalgOp.hasPureBufferSemantics() ||
           llvm::any_of(linalgOp.getDpsInits(), isSource);
  };
  for (Operation *op = copy->getNextNode(); op; op = op->getNextNode()) {
    WalkResult walk = op->walk<WalkOrder::PreOrder>([&](Operation *nested) {
      return mayWriteSource(nested) ? WalkResult::interrupt()
                                    : WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return std::nullopt;
  }
  return padded;
}

struct ConvTCPUConvolutionKernelsPass
    : public convt::impl::ConvTCPUConvolutionKernelsBase<
          ConvTCPUConvolutionKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<convt::CPUKernelTarget> target = convt::resolveCPUKernelTarget(
        getOperation(), vectorBits, fmasPerCycle, l1CacheBytes, bf16Dot);
    if (failed(target))
      return signalPassFailure();
    // The kernel slice of one block of output channels that the micro-kernel
    // streams while it sweeps the rows stays in two thirds of the L1 cache,
    // the rest for the pixels and accumulators: 32 KiB of 48 KiB made oddC,
    // A, C and oddB 2.5-3.5% faster than 16 KiB, 64 KiB no faster. Divided
    // first: any l1-cache-bytes, however large, is valid.
    int64_t sliceBytes = target->fmasPerCycle == 1
                             ? kSlowFMAKernelBlockBytes
                             : target->l1CacheBytes / 3 * 2;
    if (llvm::Error error = convt::checkThreadCount(threads)) {
      getOperation().emitError(llvm::toString(std::move(error)));
      return signalPassFailure();
    }
    SmallVector<Operation *> convolutions;
    DenseMap<Operation *, convt::PackedKernelMark> marks;
    // Few output channels take the lane-reduction kernel, with tiles of this
    // many pixels.
    DenseMap<Operation *, int64_t> laneReductionPixels;
    // Others take the pixels-in-lanes kernel.
    llvm::SmallPtrSet<Operation *, 8> pixelLanes;
    WalkResult walk = getOperation().walk([&](Operation *op) {
      if (!convt::isCPUKernelConvolution(op))
        return WalkResult::advance();
      if (std::optional<int64_t> pixels = convt::getLaneReductionPixels(
              cast<linalg::LinalgOp>(op), *target))
        laneReductionPixels[op] = *pixels;
      else if (convt::takesPixelLanesKernel(cast<linalg::LinalgOp>(op),
                                            *target))
        pixelLanes.insert(op);
      FailureOr<convt::PackedKernelMark> mark = convt::getPackedKernelMark(op);
      if (failed(mark))
        return WalkResult::interrupt();
      convolutions.push_back(op);
      marks[op] = *mark;
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    // Zero-padded inputs that all their readers can read in place.
    llvm::SmallPtrSet<Operation *, 8> convolutionSet(convolutions.begin(),
                                                     convolutions.end());
    llvm::SetVector<Operation *> paddedAllocs;
    for (Operation *op : convolutions)
      if (auto alloc = convt::getUnderlyingBuffer(op->getOperand(0))
                           .getDefiningOp<memref::AllocOp>())
        paddedAllocs.insert(alloc);
    // Those whose readers all take the pixels-in-lanes kernel are replaced
    // by one transposed copy that they all read.
    SmallVector<PaddedBuffer> readInPlace;
    DenseMap<Operation *, ImplicitPadding> paddings;
    DenseMap<Operation *, convt::TransposedInput> transposedInputs;
    for (Operation *alloc : paddedAllocs) {
      std::optional<PaddedBuffer> padded =
          findPaddedBuffer(cast<memref::AllocOp>(alloc), convolutionSet);
      if (!padded)
        continue;
      auto readsPixelLanes = [&](const PaddedBufferReader &reader) {
        return pixelLanes.contains(reader.conv);
      };
      auto readsUnpadded = [&](const PaddedBufferReader &reader) {
        auto conv = cast<linalg::LinalgOp>(reader.conv);
        auto pixels = laneReductionPixels.find(conv);
        if (pixels != laneReductionPixels.end())
          return convt::canLaneReductionReadUnpadded(conv, pixels->second,
                                                     reader.padding);
        return !readsPixelLanes(reader) &&
               ConvolutionKernelEmitter::canReadUnpadded(conv, reader.padding);
      };
      if (llvm::all_of(padded->readers, readsPixelLanes)) {
        transposePaddedBuffer(*padded, target->vectorBits / 32,
                              transposedInputs);
      } else if (llvm::all_of(padded->readers, readsUnpadded)) {
        for (PaddedBufferReader &reader : padded->readers)
          paddings[reader.conv] = reader.padding;
      } else {
        continue;
      }
      readInPlace.push_back(std::move(*padded));
    }

    DominanceInfo dominance(getOperation());
    int64_t leftoverAccumulators =
        convt::getLeftoverAccumulatorLimit(convolutions);
    for (Operation *op : convolutions) {
      auto conv = cast<linalg::LinalgOp>(op);
      AccumulatorInit init = findFusableInit(conv);
      auto padding = paddings.find(op);
      const ImplicitPadding *implicitPadding =
          padding == paddings.end() ? nullptr : &padding->second;
      int64_t convThreads =
          convt::isInParallelLoop(op) ? 1 : static_cast<int64_t>(threads);
      if (pixelLanes.contains(op)) {
        replaceByPixelLanesKernel(conv, init, transposedInputs.lookup(op),
                                  *target, convThreads);
        continue;
      }
      if (auto pixels = laneReductionPixels.find(op);
          pixels != laneReductionPixels.end()) {
        convt::emitLaneReductionKernel(conv, pixels->second, init,
                                       implicitPadding, *target, convThreads);
        op->erase();
        if (init.op)
          init.op->erase();
        continue;
      }
      linalg::GenericOp epilogue = findFusableEpilogue(conv, init, dominance);
      ConvolutionKernelEmitter emitter(conv, init, epilogue, implicitPadding,
                                       *target, marks[op], leftoverAccumulators,
                                       sliceBytes, convThreads);
      emitter.emit();
      Value output = conv.getDpsInits()[0], kernel = conv.getDpsInputs()[1];
      op->erase();
      if (init.op)
        init.op->erase();
      // The constant kernel that its packed copy replaces, and its view, go
      // where nothing else reads them.
      if (emitter.readsConstantPackedKernel()) {
        replaceStaticDims(kernel);
        for (Operation *def = kernel.getDefiningOp();
             def && isOpTriviallyDead(def);) {
          Operation *source = def->getNumOperands()
                                  ? def->getOperand(0).getDefiningOp()
                                  : nullptr;
          def->erase();
          def = source;
        }
      }
      if (!epilogue)
        continue;
      epilogue->erase();
      // Without a trace left in the output (its static sizes aside), its
      // allocation goes.
      if (!emitter.isOutputUnused())
        continue;
      replaceStaticDims(output);
      eraseIfOnlyDeallocated(output);
    }
    // The padded buffers nothing reads any more.
    for (PaddedBuffer &padded : readInPlace) {
      padded.copy->erase();
      padded.fill->erase();
      for (Operation *user :
           llvm::make_early_inc_range(padded.alloc->getUsers()))
        if (auto view = dyn_cast<memref::SubViewOp>(user);
            view && view->use_empty())
          view->erase();
      eraseIfOnlyDeallocated(padded.alloc);
    }
  }

  /// Writes the source of `padded` into one zero-padded, transposed buffer
  /// for the pixels-in-lanes kernels of all its readers, just after its copy,
  /// freed after its last reader.
  static void transposePaddedBuffer(
      PaddedBuffer &padded, int64_t numLanes,
      DenseMap<Operation *, convt::TransposedInput> &transposedInputs) {
    MemRefType type = padded.alloc.getType();
    int64_t rank = type.getRank();
    ImplicitLocOpBuilder b(padded.copy->getLoc(), padded.copy->getBlock(),
                           std::next(padded.copy->getIterator()));
    // The sizes from the allocation's operands: a memref.dim of it would
    // keep it.
    SmallVector<OpFoldResult> sizes =
        getMixedValues(type.getShape(), padded.alloc.getDynamicSizes(), b);
    Value buffer = convt::buildTransposedInput(
        b, getCopyOperands(padded.copy)->first,
        ArrayRef(sizes).slice(1, rank - 2),
        padded.window.getStaticOffsets().slice(1, rank - 2), numLanes);
    b.setInsertionPointAfter(padded.lastReader);
    memref::DeallocOp::create(b, buffer);
    for (const PaddedBufferReader &reader : padded.readers)
      transposedInputs[reader.conv] = {buffer, reader.spatialOffsets};
  }

  /// Replaces `conv` and `init`'s op by the pixels-in-lanes kernel, reading
  /// `input`, or without one, a transposed copy of its own input.
  static void replaceByPixelLanesKernel(linalg::LinalgOp conv,
                                        const AccumulatorInit &init,
                                        convt::TransposedInput input,
                                        const convt::CPUKernelTarget &target,
                                        int64_t threads) {
    ImplicitLocOpBuilder b(conv.getLoc(), conv);
    Value copy;
    if (!input.buffer) {
      Value convInput = conv.getDpsInputs()[0];
      int64_t numSpatial = cast<MemRefType>(convInput.getType()).getRank() - 2;
      copy = convt::buildTransposedInput(b, convInput, {},
                                         SmallVector<int64_t>(numSpatial, 0),
                                         target.vectorBits / 32);
      input = {copy, SmallVector<OpFoldResult>(numSpatial, b.getIndexAttr(0))};
    }
    convt::emitPixelLanesKernel(conv, input, init, target, threads);
    if (copy)
      memref::DeallocOp::create(b, copy);
    conv->erase();
    if (init.op)
      init.op->erase();
  }

  /// Replaces the memref.dim ops of the static sizes of `memref` by
  /// constants.
  static void replaceStaticDims(Value memref) {
    auto type = cast<MemRefType>(memref.getType());
    for (Operation *user : llvm::make_early_inc_range(memref.getUsers())) {
      auto dimOp = dyn_cast<memref::DimOp>(user);
      std::optional<int64_t> index =
          dimOp ? dimOp.getConstantIndex() : std::nullopt;
      if (!index || type.isDynamicDim(*index))
        continue;
      OpBuilder builder(dimOp);
      dimOp.replaceAllUsesWith(
          arith::ConstantIndexOp::create(builder, dimOp.getLoc(),
                                         type.getDimSize(*index))
              .getResult());
      dimOp.erase();
    }
  }

  /// Erases the allocation `buffer` and its deallocations if nothing else
  /// uses it.
  static void eraseIfOnlyDeallocated(Value buffer) {
    if (!llvm::all_of(buffer.getUsers(), llvm::IsaPred<memref::DeallocOp>))
      return;
    for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
      user->erase();
    buffer.getDefiningOp()->erase();
  }
};

} // namespace
