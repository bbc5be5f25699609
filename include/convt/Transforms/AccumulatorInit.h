//===- AccumulatorInit.h - the initial value of a convolution ---*- C++ -*-===//

#ifndef CONVT_TRANSFORMS_ACCUMULATORINIT_H
#define CONVT_TRANSFORMS_ACCUMULATORINIT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace convt {

/// The initial value of a convolution's output, written just before it: a
/// linalg.fill with a scalar, or a linalg.broadcast of a bias vector over the
/// output channels. Kernels that start their accumulators from it instead of
/// loading the output save a pass over the output (and erase `op`).
struct AccumulatorInit {
  mlir::Operation *op = nullptr;
  mlir::Value scalar;
  mlir::Value bias;
};

/// The fill or bias broadcast on buffers that writes the whole output of
/// `conv` just before it, with nothing between them that may touch memory;
/// an empty AccumulatorInit if there is none.
AccumulatorInit findAccumulatorInit(mlir::linalg::LinalgOp conv);

} // namespace convt

#endif // CONVT_TRANSFORMS_ACCUMULATORINIT_H
