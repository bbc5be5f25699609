//===- pixel_lanes_rows.cpp - design study: one or two rows per tile ------===//
//
// Not part of convt: hand-written AVX-512 reduction steps of the
// pixels-in-lanes kernel of convt-cpu-conv-kernels on FCN's phases (21 input
// and 21 output channels, 2 taps along the row), with everything in
// registers and the L1 cache, to compare how fast the steps themselves run:
//
// - one row: 21 accumulators of 16 pixels; per tap and input channel, one
//   vector of pixels and 21 weights, each an FMA with an embedded broadcast
//   (the kernel before 2026-12-07's last session);
// - two rows: 2 x 11 accumulators at most; per tap and input channel, one
//   vector of pixels per row and 11 (then 10) weights, each broadcast once
//   for two FMAs (the kernel since).
//
// Each variant sweeps the same tile many times; the sums of one sweep are
// checked against a scalar loop. The FMA peak is measured in the same run.
//
//   clang++-22 -O3 -march=native -o /tmp/pixel_lanes_rows \
//       bench/studies/pixel_lanes_rows.cpp && /tmp/pixel_lanes_rows 200000
//
//===----------------------------------------------------------------------===//

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr int kChannels = 21, kFeatures = 21, kTaps = 2, kLanes = 16;
// Columns per (row, channel) of the transposed input: 16 pixels and a tap.
constexpr int kColumns = kLanes + kTaps;

alignas(64) float input[2][kChannels][kColumns];
alignas(64) float kernel[kTaps][kChannels][kFeatures];

// Adds `sweeps` sweeps of the steps of features [F0, F1) of `Rows` rows to
// out[row][f][lane].
template <int Rows, int F0, int F1>
__attribute__((noinline)) void sweep(long sweeps, float *out) {
  constexpr int kSize = F1 - F0;
  __m512 acc[Rows][kSize];
  for (int r = 0; r < Rows; ++r)
    for (int f = 0; f < kSize; ++f)
      acc[r][f] = _mm512_setzero_ps();
  for (long s = 0; s < sweeps; ++s) {
    for (int c = 0; c < kChannels; ++c) {
#pragma GCC unroll 2
      for (int k = 0; k < kTaps; ++k) {
        __m512 pixels[Rows];
        for (int r = 0; r < Rows; ++r)
          pixels[r] = _mm512_loadu_ps(&input[r][c][k]);
#pragma GCC unroll 21
        for (int f = 0; f < kSize; ++f) {
          __m512 weight = _mm512_set1_ps(kernel[k][c][F0 + f]);
          for (int r = 0; r < Rows; ++r)
            acc[r][f] = _mm512_fmadd_ps(pixels[r], weight, acc[r][f]);
        }
      }
    }
    // Keeps the compiler from folding sweeps together.
    asm volatile("" : : : "memory");
  }
  for (int r = 0; r < Rows; ++r)
    for (int f = 0; f < kSize; ++f)
      _mm512_storeu_ps(out + (r * kFeatures + F0 + f) * kLanes, acc[r][f]);
}

void oneRow(long sweeps, float *out) { sweep<1, 0, kFeatures>(sweeps, out); }

void twoRows(long sweeps, float *out) {
  sweep<2, 0, 10>(sweeps, out);
  sweep<2, 10, kFeatures>(sweeps, out);
}

// 24 independent chains of FMAs in registers.
__attribute__((noinline)) float peak(long steps) {
  __m512 acc[24];
  __m512 scale = _mm512_set1_ps(0.999f), add = _mm512_set1_ps(1e-3f);
  for (int i = 0; i < 24; ++i)
    acc[i] = _mm512_set1_ps(float(i));
  for (long s = 0; s < steps; ++s) {
    for (int i = 0; i < 24; ++i)
      acc[i] = _mm512_fmadd_ps(acc[i], scale, add);
    asm volatile("" : "+v"(scale));
  }
  float sum = 0;
  for (int i = 0; i < 24; ++i)
    sum += _mm512_reduce_add_ps(acc[i]);
  return sum;
}

template <typename Fn> double bestSeconds(Fn fn) {
  double best = 1e30;
  for (int round = 0; round < 5; ++round) {
    auto start = std::chrono::steady_clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double>(
                              std::chrono::steady_clock::now() - start)
                              .count());
  }
  return best;
}

} // namespace

int main(int argc, char **argv) {
  long sweeps = argc > 1 ? std::atol(argv[1]) : 200000;
  if (sweeps < 1) {
    std::fprintf(stderr, "usage: %s [sweeps >= 1]\n", argv[0]);
    return 2;
  }
  std::srand(1);
  for (auto &row : input)
    for (auto &channel : row)
      for (float &value : channel)
        value = std::rand() / float(RAND_MAX) - 0.5f;
  for (auto &tap : kernel)
    for (auto &channel : tap)
      for (float &value : channel)
        value = std::rand() / float(RAND_MAX) - 0.5f;

  // One sweep of each against the scalar loop.
  alignas(64) static float one[2][kFeatures][kLanes], two[2][kFeatures][kLanes];
  oneRow(1, &one[0][0][0]);
  twoRows(1, &two[0][0][0]);
  double maxError = 0;
  for (int r = 0; r < 2; ++r)
    for (int f = 0; f < kFeatures; ++f)
      for (int p = 0; p < kLanes; ++p) {
        double sum = 0;
        for (int c = 0; c < kChannels; ++c)
          for (int k = 0; k < kTaps; ++k)
            sum += double(input[r][c][p + k]) * kernel[k][c][f];
        maxError = std::max(maxError, std::fabs(two[r][f][p] - sum));
        if (r == 0)
          maxError = std::max(maxError, std::fabs(one[0][f][p] - sum));
      }
  if (!(maxError < 1e-4)) {
    std::printf("max_error=%.2e: the sums do not match the scalar loop\n",
                maxError);
    return 1;
  }

  // GFLOP/s per output pixel row: 2 flops per lane and FMA.
  double flops = 2.0 * kLanes * kChannels * kTaps * kFeatures * sweeps;
  double oneSeconds = bestSeconds([&] { oneRow(sweeps, &one[0][0][0]); });
  double twoSeconds = bestSeconds([&] { twoRows(sweeps, &two[0][0][0]); });
  long peakSteps = sweeps * kChannels * kTaps;
  volatile float sink = 0;
  double peakSeconds = bestSeconds([&] { sink = sink + peak(peakSteps); });
  double peakGflops = 2.0 * kLanes * 24 * peakSteps / peakSeconds / 1e9;
  double oneGflops = flops / oneSeconds / 1e9;
  double twoGflops = 2 * flops / twoSeconds / 1e9;
  std::printf("max_error=%.2e fma_peak_gflops=%.1f one_row_gflops=%.1f "
              "(%.0f%%) two_rows_gflops=%.1f (%.0f%%)\n",
              maxError, peakGflops, oneGflops, 100 * oneGflops / peakGflops,
              twoGflops, 100 * twoGflops / peakGflops);
  return 0;
}
