//===- MergeOMPParallel.cpp - one omp.parallel for consecutive ones -------===//
//
// convert-scf-to-openmp forks and joins the threads once per scf.parallel, so
// once per phase convolution. Where nothing between two regions needs the
// first one's results, the second one's body can run in the first region,
// after the barrier that ends its worksharing loop.
//
//===----------------------------------------------------------------------===//

#include "convt/Transforms/Passes.h"

#include "mlir/Analysis/AliasAnalysis/LocalAliasAnalysis.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace convt {
#define GEN_PASS_DEF_CONVTMERGEOMPPARALLEL
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

using Effects = SmallVector<MemoryEffects::EffectInstance>;

/// Whether `region` forks as `into` does: one block without arguments, and
/// no clause but num_threads, of the same value.
bool hasSameClauses(omp::ParallelOp region, omp::ParallelOp into) {
  auto onlyNumThreads = [](omp::ParallelOp op) {
    return op->getNumOperands() == 1 && op.getNumThreads() &&
           op.getRegion().hasOneBlock() &&
           op.getRegion().front().getNumArguments() == 0 &&
           !op.getProcBindKindAttr();
  };
  if (!onlyNumThreads(region) || !onlyNumThreads(into))
    return false;
  Value lhs = region.getNumThreads(), rhs = into.getNumThreads();
  APInt lhsValue, rhsValue;
  return lhs == rhs ||
         (matchPattern(lhs, m_ConstantInt(&lhsValue)) &&
          matchPattern(rhs, m_ConstantInt(&rhsValue)) && lhsValue == rhsValue);
}

/// Whether `op`, which follows `region`, can run before it: the reads of one
/// are apart from the writes and frees of the other, and the writes from all
/// accesses. An effect on no particular value, or an op whose effects are not
/// known, may touch anything.
bool canRunBefore(Operation *op, const Effects &regionEffects,
                  LocalAliasAnalysis &aliases) {
  std::optional<Effects> effects = getEffectsRecursively(op);
  if (!effects)
    return false;
  auto isAccess = [](const MemoryEffects::EffectInstance &effect) {
    return isa<MemoryEffects::Read, MemoryEffects::Write, MemoryEffects::Free>(
        effect.getEffect());
  };
  for (const MemoryEffects::EffectInstance &effect : *effects) {
    if (isa<MemoryEffects::Allocate>(effect.getEffect()))
      continue;
    if (isa<MemoryEffects::Free>(effect.getEffect()) || !effect.getValue())
      return false;
    bool reads = isa<MemoryEffects::Read>(effect.getEffect());
    for (const MemoryEffects::EffectInstance &other : regionEffects) {
      if (!isAccess(other) ||
          (reads && isa<MemoryEffects::Read>(other.getEffect())))
        continue;
      if (!other.getValue() ||
          !aliases.alias(effect.getValue(), other.getValue()).isNo())
        return false;
    }
  }
  return true;
}

/// Moves the body of `region` to the end of `into`'s, after a barrier.
void mergeInto(omp::ParallelOp region, omp::ParallelOp into) {
  Block &body = into.getRegion().front();
  Operation *terminator = body.getTerminator();
  auto lastLoop = dyn_cast_or_null<omp::WsloopOp>(terminator->getPrevNode());
  if (!lastLoop || lastLoop.getNowait()) {
    OpBuilder b(terminator);
    omp::BarrierOp::create(b, region.getLoc());
  }
  Block &source = region.getRegion().front();
  body.getOperations().splice(terminator->getIterator(), source.getOperations(),
                              source.begin(),
                              source.getTerminator()->getIterator());
  region.erase();
}

struct ConvTMergeOMPParallelPass
    : public convt::impl::ConvTMergeOMPParallelBase<ConvTMergeOMPParallelPass> {
  void runOnOperation() override {
    SmallVector<Block *> blocks;
    getOperation().walk([&](Block *block) { blocks.push_back(block); });
    for (Block *block : blocks)
      mergeIn(*block);
  }

  /// Merges each omp.parallel of `block` into the one before it where the
  /// ops between them can run before that one.
  void mergeIn(Block &block) {
    LocalAliasAnalysis aliases;
    omp::ParallelOp current;
    std::optional<Effects> currentEffects;
    // The ops after `current` that would move before it.
    SmallVector<Operation *> before;
    for (Operation &op : llvm::make_early_inc_range(block)) {
      auto region = dyn_cast<omp::ParallelOp>(op);
      if (region && current && hasSameClauses(region, current)) {
        for (Operation *moved : before)
          moved->moveBefore(current);
        before.clear();
        // The merged body's effects join the region's: no second walk of
        // the bodies already merged.
        std::optional<Effects> added = getEffectsRecursively(region);
        if (currentEffects && added)
          currentEffects->append(added->begin(), added->end());
        else
          currentEffects = std::nullopt;
        mergeInto(region, current);
        continue;
      }
      if (region) {
        current = region;
        currentEffects = getEffectsRecursively(current);
        before.clear();
        continue;
      }
      if (!current || isa<memref::DeallocOp>(op))
        continue;
      if (isMemoryEffectFree(&op) ||
          (currentEffects && canRunBefore(&op, *currentEffects, aliases))) {
        before.push_back(&op);
        continue;
      }
      current = nullptr;
    }
  }
};

} // namespace
