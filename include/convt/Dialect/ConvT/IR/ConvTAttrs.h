//===- ConvTAttrs.h - convt initializer attributes --------------*- C++ -*-===//

#ifndef CONVT_DIALECT_CONVT_IR_CONVTATTRS_H
#define CONVT_DIALECT_CONVT_IR_CONVTATTRS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

namespace convt {
/// Parameter parsers and printers shared by the initializer attributes.
mlir::FailureOr<llvm::APFloat> parseF64Parameter(mlir::AsmParser &parser);
void printF64Parameter(mlir::AsmPrinter &printer, const llvm::APFloat &value);
/// Axes are one integer or a bracketed list of integers, as JAX accepts.
mlir::FailureOr<mlir::DenseI64ArrayAttr>
parseAxesParameter(mlir::AsmParser &parser);
void printAxesParameter(mlir::AsmPrinter &printer,
                        mlir::DenseI64ArrayAttr axes);
} // namespace convt

#include "convt/Dialect/ConvT/IR/ConvTAttrInterfaces.h.inc"

#define GET_ATTRDEF_CLASSES
#include "convt/Dialect/ConvT/IR/ConvTAttrs.h.inc"

#endif // CONVT_DIALECT_CONVT_IR_CONVTATTRS_H
