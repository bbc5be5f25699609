// The CPU pipeline convolves ops of at most half a vector of f32 features
// (8 with 512-bit vectors, 4 with 256-bit ones) whose kernels are multiples
// of their strides as one sub-pixel convolution; the conv-kernels=false
// baseline keeps the phases.
// RUN: convt-opt %s --convt-cpu-pipeline=vector-bits=512 --mlir-print-ir-after=convt-to-linalg -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=V512
// RUN: convt-opt %s --convt-cpu-pipeline=vector-bits=256 --mlir-print-ir-after=convt-to-linalg -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=V256
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=512 conv-kernels=false" --mlir-print-ir-after=convt-to-linalg -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BASELINE

// At 2 threads, the rearranged kernel of a large kernel (4 * 4 * 512 * 8
// elements) stays one sequential generic: tiled for threads, its reversed
// taps would give a slice too short for the tile (a verifier error).
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=512 threads=2" --mlir-print-ir-after=convt-cpu-parallel-elementwise -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=THREADS
// THREADS-LABEL: func.func @large_kernel
//       THREADS:   linalg.generic {{.*}} ins(%{{.*}} : memref<4x4x512x8xf32>) outs(%{{.*}} : memref<2x2x512x2x2x8xf32>)

// V512-LABEL: func.func @six_features
//       V512:   linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x9x9x24xf32>
//       V512:   linalg.transpose
// V512-LABEL: func.func @nine_features
//   V512-NOT:   linalg.transpose
//       V512:   return

// V256-LABEL: func.func @six_features
//   V256-NOT:   linalg.transpose
//       V256:   return

// BASELINE-NOT: linalg.transpose
func.func @six_features(%x: tensor<1x8x8x4xf32>, %k: tensor<4x4x4x6xf32>) -> tensor<1x16x16x6xf32> {
  %y = convt.conv_transpose %x, %k {features = 6, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x4xf32>, tensor<4x4x4x6xf32>) -> tensor<1x16x16x6xf32>
  return %y : tensor<1x16x16x6xf32>
}

func.func @nine_features(%x: tensor<1x8x8x4xf32>, %k: tensor<4x4x4x9xf32>) -> tensor<1x16x16x9xf32> {
  %y = convt.conv_transpose %x, %k {features = 9, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x4xf32>, tensor<4x4x4x9xf32>) -> tensor<1x16x16x9xf32>
  return %y : tensor<1x16x16x9xf32>
}

func.func @large_kernel(%x: tensor<1x8x8x512xf32>, %k: tensor<4x4x512x8xf32>) -> tensor<1x16x16x8xf32> {
  %y = convt.conv_transpose %x, %k {features = 8, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x512xf32>, tensor<4x4x512x8xf32>) -> tensor<1x16x16x8xf32>
  return %y : tensor<1x16x16x8xf32>
}
