//===- fcn_pixel_lanes.cpp - design study: output pixels in the lanes -----===//
//
// Not part of convt: a hand-written AVX-512 loop that measures what a kernel
// with the output pixels in the vector lanes would reach on FCN-32s'
// upsampling (bench/run_bench.py's FCN: 16x16 input, 21 -> 21 channels,
// kernel 64, stride 32), whose 21 output channels fill 21 of the 32 lanes of
// convt's kernels, which put the output channels in the lanes.
//
// Each of the 1024 phases is a 16x16 stride-1 convolution with 2x2 taps. The
// input is transposed once to [row][channel][column], zero-padded, so that
// the 16 output columns of a row are one vector load per tap and channel;
// each output channel keeps one accumulator of 16 pixels and each FMA takes
// its weight as an embedded broadcast. Two 16x16 register transposes then
// give each pixel its 21 channels for the stores into the strided output.
// The taps use an equivalent 1-pixel low padding, not Flax's SAME offsets:
// the timing, not the indexing, is the point; a sample of outputs is checked
// against a scalar loop of the same formula.
//
//   clang++-22 -O3 -march=native -o /tmp/fcn_pixel_lanes \
//       bench/studies/fcn_pixel_lanes.cpp && /tmp/fcn_pixel_lanes 30
//
//===----------------------------------------------------------------------===//

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

constexpr int kIn = 16, kChannels = 21, kFeatures = 21, kKernel = 64,
              kStride = 32, kOut = kIn * kStride;
// Columns per (row, channel) of the transposed input: 1 + 16 + 1 used.
constexpr int kPaddedColumns = 18;

// Transposes the 16x16 floats of r[0..16) in registers.
void transpose16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44);
    r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44);
    r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
  }
  for (int i = 0; i < 16; i += 8)
    for (int j = 0; j < 4; ++j) {
      t[i + j] = _mm512_shuffle_f32x4(r[i + j], r[i + j + 4], 0x88);
      t[i + j + 4] = _mm512_shuffle_f32x4(r[i + j], r[i + j + 4], 0xDD);
    }
  for (int j = 0; j < 8; ++j) {
    r[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
    r[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xDD);
  }
}

// Kernel element [kh][kw][c][f] (HWIO).
size_t kernelIndex(int kh, int kw, int c, int f) {
  return ((static_cast<size_t>(kh) * kKernel + kw) * kChannels + c) *
             kFeatures +
         f;
}

} // namespace

int main(int argc, char **argv) {
  int reps = argc > 1 ? std::max(1, atoi(argv[1])) : 20;
  std::vector<float> x(kIn * kIn * kChannels),
      w(static_cast<size_t>(kKernel) * kKernel * kChannels * kFeatures),
      out(static_cast<size_t>(kOut) * kOut * kFeatures);
  srand(1);
  for (float &v : x)
    v = rand() / static_cast<float>(RAND_MAX) - 0.5f;
  for (float &v : w)
    v = rand() / static_cast<float>(RAND_MAX) - 0.5f;
  // xT[row + 1][c][column + 1] = x[row][column][c], zero elsewhere.
  size_t transposedSize = (kIn + 1) * kChannels * kPaddedColumns;
  auto *xT = static_cast<float *>(
      aligned_alloc(64, (transposedSize * sizeof(float) + 63) / 64 * 64));
  memset(xT, 0, transposedSize * sizeof(float));
  for (int r = 0; r < kIn; ++r)
    for (int q = 0; q < kIn; ++q)
      for (int c = 0; c < kChannels; ++c)
        xT[((r + 1) * kChannels + c) * kPaddedColumns + q + 1] =
            x[(r * kIn + q) * kChannels + c];

  // out[oh * 32 + ph][ow * 32 + pw][f] = sum over a, b in {0, 1} and c of
  // xT[oh + a][c][ow + b] * w[ph + 32 (1 - a)][pw + 32 (1 - b)][c][f].
  auto run = [&] {
    for (int ph = 0; ph < kStride; ++ph)
      for (int pw = 0; pw < kStride; ++pw)
        for (int oh = 0; oh < kIn; ++oh) {
          __m512 acc[32];
          for (int f = 0; f < kFeatures; ++f)
            acc[f] = _mm512_setzero_ps();
          for (int a = 0; a < 2; ++a)
#pragma clang loop unroll(disable)
            for (int c = 0; c < kChannels; ++c)
              for (int b = 0; b < 2; ++b) {
                __m512 pixels = _mm512_loadu_ps(
                    &xT[((oh + a) * kChannels + c) * kPaddedColumns + b]);
                const float *weights = &w[kernelIndex(
                    ph + kStride * (1 - a), pw + kStride * (1 - b), c, 0)];
                for (int f = 0; f < kFeatures; ++f)
                  acc[f] = _mm512_fmadd_ps(pixels, _mm512_set1_ps(weights[f]),
                                           acc[f]);
              }
          for (int f = kFeatures; f < 32; ++f)
            acc[f] = _mm512_setzero_ps();
          transpose16(acc);
          transpose16(acc + 16);
          float *row =
              &out[(static_cast<size_t>(oh * kStride + ph) * kOut + pw) *
                   kFeatures];
          for (int p = 0; p < 16; ++p) {
            float *pixel = row + static_cast<size_t>(p) * kStride * kFeatures;
            _mm512_storeu_ps(pixel, acc[p]);
            _mm512_mask_storeu_ps(pixel + 16, (1 << (kFeatures - 16)) - 1,
                                  acc[16 + p]);
          }
        }
  };

  run();
  double maxError = 0;
  for (int t = 0; t < 2000; ++t) {
    int oy = rand() % kOut, ox = rand() % kOut, f = rand() % kFeatures;
    int oh = oy / kStride, ph = oy % kStride, ow = ox / kStride,
        pw = ox % kStride;
    double sum = 0;
    for (int a = 0; a < 2; ++a)
      for (int b = 0; b < 2; ++b)
        for (int c = 0; c < kChannels; ++c) {
          int r = oh + a - 1, q = ow + b - 1;
          if (r >= 0 && q >= 0 && r < kIn && q < kIn)
            sum += double(x[(r * kIn + q) * kChannels + c]) *
                   w[kernelIndex(ph + kStride * (1 - a), pw + kStride * (1 - b),
                                 c, f)];
        }
    maxError = std::max(
        maxError,
        std::fabs(sum -
                  out[(static_cast<size_t>(oy) * kOut + ox) * kFeatures + f]));
  }
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  double flops = 2.0 * kIn * kIn * kChannels * kFeatures * kKernel * kKernel;
  printf("max_error=%.2e median_ms=%.3f min_ms=%.3f gflops=%.1f\n", maxError,
         ms[reps / 2], ms[0], flops / ms[reps / 2] / 1e6);
  free(xT);
  return maxError < 1e-4 ? 0 : 1;
}
