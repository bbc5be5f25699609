// The GPU pipeline on a stride-2 transposed convolution: one kernel per
// phase (no bias, VALID, so no padding).

// RUN: convt-opt %s --convt-gpu-pipeline --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NVVM
// RUN: convt-opt %s --convt-gpu-pipeline="conv-kernels=false" --mlir-print-ir-before=gpu-module-to-binary -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BASELINE
// RUN: convt-opt %s --convt-gpu-pipeline | FileCheck %s --check-prefix=HOST
// RUN: convt-opt %s --convt-gpu-pipeline | mlir-translate --mlir-to-llvmir \
// RUN:   | FileCheck %s --check-prefix=LLVMIR

// The kernels, in the NVVM dialect, before they are compiled to PTX. Each
// phase convolution is a tiled kernel (convt-gpu-conv-kernels), which also
// writes the zeros its phase starts from: 4 output channels give tiles of
// 128 pixels x 4 channels, 32 threads of one 4 x 4 micro-tile each, and the
// 200 pixels take 2 blocks. The tiles live in dynamic shared memory, 16-byte
// aligned; the cooperative copies end at barriers; the micro-kernel loads
// vectors of 4 from shared memory and multiplies-adds them.

// NVVM:      gpu.module @upsample_kernel [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// NVVM-NEXT:   llvm.mlir.global internal @__dynamic_shmem__0() {addr_space = 3 : i32, alignment = 16 : i64} : !llvm.array<0 x i8>
// NVVM-NEXT:   llvm.func @upsample_kernel(
// NVVM-SAME:     gpu.kernel, gpu.known_block_size = array<i32: 32, 1, 1>, gpu.known_grid_size = array<i32: 2, 1, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 32, 1, 1>
// NVVM:          llvm.mlir.addressof @__dynamic_shmem__0 : !llvm.ptr<3>
// NVVM:          nvvm.barrier0
// NVVM:          nvvm.barrier0
// NVVM:          llvm.load %{{.*}} {alignment = 16 : i64} : !llvm.ptr<3> -> vector<4xf32>
// NVVM:          llvm.intr.fmuladd(%{{.*}}) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
// NVVM:          llvm.store %{{.*}} {alignment = 16 : i64} : vector<4xf32>, !llvm.ptr<3>
// NVVM:          nvvm.barrier0
// NVVM:          llvm.return
// NVVM:      gpu.module @upsample_kernel_0 [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// NVVM-NOT:  gpu.module

// With conv-kernels=false, a kernel zeroes each phase, one thread per output
// element, 256 threads per block, 1*200*4 = 800 elements (4 blocks), and the
// convolutions too are one thread per output element, with the reduction in
// each thread.

// BASELINE:      gpu.module @upsample_kernel [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// BASELINE-NEXT:   llvm.func @upsample_kernel(
// BASELINE-SAME:     gpu.kernel, gpu.known_block_size = array<i32: 256, 1, 1>, gpu.known_grid_size = array<i32: 4, 1, 1>, nvvm.kernel, nvvm.maxntid = array<i32: 256, 1, 1>
// BASELINE-DAG:      %[[TOTAL:.*]] = llvm.mlir.constant(800 : index) : i64
// BASELINE-DAG:      nvvm.read.ptx.sreg.ctaid.x range <i32, 0, 4> : i32
// BASELINE-DAG:      nvvm.read.ptx.sreg.tid.x range <i32, 0, 256> : i32
// BASELINE:          llvm.icmp "ult" %{{.*}}, %[[TOTAL]] : i64
// BASELINE:          llvm.store

// BASELINE:      gpu.module @upsample_kernel_0 [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// BASELINE-NEXT:   llvm.func @upsample_kernel(
// BASELINE-SAME:     gpu.known_block_size = array<i32: 256, 1, 1>, gpu.known_grid_size = array<i32: 4, 1, 1>
// BASELINE-NOT:      shmem
// BASELINE:          llvm.fmul {{.*}} : f32
// BASELINE-NEXT:     llvm.fadd {{.*}} : f32
// BASELINE-NEXT:     llvm.store
// BASELINE:      gpu.module @upsample_kernel_1

// The host: the arguments go to device buffers, the kernels run on one
// stream, the result comes back into a buffer from malloc (the caller's), and
// every device buffer is freed.

// HOST-LABEL: llvm.func @upsample(
// HOST:      %[[S:.*]] = llvm.call @mgpuStreamCreate()
// HOST:      %[[X:.*]] = llvm.call @mgpuMemAlloc(%{{.*}}, %[[S]], %{{.*}}) : (i64, !llvm.ptr, i8) -> !llvm.ptr
// HOST-NEXT: llvm.call @mgpuMemcpy(%[[X]], %arg1, %{{.*}}, %[[S]])
// HOST:      %[[K:.*]] = llvm.call @mgpuMemAlloc(%{{.*}}, %[[S]], %{{.*}})
// HOST-NEXT: llvm.call @mgpuMemcpy(%[[K]], %arg10, %{{.*}}, %[[S]])
// HOST:      %[[Y:.*]] = llvm.call @mgpuMemAlloc(%{{.*}}, %[[S]], %{{.*}})
// HOST:      gpu.launch_func <%[[S]] : !llvm.ptr> @upsample_kernel::@upsample_kernel blocks in ({{.*}}) threads in ({{.*}}) : i64 dynamic_shared_memory_size
// HOST:      gpu.launch_func <%[[S]] : !llvm.ptr> @upsample_kernel_0::@upsample_kernel blocks in ({{.*}}) threads in ({{.*}}) : i64 dynamic_shared_memory_size
// HOST:      llvm.call @mgpuStreamSynchronize(%[[S]])
// HOST-NEXT: llvm.call @mgpuStreamDestroy(%[[S]])
// HOST:      %[[H:.*]] = llvm.call @malloc(
// HOST:      %[[S2:.*]] = llvm.call @mgpuStreamCreate()
// HOST:      llvm.call @mgpuMemcpy(%[[H]], %[[Y]], %{{.*}}, %[[S2]])
// HOST-DAG:  llvm.call @mgpuMemFree(%[[Y]], %[[S2]])
// HOST-DAG:  llvm.call @mgpuMemFree(%[[X]], %[[S2]])
// HOST-DAG:  llvm.call @mgpuMemFree(%[[K]], %[[S2]])
// HOST:      llvm.call @mgpuStreamSynchronize(%[[S2]])
// HOST-NEXT: llvm.call @mgpuStreamDestroy(%[[S2]])
// HOST:      llvm.return
// HOST:      gpu.binary @upsample_kernel  [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}} assembly = "{{.*}}.version 8.0\0A.target sm_90\0A

// The runtime functions the host code calls, as LLVM IR: the signatures that
// lib/Runtime/CUDA implements. The PTX is loaded by a module constructor.

// LLVMIR-DAG: @llvm.global_ctors = appending global {{.*}} @upsample_kernel_load
// LLVMIR-DAG: call ptr @mgpuModuleLoadJIT(ptr @upsample_kernel_binary, i32 2)
// LLVMIR-DAG: declare ptr @mgpuModuleLoadJIT(ptr, i32)
// LLVMIR-DAG: declare void @mgpuModuleUnload(ptr)
// LLVMIR-DAG: declare ptr @mgpuModuleGetFunction(ptr, ptr)
// LLVMIR-DAG: declare void @mgpuLaunchKernel(ptr, i64, i64, i64, i64, i64, i64, i32, ptr, ptr, ptr, i64)
// LLVMIR-DAG: declare ptr @mgpuStreamCreate()
// LLVMIR-DAG: declare void @mgpuStreamSynchronize(ptr)
// LLVMIR-DAG: declare void @mgpuStreamDestroy(ptr)
// LLVMIR-DAG: declare ptr @mgpuMemAlloc(i64, ptr, i8)
// LLVMIR-DAG: declare void @mgpuMemcpy(ptr, ptr, i64, ptr)
// LLVMIR-DAG: declare void @mgpuMemFree(ptr, ptr)

func.func @upsample(%x: tensor<1x200x2xf32>, %k: tensor<2x2x4xf32>) -> tensor<1x400x4xf32> {
  %y = convt.conv_transpose %x, %k {features = 4, kernel_size = array<i64: 2>, strides = array<i64: 2>, padding = "VALID", use_bias = false}
       : (tensor<1x200x2xf32>, tensor<2x2x4xf32>) -> tensor<1x400x4xf32>
  return %y : tensor<1x400x4xf32>
}
