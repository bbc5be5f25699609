//===- Passes.h - convt code generation passes ------------------*- C++ -*-===//

#ifndef CONVT_TRANSFORMS_PASSES_H
#define CONVT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/StringMap.h"

namespace convt {

/// The vector register width in bits (512, 256 or 128) of an x86 CPU with
/// instruction-set `features` (LLVM's names, as getHostCPUFeatures gives).
int64_t getVectorBits(const llvm::StringMap<bool> &features);

/// The vector register width of the host CPU in bits (512, 256 or 128).
int64_t getHostVectorBits();

/// The vector FMAs of `vectorBits` bits that CPU `cpuName` (LLVM's name)
/// issues per cycle: 1 for 512-bit vectors on AMD Zen 4, else 2.
int64_t getFMAsPerCycle(llvm::StringRef cpuName, int64_t vectorBits);

/// The same for the host CPU.
int64_t getHostFMAsPerCycle(int64_t vectorBits);

/// The size of the host CPU's L1 data cache in bytes (32 KiB where the system
/// does not tell).
int64_t getHostL1DataCacheBytes();

/// Whether `call` takes or returns a value of one of `Types` (which the
/// callee of a GPU kernel's host code cannot have in device memory, or which
/// bufferization cannot pass to an unknown callee).
template <typename... Types> bool callPasses(mlir::CallOpInterface call) {
  auto isPassed = llvm::IsaPred<Types...>;
  return llvm::any_of(call->getOperandTypes(), isPassed) ||
         llvm::any_of(call->getResultTypes(), isPassed);
}

#define GEN_PASS_DECL
#include "convt/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "convt/Transforms/Passes.h.inc"

} // namespace convt

#endif // CONVT_TRANSFORMS_PASSES_H
