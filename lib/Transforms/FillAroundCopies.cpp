//===- FillAroundCopies.cpp - fill only around a copied window ------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/ConvolutionUtils.h"
#include "convt/Utils/IndexMath.h"

#include "mlir/Analysis/AliasAnalysis/LocalAliasAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace convt {
#define GEN_PASS_DEF_CONVTFILLAROUNDCOPIES
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// The fill of `buffer` just before `copy`, with nothing between them that
/// may touch memory.
linalg::LinalgOp findFillBefore(Operation *copy, Value buffer) {
  for (Operation *prev = copy->getPrevNode(); prev;
       prev = prev->getPrevNode()) {
    auto fill = dyn_cast<linalg::LinalgOp>(prev);
    if (fill && fill.hasPureBufferSemantics() && convt::getFillValue(fill) &&
        fill.getDpsInits()[0] == buffer)
      return fill;
    if (!isMemoryEffectFree(prev))
      return {};
  }
  return {};
}

struct ConvTFillAroundCopiesPass
    : public convt::impl::ConvTFillAroundCopiesBase<ConvTFillAroundCopiesPass> {
  void runOnOperation() override {
    // Both write every element of their output from their input alone.
    SmallVector<linalg::LinalgOp> copies;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isa<linalg::CopyOp, linalg::TransposeOp>(op))
        copies.push_back(op);
    });
    for (linalg::LinalgOp copy : copies)
      rewrite(copy);
  }

  void rewrite(linalg::LinalgOp copy) {
    if (!copy.hasPureBufferSemantics())
      return;
    auto window = copy.getDpsInits()[0].getDefiningOp<memref::SubViewOp>();
    if (!window)
      return;
    // The copy must not read the buffer: it would read the old fill. Only a
    // new allocation can be proven apart from the copy's source.
    Value buffer = window.getSource();
    if (!buffer.getDefiningOp<memref::AllocOp>() ||
        !LocalAliasAnalysis().alias(copy.getDpsInputs()[0], buffer).isNo())
      return;
    if (window.getSourceType().getRank() != window.getType().getRank() ||
        llvm::any_of(window.getStaticStrides(),
                     [](int64_t stride) { return stride != 1; }))
      return;
    linalg::LinalgOp fill = findFillBefore(copy, buffer);
    if (!fill)
      return;

    // At the copy, where dynamic offsets and sizes of the window are defined;
    // nothing between the fill and the copy touches memory.
    OpBuilder b(copy);
    Location loc = fill.getLoc();
    convt::IndexMath math(b, loc);
    SmallVector<OpFoldResult> shape = memref::getMixedSizes(b, loc, buffer);
    SmallVector<OpFoldResult> offsets = window.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = window.getMixedSizes();
    int64_t rank = shape.size();
    Value value = convt::getFillValue(fill);
    // Per dim d, the slabs [0, offset) and [offset + size, extent) along d,
    // inside the window along the dims before d; slabs empty at compile time
    // are left out.
    OpFoldResult zero = b.getIndexAttr(0);
    auto fillSlab = [&](int64_t dim, OpFoldResult begin, OpFoldResult end) {
      OpFoldResult size = math.sub(end, begin);
      if (std::optional<int64_t> known = getConstantIntValue(size);
          known && *known <= 0)
        return;
      SmallVector<OpFoldResult> slabOffsets(rank, zero), slabSizes(shape);
      for (int64_t j = 0; j < dim; ++j) {
        slabOffsets[j] = offsets[j];
        slabSizes[j] = sizes[j];
      }
      slabOffsets[dim] = begin;
      slabSizes[dim] = size;
      Value slab = memref::SubViewOp::create(
          b, loc, buffer, slabOffsets, slabSizes,
          SmallVector<OpFoldResult>(rank, b.getIndexAttr(1)));
      linalg::FillOp::create(b, loc, value, slab);
    };
    for (int64_t dim = 0; dim < rank; ++dim) {
      fillSlab(dim, zero, offsets[dim]);
      fillSlab(dim, math.add(offsets[dim], sizes[dim]), shape[dim]);
    }
    fill->erase();
  }
};

} // namespace
