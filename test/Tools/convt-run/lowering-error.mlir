// A function the CPU pipeline cannot lower is reported with the diagnostics
// of the failing pass.

// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.zeros(4, np.float32))"
// RUN: not convt-run %s -e f --input %t.x.npy --output %t.out.npy 2>&1 | FileCheck %s
// CHECK: lowering-error.mlir:[[@LINE+4]]:{{[0-9]+}}: error:
// CHECK: convt-run: error: lowering '{{.*}}lowering-error.mlir' to the LLVM dialect failed

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = tosa.abs %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
