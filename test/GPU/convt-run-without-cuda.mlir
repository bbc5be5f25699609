// UNSUPPORTED: cuda-runtime
// A convt-run built without CUDA compiles for the GPU but cannot run there.

// RUN: not convt-run %s -e upsample --target gpu --output %t.npy 2>&1 | FileCheck %s
// CHECK: convt-run: error: convt-run was built without CUDA: --target gpu can only --dump-llvm (rebuild convt where CMake finds the CUDA toolkit)
// RUN: convt-run %s -e upsample --target gpu --dump-llvm | FileCheck %s --check-prefix=DUMP
// DUMP: gpu.binary @upsample_kernel

func.func @upsample(%x: tensor<1x3x1xf32>, %k: tensor<1x1x2xf32>) -> tensor<1x6x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = array<i64: 1>, strides = array<i64: 2>, padding = "VALID", use_bias = false}
       : (tensor<1x3x1xf32>, tensor<1x1x2xf32>) -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}
