// The CPU pipeline convolves an op as one sub-pixel convolution where that
// takes fewer vector FMAs than the phases at the target's vector width
// (convt-to-linalg sub-pixel-vector-bits); the conv-kernels=false baseline
// keeps the phases. 2-D, kernel 4, stride 2, 64 input channels; FMAs per
// group of 2 x 2 outputs, phases against sub-pixel (16 per vector for the
// gather): 8 features, 512-bit vectors: 1024 against 4 * 64 * 2 + 32 = 544;
// 256-bit vectors: 1024 against 4 * 64 * 4 + 64 = 1088; 16 features,
// 512-bit: 1024 against 1088. Kernel 3, 3 features, 24 channels, 512-bit:
// 9 * 24 = 216 against 4 * 24 * 1 + 16 = 112, with the kernel zero-padded to
// 4 taps. With 64 channels, which fill whole vectors, the phases take the
// lane-reduction kernel, at 156 against 254 (see
// test/Conversion/ConvTToLinalg/sub-pixel.mlir).
// RUN: convt-opt %s --convt-cpu-pipeline=vector-bits=512 --mlir-print-ir-after=convt-to-linalg -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=V512
// RUN: convt-opt %s --convt-cpu-pipeline=vector-bits=256 --mlir-print-ir-after=convt-to-linalg -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=V256
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=512 conv-kernels=false" --mlir-print-ir-after=convt-to-linalg -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BASELINE

// At 2 threads, the threads split the rearrangement of a large kernel
// (4 * 4 * 512 * 8 elements) by its taps and positions (m, q) per dim, the
// generic's leading loops: each index of the kernel depends on them alone.
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=512 threads=2" --mlir-print-ir-after=convt-cpu-parallel-elementwise -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=THREADS
// THREADS-LABEL: func.func @large_kernel
//       THREADS:   scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) =
//       THREADS:     linalg.generic {{.*}} ins(%{{.*}} : memref<1x1x512x8xf32, {{.*}}>) outs(%{{.*}} : memref<1x1x512x1x1x8xf32, {{.*}}>)

// The sub-pixel convolutions write 9 x 9 groups of 4 * F channels, which one
// generic gathers into the result; the phases write 8 x 8 positions each.
// V512-LABEL: func.func @eight_features
//       V512:   linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x9x9x32xf32>
//       V512:   linalg.generic {{.*}} ins(%{{.*}} : tensor<1x9x9x2x2x8xf32>) outs(%{{.*}} : tensor<1x16x16x8xf32>)
// V512-LABEL: func.func @sixteen_features
//       V512:   linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x8x8x16xf32>
// V512-LABEL: func.func @kernel_3
//       V512:   tensor.insert_slice {{.*}} : tensor<3x3x24x3xf32> into tensor<4x4x24x3xf32>
//       V512:   linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x9x9x12xf32>
// V512-LABEL: func.func @kernel_3_lane_reduction
//   V512-NOT:   tensor<1x9x9x12xf32>
// V512-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x8x8x3xf32>

// V256-LABEL: func.func @eight_features
//       V256:   linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x8x8x8xf32>
// V256-LABEL: func.func @sixteen_features

// BASELINE-NOT: -> tensor<1x9x9x
func.func @eight_features(%x: tensor<1x8x8x64xf32>, %k: tensor<4x4x64x8xf32>) -> tensor<1x16x16x8xf32> {
  %y = convt.conv_transpose %x, %k {features = 8, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x64xf32>, tensor<4x4x64x8xf32>) -> tensor<1x16x16x8xf32>
  return %y : tensor<1x16x16x8xf32>
}

func.func @sixteen_features(%x: tensor<1x8x8x64xf32>, %k: tensor<4x4x64x16xf32>) -> tensor<1x16x16x16xf32> {
  %y = convt.conv_transpose %x, %k {features = 16, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x64xf32>, tensor<4x4x64x16xf32>) -> tensor<1x16x16x16xf32>
  return %y : tensor<1x16x16x16xf32>
}

func.func @kernel_3(%x: tensor<1x8x8x24xf32>, %k: tensor<3x3x24x3xf32>) -> tensor<1x16x16x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x24xf32>, tensor<3x3x24x3xf32>) -> tensor<1x16x16x3xf32>
  return %y : tensor<1x16x16x3xf32>
}

func.func @kernel_3_lane_reduction(%x: tensor<1x8x8x64xf32>, %k: tensor<3x3x64x3xf32>) -> tensor<1x16x16x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x64xf32>, tensor<3x3x64x3xf32>) -> tensor<1x16x16x3xf32>
  return %y : tensor<1x16x16x3xf32>
}

func.func @large_kernel(%x: tensor<1x8x8x512xf32>, %k: tensor<4x4x512x8xf32>) -> tensor<1x16x16x8xf32> {
  %y = convt.conv_transpose %x, %k {features = 8, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x512xf32>, tensor<4x4x512x8xf32>) -> tensor<1x16x16x8xf32>
  return %y : tensor<1x16x16x8xf32>
}
