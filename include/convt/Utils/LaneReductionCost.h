//===- LaneReductionCost.h - cost of the lane-reduction kernel --*- C++ -*-===//
//
// Header-only: convt-cpu-conv-kernels picks its lane-reduction micro-kernel
// (CPULaneReductionKernel.h) by this estimate, and convt-to-linalg counts it
// when it weighs the phases against one sub-pixel convolution.
//
//===----------------------------------------------------------------------===//

#ifndef CONVT_UTILS_LANEREDUCTIONCOST_H
#define CONVT_UTILS_LANEREDUCTIONCOST_H

#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace convt {

/// The vector registers the CPU kernels plan for with vectors of
/// `vectorBits`: AVX-512's 32 for 512 bits, else AVX2's 16 (also on an
/// AVX-512 CPU told to use narrower vectors).
inline int64_t countVectorRegisters(int64_t vectorBits) {
  return vectorBits >= 512 ? 32 : 16;
}

/// A tile of the lane-reduction micro-kernel and its estimated cost.
struct LaneReductionTile {
  /// Output pixels per tile: `pixels * features` accumulators.
  int64_t pixels;
  /// Cycles per output pixel.
  double cycles;
};

/// The adds (each of two shuffles) of the tree that sums the lanes of
/// `accumulators` vectors of `lanes` lanes, in groups of `lanes`: each level
/// halves the vectors of a group, and leaves out pairs of padding.
inline int64_t countLaneSumAdds(int64_t accumulators, int64_t lanes) {
  int64_t adds = 0;
  for (int64_t first = 0; first < accumulators; first += lanes)
    for (int64_t vectors = std::min(lanes, accumulators - first), width = lanes;
         width > 1; width /= 2) {
      vectors = (vectors + 1) / 2;
      adds += vectors;
    }
  return adds;
}

/// The tile of the lane-reduction micro-kernel for an f32 convolution with
/// `taps` kernel taps, `channels` input and `features` output channels, an
/// output row of `width` pixels and vectors of `lanes` lanes, on a CPU with
/// `fmasPerCycle` vector FMAs per cycle; none where the kernel does not
/// apply: lanes a power of two, input channels that fill whole vectors and
/// fewer output channels than lanes. With no taps, the cost of the sums
/// alone. Of the tiles that fit the registers, the one of least cycles per
/// pixel: 5 pixels of 3 features, whose 15 accumulators the tree sums as one
/// group, were 5% faster than 6 (G3 in bench/, 1 thread).
inline std::optional<LaneReductionTile>
estimateLaneReduction(int64_t taps, int64_t channels, int64_t features,
                      int64_t width, int64_t lanes, int64_t fmasPerCycle) {
  // The vector registers a tile may hold: its accumulators, the pixels of
  // one step and two kernel vectors, with 4 spare. With 33 of AVX-512's 32
  // (8 pixels and 3 output channels), LLVM spilled most accumulators in the
  // loop; with AVX2's 16, the 22 of 5 pixels and 3 output channels spilled
  // too.
  const int64_t registers = countVectorRegisters(32 * lanes) - 4;
  // Vector loads per cycle from the L1 cache (AMD Zen 4 and 5, Intel since
  // Skylake).
  constexpr double kLoadsPerCycle = 2;
  // Cycles per add of the tree that sums the lanes, with its two shuffles,
  // and the stores of the sums.
  constexpr double kSumCyclesPerAdd = 2;
  if (!llvm::isPowerOf2_64(lanes) || lanes < 2 || taps < 0 || channels <= 0 ||
      channels % lanes || features <= 0 || features >= lanes ||
      features + 3 > registers || width <= 0 || fmasPerCycle <= 0)
    return std::nullopt;
  // Each step of the reduction loads the pixels and a kernel vector per
  // output channel, and issues an FMA per accumulator.
  double steps = double(taps) * double(channels / lanes);
  std::optional<LaneReductionTile> best;
  for (int64_t pixels = std::min((registers - 2) / (features + 1), width);
       pixels > 0; --pixels) {
    double stepCycles = std::max(double(pixels * features) / fmasPerCycle,
                                 double(pixels + features) / kLoadsPerCycle);
    double cycles =
        (steps * stepCycles +
         kSumCyclesPerAdd * countLaneSumAdds(pixels * features, lanes)) /
        pixels;
    if (!best || cycles < best->cycles)
      best = LaneReductionTile{pixels, cycles};
  }
  return best;
}

} // namespace convt

#endif // CONVT_UTILS_LANEREDUCTIONCOST_H
