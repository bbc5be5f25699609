//===- FillAroundCopies.cpp - fill only around a copied window ------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Analysis/AliasAnalysis/LocalAliasAnalysis.h"
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
linalg::LinalgOp findFillBefore(linalg::CopyOp copy, Value buffer) {
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
    SmallVector<linalg::CopyOp> copies;
    getOperation().walk([&](linalg::CopyOp copy) { copies.push_back(copy); });
    for (linalg::CopyOp copy : copies)
      rewrite(copy);
  }

  void rewrite(linalg::CopyOp copy) {
    if (!copy.hasPureBufferSemantics())
      return;
    auto window = copy.getOutputs()[0].getDefiningOp<memref::SubViewOp>();
    if (!window)
      return;
    // The copy must not read the buffer: it would read the old fill. Only a
    // new allocation can be proven apart from the copy's source.
    Value buffer = window.getSource();
    if (!buffer.getDefiningOp<memref::AllocOp>() ||
        !LocalAliasAnalysis().alias(copy.getInputs()[0], buffer).isNo())
      return;
    auto bufferType = cast<MemRefType>(buffer.getType());
    ArrayRef<int64_t> offsets = window.getStaticOffsets();
    ArrayRef<int64_t> sizes = window.getStaticSizes();
    if (!bufferType.hasStaticShape() ||
        window.getSourceType().getRank() != window.getType().getRank() ||
        ShapedType::isDynamicShape(offsets) ||
        ShapedType::isDynamicShape(sizes) ||
        llvm::any_of(window.getStaticStrides(),
                     [](int64_t stride) { return stride != 1; }))
      return;
    linalg::LinalgOp fill = findFillBefore(copy, buffer);
    if (!fill)
      return;

    ArrayRef<int64_t> shape = bufferType.getShape();
    int64_t rank = bufferType.getRank();
    Value value = convt::getFillValue(fill);
    OpBuilder b(fill);
    Location loc = fill.getLoc();
    // Per dim d, the slabs [0, offset) and [offset + size, extent) along d,
    // inside the window along the dims before d.
    auto fillSlab = [&](int64_t dim, int64_t begin, int64_t end) {
      if (begin >= end)
        return;
      SmallVector<int64_t> slabOffsets(rank, 0), slabSizes(shape);
      for (int64_t j = 0; j < dim; ++j) {
        slabOffsets[j] = offsets[j];
        slabSizes[j] = sizes[j];
      }
      slabOffsets[dim] = begin;
      slabSizes[dim] = end - begin;
      Value slab =
          memref::SubViewOp::create(b, loc, buffer, slabOffsets, slabSizes,
                                    SmallVector<int64_t>(rank, 1));
      linalg::FillOp::create(b, loc, value, slab);
    };
    for (int64_t dim = 0; dim < rank; ++dim) {
      fillSlab(dim, 0, offsets[dim]);
      fillSlab(dim, offsets[dim] + sizes[dim], shape[dim]);
    }
    fill->erase();
  }
};

} // namespace
