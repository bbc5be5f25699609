// The pipelines fail, instead of returning a half-lowered module, where their
// conversions to LLVM leave an op behind: here the functions whose signatures
// hold a tuple, which no conversion takes (the convolution itself lowers).
// RUN: convt-opt %s --verify-diagnostics --convt-cpu-pipeline -o /dev/null
// RUN: convt-opt %s --verify-diagnostics --convt-cpu-pipeline=threads=2 -o /dev/null
// RUN: convt-opt %s --verify-diagnostics --convt-gpu-pipeline -o /dev/null
// RUN: convt-opt %s --verify-diagnostics --convt-gpu-loops-on-cpu-pipeline -o /dev/null

// expected-error @below {{'func.func' op was not lowered: no conversion of the pipeline takes it to llvm or}}
// expected-note @below {{type 'tuple<tensor<4xf32>>' has no LLVM form}}
func.func private @external(tuple<tensor<4xf32>>) -> f32

// expected-error @below {{'func.func' op was not lowered}}
// expected-note @below {{type 'tuple<tensor<4xf32>>' has no LLVM form}}
func.func @main(%t: tuple<tensor<4xf32>>, %x: tensor<1x4x4x2xf32>, %k: tensor<3x3x2x3xf32>) -> (tensor<1x8x8x3xf32>, f32) {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [3, 3], strides = [2, 2], padding = "SAME", use_bias = false} : (tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32>) -> tensor<1x8x8x3xf32>
  %f = func.call @external(%t) : (tuple<tensor<4xf32>>) -> f32
  return %y, %f : tensor<1x8x8x3xf32>, f32
}

