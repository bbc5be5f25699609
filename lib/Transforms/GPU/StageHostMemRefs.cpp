//===- StageHostMemRefs.cpp - Device buffers behind a host interface ------===//

#include "convt/Transforms/GPU/Passes.h"

#include "convt/Transforms/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "llvm/ADT/SetVector.h"

namespace convt {
#define GEN_PASS_DEF_CONVTGPUSTAGEHOSTMEMREFS
#include "convt/Transforms/GPU/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {

/// The buffer that `value` is a view of.
Value getViewRoot(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// Whether an op other than `ignored` may write `buffer` or a view of it. Ops
/// that do not describe their memory effects count as writes.
bool mayBeWritten(Value buffer, Operation *ignored) {
  SmallVector<Value> worklist{buffer};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      if (user == ignored)
        continue;
      if (auto view = dyn_cast<ViewLikeOpInterface>(user);
          view && view.getViewSource() == value) {
        llvm::append_range(worklist, user->getResults());
        continue;
      }
      auto effects = dyn_cast<MemoryEffectOpInterface>(user);
      if (!effects)
        return true;
      SmallVector<MemoryEffects::EffectInstance> instances;
      effects.getEffects(instances);
      for (const MemoryEffects::EffectInstance &instance : instances)
        if (isa<MemoryEffects::Write>(instance.getEffect()) &&
            (!instance.getValue() || instance.getValue() == value))
          return true;
    }
  }
  return false;
}

/// The values the host stores in the shape operand of `reshape`, one per
/// result dim, where that operand is an allocation used only by stores at
/// constant indices before `reshape` in its block, by reshapes and by a
/// dealloc: the bufferized form of a `tensor.from_elements` shape. Empty
/// otherwise.
SmallVector<Value> getStoredShape(memref::ReshapeOp reshape) {
  Value shape = reshape.getShape();
  if (!shape.getDefiningOp<memref::AllocOp>())
    return {};
  SmallVector<Value> sizes(reshape.getType().getRank());
  for (OpOperand &use : shape.getUses()) {
    Operation *user = use.getOwner();
    if (isa<memref::ReshapeOp, memref::DeallocOp>(user))
      continue;
    auto store = dyn_cast<memref::StoreOp>(user);
    if (!store || &use != &store.getMemrefMutable() ||
        store->getBlock() != reshape->getBlock() ||
        !store->isBeforeInBlock(reshape))
      return {};
    std::optional<int64_t> index = getConstantIntValue(store.getIndices()[0]);
    if (!index || *index < 0 || *index >= static_cast<int64_t>(sizes.size()) ||
        sizes[*index])
      return {};
    sizes[*index] = store.getValue();
  }
  if (llvm::is_contained(sizes, Value()))
    return {};
  return sizes;
}

/// Replaces each memref.reshape of a contiguous buffer whose shape the host
/// stores (CIRCULAR folds and batch dims of dynamic sizes) by a
/// memref.reinterpret_cast with those sizes, and erases shape buffers left
/// unused: a reshape reads its shape operand on the host, which may not touch
/// buffers once they are on the device.
void forwardStoredShapes(func::FuncOp func) {
  IRRewriter rewriter(func.getContext());
  SmallPtrSet<Operation *, 4> shapeBuffers;
  func.walk([&](memref::ReshapeOp reshape) {
    auto sourceType = dyn_cast<MemRefType>(reshape.getSource().getType());
    auto type = dyn_cast<MemRefType>(reshape.getType());
    if (!sourceType || !type || !sourceType.getLayout().isIdentity() ||
        !type.getLayout().isIdentity())
      return;
    SmallVector<Value> stored = getStoredShape(reshape);
    if (stored.empty())
      return;
    Location loc = reshape.getLoc();
    rewriter.setInsertionPoint(reshape);
    auto multiply = [&](OpFoldResult a, OpFoldResult b) -> OpFoldResult {
      std::optional<int64_t> x = getConstantIntValue(a);
      std::optional<int64_t> y = getConstantIntValue(b);
      if (x && y)
        return rewriter.getIndexAttr(*x * *y);
      return arith::MulIOp::create(
                 rewriter, loc,
                 getValueOrCreateConstantIndexOp(rewriter, loc, a),
                 getValueOrCreateConstantIndexOp(rewriter, loc, b))
          .getResult();
    };
    // Row-major strides, static where the sizes to their right are.
    int64_t rank = type.getRank();
    SmallVector<OpFoldResult> sizes(rank), strides(rank);
    OpFoldResult stride = rewriter.getIndexAttr(1);
    for (int64_t dim = rank - 1; dim >= 0; --dim) {
      sizes[dim] =
          type.isDynamicDim(dim)
              ? OpFoldResult(stored[dim])
              : OpFoldResult(rewriter.getIndexAttr(type.getDimSize(dim)));
      strides[dim] = stride;
      if (dim > 0)
        stride = multiply(stride, sizes[dim]);
    }
    shapeBuffers.insert(reshape.getShape().getDefiningOp());
    rewriter.replaceOpWithNewOp<memref::ReinterpretCastOp>(
        reshape, type, reshape.getSource(), rewriter.getIndexAttr(0), sizes,
        strides);
  });
  for (Operation *buffer : shapeBuffers) {
    if (llvm::any_of(buffer->getUsers(), llvm::IsaPred<memref::ReshapeOp>))
      continue;
    for (Operation *user : llvm::make_early_inc_range(buffer->getUsers()))
      rewriter.eraseOp(user);
    rewriter.eraseOp(buffer);
  }
}

/// The sizes of the dynamic dims of `buffer`, for an allocation of its type.
SmallVector<Value> getDynamicSizes(OpBuilder &b, Location loc, Value buffer) {
  SmallVector<Value> sizes;
  auto type = cast<MemRefType>(buffer.getType());
  for (int64_t dim = 0; dim < type.getRank(); ++dim)
    if (type.isDynamicDim(dim))
      sizes.push_back(memref::DimOp::create(b, loc, buffer, dim));
  return sizes;
}

/// Emits an error unless every memref of `type` can be copied to and from
/// the device as one contiguous block, and its elements computed with there.
LogicalResult checkBuffer(Operation *op, Type type, const Twine &what) {
  auto memref = dyn_cast<MemRefType>(type);
  if (!memref) {
    if (isa<UnrankedMemRefType>(type))
      return op->emitError() << what << " is an unranked memref; the GPU "
                             << "pipeline copies ranked memrefs only";
    return success();
  }
  if (!memref.getLayout().isIdentity())
    return op->emitError() << what << " has the layout " << memref.getLayout()
                           << "; the GPU pipeline copies memrefs with the "
                              "identity layout only";
  // NVPTX has no conversions of wider integers to floats (LLVM aborts).
  if (auto integer = dyn_cast<IntegerType>(memref.getElementType());
      integer && integer.getWidth() > 64)
    return op->emitError() << what << " has elements of type " << integer
                           << "; the GPU pipeline supports integers of at "
                              "most 64 bits";
  return success();
}

/// Emits an error for each construct that would hand device memory to host
/// code or host memory to the device.
LogicalResult checkSupported(func::FuncOp func) {
  bool ok = true;
  for (auto [index, type] : llvm::enumerate(func.getArgumentTypes()))
    ok &= succeeded(checkBuffer(func, type, "argument #" + Twine(index)));
  for (auto [index, type] : llvm::enumerate(func.getResultTypes()))
    ok &= succeeded(checkBuffer(func, type, "result #" + Twine(index)));
  auto reject = [&](Operation *op, const Twine &what) {
    op->emitError() << what
                    << ": the GPU pipeline keeps all buffers in device memory";
    ok = false;
  };
  func.walk([&](Operation *op) {
    if (isa<memref::AllocaOp, memref::AllocaScopeOp, memref::ReallocOp>(op))
      reject(op, "'" + op->getName().getStringRef() +
                     "' cannot be placed in device memory");
    else if (isa<memref::LoadOp, memref::StoreOp>(op))
      reject(op, "'" + op->getName().getStringRef() +
                     "' would access a buffer from the host");
    else if (auto call = dyn_cast<CallOpInterface>(op);
             call && convt::callPasses<BaseMemRefType>(call))
      reject(op, "a call cannot take or return memrefs");
    else if (isa<memref::AllocOp, memref::GetGlobalOp>(op))
      ok &=
          succeeded(checkBuffer(op, op->getResult(0).getType(), "the buffer"));
  });
  return success(ok);
}

struct ConvTGPUStageHostMemRefsPass
    : public convt::impl::ConvTGPUStageHostMemRefsBase<
          ConvTGPUStageHostMemRefsPass> {
  void runOnOperation() override;
};

/// A host buffer (argument or global) and its copy in device memory.
struct StagedBuffer {
  Value host;
  Value device;
  bool copyBack;
};

void ConvTGPUStageHostMemRefsPass::runOnOperation() {
  func::FuncOp func = getOperation();
  if (func.isExternal())
    return;
  forwardStoredShapes(func);
  if (failed(checkSupported(func)))
    return signalPassFailure();

  Block &entry = func.front();
  OpBuilder b(&getContext());
  // Globals are staged once at the entry, even where a loop reads them.
  SmallVector<memref::GetGlobalOp> globals;
  func.walk([&](memref::GetGlobalOp global) { globals.push_back(global); });
  for (memref::GetGlobalOp global : llvm::reverse(globals))
    global->moveBefore(&entry, entry.begin());

  SmallVector<Value> hostBuffers;
  for (BlockArgument argument : func.getArguments())
    if (isa<MemRefType>(argument.getType()))
      hostBuffers.push_back(argument);
  for (memref::GetGlobalOp global : globals)
    hostBuffers.push_back(global.getResult());

  if (globals.empty())
    b.setInsertionPointToStart(&entry);
  else
    b.setInsertionPointAfter(globals.back());
  SmallVector<StagedBuffer> staged;
  for (Value host : hostBuffers) {
    Location loc = host.getLoc();
    SmallVector<Value> sizes = getDynamicSizes(b, loc, host);
    Value device = gpu::AllocOp::create(b, loc, host.getType(), Type(),
                                        ValueRange(), sizes, ValueRange())
                       .getMemref();
    auto copy =
        gpu::MemcpyOp::create(b, loc, Type(), ValueRange(), device, host);
    // Only the copy and the sizes of the allocation still read the host.
    SmallPtrSet<Operation *, 4> hostReaders{copy};
    for (Value size : sizes)
      hostReaders.insert(size.getDefiningOp());
    host.replaceUsesWithIf(device, [&](OpOperand &use) {
      return !hostReaders.contains(use.getOwner());
    });
    staged.push_back({host, device, mayBeWritten(device, copy)});
  }

  IRRewriter rewriter(&getContext());
  func.walk([&](memref::AllocOp alloc) {
    rewriter.setInsertionPoint(alloc);
    rewriter.replaceOpWithNewOp<gpu::AllocOp>(
        alloc, alloc.getType(), Type(), ValueRange(), alloc.getDynamicSizes(),
        alloc.getSymbolOperands());
  });
  func.walk([&](memref::DeallocOp dealloc) {
    rewriter.setInsertionPoint(dealloc);
    rewriter.replaceOpWithNewOp<gpu::DeallocOp>(dealloc, Type(), ValueRange(),
                                                dealloc.getMemref());
  });

  WalkResult result = func.walk([&](func::ReturnOp ret) {
    Location loc = ret.getLoc();
    b.setInsertionPoint(ret);
    llvm::SetVector<Value> deviceBuffers;
    for (OpOperand &operand : ret->getOpOperands()) {
      Value device = operand.get();
      if (!isa<MemRefType>(device.getType()))
        continue;
      // The caller owns the result: it gets a host buffer of its own.
      auto type = cast<MemRefType>(device.getType());
      Value host = memref::AllocOp::create(b, loc, type,
                                           getDynamicSizes(b, loc, device));
      // An empty result has nothing to copy, and may be a view of any
      // strides (zeros, after a reshape), which gpu-to-llvm cannot copy.
      if (!llvm::is_contained(type.getShape(), 0))
        gpu::MemcpyOp::create(b, loc, Type(), ValueRange(), host, device);
      operand.set(host);
      Value root = getViewRoot(device);
      bool isStaged = llvm::any_of(
          staged, [&](const StagedBuffer &s) { return s.device == root; });
      if (!isStaged && !root.getDefiningOp<gpu::AllocOp>()) {
        ret.emitError() << "result #" << operand.getOperandNumber()
                        << " is not a view of a buffer allocated in the "
                           "function or of an argument";
        return WalkResult::interrupt();
      }
      deviceBuffers.insert(root);
    }
    for (const StagedBuffer &s : staged) {
      if (s.copyBack)
        gpu::MemcpyOp::create(b, loc, Type(), ValueRange(), s.host, s.device);
      deviceBuffers.insert(s.device);
    }
    for (Value device : deviceBuffers)
      gpu::DeallocOp::create(b, loc, Type(), ValueRange(), device);
    return WalkResult::advance();
  });
  if (result.wasInterrupted())
    signalPassFailure();
}

} // namespace
