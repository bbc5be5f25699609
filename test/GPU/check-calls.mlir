// convt-gpu-check-calls rejects, before bufferization, each call that passes
// tensors or memrefs; calls of scalars pass.
// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-gpu-check-calls | FileCheck %s
// In the GPU pipeline, the calls the inliner leaves (here to external and
// recursive functions) get that one error each, and no errors from the
// deallocation code that bufferization would write for their results.
// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-gpu-pipeline -o /dev/null

func.func private @external(tensor<1x8x2xf32>) -> (tensor<1x8x2xf32>, tensor<1x8x2xf32>)

func.func @twice(%x: tensor<1x4x3xf32>, %k: tensor<3x3x2xf32>) -> tensor<1x8x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 3, strides = 2, use_bias = false} : (tensor<1x4x3xf32>, tensor<3x3x2xf32>) -> tensor<1x8x2xf32>
  // expected-error @below {{a call cannot take or return tensors or memrefs: the GPU pipeline keeps all buffers in device memory and inlines only direct calls of non-recursive functions with a body}}
  %a, %b = func.call @external(%y) : (tensor<1x8x2xf32>) -> (tensor<1x8x2xf32>, tensor<1x8x2xf32>)
  // expected-error @below {{a call cannot take or return tensors or memrefs}}
  %c, %d = func.call @external(%a) : (tensor<1x8x2xf32>) -> (tensor<1x8x2xf32>, tensor<1x8x2xf32>)
  return %d : tensor<1x8x2xf32>
}

// -----

func.func @recursive(%x: tensor<1x8x2xf32>, %n: index) -> tensor<1x8x2xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %done = arith.cmpi eq, %n, %c0 : index
  %r = scf.if %done -> tensor<1x8x2xf32> {
    scf.yield %x : tensor<1x8x2xf32>
  } else {
    %m = arith.subi %n, %c1 : index
    // expected-error @below {{a call cannot take or return tensors or memrefs}}
    %y = func.call @recursive(%x, %m) : (tensor<1x8x2xf32>, index) -> tensor<1x8x2xf32>
    scf.yield %y : tensor<1x8x2xf32>
  }
  return %r : tensor<1x8x2xf32>
}

// -----

func.func private @print(memref<4xf32>)

func.func @memref_call(%x: memref<4xf32>) {
  // expected-error @below {{a call cannot take or return tensors or memrefs}}
  call @print(%x) : (memref<4xf32>) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @scalars(
// CHECK: call @scale
func.func private @scale(f32) -> f32

func.func @scalars(%a: f32) -> f32 {
  %b = func.call @scale(%a) : (f32) -> f32
  return %b : f32
}

// -----

// An indirect call, which the inliner cannot resolve.
func.func @indirect(%f: (tensor<1x8x2xf32>) -> tensor<1x8x2xf32>, %x: tensor<1x8x2xf32>) -> tensor<1x8x2xf32> {
  // expected-error @below {{a call cannot take or return tensors or memrefs}}
  %y = func.call_indirect %f(%x) : (tensor<1x8x2xf32>) -> tensor<1x8x2xf32>
  return %y : tensor<1x8x2xf32>
}
