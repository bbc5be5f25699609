// REQUIRES: ptxas
// With NVIDIA's ptxas, format=bin embeds cubins: ptxas also checks the PTX
// of every kernel, here for each element type and for the CIRCULAR fold.
// format=fatbin also needs NVIDIA's fatbinary, which comes with ptxas.

// RUN: convt-opt %s --convt-gpu-pipeline="format=bin" | FileCheck %s --check-prefix=SM90
// RUN: convt-opt %s --convt-gpu-pipeline="chip=sm_80 format=bin" | FileCheck %s --check-prefix=SM80
// RUN: convt-opt %s --convt-gpu-pipeline="strategy=dilate format=bin" -o /dev/null
// RUN: convt-opt %s --convt-gpu-pipeline="format=fatbin" | FileCheck %s --check-prefix=FATBIN

// SM90-COUNT-3: gpu.binary @{{.*}}#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}bin = "\7FELF
// FATBIN: gpu.binary @f32_kernel  [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}}, "P\EDU\BA
// SM80-COUNT-3: gpu.binary @{{.*}}#nvvm.target<chip = "sm_80", features = "+ptx80">, {{.*}}bin = "\7FELF

func.func @f32(%x: tensor<2x5x3xf32>, %k: tensor<3x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x10x4xf32> {
  %y = convt.conv_transpose %x, %k bias %b {features = 4, kernel_size = 3, strides = 2, padding = "SAME"}
       : (tensor<2x5x3xf32>, tensor<3x3x4xf32>, tensor<4xf32>) -> tensor<2x10x4xf32>
  return %y : tensor<2x10x4xf32>
}

func.func @f16(%x: tensor<1x3x3x2xf16>, %k: tensor<2x2x2x3xf16>) -> tensor<1x6x6x3xf16> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = array<i64: 2, 2>, strides = array<i64: 2, 2>, padding = "CIRCULAR", use_bias = false}
       : (tensor<1x3x3x2xf16>, tensor<2x2x2x3xf16>) -> tensor<1x6x6x3xf16>
  return %y : tensor<1x6x6x3xf16>
}

func.func @bf16(%x: tensor<1x4x2xbf16>, %k: tensor<3x2x2xbf16>, %b: tensor<2xf64>) -> tensor<1x8x2xbf16> {
  %y = convt.conv_transpose %x, %k bias %b {features = 2, kernel_size = 3, strides = 2, padding = "SAME", dtype = bf16}
       : (tensor<1x4x2xbf16>, tensor<3x2x2xbf16>, tensor<2xf64>) -> tensor<1x8x2xbf16>
  return %y : tensor<1x8x2xbf16>
}

func.func @f64(%x: tensor<1x2x2x2x1xf64>, %k: tensor<2x1x2x1x2xf64>) -> tensor<1x3x4x3x2xf64> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = array<i64: 2, 1, 2>, strides = array<i64: 1, 2, 1>, padding = "VALID", use_bias = false}
       : (tensor<1x2x2x2x1xf64>, tensor<2x1x2x1x2xf64>) -> tensor<1x3x4x3x2xf64>
  return %y : tensor<1x3x4x3x2xf64>
}

func.func @i32(%x: tensor<1x3x2xi32>, %k: tensor<2x2x2xi32>) -> tensor<1x6x2xf32> {
  %y = convt.conv_transpose %x, %k {features = 2, kernel_size = 2, strides = 2, padding = "VALID", use_bias = false}
       : (tensor<1x3x2xi32>, tensor<2x2x2xi32>) -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}
