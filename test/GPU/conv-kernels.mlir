// RUN: convt-opt %s --split-input-file --convt-gpu-conv-kernels --canonicalize --cse | FileCheck %s
// RUN: convt-opt %s --split-input-file --convt-gpu-conv-kernels="loops-on-cpu" | FileCheck %s --check-prefix=HOST
// RUN: convt-opt %s --split-input-file --convt-gpu-conv-kernels="tensor-cores=false" | FileCheck %s --check-prefix=SIMT
// RUN: convt-opt %s --split-input-file --convt-gpu-conv-kernels="min-blocks=16" --canonicalize --cse | FileCheck %s --check-prefix=BLOCKS
// RUN: not convt-opt %s --split-input-file --convt-gpu-conv-kernels="min-blocks=-1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// NEGATIVE: error: min-blocks must be at least 0; got -1

// 70 output channels: tiles of 64 channels by 64 pixels, 256 threads of one
// 4 x 4 micro-tile each. 2*8*8 = 128 pixels and 70 channels take 2 x 2
// blocks; the reduction over 2*2 taps x 5 channels = 20 takes 2 steps of 16.

// CHECK-LABEL: func.func @conv
// CHECK-SAME:    (%[[X:[a-z0-9]+]]: memref<2x9x9x5xf32>, %[[K:[a-z0-9]+]]: memref<2x2x5x70xf32>, %[[Y:[a-z0-9]+]]: memref<2x8x8x70xf32>)
// CHECK-DAG:     %[[C20:.*]] = arith.constant 20 : index
// CHECK-DAG:     %[[C70:.*]] = arith.constant 70 : index
// CHECK-DAG:     %[[C128:.*]] = arith.constant 128 : index
// CHECK:         scf.forall (%[[BM:.*]], %[[BF:.*]]) in (2, 2) {
// CHECK:           %[[ACC:.*]] = memref.alloc() {alignment = 16 : i64} : memref<64x64xf32, #gpu.address_space<workgroup>>
// CHECK:           %[[IN:.*]] = memref.alloc() {alignment = 16 : i64} : memref<16x68xf32, #gpu.address_space<workgroup>>
// CHECK:           %[[KT:.*]] = memref.alloc() {alignment = 16 : i64} : memref<16x64xf32, #gpu.address_space<workgroup>>

// The accumulators start from the output, zero outside it.
// CHECK:           scf.forall (%{{.*}}) in (256) {
// CHECK:             scf.if
// CHECK:               memref.load %[[Y]]
// CHECK:             memref.store %{{.*}}, %[[ACC]]
// CHECK:           } {mapping = [#gpu.thread<x>]}

// Each step copies the input at the step's taps and channels, and the
// kernel, then updates the micro-tiles.
// CHECK:           scf.for %[[R0:.*]] = %{{.*}} to %[[C20]] step %{{.*}} {
// CHECK:             scf.forall (%{{.*}}) in (256) {
// CHECK-DAG:           arith.cmpi ult, %{{.*}}, %[[C20]]
// CHECK-DAG:           arith.cmpi ult, %{{.*}}, %[[C128]]
// CHECK:               memref.load %[[X]]
// CHECK:               memref.store %{{.*}}, %[[IN]]
// CHECK:               memref.load %[[K]]
// CHECK:               memref.store %{{.*}}, %[[KT]]
// CHECK:             } {mapping = [#gpu.thread<x>]}
// CHECK:             scf.forall (%{{.*}}) in (256) {
// CHECK-COUNT-4:       vector.load %[[ACC]][{{.*}}] {alignment = 16 : i64} : memref<64x64xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK:               vector.load %[[IN]][{{.*}}] {alignment = 16 : i64} : memref<16x68xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK:               vector.load %[[KT]][{{.*}}] {alignment = 16 : i64} : memref<16x64xf32, #gpu.address_space<workgroup>>, vector<4xf32>
// CHECK-COUNT-64:      vector.fma
// CHECK-COUNT-4:       vector.store %{{.*}}, %[[ACC]]
// CHECK:             } {mapping = [#gpu.thread<x>]}
// CHECK:           }

// The tile goes back to the output where it lies inside it.
// CHECK:           scf.forall (%{{.*}}) in (256) {
// CHECK:             scf.if
// CHECK:               memref.load %[[ACC]]
// CHECK:               memref.store %{{.*}}, %[[Y]]
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:           memref.dealloc %[[ACC]]
// CHECK:         } {mapping = [#gpu.block<x>, #gpu.block<y>]}
// CHECK-NOT:     linalg.conv

// With min-blocks=16, the pixel tiles halve while the grid has fewer
// blocks: 32 pixels give 4 x 2 blocks, 16 give 8 x 2, with 64 threads.
// BLOCKS-LABEL: func.func @conv
// BLOCKS:         scf.forall (%{{.*}}, %{{.*}}) in (8, 2) {
// BLOCKS:           memref.alloc() {alignment = 16 : i64} : memref<16x64xf32, #gpu.address_space<workgroup>>
// BLOCKS:           memref.alloc() {alignment = 16 : i64} : memref<16x20xf32, #gpu.address_space<workgroup>>
// BLOCKS:           scf.forall (%{{.*}}) in (64) {

// HOST-LABEL: func.func @conv
// HOST:         memref.alloc() {alignment = 16 : i64} : memref<64x64xf32>
// HOST:         memref.alloc() {alignment = 16 : i64} : memref<16x68xf32>
// HOST:         memref.alloc() {alignment = 16 : i64} : memref<16x64xf32>

func.func @conv(%x: memref<2x9x9x5xf32>, %k: memref<2x2x5x70xf32>, %y: memref<2x8x8x70xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<2x9x9x5xf32>, memref<2x2x5x70xf32>) outs(%y : memref<2x8x8x70xf32>)
  return
}

// -----

// Dynamic sizes and strided views (a phase of the output): the grid is
// ceil(pixels / 64) x ceil(channels / 64); f16 operands are extended to the
// f32 accumulators; the input is read at pixel + tap * dilation (3).

// CHECK-LABEL: func.func @dynamic
// CHECK-SAME:    (%[[X:[a-z0-9]+]]: memref<?x?x?xf16>, %[[K:[a-z0-9]+]]: memref<?x?x?xf16, strided<[?, ?, 1], offset: ?>>, %[[Y:[a-z0-9]+]]: memref<?x?x?xf32, strided<[?, ?, 1], offset: ?>>)
// CHECK-DAG:     %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG:     %[[N:.*]] = memref.dim %[[Y]], %c0
// CHECK-DAG:     %[[W:.*]] = memref.dim %[[Y]], %c1
// CHECK-DAG:     %[[F:.*]] = memref.dim %[[Y]], %c2
// CHECK-DAG:     %[[M:.*]] = arith.muli %[[N]], %[[W]] : index
// CHECK-DAG:     %[[GM:.*]] = arith.ceildivui %[[M]], %c64 : index
// CHECK-DAG:     %[[GF:.*]] = arith.ceildivui %[[F]], %c64 : index
// CHECK:         scf.forall (%{{.*}}, %{{.*}}) in (%[[GM]], %[[GF]]) {
// CHECK:           scf.for
// CHECK:             scf.forall
// CHECK:               scf.if
// CHECK:                 %[[SHIFT:.*]] = arith.muli %{{.*}}, %[[C3]] : index
// CHECK:                 %[[AT:.*]] = arith.addi %{{.*}}, %[[SHIFT]] : index
// CHECK:                 %[[V:.*]] = memref.load %[[X]][%{{.*}}, %[[AT]], %{{.*}}] : memref<?x?x?xf16>
// CHECK:                 arith.extf %[[V]] : f16 to f32
// CHECK:               memref.load %[[K]]
// CHECK:               arith.extf

// The tiles of dynamic sizes do not shrink.
// BLOCKS-LABEL: func.func @dynamic
// BLOCKS:         arith.ceildivui %{{.*}}, %c64
// BLOCKS:         memref.alloc() {alignment = 32 : i64} : memref<64x64xf32, #gpu.address_space<workgroup>>

func.func @dynamic(%x: memref<?x?x?xf16>, %k: memref<?x?x?xf16, strided<[?, ?, 1], offset: ?>>, %y: memref<?x?x?xf32, strided<[?, ?, 1], offset: ?>>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<3> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<?x?x?xf16>, memref<?x?x?xf16, strided<[?, ?, 1], offset: ?>>) outs(%y : memref<?x?x?xf32, strided<[?, ?, 1], offset: ?>>)
  return
}

// -----

// Few output channels make narrow, tall tiles: 3 channels round up to 4,
// tiles of 128 pixels, 32 threads. f64 takes reduction steps of 8 (the
// three tiles stay within 48 KiB) and vectors of 4 x f64, 16-byte aligned
// (NVPTX loads at most 16 bytes at once).

// CHECK-LABEL: func.func @narrow_f64
// CHECK:         memref.alloc() {alignment = 16 : i64} : memref<128x4xf64, #gpu.address_space<workgroup>>
// CHECK:         memref.alloc() {alignment = 16 : i64} : memref<8x132xf64, #gpu.address_space<workgroup>>
// CHECK:         memref.alloc() {alignment = 16 : i64} : memref<8x4xf64, #gpu.address_space<workgroup>>
// CHECK:         scf.forall (%{{.*}}) in (32) {
// CHECK-COUNT-4:   vector.load %{{.*}} {alignment = 16 : i64} : memref<128x4xf64, #gpu.address_space<workgroup>>, vector<4xf64>
// CHECK-COUNT-32:  vector.fma {{.*}} : vector<4xf64>

func.func @narrow_f64(%x: memref<1x4x4x4x2xf64>, %k: memref<1x1x1x2x3xf64>, %y: memref<1x4x4x4x3xf64>) {
  linalg.conv_3d_ndhwc_dhwcf {dilations = dense<1> : tensor<3xi64>, strides = dense<1> : tensor<3xi64>}
    ins(%x, %k : memref<1x4x4x4x2xf64>, memref<1x1x1x2x3xf64>) outs(%y : memref<1x4x4x4x3xf64>)
  return
}

// -----

// Left to --convt-linalg-to-gpu-loops: integer and f16 accumulators, strided
// convolutions and convolutions on tensors.

// CHECK-LABEL: func.func @unsupported
// CHECK-NOT:     scf.forall
// CHECK-COUNT-4: linalg.conv_1d_nwc_wcf

func.func @unsupported(%xi: memref<1x4x2xi32>, %ki: memref<2x2x3xi32>, %yi: memref<1x3x3xi32>,
                       %xh: memref<1x4x2xf16>, %kh: memref<2x2x3xf16>, %yh: memref<1x3x3xf16>,
                       %x: memref<1x4x2xf32>, %k: memref<2x2x3xf32>, %y: memref<1x2x3xf32>,
                       %xt: tensor<1x4x2xf32>, %kt: tensor<2x2x3xf32>, %yt: tensor<1x3x3xf32>) -> tensor<1x3x3xf32> {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xi, %ki : memref<1x4x2xi32>, memref<2x2x3xi32>) outs(%yi : memref<1x3x3xi32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xh, %kh : memref<1x4x2xf16>, memref<2x2x3xf16>) outs(%yh : memref<1x3x3xf16>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<2> : tensor<1xi64>}
    ins(%x, %k : memref<1x4x2xf32>, memref<2x2x3xf32>) outs(%y : memref<1x2x3xf32>)
  %r = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xt, %kt : tensor<1x4x2xf32>, tensor<2x2x3xf32>) outs(%yt : tensor<1x3x3xf32>) -> tensor<1x3x3xf32>
  return %r : tensor<1x3x3xf32>
}

// -----

// Strides and dilations left out are ones (the op's defaults).

// CHECK-LABEL: func.func @default_strides_and_dilations
// CHECK-NOT:     linalg.conv_1d_nwc_wcf
// CHECK:         scf.forall

func.func @default_strides_and_dilations(%x: memref<1x4x2xf32>, %k: memref<2x2x3xf32>, %y: memref<1x3x3xf32>) {
  linalg.conv_1d_nwc_wcf {strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x4x2xf32>, memref<2x2x3xf32>) outs(%y : memref<1x3x3xf32>)
  linalg.conv_1d_nwc_wcf
    ins(%x, %k : memref<1x4x2xf32>, memref<2x2x3xf32>) outs(%y : memref<1x3x3xf32>)
  return
}

// -----

// Tensor cores: f32 operands where the precision allows TF32
// (convt.allow_tf32), 32 channels. Tiles of 128 pixels x 32 channels with
// reduction steps of 32; the input tile is row-major [pixel][reduction]
// (leading dimension 32 + 4), operands are rounded to TF32 as they are
// copied in, and each of the 8 warps updates two 16 x 16 fragments with
// WMMA m16n16k8 (4 steps of 8).

// CHECK-LABEL: func.func @tensor_cores
// CHECK:         %[[ACC:.*]] = memref.alloc() {alignment = 32 : i64} : memref<128x32xf32, #gpu.address_space<workgroup>>
// CHECK:         %[[IN:.*]] = memref.alloc() {alignment = 32 : i64} : memref<128x36xf32, #gpu.address_space<workgroup>>
// CHECK:         %[[KT:.*]] = memref.alloc() {alignment = 32 : i64} : memref<32x32xf32, #gpu.address_space<workgroup>>
// CHECK:         scf.for
// CHECK:           scf.forall (%{{.*}}) in (256) {
// CHECK:             %[[V:.*]] = memref.load %{{.*}} : memref<1x40x40xf32>
// CHECK:             %[[BITS:.*]] = arith.bitcast %[[V]] : f32 to i32
// CHECK:             %[[UP:.*]] = arith.addi %[[BITS]], %c4096_i32 : i32
// CHECK:             %[[CUT:.*]] = arith.andi %[[UP]], %c-8192_i32 : i32
// CHECK:             %[[ROUNDED:.*]] = arith.bitcast %[[CUT]] : i32 to f32
// CHECK:             %[[NAN:.*]] = arith.cmpf uno, %[[V]], %[[V]] : f32
// CHECK:             arith.select %[[NAN]], %[[V]], %[[ROUNDED]] : f32
// CHECK:             memref.store %{{.*}}, %[[IN]][%{{.*}}, %{{.*}}] : memref<128x36xf32, #gpu.address_space<workgroup>>
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:           scf.forall (%{{.*}}) in (8) {
// CHECK:             gpu.subgroup_mma_load_matrix %[[ACC]][{{.*}}] {leadDimension = 32 : index} : memref<128x32xf32, #gpu.address_space<workgroup>> -> !gpu.mma_matrix<16x16xf32, "COp">
// CHECK:             gpu.subgroup_mma_load_matrix %[[IN]][{{.*}}] {leadDimension = 36 : index} : memref<128x36xf32, #gpu.address_space<workgroup>> -> !gpu.mma_matrix<16x8xf32, "AOp">
// CHECK:             gpu.subgroup_mma_load_matrix %[[KT]][{{.*}}] {leadDimension = 32 : index} : memref<32x32xf32, #gpu.address_space<workgroup>> -> !gpu.mma_matrix<8x16xf32, "BOp">
// CHECK-COUNT-4:     gpu.subgroup_mma_compute
// CHECK:             gpu.subgroup_mma_store_matrix %{{.*}}, %[[ACC]][{{.*}}] {leadDimension = 32 : index}
// CHECK-COUNT-4:     gpu.subgroup_mma_compute
// CHECK:             gpu.subgroup_mma_store_matrix
// CHECK:           } {mapping = [#gpu.warp<x>]}

// The same kernel for a CPU: the WMMA steps are matrix products of the same
// fragments of the same tiles.
// HOST-LABEL: func.func @tensor_cores
// HOST:         scf.forall (%{{.*}}) in (8) {
// HOST-COUNT-8:   linalg.matmul ins(%{{.*}}, %{{.*}} : memref<16x8xf32, strided<[36, 1], offset: ?>>, memref<8x16xf32, strided<[32, 1], offset: ?>>) outs(%{{.*}} : memref<16x16xf32, strided<[32, 1], offset: ?>>)
// HOST:         } {mapping = [#gpu.warp<x>]}

// 38 pixels: tiles of 16 pixels (3 blocks), the fewest for one warp of 32
// threads with two 16 x 16 fragments.
// BLOCKS-LABEL: func.func @tensor_cores
// BLOCKS:         scf.forall (%{{.*}}, %{{.*}}) in (3, 1) {
// BLOCKS:           memref.alloc() {alignment = 32 : i64} : memref<16x32xf32, #gpu.address_space<workgroup>>
// BLOCKS:           scf.forall (%{{.*}}) in (1) {
// BLOCKS-COUNT-4:     gpu.subgroup_mma_compute
// BLOCKS:             gpu.subgroup_mma_store_matrix
// BLOCKS-COUNT-4:     gpu.subgroup_mma_compute
// BLOCKS:           } {mapping = [#gpu.warp<x>]}

// Without tensor cores: vector FMAs.
// SIMT-LABEL: func.func @tensor_cores
// SIMT-NOT:     gpu.subgroup_mma
// SIMT:         vector.fma
// SIMT-NOT:     gpu.subgroup_mma

func.func @tensor_cores(%x: memref<1x40x40xf32>, %k: memref<3x40x32xf32>, %y: memref<1x38x32xf32>) {
  linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x40x40xf32>, memref<3x40x32xf32>) outs(%y : memref<1x38x32xf32>)
  return
}

// -----

// f16 and bf16 operands take tensor cores whatever the precision (TF32
// holds them exactly: no rounding); f32 operands without convt.allow_tf32
// (HIGHEST) and fewer than 9 output channels do not.

// CHECK-LABEL: func.func @tensor_core_types
// CHECK:         scf.forall
// CHECK-NOT:       arith.bitcast
// CHECK:           gpu.subgroup_mma_compute
// CHECK:         } {mapping = [#gpu.block<x>, #gpu.block<y>]}
// CHECK:         scf.forall
// CHECK-NOT:       gpu.subgroup_mma_compute
// CHECK:           vector.fma
// CHECK:         } {mapping = [#gpu.block<x>, #gpu.block<y>]}
// CHECK:         scf.forall
// CHECK-NOT:       gpu.subgroup_mma_compute
// CHECK:           vector.fma
// CHECK:         } {mapping = [#gpu.block<x>, #gpu.block<y>]}

func.func @tensor_core_types(%xh: memref<1x4x2xf16>, %kh: memref<2x2x16xbf16>, %yh: memref<1x3x16xf32>,
                             %x: memref<1x4x2xf32>, %k: memref<2x2x16xf32>, %y: memref<1x3x16xf32>,
                             %kn: memref<2x2x8xf32>, %yn: memref<1x3x8xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xh, %kh : memref<1x4x2xf16>, memref<2x2x16xbf16>) outs(%yh : memref<1x3x16xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x4x2xf32>, memref<2x2x16xf32>) outs(%y : memref<1x3x16xf32>)
  linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %kn : memref<1x4x2xf32>, memref<2x2x8xf32>) outs(%yn : memref<1x3x8xf32>)
  return
}

// -----

// A zero fill or bias broadcast written just before the convolution starts
// the accumulators instead of the output, and goes: one pass over the output
// (and one launch) less. Anything that may touch memory in between keeps it.

// CHECK-LABEL: func.func @fused_init
// CHECK-SAME:    (%{{.*}}: memref<1x4x2xf32>, %{{.*}}: memref<2x2x3xf32>, %[[B:[a-z0-9]+]]: memref<3xf32>, %[[Y:[a-z0-9]+]]: memref<1x3x3xf32>, %[[Z:[a-z0-9]+]]: memref<1x3x3xf32>)
// CHECK-NOT:     linalg.broadcast
// CHECK:         scf.forall
// CHECK:           scf.forall
// CHECK:             memref.load %[[B]][%{{.*}}] : memref<3xf32>
// CHECK-NOT:         memref.load %[[Y]]
// CHECK:           } {mapping = [#gpu.thread<x>]}
// CHECK:         linalg.fill ins(%{{.*}}) outs(%[[Z]]
// CHECK:         memref.store
// CHECK:         scf.forall
// CHECK:           scf.forall
// CHECK:             memref.load %[[Z]]

func.func @fused_init(%x: memref<1x4x2xf32>, %k: memref<2x2x3xf32>, %b: memref<3xf32>, %y: memref<1x3x3xf32>, %z: memref<1x3x3xf32>) {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  linalg.broadcast ins(%b : memref<3xf32>) outs(%y : memref<1x3x3xf32>) dimensions = [0, 1]
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x4x2xf32>, memref<2x2x3xf32>) outs(%y : memref<1x3x3xf32>)
  linalg.fill ins(%zero : f32) outs(%z : memref<1x3x3xf32>)
  memref.store %zero, %x[%c0, %c0, %c0] : memref<1x4x2xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x4x2xf32>, memref<2x2x3xf32>) outs(%z : memref<1x3x3xf32>)
  return
}

// -----

// An output in the buffer of the input or of the kernel would be written
// while other blocks still read it: the convolution stays with linalg.

// CHECK-LABEL: func.func @output_overlaps
// CHECK-NOT:     scf.forall
// CHECK-COUNT-2: linalg.conv_1d_nwc_wcf

func.func @output_overlaps(%x: memref<1x10x4xf32>, %k: memref<3x4x4xf32>) {
  %inside = memref.subview %x[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x10x4xf32>, memref<3x4x4xf32>) outs(%inside : memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>)
  %overKernel = memref.reinterpret_cast %k to offset: [0], sizes: [1, 8, 4], strides: [32, 4, 1] : memref<3x4x4xf32> to memref<1x8x4xf32, strided<[32, 4, 1]>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x10x4xf32>, memref<3x4x4xf32>) outs(%overKernel : memref<1x8x4xf32, strided<[32, 4, 1]>>)
  return
}
