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

/// A tile of the lane-reduction micro-kernel and its estimated cost.
struct LaneReductionTile {
  /// Output pixels per tile: `pixels * features` accumulators.
  int64_t pixels;
  /// Cycles per output pixel.
  double cycles;
};

/// The tile of the lane-reduction micro-kernel for an f32 convolution with
/// `taps` kernel taps, `channels` input and `features` output channels, an
/// output row of `width` pixels and vectors of `lanes` lanes, on a CPU with
/// `fmasPerCycle` vector FMAs per cycle; none where the kernel does not
/// apply: lanes a power of two, input channels that fill whole vectors and
/// fewer output channels than lanes. With no taps, the cost of the sums
/// alone.
inline std::optional<LaneReductionTile>
estimateLaneReduction(int64_t taps, int64_t channels, int64_t features,
                      int64_t width, int64_t lanes, int64_t fmasPerCycle) {
  // The vector registers a tile may hold, of AVX-512's 32: its accumulators,
  // the pixels of one step and two kernel vectors. With 33 (8 pixels and
  // 3 output channels), LLVM spilled most accumulators in the loop.
  constexpr int64_t kRegisters = 28;
  // Vector loads per cycle from the L1 cache (AMD Zen 4 and 5, Intel since
  // Skylake).
  constexpr double kLoadsPerCycle = 2;
  // Cycles per accumulator to sum its lanes (about two shuffles and an add in
  // a tree over the tile's accumulators) and to store it.
  constexpr double kSumCyclesPerAccumulator = 2;
  if (!llvm::isPowerOf2_64(lanes) || lanes < 2 || taps < 0 || channels <= 0 ||
      channels % lanes || features <= 0 || features >= lanes ||
      features + 3 > kRegisters || width <= 0 || fmasPerCycle <= 0)
    return std::nullopt;
  int64_t pixels = std::min((kRegisters - 2) / (features + 1), width);
  // Each step of the reduction loads the pixels and a kernel vector per
  // output channel, and issues an FMA per accumulator.
  double steps = double(taps) * double(channels / lanes);
  double stepCycles = std::max(double(pixels * features) / fmasPerCycle,
                               double(pixels + features) / kLoadsPerCycle);
  double cycles =
      (steps * stepCycles + pixels * features * kSumCyclesPerAccumulator) /
      pixels;
  return LaneReductionTile{pixels, cycles};
}

} // namespace convt

#endif // CONVT_UTILS_LANEREDUCTIONCOST_H
