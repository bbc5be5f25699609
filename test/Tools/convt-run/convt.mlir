// Runs a convt.conv_transpose under both strategies without --shared-libs:
// convt-run provides the runtime functions the CPU pipeline calls. With a
// 1-wide kernel and stride 2, each input pixel times the kernel lands on every
// other output pixel.

// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.array([1, 2, 3], np.float32).reshape(1, 3, 1)); np.save('%t.k.npy', np.array([1, 10], np.float32).reshape(1, 1, 2))"
// RUN: convt-run %s -e upsample --strategy phase --input %t.x.npy --input %t.k.npy --output %t.phase.npy
// RUN: convt-run %s -e upsample --strategy dilate --input %t.x.npy --input %t.k.npy --output %t.dilate.npy
// RUN: %python -c "import numpy as np; print(np.load('%t.phase.npy').tolist()); print(np.load('%t.dilate.npy').tolist())" | FileCheck %s
// CHECK: {{\[\[\[}}1.0, 10.0], [0.0, 0.0], [2.0, 20.0], [0.0, 0.0], [3.0, 30.0], [0.0, 0.0]]]
// CHECK-NEXT: {{\[\[\[}}1.0, 10.0], [0.0, 0.0], [2.0, 20.0], [0.0, 0.0], [3.0, 30.0], [0.0, 0.0]]]

func.func @upsample(%x: tensor<1x3x1xf32>, %k: tensor<1x1x2xf32>)
    -> tensor<1x6x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = array<i64: 1>,
                                    strides = array<i64: 2>, padding = "VALID",
                                    use_bias = false}
       : (tensor<1x3x1xf32>, tensor<1x1x2xf32>) -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}
