// RUN: convt-opt %s --convt-to-linalg="batch-loop-bytes=1 row-band-bytes=1" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-to-linalg="batch-loop-bytes=1 row-band-bytes=1232" --split-input-file | FileCheck %s --check-prefix=TWO-ROWS
// RUN: convt-opt %s --convt-to-linalg="batch-loop-bytes=1 row-band-bytes=4096" --split-input-file | FileCheck %s --check-prefix=ONE-BAND
// RUN: convt-opt %s --convt-to-linalg="batch-loop-bytes=1 row-band-bytes=1 threads=2" --split-input-file | FileCheck %s --check-prefix=THREADS
// RUN: convt-opt %s --convt-to-linalg="batch-loop-bytes=1000 row-band-bytes=1" --split-input-file | FileCheck %s --check-prefix=NEVER
// RUN: not convt-opt %s --convt-to-linalg=row-band-bytes=-1 -split-input-file 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: row-band-bytes must be at least 0 (0: never); got -1
// RUN: not convt-opt %s --convt-to-linalg=threads=0 -split-input-file 2>&1 | FileCheck %s --check-prefix=NO-THREADS
// NO-THREADS: error: threads must be at least 1; got 0

// With row-band-bytes, each image of the batch loop goes through its four
// phases band by band: here bands of 1 row (row-band-bytes=1), 8 of them, as
// many as the shortest phase has rows. Band %[[R]] convolves the phases into
// its block of output rows 2*%[[R]] and 2*%[[R]]+1, reading padded input rows
// from %[[R]] (plus 1 for the phases of odd rows). The two phases of even
// rows have a ninth row left, convolved after the loop; those of odd rows
// have none.
// CHECK-LABEL: func.func @bands
//       CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}}) -> (tensor<3x17x13x5xf32>)
//       CHECK:   %[[PADDED:.*]] = tensor.pad
//       CHECK:   %[[BANDS:.*]] = scf.for %[[R:.*]] = %{{.*}} to %c8 step %{{.*}} iter_args(%[[DEST:.*]] = %{{.*}}) -> (tensor<1x17x13x5xf32>)
//       CHECK:     %[[ROW:.*]] = arith.muli %[[R]], %c2
//       CHECK:     %[[BLOCK:.*]] = tensor.extract_slice %[[DEST]][0, %[[ROW]], 0, 0] [1, 2, 13, 5] [1, 1, 1, 1]
//       CHECK:     tensor.extract_slice %[[PADDED]][0, %[[R]], 0, 0] [1, 2, 8, 3] [1, 1, 1, 1]
//       CHECK:     tensor.extract_slice %[[BLOCK]][0, 0, 0, 0] [1, 1, 7, 5] [1, 2, 2, 1]
//       CHECK:     linalg.conv_2d_nhwc_hwcf
//  CHECK-SAME:       tensor<1x2x8x3xf32>, tensor<2x2x3x5xf32>
//       CHECK:     linalg.conv_2d_nhwc_hwcf
//       CHECK:     %[[ODD_IN:.*]] = arith.addi %c1{{.*}}, %[[R]]
//       CHECK:     tensor.extract_slice %[[PADDED]][0, %[[ODD_IN]], 0, 0] [1, 1, 8, 3] [1, 1, 1, 1]
//       CHECK:     tensor.extract_slice %{{.*}}[0, 1, 0, 0] [1, 1, 7, 5] [1, 2, 2, 1]
//       CHECK:     linalg.conv_2d_nhwc_hwcf
//       CHECK:     %[[PHASES:.*]] = tensor.insert_slice %{{.*}}[0, 1, 1, 0] [1, 1, 6, 5] [1, 2, 2, 1]
//       CHECK:     %[[BAND:.*]] = tensor.insert_slice %[[PHASES]] into %[[DEST]][0, %[[ROW]], 0, 0] [1, 2, 13, 5] [1, 1, 1, 1]
//       CHECK:     scf.yield %[[BAND]]
//       CHECK:   tensor.extract_slice %[[PADDED]][0, 8, 0, 0] [1, 2, 8, 3] [1, 1, 1, 1]
//       CHECK:   tensor.extract_slice %[[BANDS]][0, 16, 0, 0] [1, 1, 7, 5] [1, 2, 2, 1]
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   tensor.extract_slice %[[PADDED]][0, 8, 1, 0] [1, 2, 6, 3] [1, 1, 1, 1]
//       CHECK:   linalg.conv_2d_nhwc_hwcf
//   CHECK-NOT:   linalg.conv_2d_nhwc_hwcf
//       CHECK:   scf.yield

// A phase row is 8 * 3 input and 2 * 13 * 5 output floats, 616 bytes: 1232
// bytes make bands of 2 rows, 4 of them.
// TWO-ROWS-LABEL: func.func @bands
//       TWO-ROWS: scf.for %[[R:.*]] = %{{.*}} to %c4 step
//       TWO-ROWS:   %[[START:.*]] = arith.muli %[[R]], %c2
//       TWO-ROWS:   tensor.extract_slice %{{.*}}[0, %[[START]], 0, 0] [1, 3, 8, 3] [1, 1, 1, 1]

// 4096 bytes make bands of 6 rows, of which the shortest phase (8 rows) holds
// one: no bands.
// ONE-BAND-LABEL: func.func @bands
//   ONE-BAND-NOT: scf.for {{.*}} -> (tensor<1x
//       ONE-BAND: return

// Two threads do not divide 3 images: the images run in turn, and the
// threads take bands of each, each band's block of rows inserted in
// parallel.
// THREADS-LABEL: func.func @bands
//       THREADS: scf.for {{.*}} -> (tensor<3x17x13x5xf32>)
//       THREADS:   scf.forall (%[[R:.*]]) in (8) shared_outs(%[[DEST:.*]] = %{{.*}}) -> (tensor<1x17x13x5xf32>)
//       THREADS:     %[[ROW:.*]] = arith.muli %[[R]], %c2
//       THREADS:     tensor.extract_slice %[[DEST]][0, %[[ROW]], 0, 0] [1, 2, 13, 5] [1, 1, 1, 1]
// THREADS-COUNT-4:   linalg.conv_2d_nhwc_hwcf
//       THREADS:     scf.forall.in_parallel
//  THREADS-NEXT:       tensor.parallel_insert_slice %{{.*}} into %[[DEST]][0, %[[ROW]], 0, 0] [1, 2, 13, 5] [1, 1, 1, 1]
//  THREADS-NEXT:     }
// THREADS-COUNT-2: linalg.conv_2d_nhwc_hwcf
//   THREADS-NOT:   linalg.conv_2d_nhwc_hwcf
//       THREADS: return
func.func @bands(%x: tensor<3x8x6x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<3x17x13x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "VALID", use_bias = false}
     : (tensor<3x8x6x3xf32>, tensor<3x3x3x5xf32>) -> tensor<3x17x13x5xf32>
  return %y : tensor<3x17x13x5xf32>
}

// -----

// Two threads divide 4 images: the batch loop is an scf.forall, each image
// on a thread of its own, in bands.
// THREADS-LABEL: func.func @parallel_images
//       THREADS: scf.forall (%[[N:.*]]) in (4) shared_outs(%[[DEST:.*]] = %{{.*}}) -> (tensor<4x17x13x5xf32>)
//       THREADS:   %[[IMAGE:.*]] = tensor.extract_slice %[[DEST]][%[[N]], 0, 0, 0] [1, 17, 13, 5] [1, 1, 1, 1]
//       THREADS:   scf.for %{{.*}} = %{{.*}} to %c8 step %{{.*}} iter_args(%{{.*}} = %[[IMAGE]]) -> (tensor<1x17x13x5xf32>)
//       THREADS:   %[[PHASES:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 16, 1, 0]
//       THREADS:   scf.forall.in_parallel
//  THREADS-NEXT:     tensor.parallel_insert_slice %[[PHASES]] into %[[DEST]][%[[N]], 0, 0, 0] [1, 17, 13, 5] [1, 1, 1, 1]
func.func @parallel_images(%x: tensor<4x8x6x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<4x17x13x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "VALID", use_bias = false}
     : (tensor<4x8x6x3xf32>, tensor<3x3x3x5xf32>) -> tensor<4x17x13x5xf32>
  return %y : tensor<4x17x13x5xf32>
}

// -----

// A dynamic batch may not divide among the threads: the images run in turn,
// the bands of each on the threads.
// THREADS-LABEL: func.func @dynamic_batch
//       THREADS: scf.for {{.*}} -> (tensor<?x17x13x5xf32>)
//       THREADS:   scf.forall (%{{.*}}) in (8) shared_outs(%{{.*}}) -> (tensor<1x17x13x5xf32>)
// THREADS-COUNT-4:   linalg.conv_2d_nhwc_hwcf
//       THREADS:     scf.forall.in_parallel
//       THREADS: return
func.func @dynamic_batch(%x: tensor<?x8x6x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<?x17x13x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "VALID", use_bias = false}
     : (tensor<?x8x6x3xf32>, tensor<3x3x3x5xf32>) -> tensor<?x17x13x5xf32>
  return %y : tensor<?x17x13x5xf32>
}

// -----

// No bands in 1-D, where the first spatial dim is the width.
// CHECK-LABEL: func.func @no_bands
//   CHECK-NOT: scf.for {{.*}} -> (tensor<1x
//       CHECK: return
func.func @no_bands(%line: tensor<3x40x3xf32>, %k1: tensor<3x3x5xf32>) -> tensor<3x81x5xf32> {
  %z = convt.conv_transpose %line, %k1 {features = 5, kernel_size = [3], strides = [2], padding = "VALID", use_bias = false}
     : (tensor<3x40x3xf32>, tensor<3x3x5xf32>) -> tensor<3x81x5xf32>
  return %z : tensor<3x81x5xf32>
}

// -----

// One image of at least batch-loop-bytes goes through its phases in bands
// too; with threads, in an scf.forall. Not one smaller (the NEVER run).
// CHECK-LABEL: func.func @one_image
//   CHECK-NOT:   scf.forall
//       CHECK:   scf.for %{{.*}} = %{{.*}} to %c8 step %{{.*}} iter_args(%{{.*}}) -> (tensor<1x17x13x5xf32>)
// THREADS-LABEL: func.func @one_image
//       THREADS:   scf.forall (%{{.*}}) in (8)
// NEVER-LABEL: func.func @one_image
//   NEVER-NOT:   scf.for
//       NEVER:   return
func.func @one_image(%x: tensor<1x8x6x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<1x17x13x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "VALID", use_bias = false}
     : (tensor<1x8x6x3xf32>, tensor<3x3x3x5xf32>) -> tensor<1x17x13x5xf32>
  return %y : tensor<1x17x13x5xf32>
}

// -----

// Images of dynamic sizes are large or not at run time only: here (at least
// 1 byte), one image, or images of at least the kernel's 540 bytes. The
// same loops serve both: a chunk of one image at a time in bands of rows, or
// of every image in one band of every row. The last band's rows end where
// each phase does: none are left after the loop. Not with threads, which
// need to know at compile time whether the loops or the phases are
// parallel.
// CHECK-LABEL: func.func @dynamic_sizes
//       CHECK:   %[[FITS:.*]] = arith.cmpi sge, %{{.*}}, %c540
//       CHECK:   %[[KERNEL_OR_ONE:.*]] = arith.ori %{{.*}}, %[[FITS]]
//       CHECK:   %[[LARGE:.*]] = arith.andi %{{.*}}, %[[KERNEL_OR_ONE]]
//       CHECK:   %[[CHUNK:.*]] = arith.select %[[LARGE]], %c1{{.*}}, %{{.*}} : index
//       CHECK:   scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}}) -> (tensor<?x?x?x5xf32>)
//       CHECK:     arith.muli %[[C]], %[[CHUNK]]
//       CHECK:     tensor.pad
//       CHECK:     %[[ROWS:.*]] = arith.select %[[LARGE]], %{{.*}}, %{{.*}} : index
//       CHECK:     scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}}) -> (tensor<?x?x?x5xf32>)
//       CHECK:       arith.muli %[[R]], %[[ROWS]]
//       CHECK:       arith.minsi
// CHECK-COUNT-4:     linalg.conv_2d_nhwc_hwcf
//       CHECK:       scf.yield
//   CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
//       CHECK:   return
// THREADS-LABEL: func.func @dynamic_sizes
//   THREADS-NOT:   arith.select
//   THREADS-NOT:   scf.for
//       THREADS:   return
func.func @dynamic_sizes(%x: tensor<?x?x?x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<?x?x?x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "VALID", use_bias = false}
     : (tensor<?x?x?x3xf32>, tensor<3x3x3x5xf32>) -> tensor<?x?x?x5xf32>
  return %y : tensor<?x?x?x5xf32>
}
