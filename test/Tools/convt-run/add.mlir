// Runs a small function on tensors end to end: .npy inputs (format versions
// 1.0 and 2.0), JIT, .npy output.

// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.arange(6, dtype=np.float32).reshape(2, 3)); np.lib.format.write_array(open('%t.y.npy', 'wb'), np.full((2, 3), 0.5, np.float32), version=(2, 0))"
// RUN: convt-run %s -e add --input %t.x.npy --input %t.y.npy --output %t.out.npy
// RUN: %python -c "import numpy as np; r = np.load('%t.out.npy'); print(r.dtype, r.shape, r.ravel().tolist())" | FileCheck %s
// CHECK: float32 (2, 3) [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]

// Both lowering strategies run functions without convt ops alike.
// RUN: convt-run %s -e add --strategy dilate --input %t.x.npy --input %t.y.npy --output %t.dilate.npy
// RUN: %python -c "import numpy as np; print(np.array_equal(np.load('%t.out.npy'), np.load('%t.dilate.npy')))" | FileCheck %s --check-prefix=SAME
// SAME: True

// The output is byte for byte what NumPy itself writes.
// RUN: %python -c "import numpy as np; np.save('%t.resaved.npy', np.load('%t.out.npy'))"
// RUN: cmp %t.out.npy %t.resaved.npy

func.func @add(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %init = tensor.empty() : tensor<2x3xf32>
  %sum = linalg.add ins(%x, %y : tensor<2x3xf32>, tensor<2x3xf32>)
                    outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %sum : tensor<2x3xf32>
}
