// The worked examples of spec §18 and golden values of Flax's own tests,
// compiled through the CPU pipeline with both strategies and run.
//
// RUN: convt-opt %s --convt-cpu-pipeline="strategy=phase" \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: convt-opt %s --convt-cpu-pipeline="strategy=dilate" \
// RUN:   | mlir-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: convt-opt %s --convt-cpu-pipeline | mlir-translate --mlir-to-llvmir \
// RUN:   | FileCheck %s --check-prefix=LLVMIR
// LLVMIR: define void @main()

func.func private @printMemrefF32(memref<*xf32>)
func.func private @printMemrefF16(memref<*xf16>) attributes {llvm.emit_c_interface}

func.func @print1d(%t: tensor<?xf32>) {
  %m = bufferization.to_buffer %t : tensor<?xf32> to memref<?xf32>
  %u = memref.cast %m : memref<?xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}

func.func @main() {
  %x3 = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %w3 = arith.constant dense<[[[1.0]], [[10.0]], [[100.0]]]> : tensor<3x1x1xf32>
  %x4 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0]]]> : tensor<1x4x1xf32>
  %w2 = arith.constant dense<[[[1.0]], [[10.0]]]> : tensor<2x1x1xf32>

  // E1: VALID, s=1: correlate(x, W, 'full').
  // CHECK: [100,  210,  321,  32,  3]
  %e1 = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, padding = "VALID", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  %e1f = tensor.collapse_shape %e1 [[0, 1, 2]] : tensor<1x5x1xf32> into tensor<5xf32>
  %e1d = tensor.cast %e1f : tensor<5xf32> to tensor<?xf32>
  call @print1d(%e1d) : (tensor<?xf32>) -> ()

  // E1b: transpose_kernel: convolve(x, W).
  // CHECK: [1,  12,  123,  230,  300]
  %e1b = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, padding = "VALID", use_bias = false, transpose_kernel = true}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x5x1xf32>
  %e1bf = tensor.collapse_shape %e1b [[0, 1, 2]] : tensor<1x5x1xf32> into tensor<5xf32>
  %e1bd = tensor.cast %e1bf : tensor<5xf32> to tensor<?xf32>
  call @print1d(%e1bd) : (tensor<?xf32>) -> ()

  // E2: SAME, s=2, k=3.
  // CHECK: [100,  10,  201,  20,  302,  30]
  %e2 = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  %e2f = tensor.collapse_shape %e2 [[0, 1, 2]] : tensor<1x6x1xf32> into tensor<6xf32>
  %e2d = tensor.cast %e2f : tensor<6xf32> to tensor<?xf32>
  call @print1d(%e2d) : (tensor<?xf32>) -> ()

  // E2b: SAME, s=2, transpose_kernel (TF Conv1DTranspose 'same').
  // CHECK: [1,  10,  102,  20,  203,  30]
  %e2b = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, strides = 2, padding = "SAME", use_bias = false, transpose_kernel = true}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  %e2bf = tensor.collapse_shape %e2b [[0, 1, 2]] : tensor<1x6x1xf32> into tensor<6xf32>
  %e2bd = tensor.cast %e2bf : tensor<6xf32> to tensor<?xf32>
  call @print1d(%e2bd) : (tensor<?xf32>) -> ()

  // E3: negative padding [(-1, 2)], s=2, d=2, bias 0.5.
  // CHECK: [0.5,  32.5]
  %b05 = arith.constant dense<0.5> : tensor<1xf32>
  %e3 = convt.conv_transpose %x3, %w3 bias %b05 {features = 1, kernel_size = 3, strides = 2, kernel_dilation = 2, padding = [[-1, 2]]}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>, tensor<1xf32>) -> tensor<1x2x1xf32>
  %e3f = tensor.collapse_shape %e3 [[0, 1, 2]] : tensor<1x2x1xf32> into tensor<2xf32>
  %e3d = tensor.cast %e3f : tensor<2xf32> to tensor<?xf32>
  call @print1d(%e3d) : (tensor<?xf32>) -> ()

  // E4: CIRCULAR, s=1, k=2.
  // CHECK: [14,  21,  32,  43]
  %e4 = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  %e4f = tensor.collapse_shape %e4 [[0, 1, 2]] : tensor<1x4x1xf32> into tensor<4xf32>
  %e4d = tensor.cast %e4f : tensor<4xf32> to tensor<?xf32>
  call @print1d(%e4d) : (tensor<?xf32>) -> ()

  // E4b: CIRCULAR with transpose_kernel splits the padding the other way.
  // CHECK: [12,  23,  34,  41]
  %e4b = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "CIRCULAR", use_bias = false, transpose_kernel = true}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  %e4bf = tensor.collapse_shape %e4b [[0, 1, 2]] : tensor<1x4x1xf32> into tensor<4xf32>
  %e4bd = tensor.cast %e4bf : tensor<4xf32> to tensor<?xf32>
  call @print1d(%e4bd) : (tensor<?xf32>) -> ()

  // E5: CIRCULAR, s=2, k=3: the tap SAME drops wraps to position 0.
  // CHECK: [103,  10,  201,  20,  302,  30]
  %e5 = convt.conv_transpose %x3, %w3 {features = 1, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x3x1xf32>, tensor<3x1x1xf32>) -> tensor<1x6x1xf32>
  %e5f = tensor.collapse_shape %e5 [[0, 1, 2]] : tensor<1x6x1xf32> into tensor<6xf32>
  %e5d = tensor.cast %e5f : tensor<6xf32> to tensor<?xf32>
  call @print1d(%e5d) : (tensor<?xf32>) -> ()

  // E6: 2-D SAME, strides 2, k=2x2, 1 -> 2 channels, bias [10, 20];
  // printed as (h, w, channel).
  // CHECK: [14,  20,  13,  21,  18,  20,  16,  22,  12,  21,  11,  20,  14,  22,  12,  20,  22,  20,  19,  23,  26,  20,  22,  24,  16,  23,  13,  20,  18,  24,  14,  20]
  %x6 = arith.constant dense<[[[[1.0], [2.0]], [[3.0], [4.0]]]]> : tensor<1x2x2x1xf32>
  %w6 = arith.constant dense<[[[[1.0, 0.0]], [[2.0, 1.0]]], [[[3.0, 1.0]], [[4.0, 0.0]]]]> : tensor<2x2x1x2xf32>
  %b6 = arith.constant dense<[10.0, 20.0]> : tensor<2xf32>
  %e6 = convt.conv_transpose %x6, %w6 bias %b6 {features = 2, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = "SAME"}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  %e6f = tensor.collapse_shape %e6 [[0, 1, 2, 3]] : tensor<1x4x4x2xf32> into tensor<32xf32>
  %e6d = tensor.cast %e6f : tensor<32xf32> to tensor<?xf32>
  call @print1d(%e6d) : (tensor<?xf32>) -> ()

  // E7: unbatched, 2 -> 2 channels, padding = 1, mask.
  // CHECK: [14,  22,  35,  58,  15,  16]
  %x7 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %w7 = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]> : tensor<2x2x2xf32>
  %m7 = arith.constant dense<[[[1.0, 0.0], [1.0, 1.0]], [[0.0, 1.0], [1.0, 1.0]]]> : tensor<2x2x2xf32>
  %e7 = convt.conv_transpose %x7, %w7 mask %m7 {features = 2, kernel_size = 2, padding = 1, use_bias = false}
      : (tensor<2x2xf32>, tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<3x2xf32>
  %e7f = tensor.collapse_shape %e7 [[0, 1]] : tensor<3x2xf32> into tensor<6xf32>
  %e7d = tensor.cast %e7f : tensor<6xf32> to tensor<?xf32>
  call @print1d(%e7d) : (tensor<?xf32>) -> ()

  // E8: 3-D with two batch dims, VALID, strides (1, 2, 1), kernel of ones;
  // the odd rows of spatial dim 2 are the stride-2 gaps.
  // CHECK: [1,  3,  2,  0,  0,  0,  3,  7,  4,  0,  0,  0,  6,  14,  8,  0,  0,  0,  10,  22,  12,  0,  0,  0,  5,  11,  6,  0,  0,  0,  7,  15,  8,  0,  0,  0]
  %x8 = arith.constant dense<[[[[[[1.0], [2.0]], [[3.0], [4.0]]], [[[5.0], [6.0]], [[7.0], [8.0]]]]]]> : tensor<1x1x2x2x2x1xf32>
  %w8 = arith.constant dense<1.0> : tensor<2x1x2x1x1xf32>
  %e8 = convt.conv_transpose %x8, %w8 {features = 1, kernel_size = array<i64: 2, 1, 2>, strides = array<i64: 1, 2, 1>, padding = "VALID", use_bias = false}
      : (tensor<1x1x2x2x2x1xf32>, tensor<2x1x2x1x1xf32>) -> tensor<1x1x3x4x3x1xf32>
  %e8f = tensor.collapse_shape %e8 [[0, 1, 2, 3, 4, 5]] : tensor<1x1x3x4x3x1xf32> into tensor<36xf32>
  %e8d = tensor.cast %e8f : tensor<36xf32> to tensor<?xf32>
  call @print1d(%e8d) : (tensor<?xf32>) -> ()

  // E9: lower-case 'same' is forward-conv padding (0, 1).
  // CHECK: [21,  32,  43,  4]
  %e9 = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "same", use_bias = false}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  %e9f = tensor.collapse_shape %e9 [[0, 1, 2]] : tensor<1x4x1xf32> into tensor<4xf32>
  %e9d = tensor.cast %e9f : tensor<4xf32> to tensor<?xf32>
  call @print1d(%e9d) : (tensor<?xf32>) -> ()

  // E9b: 'SAME' pads (1, 0).
  // CHECK: [10,  21,  32,  43]
  %e9b = convt.conv_transpose %x4, %w2 {features = 1, kernel_size = 2, padding = "SAME", use_bias = false}
      : (tensor<1x4x1xf32>, tensor<2x1x1xf32>) -> tensor<1x4x1xf32>
  %e9bf = tensor.collapse_shape %e9b [[0, 1, 2]] : tensor<1x4x1xf32> into tensor<4xf32>
  %e9bd = tensor.cast %e9bf : tensor<4xf32> to tensor<?xf32>
  call @print1d(%e9bd) : (tensor<?xf32>) -> ()

  // E10: transpose_kernel, strides (2, 1), dilation (1, 2), mixed pads.
  // CHECK: [3,  4,  6,  9,  12,  12]
  %x10 = arith.constant dense<[[[[1.0], [2.0]], [[3.0], [4.0]]]]> : tensor<1x2x2x1xf32>
  %w10 = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %e10 = convt.conv_transpose %x10, %w10 {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[-1, 1], [2, 1]], use_bias = false, transpose_kernel = true}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x1xf32>
  %e10f = tensor.collapse_shape %e10 [[0, 1, 2, 3]] : tensor<1x2x3x1xf32> into tensor<6xf32>
  %e10d = tensor.cast %e10f : tensor<6xf32> to tensor<?xf32>
  call @print1d(%e10d) : (tensor<?xf32>) -> ()

  // E10, second padding: an empty output (1, 3, 0, 1) is legal.
  // CHECK: [3,  0]
  %e10e = convt.conv_transpose %x10, %w10 {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[1, 0], [0, -1]], use_bias = false, transpose_kernel = true}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x0x1xf32>
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %e10h = tensor.dim %e10e, %c1 : tensor<1x3x0x1xf32>
  %e10w = tensor.dim %e10e, %c2 : tensor<1x3x0x1xf32>
  %e10hi = arith.index_cast %e10h : index to i64
  %e10wi = arith.index_cast %e10w : index to i64
  %e10hf = arith.sitofp %e10hi : i64 to f32
  %e10wf = arith.sitofp %e10wi : i64 to f32
  %e10s = tensor.from_elements %e10hf, %e10wf : tensor<2xf32>
  %e10sd = tensor.cast %e10s : tensor<2xf32> to tensor<?xf32>
  call @print1d(%e10sd) : (tensor<?xf32>) -> ()

  // E11: dtype = f16 rounds the input 2049 to 2048 before the conv.
  // CHECK: [1,  2048]
  %x11 = arith.constant dense<[[[1.0], [2049.0]]]> : tensor<1x2x1xf32>
  %w11 = arith.constant dense<1.0> : tensor<1x1x1xf32>
  %e11 = convt.conv_transpose %x11, %w11 {features = 1, kernel_size = 1, padding = "VALID", use_bias = false, dtype = f16}
      : (tensor<1x2x1xf32>, tensor<1x1x1xf32>) -> tensor<1x2x1xf16>
  %e11f = tensor.collapse_shape %e11 [[0, 1, 2]] : tensor<1x2x1xf16> into tensor<2xf16>
  %e11m = bufferization.to_buffer %e11f : tensor<2xf16> to memref<2xf16>
  %e11u = memref.cast %e11m : memref<2xf16> to memref<*xf16>
  call @printMemrefF16(%e11u) : (memref<*xf16>) -> ()

  // Flax golden: VALID, k=3 on ones(1, 8, 3), kernels and bias of ones.
  // CHECK: [4,  4,  4,  4,  7,  7,  7,  7,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  10,  7,  7,  7,  7,  4,  4,  4,  4]
  %xg = arith.constant dense<1.0> : tensor<1x8x3xf32>
  %wg = arith.constant dense<1.0> : tensor<3x3x4xf32>
  %bg = arith.constant dense<1.0> : tensor<4xf32>
  %g1 = convt.conv_transpose %xg, %wg bias %bg {features = 4, kernel_size = 3, padding = "VALID"}
      : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x10x4xf32>
  %g1f = tensor.collapse_shape %g1 [[0, 1, 2]] : tensor<1x10x4xf32> into tensor<40xf32>
  %g1d = tensor.cast %g1f : tensor<40xf32> to tensor<?xf32>
  call @print1d(%g1d) : (tensor<?xf32>) -> ()

  // Flax golden: CIRCULAR, kernel ((0, 1, 0), (1, 2, 1), (0, 1, 0)) on 1..9.
  // CHECK: [18,  21,  24,  27,  30,  33,  36,  39,  42]
  %xc = arith.constant dense<[[[[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]]]> : tensor<1x3x3x1xf32>
  %wc = arith.constant dense<[[[[0.0]], [[1.0]], [[0.0]]], [[[1.0]], [[2.0]], [[1.0]]], [[[0.0]], [[1.0]], [[0.0]]]]> : tensor<3x3x1x1xf32>
  %gc = convt.conv_transpose %xc, %wc {features = 1, kernel_size = array<i64: 3, 3>, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x3x3x1xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x3x1xf32>
  %gcf = tensor.collapse_shape %gc [[0, 1, 2, 3]] : tensor<1x3x3x1xf32> into tensor<9xf32>
  %gcd = tensor.cast %gcf : tensor<9xf32> to tensor<?xf32>
  call @print1d(%gcd) : (tensor<?xf32>) -> ()

  // Flax golden: CIRCULAR 1-D, stride 3, kernel (1, 2, 1) on 1..5.
  // CHECK: [1,  2,  1,  2,  4,  2,  3,  6,  3,  4,  8,  4,  5,  10,  5]
  %x13 = arith.constant dense<[[[1.0], [2.0], [3.0], [4.0], [5.0]]]> : tensor<1x5x1xf32>
  %w13 = arith.constant dense<[[[1.0]], [[2.0]], [[1.0]]]> : tensor<3x1x1xf32>
  %g13 = convt.conv_transpose %x13, %w13 {features = 1, kernel_size = array<i64: 3>, strides = array<i64: 3>, padding = "CIRCULAR", use_bias = false}
      : (tensor<1x5x1xf32>, tensor<3x1x1xf32>) -> tensor<1x15x1xf32>
  %g13f = tensor.collapse_shape %g13 [[0, 1, 2]] : tensor<1x15x1xf32> into tensor<15xf32>
  %g13d = tensor.cast %g13f : tensor<15xf32> to tensor<?xf32>
  call @print1d(%g13d) : (tensor<?xf32>) -> ()

  // Flax golden: CIRCULAR 2x2 kernel ((1, 2), (3, 4)) with bias 1.
  // CHECK: [21,  23,  29,  31]
  %w22 = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b1 = arith.constant dense<1.0> : tensor<1xf32>
  %g22 = convt.conv_transpose %x10, %w22 bias %b1 {features = 1, kernel_size = array<i64: 2, 2>, padding = "CIRCULAR"}
      : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>, tensor<1xf32>) -> tensor<1x2x2x1xf32>
  %g22f = tensor.collapse_shape %g22 [[0, 1, 2, 3]] : tensor<1x2x2x1xf32> into tensor<4xf32>
  %g22d = tensor.cast %g22f : tensor<4xf32> to tensor<?xf32>
  call @print1d(%g22d) : (tensor<?xf32>) -> ()
  return
}
