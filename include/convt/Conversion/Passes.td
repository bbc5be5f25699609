//===- Passes.td - convt conversion passes -----------------*- tablegen -*-===//

#ifndef CONVT_CONVERSION_PASSES_TD
#define CONVT_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertConvTToLinalg : Pass<"convt-to-linalg"> {
  let summary = "Lower convt.conv_transpose to linalg on tensors";
  let description = [{
    Lowers every `convt.conv_transpose` to `linalg`, `tensor` and `arith` ops
    on tensors, computing exactly what Flax computes: batch flattening, the
    mask, `transpose_kernel`, dtype promotion (f16/bf16 accumulate in f32 and
    round once), every padding form, CIRCULAR folding, kernel dilation and the
    bias.

    With `strategy=phase` (the default) each output phase `t = s*q + r` is a
    stride-1 named `linalg.conv_*` of the undilated input with the sub-kernel
    of the taps that hit real input pixels, placed into the output with a
    strided `tensor.insert_slice`: no multiplication by an inserted zero.
    Beyond 16 phases, the phases of equal sizes whose offsets step evenly
    become one `scf.for` nest, so that the IR grows with these runs, not
    with the phases (2-D, kernel 64 and stride 32: 1024 phases, 4 nests).
    With `threads` above 1 the nest is one `scf.forall` whose iterations
    write their phases with `tensor.parallel_insert_slice`: many small
    phases then run on threads of their own instead of each one splitting
    its few rows among the threads. With `batch-loop-bytes`, a large batch
    of images of static sizes (each larger than the kernel; a dynamic batch
    where 8 images would be large) loops over its images, each
    through all the phases, so that each phase reads an image the phase
    before it left in the caches. With `row-band-bytes` too, the loop is
    an `scf.forall` where the threads divide the images, and each image,
    like one image of at least `batch-loop-bytes`, goes through its phases
    in bands of rows of the first spatial dim, of about that many bytes of
    input and output: all the phases of a band write its block of output
    rows, then the next band's, so that the input the phases share and the
    output they interleave stay in the L2 cache while the images stream
    through memory. An image that does not run on a thread of its own has
    its bands in an `scf.forall`. On one thread, images of dynamic sizes
    (2-D and 3-D, with both options) are large or not at run time: the same
    code runs them one at a time in bands, or all at once in one band, in
    `scf.for` loops whose trip counts say which. With
    `sub-pixel-vector-bits`, an op with
    few features is one sub-pixel convolution instead, where a count of
    vector FMAs finds it cheaper (for f32, each side at the cost of the CPU
    kernels' lane-reduction kernel where that is lower) and
    its kernel fits in 1 MiB: all the
    phases at once, with a product of
    the strides times the output channels, from the kernel dilated and
    zero-padded to multiples of the strides, gathered into the result;
    the phases' few channels would fill few vector lanes.
    `strategy=dilate` inserts the zeros into the input and runs one
    convolution: the obviously correct reference.
  }];
  let options = [
    Option<"strategy", "strategy", "::convt::LoweringStrategy",
           "::convt::LoweringStrategy::Phase",
           "phase (one convolution per output phase) or dilate (zero insertion)",
           [{::llvm::cl::values(
             clEnumValN(::convt::LoweringStrategy::Phase, "phase",
                        "one stride-1 convolution per output phase"),
             clEnumValN(::convt::LoweringStrategy::Dilate, "dilate",
                        "zero-insertion into the input (reference)"))}]>,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "the threads the code will run on (the CPU pipeline's): above 1, "
           "the loops over runs of phases (beyond 16 phases), and with "
           "row-band-bytes the batch loop where the threads divide its "
           "images, are scf.forall ops whose iterations write disjoint "
           "slices">,
    Option<"batchLoopBytes", "batch-loop-bytes", "int64_t", /*default=*/"0",
           "with strategy=phase, convolve the images of a batch one at a "
           "time, each through all its phases, where the images have static "
           "sizes and the kernel is no larger than one of them, and the "
           "input has at least this many bytes and more than one image, or "
           "a dynamic batch whose 8 images would; with row-band-bytes and "
           "one thread, at run time for images of dynamic sizes (0: "
           "never)">,
    Option<"rowBandBytes", "row-band-bytes", "int64_t", /*default=*/"0",
           "in a batch loop, give the threads images of their own where "
           "they divide them, and convolve each image, and one image of at "
           "least batch-loop-bytes, through all its phases band by band, in "
           "bands of rows of the first spatial dim (2-D and 3-D) with about "
           "this many bytes of input and output (0: never)">,
    Option<"subPixelVectorBits", "sub-pixel-vector-bits", "int64_t",
           /*default=*/"0",
           "with strategy=phase, convolve an op with static channel counts "
           "and a stride above 1 as one convolution with prod(strides) times "
           "the output channels, whose output is gathered into the "
           "result, where it takes fewer FMAs on vectors of this many bits "
           "than the phases (0: never)">
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::cf::ControlFlowDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect", "::mlir::tensor::TensorDialect"
  ];
}

def ConvTFinalizeToLLVM
    : Pass<"convt-finalize-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Convert the arith, cf, func, index, memref and omp ops to "
                "the LLVM dialect in one conversion";
  let description = [{
    The last conversion of the CPU pipelines, after `convert-vector-to-llvm`,
    the math conversions and `expand-strided-metadata`: it applies upstream's
    patterns for `arith`, `cf` (with `cf.assert` aborting), `func`, `index`,
    `memref` and `omp` to LLVM in a single partial conversion with a single
    type converter (the module's data layout, like `convert-func-to-llvm`).

    The result is what the upstream passes, one per dialect, give in
    sequence, but the module is walked once instead of six times: the loops
    of a convolution with dynamic sizes hold tens of thousands of ops. One
    type converter also means one index width: where the module's data
    layout makes `index` 32 bits wide, `convert-arith-to-llvm` and
    `convert-index-to-llvm` would still take 64 and leave casts that cannot
    be reconciled.

    Unlike `convert-to-llvm`, it converts only these dialects, whatever
    interfaces the context holds: an op of any other dialect (a `complex`
    op, say) stays for `convt-check-lowered` to report.

    With `generic-alloc`, `memref.alloc` and `memref.dealloc` call
    `_mlir_memref_to_llvm_alloc(size)` and `_mlir_memref_to_llvm_free(ptr)`
    instead of `malloc` and `free` (upstream's `use-generic-functions`): an
    embedder defines them, to serve the buffers from its own allocator.
  }];
  let options = [
    Option<"genericAlloc", "generic-alloc", "bool", /*default=*/"false",
           "Allocate and free buffers with _mlir_memref_to_llvm_alloc and "
           "_mlir_memref_to_llvm_free, which the embedder defines, instead "
           "of malloc and free">
  ];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect", "::mlir::omp::OpenMPDialect"
  ];
}

#endif // CONVT_CONVERSION_PASSES_TD
