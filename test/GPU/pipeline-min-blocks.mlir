// The min-blocks option of the GPU pipeline. Each phase of this stride-2
// transposed convolution is 8 x 8 = 64 output pixels of 64 channels: the
// largest tile (64 pixels x 64 channels, 256 threads) covers it in one block.
// By default (min-blocks=132) the pixel tiles shrink to 16 pixels, the least
// (64 threads), which gives 4 blocks; with min-blocks=0 they keep 64.

// RUN: convt-opt %s --convt-gpu-pipeline --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEFAULT
// RUN: convt-opt %s --convt-gpu-pipeline="min-blocks=0" --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LARGEST
// RUN: convt-opt %s --convt-gpu-pipeline="min-blocks=2" --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TWO
// RUN: not convt-opt %s --convt-gpu-pipeline="min-blocks=-1" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NEGATIVE

// NEGATIVE: pipeline-min-blocks.mlir:[[@LINE+9]]:1: error: min-blocks must be at least 0; got -1

// DEFAULT-COUNT-4: gpu.known_block_size = array<i32: 64, 1, 1>, gpu.known_grid_size = array<i32: 4, 1, 1>
// DEFAULT-NOT:     gpu.known_block_size
// LARGEST-COUNT-4: gpu.known_block_size = array<i32: 256, 1, 1>, gpu.known_grid_size = array<i32: 1, 1, 1>
// LARGEST-NOT:     gpu.known_block_size
// TWO-COUNT-4:     gpu.known_block_size = array<i32: 128, 1, 1>, gpu.known_grid_size = array<i32: 2, 1, 1>
// TWO-NOT:         gpu.known_block_size

func.func @upsample(%x: tensor<1x8x8x16xf32>, %k: tensor<2x2x16x64xf32>) -> tensor<1x16x16x64xf32> {
  %y = convt.conv_transpose %x, %k {features = 64, kernel_size = array<i64: 2, 2>, strides = 2, padding = "VALID", use_bias = false, precision = "highest"}
     : (tensor<1x8x8x16xf32>, tensor<2x2x16x64xf32>) -> tensor<1x16x16x64xf32>
  return %y : tensor<1x16x16x64xf32>
}
