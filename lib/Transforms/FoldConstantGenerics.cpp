//===- FoldConstantGenerics.cpp - evaluate generics of constants ----------===//
//
// convt-to-linalg computes the kernel it convolves (a mask, the
// transpose_kernel flip, a cast to the compute dtype) with a linalg.generic.
// With constant weights this pass evaluates it at compile time, so that the
// kernel is a constant again (see the pass description in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "convt/Transforms/ConvolutionUtils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/SwapByteOrder.h"

#include <cstring>

namespace convt {
#define GEN_PASS_DEF_CONVTFOLDCONSTANTGENERICS
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// Whether elements of `type` are read and written here as whole bytes: ints
/// and floats of 8 to 64 bits.
bool hasByteElements(Type type) {
  if (!type.isIntOrFloat())
    return false;
  unsigned bits = type.getIntOrFloatBitWidth();
  return bits % 8 == 0 && bits <= 64;
}

/// The bits of `scalar`, an integer or float constant.
std::optional<APInt> getScalarBits(Value scalar) {
  Attribute value;
  if (!matchPattern(scalar, m_Constant(&value)))
    return std::nullopt;
  if (auto integer = dyn_cast<IntegerAttr>(value))
    return integer.getValue();
  if (auto real = dyn_cast<FloatAttr>(value))
    return real.getValue().bitcastToAPInt();
  return std::nullopt;
}

/// The bits of the elements of a constant tensor, dense values or a dense
/// resource blob, whose raw bytes are in the host's order (little-endian: the
/// pass folds nothing on other hosts), or of a linalg.fill of a scalar
/// constant.
class ConstantElements {
public:
  static std::optional<ConstantElements> get(Value tensor) {
    ElementsAttr attr;
    if (!matchPattern(tensor, m_Constant(&attr)))
      return std::nullopt;
    ConstantElements elements;
    elements.type = attr.getElementType();
    // i1 dense values are packed 8 to a byte.
    auto dense = dyn_cast<DenseIntOrFPElementsAttr>(attr);
    if (dense && elements.type.isInteger(1)) {
      elements.splat = dense.isSplat();
      elements.bools = dense;
      return elements;
    }
    std::optional<convt::RawElements> raw = convt::getRawElements(attr);
    if (!raw || !hasByteElements(elements.type))
      return std::nullopt;
    elements.raw = raw->bytes;
    elements.splat = raw->splat;
    return elements;
  }

  bool isSplat() const { return splat; }

  APInt read(int64_t index) const {
    if (fillValue)
      return *fillValue;
    if (splat)
      index = 0;
    unsigned bits = type.getIntOrFloatBitWidth();
    if (bools)
      return APInt(bits, *(bools.value_begin<bool>() + index));
    uint64_t word = 0;
    std::memcpy(&word, raw.data() + index * bits / 8, bits / 8);
    return APInt(bits, word);
  }

  static std::optional<ConstantElements> get(linalg::FillOp fill) {
    std::optional<APInt> value = getScalarBits(fill.getInputs()[0]);
    if (!fill.hasPureTensorSemantics() || !value)
      return std::nullopt;
    ConstantElements elements;
    elements.type = getElementTypeOrSelf(fill.getResult(0));
    elements.splat = true;
    elements.fillValue = std::move(value);
    return elements;
  }

private:
  Type type;
  bool splat = false;
  ArrayRef<char> raw;
  DenseElementsAttr bools;
  std::optional<APInt> fillValue;
};

/// Sets `result` to the value of `op`, an arith op of the generic's body, on
/// the bits of its operands; false for an op not evaluated here.
bool evaluate(Operation *op, ArrayRef<APInt> operands, APInt &result) {
  Type type = op->getResult(0).getType();
  auto toFloat = [&](unsigned i) {
    return APFloat(
        cast<FloatType>(op->getOperand(i).getType()).getFloatSemantics(),
        operands[i]);
  };
  // The round-to-nearest-even of the CPU's and of LLVM's arithmetic.
  constexpr auto nearest = APFloat::rmNearestTiesToEven;
  auto convert = [&](APFloat value) {
    bool losesInfo;
    value.convert(cast<FloatType>(type).getFloatSemantics(), nearest,
                  &losesInfo);
    result = value.bitcastToAPInt();
    return true;
  };
  auto fromInt = [&](bool isSigned) {
    APFloat value(cast<FloatType>(type).getFloatSemantics());
    value.convertFromAPInt(operands[0], isSigned, nearest);
    result = value.bitcastToAPInt();
    return true;
  };
  auto floatOp = [&](auto apply) {
    APFloat value = toFloat(0);
    apply(value, toFloat(1));
    result = value.bitcastToAPInt();
    return true;
  };
  auto set = [&](APInt value) {
    result = std::move(value);
    return true;
  };
  unsigned bits = type.getIntOrFloatBitWidth();
  return TypeSwitch<Operation *, bool>(op)
      .Case([&](arith::ExtFOp) { return convert(toFloat(0)); })
      .Case([&](arith::TruncFOp truncate) {
        if (truncate.getRoundingmodeAttr() &&
            *truncate.getRoundingmode() != arith::RoundingMode::to_nearest_even)
          return false;
        return convert(toFloat(0));
      })
      .Case([&](arith::SIToFPOp) { return fromInt(/*isSigned=*/true); })
      .Case([&](arith::UIToFPOp) { return fromInt(/*isSigned=*/false); })
      .Case([&](arith::ExtSIOp) { return set(operands[0].sext(bits)); })
      .Case([&](arith::ExtUIOp) { return set(operands[0].zext(bits)); })
      .Case([&](arith::TruncIOp) { return set(operands[0].trunc(bits)); })
      .Case([&](arith::MulFOp) {
        return floatOp(
            [&](APFloat &a, const APFloat &b) { a.multiply(b, nearest); });
      })
      .Case([&](arith::AddFOp) {
        return floatOp(
            [&](APFloat &a, const APFloat &b) { a.add(b, nearest); });
      })
      .Case([&](arith::SubFOp) {
        return floatOp(
            [&](APFloat &a, const APFloat &b) { a.subtract(b, nearest); });
      })
      .Case([&](arith::MulIOp) { return set(operands[0] * operands[1]); })
      .Case([&](arith::AddIOp) { return set(operands[0] + operands[1]); })
      .Case([&](arith::SubIOp) { return set(operands[0] - operands[1]); })
      .Default([](Operation *) { return false; });
}

/// Where an operand's indexing map puts loop index `i` in the operand,
/// linearized: `offset + sum(i[d] * steps[d])`.
struct LinearIndex {
  int64_t offset = 0;
  SmallVector<int64_t> steps;
};

/// The linear index of an operand of `shape` through `map`, if the map is
/// affine in the loop indices (no mod or division) and stays inside the
/// shape on the loop ranges `loops`.
std::optional<LinearIndex> getLinearIndex(AffineMap map,
                                          ArrayRef<int64_t> loops,
                                          ArrayRef<int64_t> shape) {
  if (map.getNumSymbols() != 0)
    return std::nullopt;
  for (AffineExpr expr : map.getResults()) {
    bool linear = true;
    expr.walk([&](AffineExpr sub) {
      linear &= sub.getKind() != AffineExprKind::Mod &&
                sub.getKind() != AffineExprKind::FloorDiv &&
                sub.getKind() != AffineExprKind::CeilDiv;
    });
    if (!linear || !expr.isPureAffine())
      return std::nullopt;
  }
  // A linear map is known from its values at the origin and unit vectors.
  SmallVector<int64_t> point(loops.size(), 0);
  SmallVector<int64_t> origin = map.compose(point);
  SmallVector<SmallVector<int64_t>> slopes;
  for (size_t d = 0; d < loops.size(); ++d) {
    point[d] = 1;
    SmallVector<int64_t> moved = map.compose(point);
    point[d] = 0;
    for (auto [m, o] : llvm::zip_equal(moved, origin))
      m -= o;
    slopes.push_back(moved);
  }
  LinearIndex index;
  index.steps.assign(loops.size(), 0);
  int64_t stride = 1;
  for (int64_t r = shape.size() - 1; r >= 0; --r) {
    int64_t low = origin[r], high = origin[r];
    for (size_t d = 0; d < loops.size(); ++d) {
      int64_t reach = slopes[d][r] * (loops[d] - 1);
      (reach < 0 ? low : high) += reach;
      index.steps[d] += slopes[d][r] * stride;
    }
    if (low < 0 || high >= shape[r])
      return std::nullopt;
    index.offset += origin[r] * stride;
    stride *= shape[r];
  }
  return index;
}

/// The values of `generic`'s results, if it is an elementwise map of
/// constants that this pass evaluates and has at most `maxElements` loop
/// iterations.
std::optional<SmallVector<DenseElementsAttr>>
foldGeneric(linalg::GenericOp generic, int64_t maxElements) {
  // Without inputs a generic is a fill, which stays one.
  if (!generic.hasPureTensorSemantics() || generic.getNumDpsInputs() == 0 ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return std::nullopt;
  SmallVector<int64_t> loops = generic.getStaticLoopRanges();
  if (ShapedType::isDynamicShape(loops))
    return std::nullopt;
  int64_t iterations = 1;
  for (int64_t size : loops) {
    if (size == 0 || size > maxElements / iterations)
      return std::nullopt;
    iterations *= size;
  }

  SmallVector<ConstantElements> inputs;
  SmallVector<LinearIndex> indices;
  bool allSplat = true;
  for (OpOperand *input : generic.getDpsInputOperands()) {
    auto type = dyn_cast<RankedTensorType>(input->get().getType());
    std::optional<ConstantElements> elements =
        ConstantElements::get(input->get());
    std::optional<LinearIndex> index;
    if (type && elements)
      index = getLinearIndex(generic.getMatchingIndexingMap(input), loops,
                             type.getShape());
    if (!index)
      return std::nullopt;
    allSplat &= elements->isSplat();
    inputs.push_back(*elements);
    indices.push_back(*index);
  }
  // Each result element written once, from the body alone.
  for (OpOperand &init : generic.getDpsInitsMutable()) {
    auto type = cast<RankedTensorType>(init.get().getType());
    std::optional<LinearIndex> index;
    if (generic.getMatchingIndexingMap(&init).isPermutation() &&
        type.hasStaticShape() && hasByteElements(type.getElementType()) &&
        generic.getMatchingBlockArgument(&init).use_empty())
      index = getLinearIndex(generic.getMatchingIndexingMap(&init), loops,
                             type.getShape());
    if (!index)
      return std::nullopt;
    indices.push_back(*index);
  }

  // The body as a list of steps on slots that hold element bits: the input
  // block arguments first, then each op's result. Scalar constants get a
  // slot of their own, set once.
  Block *body = generic.getBody();
  SmallVector<APInt> slots;
  DenseMap<Value, unsigned> slotOf;
  for (BlockArgument arg : body->getArguments().take_front(inputs.size())) {
    slotOf[arg] = slots.size();
    slots.emplace_back();
  }
  struct Step {
    Operation *op;
    SmallVector<unsigned> operands;
    unsigned result;
  };
  SmallVector<Step> steps;
  for (Operation &op : body->without_terminator()) {
    if (op.getNumResults() != 1 || op.getNumRegions() != 0 ||
        !op.getResult(0).getType().isIntOrFloat())
      return std::nullopt;
    Step step{&op, {}, 0};
    for (Value operand : op.getOperands()) {
      if (!slotOf.count(operand)) {
        std::optional<APInt> scalar = getScalarBits(operand);
        if (!scalar)
          return std::nullopt;
        slots.push_back(std::move(*scalar));
        slotOf[operand] = slots.size() - 1;
      }
      step.operands.push_back(slotOf[operand]);
    }
    if (isa<arith::ConstantOp>(op))
      continue;
    step.result = slots.size();
    slotOf[op.getResult(0)] = slots.size();
    slots.emplace_back();
    steps.push_back(step);
  }
  SmallVector<unsigned> yielded;
  for (Value value : body->getTerminator()->getOperands()) {
    if (!slotOf.count(value))
      return std::nullopt;
    yielded.push_back(slotOf[value]);
  }

  // Every element is the same where all inputs are splats: compute one.
  int64_t count = allSplat ? 1 : iterations;
  SmallVector<unsigned> resultBytes;
  SmallVector<std::vector<char>> results;
  for (Value result : generic.getResults()) {
    resultBytes.push_back(getElementTypeOrSelf(result).getIntOrFloatBitWidth() /
                          8);
    results.emplace_back(count * resultBytes.back());
  }
  SmallVector<int64_t> loopIndex(loops.size(), 0);
  SmallVector<int64_t> offsets;
  for (const LinearIndex &index : indices)
    offsets.push_back(index.offset);
  SmallVector<APInt> operands;
  for (int64_t iteration = 0; iteration < count; ++iteration) {
    for (auto [i, input] : llvm::enumerate(inputs))
      slots[i] = input.read(offsets[i]);
    for (const Step &step : steps) {
      operands.clear();
      for (unsigned slot : step.operands)
        operands.push_back(slots[slot]);
      if (!evaluate(step.op, operands, slots[step.result]))
        return std::nullopt;
    }
    for (auto [r, slot] : llvm::enumerate(yielded)) {
      uint64_t word = slots[slot].getZExtValue();
      int64_t offset = allSplat ? 0 : offsets[inputs.size() + r];
      std::memcpy(results[r].data() + offset * resultBytes[r], &word,
                  resultBytes[r]);
    }
    // The next loop index, the last loop fastest, and the operands' offsets.
    for (int64_t d = loops.size() - 1; d >= 0; --d) {
      for (auto [offset, index] : llvm::zip_equal(offsets, indices))
        offset += index.steps[d];
      if (++loopIndex[d] < loops[d])
        break;
      for (auto [offset, index] : llvm::zip_equal(offsets, indices))
        offset -= index.steps[d] * loops[d];
      loopIndex[d] = 0;
    }
  }
  SmallVector<DenseElementsAttr> values;
  for (auto [result, raw] : llvm::zip_equal(generic.getResults(), results))
    values.push_back(DenseElementsAttr::getFromRawBuffer(
        cast<ShapedType>(result.getType()), raw));
  return values;
}

/// The value of `insert`, a tensor.insert_slice of a constant into a
/// constant or the fill of one (convt-to-linalg's zero padding of the
/// sub-pixel kernel), with static offsets, sizes and strides and at most
/// `maxElements` elements. (A generic of a fill stays: it would make a
/// constant of the fill's size.)
std::optional<DenseElementsAttr> foldInsertSlice(tensor::InsertSliceOp insert,
                                                 int64_t maxElements) {
  RankedTensorType type = insert.getDestType();
  if (!type.hasStaticShape() || !hasByteElements(type.getElementType()) ||
      type.getNumElements() > maxElements ||
      ShapedType::isDynamicShape(insert.getStaticOffsets()) ||
      ShapedType::isDynamicShape(insert.getStaticSizes()) ||
      ShapedType::isDynamicShape(insert.getStaticStrides()))
    return std::nullopt;
  std::optional<ConstantElements> source =
      ConstantElements::get(insert.getSource());
  auto fill = insert.getDest().getDefiningOp<linalg::FillOp>();
  std::optional<ConstantElements> dest =
      fill ? ConstantElements::get(fill)
           : ConstantElements::get(insert.getDest());
  if (!source || !dest)
    return std::nullopt;
  int64_t bytes = type.getElementTypeBitWidth() / 8;
  std::vector<char> raw(type.getNumElements() * bytes);
  auto write = [&](int64_t index, const APInt &value) {
    uint64_t word = value.getZExtValue();
    std::memcpy(raw.data() + index * bytes, &word, bytes);
  };
  for (int64_t index = 0; index < type.getNumElements(); ++index)
    write(index, dest->read(index));
  // The source's elements in row-major order of the slice's sizes (a
  // rank-reducing insert drops unit sizes only), each to its offset plus its
  // index times the stride in each dim.
  ArrayRef<int64_t> offsets = insert.getStaticOffsets(),
                    sizes = insert.getStaticSizes(),
                    strides = insert.getStaticStrides();
  SmallVector<int64_t> rowStrides = computeStrides(type.getShape());
  int64_t count = ShapedType::getNumElements(sizes);
  SmallVector<int64_t> position(sizes.size(), 0);
  for (int64_t index = 0; index < count; ++index) {
    int64_t target = 0;
    for (auto [at, offset, stride, rowStride] :
         llvm::zip_equal(position, offsets, strides, rowStrides))
      target += (offset + at * stride) * rowStride;
    write(target, source->read(index));
    for (int64_t d = sizes.size() - 1; d >= 0 && ++position[d] == sizes[d]; --d)
      position[d] = 0;
  }
  return DenseElementsAttr::getFromRawBuffer(type, raw);
}

struct ConvTFoldConstantGenericsPass
    : public convt::impl::ConvTFoldConstantGenericsBase<
          ConvTFoldConstantGenericsPass> {
  using ConvTFoldConstantGenericsBase::ConvTFoldConstantGenericsBase;

  void runOnOperation() override {
    if (maxElements < 0) {
      getOperation()->emitError("max-elements must be at least 0; got ")
          << static_cast<int64_t>(maxElements);
      return signalPassFailure();
    }
    if (!llvm::sys::IsLittleEndianHost)
      return;
    SmallVector<Operation *> candidates;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::GenericOp, tensor::InsertSliceOp>(op))
        candidates.push_back(op);
    });
    // In program order, so that a generic of a folded op folds too.
    for (Operation *op : candidates) {
      std::optional<SmallVector<DenseElementsAttr>> values;
      if (auto generic = dyn_cast<linalg::GenericOp>(op))
        values = foldGeneric(generic, maxElements);
      else if (std::optional<DenseElementsAttr> value = foldInsertSlice(
                   cast<tensor::InsertSliceOp>(op), maxElements))
        values = SmallVector<DenseElementsAttr>{*value};
      if (!values)
        continue;
      OpBuilder b(op);
      for (auto [result, value] : llvm::zip_equal(op->getResults(), *values))
        result.replaceAllUsesWith(
            arith::ConstantOp::create(b, op->getLoc(), value));
      op->erase();
    }
  }
};

} // namespace
