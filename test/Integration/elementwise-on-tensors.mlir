// The user's code around a convolution may compute on tensors with arith and
// math ops, which have no bufferization of their own: the pipelines turn them
// into linalg first (convert-elementwise-to-linalg). Here a bias as a tensor
// sum, a ReLU, a math op, a residual sum through an indirect call, and a
// scalar-tensor mix, after spec §18's example E1.
//
// RUN: convt-opt %s --convt-cpu-pipeline \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: convt-opt %s --convt-cpu-pipeline=threads=2 \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_libs,%omp_lib | FileCheck %s
// RUN: convt-opt %s --convt-gpu-loops-on-cpu-pipeline \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_libs | FileCheck %s

func.func private @printMemrefF32(memref<*xf32>)

func.func @print(%t: tensor<5xf32>) {
  %m = bufferization.to_buffer %t : tensor<5xf32> to memref<5xf32>
  %u = memref.cast %m : memref<5xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}

func.func @residual(%a: tensor<5xf32>, %b: tensor<5xf32>) -> tensor<5xf32> {
  %sum = arith.addf %a, %b : tensor<5xf32>
  return %sum : tensor<5xf32>
}

func.func @main() {
  %x = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  // E1: [100, 210, 321, 32, 3].
  %y = convt.conv_transpose %x, %w {features = 1, kernel_size = 3, padding = "VALID", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  %flat = tensor.collapse_shape %y [[0, 1, 2]] : tensor<1x5x1xf32> into tensor<5xf32>

  %bias = arith.constant dense<[-200.0, -200.0, -300.0, -40.0, 0.0]> : tensor<5xf32>
  %biased = arith.addf %flat, %bias : tensor<5xf32>
  // CHECK: [-100,  10,  21,  -8,  3]
  call @print(%biased) : (tensor<5xf32>) -> ()

  %zero = arith.constant dense<0.0> : tensor<5xf32>
  %relu = arith.maximumf %biased, %zero : tensor<5xf32>
  // CHECK: [0,  10,  21,  0,  3]
  call @print(%relu) : (tensor<5xf32>) -> ()

  %abs = math.absf %biased : tensor<5xf32>
  // CHECK: [100,  10,  21,  8,  3]
  call @print(%abs) : (tensor<5xf32>) -> ()

  %f = func.constant @residual : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  %sum = func.call_indirect %f(%relu, %abs) : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  // CHECK: [100,  20,  42,  8,  6]
  call @print(%sum) : (tensor<5xf32>) -> ()

  %half = arith.constant 0.5 : f32
  %halves = tensor.splat %half : tensor<5xf32>
  %scaled = arith.mulf %sum, %halves : tensor<5xf32>
  // CHECK: [50,  10,  21,  4,  3]
  call @print(%scaled) : (tensor<5xf32>) -> ()
  return
}
