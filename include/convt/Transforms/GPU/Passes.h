//===- Passes.h - convt GPU code generation passes --------------*- C++ -*-===//

#ifndef CONVT_TRANSFORMS_GPU_PASSES_H
#define CONVT_TRANSFORMS_GPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace convt {

#define GEN_PASS_DECL
#include "convt/Transforms/GPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "convt/Transforms/GPU/Passes.h.inc"

} // namespace convt

#endif // CONVT_TRANSFORMS_GPU_PASSES_H
