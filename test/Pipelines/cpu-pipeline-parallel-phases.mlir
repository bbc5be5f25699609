// With threads, the CPU pipeline runs many phases on threads of their own:
// the loop over a run of phases is the one OpenMP parallel region, and the
// phase convolutions inside it, each a few rows, are serial FMA loops.
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2" -mlir-print-ir-after=convt-cpu-conv-kernels -o /dev/null 2>&1 | FileCheck %s --check-prefix=KERNELS
// KERNELS-LABEL: func.func @many_phases
//       KERNELS: scf.forall
//   KERNELS-NOT: scf.parallel
//       KERNELS: vector.fma
//   KERNELS-NOT: scf.parallel
// RUN: convt-opt %s --convt-cpu-pipeline="threads=2" | FileCheck %s --check-prefix=OMP
// OMP-LABEL: llvm.func @many_phases
//  OMP-COUNT-1: omp.parallel
//    OMP-NOT: omp.parallel
// One thread: a serial loop.
// RUN: convt-opt %s --convt-cpu-pipeline | FileCheck %s --check-prefix=SERIAL
// SERIAL-NOT: omp.parallel
// (48 features fill their vectors of 4, 8 or 16 lanes: a sub-pixel
// convolution would take as many FMAs as the phases.)
func.func @many_phases(%x: tensor<1x2x3xf32>, %k: tensor<17x3x48xf32>) -> tensor<1x34x48xf32> {
  %y = convt.conv_transpose %x, %k {features = 48, kernel_size = 17, strides = 17, use_bias = false}
     : (tensor<1x2x3xf32>, tensor<17x3x48xf32>) -> tensor<1x34x48xf32>
  return %y : tensor<1x34x48xf32>
}
