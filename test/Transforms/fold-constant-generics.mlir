// RUN: convt-opt %s --split-input-file --convt-fold-constant-generics | FileCheck %s
// RUN: convt-opt %s --split-input-file --convt-fold-constant-generics="max-elements=7" | FileCheck %s --check-prefix=LIMIT
// RUN: not convt-opt %s --split-input-file --convt-fold-constant-generics="max-elements=-1" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: max-elements must be at least 0; got -1

// The kernel of a masked transpose_kernel convolution in bf16, as
// convt-to-linalg computes it: out[a, b, c, 0] = k[1 - a, 1 - b, 0, c] *
// m[1 - a, 1 - b, 0, c], rounded to bf16 to nearest even: 1 + 2^-8 is a tie
// that goes down to 1, 1 + 3 * 2^-8 one that goes up to 1 + 2^-6. Sixteen
// iterations: over the limit of the second run.
// CHECK-LABEL: func.func @mask_flip_bf16
// CHECK-NOT: linalg.generic
// CHECK: %[[C:.*]] = arith.constant dense<{{\[\[\[\[}}0.000000e+00], [6.000000e+00]], {{\[\[}}1.000000e+00], [1.015630e+00]]], {{\[\[\[}}3.000000e+00], [4.000000e+00]], {{\[\[}}1.000000e+00], [0.000000e+00]]]]> : tensor<2x2x2x1xbf16>
// CHECK-NEXT: return %[[C]]
// LIMIT-LABEL: func.func @mask_flip_bf16
// LIMIT: linalg.generic
#flip = affine_map<(d0, d1, d2, d3) -> (-d0 + 1, -d1 + 1, d3, d2)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @mask_flip_bf16() -> tensor<2x2x2x1xbf16> {
  %k = arith.constant dense<[[[[1.0, 2.0]], [[3.0, 4.0]]], [[[1.00390625, 1.01171875]], [[5.0, 6.0]]]]> : tensor<2x2x1x2xf32>
  %m = arith.constant dense<[[[[true, false]], [[true, true]]], [[[true, true]], [[false, true]]]]> : tensor<2x2x1x2xi1>
  %e = tensor.empty() : tensor<2x2x2x1xbf16>
  %r = linalg.generic {indexing_maps = [#flip, #flip, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%k, %m : tensor<2x2x1x2xf32>, tensor<2x2x1x2xi1>) outs(%e : tensor<2x2x2x1xbf16>) {
  ^bb0(%a: f32, %b: i1, %o: bf16):
    %mf = arith.uitofp %b : i1 to f32
    %p = arith.mulf %a, %mf : f32
    %t = arith.truncf %p : f32 to bf16
    linalg.yield %t : bf16
  } -> tensor<2x2x2x1xbf16>
  return %r : tensor<2x2x2x1xbf16>
}

// -----

// Integers: sign and zero extension, truncation, integer arithmetic, the
// signed and unsigned conversions to float, and a scalar constant from
// outside the body. Two results, the second written transposed:
// t = trunc(4 * sext(x) - zext(x)) and z = zext(x) - sext(x) + t, which is
// t + 256 for negative x.
// CHECK-LABEL: func.func @integers
// CHECK-NOT: linalg.generic
// CHECK: %[[T:.*]] = arith.constant dense<{{\[\[}}-3, 125], [-6, -119]]> : tensor<2x2xi8>
// CHECK: %[[Z:.*]] = arith.constant dense<{{\[\[}}2.530000e+02, 2.500000e+02], [1.250000e+02, 1.370000e+02]]> : tensor<2x2xf32>
// CHECK-NEXT: return %[[T]], %[[Z]]
// LIMIT-LABEL: func.func @integers
// LIMIT-NOT: linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>
func.func @integers() -> (tensor<2x2xi8>, tensor<2x2xf32>) {
  %x = arith.constant dense<[[-1, 127], [-2, -125]]> : tensor<2x2xi8>
  %three = arith.constant 3 : i16
  %e8 = tensor.empty() : tensor<2x2xi8>
  %ef = tensor.empty() : tensor<2x2xf32>
  %r:2 = linalg.generic {indexing_maps = [#id2, #id2, #tr2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<2x2xi8>) outs(%e8, %ef : tensor<2x2xi8>, tensor<2x2xf32>) {
  ^bb0(%a: i8, %o: i8, %p: f32):
    %s = arith.extsi %a : i8 to i16
    %u = arith.extui %a : i8 to i16
    %m = arith.muli %s, %three : i16
    %n = arith.addi %m, %s : i16
    %d = arith.subi %n, %u : i16
    %t = arith.trunci %d : i16 to i8
    %sf = arith.sitofp %s : i16 to f32
    %uf = arith.uitofp %a : i8 to f32
    %f = arith.subf %uf, %sf : f32
    %y = arith.sitofp %t : i8 to f32
    %z = arith.addf %f, %y : f32
    linalg.yield %t, %z : i8, f32
  } -> (tensor<2x2xi8>, tensor<2x2xf32>)
  return %r#0, %r#1 : tensor<2x2xi8>, tensor<2x2xf32>
}

// -----

// Splat inputs give a splat; a generic of a folded generic folds too (f16 to
// f32 and back through bf16, the way convt-to-linalg converts f16 to bf16).
// CHECK-LABEL: func.func @splat_chain
// CHECK-NOT: linalg.generic
// CHECK: %[[C:.*]] = arith.constant dense<3.281250e+00> : tensor<4x3xbf16>
// CHECK-NEXT: return %[[C]]
// Twelve iterations each: over the limit.
// LIMIT-LABEL: func.func @splat_chain
// LIMIT-COUNT-2: linalg.generic
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @splat_chain() -> tensor<4x3xbf16> {
  %x = arith.constant dense<3.28> : tensor<4x3xf16>
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x3xf16>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%a: f16, %o: f32):
    %w = arith.extf %a : f16 to f32
    linalg.yield %w : f32
  } -> tensor<4x3xf32>
  %eb = tensor.empty() : tensor<4x3xbf16>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%f : tensor<4x3xf32>) outs(%eb : tensor<4x3xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %n = arith.truncf %a : f32 to bf16
    linalg.yield %n : bf16
  } -> tensor<4x3xbf16>
  return %b : tensor<4x3xbf16>
}

// -----

// A dense resource blob (f32 1.5, -2.0, 0.25), read with a stride and an
// offset: out[i] = blob[2 - i].
// CHECK-LABEL: func.func @resource
// CHECK: arith.constant dense<[2.500000e-01, -2.000000e+00, 1.500000e+00]> : tensor<3xf32>
#reverse = affine_map<(d0) -> (-d0 + 2)>
#id1 = affine_map<(d0) -> (d0)>
func.func @resource() -> tensor<3xf32> {
  %x = arith.constant dense_resource<blob> : tensor<3xf32>
  %e = tensor.empty() : tensor<3xf32>
  %r = linalg.generic {indexing_maps = [#reverse, #id1], iterator_types = ["parallel"]} ins(%x : tensor<3xf32>) outs(%e : tensor<3xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<3xf32>
  return %r : tensor<3xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000C03F000000C00000803E"
    }
  }
#-}

// -----

// The zero-padded, dilated kernel of convt-to-linalg: an insert_slice of a
// constant into a fill of a scalar constant, at offset [0, 1] with strides
// [2, 2], folds (rows 0 and 2, columns 1 and 3), and so does the generic
// that then transposes it. Into a constant, an insert_slice folds too. The
// first has twelve elements, over the limit of the second run, the other
// six.
// CHECK-LABEL: func.func @insert_slice
// CHECK-NOT: tensor.insert_slice
// CHECK-NOT: linalg.generic
// CHECK-DAG: %[[T:.*]] = arith.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 0.000000e+00, 3.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00], [2.000000e+00, 0.000000e+00, 4.000000e+00]]> : tensor<4x3xf32>
// CHECK-DAG: %[[I:.*]] = arith.constant dense<{{\[\[}}5, 5, 5], [5, 7, 8]]> : tensor<2x3xi16>
// CHECK: return %[[T]], %[[I]]
// LIMIT-LABEL: func.func @insert_slice
// LIMIT: tensor.insert_slice %{{.*}} : tensor<2x2xf32> into tensor<3x4xf32>
// LIMIT: linalg.generic
// LIMIT: arith.constant dense<{{\[\[}}5, 5, 5], [5, 7, 8]]> : tensor<2x3xi16>
#transpose = affine_map<(d0, d1) -> (d1, d0)>
#rows = affine_map<(d0, d1) -> (d0, d1)>
func.func @insert_slice() -> (tensor<4x3xf32>, tensor<2x3xi16>) {
  %k = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<3x4xf32>) -> tensor<3x4xf32>
  %padded = tensor.insert_slice %k into %fill[0, 1] [2, 2] [2, 2] : tensor<2x2xf32> into tensor<3x4xf32>
  %et = tensor.empty() : tensor<4x3xf32>
  %t = linalg.generic {indexing_maps = [#transpose, #rows], iterator_types = ["parallel", "parallel"]} ins(%padded : tensor<3x4xf32>) outs(%et : tensor<4x3xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<4x3xf32>
  %dest = arith.constant dense<5> : tensor<2x3xi16>
  %row = arith.constant dense<[7, 8]> : tensor<2xi16>
  %i = tensor.insert_slice %row into %dest[1, 1] [1, 2] [1, 1] : tensor<2xi16> into tensor<2x3xi16>
  return %t, %i : tensor<4x3xf32>, tensor<2x3xi16>
}

// -----

// An insert_slice at a dynamic offset, or into a fill of a value not known,
// stays.
// CHECK-LABEL: func.func @insert_slice_kept
// CHECK-COUNT-2: tensor.insert_slice
func.func @insert_slice_kept(%at: index, %v: f32) -> (tensor<4xf32>, tensor<4xf32>) {
  %x = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %0 = tensor.insert_slice %x into %fill[%at] [2] [1] : tensor<2xf32> into tensor<4xf32>
  %unknown = linalg.fill ins(%v : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %1 = tensor.insert_slice %x into %unknown[0] [2] [1] : tensor<2xf32> into tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Left alone: an input that is not a constant, a body that reads the
// output, linalg.index, a reduction, an op not evaluated here, truncf with
// another rounding mode, x[d0 - d1], which reads before the start of x (the
// verifier only checks the corners of the loop ranges), and a missing
// resource blob.
// CHECK-LABEL: func.func @not_folded
// CHECK-COUNT-8: linalg.generic
#id1 = affine_map<(d0) -> (d0)>
#diff = affine_map<(d0, d1) -> (d0 - d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#all = affine_map<(d0) -> ()>
func.func @not_folded(%arg: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>, tensor<4xbf16>, tensor<2x2xf32>, tensor<4xf32>) {
  %x = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  %init = arith.constant dense<1.0> : tensor<4xf32>
  %0 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%arg : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %p = arith.mulf %a, %a : f32
    linalg.yield %p : f32
  } -> tensor<4xf32>
  %1 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %p = arith.mulf %a, %o : f32
    linalg.yield %p : f32
  } -> tensor<4xf32>
  %2 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %i = linalg.index 0 : index
    %c = arith.index_cast %i : index to i32
    %f = arith.sitofp %c : i32 to f32
    %p = arith.mulf %a, %f : f32
    linalg.yield %p : f32
  } -> tensor<4xf32>
  %zero = arith.constant dense<0.0> : tensor<f32>
  %3 = linalg.generic {indexing_maps = [#id1, #all], iterator_types = ["reduction"]} ins(%x : tensor<4xf32>) outs(%zero : tensor<f32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  %4 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %d = arith.divf %a, %a : f32
    linalg.yield %d : f32
  } -> tensor<4xf32>
  %eb = tensor.empty() : tensor<4xbf16>
  %5 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%eb : tensor<4xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %t = arith.truncf %a toward_zero : f32 to bf16
    linalg.yield %t : bf16
  } -> tensor<4xbf16>
  %e2 = tensor.empty() : tensor<2x2xf32>
  %6 = linalg.generic {indexing_maps = [#diff, #id2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4xf32>) outs(%e2 : tensor<2x2xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<2x2xf32>
  %missing = arith.constant dense_resource<missing> : tensor<4xf32>
  %7 = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%missing : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>, tensor<4xf32>, tensor<4xbf16>, tensor<2x2xf32>, tensor<4xf32>
}
