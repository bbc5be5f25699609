//===- CPULaneReductionKernel.cpp - kernel for few output channels --------===//
//
// The loop nest, for output out[n, o..., w, f] with F output channels, C
// input channels, vectors of L lanes and tiles of P pixels:
//
//   parallel n, o_1 .. o_{S-1}:                (scf.parallel or scf.for)
//     for each tile of P pixels w (then one of the pixels left, from a
//     switch over their count where the width is dynamic):
//       acc[P][F] = 0                          (vectors of L lanes)
//       for k_1 .. k_{S-1}, c in steps of L, k_S (unrolled):
//         x[p] = in[n, o + k, w + p + k_S, c .. c + L)
//         acc[p][f] += x[p] * packed[f, k, c .. c + L)
//       out[n, o, w + p, f] = init or out, + the sum of acc[p][f]'s lanes
//                                           (masked stores of the sums)
//
// where packed is the kernel with its output channels outermost, packed once
// per call. A zero-padded input is read in place from its source: the taps
// of the outer dims loop over those that read the source, and the tiles at
// the ends of a row, at static columns, leave out the pixels and taps of the
// last dim that read the padding; with dynamic sizes, the columns whose taps
// reach into the padding take 1-pixel tiles whose taps of the last dim loop
// over those that read the source.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/CPULaneReductionKernel.h"

#include "convt/Utils/LaneReductionCost.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

using namespace mlir;
using convt::AccumulatorInit;
using convt::ImplicitPadding;

namespace {

/// Inputs read in place of their zero padding may have at most this many
/// full tiles per row with taps in the padding: each is emitted on its own.
constexpr int64_t kMaxEdgeTiles = 8;

/// The full tiles of a row and the range [begin, end) of those whose pixels
/// read only the source at every tap (all of them without padding).
struct RowTiles {
  int64_t full, begin, end;
};

/// The tiles of `pixels` pixels over an output row of `width`, where the
/// last tap reads `reach` columns past its pixel, and source column
/// w + shift holds input column w, for `sourceWidth` columns.
RowTiles getRowTiles(int64_t width, int64_t pixels, int64_t reach,
                     int64_t shift, int64_t sourceWidth) {
  int64_t full = width / pixels;
  // Tile t reads source columns [t * P + shift, t * P + P - 1 + reach +
  // shift].
  int64_t begin =
      std::clamp<int64_t>(llvm::divideCeilSigned(-shift, pixels), 0, full);
  int64_t end = std::clamp<int64_t>(
      llvm::divideFloorSigned(sourceWidth - pixels - reach - shift, pixels) + 1,
      begin, full);
  return {full, begin, end};
}

/// Builds the loop nest of one convolution.
class LaneReductionEmitter : convt::KernelEmitterBase {
public:
  LaneReductionEmitter(linalg::LinalgOp conv, int64_t pixels,
                       const AccumulatorInit &init,
                       const ImplicitPadding *padding, int64_t lanes)
      : KernelEmitterBase(conv), input(conv.getDpsInputs()[0]),
        kernel(conv.getDpsInputs()[1]), output(conv.getDpsInits()[0]),
        init(init), pixels(pixels),
        dilations(convt::getConvolutionDilations(conv)) {
    auto outputType = cast<MemRefType>(output.getType());
    numSpatial = outputType.getRank() - 2;
    features = outputType.getShape().back();
    channels = cast<MemRefType>(input.getType()).getShape().back();
    kernelSizes = llvm::to_vector(
        cast<MemRefType>(kernel.getType()).getShape().take_front(numSpatial));
    vectorType = VectorType::get({lanes}, outputType.getElementType());
    pixelType = VectorType::get({features}, outputType.getElementType());
    sourceShift.assign(numSpatial, 0);
    if (padding) {
      input = padding->source;
      sourceShift = padding->shift;
      firstShift = padding->buildFirstShift(b);
      sourceSizes = llvm::to_vector(
          cast<MemRefType>(input.getType()).getShape().slice(1, numSpatial));
    }
  }

  void emit(int64_t threads);

private:
  SmallVector<Value> kernelSizeValues() {
    return llvm::map_to_vector(kernelSizes, [&](int64_t v) { return cst(v); });
  }
  /// The shift of spatial dim `dim` into the input, at run time.
  Value getShift(int64_t dim) {
    return ShapedType::isDynamic(sourceShift[dim]) ? firstShift
                                                   : cst(sourceShift[dim]);
  }
  /// The taps [lo, hi) of spatial dim `dim` that read the source of the
  /// implicit padding from output position `pos`.
  std::pair<Value, Value> tapsInSource(int64_t dim, Value pos) {
    // Tap k reads source index pos + shift + k * d.
    Value first = arith::AddIOp::create(b, pos, getShift(dim));
    return convt::buildTapsInSource(b, first, input, dim + 1, dilations[dim],
                                    kernelSizes[dim]);
  }

  /// The kernel as [F, taps, C]: the input channels of each output channel
  /// and tap contiguous.
  Value packKernel();
  /// One tile of `count` pixels from column `w0` of output row `outer`; at
  /// the static column `edge`, it leaves out the reads of the padding; with
  /// `edge` kDynamic, a 1-pixel tile, its taps of the last dim loop over
  /// those that read the source.
  void emitTile(ValueRange outer, Value w0, int64_t count,
                std::optional<int64_t> edge);
  /// Tiles of `count` pixels from each column of [begin, end) in steps of
  /// `count`, at `edge` (see emitTile).
  void emitTiles(ValueRange outer, Value begin, Value end, int64_t count,
                 std::optional<int64_t> edge);
  /// The tiles of output row `outer` of a dynamic width (or source width):
  /// full tiles over the columns whose taps all read the source, then a tile
  /// of the pixels left, and 1-pixel tiles at run-time edges for the
  /// columns whose taps reach into the padding.
  void emitDynamicRow(ValueRange outer);
  /// The reduction steps of the taps of spatial dim `dim` on, the taps of
  /// the dims before it at `taps`.
  SmallVector<Value> emitTaps(ValueRange outer, Value w0, int64_t count,
                              std::optional<int64_t> edge, int64_t dim,
                              SmallVector<Value> &taps, SmallVector<Value> acc);
  /// The steps over the input channels at `taps` of all spatial dims but the
  /// last.
  SmallVector<Value> emitChannelSteps(ValueRange outer, Value w0, int64_t count,
                                      std::optional<int64_t> edge,
                                      ArrayRef<Value> taps,
                                      SmallVector<Value> acc);
  /// The lane sums of `acc`: vector i holds those of acc[i * L .. i * L + L).
  SmallVector<Value> sumLanes(ArrayRef<Value> acc);

  Value input, kernel, output, packed;
  /// The initial values of the lanes of each vector of sums (see emitTile):
  /// the fused fill or bias, else none (the output's).
  SmallVector<Value> initial;
  AccumulatorInit init;
  int64_t pixels, numSpatial, features, channels;
  SmallVector<int64_t> dilations, kernelSizes;
  /// Per spatial dim, the shift of the output into the input (0 without an
  /// implicit padding, kDynamic where firstShift holds it), and with one the
  /// source's sizes.
  SmallVector<int64_t> sourceShift, sourceSizes;
  Value firstShift;
  VectorType pixelType;
};

void LaneReductionEmitter::emit(int64_t threads) {
  packed = packKernel();
  int64_t sumVectors = llvm::divideCeil(pixels * features, lanes());
  if (init.bias) {
    // Lane l of sums vector i holds channel (i * L + l) % F.
    Value bias = vector::LoadOp::create(b, pixelType, init.bias, cst(0));
    for (int64_t i = 0; i < sumVectors; ++i) {
      SmallVector<int64_t> channelOfLane;
      for (int64_t l = 0; l < lanes(); ++l)
        channelOfLane.push_back((i * lanes() + l) % features);
      initial.push_back(
          vector::ShuffleOp::create(b, bias, bias, channelOfLane));
    }
  } else if (init.op) {
    initial.assign(sumVectors,
                   vector::BroadcastOp::create(b, vectorType, init.scalar));
  }
  auto shape = cast<MemRefType>(output.getType()).getShape();
  int64_t last = numSpatial - 1, width = shape[numSpatial];
  convt::buildRowLoops(b, output, threads, [&](ValueRange outer) {
    if (ShapedType::isDynamic(width) ||
        (!sourceSizes.empty() && ShapedType::isDynamic(sourceSizes[last])))
      return emitDynamicRow(outer);
    RowTiles tiles{width / pixels, 0, width / pixels};
    if (!sourceSizes.empty())
      tiles =
          getRowTiles(width, pixels, (kernelSizes[last] - 1) * dilations[last],
                      sourceShift[last], sourceSizes[last]);
    auto edgeTile = [&](int64_t column, int64_t count) {
      emitTile(outer, cst(column), count, column);
    };
    for (int64_t t = 0; t < tiles.begin; ++t)
      edgeTile(t * pixels, pixels);
    if (tiles.end > tiles.begin)
      emitTiles(outer, cst(tiles.begin * pixels), cst(tiles.end * pixels),
                pixels, std::nullopt);
    for (int64_t t = tiles.end; t < tiles.full; ++t)
      edgeTile(t * pixels, pixels);
    if (width > tiles.full * pixels)
      edgeTile(tiles.full * pixels, width - tiles.full * pixels);
  });
  memref::DeallocOp::create(b, packed);
}

void LaneReductionEmitter::emitTiles(ValueRange outer, Value begin, Value end,
                                     int64_t count,
                                     std::optional<int64_t> edge) {
  emitLoop(begin, end, cst(count),
           [&](Value w0) { emitTile(outer, w0, count, edge); });
}

void LaneReductionEmitter::emitDynamicRow(ValueRange outer) {
  int64_t last = numSpatial - 1;
  Value rowEnd = memref::DimOp::create(b, output, numSpatial);
  Value begin = cst(0), end = rowEnd;
  auto edgeColumns = [&](Value from, Value to) {
    emitTiles(outer, from, to, 1, ShapedType::kDynamic);
  };
  if (!sourceSizes.empty()) {
    // Column w reads source columns w + shift to w + shift + reach (the
    // shift is static: canLaneReductionReadUnpadded).
    int64_t reach = (kernelSizes[last] - 1) * dilations[last];
    begin = arith::MinSIOp::create(
        b, cst(std::max<int64_t>(0, -sourceShift[last])), rowEnd);
    Value sourceEnd =
        arith::SubIOp::create(b, memref::DimOp::create(b, input, numSpatial),
                              cst(reach + sourceShift[last]));
    end = arith::MaxSIOp::create(b, begin,
                                 arith::MinSIOp::create(b, rowEnd, sourceEnd));
    edgeColumns(cst(0), begin);
  }
  // Full tiles, then one of the pixels left, from a switch with a case per
  // count.
  Value fullEnd = arith::AddIOp::create(
      b, begin,
      arith::MulIOp::create(
          b,
          arith::DivUIOp::create(b, arith::SubIOp::create(b, end, begin),
                                 cst(pixels)),
          cst(pixels)));
  emitTiles(outer, begin, fullEnd, pixels, std::nullopt);
  convt::buildCountSwitch(
      b, arith::SubIOp::create(b, end, fullEnd), pixels,
      [&](int64_t count) { emitTile(outer, fullEnd, count, std::nullopt); });
  if (!sourceSizes.empty())
    edgeColumns(end, rowEnd);
}

Value LaneReductionEmitter::packKernel() {
  int64_t taps = 1;
  for (int64_t size : kernelSizes)
    taps *= size;
  auto type =
      MemRefType::get({features, taps, channels}, vectorType.getElementType());
  Value result =
      memref::AllocOp::create(b, type, ValueRange{}, b.getI64IntegerAttr(64));
  SmallVector<Value> lbs, ubs, steps;
  for (int64_t size : cast<MemRefType>(kernel.getType()).getShape()) {
    lbs.push_back(cst(0));
    ubs.push_back(cst(size));
    steps.push_back(cst(1));
  }
  scf::buildLoopNest(
      b, b.getLoc(), lbs, ubs, steps,
      [&](OpBuilder &nb, Location, ValueRange ivs) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        Value tap =
            convt::linearize(b, ivs.take_front(numSpatial), kernelSizeValues());
        Value value = memref::LoadOp::create(b, kernel, ivs);
        memref::StoreOp::create(
            b, value, result,
            ValueRange{ivs[numSpatial + 1], tap, ivs[numSpatial]});
      });
  return result;
}

void LaneReductionEmitter::emitTile(ValueRange outer, Value w0, int64_t count,
                                    std::optional<int64_t> edge) {
  Value zero =
      arith::ConstantOp::create(b, vectorType, b.getZeroAttr(vectorType));
  SmallVector<Value> acc(count * features, zero), taps;
  acc = emitTaps(outer, w0, count, edge, 0, taps, std::move(acc));
  SmallVector<Value> sums = sumLanes(acc);

  // Lane l of sums vector i is channel a % F of pixel a / F, a = i * L + l.
  // Each pixel's lanes of a vector go to memory with a masked load and store
  // of the whole vector at channel i * L - p * F of pixel p, which puts its
  // lanes in place (a negative channel where the pixel starts within the
  // vector: the masked-off lanes lie outside the pixel). No shuffles, in
  // place of a shuffle and a store of F channels per pixel (G3 and G3K3 in
  // bench/: about 5% faster at 1 thread).
  int64_t numLanes = lanes(), end = count * features;
  for (auto [i, sum] : llvm::enumerate(sums)) {
    int64_t first = i * numLanes, last = std::min(first + numLanes, end);
    SmallVector<std::pair<SmallVector<Value>, Value>> pieces;
    for (int64_t p = first / features; p * features < last; ++p) {
      SmallVector<bool> lanesOfPixel;
      for (int64_t a = first; a < first + numLanes; ++a)
        lanesOfPixel.push_back(a < last && a / features == p);
      SmallVector<Value> idx(outer.begin(), outer.end());
      idx.push_back(add(w0, p));
      idx.push_back(cst(first - p * features));
      pieces.emplace_back(std::move(idx),
                          arith::ConstantOp::create(
                              b, DenseElementsAttr::get(
                                     VectorType::get({numLanes}, b.getI1Type()),
                                     ArrayRef<bool>(lanesOfPixel))));
    }
    Value base = initial.empty() ? Value(zero) : initial[i];
    if (initial.empty())
      for (auto &[idx, mask] : pieces)
        base = vector::MaskedLoadOp::create(b, vectorType, output, idx, mask,
                                            base);
    Value value = arith::AddFOp::create(b, base, sum);
    for (auto &[idx, mask] : pieces)
      vector::MaskedStoreOp::create(b, output, idx, mask, value);
  }
}

SmallVector<Value> LaneReductionEmitter::emitTaps(
    ValueRange outer, Value w0, int64_t count, std::optional<int64_t> edge,
    int64_t dim, SmallVector<Value> &taps, SmallVector<Value> acc) {
  if (dim + 1 == numSpatial)
    return emitChannelSteps(outer, w0, count, edge, taps, std::move(acc));
  Value lo, hi;
  if (sourceSizes.empty()) {
    lo = cst(0);
    hi = cst(kernelSizes[dim]);
  } else {
    std::tie(lo, hi) = tapsInSource(dim, outer[dim + 1]);
  }
  return forLoop(
      lo, hi, 1, std::move(acc), [&](Value tap, SmallVector<Value> args) {
        taps.push_back(tap);
        SmallVector<Value> result =
            emitTaps(outer, w0, count, edge, dim + 1, taps, std::move(args));
        taps.pop_back();
        return result;
      });
}

SmallVector<Value> LaneReductionEmitter::emitChannelSteps(
    ValueRange outer, Value w0, int64_t count, std::optional<int64_t> edge,
    ArrayRef<Value> taps, SmallVector<Value> acc) {
  int64_t last = numSpatial - 1, lastTaps = kernelSizes[last];
  // The row-major index of the taps before the last, times the last's count.
  SmallVector<Value> rowTaps(taps);
  rowTaps.push_back(cst(0));
  Value tapRow = convt::linearize(b, rowTaps, kernelSizeValues());
  SmallVector<Value> inputRow{outer[0]};
  for (int64_t j = 0; j < last; ++j) {
    Value row = arith::AddIOp::create(
        b, outer[j + 1], arith::MulIOp::create(b, taps[j], cst(dilations[j])));
    inputRow.push_back(
        sourceShift[j] ? arith::AddIOp::create(b, row, getShift(j)) : row);
  }
  // Whether pixel p of an edge tile reads the source at the static last tap
  // k (every pixel of the tiles between the edges does).
  auto readsSource = [&](int64_t p, std::optional<int64_t> k) {
    if (!edge || !k || sourceSizes.empty())
      return true;
    int64_t column = *edge + p + *k * dilations[last] + sourceShift[last];
    return column >= 0 && column < sourceSizes[last];
  };

  // One step: the pixels at last tap `k` (a constant or loop index) times
  // each output channel's kernel vector.
  auto step = [&](Value c, Value k, std::optional<int64_t> staticTap,
                  SmallVector<Value> args) {
    Value column =
        add(arith::AddIOp::create(
                b, w0, arith::MulIOp::create(b, k, cst(dilations[last]))),
            sourceShift[last]);
    SmallVector<Value> x(count);
    for (int64_t p = 0; p < count; ++p) {
      if (!readsSource(p, staticTap))
        continue;
      SmallVector<Value> idx(inputRow);
      idx.append({add(column, p), c});
      x[p] = vector::LoadOp::create(b, vectorType, input, idx);
    }
    if (llvm::all_of(x, [](Value v) { return !v; }))
      return args;
    Value tap = arith::AddIOp::create(b, tapRow, k);
    for (int64_t f = 0; f < features; ++f) {
      Value weights = vector::LoadOp::create(b, vectorType, packed,
                                             ValueRange{cst(f), tap, c});
      for (int64_t p = 0; p < count; ++p) {
        if (!x[p])
          continue;
        Value &sum = args[p * features + f];
        sum = vector::FMAOp::create(b, x[p], weights, sum);
      }
    }
    return args;
  };
  // The taps of the last dim loop over a range where they are too many to
  // unroll, or where a tile at a run-time edge finds those that read the
  // source.
  std::optional<std::pair<Value, Value>> tapLoop;
  if (edge && ShapedType::isDynamic(*edge))
    tapLoop = tapsInSource(last, w0);
  else if (lastTaps > convt::kMaxUnrolledLastTaps)
    tapLoop = {cst(0), cst(lastTaps)};
  return forLoop(cst(0), cst(channels), lanes(), std::move(acc),
                 [&](Value c, SmallVector<Value> args) {
                   if (tapLoop)
                     return forLoop(
                         tapLoop->first, tapLoop->second, 1, std::move(args),
                         [&](Value k, SmallVector<Value> inner) {
                           return step(c, k, std::nullopt, std::move(inner));
                         });
                   for (int64_t k = 0; k < lastTaps; ++k)
                     args = step(c, cst(k), k, std::move(args));
                   return args;
                 });
}

// A tree of shuffles and adds over groups of L accumulators: each level pairs
// the vectors and adds two shuffles of each pair, so that each of the sums
// holds twice the accumulators of its operands with half the lanes each. The
// shuffles pick units of u lanes in groups of G = 4 units (2 if the vector has
// only 2): units 0 and 2 of each group of both vectors, then units 1 and 3.
// With u = 1 and 4-lane groups for the first two levels they stay within 128
// bits (vshufps), with u = 4 for the next two they move whole 128-bit blocks
// (vshuff32x4), cheaper than arbitrary lane permutations; the last level
// leaves the L sums in the order of their accumulators.
SmallVector<Value> LaneReductionEmitter::sumLanes(ArrayRef<Value> acc) {
  int64_t numLanes = lanes();
  SmallVector<std::pair<SmallVector<int64_t>, SmallVector<int64_t>>> levels;
  for (int64_t unit = 1; unit < numLanes;) {
    int64_t group = std::min<int64_t>(4, numLanes / unit), half = group / 2;
    SmallVector<int64_t> low, high;
    for (int64_t i = 0; i < numLanes; ++i) {
      int64_t position = i / unit % group;
      int64_t source = position < half ? 0 : numLanes;
      int64_t first =
          (i / unit - position + 2 * (position % half)) * unit + i % unit;
      low.push_back(source + first);
      high.push_back(source + first + unit);
    }
    for (int64_t level = 0; level < llvm::Log2_64(group); ++level)
      levels.push_back({low, high});
    unit *= group;
  }

  Value zero =
      arith::ConstantOp::create(b, vectorType, b.getZeroAttr(vectorType));
  SmallVector<Value> sums;
  for (size_t first = 0; first < acc.size(); first += numLanes) {
    SmallVector<Value> level(
        acc.begin() + first,
        acc.begin() + std::min<size_t>(acc.size(), first + numLanes));
    level.resize(numLanes, zero);
    for (auto &[low, high] : levels) {
      SmallVector<Value> next;
      for (size_t i = 0; i < level.size(); i += 2) {
        if (level[i] == zero && level[i + 1] == zero) {
          next.push_back(zero);
          continue;
        }
        next.push_back(arith::AddFOp::create(
            b, vector::ShuffleOp::create(b, level[i], level[i + 1], low),
            vector::ShuffleOp::create(b, level[i], level[i + 1], high)));
      }
      level = std::move(next);
    }
    sums.push_back(level.front());
  }
  return sums;
}

} // namespace

std::optional<int64_t>
convt::getLaneReductionPixels(linalg::LinalgOp conv,
                              const CPUKernelTarget &target) {
  Type f32 = Float32Type::get(conv.getContext());
  SmallVector<MemRefType> types;
  for (Value operand : conv->getOperands()) {
    auto type = cast<MemRefType>(operand.getType());
    if (type.getElementType() != f32 ||
        ShapedType::isDynamic(type.getShape().back()))
      return std::nullopt;
    types.push_back(type);
  }
  // The batch and spatial sizes of the input and output may be dynamic.
  if (!types[1].hasStaticShape())
    return std::nullopt;
  int64_t numSpatial = types[2].getRank() - 2;
  int64_t taps = 1;
  for (int64_t size : types[1].getShape().take_front(numSpatial))
    taps *= size;
  int64_t channels = types[0].getShape().back();
  int64_t width = types[2].getShape()[numSpatial];
  std::optional<LaneReductionTile> tile = estimateLaneReduction(
      taps, channels, types[2].getShape().back(),
      ShapedType::isDynamic(width) ? std::numeric_limits<int64_t>::max()
                                   : width,
      target.vectorBits / 32, target.fmasPerCycle);
  // Against one vector of output channels, which takes taps * C FMAs per
  // pixel.
  if (!tile || llvm::is_contained(types[2].getShape(), 0) ||
      tile->cycles >= double(taps) * channels / target.fmasPerCycle)
    return std::nullopt;
  return tile->pixels;
}

bool convt::canLaneReductionReadUnpadded(linalg::LinalgOp conv, int64_t pixels,
                                         const ImplicitPadding &padding) {
  auto sourceType = cast<MemRefType>(padding.source.getType());
  auto outputType = cast<MemRefType>(conv.getDpsInits()[0].getType());
  int64_t last = outputType.getRank() - 3;
  int64_t lastTaps =
      cast<MemRefType>(conv.getDpsInputs()[1].getType()).getShape()[last];
  if (lastTaps > convt::kMaxUnrolledLastTaps ||
      ShapedType::isDynamic(padding.shift[last]))
    return false;
  // Dynamic sizes take 1-pixel tiles at the edges (a few columns each).
  if (!sourceType.hasStaticShape() || !outputType.hasStaticShape())
    return true;
  int64_t reach = (lastTaps - 1) * getConvolutionDilations(conv)[last];
  RowTiles tiles =
      getRowTiles(outputType.getShape()[last + 1], pixels, reach,
                  padding.shift[last], sourceType.getShape()[last + 1]);
  return tiles.begin + tiles.full - tiles.end <= kMaxEdgeTiles;
}

void convt::emitLaneReductionKernel(linalg::LinalgOp conv, int64_t pixels,
                                    const AccumulatorInit &init,
                                    const ImplicitPadding *padding,
                                    const CPUKernelTarget &target,
                                    int64_t threads) {
  LaneReductionEmitter(conv, pixels, init, padding, target.vectorBits / 32)
      .emit(threads);
}
