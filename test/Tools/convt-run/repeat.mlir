// --repeat N times N more calls and prints their median and minimum; the
// output is the result of the first call.

// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.arange(4, dtype=np.float32))"
// RUN: convt-run %s -e double --input %t.x.npy --output %t.out.npy --repeat 5 | FileCheck %s
// CHECK: median_ms={{[0-9]+\.[0-9]+$}}
// CHECK-NEXT: min_ms={{[0-9]+\.[0-9]+$}}
// RUN: %python -c "import numpy as np; print(np.load('%t.out.npy').tolist())" | FileCheck %s --check-prefix=OUT
// OUT: [0.0, 2.0, 4.0, 6.0]

// Without --repeat nothing is printed.
// RUN: convt-run %s -e double --input %t.x.npy --output %t.out.npy | count 0

func.func @double(%x: tensor<4xf32>) -> tensor<4xf32> {
  %init = tensor.empty() : tensor<4xf32>
  %sum = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>)
                    outs(%init : tensor<4xf32>) -> tensor<4xf32>
  return %sum : tensor<4xf32>
}
