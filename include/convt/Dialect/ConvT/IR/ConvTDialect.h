//===- ConvTDialect.h - convt dialect ---------------------------*- C++ -*-===//

#ifndef CONVT_DIALECT_CONVT_IR_CONVTDIALECT_H
#define CONVT_DIALECT_CONVT_IR_CONVTDIALECT_H

#include "mlir/IR/Dialect.h"
#include "mlir/IR/Operation.h"

#include "convt/Dialect/ConvT/IR/ConvTOpsDialect.h.inc"

#endif // CONVT_DIALECT_CONVT_IR_CONVTDIALECT_H
