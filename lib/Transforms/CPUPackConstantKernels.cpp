//===- CPUPackConstantKernels.cpp - pack constant kernels at compile time -===//
//
// convt-cpu-conv-kernels packs the kernel of a convolution on every call. A
// kernel read from a constant global is packed here once, into a global of
// its own, which the kernels then read (see the pass description in
// Passes.td).
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"

#include <cstring>

namespace convt {
#define GEN_PASS_DEF_CONVTCPUPACKCONSTANTKERNELS
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// A kernel operand that reads a constant global: element i of the kernel is
/// element offsets + i * strides (per dim) of the global's value, whose
/// bytes are `raw` (one element if `splat`).
struct ConstantKernel {
  memref::GlobalOp global;
  ArrayRef<char> raw;
  bool splat;
  SmallVector<int64_t> offsets, strides;
};

/// The constant global that `kernel` reads, directly or through a subview
/// with static offsets and strides.
std::optional<ConstantKernel>
findConstantKernel(Value kernel, SymbolTableCollection &symbols) {
  int64_t rank = cast<MemRefType>(kernel.getType()).getRank();
  ConstantKernel found{{},
                       {},
                       false,
                       SmallVector<int64_t>(rank, 0),
                       SmallVector<int64_t>(rank, 1)};
  if (auto view = kernel.getDefiningOp<memref::SubViewOp>()) {
    if (view.getSourceType().getRank() != rank ||
        ShapedType::isDynamicShape(view.getStaticOffsets()) ||
        ShapedType::isDynamicShape(view.getStaticStrides()))
      return std::nullopt;
    found.offsets = llvm::to_vector(view.getStaticOffsets());
    found.strides = llvm::to_vector(view.getStaticStrides());
    kernel = view.getSource();
  }
  auto getGlobal = kernel.getDefiningOp<memref::GetGlobalOp>();
  if (!getGlobal)
    return std::nullopt;
  found.global = symbols.lookupNearestSymbolFrom<memref::GlobalOp>(
      getGlobal, getGlobal.getNameAttr());
  if (!found.global || !found.global.getType().getLayout().isIdentity())
    return std::nullopt;
  // Dense values, or a dense resource blob (as large weights often come).
  std::optional<convt::RawElements> raw =
      convt::getRawElements(found.global.getConstantInitValue());
  if (!raw)
    return std::nullopt;
  found.raw = raw->bytes;
  found.splat = raw->splat;
  return found;
}

/// The values of the kernel of `conv`, read from `source`, in the packed
/// layout `packedType` with groups of `group` input channels (see
/// convt::getPackedKernelType).
DenseElementsAttr packKernel(linalg::LinalgOp conv,
                             const ConstantKernel &source,
                             MemRefType packedType, int64_t group) {
  ArrayRef<int64_t> kernelShape =
      cast<MemRefType>(conv.getDpsInputs()[1].getType()).getShape();
  int64_t numSpatial = kernelShape.size() - 2;
  int64_t features = kernelShape[numSpatial + 1];
  ArrayRef<int64_t> packedShape = packedType.getShape();
  int64_t groups = packedShape[1], taps = packedShape[2];
  int64_t width = packedShape[3] / group;
  // Row-major strides of the global's value.
  memref::GlobalOp global = source.global;
  ArrayRef<int64_t> globalShape = global.getType().getShape();
  SmallVector<int64_t> globalStrides(globalShape.size(), 1);
  for (int64_t i = globalShape.size() - 2; i >= 0; --i)
    globalStrides[i] = globalStrides[i + 1] * globalShape[i + 1];
  auto sourceIndex = [&](int64_t i, int64_t index) {
    return (source.offsets[i] + index * source.strides[i]) * globalStrides[i];
  };

  int64_t bytes = packedType.getElementTypeBitWidth() / 8;
  // Zero bytes are zero in every float type: the padding past the last
  // output channel.
  std::vector<char> packed(packedType.getNumElements() * bytes, 0);
  for (int64_t tap = 0; tap < taps; ++tap) {
    int64_t tapOffset = 0, rest = tap;
    for (int64_t i = numSpatial - 1; i >= 0; --i) {
      tapOffset += sourceIndex(i, rest % kernelShape[i]);
      rest /= kernelShape[i];
    }
    for (int64_t c = 0; c < groups * group; ++c) {
      int64_t channelOffset = tapOffset + sourceIndex(numSpatial, c);
      for (int64_t f = 0; f < features; ++f) {
        int64_t from = channelOffset + sourceIndex(numSpatial + 1, f);
        int64_t to = (((f / width) * groups + c / group) * taps + tap) *
                         (group * width) +
                     (f % width) * group + c % group;
        std::memcpy(&packed[to * bytes],
                    &source.raw[source.splat ? 0 : from * bytes], bytes);
      }
    }
  }
  return DenseElementsAttr::getFromRawBuffer(
      RankedTensorType::get(packedShape, packedType.getElementType()), packed);
}

struct ConvTCPUPackConstantKernelsPass
    : public convt::impl::ConvTCPUPackConstantKernelsBase<
          ConvTCPUPackConstantKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<convt::CPUKernelTarget> target = convt::resolveCPUKernelTarget(
        module, vectorBits, fmasPerCycle, l1CacheBytes, bf16Dot);
    if (failed(target))
      return signalPassFailure();
    SymbolTableCollection symbols;
    // Convolutions that read the same view of a global share its packing.
    using Key = std::tuple<Operation *, Attribute, Attribute, Type, Type>;
    llvm::DenseMap<Key, memref::GlobalOp> packedGlobals;
    OpBuilder builder(&getContext());
    // Per function, as convt-cpu-conv-kernels runs, which limits the
    // leftover accumulators by the function's convolutions.
    llvm::MapVector<Operation *, SmallVector<Operation *>> byFunction;
    module.walk([&](linalg::LinalgOp conv) {
      if (convt::isCPUKernelConvolution(conv))
        byFunction[conv->getParentOfType<func::FuncOp>()].push_back(conv);
    });
    SmallVector<std::pair<linalg::LinalgOp, int64_t>> convolutions;
    for (auto &[function, functionConvolutions] : byFunction) {
      int64_t limit = convt::getLeftoverAccumulatorLimit(functionConvolutions);
      for (Operation *conv : functionConvolutions)
        convolutions.emplace_back(conv, limit);
    }
    for (auto [conv, leftoverAccumulators] : convolutions) {
      std::optional<MemRefType> packedType =
          convt::getPackedKernelType(conv, *target, leftoverAccumulators);
      Value kernel = conv.getDpsInputs()[1];
      if (!packedType || !packedType->hasStaticShape())
        continue;
      std::optional<ConstantKernel> source =
          findConstantKernel(kernel, symbols);
      if (!source)
        continue;
      Key key{source->global, builder.getDenseI64ArrayAttr(source->offsets),
              builder.getDenseI64ArrayAttr(source->strides), kernel.getType(),
              *packedType};
      memref::GlobalOp &packed = packedGlobals[key];
      if (!packed) {
        int64_t group = convt::usesBF16Dot(conv, *target) ? 2 : 1;
        packed = memref::GlobalOp::create(
            builder, source->global.getLoc(),
            (source->global.getSymName() + "_packed").str(),
            builder.getStringAttr("private"), *packedType,
            packKernel(conv, *source, *packedType, group),
            /*constant=*/true, builder.getI64IntegerAttr(64));
        symbols.getSymbolTable(source->global->getParentOp())
            .insert(packed, std::next(Block::iterator(source->global)));
      }
      convt::setPackedKernelMark(conv,
                                 {FlatSymbolRefAttr::get(packed), *packedType});
    }
  }
};

} // namespace
