// RUN: convt-opt %s | FileCheck %s
// CHECK: convt.conv_transpose
func.func @f(%x: tensor<1x16x16x4xf32>, %k: tensor<3x3x4x8xf32>) -> tensor<1x32x32x8xf32> {
  %y = convt.conv_transpose %x, %k {features = 8, kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = "SAME", use_bias = false}
       : (tensor<1x16x16x4xf32>, tensor<3x3x4x8xf32>) -> tensor<1x32x32x8xf32>
  return %y : tensor<1x32x32x8xf32>
}
