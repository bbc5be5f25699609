//===- CPULaneReductionKernel.h - kernel for few output channels -*- C++
//-*-===//
//
// The micro-kernel of convt-cpu-conv-kernels for convolutions with fewer
// output channels than a vector has lanes (an RGB output: 3, or its 12
// sub-pixel channels), where vectors of output channels would leave most
// lanes idle: each accumulator holds the partial sums of one output pixel
// and channel over the input channels in its lanes, and the lanes are summed
// once at the end of the reduction.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_TRANSFORMS_CPULANEREDUCTIONKERNEL_H
#define CONVT_TRANSFORMS_CPULANEREDUCTIONKERNEL_H

#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/ConvolutionUtils.h"

#include <optional>

namespace convt {

/// The output pixels per tile of the lane-reduction micro-kernel for `conv`
/// (a convolution that isCPUKernelConvolution accepts), if it takes that
/// kernel: f32 operands, of static shapes but for the batch and spatial
/// sizes of the input and output, input channels that fill whole vectors,
/// fewer output channels than a vector has lanes, and a cost below the
/// vectors of output channels' (see the pass description).
std::optional<int64_t> getLaneReductionPixels(mlir::linalg::LinalgOp conv,
                                              const CPUKernelTarget &target);

/// Whether the lane-reduction kernel with tiles of `pixels` pixels can read
/// `conv`'s input in place of its zero padding `padding`: a source and output
/// of static shapes, at most 16 taps along the last dim (unrolled) and a few
/// tiles per row with taps in the padding (each is emitted on its own).
bool canLaneReductionReadUnpadded(mlir::linalg::LinalgOp conv, int64_t pixels,
                                  const ImplicitPadding &padding);

/// Emits the lane-reduction micro-kernel for `conv` before it, with tiles of
/// `pixels` output pixels, starting from `init` where it has an op (else
/// adding to the output), reading the source of `padding` in place of its
/// input if given; the caller erases `conv` and `init`'s op. The rows run on
/// `threads` threads.
void emitLaneReductionKernel(mlir::linalg::LinalgOp conv, int64_t pixels,
                             const AccumulatorInit &init,
                             const ImplicitPadding *padding,
                             const CPUKernelTarget &target, int64_t threads);

} // namespace convt

#endif // CONVT_TRANSFORMS_CPULANEREDUCTIONKERNEL_H
