// Every error that convt.conv_transpose and its initializer attributes
// report (spec §14 and ConvTransposeConfig::resolve), one per case.
// RUN: convt-opt %s -split-input-file -verify-diagnostics

//===----------------------------------------------------------------------===//
// Attribute kinds checked by ODS and the parser
//===----------------------------------------------------------------------===//

func.func @use_bias_not_bool(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{attribute 'use_bias' failed to satisfy constraint: bool attribute}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = 1}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @features_string(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{attribute 'features' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = convt.conv_transpose %x, %k {features = "x", kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @transpose_kernel_string(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{attribute 'transpose_kernel' failed to satisfy constraint: bool attribute}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, transpose_kernel = "yes", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @dtype_not_type(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{attribute 'dtype' failed to satisfy constraint: any type attribute}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = "float16", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_init_not_initializer(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{attribute 'kernel_init' failed to satisfy constraint: convt initializer attribute}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = "lecun_normal", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @missing_kernel_size(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_size'}}
  %0 = convt.conv_transpose %x, %k {features = 4, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @missing_features(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{requires attribute 'features'}}
  %0 = convt.conv_transpose %x, %k {kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @unranked_input(%x: tensor<*xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor without encoding, but got 'tensor<*xf32>'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<*xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @unranked_result(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor without encoding, but got 'tensor<*xf32>'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<*xf32>
  return
}

//===----------------------------------------------------------------------===//
// kernel_size and features
//===----------------------------------------------------------------------===//

// -----

func.func @kernel_size_string(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' must be an integer or an array<i64: ...>, got "3"}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = "3", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_size_float(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' must be an integer or an array<i64: ...>, got 3.000000e+00 : f32}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3.0 : f32, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_size_list_of_strings(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' must be an integer or an array<i64: ...>, got ["3"]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = ["3"], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_size_unsigned(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' must be an integer or an array<i64: ...>, got 3 : ui8}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3 : ui8, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_size_dense_elements(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' must be an integer or an array<i64: ...>, got dense<3> : tensor<1xi64>}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = dense<3> : tensor<1xi64>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_size_wider_than_i64(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' must be an integer or an array<i64: ...>, got 18446744073709551616 : i128}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 18446744073709551616 : i128, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// lax: No 4+ dimensional dimension_number defaults.
func.func @kernel_size_4d(%x: tensor<1x2x2x2x2x3xf32>, %k: tensor<1x1x1x1x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' [1, 1, 1, 1] has 4 spatial dims; at most 3 are supported (lax: No 4+ dimensional dimension_number defaults)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 1, 1, 1, 1>, use_bias = false}
       : (tensor<1x2x2x2x2x3xf32>, tensor<1x1x1x1x3x4xf32>) -> tensor<1x2x2x2x2x4xf32>
  return
}

// -----

func.func @kernel_size_negative(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' entries must be in [0, 2^31], got [-3]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = -3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_size_negative_entry(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' entries must be in [0, 2^31], got [3, -1]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, -1>, use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @kernel_size_huge(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_size' entries must be in [0, 2^31], got [4294967296]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 4294967296>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @features_negative(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'features' must be in [0, 2^31], got -4}}
  %0 = convt.conv_transpose %x, %k {features = -4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @features_huge(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'features' must be in [0, 2^31], got 4294967296}}
  %0 = convt.conv_transpose %x, %k {features = 4294967296, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// strides and kernel_dilation
//===----------------------------------------------------------------------===//

// -----

func.func @strides_wrong_length(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'strides' [1, 2] has 2 entries but 'kernel_size' has 1 spatial dims}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = array<i64: 1, 2>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @strides_wrong_length_list(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{'strides' [2] has 1 entries but 'kernel_size' has 2 spatial dims}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = [2], use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x16x4xf32>
  return
}

// -----

// lax: All dilations must be positive (strides are the lhs dilation).
func.func @strides_zero(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'strides' must be positive, got [0] (lax: All dilations must be positive)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 0, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @strides_negative(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{'strides' must be positive, got [2, -1]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = [2, -1], use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x16x8x4xf32>
  return
}

// -----

func.func @strides_false(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'strides' must be positive, got [0]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = false, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @strides_string(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'strides' must be an integer or an array<i64: ...> of 1 integers, got "2"}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = "2", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  return
}

// -----

func.func @strides_too_large(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'strides' entries must be at most 2^31, got [1099511627776]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 1099511627776, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @dilation_wrong_length(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{'kernel_dilation' [1, 1, 1] has 3 entries but 'kernel_size' has 2 spatial dims}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, kernel_dilation = array<i64: 1, 1, 1>, use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @dilation_zero(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_dilation' must be positive, got [0] (lax: All dilations must be positive)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_dilation = [0], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @dilation_negative(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_dilation' must be positive, got [-2]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_dilation = -2, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @dilation_string(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_dilation' must be an integer or an array<i64: ...> of 1 integers, got ["1"]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_dilation = ["1"], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @dilation_too_large(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_dilation' entries must be at most 2^31, got [4294967296]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_dilation = 4294967296, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// Each factor is in range but the dilated kernel d * (k - 1) + 1 is not.
func.func @dilated_kernel_too_large(%x: tensor<1x8x3xf32>, %k: tensor<65537x3x4xf32>) {
  // expected-error @+1 {{the dilated kernel size kernel_dilation * (kernel_size - 1) + 1 = 4294967297 of spatial dim 0 must be at most 2^31}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 65537, kernel_dilation = 65536, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<65537x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// padding
//===----------------------------------------------------------------------===//

// -----

// Strings other than SAME/VALID/CIRCULAR reach lax as forward-conv padding,
// which lax rejects with input dilation (spec §4.4).
func.func @padding_lowercase_with_stride(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{padding "same" with strides [2]: String padding is not implemented for transposed convolution using this op}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "same", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  return
}

// -----

func.func @padding_unknown_with_stride(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{padding "REFLECT" with strides [1, 2]: String padding is not implemented}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, strides = [1, 2], padding = "REFLECT", use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x16x4xf32>
  return
}

// -----

func.func @padding_unrecognized(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Unrecognized padding type: expected 'VALID', 'SAME', 'CIRCULAR' or (with strides 1) 'same', 'same_lower' or 'valid', got "CAUSAL"}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = "CAUSAL", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// Only the exact string "CIRCULAR" is circular; "circular" is unrecognized.
func.func @padding_circular_lowercase(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Unrecognized padding type: expected 'VALID', 'SAME', 'CIRCULAR' or (with strides 1) 'same', 'same_lower' or 'valid', got "circular"}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = "circular", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// For a 1-D conv, [1, 2] has 2 entries, not 1 (Flax: write [(1, 2)]).
func.func @padding_wrong_length(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: [1, 2], should be a string, an integer, or an array of 1 entries (one per spatial dim), each an integer or a pair [lo, hi] of integers}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [1, 2], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_dense_wrong_length(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: array<i64: 1, 2, 3>, should be a string, an integer, or an array of 2 entries}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 2, 3>, use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @padding_pair_of_three(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: [[1, 2, 3]]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [[1, 2, 3]], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_pair_of_one(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: [[1]]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [[1]], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_pair_with_string(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: [["SAME", 1]]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [["SAME", 1]], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_string_in_sequence(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: ["SAME", 1]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = ["SAME", 1], use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @padding_float(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: 1.500000e+00 : f64}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = 1.5, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_float_in_pair(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Invalid padding format: [[1, 2.000000e+00]]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [[1, 2.0]], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_too_large(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'padding' values must be within +-2^31, got [4611686018427387904, 4611686018427387904]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = 4611686018427387904, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @padding_most_negative(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'padding' values must be within +-2^31, got [-9223372036854775808, 0]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [[-9223372036854775808, 0]], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// (H - 1) * s + 1 + lo + hi = 7 * 2 + 1 - 10 - 6 < 0 (spec §5).
func.func @padding_negative_too_large(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Negative padding is larger than the size of the corresponding dimension: spatial dim 0 has stride-dilated size 15 and pads [-10, -6]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = [[-10, -6]], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x0x4xf32>
  return
}

// -----

func.func @padding_negative_int_too_large(%x: tensor<1x8x3x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{Negative padding is larger than the size of the corresponding dimension: spatial dim 1 has stride-dilated size 3 and pads [-2, -2]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = -2, use_bias = false}
       : (tensor<1x8x3x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x2x0x4xf32>
  return
}

// -----

// An empty input has stride-dilated size 0, so any net negative padding fails.
func.func @padding_negative_empty_input(%x: tensor<1x0x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Negative padding is larger than the size of the corresponding dimension: spatial dim 0 has stride-dilated size 0 and pads [-1, 0]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = [[-1, 0]], use_bias = false}
       : (tensor<1x0x3xf32>, tensor<3x3x4xf32>) -> tensor<1x0x4xf32>
  return
}

// -----

// Flax: ZeroDivisionError (the period H * s is 0).
func.func @circular_empty_dim(%x: tensor<1x4x0x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{CIRCULAR padding needs non-empty spatial dims, but spatial dim 1 of the input is empty (Flax: ZeroDivisionError)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, padding = "CIRCULAR", use_bias = false}
       : (tensor<1x4x0x3xf32>, tensor<3x3x3x4xf32>) -> tensor<1x4x0x4xf32>
  return
}

// -----

func.func @output_size_overflow(%x: tensor<1x9223372036854775807x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{output size of spatial dim 0 overflows}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = 2, use_bias = false}
       : (tensor<1x9223372036854775807x3xf32>, tensor<3x3x4xf32>) -> tensor<1x?x4xf32>
  return
}

// -----

func.func @output_size_overflow_strided(%x: tensor<1x4611686018427387904x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{output size of spatial dim 0 overflows}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "VALID", use_bias = false}
       : (tensor<1x4611686018427387904x3xf32>, tensor<3x3x4xf32>) -> tensor<1x?x4xf32>
  return
}

// -----

func.func @output_size_overflow_circular(%x: tensor<1x4611686018427387904x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{output size of spatial dim 0 overflows}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "CIRCULAR", use_bias = false}
       : (tensor<1x4611686018427387904x3xf32>, tensor<3x3x4xf32>) -> tensor<1x?x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Operand shapes
//===----------------------------------------------------------------------===//

// -----

// lax asserts on the rank (spec §3 step 2, nb < 0).
func.func @input_rank_too_small(%x: tensor<8x3xf32>, %k: tensor<3x3x3x4xf32>) {
  // expected-error @+1 {{input type 'tensor<8x3xf32>' has rank 2 but 'kernel_size' needs at least 3 ((*batch, 2 spatial dims, in_features))}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, use_bias = false}
       : (tensor<8x3xf32>, tensor<3x3x3x4xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @input_rank_zero(%x: tensor<f32>, %k: tensor<1x4xf32>) {
  // expected-error @+1 {{input type 'tensor<f32>' has rank 0 but 'kernel_size' needs at least 1 ((*batch, 0 spatial dims, in_features))}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64>, use_bias = false}
       : (tensor<f32>, tensor<1x4xf32>) -> tensor<4xf32>
  return
}

// -----

// Flax: ScopeParamShapeError.
func.func @kernel_shape_mismatch(%x: tensor<1x8x3xf32>, %k: tensor<3x4x3xf32>) {
  // expected-error @+1 {{kernel type 'tensor<3x4x3xf32>' does not match the expected shape (3, 3, 4) = kernel_size + (in_features, features)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x4x3xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_shape_mismatch_transposed(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{kernel type 'tensor<3x3x4xf32>' does not match the expected shape (3, 4, 3) = kernel_size + (features, in_features)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, transpose_kernel = true, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_rank_mismatch(%x: tensor<1x8x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{kernel type 'tensor<3x3x4xf32>' does not match the expected shape (3, 3, 3, 4) = kernel_size + (in_features, features)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 3, 3>, use_bias = false}
       : (tensor<1x8x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x8x4xf32>
  return
}

// -----

func.func @kernel_shape_mismatch_dynamic_input(%x: tensor<1x8x?xf32>, %k: tensor<2x3x4xf32>) {
  // expected-error @+1 {{kernel type 'tensor<2x3x4xf32>' does not match the expected shape (3, ?, 4) = kernel_size + (in_features, features)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x?xf32>, tensor<2x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @mask_shape_mismatch(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %m: tensor<3x4x3xf32>) {
  // expected-error @+1 {{Mask needs to have the same shape as weights: mask type 'tensor<3x4x3xf32>', weights shape (3, 3, 4)}}
  %0 = convt.conv_transpose %x, %k mask %m {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<3x4x3xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @mask_shape_mismatch_transposed(%x: tensor<1x8x3xf32>, %k: tensor<3x4x3xf32>, %m: tensor<3x3x4xi1>) {
  // expected-error @+1 {{Mask needs to have the same shape as weights: mask type 'tensor<3x3x4xi1>', weights shape (3, 4, 3)}}
  %0 = convt.conv_transpose %x, %k mask %m {features = 4, kernel_size = 3, transpose_kernel = true, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x4x3xf32>, tensor<3x3x4xi1>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @bias_shape_mismatch(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{bias type 'tensor<3xf32>' does not match the expected shape (features) = (4)}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<3xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @bias_rank_mismatch(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{bias type 'tensor<1x4xf32>' does not match the expected shape (features) = (4)}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<1x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @use_bias_default_without_bias(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'use_bias' is true (the Flax default) but there is no bias operand; add 'bias %b' or set use_bias = false}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @use_bias_true_without_bias(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %m: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'use_bias' is true (the Flax default) but there is no bias operand}}
  %0 = convt.conv_transpose %x, %k mask %m {features = 4, kernel_size = 3, use_bias = true}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @use_bias_false_with_bias(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'use_bias' is false but a bias operand is given}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Element types, dtype and preferred_element_type
//===----------------------------------------------------------------------===//

// -----

func.func @input_unsigned(%x: tensor<1x8x3xui8>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{input element type 'ui8' is not supported; use f16, bf16, f32, f64 or a signless integer type}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xui8>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @kernel_complex(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xcomplex<f32>>) {
  // expected-error @+1 {{kernel element type 'complex<f32>' is not supported}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xcomplex<f32>>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @bias_f8(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf8E4M3FN>) {
  // expected-error @+1 {{bias element type 'f8E4M3FN' is not supported}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf8E4M3FN>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @mask_index(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %m: tensor<3x3x4xindex>) {
  // expected-error @+1 {{mask element type 'index' is not supported}}
  %0 = convt.conv_transpose %x, %k mask %m {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<3x3x4xindex>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @input_tf32(%x: tensor<1x8x3xtf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{input element type 'tf32' is not supported}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xtf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// Flax: ValueError('Dtype must be inexact: ...').
func.func @dtype_integer(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'dtype' must be inexact (a float type), got 'i32' (Flax: Dtype must be inexact)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = i32, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xi32>
  return
}

// -----

func.func @dtype_bool(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'dtype' must be inexact (a float type), got 'i1'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = i1, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xi1>
  return
}

// -----

func.func @dtype_complex(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'dtype' 'complex<f32>' is not supported; use f16, bf16, f32 or f64}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = complex<f32>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xcomplex<f32>>
  return
}

// -----

func.func @dtype_f8(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'dtype' 'f8E5M2' is not supported; use f16, bf16, f32 or f64}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = f8E5M2, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf8E5M2>
  return
}

// -----

func.func @param_dtype_unsupported(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'param_dtype' 'complex<f32>' is not supported; use f16, bf16, f32, f64 or a signless integer type}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, param_dtype = complex<f32>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// lax: preferred_element_type must not be narrower than the computation type.
func.func @preferred_narrower(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'preferred_element_type' 'bf16' must not be narrower than the computation type 'f32'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, preferred_element_type = bf16, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xbf16>
  return
}

// -----

func.func @preferred_narrower_than_dtype(%x: tensor<1x8x3xbf16>, %k: tensor<3x3x4xbf16>) {
  // expected-error @+1 {{'preferred_element_type' 'f32' must not be narrower than the computation type 'f64'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, dtype = f64, preferred_element_type = f32, use_bias = false}
       : (tensor<1x8x3xbf16>, tensor<3x3x4xbf16>) -> tensor<1x8x4xf32>
  return
}

// -----

// lax: an integer preferred_element_type for a float computation.
func.func @preferred_integer(%x: tensor<1x8x3xi32>, %k: tensor<3x3x4xi32>) {
  // expected-error @+1 {{Input type is incompatible with 'preferred_element_type' 'i32': the computation type 'f32' is a float type}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, preferred_element_type = i32, use_bias = false}
       : (tensor<1x8x3xi32>, tensor<3x3x4xi32>) -> tensor<1x8x4xi32>
  return
}

// -----

func.func @preferred_f8(%x: tensor<1x8x3xf16>, %k: tensor<3x3x4xf16>) {
  // expected-error @+1 {{'preferred_element_type' 'f8E4M3FN' is not supported; use f16, bf16, f32 or f64}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, preferred_element_type = f8E4M3FN, use_bias = false}
       : (tensor<1x8x3xf16>, tensor<3x3x4xf16>) -> tensor<1x8x4xf8E4M3FN>
  return
}

//===----------------------------------------------------------------------===//
// precision
//===----------------------------------------------------------------------===//

// -----

// The lower-case names are case-sensitive; "HIGHEST" is no preset either.
func.func @precision_upper_case(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Precision argument must be one of "default", "fastest", "bfloat16", "high", "bfloat16_3x", "tensorfloat32", "highest", "float32" (lower case), a DotAlgorithmPreset name such as "F32_F32_F32", or a pair of the lower-case names; got "HIGHEST"}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = "HIGHEST", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @precision_triple(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Precision argument must be one of}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["highest", "highest", "highest"], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @precision_single_in_list(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Precision argument must be one of}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["highest"], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @precision_pair_unknown_name(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Precision argument must be one of "default", "fastest", "bfloat16", "high", "bfloat16_3x", "tensorfloat32", "highest", "float32" (lower case), a DotAlgorithmPreset name such as "F32_F32_F32", or a pair of the lower-case names; got ["highest", "fast"]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["highest", "fast"], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// A preset is no valid member of a pair.
func.func @precision_pair_with_preset(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{got ["F32_F32_F32", "default"]}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = ["F32_F32_F32", "default"], use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @precision_integer(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{Precision argument must be one of}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, precision = 2, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

//===----------------------------------------------------------------------===//
// Written result type
//===----------------------------------------------------------------------===//

// -----

func.func @result_element_type_mismatch(%x: tensor<1x8x3xbf16>, %k: tensor<3x3x4xf32>) {
  // expected-error @+2 {{'convt.conv_transpose' op inferred type(s) 'tensor<1x8x4xf32>' are incompatible with return type(s) of operation 'tensor<1x8x4xbf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xbf16>, tensor<3x3x4xf32>) -> tensor<1x8x4xbf16>
  return
}

// -----

func.func @result_shape_mismatch(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+2 {{'convt.conv_transpose' op inferred type(s) 'tensor<1x17x4xf32>' are incompatible with return type(s) of operation 'tensor<1x16x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, strides = 2, padding = "VALID", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x16x4xf32>
  return
}

// -----

func.func @result_rank_mismatch(%x: tensor<2x1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+2 {{'convt.conv_transpose' op inferred type(s) 'tensor<2x1x8x4xf32>' are incompatible with return type(s) of operation 'tensor<2x8x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<2x1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<2x8x4xf32>
  return
}

// -----

func.func @result_features_mismatch(%x: tensor<?x?x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+2 {{'convt.conv_transpose' op inferred type(s) 'tensor<?x?x4xf32>' are incompatible with return type(s) of operation 'tensor<?x?x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<?x?x3xf32>, tensor<3x3x4xf32>) -> tensor<?x?x3xf32>
  return
}

// -----

// Spec E8 is (1,1,3,4,3,1); the stride-2 dim is 4, not 3.
func.func @result_e8_near_miss(%x: tensor<1x1x2x2x2x1xf32>, %k: tensor<2x1x2x1x1xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x1x3x4x3x1xf32>' are incompatible with return type(s) of operation 'tensor<1x1x3x3x3x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = array<i64: 2, 1, 2>, strides = array<i64: 1, 2, 1>, padding = "VALID", use_bias = false}
       : (tensor<1x1x2x2x2x1xf32>, tensor<2x1x2x1x1xf32>) -> tensor<1x1x3x3x3x1xf32>
  return
}

// -----

// Spec E10's second padding gives an empty output (1,3,0,1).
func.func @result_e10_empty_near_miss(%x: tensor<1x2x2x1xf32>, %k: tensor<2x2x1x1xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x3x0x1xf32>' are incompatible with return type(s) of operation 'tensor<1x3x1x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 1, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 1>, kernel_dilation = array<i64: 1, 2>, padding = [[1, 0], [0, -1]], transpose_kernel = true, use_bias = false}
       : (tensor<1x2x2x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x3x1x1xf32>
  return
}

// -----

// "same" and "SAME" differ in their pads but not in the size; "valid" with
// stride 1 shrinks: 8 - 3 + 1 = 6, where "VALID" gives 10.
func.func @result_lowercase_valid_near_miss(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x6x4xf32>' are incompatible with return type(s) of operation 'tensor<1x10x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, padding = "valid", use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x10x4xf32>
  return
}

// -----

// With a bias, the result type joins the conv type (bf16 here) with the
// computation type (f16): f32 (spec §8).
func.func @result_preferred_with_bias_near_miss(%x: tensor<1x8x3xf16>, %k: tensor<3x3x4xf16>, %b: tensor<4xf16>) {
  // expected-error @+2 {{inferred type(s) 'tensor<1x8x4xf32>' are incompatible with return type(s) of operation 'tensor<1x8x4xbf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, preferred_element_type = bf16}
       : (tensor<1x8x3xf16>, tensor<3x3x4xf16>, tensor<4xf16>) -> tensor<1x8x4xbf16>
  return
}

//===----------------------------------------------------------------------===//
// Initializer attributes
//===----------------------------------------------------------------------===//

// -----

func.func @variance_scaling_bad_mode(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{invalid mode for variance scaling initializer: "fan_sum" (expected fan_in, fan_out, fan_avg or fan_geo_avg)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.variance_scaling<scale = 1.0, mode = "fan_sum", distribution = "normal">, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @variance_scaling_bad_distribution(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{invalid distribution for variance scaling initializer: "gaussian" (expected truncated_normal, normal or uniform)}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.variance_scaling<scale = 1.0, mode = "fan_in", distribution = "gaussian">, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @variance_scaling_missing_distribution(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{struct is missing required parameter: distribution}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.variance_scaling<scale = 1.0, mode = "fan_in">, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @variance_scaling_in_axis_out_of_range(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_init' #convt.variance_scaling<scale = 1.000000e+00, mode = "fan_in", distribution = "normal", in_axis = 3> does not fit the parameter shape (3, 3, 4): in_axis 3 is out of range for a parameter of rank 3}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.variance_scaling<scale = 1.0, mode = "fan_in", distribution = "normal", in_axis = 3>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @family_out_axis_out_of_range(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{'kernel_init' #convt.glorot_uniform<out_axis = -4> does not fit the parameter shape (3, 3, 4): out_axis -4 is out of range for a parameter of rank 3}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.glorot_uniform<out_axis = -4>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @family_batch_axis_out_of_range(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{batch_axis 5 is out of range for a parameter of rank 3}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.he_normal<batch_axis = [0, 5]>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// JAX's _compute_fans needs a parameter of rank 2 or more; the bias is rank 1.
func.func @bias_init_variance_scaling(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'bias_init' #convt.variance_scaling<scale = 1.000000e+00, mode = "fan_in", distribution = "normal"> does not fit the parameter shape (4): Can't compute input and output sizes of a 1-dimensional weights tensor. Must be at least 2D.}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, bias_init = #convt.variance_scaling<scale = 1.0, mode = "fan_in", distribution = "normal">}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// Even without fan axes, variance scaling needs a parameter of rank 2.
func.func @bias_init_variance_scaling_no_axes(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{does not fit the parameter shape (4): Can't compute input and output sizes of a 1-dimensional weights tensor. Must be at least 2D.}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, bias_init = #convt.variance_scaling<scale = 1.0, mode = "fan_avg", distribution = "uniform", in_axis = [], out_axis = []>}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @bias_init_lecun_normal(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'bias_init' #convt.lecun_normal does not fit the parameter shape (4): Can't compute input and output sizes of a 1-dimensional weights tensor}}
  %0 = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, bias_init = #convt.lecun_normal}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @truncated_normal_lower_above_upper(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{truncated_normal needs lower < upper, got lower = 1.000000e+00, upper = -1.000000e+00}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.truncated_normal<lower = 1.0, upper = -1.0>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @truncated_normal_lower_equals_default_upper(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{truncated_normal needs lower < upper, got lower = 2.000000e+00, upper = 2.000000e+00}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.truncated_normal<lower = 2.0>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// Float parameters follow MLIR's float syntax: write 1.0, not 1.
func.func @constant_integer_literal(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+3 {{unexpected decimal integer literal for a floating point value}}
  // expected-note @+2 {{add a trailing dot to make the literal a float}}
  // expected-error @+1 {{failed to parse ConvT_ConstantInitAttr parameter 'value' which is to be a `::llvm::APFloat`}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.constant<1>, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @unknown_initializer(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{unknown attribute `kaiming_normal` in dialect `convt`}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, kernel_init = #convt.kaiming_normal, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

// Operands and results are dense: the lowering has no meaning for an
// encoding, which it would drop.
func.func @encoded_input(%x: tensor<1x8x3xf32, "layout">, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor without encoding, but got 'tensor<1x8x3xf32, "layout">'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32, "layout">, tensor<3x3x4xf32>) -> tensor<1x8x4xf32>
  return
}

// -----

func.func @encoded_result(%x: tensor<1x8x3xf32>, %k: tensor<3x3x4xf32>) {
  // expected-error @+1 {{result #0 must be ranked tensor without encoding, but got 'tensor<1x8x4xf32, "layout">'}}
  %0 = convt.conv_transpose %x, %k {features = 4, kernel_size = 3, use_bias = false}
       : (tensor<1x8x3xf32>, tensor<3x3x4xf32>) -> tensor<1x8x4xf32, "layout">
  return
}
