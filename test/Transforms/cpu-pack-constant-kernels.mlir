// RUN: convt-opt %s --convt-cpu-pack-constant-kernels="vector-bits=128" --split-input-file | FileCheck %s
// RUN: convt-opt %s --convt-cpu-pack-constant-kernels="vector-bits=128" --convt-cpu-conv-kernels="vector-bits=128" --symbol-dce --split-input-file | FileCheck %s --check-prefix=KERNELS
// RUN: convt-opt %s --convt-cpu-pack-constant-kernels="vector-bits=512 bf16-dot=on" --split-input-file | FileCheck %s --check-prefix=DOT
// RUN: not convt-opt %s --convt-cpu-pack-constant-kernels="vector-bits=100" --split-input-file 2>&1 | FileCheck %s --check-prefix=BITS
// RUN: not convt-opt %s --convt-cpu-pack-constant-kernels="bf16-dot=maybe" --split-input-file 2>&1 | FileCheck %s --check-prefix=BF16
// RUN: not convt-opt %s --convt-cpu-pack-constant-kernels="fmas-per-cycle=-1" --split-input-file 2>&1 | FileCheck %s --check-prefix=FMAS
// RUN: not convt-opt %s --convt-cpu-pack-constant-kernels="l1-cache-bytes=-1" --split-input-file 2>&1 | FileCheck %s --check-prefix=L1
// BITS: error: vector-bits must be 0 (the host's) or a multiple of 64 from 128 to 2048; got 100
// BF16: error: bf16-dot must be host, on or off; got 'maybe'
// FMAS: error: fmas-per-cycle must be at least 0 (0: the host's); got -1
// L1: error: l1-cache-bytes must be at least 0 (0: the host's); got -1

// 20 output channels with 4-lane vectors over 3 pixels: blocks of 3 vectors,
// 12 channels, the second one padded with zeros. The phase kernel is a strided view of the
// constant; its taps 0 and 1 are kernel[0][1] and kernel[1][1]. Packed:
// [F / 12, C, taps, 12].
// CHECK: memref.global "private" constant @kernel : memref<2x2x20xf32>
// CHECK: memref.global "private" constant @kernel_packed : memref<2x1x2x12xf32> = dense<{{\[\[\[\[}}2.000000e+01, 2.100000e+01, {{.*}}, 3.100000e+01], [6.000000e+01, {{.*}}, 7.100000e+01]]], {{\[\[\[}}3.200000e+01, {{.*}}, 3.900000e+01, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [7.200000e+01, {{.*}}, 7.900000e+01, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]]> {alignment = 64 : i64}
// CHECK-LABEL: func.func @subview
// CHECK: linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = @kernel_packed, type = memref<2x1x2x12xf32>}
// The kernels read the packed global, and the constant goes.
// KERNELS-NOT: @kernel :
// KERNELS: memref.global "private" constant @kernel_packed
// KERNELS-LABEL: func.func @subview
// KERNELS-NOT: memref.alloc
// KERNELS-NOT: memref.subview
// KERNELS: %[[PACKED:.*]] = memref.get_global @kernel_packed : memref<2x1x2x12xf32>
// KERNELS-NOT: memref.alloc
// KERNELS: vector.load %[[PACKED]]
// KERNELS-NOT: memref.dealloc
// KERNELS: return
memref.global "private" constant @kernel : memref<2x2x20xf32> = dense<[[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0], [20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0]], [[40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0], [60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0, 71.0, 72.0, 73.0, 74.0, 75.0, 76.0, 77.0, 78.0, 79.0]]]>

func.func @subview(%input: memref<1x4x1xf32>, %output: memref<1x3x20xf32>) {
  %all = memref.get_global @kernel : memref<2x2x20xf32>
  %kernel = memref.subview %all[0, 1, 0] [2, 1, 20] [1, 1, 1] : memref<2x2x20xf32> to memref<2x1x20xf32, strided<[40, 20, 1], offset: 20>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32, strided<[40, 20, 1], offset: 20>>)
    outs(%output : memref<1x3x20xf32>)
  return
}

// -----

// Two convolutions that read the same view share one packed global; the
// whole constant, read without a view, gets one of its own.
// CHECK: memref.global "private" constant @kernel : memref<2x2x20xf32>
// CHECK-NEXT: memref.global "private" constant @kernel_packed_0 : memref<2x2x2x12xf32>
// CHECK-NEXT: memref.global "private" constant @kernel_packed : memref<2x1x2x12xf32>
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @shared
// CHECK: convt.packed_kernel = {global = @kernel_packed, type = memref<2x1x2x12xf32>}
// CHECK: convt.packed_kernel = {global = @kernel_packed, type = memref<2x1x2x12xf32>}
// CHECK: convt.packed_kernel = {global = @kernel_packed_0, type = memref<2x2x2x12xf32>}
// KERNELS-LABEL: func.func @shared
// KERNELS-COUNT-2: memref.get_global @kernel_packed :
// KERNELS: memref.get_global @kernel_packed_0 :
// KERNELS-NOT: memref.alloc
memref.global "private" constant @kernel : memref<2x2x20xf32> = dense<[[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0], [20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0]], [[40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0], [60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0, 71.0, 72.0, 73.0, 74.0, 75.0, 76.0, 77.0, 78.0, 79.0]]]>

func.func @shared(%input: memref<1x4x1xf32>, %input2: memref<1x4x2xf32>, %output: memref<1x3x20xf32>) {
  %all = memref.get_global @kernel : memref<2x2x20xf32>
  %kernel = memref.subview %all[0, 0, 0] [2, 1, 20] [1, 1, 1] : memref<2x2x20xf32> to memref<2x1x20xf32, strided<[40, 20, 1]>>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32, strided<[40, 20, 1]>>)
    outs(%output : memref<1x3x20xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32, strided<[40, 20, 1]>>)
    outs(%output : memref<1x3x20xf32>)
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input2, %all : memref<1x4x2xf32>, memref<2x2x20xf32>)
    outs(%output : memref<1x3x20xf32>)
  return
}

// -----

// Not constant: a kernel argument, a global that is not constant. One block
// of output channels (4 with 4-lane vectors) is read in place, unpacked.
// CHECK-NOT: _packed
// CHECK-LABEL: func.func @not_packed
// CHECK-NOT: convt.packed_kernel
// CHECK: return
// The kernels pack the first two per call.
// KERNELS-LABEL: func.func @not_packed
// KERNELS-COUNT-2: memref.alloc() {alignment = 64 : i64} : memref<2x1x2x12xf32>
// KERNELS-NOT: memref.alloc
// KERNELS: return
memref.global "private" @mutable : memref<2x1x20xf32> = dense<1.0>
memref.global "private" constant @narrow : memref<2x1x4xf32> = dense<1.0>

func.func @not_packed(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>, %output4: memref<1x3x4xf32>) {
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>)
    outs(%output : memref<1x3x20xf32>)
  %mutable = memref.get_global @mutable : memref<2x1x20xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %mutable : memref<1x4x1xf32>, memref<2x1x20xf32>)
    outs(%output : memref<1x3x20xf32>)
  %narrow = memref.get_global @narrow : memref<2x1x4xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %narrow : memref<1x4x1xf32>, memref<2x1x4xf32>)
    outs(%output4 : memref<1x3x4xf32>)
  return
}

// -----

// vdpbf16ps reads pairs of input channels interleaved, [F / W, C / 2, taps,
// 2 * W], here W = 32 (one block of 2 vectors for 20 channels):
// kernel[0][0][0], kernel[0][1][0], kernel[0][0][1], ...
// DOT: memref.global "private" constant @pairs_packed : memref<1x1x1x64xbf16> = dense<{{\[\[\[\[}}1.000000e+00, 1.010000e+02, 2.000000e+00, 1.020000e+02, 3.000000e+00, 1.030000e+02, {{.*}}, 2.000000e+01, 1.200000e+02, 0.000000e+00, {{.*}}]]]]> {alignment = 64 : i64}
// DOT-LABEL: func.func @bf16_pairs
// DOT: convt.packed_kernel = {global = @pairs_packed, type = memref<1x1x1x64xbf16>}
memref.global "private" constant @pairs : memref<1x2x20xbf16> = dense<[[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0], [101.0, 102.0, 103.0, 104.0, 105.0, 106.0, 107.0, 108.0, 109.0, 110.0, 111.0, 112.0, 113.0, 114.0, 115.0, 116.0, 117.0, 118.0, 119.0, 120.0]]]>

func.func @bf16_pairs(%input: memref<1x3x2xbf16>, %output: memref<1x3x20xf32>) {
  %kernel = memref.get_global @pairs : memref<1x2x20xbf16>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x3x2xbf16>, memref<1x2x20xbf16>)
    outs(%output : memref<1x3x20xf32>)
  return
}

// -----

// Weights in a dense resource blob, as large constants often come.
// CHECK: memref.global "private" constant @blob_packed : memref<2x1x1x12xf32> = dense<{{\[\[\[\[}}1.000000e+00, {{.*}}, 1.200000e+01]]], {{\[\[\[}}1.300000e+01, {{.*}}, 2.000000e+01, 0.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]]]]> {alignment = 64 : i64}
// CHECK-LABEL: func.func @resource
// CHECK: convt.packed_kernel = {global = @blob_packed, type = memref<2x1x1x12xf32>}
memref.global "private" constant @blob : memref<1x1x20xf32> = dense_resource<weights>

func.func @resource(%input: memref<1x3x1xf32>, %output: memref<1x3x20xf32>) {
  %kernel = memref.get_global @blob : memref<1x1x20xf32>
  linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x3x1xf32>, memref<1x1x20xf32>)
    outs(%output : memref<1x3x20xf32>)
  return
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041000050410000604100007041000080410000884100009041000098410000A041"
    }
  }
#-}

// -----

// The global is looked up from the convolution: a nested module's own
// @kernel, not the top-level one of the same name, is packed, next to it.
// CHECK: memref.global "private" constant @kernel : memref<1x1x20xf32> = dense<1.000000e+00>
// CHECK-NOT: @kernel_packed
// CHECK: module @inner
// CHECK-NEXT: memref.global "private" constant @kernel : memref<1x1x20xf32> = dense<2.000000e+00>
// CHECK-NEXT: memref.global "private" constant @kernel_packed : memref<2x1x1x12xf32> = dense<{{\[\[\[\[}}2.000000e+00, 2.000000e+00,
// CHECK-LABEL: func.func @nested
// CHECK: convt.packed_kernel = {global = @kernel_packed, type = memref<2x1x1x12xf32>}
memref.global "private" constant @kernel : memref<1x1x20xf32> = dense<1.0>
module @inner {
  memref.global "private" constant @kernel : memref<1x1x20xf32> = dense<2.0>
  func.func @nested(%input: memref<1x3x1xf32>, %output: memref<1x3x20xf32>) {
    %kernel = memref.get_global @kernel : memref<1x1x20xf32>
    linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%input, %kernel : memref<1x3x1xf32>, memref<1x1x20xf32>)
      outs(%output : memref<1x3x20xf32>)
    return
  }
}

// -----

// A mark whose layout is not the one the kernels expect (made for other
// vector sizes) is ignored: the kernels pack per call.
// KERNELS-LABEL: func.func @other_layout
// KERNELS-NOT: memref.get_global
// KERNELS: memref.alloc() {alignment = 64 : i64} : memref<2x1x2x12xf32>
// KERNELS: memref.dealloc
memref.global "private" constant @packed_for_avx2 : memref<1x1x2x24xf32> = dense<0.0>

func.func @other_layout(%input: memref<1x4x1xf32>, %kernel: memref<2x1x20xf32>, %output: memref<1x3x20xf32>) {
  linalg.conv_1d_nwc_wcf {convt.packed_kernel = {global = @packed_for_avx2, type = memref<1x1x2x24xf32>}, dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
    ins(%input, %kernel : memref<1x4x1xf32>, memref<2x1x20xf32>)
    outs(%output : memref<1x3x20xf32>)
  return
}
