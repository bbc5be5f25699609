//===- AccumulatorInit.cpp - the initial value of a convolution -----------===//

#include "convt/Transforms/AccumulatorInit.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

convt::AccumulatorInit convt::findAccumulatorInit(linalg::LinalgOp conv) {
  Value output = conv.getDpsInits()[0];
  auto outputType = cast<MemRefType>(output.getType());
  for (Operation *prev = conv->getPrevNode(); prev;
       prev = prev->getPrevNode()) {
    if (auto fill = dyn_cast<linalg::FillOp>(prev)) {
      if (fill.getOutputs()[0] != output || !fill.hasPureBufferSemantics() ||
          fill.getInputs()[0].getType() != outputType.getElementType())
        return {};
      return {fill, fill.getInputs()[0], Value()};
    }
    if (auto broadcast = dyn_cast<linalg::BroadcastOp>(prev)) {
      Value bias = broadcast.getInput();
      auto biasType = dyn_cast<MemRefType>(bias.getType());
      int64_t rank = outputType.getRank();
      if (broadcast.getInit() != output || !biasType ||
          biasType.getRank() != 1 ||
          biasType.getElementType() != outputType.getElementType() ||
          !llvm::equal(broadcast.getDimensions(),
                       llvm::seq<int64_t>(0, rank - 1)))
        return {};
      return {broadcast, Value(), bias};
    }
    if (!isMemoryEffectFree(prev))
      return {};
  }
  return {};
}
