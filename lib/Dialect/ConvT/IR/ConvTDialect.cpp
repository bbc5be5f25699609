//===- ConvTDialect.cpp - convt dialect and its attributes ----------------===//

#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Dialect/ConvT/IR/ConvTAttrs.h"
#include "convt/Dialect/ConvT/IR/ConvTOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace convt;

#include "convt/Dialect/ConvT/IR/ConvTOpsDialect.cpp.inc"

namespace {
/// The op has no regions and no side effects: a function that holds it
/// inlines like any other, so that an embedder's inliner (and the GPU
/// pipeline, which takes no calls that pass buffers) sees through calls.
struct ConvTInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void ConvTDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "convt/Dialect/ConvT/IR/ConvTOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "convt/Dialect/ConvT/IR/ConvTAttrs.cpp.inc"
      >();
  addInterfaces<ConvTInlinerInterface>();
}

//===----------------------------------------------------------------------===//
// Parameter parsers and printers
//===----------------------------------------------------------------------===//

FailureOr<APFloat> convt::parseF64Parameter(AsmParser &parser) {
  double value;
  if (parser.parseFloat(value))
    return failure();
  return APFloat(value);
}

void convt::printF64Parameter(AsmPrinter &printer, const APFloat &value) {
  printer.printFloat(value);
}

FailureOr<DenseI64ArrayAttr> convt::parseAxesParameter(AsmParser &parser) {
  SmallVector<int64_t> axes;
  auto parseAxis = [&]() -> ParseResult {
    return parser.parseInteger(axes.emplace_back());
  };
  if (succeeded(parser.parseOptionalLSquare())) {
    if (failed(parser.parseOptionalRSquare()) &&
        (parser.parseCommaSeparatedList(parseAxis) || parser.parseRSquare()))
      return failure();
  } else if (parseAxis()) {
    return failure();
  }
  return DenseI64ArrayAttr::get(parser.getContext(), axes);
}

void convt::printAxesParameter(AsmPrinter &printer, DenseI64ArrayAttr axes) {
  if (axes.size() == 1) {
    printer << axes[0];
    return;
  }
  printer << '[';
  llvm::interleaveComma(axes.asArrayRef(), printer);
  printer << ']';
}

//===----------------------------------------------------------------------===//
// Initializer verification
//===----------------------------------------------------------------------===//

LogicalResult
TruncatedNormalInitAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                APFloat stddev, APFloat lower, APFloat upper) {
  if (lower.compare(upper) != APFloat::cmpLessThan)
    return emitError() << "truncated_normal needs lower < upper, got lower = "
                       << lower.convertToDouble()
                       << ", upper = " << upper.convertToDouble();
  return success();
}

LogicalResult VarianceScalingInitAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, APFloat scale, StringRef mode,
    StringRef distribution, DenseI64ArrayAttr inAxis, DenseI64ArrayAttr outAxis,
    DenseI64ArrayAttr batchAxis) {
  if (!llvm::is_contained({"fan_in", "fan_out", "fan_avg", "fan_geo_avg"},
                          mode))
    return emitError() << "invalid mode for variance scaling initializer: \""
                       << mode
                       << "\" (expected fan_in, fan_out, fan_avg or "
                          "fan_geo_avg)";
  if (!llvm::is_contained({"truncated_normal", "normal", "uniform"},
                          distribution))
    return emitError()
           << "invalid distribution for variance scaling initializer: \""
           << distribution
           << "\" (expected truncated_normal, normal or uniform)";
  return success();
}

/// JAX's `_compute_fans` indexes the parameter shape with every axis: each
/// must exist (an axis may serve in two roles, or twice in one).
static LogicalResult verifyFanAxes(function_ref<InFlightDiagnostic()> emitError,
                                   ArrayRef<int64_t> shape,
                                   DenseI64ArrayAttr inAxis,
                                   DenseI64ArrayAttr outAxis,
                                   DenseI64ArrayAttr batchAxis) {
  int64_t rank = shape.size();
  if (rank <= 1)
    return emitError() << "Can't compute input and output sizes of a " << rank
                       << "-dimensional weights tensor. Must be at least 2D.";
  for (auto [name, axes] :
       {std::pair<StringRef, DenseI64ArrayAttr>{"in_axis", inAxis},
        {"out_axis", outAxis},
        {"batch_axis", batchAxis}})
    for (int64_t axis : axes.asArrayRef())
      if (axis < -rank || axis >= rank)
        return emitError() << name << " " << axis
                           << " is out of range for a parameter of rank "
                           << rank;
  return success();
}

#include "convt/Dialect/ConvT/IR/ConvTAttrInterfaces.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "convt/Dialect/ConvT/IR/ConvTAttrs.cpp.inc"
