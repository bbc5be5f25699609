// RUN: convt-opt %s --convt-gpu-pipeline --verify-diagnostics

// Integers wider than 64 bits get an error at the function instead of an
// abort in LLVM's NVPTX backend, which cannot convert them to floats. (The
// CPU pipeline takes them.)
// expected-error @below {{argument #0 has elements of type 'i128'; the GPU pipeline supports integers of at most 64 bits}}
func.func @main(%x: tensor<1x2x1xi128>, %k: tensor<1x1x1xf32>) -> tensor<1x2x1xf32> {
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 1, use_bias = false}
       : (tensor<1x2x1xi128>, tensor<1x1x1xf32>) -> tensor<1x2x1xf32>
  return %y : tensor<1x2x1xf32>
}
