// --shared-libs makes library functions callable from the JIT-compiled code.

// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.arange(4, dtype=np.float32).reshape(2, 2))"
// RUN: convt-run %s -e show --input %t.x.npy --output %t.out.npy --shared-libs %mlir_runner_libs | FileCheck %s
// CHECK: Unranked Memref
// CHECK-SAME: sizes = [2, 2]
// CHECK-NEXT: {{\[\[}}0, 1],
// CHECK-NEXT: [2, 3]]
// RUN: %python -c "import numpy as np; print(np.load('%t.out.npy').tolist())" | FileCheck %s --check-prefix=OUT
// OUT: {{\[\[}}0.0, 2.0], [4.0, 6.0]]

// RUN: not convt-run %s -e show --input %t.x.npy --output %t.out.npy 2>&1 | FileCheck %s --check-prefix=UNRESOLVED
// UNRESOLVED: convt-run: error: JIT compilation failed:

// RUN: not convt-run %s -e show --input %t.x.npy --output %t.out.npy --shared-libs %t.missing.so 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: convt-run: error: shared library '{{.*}}missing.so' does not exist

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @show(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %init = tensor.empty() : tensor<2x2xf32>
  %sum = linalg.add ins(%x, %x : tensor<2x2xf32>, tensor<2x2xf32>)
                    outs(%init : tensor<2x2xf32>) -> tensor<2x2xf32>
  %unranked = tensor.cast %x : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%unranked) : (tensor<*xf32>) -> ()
  return %sum : tensor<2x2xf32>
}
