// The GPU pipeline inlines the calls of functions that hold convt ops (spec
// §18's E1 and E2 here), so a module split into functions compiles; the
// loops of its kernels compute on the CPU what the CPU pipeline computes.
// RUN: convt-opt %s --convt-gpu-pipeline | FileCheck %s --check-prefix=GPU
// GPU-LABEL: llvm.func @calls(
// GPU-NOT: llvm.call @upsample
// GPU: gpu.launch_func
// GPU-NOT: llvm.call @upsample
// GPU: gpu.binary

// RUN: %python %S/Inputs/run-functions.py %s --convt-run %convt_run \
// RUN:   --args="--target gpu-loops-on-cpu" | FileCheck %s
// RUN: %python %S/Inputs/run-functions.py %s --convt-run %convt_run \
// RUN:   --args="--target cpu" | FileCheck %s
// CHECK: calls: (1, 5, 1) [100, 210, 321, 32, 3]

func.func private @upsample(%x: tensor<1x3x1xf32>, %w: tensor<3x1x1xf32>) -> (tensor<1x6x1xf32>, tensor<1x5x1xf32>) {
  %e2 = convt.conv_transpose %x, %w {features = 1, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  %e1 = convt.conv_transpose %x, %w {features = 1, kernel_size = 3, padding = "VALID", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  return %e2, %e1 : tensor<1x6x1xf32>, tensor<1x5x1xf32>
}

func.func @calls() -> tensor<1x5x1xf32> {
  %x = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %a, %b = func.call @upsample(%x, %w) : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> (tensor<1x6x1xf32>, tensor<1x5x1xf32>)
  %c, %d = func.call @upsample(%x, %w) : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> (tensor<1x6x1xf32>, tensor<1x5x1xf32>)
  return %d : tensor<1x5x1xf32>
}
