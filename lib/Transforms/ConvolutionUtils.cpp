//===- ConvolutionUtils.cpp - what the convolution kernels share ----------===//

#include "convt/Transforms/ConvolutionUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

bool convt::isStrideOneFloatConvolution(Operation *op) {
  if (!isa<linalg::Conv1DNwcWcfOp, linalg::Conv2DNhwcHwcfOp,
           linalg::Conv3DNdhwcDhwcfOp>(op))
    return false;
  auto conv = cast<linalg::LinalgOp>(op);
  if (llvm::any_of(getConvolutionStrides(op),
                   [](int64_t stride) { return stride != 1; }))
    return false;
  Type acc = getElementTypeOrSelf(conv.getDpsInits()[0].getType());
  return (acc.isF32() || acc.isF64()) &&
         llvm::all_of(op->getOperands(), [](Value v) {
           return isa<FloatType>(getElementTypeOrSelf(v.getType()));
         });
}

bool convt::isStrideOneFloatConvolutionOnBuffers(Operation *op) {
  if (!isStrideOneFloatConvolution(op) ||
      !cast<linalg::LinalgOp>(op).hasPureBufferSemantics())
    return false;
  Value output = getUnderlyingBuffer(op->getOperand(2));
  return output != getUnderlyingBuffer(op->getOperand(0)) &&
         output != getUnderlyingBuffer(op->getOperand(1));
}

/// The values of an attribute of the linalg convolution `op` with a default
/// of ones, through its accessor `get` on the op's class.
template <typename GetFn>
static SmallVector<int64_t> getPerDimAttr(Operation *op, GetFn get) {
  DenseIntElementsAttr values =
      llvm::TypeSwitch<Operation *, DenseIntElementsAttr>(op)
          .Case<linalg::Conv1DNwcWcfOp, linalg::Conv2DNhwcHwcfOp,
                linalg::Conv3DNdhwcDhwcfOp>(get);
  return llvm::to_vector(values.getValues<int64_t>());
}

SmallVector<int64_t> convt::getConvolutionStrides(Operation *op) {
  return getPerDimAttr(op, [](auto conv) { return conv.getStrides(); });
}

SmallVector<int64_t> convt::getConvolutionDilations(Operation *op) {
  return getPerDimAttr(op, [](auto conv) { return conv.getDilations(); });
}

Value convt::getFillValue(linalg::LinalgOp op) {
  if (auto fill = dyn_cast<linalg::FillOp>(op.getOperation()))
    return fill.getInputs()[0];
  // Every element written: a permutation map (a diagonal map writes some).
  if (op.getNumDpsInputs() != 0 || op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops() ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isPermutation() ||
      !op.getBlock() || !llvm::hasSingleElement(*op.getBlock()))
    return {};
  Value yielded = op.getBlock()->getTerminator()->getOperand(0);
  if (op->isAncestor(yielded.getParentBlock()->getParentOp()))
    return {};
  return yielded;
}

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

std::optional<convt::RawElements> convt::getRawElements(ElementsAttr values) {
  RawElements raw{{}, false};
  if (auto dense = dyn_cast_or_null<DenseIntOrFPElementsAttr>(values)) {
    raw.bytes = dense.getRawData();
    raw.splat = dense.isSplat();
  } else if (auto blob = dyn_cast_or_null<DenseResourceElementsAttr>(values)) {
    raw.bytes = blob.getData();
  } else {
    return std::nullopt;
  }
  Type type = values.getElementType();
  if (!type.isIntOrFloat() || type.getIntOrFloatBitWidth() % 8 != 0)
    return std::nullopt;
  int64_t bytes = type.getIntOrFloatBitWidth() / 8;
  if (raw.bytes.size() !=
      size_t(bytes * (raw.splat ? 1 : values.getNumElements())))
    return std::nullopt;
  return raw;
}

bool convt::isInnerContiguous(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  int64_t offset;
  SmallVector<int64_t> strides;
  return succeeded(type.getStridesAndOffset(strides, offset)) &&
         strides.back() == 1;
}

Value convt::getUnderlyingBuffer(Value memref) {
  return memref::skipViewLikeOps(cast<MemrefValue>(memref));
}

SmallVector<Value> convt::delinearize(ImplicitLocOpBuilder &b, Value linear,
                                      ArrayRef<Value> sizes) {
  SmallVector<Value> indices(sizes.size());
  for (size_t j = sizes.size() - 1; j > 0; --j) {
    indices[j] = arith::RemUIOp::create(b, linear, sizes[j]);
    linear = arith::DivUIOp::create(b, linear, sizes[j]);
  }
  indices[0] = linear;
  return indices;
}

Value convt::linearize(ImplicitLocOpBuilder &b, ValueRange indices,
                       ArrayRef<Value> sizes) {
  Value linear = indices[0];
  for (size_t j = 1; j < indices.size(); ++j)
    linear = arith::AddIOp::create(
        b, arith::MulIOp::create(b, linear, sizes[j]), indices[j]);
  return linear;
}

std::pair<Value, Value>
convt::buildTapsInSource(ImplicitLocOpBuilder &b, Value first, Value source,
                         int64_t sourceDim, int64_t dilation, int64_t taps) {
  auto cst = [&](int64_t v) { return arith::ConstantIndexOp::create(b, v); };
  int64_t size = cast<MemRefType>(source.getType()).getDimSize(sourceDim);
  Value lastIndex =
      ShapedType::isDynamic(size)
          ? arith::SubIOp::create(
                b, memref::DimOp::create(b, source, sourceDim), cst(1))
                .getResult()
          : cst(size - 1).getResult();
  // first + k * d is in [0, lastIndex] for k in [ceil(-first / d),
  // floor((lastIndex - first) / d) + 1).
  Value d = cst(dilation);
  Value lo =
      arith::CeilDivSIOp::create(b, arith::SubIOp::create(b, cst(0), first), d);
  Value hi = arith::AddIOp::create(
      b,
      arith::FloorDivSIOp::create(b, arith::SubIOp::create(b, lastIndex, first),
                                  d),
      cst(1));
  return {arith::MaxSIOp::create(b, lo, cst(0)),
          arith::MinSIOp::create(b, hi, cst(taps))};
}

Value convt::buildDimSize(ImplicitLocOpBuilder &b, Value memref, int64_t dim) {
  auto type = cast<MemRefType>(memref.getType());
  if (type.isDynamicDim(dim))
    return memref::DimOp::create(b, memref, dim);
  return arith::ConstantIndexOp::create(b, type.getDimSize(dim));
}

void convt::buildRowLoops(ImplicitLocOpBuilder &b, Value output,
                          int64_t threads, function_ref<void(ValueRange)> rowFn,
                          int64_t lastStep) {
  SmallVector<Value> lbs, ubs, steps;
  int64_t rank = cast<MemRefType>(output.getType()).getRank();
  for (int64_t dim = 0; dim + 2 < rank; ++dim) {
    lbs.push_back(arith::ConstantIndexOp::create(b, 0));
    ubs.push_back(buildDimSize(b, output, dim));
    steps.push_back(
        arith::ConstantIndexOp::create(b, dim + 3 == rank ? lastStep : 1));
  }
  auto bodyBuilder = [&](OpBuilder &nb, Location, ValueRange ivs) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
    rowFn(ivs);
  };
  if (threads > 1)
    scf::ParallelOp::create(b, lbs, ubs, steps, bodyBuilder);
  else
    scf::buildLoopNest(b, b.getLoc(), lbs, ubs, steps, bodyBuilder);
}

SmallVector<Value> convt::buildCarryingLoop(
    ImplicitLocOpBuilder &b, Value lb, Value ub, int64_t step,
    SmallVector<Value> acc,
    function_ref<SmallVector<Value>(Value, SmallVector<Value>)> bodyFn) {
  auto loop = scf::ForOp::create(
      b, lb, ub, arith::ConstantIndexOp::create(b, step), acc,
      [&](OpBuilder &nb, Location, Value iv, ValueRange args) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        scf::YieldOp::create(b, bodyFn(iv, llvm::to_vector(args)));
      });
  return SmallVector<Value>(loop.getResults());
}

void convt::buildCountSwitch(ImplicitLocOpBuilder &b, Value count,
                             int64_t below,
                             function_ref<void(int64_t)> caseFn) {
  auto counts = llvm::to_vector(llvm::seq<int64_t>(1, below));
  auto cases =
      scf::IndexSwitchOp::create(b, TypeRange{}, count, counts, counts.size());
  OpBuilder::InsertionGuard guard(b);
  for (auto [caseCount, region] : llvm::zip(counts, cases.getCaseRegions())) {
    b.setInsertionPointToStart(&region.emplaceBlock());
    caseFn(caseCount);
    scf::YieldOp::create(b);
  }
  b.setInsertionPointToStart(&cases.getDefaultRegion().emplaceBlock());
  scf::YieldOp::create(b);
}

bool convt::isInParallelLoop(Operation *op) {
  return op->getParentOfType<scf::ParallelOp>() ||
         op->getParentOfType<scf::ForallOp>();
}

Value convt::ImplicitPadding::buildFirstShift(ImplicitLocOpBuilder &b) const {
  if (!firstOffset)
    return Value();
  return arith::AddIOp::create(
      b, firstOffset, arith::ConstantIndexOp::create(b, firstOffsetShift));
}

Value convt::KernelEmitterBase::cst(int64_t value) {
  return arith::ConstantIndexOp::create(b, value);
}

/// A builder of an scf.if branch that `bodyFn` builds at `b`, ended by an
/// empty scf.yield.
static auto buildBranchAt(ImplicitLocOpBuilder &b,
                          function_ref<void()> bodyFn) {
  return [&b, bodyFn](OpBuilder &nb, Location) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
    bodyFn();
    scf::YieldOp::create(b);
  };
}

void convt::KernelEmitterBase::ifThenElse(Value condition,
                                          function_ref<void()> thenFn,
                                          function_ref<void()> elseFn) {
  scf::IfOp::create(b, condition, buildBranchAt(b, thenFn),
                    buildBranchAt(b, elseFn));
}

void convt::KernelEmitterBase::ifThen(Value condition,
                                      function_ref<void()> thenFn) {
  scf::IfOp::create(b, condition, buildBranchAt(b, thenFn));
}

void convt::KernelEmitterBase::emitLoop(Value lb, Value ub, Value step,
                                        function_ref<void(Value)> bodyFn) {
  scf::ForOp::create(b, lb, ub, step, ValueRange{},
                     [&](OpBuilder &nb, Location, Value iv, ValueRange) {
                       OpBuilder::InsertionGuard guard(b);
                       b.setInsertionPoint(nb.getInsertionBlock(),
                                           nb.getInsertionPoint());
                       bodyFn(iv);
                       scf::YieldOp::create(b);
                     });
}

Value convt::KernelEmitterBase::add(Value lhs, int64_t rhs) {
  return rhs ? arith::AddIOp::create(b, lhs, cst(rhs)).getResult() : lhs;
}
