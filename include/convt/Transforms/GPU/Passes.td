//===- Passes.td - convt GPU code generation passes --------*- tablegen -*-===//

#ifndef CONVT_TRANSFORMS_GPU_PASSES_TD
#define CONVT_TRANSFORMS_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvTGPUStageHostMemRefs
    : Pass<"convt-gpu-stage-host-memrefs", "::mlir::func::FuncOp"> {
  let summary = "Keep the buffers of a function in GPU memory, its arguments "
                "and results in host memory";
  let description = [{
    The GPU pipeline runs every buffer computation of a function on the GPU,
    while the memrefs a caller passes and receives (convt-run, a C caller,
    `mlir-runner`) are host memory. On a bufferized function, this pass:

    - copies each memref argument, and each `memref.get_global` (hoisted to
      the entry), into a `gpu.alloc` buffer at the function entry and uses
      the copy instead;
    - turns `memref.alloc` and `memref.dealloc` into `gpu.alloc` and
      `gpu.dealloc`;
    - before each `func.return`, copies each memref result into a new host
      buffer (`memref.alloc`, which the caller owns), copies back the
      arguments and globals the function may write, and frees the device
      buffers the caller does not see.

    The `gpu` ops are synchronous; `gpu-async-region` later puts them on a
    stream. Stack allocations and calls that pass memrefs are rejected: both
    would hand device memory to host code.
  }];
  let dependentDialects = [
    "::mlir::gpu::GPUDialect", "::mlir::memref::MemRefDialect"
  ];
}

def ConvTLinalgToGPULoops
    : Pass<"convt-linalg-to-gpu-loops", "::mlir::func::FuncOp"> {
  let summary = "Lower linalg ops on buffers to scf.parallel loops mapped to "
                "GPU blocks and threads";
  let description = [{
    Lowers every linalg op on memrefs to one `scf.parallel` over its parallel
    dims, with the reduction dims as `scf.for` loops inside, and maps it for
    `convert-parallel-loops-to-gpu`: the parallel dims are collapsed into one
    (the innermost, contiguous in memory, varying fastest) and tiled by
    `block-size`, the tiles mapped to blocks and the elements of a tile to the
    threads of a block (a bounds check covers the last tile). So each thread
    computes one output element, and neighbouring threads touch neighbouring
    elements of the output. Ops whose reduction dims come before a parallel
    dim are interchanged first, and ops without parallel dims run as one
    thread.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "threads per block (1 to 1024)">
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // CONVT_TRANSFORMS_GPU_PASSES_TD
