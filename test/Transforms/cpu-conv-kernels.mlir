// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=256" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=512 threads=2" --split-input-file | FileCheck %s --check-prefix=AVX512

// 128 output channels with 8-lane vectors: blocks of 3 vectors x 4 rows (12
// accumulators, 3 kernel vectors and a broadcast fill the 16 registers; 4
// rows divide the width 32); the 8 leftover channels take a masked vector.
// CHECK-LABEL: func.func @conv2d
//   CHECK-NOT: linalg.conv_2d_nhwc_hwcf
//       CHECK: scf.for
//       CHECK: vector.load %{{.*}} : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>, vector<8xf32>
// CHECK-COUNT-11: vector.load %{{.*}} : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>, vector<8xf32>
//       CHECK: scf.for
//       CHECK: scf.for
//       CHECK: scf.for
// CHECK-COUNT-3: vector.load %{{.*}} : memref<2x2x256x128xf32{{.*}}>, vector<8xf32>
//       CHECK: memref.load
//       CHECK: vector.broadcast %{{.*}} : f32 to vector<8xf32>
// CHECK-COUNT-3: vector.fma
//       CHECK: memref.load
// CHECK-COUNT-3: vector.fma
//       CHECK: memref.load
// CHECK-COUNT-3: vector.fma
//       CHECK: memref.load
// CHECK-COUNT-3: vector.fma
//  CHECK-NEXT: scf.yield
// CHECK-COUNT-12: vector.store
//       CHECK: vector.create_mask %{{.*}} : vector<8xi1>
//       CHECK: vector.maskedload
//       CHECK: vector.maskedstore
// AVX512-LABEL: func.func @conv2d
//       AVX512: scf.parallel
//       AVX512: vector.fma %{{.*}} : vector<16xf32>
func.func @conv2d(%in: memref<1x33x33x256xf32, strided<[295936, 8704, 256, 1]>>,
                  %k: memref<2x2x256x128xf32, strided<[65536, 32768, 128, 1]>>,
                  %out: memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%in, %k : memref<1x33x33x256xf32, strided<[295936, 8704, 256, 1]>>, memref<2x2x256x128xf32, strided<[65536, 32768, 128, 1]>>)
    outs(%out : memref<1x32x32x128xf32, strided<[524288, 16384, 256, 1]>>)
  return
}

// -----

// f16 operands are extended to the f32 accumulator; the kernel dilation
// scales the tap offset of the input index.
// CHECK-LABEL: func.func @conv1d_f16
//       CHECK: %[[W:.*]] = vector.load %{{.*}} : memref<3x4x8xf16>, vector<8xf16>
//       CHECK: arith.extf %[[W]] : vector<8xf16> to vector<8xf32>
//       CHECK: arith.muli %{{.*}}, %c2
//       CHECK: %[[X:.*]] = memref.load %{{.*}} : memref<2x9x4xf16>
//       CHECK: arith.extf %[[X]] : f16 to f32
//       CHECK: vector.fma
func.func @conv1d_f16(%in: memref<2x9x4xf16>, %k: memref<3x4x8xf16>, %out: memref<2x5x8xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<2> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%in, %k : memref<2x9x4xf16>, memref<3x4x8xf16>) outs(%out : memref<2x5x8xf32>)
  return
}

// -----

// Strided convolutions and tensors are left to other lowerings.
// CHECK-LABEL: func.func @untouched
//       CHECK: linalg.conv_1d_nwc_wcf
//       CHECK: linalg.conv_1d_nwc_wcf
func.func @untouched(%in: memref<1x9x4xf32>, %k: memref<3x4x8xf32>, %out: memref<1x4x8xf32>,
                     %t: tensor<1x9x4xf32>, %tk: tensor<3x4x8xf32>, %to: tensor<1x7x8xf32>) -> tensor<1x7x8xf32> {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<2> : tensor<1xi64>}
    ins(%in, %k : memref<1x9x4xf32>, memref<3x4x8xf32>) outs(%out : memref<1x4x8xf32>)
  %r = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%t, %tk : tensor<1x9x4xf32>, tensor<3x4x8xf32>) outs(%to : tensor<1x7x8xf32>) -> tensor<1x7x8xf32>
  return %r : tensor<1x7x8xf32>
}

// -----

// CHECK-LABEL: func.func @bad_width
func.func @bad_width() {
  return
}
