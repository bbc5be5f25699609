//===- Pipelines.h - convt pass pipelines -----------------------*- C++ -*-===//

#ifndef CONVT_PIPELINES_PIPELINES_H
#define CONVT_PIPELINES_PIPELINES_H

#include "convt/Conversion/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace convt {

/// Options of `--convt-cpu-pipeline`.
struct CPUPipelineOptions
    : public mlir::PassPipelineOptions<CPUPipelineOptions> {
  PassOptions::Option<LoweringStrategy> strategy{
      *this, "strategy",
      llvm::cl::desc("How convt.conv_transpose is lowered to linalg"),
      llvm::cl::init(LoweringStrategy::Phase),
      llvm::cl::values(
          clEnumValN(LoweringStrategy::Phase, "phase",
                     "one stride-1 convolution per output phase"),
          clEnumValN(LoweringStrategy::Dilate, "dilate",
                     "zero-insertion into the input (reference)"))};
  PassOptions::Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads for the convolutions (OpenMP when above 1)"),
      llvm::cl::init(1)};
  PassOptions::Option<int64_t> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Vector register width in bits (0: the host's)"),
      llvm::cl::init(0)};
};

/// Lowers a module on tensors (func, arith, math, tensor, linalg, convt,
/// bufferization, scf, memref and calls to runner-utils functions) to the
/// LLVM dialect for the host CPU.
void buildCPUPipeline(mlir::OpPassManager &pm,
                      const CPUPipelineOptions &options);

/// Registers `--convt-cpu-pipeline`.
void registerConvTPipelines();

} // namespace convt

#endif // CONVT_PIPELINES_PIPELINES_H
