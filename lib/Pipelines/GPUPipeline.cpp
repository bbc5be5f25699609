//===- GPUPipeline.cpp - convt pass pipeline for NVIDIA GPUs --------------===//

#include "convt/Pipelines/Pipelines.h"
#include "convt/Transforms/GPU/Passes.h"
#include "convt/Transforms/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/SCFToGPU/SCFToGPUPass.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <optional>

using namespace mlir;
using llvm::createStringError;
using llvm::Error;
using llvm::Expected;

/// The triple of MLIR's NVVM target (`#nvvm.target`).
static constexpr llvm::StringLiteral kNVPTXTriple = "nvptx64-nvidia-cuda";

/// The PTX ISA version the pipeline asks for unless the chip needs a newer
/// one: PTX 8.0 (CUDA 12.0 drivers) is the first to know sm_90a, and the
/// GPU tests were written against it.
static constexpr unsigned kDefaultPTXVersion = 80;

/// The PTX ISA version (e.g. 78 for 7.8) that the NVPTX backend writes for
/// `chip` when no version is requested, which is the lowest that supports the
/// chip. The backend keeps this table to itself and aborts the process when
/// asked for an older version, so it is read off the header of the PTX it
/// writes for an empty module.
static Expected<unsigned> getMinimumPTXVersion(const llvm::Target &target,
                                               StringRef chip) {
  llvm::Triple triple(kNVPTXTriple);
  std::unique_ptr<llvm::TargetMachine> machine(target.createTargetMachine(
      triple, chip, /*Features=*/"", llvm::TargetOptions(), std::nullopt));
  if (!machine)
    return createStringError("cannot create an NVPTX target for " + chip);
  llvm::LLVMContext context;
  llvm::Module module("convt-ptx-version", context);
  module.setTargetTriple(triple);
  module.setDataLayout(machine->createDataLayout());
  SmallString<256> ptx;
  llvm::raw_svector_ostream os(ptx);
  llvm::legacy::PassManager passes;
  if (machine->addPassesToEmitFile(passes, os, nullptr,
                                   llvm::CodeGenFileType::AssemblyFile))
    return createStringError("the NVPTX backend cannot write PTX");
  passes.run(module);

  // The header holds a line `.version MAJOR.MINOR`.
  StringRef rest = StringRef(ptx).split(".version ").second;
  auto [major, minor] = rest.take_until(llvm::isSpace).split('.');
  unsigned majorValue, minorValue;
  if (major.getAsInteger(10, majorValue) || minor.getAsInteger(10, minorValue))
    return createStringError("cannot read the PTX version the NVPTX backend "
                             "writes for " +
                             chip);
  return majorValue * 10 + minorValue;
}

/// The NVPTX features for `chip`: `features`, or by default the PTX version
/// `kDefaultPTXVersion` or the chip's minimum where that is higher. An error
/// for a chip or feature that the NVPTX backend does not know, and for a PTX
/// version too old for the chip (which would abort the backend).
static Expected<std::string> getNVPTXFeatures(StringRef chip,
                                              StringRef features) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(llvm::Triple(kNVPTXTriple), error);
  if (!target)
    return createStringError("the linked LLVM has no NVPTX backend: " + error);
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(llvm::Triple(kNVPTXTriple), "", ""));
  if (!subtarget->isCPUStringValid(chip))
    return createStringError(
        "unknown chip '" + chip +
        "': expected an NVIDIA GPU architecture that LLVM's NVPTX backend "
        "knows, such as sm_80 or sm_90 (llc -mtriple=nvptx64 -mcpu=help "
        "lists them)");

  unsigned requestedPTX = 0;
  SmallVector<StringRef> items;
  features.split(items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef item : items) {
    StringRef name = item.drop_front();
    bool known = (item.starts_with("+") || item.starts_with("-")) &&
                 llvm::any_of(subtarget->getAllProcessorFeatures(),
                              [&](const llvm::SubtargetFeatureKV &feature) {
                                return name == feature.Key;
                              });
    if (!known)
      return createStringError(
          "unknown NVPTX feature '" + item +
          "' in features: expected +ptxXY for PTX ISA version X.Y, e.g. "
          "+ptx80 (llc -mtriple=nvptx64 -mattr=help lists them)");
    unsigned version;
    if (item.starts_with("+ptx") &&
        !name.drop_front(3).getAsInteger(10, version))
      requestedPTX = std::max(requestedPTX, version);
  }

  Expected<unsigned> minimumPTX = getMinimumPTXVersion(*target, chip);
  if (!minimumPTX)
    return minimumPTX.takeError();
  if (items.empty())
    return "+ptx" + std::to_string(std::max(kDefaultPTXVersion, *minimumPTX));
  if (requestedPTX && requestedPTX < *minimumPTX)
    return createStringError(llvm::formatv(
        "features={0} asks for PTX ISA {1}.{2}, which cannot target {3}: it "
        "needs PTX {4}.{5} or later (+ptx{6})",
        features, requestedPTX / 10, requestedPTX % 10, chip, *minimumPTX / 10,
        *minimumPTX % 10, *minimumPTX));
  return features.str();
}

/// Replaces the linalg ops of the bufferized functions by loops mapped to GPU
/// blocks and threads: the tiled kernels (`scf.forall`) for the
/// convolutions, with `convKernels`, and one thread per output element
/// (`scf.parallel`) for everything else.
static void addKernelLoops(OpPassManager &pm, bool convKernels,
                           bool tensorCores, int64_t blockSize,
                           int64_t minBlocks, bool loopsOnCPU) {
  pm.addNestedPass<func::FuncOp>(convt::createConvTMemRefCopyToLinalg());
  if (convKernels) {
    convt::ConvTGPUConvolutionKernelsOptions kernels;
    kernels.tensorCores = tensorCores;
    kernels.loopsOnCPU = loopsOnCPU;
    kernels.minBlocks = minBlocks;
    pm.addNestedPass<func::FuncOp>(
        convt::createConvTGPUConvolutionKernels(kernels));
  }
  convt::ConvTLinalgToGPULoopsOptions loops;
  loops.blockSize = blockSize;
  pm.addNestedPass<func::FuncOp>(convt::createConvTLinalgToGPULoops(loops));
}

Error convt::buildGPULoopsOnCPUPipeline(
    OpPassManager &pm, const GPULoopsOnCPUPipelineOptions &options) {
  if (Error error = checkPipelineAnchor(pm))
    return error;
  convt::buildConvTToBuffersPipeline(pm, {options.strategy});
  addKernelLoops(pm, options.convKernels, options.tensorCores,
                 options.blockSize, options.minBlocks, /*loopsOnCPU=*/true);
  pm.addPass(createForallToForLoopPass());
  convt::buildLoopsToLLVMPipeline(pm, /*threads=*/1);
  return Error::success();
}

/// Whether `chip` (sm_XY, sm_XYa, ...) has TF32 tensor cores: sm_80 and
/// newer.
static bool hasTF32TensorCores(StringRef chip) {
  unsigned version = 0;
  StringRef digits = chip.drop_front(3).take_while(llvm::isDigit);
  return chip.starts_with("sm_") && !digits.getAsInteger(10, version) &&
         version >= 80;
}

Error convt::buildGPUPipeline(OpPassManager &pm,
                              const GPUPipelineOptions &options) {
  if (Error error = checkPipelineAnchor(pm))
    return error;
  Expected<std::string> features =
      getNVPTXFeatures(options.chip, options.features);
  if (!features)
    return features.takeError();

  // A call that passes buffers would hand device memory to host code: the
  // calls are inlined (after the check for nested modules, which the
  // inliner's cleanup would change), and those left are errors.
  convt::buildConvTToBuffersPipeline(
      pm, {options.strategy}, /*allowReturnAllocsFromLoops=*/false,
      [](OpPassManager &pm) {
        pm.addPass(createInlinerPass());
        pm.addNestedPass<func::FuncOp>(convt::createConvTGPUCheckCalls());
      });

  // Buffers move to device memory and every linalg op becomes a kernel
  // launch; the host keeps the allocations, copies and launches.
  pm.addNestedPass<func::FuncOp>(convt::createConvTGPUStageHostMemRefs());
  addKernelLoops(pm, options.convKernels,
                 options.tensorCores && hasTF32TensorCores(options.chip),
                 options.blockSize, options.minBlocks, /*loopsOnCPU=*/false);
  pm.addNestedPass<func::FuncOp>(createConvertParallelLoopToGpuPass());
  pm.addNestedPass<func::FuncOp>(convt::createConvTGPUMapForallToLaunch());
  // Folds the index computations (only now: the canonicalizer would merge
  // the mapped parallel loops) and moves the constants into the kernels, so
  // that static shapes give kernels with constant loop bounds.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  // gpu-to-llvm lowers only the async forms of allocations and copies: this
  // chains the ops of each function on a stream, synchronized where the host
  // next touches memory and at the return.
  pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = *features;
  switch (options.format) {
  case convt::GPUBinaryFormat::Isa:
    nvvm.cubinFormat = "isa";
    break;
  case convt::GPUBinaryFormat::Bin:
    nvvm.cubinFormat = "bin";
    break;
  case convt::GPUBinaryFormat::Fatbin:
    nvvm.cubinFormat = "fatbin";
    break;
  }
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
  convt::ConvTCheckLoweredOptions check;
  check.dialects = {"llvm", "gpu"};
  pm.addPass(convt::createConvTCheckLowered(check));
  return Error::success();
}
