// REQUIRES: cuda-gpu
// convt-run --target gpu on the GPU: a transposed convolution under both
// strategies, 16-bit element types, dynamic and empty shapes, and timing.

// With a 1-wide kernel and stride 2, each input pixel times the kernel lands
// on every other output pixel.
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.array([1, 2, 3], np.float32).reshape(1, 3, 1)); np.save('%t.k.npy', np.array([1, 10], np.float32).reshape(1, 1, 2))"
// RUN: convt-run %s -e upsample --target gpu --gpu-chip %gpu_chip --strategy phase --input %t.x.npy --input %t.k.npy --output %t.phase.npy
// RUN: convt-run %s -e upsample --target gpu --gpu-chip %gpu_chip --strategy dilate --input %t.x.npy --input %t.k.npy --output %t.dilate.npy
// RUN: %python -c "import numpy as np; print(np.load('%t.phase.npy').tolist()); print(np.load('%t.dilate.npy').tolist())" | FileCheck %s --check-prefix=UPSAMPLE
// UPSAMPLE: {{\[\[\[}}1.0, 10.0], [0.0, 0.0], [2.0, 20.0], [0.0, 0.0], [3.0, 30.0], [0.0, 0.0]]]
// UPSAMPLE-NEXT: {{\[\[\[}}1.0, 10.0], [0.0, 0.0], [2.0, 20.0], [0.0, 0.0], [3.0, 30.0], [0.0, 0.0]]]

// f16 rounds 2049 to 2048; bf16 (read and written as float32) to 2048 too,
// and 1 + 2^-9 to 1.
// RUN: %python -c "import numpy as np; np.save('%t.h.npy', np.array([1, 2049], np.float16).reshape(1, 2, 1)); np.save('%t.b.npy', np.array([1 + 2**-9, 2049], np.float32).reshape(1, 2, 1)); np.save('%t.one.npy', np.ones((1, 1, 1), np.float32))"
// RUN: convt-run %s -e half --target gpu --gpu-chip %gpu_chip --input %t.h.npy --output %t.h.out.npy
// RUN: convt-run %s -e bfloat --target gpu --gpu-chip %gpu_chip --input %t.b.npy --input %t.one.npy --output %t.b.out.npy
// RUN: %python -c "import numpy as np; print(np.load('%t.h.out.npy').ravel().tolist(), np.load('%t.b.out.npy').ravel().tolist())" | FileCheck %s --check-prefix=SIXTEEN
// SIXTEEN: [1.0, 2048.0] [1.0, 2048.0]

// Dynamic sizes come from the files. An empty input still gives one output
// row (of zeros, as in Flax); the kernels over the empty input get an empty
// grid, which the runtime skips.
// RUN: %python -c "import numpy as np; np.save('%t.d5.npy', np.arange(10, dtype=np.float32).reshape(1, 5, 2)); np.save('%t.d0.npy', np.zeros((1, 0, 2), np.float32)); np.save('%t.dk.npy', np.ones((2, 2, 3), np.float32))"
// RUN: convt-run %s -e dynamic --target gpu --gpu-chip %gpu_chip --input %t.d5.npy --input %t.dk.npy --output %t.d5.out.npy
// RUN: convt-run %s -e dynamic --target gpu --gpu-chip %gpu_chip --input %t.d0.npy --input %t.dk.npy --output %t.d0.out.npy
// RUN: %python -c "import numpy as np; a = np.load('%t.d5.out.npy'); print(a.shape, a[0, :, 0].tolist()); b = np.load('%t.d0.out.npy'); print(b.shape, b.ravel().tolist())" | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: (1, 10, 3) [1.0, 1.0, 5.0, 5.0, 9.0, 9.0, 13.0, 13.0, 17.0, 17.0]
// DYNAMIC-NEXT: (1, 1, 3) [0.0, 0.0, 0.0]

// RUN: convt-run %s -e upsample --target gpu --gpu-chip %gpu_chip --input %t.x.npy --input %t.k.npy --output %t.timed.npy --repeat 3 | FileCheck %s --check-prefix=REPEAT
// REPEAT: median_ms=
// REPEAT-NEXT: min_ms=

func.func @upsample(%x: tensor<1x3x1xf32>, %k: tensor<1x1x2xf32>) -> tensor<1x6x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = array<i64: 1>, strides = array<i64: 2>, padding = "VALID", use_bias = false}
       : (tensor<1x3x1xf32>, tensor<1x1x2xf32>) -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}

func.func @half(%x: tensor<1x2x1xf16>) -> tensor<1x2x1xf16> {
  %k = arith.constant dense<1.0> : tensor<1x1x1xf16>
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 1, padding = "VALID", use_bias = false}
       : (tensor<1x2x1xf16>, tensor<1x1x1xf16>) -> tensor<1x2x1xf16>
  return %y : tensor<1x2x1xf16>
}

func.func @bfloat(%x: tensor<1x2x1xbf16>, %k: tensor<1x1x1xf32>) -> tensor<1x2x1xbf16> {
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 1, padding = "VALID", use_bias = false, dtype = bf16}
       : (tensor<1x2x1xbf16>, tensor<1x1x1xf32>) -> tensor<1x2x1xbf16>
  return %y : tensor<1x2x1xbf16>
}

func.func @dynamic(%x: tensor<1x?x2xf32>, %k: tensor<2x2x3xf32>) -> tensor<1x?x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = 2, strides = 2, padding = "SAME", use_bias = false}
       : (tensor<1x?x2xf32>, tensor<2x2x3xf32>) -> tensor<1x?x3xf32>
  return %y : tensor<1x?x3xf32>
}
