//===- CPUKernelLayout.cpp - what the CPU kernels choose per conv ---------===//

#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/CPULaneReductionKernel.h"
#include "convt/Transforms/CPUPixelLanesKernel.h"

#include "convt/Transforms/ConvolutionUtils.h"
#include "convt/Transforms/Passes.h"
#include "convt/Utils/LaneReductionCost.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kPackedKernelAttrName = "convt.packed_kernel";
constexpr int64_t kMaxRows = 12;
constexpr int64_t kMaxVectors = 4;
/// With a dynamic width, each row of the last dim ends with a tile of each
/// leftover count below the block's rows. The accumulators of these tiles,
/// summed over the counts and over the convolutions of a function, are at
/// most this many. G3 in bench/ with dynamic sizes (one sub-pixel
/// convolution: 12 rows of 1 vector, 66) ran 1.13-1.22x faster than with 8
/// rows, and compiles in 0.24 s. D8's 4 phases with 8 rows of 2 vectors (56
/// each) ran up to 1.12x slower at 1 thread than with 6, and F's 8 phases
/// compile in 0.8 s with them, 0.6 s with 6.
constexpr int64_t kLeftoverAccumulatorBudget = 120;
/// Each convolution may have this many however many share the budget: 6 rows
/// of 2 vectors, 4 of 4.
constexpr int64_t kMinLeftoverAccumulators = 30;
/// The cycles of a reduction step whose few accumulators wait for the FMA
/// latency (4 cycles on Zen 4 and 5 and Intel since Skylake), plus what
/// measured blocks of 8 to 10 accumulators lost to it with AVX2 on Zen 5: in
/// bench/, E's 56 columns ran 1.09x faster in blocks of 5 rows x 2 vectors
/// than of 4 x 2, and F's 16 columns 1.27x slower in 5 x 2 and a 1-row tile
/// than in 4 x 2, and 1.05x slower in 8 x 1.
constexpr double kLatencyBoundStepCycles = 4.4;
/// The bytes of one way of an x86 L1 data cache, indexed within a 4 KiB page.
constexpr int64_t kL1WayBytes = 4096;
} // namespace

llvm::Error convt::checkThreadCount(int64_t threads) {
  if (threads >= 1 && threads <= kMaxThreads)
    return llvm::Error::success();
  return llvm::createStringError(llvm::formatv(
      "threads must be between 1 and {0}; got {1}", kMaxThreads, threads));
}

llvm::Expected<convt::CPUKernelTarget>
convt::resolveCPUKernelTarget(int64_t vectorBits, int64_t fmasPerCycle,
                              int64_t l1CacheBytes, StringRef bf16Dot) {
  int64_t bits = vectorBits == 0 ? getHostVectorBits() : vectorBits;
  if (bits < 128 || bits > kMaxVectorBits || bits % 64 != 0)
    return llvm::createStringError(llvm::formatv(
        "vector-bits must be 0 (the host's) or a multiple of 64 from 128 to "
        "{0}; got {1}",
        kMaxVectorBits, bits));
  if (fmasPerCycle < 0)
    return llvm::createStringError(llvm::formatv(
        "fmas-per-cycle must be at least 0 (0: the host's); got {0}",
        fmasPerCycle));
  if (l1CacheBytes < 0)
    return llvm::createStringError(llvm::formatv(
        "l1-cache-bytes must be at least 0 (0: the host's); got {0}",
        l1CacheBytes));
  bool useBF16Dot;
  if (bf16Dot == "host")
    useBF16Dot = llvm::sys::getHostCPUFeatures().lookup("avx512bf16");
  else if (bf16Dot == "on" || bf16Dot == "off")
    useBF16Dot = bf16Dot == "on";
  else
    return llvm::createStringError("bf16-dot must be host, on or off; got '" +
                                   bf16Dot + "'");
  return CPUKernelTarget{
      bits, fmasPerCycle > 0 ? fmasPerCycle : getHostFMAsPerCycle(bits),
      l1CacheBytes > 0 ? l1CacheBytes : getHostL1DataCacheBytes(), useBF16Dot};
}

FailureOr<convt::CPUKernelTarget>
convt::resolveCPUKernelTarget(Operation *op, int64_t vectorBits,
                              int64_t fmasPerCycle, int64_t l1CacheBytes,
                              StringRef bf16Dot) {
  llvm::Expected<CPUKernelTarget> target =
      resolveCPUKernelTarget(vectorBits, fmasPerCycle, l1CacheBytes, bf16Dot);
  if (!target)
    return op->emitError(llvm::toString(target.takeError()));
  return *target;
}

bool convt::isCPUKernelConvolution(Operation *op) {
  if (!isStrideOneFloatConvolutionOnBuffers(op) ||
      !llvm::all_of(op->getOperands(), isInnerContiguous))
    return false;
  // The kernels extend the operands to the output's type; an operand wider
  // than the output (rounded first in linalg's body) stays with linalg.
  unsigned outputWidth =
      getElementTypeOrSelf(op->getOperand(2).getType()).getIntOrFloatBitWidth();
  return llvm::all_of(op->getOperands(), [&](Value operand) {
    return getElementTypeOrSelf(operand.getType()).getIntOrFloatBitWidth() <=
           outputWidth;
  });
}

int64_t convt::getLeftoverAccumulatorLimit(ArrayRef<Operation *> convolutions) {
  int64_t dynamicWidths = llvm::count_if(convolutions, [](Operation *conv) {
    auto outputType = cast<MemRefType>(conv->getOperand(2).getType());
    return outputType.isDynamicDim(outputType.getRank() - 2);
  });
  return std::max(kMinLeftoverAccumulators,
                  kLeftoverAccumulatorBudget /
                      std::max<int64_t>(dynamicWidths, 1));
}

// Whether an r x v block with its kernel vectors loaded first stays in
// `registers` vector registers without spills inside its loop. This needs
// about a third of them spare: LLVM hoists the loads of the next unrolled tap
// ahead of the FMAs, and spilled with 22 and 24 accumulators of 32, not with
// 21; with 12 of 16, not with 10.
static bool fitsKernelVectorsFirst(int64_t rows, int64_t vectors,
                                   int64_t registers) {
  return rows * vectors <= registers * 2 / 3;
}

// With its rows broadcast first, an r x v block with r <= v needs only
// r * v + r + 1 registers, and one more for the mask of a partial kernel
// vector read in place: LLVM keeps that order, and AVX2's 3 x 4 blocks of A,
// E and oddB in bench/ (16 registers) have no spills, those of oddD (29
// channels, masked) did without the mask's register.
static bool fitsBroadcastsFirst(int64_t rows, int64_t vectors,
                                int64_t registers, bool masked) {
  return rows <= vectors &&
         rows * vectors + rows + 1 + (masked ? 1 : 0) <= registers;
}

// Whether `block` leaves no register for the mask of a partial kernel vector
// read in place (AVX2's 3 x 4): its kernel is then packed, with zeros past
// the last channel, even where it is one block of channels.
static bool needsUnmaskedKernel(convt::RegisterBlock block, int64_t features,
                                int64_t lanes, int64_t registers) {
  return features % lanes &&
         !fitsKernelVectorsFirst(block.rows, block.vectors, registers) &&
         !fitsBroadcastsFirst(block.rows, block.vectors, registers,
                              /*masked=*/true);
}

bool convt::broadcastsRowsFirst(int64_t rows, int64_t vectors,
                                int64_t vectorBits) {
  return !fitsKernelVectorsFirst(rows, vectors,
                                 countVectorRegisters(vectorBits));
}

// One reduction step of an r x v block issues r * v FMAs (`fmasPerCycle`),
// loads v kernel vectors and r pixels, and cannot beat the FMA latency on each
// accumulator chain. x86 CPUs since Haswell and Zen 2 load two vectors of up
// to 256 bits per cycle; of 512 bits, about one was measured (on Zen 4, which
// splits them, and Zen 5). Leftover channel and row blocks count.
convt::RegisterBlock convt::chooseRegisterBlock(MemRefType outputType,
                                                int64_t lanes,
                                                const CPUKernelTarget &target,
                                                int64_t leftoverAccumulators) {
  int64_t registers = countVectorRegisters(target.vectorBits);
  int64_t numSpatial = outputType.getRank() - 2;
  int64_t features = outputType.getShape().back();
  int64_t width = outputType.getShape()[numSpatial];
  int64_t featureVectors = ShapedType::isDynamic(features)
                               ? 4 * kMaxVectors
                               : llvm::divideCeil(features, lanes);
  bool dynamicWidth = ShapedType::isDynamic(width);
  if (dynamicWidth)
    width = 8 * kMaxRows;
  double loadsPerCycle = target.vectorBits <= 256 ? 2 : 1;
  auto stepCycles = [&](int64_t rows, int64_t vectors) {
    return std::max({rows * vectors / double(target.fmasPerCycle),
                     kLatencyBoundStepCycles,
                     (rows + vectors) / loadsPerCycle});
  };
  auto blockCycles = [&](int64_t rows, int64_t vectors) {
    double cycles = (width / rows) * stepCycles(rows, vectors);
    if (width % rows)
      cycles += stepCycles(width % rows, vectors);
    return cycles;
  };
  RegisterBlock block;
  double best = 0;
  for (int64_t vectors = 1;
       vectors <= std::min(kMaxVectors, std::max<int64_t>(featureVectors, 1));
       ++vectors) {
    for (int64_t rows = 1;
         rows <= std::clamp<int64_t>(width, 1, kMaxRows) &&
         (rows == 1 || fitsKernelVectorsFirst(rows, vectors, registers) ||
          // No mask register: a block whose kernel vector would need a mask
          // gets a kernel packed with zeros past the last channel (always
          // with a dynamic channel count; with a static one, where
          // needsUnmaskedKernel says so).
          fitsBroadcastsFirst(rows, vectors, registers, /*masked=*/false));
         ++rows) {
      if (dynamicWidth &&
          vectors * rows * (rows - 1) / 2 > leftoverAccumulators)
        break;
      double cycles = (featureVectors / vectors) * blockCycles(rows, vectors);
      if (featureVectors % vectors)
        cycles += blockCycles(rows, featureVectors % vectors);
      if (best == 0 || cycles < best ||
          (cycles == best && rows * vectors > block.rows * block.vectors)) {
        best = cycles;
        block = {rows, vectors};
      }
    }
  }
  return block;
}

bool convt::usesBF16Dot(linalg::LinalgOp conv, const CPUKernelTarget &target) {
  Type accType = getElementTypeOrSelf(conv.getDpsInits()[0].getType());
  return target.bf16Dot && target.vectorBits == 512 && accType.isF32() &&
         getElementTypeOrSelf(conv.getDpsInputs()[0].getType()).isBF16() &&
         getElementTypeOrSelf(conv.getDpsInputs()[1].getType()).isBF16();
}

std::optional<MemRefType>
convt::getPackedKernelType(linalg::LinalgOp conv, const CPUKernelTarget &target,
                           int64_t leftoverAccumulators) {
  if (getLaneReductionPixels(conv, target) ||
      takesPixelLanesKernel(conv, target))
    return std::nullopt;
  auto outputType = cast<MemRefType>(conv.getDpsInits()[0].getType());
  int64_t lanes =
      target.vectorBits / outputType.getElementType().getIntOrFloatBitWidth();
  return getPackedKernelType(
      conv, target,
      chooseRegisterBlock(outputType, lanes, target, leftoverAccumulators));
}

std::optional<MemRefType>
convt::getPackedKernelType(linalg::LinalgOp conv, const CPUKernelTarget &target,
                           RegisterBlock block) {
  auto outputType = cast<MemRefType>(conv.getDpsInits()[0].getType());
  auto kernelType = cast<MemRefType>(conv.getDpsInputs()[1].getType());
  int64_t lanes =
      target.vectorBits / outputType.getElementType().getIntOrFloatBitWidth();
  int64_t width = block.vectors * lanes;
  bool bf16Dot = usesBF16Dot(conv, target);
  int64_t numSpatial = outputType.getRank() - 2, group = bf16Dot ? 2 : 1;
  ArrayRef<int64_t> kernelShape = kernelType.getShape();
  int64_t taps = 1;
  for (int64_t size : kernelShape.take_front(numSpatial))
    taps = ShapedType::isDynamic(size) || ShapedType::isDynamic(taps)
               ? ShapedType::kDynamic
               : taps * size;
  // One block of output channels: the kernel's own rows of consecutive input
  // channels at a tap lie in the order the micro-kernel reads them. But the
  // taps lie a multiple of 4 KiB apart for power-of-two channel counts, in
  // the same L1 sets: with more taps than ways, the kernel slice does not
  // stay in L1 (5x5 and 7x7 kernels, 64 -> 64 channels: 20-26% faster
  // packed).
  int64_t features = outputType.getShape().back();
  if (!bf16Dot && !ShapedType::isDynamic(features) && features <= width &&
      !ShapedType::isDynamic(taps) &&
      taps <= target.l1CacheBytes / kL1WayBytes &&
      !needsUnmaskedKernel(block, features, lanes,
                           countVectorRegisters(target.vectorBits)))
    return std::nullopt;
  auto divide = [](int64_t size, int64_t by, bool ceil) -> int64_t {
    if (ShapedType::isDynamic(size))
      return size;
    return ceil ? llvm::divideCeil(size, by) : size / by;
  };
  return MemRefType::get({divide(kernelShape[numSpatial + 1], width, true),
                          divide(kernelShape[numSpatial], group, false), taps,
                          group * width},
                         kernelType.getElementType());
}

void convt::setPackedKernelMark(Operation *conv, const PackedKernelMark &mark) {
  Builder b(conv->getContext());
  conv->setAttr(
      kPackedKernelAttrName,
      b.getDictionaryAttr({b.getNamedAttr("global", mark.global),
                           b.getNamedAttr("type", TypeAttr::get(mark.type))}));
}

FailureOr<convt::PackedKernelMark> convt::getPackedKernelMark(Operation *conv) {
  Attribute attr = conv->getAttr(kPackedKernelAttrName);
  if (!attr)
    return PackedKernelMark{};
  auto dict = dyn_cast<DictionaryAttr>(attr);
  auto global = dict ? dict.getAs<FlatSymbolRefAttr>("global") : nullptr;
  auto type = dict ? dict.getAs<TypeAttr>("type") : nullptr;
  if (!global || !type || !isa<MemRefType>(type.getValue()) || dict.size() != 2)
    return conv->emitError("'")
           << kPackedKernelAttrName
           << "' must be {global = @symbol, type = <memref type>}; got "
           << attr;
  return PackedKernelMark{global, cast<MemRefType>(type.getValue())};
}
