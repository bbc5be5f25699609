// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=256 l1-cache-bytes=24576" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2 threads=2 l1-cache-bytes=24576" --split-input-file | FileCheck %s --check-prefix=AVX512
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=1" --split-input-file | FileCheck %s --check-prefix=ZEN4
// RUN: not convt-opt %s --convt-cpu-conv-kernels="vector-bits=100" --split-input-file 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not convt-opt %s --convt-cpu-conv-kernels="fmas-per-cycle=-1" --split-input-file 2>&1 | FileCheck %s --check-prefix=FMAS
// RUN: not convt-opt %s --convt-cpu-conv-kernels="l1-cache-bytes=-2" --split-input-file 2>&1 | FileCheck %s --check-prefix=L1
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=256 l1-cache-bytes=49152" --split-input-file | FileCheck %s --check-prefix=L1-48K
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2 bf16-dot=on l1-cache-bytes=24576" --split-input-file | FileCheck %s --check-prefix=DOT
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2 bf16-dot=off l1-cache-bytes=24576" --split-input-file | FileCheck %s --check-prefix=NODOT
// BITS: error: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 100
// FMAS: error: fmas-per-cycle must be at least 0 (0: the host's); got -1
// L1: error: l1-cache-bytes must be at least 0 (0: the host's); got -2
// RUN: not convt-opt %s --convt-cpu-conv-kernels="threads=0" --split-input-file 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: not convt-opt %s --convt-cpu-conv-kernels="threads=70000" --split-input-file 2>&1 | FileCheck %s --check-prefix=MANY
// THREADS: error: threads must be between 1 and 65536; got 0
// MANY: error: threads must be between 1 and 65536; got 70000

// 128 output channels with 8-lane vectors (16 registers): blocks of 4
// vectors x 3 rows, each step's rows broadcast first, then one kernel vector
// at a time. The kernel is first packed in the order the loops read it,
// [F / 32, C, taps, 32], input channels in the outer loop so that each row of
// the kernel is read once. The 12 accumulators are loaded once, carried
// through the loop over input channels, in which the 2x2 taps are unrolled,
// and stored once; the width 32 leaves a 2-row tile.
// Rows of 32 pixels come in groups of 2 per block of 64 input channels (group
// g covers rows [g * 32 / 16, (g + 1) * 32 / 16): groups of sizes that differ
// by at most one).
// The kernel slice of a block of input channels fills two thirds of the L1
// cache: 16 KiB of 24 KiB, 32 channels; 32 KiB of 48 KiB, 64 channels.
// CHECK-LABEL: func.func @conv2d
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// L1-48K-LABEL: func.func @conv2d
//       L1-48K: scf.for %{{.*}} step %c64
//       CHECK: %[[PACKED:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x256x4x32xf32>
//       CHECK: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step
//  CHECK-NEXT: scf.for %[[BLOCK:.*]] = %{{.*}} to %{{.*}} step
//       CHECK: vector.store %{{.*}}, %[[PACKED]][%[[BLOCK]], %[[C]],
//       CHECK: vector.store %{{.*}}, %[[PACKED]]
//       CHECK: scf.for %{{.*}} = %{{.*}} to %c16{{ }}
//       CHECK: scf.for %{{.*}} step %c32
//       CHECK: %[[END:.*]] = arith.divui %{{.*}}, %c16{{ }}
//       CHECK: %[[START:.*]] = arith.divui %{{.*}}, %c16{{ }}
//       CHECK: scf.for %{{.*}} = %[[START]] to %[[END]] step %c1
// CHECK-COUNT-12: vector.load %{{.*}} : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>, vector<8xf32>
//       CHECK: scf.for {{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
//       CHECK: memref.load
// CHECK-COUNT-3: vector.broadcast %{{.*}} : f32 to vector<8xf32>
//       CHECK: vector.load %[[PACKED]]{{.*}} : memref<4x256x4x32xf32>, vector<8xf32>
// CHECK-COUNT-3: vector.fma
// CHECK-COUNT-15: vector.load %[[PACKED]]
//       CHECK: scf.yield
// CHECK-COUNT-12: vector.store
// The 2-row tile: 8 accumulators.
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK-COUNT-8: vector.store
//   CHECK-NOT: vector.maskedstore
//       CHECK: memref.dealloc %[[PACKED]]
// With 16 lanes, two FMAs per cycle favour square blocks of 4 x 4 vectors;
// one FMA per cycle (Zen 4) makes the loads cheap beside the FMAs, and
// 7 rows x 3 vectors wastes less on the width's leftover rows. The kernel
// slice of a block of input channels fills 16 KiB (L1), or 128 KiB (L2) at
// one FMA per cycle: blocks of 16, or of 170 made equal: 2 x 128.
// With two threads, each packs a kernel of its own, [128 / 64, 256, 4, 64],
// and then sweeps its share of the 1 x 16 groups of rows, [t * 16 / 2,
// (t + 1) * 16 / 2), the group's row group and batch index taken apart.
// AVX512-LABEL: func.func @conv2d
//       AVX512: scf.parallel (%[[T:.*]]) = (%{{.*}}) to (%c2)
//       AVX512: %[[OWN:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x256x4x64xf32>
//   AVX512-NOT: scf.parallel
//       AVX512: vector.store %{{.*}}, %[[OWN]]
//       AVX512: %[[NEXT:.*]] = arith.addi %[[T]], %c1
//       AVX512: %[[END:.*]] = arith.muli %[[NEXT]], %c16{{(_[0-9]+)?}} :
//       AVX512: %[[LAST:.*]] = arith.divui %[[END]], %c2
//       AVX512: %[[BEGIN:.*]] = arith.muli %[[T]], %c16{{(_[0-9]+)?}} :
//       AVX512: %[[FIRST:.*]] = arith.divui %[[BEGIN]], %c2
//       AVX512: scf.for %[[I:.*]] = %[[FIRST]] to %[[LAST]] step %c1
//  AVX512-NEXT: %[[GROUP:.*]] = arith.remui %[[I]], %c16
//  AVX512-NEXT: %[[BATCH:.*]] = arith.divui %[[I]], %c16
//       AVX512: scf.for %{{.*}} step %c16
// AVX512-COUNT-16: vector.load %{{.*}} : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>, vector<16xf32>
//       AVX512: %{{.*}}:16 = scf.for
//       AVX512: vector.load %[[OWN]]
//       AVX512: vector.fma %{{.*}} : vector<16xf32>
//       AVX512: memref.dealloc %[[OWN]]
//  AVX512-NEXT: scf.reduce
// ZEN4-LABEL: func.func @conv2d
//       ZEN4: scf.for %{{.*}} step %c128
// ZEN4-COUNT-21: vector.load %{{.*}} : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>, vector<16xf32>
//       ZEN4: %{{.*}}:21 = scf.for
func.func @conv2d(%in: memref<1x33x33x256xf32, strided<[295936, 8704, 256, 1]>>,
                  %k: memref<2x2x256x128xf32, strided<[65536, 32768, 128, 1]>>,
                  %out: memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x33x33x256xf32, strided<[295936, 8704, 256, 1]>>, memref<2x2x256x128xf32, strided<[65536, 32768, 128, 1]>>)
    outs(%out : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>)
  return
}

// -----

// f16 operands are extended to the f32 accumulator; the one block of output
// channels reads the kernel in place, without a packed copy; the kernel
// dilation scales the tap offset of the input index.
// CHECK-LABEL: func.func @conv1d_f16
//   CHECK-NOT: memref.alloc
//       CHECK: %[[W:.*]] = vector.load %{{.*}} : memref<3x4x8xf16>, vector<8xf16>
//       CHECK: arith.extf %[[W]] : vector<8xf16> to vector<8xf32>
//       CHECK: arith.muli %{{.*}}, %c2
//       CHECK: %[[X:.*]] = memref.load %{{.*}} : memref<2x9x4xf16>
//       CHECK: arith.extf %[[X]] : f16 to f32
//       CHECK: vector.fma
func.func @conv1d_f16(%in: memref<2x9x4xf16>, %k: memref<3x4x8xf16>, %out: memref<2x5x8xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<2x9x4xf16>, memref<3x4x8xf16>) outs(%out : memref<2x5x8xf32>)
  return
}

// -----

// One block of output channels reads the kernel in place only with at most
// as many taps as the L1 cache has ways (one per 4 KiB): 9 taps fit 12 ways
// (48 KiB), not 6 (24 KiB), where the kernel is packed first.
// CHECK-LABEL: func.func @taps_beyond_l1_ways
//       CHECK: %[[P:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x4x9x8xf32>
//       CHECK: vector.load %[[P]]
//   CHECK-NOT: vector.load %{{.*}} : memref<3x3x4x8xf32>
// L1-48K-LABEL: func.func @taps_beyond_l1_ways
//   L1-48K-NOT: memref.alloc
//       L1-48K: vector.load %{{.*}} : memref<3x3x4x8xf32>, vector<8xf32>
func.func @taps_beyond_l1_ways(%in: memref<1x10x10x4xf32>, %k: memref<3x3x4x8xf32>, %out: memref<1x8x8x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x10x10x4xf32>, memref<3x3x4x8xf32>) outs(%out : memref<1x8x8x8xf32>)
  return
}

// -----

// Strided convolutions and tensors are left to other lowerings.
// CHECK-LABEL: func.func @untouched
//       CHECK: linalg.conv_1d_nwc_wcf
//       CHECK: linalg.conv_1d_nwc_wcf
func.func @untouched(%in: memref<1x9x4xf32>, %k: memref<3x4x8xf32>, %out: memref<1x4x8xf32>,
                     %t: tensor<1x9x4xf32>, %tk: tensor<3x4x8xf32>, %to: tensor<1x7x8xf32>) -> tensor<1x7x8xf32> {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<2> : tensor<1xi64>}
    ins(%in, %k : memref<1x9x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x4x8xf32>)
  %r = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%t, %tk : tensor<1x9x4xf32>, tensor<3x4x8xf32>) outs(%to : tensor<1x7x8xf32>) -> tensor<1x7x8xf32>
  return %r : tensor<1x7x8xf32>
}

// -----

// 20 output channels over 3 pixels: two full vectors and a masked third in
// one block, which reads the kernel in place, its third vector masked too.
// CHECK-LABEL: func.func @leftover_channels
//   CHECK-NOT: memref.alloc
//       CHECK: %[[MASK:.*]] = vector.create_mask %c4{{.*}} : vector<8xi1>
//       CHECK: vector.maskedload %{{.*}}, %[[MASK]], %{{.*}} : memref<1x3x20xf32>
//       CHECK: vector.load %{{.*}} : memref<1x3x20xf32>, vector<8xf32>
//       CHECK: vector.load %{{.*}} : memref<1x3x20xf32>, vector<8xf32>
//       CHECK: vector.maskedload %{{.*}}, %[[MASK]], %{{.*}} : memref<1x3x20xf32>
//       CHECK: vector.maskedstore %{{.*}}, %[[MASK]]
func.func @leftover_channels(%in: memref<1x3x3xf32>, %k: memref<1x3x20xf32>, %out: memref<1x3x20xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x3x3xf32>, memref<1x3x20xf32>) outs(%out : memref<1x3x20xf32>)
  return
}

// -----

// Vectors of 256 bits load two per cycle: 64 pixels of 64 channels take
// blocks of 5 rows x 2 vectors (10 FMAs, 7 loads) and a 4-row tile, not
// 3 x 4 (12 FMAs, 7 loads), which wins at one load per cycle. 16 pixels of 48
// channels take 4 x 2, not 3 x 3: with 5 x 2, the 1-row tile left over waits
// for the FMA latency.
// CHECK-LABEL: func.func @two_loads_per_cycle
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
//   CHECK-NOT: scf.for {{.*}} -> (vector
func.func @two_loads_per_cycle(%in: memref<1x66x64xf32>, %k: memref<3x64x64xf32>, %out: memref<1x64x64xf32>,
                               %in16: memref<1x18x32xf32>, %k16: memref<3x32x48xf32>, %out16: memref<1x16x48xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x66x64xf32>, memref<3x64x64xf32>) outs(%out : memref<1x64x64xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in16, %k16 : memref<1x18x32xf32>, memref<3x32x48xf32>) outs(%out16 : memref<1x16x48xf32>)
  return
}

// -----

// 32 pixels of 32 channels take blocks of 3 rows x 4 vectors, which fit
// AVX2's 16 registers only with their rows broadcast first (12 accumulators,
// 3 broadcasts, 1 kernel vector at a time), and a 2-row tile, which loads its
// kernel vectors first. With 29 channels, one block of 4 vectors reading the
// kernel in place would need a register for the mask of its last vector: it
// reads a copy packed with zeros past channel 29 instead, without masks.
// CHECK-LABEL: func.func @rows_broadcast_first
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
//       CHECK:   %[[ROW0:.*]] = vector.broadcast
//       CHECK:   %[[ROW1:.*]] = vector.broadcast
//       CHECK:   %[[ROW2:.*]] = vector.broadcast
//   CHECK-NOT:   vector.fma
//       CHECK:   %[[W0:.*]] = vector.load %{{.*}} : memref<1x16x32xf32>
//  CHECK-NEXT:   vector.fma %[[ROW0]], %[[W0]]
//  CHECK-NEXT:   vector.fma %[[ROW1]], %[[W0]]
//  CHECK-NEXT:   vector.fma %[[ROW2]], %[[W0]]
//       CHECK:   %[[W1:.*]] = vector.load %{{.*}} : memref<1x16x32xf32>
//  CHECK-NEXT:   vector.fma %[[ROW0]], %[[W1]]
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
// CHECK-COUNT-4:   vector.load %{{.*}} : memref<1x16x32xf32>
//   CHECK-NOT:   vector.fma
//       CHECK:   vector.broadcast
//  CHECK-NEXT:   vector.fma
//       CHECK: %[[PACKED:.*]] = memref.alloc() {{.*}} : memref<1x16x1x32xf32>
//       CHECK: vector.maskedload %{{.*}} : memref<1x16x29xf32>
//       CHECK: vector.store %{{.*}}, %[[PACKED]]
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
//       CHECK:   %[[ROW0_29:.*]] = vector.broadcast
//       CHECK:   vector.broadcast
//       CHECK:   vector.broadcast
//   CHECK-NOT:   vector.maskedload
//       CHECK:   %[[W0_29:.*]] = vector.load %[[PACKED]]{{.*}} : memref<1x16x1x32xf32>
//  CHECK-NEXT:   vector.fma %[[ROW0_29]], %[[W0_29]]
func.func @rows_broadcast_first(%in: memref<1x32x16xf32>, %k: memref<1x16x32xf32>, %out: memref<1x32x32xf32>,
                                %in29: memref<1x32x16xf32>, %k29: memref<1x16x29xf32>, %out29: memref<1x32x29xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x32x16xf32>, memref<1x16x32xf32>) outs(%out : memref<1x32x32xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in29, %k29 : memref<1x32x16xf32>, memref<1x16x29xf32>) outs(%out29 : memref<1x32x29xf32>)
  return
}

// -----

// A dynamic channel count packs the kernel with zeros past the last channel,
// so no block reads it with masks: AVX2's 3 x 4 blocks fit, as with 32
// channels above, instead of 5 x 2.
// CHECK-LABEL: func.func @rows_broadcast_first_dynamic_channels
//       CHECK: %[[PACKED:.*]] = memref.alloc(%{{.*}}) {{.*}} : memref<?x16x1x32xf32>
//       CHECK: scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>) {
//       CHECK:   %[[ROW0:.*]] = vector.broadcast
//       CHECK:   vector.broadcast
//       CHECK:   vector.broadcast
//   CHECK-NOT:   vector.maskedload
//       CHECK:   %[[W0:.*]] = vector.load %[[PACKED]]{{.*}} : memref<?x16x1x32xf32>
//  CHECK-NEXT:   vector.fma %[[ROW0]], %[[W0]]
func.func @rows_broadcast_first_dynamic_channels(%in: memref<1x32x16xf32>, %k: memref<1x16x?xf32>, %out: memref<1x32x?xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x32x16xf32>, memref<1x16x?xf32>) outs(%out : memref<1x32x?xf32>)
  return
}

// -----

// Strides and dilations left out are ones (the op's defaults); a stride of 2
// without dilations stays a linalg convolution.
// CHECK-LABEL: func.func @default_strides_and_dilations
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf {strides = dense<1>
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf ins
//       CHECK: vector.fma
//       CHECK: vector.fma
//       CHECK: linalg.conv_2d_nhwc_hwcf {strides = dense<2> : tensor<2xi64>}
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
func.func @default_strides_and_dilations(%in: memref<1x5x5x3xf32>, %k: memref<2x2x3x8xf32>, %out: memref<1x4x4x8xf32>, %strided: memref<1x2x2x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x5x5x3xf32>, memref<2x2x3x8xf32>) outs(%out : memref<1x4x4x8xf32>)
  linalg.conv_2d_nhwc_hwcf
    ins(%in, %k : memref<1x5x5x3xf32>, memref<2x2x3x8xf32>) outs(%out : memref<1x4x4x8xf32>)
  linalg.conv_2d_nhwc_hwcf {strides = dense<2> : tensor<2xi64>}
    ins(%in, %k : memref<1x5x5x3xf32>, memref<2x2x3x8xf32>) outs(%strided : memref<1x2x2x8xf32>)
  return
}

// -----

// A zero fill of the output just before the convolution becomes the
// accumulators' start: the fill is gone. With one block of input channels
// the output is never loaded.
// CHECK-LABEL: func.func @fused_fill
//   CHECK-NOT: linalg.fill
//       CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
//   CHECK-NOT: scf.if
//       CHECK: vector.broadcast %[[ZERO]] : f32 to vector<8xf32>
//   CHECK-NOT: vector.load %{{.*}} : memref<1x8x8xf32>, vector<8xf32>
//       CHECK: vector.fma
//       CHECK: vector.store
//   CHECK-NOT: linalg.fill
func.func @fused_fill(%in: memref<1x10x4xf32>, %k: memref<3x4x8xf32>, %out: memref<1x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<1x8x8xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  return
}

// -----

// With several blocks of input channels (600 channels), the first block
// starts from the fill and later ones from the output.
// CHECK-LABEL: func.func @fused_fill_blocks
//       CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
//       CHECK: %[[FIRST:.*]] = arith.cmpi eq, %{{.*}}, %c0
//       CHECK: scf.if %[[FIRST]] -> (vector<8xf32>
//       CHECK:   vector.broadcast %[[ZERO]] : f32 to vector<8xf32>
//       CHECK: } else {
//       CHECK:   vector.load %{{.*}} : memref<1x8x8xf32>, vector<8xf32>
//       CHECK: vector.fma
//       CHECK: vector.store
func.func @fused_fill_blocks(%in: memref<1x10x600xf32>, %k: memref<3x600x8xf32>, %out: memref<1x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<1x8x8xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x600xf32>, memref<3x600x8xf32>) outs(%out : memref<1x8x8xf32>)
  return
}

// -----

// A bias broadcast over the output channels starts the accumulators with the
// bias vectors, masked like the output for the leftover channels.
// CHECK-LABEL: func.func @fused_bias
//  CHECK-SAME: %[[BIAS:[a-z0-9]+]]: memref<12xf32>
//   CHECK-NOT: linalg.broadcast
//       CHECK: vector.load %[[BIAS]][%{{.*}}] : memref<12xf32>, vector<8xf32>
//       CHECK: vector.maskedload %[[BIAS]][%{{.*}}], %{{.*}} : memref<12xf32>, vector<8xi1>, vector<8xf32> into vector<8xf32>
func.func @fused_bias(%in: memref<1x10x4xf32>, %k: memref<3x4x12xf32>, %bias: memref<12xf32>,
                      %out: memref<1x8x12xf32>) {
  linalg.broadcast ins(%bias : memref<12xf32>) outs(%out : memref<1x8x12xf32>) dimensions = [0, 1]
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xf32>, memref<3x4x12xf32>) outs(%out : memref<1x8x12xf32>)
  return
}

// -----

// Not fused: a store between the fill and the convolution, a dynamic number
// of input channels (zero channels would skip the reduction loop that writes
// the start value), a fill of another buffer.
// CHECK-LABEL: func.func @unfused_fills
//       CHECK: linalg.fill
//       CHECK: memref.store
//   CHECK-NOT: scf.if
//       CHECK: linalg.fill
//   CHECK-NOT: scf.if
//       CHECK: linalg.fill
//   CHECK-NOT: scf.if
//       CHECK: return
func.func @unfused_fills(%in: memref<1x10x4xf32>, %k: memref<3x4x8xf32>, %out: memref<1x8x8xf32>,
                         %din: memref<1x10x?xf32>, %dk: memref<3x?x8xf32>, %other: memref<1x8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  linalg.fill ins(%zero : f32) outs(%out : memref<1x8x8xf32>)
  memref.store %zero, %in[%c0, %c0, %c0] : memref<1x10x4xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  linalg.fill ins(%zero : f32) outs(%out : memref<1x8x8xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%din, %dk : memref<1x10x?xf32>, memref<3x?x8xf32>) outs(%out : memref<1x8x8xf32>)
  linalg.fill ins(%zero : f32) outs(%other : memref<1x8x8xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  return
}

// -----

// An empty output: a group takes one row (not none, which the count would
// divide by), and the loops run zero times.
// CHECK-LABEL: func.func @empty_output
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
//       CHECK: scf.for %{{.*}} = %{{.*}} to %c1{{(_[0-9]+)?}}{{ }}
//  CHECK-NEXT: scf.for %{{.*}} = %{{.*}} to %c0{{(_[0-9]+)?}}{{ }}
func.func @empty_output(%in: memref<1x2x10x4xf32>, %k: memref<3x3x4x8xf32>, %out: memref<1x0x8x8xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x2x10x4xf32>, memref<3x3x4x8xf32>) outs(%out : memref<1x0x8x8xf32>)
  return
}

// -----

// bf16 with 512-bit vectors and bf16-dot=on: the kernel is packed once into
// [F / 32, C / 2, taps, 2 * 32] with interleaved pairs of input channel rows
// (zeros past the 20 output channels), each step takes a channel pair with
// vdpbf16ps on the broadcast 32-bit pixel pair, the odd fifth channel takes
// the FMA step on the unpacked kernel, and the packed kernel is freed at the
// end.
// DOT-LABEL: func.func @bf16_dot
//       DOT: %[[PACKED:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x2x3x64xbf16>
//       DOT: vector.maskedload %{{.*}} : memref<3x5x20xbf16>, vector<16xi1>, vector<16xbf16>
//       DOT: %[[ROWS:.*]] = vector.interleave %{{.*}}, %{{.*}} : vector<16xbf16> -> vector<32xbf16>
//       DOT: vector.store %[[ROWS]], %[[PACKED]]{{.*}} : memref<1x2x3x64xbf16>, vector<32xbf16>
//       DOT: scf.for %{{.*}} step %c2
//       DOT: vector.load %[[PACKED]]{{.*}} : memref<1x2x3x64xbf16>, vector<32xbf16>
//       DOT: %[[PAIR:.*]] = vector.load %{{.*}} : memref<1x10x5xbf16>, vector<2xbf16>
//       DOT: vector.bitcast %[[PAIR]] : vector<2xbf16> to vector<1xi32>
//       DOT: %[[WORDS:.*]] = vector.broadcast %{{.*}} : i32 to vector<16xi32>
//       DOT: %[[PAIRS:.*]] = vector.bitcast %[[WORDS]] : vector<16xi32> to vector<32xbf16>
//       DOT: x86vector.avx512.dot %{{.*}}, %[[PAIRS]], %{{.*}} : vector<32xbf16> -> vector<16xf32>
//       DOT: scf.for
//       DOT: arith.extf %{{.*}} : bf16 to f32
//       DOT: vector.fma
//       DOT: memref.dealloc %[[PACKED]]
// NODOT-LABEL: func.func @bf16_dot
//   NODOT-NOT: x86vector
//       NODOT: return
func.func @bf16_dot(%in: memref<1x10x5xbf16>, %k: memref<3x5x20xbf16>, %out: memref<1x8x20xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x5xbf16>, memref<3x5x20xbf16>) outs(%out : memref<1x8x20xf32>)
  return
}

// -----

// With an even static number of input channels every block is whole pairs:
// no FMA step for an odd channel (nothing extended from bf16), so the kernel
// is only read packed.
// DOT-LABEL: func.func @bf16_dot_even_channels
//  DOT-SAME: (%{{.*}}: memref<1x10x4xbf16>, %[[K:.*]]: memref<3x4x20xbf16>,
//       DOT: scf.for %{{.*}} step %c2
//       DOT: x86vector.avx512.dot
//   DOT-NOT: vector.fma
//   DOT-NOT: bf16 to f32
//       DOT: return
func.func @bf16_dot_even_channels(%in: memref<1x10x4xbf16>, %k: memref<3x4x20xbf16>, %out: memref<1x8x20xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xbf16>, memref<3x4x20xbf16>) outs(%out : memref<1x8x20xf32>)
  return
}

// -----

// The elementwise epilogue right after the convolution (rounding to bf16 and
// a bias, as convt-to-linalg writes for each phase) is applied to the
// accumulator vectors as they are stored: the f32 accumulator buffer, filled
// and convolved into only for the epilogue to read it, is gone.
// CHECK-LABEL: func.func @fused_epilogue
//  CHECK-SAME: %[[BIAS:[a-z0-9]+]]: memref<8xbf16>
//       CHECK: %[[Y:.*]] = memref.subview
//   CHECK-NOT: memref.alloc() : memref<1x8x8xf32>
//   CHECK-NOT: linalg.generic
//       CHECK: vector.fma
//       CHECK: %[[B:.*]] = vector.load %[[BIAS]][%{{.*}}] : memref<8xbf16>, vector<8xbf16>
//       CHECK: %[[R:.*]] = arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
//       CHECK: %[[S:.*]] = arith.addf %[[R]], %[[B]] : vector<8xbf16>
//       CHECK: vector.store %[[S]], %[[Y]][%{{.*}}] : memref<1x8x8xbf16, strided<[128, 16, 1]>>, vector<8xbf16>
//   CHECK-NOT: memref.dealloc %{{.*}} : memref<1x8x8xf32>
//   CHECK-NOT: linalg.generic
func.func @fused_epilogue(%in: memref<1x10x4xbf16>, %k: memref<3x4x8xbf16>, %bias: memref<8xbf16>)
    -> memref<1x8x16xbf16> {
  %zero = arith.constant 0.0 : f32
  %result = memref.alloc() : memref<1x8x16xbf16>
  %y = memref.subview %result[0, 0, 0] [1, 8, 8] [1, 1, 1] : memref<1x8x16xbf16> to memref<1x8x8xbf16, strided<[128, 16, 1]>>
  %acc = memref.alloc() : memref<1x8x8xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<1x8x8xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xbf16>, memref<3x4x8xbf16>) outs(%acc : memref<1x8x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%acc, %bias : memref<1x8x8xf32>, memref<8xbf16>) outs(%y : memref<1x8x8xbf16, strided<[128, 16, 1]>>) {
  ^bb0(%a: f32, %b: bf16, %o: bf16):
    %r = arith.truncf %a : f32 to bf16
    %s = arith.addf %r, %b : bf16
    linalg.yield %s : bf16
  }
  memref.dealloc %acc : memref<1x8x8xf32>
  return %result : memref<1x8x16xbf16>
}

// -----

// With several blocks of input channels, the last one stores through the
// epilogue and the others keep the partial sums in the accumulator buffer,
// which stays.
// CHECK-LABEL: func.func @fused_epilogue_blocks
//       CHECK: %[[Y:.*]] = memref.alloc() : memref<1x8x8xbf16>
//       CHECK: %[[ACC:.*]] = memref.alloc() : memref<1x8x8xf32>
//   CHECK-NOT: linalg.generic
//       CHECK: scf.if %{{.*}} {
//       CHECK:   arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
//       CHECK:   vector.store %{{.*}}, %[[Y]]
//       CHECK: } else {
//       CHECK:   vector.store %{{.*}}, %[[ACC]]
//       CHECK: memref.dealloc %[[ACC]]
func.func @fused_epilogue_blocks(%in: memref<1x10x600xf32>, %k: memref<3x600x8xf32>) -> memref<1x8x8xbf16> {
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc() : memref<1x8x8xbf16>
  %acc = memref.alloc() : memref<1x8x8xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<1x8x8xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x600xf32>, memref<3x600x8xf32>) outs(%acc : memref<1x8x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%acc : memref<1x8x8xf32>) outs(%y : memref<1x8x8xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %r = arith.truncf %a : f32 to bf16
    linalg.yield %r : bf16
  }
  memref.dealloc %acc : memref<1x8x8xf32>
  return %y : memref<1x8x8xbf16>
}

// -----

// Not fused: an output that is not an allocation of its own (a function
// argument the caller may read), and an epilogue that is not the next op
// touching memory.
// CHECK-LABEL: func.func @unfused_epilogue
// CHECK-COUNT-2: linalg.generic
func.func @unfused_epilogue(%in: memref<1x10x4xf32>, %k: memref<3x4x8xf32>, %acc: memref<1x8x8xf32>,
                            %y: memref<1x8x8xbf16>) {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f32
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%acc : memref<1x8x8xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%acc : memref<1x8x8xf32>) outs(%y : memref<1x8x8xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %r = arith.truncf %a : f32 to bf16
    linalg.yield %r : bf16
  }
  %own = memref.alloc() : memref<1x8x8xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%own : memref<1x8x8xf32>)
  memref.store %one, %own[%c0, %c0, %c0] : memref<1x8x8xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%own : memref<1x8x8xf32>) outs(%y : memref<1x8x8xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %r = arith.truncf %a : f32 to bf16
    linalg.yield %r : bf16
  }
  memref.dealloc %own : memref<1x8x8xf32>
  return
}

// -----

// Not fused either: an epilogue that writes a buffer the convolution reads
// (bufferization reuses dead buffers), which the kernel would overwrite
// while it still reads it.
// CHECK-LABEL: func.func @aliased_epilogue
// CHECK:         linalg.generic
func.func @aliased_epilogue(%in: memref<1x7x2xbf16>, %kernel: memref<3x2x2xbf16>) -> memref<1x5x2xbf16> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %bytes = memref.alloc() : memref<24xi8>
  %k = memref.view %bytes[%c0][] : memref<24xi8> to memref<3x2x2xbf16>
  %y = memref.view %bytes[%c0][] : memref<24xi8> to memref<1x5x2xbf16>
  memref.copy %kernel, %k : memref<3x2x2xbf16> to memref<3x2x2xbf16>
  %acc = memref.alloc() : memref<1x5x2xf32>
  linalg.fill ins(%zero : f32) outs(%acc : memref<1x5x2xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x7x2xbf16>, memref<3x2x2xbf16>) outs(%acc : memref<1x5x2xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%acc : memref<1x5x2xf32>) outs(%y : memref<1x5x2xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %r = arith.truncf %a : f32 to bf16
    linalg.yield %r : bf16
  }
  memref.dealloc %acc : memref<1x5x2xf32>
  return %y : memref<1x5x2xbf16>
}

// -----

// A zero-padded input (bufferized tensor.pad: a fill, then a copy into a
// window) that only convolutions read is read in place: the kernels load the
// source with shifted indices, each tile loops over the outer taps that read
// the source (clamped at the padding) around the channel loop, the tiles at
// the ends of a row leave out their taps in the padding, and the padded
// buffer, its fill and its copy are gone.
// CHECK-LABEL: func.func @read_in_place
//  CHECK-SAME: (%[[X:.*]]: memref<1x6x20x4xf32>,
//   CHECK-NOT: memref<1x8x22x4xf32>
//       CHECK: arith.ceildivsi
//       CHECK: arith.floordivsi
//       CHECK: %[[LO:.*]] = arith.maxsi %{{.*}}, %c0
//       CHECK: %[[HI:.*]] = arith.minsi %{{.*}}, %c3
//       CHECK: scf.for %[[KH:.*]] = %[[LO]] to %[[HI]] {{.*}} iter_args
//       CHECK:   scf.for %[[C:.*]] = {{.*}} iter_args
//       CHECK:     memref.load %[[X]]
//   CHECK-NOT: memref<1x8x22x4xf32>
//   CHECK-NOT: memref.copy
//   CHECK-NOT: linalg.
//       CHECK: return
func.func @read_in_place(%x: memref<1x6x20x4xf32>, %k: memref<3x3x4x8xf32>)
    -> (memref<1x6x20x8xf32>, memref<1x6x20x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x6x20x8xf32>
  %out2 = memref.alloc() : memref<1x6x20x8xf32>
  %padded = memref.alloc() : memref<1x8x22x4xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x8x22x4xf32>)
  %window = memref.subview %padded[0, 1, 1, 0] [1, 6, 20, 4] [1, 1, 1, 1] : memref<1x8x22x4xf32> to memref<1x6x20x4xf32, strided<[704, 88, 4, 1], offset: 92>>
  memref.copy %x, %window : memref<1x6x20x4xf32> to memref<1x6x20x4xf32, strided<[704, 88, 4, 1], offset: 92>>
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %k : memref<1x8x22x4xf32>, memref<3x3x4x8xf32>) outs(%out : memref<1x6x20x8xf32>)
  %k2 = memref.subview %k[0, 0, 0, 0] [2, 2, 4, 8] [1, 1, 1, 1] : memref<3x3x4x8xf32> to memref<2x2x4x8xf32, strided<[96, 32, 8, 1]>>
  %view = memref.subview %padded[0, 1, 0, 0] [1, 7, 21, 4] [1, 1, 1, 1] : memref<1x8x22x4xf32> to memref<1x7x21x4xf32, strided<[704, 88, 4, 1], offset: 88>>
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%view, %k2 : memref<1x7x21x4xf32, strided<[704, 88, 4, 1], offset: 88>>, memref<2x2x4x8xf32, strided<[96, 32, 8, 1]>>) outs(%out2 : memref<1x6x20x8xf32>)
  memref.dealloc %padded : memref<1x8x22x4xf32>
  return %out, %out2 : memref<1x6x20x8xf32>, memref<1x6x20x8xf32>
}

// -----

// A copy after the convolutions leaves the padded buffer out unless it
// writes the source: here a copy of the result (as bufferization makes of a
// result cut out of a larger buffer) does not.
// CHECK-LABEL: func.func @read_in_place_copy_after
//  CHECK-SAME: (%[[X:.*]]: memref<1x8x4xf32>,
//   CHECK-NOT: memref<1x10x4xf32>
//       CHECK: memref.load %[[X]]
//   CHECK-NOT: memref<1x10x4xf32>
//       CHECK: memref.copy %{{.*}}, %[[RESULT:.*]] : memref<1x8x8xf32> to memref<1x8x8xf32>
//       CHECK: return %[[RESULT]]
func.func @read_in_place_copy_after(%x: memref<1x8x4xf32>, %k: memref<3x4x8xf32>) -> memref<1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x8x8xf32>
  %p = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x10x4xf32>)
  %w = memref.subview %p[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %w : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  %result = memref.alloc() : memref<1x8x8xf32>
  memref.copy %out, %result : memref<1x8x8xf32> to memref<1x8x8xf32>
  memref.dealloc %p : memref<1x10x4xf32>
  memref.dealloc %out : memref<1x8x8xf32>
  return %result : memref<1x8x8xf32>
}

// -----

// A copy into the source after the convolution keeps the padded buffer.
// CHECK-LABEL: func.func @padded_kept_copy_into_source
//  CHECK-SAME: (%[[X:.*]]: memref<1x8x4xf32>,
//       CHECK: %[[P:.*]] = memref.alloc() : memref<1x10x4xf32>
//       CHECK: memref.copy %[[X]]
//       CHECK: memref.load %[[P]]
//       CHECK: memref.copy %{{.*}}, %[[X]] : memref<1x8x4xf32> to memref<1x8x4xf32>
func.func @padded_kept_copy_into_source(%x: memref<1x8x4xf32>, %k: memref<3x4x8xf32>,
                                        %other: memref<1x8x4xf32>) -> memref<1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x8x8xf32>
  %p = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x10x4xf32>)
  %w = memref.subview %p[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %w : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  memref.copy %other, %x : memref<1x8x4xf32> to memref<1x8x4xf32>
  memref.dealloc %p : memref<1x10x4xf32>
  return %out : memref<1x8x8xf32>
}

// -----

// The tiles loop over the taps of the outer dims and unroll those of the
// last dim: a 7x7 kernel (49 taps) reads its source in place, each tile
// looping over the kernel rows that read the source, clamped at 7.
// CHECK-LABEL: func.func @read_in_place_many_taps
//  CHECK-SAME: (%[[X:.*]]: memref<1x6x8x4xf32>,
//   CHECK-NOT: memref<1x12x14x4xf32>
//       CHECK: %[[HI:.*]] = arith.minsi %{{.*}}, %c7
//       CHECK: scf.for %{{.*}} = %{{.*}} to %[[HI]] {{.*}} iter_args
//       CHECK:   scf.for %{{.*}} iter_args
//       CHECK:     memref.load %[[X]]
//   CHECK-NOT: memref<1x12x14x4xf32>
//       CHECK: return
func.func @read_in_place_many_taps(%x: memref<1x6x8x4xf32>, %k: memref<7x7x4x8xf32>)
    -> memref<1x6x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x6x8x8xf32>
  %padded = memref.alloc() : memref<1x12x14x4xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x12x14x4xf32>)
  %window = memref.subview %padded[0, 3, 3, 0] [1, 6, 8, 4] [1, 1, 1, 1] : memref<1x12x14x4xf32> to memref<1x6x8x4xf32, strided<[672, 56, 4, 1], offset: 180>>
  memref.copy %x, %window : memref<1x6x8x4xf32> to memref<1x6x8x4xf32, strided<[672, 56, 4, 1], offset: 180>>
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %k : memref<1x12x14x4xf32>, memref<7x7x4x8xf32>) outs(%out : memref<1x6x8x8xf32>)
  memref.dealloc %padded : memref<1x12x14x4xf32>
  return %out : memref<1x6x8x8xf32>
}

// -----

// More than 32 taps along the last dim are not unrolled: the padded copy
// stays.
// CHECK-LABEL: func.func @padded_kept_many_last_taps
//       CHECK: %[[P:.*]] = memref.alloc() : memref<1x36x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.load %[[P]]
func.func @padded_kept_many_last_taps(%x: memref<1x4x4xf32>, %k: memref<33x4x8xf32>) -> memref<1x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x4x8xf32>
  %padded = memref.alloc() : memref<1x36x4xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x36x4xf32>)
  %window = memref.subview %padded[0, 16, 0] [1, 4, 4] [1, 1, 1] : memref<1x36x4xf32> to memref<1x4x4xf32, strided<[144, 4, 1], offset: 64>>
  memref.copy %x, %window : memref<1x4x4xf32> to memref<1x4x4xf32, strided<[144, 4, 1], offset: 64>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%padded, %k : memref<1x36x4xf32>, memref<33x4x8xf32>) outs(%out : memref<1x4x8xf32>)
  memref.dealloc %padded : memref<1x36x4xf32>
  return %out : memref<1x4x8xf32>
}

// -----

// A dynamic batch is read in place as well when the copy fills the whole
// batch of the padded buffer. The padded buffer stays where the copy covers
// another batch size than the buffer's (batches past it are zeros).
// With a dynamic size, the channel loop reads a view of the input row made
// before it (when the loops over the taps lie around it), which drops the
// dims it fixes: the loads index only the column and the channel.
// CHECK-LABEL: func.func @read_in_place_dynamic_batch
//  CHECK-SAME: (%[[X:.*]]: memref<?x8x4xf32>,
//   CHECK-NOT: memref.alloc(%{{.*}}) : memref<?x10x4xf32>
//       CHECK: %[[ROW:.*]] = memref.subview %[[X]][%{{.*}}, 0, 0] [1, 8, 4] [1, 1, 1] : memref<?x8x4xf32> to memref<8x4xf32, strided<[4, 1], offset: ?>>
//       CHECK: scf.for
//       CHECK: memref.load %[[ROW]][%{{[^,]*}}, %{{[^,]*}}] :
//   CHECK-NOT: memref.copy
//       CHECK: return
// CHECK-LABEL: func.func @dynamic_padded_kept
//       CHECK: %[[P1:.*]] = memref.alloc(%{{.*}}) : memref<?x10x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.load %[[P1]]
func.func @read_in_place_dynamic_batch(%x: memref<?x8x4xf32>, %k: memref<3x4x8xf32>) -> memref<?x8x8xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = memref.dim %x, %c0 : memref<?x8x4xf32>
  %out = memref.alloc(%n) : memref<?x8x8xf32>
  %padded = memref.alloc(%n) : memref<?x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<?x10x4xf32>)
  %window = memref.subview %padded[0, 1, 0] [%n, 8, 4] [1, 1, 1] : memref<?x10x4xf32> to memref<?x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %window : memref<?x8x4xf32> to memref<?x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%padded, %k : memref<?x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<?x8x8xf32>)
  memref.dealloc %padded : memref<?x10x4xf32>
  return %out : memref<?x8x8xf32>
}
func.func @dynamic_padded_kept(%x: memref<?x8x4xf32>, %k: memref<3x4x8xf32>, %m: index) -> memref<?x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc(%m) : memref<?x8x8xf32>
  %p1 = memref.alloc(%m) : memref<?x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p1 : memref<?x10x4xf32>)
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x8x4xf32>
  %w1 = memref.subview %p1[0, 1, 0] [%n, 8, 4] [1, 1, 1] : memref<?x10x4xf32> to memref<?x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %w1 : memref<?x8x4xf32> to memref<?x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p1, %k : memref<?x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<?x8x8xf32>)
  return %out : memref<?x8x8xf32>
}

// -----

// A dynamic width is read in place too. The columns whose 3 taps all read
// the source are [begin, end) = [min(1, w), max(begin, min(w, w - 1))).
// Tiles have 10 rows, as many as AVX2's registers allow: the function's one
// convolution with a dynamic width has all the leftover accumulators. Where
// they fit, the tiles at the ends are whole, with the rows and taps in the
// padding left out at compile time: one from column 0 if 10 <= min(w, w - 1)
// (row 0 without tap 0: 29 FMAs, else 1-row tiles over [0, begin)), one
// ending at w - 1, the first column whose last tap reads past the source, if
// that lies inside the width and after the left tile (row 9 without tap 2).
// The tiles of 10 and then one
// of the leftover count take the columns between; 1-row tiles, whose taps
// loop over [max(-(col - 1), 0), min(w - 1 - (col - 1) + 1, 3)), the columns
// left at the right end.
// CHECK-LABEL: func.func @read_in_place_dynamic_width
//  CHECK-SAME: (%[[Y:.*]]: memref<1x?x4xf32>,
//   CHECK-NOT: memref.copy
//       CHECK: %[[W:.*]] = memref.dim %{{.*}}, %c1
//       CHECK: %[[BEGIN:.*]] = arith.minsi %c1{{.*}}, %[[W]]
//       CHECK: %[[SOURCE_END:.*]] = arith.subi %{{.*}}, %c1
//       CHECK: %[[END:.*]] = arith.maxsi %[[BEGIN]], %{{.*}}
//       CHECK: %[[LEFT_FITS:.*]] = arith.cmpi sle, %c10{{.*}}, %{{.*}}
//       CHECK: scf.if %[[LEFT_FITS]] {
//       CHECK:   memref.subview %[[Y]]
//       CHECK:   scf.for
// CHECK-COUNT-29:  vector.fma
//   CHECK-NOT:   vector.fma
//       CHECK: } else {
//       CHECK:   scf.for %[[COL:.*]] = %{{.*}} to %[[BEGIN]] step %c1
//       CHECK:     %[[FIRST:.*]] = arith.addi %[[COL]], %c-1
//       CHECK:     arith.ceildivsi
//       CHECK:     arith.floordivsi
//       CHECK:     scf.for %[[TAP:.*]] = %{{.*}} to %{{.*}} step %c1
// CHECK-COUNT-1:     vector.fma
//       CHECK: %[[INTERIOR_BEGIN:.*]] = arith.select %[[LEFT_FITS]], %c10{{.*}}, %[[BEGIN]]
//       CHECK: %[[RIGHT_START:.*]] = arith.subi %[[SOURCE_END]], %c9
//       CHECK: %[[AFTER_LEFT:.*]] = arith.cmpi sle, %[[INTERIOR_BEGIN]], %[[RIGHT_START]]
//       CHECK: %[[INSIDE:.*]] = arith.cmpi slt, %[[SOURCE_END]], %[[W]]
//       CHECK: %[[RIGHT_FITS:.*]] = arith.andi %[[INSIDE]], %[[AFTER_LEFT]]
//       CHECK: arith.select %[[RIGHT_FITS]], %[[RIGHT_START]], %[[END]]
//       CHECK: scf.for %{{.*}} = %[[INTERIOR_BEGIN]] to %{{.*}} step %c10
// CHECK-COUNT-30: vector.fma
//       CHECK: scf.index_switch
//       CHECK: default {
//       CHECK: scf.if %[[RIGHT_FITS]] {
// CHECK-COUNT-29:  vector.fma
//   CHECK-NOT:   vector.fma
//       CHECK: }
//       CHECK: %[[RIGHT_END:.*]] = arith.select %[[RIGHT_FITS]], %{{.*}}, %[[END]]
//       CHECK: scf.for %{{.*}} = %[[RIGHT_END]] to %{{.*}} step %c1
//       CHECK:   scf.for
// CHECK-COUNT-1:   vector.fma
//   CHECK-NOT: memref.copy
//       CHECK: return
func.func @read_in_place_dynamic_width(%y: memref<1x?x4xf32>, %k: memref<3x4x8xf32>) -> memref<1x?x8xf32> {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %zero = arith.constant 0.0 : f32
  %w = memref.dim %y, %c1 : memref<1x?x4xf32>
  %wp = arith.addi %w, %c2 : index
  %out = memref.alloc(%w) : memref<1x?x8xf32>
  %p = memref.alloc(%wp) : memref<1x?x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x?x4xf32>)
  %win = memref.subview %p[0, 1, 0] [1, %w, 4] [1, 1, 1] : memref<1x?x4xf32> to memref<1x?x4xf32, strided<[?, 4, 1], offset: 4>>
  memref.copy %y, %win : memref<1x?x4xf32> to memref<1x?x4xf32, strided<[?, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p, %k : memref<1x?x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x?x8xf32>)
  memref.dealloc %p : memref<1x?x4xf32>
  return %out : memref<1x?x8xf32>
}

// -----

// Convolutions in a loop that read a padded buffer through views at a
// dynamic offset along the first spatial dim (the bands of rows of
// convt-to-linalg) read its source in place too: that dim's shift is the
// view's offset minus the window's (-1), at run time, and the taps of each
// output row that read the padding are skipped by the tap loop's bounds.
// CHECK-LABEL: func.func @read_in_place_bands
//  CHECK-SAME: (%[[X:.*]]: memref<1x8x8x4xf32>,
//   CHECK-NOT: memref.copy
//       CHECK: scf.for %[[BAND:.*]] = %c0 to %c4 step %c1 {
//       CHECK:   %[[ROW:.*]] = arith.muli %[[BAND]], %c2
//       CHECK:   %[[SHIFT:.*]] = arith.addi %[[ROW]], %c-1
//       CHECK:     arith.addi %{{.*}}, %[[SHIFT]]
//       CHECK:     arith.ceildivsi
//       CHECK:     arith.floordivsi
//       CHECK:     scf.for
//       CHECK:       %[[IN_ROW:.*]] = arith.addi %{{.*}}, %[[SHIFT]]
//       CHECK:       memref.load %[[X]][%{{.*}}, %[[IN_ROW]],
//   CHECK-NOT: memref.copy
//       CHECK: return
func.func @read_in_place_bands(%x: memref<1x8x8x4xf32>, %k: memref<2x2x4x8xf32>) -> memref<1x8x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %out = memref.alloc() : memref<1x8x8x8xf32>
  %p = memref.alloc() : memref<1x10x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x10x10x4xf32>)
  %w = memref.subview %p[0, 1, 1, 0] [1, 8, 8, 4] [1, 1, 1, 1] : memref<1x10x10x4xf32> to memref<1x8x8x4xf32, strided<[400, 40, 4, 1], offset: 44>>
  memref.copy %x, %w : memref<1x8x8x4xf32> to memref<1x8x8x4xf32, strided<[400, 40, 4, 1], offset: 44>>
  scf.for %b = %c0 to %c4 step %c1 {
    %row = arith.muli %b, %c2 : index
    %in = memref.subview %p[0, %row, 0, 0] [1, 3, 9, 4] [1, 1, 1, 1] : memref<1x10x10x4xf32> to memref<1x3x9x4xf32, strided<[400, 40, 4, 1], offset: ?>>
    %o = memref.subview %out[0, %row, 0, 0] [1, 2, 8, 8] [1, 1, 1, 1] : memref<1x8x8x8xf32> to memref<1x2x8x8xf32, strided<[512, 64, 8, 1], offset: ?>>
    linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %k : memref<1x3x9x4xf32, strided<[400, 40, 4, 1], offset: ?>>, memref<2x2x4x8xf32>) outs(%o : memref<1x2x8x8xf32, strided<[512, 64, 8, 1], offset: ?>>)
  }
  memref.dealloc %p : memref<1x10x10x4xf32>
  return %out : memref<1x8x8x8xf32>
}

// -----

// The padded copy stays where an op in the loop writes the source, and
// where a view's offset along another dim than the first spatial one is
// dynamic.
// CHECK-LABEL: func.func @bands_kept
//       CHECK: memref.alloc() : memref<1x10x10x4xf32>
//       CHECK: memref.copy
//       CHECK: scf.for
//       CHECK:   linalg.fill
//       CHECK: memref.alloc() : memref<1x10x10x4xf32>
//       CHECK: memref.copy
//       CHECK: return
func.func @bands_kept(%k: memref<2x2x4x8xf32>) -> memref<1x8x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %x = memref.alloc() : memref<1x8x8x4xf32>
  linalg.fill ins(%zero : f32) outs(%x : memref<1x8x8x4xf32>)
  %out = memref.alloc() : memref<1x8x8x8xf32>
  %p = memref.alloc() : memref<1x10x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x10x10x4xf32>)
  %w = memref.subview %p[0, 1, 1, 0] [1, 8, 8, 4] [1, 1, 1, 1] : memref<1x10x10x4xf32> to memref<1x8x8x4xf32, strided<[400, 40, 4, 1], offset: 44>>
  memref.copy %x, %w : memref<1x8x8x4xf32> to memref<1x8x8x4xf32, strided<[400, 40, 4, 1], offset: 44>>
  scf.for %b = %c0 to %c4 step %c1 {
    %row = arith.muli %b, %c2 : index
    %in = memref.subview %p[0, %row, 0, 0] [1, 3, 9, 4] [1, 1, 1, 1] : memref<1x10x10x4xf32> to memref<1x3x9x4xf32, strided<[400, 40, 4, 1], offset: ?>>
    %o = memref.subview %out[0, %row, 0, 0] [1, 2, 8, 8] [1, 1, 1, 1] : memref<1x8x8x8xf32> to memref<1x2x8x8xf32, strided<[512, 64, 8, 1], offset: ?>>
    linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %k : memref<1x3x9x4xf32, strided<[400, 40, 4, 1], offset: ?>>, memref<2x2x4x8xf32>) outs(%o : memref<1x2x8x8xf32, strided<[512, 64, 8, 1], offset: ?>>)
    linalg.fill ins(%zero : f32) outs(%x : memref<1x8x8x4xf32>)
  }
  %p2 = memref.alloc() : memref<1x10x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p2 : memref<1x10x10x4xf32>)
  %w2 = memref.subview %p2[0, 1, 1, 0] [1, 8, 8, 4] [1, 1, 1, 1] : memref<1x10x10x4xf32> to memref<1x8x8x4xf32, strided<[400, 40, 4, 1], offset: 44>>
  memref.copy %x, %w2 : memref<1x8x8x4xf32> to memref<1x8x8x4xf32, strided<[400, 40, 4, 1], offset: 44>>
  scf.for %b = %c0 to %c4 step %c1 {
    %col = arith.muli %b, %c2 : index
    %in = memref.subview %p2[0, 0, %col, 0] [1, 9, 3, 4] [1, 1, 1, 1] : memref<1x10x10x4xf32> to memref<1x9x3x4xf32, strided<[400, 40, 4, 1], offset: ?>>
    %o = memref.subview %out[0, 0, %col, 0] [1, 8, 2, 8] [1, 1, 1, 1] : memref<1x8x8x8xf32> to memref<1x8x2x8xf32, strided<[512, 64, 8, 1], offset: ?>>
    linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%in, %k : memref<1x9x3x4xf32, strided<[400, 40, 4, 1], offset: ?>>, memref<2x2x4x8xf32>) outs(%o : memref<1x8x2x8xf32, strided<[512, 64, 8, 1], offset: ?>>)
  }
  memref.dealloc %p : memref<1x10x10x4xf32>
  memref.dealloc %p2 : memref<1x10x10x4xf32>
  return %out : memref<1x8x8x8xf32>
}

// -----

// The views made with dynamic sizes (of the output row, the input row and the
// kernel at the taps looped around the channel loop) drop the dims they fix,
// the leading ones. Of this kernel, whose unit dims have equal strides, the
// dims to drop are ambiguous by shape alone: a view inferred from the shape
// failed to verify.
// CHECK-LABEL: func.func @views_drop_leading_dims
//  CHECK-SAME: (%[[Y:.*]]: memref<1x?x?x1xf32>, %[[K:.*]]: memref<4x1x1x2xf32, strided<[2, 4, 2, 1]>>)
//   CHECK-NOT: memref.copy
//       CHECK: %[[OUT_ROW:.*]] = memref.subview %{{.*}}[%{{.*}}, %{{.*}}, 0, 0] [1, 1, %{{.*}}, 2] [1, 1, 1, 1] : memref<1x?x?x2xf32> to memref<?x2xf32, strided<[2, 1], offset: ?>>
//       CHECK: vector.load %[[OUT_ROW]][%{{[^,]*}}, %{{[^,]*}}] :
//       CHECK: memref.subview %[[Y]][%{{.*}}, %{{.*}}, 0, 0] [1, 1, %{{.*}}, 1] [1, 1, 1, 1] : memref<1x?x?x1xf32> to memref<?x1xf32, strided<[1, 1], offset: ?>>
//       CHECK: memref.subview %[[K]][%{{.*}}, 0, 0, 0] [1, 1, 1, 2] [1, 1, 1, 1] : memref<4x1x1x2xf32, strided<[2, 4, 2, 1]>> to memref<1x1x2xf32, strided<[4, 2, 1], offset: ?>>
//       CHECK: vector.store %{{.*}}, %[[OUT_ROW]][%{{[^,]*}}, %{{[^,]*}}] :
func.func @views_drop_leading_dims(%y: memref<1x?x?x1xf32>, %k: memref<4x1x1x2xf32, strided<[2, 4, 2, 1]>>) -> memref<1x?x?x2xf32> {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %h = memref.dim %y, %c1 : memref<1x?x?x1xf32>
  %w = memref.dim %y, %c2 : memref<1x?x?x1xf32>
  %hp = arith.addi %h, %c3 : index
  %out = memref.alloc(%h, %w) : memref<1x?x?x2xf32>
  %p = memref.alloc(%hp, %w) : memref<1x?x?x1xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x?x?x1xf32>)
  %win = memref.subview %p[0, 1, 0, 0] [1, %h, %w, 1] [1, 1, 1, 1] : memref<1x?x?x1xf32> to memref<1x?x?x1xf32, strided<[?, ?, 1, 1], offset: ?>>
  memref.copy %y, %win : memref<1x?x?x1xf32> to memref<1x?x?x1xf32, strided<[?, ?, 1, 1], offset: ?>>
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %k : memref<1x?x?x1xf32>, memref<4x1x1x2xf32, strided<[2, 4, 2, 1]>>) outs(%out : memref<1x?x?x2xf32>)
  memref.dealloc %p : memref<1x?x?x1xf32>
  return %out : memref<1x?x?x2xf32>
}

// -----

// The padded buffer stays where something else reads it, where the source
// may change after the copy, where too many output columns have taps in the
// padding (40 on each side here), where the convolution writes a function
// argument, which may be the source itself, and where the source is freed
// before the convolution.
// CHECK-LABEL: func.func @padded_kept
//       CHECK: %[[P1:.*]] = memref.alloc() : memref<1x10x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.load %[[P1]]
//       CHECK: %[[P2:.*]] = memref.alloc() : memref<1x10x4xf32>
//       CHECK: memref.copy
//       CHECK: linalg.fill
//       CHECK: memref.load %[[P2]]
//       CHECK: %[[P3:.*]] = memref.alloc() : memref<1x88x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.load %[[P3]]
//       CHECK: %[[P4:.*]] = memref.alloc() : memref<1x10x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.load %[[P4]]
//       CHECK: %[[P5:.*]] = memref.alloc() : memref<1x10x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.dealloc
//       CHECK: memref.load %[[P5]]
func.func @padded_kept(%x: memref<1x8x4xf32>, %k: memref<3x4x8xf32>,
                       %copy: memref<1x10x4xf32>, %kwide: memref<3x4x8xf32>,
                       %aliased: memref<1x8x8xf32>)
    -> (memref<1x8x8xf32>, memref<1x88x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x8x8xf32>
  %wide = memref.alloc() : memref<1x88x8xf32>
  %p1 = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p1 : memref<1x10x4xf32>)
  %w1 = memref.subview %p1[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %w1 : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p1, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  memref.copy %p1, %copy : memref<1x10x4xf32> to memref<1x10x4xf32>

  %p2 = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p2 : memref<1x10x4xf32>)
  %w2 = memref.subview %p2[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %w2 : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.fill ins(%zero : f32) outs(%x : memref<1x8x4xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p2, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)

  %p3 = memref.alloc() : memref<1x88x4xf32>
  linalg.fill ins(%zero : f32) outs(%p3 : memref<1x88x4xf32>)
  %w3 = memref.subview %p3[0, 40, 0] [1, 8, 4] [1, 1, 1] : memref<1x88x4xf32> to memref<1x8x4xf32, strided<[352, 4, 1], offset: 160>>
  memref.copy %x, %w3 : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[352, 4, 1], offset: 160>>
  %wide_view = memref.subview %wide[0, 0, 0] [1, 86, 8] [1, 1, 1] : memref<1x88x8xf32> to memref<1x86x8xf32, strided<[704, 8, 1]>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p3, %kwide : memref<1x88x4xf32>, memref<3x4x8xf32>) outs(%wide_view : memref<1x86x8xf32, strided<[704, 8, 1]>>)

  %p4 = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p4 : memref<1x10x4xf32>)
  %w4 = memref.subview %p4[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %x, %w4 : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p4, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%aliased : memref<1x8x8xf32>)

  %source = memref.alloc() : memref<1x8x4xf32>
  memref.copy %x, %source : memref<1x8x4xf32> to memref<1x8x4xf32>
  %p5 = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p5 : memref<1x10x4xf32>)
  %w5 = memref.subview %p5[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %source, %w5 : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.dealloc %source : memref<1x8x4xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p5, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  return %out, %wide : memref<1x8x8xf32>, memref<1x88x8xf32>
}

// -----

// The padded copy stays where an op after the last convolution writes the
// source: fused as the convolution's epilogue, it would overwrite the source
// while the convolution still reads it.
// CHECK-LABEL: func.func @source_written_by_epilogue
//       CHECK: %[[P:.*]] = memref.alloc() : memref<1x10x4xf32>
//       CHECK: memref.copy
//       CHECK: memref.load %[[P]]
func.func @source_written_by_epilogue(%x: memref<1x8x4xf32>, %k: memref<3x4x4xf32>)
    -> memref<1x8x4xf32> {
  %zero = arith.constant 0.0 : f32
  %source = memref.alloc() : memref<1x8x4xf32>
  memref.copy %x, %source : memref<1x8x4xf32> to memref<1x8x4xf32>
  %p = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x10x4xf32>)
  %w = memref.subview %p[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %source, %w : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  %out = memref.alloc() : memref<1x8x4xf32>
  linalg.fill ins(%zero : f32) outs(%out : memref<1x8x4xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p, %k : memref<1x10x4xf32>, memref<3x4x4xf32>) outs(%out : memref<1x8x4xf32>)
  linalg.generic {indexing_maps = [affine_map<(n, w, c) -> (n, w, c)>, affine_map<(n, w, c) -> (n, w, c)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%out : memref<1x8x4xf32>) outs(%source : memref<1x8x4xf32>) {
  ^bb0(%in: f32, %unused: f32):
    linalg.yield %in : f32
  }
  memref.dealloc %p : memref<1x10x4xf32>
  memref.dealloc %out : memref<1x8x4xf32>
  return %source : memref<1x8x4xf32>
}

// -----

// An output in the buffer of the input or of the kernel would be written
// while the kernels still read it: the convolution stays with linalg.
// CHECK-LABEL: func.func @output_overlaps
//       CHECK: linalg.conv_1d_nwc_wcf
//       CHECK: linalg.conv_1d_nwc_wcf
func.func @output_overlaps(%x: memref<1x10x4xf32>, %k: memref<3x4x4xf32>) {
  %inside = memref.subview %x[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x10x4xf32>, memref<3x4x4xf32>) outs(%inside : memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>)
  %overKernel = memref.reinterpret_cast %k to offset: [0], sizes: [1, 8, 4], strides: [32, 4, 1] : memref<3x4x4xf32> to memref<1x8x4xf32, strided<[32, 4, 1]>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x10x4xf32>, memref<3x4x4xf32>) outs(%overKernel : memref<1x8x4xf32, strided<[32, 4, 1]>>)
  return
}

// -----

// An operand wider than the output (f64 into f32, which linalg's body
// rounds first) leaves the convolution to linalg.
// CHECK-LABEL: func.func @narrowing
//       CHECK: linalg.conv_1d_nwc_wcf
func.func @narrowing(%x: memref<1x8x4xf64>, %k: memref<3x4x4xf32>, %out: memref<1x6x4xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x8x4xf64>, memref<3x4x4xf32>) outs(%out : memref<1x6x4xf32>)
  return
}

// -----

// A source in a buffer of its own (a widened f16 input), freed after the
// last convolution that reads its padded copy, is read in place too.
// CHECK-LABEL: func.func @read_in_place_freed_source
//       CHECK: %[[SOURCE:.*]] = memref.alloc() : memref<1x8x4xf32>
//       CHECK: linalg.generic
//   CHECK-NOT: memref<1x10x4xf32>
//       CHECK: memref.load %[[SOURCE]]
//   CHECK-NOT: memref<1x10x4xf32>
//       CHECK: memref.dealloc %[[SOURCE]]
func.func @read_in_place_freed_source(%x: memref<1x8x4xf16>,
                                      %k: memref<3x4x8xf32>)
    -> memref<1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x8x8xf32>
  %source = memref.alloc() : memref<1x8x4xf32>
  linalg.generic {indexing_maps = [affine_map<(n, w, c) -> (n, w, c)>, affine_map<(n, w, c) -> (n, w, c)>],
                  iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%x : memref<1x8x4xf16>) outs(%source : memref<1x8x4xf32>) {
  ^bb0(%in: f16, %unused: f32):
    %wide = arith.extf %in : f16 to f32
    linalg.yield %wide : f32
  }
  %p = memref.alloc() : memref<1x10x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x10x4xf32>)
  %w = memref.subview %p[0, 1, 0] [1, 8, 4] [1, 1, 1] : memref<1x10x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  memref.copy %source, %w : memref<1x8x4xf32> to memref<1x8x4xf32, strided<[40, 4, 1], offset: 4>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%p, %k : memref<1x10x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x8x8xf32>)
  memref.dealloc %p : memref<1x10x4xf32>
  memref.dealloc %source : memref<1x8x4xf32>
  return %out : memref<1x8x8xf32>
}

// -----

// A kernel of more than 1 MiB (1024 x 300 f32): each block of output
// channels sweeps all rows while its slice of the packed kernel stays in the
// L2 cache, so the loop over the 5 blocks (the leftover one included) is
// outside the loop over the groups of rows (of the batch in 1-D), not inside
// it. With threads the two form one parallel loop. The leftover block of 44
// channels is a branch of its own: 4 rows x 3 vectors, the last one masked.
// NODOT-LABEL: func.func @large_kernel
//       NODOT: %[[PACKED:.*]] = memref.alloc() {{.*}} : memref<5x1024x1x64xf32>
//       NODOT: %[[BLOCKS:.*]] = arith.ceildivui %{{.*}}, %c64
//       NODOT: scf.for %[[BLOCK:.*]] = %{{.*}} to %[[BLOCKS]]
//       NODOT:   scf.for
//       NODOT:     arith.muli %[[BLOCK]], %c64
//       NODOT:     scf.if
//       NODOT: memref.dealloc %[[PACKED]]
// AVX512-LABEL: func.func @large_kernel
//       AVX512: %[[PACKED:.*]] = memref.alloc() {{.*}} : memref<5x1024x1x64xf32>
//       AVX512: scf.parallel
//       AVX512: %[[C5:.*]] = arith.ceildivui %{{.*}}, %c64
//       AVX512: scf.parallel (%[[BLOCK:.*]], %{{.*}}) = ({{.*}}) to (%[[C5]], %{{.*}})
//       AVX512: %[[F0:.*]] = arith.muli %[[BLOCK]], %c64
//       AVX512: %[[END:.*]] = arith.addi %[[F0]], %c64
//       AVX512: %[[FULL:.*]] = arith.cmpi ule, %[[END]], %{{.*}}
//       AVX512: scf.if %[[FULL]] {
//       AVX512:   %{{.*}}:16 = scf.for
//       AVX512: } else {
//       AVX512:   vector.create_mask %c12
//       AVX512:   %{{.*}}:12 = scf.for
//       AVX512:   vector.maskedstore
//   AVX512-NOT: scf.parallel
//       AVX512: memref.dealloc %[[PACKED]]
func.func @large_kernel(%in: memref<1x4x1024xf32>, %k: memref<1x1024x300xf32>, %out: memref<1x4x300xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<1x4x1024xf32>, memref<1x1024x300xf32>) outs(%out : memref<1x4x300xf32>)
  return
}

// -----

// 31 rows of 29 pixels come in groups of up to 3 rows: 11 groups, which two
// threads would share as 6 and 5, 18 rows and 13. With threads the count
// rounds up to a multiple of theirs: 12 groups of 2 or 3 rows, 15 and 16 rows
// per thread.
// AVX512-LABEL: func.func @rows_shared_evenly
//       AVX512: scf.parallel (%{{.*}}, %[[GROUP:.*]]) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %c12)
//       AVX512: %[[NEXT:.*]] = arith.addi %[[GROUP]], %c1
//       AVX512: %[[END:.*]] = arith.divui %{{.*}}, %c12
//       AVX512: %[[START:.*]] = arith.divui %{{.*}}, %c12
//       AVX512: scf.for %{{.*}} = %[[START]] to %[[END]]
func.func @rows_shared_evenly(%in: memref<1x32x30x8xf32>, %k: memref<2x2x8x16xf32>, %out: memref<1x31x29x16xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x32x30x8xf32>, memref<2x2x8x16xf32>) outs(%out : memref<1x31x29x16xf32>)
  return
}

// -----

// A dynamic width: in each block of 8 output channels and of 4 input
// channels, full tiles of 10 rows (as many as AVX2's registers allow) in a
// loop, then the leftover rows in one tile of their count (or, 1 to 7 left
// after a full tile, in two with the rows of that tile: see
// @dynamic_width_fewer_rows), from a switch over the count with a case per
// count from 1 to 9 (tiles by its bits were up to 1.43x slower). Each tile
// takes 3 taps of its rows.
// CHECK-LABEL: func.func @dynamic_width_leftover
//       CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8
//       CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c4
//       CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c10
// CHECK-COUNT-30: vector.fma
//       CHECK: %[[ROWS:.*]] = arith.minui
//       CHECK: scf.index_switch %[[ROWS]]
//  CHECK-NEXT: case 1 {
// CHECK-COUNT-3: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 2 {
// CHECK-COUNT-6: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 3 {
// CHECK-COUNT-9: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 4 {
// CHECK-COUNT-12: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 5 {
// CHECK-COUNT-15: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 6 {
// CHECK-COUNT-18: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 7 {
// CHECK-COUNT-21: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 8 {
// CHECK-COUNT-24: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: case 9 {
// CHECK-COUNT-27: vector.fma
//   CHECK-NOT: vector.fma
//       CHECK: default {
//  CHECK-NEXT: }
//   CHECK-NOT: vector.fma
//       CHECK: return
func.func @dynamic_width_leftover(%x: memref<1x?x4xf32>, %k: memref<3x4x8xf32>, %y: memref<1x?x8xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x?x4xf32>, memref<3x4x8xf32>) outs(%y : memref<1x?x8xf32>)
  return
}

// -----

// 32 output channels are 2 vectors with AVX-512. A static width of 96 takes
// tiles of 10 rows. The 4 convolutions with a dynamic width share 120
// accumulators for their leftover tiles: 30 each, so they take at most 6
// rows, with leftover tiles of 1 to 5 rows, 2 * (1 + ... + 5) = 30
// accumulators in all (one of them alone would take 10 rows). Leftovers of 1
// to 3 rows, whose 2 to 6 accumulators cannot hide the FMA latency (4 cycles,
// 2 FMAs per cycle), take two tiles with the rows of the last full tile
// instead, from the same switch: 7 rows as 4 + 3, 8 as 4 + 4, 9 as 5 + 4. The
// full tiles then stop one tile early.
// AVX512-LABEL: func.func @dynamic_width_fewer_rows
//       AVX512: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c10
// AVX512-COUNT-20: vector.fma
//       AVX512: %[[FULL:.*]] = arith.addi %c0{{[_0-9]*}}, %{{.*}} : index
//  AVX512-NEXT: %[[LEFT:.*]] = arith.subi %[[END:.*]], %[[FULL]] : index
//       AVX512: arith.cmpi uge, %{{.*}}, %c6
//       AVX512: arith.cmpi ne, %[[LEFT]], %c0
//       AVX512: arith.cmpi ult, %[[LEFT]], %c4
//       AVX512: arith.andi
//       AVX512: %[[PAIR:.*]] = arith.andi
//       AVX512: %[[BEFORE:.*]] = arith.subi %[[FULL]], %c6
//       AVX512: %[[START:.*]] = arith.select %[[PAIR]], %[[BEFORE]], %[[FULL]]
//       AVX512: scf.for %{{.*}} = %{{.*}} to %[[START]] step %c6
// AVX512-COUNT-12: vector.fma
//       AVX512: %[[TOTAL:.*]] = arith.subi %[[END]], %[[START]]
//       AVX512: %[[HALF:.*]] = arith.ceildivui %[[TOTAL]], %c2
//       AVX512: %[[FIRST:.*]] = arith.select %[[PAIR]], %[[HALF]], %[[TOTAL]]
//       AVX512: %[[TILES:.*]] = arith.select %[[PAIR]], %c2{{.*}}, %c1
//       AVX512: scf.for %[[TILE:.*]] = %{{.*}} to %[[TILES]] step %c1
//       AVX512:   %[[OFFSET:.*]] = arith.muli %[[TILE]], %[[FIRST]]
//       AVX512:   %[[W0:.*]] = arith.addi %[[START]], %[[OFFSET]]
//       AVX512:   %[[REST:.*]] = arith.subi %[[END]], %[[W0]]
//       AVX512:   %[[ROWS:.*]] = arith.minui %[[FIRST]], %[[REST]]
//       AVX512:   scf.index_switch %[[ROWS]]
//       AVX512:   case 5 {
// AVX512-COUNT-10: vector.fma
//   AVX512-NOT: vector.fma
//       AVX512:   default {
func.func @dynamic_width_fewer_rows(%x: memref<1x96x8xf32>, %k: memref<1x8x32xf32>, %y: memref<1x96x32xf32>,
                                    %xd: memref<1x?x8xf32>, %yd: memref<1x?x32xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x96x8xf32>, memref<1x8x32xf32>) outs(%y : memref<1x96x32xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xd, %k : memref<1x?x8xf32>, memref<1x8x32xf32>) outs(%yd : memref<1x?x32xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xd, %k : memref<1x?x8xf32>, memref<1x8x32xf32>) outs(%yd : memref<1x?x32xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xd, %k : memref<1x?x8xf32>, memref<1x8x32xf32>) outs(%yd : memref<1x?x32xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%xd, %k : memref<1x?x8xf32>, memref<1x8x32xf32>) outs(%yd : memref<1x?x32xf32>)
  return
}

// -----

// 16 output channels are 1 vector with AVX-512. The convolutions with a
// dynamic width in a function share 120 accumulators for their leftover
// tiles. Alone, one takes tiles of 12 rows, the most, whose leftover tiles of
// 1 to 11 rows hold 66; two get 60 each, so they take 11 rows (55).
// AVX512-LABEL: func.func @leftover_budget_alone
//       AVX512: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c12
//       AVX512: scf.index_switch
//       AVX512: case 11 {
// AVX512-LABEL: func.func @leftover_budget_shared
//       AVX512: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c11
//       AVX512: scf.index_switch
//   AVX512-NOT: case 11 {
//       AVX512: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c11
//   AVX512-NOT: case 11 {
//       AVX512: return
func.func @leftover_budget_alone(%x: memref<1x?x8xf32>, %k: memref<1x8x16xf32>, %y: memref<1x?x16xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x?x8xf32>, memref<1x8x16xf32>) outs(%y : memref<1x?x16xf32>)
  return
}
func.func @leftover_budget_shared(%x: memref<1x?x8xf32>, %k: memref<1x8x16xf32>, %y: memref<1x?x16xf32>, %z: memref<1x?x16xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x?x8xf32>, memref<1x8x16xf32>) outs(%y : memref<1x?x16xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x?x8xf32>, memref<1x8x16xf32>) outs(%z : memref<1x?x16xf32>)
  return
}

// -----

// Dynamic sizes: the groups of rows, ceil(64 / width) rows each, are counted
// at run time. With two threads, where the groups of all images would leave
// a thread idle for more than 5% of the loop (an odd total below 20), the
// count is then rounded up to one whose product with the batch the threads
// divide, as with static sizes, and kept to at most one group per row.
// CHECK-LABEL: func.func @dynamic_row_groups
//       CHECK: %[[WIDTH:.*]] = arith.maxsi
//       CHECK: %[[PER_GROUP:.*]] = arith.ceildivui %c64{{(_[0-9]+)?}}, %[[WIDTH]]
//       CHECK: %[[GROUPS:.*]] = arith.ceildivui %{{.*}}, %[[PER_GROUP]]
//   CHECK-NOT: arith.select
//       CHECK: scf.for %{{.*}} = %{{.*}} to %[[GROUPS]]
// AVX512-LABEL: func.func @dynamic_row_groups
//       AVX512: %[[BATCH:.*]] = memref.dim %{{.*}}, %c0{{.*}} : memref<?x?x?x32xf32>
//       AVX512: %[[ROWS:.*]] = memref.dim %{{.*}}, %c1{{.*}} : memref<?x?x?x32xf32>
//       AVX512: %[[PER_GROUP:.*]] = arith.ceildivui %c64
//       AVX512: %[[GROUPS:.*]] = arith.ceildivui %[[ROWS]], %[[PER_GROUP]]
//       AVX512: %[[TOTAL:.*]] = arith.muli %[[BATCH]], %[[GROUPS]]
//       AVX512: %[[ROUNDS:.*]] = arith.ceildivui %[[TOTAL]], %c2
//       AVX512: %[[SHARE:.*]] = arith.muli %[[ROUNDS]], %c2
//       AVX512: %[[LIMIT:.*]] = arith.muli %[[TOTAL]], %c105
//       AVX512: %[[SHARE_PERCENT:.*]] = arith.muli %[[SHARE]], %c100
//       AVX512: %[[IDLE:.*]] = arith.cmpi ugt, %[[SHARE_PERCENT]], %[[LIMIT]]
//       AVX512: %[[ODD:.*]] = arith.remui %[[BATCH]], %c2
//       AVX512: %[[EVEN:.*]] = arith.cmpi eq, %[[ODD]], %c0
//       AVX512: %[[COMMON:.*]] = arith.select %[[EVEN]], %c2{{.*}}, %c1
//       AVX512: %[[STEP:.*]] = arith.divui %c2{{.*}}, %[[COMMON]]
//       AVX512: %[[STEPS:.*]] = arith.ceildivui %[[GROUPS]], %[[STEP]]
//       AVX512: %[[ALIGNED:.*]] = arith.muli %[[STEPS]], %[[STEP]]
//       AVX512: %[[KEPT:.*]] = arith.minsi %[[ALIGNED]], %[[ROWS]]
//       AVX512: %[[COUNT:.*]] = arith.select %[[IDLE]], %[[KEPT]], %[[GROUPS]]
//       AVX512: %[[ALL:.*]] = arith.muli %[[BATCH]], %[[COUNT]]
//       AVX512: scf.parallel
func.func @dynamic_row_groups(%in: memref<?x?x?x64xf32>, %k: memref<3x3x64x32xf32>, %out: memref<?x?x?x32xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<?x?x?x64xf32>, memref<3x3x64x32xf32>) outs(%out : memref<?x?x?x32xf32>)
  return
}

// -----

// Static sizes, two threads: 31 rows in groups of up to 3 are 11 groups,
// which would idle one thread for 1 of 12 (8%): 12 groups instead. 53 rows
// in groups of up to 2 are 27 groups, 1 of 28 idle (3.6%): kept, since
// smaller groups cost about as much.
// AVX512-LABEL: func.func @row_groups_aligned
//       AVX512: arith.divui %{{.*}}, %c12
// AVX512-LABEL: func.func @row_groups_kept
//       AVX512: arith.divui %{{.*}}, %c27
func.func @row_groups_aligned(%in: memref<1x33x31x64xf32>, %k: memref<3x3x64x32xf32>, %out: memref<1x31x29x32xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x33x31x64xf32>, memref<3x3x64x32xf32>) outs(%out : memref<1x31x29x32xf32>)
  return
}
func.func @row_groups_kept(%in: memref<1x55x61x64xf32>, %k: memref<3x3x64x32xf32>, %out: memref<1x53x59x32xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x55x61x64xf32>, memref<3x3x64x32xf32>) outs(%out : memref<1x53x59x32xf32>)
  return
}
