// RUN: convt-opt %s --split-input-file --convt-gpu-map-forall-to-launch --cse -verify-diagnostics | FileCheck %s

// The block loop becomes the grid (a dynamic size on x), the largest thread
// loop the block (128 threads); the smaller loop runs on the first 64
// threads. Each thread loop ends at a barrier, and the two workgroup buffers
// are views of the dynamic shared memory at 16-byte aligned offsets
// (4 * 5 * 4 = 80 bytes, then 32 more).

// CHECK-LABEL: func.func @map
// CHECK-SAME:    (%[[N:.*]]: index, %[[OUT:.*]]: memref<?x128xf32>)
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[C3:.*]] = arith.constant 3 : index
// CHECK-DAG:     %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG:     %[[BYTES:.*]] = arith.constant 112 : i32
// CHECK:         gpu.launch blocks(%[[BX:.*]], %[[BY:.*]], %{{.*}}) in (%{{.*}} = %[[N]], %{{.*}} = %[[C3]], %{{.*}} = %[[C1]]) threads(%{{.*}}) in (%{{.*}} = %[[C128]], %{{.*}} = %[[C1]], %{{.*}} = %[[C1]]) dynamic_shared_memory_size %[[BYTES]] {
// CHECK:           %[[SMEM:.*]] = gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
// CHECK:           %[[A:.*]] = memref.view %[[SMEM]][%c0][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<4x5xf32, #gpu.address_space<workgroup>>
// CHECK:           %[[B:.*]] = memref.view %[[SMEM]][%c80][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<8xf32, #gpu.address_space<workgroup>>
// CHECK:           %[[TID:.*]] = gpu.thread_id x
// CHECK:           memref.store %{{.*}}, %[[OUT]][%[[BX]], %[[TID]]]
// CHECK-NEXT:      gpu.barrier
// CHECK-NEXT:      %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT:      %[[FEW:.*]] = arith.cmpi ult, %[[TID]], %[[C64]] : index
// CHECK-NEXT:      scf.if %[[FEW]] {
// CHECK-NEXT:        memref.store %{{.*}}, %[[A]][%[[BY]], %[[C1]]]
// CHECK-NEXT:        memref.store %{{.*}}, %[[B]][%[[BY]]]
// CHECK-NEXT:      }
// CHECK-NEXT:      gpu.barrier
// CHECK-NOT:       memref.dealloc
// CHECK:           gpu.terminator
// CHECK-NOT:     scf.forall
func.func @map(%n: index, %out: memref<?x128xf32>) {
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  scf.forall (%i, %j) in (%n, 3) {
    %a = memref.alloc() {alignment = 16 : i64} : memref<4x5xf32, #gpu.address_space<workgroup>>
    %b = memref.alloc() : memref<8xf32, #gpu.address_space<workgroup>>
    scf.forall (%t) in (128) {
      memref.store %zero, %out[%i, %t] : memref<?x128xf32>
    } {mapping = [#gpu.thread<x>]}
    scf.forall (%t) in (64) {
      memref.store %zero, %a[%j, %c1] : memref<4x5xf32, #gpu.address_space<workgroup>>
      memref.store %zero, %b[%j] : memref<8xf32, #gpu.address_space<workgroup>>
    } {mapping = [#gpu.thread<x>]}
    memref.dealloc %a : memref<4x5xf32, #gpu.address_space<workgroup>>
    memref.dealloc %b : memref<8xf32, #gpu.address_space<workgroup>>
  } {mapping = [#gpu.block<x>, #gpu.block<y>]}
  return
}

// -----

// A warp loop of 4 takes 128 threads. A buffer aligned to 32 bytes (as WMMA
// needs) moves the views to the first 32-byte aligned address of the dynamic
// shared memory, which NVVM aligns to 16 only: the size has room for the
// 16 bytes the base may move.

// CHECK-LABEL: func.func @warps
// CHECK-DAG:     %[[C128:.*]] = arith.constant 128 : index
// CHECK-DAG:     %[[BYTES:.*]] = arith.constant 2064 : i32
// CHECK:         gpu.launch {{.*}} threads(%{{.*}}) in (%{{.*}} = %[[C128]], %{{.*}}) dynamic_shared_memory_size %[[BYTES]] {
// CHECK:           %[[SMEM:.*]] = gpu.dynamic_shared_memory
// CHECK:           %[[ADDRESS:.*]] = memref.extract_aligned_pointer_as_index %[[SMEM]]
// CHECK:           %[[NEG:.*]] = arith.subi %c0, %[[ADDRESS]] : index
// CHECK:           %[[BASE:.*]] = arith.andi %[[NEG]], %c31 : index
// CHECK:           %[[SHIFT:.*]] = arith.addi %[[BASE]], %c0 : index
// CHECK:           %[[VIEW:.*]] = memref.view %[[SMEM]][%[[SHIFT]]][] : memref<?xi8, #gpu.address_space<workgroup>> to memref<16x32xf32, #gpu.address_space<workgroup>>
// CHECK:           %[[TID:.*]] = gpu.thread_id x
// CHECK:           %[[WARP:.*]] = affine.apply #{{.*}}()[%[[TID]]]
// CHECK:           memref.store %{{.*}}, %[[VIEW]][%[[WARP]], %c0]
// CHECK:           gpu.barrier
func.func @warps() {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (2) {
    %a = memref.alloc() {alignment = 32 : i64} : memref<16x32xf32, #gpu.address_space<workgroup>>
    scf.forall (%w) in (4) {
      memref.store %zero, %a[%w, %c0] : memref<16x32xf32, #gpu.address_space<workgroup>>
    } {mapping = [#gpu.warp<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @dynamic_threads(%n: index, %out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (4) {
    // expected-error @below {{a loop mapped to GPU threads or warps needs a constant iteration count, from 0 in steps of 1}}
    scf.forall (%t) in (%n) {
      memref.store %zero, %out[%t] : memref<?xf32>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @two_dim_threads(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (4) {
    // expected-error @below {{expected a one-dimensional scf.forall mapped to #gpu.thread<x> or #gpu.warp<x> inside a loop mapped to GPU blocks}}
    scf.forall (%t, %u) in (8, 8) {
      memref.store %zero, %out[%t] : memref<?xf32>
    } {mapping = [#gpu.thread<x>, #gpu.thread<y>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @too_many_threads(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{the thread loops need 2048 threads per block, more than the 1024 of a GPU}}
  scf.forall (%i) in (4) {
    scf.forall (%t) in (2048) {
      memref.store %zero, %out[%t] : memref<?xf32>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @nested_allocation(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (4) {
    scf.forall (%t) in (32) {
      // expected-error @below {{workgroup memory must be allocated with a static shape, integer or float elements, the identity layout and an alignment of at most 128 bytes directly in the loop mapped to GPU blocks}}
      %a = memref.alloc() : memref<8xf32, #gpu.address_space<workgroup>>
      memref.store %zero, %a[%t] : memref<8xf32, #gpu.address_space<workgroup>>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @same_block_dim(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{each block dim x, y, z may be mapped once}}
  scf.forall (%i, %j) in (4, 4) {
    memref.store %zero, %out[%i] : memref<?xf32>
  } {mapping = [#gpu.block<x>, #gpu.block<x>]}
  return
}

// -----

func.func @linear_block_dim(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{blocks may be mapped to dims x, y and z only; got #gpu.block<linear_dim_0>}}
  scf.forall (%i) in (4) {
    memref.store %zero, %out[%i] : memref<?xf32>
  } {mapping = [#gpu.block<linear_dim_0>]}
  return
}

// -----

func.func @unnormalized(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{a loop mapped to GPU blocks must be bufferized, run from 0 in steps of 1, with at most 3 dims}}
  scf.forall (%i) = (1) to (9) step (2) {
    memref.store %zero, %out[%i] : memref<?xf32>
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

// Each view starts at a multiple of its element size at least: the f32
// buffer after one byte of i8 at byte 4, not 1.
// CHECK-LABEL: func.func @element_alignment
// CHECK:         memref.view %{{.*}}[%c0{{.*}}][] : {{.*}} to memref<1xi8, #gpu.address_space<workgroup>>
// CHECK:         memref.view %{{.*}}[%c4{{.*}}][] : {{.*}} to memref<4xf32, #gpu.address_space<workgroup>>
func.func @element_alignment(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1 : i8
  scf.forall (%i) in (2) {
    %a = memref.alloc() : memref<1xi8, #gpu.address_space<workgroup>>
    %b = memref.alloc() : memref<4xf32, #gpu.address_space<workgroup>>
    scf.forall (%t) in (4) {
      memref.store %one, %a[%i] : memref<1xi8, #gpu.address_space<workgroup>>
      memref.store %zero, %b[%t] : memref<4xf32, #gpu.address_space<workgroup>>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @index_elements(%out: memref<?xf32>) {
  scf.forall (%i) in (2) {
    // expected-error @below {{workgroup memory must be allocated with a static shape, integer or float elements}}
    %a = memref.alloc() : memref<4xindex, #gpu.address_space<workgroup>>
    scf.forall (%t) in (4) {
      memref.store %t, %a[%t] : memref<4xindex, #gpu.address_space<workgroup>>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @too_much_workgroup_memory(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{the workgroup memory of the loop mapped to GPU blocks takes 4294967296 bytes, more than a launch's 32-bit size holds}}
  scf.forall (%i) in (2) {
    %a = memref.alloc() : memref<1073741824xf32, #gpu.address_space<workgroup>>
    scf.forall (%t) in (4) {
      memref.store %zero, %a[%t] : memref<1073741824xf32, #gpu.address_space<workgroup>>
    } {mapping = [#gpu.thread<x>]}
  } {mapping = [#gpu.block<x>]}
  return
}

// -----

func.func @nested_block_loops(%out: memref<?xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (2) {
    // expected-error @below {{a loop mapped to GPU blocks cannot be nested in another}}
    scf.forall (%j) in (3) {
      memref.store %zero, %out[%j] : memref<?xf32>
    } {mapping = [#gpu.block<y>]}
  } {mapping = [#gpu.block<x>]}
  return
}
