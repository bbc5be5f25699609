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
  /// Unsigned division (by a positive divisor), remainder and ceiling
  /// division, for sizes: they lower to fewer instructions than the floor
  /// ones.
  mlir::OpFoldResult divU(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::DivUIOp>(
        x, y, [](int64_t a, int64_t c) { return a / c; }, /*identity=*/1,
        /*commutative=*/false);
  }
  mlir::OpFoldResult remU(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::RemUIOp>(
        x, y, [](int64_t a, int64_t c) { return a % c; });
  }
  mlir::OpFoldResult ceilDivU(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return apply<mlir::arith::CeilDivUIOp>(
        x, y, [](int64_t a, int64_t c) { return llvm::divideCeil(a, c); },
        /*identity=*/1, /*commutative=*/false);
  }
  /// `x > y` and `x == y` on sizes, as an i1.
  mlir::OpFoldResult greaterU(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return compare(mlir::arith::CmpIPredicate::ugt, x, y,
                   [](int64_t a, int64_t c) { return a > c; });
  }
  mlir::OpFoldResult equal(mlir::OpFoldResult x, mlir::OpFoldResult y) {
    return compare(mlir::arith::CmpIPredicate::eq, x, y,
                   [](int64_t a, int64_t c) { return a == c; });
  }
  /// `condition ? x : y`, for an i1 `condition`.
  mlir::OpFoldResult select(mlir::OpFoldResult condition, mlir::OpFoldResult x,
                            mlir::OpFoldResult y) {
    if (std::optional<int64_t> known = mlir::getConstantIntValue(condition))
      return *known ? x : y;
    return mlir::arith::SelectOp::create(
               b, loc, mlir::cast<mlir::Value>(condition), value(x), value(y))
        .getResult();
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

  mlir::OpFoldResult compare(mlir::arith::CmpIPredicate predicate,
                             mlir::OpFoldResult x, mlir::OpFoldResult y,
                             llvm::function_ref<bool(int64_t, int64_t)> fold) {
    std::optional<int64_t> cx = mlir::getConstantIntValue(x),
                           cy = mlir::getConstantIntValue(y);
    if (cx && cy)
      return b.getBoolAttr(fold(*cx, *cy));
    return mlir::arith::CmpIOp::create(b, loc, predicate, value(x), value(y))
        .getResult();
  }

  mlir::OpBuilder &b;
  mlir::Location loc;
};

} // namespace convt

#endif // CONVT_UTILS_INDEXMATH_H
