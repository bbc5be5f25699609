//===- CPUWidenConvOperands.cpp - widen narrow convolution operands once --===//
//
// The CPU micro-kernel reads every input pixel once per block of output
// channels and every kernel vector once per tile of rows. Widened once
// beforehand, f16 (and bf16 without vdpbf16ps) operands cost the micro-kernel
// no conversions next to its FMAs.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/TypeSwitch.h"

namespace convt {
#define GEN_PASS_DEF_CONVTCPUWIDENCONVOPERANDS
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// The padding value of `op` if it is a tensor.pad whose region yields a
/// value defined outside it.
Value getOutsidePaddingValue(Operation *op) {
  auto pad = dyn_cast_or_null<tensor::PadOp>(op);
  if (!pad)
    return Value();
  Value value = pad.getConstantPaddingValue();
  if (!value || pad.getRegion().isAncestor(value.getParentRegion()))
    return Value();
  return value;
}

class OperandWidener {
public:
  explicit OperandWidener(MLIRContext *context) : b(context) {}

  /// `value` with elements of type `wide`: its chain of tensor.extract_slice
  /// and tensor.pad ops rebuilt on a widened copy of the chain's first
  /// value. Each value is widened once per type (convolutions with f32 and
  /// f64 outputs may share an f16 input).
  Value widen(Value value, FloatType wide) {
    if (Value known = widened.lookup({value, wide}))
      return known;
    Operation *op = value.getDefiningOp();
    Value padding = getOutsidePaddingValue(op);
    Value result;
    if (isa_and_present<tensor::ExtractSliceOp>(op) || padding) {
      IRMapping mapping;
      mapping.map(op->getOperand(0), widen(op->getOperand(0), wide));
      if (padding) {
        b.setInsertionPoint(op);
        mapping.map(padding,
                    arith::ExtFOp::create(b, padding.getLoc(), wide, padding));
      }
      b.setInsertionPointAfter(op);
      result = b.clone(*op, mapping)->getResult(0);
      result.setType(cast<RankedTensorType>(value.getType()).clone(wide));
    } else {
      result = convert(value, wide);
    }
    widened[{value, wide}] = result;
    return result;
  }

private:
  /// A linalg.generic of arith.extf of `value`, right after its definition.
  Value convert(Value value, FloatType wide) {
    if (Operation *op = value.getDefiningOp())
      b.setInsertionPointAfter(op);
    else
      b.setInsertionPointToStart(cast<BlockArgument>(value).getOwner());
    Location loc = value.getLoc();
    auto type = cast<RankedTensorType>(value.getType());
    Value init = tensor::EmptyOp::create(
        b, loc, tensor::getMixedSizes(b, loc, value), wide);
    AffineMap id = b.getMultiDimIdentityMap(type.getRank());
    return linalg::GenericOp::create(
               b, loc, init.getType(), value, init, ArrayRef<AffineMap>{id, id},
               SmallVector<utils::IteratorType>(type.getRank(),
                                                utils::IteratorType::parallel),
               [&](OpBuilder &nb, Location nloc, ValueRange args) {
                 linalg::YieldOp::create(
                     nb, nloc,
                     arith::ExtFOp::create(nb, nloc, wide, args[0])
                         .getResult());
               })
        .getResult(0);
  }

  OpBuilder b;
  DenseMap<std::pair<Value, Type>, Value> widened;
};

/// `conv` again, with `inputs` (whose element types may differ) in place of
/// its own: the region of a named op follows its operand types.
void replaceConvolution(linalg::LinalgOp conv, ValueRange inputs) {
  OpBuilder b(conv);
  Location loc = conv.getLoc();
  ValueRange outputs = conv.getDpsInits();
  TypeRange types = conv->getResultTypes();
  Operation *replacement =
      llvm::TypeSwitch<Operation *, Operation *>(conv)
          .Case<linalg::Conv1DNwcWcfOp, linalg::Conv2DNhwcHwcfOp,
                linalg::Conv3DNdhwcDhwcfOp>([&](auto op) {
            return decltype(op)::create(b, loc, types, inputs, outputs,
                                        op.getStrides(), op.getDilations());
          });
  replacement->setDiscardableAttrs(conv->getDiscardableAttrDictionary());
  conv->replaceAllUsesWith(replacement);
  conv->erase();
}

struct ConvTCPUWidenConvOperandsPass
    : public convt::impl::ConvTCPUWidenConvOperandsBase<
          ConvTCPUWidenConvOperandsPass> {
  using Base::Base;

  void runOnOperation() override {
    FailureOr<convt::CPUKernelTarget> target = convt::resolveCPUKernelTarget(
        getOperation(), vectorBits, /*fmasPerCycle=*/0, /*l1CacheBytes=*/0,
        bf16Dot);
    if (failed(target))
      return signalPassFailure();
    SmallVector<linalg::LinalgOp> convolutions;
    getOperation().walk([&](linalg::LinalgOp conv) {
      if (convt::isStrideOneFloatConvolution(conv) &&
          conv.hasPureTensorSemantics() && !convt::usesBF16Dot(conv, *target))
        convolutions.push_back(conv);
    });
    OperandWidener widener(&getContext());
    for (linalg::LinalgOp conv : convolutions) {
      auto acc = cast<FloatType>(getElementTypeOrSelf(conv.getDpsInits()[0]));
      SmallVector<Value> inputs(conv.getDpsInputs());
      bool narrow = false;
      for (Value &input : inputs) {
        if (getElementTypeOrSelf(input).getIntOrFloatBitWidth() >=
            acc.getWidth())
          continue;
        input = widener.widen(input, acc);
        narrow = true;
      }
      if (narrow)
        replaceConvolution(conv, inputs);
    }
  }
};

} // namespace
