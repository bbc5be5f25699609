// RUN: convt-opt %s --split-input-file --convt-gpu-stage-host-memrefs | FileCheck %s

// Arguments are copied to device buffers at the entry, buffers are allocated
// on the device, the result comes back in a new host buffer, and every device
// buffer is freed; the arguments, only read, are not copied back.

// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: memref<1x4x2xf32>, %[[K:.*]]: memref<2x2x3xf32>) -> memref<1x5x3xf32>
// CHECK:      %[[DX:.*]] = gpu.alloc () : memref<1x4x2xf32>
// CHECK-NEXT: gpu.memcpy %[[DX]], %[[X]]
// CHECK-NEXT: %[[DK:.*]] = gpu.alloc () : memref<2x2x3xf32>
// CHECK-NEXT: gpu.memcpy %[[DK]], %[[K]]
// CHECK:      %[[Y:.*]] = gpu.alloc () : memref<1x5x3xf32>
// CHECK:      %[[T:.*]] = gpu.alloc () : memref<1x6x2xf32>
// CHECK:      linalg.conv_1d_nwc_wcf {{.*}} ins(%[[T]], %[[DK]] : {{.*}}) outs(%[[Y]] : {{.*}})
// CHECK-NEXT: gpu.dealloc %[[T]]
// CHECK-NEXT: %[[H:.*]] = memref.alloc() : memref<1x5x3xf32>
// CHECK-NEXT: gpu.memcpy %[[H]], %[[Y]]
// CHECK-NEXT: gpu.dealloc %[[Y]]
// CHECK-NEXT: gpu.dealloc %[[DX]]
// CHECK-NEXT: gpu.dealloc %[[DK]]
// CHECK-NEXT: return %[[H]]
func.func @conv(%x: memref<1x4x2xf32>, %k: memref<2x2x3xf32>) -> memref<1x5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %y = memref.alloc() {alignment = 64 : i64} : memref<1x5x3xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x5x3xf32>)
  %t = memref.alloc() : memref<1x6x2xf32>
  linalg.fill ins(%zero : f32) outs(%t : memref<1x6x2xf32>)
  %inner = memref.subview %t[0, 1, 0] [1, 4, 2] [1, 1, 1] : memref<1x6x2xf32> to memref<1x4x2xf32, strided<[12, 2, 1], offset: 2>>
  memref.copy %x, %inner : memref<1x4x2xf32> to memref<1x4x2xf32, strided<[12, 2, 1], offset: 2>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%t, %k : memref<1x6x2xf32>, memref<2x2x3xf32>) outs(%y : memref<1x5x3xf32>)
  memref.dealloc %t : memref<1x6x2xf32>
  return %y : memref<1x5x3xf32>
}

// -----

// An argument the function writes (through a view) is copied back; dynamic
// sizes come from the host buffer.

// CHECK-LABEL: func.func @fill_in_place
// CHECK-SAME: (%[[A:.*]]: memref<?x4xf32>)
// CHECK:      %[[C0:.*]] = arith.constant 0 : index
// CHECK:      %[[N:.*]] = memref.dim %[[A]], %[[C0]]
// CHECK-NEXT: %[[D:.*]] = gpu.alloc (%[[N]]) : memref<?x4xf32>
// CHECK-NEXT: gpu.memcpy %[[D]], %[[A]]
// CHECK:      %[[V:.*]] = memref.subview %[[D]]
// CHECK:      linalg.fill {{.*}} outs(%[[V]]
// CHECK-NEXT: gpu.memcpy %[[A]], %[[D]]
// CHECK-NEXT: gpu.dealloc %[[D]]
// CHECK-NEXT: return
func.func @fill_in_place(%a: memref<?x4xf32>) {
  %one = arith.constant 1.0 : f32
  %c0 = arith.constant 0 : index
  %n = memref.dim %a, %c0 : memref<?x4xf32>
  %v = memref.subview %a[0, 1] [%n, 2] [1, 1] : memref<?x4xf32> to memref<?x2xf32, strided<[4, 1], offset: 1>>
  linalg.fill ins(%one : f32) outs(%v : memref<?x2xf32, strided<[4, 1], offset: 1>>)
  return
}

// -----

// Globals are staged at the entry, even where a loop reads them, and a
// result that is an argument comes back as a copy.

memref.global "private" constant @weights : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>

// CHECK-LABEL: func.func @global_and_alias
// CHECK-SAME: (%[[A:.*]]: memref<4xf32>, %[[N:.*]]: index)
// CHECK-NEXT: %[[G:.*]] = memref.get_global @weights
// CHECK-NEXT: %[[DA:.*]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT: gpu.memcpy %[[DA]], %[[A]]
// CHECK-NEXT: %[[DG:.*]] = gpu.alloc () : memref<4xf32>
// CHECK-NEXT: gpu.memcpy %[[DG]], %[[G]]
// CHECK:      scf.for
// CHECK-NEXT:   linalg.add ins(%[[DA]], %[[DG]] : {{.*}}) outs(%[[DA]] : {{.*}})
// CHECK:      %[[H:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT: gpu.memcpy %[[H]], %[[DA]]
// CHECK-NEXT: gpu.memcpy %[[A]], %[[DA]]
// CHECK-NEXT: gpu.dealloc %[[DA]]
// CHECK-NEXT: gpu.dealloc %[[DG]]
// CHECK-NEXT: return %[[H]]
func.func @global_and_alias(%a: memref<4xf32>, %n: index) -> memref<4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %w = memref.get_global @weights : memref<4xf32>
    linalg.add ins(%a, %w : memref<4xf32>, memref<4xf32>) outs(%a : memref<4xf32>)
  }
  return %a : memref<4xf32>
}

// -----

// Declarations are left alone.

// CHECK-LABEL: func.func private @external(memref<4xf32>)
func.func private @external(memref<4xf32>)

// -----

// memref.reshape reads its shape operand on the host, when it builds the
// reshaped descriptor. Where the host stores that shape (the bufferized
// tensor.from_elements of a CIRCULAR fold, or of several batch dims, with
// dynamic sizes), the reshape of the device buffer becomes a
// reinterpret_cast with the stored sizes and row-major strides, and the
// shape buffer goes.

// CHECK-LABEL: func.func @reshape_shape
// CHECK-SAME: (%[[X:.*]]: memref<?xf32>, %[[ROWS:.*]]: index, %[[COLS:.*]]: index)
// CHECK:      %[[DX:.*]] = gpu.alloc (%{{.*}}) : memref<?xf32>
// CHECK-NEXT: gpu.memcpy %[[DX]], %[[X]]
// CHECK-NOT:  memref.store
// CHECK:      %[[ROW_STRIDE:.*]] = arith.muli %{{.*}}, %[[COLS]] : index
// CHECK-NEXT: %[[R:.*]] = memref.reinterpret_cast %[[DX]] to offset: [0], sizes: [%[[ROWS]], %[[COLS]], 3], strides: [%[[ROW_STRIDE]], 3, 1] : memref<?xf32> to memref<?x?x3xf32>
// CHECK-NEXT: %[[Y:.*]] = gpu.alloc (%[[COLS]]) : memref<?x3xf32>
// CHECK-NEXT: linalg.reduce ins(%[[R]] : memref<?x?x3xf32>) outs(%[[Y]] : memref<?x3xf32>)
// CHECK-NOT:  memref.dealloc
// CHECK:      return
func.func @reshape_shape(%x: memref<?xf32>, %rows: index, %cols: index) -> memref<?x3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %shape = memref.alloc() : memref<3xindex>
  memref.store %rows, %shape[%c0] : memref<3xindex>
  memref.store %cols, %shape[%c1] : memref<3xindex>
  memref.store %c3, %shape[%c2] : memref<3xindex>
  %r = memref.reshape %x(%shape) : (memref<?xf32>, memref<3xindex>) -> memref<?x?x3xf32>
  %y = memref.alloc(%cols) : memref<?x3xf32>
  linalg.reduce ins(%r : memref<?x?x3xf32>) outs(%y : memref<?x3xf32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %sum = arith.addf %in, %acc : f32
      linalg.yield %sum : f32
    }
  memref.dealloc %shape : memref<3xindex>
  return %y : memref<?x3xf32>
}

// -----

// An empty result gets its host buffer but no copy: a view of it may have
// strides that gpu-to-llvm cannot copy (zeros, after a reshape).

// CHECK-LABEL: func.func @empty_result
// CHECK:      %[[D:.*]] = gpu.alloc (%{{.*}}) : memref<?x0x2xf32>
// CHECK:      %[[V:.*]] = memref.reinterpret_cast %[[D]]
// CHECK:      %[[H:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?x0x2xf32>
// CHECK-NOT:  gpu.memcpy
// CHECK:      gpu.dealloc %[[D]]
// CHECK-NEXT: return %[[H]]
func.func @empty_result(%n: index, %m: index) -> memref<?x?x0x2xf32> {
  %y = memref.alloc(%n) : memref<?x0x2xf32>
  %v = memref.reinterpret_cast %y to offset: [0], sizes: [%n, %m, 0, 2], strides: [0, 0, 2, 1] : memref<?x0x2xf32> to memref<?x?x0x2xf32, strided<[0, 0, 2, 1]>>
  %c = memref.cast %v : memref<?x?x0x2xf32, strided<[0, 0, 2, 1]>> to memref<?x?x0x2xf32>
  return %c : memref<?x?x0x2xf32>
}
