//===- CheckLowered.cpp - reject ops left outside the target dialects -----===//

#include "convt/Transforms/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringExtras.h"

namespace convt {
#define GEN_PASS_DEF_CONVTCHECKLOWERED
#include "convt/Transforms/Passes.h.inc"
} // namespace convt

using namespace mlir;

namespace {
/// The types of `op` that the LLVM lowering cannot convert: its operands',
/// results' and, for a function, its signature's.
SetVector<Type> typesWithoutLLVMForm(Operation *op) {
  LLVMTypeConverter converter(op->getContext());
  SetVector<Type> types;
  auto collect = [&](TypeRange range) {
    for (Type type : range)
      if (!converter.convertType(type))
        types.insert(type);
  };
  collect(op->getOperandTypes());
  collect(op->getResultTypes());
  if (auto function = dyn_cast<FunctionOpInterface>(op)) {
    collect(function.getArgumentTypes());
    collect(function.getResultTypes());
  }
  return types;
}

struct ConvTCheckLoweredPass
    : public convt::impl::ConvTCheckLoweredBase<ConvTCheckLoweredPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<std::string> allowed(dialects.begin(), dialects.end());
    if (allowed.empty())
      allowed.push_back("llvm");
    // Casts left between lowered and unlowered ops follow from the latter:
    // they are reported only where nothing else is.
    SmallVector<Operation *> unlowered, casts;
    module.walk<WalkOrder::PreOrder>([&](Operation *op) {
      // Nested modules pass; the ops in them are checked.
      if (isa<ModuleOp>(op) ||
          llvm::is_contained(allowed, op->getName().getDialectNamespace()))
        return WalkResult::advance();
      (isa<UnrealizedConversionCastOp>(op) ? casts : unlowered).push_back(op);
      // Its nested ops are reported with it.
      return WalkResult::skip();
    });
    for (Operation *op : unlowered.empty() ? casts : unlowered) {
      // Not op->emitOpError, which would print the whole (function) op.
      InFlightDiagnostic error =
          emitError(op->getLoc())
          << "'" << op->getName()
          << "' op was not lowered: no conversion of the pipeline takes it to "
          << llvm::join(allowed, " or ") << " ops";
      for (Type type : typesWithoutLLVMForm(op))
        error.attachNote() << "type " << type << " has no LLVM form";
    }
    if (!casts.empty() || !unlowered.empty())
      signalPassFailure();
  }
};
} // namespace
