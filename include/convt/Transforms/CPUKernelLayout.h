//===- CPUKernelLayout.h - what the CPU kernels choose per conv -*- C++ -*-===//
//
// The choices of convt-cpu-conv-kernels that another pass must repeat: the
// register block of a convolution and the layout of its packed kernel, which
// convt-cpu-pack-constant-kernels computes at compile time for constant
// kernels.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_TRANSFORMS_CPUKERNELLAYOUT_H
#define CONVT_TRANSFORMS_CPUKERNELLAYOUT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/Support/Error.h"

#include <optional>

namespace convt {

/// The CPU the kernels are emitted for, options resolved (0 and "host" stand
/// for the host's values).
struct CPUKernelTarget {
  int64_t vectorBits;
  int64_t fmasPerCycle;
  int64_t l1CacheBytes;
  /// Whether bf16 convolutions use AVX512-BF16 vdpbf16ps.
  bool bf16Dot;
};

/// The widest `vector-bits` option (ARM SVE's largest vectors); wider ones
/// would make vector types of millions of lanes.
constexpr int64_t kMaxVectorBits = 2048;

/// The most threads the `threads` options take: more cores than any CPU has,
/// and a count that OpenMP's 32-bit thread counts hold.
constexpr int64_t kMaxThreads = 65536;

/// The error for a `threads` option outside [1, kMaxThreads], if it is.
llvm::Error checkThreadCount(int64_t threads);

/// Resolves the passes' `vector-bits`, `fmas-per-cycle`, `l1-cache-bytes` and
/// `bf16-dot` options; the error for a bad value.
llvm::Expected<CPUKernelTarget> resolveCPUKernelTarget(int64_t vectorBits,
                                                       int64_t fmasPerCycle,
                                                       int64_t l1CacheBytes,
                                                       llvm::StringRef bf16Dot);
/// The same, with the error for a bad value on `op`.
llvm::FailureOr<CPUKernelTarget>
resolveCPUKernelTarget(mlir::Operation *op, int64_t vectorBits,
                       int64_t fmasPerCycle, int64_t l1CacheBytes,
                       llvm::StringRef bf16Dot);

/// Whether `op` is a convolution that convt-cpu-conv-kernels implements: a
/// stride-1 float convolution on buffers whose operands have unit-stride
/// channels and are no wider than its output, and whose output lies in
/// another buffer than its input and kernel.
bool isCPUKernelConvolution(mlir::Operation *op);

/// The accumulators of the micro-kernel: `rows` output pixels of the last
/// spatial dim times `vectors` vectors of output channels.
struct RegisterBlock {
  int64_t rows = 1;
  int64_t vectors = 1;
};

/// Whether a reduction step of `rows` x `vectors` accumulators broadcasts all
/// its rows first and then streams one kernel vector at a time (oneDNN's
/// order: `rows + 1` more registers), rather than loading all its kernel
/// vectors first and streaming one broadcast row (`vectors + 1`): where a
/// block that chooseRegisterBlock picked for vectors of `vectorBits` would
/// not fit the registers in the latter order.
bool broadcastsRowsFirst(int64_t rows, int64_t vectors, int64_t vectorBits);

/// The accumulators that the tiles of the leftover columns of one
/// convolution with a dynamic width may hold, summed over the leftover counts
/// (one tile each), where `convolutions` are the kernel convolutions
/// (isCPUKernelConvolution) of a function: those with a dynamic width share
/// a budget, which bounds the code of the function.
int64_t
getLeftoverAccumulatorLimit(llvm::ArrayRef<mlir::Operation *> convolutions);

/// The register block of least estimated time for a convolution with output
/// `outputType` (N, spatial..., F) and vectors of `lanes` elements, within
/// `leftoverAccumulators` (getLeftoverAccumulatorLimit) if its width is
/// dynamic.
RegisterBlock chooseRegisterBlock(mlir::MemRefType outputType, int64_t lanes,
                                  const CPUKernelTarget &target,
                                  int64_t leftoverAccumulators);

/// Whether the micro-kernel uses vdpbf16ps on `conv`.
bool usesBF16Dot(mlir::linalg::LinalgOp conv, const CPUKernelTarget &target);

/// The type of the packed copy of the kernel that the micro-kernel reads for
/// `conv`, or nothing where it reads the kernel in place (one block of output
/// channels, no more taps than the L1 cache has ways, and a register left for
/// the mask of a partial last vector) or takes the lane-reduction kernel
/// (getLaneReductionPixels), which packs its own, or the pixels-in-lanes
/// kernel (takesPixelLanesKernel). The packed copy is [F / W, C / g, taps,
/// g * W] for blocks of W output channels (zeros past the last) and groups of
/// g input channels, interleaved (g = 2 for vdpbf16ps, else 1). Element [b,
/// p, t, w * g + m] is kernel[t..., p * g + m, b * W + w], with t the
/// row-major index of the taps.
std::optional<mlir::MemRefType>
getPackedKernelType(mlir::linalg::LinalgOp conv, const CPUKernelTarget &target,
                    int64_t leftoverAccumulators);
/// The same for the register block `block` that chooseRegisterBlock picked,
/// for a convolution that takes neither the lane-reduction nor the
/// pixels-in-lanes kernel (the caller has asked).
std::optional<mlir::MemRefType>
getPackedKernelType(mlir::linalg::LinalgOp conv, const CPUKernelTarget &target,
                    RegisterBlock block);

/// The mark `convt.packed_kernel = {global = @symbol, type = <memref type>}`
/// on a convolution whose kernel convt-cpu-pack-constant-kernels packed at
/// compile time into that global.
struct PackedKernelMark {
  mlir::FlatSymbolRefAttr global;
  mlir::MemRefType type;
};

/// Sets the mark on `conv`.
void setPackedKernelMark(mlir::Operation *conv, const PackedKernelMark &mark);

/// The mark on `conv` (a null global where there is none); failure, with an
/// error on `conv`, where it is not of that form.
llvm::FailureOr<PackedKernelMark> getPackedKernelMark(mlir::Operation *conv);

} // namespace convt

#endif // CONVT_TRANSFORMS_CPUKERNELLAYOUT_H
