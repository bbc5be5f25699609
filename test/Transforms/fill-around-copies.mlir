// RUN: convt-opt %s --convt-fill-around-copies --split-input-file | FileCheck %s

// The zero padding of tensor.pad after bufferization: the fill of the padded
// buffer becomes fills of the slabs around the copied window only.

// CHECK-LABEL: func.func @pad
//  CHECK-SAME: (%[[X:.*]]: memref<2x4x5x3xf32>)
//       CHECK: %[[P:.*]] = memref.alloc() : memref<2x7x8x3xf32>
//   CHECK-NOT: linalg.map
//       CHECK: %[[WINDOW:.*]] = memref.subview %[[P]][0, 1, 2, 0] [2, 4, 5, 3] [1, 1, 1, 1]
//       CHECK: %[[TOP:.*]] = memref.subview %[[P]][0, 0, 0, 0] [2, 1, 8, 3] [1, 1, 1, 1]
//       CHECK: linalg.fill ins(%[[ZERO:.*]] : f32) outs(%[[TOP]] :
//       CHECK: %[[BOTTOM:.*]] = memref.subview %[[P]][0, 5, 0, 0] [2, 2, 8, 3] [1, 1, 1, 1]
//       CHECK: linalg.fill ins(%[[ZERO]] : f32) outs(%[[BOTTOM]] :
//       CHECK: %[[LEFT:.*]] = memref.subview %[[P]][0, 1, 0, 0] [2, 4, 2, 3] [1, 1, 1, 1]
//       CHECK: linalg.fill ins(%[[ZERO]] : f32) outs(%[[LEFT]] :
//       CHECK: %[[RIGHT:.*]] = memref.subview %[[P]][0, 1, 7, 0] [2, 4, 1, 3] [1, 1, 1, 1]
//       CHECK: linalg.fill ins(%[[ZERO]] : f32) outs(%[[RIGHT]] :
//   CHECK-NOT: linalg.fill
//       CHECK: linalg.copy ins(%[[X]] : memref<2x4x5x3xf32>) outs(%[[WINDOW]] :
func.func @pad(%x: memref<2x4x5x3xf32>) -> memref<2x7x8x3xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = memref.alloc() : memref<2x7x8x3xf32>
  linalg.map outs(%padded : memref<2x7x8x3xf32>)
    (%init: f32) {
      linalg.yield %zero : f32
    }
  %window = memref.subview %padded[0, 1, 2, 0] [2, 4, 5, 3] [1, 1, 1, 1]
      : memref<2x7x8x3xf32> to memref<2x4x5x3xf32, strided<[168, 24, 3, 1], offset: 30>>
  linalg.copy ins(%x : memref<2x4x5x3xf32>)
      outs(%window : memref<2x4x5x3xf32, strided<[168, 24, 3, 1], offset: 30>>)
  return %padded : memref<2x7x8x3xf32>
}

// -----

// A linalg.fill with a window that touches one side: one slab.

// CHECK-LABEL: func.func @one_side
//  CHECK-SAME: (%[[X:.*]]: memref<6x4xf32>, %[[V:.*]]: f32)
//       CHECK: %[[P:.*]] = memref.alloc() : memref<6x5xf32>
//       CHECK: %[[SLAB:.*]] = memref.subview %[[P]][0, 4] [6, 1] [1, 1]
//       CHECK: linalg.fill ins(%[[V]] : f32) outs(%[[SLAB]] : memref<6x1xf32, strided<[5, 1], offset: 4>>)
//   CHECK-NOT: linalg.fill
//       CHECK: linalg.copy
func.func @one_side(%x: memref<6x4xf32>, %v: f32) -> memref<6x5xf32> {
  %padded = memref.alloc() : memref<6x5xf32>
  linalg.fill ins(%v : f32) outs(%padded : memref<6x5xf32>)
  %window = memref.subview %padded[0, 0] [6, 4] [1, 1]
      : memref<6x5xf32> to memref<6x4xf32, strided<[5, 1]>>
  linalg.copy ins(%x : memref<6x4xf32>) outs(%window : memref<6x4xf32, strided<[5, 1]>>)
  return %padded : memref<6x5xf32>
}

// -----

// A linalg.transpose into the window (the transposed input of the
// pixels-in-lanes kernel, [N, H, C, W + 16]): the window's sizes are the
// source's with the last two swapped; the columns past it get one slab.

// CHECK-LABEL: func.func @transpose
//  CHECK-SAME: (%[[X:.*]]: memref<1x2x5x3xf32>, %[[V:.*]]: f32)
//       CHECK: %[[T:.*]] = memref.alloc() : memref<1x2x3x21xf32>
//       CHECK: %[[SLAB:.*]] = memref.subview %[[T]][0, 0, 0, 5] [1, 2, 3, 16] [1, 1, 1, 1]
//       CHECK: linalg.fill ins(%[[V]] : f32) outs(%[[SLAB]] : memref<1x2x3x16xf32, strided<[126, 63, 21, 1], offset: 5>>)
//   CHECK-NOT: linalg.fill
//       CHECK: linalg.transpose ins(%[[X]] : memref<1x2x5x3xf32>)
func.func @transpose(%x: memref<1x2x5x3xf32>, %v: f32) -> memref<1x2x3x21xf32> {
  %t = memref.alloc() : memref<1x2x3x21xf32>
  linalg.fill ins(%v : f32) outs(%t : memref<1x2x3x21xf32>)
  %window = memref.subview %t[0, 0, 0, 0] [1, 2, 3, 5] [1, 1, 1, 1]
      : memref<1x2x3x21xf32> to memref<1x2x3x5xf32, strided<[126, 63, 21, 1]>>
  linalg.transpose ins(%x : memref<1x2x5x3xf32>) outs(%window : memref<1x2x3x5xf32, strided<[126, 63, 21, 1]>>) permutation = [0, 1, 3, 2]
  return %t : memref<1x2x3x21xf32>
}

// -----

// Left alone: a write between the fill and the copy, a strided window, a
// map that computes from its element, a copy into another
// buffer, a copy that reads the filled buffer, a buffer that is not a new
// allocation (it may alias the copy's source), and a copy from a buffer that
// is neither a function argument nor a new allocation.

// CHECK-LABEL: func.func @left_alone
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[P:.*]] : memref<6x5xf32>)
//       CHECK: memref.store
//       CHECK: linalg.copy
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[P]] : memref<6x5xf32>)
//       CHECK: linalg.copy
//       CHECK: linalg.map
//       CHECK: linalg.copy
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<6x5xf32>)
//       CHECK: linalg.copy
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[P]] : memref<6x5xf32>)
//       CHECK: linalg.copy
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<6x5xf32>)
//       CHECK: linalg.copy
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[P]] : memref<6x5xf32>)
//       CHECK: linalg.copy
memref.global "private" constant @table : memref<6x4xf32> = dense<1.0>
func.func @left_alone(%x: memref<6x4xf32>, %y: memref<3x2xf32>, %arg: memref<6x5xf32>,
                      %v: f32) -> (memref<6x5xf32>, memref<6x5xf32>) {
  %c0 = arith.constant 0 : index
  %p = memref.alloc() : memref<6x5xf32>
  %q = memref.alloc() : memref<6x5xf32>
  %window = memref.subview %p[0, 0] [6, 4] [1, 1] : memref<6x5xf32> to memref<6x4xf32, strided<[5, 1]>>
  linalg.fill ins(%v : f32) outs(%p : memref<6x5xf32>)
  memref.store %v, %p[%c0, %c0] : memref<6x5xf32>
  linalg.copy ins(%x : memref<6x4xf32>) outs(%window : memref<6x4xf32, strided<[5, 1]>>)

  linalg.fill ins(%v : f32) outs(%p : memref<6x5xf32>)
  %strided = memref.subview %p[0, 0] [3, 2] [2, 2] : memref<6x5xf32> to memref<3x2xf32, strided<[10, 2]>>
  linalg.copy ins(%y : memref<3x2xf32>) outs(%strided : memref<3x2xf32, strided<[10, 2]>>)

  linalg.map outs(%p : memref<6x5xf32>)
    (%old: f32) {
      %twice = arith.addf %old, %old : f32
      linalg.yield %twice : f32
    }
  linalg.copy ins(%x : memref<6x4xf32>) outs(%window : memref<6x4xf32, strided<[5, 1]>>)

  linalg.fill ins(%v : f32) outs(%q : memref<6x5xf32>)
  linalg.copy ins(%x : memref<6x4xf32>) outs(%window : memref<6x4xf32, strided<[5, 1]>>)

  linalg.fill ins(%v : f32) outs(%p : memref<6x5xf32>)
  %source = memref.subview %p[0, 1] [6, 4] [1, 1] : memref<6x5xf32> to memref<6x4xf32, strided<[5, 1], offset: 1>>
  linalg.copy ins(%source : memref<6x4xf32, strided<[5, 1], offset: 1>>) outs(%window : memref<6x4xf32, strided<[5, 1]>>)

  linalg.fill ins(%v : f32) outs(%arg : memref<6x5xf32>)
  %argWindow = memref.subview %arg[0, 0] [6, 4] [1, 1] : memref<6x5xf32> to memref<6x4xf32, strided<[5, 1]>>
  linalg.copy ins(%x : memref<6x4xf32>) outs(%argWindow : memref<6x4xf32, strided<[5, 1]>>)

  %table = memref.get_global @table : memref<6x4xf32>
  linalg.fill ins(%v : f32) outs(%p : memref<6x5xf32>)
  linalg.copy ins(%table : memref<6x4xf32>) outs(%window : memref<6x4xf32, strided<[5, 1]>>)
  return %p, %q : memref<6x5xf32>, memref<6x5xf32>
}

// -----

// A generic without inputs that yields a value to some elements only (the
// diagonal here) is not a fill: it stays, as does the fill before it.
// CHECK-LABEL: func.func @diagonal
//       CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[P:.*]] : memref<4x4xf32>)
//       CHECK: linalg.generic
//  CHECK-SAME: outs(%[[P]] : memref<4x4xf32>)
//       CHECK: linalg.copy
func.func @diagonal(%x: memref<2x2xf32>) -> memref<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %seven = arith.constant 7.0 : f32
  %p = memref.alloc() : memref<4x4xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<4x4xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0, d0)>], iterator_types = ["parallel"]}
      outs(%p : memref<4x4xf32>) {
  ^bb0(%unused: f32):
    linalg.yield %seven : f32
  }
  %window = memref.subview %p[1, 1] [2, 2] [1, 1] : memref<4x4xf32> to memref<2x2xf32, strided<[4, 1], offset: 5>>
  linalg.copy ins(%x : memref<2x2xf32>) outs(%window : memref<2x2xf32, strided<[4, 1], offset: 5>>)
  return %p : memref<4x4xf32>
}

// -----

// Dynamic sizes (the padded input of a convolution with dynamic sizes): the
// slabs' offsets and sizes are computed where the copy is, from the window's
// and the buffer's sizes; the slab below the static offset 0 is left out.
// CHECK-LABEL: func.func @dynamic
//  CHECK-SAME: (%[[X:.*]]: memref<?x?xf32>, %[[V:.*]]: f32, %[[N:.*]]: index, %[[M:.*]]: index)
//       CHECK: %[[P:.*]] = memref.alloc(%[[N]], %[[M]]) : memref<?x?xf32>
//   CHECK-NOT: linalg.fill
//       CHECK: %[[WINDOW:.*]] = memref.subview %[[P]][1, 0] [%[[H:.*]], %[[W:.*]]] [1, 1]
//       CHECK: %[[TOP:.*]] = memref.subview %[[P]][0, 0] [1, %[[M]]] [1, 1]
//       CHECK: linalg.fill ins(%[[V]] : f32) outs(%[[TOP]] :
//       CHECK: %[[END:.*]] = arith.addi %{{.*}}, %[[H]]
//       CHECK: %[[BELOW:.*]] = arith.subi %[[N]], %[[END]]
//       CHECK: %[[BOTTOM:.*]] = memref.subview %[[P]][%[[END]], 0] [%[[BELOW]], %[[M]]] [1, 1]
//       CHECK: linalg.fill ins(%[[V]] : f32) outs(%[[BOTTOM]] :
//       CHECK: %[[RIGHTW:.*]] = arith.subi %[[M]], %[[W]]
//       CHECK: %[[RIGHT:.*]] = memref.subview %[[P]][1, %[[W]]] [%[[H]], %[[RIGHTW]]] [1, 1]
//       CHECK: linalg.fill ins(%[[V]] : f32) outs(%[[RIGHT]] :
//   CHECK-NOT: linalg.fill
//       CHECK: linalg.copy ins(%[[X]] : memref<?x?xf32>) outs(%[[WINDOW]] :
func.func @dynamic(%x: memref<?x?xf32>, %v: f32, %n: index, %m: index) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %p = memref.alloc(%n, %m) : memref<?x?xf32>
  linalg.fill ins(%v : f32) outs(%p : memref<?x?xf32>)
  %h = memref.dim %x, %c0 : memref<?x?xf32>
  %w = memref.dim %x, %c1 : memref<?x?xf32>
  %window = memref.subview %p[1, 0] [%h, %w] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  linalg.copy ins(%x : memref<?x?xf32>) outs(%window : memref<?x?xf32, strided<[?, 1], offset: ?>>)
  return %p : memref<?x?xf32>
}
