// RUN: convt-opt %s --convt-cpu-conv-kernels="vector-bits=128" --split-input-file -verify-diagnostics

// A `convt.packed_kernel` mark that is not {global = @symbol, type = <memref
// type>} is an error on the convolution (the packing pass writes it; this is
// hand-written input).
func.func @not_a_dictionary(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  // expected-error @+1 {{'convt.packed_kernel' must be {global = @symbol, type = <memref type>}; got "packed"}}
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = "packed", dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>) outs(%output : memref<1x3x20xf32>)
  return
}

// -----

func.func @global_not_a_symbol(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  // expected-error @+1 {{'convt.packed_kernel' must be {global = @symbol, type = <memref type>}; got {global = "g", type = memref<2x1x2x12xf32>}}}
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = "g", type = memref<2x1x2x12xf32>}, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>) outs(%output : memref<1x3x20xf32>)
  return
}

// -----

func.func @type_not_a_memref(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  // expected-error @+1 {{'convt.packed_kernel' must be {global = @symbol, type = <memref type>}; got {global = @g, type = tensor<2x1x2x12xf32>}}}
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = @g, type = tensor<2x1x2x12xf32>}, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>) outs(%output : memref<1x3x20xf32>)
  return
}

// -----

func.func @missing_type(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  // expected-error @+1 {{'convt.packed_kernel' must be {global = @symbol, type = <memref type>}; got {global = @g}}}
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = @g}, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>) outs(%output : memref<1x3x20xf32>)
  return
}

// -----

// A well-formed mark of the expected layout naming no global, or a global of
// another type: the kernels read it, and the module's verifier rejects the
// read, at the convolution.
memref.global "private" constant @g : memref<3x1x2x12xf32> = dense<0.0>

func.func @missing_global(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  // expected-error @+1 {{'memref.get_global' op 'nope' does not reference a valid global memref}}
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = @nope, type = memref<2x1x2x12xf32>}, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>) outs(%output : memref<1x3x20xf32>)
  return
}

// -----

memref.global "private" constant @g : memref<3x1x2x12xf32> = dense<0.0>

func.func @global_of_other_type(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  // expected-error @+1 {{'memref.get_global' op result type 'memref<2x1x2x12xf32>' does not match type 'memref<3x1x2x12xf32>' of the global memref @g}}
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = @g, type = memref<2x1x2x12xf32>}, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>) outs(%output : memref<1x3x20xf32>)
  return
}
