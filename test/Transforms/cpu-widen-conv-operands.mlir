// RUN: convt-opt %s --convt-cpu-widen-conv-operands="vector-bits=512 bf16-dot=off" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-widen-conv-operands="vector-bits=512 bf16-dot=on" --split-input-file | FileCheck %s --check-prefix=DOT
// RUN: not convt-opt %s --convt-cpu-widen-conv-operands="bf16-dot=maybe" --split-input-file 2>&1 | FileCheck %s --check-prefix=BF16
// RUN: not convt-opt %s --convt-cpu-widen-conv-operands="vector-bits=100" --split-input-file 2>&1 | FileCheck %s --check-prefix=BITS
// BF16: cpu-widen-conv-operands.mlir:[[# @LINE + 27]]:1: error: bf16-dot must be host, on or off; got 'maybe'
// BITS: cpu-widen-conv-operands.mlir:[[# @LINE + 26]]:1: error: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 100

// Two phase convolutions of f16 operands, as convt-to-linalg emits them:
// views of one zero-padded input and strided views of one kernel. The input
// and the kernel are each widened once, the padding and the views rebuilt on
// the widened tensors, and the convolutions (with their own attributes) read
// f32.
// CHECK-LABEL: func.func @phases
//  CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xf16>, %[[K:.*]]: tensor<2x2x3x5xf16>
//       CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x2x3x5xf32>
//       CHECK: %[[WK:.*]] = linalg.generic {{.*}} ins(%[[K]] : tensor<2x2x3x5xf16>) outs(%[[EMPTY]] : tensor<2x2x3x5xf32>)
//       CHECK:   arith.extf %{{.*}} : f16 to f32
//       CHECK: %[[WX:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x4x4x3xf16>)
//       CHECK:   arith.extf %{{.*}} : f16 to f32
//       CHECK: %[[CST:.*]] = arith.constant 0.000000e+00 : f16
//       CHECK: %[[ZERO:.*]] = arith.extf %[[CST]] : f16 to f32
//       CHECK: %[[PAD:.*]] = tensor.pad %[[WX]] low[0, 1, 1, 0] high[0, 1, 1, 0]
//       CHECK:   tensor.yield %[[ZERO]] : f32
//       CHECK: } : tensor<1x4x4x3xf32> to tensor<1x6x6x3xf32>
//       CHECK: %[[IN0:.*]] = tensor.extract_slice %[[PAD]][0, 0, 0, 0] [1, 5, 5, 3] [1, 1, 1, 1] : tensor<1x6x6x3xf32> to tensor<1x5x5x3xf32>
//       CHECK: %[[K0:.*]] = tensor.extract_slice %[[WK]][0, 0, 0, 0] [1, 1, 3, 5] [2, 2, 1, 1] : tensor<2x2x3x5xf32> to tensor<1x1x3x5xf32>
//       CHECK: linalg.conv_2d_nhwc_hwcf {convt.allow_tf32, dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[IN0]], %[[K0]] : tensor<1x5x5x3xf32>, tensor<1x1x3x5xf32>)
//       CHECK: %[[IN1:.*]] = tensor.extract_slice %[[PAD]][0, 1, 1, 0]
//       CHECK: %[[K1:.*]] = tensor.extract_slice %[[WK]][1, 1, 0, 0]
//       CHECK: linalg.conv_2d_nhwc_hwcf {convt.allow_tf32, {{.*}}} ins(%[[IN1]], %[[K1]] : tensor<1x5x5x3xf32>, tensor<1x1x3x5xf32>)
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
func.func @phases(%x: tensor<1x4x4x3xf16>, %k: tensor<2x2x3x5xf16>,
                  %out: tensor<1x5x5x5xf32>) -> (tensor<1x5x5x5xf32>, tensor<1x5x5x5xf32>) {
  %zero = arith.constant 0.0 : f16
  %padded = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %l: index, %m: index):
    tensor.yield %zero : f16
  } : tensor<1x4x4x3xf16> to tensor<1x6x6x3xf16>
  %in0 = tensor.extract_slice %padded[0, 0, 0, 0] [1, 5, 5, 3] [1, 1, 1, 1] : tensor<1x6x6x3xf16> to tensor<1x5x5x3xf16>
  %k0 = tensor.extract_slice %k[0, 0, 0, 0] [1, 1, 3, 5] [2, 2, 1, 1] : tensor<2x2x3x5xf16> to tensor<1x1x3x5xf16>
  %y0 = linalg.conv_2d_nhwc_hwcf {convt.allow_tf32, dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in0, %k0 : tensor<1x5x5x3xf16>, tensor<1x1x3x5xf16>) outs(%out : tensor<1x5x5x5xf32>) -> tensor<1x5x5x5xf32>
  %in1 = tensor.extract_slice %padded[0, 1, 1, 0] [1, 5, 5, 3] [1, 1, 1, 1] : tensor<1x6x6x3xf16> to tensor<1x5x5x3xf16>
  %k1 = tensor.extract_slice %k[1, 1, 0, 0] [1, 1, 3, 5] [2, 2, 1, 1] : tensor<2x2x3x5xf16> to tensor<1x1x3x5xf16>
  %y1 = linalg.conv_2d_nhwc_hwcf {convt.allow_tf32, dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in1, %k1 : tensor<1x5x5x3xf16>, tensor<1x1x3x5xf16>) outs(%out : tensor<1x5x5x5xf32>) -> tensor<1x5x5x5xf32>
  return %y0, %y1 : tensor<1x5x5x5xf32>, tensor<1x5x5x5xf32>
}

// -----

// bf16 operands: widened without vdpbf16ps, kept for it. Dynamic sizes carry
// over.
// CHECK-LABEL: func.func @bf16_dynamic
//  CHECK-SAME: (%[[X:.*]]: tensor<?x?x8xbf16>, %[[K:.*]]: tensor<3x8x16xbf16>
//       CHECK: %[[WK:.*]] = linalg.generic {{.*}} ins(%[[K]] : tensor<3x8x16xbf16>)
//       CHECK:   arith.extf %{{.*}} : bf16 to f32
//       CHECK: %[[C0:.*]] = arith.constant 0 : index
//       CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]]
//       CHECK: %[[C1:.*]] = arith.constant 1 : index
//       CHECK: %[[W:.*]] = tensor.dim %[[X]], %[[C1]]
//       CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]], %[[W]]) : tensor<?x?x8xf32>
//       CHECK: %[[WX:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x?x8xbf16>) outs(%[[EMPTY]] : tensor<?x?x8xf32>)
//       CHECK:   arith.extf %{{.*}} : bf16 to f32
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%[[WX]], %[[WK]] : tensor<?x?x8xf32>, tensor<3x8x16xf32>)
// DOT-LABEL: func.func @bf16_dynamic
//   DOT-NOT: arith.extf
//       DOT: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<?x?x8xbf16>, tensor<3x8x16xbf16>)
func.func @bf16_dynamic(%x: tensor<?x?x8xbf16>, %k: tensor<3x8x16xbf16>,
                        %out: tensor<?x?x16xf32>) -> tensor<?x?x16xf32> {
  %y = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : tensor<?x?x8xbf16>, tensor<3x8x16xbf16>) outs(%out : tensor<?x?x16xf32>) -> tensor<?x?x16xf32>
  return %y : tensor<?x?x16xf32>
}

// -----

// vdpbf16ps takes bf16 inputs and kernels, both: with an f32 kernel the
// input widens whatever bf16-dot says. f32 operands of an f64 convolution
// widen to f64. Function arguments widen at the function's start.
// CHECK-LABEL: func.func @mixed
//  CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x2xbf16>, %[[K:.*]]: tensor<2x2x2x4xf32>, %{{.*}}, %[[X3:.*]]: tensor<1x2x2x2x2xf32>, %[[K3:.*]]: tensor<1x1x1x2x4xf32>
//       CHECK: %[[WK3:.*]] = linalg.generic {{.*}} ins(%[[K3]] :
//       CHECK:   arith.extf %{{.*}} : f32 to f64
//       CHECK: %[[WX3:.*]] = linalg.generic {{.*}} ins(%[[X3]] :
//       CHECK:   arith.extf %{{.*}} : f32 to f64
//       CHECK: %[[WX:.*]] = linalg.generic {{.*}} ins(%[[X]] :
//       CHECK:   arith.extf %{{.*}} : bf16 to f32
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[WX]], %[[K]] : tensor<1x3x3x2xf32>, tensor<2x2x2x4xf32>)
//       CHECK: linalg.conv_3d_ndhwc_dhwcf {{.*}} ins(%[[WX3]], %[[WK3]] : tensor<1x2x2x2x2xf64>, tensor<1x1x1x2x4xf64>)
// DOT-LABEL: func.func @mixed
//       DOT: arith.extf %{{.*}} : bf16 to f32
func.func @mixed(%x: tensor<1x3x3x2xbf16>, %k: tensor<2x2x2x4xf32>,
                 %out: tensor<1x2x2x4xf32>, %x3: tensor<1x2x2x2x2xf32>,
                 %k3: tensor<1x1x1x2x4xf32>, %out3: tensor<1x2x2x2x4xf64>)
    -> (tensor<1x2x2x4xf32>, tensor<1x2x2x2x4xf64>) {
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : tensor<1x3x3x2xbf16>, tensor<2x2x2x4xf32>) outs(%out : tensor<1x2x2x4xf32>) -> tensor<1x2x2x4xf32>
  %y3 = linalg.conv_3d_ndhwc_dhwcf {dilations = dense<1> : tensor<3xi64>, strides = dense<1> : tensor<3xi64>}
    ins(%x3, %k3 : tensor<1x2x2x2x2xf32>, tensor<1x1x1x2x4xf32>) outs(%out3 : tensor<1x2x2x2x4xf64>) -> tensor<1x2x2x2x4xf64>
  return %y, %y3 : tensor<1x2x2x4xf32>, tensor<1x2x2x2x4xf64>
}

// -----

// An f16 input of an f64 and an f32 convolution widens once to each type:
// each convolution reads its own output's type.
// CHECK-LABEL: func.func @two_widths
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x6x4xf64>, tensor<3x4x8xf64>)
//       CHECK: linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x6x4xf32>, tensor<3x4x8xf32>)
func.func @two_widths(%x: tensor<1x6x4xf16>, %k: tensor<3x4x8xf16>,
                      %out64: tensor<1x4x8xf64>, %out32: tensor<1x4x8xf32>)
    -> (tensor<1x4x8xf64>, tensor<1x4x8xf32>) {
  %y64 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : tensor<1x6x4xf16>, tensor<3x4x8xf16>) outs(%out64 : tensor<1x4x8xf64>) -> tensor<1x4x8xf64>
  %y32 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%x, %k : tensor<1x6x4xf16>, tensor<3x4x8xf16>) outs(%out32 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  return %y64, %y32 : tensor<1x4x8xf64>, tensor<1x4x8xf32>
}

// -----

// Left alone: f32 operands of an f32 convolution, a strided convolution
// (not a phase convolution), and convolutions on buffers. A padding value
// computed inside the pad's region cannot be rebuilt: the padded tensor
// itself is widened.
// The f16 kernel widens at the function's start, for the last convolution.
// CHECK-LABEL: func.func @left_alone
//  CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x2xf32>, %[[K:.*]]: tensor<2x2x2x4xf32>, %{{.*}}, %[[X5:.*]]: tensor<1x5x5x2xf16>, %[[K16:.*]]: tensor<2x2x2x4xf16>, %[[XM:.*]]: memref<1x3x3x2xf16>, %[[KM:.*]]: memref<2x2x2x4xf16>
//       CHECK: %[[WK:.*]] = linalg.generic {{.*}} ins(%[[K16]] :
//       CHECK:   arith.extf %{{.*}} : f16 to f32
//   CHECK-NOT: arith.extf
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X]], %[[K]] : tensor<1x3x3x2xf32>, tensor<2x2x2x4xf32>)
//   CHECK-NOT: arith.extf
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[X5]], %[[K16]] : tensor<1x5x5x2xf16>, tensor<2x2x2x4xf16>)
//   CHECK-NOT: arith.extf
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[XM]], %[[KM]] : memref<1x3x3x2xf16>, memref<2x2x2x4xf16>)
//       CHECK: %[[PAD:.*]] = tensor.pad
//       CHECK:   arith.constant 0.000000e+00 : f16
//       CHECK: %[[WPAD:.*]] = linalg.generic {{.*}} ins(%[[PAD]] : tensor<1x3x3x2xf16>)
//       CHECK: linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[WPAD]], %[[WK]] : tensor<1x3x3x2xf32>, tensor<2x2x2x4xf32>)
func.func @left_alone(%x: tensor<1x3x3x2xf32>, %k: tensor<2x2x2x4xf32>,
                      %out: tensor<1x2x2x4xf32>, %x5: tensor<1x5x5x2xf16>,
                      %k16: tensor<2x2x2x4xf16>, %xm: memref<1x3x3x2xf16>,
                      %km: memref<2x2x2x4xf16>, %outm: memref<1x2x2x4xf32>,
                      %x1: tensor<1x1x1x2xf16>)
    -> (tensor<1x2x2x4xf32>, tensor<1x2x2x4xf32>, tensor<1x2x2x4xf32>) {
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %k : tensor<1x3x3x2xf32>, tensor<2x2x2x4xf32>) outs(%out : tensor<1x2x2x4xf32>) -> tensor<1x2x2x4xf32>
  %strided = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x5, %k16 : tensor<1x5x5x2xf16>, tensor<2x2x2x4xf16>) outs(%out : tensor<1x2x2x4xf32>) -> tensor<1x2x2x4xf32>
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xm, %km : memref<1x3x3x2xf16>, memref<2x2x2x4xf16>) outs(%outm : memref<1x2x2x4xf32>)
  %padded = tensor.pad %x1 low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i: index, %j: index, %l: index, %m: index):
    %zero = arith.constant 0.0 : f16
    tensor.yield %zero : f16
  } : tensor<1x1x1x2xf16> to tensor<1x3x3x2xf16>
  %z = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %k16 : tensor<1x3x3x2xf16>, tensor<2x2x2x4xf16>) outs(%out : tensor<1x2x2x4xf32>) -> tensor<1x2x2x4xf32>
  return %y, %strided, %z : tensor<1x2x2x4xf32>, tensor<1x2x2x4xf32>, tensor<1x2x2x4xf32>
}
