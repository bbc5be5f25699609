// RUN: convt-opt %s --split-input-file --verify-diagnostics --convt-gpu-stage-host-memrefs

func.func @stack(%x: memref<4xf32>) {
  // expected-error @below {{'memref.alloca' cannot be placed in device memory: the GPU pipeline keeps all buffers in device memory}}
  %t = memref.alloca() : memref<4xf32>
  memref.copy %x, %t : memref<4xf32> to memref<4xf32>
  return
}

// -----

func.func @host_read(%x: memref<4xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  // expected-error @below {{'memref.load' would access a buffer from the host: the GPU pipeline keeps all buffers in device memory}}
  %v = memref.load %x[%c0] : memref<4xf32>
  return %v : f32
}

// -----

func.func private @print(memref<4xf32>)

func.func @call(%x: memref<4xf32>) {
  // expected-error @below {{a call cannot take or return memrefs: the GPU pipeline keeps all buffers in device memory}}
  call @print(%x) : (memref<4xf32>) -> ()
  return
}

// -----

// expected-error @below {{argument #0 is an unranked memref; the GPU pipeline copies ranked memrefs only}}
func.func @unranked(%x: memref<*xf32>) {
  return
}

// -----

// expected-error @below {{argument #0 has the layout strided<[2]>; the GPU pipeline copies memrefs with the identity layout only}}
// expected-error @below {{result #0 has the layout strided<[2]>; the GPU pipeline copies memrefs with the identity layout only}}
func.func @strided(%x: memref<2xf32, strided<[2]>>) -> memref<2xf32, strided<[2]>> {
  return %x : memref<2xf32, strided<[2]>>
}

// -----

// A reshape whose shape the host stores after it cannot take the stored
// sizes: the stores stay, and are host accesses.
func.func @shape_stored_late(%x: memref<?xf32>, %n: index) -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %shape = memref.alloc() : memref<1xindex>
  %r = memref.reshape %x(%shape) : (memref<?xf32>, memref<1xindex>) -> memref<?xf32>
  // expected-error @below {{'memref.store' would access a buffer from the host: the GPU pipeline keeps all buffers in device memory}}
  memref.store %n, %shape[%c0] : memref<1xindex>
  return %r : memref<?xf32>
}

// -----

// NVPTX cannot convert integers wider than 64 bits to floats.
// expected-error @below {{argument #0 has elements of type 'i128'; the GPU pipeline supports integers of at most 64 bits}}
func.func @wide_integers(%x: memref<4xi128>) {
  // expected-error @below {{the buffer has elements of type 'i65'; the GPU pipeline supports integers of at most 64 bits}}
  %t = memref.alloc() : memref<4xi65>
  memref.dealloc %t : memref<4xi65>
  return
}
