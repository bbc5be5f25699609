// With threads that divide the images of a batch loop, the CPU pipeline
// gives each thread images of its own: the loop over the images is the one
// OpenMP parallel region, and the phase convolutions of an image's bands
// inside it are serial FMA loops.
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2 batch-loop-bytes=1 row-band-bytes=1" -mlir-print-ir-after=convt-cpu-conv-kernels -mlir-disable-threading -o /dev/null 2>&1 | FileCheck %s --check-prefix=KERNELS
// KERNELS-LABEL: func.func @images
//       KERNELS: scf.forall
//   KERNELS-NOT: scf.parallel
//       KERNELS: vector.fma
//   KERNELS-NOT: scf.parallel
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2 batch-loop-bytes=1 row-band-bytes=1" | FileCheck %s --check-prefix=OMP
// OMP-LABEL: llvm.func @images
//  OMP-COUNT-1: omp.parallel
//    OMP-NOT: omp.parallel
// Without row bands, the threads split the rows of each phase of an image:
// a worksharing loop per phase, in one parallel region per image
// (convt-merge-omp-parallel).
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2 batch-loop-bytes=1 row-band-bytes=0" | FileCheck %s --check-prefix=ROWS
// ROWS-LABEL: llvm.func @images
//       ROWS: omp.parallel
// ROWS-COUNT-4: omp.wsloop
//   ROWS-NOT: omp.parallel
//       ROWS: llvm.func @odd_batch
func.func @images(%x: tensor<4x24x24x16xf32>, %k: tensor<3x3x16x32xf32>) -> tensor<4x48x48x32xf32> {
  %y = convt.conv_transpose %x, %k {features = 32, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<4x24x24x16xf32>, tensor<3x3x16x32xf32>) -> tensor<4x48x48x32xf32>
  return %y : tensor<4x48x48x32xf32>
}

// Two threads do not divide 3 images: the threads take bands of each image,
// whose convolutions are serial FMA loops, and split the rows of the rows
// left after the bands.
// KERNELS-LABEL: func.func @odd_batch
//       KERNELS: scf.for
//       KERNELS:   scf.forall
//   KERNELS-NOT:     scf.parallel
//       KERNELS:     vector.fma
//       KERNELS:   scf.parallel
// OMP-LABEL: llvm.func @odd_batch
func.func @odd_batch(%x: tensor<3x24x24x16xf32>, %k: tensor<3x3x16x32xf32>) -> tensor<3x47x48x32xf32> {
  %y = convt.conv_transpose %x, %k {features = 32, kernel_size = [3, 3], strides = [2, 2], padding = [[1, 1], [1, 2]], use_bias = false}
     : (tensor<3x24x24x16xf32>, tensor<3x3x16x32xf32>) -> tensor<3x47x48x32xf32>
  return %y : tensor<3x47x48x32xf32>
}
