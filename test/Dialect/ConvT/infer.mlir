// Result type inference of convt.conv_transpose: each op below verifies only
// if its written result type agrees with the inferred one (spec §5 shapes,
// §8 element types, §18 worked examples); `?` is compatible either way.
// The REIFY run checks the result sizes that reifyResultShapes builds.
// RUN: convt-opt %s -split-input-file | FileCheck %s
// RUN: convt-opt %s -split-input-file --resolve-ranked-shaped-type-result-dims | FileCheck %s --check-prefix=REIFY

// E1: 1-D VALID, stride 1, k = 3: pads (2, 2), (1,3,1) -> (1,5,1).
// CHECK-LABEL: func.func @e1_valid(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x5x1xf32>
func.func @e1_valid(%x: tensor<1x3x1xf32>, %k: tensor<3x1x1xf32>) -> tensor<1x5x1xf32> {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 3, padding = "VALID", use_bias = false} : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  return %0 : tensor<1x5x1xf32>
}

// -----

// E1b: the same with transpose_kernel.
// CHECK-LABEL: func.func @e1b_valid_transpose(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x5x1xf32>
func.func @e1b_valid_transpose(%x: tensor<1x3x1xf32>, %k: tensor<3x1x1xf32>) -> tensor<1x5x1xf32> {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 3, padding = "VALID", transpose_kernel = true, use_bias = false} : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  return %0 : tensor<1x5x1xf32>
}

// -----

// E2: 1-D SAME, s = 2, k = 3: pads (2, 1), (1,3,1) -> (1,6,1).
// CHECK-LABEL: func.func @e2_same_strided(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x6x1xf32>
func.func @e2_same_strided(%x: tensor<1x3x1xf32>, %k: tensor<3x1x1xf32>) -> tensor<1x6x1xf32> {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false} : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  return %0 : tensor<1x6x1xf32>
}

// -----

// E3: explicit [(-1, 2)], s = 2, k = 3, d = 2 (E = 5), bias: D = 5, P = 6, O = 2.
// CHECK-LABEL: func.func @e3_negative_pad(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x2x1xf32>
func.func @e3_negative_pad(%x: tensor<1x3x1xf32>, %k: tensor<3x1x1xf32>, %b: tensor<1xf32>) -> tensor<1x2x1xf32> {
  %0 = convt.conv_transpose %x, %k bias %b {features = 1, kernel_size = 3, strides = 2, kernel_dilation = 2, padding = [[-1, 2]]} : (tensor<1x3x1xf32>, tensor<3x1x1xf32>, tensor<1xf32>) -> tensor<1x2x1xf32>
  return %0 : tensor<1x2x1xf32>
}

// -----

// E4/E4b: CIRCULAR, s = 1, k = 2: (1,4,1) -> (1,4,1) either kernel layout.
// CHECK-LABEL: func.func @e4_circular(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x4x1xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x4x1xf32>
func.func @e4_circular(%x: tensor<1x4x1xf32>, %k: tensor<2x1x1xf32>) -> (tensor<1x4x1xf32>, tensor<1x4x1xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false} : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  %1 = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = "CIRCULAR", transpose_kernel = true, use_bias = false} : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %0, %1 : tensor<1x4x1xf32>, tensor<1x4x1xf32>
}

// -----

// E5: CIRCULAR, s = 2, k = 3: (1,3,1) -> (1,6,1).
// CHECK-LABEL: func.func @e5_circular_strided(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x6x1xf32>
func.func @e5_circular_strided(%x: tensor<1x3x1xf32>, %k: tensor<3x1x1xf32>) -> tensor<1x6x1xf32> {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false} : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  return %0 : tensor<1x6x1xf32>
}

// -----

// E6: 2-D SAME, strides (2, 2), k = (2, 2), 1 -> 2 channels with bias.
// CHECK-LABEL: func.func @e6_same_2d(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x4x4x2xf32>
func.func @e6_same_2d(%x: tensor<1x2x2x1xf32>, %k: tensor<2x2x1x2xf32>, %b: tensor<2xf32>) -> tensor<1x4x4x2xf32> {
  %0 = convt.conv_transpose %x, %k bias %b {features = 2, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = "SAME"} : (tensor<1x2x2x1xf32>, tensor<2x2x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %0 : tensor<1x4x4x2xf32>
}

// -----

// E7: unbatched 1-D, 2 -> 2 channels, padding = 1, mask: (2,2) -> (3,2).
// CHECK-LABEL: func.func @e7_unbatched_mask(
// CHECK: convt.conv_transpose {{.*}} -> tensor<3x2xf32>
func.func @e7_unbatched_mask(%x: tensor<2x2xf32>, %k: tensor<2x2x2xf32>, %m: tensor<2x2x2xf32>) -> tensor<3x2xf32> {
  %0 = convt.conv_transpose %x, %k mask %m {features = 2, kernel_size = 2, padding = 1, use_bias = false} : (tensor<2x2xf32>, tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// E8: 3-D, two batch dims, VALID, strides (1, 2, 1), k = (2, 1, 2).
// CHECK-LABEL: func.func @e8_3d_two_batch_dims(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x1x3x4x3x1xf32>
func.func @e8_3d_two_batch_dims(%x: tensor<1x1x2x2x2x1xf32>, %k: tensor<2x1x2x1x1xf32>) -> tensor<1x1x3x4x3x1xf32> {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = array<i64: 2, 1, 2>, strides = array<i64: 1, 2, 1>, padding = "VALID", use_bias = false} : (tensor<1x1x2x2x2x1xf32>, tensor<2x1x2x1x1xf32>) -> tensor<1x1x3x4x3x1xf32>
  return %0 : tensor<1x1x3x4x3x1xf32>
}

// -----

// E9/E9b: "same" (forward-conv, pads (0, 1)) and "SAME" (pads (1, 0)) keep
// the size for s = 1, k = 2.
// CHECK-LABEL: func.func @e9_same_lower_and_upper(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x4x1xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x4x1xf32>
func.func @e9_same_lower_and_upper(%x: tensor<1x4x1xf32>, %k: tensor<2x1x1xf32>) -> (tensor<1x4x1xf32>, tensor<1x4x1xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = "same", use_bias = false} : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  %1 = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, padding = "SAME", use_bias = false} : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  return %0, %1 : tensor<1x4x1xf32>, tensor<1x4x1xf32>
}

// -----

// E10: transpose_kernel, strides (2, 1), dilation (1, 2), padding
// ((-1, 1), (2, 1)) gives (1,2,3,1); ((1, 0), (0, -1)) gives an empty (1,3,0,1).
// CHECK-LABEL: func.func @e10_mixed(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x2x3x1xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x3x0x1xf32>
func.func @e10_mixed(%x: tensor<1x2x2x1xf32>, %k: tensor<2x2x1x1xf32>) -> (tensor<1x2x3x1xf32>, tensor<1x3x0x1xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[-1, 1], [2, 1]], transpose_kernel = true, use_bias = false} : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x1xf32>
  %1 = convt.conv_transpose %x, %k {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[1, 0], [0, -1]], transpose_kernel = true, use_bias = false} : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x0x1xf32>
  return %0, %1 : tensor<1x2x3x1xf32>, tensor<1x3x0x1xf32>
}

// -----

// E11: dtype = f16 with f32 operands computes and returns f16.
// CHECK-LABEL: func.func @e11_dtype_f16(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x2x1xf16>
func.func @e11_dtype_f16(%x: tensor<1x2x1xf32>, %k: tensor<1x1x1xf32>) -> tensor<1x2x1xf16> {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 1, padding = "VALID", dtype = f16, use_bias = false} : (tensor<1x2x1xf32>, tensor<1x1x1xf32>) -> tensor<1x2x1xf16>
  return %0 : tensor<1x2x1xf16>
}

// -----

// Flax's docstring examples: VALID, k = 3: (1,8,3) -> (1,10,4); CIRCULAR,
// stride 2, k = 6, transpose_kernel: (1,15,15,3) -> (1,30,30,4).
// CHECK-LABEL: func.func @docstring_examples(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x10x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x30x30x4xf32>
func.func @docstring_examples(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>, %x2: tensor<1x15x15x3xf32>, %k2: tensor<6x6x4x3xf32>) -> (tensor<1x10x4xf32>, tensor<1x30x30x4xf32>) {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, padding = "VALID"} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x10x4xf32>
  %1 = convt.conv_transpose %x2, %k2 bias %b {features = 4, kernel_size = array<i64: 6, 6>, strides = array<i64: 2, 2>, padding = "CIRCULAR", transpose_kernel = true} : (tensor<1x15x15x3xf32>, tensor<6x6x4x3xf32>, tensor<4xf32>) -> tensor<1x30x30x4xf32>
  return %0, %1 : tensor<1x10x4xf32>, tensor<1x30x30x4xf32>
}

// -----

// Flax's CIRCULAR tests: 1-D stride 3, k = 3 on 5 values; 3x3 on 3x3.
// CHECK-LABEL: func.func @flax_circular_tests(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x15x1xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x3x3x1xf32>
func.func @flax_circular_tests(%x: tensor<1x5x1xf32>, %k: tensor<3x1x1xf32>, %x2: tensor<1x3x3x1xf32>, %k2: tensor<3x3x1x1xf32>) -> (tensor<1x15x1xf32>, tensor<1x3x3x1xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = 3, strides = 3, padding = "CIRCULAR", use_bias = false} : (tensor<1x5x1xf32>, tensor<3x1x1xf32>) -> tensor<1x15x1xf32>
  %1 = convt.conv_transpose %x2, %k2 {features = 1, kernel_size = array<i64: 3, 3>, padding = "CIRCULAR", use_bias = false} : (tensor<1x3x3x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x3x1xf32>
  return %0, %1 : tensor<1x15x1xf32>, tensor<1x3x3x1xf32>
}

// -----

// Closed forms of spec §5: SAME gives H*s, VALID H*s + max(E - s, 0),
// lower-case "valid" max(0, H - E + 1), an empty SAME input max(0, s - 1).
// CHECK-LABEL: func.func @closed_forms(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x10x21x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x11x22x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x13x28x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x3x4x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x1x21x4xf32>
func.func @closed_forms(%x: tensor<1x5x7x3xf32>, %k: tensor<3x4x3x4xf32>, %e: tensor<1x0x7x3xf32>) -> (tensor<1x10x21x4xf32>, tensor<1x11x22x4xf32>, tensor<1x13x28x4xf32>, tensor<1x3x4x4xf32>, tensor<1x1x21x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 4>, strides = array<i64: 2, 3>, use_bias = false} : (tensor<1x5x7x3xf32>, tensor<3x4x3x4xf32>) -> tensor<1x10x21x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 4>, strides = array<i64: 2, 3>, padding = "VALID", use_bias = false} : (tensor<1x5x7x3xf32>, tensor<3x4x3x4xf32>) -> tensor<1x11x22x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 4>, strides = array<i64: 2, 3>, kernel_dilation = array<i64: 2, 3>, padding = "VALID", use_bias = false} : (tensor<1x5x7x3xf32>, tensor<3x4x3x4xf32>) -> tensor<1x13x28x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 4>, padding = "valid", use_bias = false} : (tensor<1x5x7x3xf32>, tensor<3x4x3x4xf32>) -> tensor<1x3x4x4xf32>
  %4 = convt.conv_transpose %e, %k {features = 4, kernel_size = array<i64: 3, 4>, strides = array<i64: 2, 3>, use_bias = false} : (tensor<1x0x7x3xf32>, tensor<3x4x3x4xf32>) -> tensor<1x1x21x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x10x21x4xf32>, tensor<1x11x22x4xf32>, tensor<1x13x28x4xf32>, tensor<1x3x4x4xf32>, tensor<1x1x21x4xf32>
}

// -----

// A zero-size kernel (E = 0) and zero features are legal.
// CHECK-LABEL: func.func @empty_kernel_and_features(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x5x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x10x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x5x0xf32>
func.func @empty_kernel_and_features(%x: tensor<1x5x3xf32>, %k0: tensor<0x3x4xf32>, %kf: tensor<3x3x0xf32>, %b: tensor<0xf32>) -> (tensor<1x5x4xf32>, tensor<1x10x4xf32>, tensor<1x5x0xf32>) {
  %0 = convt.conv_transpose %x, %k0 {features = 4, kernel_size = 0, padding = "VALID", use_bias = false} : (tensor<1x5x3xf32>, tensor<0x3x4xf32>) -> tensor<1x5x4xf32>
  %1 = convt.conv_transpose %x, %k0 {features = 4, kernel_size = 0, strides = 2, use_bias = false} : (tensor<1x5x3xf32>, tensor<0x3x4xf32>) -> tensor<1x10x4xf32>
  %2 = convt.conv_transpose %x, %kf bias %b {features = 0, kernel_size = 3} : (tensor<1x5x3xf32>, tensor<3x3x0xf32>, tensor<0xf32>) -> tensor<1x5x0xf32>
  return %0, %1, %2 : tensor<1x5x4xf32>, tensor<1x10x4xf32>, tensor<1x5x0xf32>
}

// -----

// A 0-D conv is a dense layer: (*batch, in) -> (*batch, features).
// CHECK-LABEL: func.func @zero_spatial_dims(
// CHECK: convt.conv_transpose {{.*}} -> tensor<2x3x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<2x3x4xf32>
func.func @zero_spatial_dims(%x: tensor<2x3x5xf32>, %k: tensor<5x4xf32>, %kt: tensor<4x5xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64>, use_bias = false} : (tensor<2x3x5xf32>, tensor<5x4xf32>) -> tensor<2x3x4xf32>
  %1 = convt.conv_transpose %x, %kt {features = 4, kernel_size = array<i64>, transpose_kernel = true, padding = "VALID", use_bias = false} : (tensor<2x3x5xf32>, tensor<4x5xf32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// -----

// Dynamic sizes: a dynamic input size gives a dynamic output size; a
// written `?` is accepted where the size is static, and a written static
// size where it is dynamic.
// CHECK-LABEL: func.func @dynamic_sizes(
// CHECK: convt.conv_transpose {{.*}} -> tensor<?x?x16x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<?x?x?x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<2x6x16x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<?x?x?x?xf32>
func.func @dynamic_sizes(%x: tensor<?x?x8x3xf32>, %k: tensor<3x3x3x4xf32>) -> (tensor<?x?x16x4xf32>, tensor<?x?x?x4xf32>, tensor<2x6x16x4xf32>, tensor<?x?x?x?xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = 2, use_bias = false} : (tensor<?x?x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<?x?x16x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = 2, use_bias = false} : (tensor<?x?x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<?x?x?x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = 2, use_bias = false} : (tensor<?x?x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<2x6x16x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = 2, use_bias = false} : (tensor<?x?x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<?x?x?x?xf32>
  return %0, %1, %2, %3 : tensor<?x?x16x4xf32>, tensor<?x?x?x4xf32>, tensor<2x6x16x4xf32>, tensor<?x?x?x?xf32>
}

// -----

// A dynamic in_features matches any kernel in_features.
// CHECK-LABEL: func.func @dynamic_in_features(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
func.func @dynamic_in_features(%x: tensor<1x8x?xf32>, %k: tensor<3x3x4xf32>, %k2: tensor<3x?x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x?xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k2 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x?xf32>, tensor<3x?x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1 : tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// Type promotion (spec §8): bf16 + f32 -> f32; f16 + bf16 -> f32;
// i32 + bf16 -> bf16 (JAX's lattice); all integers -> f32; f64 wins.
// CHECK-LABEL: func.func @promotion(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xbf16>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf64>
func.func @promotion(%xbf: tensor<1x8x3xbf16>, %kf32: tensor<3x3x4xf32>, %xf16: tensor<1x8x3xf16>, %kbf: tensor<3x3x4xbf16>, %xi: tensor<1x8x3xi32>, %ki8: tensor<3x3x4xi8>, %xb: tensor<1x8x3xi1>, %kf64: tensor<3x3x4xf64>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xbf16>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf64>) {
  %0 = convt.conv_transpose %xbf, %kf32 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %xf16, %kbf {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %xi, %kbf {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xi32>, tensor<3x3x4xbf16>) -> tensor<1x8x4xbf16>
  %3 = convt.conv_transpose %xi, %ki8 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xi32>, tensor<3x3x4xi8>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %xb, %ki8 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xi1>, tensor<3x3x4xi8>) -> tensor<1x8x4xf32>
  %5 = convt.conv_transpose %xbf, %kf64 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xf64>) -> tensor<1x8x4xf64>
  return %0, %1, %2, %3, %4, %5 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xbf16>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf64>
}

// -----

// The bias joins the promotion: bf16 operands with an f32 bias give f32.
// CHECK-LABEL: func.func @promotion_bias(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xbf16>
func.func @promotion_bias(%x: tensor<1x8x3xbf16>, %k: tensor<3x3x4xbf16>, %b32: tensor<4xf32>, %bi: tensor<4xi32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xbf16>) {
  %0 = convt.conv_transpose %x, %k bias %b32 {features = 4, kernel_size = 3} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k bias %bi {features = 4, kernel_size = 3} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<4xi32>) -> tensor<1x8x4xbf16>
  return %0, %1 : tensor<1x8x4xf32>, tensor<1x8x4xbf16>
}

// -----

// kernel * mask promotes first: an f32 mask on a bf16 kernel makes the whole
// computation f32; a bool or bf16 mask keeps bf16.
// CHECK-LABEL: func.func @promotion_mask(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xbf16>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xbf16>
func.func @promotion_mask(%x: tensor<1x8x3xbf16>, %k: tensor<3x3x4xbf16>, %m32: tensor<3x3x4xf32>, %mb: tensor<3x3x4xi1>, %mbf: tensor<3x3x4xbf16>) -> (tensor<1x8x4xf32>, tensor<1x8x4xbf16>, tensor<1x8x4xbf16>) {
  %0 = convt.conv_transpose %x, %k mask %m32 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k mask %mb {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<3x3x4xi1>) -> tensor<1x8x4xbf16>
  %2 = convt.conv_transpose %x, %k mask %mbf {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xbf16>
  return %0, %1, %2 : tensor<1x8x4xf32>, tensor<1x8x4xbf16>, tensor<1x8x4xbf16>
}

// -----

// preferred_element_type sets the conv type; with a bias the result is the
// join of conv and computation type: f32 with bf16 inputs and a bf16 bias
// gives f32; bf16 (not narrower than f16) with an f16 computation and bias
// gives bf16 + f16 = f32, without a bias bf16.
// CHECK-LABEL: func.func @preferred_element_type(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xbf16>
func.func @preferred_element_type(%x: tensor<1x8x3xbf16>, %k: tensor<3x3x4xbf16>, %b: tensor<4xbf16>, %xh: tensor<1x8x3xf16>, %kh: tensor<3x3x4xf16>, %bh: tensor<4xf16>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xbf16>) {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, preferred_element_type = f32} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<4xbf16>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, preferred_element_type = f32, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %xh, %kh bias %bh {features = 4, kernel_size = 3, preferred_element_type = bf16} : (tensor<1x8x3xf16>, tensor<3x3x4xf16>, tensor<4xf16>) -> tensor<1x8x4xf32>
  %3 = convt.conv_transpose %xh, %kh {features = 4, kernel_size = 3, preferred_element_type = bf16, use_bias = false} : (tensor<1x8x3xf16>, tensor<3x3x4xf16>) -> tensor<1x8x4xbf16>
  return %0, %1, %2, %3 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xbf16>
}

// -----

// dtype overrides promotion: f32 operands with dtype = f16 give f16, integer
// operands with dtype = bf16 give bf16; preferred_element_type still applies.
// CHECK-LABEL: func.func @dtype_override(
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf16>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xbf16>
// CHECK: convt.conv_transpose {{.*}} -> tensor<1x8x4xf32>
func.func @dtype_override(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>, %xi: tensor<1x8x3xi32>, %ki: tensor<3x3x4xi32>) -> (tensor<1x8x4xf16>, tensor<1x8x4xbf16>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, dtype = f16} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf16>
  %1 = convt.conv_transpose %xi, %ki {features = 4, kernel_size = 3, dtype = bf16, use_bias = false} : (tensor<1x8x3xi32>, tensor<3x3x4xi32>) -> tensor<1x8x4xbf16>
  %2 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, dtype = f16, preferred_element_type = f32} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2 : tensor<1x8x4xf16>, tensor<1x8x4xbf16>, tensor<1x8x4xf32>
}

// -----

// Reified sizes: batch dims are the input's; VALID with k = 3, s = 2 gives
// max((H - 1) * 2 + 1, 0) + 2 + 2 - 3 + 1 and with k = 2, s = 3
// max((H - 1) * 3 + 1, 0) + 1 + 2 - 2 + 1, both clamped at 0; SAME with
// k = 3, s = 2 gives max((H - 1) * 2 + 1, 0) + 2 + 1 - 3 + 1; features is
// constant. The convolutions are dead afterwards.
// REIFY-LABEL: func.func @reify_same_valid(
// REIFY-SAME: %[[X:.*]]: tensor<?x?x?x3xf32>,
// REIFY-NOT: convt.conv_transpose
// REIFY-DAG: %[[C0:.*]] = arith.constant 0 : index
// REIFY-DAG: %[[C1:.*]] = arith.constant 1 : index
// REIFY-DAG: %[[C2:.*]] = arith.constant 2 : index
// REIFY-DAG: %[[C3:.*]] = arith.constant 3 : index
// REIFY-DAG: %[[C4:.*]] = arith.constant 4 : index
// REIFY-DAG: %[[CM1:.*]] = arith.constant -1 : index
// REIFY-DAG: %[[CM2:.*]] = arith.constant -2 : index
// REIFY: %[[N:.*]] = tensor.dim %[[X]], %[[C0]]
// REIFY: %[[H:.*]] = tensor.dim %[[X]], %[[C1]]
// REIFY: %[[H1:.*]] = arith.muli %[[H]], %[[C2]]
// REIFY: %[[H2:.*]] = arith.addi %[[H1]], %[[CM1]]
// REIFY: %[[H3:.*]] = arith.maxsi %[[H2]], %[[C0]]
// REIFY: %[[H4:.*]] = arith.addi %[[H3]], %[[C2]]
// REIFY: %[[OH:.*]] = arith.maxsi %[[H4]], %[[C0]]
// REIFY: %[[W:.*]] = tensor.dim %[[X]], %[[C2]]
// REIFY: %[[W1:.*]] = arith.muli %[[W]], %[[C3]]
// REIFY: %[[W2:.*]] = arith.addi %[[W1]], %[[CM2]]
// REIFY: %[[W3:.*]] = arith.maxsi %[[W2]], %[[C0]]
// REIFY: %[[W4:.*]] = arith.addi %[[W3]], %[[C2]]
// REIFY: %[[OW:.*]] = arith.maxsi %[[W4]], %[[C0]]
// REIFY: %[[S:.*]] = tensor.dim %[[X]], %[[C1]]
// REIFY: %[[S1:.*]] = arith.muli %[[S]], %[[C2]]
// REIFY: %[[S2:.*]] = arith.addi %[[S1]], %[[CM1]]
// REIFY: %[[S3:.*]] = arith.maxsi %[[S2]], %[[C0]]
// REIFY: %[[S4:.*]] = arith.addi %[[S3]], %[[C1]]
// REIFY: %[[OS:.*]] = arith.maxsi %[[S4]], %[[C0]]
// REIFY: return %[[N]], %[[OH]], %[[OW]], %[[C4]], %[[OS]] : index, index, index, index, index
func.func @reify_same_valid(%x: tensor<?x?x?x3xf32>, %k: tensor<3x2x3x4xf32>) -> (index, index, index, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, strides = array<i64: 2, 3>, padding = "VALID", use_bias = false} : (tensor<?x?x?x3xf32>, tensor<3x2x3x4xf32>) -> tensor<?x?x?x4xf32>
  %d0 = tensor.dim %y, %c0 : tensor<?x?x?x4xf32>
  %d1 = tensor.dim %y, %c1 : tensor<?x?x?x4xf32>
  %d2 = tensor.dim %y, %c2 : tensor<?x?x?x4xf32>
  %d3 = tensor.dim %y, %c3 : tensor<?x?x?x4xf32>
  %z = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, strides = array<i64: 2, 3>, use_bias = false} : (tensor<?x?x?x3xf32>, tensor<3x2x3x4xf32>) -> tensor<?x?x?x4xf32>
  %e1 = tensor.dim %z, %c1 : tensor<?x?x?x4xf32>
  return %d0, %d1, %d2, %d3, %e1 : index, index, index, index, index
}

// -----

// CIRCULAR: H * s.
// REIFY-LABEL: func.func @reify_circular(
// REIFY-SAME: %[[X:.*]]: tensor<2x?x3xf32>,
// REIFY-DAG: %[[C1:.*]] = arith.constant 1 : index
// REIFY-DAG: %[[C2:.*]] = arith.constant 2 : index
// REIFY: %[[H:.*]] = tensor.dim %[[X]], %[[C1]]
// REIFY: %[[O:.*]] = arith.muli %[[H]], %[[C2]]
// REIFY: return %[[O]] : index
func.func @reify_circular(%x: tensor<2x?x3xf32>, %k: tensor<3x3x4xf32>) -> index {
  %c1 = arith.constant 1 : index
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false} : (tensor<2x?x3xf32>, tensor<3x3x4xf32>) -> tensor<2x?x4xf32>
  %d = tensor.dim %y, %c1 : tensor<2x?x4xf32>
  return %d : index
}

// -----

// Explicit negative pads (E3: s = 2, d = 2, k = 3, [(-1, 2)]):
// lo + hi - E + 1 = -3.
// REIFY-LABEL: func.func @reify_negative_padding(
// REIFY-SAME: %[[X:.*]]: tensor<1x?x1xf32>,
// REIFY-DAG: %[[C0:.*]] = arith.constant 0 : index
// REIFY-DAG: %[[C1:.*]] = arith.constant 1 : index
// REIFY-DAG: %[[C2:.*]] = arith.constant 2 : index
// REIFY-DAG: %[[CM1:.*]] = arith.constant -1 : index
// REIFY-DAG: %[[CM3:.*]] = arith.constant -3 : index
// REIFY: %[[H:.*]] = tensor.dim %[[X]], %[[C1]]
// REIFY: %[[H1:.*]] = arith.muli %[[H]], %[[C2]]
// REIFY: %[[H2:.*]] = arith.addi %[[H1]], %[[CM1]]
// REIFY: %[[H3:.*]] = arith.maxsi %[[H2]], %[[C0]]
// REIFY: %[[H4:.*]] = arith.addi %[[H3]], %[[CM3]]
// REIFY: %[[O:.*]] = arith.maxsi %[[H4]], %[[C0]]
// REIFY: return %[[O]] : index
func.func @reify_negative_padding(%x: tensor<1x?x1xf32>, %k: tensor<3x1x1xf32>) -> index {
  %c1 = arith.constant 1 : index
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 3, strides = 2, kernel_dilation = 2, padding = [[-1, 2]], use_bias = false} : (tensor<1x?x1xf32>, tensor<3x1x1xf32>) -> tensor<1x?x1xf32>
  %d = tensor.dim %y, %c1 : tensor<1x?x1xf32>
  return %d : index
}

// -----

// A size that is static in the input folds to a constant even where the
// written result type has `?`.
// REIFY-LABEL: func.func @reify_static(
// REIFY: %[[C16:.*]] = arith.constant 16 : index
// REIFY-NEXT: return %[[C16]] : index
func.func @reify_static(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> index {
  %c1 = arith.constant 1 : index
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x?x4xf32>
  %d = tensor.dim %y, %c1 : tensor<1x?x4xf32>
  return %d : index
}
