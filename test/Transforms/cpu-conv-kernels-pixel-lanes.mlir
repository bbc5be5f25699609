// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2 threads=2" --split-input-file | FileCheck %s --check-prefix=THREADS
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=256 fmas-per-cycle=2" --split-input-file | FileCheck %s --check-prefix=AVX2

// The pixels-in-lanes kernel: 21 output channels (FCN's classes), which
// vectors of output channels would hold in 21 of 32 lanes, and 21 input
// channels, which do not fill the vectors of the lane-reduction kernel. The
// input is first copied, transposed and zero-padded by 16 columns, so that
// the 16 pixels of a row of one channel are one vector load. Each tile of 16
// pixels of two rows keeps an accumulator per row and output channel, in two
// groups of channels, 0-9 and 10-20, whose 20 and 22 accumulators each fit
// the registers; each step loads a vector of pixels per row and multiplies
// both by a broadcast weight. Rows of 44 pixels: 2 full tiles, then one of
// 12 pixels, which loads the zero columns past the row and stores 12 pixels.
// The fill starts the accumulators.
// CHECK-LABEL: func.func @classes
//  CHECK-SAME: (%[[X:.*]]: memref<1x3x45x21xf32>, %[[K:.*]]: memref<2x2x21x21xf32>, %[[Y:.*]]: memref<1x2x44x21xf32>)
//       CHECK: %[[T:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x3x21x61xf32>
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[T]] : memref<1x3x21x61xf32>)
//       CHECK: %[[WINDOW:.*]] = memref.subview %[[T]][0, 0, 0, 0] [1, 3, 21, 45] [1, 1, 1, 1]
//       CHECK: linalg.transpose ins(%[[X]] : memref<1x3x45x21xf32>) outs(%[[WINDOW]] : {{.*}}) permutation = [0, 1, 3, 2]
//   CHECK-NOT: linalg.fill
//       CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %c2{{.*}} step %c2
//       CHECK: scf.for %[[W0:.*]] = %{{.*}} to %c32{{.*}} step %c16
// CHECK-COUNT-20: vector.broadcast %{{.*}} : f32 to vector<16xf32>
//       CHECK:   %[[ACC:.*]]:20 = scf.for %[[KH:.*]] = %{{.*}} to %c2{{.*}} step %c1{{.*}} iter_args
//       CHECK:     arith.addi %[[ROW]], %{{.*}} : index
//       CHECK:     scf.for %[[C:.*]] = %{{.*}} to %c21{{.*}} step %c1{{.*}} iter_args
//       CHECK:       %[[PIXELS:.*]] = vector.load %[[T]][%{{.*}}, %[[IN_ROW:.*]], %[[C]], %{{.*}}] : memref<1x3x21x61xf32>, vector<16xf32>
//       CHECK:       %[[NEXT_ROW:.*]] = arith.addi %[[IN_ROW]], %c1{{.*}} : index
//       CHECK:       %[[NEXT_PIXELS:.*]] = vector.load %[[T]][%{{.*}}, %[[NEXT_ROW]], %[[C]], %{{.*}}] : memref<1x3x21x61xf32>, vector<16xf32>
//       CHECK:       %[[WEIGHT:.*]] = memref.load %[[K]][%[[KH]], %{{.*}}, %[[C]], %c0{{.*}}] : memref<2x2x21x21xf32>
//       CHECK:       %[[SPLAT:.*]] = vector.broadcast %[[WEIGHT]] : f32 to vector<16xf32>
//       CHECK:       vector.fma %[[PIXELS]], %[[SPLAT]], %{{.*}} : vector<16xf32>
//       CHECK:       vector.fma %[[NEXT_PIXELS]], %[[SPLAT]], %{{.*}} : vector<16xf32>
// CHECK-COUNT-38:    vector.fma
//   CHECK-NOT:       vector.fma
//       CHECK:       scf.yield
// The transposes of the first row's accumulators of channels 0-9 (and 6
// zero vectors): 4 levels of shuffles, the first swapping halves of 8 lanes.
//       CHECK:   vector.shuffle %[[ACC]]#0, %[[ACC]]#8 [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]
//       CHECK:   vector.shuffle %[[ACC]]#0, %[[ACC]]#8 [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31]
//       CHECK:   vector.shuffle %{{.*}}, %{{.*}} [0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30]
// Each pixel's channels 0-9 with a masked store, in the first row, then in
// the second.
//       CHECK:   %[[MASK:.*]] = arith.constant dense<[true, true, true, true, true, true, true, true, true, true, false, {{.*}}]> : vector<16xi1>
//       CHECK:   vector.maskedstore %[[Y]][%{{.*}}, %[[ROW]], %[[W0]], %c0{{.*}}], %[[MASK]], %{{.*}}
// CHECK-COUNT-15:   vector.maskedstore %[[Y]][%{{.*}}, %[[ROW]], %{{.*}}, %c0{{.*}}]
//       CHECK:   %[[SECOND:.*]] = arith.addi %[[ROW]], %c1{{.*}} : index
//       CHECK:   vector.shuffle %[[ACC]]#10, %[[ACC]]#18
// CHECK-COUNT-16:   vector.maskedstore %[[Y]][%{{.*}}, %[[SECOND]], %{{.*}}, %c0{{.*}}]
// Then channels 10-20 (11 lanes) from 22 accumulators.
// CHECK-COUNT-22: vector.broadcast %{{.*}} : f32 to vector<16xf32>
//       CHECK:   scf.for {{.*}} iter_args
// CHECK-COUNT-44:       vector.fma
//   CHECK-NOT:       vector.fma
//       CHECK:   dense<[true, true, true, true, true, true, true, true, true, true, true, false, {{.*}}]> : vector<16xi1>
// CHECK-COUNT-16:   vector.maskedstore %[[Y]][%{{.*}}, %[[ROW]], %{{.*}}, %c10{{.*}}]
// CHECK-COUNT-16:   vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c10{{.*}}]
//       CHECK: }
// The last 12 pixels: 12 of each row and group.
//       CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-24: vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c0{{.*}}]
//       CHECK: scf.for {{.*}} iter_args
// CHECK-COUNT-24: vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c10{{.*}}]
//   CHECK-NOT: vector.maskedstore
//   CHECK-NOT: vector.store
//       CHECK: memref.dealloc %[[T]]
//   CHECK-NOT: linalg.conv

// With threads, the rows form an scf.parallel.
// THREADS-LABEL: func.func @classes
//       THREADS: linalg.transpose
//       THREADS: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%c1{{.*}}, %c2{{.*}})
//       THREADS:   scf.for %{{.*}} = %{{.*}} to %c32{{.*}} step %c16

// AVX2's 16 registers do not hold 21 accumulators: vectors of output
// channels.
// AVX2-LABEL: func.func @classes
//   AVX2-NOT: linalg.transpose
//       AVX2: vector.fma {{.*}} : vector<8xf32>
func.func @classes(%x: memref<1x3x45x21xf32>, %k: memref<2x2x21x21xf32>, %y: memref<1x2x44x21xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x2x44x21xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<1x3x45x21xf32>, memref<2x2x21x21xf32>) outs(%y : memref<1x2x44x21xf32>)
  return
}

// -----

// A zero-padded input that only pixels-in-lanes kernels read (the phases of
// a transposed convolution) becomes one transposed, zero-padded buffer,
// written from the source just after the copy and freed after the last
// reader; the padded buffer, its fill and its copy go. Each kernel reads it
// at its view's offsets (0 and 1 in the last dim). 10 output channels: one
// vector with 10 lanes of 16 used; 8 + 2 with AVX2.
// CHECK-LABEL: func.func @padded_phases
//  CHECK-SAME: (%[[X:.*]]: memref<1x4x32x24xf32>, %[[K:.*]]: memref<2x2x24x10xf32>)
//   CHECK-NOT: memref<1x6x34x24xf32>
//       CHECK: %[[T:.*]] = memref.alloc() {alignment = 64 : i64} : memref<1x6x24x50xf32>
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[T]] : memref<1x6x24x50xf32>)
//       CHECK: %[[WINDOW:.*]] = memref.subview %[[T]][0, 1, 0, 1] [1, 4, 24, 32] [1, 1, 1, 1]
//       CHECK: linalg.transpose ins(%[[X]] : memref<1x4x32x24xf32>) outs(%[[WINDOW]]
//   CHECK-NOT: memref<1x6x34x24xf32>
//       CHECK: vector.load %[[T]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x6x24x50xf32>, vector<16xf32>
//       CHECK: vector.load %[[T]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}] : memref<1x6x24x50xf32>, vector<16xf32>
//       CHECK: memref.dealloc %[[T]]
//   CHECK-NOT: memref.dealloc
//       CHECK: return

// AVX2-LABEL: func.func @padded_phases
//       AVX2: linalg.transpose
//       AVX2: vector.load {{.*}} : memref<1x6x24x42xf32>, vector<8xf32>
// AVX2's 16 registers hold two rows of 6 channels and their pixels: channels
// 0-4, then 5-9, each with a masked store.
//       AVX2: vector.maskedstore %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %c0{{.*}}], {{.*}} : memref<1x4x32x10xf32>, vector<8xi1>, vector<8xf32>
//       AVX2: vector.maskedstore %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %c5{{.*}}], {{.*}} : memref<1x4x32x10xf32>, vector<8xi1>, vector<8xf32>
func.func @padded_phases(%x: memref<1x4x32x24xf32>, %k: memref<2x2x24x10xf32>)
    -> (memref<1x4x32x10xf32>, memref<1x4x32x10xf32>) {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x4x32x10xf32>
  %out2 = memref.alloc() : memref<1x4x32x10xf32>
  %padded = memref.alloc() : memref<1x6x34x24xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x6x34x24xf32>)
  %window = memref.subview %padded[0, 1, 1, 0] [1, 4, 32, 24] [1, 1, 1, 1] : memref<1x6x34x24xf32> to memref<1x4x32x24xf32, strided<[4896, 816, 24, 1], offset: 840>>
  memref.copy %x, %window : memref<1x4x32x24xf32> to memref<1x4x32x24xf32, strided<[4896, 816, 24, 1], offset: 840>>
  %view = memref.subview %padded[0, 0, 0, 0] [1, 5, 33, 24] [1, 1, 1, 1] : memref<1x6x34x24xf32> to memref<1x5x33x24xf32, strided<[4896, 816, 24, 1]>>
  linalg.fill ins(%zero : f32) outs(%out : memref<1x4x32x10xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%view, %k : memref<1x5x33x24xf32, strided<[4896, 816, 24, 1]>>, memref<2x2x24x10xf32>) outs(%out : memref<1x4x32x10xf32>)
  %view2 = memref.subview %padded[0, 0, 1, 0] [1, 5, 33, 24] [1, 1, 1, 1] : memref<1x6x34x24xf32> to memref<1x5x33x24xf32, strided<[4896, 816, 24, 1], offset: 24>>
  linalg.fill ins(%zero : f32) outs(%out2 : memref<1x4x32x10xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%view2, %k : memref<1x5x33x24xf32, strided<[4896, 816, 24, 1], offset: 24>>, memref<2x2x24x10xf32>) outs(%out2 : memref<1x4x32x10xf32>)
  memref.dealloc %padded : memref<1x6x34x24xf32>
  return %out, %out2 : memref<1x4x32x10xf32>, memref<1x4x32x10xf32>
}

// -----

// Without a fill or bias before it, the kernel adds to the output: each
// pixel's channels are loaded (with a mask where they do not fill the
// vector) and added before the store. A bias broadcast starts each
// accumulator from its channel's bias, loaded once before the loops.
// CHECK-LABEL: func.func @accumulate
//  CHECK-SAME: %[[Y:[a-z0-9]+]]: memref<1x1x32x10xf32, strided<[1024, 1024, 32, 1]>>
//       CHECK: %[[MASK:.*]] = arith.constant dense<[true, true, true, true, true, true, true, true, true, true, false, {{.*}}]> : vector<16xi1>
//       CHECK: %[[OLD:.*]] = vector.maskedload %[[Y]][{{.*}}], %[[MASK]], %{{.*}} : memref<1x1x32x10xf32, strided<[1024, 1024, 32, 1]>>
//       CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %{{.*}} : vector<16xf32>
//       CHECK: vector.maskedstore %[[Y]][{{.*}}], %[[MASK]], %[[NEW]]
// AVX2-LABEL: func.func @accumulate
//       AVX2: vector.load {{.*}} vector<8xf32>
//       AVX2: vector.maskedload {{.*}} vector<8xf32>
func.func @accumulate(%x: memref<1x2x33x24xf32>, %k: memref<2x2x24x10xf32>, %y: memref<1x1x32x10xf32, strided<[1024, 1024, 32, 1]>>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<1x2x33x24xf32>, memref<2x2x24x10xf32>) outs(%y : memref<1x1x32x10xf32, strided<[1024, 1024, 32, 1]>>)
  return
}

// CHECK-LABEL: func.func @bias
//  CHECK-SAME: %[[BIAS:[a-z0-9]+]]: memref<10xf32>
//   CHECK-NOT: linalg.broadcast
//       CHECK: %[[B0:.*]] = memref.load %[[BIAS]][%c0{{.*}}] : memref<10xf32>
//       CHECK: scf.for
//   CHECK-NOT: memref.load %[[BIAS]]
//       CHECK: vector.broadcast %[[B0]] : f32 to vector<16xf32>
//   CHECK-NOT: vector.load %{{.*}} : memref<1x1x32x10xf32>
func.func @bias(%x: memref<1x2x33x24xf32>, %k: memref<2x2x24x10xf32>, %bias: memref<10xf32>, %y: memref<1x1x32x10xf32>) {
  linalg.broadcast ins(%bias : memref<10xf32>) outs(%y : memref<1x1x32x10xf32>) dimensions = [0, 1, 2]
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<1x2x33x24xf32>, memref<2x2x24x10xf32>) outs(%y : memref<1x1x32x10xf32>)
  return
}

// -----

// Dynamic batch and spatial sizes: the transposed copy takes the input's
// sizes, 16 more columns; the full tiles of a row run to its width rounded
// down to 16, and the pixels left take one tile, whose stores each check
// that their pixel is in the row. Both counts, and the row count, are
// computed once, before the loops. The rows step by two; a row without a
// next one (a last row of an odd count) takes tiles of one row.
// CHECK-LABEL: func.func @dynamic
//  CHECK-SAME: (%[[X:.*]]: memref<?x?x?x24xf32>, %[[K:.*]]: memref<2x2x24x10xf32>, %[[Y:.*]]: memref<?x?x?x10xf32>)
//       CHECK: %[[H:.*]] = memref.dim %[[X]], %c1
//       CHECK: %[[W:.*]] = memref.dim %[[X]], %c2
//       CHECK: %[[COLUMNS:.*]] = arith.addi %[[W]], %c16
//       CHECK: %[[T:.*]] = memref.alloc(%{{.*}}, %[[H]], %[[COLUMNS]]) {alignment = 64 : i64} : memref<?x?x24x?xf32>
//       CHECK: linalg.transpose ins(%[[X]] : memref<?x?x?x24xf32>)
//       CHECK: %[[WIDTH:.*]] = memref.dim %[[Y]], %c2
//       CHECK: %[[TILES:.*]] = arith.divui %[[WIDTH]], %c16
//       CHECK: %[[FULL:.*]] = arith.muli %[[TILES]], %c16
//       CHECK: %[[LEFT:.*]] = arith.subi %[[WIDTH]], %[[FULL]]
//       CHECK: %[[ANY:.*]] = arith.cmpi ugt, %[[LEFT]], %c0
//       CHECK: %[[HEIGHT:.*]] = memref.dim %[[Y]], %c1
//       CHECK: scf.for
//       CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step %c2
//       CHECK:   %[[NEXT:.*]] = arith.addi %[[ROW]], %c1
//       CHECK:   %[[PAIR:.*]] = arith.cmpi ult, %[[NEXT]], %[[HEIGHT]]
//       CHECK:   scf.if %[[PAIR]]
//       CHECK:     scf.for %{{.*}} = %{{.*}} to %[[FULL]] step %c16
//   CHECK-NOT:     memref.dim
//       CHECK:       scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
//       CHECK:     scf.if %[[ANY]]
//       CHECK:       %[[IN_ROW:.*]] = arith.cmpi ult, %c0{{.*}}, %[[LEFT]]
//       CHECK:       scf.if %[[IN_ROW]]
//       CHECK:         vector.maskedstore %[[Y]][%{{.*}}, %[[ROW]], %[[FULL]], %c0{{.*}}]
//       CHECK:   } else {
//       CHECK:     scf.for %{{.*}} = %{{.*}} to %[[FULL]] step %c16
//       CHECK:       scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
//       CHECK: memref.dealloc %[[T]]
func.func @dynamic(%x: memref<?x?x?x24xf32>, %k: memref<2x2x24x10xf32>, %y: memref<?x?x?x10xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<?x?x?x10xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<?x?x?x24xf32>, memref<2x2x24x10xf32>) outs(%y : memref<?x?x?x10xf32>)
  return
}
