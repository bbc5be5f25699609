// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 fmas-per-cycle=2 threads=2" --split-input-file | FileCheck %s --check-prefix=THREADS
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=256 fmas-per-cycle=2" --split-input-file | FileCheck %s --check-prefix=AVX2

// The lane-reduction kernel: 3 output channels, 16 input channels. Vectors of
// output channels would fill 3 of 16 lanes; here each accumulator holds one
// output pixel and channel, its lanes the 16 input channels. Tiles of 5
// pixels (15 accumulators, which the tree of sums takes as one group of 16;
// with the 5 pixel vectors and 2 kernel vectors, 22 of the 28 registers a
// tile may take) sweep the row of 8, then one of 3. The kernel is packed as
// [F, taps, C]. The loops: the taps of H, the input channels in steps of 16,
// the 2 taps of W unrolled: 2 * 5 * 3 FMAs per step.
// CHECK-LABEL: func.func @rgb
//  CHECK-SAME: (%[[X:.*]]: memref<1x5x9x16xf32>, %[[K:.*]]: memref<2x2x16x3xf32>, %[[Y:.*]]: memref<1x4x8x3xf32>)
//       CHECK: %[[PACKED:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3x4x16xf32>
//       CHECK: %[[W:.*]] = memref.load %[[K]][%[[KH:.*]], %[[KW:.*]], %[[C:.*]], %[[F:.*]]] : memref<2x2x16x3xf32>
//       CHECK: memref.store %[[W]], %[[PACKED]][%[[F]], %{{.*}}, %[[C]]] : memref<3x4x16xf32>
//       CHECK: scf.for %{{.*}} = %c0{{.*}} to %c5{{.*}} step %c5
//       CHECK:   %[[ACC:.*]]:15 = scf.for %{{.*}} = %c0{{.*}} to %c2{{.*}} step %c1{{.*}} iter_args
//       CHECK:     scf.for %[[CH:.*]] = %c0{{.*}} to %c16{{.*}} step %c16{{.*}} iter_args
// CHECK-COUNT-5:     vector.load %[[X]][%{{.*}}, %{{.*}}, %{{.*}}, %[[CH]]] : memref<1x5x9x16xf32>, vector<16xf32>
//       CHECK:       vector.load %[[PACKED]][%c0{{.*}}, %{{.*}}, %[[CH]]] : memref<3x4x16xf32>, vector<16xf32>
// CHECK-COUNT-30:    vector.fma
//   CHECK-NOT:       vector.fma
//       CHECK:       scf.yield
// The lane sums: first within 128 bits, then of whole 128-bit blocks, into
// one vector.
//       CHECK:   vector.shuffle %[[ACC]]#0, %[[ACC]]#1 [0, 2, 16, 18, 4, 6, 20, 22, 8, 10, 24, 26, 12, 14, 28, 30]
//       CHECK:   vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]
// Each pixel's 3 lanes of the sums go to memory with a masked load and store
// of the whole vector, at the channel that puts its first lane in place: 0,
// -3, ..., -12 (lanes 12-14 of pixel 4 at channels 0-2).
//       CHECK:   %[[M0:.*]] = arith.constant dense<[true, true, true, false, {{.*}}]> : vector<16xi1>
//       CHECK:   %[[M4:.*]] = arith.constant dense<[false, false, false, false, false, false, false, false, false, false, false, false, true, true, true, false]> : vector<16xi1>
//       CHECK:   %[[OLD0:.*]] = vector.maskedload %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c0{{.*}}], %[[M0]], %{{.*}}
// CHECK-COUNT-3:   vector.maskedload %[[Y]]
//       CHECK:   %[[OLD:.*]] = vector.maskedload %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c-12], %[[M4]], %{{.*}}
//       CHECK:   %[[NEW:.*]] = arith.addf %[[OLD]], %{{.*}} : vector<16xf32>
//       CHECK:   vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c0{{.*}}], %[[M0]], %[[NEW]]
// CHECK-COUNT-3:   vector.maskedstore %[[Y]]
//       CHECK:   vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c-12], %[[M4]], %[[NEW]]
//   CHECK-NOT:   vector.store
//       CHECK: scf.for %{{.*}} = %c0{{.*}} to %c2{{.*}} step %c1{{.*}} iter_args({{.*}}) -> ({{(vector<16xf32>, ){8}vector<16xf32>}})
//       CHECK: memref.dealloc %[[PACKED]]

// With threads, the rows form an scf.parallel.
// THREADS-LABEL: func.func @rgb
//       THREADS: scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%c1{{.*}}, %c4{{.*}})
//       THREADS:   scf.for %{{.*}} = %c0{{.*}} to %c5{{.*}} step %c5

// With 8 lanes: AVX2's 16 registers hold tiles of 2 pixels (6 accumulators),
// steps of 8 channels, three levels of sums.
// AVX2-LABEL: func.func @rgb
//       AVX2: scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c2
//       AVX2: scf.for {{.*}} -> ({{(vector<8xf32>, ){5}vector<8xf32>}})
//       AVX2: scf.for %{{.*}} = %c0{{.*}} to %c16{{.*}} step %c8
//       AVX2: vector.shuffle %{{.*}}, %{{.*}} [0, 2, 8, 10, 4, 6, 12, 14]
//       AVX2: vector.shuffle %{{.*}}, %{{.*}} [0, 1, 2, 3, 8, 9, 10, 11]
func.func @rgb(%x: memref<1x5x9x16xf32>, %k: memref<2x2x16x3xf32>, %y: memref<1x4x8x3xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<1x5x9x16xf32>, memref<2x2x16x3xf32>) outs(%y : memref<1x4x8x3xf32>)
  return
}

// -----

// The fill before the convolution starts the sums: it goes, and the output is
// only stored. 5 features: tiles of 4 pixels, the row's 4: 20 accumulators,
// whose sums fill one vector and a quarter of another; pixel 3 spans both:
// lane 15 of the first at channel 0, lanes 0-3 of the second at channel 1.
// CHECK-LABEL: func.func @fill
//  CHECK-SAME: (%{{.*}}: memref<1x3x6x32xf32>, %{{.*}}: memref<1x3x32x5xf32>, %[[Y:.*]]: memref<1x3x4x5xf32>)
//   CHECK-NOT: linalg.fill
//       CHECK: %[[INIT:.*]] = vector.broadcast %{{.*}} : f32 to vector<16xf32>
//       CHECK: scf.for %{{.*}} = %c0{{.*}} to %c1{{.*}} step %c1{{.*}} iter_args({{.*}}) -> ({{(vector<16xf32>, ){19}vector<16xf32>}})
//   CHECK-NOT: vector.maskedload
//       CHECK: %[[NEW:.*]] = arith.addf %[[INIT]], %{{.*}} : vector<16xf32>
// CHECK-COUNT-3: vector.maskedstore %[[Y]]
//       CHECK: vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c-15], %{{.*}}, %[[NEW]]
//       CHECK: %[[NEW1:.*]] = arith.addf %[[INIT]], %{{.*}} : vector<16xf32>
//       CHECK: vector.maskedstore %[[Y]][%{{.*}}, %{{.*}}, %{{.*}}, %c1{{.*}}], %{{.*}}, %[[NEW1]]
//   CHECK-NOT: vector.maskedstore
//       CHECK: return
func.func @fill(%x: memref<1x3x6x32xf32>, %k: memref<1x3x32x5xf32>, %y: memref<1x3x4x5xf32>) {
  %cst = arith.constant 0.5 : f32
  linalg.fill ins(%cst : f32) outs(%y : memref<1x3x4x5xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<1x3x6x32xf32>, memref<1x3x32x5xf32>) outs(%y : memref<1x3x4x5xf32>)
  return
}

// -----

// Where the kernel does not apply, vectors of output channels take the
// convolution (no lane sums): 16 features fill the lanes; 24 input channels
// do not fill whole vectors; f16 pixels; and one tap with 12
// features, where the sums of 2 pixels x 12 features would cost more than
// the 16 FMAs per pixel of one vector of output channels.
// CHECK-LABEL: func.func @kept
//   CHECK-NOT: vector.shuffle
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
//       CHECK: return
func.func @kept(%x: memref<1x5x9x16xf32>, %k16: memref<2x2x16x16xf32>, %y16: memref<1x4x8x16xf32>,
                %x24: memref<1x5x9x24xf32>, %k24: memref<2x2x24x3xf32>, %y: memref<1x4x8x3xf32>,
                %xh: memref<1x5x9x16xf16>, %kh: memref<2x2x16x3xf32>,
                %k1: memref<1x1x16x12xf32>, %y1: memref<1x5x9x12xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k16 : memref<1x5x9x16xf32>, memref<2x2x16x16xf32>) outs(%y16 : memref<1x4x8x16xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x24, %k24 : memref<1x5x9x24xf32>, memref<2x2x24x3xf32>) outs(%y : memref<1x4x8x3xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xh, %kh : memref<1x5x9x16xf16>, memref<2x2x16x3xf32>) outs(%y : memref<1x4x8x3xf32>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k1 : memref<1x5x9x16xf32>, memref<1x1x16x12xf32>) outs(%y1 : memref<1x5x9x12xf32>)
  return
}

// -----

// A bias broadcast before the convolution starts the sums: its vector is
// loaded once, before the loops, repeated in the order of the channels in the
// lanes of the sums, and added to them.
// CHECK-LABEL: func.func @fused_bias
//  CHECK-SAME: %[[BIAS:[a-z0-9]+]]: memref<3xf32>, %[[Y:.*]]: memref<1x2x8x3xf32>)
//   CHECK-NOT: linalg.broadcast
//       CHECK: %[[B:.*]] = vector.load %[[BIAS]][%{{.*}}] : memref<3xf32>, vector<3xf32>
//       CHECK: %[[INIT:.*]] = vector.shuffle %[[B]], %[[B]] [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
//       CHECK: scf.for
//   CHECK-NOT: vector.load %[[BIAS]]
//       CHECK: %[[NEW:.*]] = arith.addf %[[INIT]], %{{.*}} : vector<16xf32>
//       CHECK: vector.maskedstore %[[Y]][{{.*}}], %{{.*}}, %[[NEW]]
func.func @fused_bias(%x: memref<1x3x9x32xf32>, %k: memref<2x2x32x3xf32>, %bias: memref<3xf32>,
                      %y: memref<1x2x8x3xf32>) {
  linalg.broadcast ins(%bias : memref<3xf32>) outs(%y : memref<1x2x8x3xf32>) dimensions = [0, 1, 2]
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : memref<1x3x9x32xf32>, memref<2x2x32x3xf32>) outs(%y : memref<1x2x8x3xf32>)
  return
}

// -----

// A zero-padded input that only convolutions read is read in place: the taps
// of H loop over those that read the source, and the tiles at the ends of a
// row (static columns: the tile at 0, whose pixel 0 reads column -1 at tap 0,
// and the one at 15, whose pixel 4 reads column 20 at tap 2) leave out the
// pixels whose taps read the padding; the tiles from 5 to 15 read only the
// source. The padded buffer, its fill and its copy go.
// CHECK-LABEL: func.func @read_in_place
//  CHECK-SAME: (%[[X:.*]]: memref<1x6x20x16xf32>,
//   CHECK-NOT: memref<1x8x22x16xf32>
//       CHECK: %[[LO:.*]] = arith.maxsi %{{.*}}, %c0
//       CHECK: %[[HI:.*]] = arith.minsi %{{.*}}, %c3
//       CHECK: scf.for %{{.*}} = %[[LO]] to %[[HI]] {{.*}} iter_args
// CHECK-COUNT-4: vector.load %[[X]]
//   CHECK-NOT: vector.load %[[X]]
//       CHECK: vector.load %{{.*}} : memref<3x9x16xf32>, vector<16xf32>
//       CHECK: scf.for %{{.*}} = %c5{{.*}} to %c15{{.*}} step %c5
//   CHECK-NOT: memref<1x8x22x16xf32>
//   CHECK-NOT: memref.copy
//   CHECK-NOT: linalg.
//       CHECK: return
func.func @read_in_place(%x: memref<1x6x20x16xf32>, %k: memref<3x3x16x3xf32>) -> memref<1x6x20x3xf32> {
  %zero = arith.constant 0.0 : f32
  %out = memref.alloc() : memref<1x6x20x3xf32>
  %padded = memref.alloc() : memref<1x8x22x16xf32>
  linalg.fill ins(%zero : f32) outs(%padded : memref<1x8x22x16xf32>)
  %window = memref.subview %padded[0, 1, 1, 0] [1, 6, 20, 16] [1, 1, 1, 1] : memref<1x8x22x16xf32> to memref<1x6x20x16xf32, strided<[2816, 352, 16, 1], offset: 368>>
  memref.copy %x, %window : memref<1x6x20x16xf32> to memref<1x6x20x16xf32, strided<[2816, 352, 16, 1], offset: 368>>
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %k : memref<1x8x22x16xf32>, memref<3x3x16x3xf32>) outs(%out : memref<1x6x20x3xf32>)
  memref.dealloc %padded : memref<1x8x22x16xf32>
  return %out : memref<1x6x20x3xf32>
}

// -----

// With dynamic sizes, the padding is read in place too: the columns whose
// taps reach into it, before and after the interior (found at run time),
// take 1-pixel tiles whose taps of W loop over those that read the source;
// the interior takes tiles of 5 pixels, then one of the pixels left, from a
// switch over their count.
// CHECK-LABEL: func.func @read_in_place_dynamic
//  CHECK-SAME: (%[[X:.*]]: memref<1x?x?x16xf32>,
//   CHECK-NOT: memref.copy
//       CHECK: %[[BEGIN:.*]] = arith.minsi %c1{{.*}}, %[[WIDTH:.*]] : index
//       CHECK: %[[END:.*]] = arith.maxsi %[[BEGIN]], %{{.*}} : index
//       CHECK: scf.for %{{.*}} = %c0{{.*}} to %[[BEGIN]] step %c1
//       CHECK:   scf.for %{{.*}} = %c0{{.*}} to %c16{{.*}} step %c16
//       CHECK:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1{{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>)
//       CHECK:       vector.load %[[X]]
//       CHECK: scf.for %{{.*}} = %[[BEGIN]] to %{{.*}} step %c5
//       CHECK: scf.index_switch
//       CHECK: case 4 {
//       CHECK: default {
//       CHECK: scf.for %{{.*}} = %[[END]] to %[[WIDTH]] step %c1
//   CHECK-NOT: memref.copy
//       CHECK: return
func.func @read_in_place_dynamic(%arg0: memref<1x?x?x16xf32>, %arg1: memref<3x3x16x3xf32>) -> memref<1x?x?x3xf32> {
  %cst = arith.constant 0.000000e+00 : f32
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  %dim = memref.dim %arg0, %c1 : memref<1x?x?x16xf32>
  %dim_0 = memref.dim %arg0, %c2 : memref<1x?x?x16xf32>
  %0 = arith.maxsi %dim, %c0 : index
  %1 = arith.maxsi %0, %c0 : index
  %2 = arith.maxsi %dim_0, %c0 : index
  %3 = arith.maxsi %2, %c0 : index
  %alloc = memref.alloc(%1, %3) {alignment = 64 : i64} : memref<1x?x?x3xf32>
  %4 = arith.maxsi %1, %c0 : index
  %5 = arith.addi %4, %c1 : index
  %6 = arith.subi %5, %dim : index
  %7 = arith.maxsi %6, %c0 : index
  %8 = arith.maxsi %3, %c0 : index
  %9 = arith.addi %8, %c1 : index
  %10 = arith.subi %9, %dim_0 : index
  %11 = arith.maxsi %10, %c0 : index
  %12 = affine.apply affine_map<()[s0, s1] -> (s0 + s1 + 1)>()[%dim, %7]
  %13 = affine.apply affine_map<()[s0, s1] -> (s0 + s1 + 1)>()[%dim_0, %11]
  %alloc_1 = memref.alloc(%12, %13) {alignment = 64 : i64} : memref<1x?x?x16xf32>
  linalg.map outs(%alloc_1 : memref<1x?x?x16xf32>)
    (%init: f32) {
      linalg.yield %cst : f32
    }
  %subview = memref.subview %alloc_1[0, 1, 1, 0] [1, %dim, %dim_0, 16] [1, 1, 1, 1] : memref<1x?x?x16xf32> to memref<1x?x?x16xf32, strided<[?, ?, 16, 1], offset: ?>>
  memref.copy %arg0, %subview : memref<1x?x?x16xf32> to memref<1x?x?x16xf32, strided<[?, ?, 16, 1], offset: ?>>
  %14 = arith.addi %4, %c2 : index
  %15 = arith.addi %8, %c2 : index
  %subview_2 = memref.subview %alloc_1[0, 0, 0, 0] [1, %14, %15, 16] [1, 1, 1, 1] : memref<1x?x?x16xf32> to memref<1x?x?x16xf32, strided<[?, ?, 16, 1]>>
  %subview_3 = memref.subview %alloc[0, 0, 0, 0] [1, %4, %8, 3] [1, 1, 1, 1] : memref<1x?x?x3xf32> to memref<1x?x?x3xf32, strided<[?, ?, 3, 1]>>
  linalg.fill ins(%cst : f32) outs(%subview_3 : memref<1x?x?x3xf32, strided<[?, ?, 3, 1]>>)
  linalg.conv_2d_nhwc_hwcf { dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%subview_2, %arg1 : memref<1x?x?x16xf32, strided<[?, ?, 16, 1]>>, memref<3x3x16x3xf32>) outs(%subview_3 : memref<1x?x?x3xf32, strided<[?, ?, 3, 1]>>)
  memref.dealloc %alloc_1 : memref<1x?x?x16xf32>
  return %alloc : memref<1x?x?x3xf32>
}
