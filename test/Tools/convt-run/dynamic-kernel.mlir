// Kernels with dynamic channel dims. The output's channels are `features`,
// static, whatever the kernel's type says: with a bias, the lowering took
// them from the kernel's `?` and failed to verify. A static kernel without
// input channels makes an empty convolution also where the input's channels
// are dynamic (the phase strategy sliced the empty kernel out of bounds).
// Both on the CPU and with the GPU pipeline's kernels, against the reference.

// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); np.save('%t.x.npy', r.standard_normal((2, 5, 3), dtype=np.float32)); np.save('%t.k.npy', r.standard_normal((3, 3, 6), dtype=np.float32)); np.save('%t.kt.npy', r.standard_normal((3, 6, 3), dtype=np.float32)); np.save('%t.b.npy', r.standard_normal((6,), dtype=np.float32)); np.save('%t.x0.npy', np.zeros((1, 4, 4, 0), np.float32)); np.save('%t.k0.npy', np.zeros((1, 1, 0, 4), np.float32))"
// RUN: %python -c "import sys; sys.path.insert(0, '%convt_src/test/python'); import numpy as np, convt_reference as R; x, k, kt, b = (np.load('%t.' + n + '.npy') for n in ('x', 'k', 'kt', 'b')); np.save('%t.want.npy', R.conv_transpose(x, k, features=6, kernel_size=(3,), strides=(2,), bias=b)[0]); np.save('%t.wantt.npy', R.conv_transpose(x, kt, features=6, kernel_size=(3,), strides=(2,), bias=b, transpose_kernel=True)[0])"
// RUN: for t in cpu gpu-loops-on-cpu; do \
// RUN:   convt-run %s -e features --target $t --input %t.x.npy --input %t.k.npy --input %t.b.npy --output %t.y.$t.npy && \
// RUN:   convt-run %s -e features_transposed --target $t --input %t.x.npy --input %t.kt.npy --input %t.b.npy --output %t.yt.$t.npy && \
// RUN:   convt-run %s -e no_input_channels --target $t --input %t.x0.npy --input %t.k0.npy --output %t.y0.$t.npy || exit 1; done
// RUN: %python -c "import numpy as np; ok = lambda y, w: y.shape == w.shape and np.allclose(y, w, rtol=1e-5, atol=1e-5); print(*[t + ' ' + str(ok(np.load('%t.y.' + t + '.npy'), np.load('%t.want.npy')) and ok(np.load('%t.yt.' + t + '.npy'), np.load('%t.wantt.npy')) and ok(np.load('%t.y0.' + t + '.npy'), np.zeros((1, 4, 4, 4)))) for t in ('cpu', 'gpu-loops-on-cpu')])" | FileCheck %s
// CHECK: cpu True gpu-loops-on-cpu True

func.func @features(%x: tensor<2x5x3xf32>, %k: tensor<3x3x?xf32>, %b: tensor<6xf32>) -> tensor<2x10x6xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 6, kernel_size = 3, strides = 2}
     : (tensor<2x5x3xf32>, tensor<3x3x?xf32>, tensor<6xf32>) -> tensor<2x10x6xf32>
  return %y : tensor<2x10x6xf32>
}

func.func @features_transposed(%x: tensor<2x5x3xf32>, %k: tensor<3x?x3xf32>, %b: tensor<6xf32>) -> tensor<2x10x6xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 6, kernel_size = 3, strides = 2, transpose_kernel = true}
     : (tensor<2x5x3xf32>, tensor<3x?x3xf32>, tensor<6xf32>) -> tensor<2x10x6xf32>
  return %y : tensor<2x10x6xf32>
}

func.func @no_input_channels(%x: tensor<1x4x4x?xf32>, %k: tensor<1x1x0x4xf32>) -> tensor<1x4x4x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 1, 1>, padding = "VALID", use_bias = false}
     : (tensor<1x4x4x?xf32>, tensor<1x1x0x4xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}
