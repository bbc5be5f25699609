// RUN: convt-opt %s --convt-to-linalg=batch-loop-bytes=1 --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-to-linalg --split-input-file | FileCheck %s --check-prefix=NEVER
// NEVER-NOT: scf.for
// RUN: not convt-opt %s --convt-to-linalg=batch-loop-bytes=-1 -split-input-file 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: batch-loop-bytes must be at least 0 (0: never); got -1
// RUN: convt-opt %s --convt-to-linalg=batch-loop-bytes=6152 --split-input-file | FileCheck %s --check-prefix=FEWER

// With batch-loop-bytes, a batch of images larger than the kernel loops over
// its images, each padded and convolved through all four phases (the bias
// initializing each phase's slice of the image) and inserted back.
// CHECK-LABEL: func.func @images
//  CHECK-SAME: (%[[X:.*]]: tensor<3x8x8x3xf32>, %[[K:.*]]: tensor<3x3x3x5xf32>, %[[B:.*]]: tensor<5xf32>)
//       CHECK: %[[OUT:.*]] = tensor.empty() : tensor<3x16x16x5xf32>
//       CHECK: %[[LOOP:.*]] = scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[DEST:.*]] = %[[OUT]]) -> (tensor<3x16x16x5xf32>)
//       CHECK:   %[[OUTN:.*]] = tensor.extract_slice %[[DEST]][%[[N]], 0, 0, 0] [1, 16, 16, 5] [1, 1, 1, 1]
//       CHECK:   %[[XN:.*]] = tensor.extract_slice %[[X]][%[[N]], 0, 0, 0] [1, 8, 8, 3] [1, 1, 1, 1]
//       CHECK:   tensor.pad %[[XN]] low[0, 1, 1, 0] high[0, 0, 0, 0]
//       CHECK:   linalg.broadcast ins(%[[B]] : tensor<5xf32>) outs(%{{.*}} : tensor<1x8x8x5xf32>)
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   %[[PHASES:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 1, 1, 0] [1, 8, 8, 5] [1, 2, 2, 1]
//       CHECK:   %[[IMAGE:.*]] = tensor.insert_slice %[[PHASES]] into %[[DEST]][%[[N]], 0, 0, 0] [1, 16, 16, 5] [1, 1, 1, 1]
//       CHECK:   scf.yield %[[IMAGE]]
//       CHECK: return %[[LOOP]]
func.func @images(%x: tensor<3x8x8x3xf32>, %k: tensor<3x3x3x5xf32>, %b: tensor<5xf32>) -> tensor<3x16x16x5xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "SAME"}
     : (tensor<3x8x8x3xf32>, tensor<3x3x3x5xf32>, tensor<5xf32>) -> tensor<3x16x16x5xf32>
  return %y : tensor<3x16x16x5xf32>
}

// -----

// Not for a kernel larger than one image (it would be read once per image),
// one image, or images of dynamic sizes.
// CHECK-LABEL: func.func @no_loop
//   CHECK-NOT: scf.for
//       CHECK: return
func.func @no_loop(%x: tensor<3x4x4x3xf32>, %k: tensor<3x3x3x5xf32>, %one: tensor<1x8x8x3xf32>, %dyn: tensor<?x?x8x3xf32>) -> (tensor<3x8x8x5xf32>, tensor<1x16x16x5xf32>, tensor<?x?x16x5xf32>) {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<3x4x4x3xf32>, tensor<3x3x3x5xf32>) -> tensor<3x8x8x5xf32>
  %z = convt.conv_transpose %one, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<1x8x8x3xf32>, tensor<3x3x3x5xf32>) -> tensor<1x16x16x5xf32>
  %w = convt.conv_transpose %dyn, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<?x?x8x3xf32>, tensor<3x3x3x5xf32>) -> tensor<?x?x16x5xf32>
  return %y, %z, %w : tensor<3x8x8x5xf32>, tensor<1x16x16x5xf32>, tensor<?x?x16x5xf32>
}

// -----

// A dynamic batch of static images loops over them where 8 images would
// reach batch-loop-bytes: one image here has 768 bytes, 8 have 6144.
// CHECK-LABEL: func.func @dynamic_batch
//  CHECK-SAME: (%[[X:.*]]: tensor<?x8x8x3xf32>,
//       CHECK: tensor.dim %[[X]]
//       CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}}) -> (tensor<?x16x16x5xf32>)
//       CHECK:   tensor.extract_slice %[[X]][%[[I]], 0, 0, 0] [1, 8, 8, 3] [1, 1, 1, 1] : tensor<?x8x8x3xf32> to tensor<1x8x8x3xf32>
// CHECK-COUNT-4:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   scf.yield
// FEWER-LABEL: func.func @dynamic_batch
//   FEWER-NOT: scf.for
//       FEWER: return
func.func @dynamic_batch(%x: tensor<?x8x8x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<?x16x16x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<?x8x8x3xf32>, tensor<3x3x3x5xf32>) -> tensor<?x16x16x5xf32>
  return %y : tensor<?x16x16x5xf32>
}
