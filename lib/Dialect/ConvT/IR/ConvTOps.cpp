//===- ConvTOps.cpp - convt.conv_transpose --------------------------------===//
//
// Verification, result type inference and normalization of
// `convt.conv_transpose`. Section numbers refer to the spec
// (shared/spec/flax-conv-transpose.md).
//
//===----------------------------------------------------------------------===//

#include "convt/Dialect/ConvT/IR/ConvTOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace convt;

#define GET_OP_CLASSES
#include "convt/Dialect/ConvT/IR/ConvTOps.cpp.inc"

namespace {
using EmitErrorFn = function_ref<InFlightDiagnostic()>;

/// Attribute values beyond this are rejected: they can only come from a typo,
/// and bounding them keeps all size arithmetic below in int64_t.
constexpr int64_t kMaxAttrValue = int64_t(1) << 31;
constexpr int64_t kMaxSpatialDims = 3;

std::string formatList(ArrayRef<int64_t> values) {
  return "[" +
         llvm::join(llvm::map_range(
                        values, [](int64_t v) { return std::to_string(v); }),
                    ", ") +
         "]";
}

/// An integer attribute (Python's bool is an int) as int64_t.
std::optional<int64_t> getInteger(Attribute attr) {
  if (auto boolAttr = dyn_cast_or_null<BoolAttr>(attr))
    return boolAttr.getValue() ? 1 : 0;
  auto intAttr = dyn_cast_or_null<IntegerAttr>(attr);
  if (!intAttr || intAttr.getType().isUnsignedInteger() ||
      intAttr.getValue().getSignificantBits() > 64)
    return std::nullopt;
  return intAttr.getValue().getSExtValue();
}

/// A list of integers written as `array<i64: ...>` or `[1, 2]`.
std::optional<SmallVector<int64_t>> getIntegerList(Attribute attr) {
  if (auto dense = dyn_cast_or_null<DenseI64ArrayAttr>(attr))
    return SmallVector<int64_t>(dense.asArrayRef());
  auto array = dyn_cast_or_null<ArrayAttr>(attr);
  if (!array)
    return std::nullopt;
  SmallVector<int64_t> values;
  for (Attribute element : array) {
    std::optional<int64_t> value = getInteger(element);
    if (!value)
      return std::nullopt;
    values.push_back(*value);
  }
  return values;
}

FailureOr<SmallVector<int64_t>> resolveKernelSize(Attribute attr,
                                                  EmitErrorFn emitError) {
  SmallVector<int64_t> sizes;
  if (std::optional<int64_t> single = getInteger(attr))
    sizes.push_back(*single); // An integer always means a 1-D conv (§2).
  else if (std::optional<SmallVector<int64_t>> list = getIntegerList(attr))
    sizes = std::move(*list);
  else
    return emitError() << "'kernel_size' must be an integer or an "
                          "array<i64: ...>, got "
                       << attr;
  if (static_cast<int64_t>(sizes.size()) > kMaxSpatialDims)
    return emitError() << "'kernel_size' " << formatList(sizes) << " has "
                       << sizes.size()
                       << " spatial dims; at most 3 are supported "
                          "(lax: No 4+ dimensional dimension_number defaults)";
  for (int64_t size : sizes)
    if (size < 0 || size > kMaxAttrValue)
      return emitError() << "'kernel_size' entries must be in [0, 2^31], got "
                         << formatList(sizes);
  return sizes;
}

/// `strides` and `kernel_dilation`: absent (all 1), an integer, or n values,
/// all positive (§2).
FailureOr<SmallVector<int64_t>> resolvePerDimFactor(Attribute attr,
                                                    StringRef name,
                                                    int64_t numDims,
                                                    EmitErrorFn emitError) {
  SmallVector<int64_t> values;
  if (!attr)
    values.assign(numDims, 1);
  else if (std::optional<int64_t> single = getInteger(attr))
    values.assign(numDims, *single);
  else if (std::optional<SmallVector<int64_t>> list = getIntegerList(attr))
    values = std::move(*list);
  else
    return emitError() << "'" << name
                       << "' must be an integer or an array<i64: ...> of "
                       << numDims << " integers, got " << attr;
  if (static_cast<int64_t>(values.size()) != numDims)
    return emitError() << "'" << name << "' " << formatList(values) << " has "
                       << values.size() << " entries but 'kernel_size' has "
                       << numDims << " spatial dims";
  for (int64_t value : values) {
    if (value <= 0)
      return emitError() << "'" << name << "' must be positive, got "
                         << formatList(values)
                         << " (lax: All dilations must be positive)";
    if (value > kMaxAttrValue)
      return emitError() << "'" << name
                         << "' entries must be at most 2^31, got "
                         << formatList(values);
  }
  return values;
}

/// The padding attribute after Flax's canonicalize_padding and lax's string
/// handling (§4), as (lo, hi) pads of the stride-dilated input.
struct ResolvedPadding {
  SmallVector<int64_t> lo, hi;
  bool circular = false;
};

FailureOr<ResolvedPadding> resolvePadding(Attribute attr,
                                          ArrayRef<int64_t> kernelSize,
                                          ArrayRef<int64_t> strides,
                                          ArrayRef<int64_t> dilations,
                                          EmitErrorFn emitError) {
  int64_t numDims = kernelSize.size();
  ResolvedPadding pads;
  auto effectiveSize = [&](int64_t dim) {
    return kernelSize[dim] == 0 ? 0
                                : dilations[dim] * (kernelSize[dim] - 1) + 1;
  };
  auto addExplicit = [&](int64_t lo, int64_t hi) -> LogicalResult {
    auto outOfRange = [](int64_t v) {
      return v < -kMaxAttrValue || v > kMaxAttrValue;
    };
    if (outOfRange(lo) || outOfRange(hi))
      return emitError() << "'padding' values must be within +-2^31, got ["
                         << lo << ", " << hi << "]";
    pads.lo.push_back(lo);
    pads.hi.push_back(hi);
    return success();
  };
  auto invalidFormat = [&]() {
    return emitError()
           << "Invalid padding format: " << attr
           << ", should be a string, an integer, or an array of " << numDims
           << " entries (one per spatial dim), each an integer or a pair "
              "[lo, hi] of integers";
  };

  if (auto str = dyn_cast<StringAttr>(attr)) {
    StringRef mode = str.getValue();
    bool isSame = mode == "SAME", isValid = mode == "VALID";
    pads.circular = mode == "CIRCULAR";
    if (isSame || isValid || pads.circular) {
      // lax's _conv_transpose_padding (§4.2); CIRCULAR convolves with VALID.
      for (int64_t dim = 0; dim < numDims; ++dim) {
        int64_t e = effectiveSize(dim), s = strides[dim];
        // The pads are below the bounds on `e` and `s`; this cannot fail.
        int64_t total = e + s - 2;
        int64_t lo = isSame ? (s > e - 1 ? e - 1 : (total + 1) / 2) : e - 1;
        int64_t hi = isSame ? total - lo : s - 1 + std::max<int64_t>(e - s, 0);
        if (failed(addExplicit(lo, hi)))
          return failure();
      }
      return pads;
    }
    // Any other string reaches conv_general_dilated as forward-conv padding,
    // which lax only implements without input dilation (§4.4).
    if (llvm::any_of(strides, [](int64_t s) { return s != 1; }))
      return emitError()
             << "padding \"" << mode << "\" with strides "
             << formatList(strides)
             << ": String padding is not implemented for transposed "
                "convolution using this op (only \"SAME\", \"VALID\" and "
                "\"CIRCULAR\" allow strides other than 1)";
    std::string lower = mode.lower();
    if (lower != "same" && lower != "same_lower" && lower != "valid")
      return emitError() << "Unrecognized padding type: expected 'VALID', "
                            "'SAME', 'CIRCULAR' or (with strides 1) "
                            "'same', 'same_lower' or 'valid', got \""
                         << mode << "\"";
    for (int64_t dim = 0; dim < numDims; ++dim) {
      int64_t total =
          lower == "valid" ? 0 : std::max<int64_t>(effectiveSize(dim) - 1, 0);
      int64_t small = total / 2;
      bool lowerFirst = lower == "same_lower";
      if (failed(addExplicit(lowerFirst ? total - small : small,
                             lowerFirst ? small : total - small)))
        return failure();
    }
    return pads;
  }

  if (std::optional<int64_t> single = getInteger(attr)) {
    for (int64_t dim = 0; dim < numDims; ++dim)
      if (failed(addExplicit(*single, *single)))
        return failure();
    return pads;
  }

  // A sequence of n entries. `array<i64: ...>` is the all-integer form.
  if (auto dense = dyn_cast<DenseI64ArrayAttr>(attr)) {
    if (dense.size() != numDims)
      return invalidFormat();
    for (int64_t value : dense.asArrayRef())
      if (failed(addExplicit(value, value)))
        return failure();
    return pads;
  }
  auto array = dyn_cast<ArrayAttr>(attr);
  if (!array || static_cast<int64_t>(array.size()) != numDims)
    return invalidFormat();
  for (Attribute entry : array) {
    if (std::optional<int64_t> value = getInteger(entry)) {
      if (failed(addExplicit(*value, *value)))
        return failure();
      continue;
    }
    std::optional<SmallVector<int64_t>> pair = getIntegerList(entry);
    if (!pair || pair->size() != 2)
      return invalidFormat();
    if (failed(addExplicit((*pair)[0], (*pair)[1])))
      return failure();
  }
  return pads;
}

/// Element types the op computes with: IEEE-like floats and signless
/// integers (treated as signed; i1 is bool).
bool isSupportedFloat(Type type) {
  return type.isF16() || type.isBF16() || type.isF32() || type.isF64();
}
bool isSupportedElementType(Type type) {
  return isSupportedFloat(type) || type.isSignlessInteger();
}

/// JAX's type promotion lattice restricted to the supported types (§8).
Type joinTypes(Type a, Type b) {
  if (a == b)
    return a;
  bool aFloat = isa<FloatType>(a), bFloat = isa<FloatType>(b);
  if (aFloat != bFloat)
    return aFloat ? a : b; // Any integer with a float gives that float.
  unsigned aWidth = a.getIntOrFloatBitWidth(),
           bWidth = b.getIntOrFloatBitWidth();
  if (aFloat && aWidth == 16 && bWidth == 16)
    return Float32Type::get(a.getContext()); // f16 with bf16.
  return aWidth >= bWidth ? a : b;
}

std::optional<Precision> parsePrecisionName(StringRef name) {
  return llvm::StringSwitch<std::optional<Precision>>(name)
      .Cases({"default", "fastest", "bfloat16"}, Precision::Default)
      .Cases({"high", "bfloat16_3x", "tensorfloat32"}, Precision::High)
      .Cases({"highest", "float32"}, Precision::Highest)
      .Default(std::nullopt);
}

/// jax.lax.DotAlgorithmPreset names. A convolution lowers any of them to
/// (DEFAULT, DEFAULT) (§9).
bool isDotAlgorithmPreset(StringRef name) {
  return llvm::is_contained(
      {"DEFAULT", "ANY_F8_ANY_F8_F32", "ANY_F8_ANY_F8_F32_FAST_ACCUM",
       "ANY_F8_ANY_F8_ANY", "ANY_F8_ANY_F8_ANY_FAST_ACCUM", "F16_F16_F16",
       "F16_F16_F32", "BF16_BF16_BF16", "BF16_BF16_F32", "BF16_BF16_F32_X3",
       "BF16_BF16_F32_X6", "BF16_BF16_F32_X9", "TF32_TF32_F32",
       "TF32_TF32_F32_X3", "F32_F32_F32", "F64_F64_F64"},
      name);
}

FailureOr<std::pair<Precision, Precision>>
resolvePrecision(Attribute attr, EmitErrorFn emitError) {
  if (!attr)
    return std::make_pair(Precision::Default, Precision::Default);
  if (auto str = dyn_cast<StringAttr>(attr)) {
    if (std::optional<Precision> p = parsePrecisionName(str.getValue()))
      return std::make_pair(*p, *p);
    if (isDotAlgorithmPreset(str.getValue()))
      return std::make_pair(Precision::Default, Precision::Default);
  }
  if (auto array = dyn_cast<ArrayAttr>(attr); array && array.size() == 2) {
    auto lhs = dyn_cast<StringAttr>(array[0]);
    auto rhs = dyn_cast<StringAttr>(array[1]);
    std::optional<Precision> lhsP, rhsP;
    if (lhs && rhs && (lhsP = parsePrecisionName(lhs.getValue())) &&
        (rhsP = parsePrecisionName(rhs.getValue())))
      return std::make_pair(*lhsP, *rhsP);
  }
  return emitError()
         << "Precision argument must be one of \"default\", \"fastest\", "
            "\"bfloat16\", \"high\", \"bfloat16_3x\", \"tensorfloat32\", "
            "\"highest\", \"float32\" (lower case), a DotAlgorithmPreset name "
            "such as \"F32_F32_F32\", or a pair of the lower-case names; got "
         << attr;
}

FailureOr<Type> resolveFloatTypeAttr(TypeAttr attr, StringRef name,
                                     EmitErrorFn emitError) {
  Type type = attr.getValue();
  if (isa<ComplexType>(type))
    return emitError() << "'" << name << "' " << type
                       << " is not supported; use f16, bf16, f32 or f64";
  if (!isa<FloatType>(type))
    return emitError() << "'" << name
                       << "' must be inexact (a float type), got " << type
                       << " (Flax: Dtype must be inexact)";
  if (!isSupportedFloat(type))
    return emitError() << "'" << name << "' " << type
                       << " is not supported; use f16, bf16, f32 or f64";
  return type;
}

/// Checks the multiplication and addition of non-negative sizes for overflow.
std::optional<int64_t> checkedMulAdd(int64_t a, int64_t b, int64_t c) {
  int64_t product, sum;
  if (__builtin_mul_overflow(a, b, &product) ||
      __builtin_add_overflow(product, c, &sum))
    return std::nullopt;
  return sum;
}

} // namespace

//===----------------------------------------------------------------------===//
// ConvTransposeConfig
//===----------------------------------------------------------------------===//

int64_t ConvTransposeConfig::effectiveKernelSize(unsigned dim) const {
  return kernelSize[dim] == 0 ? 0 : dilations[dim] * (kernelSize[dim] - 1) + 1;
}

FailureOr<ConvTransposeConfig>
ConvTransposeConfig::resolve(ConvTransposeOp::Adaptor adaptor,
                             EmitErrorFn emitError) {
  ConvTransposeConfig config;
  // Result type inference runs before the op's verifier (ops built through
  // the C API or a generic builder): check here what the rest relies on.
  if (!adaptor.getFeaturesAttr())
    return emitError() << "requires attribute 'features'";
  MLIRContext *ctx = adaptor.getFeaturesAttr().getContext();
  std::pair<Value, StringRef> operands[] = {{adaptor.getInput(), "input"},
                                            {adaptor.getKernel(), "kernel"},
                                            {adaptor.getBias(), "bias"},
                                            {adaptor.getMask(), "mask"}};
  for (auto [value, name] : operands)
    if (value && !isa<RankedTensorType>(value.getType()))
      return emitError() << "the " << name << " must be a ranked tensor, got "
                         << value.getType();

  // Mostly in the order of Flax's checks (§3), except that the strides and
  // dilations, which lax checks last, come first: the shapes below need them.
  // Of two errors, the one reported may then differ from Flax's.
  FailureOr<SmallVector<int64_t>> kernelSize =
      resolveKernelSize(adaptor.getKernelSize(), emitError);
  if (failed(kernelSize))
    return failure();
  config.kernelSize = std::move(*kernelSize);
  int64_t n = config.kernelSize.size();
  config.numSpatialDims = n;

  config.features = adaptor.getFeatures();
  if (config.features < 0 || config.features > kMaxAttrValue)
    return emitError() << "'features' must be in [0, 2^31], got "
                       << config.features;

  FailureOr<SmallVector<int64_t>> strides =
      resolvePerDimFactor(adaptor.getStridesAttr(), "strides", n, emitError);
  if (failed(strides))
    return failure();
  config.strides = std::move(*strides);
  FailureOr<SmallVector<int64_t>> dilations = resolvePerDimFactor(
      adaptor.getKernelDilationAttr(), "kernel_dilation", n, emitError);
  if (failed(dilations))
    return failure();
  config.dilations = std::move(*dilations);
  // With kernel_size and kernel_dilation at most 2^31 this does not overflow;
  // the bound keeps the SAME/VALID pads (about E + s) within 2^31 as well.
  for (int64_t dim = 0; dim < n; ++dim)
    if (config.effectiveKernelSize(dim) > kMaxAttrValue)
      return emitError() << "the dilated kernel size kernel_dilation * "
                            "(kernel_size - 1) + 1 = "
                         << config.effectiveKernelSize(dim)
                         << " of spatial dim " << dim
                         << " must be at most 2^31";

  config.useBias = !adaptor.getUseBiasAttr() || *adaptor.getUseBias();
  config.transposeKernel =
      adaptor.getTransposeKernelAttr() && *adaptor.getTransposeKernel();
  config.hasMask = static_cast<bool>(adaptor.getMask());

  // Operand shapes.
  auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
  auto kernelType = cast<RankedTensorType>(adaptor.getKernel().getType());
  if (inputType.getRank() < n + 1)
    return emitError() << "input type " << inputType << " has rank "
                       << inputType.getRank() << " but 'kernel_size' needs at "
                       << "least " << n + 1 << " ((*batch, " << n
                       << " spatial dims, in_features))";
  config.numBatchDims = inputType.getRank() - n - 1;
  int64_t inFeatures = inputType.getShape().back();

  SmallVector<int64_t> expectedKernel(config.kernelSize);
  if (config.transposeKernel)
    llvm::append_values(expectedKernel, config.features, inFeatures);
  else
    llvm::append_values(expectedKernel, inFeatures, config.features);
  StringRef layout = config.transposeKernel
                         ? "kernel_size + (features, in_features)"
                         : "kernel_size + (in_features, features)";
  auto describeShape = [](ArrayRef<int64_t> shape) {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << "(";
    llvm::interleaveComma(shape, os, [&](int64_t d) {
      if (ShapedType::isDynamic(d))
        os << "?";
      else
        os << d;
    });
    os << ")";
    return s;
  };
  if (failed(verifyCompatibleShape(kernelType.getShape(), expectedKernel)))
    return emitError() << "kernel type " << kernelType
                       << " does not match the expected shape "
                       << describeShape(expectedKernel) << " = " << layout;
  if (Value mask = adaptor.getMask()) {
    auto maskType = cast<RankedTensorType>(mask.getType());
    if (failed(verifyCompatibleShape(maskType.getShape(), expectedKernel)))
      return emitError() << "Mask needs to have the same shape as weights: "
                            "mask type "
                         << maskType << ", weights shape "
                         << describeShape(expectedKernel);
  }
  Value bias = adaptor.getBias();
  if (config.useBias && !bias)
    return emitError() << "'use_bias' is true (the Flax default) but there is "
                          "no bias operand; add 'bias %b' or set use_bias = "
                          "false";
  if (!config.useBias && bias)
    return emitError() << "'use_bias' is false but a bias operand is given";
  if (bias) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (failed(verifyCompatibleShape(biasType.getShape(), {config.features})))
      return emitError() << "bias type " << biasType
                         << " does not match the expected shape (features) = ("
                         << config.features << ")";
  }

  // Padding (§4) and output sizes (§5).
  Attribute padding = adaptor.getPaddingAttr();
  if (!padding)
    padding = StringAttr::get(ctx, "SAME");
  FailureOr<ResolvedPadding> pads = resolvePadding(
      padding, config.kernelSize, config.strides, config.dilations, emitError);
  if (failed(pads))
    return failure();
  config.padLo = std::move(pads->lo);
  config.padHi = std::move(pads->hi);
  config.circular = pads->circular;

  SmallVector<int64_t> resultShape(
      inputType.getShape().take_front(config.numBatchDims));
  for (int64_t dim = 0; dim < n; ++dim) {
    int64_t size = inputType.getDimSize(config.numBatchDims + dim);
    if (ShapedType::isDynamic(size)) {
      resultShape.push_back(ShapedType::kDynamic);
      continue;
    }
    int64_t s = config.strides[dim];
    if (config.circular) {
      if (size == 0)
        return emitError() << "CIRCULAR padding needs non-empty spatial dims, "
                              "but spatial dim "
                           << dim
                           << " of the input is empty (Flax: "
                              "ZeroDivisionError)";
      std::optional<int64_t> period = checkedMulAdd(size, s, 0);
      if (!period)
        return emitError() << "output size of spatial dim " << dim
                           << " overflows";
      resultShape.push_back(*period);
      continue;
    }
    std::optional<int64_t> dilated =
        size == 0 ? 0 : checkedMulAdd(size - 1, s, 1);
    // The pads are within +-2^31, so their sum does not overflow.
    int64_t padded;
    if (!dilated ||
        __builtin_add_overflow(*dilated, config.padLo[dim] + config.padHi[dim],
                               &padded))
      return emitError() << "output size of spatial dim " << dim
                         << " overflows";
    if (padded < 0)
      return emitError() << "Negative padding is larger than the size of the "
                            "corresponding dimension: spatial dim "
                         << dim << " has stride-dilated size " << *dilated
                         << " and pads [" << config.padLo[dim] << ", "
                         << config.padHi[dim] << "]";
    int64_t output;
    if (__builtin_add_overflow(padded - config.effectiveKernelSize(dim), 1,
                               &output))
      return emitError() << "output size of spatial dim " << dim
                         << " overflows";
    resultShape.push_back(std::max<int64_t>(0, output));
  }
  resultShape.push_back(config.features);

  // Element types (§8).
  auto checkElementType = [&](Value operand, StringRef name) -> LogicalResult {
    Type type = cast<RankedTensorType>(operand.getType()).getElementType();
    if (isSupportedElementType(type))
      return success();
    return emitError() << name << " element type " << type
                       << " is not supported; use f16, bf16, f32, f64 or a "
                          "signless integer type";
  };
  if (failed(checkElementType(adaptor.getInput(), "input")) ||
      failed(checkElementType(adaptor.getKernel(), "kernel")) ||
      (bias && failed(checkElementType(bias, "bias"))) ||
      (adaptor.getMask() &&
       failed(checkElementType(adaptor.getMask(), "mask"))))
    return failure();
  Type inputElementType = inputType.getElementType();
  config.maskedKernelType = kernelType.getElementType();
  if (Value mask = adaptor.getMask())
    config.maskedKernelType =
        joinTypes(config.maskedKernelType,
                  cast<RankedTensorType>(mask.getType()).getElementType());
  if (TypeAttr dtype = adaptor.getDtypeAttr()) {
    FailureOr<Type> type = resolveFloatTypeAttr(dtype, "dtype", emitError);
    if (failed(type))
      return failure();
    config.computeType = *type;
  } else {
    Type joined = joinTypes(inputElementType, config.maskedKernelType);
    if (bias)
      joined = joinTypes(
          joined, cast<RankedTensorType>(bias.getType()).getElementType());
    config.computeType =
        isa<FloatType>(joined) ? joined : Float32Type::get(ctx);
  }
  config.convType = config.computeType;
  if (TypeAttr preferred = adaptor.getPreferredElementTypeAttr()) {
    Type type = preferred.getValue();
    if (!isa<FloatType>(type))
      return emitError() << "Input type is incompatible with "
                            "'preferred_element_type' "
                         << type << ": the computation type "
                         << config.computeType << " is a float type";
    FailureOr<Type> resolved =
        resolveFloatTypeAttr(preferred, "preferred_element_type", emitError);
    if (failed(resolved))
      return failure();
    if (type.getIntOrFloatBitWidth() <
        config.computeType.getIntOrFloatBitWidth())
      return emitError() << "'preferred_element_type' " << type
                         << " must not be narrower than the computation type "
                         << config.computeType;
    config.convType = type;
  }
  config.resultElementType =
      bias ? joinTypes(config.convType, config.computeType) : config.convType;
  if (TypeAttr paramDtype = adaptor.getParamDtypeAttr())
    if (!isSupportedElementType(paramDtype.getValue()))
      return emitError() << "'param_dtype' " << paramDtype.getValue()
                         << " is not supported; use f16, bf16, f32, f64 or a "
                            "signless integer type";

  FailureOr<std::pair<Precision, Precision>> precision =
      resolvePrecision(adaptor.getPrecisionAttr(), emitError);
  if (failed(precision))
    return failure();
  std::tie(config.lhsPrecision, config.rhsPrecision) = *precision;

  // Initializers must fit the parameters they initialize.
  auto checkInit = [&](Attribute init, StringRef name,
                       ArrayRef<int64_t> shape) -> LogicalResult {
    auto iface = dyn_cast_or_null<InitializerAttrInterface>(init);
    if (!iface)
      return success();
    return iface.verifyForShape(
        [&]() {
          InFlightDiagnostic diag = emitError();
          diag << "'" << name << "' " << init << " does not fit the parameter "
               << "shape " << describeShape(shape) << ": ";
          return diag;
        },
        shape);
  };
  // Flax calls bias_init only for a bias it creates (use_bias).
  if (failed(checkInit(adaptor.getKernelInitAttr(), "kernel_init",
                       expectedKernel)) ||
      (config.useBias && failed(checkInit(adaptor.getBiasInitAttr(),
                                          "bias_init", {config.features}))))
    return failure();

  config.resultType =
      RankedTensorType::get(resultShape, config.resultElementType);
  return config;
}

OpFoldResult
ConvTransposeConfig::buildOutputSize(OpBuilder &b, Location loc, unsigned dim,
                                     OpFoldResult inputSize) const {
  int64_t s = strides[dim];
  if (std::optional<int64_t> size = getConstantIntValue(inputSize)) {
    if (circular)
      return b.getIndexAttr(*size * s);
    // Summed in this order, no step overflows where resolve accepted `size`.
    int64_t dilated = *size == 0 ? 0 : (*size - 1) * s + 1;
    return b.getIndexAttr(std::max<int64_t>(
        0, dilated + (padLo[dim] + padHi[dim] - effectiveKernelSize(dim) + 1)));
  }
  Value size = getValueOrCreateConstantIndexOp(b, loc, inputSize);
  auto cst = [&](int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  };
  Value scaled = arith::MulIOp::create(b, loc, size, cst(s));
  if (circular)
    return scaled;
  // max((H - 1) * s + 1, 0) + lo + hi - E + 1, clamped at 0.
  Value dilated = arith::MaxSIOp::create(
      b, loc, arith::AddIOp::create(b, loc, scaled, cst(1 - s)), cst(0));
  Value out = arith::AddIOp::create(
      b, loc, dilated,
      cst(padLo[dim] + padHi[dim] - effectiveKernelSize(dim) + 1));
  return arith::MaxSIOp::create(b, loc, out, cst(0)).getResult();
}

//===----------------------------------------------------------------------===//
// ConvTransposeOp
//===----------------------------------------------------------------------===//

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  auto emitError = [&]() {
    return location ? mlir::emitError(*location) : InFlightDiagnostic();
  };
  FailureOr<ConvTransposeConfig> config =
      ConvTransposeConfig::resolve(adaptor, emitError);
  if (failed(config))
    return failure();
  inferredReturnTypes.push_back(config->resultType);
  return success();
}

/// A written result type may be more or less static than the inferred one.
bool ConvTransposeOp::isCompatibleReturnTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != 1 || rhs.size() != 1)
    return false;
  auto lhsType = dyn_cast<RankedTensorType>(lhs.front());
  auto rhsType = dyn_cast<RankedTensorType>(rhs.front());
  return lhsType && rhsType &&
         lhsType.getElementType() == rhsType.getElementType() &&
         succeeded(verifyCompatibleShape(lhsType, rhsType));
}

LogicalResult ConvTransposeOp::verify() {
  return ConvTransposeConfig::resolve(Adaptor(*this),
                                      [&]() { return emitOpError(); });
}

ConvTransposeConfig ConvTransposeOp::getConfig() {
  FailureOr<ConvTransposeConfig> config = ConvTransposeConfig::resolve(
      Adaptor(*this), [&]() { return emitOpError(); });
  assert(succeeded(config) && "getConfig on an op that fails verification");
  return std::move(*config);
}

LogicalResult ConvTransposeOp::reifyResultShapes(
    OpBuilder &b, ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  ConvTransposeConfig config = getConfig();
  Location loc = getLoc();
  SmallVector<OpFoldResult> sizes;
  for (int64_t dim = 0; dim < config.numBatchDims; ++dim)
    sizes.push_back(tensor::getMixedSize(b, loc, getInput(), dim));
  for (int64_t dim = 0; dim < config.numSpatialDims; ++dim)
    sizes.push_back(config.buildOutputSize(
        b, loc, dim,
        tensor::getMixedSize(b, loc, getInput(), config.numBatchDims + dim)));
  sizes.push_back(b.getIndexAttr(config.features));
  // Keep static sizes of the written result type.
  for (auto [size, written] : llvm::zip(sizes, getType().getShape()))
    if (!ShapedType::isDynamic(written))
      size = b.getIndexAttr(written);
  reifiedReturnShapes.push_back(std::move(sizes));
  return success();
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult convt::normalizeConvTranspose(ConvTransposeOp op,
                                            RewriterBase &rewriter) {
  ConvTransposeConfig config = op.getConfig();
  Builder &b = rewriter;
  auto pairArray = [&](ArrayRef<int64_t> lo, ArrayRef<int64_t> hi) {
    SmallVector<Attribute> pairs;
    for (auto [l, h] : llvm::zip(lo, hi))
      pairs.push_back(b.getI64ArrayAttr({l, h}));
    return b.getArrayAttr(pairs);
  };
  auto precisionName = [&](Precision p) -> StringRef {
    switch (p) {
    case Precision::Default:
      return "default";
    case Precision::High:
      return "high";
    case Precision::Highest:
      return "highest";
    }
    llvm_unreachable("unknown precision");
  };

  Attribute kernelSize = b.getDenseI64ArrayAttr(config.kernelSize);
  Attribute strides = b.getDenseI64ArrayAttr(config.strides);
  Attribute dilations = b.getDenseI64ArrayAttr(config.dilations);
  Attribute padding = config.circular
                          ? Attribute(b.getStringAttr("CIRCULAR"))
                          : Attribute(pairArray(config.padLo, config.padHi));
  Attribute precision;
  if (op.getPrecisionAttr())
    precision = b.getStrArrayAttr({precisionName(config.lhsPrecision),
                                   precisionName(config.rhsPrecision)});

  if (op.getKernelSize() == kernelSize && op.getStridesAttr() == strides &&
      op.getKernelDilationAttr() == dilations &&
      op.getPaddingAttr() == padding && op.getPrecisionAttr() == precision)
    return failure();
  rewriter.modifyOpInPlace(op, [&]() {
    op.setKernelSizeAttr(kernelSize);
    op.setStridesAttr(strides);
    op.setKernelDilationAttr(dilations);
    op.setPaddingAttr(padding);
    op.setPrecisionAttr(precision);
  });
  return success();
}

void ConvTransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                  MLIRContext *context) {
  results.add(+[](ConvTransposeOp op, PatternRewriter &rewriter) {
    return normalizeConvTranspose(op, rewriter);
  });
}
