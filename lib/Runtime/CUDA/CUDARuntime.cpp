//===- CUDARuntime.cpp - The mgpu* functions over the CUDA driver API -----===//
//
// On the host, MLIR's gpu-to-llvm lowers GPU ops to calls of mgpu* functions,
// which MLIR's CUDA runtime wrappers implement; Debian does not ship those.
// This library provides the functions with the signatures MLIR 22 emits:
//
//   ptr  mgpuModuleLoad(ptr, i64)              cubin or fatbin
//   ptr  mgpuModuleLoadJIT(ptr, i32 optLevel)  PTX, null-terminated
//   void mgpuModuleUnload(ptr)
//   ptr  mgpuModuleGetFunction(ptr, ptr)
//   void mgpuLaunchKernel(ptr f, i64 gx, i64 gy, i64 gz, i64 bx, i64 by,
//                         i64 bz, i32 smem, ptr stream, ptr params,
//                         ptr extra, i64 nparams)
//   ptr  mgpuStreamCreate()
//   void mgpuStreamSynchronize(ptr)
//   void mgpuStreamDestroy(ptr)
//   ptr  mgpuMemAlloc(i64, ptr stream, i8 hostShared)
//   void mgpuMemcpy(ptr dst, ptr src, i64, ptr stream)
//   void mgpuMemFree(ptr, ptr stream)
//
// Everything runs in the primary context of device 0 (CUDA_VISIBLE_DEVICES
// picks the device). The generated code cannot handle errors, so every CUDA
// failure prints the call and the CUresult and ends the process.
//
//===----------------------------------------------------------------------===//

#include <cuda.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

/// Ends the process with exit status 1 right away: exit() would run the
/// module destructors, which call CUDA again, and abort() makes JIT hosts
/// such as convt-run report a compiler crash.
[[noreturn]] void terminate() {
  std::fflush(nullptr);
  std::_Exit(EXIT_FAILURE);
}

[[noreturn]] void fail(const char *call, CUresult result) {
  const char *name = nullptr;
  const char *description = nullptr;
  if (cuGetErrorName(result, &name) != CUDA_SUCCESS)
    name = "unknown CUresult";
  if (cuGetErrorString(result, &description) != CUDA_SUCCESS)
    description = "no description";
  std::fprintf(stderr, "convt CUDA runtime: %s failed: %s (%d): %s\n", call,
               name, static_cast<int>(result), description);
  terminate();
}

void check(CUresult result, const char *call) {
  if (result != CUDA_SUCCESS)
    fail(call, result);
}

#define CONVT_CUDA_CHECK(expr) check((expr), #expr)

/// The primary context of device 0, initialized on first use.
CUcontext getContext() {
  static CUcontext context = [] {
    CONVT_CUDA_CHECK(cuInit(0));
    CUdevice device;
    CONVT_CUDA_CHECK(cuDeviceGet(&device, 0));
    CUcontext primary;
    CONVT_CUDA_CHECK(cuDevicePrimaryCtxRetain(&primary, device));
    // Buffers freed at the end of a call stay in the stream-ordered
    // allocator's pool for the next call instead of going back to the
    // driver at each synchronization.
    CUmemoryPool pool;
    CONVT_CUDA_CHECK(cuDeviceGetDefaultMemPool(&pool, device));
    std::uint64_t keepAll = UINT64_MAX;
    CONVT_CUDA_CHECK(cuMemPoolSetAttribute(
        pool, CU_MEMPOOL_ATTR_RELEASE_THRESHOLD, &keepAll));
    return primary;
  }();
  return context;
}

/// Makes the context current for one runtime call and restores the caller's
/// context after it.
class ScopedContext {
public:
  ScopedContext() { CONVT_CUDA_CHECK(cuCtxPushCurrent(getContext())); }
  ~ScopedContext() {
    CUcontext popped;
    CONVT_CUDA_CHECK(cuCtxPopCurrent(&popped));
  }
  ScopedContext(const ScopedContext &) = delete;
  ScopedContext &operator=(const ScopedContext &) = delete;
};

/// `value` as a launch dimension, which the driver takes as unsigned int.
unsigned launchDim(std::int64_t value, const char *name) {
  if (value < 1 || value > UINT_MAX) {
    std::fprintf(stderr,
                 "convt CUDA runtime: kernel launch with %s = %lld, outside "
                 "[1, %u]\n",
                 name, static_cast<long long>(value), UINT_MAX);
    terminate();
  }
  return static_cast<unsigned>(value);
}

CUdeviceptr toDevicePtr(void *ptr) {
  return reinterpret_cast<CUdeviceptr>(ptr);
}

} // namespace

extern "C" {

void *mgpuModuleLoad(void *data, std::size_t /*size*/) {
  ScopedContext scope;
  CUmodule module;
  CONVT_CUDA_CHECK(cuModuleLoadData(&module, data));
  return module;
}

void *mgpuModuleLoadJIT(void *data, int optLevel) {
  ScopedContext scope;
  // The driver's PTX compiler explains its failures in this log only.
  char log[16384] = "";
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL, CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {
      reinterpret_cast<void *>(static_cast<std::intptr_t>(optLevel)), log,
      reinterpret_cast<void *>(sizeof(log))};
  CUmodule module;
  CUresult result = cuModuleLoadDataEx(&module, data, 3, options, values);
  if (result != CUDA_SUCCESS) {
    std::fprintf(stderr,
                 "convt CUDA runtime: the driver cannot compile the "
                 "PTX of a kernel module:\n%s\n",
                 log);
    fail("cuModuleLoadDataEx", result);
  }
  return module;
}

void mgpuModuleUnload(void *module) {
  // The module destructors of a compiled program run at exit, possibly after
  // the driver has shut down and released the modules itself.
  CUresult pushed = cuCtxPushCurrent(getContext());
  if (pushed == CUDA_ERROR_DEINITIALIZED)
    return;
  check(pushed, "cuCtxPushCurrent(getContext())");
  CONVT_CUDA_CHECK(cuModuleUnload(static_cast<CUmodule>(module)));
  CUcontext popped;
  CONVT_CUDA_CHECK(cuCtxPopCurrent(&popped));
}

void *mgpuModuleGetFunction(void *module, const char *name) {
  ScopedContext scope;
  CUfunction function;
  CUresult result =
      cuModuleGetFunction(&function, static_cast<CUmodule>(module), name);
  if (result != CUDA_SUCCESS) {
    std::fprintf(stderr, "convt CUDA runtime: no kernel '%s'\n", name);
    fail("cuModuleGetFunction", result);
  }
  return function;
}

void mgpuLaunchKernel(void *function, std::int64_t gridX, std::int64_t gridY,
                      std::int64_t gridZ, std::int64_t blockX,
                      std::int64_t blockY, std::int64_t blockZ,
                      std::int32_t sharedMemBytes, void *stream, void **params,
                      void **extra, std::size_t /*paramsCount*/) {
  // A parallel loop without iterations, over an empty tensor, maps to an
  // empty grid, which the driver would reject.
  if (gridX == 0 || gridY == 0 || gridZ == 0)
    return;
  ScopedContext scope;
  auto kernel = static_cast<CUfunction>(function);
  // Above 48 KiB, dynamic shared memory must be asked for per kernel.
  if (sharedMemBytes > 48 * 1024)
    CONVT_CUDA_CHECK(cuFuncSetAttribute(
        kernel, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
        sharedMemBytes));
  CONVT_CUDA_CHECK(cuLaunchKernel(
      kernel, launchDim(gridX, "grid x"), launchDim(gridY, "grid y"),
      launchDim(gridZ, "grid z"), launchDim(blockX, "block x"),
      launchDim(blockY, "block y"), launchDim(blockZ, "block z"),
      static_cast<unsigned>(sharedMemBytes), static_cast<CUstream>(stream),
      params, extra));
}

void *mgpuStreamCreate() {
  ScopedContext scope;
  CUstream stream;
  CONVT_CUDA_CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  return stream;
}

void mgpuStreamSynchronize(void *stream) {
  ScopedContext scope;
  // Also where errors of the kernels launched on the stream show up.
  CONVT_CUDA_CHECK(cuStreamSynchronize(static_cast<CUstream>(stream)));
}

void mgpuStreamDestroy(void *stream) {
  ScopedContext scope;
  CONVT_CUDA_CHECK(cuStreamDestroy(static_cast<CUstream>(stream)));
}

void *mgpuMemAlloc(std::uint64_t sizeBytes, void *stream, bool isHostShared) {
  if (sizeBytes == 0)
    return nullptr;
  ScopedContext scope;
  CUdeviceptr ptr;
  if (isHostShared)
    CONVT_CUDA_CHECK(cuMemAllocManaged(&ptr, sizeBytes, CU_MEM_ATTACH_GLOBAL));
  else
    CONVT_CUDA_CHECK(
        cuMemAllocAsync(&ptr, sizeBytes, static_cast<CUstream>(stream)));
  return reinterpret_cast<void *>(ptr);
}

void mgpuMemcpy(void *dst, void *src, std::size_t sizeBytes, void *stream) {
  if (sizeBytes == 0)
    return;
  ScopedContext scope;
  CONVT_CUDA_CHECK(cuMemcpyAsync(toDevicePtr(dst), toDevicePtr(src), sizeBytes,
                                 static_cast<CUstream>(stream)));
}

void mgpuMemFree(void *ptr, void *stream) {
  if (!ptr)
    return;
  ScopedContext scope;
  auto cuStream = static_cast<CUstream>(stream);
  unsigned isManaged = 0;
  CONVT_CUDA_CHECK(cuPointerGetAttribute(
      &isManaged, CU_POINTER_ATTRIBUTE_IS_MANAGED, toDevicePtr(ptr)));
  if (isManaged) {
    // Managed memory is not stream ordered: wait for its users first.
    CONVT_CUDA_CHECK(cuStreamSynchronize(cuStream));
    CONVT_CUDA_CHECK(cuMemFree(toDevicePtr(ptr)));
  } else {
    CONVT_CUDA_CHECK(cuMemFreeAsync(toDevicePtr(ptr), cuStream));
  }
}

} // extern "C"
