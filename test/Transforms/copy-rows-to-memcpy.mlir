// RUN: convt-opt %s --convt-copy-rows-to-memcpy --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-copy-rows-to-memcpy="min-row-bytes=1" --split-input-file | FileCheck %s --check-prefix=SMALL
// RUN: not convt-opt %s --convt-copy-rows-to-memcpy="min-row-bytes=0" --split-input-file 2>&1 | FileCheck %s --check-prefix=MIN
// MIN: error: min-row-bytes must be at least 1; got 0

// The input of the phase convolutions into the interior of its padded
// buffer: the rows (W x C) are contiguous on both sides, the H rows are not.
// The new allocation cannot overlap the argument.

// CHECK-LABEL: func.func @pad_interior
//  CHECK-SAME: (%[[X:.*]]: memref<2x64x64x32xf32>)
//       CHECK: %[[P:.*]] = memref.alloc()
//       CHECK: %[[INNER:.*]] = memref.subview %[[P]][0, 1, 1, 0] [2, 64, 64, 32]
//       CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step
//       CHECK:   scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
//       CHECK:     %[[SRC:.*]] = memref.subview %[[X]][%[[N]], %[[H]], 0, 0] [1, 1, 64, 32] [1, 1, 1, 1] : memref<2x64x64x32xf32> to memref<64x32xf32, strided<[32, 1], offset: ?>>
//       CHECK:     %[[DST:.*]] = memref.subview %[[INNER]][%[[N]], %[[H]], 0, 0] [1, 1, 64, 32] [1, 1, 1, 1] : memref<2x64x64x32xf32, strided<[139392, 2112, 32, 1], offset: 2144>> to memref<64x32xf32, strided<[32, 1], offset: ?>>
//       CHECK:     memref.copy %[[SRC]], %[[DST]]
//   CHECK-NOT: linalg.copy
func.func @pad_interior(%x: memref<2x64x64x32xf32>) -> memref<2x66x66x32xf32> {
  %padded = memref.alloc() : memref<2x66x66x32xf32>
  %inner = memref.subview %padded[0, 1, 1, 0] [2, 64, 64, 32] [1, 1, 1, 1] : memref<2x66x66x32xf32> to memref<2x64x64x32xf32, strided<[139392, 2112, 32, 1], offset: 2144>>
  linalg.copy ins(%x : memref<2x64x64x32xf32>) outs(%inner : memref<2x64x64x32xf32, strided<[139392, 2112, 32, 1], offset: 2144>>)
  return %padded : memref<2x66x66x32xf32>
}

// -----

// Contiguous on both sides: one memcpy, no loop. Unit dims (the batch here)
// may have any stride.

// CHECK-LABEL: func.func @contiguous
//   CHECK-NOT: scf.for
//       CHECK: memref.copy %{{.*}}, %{{.*}} : memref<8x16xbf16, strided<[16, 1], offset: 7>> to memref<8x16xbf16, strided<[16, 1]>>
func.func @contiguous(%a: memref<1x8x16xbf16, strided<[999, 16, 1], offset: 7>>) -> memref<1x8x16xbf16> {
  %b = memref.alloc() : memref<1x8x16xbf16>
  linalg.copy ins(%a : memref<1x8x16xbf16, strided<[999, 16, 1], offset: 7>>) outs(%b : memref<1x8x16xbf16>)
  return %b : memref<1x8x16xbf16>
}

// -----

// Dynamic leading dims loop to their runtime size.

// CHECK-LABEL: func.func @dynamic_leading
//       CHECK: memref.subview %{{.*}}[0, 0, 0]
//       CHECK: %[[D:.*]] = memref.dim %{{.*}}, %{{.*}}
//       CHECK: scf.for %{{.*}} = %{{.*}} to %[[D]]
//       CHECK:   memref.copy {{.*}} : memref<4x16xf32, strided<[16, 1], offset: ?>> to memref<4x16xf32, strided<[16, 1], offset: ?>>
func.func @dynamic_leading(%a: memref<?x4x16xf32>) -> memref<?x8x16xf32> {
  %c0 = arith.constant 0 : index
  %n = memref.dim %a, %c0 : memref<?x4x16xf32>
  %buffer = memref.alloc(%n) : memref<?x8x16xf32>
  %b = memref.subview %buffer[0, 0, 0] [%n, 4, 16] [1, 1, 1] : memref<?x8x16xf32> to memref<?x4x16xf32, strided<[128, 16, 1]>>
  linalg.copy ins(%a : memref<?x4x16xf32>) outs(%b : memref<?x4x16xf32, strided<[128, 16, 1]>>)
  return %buffer : memref<?x8x16xf32>
}

// -----

// Left to linalg-to-loops: no contiguous last dim; rows shorter than
// min-row-bytes (8 bytes here); a dynamic row; views of one buffer, which
// may overlap; two function arguments, which may be one buffer; a copy that
// converts its elements (f32 to f64), which memcpy would not.

// CHECK-LABEL: func.func @left_alone
//   CHECK-NOT: memref.copy
//   CHECK-NOT: scf.for
// CHECK-COUNT-6: linalg.copy
// SMALL-LABEL: func.func @left_alone
//       SMALL: linalg.copy
//       SMALL: scf.for
//       SMALL:   memref.copy {{.*}} : memref<2xf32, strided<[1], offset: ?>> to memref<2xf32, strided<[1], offset: ?>>
// SMALL-COUNT-4: linalg.copy
func.func @left_alone(%a: memref<4x8xf32>, %c: memref<4x2xf32>,
                      %e: memref<4x?xf32>, %g: memref<8x64xf32>,
                      %h: memref<4x64xf32>, %i: memref<4x64xf32>) {
  %c1 = arith.constant 1 : index
  %wide = memref.alloc() : memref<4x16xf32>
  %b = memref.subview %wide[0, 0] [4, 8] [1, 2] : memref<4x16xf32> to memref<4x8xf32, strided<[16, 2]>>
  linalg.copy ins(%a : memref<4x8xf32>) outs(%b : memref<4x8xf32, strided<[16, 2]>>)
  %square = memref.alloc() : memref<4x4xf32>
  %d = memref.subview %square[0, 0] [4, 2] [1, 1] : memref<4x4xf32> to memref<4x2xf32, strided<[4, 1]>>
  linalg.copy ins(%c : memref<4x2xf32>) outs(%d : memref<4x2xf32, strided<[4, 1]>>)
  %columns = memref.dim %e, %c1 : memref<4x?xf32>
  %f = memref.alloc(%columns) : memref<4x?xf32>
  linalg.copy ins(%e : memref<4x?xf32>) outs(%f : memref<4x?xf32>)
  %lo = memref.subview %g[0, 0] [4, 64] [1, 1] : memref<8x64xf32> to memref<4x64xf32, strided<[64, 1]>>
  %hi = memref.subview %g[4, 0] [4, 64] [1, 1] : memref<8x64xf32> to memref<4x64xf32, strided<[64, 1], offset: 256>>
  linalg.copy ins(%lo : memref<4x64xf32, strided<[64, 1]>>) outs(%hi : memref<4x64xf32, strided<[64, 1], offset: 256>>)
  linalg.copy ins(%h : memref<4x64xf32>) outs(%i : memref<4x64xf32>)
  %double = memref.alloc() : memref<4x64xf64>
  linalg.copy ins(%h : memref<4x64xf32>) outs(%double : memref<4x64xf64>)
  memref.dealloc %double : memref<4x64xf64>
  memref.dealloc %wide : memref<4x16xf32>
  memref.dealloc %square : memref<4x4xf32>
  memref.dealloc %f : memref<4x?xf32>
  return
}
