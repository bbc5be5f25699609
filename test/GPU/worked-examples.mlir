// REQUIRES: cuda-gpu
// The worked examples of spec §18 and golden values of Flax's own tests (as
// in test/Integration/worked-examples.mlir), compiled with both strategies
// and run on the GPU with convt-run. Their inputs are constants: the GPU
// pipeline copies the globals they become to the device.
//
// RUN: %python %S/Inputs/run-functions.py %s --convt-run %convt_run \
// RUN:   --args="--target gpu --gpu-chip %gpu_chip --strategy phase" | FileCheck %s
// RUN: %python %S/Inputs/run-functions.py %s --convt-run %convt_run \
// RUN:   --args="--target gpu --gpu-chip %gpu_chip --strategy dilate" | FileCheck %s

// E1: VALID, s=1: correlate(x, W, 'full').
// CHECK: e1: (1, 5, 1) [100, 210, 321, 32, 3]
func.func @e1() -> tensor<1x5x1xf32> {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %e1 = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, padding = "VALID", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  return %e1 : tensor<1x5x1xf32>
}

// E1b: transpose_kernel: convolve(x, W).
// CHECK-NEXT: e1b: (1, 5, 1) [1, 12, 123, 230, 300]
func.func @e1b() -> tensor<1x5x1xf32> {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %e1b = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, padding = "VALID", use_bias = false, transpose_kernel = true}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  return %e1b : tensor<1x5x1xf32>
}

// E2: SAME, s=2, k=3.
// CHECK-NEXT: e2: (1, 6, 1) [100, 10, 201, 20, 302, 30]
func.func @e2() -> tensor<1x6x1xf32> {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %e2 = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  return %e2 : tensor<1x6x1xf32>
}

// E2b: SAME, s=2, transpose_kernel (TF Conv1DTranspose 'same').
// CHECK-NEXT: e2b: (1, 6, 1) [1, 10, 102, 20, 203, 30]
func.func @e2b() -> tensor<1x6x1xf32> {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %e2b = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false, transpose_kernel = true}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  return %e2b : tensor<1x6x1xf32>
}

// E3: negative padding [(-1, 2)], s=2, d=2, bias 0.5.
// CHECK-NEXT: e3: (1, 2, 1) [0.5, 32.5]
func.func @e3() -> tensor<1x2x1xf32> {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %b05 = arith.constant dense<0.5> : tensor<1xf32>
  %e3 = convt.conv_transpose %x3, %w3 bias %b05 {features = 1, kernel_size = 3, strides = 2, kernel_dilation = 2, padding = [[-1, 2]]}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>, tensor<1xf32>) -> tensor<1x2x1xf32>
  return %e3 : tensor<1x2x1xf32>
}

// E4: CIRCULAR, s=1, k=2.
// CHECK-NEXT: e4: (1, 4, 1) [14, 21, 32, 43]
func.func @e4() -> tensor<1x4x1xf32> {
  %x4 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0]]]> : tensor<1x4x1xf32>
  %w2 = arith.constant dense<[[[1.0]], [[10.0]]]> : tensor<2x1x1xf32>
  %e4 = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %e4 : tensor<1x4x1xf32>
}

// E4b: CIRCULAR with transpose_kernel splits the padding the other way.
// CHECK-NEXT: e4b: (1, 4, 1) [12, 23, 34, 41]
func.func @e4b() -> tensor<1x4x1xf32> {
  %x4 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0]]]> : tensor<1x4x1xf32>
  %w2 = arith.constant dense<[[[1.0]], [[10.0]]]> : tensor<2x1x1xf32>
  %e4b = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false, transpose_kernel = true}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %e4b : tensor<1x4x1xf32>
}

// E5: CIRCULAR, s=2, k=3: the tap SAME drops wraps to position 0.
// CHECK-NEXT: e5: (1, 6, 1) [103, 10, 201, 20, 302, 30]
func.func @e5() -> tensor<1x6x1xf32> {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %e5 = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  return %e5 : tensor<1x6x1xf32>
}

// E6: 2-D SAME, strides 2, k=2x2, 1 -> 2 channels, bias [10, 20];
// printed as (h, w, channel).
// CHECK-NEXT: e6: (1, 4, 4, 2) [14, 20, 13, 21, 18, 20, 16, 22, 12, 21, 11, 20, 14, 22, 12, 20, 22, 20, 19, 23, 26, 20, 22, 24, 16, 23, 13, 20, 18, 24, 14, 20]
func.func @e6() -> tensor<1x4x4x2xf32> {
  %x6 = arith.constant dense<[[[[1.0], [2.0]], [[3.0], [4.0]]]]> : tensor<1x2x2x1xf32>
  %w6 = arith.constant dense<[[[[1.0, 0.0]], [[2.0, 1.0]]], [[[3.0, 1.0]], [[4.0, 0.0]]]]> : tensor<2x2x1x2xf32>
  %b6 = arith.constant dense<[10.0, 20.0]> : tensor<2xf32>
  %e6 = convt.conv_transpose %x6, %w6 bias %b6 {features = 2, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = "SAME"}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %e6 : tensor<1x4x4x2xf32>
}

// E7: unbatched, 2 -> 2 channels, padding = 1, mask.
// CHECK-NEXT: e7: (3, 2) [14, 22, 35, 58, 15, 16]
func.func @e7() -> tensor<3x2xf32> {
  %x7 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %w7 = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %m7 = arith.constant dense<[[[1.0, 0.0], [1.0, 1.0]], [[0.0, 1.0], [1.0, 1.0]]]> : tensor<2x2x2xf32>
  %e7 = convt.conv_transpose %x7, %w7 mask %m7 {features = 2, kernel_size = 2, padding = 1, use_bias = false}
      : (tensor<2x2xf32>, tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<3x2xf32>
  return %e7 : tensor<3x2xf32>
}

// E8: 3-D with two batch dims, VALID, strides (1, 2, 1), kernel of ones;
// the odd rows of spatial dim 2 are the stride-2 gaps.
// CHECK-NEXT: e8: (1, 1, 3, 4, 3, 1) [1, 3, 2, 0, 0, 0, 3, 7, 4, 0, 0, 0, 6, 14, 8, 0, 0, 0, 10, 22, 12, 0, 0, 0, 5, 11, 6, 0, 0, 0, 7, 15, 8, 0, 0, 0]
func.func @e8() -> tensor<1x1x3x4x3x1xf32> {
  %x8 = arith.constant dense<[[[[[[1.0], [2.0]], [[3.0], [4.0]]], [[[5.0], [6.0]], [[7.0], [8.0]]]]]]> : tensor<1x1x2x2x2x1xf32>
  %w8 = arith.constant dense<1.0> : tensor<2x1x2x1x1xf32>
  %e8 = convt.conv_transpose %x8, %w8 {features = 1, kernel_size = array<i64: 2, 1, 2>, strides = array<i64: 1, 2, 1>, padding = "VALID", use_bias = false}
      : (tensor<1x1x2x2x2x1xf32>, tensor<2x1x2x1x1xf32>) -> tensor<1x1x3x4x3x1xf32>
  return %e8 : tensor<1x1x3x4x3x1xf32>
}

// E9: lower-case 'same' is forward-conv padding (0, 1).
// CHECK-NEXT: e9: (1, 4, 1) [21, 32, 43, 4]
func.func @e9() -> tensor<1x4x1xf32> {
  %x4 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0]]]> : tensor<1x4x1xf32>
  %w2 = arith.constant dense<[[[1.0]], [[10.0]]]> : tensor<2x1x1xf32>
  %e9 = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "same", use_bias = false}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %e9 : tensor<1x4x1xf32>
}

// E9b: 'SAME' pads (1, 0).
// CHECK-NEXT: e9b: (1, 4, 1) [10, 21, 32, 43]
func.func @e9b() -> tensor<1x4x1xf32> {
  %x4 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0]]]> : tensor<1x4x1xf32>
  %w2 = arith.constant dense<[[[1.0]], [[10.0]]]> : tensor<2x1x1xf32>
  %e9b = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "SAME", use_bias = false}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %e9b : tensor<1x4x1xf32>
}

// E10: transpose_kernel, strides (2, 1), dilation (1, 2), mixed pads.
// CHECK-NEXT: e10: (1, 2, 3, 1) [3, 4, 6, 9, 12, 12]
func.func @e10() -> tensor<1x2x3x1xf32> {
  %x10 = arith.constant dense<[[[[1.0], [2.0]], [[3.0], [4.0]]]]> : tensor<1x2x2x1xf32>
  %w10 = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %e10 = convt.conv_transpose %x10, %w10 {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[-1, 1], [2, 1]], use_bias = false, transpose_kernel = true}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x1xf32>
  return %e10 : tensor<1x2x3x1xf32>
}

// E10, second padding: an empty output (1, 3, 0, 1) is legal.
// CHECK-NEXT: e10e: (1, 3, 0, 1) []
func.func @e10e() -> tensor<1x3x0x1xf32> {
  %x10 = arith.constant dense<[[[[1.0], [2.0]], [[3.0], [4.0]]]]> : tensor<1x2x2x1xf32>
  %w10 = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %e10e = convt.conv_transpose %x10, %w10 {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[1, 0], [0, -1]], use_bias = false, transpose_kernel = true}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x0x1xf32>
  return %e10e : tensor<1x3x0x1xf32>
}

// E11: dtype = f16 rounds the input 2049 to 2048 before the conv.
// CHECK-NEXT: e11: (1, 2, 1) [1, 2048]
func.func @e11() -> tensor<1x2x1xf16> {
  %x11 = arith.constant dense<[[[1.0], [2049.0]]]> : tensor<1x2x1xf32>
  %w11 = arith.constant dense<1.0> : tensor<1x1x1xf32>
  %e11 = convt.conv_transpose %x11, %w11 {features = 1, kernel_size = 1, padding = "VALID", use_bias = false, dtype = f16}
      : (tensor<1x2x1xf32>, tensor<1x1x1xf32>) -> tensor<1x2x1xf16>
  return %e11 : tensor<1x2x1xf16>
}

// Flax golden: VALID, k=3 on ones(1, 8, 3), kernels and bias of ones.
// CHECK-NEXT: g1: (1, 10, 4) [4, 4, 4, 4, 7, 7, 7, 7, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 7, 7, 7, 7, 4, 4, 4, 4]
func.func @g1() -> tensor<1x10x4xf32> {
  %xg = arith.constant dense<1.0> : tensor<1x8x3xf32>
  %wg = arith.constant dense<1.0> : tensor<3x3x4xf32>
  %bg = arith.constant dense<1.0> : tensor<4xf32>
  %g1 = convt.conv_transpose %xg, %wg bias %bg {features = 4, kernel_size = 3, padding = "VALID"}
      : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x10x4xf32>
  return %g1 : tensor<1x10x4xf32>
}

// Flax golden: CIRCULAR, kernel ((0, 1, 0), (1, 2, 1), (0, 1, 0)) on 1..9.
// CHECK-NEXT: gc: (1, 3, 3, 1) [18, 21, 24, 27, 30, 33, 36, 39, 42]
func.func @gc() -> tensor<1x3x3x1xf32> {
  %xc = arith.constant dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]]]> : tensor<1x3x3x1xf32>
  %wc = arith.constant dense<[[[[0.0]], [[1.0]], [[0.0]]], [[[1.0]], [[2.0]], [[1.0]]], [[[0.0]], [[1.0]], [[0.0]]]]> : tensor<3x3x1x1xf32>
  %gc = convt.conv_transpose %xc, %wc {features = 1, kernel_size = array<i64: 3, 3>, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x3x3x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x3x1xf32>
  return %gc : tensor<1x3x3x1xf32>
}

// Flax golden: CIRCULAR 1-D, stride 3, kernel (1, 2, 1) on 1..5.
// CHECK-NEXT: g13: (1, 15, 1) [1, 2, 1, 2, 4, 2, 3, 6, 3, 4, 8, 4, 5, 10, 5]
func.func @g13() -> tensor<1x15x1xf32> {
  %x13 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0], [5.0]]]> : tensor<1x5x1xf32>
  %w13 = arith.constant dense<[[[1.0]], [[2.0]], [[1.0]]]> : tensor<3x1x1xf32>
  %g13 = convt.conv_transpose %x13, %w13 {features = 1, kernel_size = array<i64: 3>, strides = array<i64: 3>, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x5x1xf32>, tensor<3x1x1xf32>) -> tensor<1x15x1xf32>
  return %g13 : tensor<1x15x1xf32>
}

// Flax golden: CIRCULAR 2x2 kernel ((1, 2), (3, 4)) with bias 1.
// CHECK-NEXT: g22: (1, 2, 2, 1) [21, 23, 29, 31]
func.func @g22() -> tensor<1x2x2x1xf32> {
  %x10 = arith.constant dense<[[[[1.0], [2.0]], [[3.0], [4.0]]]]> : tensor<1x2x2x1xf32>
  %w22 = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b1 = arith.constant dense<1.0> : tensor<1xf32>
  %g22 = convt.conv_transpose %x10, %w22 bias %b1 {features = 1, kernel_size = array<i64: 2, 2>, padding = "CIRCULAR"}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  return %g22 : tensor<1x2x2x1xf32>
}

