// Where the verifier cannot check a rule because sizes are dynamic, the
// compiled function checks it when it runs (cf.assert). convt-run reports a
// failed check as an error and exits with status 1 (lit's `not` fails on a
// crash), without LLVM's crash report.

// RUN: %python -c "import numpy as np; np.save('%t.x0.npy', np.zeros((1, 0, 1), np.float32)); np.save('%t.x3.npy', np.ones((1, 3, 1), np.float32)); np.save('%t.k.npy', np.ones((2, 1, 1), np.float32))"
// RUN: not convt-run %s -e main --input %t.x0.npy --input %t.k.npy --output %t.y0.npy 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not convt-run %s -e main --input %t.x0.npy --input %t.k.npy --output %t.y0.npy --strategy dilate 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not convt-run %s -e main --input %t.x0.npy --input %t.k.npy --output %t.y0.npy --target gpu-loops-on-cpu 2>&1 | FileCheck %s --check-prefix=EMPTY
// EMPTY-NOT: PLEASE submit
// EMPTY: convt-run: error: CIRCULAR padding needs non-empty spatial dims, but spatial dim 0 of the input is empty (Flax: ZeroDivisionError)
// EMPTY-NOT: PLEASE submit

// A non-empty length passes the check: each output sums both taps.
// RUN: convt-run %s -e main --input %t.x3.npy --input %t.k.npy --output %t.y3.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.y3.npy'); print(r.shape, r.ravel().tolist())" | FileCheck %s --check-prefix=RUNS
// RUNS: (1, 3, 1) [2.0, 2.0, 2.0]

func.func @main(%x: tensor<1x?x1xf32>, %k: tensor<2x1x1xf32>) -> tensor<1x?x1xf32> {
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false}
       : (tensor<1x?x1xf32>, tensor<2x1x1xf32>) -> tensor<1x?x1xf32>
  return %y : tensor<1x?x1xf32>
}
