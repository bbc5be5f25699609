//===- ConvTToLinalg.cpp - lower convt.conv_transpose to linalg -----------===//
//
// Lowers `convt.conv_transpose` to linalg/tensor/arith on tensors, following
// the order of operations of Flax (spec §3): flatten the batch dims, mask and
// promote the kernel, convolve, fold CIRCULAR, add the bias, restore the
// batch dims.
//
// The `phase` strategy is the sub-pixel decomposition of DESIGN.md §1: per
// spatial dim, output `t = s*q + r` only sees the kernel taps `k` with
// `(r + k*d - lo) mod s == 0`, which form the progression `k0 + m*(s/g)`
// (`g = gcd(s, d)`) and read input pixel `q + base + m*(d/g)`. Each phase is
// therefore a stride-1 convolution of the undilated input with a strided
// sub-kernel and kernel dilation `d/g`.
//
//===----------------------------------------------------------------------===//

#include "convt/Conversion/ConvTToLinalg/RunTimeChecks.h"
#include "convt/Conversion/Passes.h"
#include "convt/Dialect/ConvT/IR/ConvTOps.h"
#include "convt/Utils/IndexMath.h"
#include "convt/Utils/LaneReductionCost.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <limits>
#include <numeric>

namespace convt {
#define GEN_PASS_DEF_CONVERTCONVTTOLINALG
#include "convt/Conversion/Passes.h.inc"
} // namespace convt

using namespace mlir;
using namespace convt;

/// Phases emitted one by one, each accumulating in its slice of the output,
/// read those slices from the chain of insertions of the phases before them,
/// whose bufferization analysis grows with the cube of the phases' number.
/// Beyond this many phases, runs of phases of equal sizes become loops (see
/// convolvePhases), whose bodies it analyzes once.
constexpr int64_t kMaxUnrolledPhases = 16;

llvm::Error convt::checkByteCountOption(StringRef name, int64_t bytes) {
  if (bytes >= 0)
    return llvm::Error::success();
  return llvm::createStringError(name + " must be at least 0 (0: never); got " +
                                 Twine(bytes));
}

std::string convt::formatRunTimeCheckMessage(Location loc,
                                             const Twine &message) {
  auto file = loc->findInstanceOf<FileLineColLoc>();
  if (!file)
    return message.str();
  return (file.getFilename().getValue() + ":" + Twine(file.getLine()) + ":" +
          Twine(file.getColumn()) + ": " + message)
      .str();
}

namespace {

/// Converts a scalar between the supported element types; integers are
/// signed, except i1 (bool).
Value convertScalar(OpBuilder &b, Location loc, Value v, Type to) {
  Type from = v.getType();
  if (from == to)
    return v;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  unsigned fromWidth = from.getIntOrFloatBitWidth(),
           toWidth = to.getIntOrFloatBitWidth();
  bool isBool = from.isInteger(1);
  if (fromFloat && toFloat) {
    // f16 <-> bf16 have equal widths: go through f32.
    if (fromWidth == toWidth)
      return convertScalar(
          b, loc, convertScalar(b, loc, v, Float32Type::get(b.getContext())),
          to);
    if (fromWidth < toWidth)
      return arith::ExtFOp::create(b, loc, to, v);
    return arith::TruncFOp::create(b, loc, to, v);
  }
  if (!fromFloat && toFloat)
    return isBool ? arith::UIToFPOp::create(b, loc, to, v).getResult()
                  : arith::SIToFPOp::create(b, loc, to, v).getResult();
  assert(!fromFloat && !toFloat && "float to integer is never needed");
  if (fromWidth < toWidth)
    return isBool ? arith::ExtUIOp::create(b, loc, to, v).getResult()
                  : arith::ExtSIOp::create(b, loc, to, v).getResult();
  return arith::TruncIOp::create(b, loc, to, v);
}

SmallVector<utils::IteratorType> parallelIterators(int64_t rank) {
  return SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel);
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

/// A new tensor of `sizes` that bufferizes to an allocation of its own.
Value allocTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type elementType) {
  SmallVector<int64_t> shape;
  SmallVector<Value> dynamicSizes;
  for (OpFoldResult size : sizes) {
    std::optional<int64_t> value = getConstantIntValue(size);
    shape.push_back(value ? *value : ShapedType::kDynamic);
    if (!value)
      dynamicSizes.push_back(cast<Value>(size));
  }
  return bufferization::AllocTensorOp::create(
      b, loc, RankedTensorType::get(shape, elementType), dynamicSizes);
}

Value zeroTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                 Type elementType) {
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  return linalg::FillOp::create(b, loc, zero,
                                emptyTensor(b, loc, sizes, elementType))
      .getResult(0);
}

/// `input` with `low` and `high` zeros around each dim; itself where all
/// are 0.
Value padWithZeros(OpBuilder &b, Location loc, Value input,
                   ArrayRef<OpFoldResult> low, ArrayRef<OpFoldResult> high) {
  auto isZero = [](OpFoldResult v) { return getConstantIntValue(v) == 0; };
  if (llvm::all_of(low, isZero) && llvm::all_of(high, isZero))
    return input;
  Type elementType = cast<RankedTensorType>(input.getType()).getElementType();
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  return tensor::PadOp::create(b, loc, Type(), input, low, high, zero)
      .getResult();
}

/// Inserts `source` into the slice of `dest`: a tensor.insert_slice, or as
/// the last op of an scf.forall's body (`parallel`), a
/// tensor.parallel_insert_slice in its terminator, which returns no value.
Value insertSlice(OpBuilder &b, Location loc, Value source, Value dest,
                  ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
                  ArrayRef<OpFoldResult> strides, bool parallel) {
  if (!parallel)
    return tensor::InsertSliceOp::create(b, loc, source, dest, offsets, sizes,
                                         strides);
  auto terminator = scf::InParallelOp::create(b, loc);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(terminator.getBody());
  tensor::ParallelInsertSliceOp::create(b, loc, source, dest, offsets, sizes,
                                        strides);
  return nullptr;
}

/// `source` expanded along `groups` into `sizes`. A group with two dynamic
/// sizes becomes tensor.reshape instead: MLIR 22's expand-strided-metadata
/// crashes on such a memref.expand_shape.
Value expandShape(OpBuilder &b, Location loc, Value source,
                  ArrayRef<ReassociationIndices> groups,
                  ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(source.getType()).getElementType());
  if (llvm::all_of(groups, [&](const ReassociationIndices &group) {
        return llvm::count_if(group, [&](int64_t i) {
                 return ShapedType::isDynamic(shape[i]);
               }) <= 1;
      }))
    return tensor::ExpandShapeOp::create(b, loc, type, source, groups, sizes);
  SmallVector<Value> values =
      getValueOrCreateConstantIndexOp(b, loc, SmallVector<OpFoldResult>(sizes));
  Value shapeTensor = tensor::FromElementsOp::create(b, loc, values);
  return tensor::ReshapeOp::create(b, loc, type, source, shapeTensor);
}

/// Casts every element of `tensor` to `elementType`.
Value convertTensor(OpBuilder &b, Location loc, Value tensor,
                    Type elementType) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.getElementType() == elementType)
    return tensor;
  int64_t rank = type.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  Value init =
      emptyTensor(b, loc, tensor::getMixedSizes(b, loc, tensor), elementType);
  return linalg::GenericOp::create(
             b, loc, init.getType(), tensor, init, ArrayRef<AffineMap>{id, id},
             parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc, convertScalar(nb, nloc, args[0], elementType));
             })
      .getResult(0);
}

/// The stride-1 named convolution (or, without spatial dims, the matmul)
/// `out += conv(input, kernel)` in NHWC/HWCF layout, marked
/// `convt.allow_tf32` where `precision` allows TF32 products.
Value buildConvolution(OpBuilder &b, Location loc, Value input, Value kernel,
                       Value out, ArrayRef<int64_t> dilations,
                       const ConvTransposeConfig &config) {
  Type resultType = out.getType();
  Value ins[] = {input, kernel};
  auto strides = b.getI64TensorAttr(SmallVector<int64_t>(dilations.size(), 1));
  auto dilationAttr = b.getI64TensorAttr(dilations);
  Operation *conv;
  switch (dilations.size()) {
  case 0:
    conv = linalg::MatmulOp::create(b, loc, TypeRange{resultType}, ins,
                                    ValueRange{out});
    break;
  case 1:
    conv = linalg::Conv1DNwcWcfOp::create(b, loc, resultType, ins, out, strides,
                                          dilationAttr);
    break;
  case 2:
    conv = linalg::Conv2DNhwcHwcfOp::create(b, loc, resultType, ins, out,
                                            strides, dilationAttr);
    break;
  default:
    conv = linalg::Conv3DNdhwcDhwcfOp::create(b, loc, resultType, ins, out,
                                              strides, dilationAttr);
    break;
  }
  if (config.lhsPrecision != Precision::Highest &&
      config.rhsPrecision != Precision::Highest)
    conv->setAttr(ConvTDialect::AllowTf32AttrHelper::getNameStr(),
                  b.getUnitAttr());
  return conv->getResult(0);
}

/// Bands of `rows` rows of the phases: as many as the shortest phase holds.
struct RowBands {
  int64_t rows, count;
};

/// How an image goes through its phases: all of one phase before the next,
/// or in bands of rows (getRowBands), in an scf.for or an scf.forall.
enum class RowBandLoop { None, Serial, Parallel };

/// The bytes of a static `shape` of `elementType`, if they fit in int64_t.
std::optional<int64_t> getBytes(Type elementType, ArrayRef<int64_t> shape) {
  int64_t bytes = llvm::divideCeil(elementType.getIntOrFloatBitWidth(), 8);
  for (int64_t size : shape)
    if (llvm::MulOverflow(bytes, size, bytes))
      return std::nullopt;
  return bytes;
}
std::optional<int64_t> getBytes(RankedTensorType type) {
  return getBytes(type.getElementType(), type.getShape());
}

/// A dynamic batch loops over its images where this many would reach
/// batch-loop-bytes. With a dynamic batch, 8 images of D in bench/ ran
/// 1.2-1.4 times as fast at 1 thread and 1.25-1.3 at 2 one at a time, in
/// bands, as with the whole batch through each phase; 2 images 1.2 times at
/// 1 thread and as fast at 2; one image about 10% slower (its bands).
constexpr int64_t kDynamicBatchImages = 8;

/// Lowers one op; `config` is its resolved meaning.
class ConvTransposeLowering {
public:
  ConvTransposeLowering(ConvTransposeOp op, RewriterBase &b,
                        const ConvertConvTToLinalgOptions &options)
      : op(op), b(b), loc(op.getLoc()), math(b, loc), options(options),
        config(op.getConfig()), n(config.numSpatialDims) {}

  Value lower();

private:
  Value flattenBatch(Value input);
  Value restoreBatch(Value result);
  Value prepareKernel();
  Value convolveDilated(Value input, Value kernel, Value out);
  Value convolvePhases(Value input, Value kernel, Value out,
                       function_ref<Value(Value)> initialize,
                       function_ref<Value(Value, Value)> finish = nullptr,
                       RowBandLoop rowBands = RowBandLoop::None,
                       Value largeImages = nullptr);
  Value loopOverSlices(OpFoldResult count, Value init, bool parallel,
                       function_ref<Value(Value, Value, bool)> insertSliceAt);
  bool loopsOverImages(Value input, Value kernel);
  bool isOneLargeImage(Value input);
  OpFoldResult getRunTimeBytes(Value tensor, int64_t firstDim);
  Value getLargeDynamicImages(Value input, Value kernel);
  std::optional<int64_t> getLargeInputBytes(RankedTensorType inputType);
  std::optional<RowBands> getRowBands(RankedTensorType paddedInputType,
                                      RankedTensorType outType,
                                      ArrayRef<OpFoldResult> phaseLengths);
  OpFoldResult getDynamicBandRows(Value paddedInput, Value out,
                                  OpFoldResult longestPhase, Value largeImages);
  bool usesSubPixel(Value input, Value kernel);
  Value convolveSubPixel(Value input, Value kernel,
                         ArrayRef<OpFoldResult> outSizes);
  Value foldCircular(Value result, ArrayRef<OpFoldResult> inputSizes);
  Value epilogue(Value acc, Value bias, Value dest = nullptr);
  void checkOperandSizes();
  void checkAtRunTime(arith::CmpIPredicate predicate, OpFoldResult lhs,
                      OpFoldResult rhs, const Twine &message);

  /// Runs `build` with `b` at the insertion point of `body`, a loop body's
  /// builder, so that what the member functions build with `b` lands in the
  /// body.
  template <typename BuildFn> auto buildInBody(OpBuilder &body, BuildFn build) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(body.getInsertionBlock(), body.getInsertionPoint());
    return build();
  }

  /// Mixed sizes of the (N, spatial..., C) input.
  SmallVector<OpFoldResult> spatialSizes(Value input) {
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
    return SmallVector<OpFoldResult>(ArrayRef(sizes).slice(1, n));
  }
  SmallVector<OpFoldResult> outputSizes(ArrayRef<OpFoldResult> inputSpatial) {
    SmallVector<OpFoldResult> sizes;
    for (int64_t dim = 0; dim < n; ++dim)
      sizes.push_back(config.buildOutputSize(b, loc, dim, inputSpatial[dim]));
    return sizes;
  }

  ConvTransposeOp op;
  RewriterBase &b;
  Location loc;
  IndexMath math;
  const ConvertConvTToLinalgOptions &options;
  ConvTransposeConfig config;
  int64_t n;
  /// The element type the convolutions accumulate in, set by lower().
  Type accType;
};

Value ConvTransposeLowering::flattenBatch(Value input) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t nb = config.numBatchDims, rank = type.getRank();
  if (nb == 1)
    return input;
  SmallVector<ReassociationIndices> groups;
  if (nb == 0) {
    // Add a batch of 1 in front of the first dim.
    groups.push_back({0, 1});
    for (int64_t i = 1; i < rank; ++i)
      groups.push_back({i + 1});
    SmallVector<OpFoldResult> sizes{b.getIndexAttr(1)};
    llvm::append_range(sizes, tensor::getMixedSizes(b, loc, input));
    return expandShape(b, loc, input, groups, sizes);
  }
  groups.push_back(llvm::to_vector(llvm::seq<int64_t>(0, nb)));
  for (int64_t i = nb; i < rank; ++i)
    groups.push_back({i});
  return tensor::CollapseShapeOp::create(b, loc, input, groups);
}

Value ConvTransposeLowering::restoreBatch(Value result) {
  auto type = cast<RankedTensorType>(result.getType());
  int64_t nb = config.numBatchDims, rank = type.getRank();
  if (nb == 1)
    return result;
  if (nb == 0) {
    SmallVector<ReassociationIndices> groups{{0, 1}};
    for (int64_t i = 2; i < rank; ++i)
      groups.push_back({i});
    return tensor::CollapseShapeOp::create(b, loc, result, groups);
  }
  SmallVector<ReassociationIndices> groups{
      llvm::to_vector(llvm::seq<int64_t>(0, nb))};
  for (int64_t i = 1; i < rank; ++i)
    groups.push_back({i + nb - 1});
  SmallVector<OpFoldResult> sizes = llvm::to_vector(
      ArrayRef(tensor::getMixedSizes(b, loc, op.getInput())).take_front(nb));
  llvm::append_range(
      sizes, ArrayRef(tensor::getMixedSizes(b, loc, result)).drop_front());
  return expandShape(b, loc, result, groups, sizes);
}

/// The kernel as convolved: masked in JAX's product type, spatially flipped
/// and channel-swapped for transpose_kernel (spec §6.2), in the compute type,
/// laid out (K..., in_features, features).
Value ConvTransposeLowering::prepareKernel() {
  Value kernel = op.getKernel(), mask = op.getMask();
  // Spatial kernel dims are fixed by kernel_size even where the type says ?.
  auto withStaticSpatial = [&](Value v) -> Value {
    auto type = cast<RankedTensorType>(v.getType());
    SmallVector<int64_t> shape(type.getShape());
    llvm::copy(config.kernelSize, shape.begin());
    if (shape == type.getShape())
      return v;
    return tensor::CastOp::create(
        b, loc, RankedTensorType::get(shape, type.getElementType()), v);
  };
  kernel = withStaticSpatial(kernel);
  if (mask)
    mask = withStaticSpatial(mask);
  if (!mask && !config.transposeKernel)
    return convertTensor(b, loc, kernel, config.computeType);

  int64_t rank = n + 2;
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, kernel);
  AffineMap outMap = b.getMultiDimIdentityMap(rank);
  AffineMap inMap = outMap;
  if (config.transposeKernel) {
    std::swap(sizes[n], sizes[n + 1]);
    SmallVector<AffineExpr> exprs;
    for (int64_t dim = 0; dim < n; ++dim)
      exprs.push_back(b.getAffineConstantExpr(config.kernelSize[dim] - 1) -
                      b.getAffineDimExpr(dim));
    exprs.push_back(b.getAffineDimExpr(n + 1));
    exprs.push_back(b.getAffineDimExpr(n));
    inMap = AffineMap::get(rank, 0, exprs, b.getContext());
  }
  SmallVector<Value> inputs{kernel};
  SmallVector<AffineMap> maps{inMap};
  if (mask) {
    inputs.push_back(mask);
    maps.push_back(inMap);
  }
  maps.push_back(outMap);
  Value init = emptyTensor(b, loc, sizes, config.computeType);
  Type productType = config.maskedKernelType;
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, maps,
             parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value v = args[0];
               if (mask) {
                 Value w = convertScalar(nb, nloc, args[0], productType);
                 Value m = convertScalar(nb, nloc, args[1], productType);
                 v = isa<FloatType>(productType)
                         ? arith::MulFOp::create(nb, nloc, w, m).getResult()
                         : arith::MulIOp::create(nb, nloc, w, m).getResult();
               }
               linalg::YieldOp::create(
                   nb, nloc, convertScalar(nb, nloc, v, config.computeType));
             })
      .getResult(0);
}

/// strategy=dilate: correlate the zero-dilated, padded input with the kernel.
Value ConvTransposeLowering::convolveDilated(Value input, Value kernel,
                                             Value out) {
  auto inputType = cast<RankedTensorType>(input.getType());
  SmallVector<OpFoldResult> inSizes = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> bufferSizes(inSizes), insertOffsets, insertStrides,
      cropOffsets, cropSizes(inSizes);
  insertOffsets.push_back(b.getIndexAttr(0));
  cropOffsets.push_back(b.getIndexAttr(0));
  insertStrides.push_back(b.getIndexAttr(1));
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t s = config.strides[dim], lo = config.padLo[dim],
            hi = config.padHi[dim];
    // (H - 1) * s + 1, or 0 for an empty dim.
    OpFoldResult dilated = math.max(
        math.add(math.mul(inSizes[dim + 1], math.cst(s)), math.cst(1 - s)),
        math.cst(0));
    bufferSizes[dim + 1] = math.add(
        dilated, math.cst(std::max<int64_t>(lo, 0) + std::max<int64_t>(hi, 0)));
    insertOffsets.push_back(b.getIndexAttr(std::max<int64_t>(lo, 0)));
    insertStrides.push_back(b.getIndexAttr(s));
    // Negative pads crop what the positive ones did not add.
    cropOffsets.push_back(b.getIndexAttr(std::max<int64_t>(-lo, 0)));
    cropSizes[dim + 1] = math.add(dilated, math.cst(lo + hi));
  }
  insertOffsets.push_back(b.getIndexAttr(0));
  cropOffsets.push_back(b.getIndexAttr(0));
  insertStrides.push_back(b.getIndexAttr(1));

  Value buffer = zeroTensor(b, loc, bufferSizes, inputType.getElementType());
  buffer = tensor::InsertSliceOp::create(b, loc, input, buffer, insertOffsets,
                                         inSizes, insertStrides);
  SmallVector<OpFoldResult> unitStrides(n + 2, b.getIndexAttr(1));
  Value padded = tensor::ExtractSliceOp::create(b, loc, buffer, cropOffsets,
                                                cropSizes, unitStrides);
  return buildConvolution(b, loc, padded, kernel, out, config.dilations,
                          config);
}

/// One spatial dim of an output phase (see the file comment).
struct PhaseDim {
  int64_t residue;   // r: output positions t = s*q + r
  int64_t firstTap;  // k0
  int64_t numTaps;   // M
  int64_t tapStep;   // s / g
  int64_t inputBase; // input pixel of q = 0, m = 0
  int64_t dilation;  // d / g
};

SmallVector<PhaseDim> phasesOfDim(int64_t k, int64_t s, int64_t d, int64_t lo) {
  int64_t g = std::gcd(s, d);
  SmallVector<PhaseDim> phases;
  // The first tap of each residue class; at most min(s / g, k) classes, so
  // huge strides cost nothing.
  for (int64_t k0 = 0; k0 < std::min(k, s / g); ++k0) {
    int64_t r = llvm::mod(lo - k0 * d, s);
    int64_t numTaps = (k - k0 + s / g - 1) / (s / g);
    phases.push_back({r, k0, numTaps, s / g, (r + k0 * d - lo) / s, d / g});
  }
  return phases;
}

/// Whether every output element lies in exactly one phase: per dim, one
/// phase per residue modulo the stride.
bool phasesCoverOutput(const ConvTransposeConfig &config) {
  for (int64_t dim = 0; dim < config.numSpatialDims; ++dim) {
    int64_t s = config.strides[dim];
    if (std::gcd(s, config.dilations[dim]) != 1 || config.kernelSize[dim] < s)
      return false;
  }
  return true;
}

/// Phases of one spatial dim that differ only in where they read and write:
/// phase `i < count` of the run has the taps of `first`, and its residue,
/// first tap and input base plus `i` times the steps. Their output lengths
/// are equal, or all dynamic. In a `modular` run, phase `i` has first tap
/// `first.firstTap + i`, from which its residue and input base follow
/// modulo the stride (see phasesOfDim), and its length may vary.
struct PhaseRun {
  PhaseDim first;
  int64_t residueStep, firstTapStep, inputBaseStep;
  int64_t count;
  OpFoldResult length; // of `first`
  bool modular = false;
  bool lengthVaries = false;
};

/// The phases of one dim as modular runs: consecutive phases (in their first
/// tap) with equal tap counts. The counts, ceil((k - k0) / (s / g)) for first
/// taps k0 < s / g, take at most two values: at most two runs.
SmallVector<PhaseRun> modularRunsOfPhases(ArrayRef<PhaseDim> phases,
                                          ArrayRef<OpFoldResult> lengths) {
  SmallVector<PhaseRun> runs;
  for (auto [i, p] : llvm::enumerate(phases)) {
    if (!runs.empty() && runs.back().first.numTaps == p.numTaps) {
      PhaseRun &run = runs.back();
      run.lengthVaries |= lengths[i] != run.length;
      ++run.count;
      continue;
    }
    runs.push_back({p, 0, 1, 0, 1, lengths[i], /*modular=*/true});
  }
  return runs;
}

/// The phases of one dim as runs: with `merge`, consecutive phases of equal
/// sizes whose offsets step evenly share a run; otherwise one run each.
SmallVector<PhaseRun> runsOfPhases(ArrayRef<PhaseDim> phases,
                                   ArrayRef<OpFoldResult> lengths, bool merge) {
  SmallVector<PhaseRun> runs;
  for (auto [i, p] : llvm::enumerate(phases)) {
    if (merge && !runs.empty()) {
      PhaseRun &run = runs.back();
      const PhaseDim &prev = phases[i - 1];
      int64_t residueStep = p.residue - prev.residue,
              firstTapStep = p.firstTap - prev.firstTap,
              inputBaseStep = p.inputBase - prev.inputBase;
      bool bothDynamic =
          !getConstantIntValue(lengths[i]) && !getConstantIntValue(run.length);
      bool sameSizes = p.numTaps == run.first.numTaps &&
                       (lengths[i] == run.length || bothDynamic);
      bool evenStep = run.count == 1 || (residueStep == run.residueStep &&
                                         firstTapStep == run.firstTapStep &&
                                         inputBaseStep == run.inputBaseStep);
      if (sameSizes && evenStep) {
        run.residueStep = residueStep;
        run.firstTapStep = firstTapStep;
        run.inputBaseStep = inputBaseStep;
        ++run.count;
        continue;
      }
    }
    runs.push_back({p, 0, 0, 0, 1, lengths[i]});
  }
  // Dilations and output lengths that differ by residue break the even steps
  // into many runs, up to one per phase (a loop nest per combination of runs
  // of the dims: 3-D, stride 16, dilation 7 took 10 s to compile).
  if (merge && runs.size() > 2)
    return modularRunsOfPhases(phases, lengths);
  return runs;
}

/// A loop over [0, count) around `insertSliceAt(index, dest, parallel)`,
/// which computes slice `index` and inserts it into `dest` (insertSlice): an
/// scf.forall whose iterations write disjoint slices of `init` if
/// `parallel`, else an scf.for that carries `init`.
Value ConvTransposeLowering::loopOverSlices(
    OpFoldResult count, Value init, bool parallel,
    function_ref<Value(Value, Value, bool)> insertSliceAt) {
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  if (parallel)
    return scf::ForallOp::create(
               b, loc, ArrayRef<OpFoldResult>{zero},
               ArrayRef<OpFoldResult>{count}, ArrayRef<OpFoldResult>{one},
               ValueRange{init}, std::nullopt,
               [&](OpBuilder &nested, Location, ValueRange args) {
                 buildInBody(nested, [&] {
                   insertSliceAt(args.front(), args.back(), /*parallel=*/true);
                 });
               })
        .getResult(0);
  return scf::ForOp::create(
             b, loc, math.value(zero), math.value(count), math.value(one),
             ValueRange{init},
             [&](OpBuilder &nested, Location, Value index, ValueRange dest) {
               buildInBody(nested, [&] {
                 scf::YieldOp::create(
                     b, loc,
                     insertSliceAt(index, dest.front(), /*parallel=*/false));
               });
             })
      .getResult(0);
}

/// Whether the phases loop over the images of the (flattened) batch, each
/// image through all its phases: with batch-loop-bytes, static image sizes
/// and a kernel no larger than one image, where the input has at least
/// batch-loop-bytes and more than one image, or, with a dynamic batch, where
/// kDynamicBatchImages images would have. Each phase reads the whole input;
/// one image stays in the caches across its phases, a large batch would not.
bool ConvTransposeLowering::loopsOverImages(Value input, Value kernel) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto kernelType = cast<RankedTensorType>(kernel.getType());
  ArrayRef<int64_t> imageShape = inputType.getShape().drop_front();
  if (options.batchLoopBytes <= 0 || !kernelType.hasStaticShape() ||
      ShapedType::isDynamicShape(imageShape))
    return false;
  std::optional<int64_t> kernelBytes = getBytes(kernelType),
                         imageBytes =
                             getBytes(inputType.getElementType(), imageShape);
  if (!kernelBytes || !imageBytes || *kernelBytes > *imageBytes)
    return false;
  if (inputType.isDynamicDim(0))
    return *imageBytes >= options.batchLoopBytes / kDynamicBatchImages;
  return inputType.getDimSize(0) > 1 && getLargeInputBytes(inputType);
}

/// Whether `input` is one image of at least batch-loop-bytes: it streams
/// through memory as a batch loop's images do.
bool ConvTransposeLowering::isOneLargeImage(Value input) {
  auto inputType = cast<RankedTensorType>(input.getType());
  return getLargeInputBytes(inputType) && inputType.getDimSize(0) == 1;
}

/// The bytes of a static input of at least batch-loop-bytes, if it is one.
std::optional<int64_t>
ConvTransposeLowering::getLargeInputBytes(RankedTensorType inputType) {
  if (options.batchLoopBytes <= 0 || !inputType.hasStaticShape())
    return std::nullopt;
  std::optional<int64_t> bytes = getBytes(inputType);
  if (!bytes || *bytes < options.batchLoopBytes)
    return std::nullopt;
  return bytes;
}

/// The bytes of dims [firstDim, rank) of `tensor`, the run-time counterpart
/// of getBytes.
OpFoldResult ConvTransposeLowering::getRunTimeBytes(Value tensor,
                                                    int64_t firstDim) {
  auto type = cast<RankedTensorType>(tensor.getType());
  OpFoldResult bytes =
      math.cst(llvm::divideCeil(type.getElementTypeBitWidth(), 8));
  for (int64_t dim = firstDim; dim < type.getRank(); ++dim)
    bytes = math.mul(bytes, tensor::getMixedSize(b, loc, tensor, dim));
  return bytes;
}

/// For images of dynamic sizes (2-D and 3-D, static channel count and
/// kernel) on one thread, with batch-loop-bytes and row-band-bytes: an i1
/// that holds at run time where loopsOverImages or isOneLargeImage would
/// hold for the same static sizes. Such images go through their phases one
/// at a time in bands of rows; smaller ones as one batch, through the same
/// code in loops of one trip, so that the code is not emitted twice. Null
/// where static sizes decide, or where the options or the types rule it out.
/// With threads, whether the loops are parallel, and their phases serial,
/// must be known at compile time: serial bands whose phases the threads
/// split ran slower than no bands (one 256x256 image of DL in bench/, 2
/// threads: 340 GFLOP/s against 410-420).
Value ConvTransposeLowering::getLargeDynamicImages(Value input, Value kernel) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto kernelType = cast<RankedTensorType>(kernel.getType());
  if (options.batchLoopBytes <= 0 || options.rowBandBytes <= 0 ||
      options.threads > 1 || n < 2 || inputType.getDimSize(0) == 0 ||
      inputType.isDynamicDim(n + 1) ||
      !ShapedType::isDynamicShape(inputType.getShape().slice(1, n)) ||
      !kernelType.hasStaticShape())
    return nullptr;
  std::optional<int64_t> kernelBytes = getBytes(kernelType);
  if (!kernelBytes)
    return nullptr;
  // The input has at least batch-loop-bytes, and is one image or images no
  // smaller than the kernel.
  OpFoldResult imageBytes = getRunTimeBytes(input, /*firstDim=*/1);
  OpFoldResult images = tensor::getMixedSize(b, loc, input, 0);
  auto atLeast = [&](OpFoldResult lhs, OpFoldResult rhs) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                 math.value(lhs), math.value(rhs));
  };
  Value oneImage =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                            math.value(images), math.value(math.cst(1)));
  Value fitsKernel = arith::OrIOp::create(
      b, loc, oneImage, atLeast(imageBytes, math.cst(*kernelBytes)));
  return arith::AndIOp::create(
      b, loc,
      atLeast(math.mul(images, imageBytes), math.cst(options.batchLoopBytes)),
      fitsKernel);
}

/// The bands of rows of the first spatial dim (2-D and 3-D) for the phases
/// of a static image: their padded input rows and output rows (a stride of
/// them per phase row) hold about row-band-bytes. As many as the shortest
/// phase and the output rows hold; none where that is one.
std::optional<RowBands>
ConvTransposeLowering::getRowBands(RankedTensorType paddedInputType,
                                   RankedTensorType outType,
                                   ArrayRef<OpFoldResult> phaseLengths) {
  if (options.rowBandBytes <= 0 || n < 2 || !paddedInputType.hasStaticShape() ||
      !outType.hasStaticShape())
    return std::nullopt;
  std::optional<int64_t> shortest;
  for (OpFoldResult length : phaseLengths) {
    std::optional<int64_t> value = getConstantIntValue(length);
    if (!value)
      return std::nullopt;
    shortest = std::min(shortest.value_or(*value), *value);
  }
  // Bytes in one row of the first spatial dim.
  auto rowBytes = [](RankedTensorType type) {
    return getBytes(type.getElementType(), type.getShape().drop_front(2));
  };
  std::optional<int64_t> inRow = rowBytes(paddedInputType),
                         outRow = rowBytes(outType);
  int64_t phaseRow;
  if (!inRow || !outRow ||
      llvm::MulOverflow(*outRow, config.strides[0], phaseRow) ||
      llvm::AddOverflow(phaseRow, *inRow, phaseRow))
    return std::nullopt;
  int64_t rows = std::max<int64_t>(1, options.rowBandBytes / phaseRow);
  // Each band's block of output rows is in the output.
  int64_t count =
      std::min(*shortest, outType.getDimSize(1) / config.strides[0]) / rows;
  if (count < 2)
    return std::nullopt;
  return RowBands{rows, count};
}

/// The rows of the bands of images of dynamic sizes: where `largeImages`
/// holds, as many as getRowBands would take for static sizes, else
/// `longestPhase`, the longest phase's rows (one band).
OpFoldResult
ConvTransposeLowering::getDynamicBandRows(Value paddedInput, Value out,
                                          OpFoldResult longestPhase,
                                          Value largeImages) {
  // Bytes in one row of the first spatial dim.
  OpFoldResult phaseRow =
      math.add(math.mul(getRunTimeBytes(out, /*firstDim=*/2),
                        math.cst(config.strides[0])),
               getRunTimeBytes(paddedInput, /*firstDim=*/2));
  OpFoldResult bandRows = math.max(
      math.floorDiv(math.cst(options.rowBandBytes), phaseRow), math.cst(1));
  return arith::SelectOp::create(b, loc, largeImages, math.value(bandRows),
                                 math.value(longestPhase))
      .getResult();
}

/// Whether the op is convolved as one sub-pixel convolution
/// (convolveSubPixel): with sub-pixel-vector-bits, static channel counts
/// (batch and spatial sizes may be dynamic) and a stride above 1, where a
/// count of vector FMAs finds it cheaper than the phases and its kernel fits
/// in kMaxSubPixelKernelBytes. Per group of prod(s) output positions, with
/// vectors of L accumulator lanes, C input channels and F features, the
/// phases cost prod(k) * C * ceil(F / L): each tap belongs to one phase. The
/// sub-pixel convolution costs prod(M) * C * ceil(prod(s) * F / L), with
/// M = ceil(e / s) taps per dim for the dilated kernel size e, plus, in 2-D
/// and 3-D, kTransposeFMAs per output vector for the gather that transposes
/// it into the result.
bool ConvTransposeLowering::usesSubPixel(Value input, Value kernel) {
  if (options.strategy != LoweringStrategy::Phase ||
      options.subPixelVectorBits == 0 || n == 0 ||
      ShapedType::isDynamic(
          cast<RankedTensorType>(input.getType()).getShape().back()) ||
      !cast<RankedTensorType>(kernel.getType()).hasStaticShape() ||
      llvm::all_of(config.strides, [](int64_t s) { return s == 1; }))
    return false;
  // Measured on 2-D kernels of 4, stride 2, 3 to 16 features: the gather
  // took the time of 6 to 15 FMAs per output vector where the output stayed
  // in the caches, up to 33 where it did not.
  constexpr int64_t kTransposeFMAs = 16;
  // A larger kernel streams from memory for every tile of rows: FCN-32s'
  // (kernel 64, stride 32, 21 features: 2 x 2 x 21 x 21504 elements) ran
  // 1.2 times slower than the phases.
  constexpr int64_t kMaxSubPixelKernelBytes = 1 << 20;
  int64_t lanes = std::max<int64_t>(
      options.subPixelVectorBits / accType.getIntOrFloatBitWidth(), 1);
  auto kernelType = cast<RankedTensorType>(kernel.getType());
  int64_t channels = kernelType.getDimSize(n);
  // Strides and kernel sizes up to 2^31 per dim overflow int64_t in their
  // products. The sub-pixel kernel's size bounds every count below, so it is
  // checked first, one factor at a time (an empty kernel, whose size bounds
  // nothing, takes the phases).
  int64_t kernelBits = kernelType.getElementTypeBitWidth();
  auto kernelFitsWith = [&](int64_t factor) {
    return factor > 0 && !llvm::MulOverflow(kernelBits, factor, kernelBits) &&
           kernelBits <= 8 * kMaxSubPixelKernelBytes;
  };
  int64_t phaseTaps = 1, subPixelTaps = 1, groupSize = 1;
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t s = config.strides[dim];
    int64_t taps = llvm::divideCeil(config.effectiveKernelSize(dim), s);
    if (!kernelFitsWith(s) || !kernelFitsWith(taps))
      return false;
    phaseTaps *= config.kernelSize[dim];
    subPixelTaps *= taps;
    groupSize *= s;
  }
  if (!kernelFitsWith(channels) || !kernelFitsWith(config.features))
    return false;
  int64_t subPixelVectors =
      llvm::divideCeil(groupSize * config.features, lanes);
  double phaseCost =
      phaseTaps * channels * llvm::divideCeil(config.features, lanes);
  double subPixelCost = subPixelTaps * channels * subPixelVectors;
  // Where the CPU kernels take the lane-reduction kernel (f32, few features;
  // its cycles at two FMAs per cycle are FMAs / 2), for each phase: one
  // accumulator sum per output position and feature in every phase.
  Type f32 = b.getF32Type();
  auto inputType = cast<RankedTensorType>(input.getType());
  if (accType == f32 && inputType.getElementType() == f32 &&
      kernelType.getElementType() == f32) {
    auto laneReductionCost = [&](int64_t taps, int64_t features) {
      std::optional<LaneReductionTile> tile = estimateLaneReduction(
          taps, channels, features,
          /*width=*/std::numeric_limits<int64_t>::max(), lanes,
          /*fmasPerCycle=*/2);
      return tile ? 2 * tile->cycles : std::numeric_limits<double>::max();
    };
    phaseCost = std::min(
        phaseCost, laneReductionCost(phaseTaps, config.features) +
                       (groupSize - 1) * laneReductionCost(0, config.features));
    subPixelCost =
        std::min(subPixelCost,
                 laneReductionCost(subPixelTaps, groupSize * config.features));
  }
  if (n > 1)
    subPixelCost += kTransposeFMAs * subPixelVectors;
  return subPixelCost < phaseCost;
}

/// All phases of a kernel whose size is a multiple M of the stride s have M
/// taps; the dilated kernel, zero-padded to such a size, is one (its zeros
/// then meet input pixels the scatter form would not: an inf or NaN there
/// gives NaN, as in strategy=dilate). Grouped into runs of s output positions
/// t = s*j + r0 + q (q < s) from r0 = (lo + 1) mod s, they read the same
/// input pixels j + B + m (m < M), B = (r0 + s - 1 - lo) / s, with tap
/// s - 1 - q + m*s (see phasesOfDim). So one stride-1 convolution with s
/// output channels per feature and dim computes every phase at once: its
/// output [J..., (q..., f)] is the result once each (j, q) pair becomes t (a
/// transpose), and the groups that start before 0 or end past the output
/// are cut off. With few features, the phases' vectors of output channels
/// would be mostly empty; these fill s^d times as many lanes. Returns the
/// (zero-initialized) accumulator of sizes `outSizes`.
Value ConvTransposeLowering::convolveSubPixel(Value input, Value kernel,
                                              ArrayRef<OpFoldResult> outSizes) {
  SmallVector<OpFoldResult> inSizes = tensor::getMixedSizes(b, loc, input);
  auto attrs = [&](ArrayRef<int64_t> values) {
    return getAsIndexOpFoldResult(b.getContext(), values);
  };
  SmallVector<OpFoldResult> unitStrides(n + 2, b.getIndexAttr(1)),
      zeroOffsets(n + 2, b.getIndexAttr(0));
  int64_t features = config.features, phases = 1;
  // Per dim: taps per phase, groups, first group's start, input window.
  SmallVector<int64_t> taps, starts;
  SmallVector<OpFoldResult> groups, windows;
  SmallVector<int64_t> padLow(n + 2, 0), offsets(n + 2, 0);
  SmallVector<OpFoldResult> padHigh(n + 2, math.cst(0));
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t s = config.strides[dim], lo = config.padLo[dim];
    int64_t r0 = llvm::mod(lo + 1, s), base = (r0 + s - 1 - lo) / s;
    int64_t first = llvm::divideFloorSigned(-r0, s);
    OpFoldResult end =
        math.ceilDiv(math.sub(outSizes[dim + 1], math.cst(r0)), s);
    taps.push_back(llvm::divideCeil(config.effectiveKernelSize(dim), s));
    groups.push_back(math.sub(end, math.cst(first)));
    starts.push_back(s * first + r0);
    windows.push_back(math.add(groups.back(), math.cst(taps.back() - 1)));
    int64_t from = first + base;
    padLow[dim + 1] = std::max<int64_t>(-from, 0);
    padHigh[dim + 1] = math.max(
        math.sub(math.add(windows.back(), math.cst(from)), inSizes[dim + 1]),
        math.cst(0));
    offsets[dim + 1] = from + padLow[dim + 1];
    phases *= s;
  }

  // The input window, zero-padded where it reaches past the input.
  input = padWithZeros(b, loc, input, attrs(padLow), padHigh);
  SmallVector<OpFoldResult> windowSizes{inSizes[0]};
  llvm::append_range(windowSizes, windows);
  windowSizes.push_back(inSizes[n + 1]);
  input = tensor::ExtractSliceOp::create(b, loc, input, attrs(offsets),
                                         windowSizes, unitStrides);

  // The kernel dilated and zero-padded to M*s taps per dim.
  auto kernelType = cast<RankedTensorType>(kernel.getType());
  SmallVector<int64_t> paddedShape;
  for (int64_t dim = 0; dim < n; ++dim)
    paddedShape.push_back(taps[dim] * config.strides[dim]);
  paddedShape.append({kernelType.getDimSize(n), features});
  if (ArrayRef<int64_t>(paddedShape) != kernelType.getShape()) {
    SmallVector<int64_t> dilations(config.dilations);
    dilations.append({1, 1});
    kernel = tensor::InsertSliceOp::create(
        b, loc, kernel,
        zeroTensor(b, loc, attrs(paddedShape), kernelType.getElementType()),
        zeroOffsets, attrs(kernelType.getShape()), attrs(dilations));
  }

  // kernel[M..., C, s..., F][m..., c, q..., f] = kernel[m*s + s-1-q..., c, f],
  // then (s..., F) collapsed into the output channels.
  SmallVector<int64_t> splitShape(taps);
  splitShape.push_back(kernelType.getDimSize(n));
  llvm::append_range(splitShape, config.strides);
  splitShape.push_back(features);
  // Its loops (m_0, q_0, m_1, q_1, ..., c, f): each tap index depends on the
  // leading loops alone, which convt-cpu-parallel-elementwise can then split
  // among threads.
  int64_t rank = 2 * n + 2;
  SmallVector<AffineExpr> tapOf, splitIndex, qIndex;
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t s = config.strides[dim];
    AffineExpr m = b.getAffineDimExpr(2 * dim),
               q = b.getAffineDimExpr(2 * dim + 1);
    tapOf.push_back(m * s + (s - 1) - q);
    splitIndex.push_back(m);
    qIndex.push_back(q);
  }
  AffineExpr c = b.getAffineDimExpr(2 * n), f = b.getAffineDimExpr(2 * n + 1);
  tapOf.append({c, f});
  splitIndex.push_back(c);
  llvm::append_range(splitIndex, qIndex);
  splitIndex.push_back(f);
  Value split =
      emptyTensor(b, loc, attrs(splitShape), kernelType.getElementType());
  AffineMap maps[] = {AffineMap::get(rank, 0, tapOf, b.getContext()),
                      AffineMap::get(rank, 0, splitIndex, b.getContext())};
  split =
      linalg::GenericOp::create(
          b, loc, split.getType(), kernel, split, maps, parallelIterators(rank),
          [](OpBuilder &nb, Location nloc, ValueRange args) {
            linalg::YieldOp::create(nb, nloc, args[0]);
          })
          .getResult(0);
  // Dims 0..n alone, (s..., F) together, in the kernel and the output.
  SmallVector<ReassociationIndices> channelGroups;
  for (int64_t i = 0; i <= n; ++i)
    channelGroups.push_back({i});
  channelGroups.push_back(llvm::to_vector(llvm::seq<int64_t>(n + 1, rank)));
  kernel = tensor::CollapseShapeOp::create(b, loc, split, channelGroups);

  // The convolution, into [N, J..., (q..., f)].
  SmallVector<OpFoldResult> convSizes{inSizes[0]};
  llvm::append_range(convSizes, groups);
  convSizes.push_back(math.cst(phases * features));
  Value conv = buildConvolution(b, loc, input, kernel,
                                zeroTensor(b, loc, convSizes, accType),
                                SmallVector<int64_t>(n, 1), config);

  // [N, J..., q..., F]: output position t is position q = (t - start) mod s
  // of group j = (t - start) floordiv s, per dim.
  SmallVector<OpFoldResult> expandedSizes{inSizes[0]};
  llvm::append_range(expandedSizes, groups);
  llvm::append_range(expandedSizes, attrs(config.strides));
  expandedSizes.push_back(math.cst(features));
  conv = expandShape(b, loc, conv, channelGroups, expandedSizes);
  if (n == 1) {
    // Each j is already next to its q: a reshape, and the cut.
    Value positions = tensor::CollapseShapeOp::create(
        b, loc, conv, SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}});
    SmallVector<OpFoldResult> cut(zeroOffsets);
    cut[1] = b.getIndexAttr(-starts[0]);
    return tensor::ExtractSliceOp::create(b, loc, positions, cut, outSizes,
                                          unitStrides);
  }
  // One gather, a transpose that also cuts off the groups that start before
  // 0 or end past the output. Each of its indices depends on one loop, so
  // that convt-cpu-parallel-elementwise can split the rows among threads.
  SmallVector<AffineExpr> sourceIndex{b.getAffineDimExpr(0)}, positionIndex;
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t s = config.strides[dim];
    AffineExpr position = b.getAffineDimExpr(dim + 1) - starts[dim];
    sourceIndex.push_back(position.floorDiv(s));
    positionIndex.push_back(position % s);
  }
  llvm::append_range(sourceIndex, positionIndex);
  sourceIndex.push_back(b.getAffineDimExpr(n + 1));
  AffineMap gatherMaps[] = {
      AffineMap::get(n + 2, 0, sourceIndex, b.getContext()),
      b.getMultiDimIdentityMap(n + 2)};
  Value init = emptyTensor(b, loc, outSizes, accType);
  return linalg::GenericOp::create(
             b, loc, init.getType(), conv, init, gatherMaps,
             parallelIterators(n + 2),
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc, args[0]);
             })
      .getResult(0);
}

/// strategy=phase: one stride-1 convolution per output phase. With an
/// `initialize` function, `out` is uninitialized and every phase initializes
/// its own slice: the phases must then cover the output. With `finish` too,
/// each phase accumulates into a tensor of its own (of `accType`), and
/// `finish(phase, slice of out)` (the epilogue, written into the slice) goes
/// into `out`. The phase accumulators are allocations of their own, which
/// CSE keeps apart (identical tensor.empty ops would be merged and then
/// copied by bufferization). With `rowBands`, or for one large image, where
/// getRowBands finds bands, all the phases of a band are convolved before
/// the next band. With `largeImages` (getLargeDynamicImages, images of
/// dynamic sizes), the bands are that many rows where it holds at run time,
/// else one band of every row.
Value ConvTransposeLowering::convolvePhases(
    Value input, Value kernel, Value out, function_ref<Value(Value)> initialize,
    function_ref<Value(Value, Value)> finish, RowBandLoop rowBands,
    Value largeImages) {
  SmallVector<OpFoldResult> inSizes = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> outSizes = tensor::getMixedSizes(b, loc, out);
  // Images [first, first + count) through all their phases, inserted into
  // `dest`.
  auto convolveImages = [&](OpFoldResult first, OpFoldResult count, Value dest,
                            bool parallel, RowBandLoop bands, Value large) {
    auto slice = [&](ArrayRef<OpFoldResult> sizes) {
      SmallVector<OpFoldResult> offsets(sizes.size(), b.getIndexAttr(0)),
          sliceSizes(sizes), strides(sizes.size(), b.getIndexAttr(1));
      offsets[0] = first;
      sliceSizes[0] = count;
      return std::make_tuple(offsets, sliceSizes, strides);
    };
    auto [inOffsets, inSlice, inStrides] = slice(inSizes);
    auto [outOffsets, outSlice, outStrides] = slice(outSizes);
    Value phases =
        convolvePhases(tensor::ExtractSliceOp::create(b, loc, input, inOffsets,
                                                      inSlice, inStrides),
                       kernel,
                       tensor::ExtractSliceOp::create(b, loc, dest, outOffsets,
                                                      outSlice, outStrides),
                       initialize, finish, bands, large);
    return insertSlice(b, loc, phases, dest, outOffsets, outSlice, outStrides,
                       parallel);
  };
  if (loopsOverImages(input, kernel)) {
    // With row bands, the threads take images of their own where they
    // divide them evenly, else the bands of each image.
    int64_t images = cast<RankedTensorType>(input.getType()).getDimSize(0);
    bool parallelImages = options.rowBandBytes > 0 && options.threads > 1 &&
                          !ShapedType::isDynamic(images) &&
                          images % options.threads == 0;
    RowBandLoop imageBands = options.threads > 1 && !parallelImages
                                 ? RowBandLoop::Parallel
                                 : RowBandLoop::Serial;
    return loopOverSlices(inSizes[0], out, parallelImages,
                          [&](Value index, Value dest, bool parallel) {
                            return convolveImages(index, b.getIndexAttr(1),
                                                  dest, parallel, imageBands,
                                                  nullptr);
                          });
  }
  if (rowBands == RowBandLoop::None)
    if (Value large = getLargeDynamicImages(input, kernel)) {
      // Large images one at a time, each in bands, else the whole batch at
      // once.
      OpFoldResult images = inSizes[0];
      OpFoldResult chunk =
          arith::SelectOp::create(b, loc, large, math.value(math.cst(1)),
                                  math.value(math.max(images, math.cst(1))))
              .getResult();
      OpFoldResult chunks = math.ceilDiv(images, chunk);
      return loopOverSlices(chunks, out, /*parallel=*/false,
                            [&](Value index, Value dest, bool parallel) {
                              OpFoldResult first = math.mul(index, chunk);
                              return convolveImages(
                                  first,
                                  math.min(chunk, math.sub(images, first)),
                                  dest, parallel, RowBandLoop::Serial, large);
                            });
    }
  // One large image goes through its phases in bands too.
  if (rowBands == RowBandLoop::None && isOneLargeImage(input))
    rowBands =
        options.threads > 1 ? RowBandLoop::Parallel : RowBandLoop::Serial;
  // Output length of the phase of `residue` in `dim`: ceil((O - r) / s), at
  // least 0; and the input window it reads.
  auto phaseLength = [&](int64_t dim, OpFoldResult residue) {
    return math.max(
        math.ceilDiv(math.sub(outSizes[dim + 1], residue), config.strides[dim]),
        math.cst(0));
  };
  auto phaseWindow = [&](const PhaseDim &p, OpFoldResult length) {
    return math.add(length, math.cst((p.numTaps - 1) * p.dilation));
  };
  SmallVector<SmallVector<PhaseDim>> phases;
  // Per dim: output length of each phase.
  SmallVector<SmallVector<OpFoldResult>> phaseOut;
  SmallVector<int64_t> padLow(n + 2, 0);
  SmallVector<OpFoldResult> padHigh(n + 2, b.getIndexAttr(0));
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t s = config.strides[dim];
    phases.push_back(phasesOfDim(config.kernelSize[dim], s,
                                 config.dilations[dim], config.padLo[dim]));
    OpFoldResult size = inSizes[dim + 1];
    OpFoldResult high = math.cst(0);
    auto &outs = phaseOut.emplace_back();
    for (const PhaseDim &p : phases.back()) {
      OpFoldResult length = phaseLength(dim, math.cst(p.residue));
      OpFoldResult window = phaseWindow(p, length);
      outs.push_back(length);
      padLow[dim + 1] = std::max(padLow[dim + 1], -p.inputBase);
      high = math.max(high,
                      math.sub(math.add(math.cst(p.inputBase), window), size));
    }
    padHigh[dim + 1] = high;
  }

  // Zero-pad the undilated input once so that every phase window is in
  // bounds.
  input = padWithZeros(b, loc, input,
                       getAsIndexOpFoldResult(b.getContext(), padLow), padHigh);

  int64_t numPhases = 1;
  for (const SmallVector<PhaseDim> &dimPhases : phases)
    numPhases *= dimPhases.size();
  // Few phases are emitted one by one; more become loops over runs of
  // phases, so that the IR and the machine code grow with the runs, not the
  // phases (2-D, kernel 64, stride 32: 1024 phases, 4 loop nests).
  bool loopOverRuns = numPhases > kMaxUnrolledPhases;
  SmallVector<SmallVector<PhaseRun>> runs;
  for (int64_t dim = 0; dim < n; ++dim)
    runs.push_back(runsOfPhases(phases[dim], phaseOut[dim], loopOverRuns));

  OpFoldResult zeroIdx = b.getIndexAttr(0), one = b.getIndexAttr(1);
  SmallVector<OpFoldResult> kernelSizes = tensor::getMixedSizes(b, loc, kernel);
  // Rows [start, start + rows) of every phase in the first spatial dim,
  // into the block of output rows [s * start, s * (start + rows)), without
  // the rows past each phase's end if `clip`; or without `rows`, from start
  // to each phase's end, into the output.
  struct RowBand {
    OpFoldResult start, rows;
    bool clip;
  };
  // The phase of `dimRuns` with, per dim, index `ivs[dim]` in its run (a
  // loop induction variable, or null for the first), or its rows in `band`,
  // into `dest`; in an scf.forall, a tensor.parallel_insert_slice (and no
  // result) if `parallel`.
  auto convolvePhase = [&](ArrayRef<const PhaseRun *> dimRuns,
                           ArrayRef<Value> ivs, Value dest, bool parallel,
                           const RowBand *band) -> Value {
    SmallVector<OpFoldResult> outOffsets{zeroIdx}, outSliceSizes{outSizes[0]},
        outStrides{one}, inOffsets{zeroIdx}, inSliceSizes{inSizes[0]}, kOffsets,
        kSizes, kStrides;
    SmallVector<int64_t> dilations;
    for (int64_t dim = 0; dim < n; ++dim) {
      const PhaseRun &run = *dimRuns[dim];
      auto offset = [&](int64_t first, int64_t step) -> OpFoldResult {
        if (!ivs[dim] || step == 0)
          return math.cst(first);
        AffineExpr i = b.getAffineDimExpr(0);
        return affine::makeComposedFoldedAffineApply(b, loc, i * step + first,
                                                     {ivs[dim]});
      };
      OpFoldResult residue = offset(run.first.residue, run.residueStep);
      OpFoldResult inputBase =
          offset(run.first.inputBase + padLow[dim + 1], run.inputBaseStep);
      if (run.modular && ivs[dim]) {
        int64_t s = config.strides[dim], d = config.dilations[dim],
                lo = config.padLo[dim];
        AffineExpr firstTap = b.getAffineDimExpr(0) + run.first.firstTap;
        residue = affine::makeComposedFoldedAffineApply(
            b, loc, (lo - firstTap * d) % s, {ivs[dim]});
        inputBase = affine::makeComposedFoldedAffineApply(
            b, loc, (firstTap * d - lo).ceilDiv(s) + padLow[dim + 1],
            {ivs[dim]});
      }
      // Dynamic lengths differ by phase.
      OpFoldResult length =
          ivs[dim] && (run.lengthVaries || !getConstantIntValue(run.length))
              ? phaseLength(dim, residue)
              : run.length;
      if (band && dim == 0) {
        inputBase = math.add(inputBase, band->start);
        if (band->rows && band->clip) {
          length = math.max(math.min(band->rows, math.sub(length, band->start)),
                            math.cst(0));
        } else if (band->rows) {
          length = band->rows;
        } else {
          residue = math.add(
              residue, math.mul(band->start, math.cst(config.strides[0])));
          length = math.sub(length, band->start);
        }
      }
      outOffsets.push_back(residue);
      outSliceSizes.push_back(length);
      outStrides.push_back(b.getIndexAttr(config.strides[dim]));
      inOffsets.push_back(inputBase);
      inSliceSizes.push_back(phaseWindow(run.first, length));
      kOffsets.push_back(offset(run.first.firstTap, run.firstTapStep));
      kSizes.push_back(b.getIndexAttr(run.first.numTaps));
      kStrides.push_back(b.getIndexAttr(run.first.tapStep));
      dilations.push_back(run.first.dilation);
    }
    outOffsets.push_back(zeroIdx);
    outSliceSizes.push_back(outSizes[n + 1]);
    outStrides.push_back(one);
    inOffsets.push_back(zeroIdx);
    inSliceSizes.push_back(inSizes[n + 1]);
    for (int64_t i : {n, n + 1}) {
      kOffsets.push_back(zeroIdx);
      kSizes.push_back(kernelSizes[i]);
      kStrides.push_back(one);
    }

    SmallVector<OpFoldResult> unitStrides(n + 2, one);
    Value inSlice = tensor::ExtractSliceOp::create(b, loc, input, inOffsets,
                                                   inSliceSizes, unitStrides);
    Value kSlice = tensor::ExtractSliceOp::create(b, loc, kernel, kOffsets,
                                                  kSizes, kStrides);
    Value outSlice = tensor::ExtractSliceOp::create(b, loc, dest, outOffsets,
                                                    outSliceSizes, outStrides);
    Value acc = finish ? allocTensor(b, loc, outSliceSizes, accType) : outSlice;
    if (initialize)
      acc = initialize(acc);
    Value phase =
        buildConvolution(b, loc, inSlice, kSlice, acc, dilations, config);
    if (finish)
      phase = finish(phase, outSlice);
    return insertSlice(b, loc, phase, dest, outOffsets, outSliceSizes,
                       outStrides, parallel);
  };

  // The phases of all the runs into `out`, or their rows in `band`.
  auto convolveRuns = [&](Value out, const RowBand *band) -> Value {
    // Visit the cartesian product of the per-dim runs.
    SmallVector<int64_t> index(n, 0);
    while (true) {
      SmallVector<const PhaseRun *> dimRuns;
      SmallVector<Value> lbs, ubs, steps;
      bool empty = false;
      for (int64_t dim = 0; dim < n; ++dim) {
        const PhaseRun &run = runs[dim][index[dim]];
        dimRuns.push_back(&run);
        empty |= !run.lengthVaries && getConstantIntValue(run.length) == 0;
        if (dim == 0 && band && !band->rows)
          empty |= getConstantIntValue(math.sub(run.length, band->start)) == 0;
        if (run.count > 1) {
          lbs.push_back(math.value(zeroIdx));
          ubs.push_back(math.value(math.cst(run.count)));
          steps.push_back(math.value(one));
        }
      }

      // Per dim, the loop's induction variable, or null for a single phase.
      auto ivsOfDims = [&](ValueRange loopIvs) {
        SmallVector<Value> ivs(n);
        auto nextIv = loopIvs.begin();
        for (int64_t dim = 0; dim < n; ++dim)
          if (dimRuns[dim]->count > 1)
            ivs[dim] = *nextIv++;
        return ivs;
      };
      if (!empty && lbs.empty()) {
        out = convolvePhase(dimRuns, SmallVector<Value>(n), out,
                            /*parallel=*/false, band);
      } else if (!empty && options.threads > 1) {
        // The phases write disjoint strided slices of `out`.
        auto forall = scf::ForallOp::create(
            b, loc, getAsOpFoldResult(lbs), getAsOpFoldResult(ubs),
            getAsOpFoldResult(steps), ValueRange{out}, std::nullopt,
            [&](OpBuilder &nested, Location, ValueRange args) {
              buildInBody(nested, [&] {
                return convolvePhase(dimRuns, ivsOfDims(args.drop_back()),
                                     args.back(), /*parallel=*/true, band);
              });
            });
        out = forall.getResult(0);
      } else if (!empty) {
        // One loop per dim whose run has more than one phase.
        out = scf::buildLoopNest(
                  b, loc, lbs, ubs, steps, out,
                  [&](OpBuilder &nested, Location, ValueRange loopIvs,
                      ValueRange dest) -> scf::ValueVector {
                    return {buildInBody(nested, [&] {
                      return convolvePhase(dimRuns, ivsOfDims(loopIvs),
                                           dest.front(), /*parallel=*/false,
                                           band);
                    })};
                  })
                  .results.front();
      }

      // Next run combination, last dim fastest.
      int64_t dim = n - 1;
      while (dim >= 0 && ++index[dim] == static_cast<int64_t>(runs[dim].size()))
        index[dim--] = 0;
      if (dim < 0)
        break;
    }
    return out;
  };

  // Runs of many phases loop over their phases, each phase whole.
  if (rowBands == RowBandLoop::None || loopOverRuns)
    return convolveRuns(out, nullptr);
  OpFoldResult bandRows, bandCount;
  if (largeImages) {
    // At least 1: it may be the band rows, which divide it.
    OpFoldResult longest = math.cst(1);
    for (OpFoldResult length : phaseOut[0])
      longest = math.max(longest, length);
    bandRows = getDynamicBandRows(input, out, longest, largeImages);
    bandCount = math.ceilDiv(longest, bandRows);
  } else if (std::optional<RowBands> bands = getRowBands(
                 cast<RankedTensorType>(input.getType()),
                 cast<RankedTensorType>(out.getType()), phaseOut[0])) {
    bandRows = math.cst(bands->rows);
    bandCount = math.cst(bands->count);
  } else {
    return convolveRuns(out, nullptr);
  }
  // The bands in a loop: static ones full, then the rows left in each phase;
  // dynamic ones up to each phase's end. Band `index` of `dest` convolves its
  // phases into its block of output rows, and the blocks are disjoint: in an
  // scf.forall, each thread takes a contiguous share of them.
  auto convolveBand = [&](Value index, Value dest, bool parallel) {
    OpFoldResult s0 = math.cst(config.strides[0]);
    RowBand band{math.mul(index, bandRows), bandRows, largeImages != nullptr};
    SmallVector<OpFoldResult> offsets(n + 2, zeroIdx), sizes(outSizes),
        strides(n + 2, one);
    offsets[1] = math.mul(band.start, s0);
    sizes[1] = math.mul(bandRows, s0);
    if (band.clip)
      sizes[1] = math.min(sizes[1], math.sub(outSizes[1], offsets[1]));
    Value block =
        tensor::ExtractSliceOp::create(b, loc, dest, offsets, sizes, strides);
    return insertSlice(b, loc, convolveRuns(block, &band), dest, offsets, sizes,
                       strides, parallel);
  };
  out = loopOverSlices(bandCount, out, rowBands == RowBandLoop::Parallel,
                       convolveBand);
  if (largeImages)
    return out;
  RowBand rest{math.mul(bandCount, bandRows), nullptr, false};
  return convolveRuns(out, &rest);
}

/// Checks `lhs predicate rhs` at run time (cf.assert), unless both are
/// static: the verifier checked them.
void ConvTransposeLowering::checkAtRunTime(arith::CmpIPredicate predicate,
                                           OpFoldResult lhs, OpFoldResult rhs,
                                           const Twine &message) {
  if (getConstantIntValue(lhs) && getConstantIntValue(rhs))
    return;
  Value holds = arith::CmpIOp::create(
      b, loc, predicate, getValueOrCreateConstantIndexOp(b, loc, lhs),
      getValueOrCreateConstantIndexOp(b, loc, rhs));
  cf::AssertOp::create(b, loc, holds,
                       convt::formatRunTimeCheckMessage(loc, message));
}

// The verifier's shape rules (spec §14), for the sizes it could not see:
// a kernel, mask or bias of the wrong size would be read out of bounds, and
// pads too negative for the input would give an empty result where Flax
// raises.
void ConvTransposeLowering::checkOperandSizes() {
  Value input = op.getInput();
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  SmallVector<OpFoldResult> expectedKernel;
  for (int64_t size : config.kernelSize)
    expectedKernel.push_back(b.getIndexAttr(size));
  OpFoldResult inFeatures = tensor::getMixedSize(b, loc, input, rank - 1);
  OpFoldResult features = b.getIndexAttr(config.features);
  if (config.transposeKernel)
    expectedKernel.append({features, inFeatures});
  else
    expectedKernel.append({inFeatures, features});
  std::string shape;
  llvm::raw_string_ostream os(shape);
  os << "(";
  llvm::interleaveComma(expectedKernel, os, [&](OpFoldResult size) {
    if (std::optional<int64_t> value = getConstantIntValue(size))
      os << *value;
    else
      os << "in_features";
  });
  os << ") = kernel_size + "
     << (config.transposeKernel ? "(features, in_features)"
                                : "(in_features, features)");
  auto checkKernelShape = [&](Value operand, StringRef name) {
    for (auto [dim, expected] : llvm::enumerate(expectedKernel))
      checkAtRunTime(arith::CmpIPredicate::eq,
                     tensor::getMixedSize(b, loc, operand, dim), expected,
                     name + " dim " + Twine(dim) +
                         " does not match the expected shape " + shape);
  };
  checkKernelShape(op.getKernel(), "kernel");
  if (Value mask = op.getMask())
    checkKernelShape(mask, "mask");
  if (Value bias = op.getBias())
    checkAtRunTime(arith::CmpIPredicate::eq,
                   tensor::getMixedSize(b, loc, bias, 0), features,
                   "bias size does not match 'features' = " +
                       Twine(config.features));
  if (config.circular)
    return;
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t pads = config.padLo[dim] + config.padHi[dim];
    if (pads >= 0 || !cast<RankedTensorType>(input.getType())
                          .isDynamicDim(config.numBatchDims + dim))
      continue;
    OpFoldResult size =
        tensor::getMixedSize(b, loc, input, config.numBatchDims + dim);
    // (size - 1) * s + 1 + pads >= 0, false for an empty dim.
    OpFoldResult padded = math.add(
        math.mul(math.sub(size, math.cst(1)), math.cst(config.strides[dim])),
        math.cst(1 + pads));
    checkAtRunTime(arith::CmpIPredicate::sge, padded, math.cst(0),
                   "Negative padding is larger than the size of the "
                   "corresponding dimension: spatial dim " +
                       Twine(dim));
  }
}

/// CIRCULAR (spec §7): per dim, pad the VALID result to an odd multiple of
/// the period T = H*s, split it into periods and sum them.
Value ConvTransposeLowering::foldCircular(Value result,
                                          ArrayRef<OpFoldResult> inputSizes) {
  for (int64_t dim = 0; dim < n; ++dim) {
    // The fold divides by the period.
    checkAtRunTime(
        arith::CmpIPredicate::ne, inputSizes[dim], math.cst(0),
        "CIRCULAR padding needs non-empty spatial dims, but spatial dim " +
            Twine(dim) + " of the input is empty (Flax: ZeroDivisionError)");
    auto type = cast<RankedTensorType>(result.getType());
    Type elementType = type.getElementType();
    int64_t axis = dim + 1;
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, result);
    OpFoldResult period =
        math.mul(inputSizes[dim], math.cst(config.strides[dim]));
    OpFoldResult length = sizes[axis];
    OpFoldResult twoPeriods = math.mul(period, math.cst(2));
    OpFoldResult sizeDiff = math.floorMod(math.sub(period, length), twoPeriods);
    // The odd element goes left, or right with transpose_kernel.
    OpFoldResult left =
        config.transposeKernel
            ? math.floorDiv(sizeDiff, math.cst(2))
            : math.floorDiv(math.add(sizeDiff, math.cst(1)), math.cst(2));
    OpFoldResult right = math.sub(sizeDiff, left);
    OpFoldResult numPeriods = math.floorDiv(math.add(length, sizeDiff), period);

    SmallVector<OpFoldResult> low(type.getRank(), b.getIndexAttr(0)), high(low);
    low[axis] = left;
    high[axis] = right;
    Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
    Value padded =
        tensor::PadOp::create(b, loc, Type(), result, low, high, zero);

    SmallVector<ReassociationIndices> groups;
    SmallVector<OpFoldResult> expandedSizes;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      int64_t base = i <= axis ? i : i + 1;
      if (i == axis) {
        groups.push_back({base, base + 1});
        expandedSizes.append({numPeriods, period});
      } else {
        groups.push_back({base});
        expandedSizes.push_back(sizes[i]);
      }
    }
    Value expanded = expandShape(b, loc, padded, groups, expandedSizes);

    sizes[axis] = period;
    Value init = zeroTensor(b, loc, sizes, elementType);
    result = linalg::ReduceOp::create(
                 b, loc, ValueRange{expanded}, ValueRange{init},
                 ArrayRef<int64_t>{axis},
                 [&](OpBuilder &nb, Location nloc, ValueRange args) {
                   linalg::YieldOp::create(
                       nb, nloc,
                       arith::AddFOp::create(nb, nloc, args[0], args[1])
                           .getResult());
                 })
                 .getResult(0);
  }
  return result;
}

/// The result from the accumulator (spec §8): rounded to the conv type, then
/// plus the bias (already in the compute type, if not in the accumulator) in
/// the result type; written into `dest` if given.
Value ConvTransposeLowering::epilogue(Value acc, Value bias, Value dest) {
  Type accType = cast<RankedTensorType>(acc.getType()).getElementType();
  Type resultType = config.resultElementType;
  if (!bias && accType == config.convType && accType == resultType)
    return acc;
  int64_t rank = n + 2;
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<Value> inputs{acc};
  SmallVector<AffineMap> maps{id};
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(AffineMap::get(rank, 0, b.getAffineDimExpr(rank - 1)));
  }
  maps.push_back(id);
  Value init = dest ? dest
                    : emptyTensor(b, loc, tensor::getMixedSizes(b, loc, acc),
                                  resultType);
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, init, maps,
             parallelIterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value v = convertScalar(
                   nb, nloc, convertScalar(nb, nloc, args[0], config.convType),
                   resultType);
               if (bias)
                 v = arith::AddFOp::create(
                     nb, nloc, v, convertScalar(nb, nloc, args[1], resultType));
               linalg::YieldOp::create(nb, nloc, v);
             })
      .getResult(0);
}

Value ConvTransposeLowering::lower() {
  checkOperandSizes();
  Value input =
      convertTensor(b, loc, flattenBatch(op.getInput()), config.computeType);
  Value kernel = prepareKernel();
  // `features` is static (checkOperandSizes checked the operands against it
  // at run time): so are the kernel's output channels and the bias, for the
  // ops that take the output's channels from them.
  auto kernelType = cast<RankedTensorType>(kernel.getType());
  if (kernelType.isDynamicDim(n + 1)) {
    SmallVector<int64_t> shape(kernelType.getShape());
    shape[n + 1] = config.features;
    kernel = tensor::CastOp::create(b, loc, kernelType.clone(shape), kernel);
  }
  Value bias = op.getBias();
  if (bias) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (biasType.isDynamicDim(0))
      bias = tensor::CastOp::create(b, loc, biasType.clone({config.features}),
                                    bias);
    bias = convertTensor(b, loc, bias, config.computeType);
  }

  // f16/bf16 accumulate in f32 and round once (spec §6.3, DESIGN §6).
  accType = config.convType.getIntOrFloatBitWidth() < 32
                ? Float32Type::get(b.getContext())
                : config.convType;
  SmallVector<OpFoldResult> inputSpatial = spatialSizes(input);
  SmallVector<OpFoldResult> outSizes{tensor::getMixedSize(b, loc, input, 0)};
  llvm::append_range(outSizes, outputSizes(inputSpatial));
  if (config.circular) {
    // The conv runs with VALID pads; the fold brings it to H*s.
    for (int64_t dim = 0; dim < n; ++dim) {
      int64_t e = config.effectiveKernelSize(dim);
      int64_t extra = std::max<int64_t>(e - config.strides[dim], 0);
      outSizes[dim + 1] = math.add(outSizes[dim + 1], math.cst(extra));
    }
  }
  outSizes.push_back(tensor::getMixedSize(b, loc, kernel, n + 1));

  // The bias initializes the accumulator where no rounding or fold comes
  // between the convolution and the bias add.
  bool subPixel = usesSubPixel(input, kernel);
  bool biasInAcc = bias && !config.circular && !subPixel &&
                   accType == config.convType &&
                   accType == config.resultElementType;
  Value accBias = biasInAcc ? convertTensor(b, loc, bias, accType) : Value();
  if (biasInAcc)
    bias = nullptr;
  // Writes the accumulator's initial value, the bias or zero, into `dest`.
  auto initialize = [&](Value dest) -> Value {
    if (!accBias) {
      Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(accType));
      return linalg::FillOp::create(b, loc, zero, dest).getResult(0);
    }
    // The bias was rounded to the compute type; widening it is exact.
    return linalg::BroadcastOp::create(
               b, loc, accBias, dest,
               llvm::to_vector(llvm::seq<int64_t>(0, n + 1)))
        ->getResult(0);
  };

  // Nothing to convolve for an empty kernel, no input channels (static in the
  // input or the kernel) or a statically empty output (whose input may then
  // be shorter than the kernel).
  bool empty = llvm::is_contained(config.kernelSize, 0) ||
               cast<RankedTensorType>(input.getType()).getShape().back() == 0 ||
               kernelType.getDimSize(n) == 0 ||
               llvm::any_of(outSizes, [](OpFoldResult size) {
                 return getConstantIntValue(size) == 0;
               });
  Value out = emptyTensor(b, loc, outSizes, accType);
  bool needsEpilogue =
      bias || accType != config.convType || accType != config.resultElementType;
  bool phaseEpilogue = false;
  if (empty) {
    out = initialize(out);
  } else if (options.strategy == LoweringStrategy::Dilate) {
    out = convolveDilated(input, kernel, initialize(out));
  } else if (subPixel) {
    out = convolveSubPixel(input, kernel, outSizes);
  } else if (phasesCoverOutput(config)) {
    // Each phase initializes its own slice, so that the CPU kernels can fuse
    // the initialization into their accumulators; where the result needs an
    // epilogue (rounding, bias), each phase also applies it to its own
    // accumulator, which the CPU kernels fuse into their last store.
    phaseEpilogue = needsEpilogue && !config.circular;
    if (phaseEpilogue)
      out = convolvePhases(
          input, kernel,
          emptyTensor(b, loc, outSizes, config.resultElementType), initialize,
          [&](Value phase, Value dest) { return epilogue(phase, bias, dest); });
    else
      out = convolvePhases(input, kernel, out, initialize);
  } else {
    out = convolvePhases(input, kernel, initialize(out), nullptr);
  }
  if (config.circular)
    out = foldCircular(out, inputSpatial);
  Value result = restoreBatch(phaseEpilogue ? out : epilogue(out, bias));
  if (result.getType() != op.getType()) {
    for (auto [dim, size] : llvm::enumerate(op.getType().getShape()))
      if (!ShapedType::isDynamic(size))
        checkAtRunTime(arith::CmpIPredicate::eq,
                       tensor::getMixedSize(b, loc, result, dim),
                       math.cst(size),
                       "the result type does not match the output size of "
                       "dim " +
                           Twine(dim));
    result = tensor::CastOp::create(b, loc, op.getType(), result);
  }
  return result;
}

struct ConvertConvTToLinalgPass
    : public convt::impl::ConvertConvTToLinalgBase<ConvertConvTToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    for (auto [name, bytes] :
         {std::make_pair("batch-loop-bytes", int64_t(batchLoopBytes)),
          std::make_pair("row-band-bytes", int64_t(rowBandBytes))}) {
      if (llvm::Error error = checkByteCountOption(name, bytes)) {
        getOperation()->emitError(llvm::toString(std::move(error)));
        return signalPassFailure();
      }
    }
    if (threads < 1) {
      getOperation()->emitError("threads must be at least 1; got ")
          << static_cast<int64_t>(threads);
      return signalPassFailure();
    }
    if (subPixelVectorBits < 0) {
      getOperation()->emitError(
          "sub-pixel-vector-bits must be at least 0 (0: never); got ")
          << static_cast<int64_t>(subPixelVectorBits);
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    ConvertConvTToLinalgOptions options{strategy, threads, batchLoopBytes,
                                        rowBandBytes, subPixelVectorBits};
    getOperation()->walk([&](ConvTransposeOp op) {
      rewriter.setInsertionPoint(op);
      Value result = ConvTransposeLowering(op, rewriter, options).lower();
      rewriter.replaceOp(op, result);
    });
  }
};

} // namespace
