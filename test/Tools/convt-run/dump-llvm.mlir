// --dump-llvm prints the lowered module, with the C interface of the function,
// and runs nothing: no inputs are needed.

// RUN: convt-run %s -e add --dump-llvm | FileCheck %s
// CHECK: llvm.func @add(
// CHECK: llvm.func @_mlir_ciface_add(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: func.func

func.func @add(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %init = tensor.empty() : tensor<3xf32>
  %sum = linalg.add ins(%x, %y : tensor<3xf32>, tensor<3xf32>)
                    outs(%init : tensor<3xf32>) -> tensor<3xf32>
  return %sum : tensor<3xf32>
}
