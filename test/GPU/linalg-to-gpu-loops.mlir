// RUN: convt-opt %s --convt-linalg-to-gpu-loops=block-size=64 --cse | FileCheck %s
// RUN: convt-opt %s --convt-linalg-to-gpu-loops=block-size=8 --convert-parallel-loops-to-gpu --canonicalize | FileCheck %s --check-prefix=LAUNCH
// RUN: not convt-opt %s --convt-linalg-to-gpu-loops=block-size=2000 2>&1 | FileCheck %s --check-prefix=BLOCK

// BLOCK: error: block-size must be between 1 and 1024, got 2000

// One thread per output element: the parallel dims (n, w, f) collapse into
// one of 1*5*3 = 15 iterations, tiled by the block size, f varying fastest;
// the reduction (kw, c) runs in each thread.

// CHECK-LABEL: func.func @conv
// CHECK-SAME: %[[Y:[a-z0-9]+]]: memref<1x5x3xf32>)
// CHECK-DAG:  %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG:  %[[C5:.*]] = arith.constant 5 : index
// CHECK:      %[[N:.*]] = arith.muli %{{.*}}, %[[C3]] : index
// CHECK-NEXT: %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT: %[[B:.*]] = arith.muli %{{.*}}, %[[C64]] : index
// CHECK:      scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%[[N]]) step (%[[B]]) {
// CHECK-NEXT:   scf.parallel (%[[J:.*]]) = (%{{.*}}) to (%[[B]]) step (%{{.*}}) {
// CHECK-NEXT:     %[[L:.*]] = arith.addi %[[J]], %[[I]] : index
// CHECK:          %[[IN:.*]] = arith.cmpi ult, %{{.*}}, %[[N]] : index
// CHECK:          scf.if
// CHECK-NEXT:       %[[F:.*]] = arith.remsi %[[L]], %[[C3]] : index
// CHECK-NEXT:       %[[NW:.*]] = arith.divsi %[[L]], %[[C3]] : index
// CHECK-NEXT:       %[[W:.*]] = arith.remsi %[[NW]], %[[C5]] : index
// CHECK-NEXT:       %[[B0:.*]] = arith.divsi %[[NW]], %[[C5]] : index
// CHECK-NEXT:       scf.for
// CHECK-NEXT:         scf.for
// CHECK:                arith.mulf
// CHECK:                memref.store %{{.*}}, %[[Y]]
// CHECK:        } {mapping = [#gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK:      } {mapping = [#gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}

// With 8 threads per block, the 15 elements take 2 blocks.
// LAUNCH-LABEL: func.func @conv
// LAUNCH-DAG:   %[[C1:.*]] = arith.constant 1 : index
// LAUNCH-DAG:   %[[C2:.*]] = arith.constant 2 : index
// LAUNCH-DAG:   %[[C8:.*]] = arith.constant 8 : index
// LAUNCH:       gpu.launch blocks({{.*}}) in ({{.*}} = %[[C2]], {{.*}} = %[[C1]], {{.*}} = %[[C1]]) threads({{.*}}) in ({{.*}} = %[[C8]], {{.*}} = %[[C1]], {{.*}} = %[[C1]])
func.func @conv(%x: memref<1x6x2xf32>, %k: memref<2x2x3xf32>, %y: memref<1x5x3xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : memref<1x6x2xf32>, memref<2x2x3xf32>) outs(%y : memref<1x5x3xf32>)
  return
}

// A reduction over a middle dim (the CIRCULAR fold) is interchanged so that
// its parallel dims (2 * 3 = 6 iterations) map to threads.

// CHECK-LABEL: func.func @fold
// CHECK-SAME: (%[[X:.*]]: memref<2x?x3xf32>, %[[R:.*]]: memref<2x3xf32>)
// CHECK:      %[[D:.*]] = memref.dim %[[X]]
// CHECK:      scf.parallel
// CHECK-NEXT:   scf.parallel
// CHECK:          scf.if
// CHECK-NEXT:       %[[J:.*]] = arith.remsi
// CHECK-NEXT:       %[[I:.*]] = arith.divsi
// CHECK-NEXT:       scf.for %[[K:.*]] = %{{.*}} to %[[D]]
// CHECK:              memref.load %[[X]][%{{.*}}, %{{.*}}, %{{.*}}]
// CHECK:              memref.store %{{.*}}, %[[R]]
// CHECK:        } {mapping = [#gpu.loop_dim_map<processor = thread_x
// CHECK:      } {mapping = [#gpu.loop_dim_map<processor = block_x
func.func @fold(%x: memref<2x?x3xf32>, %r: memref<2x3xf32>) {
  linalg.reduce ins(%x : memref<2x?x3xf32>) outs(%r : memref<2x3xf32>) dimensions = [1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return
}

// An op without parallel dims runs as one thread.

// CHECK-LABEL: func.func @scalar
// CHECK:      scf.parallel
// CHECK-NEXT:   scf.parallel
// CHECK:          %[[IN:.*]] = arith.cmpi ult, %{{.*}}, %[[ONE:.*]] : index
// CHECK:          scf.if
// CHECK-NEXT:       memref.load
// CHECK-NEXT:       arith.addf
// CHECK-NEXT:       memref.store
// CHECK:        } {mapping = [#gpu.loop_dim_map<processor = thread_x
// CHECK:      } {mapping = [#gpu.loop_dim_map<processor = block_x
func.func @scalar(%x: memref<f32>, %y: memref<f32>) {
  linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
    ins(%x : memref<f32>) outs(%y : memref<f32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.addf %in, %in : f32
    linalg.yield %d : f32
  }
  return
}
