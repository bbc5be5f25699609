// The convt dialect inlines: the inliner replaces calls of a function that
// holds a convt op by the op.
// RUN: convt-opt %s --inline | FileCheck %s

// CHECK-LABEL: func.func @caller(
// CHECK-NOT: call
// CHECK: %[[Y:.*]] = convt.conv_transpose %arg0, %arg1
// CHECK-NOT: call
// CHECK: return %[[Y]]
// CHECK-NOT: func.func private @upsample
func.func private @upsample(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}

func.func @caller(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
  %y = func.call @upsample(%x, %k) : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}
