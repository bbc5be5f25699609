// RUN: convt-opt %s --convt-memref-copy-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @strided
//  CHECK-SAME: (%[[A:.*]]: memref<4x8xf32>, %[[B:.*]]: memref<4x8xf32, strided<[16, 2]>>)
//       CHECK: linalg.copy ins(%[[A]] : memref<4x8xf32>) outs(%[[B]] : memref<4x8xf32, strided<[16, 2]>>)
//   CHECK-NOT: memref.copy
func.func @strided(%a: memref<4x8xf32>, %b: memref<4x8xf32, strided<[16, 2]>>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32, strided<[16, 2]>>
  return
}

// Unranked copies stay.
// CHECK-LABEL: func.func @unranked
//       CHECK: memref.copy
func.func @unranked(%a: memref<*xf32>, %b: memref<*xf32>) {
  memref.copy %a, %b : memref<*xf32> to memref<*xf32>
  return
}
