// convt-check-nested-modules, the pipelines' first pass, rejects convt ops in
// modules (any symbol tables) nested in the one it runs on, which the
// pipelines would leave half lowered; those at the top level and other ops in
// nested modules pass.
// RUN: convt-opt %s -split-input-file -verify-diagnostics --convt-check-nested-modules | FileCheck %s
// The pipelines fail on them before any rewrite.
// RUN: convt-opt %s -split-input-file -verify-diagnostics --convt-cpu-pipeline -o /dev/null
// RUN: convt-opt %s -split-input-file -verify-diagnostics --convt-cpu-pipeline="strategy=dilate" -o /dev/null
// RUN: convt-opt %s -split-input-file -verify-diagnostics --convt-gpu-pipeline -o /dev/null

// A file that holds one module parses as that module: the nested one is inside
// it.
module {
  // expected-note @below {{nested module here}}
  module @inner {
    func.func @f(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
      // expected-error @below {{'convt.conv_transpose' op is in a nested module, which the convt pipelines do not lower: run the pipeline on that module, as in --pass-pipeline='builtin.module(builtin.module(convt-cpu-pipeline))'}}
      %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
      return %y : tensor<1x8x2xf32>
    }
  }
}

// -----

// Two levels down, next to a function at the top level: each op in a nested
// module gets its error, the note names its own module.
func.func @top(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}
module @outer {
  // expected-note @below {{nested module here}}
  module @inner {
    func.func @f(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
      // expected-error @below {{is in a nested module}}
      %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
      return %y : tensor<1x8x2xf32>
    }
  }
}

// -----

// A result nobody uses (which the GPU pipeline's inliner would erase in
// passing), and a function in a gpu.module, another symbol table: errors too.
module {
  // expected-note @below {{nested module here}}
  module @inner {
    func.func @unused(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) {
      // expected-error @below {{is in a nested module}}
      %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
      return
    }
  }
  // expected-note @below {{nested module here}}
  gpu.module @device {
    func.func @f(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
      // expected-error @below {{is in a nested module}}
      %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
      return %y : tensor<1x8x2xf32>
    }
  }
}

// -----

// A convt op at the top level, and a nested module without any.
// CHECK-LABEL: func.func @top(
// CHECK: convt.conv_transpose
// CHECK: module @other
func.func @top(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}
module @other {
  func.func @g(%a: f32) -> f32 {
    return %a : f32
  }
}
