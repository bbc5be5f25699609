//===- CPUPixelLanesKernel.h - kernel with pixels in the lanes --*- C++ -*-===//
//
// The micro-kernel of convt-cpu-conv-kernels for convolutions whose output
// channels fill vectors badly (21 classes: 21 of 32 lanes) and whose input
// channels do not fill whole vectors either (which the lane-reduction kernel
// needs): each accumulator holds one output channel of a row of consecutive
// output pixels, one per lane, and each step multiplies the vectors of input
// pixels of one channel of two rows by one kernel weight, broadcast. It reads
// the input transposed, with the pixels of a row of one channel contiguous.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_TRANSFORMS_CPUPIXELLANESKERNEL_H
#define CONVT_TRANSFORMS_CPUPIXELLANESKERNEL_H

#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/ConvolutionUtils.h"

namespace convt {

/// Whether `conv` (a convolution that isCPUKernelConvolution accepts) takes
/// the pixels-in-lanes kernel: f32 operands, of static shapes but for the
/// batch and spatial sizes of the input and output, an output row of at
/// least one vector of pixels (if static), output channels that fit the
/// registers as accumulators (with 4 to spare), and an estimate of cycles
/// below 0.9 of the vectors of output channels' (see the pass description).
/// Asked only of convolutions that getLaneReductionPixels leaves, which
/// take the lane-reduction kernel first.
bool takesPixelLanesKernel(mlir::linalg::LinalgOp conv,
                           const CPUKernelTarget &target);

/// A convolution input in the transposed layout of the pixels-in-lanes
/// kernel, `[N, spatial..., C, last spatial + lanes]` (the columns past the
/// input zero, so that the vector of the last pixels of a row stays inside):
/// the convolution's input element (n, i..., c) is element
/// (n, i + offsets..., c) of `buffer`, with the last two dims swapped.
struct TransposedInput {
  mlir::Value buffer;
  llvm::SmallVector<mlir::OpFoldResult> offsets;
};

/// Builds at `b`'s insertion point a zero-filled buffer of the transposed
/// layout for an input of spatial sizes `spatialSizes` (the source's where
/// empty) and writes `source` into it, transposed, from spatial offsets
/// `windowOffsets` on (the zero padding of bufferized tensor.pad around it,
/// or none for a convolution's own input). For vectors of `lanes` f32 lanes.
mlir::Value
buildTransposedInput(mlir::ImplicitLocOpBuilder &b, mlir::Value source,
                     llvm::ArrayRef<mlir::OpFoldResult> spatialSizes,
                     llvm::ArrayRef<int64_t> windowOffsets, int64_t lanes);

/// Emits the pixels-in-lanes kernel for `conv` before it, reading `input` in
/// place of its input and starting from `init` where it has an op (else
/// adding to the output); the caller erases `conv` and `init`'s op. The rows
/// run on `threads` threads.
void emitPixelLanesKernel(mlir::linalg::LinalgOp conv,
                          const TransposedInput &input,
                          const AccumulatorInit &init,
                          const CPUKernelTarget &target, int64_t threads);

} // namespace convt

#endif // CONVT_TRANSFORMS_CPUPIXELLANESKERNEL_H
