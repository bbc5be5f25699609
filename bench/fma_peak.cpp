// Measures the machine's f32 FMA peak (GFLOP/s) with independent vector FMA
// chains, for the widest vector ISA the compiler targets (-march=native).
//   fma_peak [threads]     prints peak_gflops=<float> isa=<avx512|avx2|sse>
//   fma_peak threads --serve
//                          then reads durations in milliseconds from standard
//                          input, one per line, and for each runs the chains
//                          for about that long, in 5 parts, and prints
//                          peak_gflops=<float> of the fastest part: a
//                          benchmark can take turns between it and the code
//                          it measures against the peak.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

static volatile float sink = 0;

// GFLOP/s of `iters` iterations of the chains on each of `threads` threads.
static double measure(long iters, int threads) {
  auto t0 = std::chrono::steady_clock::now();
  float s = 0;
#pragma omp parallel reduction(+ : s)
  s += chains(iters, 1.0f + omp_get_thread_num());
  double sec =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  sink = sink + s;
  return 2.0 * kLanes * kAcc * double(iters) * threads / sec / 1e9;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  bool serve = argc > 2 && std::strcmp(argv[2], "--serve") == 0;
  if (threads < 1 || argc > 3 || (argc == 3 && !serve)) {
    std::fprintf(stderr, "usage: fma_peak [threads [--serve]]\n");
    return 1;
  }
  omp_set_num_threads(threads);
  // The best of 5 runs: the first ones after an idle spell can be slow (on a
  // virtual machine, the second thread's virtual CPU takes a while).
  auto bestOf5 = [&](long iters) {
    double best = 0;
    for (int rep = 0; rep < 5; ++rep)
      best = std::max(best, measure(iters, threads));
    return best;
  };
  double best = bestOf5(20000000);
  std::printf("peak_gflops=%.1f\nisa=%s\nthreads=%d\n", best, kIsa, threads);
  if (!serve)
    return 0;
  std::fflush(stdout);
  // Iterations per millisecond and thread at the best rate.
  double itersPerMs = best * 1e6 / (2.0 * kLanes * kAcc * threads);
  char line[32];
  while (std::fgets(line, sizeof(line), stdin)) {
    double ms = std::atof(line);
    if (ms <= 0) {
      std::fprintf(stderr, "--serve: expected milliseconds, got %s", line);
      return 1;
    }
    std::printf("peak_gflops=%.1f\n",
                bestOf5(std::max(1L, long(ms / 5 * itersPerMs))));
    std::fflush(stdout);
  }
  return 0;
}
