//===- Pipelines.h - convt pass pipelines -----------------------*- C++ -*-===//

#ifndef CONVT_PIPELINES_PIPELINES_H
#define CONVT_PIPELINES_PIPELINES_H

#include "convt/Conversion/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include "llvm/Support/Error.h"

namespace convt {

/// The values of the `strategy` options of the pipelines and tools.
inline auto loweringStrategyValues() {
  return llvm::cl::values(
      clEnumValN(LoweringStrategy::Phase, "phase",
                 "one stride-1 convolution per output phase"),
      clEnumValN(LoweringStrategy::Dilate, "dilate",
                 "zero-insertion into the input (reference)"));
}

/// The `strategy` option of every pipeline.
struct LoweringStrategyOption
    : mlir::detail::PassOptions::Option<LoweringStrategy> {
  explicit LoweringStrategyOption(mlir::detail::PassOptions &parent)
      : Option(parent, "strategy",
               llvm::cl::desc("How convt.conv_transpose is lowered to linalg"),
               llvm::cl::init(LoweringStrategy::Phase),
               loweringStrategyValues()) {}
  using Option::operator=;
};

/// Lowers the convt ops of a module on tensors to linalg (convt-to-linalg
/// with `lowering`), runs `addLinalgPasses` on it (if given), evaluates what
/// it computes from constants alone (convt-fold-constant-generics) and
/// bufferizes it, with identity-layout memrefs at function boundaries; the
/// first steps of every convt pipeline. With `allowReturnAllocsFromLoops`,
/// loops whose iterations yield new tensors bufferize too; their buffers are
/// freed through host code that reads ownership flags, which GPU pipelines
/// cannot have.
void buildConvTToBuffersPipeline(
    mlir::OpPassManager &pm, const ConvertConvTToLinalgOptions &lowering,
    bool allowReturnAllocsFromLoops = false,
    llvm::function_ref<void(mlir::OpPassManager &)> addLinalgPasses = nullptr);

/// The CPU pipeline's default batch-loop-bytes, well above the L2 caches: 8
/// images of D in bench/ (33.5 MB of input) ran 4-15% faster one image at a
/// time at 1 thread (alternated runs), as fast at 2.
constexpr int64_t kBatchLoopBytes = 16 << 20;

/// The CPU pipeline's default row-band-bytes, half an L2 cache of 1 MiB: 8
/// images of D in bench/ ran 1.3x faster at 1 thread in bands of 4 to 16
/// rows than phase by phase, and 1.17x at 2 threads, each on images of its
/// own, than with the threads splitting each phase's rows; one 256x256
/// image of D 1.17x at 1 thread.
constexpr int64_t kRowBandBytes = 512 << 10;

/// Options of `--convt-cpu-pipeline`.
struct CPUPipelineOptions
    : public mlir::PassPipelineOptions<CPUPipelineOptions> {
  LoweringStrategyOption strategy{*this};
  PassOptions::Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads for the convolutions, 1 to 65536 (OpenMP when "
                     "above 1)"),
      llvm::cl::init(1)};
  PassOptions::Option<int64_t> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Vector register width in bits, a multiple of 64 from "
                     "128 to 2048 (0: the host's)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> fmasPerCycle{
      *this, "fmas-per-cycle",
      llvm::cl::desc("Vector FMAs per cycle in the kernels' cost model (0: "
                     "the host's)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> l1CacheBytes{
      *this, "l1-cache-bytes",
      llvm::cl::desc("L1 data cache size in bytes, which sizes the kernels' "
                     "blocks of input channels and their kernel layout (0: "
                     "the host's)"),
      llvm::cl::init(0)};
  PassOptions::Option<std::string> bf16Dot{
      *this, "bf16-dot",
      llvm::cl::desc("Use AVX512-BF16 vdpbf16ps for bf16 convolutions with "
                     "512-bit vectors: host (if the host CPU has it), on or "
                     "off"),
      llvm::cl::init("host")};
  PassOptions::Option<bool> convKernels{
      *this, "conv-kernels",
      llvm::cl::desc("Replace the stride-1 convolutions by convt's vector "
                     "kernels; false leaves them to upstream MLIR's "
                     "linalg-to-loops, as a baseline"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> batchLoopBytes{
      *this, "batch-loop-bytes",
      llvm::cl::desc("Convolve the images of a batch one at a time, each "
                     "through all its phases, where the input has at least "
                     "this many bytes (a dynamic batch: 8 images would) and "
                     "the kernel is no larger than one image (0: never)"),
      llvm::cl::init(kBatchLoopBytes)};
  PassOptions::Option<int64_t> rowBandBytes{
      *this, "row-band-bytes",
      llvm::cl::desc("In a batch loop, give the threads images of their own "
                     "where they divide them, and convolve each image, and "
                     "one image of at least batch-loop-bytes, through all "
                     "its phases in bands of rows with about this many "
                     "bytes (0: never)"),
      llvm::cl::init(kRowBandBytes)};
  PassOptions::Option<bool> genericAlloc{
      *this, "generic-alloc",
      llvm::cl::desc(
          "Allocate and free buffers, the result's too, with "
          "_mlir_memref_to_llvm_alloc and _mlir_memref_to_llvm_free, "
          "which the embedder defines, instead of malloc and free"),
      llvm::cl::init(false)};
};

/// The error for a pass manager that the pipelines below cannot be added to:
/// one on another op than builtin.module (or any op), such as one nested on
/// func.func; adding them would abort.
llvm::Error checkPipelineAnchor(const mlir::OpPassManager &pm);

/// Lowers a module on tensors (func, arith, math, tensor, linalg, convt,
/// bufferization, scf, memref and calls to runner-utils functions) to the
/// LLVM dialect for the host CPU. Fails, before adding any pass, for a pass
/// manager that checkPipelineAnchor rejects and for an option out of range.
llvm::Error buildCPUPipeline(mlir::OpPassManager &pm,
                             const CPUPipelineOptions &options);

/// Lowers a bufferized module (linalg, scf, vector, memref, arith, math,
/// func) to the LLVM dialect for the host CPU; the last steps of the CPU
/// pipeline. With `threads > 1`, `scf.parallel` loops run on OpenMP threads.
/// Ends with convt-check-lowered: the pass manager fails at an op that is
/// left outside the llvm and omp dialects. With `genericAlloc`, buffers come
/// from the embedder's _mlir_memref_to_llvm_alloc and
/// _mlir_memref_to_llvm_free.
void buildLoopsToLLVMPipeline(mlir::OpPassManager &pm, int64_t threads,
                              bool genericAlloc = false);

/// The form in which `--convt-gpu-pipeline` embeds the kernels.
enum class GPUBinaryFormat {
  /// PTX text, compiled by the CUDA driver when the module is loaded.
  Isa,
  /// A cubin for the chip, made by `ptxas`.
  Bin,
  /// A fatbin holding the cubin and the PTX, made by `ptxas` and `fatbinary`.
  Fatbin,
};

/// The `block-size` option of the GPU pipelines.
struct GPUBlockSizeOption : mlir::detail::PassOptions::Option<int64_t> {
  explicit GPUBlockSizeOption(mlir::detail::PassOptions &parent)
      : Option(parent, "block-size",
               llvm::cl::desc("Threads per block of the "
                              "one-thread-per-element kernels (1 to 1024)"),
               llvm::cl::init(256)) {}
  using Option::operator=;
};

/// The `min-blocks` option of the GPU pipelines.
struct GPUMinBlocksOption : mlir::detail::PassOptions::Option<int64_t> {
  explicit GPUMinBlocksOption(mlir::detail::PassOptions &parent)
      : Option(parent, "min-blocks",
               llvm::cl::desc("Blocks that the tiled convolution kernels "
                              "launch at least, where their sizes are static "
                              "and their pixel tiles can shrink: about the "
                              "GPU's multiprocessors (132 on an H100 SXM or "
                              "H200)"),
               llvm::cl::init(132)) {}
  using Option::operator=;
};

/// Options of `--convt-gpu-pipeline`.
struct GPUPipelineOptions
    : public mlir::PassPipelineOptions<GPUPipelineOptions> {
  LoweringStrategyOption strategy{*this};
  PassOptions::Option<std::string> chip{
      *this, "chip", llvm::cl::desc("The NVIDIA GPU architecture (sm_XY)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("NVPTX features, the PTX ISA version as +ptxXY (default: "
                     "+ptx80, or the lowest version that supports the chip "
                     "where that is higher)"),
      llvm::cl::init("")};
  PassOptions::Option<GPUBinaryFormat> format{
      *this, "format", llvm::cl::desc("How the kernels are embedded"),
      llvm::cl::init(GPUBinaryFormat::Isa),
      llvm::cl::values(
          clEnumValN(GPUBinaryFormat::Isa, "isa",
                     "PTX, compiled by the driver at load time"),
          clEnumValN(GPUBinaryFormat::Bin, "bin", "cubin (needs ptxas)"),
          clEnumValN(GPUBinaryFormat::Fatbin, "fatbin",
                     "fatbin (needs ptxas and fatbinary)"))};
  GPUBlockSizeOption blockSize{*this};
  GPUMinBlocksOption minBlocks{*this};
  PassOptions::Option<bool> convKernels{
      *this, "conv-kernels",
      llvm::cl::desc("Replace the stride-1 convolutions by convt's tiled "
                     "shared-memory kernels; false computes them one thread "
                     "per output element, as a baseline"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> tensorCores{
      *this, "tensor-cores",
      llvm::cl::desc("Let the tiled kernels use TF32 tensor cores where the "
                     "chip has them (sm_80 and newer) and the operand types "
                     "and precision allow"),
      llvm::cl::init(true)};
};

/// Lowers a module on tensors (as `buildCPUPipeline` takes) to the LLVM
/// dialect: the buffer computations become kernels for `chip`, embedded in
/// `gpu.binary` ops, and the host code calls the `mgpu*` runtime functions.
/// The functions keep their interface: memref arguments and results are host
/// memory. Fails for a pass manager that checkPipelineAnchor rejects and for
/// options that the NVPTX backend of the linked LLVM does not support.
llvm::Error buildGPUPipeline(mlir::OpPassManager &pm,
                             const GPUPipelineOptions &options);

/// Options of `--convt-gpu-loops-on-cpu-pipeline`.
struct GPULoopsOnCPUPipelineOptions
    : public mlir::PassPipelineOptions<GPULoopsOnCPUPipelineOptions> {
  LoweringStrategyOption strategy{*this};
  GPUBlockSizeOption blockSize{*this};
  GPUMinBlocksOption minBlocks{*this};
  PassOptions::Option<bool> convKernels{
      *this, "conv-kernels",
      llvm::cl::desc("Use convt's tiled kernels for the convolutions, as "
                     "--convt-gpu-pipeline does by default"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> tensorCores{
      *this, "tensor-cores",
      llvm::cl::desc("Emit the tensor-core kernels where the operand types "
                     "and precision allow, as --convt-gpu-pipeline does for "
                     "sm_80 and newer (their WMMA steps run as matrix "
                     "products)"),
      llvm::cl::init(true)};
};

/// Lowers a module as `buildGPUPipeline` does up to the loops mapped to GPU
/// blocks and threads, then runs those loops on the host CPU, in order and
/// with the tiles in ordinary memory: the kernels' arithmetic, checked
/// without a GPU (not their speed, nor anything a GPU alone could break,
/// such as a missing barrier). Fails for a pass manager that
/// checkPipelineAnchor rejects.
llvm::Error
buildGPULoopsOnCPUPipeline(mlir::OpPassManager &pm,
                           const GPULoopsOnCPUPipelineOptions &options);

/// Registers `--convt-cpu-pipeline`, `--convt-gpu-pipeline` and
/// `--convt-gpu-loops-on-cpu-pipeline`.
void registerConvTPipelines();

} // namespace convt

#endif // CONVT_PIPELINES_PIPELINES_H
