//===- Pipelines.cpp - convt pass pipelines -------------------------------===//

#include "convt/Pipelines/Pipelines.h"
#include "convt/Conversion/Passes.h"
#include "convt/Dialect/ConvT/Transforms/Passes.h"
#include "convt/Transforms/CPUKernelLayout.h"
#include "convt/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void convt::buildConvTToBuffersPipeline(
    OpPassManager &pm, const ConvertConvTToLinalgOptions &lowering,
    bool allowReturnAllocsFromLoops,
    function_ref<void(OpPassManager &)> addLinalgPasses) {
  pm.addPass(createConvTCheckNestedModules());
  pm.addPass(createConvertConvTToLinalg(lowering));
  // Elementwise arith and math ops on tensors have no bufferization of their
  // own: the user's code around the convolutions (an activation, a residual
  // sum) becomes linalg too.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  if (addLinalgPasses)
    addLinalgPasses(pm);
  // Constant weights: the kernel (and bias) computed once, here.
  pm.addPass(createConvTFoldConstantGenerics());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.allowReturnAllocsFromLoops = allowReturnAllocsFromLoops;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
}

/// Both kernel passes take the CPU target options: the constant kernels they
/// pack must have the layout the kernels read.
template <typename KernelPassOptions>
static KernelPassOptions
withCPUTarget(const convt::CPUPipelineOptions &options) {
  KernelPassOptions pass;
  pass.vectorBits = options.vectorBits;
  pass.fmasPerCycle = options.fmasPerCycle;
  pass.l1CacheBytes = options.l1CacheBytes;
  pass.bf16Dot = options.bf16Dot;
  return pass;
}

llvm::Error convt::checkPipelineAnchor(const OpPassManager &pm) {
  StringRef anchor = pm.getOpAnchorName();
  if (anchor == ModuleOp::getOperationName() ||
      anchor == OpPassManager::getAnyOpAnchorName())
    return llvm::Error::success();
  return llvm::createStringError(
      "must run on builtin.module; it cannot be added to a pass manager on '" +
      anchor + "'");
}

llvm::Error convt::buildCPUPipeline(OpPassManager &pm,
                                    const CPUPipelineOptions &options) {
  if (llvm::Error error = checkPipelineAnchor(pm))
    return error;
  if (llvm::Error error = checkThreadCount(options.threads))
    return error;
  if (llvm::Error error =
          checkByteCountOption("batch-loop-bytes", options.batchLoopBytes))
    return error;
  if (llvm::Error error =
          checkByteCountOption("row-band-bytes", options.rowBandBytes))
    return error;
  // The passes check their target options too, but where they run: once per
  // function, after the passes before them.
  llvm::Expected<CPUKernelTarget> target =
      resolveCPUKernelTarget(options.vectorBits, options.fmasPerCycle,
                             options.l1CacheBytes, options.bf16Dot);
  if (!target)
    return target.takeError();
  ConvertConvTToLinalgOptions lowering;
  lowering.strategy = options.strategy;
  lowering.threads = options.threads;
  lowering.batchLoopBytes = options.batchLoopBytes;
  lowering.rowBandBytes = options.rowBandBytes;
  // Sub-pixel convolutions where the host's vectors would be mostly empty.
  if (options.convKernels)
    lowering.subPixelVectorBits = target->vectorBits;
  pm.addPass(createConvTCheckIndirectCalls());
  // Before the constant kernels fold: a widened constant kernel folds too.
  buildConvTToBuffersPipeline(
      pm, lowering,
      /*allowReturnAllocsFromLoops=*/true, [&](OpPassManager &pm) {
        if (!options.convKernels)
          return;
        ConvTCPUWidenConvOperandsOptions widen;
        widen.vectorBits = options.vectorBits;
        widen.bf16Dot = options.bf16Dot;
        pm.addNestedPass<func::FuncOp>(createConvTCPUWidenConvOperands(widen));
      });

  auto kernels = withCPUTarget<ConvTCPUConvolutionKernelsOptions>(options);
  kernels.threads = options.threads;
  auto packing = withCPUTarget<ConvTCPUPackConstantKernelsOptions>(options);
  if (options.convKernels) {
    pm.addPass(createConvTCPUPackConstantKernels(packing));
    pm.addNestedPass<func::FuncOp>(createConvTCPUConvolutionKernels(kernels));
    // The constant kernels that only their packed copies replace.
    pm.addPass(createSymbolDCEPass());
  }
  pm.addNestedPass<func::FuncOp>(createConvTMemRefCopyToLinalg());
  pm.addNestedPass<func::FuncOp>(createConvTFillAroundCopies());
  if (options.threads > 1)
    pm.addNestedPass<func::FuncOp>(createConvTCPUParallelElementwise());
  pm.addNestedPass<func::FuncOp>(createConvTCopyRowsToMemcpy());
  buildLoopsToLLVMPipeline(pm, options.threads, options.genericAlloc);
  return llvm::Error::success();
}

void convt::buildLoopsToLLVMPipeline(OpPassManager &pm, int64_t threads,
                                     bool genericAlloc) {
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  if (threads > 1) {
    pm.addPass(createForallToParallelLoopPass());
    ConvertSCFToOpenMPPassOptions openmp;
    openmp.numThreads = threads;
    pm.addPass(createConvertSCFToOpenMPPass(openmp));
  }
  // Folds the kernels' constant index arithmetic once, before the LLVM
  // conversions copy it (halves the IR of a 3-D op); with threads, it also
  // inlines the alloca scopes around the parallel bodies, which would
  // otherwise hold several blocks after scf-to-cf.
  pm.addPass(createCanonicalizerPass());
  if (threads > 1)
    pm.addNestedPass<func::FuncOp>(createConvTMergeOMPParallel());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // bf16 arithmetic runs in f32, and bf16 conversions become integer
  // arithmetic: no runtime library needed.
  arith::ArithEmulateUnsupportedFloatsOptions emulate;
  emulate.sourceTypeStrs = {"bf16"};
  pm.addNestedPass<func::FuncOp>(
      arith::createArithEmulateUnsupportedFloats(emulate));
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.x86Vector = true; // the bf16 dot products
  pm.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  ConvTFinalizeToLLVMOptions finalize;
  finalize.genericAlloc = genericAlloc;
  pm.addPass(createConvTFinalizeToLLVM(finalize));
  pm.addPass(createReconcileUnrealizedCastsPass());
  // One sweep: its worklist already revisits what a rewrite changes, and a
  // second sweep over the whole LLVM module found nothing more.
  pm.addPass(
      createCanonicalizerPass(GreedyRewriteConfig().setMaxIterations(1)));
  ConvTCheckLoweredOptions check;
  check.dialects = {"llvm", "omp"};
  pm.addPass(createConvTCheckLowered(check));
}

/// Registers pipeline `name`, whose options and `build` errors fail the
/// pipeline's parsing with their reason.
template <typename Options>
static void registerPipelineWithErrors(StringRef name, StringRef description,
                                       llvm::Error (*build)(OpPassManager &,
                                                            const Options &)) {
  registerPassPipeline(
      name, description,
      [name, build](OpPassManager &pm, StringRef optionsString,
                    function_ref<LogicalResult(const Twine &)> errorHandler) {
        Options options;
        if (failed(options.parseFromString(optionsString)))
          return failure();
        if (llvm::Error error = build(pm, options))
          return errorHandler(name + ": " + llvm::toString(std::move(error)));
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optionsHandler) {
        optionsHandler(Options());
      });
}

void convt::registerConvTPipelines() {
  registerPipelineWithErrors<CPUPipelineOptions>(
      "convt-cpu-pipeline",
      "Lower a module on tensors with convt ops to the LLVM dialect for the "
      "host CPU",
      buildCPUPipeline);
  registerPipelineWithErrors<GPUPipelineOptions>(
      "convt-gpu-pipeline",
      "Lower a module on tensors with convt ops to the LLVM dialect with "
      "kernels for NVIDIA GPUs",
      buildGPUPipeline);
  registerPipelineWithErrors<GPULoopsOnCPUPipelineOptions>(
      "convt-gpu-loops-on-cpu-pipeline",
      "Lower a module as --convt-gpu-pipeline does, but run the kernels' "
      "block and thread loops in order on the host CPU (checks the kernels "
      "without a GPU)",
      buildGPULoopsOnCPUPipeline);
}
