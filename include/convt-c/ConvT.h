//===- ConvT.h - C API of convt -----------------------------------*- C -*-===//
//
// The C API for embedding convt in other MLIR-based compilers and bindings:
// the dialect's registration handle, the registration of convt's passes and
// pipelines, and the CPU pipeline. Everything else (contexts, parsing, pass
// managers) is the core MLIR C API, which a program using this one also links.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_C_CONVT_H
#define CONVT_C_CONVT_H

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Declares `mlirGetDialectHandle__convt__()`, the handle of the convt
/// dialect for mlirDialectHandleInsertDialect / mlirDialectHandleLoadDialect.
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(ConvT, convt);

/// Registers every convt pass (`convt-normalize`, `convt-to-linalg`, the CPU
/// passes such as `convt-cpu-conv-kernels` and the GPU passes) in the global
/// registry, so that textual pipelines (mlirParsePassPipeline,
/// mlirOpPassManagerAddPipeline) can name them.
MLIR_CAPI_EXPORTED void convtRegisterPasses(void);

/// Registers the `convt-cpu-pipeline`, `convt-gpu-pipeline` and
/// `convt-gpu-loops-on-cpu-pipeline` pass pipelines in the global registry.
MLIR_CAPI_EXPORTED void convtRegisterPipelines(void);

/// Appends the CPU pipeline, which lowers a module on tensors holding convt
/// ops to the LLVM dialect for the host CPU, to `passManager`, which is to run
/// on a `builtin.module` (as the top level of mlirPassManagerCreate's can).
/// `options` is the pipeline's option text, as in
/// `--convt-cpu-pipeline="..."`: for example "strategy=dilate threads=2
/// vector-bits=256"; empty for the defaults. With "generic-alloc=true", the
/// compiled code allocates and frees its buffers, the result's too, with
/// `void *_mlir_memref_to_llvm_alloc(uint64_t bytes)` and
/// `void _mlir_memref_to_llvm_free(void *)`, which the embedder defines (for
/// a JIT, with mlirExecutionEngineRegisterSymbol). No pass registration is
/// needed; the context that runs it needs the upstream dialects and their
/// interface models (mlirRegisterAllDialects) next to convt's. If the options
/// do not parse, a value is out of range (such as `threads` outside 1 to 65536
/// or `vector-bits=100`), or `passManager` is nested on another op (such as
/// `func.func`), sends an error message to `callback` (in one or more pieces,
/// with `userData`), leaves `passManager` unchanged and returns failure. (As
/// with mlirParsePassPipeline, LLVM's option parser also prints the details of
/// a bad option value to stderr.)
MLIR_CAPI_EXPORTED MlirLogicalResult
convtBuildCPUPipeline(MlirOpPassManager passManager, MlirStringRef options,
                      MlirStringCallback callback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // CONVT_C_CONVT_H
