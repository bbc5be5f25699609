// convt-check-indirect-calls fails at each func.call_indirect of an unknown
// callee that takes or returns a tensor, which one-shot bufferization cannot
// bufferize; a call of a func.constant, and calls on scalars and memrefs,
// pass.
// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-check-indirect-calls
// The CPU pipeline runs it first.
// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-cpu-pipeline

func.func @apply(%f: (tensor<4xf32>) -> tensor<4xf32>, %x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{an indirect call cannot take or return tensors: bufferization must see the callee to decide which buffers it writes and which it returns; call the function with func.call}}
  %y = func.call_indirect %f(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @make(%f: () -> tensor<2x2xf32>) -> tensor<2x2xf32> {
  // expected-error @below {{an indirect call cannot take or return tensors}}
  %y = func.call_indirect %f() : () -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @double(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = arith.addf %x, %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func @known(%x: tensor<4xf32>, %g: (f32, memref<4xf32>) -> f32, %a: f32, %m: memref<4xf32>) -> (tensor<4xf32>, f32) {
  %f = func.constant @double : (tensor<4xf32>) -> tensor<4xf32>
  %y = func.call_indirect %f(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %b = func.call_indirect %g(%a, %m) : (f32, memref<4xf32>) -> f32
  return %y, %b : tensor<4xf32>, f32
}
