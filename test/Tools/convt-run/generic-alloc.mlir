// --generic-alloc compiles with the CPU pipeline's generic-alloc and serves
// the buffers from convt-run's counted _mlir_memref_to_llvm_alloc and
// _mlir_memref_to_llvm_free, as an embedder's allocator would. Two chained
// convolutions allocate their result and the intermediate one (and packed
// kernels, depending on the host's vector width): all but the result are
// freed within the call, so that once the result is freed no buffer is live.
// The result matches the reference and the one with malloc.

// RUN: %python -c "import numpy as np; r = np.random.default_rng(2); np.save('%t.x.npy', r.standard_normal((1, 6, 5, 3), dtype=np.float32)); np.save('%t.k1.npy', r.standard_normal((3, 3, 3, 40), dtype=np.float32)); np.save('%t.k2.npy', r.standard_normal((2, 2, 40, 7), dtype=np.float32))"
// RUN: convt-run %s -e main --num-threads 2 --generic-alloc --input %t.x.npy --input %t.k1.npy --input %t.k2.npy --output %t.generic.npy --repeat 3 | FileCheck %s --check-prefix=COUNT
// COUNT:      allocated_buffers={{[2-9]|[1-9][0-9]+}}
// COUNT-NEXT: live_buffers=0
// COUNT-NEXT: median_ms=

// RUN: convt-run %s -e main --num-threads 2 --input %t.x.npy --input %t.k1.npy --input %t.k2.npy --output %t.malloc.npy | FileCheck %s --check-prefix=MALLOC --allow-empty
// MALLOC-NOT: buffers

// RUN: %python -c "import sys; sys.path.insert(0, '%convt_src/test/python'); import numpy as np, convt_reference as R; x, k1, k2 = (np.load('%t.' + n + '.npy') for n in ('x', 'k1', 'k2')); y, _ = R.conv_transpose(x, k1, features=40, kernel_size=(3, 3), strides=(2, 2), padding='SAME'); want, _ = R.conv_transpose(y, k2, features=7, kernel_size=(2, 2), strides=(2, 2), padding='VALID'); got, libc = np.load('%t.generic.npy'), np.load('%t.malloc.npy'); print('identical' if (got == libc).all() else 'differ', 'close' if np.allclose(got, want, rtol=1e-4, atol=1e-4) else 'far')" | FileCheck %s --check-prefix=VALUES
// VALUES: identical close

// RUN: convt-run %s -e main --num-threads 2 --generic-alloc --dump-llvm | FileCheck %s --check-prefix=IR
// IR-NOT:  @malloc
// IR-NOT:  @free
// IR:      llvm.call @_mlir_memref_to_llvm_alloc
// IR:      llvm.call @_mlir_memref_to_llvm_free
// IR-NOT:  @malloc
// IR-NOT:  @free

// RUN: not convt-run %s -e main --target gpu-loops-on-cpu --generic-alloc --input %t.x.npy --input %t.k1.npy --input %t.k2.npy --output %t.gpu.npy 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: convt-run: error: --generic-alloc applies to --target cpu only
// RUN: not convt-run %s -e main --generic-alloc=maybe 2>&1 | FileCheck %s --check-prefix=BAD-VALUE
// BAD-VALUE: for the --generic-alloc option: 'maybe' is invalid value for boolean argument

func.func @main(%x: tensor<1x6x5x3xf32>, %k1: tensor<3x3x3x40xf32>, %k2: tensor<2x2x40x7xf32>) -> tensor<1x24x20x7xf32> {
  %y = convt.conv_transpose %x, %k1 {features = 40, kernel_size = array<i64: 3, 3>, strides = array<i64: 2, 2>, padding = "SAME", use_bias = false}
     : (tensor<1x6x5x3xf32>, tensor<3x3x3x40xf32>) -> tensor<1x12x10x40xf32>
  %z = convt.conv_transpose %y, %k2 {features = 7, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = "VALID", use_bias = false}
     : (tensor<1x12x10x40xf32>, tensor<2x2x40x7xf32>) -> tensor<1x24x20x7xf32>
  return %z : tensor<1x24x20x7xf32>
}
