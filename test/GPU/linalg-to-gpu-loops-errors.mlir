// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-linalg-to-gpu-loops=block-size=1

// One thread per element in blocks of one: 2^32 blocks, more than a CUDA grid
// holds (the launch's i32 grid size wrapped to a negative known size).
func.func @too_many_blocks(%out: memref<2147483648x2xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{needs 4294967296 blocks (one thread per parallel iteration, block-size 1), but a GPU grid holds at most 2147483647: use a larger block-size}}
  linalg.fill ins(%zero : f32) outs(%out : memref<2147483648x2xf32>)
  return
}

// -----

func.func @overflow(%out: memref<4294967296x4294967296xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @below {{has more than 2^63 parallel iterations, one GPU thread each}}
  linalg.fill ins(%zero : f32) outs(%out : memref<4294967296x4294967296xf32>)
  return
}

// -----

// At the limit: 2^31 - 1 blocks are fine.
func.func @largest_grid(%out: memref<2147483647xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%out : memref<2147483647xf32>)
  return
}
