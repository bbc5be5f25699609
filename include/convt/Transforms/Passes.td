//===- Passes.td - convt code generation passes ------------*- tablegen -*-===//

#ifndef CONVT_TRANSFORMS_PASSES_TD
#define CONVT_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvTCPUConvolutionKernels
    : Pass<"convt-cpu-conv-kernels", "::mlir::func::FuncOp"> {
  let summary = "Register-blocked vector FMA loops for linalg convolutions";
  let description = [{
    Replaces every stride-1 `linalg.conv_1d_nwc_wcf`, `linalg.conv_2d_nhwc_hwcf`
    and `linalg.conv_3d_ndhwc_dhwcf` on memrefs (the phase convolutions of
    convt-to-linalg after bufferization) by an explicit loop nest around a
    register-blocked micro-kernel. Float operands no wider than the output,
    with unit-stride channels, and an output in a buffer of its own (not a
    view of the input's or kernel's buffer) are needed; other convolutions
    stay with linalg:

    - the output channels are split into blocks of `V` vectors of the host's
      vector width and the last output spatial dim into blocks of `R` rows, so
      that `R * V` accumulators live in vector registers across the whole
      reduction; a cost model that counts FMAs, loads (two per cycle of up
      to 256 bits, one of 512), latency and leftover blocks picks `R` and
      `V` for each shape, within two thirds of the
      vector registers (more makes LLVM spill accumulators), or with `R <= V`
      within `R * V + R + 1` of them (a kernel of one block of channels with
      a partial last vector, read in place with a mask, needs one more: where
      that does not fit, the kernel is packed with zeros instead, which needs
      no mask: oddD and oddF in bench/ 1.04-1.07x faster with AVX2 than with
      5 x 2), whose steps broadcast their rows first
      and then stream one kernel vector at a time, as oneDNN does (AVX2's
      3 x 4 blocks: A, C, D, E, F and DL in bench/ 1.04-1.12x faster than
      with 5 x 2), with the
      host's FMA throughput (`fmas-per-cycle`: Zen 4 issues one 512-bit FMA
      per cycle, other AVX-512 and AVX2 cores two); with a dynamic width the
      columns left after the full blocks of a row take one tile of their
      count, from an `scf.index_switch` over it with a case per count below
      `R` (F in bench/ with dynamic sizes: 1.10x faster than tiles by the
      bits of the count, whose narrow tiles leave the FMA units idle), and
      `R` is capped so that these cases, summed over the function's
      convolutions with a dynamic width, hold at most 120 accumulators, and
      at least 30 per convolution (their code grows with `R * R`: G3 in
      bench/, one convolution, takes 12 rows of one vector, 1.13-1.22x
      faster than 8); where the columns left are so few
      that their tile has too few accumulators to hide the FMA latency (4
      cycles), they and the last full block take two tiles of about equal
      rows from the same switch instead (4 + 1 rows of 4 vectors as 3 + 2:
      oddC in bench/ with a dynamic width, 1.04x faster);
    - the accumulators start from the output, except on the first block of
      input channels when a `linalg.fill` or a `linalg.broadcast` of a bias
      vector over the output channels writes the output just before the
      convolution: that initialization then starts the accumulators and is
      erased, which saves a pass over the output;
    - with more than one block of output channels (or a dynamic count), the
      kernel is first packed, once per call, into the order the loops read it:
      one contiguous, zero-padded buffer per block of output channels,
      `[F / (V * lanes), C, taps, V * lanes]`, which the hardware prefetches
      and which has none of the cache set conflicts of power-of-two channel
      strides; one block reads the kernel in place, whose rows of consecutive
      input channels at a tap are already contiguous (with threads, this also
      saves each thread the rows the other threads packed), unless it has
      more taps than the L1 cache has ways (`l1-cache-bytes` / 4 KiB): the
      rows at its taps then evict each other (5x5 and 7x7 kernels with 64
      output channels: 20-26% faster packed). A convolution
      marked by `convt-cpu-pack-constant-kernels` with a global of the
      expected layout reads that global instead, packed at compile time;
    - the reduction runs over the kernel taps and the input channels, the
      input channels in blocks sized so that the kernel slice of one output
      channel block stays in two thirds of the L1 cache (`l1-cache-bytes`)
      while the rows are swept (in 128 KiB
      of the L2 cache at one FMA per cycle, which L2 feeds fast enough), all
      blocks of one size; narrow
      outputs sweep a group of rows per channel block, so that the slice
      serves at least 64 pixels once loaded;
    - each step loads `V` kernel vectors, broadcasts `R` input pixels and
      issues `R * V` fused multiply-adds (f16/bf16 operands are extended to
      the f32 accumulator);
    - bf16 operands with 512-bit vectors and `bf16-dot` (by default where
      the host has AVX512-BF16) take two input channels per step with
      `x86vector.avx512.dot` (vdpbf16ps, f32 accumulation): the packed
      kernel then interleaves each pair of input channel rows,
      `[F / (V * lanes), C / 2, taps, 2 * V * lanes]`; an odd last channel
      takes the FMA step on the unpacked kernel;
    - partial output channel blocks use masked output loads and stores (and
      masked kernel loads where the kernel is read in place; the packed
      kernel holds zeros there), partial row blocks a smaller tile:
      any size runs the vector code;
    - an elementwise `linalg.generic` right after the convolution that reads
      its output (an allocation of its own) and writes another buffer, with
      elementwise arith ops in its body and per-channel vectors (a bias) as
      its other inputs, is applied to the accumulator vectors as they are
      stored after the last block of input channels (convt-to-linalg writes
      such a rounding and bias epilogue per phase for f16/bf16 results):
      with one block of input channels and a fused initial value the
      accumulator buffer is never touched and goes. Not where the epilogue
      writes a buffer that the convolution reads;
    - a zero-padded input (bufferized `tensor.pad`: a buffer filled with
      zeros, then a copy of the source into a window of it) that only
      convolutions read, after the copy or in loops after it, each through a
      view with static offsets but for the first of two or more spatial dims
      (the bands of rows of `convt-to-linalg`, whose shift of that dim is
      then found at run time), is read in place: the kernels load the source
      with shifted indices and skip the taps that fall in the padding, and
      the buffer, its fill and its copy go (for D in bench/, 4 MB written and
      read again, about 8% of the time; in bands, DL and FCN in bench/ 5-8%
      faster, D8 4-6% slower at 1 thread).
      Each tile loops over the taps of the outer dims that read the source
      (the range clamped at the padding) around its channel loop, with the
      last dim's taps unrolled inside; with a static width the tiles at the
      ends of the last dim leave out their taps in the padding at compile
      time; with a dynamic one, where the sizes found at run time leave room,
      whole tiles from column 0 and one ending at the first column whose last
      tap reads past the source do the same, and the columns left at the
      ends take 1-row tiles that loop over their taps in the source. With
      dynamic sizes, each tile makes views of its output row, and of the
      input row and of the kernel at its outer taps before its channel loop,
      which drop the dims they fix: the tile then indexes them with static
      strides, and its accesses carry no products of zero indices with
      dynamic strides, which the LLVM dialect does not fold (F, oddA and oddC
      in bench/ with dynamic sizes: 20-27% less LLVM IR, 5-18% less compile
      time). Only for a static kernel and channel count (the batch
      may be dynamic if the copy fills all of it), at most 32 taps along the
      last dim (K7 in bench/: 7-9% faster than on the padded copy) and, with
      a static width, at most 16 output columns with taps in the padding
      (D and E in bench/ with dynamic spatial sizes: 2-3% slower than with
      static sizes, at 1 and 2 threads; 3-D F: 5-6%); nothing after the copy may
      write the source or a buffer that may overlap it (another function
      argument: those may be one buffer in the caller), nor free it before
      the last convolution that reads it (a source in a buffer of its own,
      such as a widened f16 input, is freed after it: F in f16 11% faster,
      D 8%);
    - f32 convolutions with a static kernel and channel counts (the batch and
      spatial sizes may be dynamic) with fewer output channels than a vector
      has lanes, whose input channels fill whole vectors, take the
      lane-reduction kernel instead where its estimate of cycles
      (`convt::estimateLaneReduction`) is below the vectors of output
      channels' (an RGB output: 3 of 16 lanes used): each accumulator holds
      the partial sums of one output pixel and channel over the input channels
      in its lanes. A tile of P pixels times F channels fits, with its P pixel
      vectors and 2 kernel vectors, in 4 registers less than the vector
      registers (28 of AVX-512's 32: with 8 pixels of 3 channels LLVM spilled
      most accumulators; 12 of AVX2's 16), P of least estimated cycles per
      pixel, which counts the adds of the tree of sums (5 pixels of 3
      channels, 15 accumulators summed as one group, were 5% faster than 6 on
      G3 in bench/); each step loads the pixels and one vector per output
      channel of the kernel, packed once per call as `[F, taps, C]`, and
      issues P * F FMAs; after the reduction a tree of shuffles and adds sums
      the lanes of each L accumulators into one vector, in order (shuffles
      within 128 bits first, then of whole 128-bit blocks), which is added to
      the output (or to the fused initial value, repeated in the order of the
      lanes) and stored: each pixel's lanes with a masked load and store of
      the whole vector, placed so that its lanes fall on its channels (no
      shuffles: G3 and G3K3 about 5% faster than with a shuffle and a store of
      F channels per pixel). The rows form an `scf.parallel` with threads. A
      zero-padded input is read in place as below: the taps of the outer dims
      loop over those in the source, and the tiles at the ends of a row, at
      static columns, leave out the pixels whose taps read the padding (at
      most 16 taps along the last dim, at most 8 such tiles per row); with
      dynamic sizes, the columns whose taps reach into the padding take
      1-pixel tiles whose taps of the last dim loop over those in the source,
      and the pixels left after the full tiles of the others one tile from an
      `scf.index_switch` over their count. G3 and G3K3 in bench/ (64 -> 3
      channels, kernel 4 and 3, stride 2) take it on their phases, about 1.2x
      (1.15x at 2 threads) and 1.8x faster than their sub-pixel convolutions
      with vectors of output channels (G3K3 with dynamic sizes: 1.8x too);
    - other f32 convolutions with a static kernel and channel counts (the
      batch and spatial sizes may be dynamic), whose output rows hold at
      least one vector of pixels (if static) and whose output channels leave
      4 of the vector registers spare (at most 28 of AVX-512's 32, 12 of
      AVX2's 16), take the pixels-in-lanes kernel where its estimate of
      cycles per pixel is below 0.9 of the vectors of output channels' (FCN's
      21 classes: 21 of 32 lanes used): each tile of L consecutive output
      pixels of two rows (of one where the output has one row, and for the
      last row of an odd or dynamic count) keeps one accumulator per row and
      output channel, its lanes the L pixels, the output channels in as few
      and as even groups as leave 4 vector registers spare (21 channels on
      two rows: 10 and 11); each step loads the L input pixels of one input
      channel at one tap as one vector per row and multiplies them by each
      output channel's weight, broadcast from the kernel as it is: two FMAs
      per broadcast (in registers and the L1 cache on Zen 5, steps of one
      row, an FMA with an embedded broadcast each, ran at 90% of the FMA
      peak, those of two rows at 100%: bench/studies/pixel_lanes_rows.cpp).
      The estimate is that of tiles of one row, which
      the 0.9 was set with (two rows only run faster): an FMA and a broadcast
      per tap, input and output channel (FMAs per cycle, two loads per
      cycle), the tiles of a row rounded up to whole vectors (a dynamic width
      taken as whole vectors), and per L output channels a transpose of
      log2(L) levels of L two-source shuffles and L stores per tile. The
      kernel reads the input transposed, `[N, spatial..., C, W + L]`, the L
      columns past the row zero, so that the last tile of a row loads whole
      vectors; its pixels past the row end are not stored (with a dynamic
      width, each store checks that its pixel is in the row). A zero-padded
      input that only such kernels read becomes one such transposed buffer,
      zero-filled and written from the source with a `linalg.transpose` just
      after the copy (which goes, with the padded buffer and its fill), and
      freed after the last reader: all the phases of a transposed
      convolution share it (FCN in bench/: 1024 phases). Other inputs are
      transposed per convolution. After the reduction each L accumulators of
      a row and group are transposed, L x L, in log2(L) levels of shuffles,
      and each pixel's channels of the group are stored (masked where they do
      not fill the vector), added to the output's unless a fill or bias
      broadcast started the accumulators. The rows form an `scf.parallel`
      with threads, in steps of two rows. FCN in
      bench/ (21 -> 21 channels, kernel 64, stride 32) on Zen 5: 70-75% of
      the FMA peak at 1 thread and 74-77% at 2 (with tiles of one row: 61-66%
      and 51-55%; with vectors of output channels: 58%). Much of the rest
      goes to the strided stores of its output (each phase writes every
      32nd pixel): with tiles of one row, a build that stored one pixel per
      tile took 26% less time;
    - with `threads > 1` the batch and outer spatial loops (the groups of
      rows) form an `scf.parallel`, which the pipeline turns into OpenMP.
      Inside it loop the blocks of output channels. A packed kernel of at most
      1 MiB (or of dynamic size) is packed by each thread for itself, at the
      cost of packing it as often as there are threads: the `scf.parallel`
      then has one iteration per thread, which packs its own kernel and sweeps
      its share of the batch and outer spatial loops, linearized (rows of a
      kernel packed by another core come from that core's cache: A, oddA and
      bf16 A in bench/ 6-8%, C and oddC 3-5% faster at 2 threads, where the two
      cores were far apart). Larger kernels are packed by all threads
      together. For kernels of more than 1 MiB, which the L2 cache cannot hold
      while each group of rows sweeps them whole, the blocks loop outside the
      rows instead, each sweeping all rows with its slice of the kernel (C in
      bench/: 6-11% faster); with threads, blocks and groups form one
      `scf.parallel`, blocks outermost. Groups of rows differ in size by one
      row at most. Where the last round of groups would leave threads idle
      for more than 5% of the loop, their count is rounded up so that the
      threads get the same number of rows, give or take one (oddA in bench/:
      18 and 13 rows before), at compile time with static sizes and at run
      time with dynamic ones. Below 5%, the smaller groups cost about as much
      as they save (oddF: 1-3% slower).
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "vector register width in bits, a multiple of 64 from 128 to 2048 "
           "(0: the host's: 512 with AVX-512, 256 with AVX2, else 128)">,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "emit scf.parallel over batch and outer rows when above 1 (at "
           "most 65536)">,
    Option<"fmasPerCycle", "fmas-per-cycle", "int64_t", /*default=*/"0",
           "vector FMAs per cycle in the register block cost model (0: the "
           "host's: 1 for 512-bit vectors on AMD Zen 4, else 2)">,
    Option<"l1CacheBytes", "l1-cache-bytes", "int64_t", /*default=*/"0",
           "L1 data cache size in bytes; two thirds of it hold the kernel "
           "slice of a block of input channels, and a kernel read in place "
           "has at most one tap per 4 KiB of it (0: the host's)">,
    Option<"bf16Dot", "bf16-dot", "std::string", /*default=*/"\"host\"",
           "use AVX512-BF16 vdpbf16ps for bf16 operands with 512-bit vectors: "
           "host (if the host CPU has it), on or off">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::x86vector::X86VectorDialect"
  ];
}

def ConvTCPUPackConstantKernels
    : Pass<"convt-cpu-pack-constant-kernels", "::mlir::ModuleOp"> {
  let summary = "Pack the constant kernels of convolutions at compile time";
  let description = [{
    `convt-cpu-conv-kernels` packs the kernel of a convolution with more than
    one block of output channels (or with `vdpbf16ps`) on every call. Where
    the kernel is a constant (a `memref.get_global` of a constant
    `memref.global` with dense values, or a subview of one with static
    offsets and strides: the phase kernels of constant weights), this pass
    packs it once, at compile time, into a new private constant global
    `<global>_packed` in the same layout, and marks the convolution with
    `convt.packed_kernel = {global = @<global>_packed, type = <its type>}`.
    `convt-cpu-conv-kernels` then reads that global, with no packing and no
    buffer per call, and with threads shares it instead of packing a kernel
    per thread. Convolutions that read the same view of a global share one
    packed global.

    Run it right before `convt-cpu-conv-kernels`, with the same
    `vector-bits`, `fmas-per-cycle`, `l1-cache-bytes` and `bf16-dot`: they
    choose the layout.
    Where the options differ, the layouts differ, and the kernels ignore the
    mark and pack on every call.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "as convt-cpu-conv-kernels' option">,
    Option<"fmasPerCycle", "fmas-per-cycle", "int64_t", /*default=*/"0",
           "as convt-cpu-conv-kernels' option">,
    Option<"l1CacheBytes", "l1-cache-bytes", "int64_t", /*default=*/"0",
           "as convt-cpu-conv-kernels' option">,
    Option<"bf16Dot", "bf16-dot", "std::string", /*default=*/"\"host\"",
           "as convt-cpu-conv-kernels' option">
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def ConvTCPUWidenConvOperands
    : Pass<"convt-cpu-widen-conv-operands", "::mlir::func::FuncOp"> {
  let summary = "Widen the narrow float operands of convolutions on tensors "
                "once, before the CPU kernels read them";
  let description = [{
    `convt-cpu-conv-kernels` widens every element it reads to the
    accumulator type, and reads each input pixel once per block of output
    channels and each kernel vector once per row: an f16 pixel takes a load,
    a conversion and a broadcast where an f32 one takes a broadcast load, and
    the conversions compete with the FMAs. With this pass, f16 A, D, E, F and
    oddA of bench/ ran 1.35-1.75x faster at 1 thread and 1.25-1.9x at 2, and
    1.04-1.17x slower than f32, the widening included (without it 1.3-2x).

    This pass runs on tensors, before bufferization. For each stride-1
    `linalg.conv_1d_nwc_wcf`, `linalg.conv_2d_nhwc_hwcf` and
    `linalg.conv_3d_ndhwc_dhwcf` with an f32 or f64 output, each input or
    kernel operand with a narrower float type is replaced by the same value
    computed from a widened tensor: the chain of `tensor.extract_slice` and
    `tensor.pad` (with a constant padding value) that leads to the operand
    is rebuilt on a `linalg.generic` of `arith.extf` of the chain's first
    value. Each first value is widened once, so the phase convolutions of
    convt-to-linalg share one widened input (and one widened kernel), and
    the zero padding stays a `tensor.pad` that `convt-cpu-conv-kernels` can
    read in place. Widening is exact: the results do not change. A kernel of
    constants widens at compile time in `convt-fold-constant-generics`.

    Convolutions that `convt-cpu-conv-kernels` runs with `vdpbf16ps` (bf16
    input and kernel, f32 output, 512-bit vectors, `bf16-dot`) keep their
    bf16 operands.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"0",
           "as convt-cpu-conv-kernels' option">,
    Option<"bf16Dot", "bf16-dot", "std::string", /*default=*/"\"host\"",
           "as convt-cpu-conv-kernels' option">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def ConvTFoldConstantGenerics : Pass<"convt-fold-constant-generics"> {
  let summary = "Evaluate elementwise linalg.generic ops and insert_slice "
                "ops of constants at compile time";
  let description = [{
    convt-to-linalg computes the kernel it convolves with a `linalg.generic`
    where Flax does: the mask multiplied in, the `transpose_kernel` flip and
    channel swap, the cast to the compute dtype. With constant weights (and a
    constant mask) that generic is evaluated here once, into an
    `arith.constant`: the kernel is a constant again, which
    `convt-cpu-pack-constant-kernels` then packs at compile time, and no call
    computes it. A constant bias cast to the compute dtype folds the same way,
    and so does the sub-pixel kernel: its zero padding, a
    `tensor.insert_slice` into a `linalg.fill`, and its rearrangement.

    A `linalg.generic` on tensors folds when:
    - all its loops are parallel, with static ranges and at most
      `max-elements` iterations;
    - each input is an `arith.constant` of dense values or a `dense_resource`
      blob, read through an affine map without `mod` or division (a
      permutation, a flip, a stride) that stays inside it;
    - each output is written through a permutation and not read by the body,
      with elements of 8 to 64 bits;
    - its body computes with `arith.extf`, `truncf` (rounding to nearest
      even), `sitofp`, `uitofp`, `extsi`, `extui`, `trunci`, `mulf`, `addf`,
      `subf`, `muli`, `addi`, `subi` and scalar constants.

    A `tensor.insert_slice` folds when its source is such a constant, its
    destination one too or a `linalg.fill` of a scalar constant, its offsets,
    sizes and strides are static and its result has at most `max-elements`
    elements of 8 to 64 bits.

    Floats are computed with `APFloat`, correctly rounded to nearest even as
    the CPU does (a bf16 or f16 product computed in f32 and then rounded is
    exact before its one rounding, so it gives the same bits). Other generics
    are left as they are, and so is everything on a big-endian host (the
    constants' raw bytes are read in little-endian order).
  }];
  let options = [
    Option<"maxElements", "max-elements", "int64_t", /*default=*/"1 << 24",
           "fold only generics of at most this many iterations and "
           "insert_slices of at most this many elements (the compile time "
           "is about 0.1 s per million)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def ConvTMemRefCopyToLinalg
    : Pass<"convt-memref-copy-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Rewrite memref.copy as linalg.copy";
  let description = [{
    Bufferization copies buffers with `memref.copy`, which the LLVM lowering
    turns into a call to the `memrefCopy` runtime function wherever a side is
    strided. As `linalg.copy` the copy can run in parallel
    (`convt-cpu-parallel-elementwise`) and becomes memcpy of its contiguous
    rows (`convt-copy-rows-to-memcpy`) or loops, and the compiled code needs no
    runtime library.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def ConvTCopyRowsToMemcpy
    : Pass<"convt-copy-rows-to-memcpy", "::mlir::func::FuncOp"> {
  let summary = "Copy the contiguous rows of linalg.copy ops with memcpy";
  let description = [{
    Rewrites a `linalg.copy` on memrefs whose sides both store a run of
    trailing dims contiguously (static sizes, row-major strides, at least
    `min-row-bytes` in all) as loops over the dims before that run around a
    `memref.copy` of one contiguous row, which the LLVM lowering turns into
    `llvm.intr.memcpy`. The input padding of the phase convolutions is such a
    copy: its rows (W x C) are contiguous in the input and in the padded
    buffer.

    LLVM does not vectorize the loops that `convert-linalg-to-loops` makes of
    such a copy: it fully unrolls the short inner loop, then cannot prove that
    the sides do not overlap, and copies one element at a time (measured:
    about 13 GB/s on a 4 MB input, a tenth of the time of a phase
    convolution). Copies whose sides may overlap (`LocalAliasAnalysis`: views
    of one buffer, or two function arguments, which may be one buffer in the
    caller; a new allocation overlaps nothing) are left alone, as are those
    whose rows are shorter than `min-row-bytes`.
  }];
  let options = [
    Option<"minRowBytes", "min-row-bytes", "int64_t", /*default=*/"32",
           "leave copies with shorter contiguous rows to linalg-to-loops">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def ConvTMergeOMPParallel
    : Pass<"convt-merge-omp-parallel", "::mlir::func::FuncOp"> {
  let summary = "Merge consecutive omp.parallel regions into one";
  let description = [{
    `convert-scf-to-openmp` makes each `scf.parallel` an `omp.parallel`
    region of its own: the threads fork and join once per phase convolution.
    This pass moves the body of an `omp.parallel` into the region before it,
    where both have the same clauses (only `num_threads`, of equal values)
    and what lies between them can run before the first one: ops without
    memory effects, allocations, and ops (a serial loop that packs the next
    phase's kernel) whose reads the first region does not write and whose
    writes it neither reads nor writes, by `LocalAliasAnalysis`. A
    `memref.dealloc` between them stays after the merged region. The
    implicit barrier at the end of an `omp.wsloop` without `nowait` keeps
    the bodies in order; a body that ends otherwise gets an `omp.barrier`.

    A fork and join costs more than a barrier: with its four regions as
    one, G3K3 in bench/ (four phases of one 64 x 64 image, 0.06 ms) ran
    about 5% faster at 2 threads.
  }];
  let dependentDialects = ["::mlir::omp::OpenMPDialect"];
}

def ConvTCPUParallelElementwise
    : Pass<"convt-cpu-parallel-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Run the outer loops of elementwise linalg ops on memrefs in "
                "parallel";
  let description = [{
    Tiles every linalg op on memrefs whose loops are all parallel (the fills,
    copies, broadcasts, casts and bias additions around the convolutions:
    the input's zero padding, for one) by 1 along its leading loops, all but
    the last two (all but the last one for two loops), into an `scf.parallel`
    whose body is the same op on one slice. The pipeline turns the
    `scf.parallel` into OpenMP with `threads > 1`, and lowers the op inside it
    to sequential loops that LLVM vectorizes: the innermost dims stay
    contiguous, unlike with `convert-linalg-to-parallel-loops`, whose
    collapsed loop nest loses the vector loop.

    Ops already inside an `scf.parallel` and ops with fewer than 2 loops or
    statically fewer than `min-elements` iterations, for which a parallel
    region costs more than it saves, are left alone, as are ops with an
    input in the buffer of an output (other than the output itself at the
    same indices): an iteration may read what another writes. So are ops
    with an index of both tiled and untiled loops that does not grow with
    them (reversed taps `2 * m - q`, `m` tiled and `q` not), whose operand
    slices would be cut short or start before the operand. A generic whose
    indices each depend on the tiled loops alone or on the others alone is
    tiled by its indices: one of the tiled loops alone, any function of them
    (a sub-pixel gather's `floordiv` and `mod` of the row, the reversed taps
    of a sub-pixel kernel's rearrangement), takes a slice of size 1 at its
    value.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"16384",
           "leave ops with statically fewer iterations sequential">
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def ConvTFillAroundCopies
    : Pass<"convt-fill-around-copies", "::mlir::func::FuncOp"> {
  let summary = "Fill only the part of a buffer that a following copy does "
                "not overwrite";
  let description = [{
    Bufferization writes a zero padding (`tensor.pad`, the phase
    convolutions' padded input) as a fill of the whole padded buffer followed
    by a copy of the input into its interior, so every interior element is
    written twice. This pass finds a fill (`linalg.fill`, or a `linalg.map`
    without inputs that yields a value from outside) of a buffer followed by a
    `linalg.copy` or `linalg.transpose` (the transposed input of the
    pixels-in-lanes kernel) into a unit-stride `memref.subview` of that same
    buffer, with nothing between the two that touches memory, and replaces
    the fill by fills of the slabs around the window, one below and one
    above it per dim (each slab spans the window in the dims before it and
    the whole buffer in the dims after it, so the slabs are disjoint).

    The slabs are filled where the copy is. Offsets, sizes and the buffer's
    shape may be dynamic (slabs then may be empty at run time). Only fills of
    a `memref.alloc` are rewritten, and only when `LocalAliasAnalysis` proves
    that the copy's source cannot alias the filled buffer (a function
    argument or another `memref.alloc`).
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::memref::MemRefDialect"
  ];
}

def ConvTCheckIndirectCalls
    : Pass<"convt-check-indirect-calls", "::mlir::ModuleOp"> {
  let summary = "Reject indirect calls of unknown callees that pass tensors";
  let description = [{
    One-shot bufferization decides, for each call, which of the callee's
    tensor arguments become buffers it writes and which results alias them,
    from the callee's body: a `func.call_indirect` of a function value it
    cannot resolve stays on tensors, and bufferization then fails with only
    "op was not bufferized". As the first pass of the CPU pipeline, this
    pass fails with an error at each `func.call_indirect` whose operands or
    results include a tensor, except a call of a `func.constant` (which the
    canonicalizer turns into a direct call before bufferization).
  }];
}

def ConvTCheckLowered : Pass<"convt-check-lowered", "::mlir::ModuleOp"> {
  let summary = "Reject ops that a pipeline left outside its target dialects";
  let description = [{
    The conversions to LLVM are partial: an op or a type that none of them
    handles stays as it was, and a pipeline would otherwise succeed with a
    module that cannot be translated (a function whose signature holds a
    `tuple<tensor<...>>`, for one, keeps its tensors and its `func` ops).
    As the last pass of the pipelines that end in the LLVM dialect, this pass
    fails with an error at each outermost op (other than a nested
    `builtin.module`) whose dialect is not one of `dialects`, with a note
    naming each of its types, or of its function type, that has no LLVM
    form. The `builtin.unrealized_conversion_cast` ops left around such an op
    follow from it: they are reported only where no other op is.
  }];
  let options = [
    ListOption<"dialects", "dialects", "std::string",
               "the dialects the module may hold (default: llvm)">
  ];
}

#endif // CONVT_TRANSFORMS_PASSES_TD
