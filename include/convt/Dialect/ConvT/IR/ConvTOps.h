//===- ConvTOps.h - convt operations ----------------------------*- C++ -*-===//

#ifndef CONVT_DIALECT_CONVT_IR_CONVTOPS_H
#define CONVT_DIALECT_CONVT_IR_CONVTOPS_H

#include "convt/Dialect/ConvT/IR/ConvTAttrs.h"
#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace convt {
struct ConvTransposeConfig;
} // namespace convt

#define GET_OP_CLASSES
#include "convt/Dialect/ConvT/IR/ConvTOps.h.inc"

namespace convt {

/// `precision` of one operand, after JAX's canonicalize_precision.
enum class Precision { Default, High, Highest };

/// Everything a `convt.conv_transpose` means, resolved from the forms Flax
/// accepts into explicit per-dim values (spec §2-§8).
struct ConvTransposeConfig {
  /// Validates the op's attributes and operand types as Flax and lax do and
  /// resolves them; reports the first problem through `emitError`.
  static mlir::FailureOr<ConvTransposeConfig>
  resolve(ConvTransposeOp::Adaptor adaptor,
          llvm::function_ref<mlir::InFlightDiagnostic()> emitError);

  int64_t numSpatialDims = 0;
  int64_t numBatchDims = 0;
  int64_t features = 0;
  llvm::SmallVector<int64_t> kernelSize, strides, dilations;
  /// CIRCULAR runs the convolution with VALID pads, then folds periodically.
  bool circular = false;
  /// Pads of the stride-dilated input (for CIRCULAR: the VALID pads).
  llvm::SmallVector<int64_t> padLo, padHi;
  bool useBias = true;
  bool transposeKernel = false;
  bool hasMask = false;
  /// JAX's type of `kernel * mask` (the kernel type without a mask).
  mlir::Type maskedKernelType;
  /// The type inputs, masked kernel and bias are cast to.
  mlir::Type computeType;
  /// The convolution's output type: preferred_element_type or computeType.
  mlir::Type convType;
  /// The op's result element type (conv type joined with the bias's type).
  mlir::Type resultElementType;
  Precision lhsPrecision = Precision::Default;
  Precision rhsPrecision = Precision::Default;
  mlir::RankedTensorType resultType;

  /// `d * (k - 1) + 1`, or 0 for an empty kernel.
  int64_t effectiveKernelSize(unsigned dim) const;
  /// The output size along spatial `dim` for an input of `inputSize`
  /// (which may be dynamic), built with folding arith ops.
  mlir::OpFoldResult buildOutputSize(mlir::OpBuilder &b, mlir::Location loc,
                                     unsigned dim,
                                     mlir::OpFoldResult inputSize) const;
};

/// Rewrites `op`'s attributes to the one explicit form (see convt-normalize).
/// Fails if there is nothing to change.
llvm::LogicalResult normalizeConvTranspose(ConvTransposeOp op,
                                           mlir::RewriterBase &rewriter);

} // namespace convt

#endif // CONVT_DIALECT_CONVT_IR_CONVTOPS_H
