// Bad options of --convt-gpu-pipeline fail before anything runs, with the
// reason (the NVPTX backend would abort on a PTX version too old for the
// chip).

// RUN: not convt-opt %s --convt-gpu-pipeline="chip=foo" 2>&1 | FileCheck %s --check-prefix=CHIP
// CHIP: error: convt-gpu-pipeline: unknown chip 'foo': expected an NVIDIA GPU architecture that LLVM's NVPTX backend knows, such as sm_80 or sm_90 (llc -mtriple=nvptx64 -mcpu=help lists them)

// RUN: not convt-opt %s --convt-gpu-pipeline="features=+ptx60" 2>&1 | FileCheck %s --check-prefix=PTX
// PTX: error: convt-gpu-pipeline: features=+ptx60 asks for PTX ISA 6.0, which cannot target sm_90: it needs PTX 7.8 or later (+ptx78)

// RUN: not convt-opt %s --convt-gpu-pipeline="features=+ptx80,+fast" 2>&1 | FileCheck %s --check-prefix=FEATURE
// FEATURE: error: convt-gpu-pipeline: unknown NVPTX feature '+fast' in features: expected +ptxXY for PTX ISA version X.Y, e.g. +ptx80 (llc -mtriple=nvptx64 -mattr=help lists them)

// RUN: not convt-opt %s --convt-gpu-pipeline="format=cubin" 2>&1 | FileCheck %s --check-prefix=FORMAT
// FORMAT: for the --format option: Cannot find option named 'cubin'!

// RUN: not convt-opt %s --convt-gpu-pipeline="block-size=2048" 2>&1 | FileCheck %s --check-prefix=BLOCK
// RUN: not convt-opt %s --convt-gpu-loops-on-cpu-pipeline="block-size=2048" 2>&1 | FileCheck %s --check-prefix=BLOCK
// BLOCK: error: block-size must be between 1 and 1024, got 2048

// RUN: not convt-opt %s --convt-gpu-pipeline="tensor-cores=maybe" 2>&1 | FileCheck %s --check-prefix=BOOL
// RUN: not convt-opt %s --convt-gpu-loops-on-cpu-pipeline="conv-kernels=2" 2>&1 | FileCheck %s --check-prefix=BOOL
// BOOL: is invalid value for boolean argument! Try 0 or 1

// Nested in a pass manager on functions, the pipelines' module passes would
// abort the process.
// RUN: not convt-opt %s --pass-pipeline="builtin.module(func.func(convt-gpu-pipeline))" 2>&1 | FileCheck %s --check-prefix=ANCHOR
// RUN: not convt-opt %s --pass-pipeline="builtin.module(func.func(convt-gpu-loops-on-cpu-pipeline))" 2>&1 | FileCheck %s --check-prefix=ANCHOR
// ANCHOR: error: convt-gpu-{{(loops-on-cpu-)?}}pipeline: must run on builtin.module; it cannot be added to a pass manager on 'func.func'

// Without NVIDIA's ptxas, a cubin cannot be made (PTX can).
// RUN: mkdir -p %t.empty
// RUN: not env -u CUDA_HOME -u CUDA_ROOT -u CUDA_PATH PATH=%t.empty convt-opt %s --convt-gpu-pipeline="format=bin" 2>&1 | FileCheck %s --check-prefix=PTXAS
// RUN: env -u CUDA_HOME -u CUDA_ROOT -u CUDA_PATH PATH=%t.empty convt-opt %s --convt-gpu-pipeline="format=isa" -o /dev/null
// PTXAS: error: Couldn't find the `ptxas` binary.

func.func @main(%x: tensor<1x4x2xf32>, %k: tensor<2x2x3xf32>) -> tensor<1x5x3xf32> {
  %y = convt.conv_transpose %x, %k {features = 3, kernel_size = 2, padding = "VALID", use_bias = false}
       : (tensor<1x4x2xf32>, tensor<2x2x3xf32>) -> tensor<1x5x3xf32>
  return %y : tensor<1x5x3xf32>
}
