// REQUIRES: x86-64
// --cpu compiles for an older x86-64 CPU than the host: the baseline x86-64
// (SSE2) gets the kernels of 128-bit vectors, and the same result as the
// reference. An unknown CPU, one with vector instruction sets the host lacks
// (Diamond Rapids' AVX10.2 and AMX) and another target are diagnosed.

// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); np.save('%t.x.npy', r.standard_normal((1, 6, 5, 32), dtype=np.float32)); np.save('%t.k.npy', r.standard_normal((4, 4, 32, 3), dtype=np.float32))"
// RUN: convt-run %s -e main --cpu=x86-64 --input %t.x.npy --input %t.k.npy --output %t.y.npy
// RUN: %python -c "import sys; sys.path.insert(0, '%convt_src/test/python'); import numpy as np, convt_reference as R; x, k = (np.load('%t.' + n + '.npy') for n in 'xk'); want, _ = R.conv_transpose(x, k, features=3, kernel_size=(4, 4), strides=(2, 2), padding='SAME'); print('close' if np.allclose(np.load('%t.y.npy'), want, rtol=1e-5, atol=1e-5) else 'far')" | FileCheck %s
// CHECK: close

// RUN: convt-run %s -e main --cpu=x86-64 --dump-llvm | FileCheck %s --check-prefix=SSE
// SSE-LABEL: llvm.func @main
//   SSE-NOT: vector<16xf32>
//   SSE-NOT: vector<8xf32>
//       SSE: llvm.intr.fmuladd{{.*}} : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>

// RUN: not convt-run %s -e main --cpu=nope --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: convt-run: error: --cpu: unknown x86-64 CPU 'nope'
// RUN: not convt-run %s -e main --cpu=diamondrapids --input %t.x.npy --input %t.k.npy --output %t.bad.npy 2>&1 | FileCheck %s --check-prefix=LACKS
// LACKS: convt-run: error: --cpu: the host lacks {{.*}}amx-tile{{.*}} of CPU 'diamondrapids'
// RUN: not convt-run %s -e main --target gpu-loops-on-cpu --cpu=x86-64 2>&1 | FileCheck %s --check-prefix=GPU
// GPU: convt-run: error: --cpu applies to --target cpu only

func.func @main(%x: tensor<1x6x5x32xf32>, %k: tensor<4x4x32x3xf32>) -> tensor<1x12x10x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = array<i64: 4, 4>, strides = 2, padding = "SAME", use_bias = false}
     : (tensor<1x6x5x32xf32>, tensor<4x4x32x3xf32>) -> tensor<1x12x10x3xf32>
  return %y : tensor<1x12x10x3xf32>
}
