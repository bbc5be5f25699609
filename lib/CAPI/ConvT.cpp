//===- ConvT.cpp - C API of convt -----------------------------------------===//

#include "convt-c/ConvT.h"

#include "convt/Dialect/ConvT/IR/ConvTDialect.h"
#include "convt/Dialect/ConvT/Transforms/Passes.h"
#include "convt/Pipelines/Pipelines.h"
#include "convt/Transforms/GPU/Passes.h"
#include "convt/Transforms/Passes.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/CAPI/Utils.h"

using namespace mlir;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(ConvT, convt, convt::ConvTDialect)

void convtRegisterPasses(void) {
  convt::registerConvTPasses();
  convt::registerConvTConversionPasses();
  convt::registerConvTCodegenPasses();
  convt::registerConvTGPUPasses();
}

void convtRegisterPipelines(void) { convt::registerConvTPipelines(); }

MlirLogicalResult convtBuildCPUPipeline(MlirOpPassManager passManager,
                                        MlirStringRef options,
                                        MlirStringCallback callback,
                                        void *userData) {
  convt::CPUPipelineOptions pipelineOptions;
  detail::CallbackOstream errorStream(callback, userData);
  if (failed(pipelineOptions.parseFromString(unwrap(options), errorStream))) {
    // LLVM's option parser prints errors in option values to stderr itself:
    // the callback still learns what failed.
    if (errorStream.tell() == 0)
      errorStream << "invalid convt-cpu-pipeline options '" << unwrap(options)
                  << "'\n";
    return mlirLogicalResultFailure();
  }
  // The options are checked before any pass is added.
  if (llvm::Error error =
          convt::buildCPUPipeline(*unwrap(passManager), pipelineOptions)) {
    errorStream << "convt-cpu-pipeline: " << llvm::toString(std::move(error))
                << "\n";
    return mlirLogicalResultFailure();
  }
  return mlirLogicalResultSuccess();
}
