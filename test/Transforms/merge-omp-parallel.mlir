// RUN: convt-opt %s --convt-merge-omp-parallel --split-input-file | FileCheck %s

// Two phases' regions, as convert-scf-to-openmp leaves them: the second
// phase packs its kernel serially into a new buffer, reading the kernel
// argument, which the first region does not write (it writes a new buffer,
// the result; an argument may be the same buffer as another). The packing and the
// second phase's views move before the first region, the second body runs
// after the first loop's implicit barrier, and the first phase's packed
// kernel is freed after the merged region.

// CHECK-LABEL: func.func @two_phases
//  CHECK-SAME: (%[[K:.*]]: memref<64xf32>)
//       CHECK: %[[OUT:.*]] = memref.alloc() : memref<2x64xf32>
//       CHECK: %[[P0:.*]] = memref.alloc() : memref<64xf32>
//       CHECK: %[[P1:.*]] = memref.alloc() : memref<64xf32>
//       CHECK: scf.for
//       CHECK:   memref.load %[[K]]
//       CHECK:   memref.store %{{.*}}, %[[P1]]
//       CHECK: %[[ROW1:.*]] = memref.subview %[[OUT]][1, 0]
//       CHECK: omp.parallel num_threads
//  CHECK-NEXT:   omp.wsloop {
//       CHECK:       memref.load %[[P0]]
//       CHECK:   omp.wsloop {
//       CHECK:       memref.load %[[P1]]
//       CHECK:       memref.store %{{.*}}, %[[ROW1]]
//   CHECK-NOT:   omp.barrier
//       CHECK:   omp.terminator
//   CHECK-NOT: omp.parallel
//       CHECK: memref.dealloc %[[P0]]
//       CHECK: memref.dealloc %[[P1]]
func.func @two_phases(%k: memref<64xf32>) -> memref<2x64xf32> {
  %out = memref.alloc() : memref<2x64xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %threads = llvm.mlir.constant(2 : i32) : i32
  %packed0 = memref.alloc() : memref<64xf32>
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        %v = memref.load %packed0[%i] : memref<64xf32>
        memref.store %v, %out[%c0, %i] : memref<2x64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  memref.dealloc %packed0 : memref<64xf32>
  %packed1 = memref.alloc() : memref<64xf32>
  scf.for %i = %c0 to %c64 step %c1 {
    %v = memref.load %k[%i] : memref<64xf32>
    memref.store %v, %packed1[%i] : memref<64xf32>
  }
  %row1 = memref.subview %out[1, 0] [1, 64] [1, 1] : memref<2x64xf32> to memref<64xf32, strided<[1], offset: 64>>
  %threads1 = llvm.mlir.constant(2 : i32) : i32
  omp.parallel num_threads(%threads1 : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        %v = memref.load %packed1[%i] : memref<64xf32>
        memref.store %v, %row1[%i] : memref<64xf32, strided<[1], offset: 64>>
        omp.yield
      }
    }
    omp.terminator
  }
  memref.dealloc %packed1 : memref<64xf32>
  return %out : memref<2x64xf32>
}

// -----

// A copy between the regions reads what the first one writes: it must run
// after it, and so must the second region.

// CHECK-LABEL: func.func @reads_first_output
//       CHECK: omp.parallel
//       CHECK: memref.copy
//       CHECK: omp.parallel
func.func @reads_first_output(%out: memref<64xf32>, %copy: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %threads = llvm.mlir.constant(2 : i32) : i32
  %buffer = memref.alloc() : memref<64xf32>
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %buffer[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  memref.copy %buffer, %copy : memref<64xf32> to memref<64xf32>
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  memref.dealloc %buffer : memref<64xf32>
  return
}

// -----

// A store between the regions into one argument while the first region
// reads another: two arguments may be one buffer in the caller.

// CHECK-LABEL: func.func @arguments_may_alias
//       CHECK: omp.parallel
//       CHECK: memref.store
//       CHECK: omp.parallel
func.func @arguments_may_alias(%in: memref<64xf32>, %other: memref<64xf32>,
                               %out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %threads = llvm.mlir.constant(2 : i32) : i32
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        %v = memref.load %in[%i] : memref<64xf32>
        memref.store %v, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  memref.store %one, %other[%c0] : memref<64xf32>
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// -----

// Regions with different thread counts stay apart.

// CHECK-LABEL: func.func @other_thread_count
//       CHECK: omp.parallel num_threads
//       CHECK: omp.parallel num_threads
func.func @other_thread_count(%out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %two = llvm.mlir.constant(2 : i32) : i32
  %four = llvm.mlir.constant(4 : i32) : i32
  omp.parallel num_threads(%two : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  omp.parallel num_threads(%four : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// -----

// A body that does not end with a loop's implicit barrier (here a loop with
// nowait) gets an explicit one before the next body.

// CHECK-LABEL: func.func @nowait
//       CHECK: omp.parallel
//       CHECK:   omp.wsloop nowait
//       CHECK:   omp.barrier
//       CHECK:   omp.wsloop {
//       CHECK:   omp.terminator
//   CHECK-NOT: omp.parallel
func.func @nowait(%out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %threads = llvm.mlir.constant(2 : i32) : i32
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop nowait {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %two, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}

// -----

// A call of unknown effects in the first region: nothing with effects moves
// above it, but regions with only pure ops between them still merge, in
// loops too (a batch loop's body).

// CHECK-LABEL: func.func @unknown_effects
//       CHECK: scf.for
//       CHECK:   omp.parallel
//       CHECK:     func.call @opaque
//       CHECK:     omp.wsloop
//   CHECK-NOT:   omp.parallel
//       CHECK:   memref.store
//       CHECK:   omp.parallel
func.func private @opaque()
func.func @unknown_effects(%out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %threads = llvm.mlir.constant(2 : i32) : i32
  %scratch = memref.alloc() : memref<64xf32>
  scf.for %n = %c0 to %c4 step %c1 {
    omp.parallel num_threads(%threads : i32) {
      func.call @opaque() : () -> ()
      omp.barrier
      omp.wsloop {
        omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
          memref.store %one, %out[%i] : memref<64xf32>
          omp.yield
        }
      }
      omp.terminator
    }
    %half = arith.constant 0.5 : f32
    omp.parallel num_threads(%threads : i32) {
      omp.wsloop {
        omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
          memref.store %half, %out[%i] : memref<64xf32>
          omp.yield
        }
      }
      omp.terminator
    }
    memref.store %one, %scratch[%c0] : memref<64xf32>
    omp.parallel num_threads(%threads : i32) {
      omp.wsloop {
        omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
          memref.store %one, %out[%i] : memref<64xf32>
          omp.yield
        }
      }
      omp.terminator
    }
  }
  memref.dealloc %scratch : memref<64xf32>
  return
}

// -----

// A region of several blocks (after scf-to-cf) is left alone.

// CHECK-LABEL: func.func @several_blocks
//       CHECK: omp.parallel
//       CHECK: omp.parallel
func.func @several_blocks(%out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %threads = llvm.mlir.constant(2 : i32) : i32
  omp.parallel num_threads(%threads : i32) {
    cf.br ^next
  ^next:
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  omp.parallel num_threads(%threads : i32) {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%c64) step (%c1) {
        memref.store %one, %out[%i] : memref<64xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
