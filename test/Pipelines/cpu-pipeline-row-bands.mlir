// With threads that divide the images of a batch loop, the CPU pipeline
// gives each thread images of its own: the loop over the images is the one
// OpenMP parallel region, and the phase convolutions of an image's bands
// inside it are serial FMA loops.
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2 batch-loop-bytes=1 row-band-bytes=1" -mlir-print-ir-after=convt-cpu-conv-kernels -o /dev/null 2>&1 | FileCheck %s --check-prefix=KERNELS
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
// a parallel region per phase.
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2 batch-loop-bytes=1 row-band-bytes=0" | FileCheck %s --check-prefix=ROWS
// ROWS-LABEL: llvm.func @images
// ROWS-COUNT-4: omp.parallel
func.func @images(%x: tensor<4x24x24x16xf32>, %k: tensor<3x3x16x32xf32>) -> tensor<4x48x48x32xf32> {
  %y = convt.conv_transpose %x, %k {features = 32, kernel_size = [3, 3], strides = [2, 2], use_bias = false}
     : (tensor<4x24x24x16xf32>, tensor<3x3x16x32xf32>) -> tensor<4x48x48x32xf32>
  return %y : tensor<4x48x48x32xf32>
}
