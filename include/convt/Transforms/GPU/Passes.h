//===- Passes.h - convt GPU code generation passes --------------*- C++ -*-===//

#ifndef CONVT_TRANSFORMS_GPU_PASSES_H
#define CONVT_TRANSFORMS_GPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Pass/Pass.h"

namespace convt {

#define GEN_PASS_DECL
#include "convt/Transforms/GPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "convt/Transforms/GPU/Passes.h.inc"

/// Whether `call` takes or returns a value of one of `Types`, which host code
/// such as the callee cannot have in device memory.
template <typename... Types> bool callPasses(mlir::CallOpInterface call) {
  auto isPassed = llvm::IsaPred<Types...>;
  return llvm::any_of(call->getOperandTypes(), isPassed) ||
         llvm::any_of(call->getResultTypes(), isPassed);
}

} // namespace convt

#endif // CONVT_TRANSFORMS_GPU_PASSES_H
