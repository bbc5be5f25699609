// Where the verifier cannot check a rule because sizes are dynamic, the
// compiled function checks it when it runs (cf.assert). convt-run reports a
// failed check as an error and exits with status 1 (lit's `not` fails on a
// crash), without LLVM's crash report.

// RUN: %python -c "import numpy as np; np.save('%t.x0.npy', np.zeros((1, 0, 1), np.float32)); np.save('%t.x3.npy', np.ones((1, 3, 1), np.float32)); np.save('%t.k.npy', np.ones((2, 1, 1), np.float32))"
// RUN: not convt-run %s -e main --input %t.x0.npy --input %t.k.npy --output %t.y0.npy 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not convt-run %s -e main --input %t.x0.npy --input %t.k.npy --output %t.y0.npy --strategy dilate 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not convt-run %s -e main --input %t.x0.npy --input %t.k.npy --output %t.y0.npy --target gpu-loops-on-cpu 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY-NOT: PLEASE submit
// EMPTY: convt-run: error: {{.*}}runtime-checks.mlir:[[# @LINE + 41]]:8: CIRCULAR padding needs non-empty spatial dims, but spatial dim 0 of the input is empty (Flax: ZeroDivisionError)
// EMPTY-NOT: PLEASE submit

// A non-empty length passes the check: each output sums both taps.
// RUN: convt-run %s -e main --input %t.x3.npy --input %t.k.npy --output %t.y3.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.y3.npy'); print(r.shape, r.ravel().tolist())" | FileCheck %s --check-prefix=RUNS
// RUNS: (1, 3, 1) [2.0, 2.0, 2.0]

// A kernel of the wrong size would be read out of bounds; pads too negative
// for the input would give an empty result where Flax raises; a static
// result size must be the one computed.
// RUN: %python -c "import numpy as np; np.save('%t.k111.npy', np.ones((1, 1, 1), np.float32)); np.save('%t.x8.npy', np.ones((1, 8, 3), np.float32)); np.save('%t.k334.npy', np.ones((3, 3, 4), np.float32)); np.save('%t.x8c1.npy', np.ones((1, 8, 1), np.float32)); np.save('%t.x3c3.npy', np.ones((1, 3, 3), np.float32))"
// RUN: not convt-run %s -e kernel --input %t.x8.npy --input %t.k111.npy --output %t.y.npy 2>&1 | FileCheck %s --check-prefix=KERNEL
// KERNEL: convt-run: error: {{.*}}runtime-checks.mlir:[[# @LINE + 10]]:8: kernel dim 0 does not match the expected shape (3, 3, 4) = kernel_size + (in_features, features)
// RUN: convt-run %s -e kernel --input %t.x8.npy --input %t.k334.npy --output %t.y.npy
// RUN: not convt-run %s -e negative_padding --input %t.x3.npy --input %t.k.npy --output %t.y.npy 2>&1 | FileCheck %s --check-prefix=PADDING
// PADDING: convt-run: error: {{.*}}runtime-checks.mlir:[[# @LINE + 13]]:8: Negative padding is larger than the size of the corresponding dimension: spatial dim 0
// RUN: convt-run %s -e negative_padding --input %t.x8c1.npy --input %t.k.npy --output %t.y.npy
// RUN: not convt-run %s -e static_result --input %t.x3c3.npy --input %t.k334.npy --output %t.y.npy 2>&1 | FileCheck %s --check-prefix=RESULT
// RESULT: convt-run: error: {{.*}}runtime-checks.mlir:[[# @LINE + 16]]:8: the result type does not match the output size of dim 1
// RUN: convt-run %s -e static_result --input %t.x8.npy --input %t.k334.npy --output %t.y.npy

func.func @kernel(%x: tensor<1x8x3xf32>, %k: tensor<?x?x?xf32>) -> tensor<1x16x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<?x?x?xf32>) -> tensor<1x16x4xf32>
  return %y : tensor<1x16x4xf32>
}

func.func @negative_padding(%x: tensor<1x?x?xf32>, %k: tensor<2x1x1xf32>) -> tensor<1x?x1xf32> {
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = [[-3, -3]], use_bias = false}
       : (tensor<1x?x?xf32>, tensor<2x1x1xf32>) -> tensor<1x?x1xf32>
  return %y : tensor<1x?x1xf32>
}

func.func @static_result(%x: tensor<1x?x?xf32>, %k: tensor<3x3x4xf32>) -> tensor<1x16x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false}
       : (tensor<1x?x?xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  return %y : tensor<1x16x4xf32>
}

func.func @main(%x: tensor<1x?x1xf32>, %k: tensor<2x1x1xf32>) -> tensor<1x?x1xf32> {
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false}
       : (tensor<1x?x1xf32>, tensor<2x1x1xf32>) -> tensor<1x?x1xf32>
  return %y : tensor<1x?x1xf32>
}

// convt-run checks the sizes of a tensor.cast to static ones too: around a
// convt op or not, the wrong size was undefined behaviour, which corrupted
// the heap or wrote a result of another shape.
// RUN: %python -c "import numpy as np; np.save('%t.x43.npy', np.ones((4, 3), np.float32)); np.save('%t.x23.npy', np.ones((2, 3), np.float32)); np.save('%t.x2c3.npy', np.ones((1, 2, 3), np.float32))"
// RUN: not convt-run %s -e cast --input %t.x43.npy --output %t.y.npy 2>&1 | FileCheck %s --check-prefix=CAST
// RUN: not convt-run %s -e cast --input %t.x43.npy --output %t.y.npy --target gpu-loops-on-cpu 2>&1 | FileCheck %s --check-prefix=CAST
// CAST: convt-run: error: {{.*}}runtime-checks.mlir:[[# @LINE + 7]]:8: tensor.cast: size mismatch of dim 0
// RUN: convt-run %s -e cast --input %t.x23.npy --output %t.y.npy
// RUN: not convt-run %s -e cast_result --input %t.x3c3.npy --input %t.k334.npy --output %t.y.npy 2>&1 | FileCheck %s --check-prefix=CAST-RESULT
// CAST-RESULT: convt-run: error: {{.*}}runtime-checks.mlir:[[# @LINE + 11]]:8: tensor.cast: size mismatch of dim 1
// RUN: convt-run %s -e cast_result --input %t.x8.npy --input %t.k334.npy --output %t.y.npy

func.func @cast(%x: tensor<?x3xf32>) -> tensor<2x3xf32> {
  %c = tensor.cast %x : tensor<?x3xf32> to tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

func.func @cast_result(%x: tensor<1x?x3xf32>, %k: tensor<3x3x4xf32>) -> tensor<1x16x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false}
       : (tensor<1x?x3xf32>, tensor<3x3x4xf32>) -> tensor<1x?x4xf32>
  %c = tensor.cast %y : tensor<1x?x4xf32> to tensor<1x16x4xf32>
  return %c : tensor<1x16x4xf32>
}
