//===- ConvolutionKernels.cpp - tiled GPU kernels for convolutions --------===//
//
// Replaces stride-1 NHWC/HWCF convolutions on memrefs by a tiled implicit
// GEMM: M = output pixels, N = output channels F, K = R = taps * C. With tiles
// of BM pixels, BF channels and BK reduction steps:
//
//   forall (bm, bf) in (ceil(M / BM), ceil(F / BF))      #gpu.block<x>, <y>
//     acc[BM][BF], a[BK][BM + pad], b[BK][BF]             workgroup memory
//     forall t in (T): acc = out[tile]                    #gpu.thread<x>
//     for r0 in [0, R) step BK:
//       forall t in (T): a[k][i] = in[pixel m0 + i at tap, channel of r0 + k]
//                        b[k][j] = kernel[tap, channel of r0 + k, f0 + j]
//       forall t in (T): acc[TM x TN micro-tile of t] += a^T b
//     forall t in (T): out[tile] = acc
//
// With tensor cores, a is [BM][BK + pad] (row-major A of the GEMM) and the
// update is a loop over warps (#gpu.warp<x>), each of which multiplies-adds
// two 16 x 16 fragments of acc with WMMA (TF32 m16n16k8, f32 accumulation).
//
// Each sibling thread loop ends at a barrier once mapped to a launch, and
// runs in order when the loops run sequentially: the same IR runs on a CPU,
// where the WMMA steps become linalg.matmul on the same fragments.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/GPU/Passes.h"

#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include "llvm/Support/MathExtras.h"

namespace convt {
#define GEN_PASS_DEF_CONVTGPUCONVOLUTIONKERNELS
#include "convt/Transforms/GPU/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// Each thread computes a micro-tile of TM pixels by TN output channels, in
/// vectors of TN channels.
constexpr int64_t kMicroPixels = 4;
constexpr int64_t kMicroChannels = 4;
/// Tiles hold at most this many output channels and pixels, and this many
/// accumulators in all (256 threads at 4 x 4 each).
constexpr int64_t kMaxTileChannels = 64;
constexpr int64_t kMaxTilePixels = 128;
constexpr int64_t kTileAccumulators = 4096;
/// Padding of the rows of the input tile, against shared-memory bank
/// conflicts; rows stay 16-byte aligned.
constexpr int64_t kInputRowPadding = 4;
/// WMMA fragments: TF32 m16n16k8.
constexpr int64_t kFragmentSize = 16;
constexpr int64_t kFragmentDepth = 8;
constexpr int64_t kWarpSize = 32;
/// WMMA loads and stores need 32-byte aligned fragments.
constexpr int64_t kFragmentAlignment = 32;

/// The output channel tile of a convolution with `features` channels: the
/// channel count rounded up to a power of two within [4, 64].
int64_t getChannelTile(int64_t features) {
  if (ShapedType::isDynamic(features))
    return kMaxTileChannels;
  return std::clamp<int64_t>(llvm::PowerOf2Ceil(std::max<int64_t>(features, 1)),
                             kMicroChannels, kMaxTileChannels);
}

/// The tile sizes of one convolution. All are powers of two, so that each
/// cooperative copy gives every thread the same number of elements.
struct Tiling {
  int64_t channels;  // BF
  int64_t pixels;    // BM
  int64_t reduction; // BK
  int64_t threads;   // T

  /// The tiles of an output of shape `outputShape` (batch, spatial...,
  /// channels).
  Tiling(ArrayRef<int64_t> outputShape, Type accType, bool tensorCores,
         int64_t minBlocks)
      : channels(getChannelTile(outputShape.back())),
        pixels(std::min(kMaxTilePixels, kTileAccumulators / channels)),
        // f64 tiles take twice the bytes: half the reduction steps keep all
        // three within the 48 KiB of static shared memory. Tensor cores
        // take deeper steps, which halve the accumulator round trips.
        reduction(tensorCores                            ? 32
                  : accType.getIntOrFloatBitWidth() > 32 ? 8
                                                         : 16) {
    // A grid of fewer blocks than the GPU has multiprocessors leaves some
    // idle: smaller pixel tiles, down to a warp's threads and the rows of a
    // WMMA fragment, give more blocks.
    if (ShapedType::isStaticShape(outputShape)) {
      int64_t leastPixels = std::max(
          kFragmentSize, kWarpSize * kMicroPixels * kMicroChannels / channels);
      int64_t outputPixels =
          ShapedType::getNumElements(outputShape.drop_back());
      auto blocks = [&]() -> int64_t {
        return llvm::divideCeilSigned(outputPixels, pixels) *
               llvm::divideCeilSigned(outputShape.back(), channels);
      };
      while (pixels / 2 >= leastPixels && blocks() < minBlocks)
        pixels /= 2;
    }
    threads = (pixels / kMicroPixels) * (channels / kMicroChannels);
  }
};

/// Emits the tiled kernel of one convolution.
class ConvolutionKernelEmitter {
public:
  ConvolutionKernelEmitter(linalg::LinalgOp conv, convt::AccumulatorInit init,
                           bool tensorCores, bool loopsOnCPU, int64_t minBlocks)
      : b(conv.getLoc(), conv), input(conv.getDpsInputs()[0]),
        kernel(conv.getDpsInputs()[1]), output(conv.getDpsInits()[0]),
        init(init), outputType(cast<MemRefType>(output.getType())),
        accType(outputType.getElementType()),
        numSpatial(outputType.getRank() - 2), tensorCores(tensorCores),
        loopsOnCPU(loopsOnCPU),
        tile(outputType.getShape(), accType, tensorCores, minBlocks) {
    dilations = convt::getConvolutionDilations(conv);
    if (!loopsOnCPU)
      memorySpace = gpu::AddressSpaceAttr::get(b.getContext(),
                                               gpu::AddressSpace::Workgroup);
    // NVPTX loads at most 16 bytes at once, and the tiles are aligned to 16.
    vectorBytes = std::min<int64_t>(
        16, kMicroChannels * accType.getIntOrFloatBitWidth() / 8);
  }

  void emit();

private:
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value dim(Value memref, int64_t i) {
    int64_t size = cast<MemRefType>(memref.getType()).getDimSize(i);
    if (!ShapedType::isDynamic(size))
      return cst(size);
    return memref::DimOp::create(b, memref, i);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, x, y); }
  Value div(Value x, Value y) { return arith::DivUIOp::create(b, x, y); }
  Value rem(Value x, Value y) { return arith::RemUIOp::create(b, x, y); }
  Value lessThan(Value x, Value y) {
    return arith::CmpIOp::create(b, arith::CmpIPredicate::ult, x, y);
  }

  /// A tile buffer of `shape` in workgroup memory (or the default memory
  /// space, to run the loops on a CPU), aligned for vector accesses or WMMA.
  Value allocateTile(ArrayRef<int64_t> shape) {
    auto type = MemRefType::get(shape, accType, MemRefLayoutAttrInterface(),
                                memorySpace);
    int64_t alignment = tensorCores ? kFragmentAlignment : vectorBytes;
    return memref::AllocOp::create(b, type, b.getI64IntegerAttr(alignment));
  }

  /// A loop over `count` threads (or warps) of a block, ended by a barrier
  /// on a GPU.
  void parallelLoop(int64_t count, Attribute mapping,
                    function_ref<void(Value)> bodyFn) {
    auto loop =
        scf::ForallOp::create(b, ArrayRef<OpFoldResult>{b.getIndexAttr(count)},
                              ValueRange(), b.getArrayAttr({mapping}));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    bodyFn(loop.getInductionVar(0));
  }
  void threadLoop(function_ref<void(Value)> bodyFn) {
    parallelLoop(
        tile.threads,
        gpu::GPUThreadMappingAttr::get(b.getContext(), gpu::MappingId::DimX),
        bodyFn);
  }

  /// Calls `bodyFn` with each of the elements `[0, count)` that thread
  /// `thread` takes in a cooperative copy: consecutive threads take
  /// consecutive elements.
  void forEachElement(Value thread, int64_t count,
                      function_ref<void(Value)> bodyFn) {
    int64_t perThread = count / tile.threads;
    if (perThread == 1)
      return bodyFn(thread);
    auto loop = scf::ForOp::create(b, cst(0), cst(perThread), cst(1));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(loop.getBody()->getTerminator());
    bodyFn(add(mul(loop.getInductionVar(), cst(tile.threads)), thread));
  }

  /// `convert(memref[indicesFn()])` where `inRange` holds, zero elsewhere
  /// (without reading memory).
  Value loadOrZero(Value inRange, Value memref,
                   function_ref<SmallVector<Value>()> indicesFn,
                   function_ref<Value(Value)> convert) {
    auto ifOp = scf::IfOp::create(b, accType, inRange, /*withElse=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(ifOp.thenBlock());
      Value value = memref::LoadOp::create(b, memref, indicesFn());
      scf::YieldOp::create(b, convert(value));
      b.setInsertionPointToStart(ifOp.elseBlock());
      Value zero =
          arith::ConstantOp::create(b, cast<TypedAttr>(b.getZeroAttr(accType)));
      scf::YieldOp::create(b, zero);
    }
    return ifOp.getResult(0);
  }

  /// `value` in the accumulator type, as linalg's convolutions cast their
  /// operands.
  Value convertToAcc(Value value) {
    unsigned from = value.getType().getIntOrFloatBitWidth();
    unsigned to = accType.getIntOrFloatBitWidth();
    if (value.getType() == accType)
      return value;
    if (from < to)
      return arith::ExtFOp::create(b, accType, value);
    return arith::TruncFOp::create(b, accType, value);
  }

  /// `value` (f32) rounded to TF32, to the nearest with ties away from zero,
  /// as cvt.rna.tf32.f32 does; NaNs stay NaNs.
  Value roundToTF32(Value value) {
    Type i32 = b.getI32Type();
    Value bits = arith::BitcastOp::create(b, i32, value);
    Value half = arith::ConstantIntOp::create(b, i32, 0x1000);
    Value mask = arith::ConstantIntOp::create(b, i32, 0xffffe000);
    Value rounded = arith::BitcastOp::create(
        b, value.getType(),
        arith::AndIOp::create(b, arith::AddIOp::create(b, bits, half), mask));
    Value isNaN =
        arith::CmpFOp::create(b, arith::CmpFPredicate::UNO, value, value);
    return arith::SelectOp::create(b, isNaN, value, rounded);
  }

  /// An operand value for the tiles: in the accumulator type, and for
  /// tensor cores rounded to TF32 unless it came from f16 or bf16 (which
  /// TF32 holds exactly).
  Value stageValue(Value value) {
    Value converted = convertToAcc(value);
    if (tensorCores && value.getType().getIntOrFloatBitWidth() > 16)
      return roundToTF32(converted);
    return converted;
  }

  /// The indices of output pixel `pixel` (batch, then spatial).
  SmallVector<Value> pixelIndices(Value pixel) {
    return convt::delinearize(b, pixel, outputDims);
  }

  void emitBlock(Value pixelBlock, Value channelBlock);
  void emitMicroKernel(Value thread, Value accTile, Value inputTile,
                       Value kernelTile);
  void emitTensorCoreStep(Value warp, Value accTile, Value inputTile,
                          Value kernelTile);

  ImplicitLocOpBuilder b;
  Value input, kernel, output;
  convt::AccumulatorInit init;
  MemRefType outputType;
  Type accType;
  int64_t numSpatial;
  bool tensorCores;
  bool loopsOnCPU;
  Tiling tile;
  SmallVector<int64_t> dilations;
  Attribute memorySpace;
  int64_t vectorBytes;

  // Sizes, set by emit().
  SmallVector<Value> outputDims; // batch, spatial
  SmallVector<Value> kernelDims; // spatial taps
  Value pixels, features, channels, reduction;
};

void ConvolutionKernelEmitter::emit() {
  for (int64_t j = 0; j <= numSpatial; ++j)
    outputDims.push_back(dim(output, j));
  for (int64_t j = 0; j < numSpatial; ++j)
    kernelDims.push_back(dim(kernel, j));
  pixels = cst(1);
  for (Value size : outputDims)
    pixels = mul(pixels, size);
  features = dim(output, numSpatial + 1);
  channels = dim(input, numSpatial + 1);
  reduction = channels;
  for (Value size : kernelDims)
    reduction = mul(reduction, size);

  MLIRContext *context = b.getContext();
  auto mapping = b.getArrayAttr(
      {gpu::GPUBlockMappingAttr::get(context, gpu::MappingId::DimX),
       gpu::GPUBlockMappingAttr::get(context, gpu::MappingId::DimY)});
  Value pixelBlocks = arith::CeilDivUIOp::create(b, pixels, cst(tile.pixels));
  Value channelBlocks =
      arith::CeilDivUIOp::create(b, features, cst(tile.channels));
  auto blocks = scf::ForallOp::create(
      b, ArrayRef<OpFoldResult>{pixelBlocks, channelBlocks}, ValueRange(),
      mapping);
  b.setInsertionPoint(blocks.getBody()->getTerminator());
  emitBlock(blocks.getInductionVar(0), blocks.getInductionVar(1));
}

void ConvolutionKernelEmitter::emitBlock(Value pixelBlock, Value channelBlock) {
  Value pixel0 = mul(pixelBlock, cst(tile.pixels));
  Value feature0 = mul(channelBlock, cst(tile.channels));
  Value accTile = allocateTile({tile.pixels, tile.channels});
  // Tensor cores read A row-major: [pixel][reduction].
  Value inputTile =
      tensorCores
          ? allocateTile({tile.pixels, tile.reduction + kInputRowPadding})
          : allocateTile({tile.reduction, tile.pixels + kInputRowPadding});
  Value kernelTile = allocateTile({tile.reduction, tile.channels});

  // Element e of the accumulator tile: pixel e / BF, channel e % BF, so
  // that consecutive threads touch consecutive channels.
  auto outputElement =
      [&](Value e,
          function_ref<void(Value, Value, Value, Value, Value)> bodyFn) {
        Value i = div(e, cst(tile.channels));
        Value j = rem(e, cst(tile.channels));
        Value pixel = add(pixel0, i);
        Value feature = add(feature0, j);
        Value inRange = arith::AndIOp::create(b, lessThan(pixel, pixels),
                                              lessThan(feature, features));
        bodyFn(i, j, pixel, feature, inRange);
      };
  auto outputIndices = [&](Value pixel, Value feature) {
    SmallVector<Value> indices = pixelIndices(pixel);
    indices.push_back(feature);
    return indices;
  };

  // The accumulators start from the fill or bias broadcast written just
  // before the convolution (which is then erased), else from the output.
  threadLoop([&](Value thread) {
    forEachElement(thread, tile.pixels * tile.channels, [&](Value e) {
      outputElement(
          e, [&](Value i, Value j, Value pixel, Value feature, Value inRange) {
            auto same = [](Value v) { return v; };
            Value value;
            if (init.scalar)
              value = init.scalar;
            else if (init.bias)
              value = loadOrZero(
                  lessThan(feature, features), init.bias,
                  [&] { return SmallVector<Value>{feature}; }, same);
            else
              value = loadOrZero(
                  inRange, output,
                  [&] { return outputIndices(pixel, feature); }, same);
            memref::StoreOp::create(b, value, accTile, ValueRange{i, j});
          });
    });
  });

  auto steps = scf::ForOp::create(b, cst(0), reduction, cst(tile.reduction));
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(steps.getBody()->getTerminator());
    Value step0 = steps.getInductionVar();
    // Reduction index r: tap r / C (row-major over the kernel's spatial
    // dims), input channel r % C.
    auto tapAndChannel = [&](Value r) {
      SmallVector<Value> indices =
          convt::delinearize(b, div(r, channels), kernelDims);
      indices.push_back(rem(r, channels));
      return indices;
    };
    threadLoop([&](Value thread) {
      // Input element e: reduction index e % BK (consecutive threads read
      // consecutive channels), pixel e / BK.
      forEachElement(thread, tile.reduction * tile.pixels, [&](Value e) {
        Value k = rem(e, cst(tile.reduction));
        Value i = div(e, cst(tile.reduction));
        Value r = add(step0, k);
        Value pixel = add(pixel0, i);
        Value inRange = arith::AndIOp::create(b, lessThan(r, reduction),
                                              lessThan(pixel, pixels));
        Value value = loadOrZero(
            inRange, input,
            [&] {
              SmallVector<Value> at = pixelIndices(pixel);
              SmallVector<Value> tap = tapAndChannel(r);
              for (int64_t j = 0; j < numSpatial; ++j)
                at[j + 1] = add(at[j + 1], mul(tap[j], cst(dilations[j])));
              at.push_back(tap.back());
              return at;
            },
            [&](Value v) { return stageValue(v); });
        memref::StoreOp::create(b, value, inputTile,
                                tensorCores ? ValueRange{i, k}
                                            : ValueRange{k, i});
      });
      // Kernel element e: channel e % BF, reduction index e / BF.
      forEachElement(thread, tile.reduction * tile.channels, [&](Value e) {
        Value j = rem(e, cst(tile.channels));
        Value k = div(e, cst(tile.channels));
        Value r = add(step0, k);
        Value feature = add(feature0, j);
        Value inRange = arith::AndIOp::create(b, lessThan(r, reduction),
                                              lessThan(feature, features));
        Value value = loadOrZero(
            inRange, kernel,
            [&] {
              SmallVector<Value> at = tapAndChannel(r);
              at.push_back(feature);
              return at;
            },
            [&](Value v) { return stageValue(v); });
        memref::StoreOp::create(b, value, kernelTile, ValueRange{k, j});
      });
    });
    if (tensorCores)
      parallelLoop(
          tile.threads / kWarpSize,
          gpu::GPUWarpMappingAttr::get(b.getContext(), gpu::MappingId::DimX),
          [&](Value warp) {
            emitTensorCoreStep(warp, accTile, inputTile, kernelTile);
          });
    else
      threadLoop([&](Value thread) {
        emitMicroKernel(thread, accTile, inputTile, kernelTile);
      });
  }

  threadLoop([&](Value thread) {
    forEachElement(thread, tile.pixels * tile.channels, [&](Value e) {
      outputElement(
          e, [&](Value i, Value j, Value pixel, Value feature, Value inRange) {
            auto ifOp = scf::IfOp::create(b, inRange);
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
            Value value = memref::LoadOp::create(b, accTile, ValueRange{i, j});
            memref::StoreOp::create(b, value, output,
                                    outputIndices(pixel, feature));
          });
    });
  });

  for (Value buffer : {accTile, inputTile, kernelTile})
    memref::DeallocOp::create(b, buffer);
}

/// Thread t owns the TM x TN micro-tile at pixel row (t / (BF / TN)) * TM and
/// channel column (t % (BF / TN)) * TN: neighbouring threads of a warp read
/// neighbouring vectors of the kernel tile and the same vector of the input
/// tile (a broadcast).
void ConvolutionKernelEmitter::emitMicroKernel(Value thread, Value accTile,
                                               Value inputTile,
                                               Value kernelTile) {
  Value columns = cst(tile.channels / kMicroChannels);
  Value row0 = mul(div(thread, columns), cst(kMicroPixels));
  Value column0 = mul(rem(thread, columns), cst(kMicroChannels));
  auto accVector = VectorType::get({kMicroChannels}, accType);
  auto pixelVector = VectorType::get({kMicroPixels}, accType);
  llvm::MaybeAlign align(vectorBytes);

  SmallVector<Value> acc;
  for (int64_t p = 0; p < kMicroPixels; ++p)
    acc.push_back(vector::LoadOp::create(b, accVector, accTile,
                                         ValueRange{add(row0, cst(p)), column0},
                                         /*nontemporal=*/false, align));
  for (int64_t k = 0; k < tile.reduction; ++k) {
    Value a = vector::LoadOp::create(b, pixelVector, inputTile,
                                     ValueRange{cst(k), row0},
                                     /*nontemporal=*/false, align);
    Value w = vector::LoadOp::create(b, accVector, kernelTile,
                                     ValueRange{cst(k), column0},
                                     /*nontemporal=*/false, align);
    for (int64_t p = 0; p < kMicroPixels; ++p) {
      Value x = vector::ExtractOp::create(b, a, p);
      Value splat = vector::BroadcastOp::create(b, accVector, x);
      acc[p] = vector::FMAOp::create(b, splat, w, acc[p]);
    }
  }
  for (int64_t p = 0; p < kMicroPixels; ++p)
    vector::StoreOp::create(b, acc[p], accTile,
                            ValueRange{add(row0, cst(p)), column0},
                            /*nontemporal=*/false, align);
}

/// Warp w updates the two 16 x 16 accumulator fragments 2w and 2w + 1
/// (row-major over the tile) with WMMA, over the whole reduction step in
/// steps of 8. On a CPU each WMMA step is a linalg.matmul on the same
/// fragments.
void ConvolutionKernelEmitter::emitTensorCoreStep(Value warp, Value accTile,
                                                  Value inputTile,
                                                  Value kernelTile) {
  int64_t fragmentColumns = tile.channels / kFragmentSize;
  int64_t inputStride = tile.reduction + kInputRowPadding;
  auto cType =
      gpu::MMAMatrixType::get({kFragmentSize, kFragmentSize}, accType, "COp");
  auto aType =
      gpu::MMAMatrixType::get({kFragmentSize, kFragmentDepth}, accType, "AOp");
  auto bType =
      gpu::MMAMatrixType::get({kFragmentDepth, kFragmentSize}, accType, "BOp");
  auto leading = [&](int64_t stride) { return b.getIndexAttr(stride); };
  auto subview = [&](Value tileBuffer, Value row, Value column, int64_t rows,
                     int64_t columns) {
    return memref::SubViewOp::create(
        b, tileBuffer, ArrayRef<OpFoldResult>{row, column},
        ArrayRef<OpFoldResult>{b.getIndexAttr(rows), b.getIndexAttr(columns)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
  };
  for (int64_t q = 0; q < 2; ++q) {
    Value fragment = add(mul(warp, cst(2)), cst(q));
    Value row0 = mul(div(fragment, cst(fragmentColumns)), cst(kFragmentSize));
    Value column0 =
        mul(rem(fragment, cst(fragmentColumns)), cst(kFragmentSize));
    if (loopsOnCPU) {
      for (int64_t k = 0; k < tile.reduction; k += kFragmentDepth)
        linalg::MatmulOp::create(
            b,
            ValueRange{
                subview(inputTile, row0, cst(k), kFragmentSize, kFragmentDepth),
                subview(kernelTile, cst(k), column0, kFragmentDepth,
                        kFragmentSize)},
            ValueRange{
                subview(accTile, row0, column0, kFragmentSize, kFragmentSize)});
      continue;
    }
    Value acc = gpu::SubgroupMmaLoadMatrixOp::create(
        b, cType, accTile, ValueRange{row0, column0}, leading(tile.channels),
        /*transpose=*/UnitAttr());
    for (int64_t k = 0; k < tile.reduction; k += kFragmentDepth) {
      Value a = gpu::SubgroupMmaLoadMatrixOp::create(
          b, aType, inputTile, ValueRange{row0, cst(k)}, leading(inputStride),
          /*transpose=*/UnitAttr());
      Value w = gpu::SubgroupMmaLoadMatrixOp::create(
          b, bType, kernelTile, ValueRange{cst(k), column0},
          leading(tile.channels), /*transpose=*/UnitAttr());
      acc = gpu::SubgroupMmaComputeOp::create(b, a, w, acc, UnitAttr(),
                                              UnitAttr());
    }
    gpu::SubgroupMmaStoreMatrixOp::create(
        b, acc, accTile, ValueRange{row0, column0}, leading(tile.channels),
        /*transpose=*/UnitAttr());
  }
}

/// Whether `conv` runs on TF32 tensor cores: an f32 accumulator, operands
/// that TF32 holds exactly (f16, bf16) or f32 operands where the precision
/// allows TF32, and at least 16 output channels per tile.
bool useTensorCores(linalg::LinalgOp conv) {
  Type acc = cast<MemRefType>(conv.getDpsInits()[0].getType()).getElementType();
  int64_t features =
      cast<MemRefType>(conv.getDpsInits()[0].getType()).getShape().back();
  bool allowTF32 = convt::ConvTDialect::AllowTf32AttrHelper(conv->getContext())
                       .isAttrPresent(conv);
  return acc.isF32() && getChannelTile(features) >= kFragmentSize &&
         llvm::all_of(conv.getDpsInputs(), [&](Value v) {
           Type type = cast<MemRefType>(v.getType()).getElementType();
           return type.isF16() || type.isBF16() || (type.isF32() && allowTF32);
         });
}

struct ConvTGPUConvolutionKernelsPass
    : public convt::impl::ConvTGPUConvolutionKernelsBase<
          ConvTGPUConvolutionKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (minBlocks < 0) {
      getOperation().emitError("min-blocks must be at least 0; got ")
          << static_cast<int64_t>(minBlocks);
      return signalPassFailure();
    }
    SmallVector<Operation *> convolutions;
    getOperation().walk([&](Operation *op) {
      if (convt::isStrideOneFloatConvolutionOnBuffers(op))
        convolutions.push_back(op);
    });
    for (Operation *op : convolutions) {
      auto conv = cast<linalg::LinalgOp>(op);
      convt::AccumulatorInit init = convt::findAccumulatorInit(conv);
      ConvolutionKernelEmitter(conv, init, tensorCores && useTensorCores(conv),
                               loopsOnCPU, minBlocks)
          .emit();
      op->erase();
      if (init.op)
        init.op->erase();
    }
  }
};

} // namespace
