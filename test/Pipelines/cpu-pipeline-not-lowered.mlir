// The CPU pipeline has no conversion of the complex dialect (the GPU
// pipeline's NVVM lowering has one): an op of it is an error at its location.
// RUN: convt-opt %s --verify-diagnostics --convt-cpu-pipeline -o /dev/null
// RUN: convt-opt %s --verify-diagnostics --convt-cpu-pipeline=threads=2 -o /dev/null

// A complex op next to a convolution; the casts the conversions leave around
// it are not reported.
func.func @complex_op(%x: tensor<1x4x4x2xf32>, %k: tensor<3x3x2x3xf32>, %c: complex<f32>) -> (tensor<1x8x8x3xf32>, complex<f32>) {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [3, 3], strides = [2, 2], padding = "SAME", use_bias = false} : (tensor<1x4x4x2xf32>, tensor<3x3x2x3xf32>) -> tensor<1x8x8x3xf32>
  // expected-error @below {{'complex.add' op was not lowered}}
  %d = complex.add %c, %c : complex<f32>
  return %y, %d : tensor<1x8x8x3xf32>, complex<f32>
}
