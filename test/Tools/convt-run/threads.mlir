// With --num-threads 2 the phase convolutions run as OpenMP parallel loops;
// every output element is still summed in the same order, so the result is
// bit-identical to the single-threaded one, and it matches the reference.

// RUN: %python -c "import numpy as np; r = np.random.default_rng(1); np.save('%t.x.npy', r.standard_normal((2, 9, 7, 5), dtype=np.float32)); np.save('%t.k.npy', r.standard_normal((3, 3, 5, 19), dtype=np.float32)); np.save('%t.b.npy', r.standard_normal(19, dtype=np.float32))"
// RUN: convt-run %s -e main --num-threads 2 --input %t.x.npy --input %t.k.npy --input %t.b.npy --output %t.2.npy
// RUN: convt-run %s -e main --num-threads 1 --input %t.x.npy --input %t.k.npy --input %t.b.npy --output %t.1.npy
// RUN: %python -c "import sys; sys.path.insert(0, '%convt_src/test/python'); import numpy as np, convt_reference as R; x, k, b = (np.load('%t.' + n + '.npy') for n in 'xkb'); y1, y2 = np.load('%t.1.npy'), np.load('%t.2.npy'); want, _ = R.conv_transpose(x, k, features=19, kernel_size=(3, 3), strides=(2, 3), padding='SAME', bias=b); print('identical' if (y1 == y2).all() else 'differ', 'close' if np.allclose(y2, want, rtol=1e-5, atol=1e-5) else 'far')" | FileCheck %s
// CHECK: identical close

// RUN: convt-opt %s --convt-cpu-pipeline="threads=2" | FileCheck %s --check-prefix=IR
// IR: omp.parallel
// IR: omp.wsloop

// RUN: not convt-run %s -e main --num-threads 0 --input %t.x.npy --input %t.k.npy --input %t.b.npy --output %t.0.npy 2>&1 | FileCheck %s --check-prefix=ERR
// RUN: not convt-run %s -e main --num-threads 4294967297 --input %t.x.npy --input %t.k.npy --input %t.b.npy --output %t.0.npy 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: convt-run: error: --num-threads needs 1 <= N <= 65536

func.func @main(%x: tensor<2x9x7x5xf32>, %k: tensor<3x3x5x19xf32>, %b: tensor<19xf32>) -> tensor<2x18x21x19xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 19, kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 3>, padding = "SAME"}
     : (tensor<2x9x7x5xf32>, tensor<3x3x5x19xf32>, tensor<19xf32>) -> tensor<2x18x21x19xf32>
  return %y : tensor<2x18x21x19xf32>
}
