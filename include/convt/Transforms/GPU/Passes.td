//===- Passes.td - convt GPU code generation passes --------*- tablegen -*-===//

#ifndef CONVT_TRANSFORMS_GPU_PASSES_TD
#define CONVT_TRANSFORMS_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvTGPUCheckCalls
    : Pass<"convt-gpu-check-calls", "::mlir::func::FuncOp"> {
  let summary = "Reject calls that pass tensors or memrefs, before "
                "bufferization";
  let description = [{
    The GPU pipeline keeps every buffer in device memory, which host code
    such as a called function cannot touch. This pass, which the GPU pipeline
    runs before bufferization, fails with an error at each call that takes or
    returns tensors or memrefs. Found after bufferization instead, each such
    call would bring errors at the deallocation code that bufferization
    writes for the buffers it returns. Inlining the callees (`--inline`, which
    the GPU pipeline runs before this pass) removes the calls; what it leaves
    are indirect calls and calls of recursive or external functions.
  }];
}

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
    - replaces each `memref.reshape` of a contiguous buffer whose shape
      operand the host stores (the bufferized `tensor.from_elements` of a
      CIRCULAR fold, or of several batch dims, with dynamic sizes) by a
      `memref.reinterpret_cast` with those sizes, and drops the shape
      buffer: building the reshaped descriptor would read it on the host;
    - before each `func.return`, copies each memref result into a new host
      buffer (`memref.alloc`, which the caller owns), copies back the
      arguments and globals the function may write, and frees the device
      buffers the caller does not see.

    The `gpu` ops are synchronous; `gpu-async-region` later puts them on a
    stream. Stack allocations, calls that pass memrefs, and any other host
    load or store are rejected: they would hand device memory to host code.
    So are buffers of integers wider than 64 bits, which LLVM's NVPTX backend
    cannot convert to floats.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect"
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
    thread. An op of static sizes that needs more blocks than a CUDA grid
    holds (2^31 - 1) is an error; with dynamic sizes the launch checks.
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

def ConvTGPUConvolutionKernels
    : Pass<"convt-gpu-conv-kernels", "::mlir::func::FuncOp"> {
  let summary = "Tiled shared-memory GPU kernels for linalg convolutions";
  let description = [{
    Replaces every stride-1 `linalg.conv_1d_nwc_wcf`, `linalg.conv_2d_nhwc_hwcf`
    and `linalg.conv_3d_ndhwc_dhwcf` on memrefs with a floating-point f32 or
    f64 output (the phase convolutions of convt-to-linalg after
    bufferization) by a tiled implicit GEMM, written as `scf.forall` loops
    with GPU mappings that `--convt-gpu-map-forall-to-launch` turns into a
    `gpu.launch`:

    - the rows of the GEMM are the output pixels (batch and spatial dims,
      row-major), its columns the output channels and its reduction the
      kernel taps times the input channels; each block of the grid
      (`#gpu.block<x>` over pixel tiles, `#gpu.block<y>` over channel tiles)
      computes a tile of BM pixels by BF channels;
    - the tile's accumulators live in workgroup (shared) memory: the block's
      threads start them from the `linalg.fill` or bias `linalg.broadcast`
      that writes the output just before the convolution (which is then
      erased: one launch and one pass over the output less), else from the
      output, and store them at the end;
    - the reduction runs in steps of BK: the threads copy the input values
      of the tile's pixels (gathered at each tap, an implicit im2col) and the
      kernel values of the step into shared memory, converted to the
      accumulator type, reading consecutive channels with consecutive
      threads (coalesced), with zeros outside the operands;
    - each thread then updates a 4 x 4 micro-tile of the accumulators with
      vector loads from shared memory and vector FMAs (f32 in f32: the
      arithmetic `precision = HIGHEST` asks for);
    - the thread loops (`#gpu.thread<x>`) are siblings, each of which ends at
      a barrier once mapped; run in order, as on a CPU, they compute the same.

    With `tensor-cores` (for sm_80 and newer), convolutions with an f32
    accumulator whose operands are f16 or bf16, or f32 where the op carries
    `convt.allow_tf32` (its `precision` allows TF32), and with at least 16
    output channels per tile use TF32 tensor cores instead of the vector
    FMAs: the input tile is stored row-major ([pixel][reduction]), f32
    operands are rounded to TF32 (to the nearest, ties away from zero, as
    `cvt.rna.tf32.f32`) as they are copied in, f16 and bf16 ones are exact
    in TF32, and a loop over the block's warps (`#gpu.warp<x>`) has each warp
    multiply-add two 16 x 16 accumulator fragments with
    `gpu.subgroup_mma_*` (WMMA m16n16k8, f32 accumulation) over the step.

    Tile sizes come from the output channel count: BF is the channel count
    rounded up to a power of two within [4, 64], BM = min(128, 4096 / BF),
    so a block has (BM / 4) * (BF / 4) threads (256 for 64 or more channels),
    and BK is 16 (8 for f64, to stay within 48 KiB of shared memory; 32 with
    tensor cores). With `min-blocks`, a convolution of static sizes whose
    grid has fewer blocks than that halves BM until it has enough, or down
    to 16 pixels (the rows of a WMMA fragment) and 32 threads (a warp): on
    an H200 (132 multiprocessors), `min-blocks=132` made the kernels of the
    benchmark's shapes A-F 1.07-1.42x faster. Integer convolutions are left
    alone, and so are convolutions whose output lies in the buffer of their
    input or kernel (a block would overwrite what others still read);
    distinct function arguments are taken not to overlap.

    With `loops-on-cpu`, the kernels are emitted to run on a CPU (as
    `--convt-gpu-loops-on-cpu-pipeline` does, to check them without a GPU):
    the tiles are in the default memory space, and each WMMA step is a
    `linalg.matmul` on the same fragments of the same tiles.
  }];
  let options = [
    Option<"tensorCores", "tensor-cores", "bool", /*default=*/"true",
           "use TF32 tensor cores (WMMA) where the operand types and the "
           "precision allow (sm_80 and newer)">,
    Option<"loopsOnCPU", "loops-on-cpu", "bool", /*default=*/"false",
           "emit the kernels to run on a CPU: tiles in the default memory "
           "space, WMMA steps as linalg.matmul">,
    Option<"minBlocks", "min-blocks", "int64_t", /*default=*/"0",
           "halve the pixel tiles of convolutions with static sizes (down "
           "to 16 pixels and 32 threads) while they launch fewer blocks "
           "than this (the GPU pipelines: 132)">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def ConvTGPUMapForallToLaunch
    : Pass<"convt-gpu-map-forall-to-launch", "::mlir::func::FuncOp"> {
  let summary = "Map scf.forall loops over GPU blocks and threads to "
                "gpu.launch";
  let description = [{
    Replaces each bufferized `scf.forall` mapped to `#gpu.block<x|y|z>` by a
    `gpu.launch` whose grid is its iteration space (sizes may be dynamic)
    and whose block has as many threads as the largest one-dimensional
    `scf.forall` inside it mapped to `#gpu.thread<x>` (a constant count) or
    to `#gpu.warp<x>` (32 threads per iteration). Allocations of workgroup
    memory at the top of the loop body become views of the launch's dynamic
    shared memory, one after the other at offsets aligned for each (to its
    `alignment` and at least its element size; the base itself is aligned
    at run time where a buffer asks for more than the 16 bytes NVVM
    guarantees), and their deallocations go. Their elements must be
    integers or floats, and their bytes fit the launch's 32-bit size. A
    block loop inside another is an error. The thread
    and warp loops are then mapped by upstream
    `transform::gpu::mapNestedForallToThreadsImpl`: each becomes its body
    for the thread (or warp) ids below its count, followed by a
    `gpu.barrier`, so that sibling loops keep their order.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::gpu::GPUDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // CONVT_TRANSFORMS_GPU_PASSES_TD
