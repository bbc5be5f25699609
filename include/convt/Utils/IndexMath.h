//===- IndexMath.h - index arithmetic on OpFoldResults ----------*- C++ -*-===//
//
// Header-only: convt-to-linalg and the codegen passes both compute offsets
// and sizes that are static where their operands are.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_UTILS_INDEXMATH_H
#define CONVT_UTILS_INDEXMATH_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

namespace convt {

/// Index arithmetic on OpFoldResults that stays static where the operands
/// are (so static shapes give static types) and emits arith ops on `index`
/// values where they are not, leaving out additions of 0 and multiplications
/// by 1.
class IndexMath {
public:
  IndexMath(mlir::OpBuilder &b, mlir::Location loc) : b(b), loc(loc) {}

  mlir::OpFoldResult cst(int64_t v) { return b.getIndexAttr(v); }
  mlir::OpFoldResult add(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::AddIOp>(
        x, y, [](int64_t a, int64_t c) { return a + c; }, /*identity=*/0);
  }
  mlir::OpFoldResult sub(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::SubIOp>(
        x, y, [](int64_t a, int64_t c) { return a - c; }, /*identity=*/0,
        /*commutative=*/false);
  }
  mlir::OpFoldResult mul(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::MulIOp>(
        x, y, [](int64_t a, int64_t c) { return a * c; }, /*identity=*/1);
  }
  mlir::OpFoldResult max(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::MaxSIOp>(
        x, y, [](int64_t a, int64_t c) { return std::max(a, c); });
  }
  mlir::OpFoldResult min(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::MinSIOp>(
        x, y, [](int64_t a, int64_t c) { return std::min(a, c); });
  }
  /// Floor division and modulo for a positive divisor.
  mlir::OpFoldResult floorDiv(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::FloorDivSIOp>(x, y, [](int64_t a, int64_t c) {
      return llvm::divideFloorSigned(a, c);
    });
  }
  mlir::OpFoldResult floorMod(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return sub(x, mul(floorDiv(x, y), y));
  }
  mlir::OpFoldResult ceilDiv(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return floorDiv(add(x, sub(y, cst(1))), y);
  }
  mlir::OpFoldResult ceilDiv(mlir::OpFoldResult x, int64_t y) {
    return ceilDiv(x, cst(y));
  }
  mlir::Value value(mlir::OpFoldResult x) {
    return mlir::getValueOrCreateConstantIndexOp(b, loc, x);
  }

private:
  /// `x op y`, folded where both are static; `x` where `y` is the op's
  /// `identity`, and `y` where `x` is and the op commutes.
  template <typename OpTy>
  mlir::OpFoldResult apply(mlir::OpFoldResult x, mlir::OpFoldResult y,
                           llvm::function_ref<int64_t(int64_t, int64_t)> fold,
                           std::optional<int64_t> identity = std::nullopt,
                           bool commutative = true) {
    std::optional<int64_t> cx = mlir::getConstantIntValue(x),
                           cy = mlir::getConstantIntValue(y);
    if (cx && cy)
      return cst(fold(*cx, *cy));
    if (identity && cy == identity)
      return x;
    if (identity && commutative && cx == identity)
      return y;
    return OpTy::create(b, loc, value(x), value(y)).getResult();
  }

  mlir::OpBuilder &b;
  mlir::Location loc;
};

} // namespace convt

#endif // CONVT_UTILS_INDEXMATH_H
