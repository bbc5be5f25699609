// RUN: convt-opt %s --convt-to-linalg --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-to-linalg=strategy=dilate --split-input-file \
// RUN:   | FileCheck %s --check-prefix=DILATE

// strategy=dilate inserts the zeros: a zero buffer of the dilated, padded
// length (3 pixels at stride 2 plus the positive pad 2 = 7), the input
// inserted with stride 2, the negative low pad cropped, and one convolution
// with the kernel dilation.
// DILATE-LABEL: func.func @negative_pad
//       DILATE: %[[BUF:.*]] = linalg.fill {{.*}} -> tensor<1x7x2xf32>
//       DILATE: %[[INS:.*]] = tensor.insert_slice %{{.*}} into %[[BUF]][0, 0, 0] [1, 3, 2] [1, 2, 1]
//       DILATE: %[[CROP:.*]] = tensor.extract_slice %[[INS]][0, 1, 0] [1, 6, 2] [1, 1, 1]
//       DILATE: linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%[[CROP]], %{{.*}} : tensor<1x6x2xf32>, tensor<3x2x4xf32>) outs(%{{.*}} : tensor<1x2x4xf32>)
// The phase strategy needs one phase here: t = 1 sees taps 0 and 1 (E3).
// CHECK-LABEL: func.func @negative_pad
//       CHECK: linalg.conv_1d_nwc_wcf
//   CHECK-NOT: linalg.conv
func.func @negative_pad(%x: tensor<1x3x2xf32>, %k: tensor<3x2x4xf32>) -> tensor<1x2x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, kernel_dilation = 2, padding = [[-1, 2]], use_bias = false}
       : (tensor<1x3x2xf32>, tensor<3x2x4xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

// -----

// transpose_kernel flips the spatial axes and swaps the channels while the
// kernel is prepared. CIRCULAR convolves with VALID pads (length 3*2+1 = 7,
// two phases of 4 and 3 outputs that each zero their slice),
// pads to an odd multiple of the period 6 (5 left, 6 right with
// transpose_kernel), sums the periods, and only then adds the bias.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2) -> (-d0 + 2, d2, d1)>
// CHECK-LABEL: func.func @circular_transposed
//   CHECK-NOT: cf.assert
//       CHECK: linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]} ins(%{{.*}} : tensor<3x4x2xf32>) outs(%{{.*}} : tensor<3x2x4xf32>)
//       CHECK: tensor.empty() : tensor<1x7x4xf32>
//       CHECK: linalg.fill {{.*}} -> tensor<1x4x4xf32>
//       CHECK: linalg.fill {{.*}} -> tensor<1x3x4xf32>
//       CHECK: tensor.pad %{{.*}} low[0, 5, 0] high[0, 6, 0]
//       CHECK: tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2], [3]] output_shape [1, 3, 6, 4] : tensor<1x18x4xf32> into tensor<1x3x6x4xf32>
//       CHECK: linalg.reduce ins(%{{.*}} : tensor<1x3x6x4xf32>) outs(%{{.*}} : tensor<1x6x4xf32>) dimensions = [1]
//       CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x6x4xf32>, tensor<4xf32>)
//       CHECK: arith.addf
func.func @circular_transposed(%x: tensor<1x3x2xf32>, %k: tensor<3x4x2xf32>, %b: tensor<4xf32>) -> tensor<1x6x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, strides = 2, padding = "CIRCULAR", transpose_kernel = true}
       : (tensor<1x3x2xf32>, tensor<3x4x2xf32>, tensor<4xf32>) -> tensor<1x6x4xf32>
  return %y : tensor<1x6x4xf32>
}

// -----

// Two batch dims are flattened and restored. An f32 mask on a bf16 kernel
// makes the product f32, and so the whole computation (spec §8).
// CHECK-LABEL: func.func @batch_mask_promotion
//       CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2], [3]] : tensor<2x3x5x2xbf16> into tensor<6x5x2xbf16>
//       CHECK: arith.extf %{{.*}} : bf16 to f32
//       CHECK: ^bb0(%[[W:.*]]: bf16, %[[M:.*]]: f32, %{{.*}}: f32):
//       CHECK:   %[[WF:.*]] = arith.extf %[[W]] : bf16 to f32
//       CHECK:   arith.mulf %[[WF]], %[[M]] : f32
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} outs(%{{.*}} : tensor<6x5x4xf32>)
//       CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 10, 4] : tensor<6x10x4xf32> into tensor<2x3x10x4xf32>
func.func @batch_mask_promotion(%x: tensor<2x3x5x2xbf16>, %k: tensor<2x2x4xbf16>, %m: tensor<2x2x4xf32>, %b: tensor<4xbf16>) -> tensor<2x3x10x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b mask %m {features = 4, kernel_size = 2, strides = 2}
       : (tensor<2x3x5x2xbf16>, tensor<2x2x4xbf16>, tensor<4xbf16>, tensor<2x2x4xf32>) -> tensor<2x3x10x4xf32>
  return %y : tensor<2x3x10x4xf32>
}

// -----

// f16 convolves f16 operands into an f32 accumulator and rounds once.
// CHECK-LABEL: func.func @half
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x5x2xf16>, tensor<1x2x4xf16>) outs(%{{.*}} : tensor<1x5x4xf32>)
//       CHECK: arith.truncf %{{.*}} : f32 to f16
//       CHECK: return %{{.*}} : tensor<1x10x4xf16>
func.func @half(%x: tensor<1x5x2xf16>, %k: tensor<2x2x4xf16>) -> tensor<1x10x4xf16> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 2, strides = 2, use_bias = false}
       : (tensor<1x5x2xf16>, tensor<2x2x4xf16>) -> tensor<1x10x4xf16>
  return %y : tensor<1x10x4xf16>
}

// -----

// Unbatched input gets a batch of 1; i32 inputs compute in f32.
// CHECK-LABEL: func.func @unbatched_int
//       CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [1, 4, 2] : tensor<4x2xi32> into tensor<1x4x2xi32>
//       CHECK: arith.sitofp %{{.*}} : i32 to f32
//       CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<1x5x3xf32> into tensor<5x3xf32>
func.func @unbatched_int(%x: tensor<4x2xi32>, %k: tensor<2x2x3xi32>) -> tensor<5x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = 2, padding = "VALID", use_bias = false}
       : (tensor<4x2xi32>, tensor<2x2x3xi32>) -> tensor<5x3xf32>
  return %y : tensor<5x3xf32>
}

// -----

// Dynamic sizes: the output length 2*H and the phase lengths are computed.
// CHECK-LABEL: func.func @dynamic
//       CHECK: %[[H:.*]] = tensor.dim %{{.*}}, %c1 : tensor<?x?x2xf32>
//       CHECK: arith.muli %[[H]], %c2
//       CHECK: tensor.pad
//       CHECK: } : tensor<?x?x2xf32> to tensor<?x?x2xf32>
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<?x?x4xf32>
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} -> tensor<?x?x4xf32>
func.func @dynamic(%x: tensor<?x?x2xf32>, %k: tensor<3x2x4xf32>) -> tensor<?x?x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, use_bias = false}
       : (tensor<?x?x2xf32>, tensor<3x2x4xf32>) -> tensor<?x?x4xf32>
  return %y : tensor<?x?x4xf32>
}

// -----

// Two dynamic batch dims: one dynamic size per group restores them with
// tensor.expand_shape, two with tensor.reshape (MLIR 22's
// expand-strided-metadata crashes on such a memref.expand_shape).
// CHECK-LABEL: func.func @dynamic_batch
//       CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2], [3]] : tensor<?x?x5x2xf32> into tensor<?x5x2xf32>
//       CHECK: %[[SHAPE:.*]] = tensor.from_elements %{{.*}}, %{{.*}}, %c10, %c4 : tensor<4xindex>
//       CHECK: tensor.reshape %{{.*}}(%[[SHAPE]]) : (tensor<?x10x4xf32>, tensor<4xindex>) -> tensor<?x?x10x4xf32>
// CHECK-LABEL: func.func @one_dynamic_batch
//       CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3]] output_shape [%{{.*}}, 3, 10, 4] : tensor<?x10x4xf32> into tensor<?x3x10x4xf32>
func.func @dynamic_batch(%x: tensor<?x?x5x2xf32>, %k: tensor<2x2x4xf32>) -> tensor<?x?x10x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 2, strides = 2, use_bias = false}
       : (tensor<?x?x5x2xf32>, tensor<2x2x4xf32>) -> tensor<?x?x10x4xf32>
  return %y : tensor<?x?x10x4xf32>
}
func.func @one_dynamic_batch(%x: tensor<?x3x5x2xf32>, %k: tensor<2x2x4xf32>) -> tensor<?x3x10x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 2, strides = 2, use_bias = false}
       : (tensor<?x3x5x2xf32>, tensor<2x2x4xf32>) -> tensor<?x3x10x4xf32>
  return %y : tensor<?x3x10x4xf32>
}

// -----

// CIRCULAR over a dynamic length: the number of periods and the period are
// both dynamic, so the split into periods is a tensor.reshape. An empty
// length, which the verifier rejects where it is static, fails a run-time
// check before the fold divides by the period.
// CHECK-LABEL: func.func @circular_dynamic
//  CHECK-SAME: (%[[X:[^:]*]]: tensor<1x?x2xf32>
//       CHECK: %[[C1:.*]] = arith.constant 1 : index
//       CHECK: %[[LENGTH:.*]] = tensor.dim %[[X]], %[[C1]]
//       CHECK: %[[NONEMPTY:.*]] = arith.cmpi ne, %[[LENGTH]], %{{.*}} : index
//       CHECK: cf.assert %[[NONEMPTY]], "{{.*}}lowering.mlir:[[# @LINE + 6]]:8: CIRCULAR padding needs non-empty spatial dims, but spatial dim 0 of the input is empty (Flax: ZeroDivisionError)"
//       CHECK: tensor.pad
//       CHECK: tensor.from_elements %{{.*}}, %{{.*}}, %{{.*}}, %c4 : tensor<4xindex>
//       CHECK: %[[PERIODS:.*]] = tensor.reshape %{{.*}} : (tensor<1x?x4xf32>, tensor<4xindex>) -> tensor<1x?x?x4xf32>
//       CHECK: linalg.reduce ins(%[[PERIODS]] : tensor<1x?x?x4xf32>) outs(%{{.*}} : tensor<1x?x4xf32>) dimensions = [1]
func.func @circular_dynamic(%x: tensor<1x?x2xf32>, %k: tensor<3x2x4xf32>) -> tensor<1x?x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false}
       : (tensor<1x?x2xf32>, tensor<3x2x4xf32>) -> tensor<1x?x4xf32>
  return %y : tensor<1x?x4xf32>
}

// -----

// The verifier's shape rules for the sizes it cannot see are checked at run
// time: the kernel, mask and bias against kernel_size, in_features and
// features, pads too negative for a dynamic length, and the static sizes of
// the result against those computed. Static sizes need no checks.
// CHECK-LABEL: func.func @run_time_checks
//  CHECK-SAME: (%[[X:[^:]*]]: tensor<1x?x?xf32>, %[[K:[^:]*]]: tensor<?x3x4xf32>, %[[M:[^:]*]]: tensor<1x?x4xf32>, %[[B:[^:]*]]: tensor<?xf32>)
//       CHECK: %[[IN:.*]] = tensor.dim %[[X]], %c2
//       CHECK: %[[KD0:.*]] = tensor.dim %[[K]], %c0
//       CHECK: %[[OK0:.*]] = arith.cmpi eq, %[[KD0]], %c1
//       CHECK: cf.assert %[[OK0]], "{{.*}}lowering.mlir:[[# @LINE + 13]]:8: kernel dim 0 does not match the expected shape (1, in_features, 4) = kernel_size + (in_features, features)"
//       CHECK: %[[OK1:.*]] = arith.cmpi eq, %c3, %[[IN]]
//       CHECK: cf.assert %[[OK1]], "{{.*}}: kernel dim 1 does not match
//       CHECK: cf.assert %{{.*}}, "{{.*}}: mask dim 1 does not match the expected shape (1, in_features, 4)
//   CHECK-NOT: cf.assert %{{.*}}, "{{.*}}: mask dim 0
//       CHECK: tensor.dim %[[B]]
//       CHECK: cf.assert %{{.*}}, "{{.*}}: bias size does not match 'features' = 4"
//       CHECK: %[[LENGTH:.*]] = tensor.dim %[[X]]
//       CHECK: arith.cmpi sge
//       CHECK: cf.assert %{{.*}}, "{{.*}}: Negative padding is larger than the size of the corresponding dimension: spatial dim 0"
//       CHECK: cf.assert %{{.*}}, "{{.*}}: the result type does not match the output size of dim 1"
//       CHECK: tensor.cast %{{.*}} : tensor<1x?x4xf32> to tensor<1x5x4xf32>
func.func @run_time_checks(%x: tensor<1x?x?xf32>, %k: tensor<?x3x4xf32>, %m: tensor<1x?x4xf32>, %b: tensor<?xf32>) -> tensor<1x5x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b mask %m {features = 4, kernel_size = 1, padding = [[-1, -2]]}
       : (tensor<1x?x?xf32>, tensor<?x3x4xf32>, tensor<?xf32>, tensor<1x?x4xf32>) -> tensor<1x5x4xf32>
  return %y : tensor<1x5x4xf32>
}
// CHECK-LABEL: func.func @static_sizes
//   CHECK-NOT: cf.assert
//       CHECK: return
func.func @static_sizes(%x: tensor<1x8x3xf32>, %k: tensor<1x3x4xf32>, %m: tensor<1x3x4xf32>, %b: tensor<4xf32>) -> tensor<1x5x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b mask %m {features = 4, kernel_size = 1, padding = [[-1, -2]]}
       : (tensor<1x8x3xf32>, tensor<1x3x4xf32>, tensor<4xf32>, tensor<1x3x4xf32>) -> tensor<1x5x4xf32>
  return %y : tensor<1x5x4xf32>
}
