//===- Passes.h - convt conversion passes -----------------------*- C++ -*-===//

#ifndef CONVT_CONVERSION_PASSES_H
#define CONVT_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"
#include "llvm/Support/Error.h"

namespace convt {

/// How convt-to-linalg lowers a transposed convolution.
enum class LoweringStrategy {
  /// One stride-1 convolution per output phase on the undilated input.
  Phase,
  /// The literal zero-insertion lowering, kept as the simple reference.
  Dilate,
};

#define GEN_PASS_DECL
#include "convt/Conversion/Passes.h.inc"

/// The error for a byte count option (batch-loop-bytes, row-band-bytes)
/// below 0, which convt-to-linalg and the CPU pipeline share.
llvm::Error checkByteCountOption(llvm::StringRef name, int64_t bytes);

#define GEN_PASS_REGISTRATION
#include "convt/Conversion/Passes.h.inc"

} // namespace convt

#endif // CONVT_CONVERSION_PASSES_H
