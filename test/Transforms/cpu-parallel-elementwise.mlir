// RUN: convt-opt %s --convt-cpu-parallel-elementwise --cse --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-parallel-elementwise="min-elements=1" --cse --split-input-file | FileCheck %s --check-prefix=ALL
// RUN: not convt-opt %s --convt-cpu-parallel-elementwise="min-elements=-1" --split-input-file 2>&1 | FileCheck %s --check-prefix=MIN
// MIN: error: min-elements must be at least 0; got -1

// The zero padding of a phase convolution's input: a fill of the padded
// buffer and a copy into its interior. Each becomes a parallel loop over the
// batch and the rows around the same op on one row.

// CHECK-LABEL: func.func @pad
//  CHECK-SAME: (%[[X:.*]]: memref<2x64x64x32xf32>, %[[P:.*]]: memref<2x66x66x32xf32>)
//   CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
//   CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
//   CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
//   CHECK-DAG: %[[C66:.*]] = arith.constant 66 : index
//       CHECK: scf.parallel (%[[N:.*]], %[[H:.*]]) = (%[[C0]], %[[C0]]) to (%[[C2]], %[[C66]]) step (%[[C1]], %[[C1]])
//       CHECK:   %[[ROW:.*]] = memref.subview %[[P]][%[[N]], %[[H]], 0, 0] [1, 1, 66, 32] [1, 1, 1, 1]
//       CHECK:   linalg.fill ins(%{{.*}} : f32) outs(%[[ROW]] : memref<1x1x66x32xf32, strided<[139392, 2112, 32, 1], offset: ?>>)
//       CHECK: %[[INNER:.*]] = memref.subview %[[P]][0, 1, 1, 0] [2, 64, 64, 32] [1, 1, 1, 1]
//       CHECK: %[[C64:.*]] = arith.constant 64 : index
//       CHECK: scf.parallel (%[[N2:.*]], %[[H2:.*]]) = (%[[C0]], %[[C0]]) to (%[[C2]], %[[C64]]) step (%[[C1]], %[[C1]])
//   CHECK-DAG:   %[[SRC:.*]] = memref.subview %[[X]][%[[N2]], %[[H2]], 0, 0] [1, 1, 64, 32] [1, 1, 1, 1]
//   CHECK-DAG:   %[[DST:.*]] = memref.subview %[[INNER]][%[[N2]], %[[H2]], 0, 0] [1, 1, 64, 32] [1, 1, 1, 1]
//       CHECK:   linalg.copy ins(%[[SRC]] : {{.*}}) outs(%[[DST]] : {{.*}})
//   CHECK-NOT: linalg
//       CHECK: return
func.func @pad(%x: memref<2x64x64x32xf32>, %padded: memref<2x66x66x32xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%padded : memref<2x66x66x32xf32>)
  %inner = memref.subview %padded[0, 1, 1, 0] [2, 64, 64, 32] [1, 1, 1, 1]
      : memref<2x66x66x32xf32> to memref<2x64x64x32xf32, strided<[139392, 2112, 32, 1], offset: 2144>>
  linalg.copy ins(%x : memref<2x64x64x32xf32>)
      outs(%inner : memref<2x64x64x32xf32, strided<[139392, 2112, 32, 1], offset: 2144>>)
  return
}

// -----

// A bias broadcast and a generic with a broadcast operand: the bias is not
// sliced along the parallel dims it does not depend on.

// CHECK-LABEL: func.func @bias
//  CHECK-SAME: (%[[B:.*]]: memref<64xf32>, %[[Y:.*]]: memref<4x32x32x64xf32>)
//       CHECK: scf.parallel (%[[N:.*]], %[[H:.*]]) =
//       CHECK:   %[[ROW:.*]] = memref.subview %[[Y]][%[[N]], %[[H]], 0, 0] [1, 1, 32, 64]
//       CHECK:   linalg.broadcast ins(%[[B]] : memref<64xf32>) outs(%[[ROW]] : {{.*}}) dimensions = [0, 1, 2]
//       CHECK: scf.parallel (%[[N2:.*]], %[[H2:.*]]) =
//       CHECK:   %[[ROW2:.*]] = memref.subview %[[Y]][%[[N2]], %[[H2]], 0, 0] [1, 1, 32, 64]
//       CHECK:   linalg.generic {{.*}} ins(%[[B]] : memref<64xf32>) outs(%[[ROW2]] : {{.*}})
//       CHECK:     arith.addf
func.func @bias(%b: memref<64xf32>, %y: memref<4x32x32x64xf32>) {
  linalg.broadcast ins(%b : memref<64xf32>) outs(%y : memref<4x32x32x64xf32>) dimensions = [0, 1, 2]
  linalg.generic {indexing_maps = [affine_map<(n, h, w, c) -> (c)>, affine_map<(n, h, w, c) -> (n, h, w, c)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : memref<64xf32>) outs(%y : memref<4x32x32x64xf32>) {
  ^bb0(%bias: f32, %acc: f32):
    %sum = arith.addf %acc, %bias : f32
    linalg.yield %sum : f32
  }
  return
}

// -----

// Two loops: the first one is parallel. Dynamic sizes are always tiled.

// CHECK-LABEL: func.func @two_loops_dynamic
//  CHECK-SAME: (%[[A:.*]]: memref<?x?xf32>
//       CHECK: %[[ROWS:.*]] = memref.dim %[[A]], %{{.*}}
//       CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%[[ROWS]]) step (%{{.*}})
//       CHECK:   %[[ROW:.*]] = memref.subview %[[A]][%[[I]], 0] [1, %{{.*}}] [1, 1]
//       CHECK:   linalg.fill ins(%{{.*}} : f32) outs(%[[ROW]] : memref<1x?xf32, strided<[?, 1], offset: ?>>)
func.func @two_loops_dynamic(%a: memref<?x?xf32>, %v: f32) {
  linalg.fill ins(%v : f32) outs(%a : memref<?x?xf32>)
  return
}

// -----

// Left alone: small ops (unless min-elements allows them), a reduction (the
// CIRCULAR fold), one loop, tensors, and ops already in a parallel loop.

// CHECK-LABEL: func.func @left_alone
//   CHECK-NOT: scf.parallel (%{{.*}}, %{{.*}}) =
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<4x8x8x16xf32>)
//       CHECK: linalg.reduce
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<65536xf32>)
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<64x1024xf32>)
//       CHECK: scf.parallel
//  CHECK-NEXT:   linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<64x1024xf32>)

// ALL-LABEL: func.func @left_alone
//       ALL: scf.parallel
//       ALL:   linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<1x1x8x16xf32, {{.*}}>)
//       ALL: linalg.reduce
func.func @left_alone(%small: memref<4x8x8x16xf32>, %big: memref<2x64x64x32xf32>,
                      %sum: memref<2x64x32xf32>, %flat: memref<65536xf32>,
                      %t: tensor<64x1024xf32>, %m: memref<64x1024xf32>, %v: f32)
    -> tensor<64x1024xf32> {
  linalg.fill ins(%v : f32) outs(%small : memref<4x8x8x16xf32>)
  linalg.reduce ins(%big : memref<2x64x64x32xf32>) outs(%sum : memref<2x64x32xf32>) dimensions = [2]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  linalg.fill ins(%v : f32) outs(%flat : memref<65536xf32>)
  %filled = linalg.fill ins(%v : f32) outs(%t : tensor<64x1024xf32>) -> tensor<64x1024xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%c1) step (%c1) {
    linalg.fill ins(%v : f32) outs(%m : memref<64x1024xf32>)
    scf.reduce
  }
  return %filled : tensor<64x1024xf32>
}

// -----

// An input in the buffer of the output keeps the sequential order, unless it
// is the output itself at the same indices: row i + 1 = row i + 1 reads the
// row the previous iteration wrote, and would race in parallel.

// CHECK-LABEL: func.func @overlapping
//       CHECK: scf.parallel
//       CHECK:   arith.mulf
//   CHECK-NOT: scf.parallel
//       CHECK: linalg.generic
//       CHECK:   arith.addf
func.func @overlapping(%m: memref<256x1024xf32>, %one: f32) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%m : memref<256x1024xf32>) outs(%m : memref<256x1024xf32>) {
  ^bb0(%in: f32, %unused: f32):
    %twice = arith.mulf %in, %in : f32
    linalg.yield %twice : f32
  }
  %rows = memref.subview %m[0, 0] [255, 1024] [1, 1] : memref<256x1024xf32> to memref<255x1024xf32, strided<[1024, 1]>>
  %next = memref.subview %m[1, 0] [255, 1024] [1, 1] : memref<256x1024xf32> to memref<255x1024xf32, strided<[1024, 1], offset: 1024>>
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%rows : memref<255x1024xf32, strided<[1024, 1]>>) outs(%next : memref<255x1024xf32, strided<[1024, 1], offset: 1024>>) {
  ^bb0(%in: f32, %unused: f32):
    %sum = arith.addf %in, %one : f32
    linalg.yield %sum : f32
  }
  return
}

// -----

// Reversed taps whose tap loop is tiled and position loop is not: an index
// that decreases with a loop index, for which tiling would take too short a
// slice of the input. Left sequential; the increasing map next to it is
// tiled. (convt-to-linalg orders a sub-pixel kernel's loops so that both are
// tiled.)
// CHECK-LABEL: func.func @reversed_taps
//   CHECK-NOT:   scf.parallel
//       CHECK:   linalg.generic
// ALL-LABEL: func.func @reversed_taps
//   ALL-NOT:   scf.parallel
//       ALL:   return
#reversed = affine_map<(d0, d1, d2, d3) -> (d0 * 32 - d2 + 31, d1, d3)>
#increasing = affine_map<(d0, d1, d2, d3) -> (d0 * 32 + d2, d1, d3)>
#identity = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @reversed_taps(%k: memref<64x64x8xf32>, %split: memref<2x64x32x8xf32>) {
  linalg.generic {indexing_maps = [#reversed, #identity], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%k : memref<64x64x8xf32>) outs(%split : memref<2x64x32x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// CHECK-LABEL: func.func @increasing_taps
//       CHECK:   scf.parallel
func.func @increasing_taps(%k: memref<64x64x8xf32>, %split: memref<2x64x32x8xf32>) {
  linalg.generic {indexing_maps = [#increasing, #identity], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%k : memref<64x64x8xf32>) outs(%split : memref<2x64x32x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// The gather of a sub-pixel convolution's groups into the result: each index
// depends on the tiled loops alone (the row: one value of its floordiv and
// mod, a slice of size 1 read at 0) or on the untiled ones alone (the whole
// dim). A mod of a tiled and an untiled loop is left sequential, and so are
// the gather's indices on the output (a scatter into the groups): the tiled
// generic takes its loop sizes from outputs indexed by the loops.
// CHECK-DAG: #[[J:.*]] = affine_map<(d0) -> ((d0 + 1) floordiv 2)>
// CHECK-DAG: #[[Q:.*]] = affine_map<(d0) -> (d0 - ((d0 + 1) floordiv 2) * 2 + 1)>
// CHECK-DAG: #[[TILE:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, (d2 + 1) floordiv 2, 0, (d2 + 1) mod 2, d3)>
// CHECK-LABEL: func.func @gather
//       CHECK: scf.parallel (%[[N:.*]], %[[H:.*]]) =
//   CHECK-DAG:   %[[JH:.*]] = affine.apply #[[J]](%[[H]])
//   CHECK-DAG:   %[[QH:.*]] = affine.apply #[[Q]](%[[H]])
//       CHECK:   %[[GROUPS:.*]] = memref.subview %{{.*}}[%[[N]], %[[JH]], 0, %[[QH]], 0, 0] [1, 1, 65, 1, 2, 3]
//       CHECK:   %[[ROW:.*]] = memref.subview %{{.*}}[%[[N]], %[[H]], 0, 0] [1, 1, 128, 3]
//       CHECK:   linalg.generic {indexing_maps = [#[[TILE]], #{{.*}}]{{.*}} ins(%[[GROUPS]] : {{.*}}) outs(%[[ROW]] : {{.*}})
// CHECK-LABEL: func.func @mixed_mod
//   CHECK-NOT:   scf.parallel
// CHECK-LABEL: func.func @scatter
//   CHECK-NOT:   scf.parallel
#gather = affine_map<(d0, d1, d2, d3) -> (d0, (d1 + 1) floordiv 2, (d2 + 1) floordiv 2, (d1 + 1) mod 2, (d2 + 1) mod 2, d3)>
#mixed = affine_map<(d0, d1, d2, d3) -> (d0, d1 floordiv 2, d2 floordiv 2, (d1 + d2) mod 2, 0, d3)>
#rows = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @gather(%groups: memref<2x65x65x2x2x3xf32>, %y: memref<2x128x128x3xf32>) {
  linalg.generic {indexing_maps = [#gather, #rows], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%groups : memref<2x65x65x2x2x3xf32>) outs(%y : memref<2x128x128x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

func.func @mixed_mod(%groups: memref<2x65x65x2x2x3xf32>, %y: memref<2x128x128x3xf32>) {
  linalg.generic {indexing_maps = [#mixed, #rows], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%groups : memref<2x65x65x2x2x3xf32>) outs(%y : memref<2x128x128x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

func.func @scatter(%y: memref<2x128x128x3xf32>, %groups: memref<2x65x65x2x2x3xf32>) {
  linalg.generic {indexing_maps = [#rows, #gather], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : memref<2x128x128x3xf32>) outs(%groups : memref<2x65x65x2x2x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}
