// A pipeline nested on the modules inside the top one lowers them; the top
// module's own function stays as it is.
// RUN: convt-opt %s --pass-pipeline='builtin.module(builtin.module(convt-cpu-pipeline))' | FileCheck %s
// RUN: convt-opt %s --pass-pipeline='builtin.module(builtin.module(convt-gpu-pipeline))' | FileCheck %s

// CHECK-LABEL: func.func @top(
// CHECK: return
// CHECK: module @inner
// CHECK-NOT: convt.conv_transpose
// CHECK: llvm.func @f(
// CHECK-NOT: convt.conv_transpose
module {
  func.func @top(%a: f32) -> f32 {
    return %a : f32
  }
  module @inner {
    func.func @f(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
      %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
      return %y : tensor<1x8x2xf32>
    }
  }
}
