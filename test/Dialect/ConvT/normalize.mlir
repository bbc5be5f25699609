// convt-normalize, and the op's canonicalization pattern, rewrite every
// attribute form into the one explicit form: full-length array<i64> for
// kernel_size, strides and kernel_dilation; [lo, hi] pairs (spec §4.2, §4.4)
// for every padding but "CIRCULAR"; precision as a pair of canonical names.
// RUN: convt-opt %s -split-input-file --convt-normalize | FileCheck %s
// RUN: convt-opt %s -split-input-file --canonicalize | FileCheck %s

// Absent padding is SAME. SAME (spec §4.2), E = d(k-1)+1, L = E + s - 2:
// k = 3, s = 2 (s < E): (ceil(L/2), floor(L/2)) = (2, 1);
// k = 2, s = 2 (s >= E): (E - 1, s - 1) = (1, 1);
// k = 3, d = 2, s = 1 (E = 5): (2, 2); k = 4, s = 1: (2, 1), the extra
// element on the low side.
// CHECK-LABEL: func.func @same(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}2, 1]], strides = array<i64: 2>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}2, 1]], strides = array<i64: 2>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 2>, padding = {{\[\[}}1, 1]], strides = array<i64: 2>, use_bias = false} : (tensor<1x8x3xf32>, tensor<2x3x4xf32>) -> tensor<1x16x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 2>, kernel_size = array<i64: 3>, padding = {{\[\[}}2, 2]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 4>, padding = {{\[\[}}2, 1]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
func.func @same(%x: tensor<1x8x3xf32>, %k3: tensor<3x3x4xf32>, %k2: tensor<2x3x4xf32>, %k4: tensor<4x3x4xf32>) -> (tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k3 {features = 4, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  %1 = convt.conv_transpose %x, %k3 {features = 4, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  %2 = convt.conv_transpose %x, %k2 {features = 4, kernel_size = 2, strides = 2, padding = "SAME", use_bias = false} : (tensor<1x8x3xf32>, tensor<2x3x4xf32>) -> tensor<1x16x4xf32>
  %3 = convt.conv_transpose %x, %k3 {features = 4, kernel_size = 3, kernel_dilation = 2, padding = "SAME", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k4 {features = 4, kernel_size = 4, padding = "SAME", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x16x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// VALID: (E - 1, s - 1 + max(E - s, 0)): k = 3, s = 2: (2, 2); k = 2, s = 3:
// (1, 2); k = 3, d = 2, s = 1 (E = 5): (4, 4).
// CHECK-LABEL: func.func @valid(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}2, 2]], strides = array<i64: 2>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x17x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 2>, padding = {{\[\[}}1, 2]], strides = array<i64: 3>, use_bias = false} : (tensor<1x8x3xf32>, tensor<2x3x4xf32>) -> tensor<1x24x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 2>, kernel_size = array<i64: 3>, padding = {{\[\[}}4, 4]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x12x4xf32>
func.func @valid(%x: tensor<1x8x3xf32>, %k3: tensor<3x3x4xf32>, %k2: tensor<2x3x4xf32>) -> (tensor<1x17x4xf32>, tensor<1x24x4xf32>, tensor<1x12x4xf32>) {
  %0 = convt.conv_transpose %x, %k3 {features = 4, kernel_size = 3, strides = 2, padding = "VALID", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x17x4xf32>
  %1 = convt.conv_transpose %x, %k2 {features = 4, kernel_size = 2, strides = 3, padding = "VALID", use_bias = false} : (tensor<1x8x3xf32>, tensor<2x3x4xf32>) -> tensor<1x24x4xf32>
  %2 = convt.conv_transpose %x, %k3 {features = 4, kernel_size = 3, kernel_dilation = 2, padding = "VALID", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x12x4xf32>
  return %0, %1, %2 : tensor<1x17x4xf32>, tensor<1x24x4xf32>, tensor<1x12x4xf32>
}

// -----

// Per-dim SAME/VALID on a 2-D conv with a zero-size kernel dim (E = 0).
// CHECK-LABEL: func.func @valid_2d_empty_kernel(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 0>, padding = {{\[\[}}2, 2], [-1, 1]], strides = array<i64: 2, 2>, use_bias = false} : (tensor<1x8x5x3xf32>, tensor<3x0x3x4xf32>) -> tensor<1x17x10x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 0>, padding = {{\[\[}}2, 1], [-1, 1]], strides = array<i64: 2, 2>, use_bias = false} : (tensor<1x8x5x3xf32>, tensor<3x0x3x4xf32>) -> tensor<1x16x10x4xf32>
func.func @valid_2d_empty_kernel(%x: tensor<1x8x5x3xf32>, %k: tensor<3x0x3x4xf32>) -> (tensor<1x17x10x4xf32>, tensor<1x16x10x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 0>, strides = 2, padding = "VALID", use_bias = false} : (tensor<1x8x5x3xf32>, tensor<3x0x3x4xf32>) -> tensor<1x17x10x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 0>, strides = 2, padding = "SAME", use_bias = false} : (tensor<1x8x5x3xf32>, tensor<3x0x3x4xf32>) -> tensor<1x16x10x4xf32>
  return %0, %1 : tensor<1x17x10x4xf32>, tensor<1x16x10x4xf32>
}

// -----

// Forward-conv strings (stride 1, spec §4.4), E = 4: "same" (1, 2),
// "same_lower" (2, 1), "valid" (0, 0); any case.
// CHECK-LABEL: func.func @forward_strings(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 4>, padding = {{\[\[}}1, 2]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 4>, padding = {{\[\[}}2, 1]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 4>, padding = {{\[\[}}0, 0]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x5x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 4>, padding = {{\[\[}}1, 2]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 4>, padding = {{\[\[}}0, 0]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x5x4xf32>
func.func @forward_strings(%x: tensor<1x8x3xf32>, %k: tensor<4x3x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x5x4xf32>, tensor<1x8x4xf32>, tensor<1x5x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "same", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "same_lower", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "valid", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x5x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "SaMe", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = 4, padding = "VaLiD", use_bias = false} : (tensor<1x8x3xf32>, tensor<4x3x4xf32>) -> tensor<1x5x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x5x4xf32>, tensor<1x8x4xf32>, tensor<1x5x4xf32>
}

// -----

// Integer and per-dim forms become [lo, hi] pairs.
// CHECK-LABEL: func.func @explicit_forms(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}1, 1], [1, 1]], strides = array<i64: 1, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}-1, -1], [-1, -1]], strides = array<i64: 1, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x4x2x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}0, 0], [2, 2]], strides = array<i64: 1, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}1, 1], [0, 3]], strides = array<i64: 1, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x7x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}2, -1], [1, 0]], strides = array<i64: 1, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x7x5x4xf32>
func.func @explicit_forms(%x: tensor<1x8x6x3xf32>, %k: tensor<3x3x3x4xf32>) -> (tensor<1x8x6x4xf32>, tensor<1x4x2x4xf32>, tensor<1x6x8x4xf32>, tensor<1x8x7x4xf32>, tensor<1x7x5x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = 1, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x6x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = -1, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x4x2x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = array<i64: 0, 2>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x6x8x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = [1, [0, 3]], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x7x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = [array<i64: 2, -1>, [true, 0]], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x7x5x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x8x6x4xf32>, tensor<1x4x2x4xf32>, tensor<1x6x8x4xf32>, tensor<1x8x7x4xf32>, tensor<1x7x5x4xf32>
}

// -----

// CIRCULAR depends on the input size and stays a string; the other
// attributes are still made explicit.
// CHECK-LABEL: func.func @circular(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = "CIRCULAR", strides = array<i64: 2, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32>
func.func @circular(%x: tensor<1x8x6x3xf32>, %k: tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32> {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = [3, 3], strides = [2, 1], padding = "CIRCULAR", use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32>
  return %0 : tensor<1x16x6x4xf32>
}

// -----

// kernel_size, strides and kernel_dilation become full arrays.
// CHECK-LABEL: func.func @factors(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 2, 3>, padding = {{\[\[}}1, 1], [2, 1]], strides = array<i64: 2, 2>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x8x10x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 2, 3>, padding = {{\[\[}}1, 0], [2, 1]], strides = array<i64: 1, 2>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x10x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 2, 1>, kernel_size = array<i64: 2, 3>, padding = {{\[\[}}1, 1], [1, 1]], strides = array<i64: 1, 1>, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], strides = array<i64: 1>, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x4xf32>) -> tensor<1x4x4xf32>
func.func @factors(%x: tensor<1x4x5x3xf32>, %k: tensor<2x3x3x4xf32>, %k1: tensor<3x3x4xf32>, %x1: tensor<1x4x3xf32>) -> (tensor<1x8x10x4xf32>, tensor<1x4x10x4xf32>, tensor<1x4x5x4xf32>, tensor<1x4x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, strides = 2, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x8x10x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, strides = [1, 2], kernel_dilation = 1, use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x10x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2, 3>, kernel_dilation = [2, 1], use_bias = false} : (tensor<1x4x5x3xf32>, tensor<2x3x3x4xf32>) -> tensor<1x4x5x4xf32>
  %3 = convt.conv_transpose %x1, %k1 {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x4xf32>) -> tensor<1x4x4xf32>
  return %0, %1, %2, %3 : tensor<1x8x10x4xf32>, tensor<1x4x10x4xf32>, tensor<1x4x5x4xf32>, tensor<1x4x4xf32>
}

// -----

// A 0-D conv: empty arrays and no pads.
// CHECK-LABEL: func.func @zero_spatial_dims(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64>, kernel_size = array<i64>, padding = [], strides = array<i64>, use_bias = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
func.func @zero_spatial_dims(%x: tensor<2x3xf32>, %k: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64>, use_bias = false} : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// precision becomes a pair of "default", "high" or "highest"; a
// DotAlgorithmPreset is ("default", "default") for a convolution (spec §9).
// CHECK-LABEL: func.func @precision(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], precision = ["default", "default"], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], precision = ["high", "high"], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], precision = ["high", "high"], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], precision = ["highest", "highest"], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], precision = ["default", "default"], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], precision = ["highest", "default"], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_size = array<i64: 3>, padding = {{\[\[}}1, 1]], strides = array<i64: 1>, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
func.func @precision(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) -> (tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "fastest", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "bfloat16_3x", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %2 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "tensorfloat32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %3 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "float32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %4 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "F32_F32_F32", use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %5 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["float32", "bfloat16"], use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  %6 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false} : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>, tensor<1x8x4xf32>
}

// -----

// Other attributes and the operands are kept.
// CHECK-LABEL: func.func @keeps_other_attributes(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} bias %{{.*}} mask %{{.*}} {bias_init = #convt.constant<5.000000e-01>, dtype = f32, features = 4 : i64, kernel_dilation = array<i64: 1>, kernel_init = #convt.he_uniform, kernel_size = array<i64: 3>, padding = {{\[\[}}2, 1]], param_dtype = bf16, preferred_element_type = f32, strides = array<i64: 2>, transpose_kernel = true, use_bias = true} : (tensor<1x8x3xbf16>, tensor<3x4x3xbf16>, tensor<4xf32>, tensor<3x4x3xi1>) -> tensor<1x16x4xf32>
func.func @keeps_other_attributes(%x: tensor<1x8x3xbf16>, %k: tensor<3x4x3xbf16>, %b: tensor<4xf32>, %m: tensor<3x4x3xi1>) -> tensor<1x16x4xf32> {
  %0 = convt.conv_transpose %x, %k bias %b mask %m {features = 4, kernel_size = 3, strides = 2, transpose_kernel = true, use_bias = true, dtype = f32, param_dtype = bf16, preferred_element_type = f32, kernel_init = #convt.he_uniform, bias_init = #convt.constant<0.5>} : (tensor<1x8x3xbf16>, tensor<3x4x3xbf16>, tensor<4xf32>, tensor<3x4x3xi1>) -> tensor<1x16x4xf32>
  return %0 : tensor<1x16x4xf32>
}

// -----

// An op already in the explicit form is unchanged.
// CHECK-LABEL: func.func @already_normal(
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = {{\[\[}}2, 1], [1, 1]], precision = ["highest", "default"], strides = array<i64: 2, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32>
// CHECK: convt.conv_transpose %{{.*}}, %{{.*}} {features = 4 : i64, kernel_dilation = array<i64: 1, 1>, kernel_size = array<i64: 3, 3>, padding = "CIRCULAR", strides = array<i64: 2, 1>, use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32>
func.func @already_normal(%x: tensor<1x8x6x3xf32>, %k: tensor<3x3x3x4xf32>) -> (tensor<1x16x6x4xf32>, tensor<1x16x6x4xf32>) {
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 1>, padding = [[2, 1], [1, 1]], precision = ["highest", "default"], use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32>
  %1 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 1>, padding = "CIRCULAR", use_bias = false} : (tensor<1x8x6x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x6x4xf32>
  return %0, %1 : tensor<1x16x6x4xf32>, tensor<1x16x6x4xf32>
}
