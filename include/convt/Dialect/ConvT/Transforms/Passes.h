//===- Passes.h - convt dialect transformation passes -----------*- C++ -*-===//

#ifndef CONVT_DIALECT_CONVT_TRANSFORMS_PASSES_H
#define CONVT_DIALECT_CONVT_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace convt {

#define GEN_PASS_DECL
#include "convt/Dialect/ConvT/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "convt/Dialect/ConvT/Transforms/Passes.h.inc"

} // namespace convt

#endif // CONVT_DIALECT_CONVT_TRANSFORMS_PASSES_H
