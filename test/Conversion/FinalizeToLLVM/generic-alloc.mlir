// With generic-alloc, memref.alloc and memref.dealloc call the embedder's
// _mlir_memref_to_llvm_alloc and _mlir_memref_to_llvm_free; by default,
// malloc and free.
// RUN: convt-opt %s --split-input-file \
// RUN:   --convt-finalize-to-llvm="generic-alloc=true" \
// RUN:   --reconcile-unrealized-casts | FileCheck %s --check-prefix=GENERIC
// RUN: convt-opt %s --split-input-file --convt-finalize-to-llvm \
// RUN:   --reconcile-unrealized-casts | FileCheck %s --check-prefix=LIBC

// GENERIC-NOT:   @malloc
// GENERIC-NOT:   @free
// GENERIC-DAG:   llvm.func @_mlir_memref_to_llvm_free(!llvm.ptr)
// GENERIC-DAG:   llvm.func @_mlir_memref_to_llvm_alloc(i64) -> !llvm.ptr
// GENERIC-LABEL: llvm.func @scratch(
// GENERIC:         %[[BYTES:.*]] = llvm.ptrtoint
// GENERIC:         %[[BUFFER:.*]] = llvm.call @_mlir_memref_to_llvm_alloc(%[[BYTES]]) : (i64) -> !llvm.ptr
// GENERIC:         %[[ALLOCATED:.*]] = llvm.extractvalue %{{.*}}[0]
// GENERIC:         llvm.call @_mlir_memref_to_llvm_free(%[[ALLOCATED]]) : (!llvm.ptr) -> ()
// GENERIC-NOT:     llvm.call

// LIBC-NOT:      _mlir_memref_to_llvm
// LIBC-LABEL:    llvm.func @scratch(
// LIBC:            llvm.call @malloc(
// LIBC:            llvm.call @free(
func.func @scratch(%n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %buffer = memref.alloc(%n) : memref<?xf32>
  %x = memref.load %buffer[%c0] : memref<?xf32>
  memref.dealloc %buffer : memref<?xf32>
  return %x : f32
}

// -----

// An aligned buffer comes from the same function, with room to align it;
// the caller frees what the function returns through its allocated pointer.
// GENERIC-LABEL: llvm.func @aligned_result(
// GENERIC:         %[[ALIGNMENT:.*]] = llvm.mlir.constant(64 : index) : i64
// GENERIC:         %[[BYTES:.*]] = llvm.add %{{.*}}, %[[ALIGNMENT]] : i64
// GENERIC:         %[[ALLOCATED:.*]] = llvm.call @_mlir_memref_to_llvm_alloc(%[[BYTES]])
// GENERIC:         llvm.insertvalue %[[ALLOCATED]], %{{.*}}[0]
// GENERIC-NOT:     llvm.call

// LIBC-LABEL:    llvm.func @aligned_result(
// LIBC:            llvm.call @malloc(
func.func @aligned_result() -> memref<16xf32> {
  %buffer = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  return %buffer : memref<16xf32>
}
