// --conv-kernels=false leaves the phase convolutions to upstream MLIR's
// linalg-to-loops (the benchmark's baseline): scalar loops, no vector FMAs,
// the same result as the reference. A bad --vector-bits is diagnosed, and so
// are options of another target.

// RUN: %python -c "import numpy as np; r = np.random.default_rng(2); np.save('%t.x.npy', r.standard_normal((1, 6, 5, 7), dtype=np.float32)); np.save('%t.k.npy', r.standard_normal((4, 4, 7, 3), dtype=np.float32))"
// RUN: convt-run %s -e main --conv-kernels=false --input %t.x.npy --input %t.k.npy --output %t.y.npy
// RUN: %python -c "import sys; sys.path.insert(0, '%convt_src/test/python'); import numpy as np, convt_reference as R; x, k = (np.load('%t.' + n + '.npy') for n in 'xk'); want, _ = R.conv_transpose(x, k, features=3, kernel_size=(4, 4), strides=(2, 2), padding='SAME'); print('close' if np.allclose(np.load('%t.y.npy'), want, rtol=1e-5, atol=1e-5) else 'far')" | FileCheck %s
// CHECK: close

// RUN: convt-run %s -e main --conv-kernels=false --dump-llvm | FileCheck %s --check-prefix=IR
// IR-LABEL: llvm.func @main
//   IR-NOT: vector<
//      IR: llvm.return

// RUN: not convt-run %s -e main --vector-bits=100 --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not convt-run %s -e main --vector-bits=-128 --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=NEGATIVE-BITS
// RUN: not convt-run %s -e main --vector-bits=1099511627776 --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=HUGE
// NEGATIVE-BITS: error: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got -128
// HUGE: error: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 1099511627776
// BITS: error: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 100

// RUN: not convt-run %s -e main --target gpu --vector-bits=256 2>&1 | FileCheck %s --check-prefix=GPU
// GPU: convt-run: error: --vector-bits applies to --target cpu only
// RUN: not convt-run %s -e main --target gpu-loops-on-cpu --batch-loop-bytes=1 2>&1 | FileCheck %s --check-prefix=BATCH-LOOP
// BATCH-LOOP: convt-run: error: --batch-loop-bytes applies to --target cpu only
// RUN: not convt-run %s -e main --batch-loop-bytes=-1 --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=NEGATIVE-BATCH-LOOP
// NEGATIVE-BATCH-LOOP: convt-run: error: batch-loop-bytes must be at least 0 (0: never); got -1
// RUN: not convt-run %s -e main --target gpu --row-band-bytes=1 2>&1 | FileCheck %s --check-prefix=ROW-BAND
// ROW-BAND: convt-run: error: --row-band-bytes applies to --target cpu only
// RUN: not convt-run %s -e main --row-band-bytes=-1 --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=NEGATIVE-ROW-BAND
// NEGATIVE-ROW-BAND: convt-run: error: row-band-bytes must be at least 0 (0: never); got -1
// RUN: not convt-run %s -e main --target gpu-loops-on-cpu --num-threads=2 2>&1 | FileCheck %s --check-prefix=LOOPS
// LOOPS: convt-run: error: --num-threads applies to --target cpu only
// RUN: not convt-run %s -e main --gpu-chip sm_80 2>&1 | FileCheck %s --check-prefix=CHIP
// CHIP: convt-run: error: --gpu-chip applies to --target gpu only
// RUN: not convt-run %s -e main --gpu-min-blocks=8 2>&1 | FileCheck %s --check-prefix=MINBLOCKS
// MINBLOCKS: convt-run: error: --gpu-min-blocks applies to --target gpu and gpu-loops-on-cpu only
// RUN: not convt-run %s -e main --target gpu-loops-on-cpu --gpu-min-blocks=-1 --dump-llvm 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: conv-kernels.mlir:[[@LINE+11]]:1: error: min-blocks must be at least 0; got -1

// The GPU kernels' loops run on the CPU, tiled (default: tiles of 16 pixels,
// for more blocks), with the largest tiles (--gpu-min-blocks=0), and one
// thread per output element (--conv-kernels=false), give the same result.
// RUN: convt-run %s -e main --target gpu-loops-on-cpu --input %t.x.npy --input %t.k.npy --output %t.tiled.npy
// RUN: convt-run %s -e main --target gpu-loops-on-cpu --gpu-min-blocks=0 --input %t.x.npy --input %t.k.npy --output %t.large.npy
// RUN: convt-run %s -e main --target gpu-loops-on-cpu --conv-kernels=false --input %t.x.npy --input %t.k.npy --output %t.loops.npy
// RUN: %python -c "import numpy as np; y = np.load('%t.y.npy'); print(all(np.allclose(np.load('%t.' + n + '.npy'), y, rtol=1e-5, atol=1e-5) for n in ('tiled', 'large', 'loops')))" | FileCheck %s --check-prefix=GPULOOPS
// GPULOOPS: True

func.func @main(%x: tensor<1x6x5x7xf32>, %k: tensor<4x4x7x3xf32>) -> tensor<1x12x10x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = array<i64: 4, 4>, strides = 2, padding = "SAME", use_bias = false}
     : (tensor<1x6x5x7xf32>, tensor<4x4x7x3xf32>) -> tensor<1x12x10x3xf32>
  return %y : tensor<1x12x10x3xf32>
}
