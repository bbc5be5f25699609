// Measures the machine's f32 FMA peak (GFLOP/s) with independent vector FMA
// chains, for the widest vector ISA the compiler targets (-march=native).
//   fma_peak [threads]     prints peak_gflops=<float> isa=<avx512|avx2|sse>
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <immintrin.h>

#if defined(__AVX512F__)
using vec = __m512;
static const char *kIsa = "avx512";
static constexpr int kLanes = 16;
static inline vec vset(float v) { return _mm512_set1_ps(v); }
static inline vec vfma(vec a, vec b, vec c) { return _mm512_fmadd_ps(a, b, c); }
static inline float vsum(vec a) { return _mm512_reduce_add_ps(a); }
#elif defined(__FMA__)
using vec = __m256;
static const char *kIsa = "avx2+fma";
static constexpr int kLanes = 8;
static inline vec vset(float v) { return _mm256_set1_ps(v); }
static inline vec vfma(vec a, vec b, vec c) { return _mm256_fmadd_ps(a, b, c); }
static inline float vsum(vec a) {
  alignas(32) float t[8];
  _mm256_store_ps(t, a);
  float s = 0;
  for (float v : t)
    s += v;
  return s;
}
#else
#error "fma_peak needs FMA (build with -march=native on an FMA machine)"
#endif

static constexpr int kAcc = 12; // > latency * ports on current x86 cores

static float chains(long iters, float seed) {
  vec acc[kAcc];
  for (int i = 0; i < kAcc; ++i)
    acc[i] = vset(seed + i);
  const vec m = vset(0.999999f), a = vset(1e-7f);
  for (long it = 0; it < iters; ++it)
#pragma GCC unroll 12
    for (int i = 0; i < kAcc; ++i)
      acc[i] = vfma(acc[i], m, a);
  float s = 0;
  for (int i = 0; i < kAcc; ++i)
    s += vsum(acc[i]);
  return s;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  omp_set_num_threads(threads);
  const long iters = 20000000;
  double best = 0;
  volatile float sink = 0;
  for (int rep = 0; rep < 5; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    float s = 0;
#pragma omp parallel reduction(+ : s)
    s += chains(iters, 1.0f + omp_get_thread_num());
    double sec =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    sink = sink + s;
    double gflops = 2.0 * kLanes * kAcc * double(iters) * threads / sec / 1e9;
    if (gflops > best)
      best = gflops;
  }
  std::printf("peak_gflops=%.1f\nisa=%s\nthreads=%d\n", best, kIsa, threads);
  return 0;
}
