// Every accepted attribute form of convt.conv_transpose survives printing and
// parsing, in the custom and in the generic form. Forms are kept as written,
// except that initializer parameters equal to JAX's defaults are not printed
// and a one-element axis list prints as an integer.
// RUN: convt-opt %s -split-input-file | convt-opt -split-input-file | FileCheck %s
// RUN: convt-opt %s -split-input-file --mlir-print-op-generic | convt-opt -split-input-file | FileCheck %s

// kernel_size: integer (1-D) and arrays of 0..3 dims.
// CHECK-LABEL: func.func @kernel_size_int(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {features = 4 : i64, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
func.func @kernel_size_int(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) -> tensor<1x8x4xf32> {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return %0 : tensor<1x8x4xf32>
}

// -----

// CHECK-LABEL: func.func @kernel_size_0d(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64>, use_bias = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = [], kernel_size = array<i64>, padding = [], strides = array<i64>, use_bias = false} : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
func.func @kernel_size_0d(%x: tensor<2x3xf32>, %k: tensor<3x4xf32>, %xu: tensor<3xf32>) -> (tensor<2x4xf32>, tensor<4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64>, use_bias = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = convt.conv_transpose %xu, %k {features = 4, kernel_size = array<i64>, strides = array<i64>, kernel_dilation = [], padding = [], use_bias = false} : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<2x4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @kernel_size_1d(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
func.func @kernel_size_1d(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> tensor<1x8x4xf32> {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return %0 : tensor<1x8x4xf32>
}

// -----

// CHECK-LABEL: func.func @kernel_size_2d(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x5x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x5x6x4xf32>
func.func @kernel_size_2d(%x: tensor<1x5x6x3xf32>, %k: tensor<3x2x3x4xf32>) -> tensor<1x5x6x4xf32> {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x5x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x5x6x4xf32>
  return %0 : tensor<1x5x6x4xf32>
}

// -----

// CHECK-LABEL: func.func @kernel_size_3d(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 1, 2, 3>, use_bias = false} : (tensor<1x2x3x4x3xf32>, tensor<1x2x3x3x4xf32>) -> tensor<1x2x3x4x4xf32>
func.func @kernel_size_3d(%x: tensor<1x2x3x4x3xf32>, %k: tensor<1x2x3x3x4xf32>) -> tensor<1x2x3x4x4xf32> {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 1, 2, 3>, use_bias = false} : (tensor<1x2x3x4x3xf32>, tensor<1x2x3x3x4xf32>) -> tensor<1x2x3x4x4xf32>
  return %0 : tensor<1x2x3x4x4xf32>
}

// -----

// kernel_size given as a list, and an empty kernel.
// CHECK-LABEL: func.func @kernel_size_list(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = [3, 2], use_bias = false} : (tensor<1x5x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x5x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 0 : i64, padding = "VALID", use_bias = false} : (tensor<1x5x3xf32>, tensor<0x3x4xf32>) -> tensor<1x5x4xf32>
func.func @kernel_size_list(%x: tensor<1x5x6x3xf32>, %k: tensor<3x2x3x4xf32>, %k0: tensor<0x3x4xf32>, %x1: tensor<1x5x3xf32>) -> (tensor<1x5x6x4xf32>, tensor<1x5x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = [3, 2], use_bias = false} : (tensor<1x5x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x5x6x4xf32>
  %1 = convt.conv_transpose %x1, %k0 {features = 4, kernel_size = 0, padding = "VALID", use_bias = false} : (tensor<1x5x3xf32>, tensor<0x3x4xf32>) -> tensor<1x5x4xf32>
  return %0, %1 : tensor<1x5x6x4xf32>, tensor<1x5x4xf32>
}

// -----

// strides and kernel_dilation: absent, integer, array<i64> and list forms.
// CHECK-LABEL: func.func @strides_forms(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 2, 3>, strides = 2 : i64, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x8x10x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 2, 3>, strides = array<i64: 1, 2>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x10x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 2, 3>, strides = [1, 2], use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x10x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = 1 : i64, kernel_size = array<i64: 2, 3>, strides = true, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
func.func @strides_forms(%x: tensor<1x4x5x3xf32>, %k: tensor<2x3x3x4xf32>) -> (tensor<1x8x10x4xf32>, tensor<1x4x10x4xf32>, tensor<1x4x10x4xf32>, tensor<1x4x5x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, strides = 2, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x8x10x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, strides = array<i64: 1, 2>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x10x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, strides = [1, 2], use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x10x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, strides = true, kernel_dilation = 1, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
  return %0, %1, %2, %3 : tensor<1x8x10x4xf32>, tensor<1x4x10x4xf32>, tensor<1x4x10x4xf32>, tensor<1x4x5x4xf32>
}

// -----

// CHECK-LABEL: func.func @dilation_forms(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = 2 : i64, kernel_size = array<i64: 2, 3>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 2>, kernel_size = array<i64: 2, 3>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = [1, 2], kernel_size = array<i64: 2, 3>, strides = [1, 1], use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
func.func @dilation_forms(%x: tensor<1x4x5x3xf32>, %k: tensor<2x3x3x4xf32>) -> (tensor<1x4x5x4xf32>, tensor<1x4x5x4xf32>, tensor<1x4x5x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, kernel_dilation = 2, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, kernel_dilation = array<i64: 1, 2>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, kernel_dilation = [1, 2], strides = [1, 1], use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
  return %0, %1, %2 : tensor<1x4x5x4xf32>, tensor<1x4x5x4xf32>, tensor<1x4x5x4xf32>
}

// -----

// padding: absent (SAME), the three layer strings, and CIRCULAR with strides.
// CHECK-LABEL: func.func @padding_strings(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, strides = 2 : i64, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, padding = "SAME", strides = 2 : i64, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, padding = "VALID", strides = 2 : i64, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x17x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, padding = "CIRCULAR", strides = 2 : i64, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
func.func @padding_strings(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> (tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x17x4xf32>, tensor<1x16x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "VALID", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x17x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  return %0, %1, %2, %3 : tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x17x4xf32>, tensor<1x16x4xf32>
}

// -----

// Forward-convolution strings, any case, with strides 1 (spec §4.4).
// CHECK-LABEL: func.func @padding_lowercase(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 4 : i64, padding = "same", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 4 : i64, padding = "same_lower", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 4 : i64, padding = "valid", strides = 1 : i64, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x5x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 4 : i64, padding = "SaMe", strides = [1], use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 4 : i64, padding = "Same_Lower", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
func.func @padding_lowercase(%x: tensor<1x8x3xf32>, %k: tensor<4x3x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x5x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "same", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "same_lower", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "valid", strides = 1, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x5x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "SaMe", strides = [1], use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "Same_Lower", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x5x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// Integer padding p means [p, p] on every dim; negative values crop.
// CHECK-LABEL: func.func @padding_int(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = 1 : i64, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = -1 : i64, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x4x2x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = 0 : i64, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x4x4xf32>
func.func @padding_int(%x: tensor<1x8x6x3xf32>, %k: tensor<3x3x3x4xf32>) -> (tensor<1x8x6x4xf32>, tensor<1x4x2x4xf32>, tensor<1x6x4x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = 1, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x6x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = -1, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x4x2x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = 0, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x4x4xf32>
  return %0, %1, %2 : tensor<1x8x6x4xf32>, tensor<1x4x2x4xf32>, tensor<1x6x4x4xf32>
}

// -----

// Per-dim padding: integers, [lo, hi] pairs (also as array<i64>), mixed.
// CHECK-LABEL: func.func @padding_per_dim(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = [1, [0, 1]], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x5x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}2, 1], [-2, 1]], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x9x3x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = [array<i64: 1, 1>, 2], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 3>, padding = array<i64: 0, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x8x4xf32>
func.func @padding_per_dim(%x: tensor<1x8x6x3xf32>, %k: tensor<3x3x3x4xf32>) -> (tensor<1x8x5x4xf32>, tensor<1x9x3x4xf32>, tensor<1x8x8x4xf32>, tensor<1x6x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = [1, [0, 1]], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x5x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = [[2, 1], [-2, 1]], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x9x3x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = [array<i64: 1, 1>, 2], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = array<i64: 0, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x8x4xf32>
  return %0, %1, %2, %3 : tensor<1x8x5x4xf32>, tensor<1x9x3x4xf32>, tensor<1x8x8x4xf32>, tensor<1x6x8x4xf32>
}

// -----

// bias and mask: each present or absent; use_bias and transpose_kernel.
// CHECK-LABEL: func.func @bias_mask(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = true} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} mask %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} mask %{{.*}} {features = 4 : i64, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} mask %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, transpose_kernel = true} : (tensor<1x8x3xf32>, tensor<3x4x3xf32>, tensor<4xf32>, tensor<3x4x3xi1>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, transpose_kernel = false, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
func.func @bias_mask(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>, %m: tensor<3x3x4xf32>, %kt: tensor<3x4x3xf32>, %mt: tensor<3x4x3xi1>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, use_bias = true} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k mask %m {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k bias %b mask %m {features = 4, kernel_size = 3} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %3 = convt.conv_transpose %x, %kt bias %b mask %mt {features = 4, kernel_size = 3, transpose_kernel = true} : (tensor<1x8x3xf32>, tensor<3x4x3xf32>, tensor<4xf32>, tensor<3x4x3xi1>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, transpose_kernel = false, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// dtype, param_dtype and preferred_element_type.
// CHECK-LABEL: func.func @dtypes(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {dtype = f16, features = 4 : i64, kernel_size = 3 : i64, param_dtype = bf16, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf16>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, param_dtype = f32, preferred_element_type = f32} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<4xbf16>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {dtype = f32, features = 4 : i64, kernel_size = 3 : i64, param_dtype = f64, preferred_element_type = f64, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf64>
func.func @dtypes(%x: tensor<1x8x3xbf16>, %k: tensor<3x3x4xbf16>, %b: tensor<4xbf16>) -> (tensor<1x8x4xf16>, tensor<1x8x4xf32>, tensor<1x8x4xf64>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = f16, param_dtype = bf16, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf16>
  %1 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, preferred_element_type = f32, param_dtype = f32} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<4xbf16>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = f32, preferred_element_type = f64, param_dtype = f64, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf64>
  return %0, %1, %2 : tensor<1x8x4xf16>, tensor<1x8x4xf32>, tensor<1x8x4xf64>
}

// -----

// precision: every lower-case name, DotAlgorithmPreset names, pairs.
// CHECK-LABEL: func.func @precision(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "default", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "fastest", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "bfloat16", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "high", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "bfloat16_3x", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "tensorfloat32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "highest", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "float32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
func.func @precision(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "default", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "fastest", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "bfloat16", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "high", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "bfloat16_3x", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %5 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "tensorfloat32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %6 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "highest", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %7 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "float32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// CHECK-LABEL: func.func @precision_preset_and_pair(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "DEFAULT", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "F32_F32_F32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "TF32_TF32_F32_X3", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = "ANY_F8_ANY_F8_F32_FAST_ACCUM", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = ["highest", "default"], use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, precision = ["bfloat16_3x", "float32"], use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
func.func @precision_preset_and_pair(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "DEFAULT", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "F32_F32_F32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "TF32_TF32_F32_X3", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "ANY_F8_ANY_F8_F32_FAST_ACCUM", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["highest", "default"], use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %5 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["bfloat16_3x", "float32"], use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// Simple initializers; parameters equal to JAX's defaults are not printed.
// CHECK-LABEL: func.func @init_simple(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.ones, features = 4 : i64, kernel_init = #convt.zeros, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.constant<-2.000000e+00>, features = 4 : i64, kernel_init = #convt.constant<1.500000e+00>, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.normal<stddev = 5.000000e-01>, features = 4 : i64, kernel_init = #convt.normal, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.uniform<scale = 2.000000e+00>, features = 4 : i64, kernel_init = #convt.uniform, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
func.func @init_simple(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.zeros, bias_init = #convt.ones} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.constant<1.5>, bias_init = #convt.constant<-2.0>} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.normal, bias_init = #convt.normal<stddev = 0.5>} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %3 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.uniform, bias_init = #convt.uniform<scale = 2.0>} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// CHECK-LABEL: func.func @init_truncated_normal(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.truncated_normal<stddev = 1.000000e+00>, features = 4 : i64, kernel_init = #convt.truncated_normal, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.truncated_normal<upper = 1.000000e+00>, features = 4 : i64, kernel_init = #convt.truncated_normal<stddev = 2.500000e-01, lower = -1.000000e+00, upper = 3.000000e+00>, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {bias_init = #convt.zeros, features = 4 : i64, kernel_init = #convt.truncated_normal, kernel_size = 3 : i64} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
func.func @init_truncated_normal(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.truncated_normal, bias_init = #convt.truncated_normal<stddev = 1.0>} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.truncated_normal<stddev = 0.25, lower = -1.0, upper = 3.0>, bias_init = #convt.truncated_normal<upper = 1.0>} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, kernel_init = #convt.truncated_normal<stddev = 1.0e-2, lower = -2.0, upper = 2.0>, bias_init = #convt.zeros} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// variance_scaling with every mode, distribution and axis form.
// CHECK-LABEL: func.func @init_variance_scaling(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.variance_scaling<scale = 1.000000e+00, mode = "fan_in", distribution = "truncated_normal">, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.variance_scaling<scale = 2.000000e+00, mode = "fan_out", distribution = "normal">, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.variance_scaling<scale = 5.000000e-01, mode = "fan_avg", distribution = "uniform", in_axis = [0, 1], out_axis = 3, batch_axis = 2>, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.variance_scaling<scale = 3.000000e+00, mode = "fan_geo_avg", distribution = "uniform", in_axis = [], out_axis = [-1, -2], batch_axis = [0, 1]>, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
func.func @init_variance_scaling(%x: tensor<1x8x6x3xf32>, %k: tensor<3x2x3x4xf32>) -> (tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.variance_scaling<scale = 1.0, mode = "fan_in", distribution = "truncated_normal">, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.variance_scaling<scale = 2.0, mode = "fan_out", distribution = "normal", in_axis = -2, out_axis = -1, batch_axis = []>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.variance_scaling<scale = 0.5, mode = "fan_avg", distribution = "uniform", in_axis = [0, 1], out_axis = [3], batch_axis = 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.variance_scaling<scale = 3.0, mode = "fan_geo_avg", distribution = "uniform", in_axis = [], out_axis = [-1, -2], batch_axis = [0, 1]>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  return %0, %1, %2, %3 : tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>
}

// -----

// As in JAX's _compute_fans, an axis may be named twice or in two roles; a
// bias_init that cannot initialize a bias is fine without one (use_bias =
// false: Flax never calls it).
// CHECK-LABEL: func.func @init_axes_repeated(
// CHECK: kernel_init = #convt.lecun_uniform<in_axis = [0, 0]>
// CHECK: kernel_init = #convt.he_uniform<in_axis = 2>
// CHECK: bias_init = #convt.lecun_normal
func.func @init_axes_repeated(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.lecun_uniform<in_axis = [0, 0]>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.he_uniform<in_axis = 2>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, bias_init = #convt.lecun_normal, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// The lecun/glorot/he families, with default and explicit axes.
// CHECK-LABEL: func.func @init_families(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.lecun_normal, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.lecun_uniform<in_axis = 2, out_axis = 3>, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.glorot_normal<batch_axis = 0>, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.glorot_uniform, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.he_normal, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_init = #convt.he_uniform<in_axis = [0, 2], batch_axis = 1>, kernel_size = array<i64: 3, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
func.func @init_families(%x: tensor<1x8x6x3xf32>, %k: tensor<3x2x3x4xf32>) -> (tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.lecun_normal, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.lecun_uniform<in_axis = 2, out_axis = 3>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.glorot_normal<batch_axis = 0>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.glorot_uniform, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.he_normal<in_axis = [-2], out_axis = [-1]>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  %5 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, kernel_init = #convt.he_uniform<in_axis = [0, 2], out_axis = -1, batch_axis = [1]>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x2x3x4xf32>) -> tensor<1x8x6x4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>, tensor<1x8x6x4xf32>
}

// -----

// 0, 1 and 2 batch dims.
// CHECK-LABEL: func.func @batch_dims(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<8x3xf32>, tensor<3x3x4xf32>) -> tensor<8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<2x8x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<2x5x8x3xf32>, tensor<3x3x4xf32>) -> tensor<2x5x8x4xf32>
func.func @batch_dims(%x0: tensor<8x3xf32>, %x1: tensor<2x8x3xf32>, %x2: tensor<2x5x8x3xf32>, %k: tensor<3x3x4xf32>) -> (tensor<8x4xf32>, tensor<2x8x4xf32>, tensor<2x5x8x4xf32>) {
  %0 = convt.conv_transpose %x0, %k {features = 4, kernel_size = 3, use_bias = false} : (tensor<8x3xf32>, tensor<3x3x4xf32>) -> tensor<8x4xf32>
  %1 = convt.conv_transpose %x1, %k {features = 4, kernel_size = 3, use_bias = false} : (tensor<2x8x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  %2 = convt.conv_transpose %x2, %k {features = 4, kernel_size = 3, use_bias = false} : (tensor<2x5x8x3xf32>, tensor<3x3x4xf32>) -> tensor<2x5x8x4xf32>
  return %0, %1, %2 : tensor<8x4xf32>, tensor<2x8x4xf32>, tensor<2x5x8x4xf32>
}

// -----

// Element types f16, bf16, f32, f64, i32 and i1.
// CHECK-LABEL: func.func @element_types(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} {features = 4 : i64, kernel_size = 3 : i64} : (tensor<1x8x3xf16>, tensor<3x3x4xf16>, tensor<4xf16>) -> tensor<1x8x4xf16>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} mask %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<3x3x4xi1>) -> tensor<1x8x4xbf16>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<1x8x3xf64>, tensor<3x3x4xf64>) -> tensor<1x8x4xf64>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<1x8x3xi32>, tensor<3x3x4xi32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = 3 : i64, use_bias = false} : (tensor<1x8x3xi1>, tensor<3x3x4xf16>) -> tensor<1x8x4xf16>
func.func @element_types(%h: tensor<1x8x3xf16>, %kh: tensor<3x3x4xf16>, %bh: tensor<4xf16>, %g: tensor<1x8x3xbf16>, %kg: tensor<3x3x4xbf16>, %d: tensor<1x8x3xf64>, %kd: tensor<3x3x4xf64>, %i: tensor<1x8x3xi32>, %ki: tensor<3x3x4xi32>, %p: tensor<1x8x3xi1>, %mp: tensor<3x3x4xi1>) -> (tensor<1x8x4xf16>, tensor<1x8x4xbf16>, tensor<1x8x4xf64>, tensor<1x8x4xf32>, tensor<1x8x4xf16>) {
  %0 = convt.conv_transpose %h, %kh bias %bh {features = 4, kernel_size = 3} : (tensor<1x8x3xf16>, tensor<3x3x4xf16>, tensor<4xf16>) -> tensor<1x8x4xf16>
  %1 = convt.conv_transpose %g, %kg mask %mp {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>, tensor<3x3x4xi1>) -> tensor<1x8x4xbf16>
  %2 = convt.conv_transpose %d, %kd {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xf64>, tensor<3x3x4xf64>) -> tensor<1x8x4xf64>
  %3 = convt.conv_transpose %i, %ki {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xi32>, tensor<3x3x4xi32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %p, %kh {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xi1>, tensor<3x3x4xf16>) -> tensor<1x8x4xf16>
  return %0, %1, %2, %3, %4 : tensor<1x8x4xf16>, tensor<1x8x4xbf16>, tensor<1x8x4xf64>, tensor<1x8x4xf32>, tensor<1x8x4xf16>
}

// -----

// Dynamic sizes in batch, spatial and feature dims.
// CHECK-LABEL: func.func @dynamic(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} mask %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 2>, strides = 2 : i64} : (tensor<?x?x8x?xf32>, tensor<3x2x?x4xf32>, tensor<?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x16x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_size = array<i64: 3, 2>, padding = "CIRCULAR", use_bias = false} : (tensor<?x?x8x?xf32>, tensor<3x2x?x4xf32>) -> tensor<?x?x?x4xf32>
func.func @dynamic(%x: tensor<?x?x8x?xf32>, %k: tensor<3x2x?x4xf32>, %b: tensor<?xf32>, %m: tensor<?x?x?x?xf32>) -> (tensor<?x?x16x4xf32>, tensor<?x?x?x4xf32>) {
  %0 = convt.conv_transpose %x, %k bias %b mask %m {features = 4, kernel_size = array<i64: 3, 2>, strides = 2} : (tensor<?x?x8x?xf32>, tensor<3x2x?x4xf32>, tensor<?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x16x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 2>, padding = "CIRCULAR", use_bias = false} : (tensor<?x?x8x?xf32>, tensor<3x2x?x4xf32>) -> tensor<?x?x?x4xf32>
  return %0, %1 : tensor<?x?x16x4xf32>, tensor<?x?x?x4xf32>
}
