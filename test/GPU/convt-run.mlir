// convt-run --target gpu: what needs no GPU (the compilation and the option
// errors).

// RUN: convt-run %s -e upsample --target gpu --dump-llvm | FileCheck %s --check-prefix=SM90
// SM90: llvm.func @upsample(
// SM90: llvm.call @mgpuMemAlloc
// SM90: gpu.launch_func
// SM90: gpu.binary @upsample_kernel  [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}.target sm_90\0A

// RUN: convt-run %s -e upsample --target gpu --gpu-chip sm_80 --strategy dilate --dump-llvm | FileCheck %s --check-prefix=SM80
// SM80: gpu.binary @upsample_kernel  [#gpu.object<#nvvm.target<chip = "sm_80", features = "+ptx80">, {{.*}}.target sm_80\0A

// RUN: not convt-run %s -e upsample --target gpu --gpu-chip sm_1 --dump-llvm 2>&1 | FileCheck %s --check-prefix=CHIP
// CHIP: convt-run: error: unknown chip 'sm_1': expected an NVIDIA GPU architecture that LLVM's NVPTX backend knows, such as sm_80 or sm_90 (llc -mtriple=nvptx64 -mcpu=help lists them)

// RUN: not convt-run %s -e upsample --target gpu --num-threads 2 --dump-llvm 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: convt-run: error: --num-threads applies to --target cpu only

// Only the function run and what it calls are compiled: @first_element,
// which reads a buffer on the host, fails only a run of its own.
// RUN: convt-run %s -e upsample --target gpu --dump-llvm | FileCheck %s --check-prefix=ONLY
// ONLY-NOT: first_element
// RUN: not convt-opt %s --convt-gpu-pipeline 2>&1 | FileCheck %s --check-prefix=HOST
// HOST: error: 'memref.load' would access a buffer from the host

func.func @upsample(%x: tensor<1x3x1xf32>, %k: tensor<1x1x2xf32>) -> tensor<1x6x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = array<i64: 1>, strides = array<i64: 2>, padding = "VALID", use_bias = false}
       : (tensor<1x3x1xf32>, tensor<1x1x2xf32>) -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}

func.func @first_element(%x: tensor<1x3x1xf32>) -> tensor<1xf32> {
  %c0 = arith.constant 0 : index
  %e = tensor.extract %x[%c0, %c0, %c0] : tensor<1x3x1xf32>
  %t = tensor.from_elements %e : tensor<1xf32>
  return %t : tensor<1xf32>
}
