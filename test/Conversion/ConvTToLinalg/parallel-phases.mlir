// RUN: convt-opt %s --convt-to-linalg=threads=2 --split-input-file | FileCheck %s

// With threads above 1, a run of phases is an scf.forall whose iterations
// each convolve one phase and write it into its disjoint strided slice of the
// shared output (the phase.mlir @many_phases case: 17 phases, one run).
//       CHECK: #[[RESIDUE:.*]] = affine_map<(d0) -> (-d0 + 16)>
// CHECK-LABEL: func.func @many_phases
//       CHECK: %[[OUT:.*]] = tensor.empty() : tensor<1x34x2xf32>
//       CHECK: %[[LOOP:.*]] = scf.forall (%[[I:.*]]) in (17) shared_outs(%[[DEST:.*]] = %[[OUT]]) -> (tensor<1x34x2xf32>)
//       CHECK:   %[[R:.*]] = affine.apply #[[RESIDUE]](%[[I]])
//       CHECK:   %[[K:.*]] = tensor.extract_slice %arg1[%[[I]], 0, 0] [1, 3, 2] [17, 1, 1]
//       CHECK:   %[[PHASE:.*]] = linalg.conv_1d_nwc_wcf {{.*}} ins(%{{.*}}, %[[K]] : {{.*}}) outs(%{{.*}} : tensor<1x2x2xf32>)
//       CHECK:   scf.forall.in_parallel
//  CHECK-NEXT:     tensor.parallel_insert_slice %[[PHASE]] into %[[DEST]][0, %[[R]], 0] [1, 2, 2] [1, 17, 1]
//   CHECK-NOT: linalg.conv
//       CHECK: return %[[LOOP]]
func.func @many_phases(%x: tensor<1x2x3xf32>, %k: tensor<17x3x2xf32>) -> tensor<1x34x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 17, strides = 17, use_bias = false}
     : (tensor<1x2x3xf32>, tensor<17x3x2xf32>) -> tensor<1x34x2xf32>
  return %y : tensor<1x34x2xf32>
}

// -----

// 2-D, two runs per dim: four scf.forall ops of two induction variables,
// each updating the output the one before it produced.
// CHECK-LABEL: func.func @phase_runs_2d
//       CHECK: %[[A:.*]] = scf.forall (%{{.*}}, %{{.*}}) in (3, 3) shared_outs(%{{.*}} = %{{.*}})
//       CHECK: %[[B:.*]] = scf.forall (%{{.*}}, %{{.*}}) in (3, 2) shared_outs(%{{.*}} = %[[A]])
//       CHECK: %[[C:.*]] = scf.forall (%{{.*}}, %{{.*}}) in (2, 3) shared_outs(%{{.*}} = %[[B]])
//       CHECK: %[[D:.*]] = scf.forall (%{{.*}}, %{{.*}}) in (2, 2) shared_outs(%{{.*}} = %[[C]])
//       CHECK: return %[[D]]
func.func @phase_runs_2d(%x: tensor<1x2x2x3xf32>, %k: tensor<5x5x3x4xf32>) -> tensor<1x10x10x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = [5, 5], strides = [5, 5], padding = [[2, 6], [2, 6]], use_bias = false}
     : (tensor<1x2x2x3xf32>, tensor<5x5x3x4xf32>) -> tensor<1x10x10x4xf32>
  return %y : tensor<1x10x10x4xf32>
}

// -----

// Up to 16 phases are unrolled, with the option or without: no loops.
// CHECK-LABEL: func.func @few_phases
//   CHECK-NOT: scf.forall
//   CHECK-COUNT-4: linalg.conv_2d_nhwc_hwcf
//   CHECK-NOT: scf.forall
func.func @few_phases(%x: tensor<1x4x4x3xf32>, %k: tensor<3x3x3x5xf32>) -> tensor<1x8x8x5xf32> {
  %y = convt.conv_transpose %x, %k {features = 5, kernel_size = [3, 3], strides = [2, 2], padding = "SAME", use_bias = false}
     : (tensor<1x4x4x3xf32>, tensor<3x3x3x5xf32>) -> tensor<1x8x8x5xf32>
  return %y : tensor<1x8x8x5xf32>
}
