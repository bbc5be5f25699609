// The target options of --convt-cpu-pipeline reach both kernel passes, so
// that a module compiles the same on any host when all are set. The L1 cache
// size decides whether the kernel of one block of output channels is read in
// place (at most one tap per 4 KiB way) or packed: 9 taps fit 48 KiB, not
// 24 KiB, where the constant kernel is packed at compile time, with the
// layout the kernels then read (no packing per call).
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=256 fmas-per-cycle=2 l1-cache-bytes=24576" | FileCheck %s --check-prefix=L1-24K
// RUN: convt-opt %s --convt-cpu-pipeline="vector-bits=256 fmas-per-cycle=2 l1-cache-bytes=49152" | FileCheck %s --check-prefix=L1-48K

// L1-24K: llvm.mlir.global private constant @__constant_3x3x4x8xf32_packed({{.*}} : tensor<1x4x9x8xf32>)
// L1-24K-LABEL: llvm.func @target
// L1-24K: llvm.mlir.addressof @__constant_3x3x4x8xf32_packed
// L1-24K: llvm.call @malloc
// L1-24K-NOT: llvm.call @malloc
// L1-48K-NOT: _packed
// L1-48K: llvm.mlir.global private constant @__constant_3x3x4x8xf32(
// L1-48K-NOT: _packed
func.func @target(%x: tensor<1x8x8x4xf32>) -> tensor<1x8x8x8xf32> {
  %k = arith.constant dense<0.5> : tensor<3x3x4x8xf32>
  %y = convt.conv_transpose %x, %k {features = 8, kernel_size = [3, 3], strides = [1, 1], padding = "SAME", use_bias = false}
       : (tensor<1x8x8x4xf32>, tensor<3x3x4x8xf32>) -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}
