//===- ConvolutionUtils.h - what the convolution kernels share --*- C++ -*-===//

#ifndef CONVT_TRANSFORMS_CONVOLUTIONUTILS_H
#define CONVT_TRANSFORMS_CONVOLUTIONUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace convt {

/// Whether `op` is a stride-1 `linalg.conv_1d_nwc_wcf`,
/// `linalg.conv_2d_nhwc_hwcf` or `linalg.conv_3d_ndhwc_dhwcf` with
/// floating-point operands and an f32 or f64 output: a phase convolution of
/// convt-to-linalg, as the CPU and GPU kernels take them (on buffers).
bool isStrideOneFloatConvolution(mlir::Operation *op);

/// Whether `op` is such a convolution on buffers whose output lies in neither
/// the input's nor the kernel's buffer: the kernels write the output while
/// they still read the other two. Distinct function arguments are taken not
/// to overlap, as linalg's own transforms on buffers take them.
bool isStrideOneFloatConvolutionOnBuffers(mlir::Operation *op);

/// The strides and the dilations of such a convolution, per spatial dim
/// (ones where the op leaves the attribute out).
llvm::SmallVector<int64_t> getConvolutionStrides(mlir::Operation *op);
llvm::SmallVector<int64_t> getConvolutionDilations(mlir::Operation *op);

/// The initial value of a convolution's output, written just before it: a
/// linalg.fill with a scalar, or a linalg.broadcast of a bias vector over the
/// output channels. Kernels that start their accumulators from it instead of
/// loading the output save a pass over the output (and erase `op`).
struct AccumulatorInit {
  mlir::Operation *op = nullptr;
  mlir::Value scalar;
  mlir::Value bias;
};

/// A convolution input that holds zeros around a copy of `source` (the zero
/// padding that bufferization makes of tensor.pad), which the CPU kernels
/// read in place: input element i along spatial dim j is source element
/// i + shift[j] where that is in bounds, else zero. The batch and channel
/// dims match. With `firstOffset` (a view at a dynamic offset along the first
/// of two or more spatial dims, as the bands of rows of convt-to-linalg
/// read), shift[0] is that offset plus `firstOffsetShift`, and
/// ShapedType::kDynamic.
struct ImplicitPadding {
  mlir::Value source;
  llvm::SmallVector<int64_t> shift;
  mlir::Value firstOffset;
  int64_t firstOffsetShift = 0;

  /// The shift of the first spatial dim at run time, built at `b`'s
  /// insertion point; null without `firstOffset`.
  mlir::Value buildFirstShift(mlir::ImplicitLocOpBuilder &b) const;
};

/// The fill or bias broadcast on buffers that writes the whole output of
/// `conv` just before it, with nothing between them that may touch memory;
/// an empty AccumulatorInit if there is none.
AccumulatorInit findAccumulatorInit(mlir::linalg::LinalgOp conv);

/// The value `op` writes to every element of its only output, if it is a
/// fill: a linalg.fill, or an op without inputs whose body only yields a
/// value from outside (as bufferization writes the padding of tensor.pad).
mlir::Value getFillValue(mlir::linalg::LinalgOp op);

/// The bytes of constant `values` whose elements are whole bytes wide, in
/// the host's order: dense values (one element if `splat`) or a dense
/// resource blob.
struct RawElements {
  llvm::ArrayRef<char> bytes;
  bool splat;
};
/// None for other attributes, elements not a multiple of 8 bits wide, or
/// bytes that do not cover every element (a missing blob).
std::optional<RawElements> getRawElements(mlir::ElementsAttr values);

/// Whether the innermost dim of `memref` has unit stride.
bool isInnerContiguous(mlir::Value memref);

/// Whether `op` runs inside an scf.parallel or scf.forall (the iterations of
/// which already have threads of their own).
bool isInParallelLoop(mlir::Operation *op);

/// The buffer that `memref` is a view of, through view-like ops (itself if
/// it is none). Two memrefs with different buffers can still overlap when
/// both buffers are function arguments; a new allocation overlaps nothing
/// else.
mlir::Value getUnderlyingBuffer(mlir::Value memref);

/// Splits index `linear` into the indices of a row-major array of sizes
/// `sizes` (the first index is not bounded by its size).
llvm::SmallVector<mlir::Value> delinearize(mlir::ImplicitLocOpBuilder &b,
                                           mlir::Value linear,
                                           llvm::ArrayRef<mlir::Value> sizes);

/// The row-major index of `indices` in an array of sizes `sizes` (the
/// inverse of delinearize; the first size is not used).
mlir::Value linearize(mlir::ImplicitLocOpBuilder &b, mlir::ValueRange indices,
                      llvm::ArrayRef<mlir::Value> sizes);

/// The taps [lo, hi) of a kernel dim of `taps` taps at `dilation` that read
/// dim `sourceDim` of memref `source`, tap 0 reading its element `first`:
/// tap k reads first + k * dilation.
std::pair<mlir::Value, mlir::Value>
buildTapsInSource(mlir::ImplicitLocOpBuilder &b, mlir::Value first,
                  mlir::Value source, int64_t sourceDim, int64_t dilation,
                  int64_t taps);

/// The size of dim `dim` of `memref` at `b`'s insertion point: a constant
/// where it is static, else a memref.dim.
mlir::Value buildDimSize(mlir::ImplicitLocOpBuilder &b, mlir::Value memref,
                         int64_t dim);

/// The loops over the rows of convolution output `output` (its batch and
/// spatial dims but the last) at `b`'s insertion point: an scf.parallel with
/// `threads` > 1, else an scf.for nest; `rowFn` builds the body of a row at
/// `b` from the row's indices. The last of those dims steps by `lastStep`.
void buildRowLoops(mlir::ImplicitLocOpBuilder &b, mlir::Value output,
                   int64_t threads,
                   llvm::function_ref<void(mlir::ValueRange)> rowFn,
                   int64_t lastStep = 1);

/// An scf.for [lb, ub) with `step` at `b`'s insertion point that carries
/// `acc`: `bodyFn` builds an iteration at `b` from the induction variable and
/// the carried values, and returns the values it carries on. The loop's
/// results.
llvm::SmallVector<mlir::Value>
buildCarryingLoop(mlir::ImplicitLocOpBuilder &b, mlir::Value lb, mlir::Value ub,
                  int64_t step, llvm::SmallVector<mlir::Value> acc,
                  llvm::function_ref<llvm::SmallVector<mlir::Value>(
                      mlir::Value, llvm::SmallVector<mlir::Value>)>
                      bodyFn);

/// The taps of the last spatial dim that the lane-reduction and
/// pixels-in-lanes kernels unroll at most; more take a loop.
constexpr int64_t kMaxUnrolledLastTaps = 16;

/// What the emitters of the CPU convolution kernels share: a builder at the
/// convolution, the vector type of their accumulators, and short builders of
/// index arithmetic.
class KernelEmitterBase {
protected:
  explicit KernelEmitterBase(mlir::Operation *conv) : b(conv->getLoc(), conv) {}

  /// An index constant.
  mlir::Value cst(int64_t value);
  /// lhs + rhs, lhs itself where rhs is 0.
  mlir::Value add(mlir::Value lhs, int64_t rhs);
  int64_t lanes() const { return vectorType.getNumElements(); }
  /// An scf.if on `condition` at `b`, yielding nothing, whose branches
  /// `thenFn` and `elseFn` build at `b`.
  void ifThenElse(mlir::Value condition, llvm::function_ref<void()> thenFn,
                  llvm::function_ref<void()> elseFn);
  /// An scf.if on `condition` at `b` without an else branch, whose branch
  /// `thenFn` builds at `b`.
  void ifThen(mlir::Value condition, llvm::function_ref<void()> thenFn);
  /// An scf.for [lb, ub) with `step` at `b` carrying nothing, whose body
  /// `bodyFn` builds at `b` from the induction variable.
  void emitLoop(mlir::Value lb, mlir::Value ub, mlir::Value step,
                llvm::function_ref<void(mlir::Value)> bodyFn);
  /// buildCarryingLoop at `b`.
  llvm::SmallVector<mlir::Value>
  forLoop(mlir::Value lb, mlir::Value ub, int64_t step,
          llvm::SmallVector<mlir::Value> acc,
          llvm::function_ref<llvm::SmallVector<mlir::Value>(
              mlir::Value, llvm::SmallVector<mlir::Value>)>
              bodyFn) {
    return buildCarryingLoop(b, lb, ub, step, std::move(acc), bodyFn);
  }

  mlir::ImplicitLocOpBuilder b;
  mlir::VectorType vectorType;
};

/// An scf.index_switch over `count` with a case for each count in [1,
/// `below`), whose body `caseFn` emits for that count, and an empty default.
void buildCountSwitch(mlir::ImplicitLocOpBuilder &b, mlir::Value count,
                      int64_t below, llvm::function_ref<void(int64_t)> caseFn);

} // namespace convt

#endif // CONVT_TRANSFORMS_CONVOLUTIONUTILS_H
