// RUN: convt-opt %s --convt-to-linalg --split-input-file | FileCheck %s

// Stride 2, k = 3, SAME: pads (2, 1) per dim. Four phases (r_h, r_w), each a
// stride-1 conv of the undilated input (padded by 1 on the low side) with the
// taps k = r + 2m. Every output lies in exactly one phase, so each phase
// initializes its own slice of the accumulator with the bias.
// CHECK-LABEL: func.func @stride2
//  CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xf32>, %[[K:.*]]: tensor<3x3x3x5xf32>, %[[B:.*]]: tensor<5xf32>)
//       CHECK: %[[ACC:.*]] = tensor.empty() : tensor<1x8x8x5xf32>
//       CHECK: %[[PAD:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 0, 0, 0]
//       CHECK: %[[IN00:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0, 0] [1, 5, 5, 3] [1, 1, 1, 1]
//       CHECK: %[[K00:.*]] = tensor.extract_slice %[[K]][0, 0, 0, 0] [2, 2, 3, 5] [2, 2, 1, 1]
//       CHECK: %[[OUT00:.*]] = tensor.extract_slice %[[ACC]][0, 0, 0, 0] [1, 4, 4, 5] [1, 2, 2, 1]
//       CHECK: %[[INIT00:.*]] = linalg.broadcast ins(%[[B]] : tensor<5xf32>) outs(%[[OUT00]] : tensor<1x4x4x5xf32>) dimensions = [0, 1, 2]
//       CHECK: %[[C00:.*]] = linalg.conv_2d_nhwc_hwcf {convt.allow_tf32, dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[IN00]], %[[K00]] : tensor<1x5x5x3xf32>, tensor<2x2x3x5xf32>) outs(%[[INIT00]] : tensor<1x4x4x5xf32>)
//       CHECK: %[[R00:.*]] = tensor.insert_slice %[[C00]] into %[[ACC]][0, 0, 0, 0] [1, 4, 4, 5] [1, 2, 2, 1]
//       CHECK: tensor.extract_slice %[[K]][0, 1, 0, 0] [2, 1, 3, 5] [2, 2, 1, 1]
//       CHECK: linalg.broadcast ins(%[[B]]
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} : tensor<1x5x4x3xf32>, tensor<2x1x3x5xf32>) outs(%{{.*}} : tensor<1x4x4x5xf32>)
//       CHECK: tensor.insert_slice %{{.*}} into %[[R00]][0, 0, 1, 0] [1, 4, 4, 5] [1, 2, 2, 1]
//       CHECK: tensor.extract_slice %[[K]][1, 0, 0, 0] [1, 2, 3, 5] [2, 2, 1, 1]
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} : tensor<1x4x5x3xf32>, tensor<1x2x3x5xf32>) outs(%{{.*}} : tensor<1x4x4x5xf32>)
//       CHECK: tensor.extract_slice %[[K]][1, 1, 0, 0] [1, 1, 3, 5] [2, 2, 1, 1]
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} : tensor<1x4x4x3xf32>, tensor<1x1x3x5xf32>) outs(%{{.*}} : tensor<1x4x4x5xf32>)
//       CHECK: %[[RES:.*]] = tensor.insert_slice %{{.*}}[0, 1, 1, 0] [1, 4, 4, 5] [1, 2, 2, 1]
//   CHECK-NOT: linalg.conv
//       CHECK: return %[[RES]]
func.func @stride2(%x: tensor<1x4x4x3xf32>, %k: tensor<3x3x3x5xf32>, %b: tensor<5xf32>) -> tensor<1x8x8x5xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 5, kernel_size = array<i64: 3, 3>, strides = 2, padding = "SAME"}
       : (tensor<1x4x4x3xf32>, tensor<3x3x3x5xf32>, tensor<5xf32>) -> tensor<1x8x8x5xf32>
  return %y : tensor<1x8x8x5xf32>
}

// -----

// Stride 3, dilation 2, k = 4, VALID: pads (6, 6), E = 7, output 19. gcd = 1,
// so the three phases take taps {0, 3}, {1} and {2} (kernel slices with
// stride 3), keep dilation 2 and read the input from pixel -2, -1 and 0.
// Each phase zeroes its own slice.
// CHECK-LABEL: func.func @stride3_dilation2
//       CHECK: %[[ACC:.*]] = tensor.empty() : tensor<2x19x6xf32>
//       CHECK: %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 2, 0] high[0, 2, 0]
//       CHECK: } : tensor<2x5x3xf32> to tensor<2x9x3xf32>
//       CHECK: %[[IN0:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0] [2, 9, 3] [1, 1, 1]
//       CHECK: %[[K0:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0] [2, 3, 6] [3, 1, 1]
//       CHECK: %[[OUT0:.*]] = tensor.extract_slice %[[ACC]][0, 0, 0] [2, 7, 6] [1, 3, 1]
//       CHECK: %[[ZERO0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[OUT0]] : tensor<2x7x6xf32>)
//       CHECK: linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%[[IN0]], %[[K0]] : tensor<2x9x3xf32>, tensor<2x3x6xf32>) outs(%[[ZERO0]] : tensor<2x7x6xf32>)
//       CHECK: tensor.extract_slice %[[PAD]][0, 1, 0] [2, 6, 3] [1, 1, 1]
//       CHECK: tensor.extract_slice %{{.*}}[1, 0, 0] [1, 3, 6] [3, 1, 1]
//       CHECK: tensor.extract_slice %{{.*}}[0, 1, 0] [2, 6, 6] [1, 3, 1]
//       CHECK: linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%{{.*}}, %{{.*}} : tensor<2x6x3xf32>, tensor<1x3x6xf32>) outs(%{{.*}} : tensor<2x6x6xf32>)
//       CHECK: tensor.extract_slice %[[PAD]][0, 2, 0] [2, 6, 3] [1, 1, 1]
//       CHECK: tensor.extract_slice %{{.*}}[2, 0, 0] [1, 3, 6] [3, 1, 1]
//       CHECK: tensor.extract_slice %{{.*}}[0, 2, 0] [2, 6, 6] [1, 3, 1]
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} : tensor<2x6x3xf32>, tensor<1x3x6xf32>) outs(%{{.*}} : tensor<2x6x6xf32>)
//   CHECK-NOT: linalg.conv
func.func @stride3_dilation2(%x: tensor<2x5x3xf32>, %k: tensor<4x3x6xf32>) -> tensor<2x19x6xf32> {
  %y = convt.conv_transpose %x, %k {features = 6, kernel_size = 4, strides = 3, kernel_dilation = 2, padding = "VALID", use_bias = false}
       : (tensor<2x5x3xf32>, tensor<4x3x6xf32>) -> tensor<2x19x6xf32>
  return %y : tensor<2x19x6xf32>
}

// -----

// Stride 2 and dilation 2 share the factor 2: every tap lands on the even
// outputs (SAME pads (2, 1) here), so there is one phase, with dilation 1,
// and the odd outputs stay zero: the whole output is zeroed first.
// CHECK-LABEL: func.func @common_factor
//       CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<1x12x1xf32>
//       CHECK: tensor.extract_slice %{{.*}}[0, 0, 0] [2, 1, 1] [1, 1, 1]
//       CHECK: %[[EVEN:.*]] = tensor.extract_slice %[[ZERO]][0, 0, 0] [1, 6, 1] [1, 2, 1]
//       CHECK: linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x7x1xf32>, tensor<2x1x1xf32>) outs(%[[EVEN]] : tensor<1x6x1xf32>)
//   CHECK-NOT: linalg.conv
func.func @common_factor(%x: tensor<1x6x1xf32>, %k: tensor<2x1x1xf32>) -> tensor<1x12x1xf32> {
  %y = convt.conv_transpose %x, %k {features = 1, kernel_size = 2, strides = 2, kernel_dilation = 2, padding = "SAME", use_bias = false}
       : (tensor<1x6x1xf32>, tensor<2x1x1xf32>) -> tensor<1x12x1xf32>
  return %y : tensor<1x12x1xf32>
}

// -----

// No spatial dims: a dense layer.
// CHECK-LABEL: func.func @dense
//       CHECK: linalg.matmul {convt.allow_tf32} ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<3x2xf32>) outs(%{{.*}} : tensor<4x2xf32>)
func.func @dense(%x: tensor<4x3xf32>, %k: tensor<3x2xf32>) -> tensor<4x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = array<i64>, use_bias = false}
       : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// An empty kernel contributes nothing: the result is the bias.
// CHECK-LABEL: func.func @empty_kernel
//   CHECK-NOT: linalg.conv
//       CHECK: linalg.broadcast
//   CHECK-NOT: linalg.conv
func.func @empty_kernel(%x: tensor<1x3x2xf32>, %k: tensor<0x2x4xf32>, %b: tensor<4xf32>) -> tensor<1x6x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 0, strides = 2}
       : (tensor<1x3x2xf32>, tensor<0x2x4xf32>, tensor<4xf32>) -> tensor<1x6x4xf32>
  return %y : tensor<1x6x4xf32>
}

// -----

// So do zero input channels (a slice of the empty channel dim would not
// verify), with and without spatial dims.
// CHECK-LABEL: func.func @no_input_channels
//   CHECK-NOT: tensor.extract_slice
//   CHECK-NOT: linalg.conv
//       CHECK: linalg.fill
//       CHECK: linalg.generic
//       CHECK:   arith.truncf
//       CHECK:   arith.addf
//   CHECK-NOT: linalg.conv
// CHECK-LABEL: func.func @no_input_channels_0d
//   CHECK-NOT: linalg.matmul
//       CHECK: linalg.fill
//   CHECK-NOT: linalg.matmul
func.func @no_input_channels(%x: tensor<1x4x0xf16>, %k: tensor<3x0x2xf16>, %b: tensor<2xf16>) -> tensor<1x8x2xf16> {
  %y = convt.conv_transpose %x, %k bias %b {features = 2, kernel_size = 3, strides = 2}
       : (tensor<1x4x0xf16>, tensor<3x0x2xf16>, tensor<2xf16>) -> tensor<1x8x2xf16>
  return %y : tensor<1x8x2xf16>
}
func.func @no_input_channels_0d(%x: tensor<2x0xf32>, %k: tensor<0x2xf32>) -> tensor<2x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = [], use_bias = false}
       : (tensor<2x0xf32>, tensor<0x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

// A bias of dynamic size has `features` elements: it is cast to that size
// before it initializes the accumulators.
// CHECK-LABEL: func.func @dynamic_bias
//  CHECK-SAME: %[[B:[^:]*]]: tensor<?xf32>
//       CHECK: %[[CAST:.*]] = tensor.cast %[[B]] : tensor<?xf32> to tensor<4xf32>
//       CHECK: linalg.broadcast ins(%[[CAST]] : tensor<4xf32>)
func.func @dynamic_bias(%x: tensor<1x5x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<?xf32>) -> tensor<1x10x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, strides = 2}
       : (tensor<1x5x3xf32>, tensor<3x3x4xf32>, tensor<?xf32>) -> tensor<1x10x4xf32>
  return %y : tensor<1x10x4xf32>
}

// -----

// `precision` marks the convolutions that may use TF32 products: every
// form except HIGHEST for either operand (XLA's rule on GPUs).
// CHECK-LABEL: func.func @precision
//       CHECK: linalg.conv_1d_nwc_wcf {dilations
//       CHECK: linalg.conv_1d_nwc_wcf {dilations
//       CHECK: linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations
//       CHECK: linalg.conv_1d_nwc_wcf {convt.allow_tf32, dilations
func.func @precision(%x: tensor<1x3x2xf32>, %k: tensor<1x2x4xf32>) -> (tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>) {
  %a = convt.conv_transpose %x, %k {features = 4, kernel_size = 1, use_bias = false, precision = "highest"}
       : (tensor<1x3x2xf32>, tensor<1x2x4xf32>) -> tensor<1x3x4xf32>
  %b = convt.conv_transpose %x, %k {features = 4, kernel_size = 1, use_bias = false, precision = ["high", "float32"]}
       : (tensor<1x3x2xf32>, tensor<1x2x4xf32>) -> tensor<1x3x4xf32>
  %c = convt.conv_transpose %x, %k {features = 4, kernel_size = 1, use_bias = false, precision = ["high", "default"]}
       : (tensor<1x3x2xf32>, tensor<1x2x4xf32>) -> tensor<1x3x4xf32>
  %d = convt.conv_transpose %x, %k {features = 4, kernel_size = 1, use_bias = false, precision = "F32_F32_F32"}
       : (tensor<1x3x2xf32>, tensor<1x2x4xf32>) -> tensor<1x3x4xf32>
  return %a, %b, %c, %d : tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>, tensor<1x3x4xf32>
}

// -----

// Where the result needs an epilogue (here rounding f32 sums to bf16 and the
// bias), each phase accumulates into an allocation of its own and applies
// the epilogue into its slice of the result, which the CPU kernels fuse into
// their stores.
// CHECK-LABEL: func.func @phase_epilogue
//  CHECK-SAME: (%{{.*}}: tensor<1x3x2xbf16>, %{{.*}}: tensor<2x2x4xbf16>, %[[BIAS:.*]]: tensor<4xbf16>)
//       CHECK: %[[RESULT:.*]] = tensor.empty() : tensor<1x6x4xbf16>
//       CHECK: %[[SLICE0:.*]] = tensor.extract_slice %[[RESULT]][0, 1, 0] [1, 3, 4] [1, 2, 1]
//       CHECK: %[[ACC0:.*]] = bufferization.alloc_tensor() : tensor<1x3x4xf32>
//       CHECK: %[[ZERO0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[ACC0]] : tensor<1x3x4xf32>)
//       CHECK: %[[CONV0:.*]] = linalg.conv_1d_nwc_wcf {{.*}} outs(%[[ZERO0]] : tensor<1x3x4xf32>)
//       CHECK: %[[EPI0:.*]] = linalg.generic {{.*}} ins(%[[CONV0]], %[[BIAS]] : tensor<1x3x4xf32>, tensor<4xbf16>) outs(%[[SLICE0]] : tensor<1x3x4xbf16>)
//       CHECK:   arith.truncf
//       CHECK:   arith.addf
//       CHECK: %[[PART:.*]] = tensor.insert_slice %[[EPI0]] into %[[RESULT]][0, 1, 0] [1, 3, 4] [1, 2, 1]
//       CHECK: bufferization.alloc_tensor() : tensor<1x3x4xf32>
//       CHECK: linalg.generic
//       CHECK: tensor.insert_slice %{{.*}} into %[[PART]][0, 0, 0] [1, 3, 4] [1, 2, 1]
func.func @phase_epilogue(%x: tensor<1x3x2xbf16>, %k: tensor<2x2x4xbf16>, %b: tensor<4xbf16>) -> tensor<1x6x4xbf16> {
  %y = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 2, strides = 2, padding = "VALID"}
       : (tensor<1x3x2xbf16>, tensor<2x2x4xbf16>, tensor<4xbf16>) -> tensor<1x6x4xbf16>
  return %y : tensor<1x6x4xbf16>
}

// -----

// 17 phases (1-D, stride 17): more than 16, so the phases of equal sizes
// whose offsets step evenly become one loop, here all 17. Unrolled, a 2-D
// kernel and stride of 32 (1024 phases) did not compile in 200 s; as loops,
// in 0.3 s. Each phase accumulates in its slice of the loop's output, in
// place.
//       CHECK: #[[RESIDUE:.*]] = affine_map<(d0) -> (-d0 + 16)>
// CHECK-LABEL: func.func @many_phases
//       CHECK: %[[OUT:.*]] = tensor.empty() : tensor<1x34x2xf32>
//       CHECK: %[[C17:.*]] = arith.constant 17 : index
//       CHECK: %[[LOOP:.*]] = scf.for %[[I:[a-z0-9_]+]] = %{{.*}} to %[[C17]] step %{{.*}} iter_args(%[[DEST:.*]] = %[[OUT]])
//       CHECK:   %[[R:.*]] = affine.apply #[[RESIDUE]](%[[I]])
//       CHECK:   %[[IN:.*]] = tensor.extract_slice %arg0[0, 0, 0] [1, 2, 3] [1, 1, 1]
//       CHECK:   %[[K:.*]] = tensor.extract_slice %arg1[%[[I]], 0, 0] [1, 3, 2] [17, 1, 1]
//       CHECK:   %[[ACC:.*]] = tensor.extract_slice %[[DEST]][0, %[[R]], 0] [1, 2, 2] [1, 17, 1]
//       CHECK:   %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[ACC]] : tensor<1x2x2xf32>)
//       CHECK:   %[[PHASE:.*]] = linalg.conv_1d_nwc_wcf {{.*}} ins(%[[IN]], %[[K]] : {{.*}}) outs(%[[INIT]] : tensor<1x2x2xf32>)
//       CHECK:   %[[INS:.*]] = tensor.insert_slice %[[PHASE]] into %[[DEST]][0, %[[R]], 0] [1, 2, 2] [1, 17, 1]
//       CHECK:   scf.yield %[[INS]]
//   CHECK-NOT: linalg.conv
//       CHECK: return %[[LOOP]]
func.func @many_phases(%x: tensor<1x2x3xf32>, %k: tensor<17x3x2xf32>) -> tensor<1x34x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 17, strides = 17, use_bias = false}
     : (tensor<1x2x3xf32>, tensor<17x3x2xf32>) -> tensor<1x34x2xf32>
  return %y : tensor<1x34x2xf32>
}

// -----

// 2-D, kernel = stride = 5, pads (2, 6) per dim. Per dim, tap k0 writes
// residue (2 - k0) mod 5 and reads input base 0 for k0 <= 2, 1 for k0 >= 3:
// two runs of the 5 phases, so four loop nests over 25 phases.
// CHECK-LABEL: func.func @phase_runs_2d
//   CHECK-COUNT-2: scf.for
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} outs(%{{.*}} : tensor<1x2x2x4xf32>)
//   CHECK-COUNT-2: scf.for
//       CHECK: linalg.conv_2d_nhwc_hwcf
//   CHECK-COUNT-2: scf.for
//       CHECK: linalg.conv_2d_nhwc_hwcf
//   CHECK-COUNT-2: scf.for
//       CHECK: linalg.conv_2d_nhwc_hwcf
//   CHECK-NOT: linalg.conv
func.func @phase_runs_2d(%x: tensor<1x2x2x3xf32>, %k: tensor<5x5x3x4xf32>) -> tensor<1x10x10x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = [5, 5], strides = [5, 5], padding = [[2, 6], [2, 6]], use_bias = false}
     : (tensor<1x2x2x3xf32>, tensor<5x5x3x4xf32>) -> tensor<1x10x10x4xf32>
  return %y : tensor<1x10x10x4xf32>
}

// -----

// With a dynamic output length, the phases' lengths differ at run time; a run
// computes each phase's length from its residue, ceil((O - r) / 17).
// CHECK-LABEL: func.func @many_phases_dynamic
//       CHECK: scf.for %[[I:[a-z0-9_]+]] = {{.*}} -> (tensor<1x?x2xf32>)
//       CHECK:   %[[R:.*]] = affine.apply #{{.*}}(%[[I]])
//       CHECK:   %[[REST:.*]] = arith.subi %{{.*}}, %[[R]] : index
//       CHECK:   %[[L:.*]] = arith.maxsi
//       CHECK:   linalg.conv_1d_nwc_wcf {{.*}} -> tensor<1x?x2xf32>
//       CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[0, %[[R]], 0] [1, %[[L]], 2] [1, 17, 1]
//   CHECK-NOT: linalg.conv
func.func @many_phases_dynamic(%x: tensor<1x?x3xf32>, %k: tensor<17x3x2xf32>) -> tensor<1x?x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 17, strides = 17, use_bias = false}
     : (tensor<1x?x3xf32>, tensor<17x3x2xf32>) -> tensor<1x?x2xf32>
  return %y : tensor<1x?x2xf32>
}

// -----

// Kernel dilation 3 with stride 17: tap k0 writes residue (48 - 3 k0) mod 17,
// which wraps around every few taps, and the phases' lengths (VALID, output
// 66) are 4 below residue 15 and 3 from it. Runs of even steps would split
// the 17 phases into many loops, up to one per phase; as all have one tap,
// they form one modular run, whose residue, input base and length each phase
// computes from its first tap.
//       CHECK: #[[RESIDUE:.*]] = affine_map<(d0) -> (d0 * -3 - ((d0 * -3 + 48) floordiv 17) * 17 + 48)>
//       CHECK: #[[BASE:.*]] = affine_map<(d0) -> ((d0 * 3 - 48) ceildiv 17 + 2)>
// CHECK-LABEL: func.func @modular_runs
//       CHECK: scf.for %[[I:[a-z0-9_]+]] = %{{.*}} to %[[C17:.*]] step
//       CHECK:   %[[R:.*]] = affine.apply #[[RESIDUE]](%[[I]])
//       CHECK:   %[[B:.*]] = affine.apply #[[BASE]](%[[I]])
//       CHECK:   arith.subi %{{.*}}, %[[R]] : index
//       CHECK:   %[[L:.*]] = arith.maxsi
//       CHECK:   tensor.extract_slice %{{.*}}[0, %[[B]], 0]
//       CHECK:   tensor.extract_slice %arg1[%[[I]], 0, 0] [1, 3, 2] [17, 1, 1]
//       CHECK:   linalg.conv_1d_nwc_wcf {{.*}} -> tensor<1x?x2xf32>
//       CHECK:   tensor.insert_slice %{{.*}} into %{{.*}}[0, %[[R]], 0] [1, %[[L]], 2] [1, 17, 1]
//   CHECK-NOT: linalg.conv
func.func @modular_runs(%x: tensor<1x2x3xf32>, %k: tensor<17x3x2xf32>) -> tensor<1x66x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 17, strides = 17, kernel_dilation = 3, padding = "VALID", use_bias = false}
     : (tensor<1x2x3xf32>, tensor<17x3x2xf32>) -> tensor<1x66x2xf32>
  return %y : tensor<1x66x2xf32>
}
