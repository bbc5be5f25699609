//===- CopyRowsToMemcpy.cpp - linalg.copy as memcpy of contiguous rows ----===//
//
// LLVM does not vectorize the loops of a strided linalg.copy: it fully unrolls
// the short inner loop first and then cannot prove that the two sides do not
// overlap, so the phase convolutions' input padding was copied one scalar at
// a time. Copying the contiguous rows with memcpy is as fast as the memory.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "mlir/Analysis/AliasAnalysis/LocalAliasAnalysis.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace convt {
#define GEN_PASS_DEF_CONVTCOPYROWSTOMEMCPY
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// The first of the trailing dims that both `source` and `target` store
/// contiguously, in row-major order and with static sizes, if those dims
/// span at least `minRowBytes`.
std::optional<int64_t> findContiguousRows(MemRefType source, MemRefType target,
                                          int64_t minRowBytes) {
  SmallVector<int64_t> sourceStrides, targetStrides;
  int64_t offset;
  // linalg.copy converts between element types; memcpy copies bits.
  if (source.getShape() != target.getShape() ||
      source.getElementType() != target.getElementType() ||
      !source.getElementType().isIntOrFloat() ||
      failed(source.getStridesAndOffset(sourceStrides, offset)) ||
      failed(target.getStridesAndOffset(targetStrides, offset)))
    return std::nullopt;
  int64_t elements = 1, first = source.getRank();
  for (int64_t dim = source.getRank() - 1; dim >= 0; --dim) {
    int64_t size = source.getDimSize(dim);
    if (ShapedType::isDynamic(size))
      break;
    // The stride of a unit dim never matters.
    if (size != 1 &&
        (sourceStrides[dim] != elements || targetStrides[dim] != elements))
      break;
    elements *= size;
    first = dim;
  }
  if (first == source.getRank() ||
      elements * source.getElementTypeBitWidth() < 8 * minRowBytes)
    return std::nullopt;
  return first;
}

/// The row of `buffer` at `leading`, the indices of its dims before the
/// rows, without its unit dims.
Value rowAt(OpBuilder &b, Location loc, Value buffer, ValueRange leading) {
  auto type = cast<MemRefType>(buffer.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> offsets = getAsOpFoldResult(leading);
  offsets.resize(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes(leading.size(), b.getIndexAttr(1));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  SmallVector<int64_t> rowShape;
  for (int64_t size : type.getShape().drop_front(leading.size())) {
    sizes.push_back(b.getIndexAttr(size));
    if (size != 1)
      rowShape.push_back(size);
  }
  MemRefType rowType = memref::SubViewOp::inferRankReducedResultType(
      rowShape, type, offsets, sizes, strides);
  return memref::SubViewOp::create(b, loc, rowType, buffer, offsets, sizes,
                                   strides);
}

struct ConvTCopyRowsToMemcpyPass
    : public convt::impl::ConvTCopyRowsToMemcpyBase<ConvTCopyRowsToMemcpyPass> {
  using Base::Base;

  void runOnOperation() override {
    if (minRowBytes < 1) {
      getOperation().emitError("min-row-bytes must be at least 1; got ")
          << static_cast<int64_t>(minRowBytes);
      return signalPassFailure();
    }
    SmallVector<linalg::CopyOp> copies;
    getOperation().walk([&](linalg::CopyOp copy) {
      if (copy.hasPureBufferSemantics())
        copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    LocalAliasAnalysis aliasAnalysis;
    for (linalg::CopyOp copy : copies) {
      Value source = copy.getInputs()[0], target = copy.getOutputs()[0];
      // memcpy needs sides that cannot overlap. Views of one buffer may, and
      // so may two function arguments; a new allocation overlaps nothing.
      if (!aliasAnalysis.alias(source, target).isNo())
        continue;
      auto sourceType = cast<MemRefType>(source.getType());
      std::optional<int64_t> firstRowDim = findContiguousRows(
          sourceType, cast<MemRefType>(target.getType()), minRowBytes);
      if (!firstRowDim)
        continue;
      Location loc = copy.getLoc();
      rewriter.setInsertionPoint(copy);
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
      SmallVector<Value> ubs;
      for (int64_t dim = 0; dim < *firstRowDim; ++dim)
        ubs.push_back(memref::DimOp::create(rewriter, loc, source, dim));
      SmallVector<Value> lbs(ubs.size(), zero), steps(ubs.size(), one);
      scf::buildLoopNest(rewriter, loc, lbs, ubs, steps,
                         [&](OpBuilder &b, Location loc, ValueRange leading) {
                           Value sourceRow = rowAt(b, loc, source, leading);
                           Value targetRow = rowAt(b, loc, target, leading);
                           memref::CopyOp::create(b, loc, sourceRow, targetRow);
                         });
      rewriter.eraseOp(copy);
    }
  }
};

} // namespace
