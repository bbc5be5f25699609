// A loop whose iterations yield new tensors (here the sum of n transposed
// convolutions) bufferizes in the CPU pipeline, which frees the buffer of
// each iteration. The GPU pipeline does not take such loops: their buffers'
// ownership would be tracked by host code reading device memory. It says
// where instead.

// RUN: %python -c "import numpy as np; r = np.random.default_rng(3); np.save('%t.x.npy', r.standard_normal((1, 5, 3), dtype=np.float32)); np.save('%t.k.npy', r.standard_normal((3, 3, 4), dtype=np.float32)); np.save('%t.n.npy', np.array(3))"
// RUN: convt-run %s -e sum --input %t.x.npy --input %t.k.npy --input %t.n.npy --output %t.y1.npy
// RUN: convt-run %s -e sum --input %t.x.npy --input %t.k.npy --input %t.n.npy --output %t.y2.npy --num-threads=2
// RUN: convt-run %s -e sum --input %t.x.npy --input %t.k.npy --input %t.n.npy --output %t.y3.npy --strategy=dilate
// RUN: %python -c "import sys; sys.path.insert(0, '%convt_src/test/python'); import numpy as np, convt_reference as R; x, k = np.load('%t.x.npy'), np.load('%t.k.npy'); want, _ = R.conv_transpose(x, k, features=4, kernel_size=(3,), strides=(2,), padding='SAME'); print(*('close' if np.allclose(np.load('%t.y' + i + '.npy'), 3 * want, rtol=1e-5, atol=1e-5) else 'far' for i in '123'))" | FileCheck %s
// CHECK: close close close

// RUN: not convt-opt %s --convt-gpu-pipeline 2>&1 | FileCheck %s --check-prefix=GPU
// GPU: loops.mlir:[[# @LINE + 16]]:5: error: Yield operand #0 is not equivalent to the corresponding iter bbArg

func.func @sum(%x: tensor<1x5x3xf32>, %k: tensor<3x3x4xf32>, %count: tensor<i64>) -> tensor<1x10x4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.extract %count[] : tensor<i64>
  %end = arith.index_cast %n : i64 to index
  %empty = tensor.empty() : tensor<1x10x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x10x4xf32>) -> tensor<1x10x4xf32>
  %sum = scf.for %i = %c0 to %end step %c1 iter_args(%acc = %init) -> tensor<1x10x4xf32> {
    %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false}
         : (tensor<1x5x3xf32>, tensor<3x3x4xf32>) -> tensor<1x10x4xf32>
    %new = tensor.empty() : tensor<1x10x4xf32>
    %next = linalg.add ins(%acc, %y : tensor<1x10x4xf32>, tensor<1x10x4xf32>)
                       outs(%new : tensor<1x10x4xf32>) -> tensor<1x10x4xf32>
    scf.yield %next : tensor<1x10x4xf32>
  }
  return %sum : tensor<1x10x4xf32>
}
