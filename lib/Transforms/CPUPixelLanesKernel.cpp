//===- CPUPixelLanesKernel.cpp - kernel with pixels in the lanes ----------===//
//
// The loop nest, for output out[n, o..., w, f] with F output channels, C
// input channels and vectors of L lanes, reading the transposed input
// t[n, i..., c, j], with R rows per tile (2 where the output has rows, the
// last one alone where their count is odd) and the output channels in
// groups whose R accumulators each fit the registers:
//
//   parallel n, o_1 .. o_{S-1} (step R):       (scf.parallel or scf.for)
//     for each tile of L pixels w0 of R rows (then one of the pixels left):
//       for each group of output channels:
//         acc[R][group] = the fused fill or bias, or 0  (vectors of L pixels)
//         for k_1 .. k_{S-1}, c, k_S (unrolled):
//           x[r] = t[n, o + r + k + offsets, c, w0 + k_S + offset .. + L)
//           acc[r][f] += x[r] * broadcast(kernel[k, c, f])
//         transpose each L accumulators of a row, L x L, and store (or add
//         to the output) the group's channels of each pixel of the tile
//
// The pixels past the row end of a partial tile are computed from the zero
// columns of the transposed input and not stored.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/CPUPixelLanesKernel.h"

#include "convt/Utils/LaneReductionCost.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using convt::AccumulatorInit;

namespace {

/// Vector loads per cycle from the L1 cache (AMD Zen 4 and 5, Intel since
/// Skylake); each step loads a vector of pixels per row and broadcasts the
/// weights of a group of output channels.
constexpr double kLoadsPerCycle = 2;
/// Shuffles per cycle of the transposes of the accumulators.
constexpr double kShufflesPerCycle = 1;
/// The kernel is taken where its estimate is below this share of the
/// vectors of output channels' estimate.
constexpr double kMinGain = 0.9;
/// Rows per tile where the output has them: each broadcast weight then feeds
/// two FMAs (the steps of a tile of one row, an FMA with an embedded
/// broadcast each, ran at 90% of the FMA peak on Zen 5, those of two rows at
/// 100%, in registers and the L1 cache: bench/studies/pixel_lanes_rows.cpp).
constexpr int64_t kRowsPerTile = 2;

/// The output channels [first, end) of one group of a tile.
struct ChannelGroup {
  int64_t first, end;
  int64_t size() const { return end - first; }
};

/// The groups of `features` output channels of a tile of `rows` rows in
/// vectors of `lanes` f32 lanes: as few, and as even, as keep the
/// accumulators of each in the vector registers but 4 (for the pixels and
/// the broadcast weight).
SmallVector<ChannelGroup> getChannelGroups(int64_t features, int64_t rows,
                                           int64_t lanes) {
  int64_t perGroup = (convt::countVectorRegisters(32 * lanes) - 4) / rows;
  int64_t count = llvm::divideCeil(features, perGroup);
  SmallVector<ChannelGroup> groups;
  for (int64_t group = 0; group < count; ++group)
    groups.push_back(
        {group * features / count, (group + 1) * features / count});
  return groups;
}

/// The rows per tile for an output of `rows` rows (dynamic or static) in
/// its last dim but one, with `numSpatial` spatial dims.
int64_t getRowsPerTile(int64_t numSpatial, int64_t rows) {
  return numSpatial > 1 && rows != 1 ? kRowsPerTile : 1;
}

/// Builds the loop nest of one convolution.
class PixelLanesEmitter : convt::KernelEmitterBase {
public:
  PixelLanesEmitter(linalg::LinalgOp conv, const convt::TransposedInput &input,
                    const AccumulatorInit &init, int64_t lanes)
      : KernelEmitterBase(conv), input(input.buffer),
        kernel(conv.getDpsInputs()[1]), output(conv.getDpsInits()[0]),
        init(init), dilations(convt::getConvolutionDilations(conv)) {
    auto outputType = cast<MemRefType>(output.getType());
    numSpatial = outputType.getRank() - 2;
    width = outputType.getDimSize(numSpatial);
    features = outputType.getShape().back();
    channels = cast<MemRefType>(kernel.getType()).getShape()[numSpatial];
    kernelSizes = llvm::to_vector(
        cast<MemRefType>(kernel.getType()).getShape().take_front(numSpatial));
    vectorType = VectorType::get({lanes}, outputType.getElementType());
    for (OpFoldResult offset : input.offsets)
      offsets.push_back(getValueOrCreateConstantIndexOp(b, b.getLoc(), offset));
  }

  void emit(int64_t threads);

private:
  /// The tiles of the `rows` output rows from `outer`.
  void emitRows(ValueRange outer, int64_t rows);
  /// One tile of `count` pixels from column `w0` of the `rows` output rows
  /// from `outer`, of which only the first `storedCount` are stored where it
  /// is given.
  void emitTile(ValueRange outer, int64_t rows, Value w0, int64_t count,
                Value storedCount = {});
  /// The reduction steps of the taps of spatial dim `dim` on, the taps of
  /// the dims before it at `taps`, for the accumulators `acc` of channels
  /// `group` of `rows` rows, row by row.
  SmallVector<Value> emitTaps(ValueRange outer, int64_t rows,
                              ChannelGroup group, Value w0, int64_t dim,
                              SmallVector<Value> &taps, SmallVector<Value> acc);
  /// Stores (or adds to the output) the accumulators `acc` of the channels
  /// from `firstChannel` of a tile of `count` pixels from column `w0` of
  /// output row `outer`, or of the first `storedCount` where it is given.
  void storeTile(ValueRange outer, Value w0, int64_t count, Value storedCount,
                 int64_t firstChannel, ArrayRef<Value> acc);
  Value input, kernel, output;
  AccumulatorInit init;
  int64_t numSpatial, features, channels;
  /// The output's last spatial size, static or dynamic.
  int64_t width;
  SmallVector<int64_t> dilations, kernelSizes;
  /// Per spatial dim, where the convolution's input starts in `input`.
  SmallVector<Value> offsets;
  /// The initial value of each output channel's accumulator: the fused fill
  /// or bias, or zero; built once, before the loops.
  SmallVector<Value> initial;
  /// The columns of a row's full tiles; with a dynamic width also the
  /// pixels left after them, and whether there are any. Built once, before
  /// the loops.
  Value fullColumns, leftColumns, anyLeft;
};

void PixelLanesEmitter::emit(int64_t threads) {
  Value fill = init.scalar;
  if (!init.op) {
    Type elementType = vectorType.getElementType();
    fill =
        arith::ConstantOp::create(b, elementType, b.getZeroAttr(elementType));
  }
  for (int64_t f = 0; f < features; ++f)
    initial.push_back(init.bias ? memref::LoadOp::create(b, init.bias, cst(f))
                                : fill);
  // Full tiles, then one of the pixels left.
  if (ShapedType::isDynamic(width)) {
    Value dynamicWidth = memref::DimOp::create(b, output, numSpatial);
    fullColumns = arith::MulIOp::create(
        b, arith::DivUIOp::create(b, dynamicWidth, cst(lanes())), cst(lanes()));
    leftColumns = arith::SubIOp::create(b, dynamicWidth, fullColumns);
    anyLeft = arith::CmpIOp::create(b, arith::CmpIPredicate::ugt, leftColumns,
                                    cst(0));
  } else {
    fullColumns = cst(width / lanes() * lanes());
  }
  // Tiles of two rows; where the row count is odd (or dynamic), the last row
  // may take tiles of its own.
  int64_t height =
      cast<MemRefType>(output.getType()).getDimSize(numSpatial - 1);
  int64_t rows = getRowsPerTile(numSpatial, height);
  Value heightValue;
  if (rows > 1 && (ShapedType::isDynamic(height) || height % rows))
    heightValue = convt::buildDimSize(b, output, numSpatial - 1);
  convt::buildRowLoops(
      b, output, threads,
      [&](ValueRange outer) {
        if (!heightValue)
          return emitRows(outer, rows);
        Value pair = arith::CmpIOp::create(b, arith::CmpIPredicate::ult,
                                           add(outer.back(), 1), heightValue);
        ifThenElse(
            pair, [&] { emitRows(outer, rows); }, [&] { emitRows(outer, 1); });
      },
      rows);
}

void PixelLanesEmitter::emitRows(ValueRange outer, int64_t rows) {
  emitLoop(cst(0), fullColumns, cst(lanes()),
           [&](Value w0) { emitTile(outer, rows, w0, lanes()); });
  if (leftColumns)
    ifThen(anyLeft,
           [&] { emitTile(outer, rows, fullColumns, lanes(), leftColumns); });
  else if (width % lanes())
    emitTile(outer, rows, fullColumns, width % lanes());
}

void PixelLanesEmitter::emitTile(ValueRange outer, int64_t rows, Value w0,
                                 int64_t count, Value storedCount) {
  for (ChannelGroup group : getChannelGroups(features, rows, lanes())) {
    SmallVector<Value> acc;
    for (int64_t row = 0; row < rows; ++row)
      for (int64_t f = group.first; f < group.end; ++f)
        acc.push_back(vector::BroadcastOp::create(b, vectorType, initial[f]));
    SmallVector<Value> taps;
    acc = emitTaps(outer, rows, group, w0, 0, taps, std::move(acc));
    for (int64_t row = 0; row < rows; ++row) {
      SmallVector<Value> rowIndices(outer);
      rowIndices.back() = add(rowIndices.back(), row);
      storeTile(rowIndices, w0, count, storedCount, group.first,
                ArrayRef(acc).slice(row * group.size(), group.size()));
    }
  }
}

SmallVector<Value> PixelLanesEmitter::emitTaps(ValueRange outer, int64_t rows,
                                               ChannelGroup group, Value w0,
                                               int64_t dim,
                                               SmallVector<Value> &taps,
                                               SmallVector<Value> acc) {
  int64_t last = numSpatial - 1;
  if (dim < last)
    return forLoop(cst(0), cst(kernelSizes[dim]), 1, std::move(acc),
                   [&](Value tap, SmallVector<Value> args) {
                     taps.push_back(tap);
                     SmallVector<Value> result =
                         emitTaps(outer, rows, group, w0, dim + 1, taps,
                                  std::move(args));
                     taps.pop_back();
                     return result;
                   });
  // The input row at the outer taps: n, o_j + k_j * d_j + offset_j.
  SmallVector<Value> inputRow{outer[0]};
  for (int64_t j = 0; j < last; ++j)
    inputRow.push_back(arith::AddIOp::create(
        b,
        arith::AddIOp::create(
            b, outer[j + 1],
            arith::MulIOp::create(b, taps[j], cst(dilations[j]))),
        offsets[j]));
  Value column = arith::AddIOp::create(b, w0, offsets[last]);
  auto step = [&](Value c, Value k, SmallVector<Value> args) {
    SmallVector<Value> idx(inputRow);
    idx.append(
        {c, arith::AddIOp::create(
                b, column, arith::MulIOp::create(b, k, cst(dilations[last])))});
    SmallVector<Value> pixels;
    for (int64_t row = 0; row < rows; ++row) {
      SmallVector<Value> rowIdx(idx);
      // Rows are tiled only with outer spatial dims (last > 0).
      rowIdx[last] = add(rowIdx[last], row);
      pixels.push_back(vector::LoadOp::create(b, vectorType, input, rowIdx));
    }
    SmallVector<Value> kernelIdx(taps);
    kernelIdx.append({k, c, Value()});
    for (int64_t f = group.first; f < group.end; ++f) {
      kernelIdx.back() = cst(f);
      Value weight = vector::BroadcastOp::create(
          b, vectorType, memref::LoadOp::create(b, kernel, kernelIdx));
      for (int64_t row = 0; row < rows; ++row) {
        Value &sum = args[row * group.size() + f - group.first];
        sum = vector::FMAOp::create(b, pixels[row], weight, sum);
      }
    }
    return args;
  };
  int64_t lastTaps = kernelSizes[last];
  return forLoop(cst(0), cst(channels), 1, std::move(acc),
                 [&](Value c, SmallVector<Value> args) {
                   if (lastTaps > convt::kMaxUnrolledLastTaps)
                     return forLoop(cst(0), cst(lastTaps), 1, std::move(args),
                                    [&](Value k, SmallVector<Value> inner) {
                                      return step(c, k, std::move(inner));
                                    });
                   for (int64_t k = 0; k < lastTaps; ++k)
                     args = step(c, cst(k), std::move(args));
                   return args;
                 });
}

// Each L accumulators (channels f0 .. f0 + L, zeros past the group) are
// transposed in log2(L) levels of two-source shuffles: at level s, rows i
// and i + s (bit s of i clear) swap their lanes with bit s set in row i for
// those with it clear in row i + s, so that after all levels row p holds
// pixel p's channels.
void PixelLanesEmitter::storeTile(ValueRange outer, Value w0, int64_t count,
                                  Value storedCount, int64_t firstChannel,
                                  ArrayRef<Value> acc) {
  int64_t numLanes = lanes(), channelCount = acc.size();
  Value zero =
      arith::ConstantOp::create(b, vectorType, b.getZeroAttr(vectorType));
  for (int64_t chunk = 0; chunk < channelCount; chunk += numLanes) {
    int64_t valid = std::min(numLanes, channelCount - chunk);
    SmallVector<Value> rows(acc.begin() + chunk, acc.begin() + chunk + valid);
    rows.resize(numLanes, zero);
    for (int64_t s = numLanes / 2; s >= 1; s /= 2) {
      SmallVector<int64_t> low, high;
      for (int64_t l = 0; l < numLanes; ++l) {
        low.push_back(l & s ? numLanes + l - s : l);
        high.push_back(l & s ? numLanes + l : l + s);
      }
      for (int64_t i = 0; i < numLanes; ++i) {
        if (i & s)
          continue;
        Value upper = rows[i], lower = rows[i + s];
        rows[i] = vector::ShuffleOp::create(b, upper, lower, low);
        rows[i + s] = vector::ShuffleOp::create(b, upper, lower, high);
      }
    }
    Value mask;
    if (valid < numLanes) {
      SmallVector<bool> lanesOfChannels(numLanes, false);
      std::fill_n(lanesOfChannels.begin(), valid, true);
      mask = arith::ConstantOp::create(
          b, DenseElementsAttr::get(VectorType::get({numLanes}, b.getI1Type()),
                                    ArrayRef<bool>(lanesOfChannels)));
    }
    auto store = [&](int64_t p) {
      SmallVector<Value> idx(outer.begin(), outer.end());
      idx.append({add(w0, p), cst(firstChannel + chunk)});
      Value value = rows[p];
      if (!init.op) {
        Value old = mask ? vector::MaskedLoadOp::create(b, vectorType, output,
                                                        idx, mask, zero)
                               .getResult()
                         : vector::LoadOp::create(b, vectorType, output, idx)
                               .getResult();
        value = arith::AddFOp::create(b, old, value);
      }
      if (mask)
        vector::MaskedStoreOp::create(b, output, idx, mask, value);
      else
        vector::StoreOp::create(b, value, output, idx);
    };
    for (int64_t p = 0; p < count; ++p) {
      if (!storedCount) {
        store(p);
        continue;
      }
      Value stored = arith::CmpIOp::create(b, arith::CmpIPredicate::ult, cst(p),
                                           storedCount);
      ifThen(stored, [&] { store(p); });
    }
  }
}

} // namespace

bool convt::takesPixelLanesKernel(linalg::LinalgOp conv,
                                  const CPUKernelTarget &target) {
  Type f32 = Float32Type::get(conv.getContext());
  for (Value operand : conv->getOperands()) {
    auto type = cast<MemRefType>(operand.getType());
    if (type.getElementType() != f32 ||
        ShapedType::isDynamic(type.getShape().back()) ||
        llvm::is_contained(type.getShape(), 0))
      return false;
  }
  // The batch and spatial sizes of the input and output may be dynamic.
  auto kernelType = cast<MemRefType>(conv.getDpsInputs()[1].getType());
  if (!kernelType.hasStaticShape())
    return false;
  ArrayRef<int64_t> outputShape =
      cast<MemRefType>(conv.getDpsInits()[0].getType()).getShape();
  ArrayRef<int64_t> kernelShape = kernelType.getShape();
  int64_t numSpatial = outputShape.size() - 2;
  int64_t lanes = target.vectorBits / 32;
  int64_t width = outputShape[numSpatial], features = outputShape.back();
  int64_t channels = kernelShape[numSpatial];
  bool dynamicWidth = ShapedType::isDynamic(width);
  if (!llvm::isPowerOf2_64(lanes) || lanes < 2 ||
      (!dynamicWidth && width < lanes) ||
      features + 4 > countVectorRegisters(target.vectorBits))
    return false;
  double taps = 1;
  for (int64_t size : kernelShape.take_front(numSpatial))
    taps *= size;
  double fmas = target.fmasPerCycle;
  // Cycles per output pixel. Vectors of output channels: an FMA per tap,
  // input channel and vector.
  double channelVectors =
      taps * channels * llvm::divideCeil(features, lanes) / fmas;
  // Pixels in the lanes, estimated for tiles of one row (the estimate the
  // choice was calibrated with; tiles of two rows, where the output has them,
  // run faster): per tile, an FMA and a broadcast per tap, input channel and
  // output channel, and log2(L) levels of L shuffles and L stores per L
  // output channels; the tiles cover the row rounded up (a dynamic width is
  // taken to be a multiple of L).
  double tileCycles =
      taps * channels *
          std::max(features / fmas, (features + 1) / kLoadsPerCycle) +
      llvm::divideCeil(features, lanes) * lanes *
          (llvm::Log2_64(lanes) / kShufflesPerCycle + 1);
  double pixelLanes =
      dynamicWidth
          ? tileCycles / lanes
          : tileCycles * llvm::divideCeil(width, lanes) / double(width);
  return pixelLanes < kMinGain * channelVectors;
}

Value convt::buildTransposedInput(ImplicitLocOpBuilder &b, Value source,
                                  ArrayRef<OpFoldResult> spatialSizes,
                                  ArrayRef<int64_t> windowOffsets,
                                  int64_t lanes) {
  auto sourceType = cast<MemRefType>(source.getType());
  int64_t rank = sourceType.getRank();
  SmallVector<OpFoldResult> sourceSizes =
      memref::getMixedSizes(b, b.getLoc(), source);
  if (spatialSizes.empty())
    spatialSizes = ArrayRef(sourceSizes).slice(1, rank - 2);
  OpFoldResult lastSize = spatialSizes.back();
  if (std::optional<int64_t> size = getConstantIntValue(lastSize))
    lastSize = b.getIndexAttr(*size + lanes);
  else
    lastSize = arith::AddIOp::create(b, cast<Value>(lastSize),
                                     arith::ConstantIndexOp::create(b, lanes))
                   .getResult();
  SmallVector<OpFoldResult> sizes{sourceSizes.front()};
  sizes.append(spatialSizes.begin(), spatialSizes.end() - 1);
  sizes.append({sourceSizes.back(), lastSize});
  auto [shape, dynamicSizes] = decomposeMixedValues(sizes);
  auto type = MemRefType::get(shape, sourceType.getElementType());
  Value buffer =
      memref::AllocOp::create(b, type, dynamicSizes, b.getI64IntegerAttr(64));
  Value zero =
      arith::ConstantOp::create(b, sourceType.getElementType(),
                                b.getZeroAttr(sourceType.getElementType()));
  linalg::FillOp::create(b, zero, buffer);
  // The window: the source's sizes, with the last two dims swapped.
  SmallVector<OpFoldResult> offsets{b.getIndexAttr(0)};
  for (int64_t offset : windowOffsets.drop_back())
    offsets.push_back(b.getIndexAttr(offset));
  offsets.append({b.getIndexAttr(0), b.getIndexAttr(windowOffsets.back())});
  SmallVector<OpFoldResult> windowSizes(sourceSizes.begin(),
                                        sourceSizes.end() - 2);
  windowSizes.append({sourceSizes.back(), sourceSizes[rank - 2]});
  Value window = memref::SubViewOp::create(
      b, buffer, offsets, windowSizes,
      SmallVector<OpFoldResult>(rank, b.getIndexAttr(1)));
  SmallVector<int64_t> permutation =
      llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(permutation[rank - 1], permutation[rank - 2]);
  linalg::TransposeOp::create(b, source, window, permutation);
  return buffer;
}

void convt::emitPixelLanesKernel(linalg::LinalgOp conv,
                                 const TransposedInput &input,
                                 const AccumulatorInit &init,
                                 const CPUKernelTarget &target,
                                 int64_t threads) {
  PixelLanesEmitter(conv, input, init, target.vectorBits / 32).emit(threads);
}
