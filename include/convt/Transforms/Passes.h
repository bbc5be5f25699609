//===- Passes.h - convt code generation passes ------------------*- C++ -*-===//

#ifndef CONVT_TRANSFORMS_PASSES_H
#define CONVT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace convt {

/// The vector register width of the host CPU in bits (512, 256 or 128).
int64_t getHostVectorBits();

/// The vector FMAs of `vectorBits` bits that the host CPU issues per cycle
/// (1 for 512-bit vectors on AMD Zen 4, else 2).
int64_t getHostFMAsPerCycle(int64_t vectorBits);

/// The size of the host CPU's L1 data cache in bytes (32 KiB where the system
/// does not tell).
int64_t getHostL1DataCacheBytes();

#define GEN_PASS_DECL
#include "convt/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "convt/Transforms/Passes.h.inc"

} // namespace convt

#endif // CONVT_TRANSFORMS_PASSES_H
