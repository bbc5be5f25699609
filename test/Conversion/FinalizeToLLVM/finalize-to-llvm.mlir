// convt-finalize-to-llvm converts arith, cf, func, index, memref and omp ops
// to the LLVM dialect in one conversion; the casts between the dialects'
// types fold away with reconcile-unrealized-casts.
// RUN: convt-opt %s --split-input-file --convt-finalize-to-llvm \
// RUN:   --reconcile-unrealized-casts | FileCheck %s

// CHECK-LABEL: llvm.func @loop(
// CHECK-SAME:    %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64)
// CHECK:         llvm.br ^[[HEAD:.*]](%{{.*}} : i64)
// CHECK:       ^[[HEAD]](%[[I:.*]]: i64):
// CHECK:         %[[IN:.*]] = llvm.icmp "slt" %[[I]], %{{.*}} : i64
// CHECK:         llvm.cond_br %[[IN]]
// CHECK:         %[[LOAD_ADDRESS:.*]] = llvm.getelementptr inbounds|nuw %{{.*}}[%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK:         %[[X:.*]] = llvm.load %[[LOAD_ADDRESS]] : !llvm.ptr -> f32
// CHECK:         %[[Y:.*]] = llvm.fadd %[[X]], %[[X]] : f32
// CHECK:         %[[STORE_ADDRESS:.*]] = llvm.getelementptr inbounds|nuw %{{.*}}[%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK:         llvm.store %[[Y]], %[[STORE_ADDRESS]] : f32, !llvm.ptr
// CHECK:         %[[NEXT:.*]] = llvm.add %[[I]], %{{.*}} : i64
// CHECK:         llvm.br ^[[HEAD]](%[[NEXT]] : i64)
// CHECK:         llvm.return
// CHECK-NOT:   unrealized_conversion_cast
// CHECK:       }
func.func @loop(%buffer: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = index.constant 1
  %size = memref.dim %buffer, %c0 : memref<?xf32>
  cf.br ^head(%c0 : index)
^head(%i: index):
  %in = arith.cmpi slt, %i, %size : index
  cf.cond_br %in, ^body, ^exit
^body:
  %x = memref.load %buffer[%i] : memref<?xf32>
  %y = arith.addf %x, %x : f32
  memref.store %y, %buffer[%i] : memref<?xf32>
  %next = index.add %i, %c1
  cf.br ^head(%next : index)
^exit:
  return
}

// -----

// The OpenMP regions take LLVM types, their bodies are converted in place.
// CHECK-LABEL: llvm.func @parallel(
// CHECK:         omp.parallel {
// CHECK:           omp.wsloop {
// CHECK:             omp.loop_nest (%[[I:.*]]) : i64 = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK:               llvm.getelementptr inbounds|nuw %{{.*}}[%[[I]]] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK:               llvm.store
// CHECK:               omp.yield
// CHECK:           omp.terminator
func.func @parallel(%buffer: memref<64xf32>, %value: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %value, %buffer[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// -----

// A failed cf.assert prints its message and aborts.
// CHECK-DAG:   llvm.func @abort()
// CHECK-DAG:   llvm.func @puts(!llvm.ptr)
// CHECK-LABEL: llvm.func @assert(
// CHECK:         llvm.cond_br %{{.*}}, ^[[OK:.*]], ^[[FAIL:.*]]
// CHECK:       ^[[FAIL]]:
// CHECK:         llvm.call @puts
// CHECK:         llvm.call @abort()
func.func @assert(%ok: i1) {
  cf.assert %ok, "sizes differ"
  return
}

// -----

// The module's data layout sets the width of index.
// CHECK-LABEL: llvm.func @index_width(
// CHECK-SAME:    %[[A:.*]]: i32) -> i32
// CHECK:         llvm.mul %[[A]], %[[A]] : i32
module attributes {dlti.dl_spec = #dlti.dl_spec<index = 32 : i32>} {
  func.func @index_width(%a: index) -> index {
    %b = arith.muli %a, %a : index
    return %b : index
  }
}

// -----

// Only these dialects are converted: a complex op stays, between casts, for
// convt-check-lowered to report.
// CHECK-LABEL: llvm.func @other_dialect(
// CHECK:         builtin.unrealized_conversion_cast %{{.*}} : !llvm.struct<(f32, f32)> to complex<f32>
// CHECK:         complex.add
func.func @other_dialect(%a: complex<f32>) -> complex<f32> {
  %b = complex.add %a, %a : complex<f32>
  return %b : complex<f32>
}
