// RUN: convt-opt %s --convt-to-linalg=sub-pixel-vector-bits=512 --split-input-file | FileCheck %s
// RUN: not convt-opt %s --convt-to-linalg=sub-pixel-vector-bits=-1 --split-input-file 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: sub-pixel-vector-bits must be at least 0 (0: never); got -1

// The counts of vector FMAs below are per group of prod(strides) output
// positions, with 16 lanes of f32 (512-bit vectors).

// Kernel 4, stride 2, SAME (pads 2, 2): every phase has 2 taps per dim, and
// the runs of 2 output positions from r0 = (2 + 1) mod 2 = 1 read the same
// input pixels. One convolution computes all 4 phases, with 4 * 3 output
// channels: the kernel's taps 1 - q + 2 m go to channel block q. Its 9 x 9
// groups of 2 x 2 positions start at -1: one generic gathers output position
// t of each dim from position (t + 1) mod 2 of group (t + 1) floordiv 2 (a
// transpose, which leaves out the positions before 0 and past 15).
// FMAs: phases 16 taps * 16 channels * 1 vector = 256; sub-pixel 4 * 16 * 1,
// plus 16 for the gather of its 1 vector: 80.
//       CHECK: #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0 * 2 - d1 + 1, d2 * 2 - d3 + 1, d4, d5)>
//       CHECK: #[[SPLIT_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2, d4, d1, d3, d5)>
//       CHECK: #[[GATHER:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, (d1 + 1) floordiv 2, (d2 + 1) floordiv 2, (d1 + 1) mod 2, (d2 + 1) mod 2, d3)>
// CHECK-LABEL: func.func @rgb
//  CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x16xf32>, %[[K:.*]]: tensor<4x4x16x3xf32>)
//       CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
//       CHECK: %[[IN:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0, 0] [1, 10, 10, 16]
//   CHECK-NOT: tensor.insert_slice
//       CHECK: %[[SPLIT:.*]] = linalg.generic {indexing_maps = [#[[TAPS]], #[[SPLIT_MAP]]]{{.*}} ins(%[[K]] : tensor<4x4x16x3xf32>) outs(%{{.*}} : tensor<2x2x16x2x2x3xf32>)
//       CHECK: %[[KERNEL:.*]] = tensor.collapse_shape %[[SPLIT]] {{\[}}[0], [1], [2], [3, 4, 5]] : tensor<2x2x16x2x2x3xf32> into tensor<2x2x16x12xf32>
//       CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<1x9x9x12xf32>
//       CHECK: %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN]], %[[KERNEL]] : {{.*}}) outs(%[[ZERO]] : tensor<1x9x9x12xf32>)
//       CHECK: %[[GROUPS:.*]] = tensor.expand_shape %[[CONV]] {{\[}}[0], [1], [2], [3, 4, 5]] output_shape [1, 9, 9, 2, 2, 3]
//       CHECK: %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[GATHER]], #{{.*}}]{{.*}} ins(%[[GROUPS]] : tensor<1x9x9x2x2x3xf32>) outs(%{{.*}} : tensor<1x16x16x3xf32>)
//       CHECK: return %[[OUT]]
//   CHECK-NOT: linalg.conv
func.func @rgb(%x: tensor<1x8x8x16xf32>, %k: tensor<4x4x16x3xf32>) -> tensor<1x16x16x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [4, 4], strides = [2, 2], padding = "SAME", use_bias = false}
     : (tensor<1x8x8x16xf32>, tensor<4x4x16x3xf32>) -> tensor<1x16x16x3xf32>
  return %y : tensor<1x16x16x3xf32>
}

// -----

// 1-D, kernel 6 = 2 * 3, pads (1, 2): runs start at r0 = 2, so the 4 groups
// of 3 start at -1 and read input pixels j + 1 + m, all in the input. In 1-D
// no transpose is needed. The bias is added after the cut, in the epilogue.
// FMAs: phases 6 * 3 * 1 = 18; sub-pixel 2 * 3 * 1 = 6.
// CHECK-LABEL: func.func @bias_1d
//       CHECK: %[[IN:.*]] = tensor.extract_slice %arg0[0, 0, 0] [2, 5, 3]
//       CHECK: %[[CONV:.*]] = linalg.conv_1d_nwc_wcf {{.*}} ins(%[[IN]], %{{.*}} : tensor<2x5x3xf32>, tensor<2x3x6xf32>) outs(%{{.*}} : tensor<2x4x6xf32>)
//       CHECK: %[[GROUPS:.*]] = tensor.expand_shape %[[CONV]] {{\[}}[0], [1], [2, 3]] output_shape [2, 4, 3, 2]
//       CHECK: %[[POS:.*]] = tensor.collapse_shape %[[GROUPS]] {{\[}}[0], [1, 2], [3]] : tensor<2x4x3x2xf32> into tensor<2x12x2xf32>
//       CHECK: %[[CUT:.*]] = tensor.extract_slice %[[POS]][0, 1, 0] [2, 11, 2]
//       CHECK: linalg.generic {{.*}} ins(%[[CUT]], %arg2 : tensor<2x11x2xf32>, tensor<2xf32>)
//       CHECK:   arith.addf
func.func @bias_1d(%x: tensor<2x5x3xf32>, %k: tensor<6x3x2xf32>, %b: tensor<2xf32>) -> tensor<2x11x2xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 2, kernel_size = 6, strides = 3, padding = [[1, 2]]}
     : (tensor<2x5x3xf32>, tensor<6x3x2xf32>, tensor<2xf32>) -> tensor<2x11x2xf32>
  return %y : tensor<2x11x2xf32>
}

// -----

// Phases, where the sub-pixel convolution takes as many FMAs or more:
// %a: 16 features, phases 4 * 4 * 1 = 16, sub-pixel 2 * 4 * 2 = 16;
// %b: one input channel in 2-D, phases 16 * 1 * 1 = 16, sub-pixel
// 4 * 1 * 1 + 16 = 20; %c: 8 features in f64 (8 lanes), phases
// 4 * 4 * 1 = 16, sub-pixel 2 * 4 * 2 = 16 (in f32: 2 * 4 * 1 = 8, sub-pixel);
// %d: a dynamic channel count; and %e: FCN-32s' upsampling (kernel 64,
// stride 32, 21 classes), phases 4096 * 21 * 2 = 172032, sub-pixel
// 4 * 21 * 1344 + 16 * 1344 = 134400, but its sub-pixel kernel of
// 2 * 2 * 21 * 21504 floats is beyond 1 MiB; %f: strides of 2^31 in 3-D,
// whose groups of 2^93 output positions would overflow the counts.
// CHECK-LABEL: func.func @phases
//   CHECK-NOT: linalg.generic
//   CHECK-NOT: tensor.collapse_shape
//       CHECK: return
func.func @phases(%x: tensor<1x8x4xf32>, %k16: tensor<4x4x16xf32>, %x2: tensor<1x8x8x1xf32>, %k2: tensor<4x4x1x3xf32>, %x64: tensor<1x8x4xf64>, %k64: tensor<4x4x8xf64>, %xd: tensor<1x8x?xf32>, %kd: tensor<2x4x3xf32>, %xf: tensor<1x2x2x21xf32>, %kf: tensor<64x64x21x21xf32>, %xg: tensor<1x1x1x1x1xf32>, %kg: tensor<2x2x2x1x1xf32>) -> (tensor<1x16x16xf32>, tensor<1x16x16x3xf32>, tensor<1x16x8xf64>, tensor<1x16x3xf32>, tensor<1x64x64x21xf32>, tensor<1x2147483648x2147483648x2147483648x1xf32>) {
  %a = convt.conv_transpose %x, %k16 {features = 16, kernel_size = 4, strides = 2, use_bias = false}
     : (tensor<1x8x4xf32>, tensor<4x4x16xf32>) -> tensor<1x16x16xf32>
  %b = convt.conv_transpose %x2, %k2 {features = 3, kernel_size = [4, 4], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x1xf32>, tensor<4x4x1x3xf32>) -> tensor<1x16x16x3xf32>
  %c = convt.conv_transpose %x64, %k64 {features = 8, kernel_size = 4, strides = 2, use_bias = false}
     : (tensor<1x8x4xf64>, tensor<4x4x8xf64>) -> tensor<1x16x8xf64>
  %d = convt.conv_transpose %xd, %kd {features = 3, kernel_size = 2, strides = 2, use_bias = false}
     : (tensor<1x8x?xf32>, tensor<2x4x3xf32>) -> tensor<1x16x3xf32>
  %e = convt.conv_transpose %xf, %kf {features = 21, kernel_size = [64, 64], strides = [32, 32], use_bias = false}
     : (tensor<1x2x2x21xf32>, tensor<64x64x21x21xf32>) -> tensor<1x64x64x21xf32>
  %f = convt.conv_transpose %xg, %kg {features = 1, kernel_size = [2, 2, 2], strides = [2147483648, 2147483648, 2147483648], padding = "VALID", use_bias = false}
     : (tensor<1x1x1x1x1xf32>, tensor<2x2x2x1x1xf32>) -> tensor<1x2147483648x2147483648x2147483648x1xf32>
  return %a, %b, %c, %d, %e, %f : tensor<1x16x16xf32>, tensor<1x16x16x3xf32>, tensor<1x16x8xf64>, tensor<1x16x3xf32>, tensor<1x64x64x21xf32>, tensor<1x2147483648x2147483648x2147483648x1xf32>
}

// -----

// Dynamic batch and spatial sizes: the groups, the input window and its
// padding past the input follow from the sizes at run time.
// CHECK-LABEL: func.func @dynamic_sizes
//  CHECK-SAME: (%[[X:.*]]: tensor<?x?x?x16xf32>
//       CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, %{{.*}}, %{{.*}}, 0]
//       CHECK: %[[IN:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0, 0] [%{{.*}}, %{{.*}}, %{{.*}}, 16]
//       CHECK: %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[IN]], %{{.*}} : tensor<?x?x?x16xf32>, tensor<2x2x16x12xf32>) outs(%{{.*}} : tensor<?x?x?x12xf32>)
//       CHECK: %[[GROUPS:.*]] = tensor.expand_shape %[[CONV]] {{\[}}[0], [1], [2], [3, 4, 5]] output_shape [%{{.*}}, %{{.*}}, %{{.*}}, 2, 2, 3]
//       CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[GROUPS]] : tensor<?x?x?x2x2x3xf32>) outs(%{{.*}} : tensor<?x?x?x3xf32>)
//       CHECK: return %[[OUT]]
func.func @dynamic_sizes(%x: tensor<?x?x?x16xf32>, %k: tensor<4x4x16x3xf32>) -> tensor<?x?x?x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [4, 4], strides = [2, 2], padding = "SAME", use_bias = false}
     : (tensor<?x?x?x16xf32>, tensor<4x4x16x3xf32>) -> tensor<?x?x?x3xf32>
  return %y : tensor<?x?x?x3xf32>
}

// -----

// CIRCULAR: the sub-pixel convolution computes the VALID result (18 wide,
// from groups starting at 0), which the fold then wraps onto the 16 outputs.
// CHECK-LABEL: func.func @circular
//       CHECK: %[[CONV:.*]] = linalg.conv_1d_nwc_wcf {{.*}} outs(%{{.*}} : tensor<1x9x6xf32>)
//       CHECK: %[[GROUPS:.*]] = tensor.expand_shape %[[CONV]]
//       CHECK: %[[POS:.*]] = tensor.collapse_shape %[[GROUPS]] {{\[}}[0], [1, 2], [3]] : tensor<1x9x2x3xf32> into tensor<1x18x3xf32>
//       CHECK: %[[VALID:.*]] = tensor.extract_slice %[[POS]][0, 0, 0] [1, 18, 3]
//       CHECK: %[[WRAP:.*]] = tensor.pad %[[VALID]] low[0, 15, 0] high[0, 15, 0]
//       CHECK: %[[TILES:.*]] = tensor.expand_shape %[[WRAP]] {{\[}}[0], [1, 2], [3]] output_shape [1, 3, 16, 3]
//       CHECK: linalg.reduce ins(%[[TILES]] : tensor<1x3x16x3xf32>) {{.*}} dimensions = [1]
func.func @circular(%x: tensor<1x8x4xf32>, %k: tensor<4x4x3xf32>) -> tensor<1x16x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = 4, strides = 2, padding = "CIRCULAR", use_bias = false}
     : (tensor<1x8x4xf32>, tensor<4x4x3xf32>) -> tensor<1x16x3xf32>
  return %y : tensor<1x16x3xf32>
}

// -----

// Kernel sizes that are not multiples of the strides, and kernel dilation:
// the kernel, dilated (2 in W) and zero-padded to 2 * 2 taps per dim (H:
// 3 taps, W: 3 dilated taps), is a sub-pixel kernel like any other. FMAs:
// phases 6 taps * 24 channels * 1 = 144; sub-pixel 4 * 24 * 1 + 16 = 112.
// CHECK-LABEL: func.func @padded_kernel
//       CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<4x4x24x3xf32>
//       CHECK: %[[PADDED:.*]] = tensor.insert_slice %{{.*}} into %[[ZERO]][0, 0, 0, 0] [3, 2, 24, 3] [1, 2, 1, 1] : tensor<3x2x24x3xf32> into tensor<4x4x24x3xf32>
//       CHECK: %[[SPLIT:.*]] = linalg.generic {{.*}} ins(%[[PADDED]] : tensor<4x4x24x3xf32>) outs(%{{.*}} : tensor<2x2x24x2x2x3xf32>)
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x9x9x12xf32>
//       CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<1x9x9x2x2x3xf32>) outs(%{{.*}} : tensor<1x16x16x3xf32>)
func.func @padded_kernel(%x: tensor<1x8x8x24xf32>, %k: tensor<3x2x24x3xf32>) -> tensor<1x16x16x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [3, 2], strides = [2, 2], kernel_dilation = [1, 2], padding = "SAME", use_bias = false}
     : (tensor<1x8x8x24xf32>, tensor<3x2x24x3xf32>) -> tensor<1x16x16x3xf32>
  return %y : tensor<1x16x16x3xf32>
}

// -----

// f32 with input channels that fill whole vectors and few features: the CPU
// kernels sum each phase's pixels over the input channels in the lanes
// (the lane-reduction kernel), with no lanes idle, and the count weighs
// that (its cycles at 2 FMAs per cycle, as FMAs). Kernel 3, stride 2, 64
// channels, 3 features: the phases' 9 taps take 36 steps of 16 channels,
// each 15 FMAs (7.5 cycles) for tiles of 5 pixels, then 15 adds of the tree
// of sums at 2 cycles: 2 * (36 * 7.5 + 15 * 2) / 5 = 120 FMAs, and 12 more
// for the sums of each of the 3 other phases: 156. The sub-pixel
// convolution, 2 x 2 taps and 12 channels: 4 * 64 * 1 = 256 with vectors of
// channels, 2 * (16 * 12 + 23 * 2) / 2 = 238 summing lanes in tiles of 2
// pixels (24 accumulators, 23 adds), plus 16: 254. With a dynamic width the
// phases again (the kernel needs static channel counts only); with 24
// channels (not whole vectors), the sub-pixel convolution.
// CHECK-LABEL: func.func @lane_reduction
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x{{.*}}x64xf32>, tensor<{{.*}}x64x3xf32>) outs(%{{.*}} : tensor<1x8x8x3xf32>)
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x9x9x12xf32>
// CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x{{.*}}x64xf32>, tensor<{{.*}}x64x3xf32>) outs(%{{.*}} : tensor<1x8x?x3xf32>)
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
//       CHECK: return
func.func @lane_reduction(%x: tensor<1x8x8x64xf32>, %k: tensor<3x3x64x3xf32>, %x24: tensor<1x8x8x24xf32>, %k24: tensor<3x3x24x3xf32>, %xd: tensor<1x8x?x64xf32>) -> (tensor<1x16x16x3xf32>, tensor<1x16x16x3xf32>, tensor<1x16x?x3xf32>) {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x64xf32>, tensor<3x3x64x3xf32>) -> tensor<1x16x16x3xf32>
  %y24 = convt.conv_transpose %x24, %k24 {features = 3, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x24xf32>, tensor<3x3x24x3xf32>) -> tensor<1x16x16x3xf32>
  %yd = convt.conv_transpose %xd, %k {features = 3, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<1x8x?x64xf32>, tensor<3x3x64x3xf32>) -> tensor<1x16x?x3xf32>
  return %y, %y24, %yd : tensor<1x16x16x3xf32>, tensor<1x16x16x3xf32>, tensor<1x16x?x3xf32>
}
