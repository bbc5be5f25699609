// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=512 bf16-dot=on" | FileCheck %s
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=512 bf16-dot=off" | FileCheck %s --check-prefix=OFF
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=256 bf16-dot=on" | FileCheck %s --check-prefix=OFF

// bf16 operands with 512-bit vectors take the AVX512-BF16 dot product down
// to LLVM; without it, or with 256-bit vectors, they are extended to f32.
// CHECK-LABEL: llvm.func @bf16
//       CHECK: llvm.call_intrinsic "llvm.x86.avx512bf16.dpbf16ps.512"({{.*}}) : (vector<16xf32>, vector<32xbf16>, vector<32xbf16>) -> vector<16xf32>
// OFF-LABEL: llvm.func @bf16
//   OFF-NOT: dpbf16ps
//       OFF: llvm.intr.fmuladd
func.func @bf16(%x: tensor<1x5x5x8xbf16>, %k: tensor<3x3x8x16xbf16>) -> tensor<1x10x10x16xbf16> {
  %y = convt.conv_transpose %x, %k {features = 16, kernel_size = array<i64: 3, 3>, strides = 2, padding = "SAME", use_bias = false}
       : (tensor<1x5x5x8xbf16>, tensor<3x3x8x16xbf16>) -> tensor<1x10x10x16xbf16>
  return %y : tensor<1x10x10x16xbf16>
}
