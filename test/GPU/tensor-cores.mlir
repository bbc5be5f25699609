// The GPU pipeline chooses the math from `precision`, the operand types and
// the chip: TF32 tensor cores (WMMA m16n16k8, f32 accumulation) for f32
// where the precision allows it (DEFAULT, HIGH, absent) and for f16/bf16,
// which TF32 holds exactly; f32 FMAs for HIGHEST, for chips before sm_80,
// and with tensor-cores=false.

// RUN: convt-opt %s --convt-gpu-pipeline | FileCheck %s --check-prefix=SM90
// RUN: convt-opt %s --convt-gpu-pipeline="chip=sm_80" | FileCheck %s --check-prefix=SM80
// RUN: convt-opt %s --convt-gpu-pipeline="chip=sm_75" | FileCheck %s --check-prefix=NOTC
// RUN: convt-opt %s --convt-gpu-pipeline="tensor-cores=false" | FileCheck %s --check-prefix=NOTC

// SM90:      gpu.binary @default_kernel{{.*}}#nvvm.target<chip = "sm_90", features = "+ptx80">{{.*}}wmma.load.a.sync.aligned.row.m16n16k8.shared.tf32{{.*}}wmma.mma.sync.aligned.row.row.m16n16k8.f32.tf32.tf32.f32
// SM90-NOT:  @highest_kernel{{.*}}wmma
// SM90:      gpu.binary @highest_kernel{{.*}}fma.rn.f32
// SM90-NOT:  @highest_kernel{{.*}}wmma
// SM90:      gpu.binary @bfloat_kernel{{.*}}wmma.mma.sync.aligned.row.row.m16n16k8.f32.tf32.tf32.f32

// SM80:      gpu.binary @default_kernel{{.*}}#nvvm.target<chip = "sm_80", features = "+ptx80">{{.*}}wmma.mma.sync.aligned.row.row.m16n16k8.f32.tf32.tf32.f32

// NOTC-NOT:  wmma

// With ptxas, the kernels assemble for both chips.
// RUN: %if ptxas %{ convt-opt %s --convt-gpu-pipeline="format=bin" -o /dev/null %}
// RUN: %if ptxas %{ convt-opt %s --convt-gpu-pipeline="chip=sm_80 format=bin" -o /dev/null %}

func.func @default(%x: tensor<1x6x6x8xf32>, %k: tensor<3x3x8x32xf32>) -> tensor<1x12x12x32xf32> {
  %y = convt.conv_transpose %x, %k {features = 32, kernel_size = array<i64: 3, 3>, strides = 2, use_bias = false}
       : (tensor<1x6x6x8xf32>, tensor<3x3x8x32xf32>) -> tensor<1x12x12x32xf32>
  return %y : tensor<1x12x12x32xf32>
}

func.func @highest(%x: tensor<1x6x6x8xf32>, %k: tensor<3x3x8x32xf32>) -> tensor<1x12x12x32xf32> {
  %y = convt.conv_transpose %x, %k {features = 32, kernel_size = array<i64: 3, 3>, strides = 2, use_bias = false, precision = ["high", "highest"]}
       : (tensor<1x6x6x8xf32>, tensor<3x3x8x32xf32>) -> tensor<1x12x12x32xf32>
  return %y : tensor<1x12x12x32xf32>
}

func.func @bfloat(%x: tensor<1x6x8xbf16>, %k: tensor<2x8x16xbf16>) -> tensor<1x7x16xbf16> {
  %y = convt.conv_transpose %x, %k {features = 16, kernel_size = 2, padding = "VALID", use_bias = false, precision = "highest"}
       : (tensor<1x6x8xbf16>, tensor<2x8x16xbf16>) -> tensor<1x7x16xbf16>
  return %y : tensor<1x7x16xbf16>
}
