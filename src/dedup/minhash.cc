#include "dedup/minhash.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "text/splitmix.h"

namespace newsweave::dedup {

MinHasher::MinHasher(int permutations, std::uint64_t seed) {
  std::uint64_t state = seed;
  a_.resize(static_cast<std::size_t>(std::max(permutations, 1)));
  b_.resize(a_.size());
  for (std::size_t i = 0; i < a_.size(); ++i) {
    a_[i] = static_cast<std::uint32_t>(text::SplitMix64(&state)) | 1u;
    b_[i] = static_cast<std::uint32_t>(text::SplitMix64(&state));
  }
}

// Sixteen 32-bit lanes; the compiler maps it on one AVX-512, two AVX2 or four SSE registers.
using Lanes = std::uint32_t __attribute__((vector_size(64)));

// Built for AVX-512, AVX2 and the x86-64 baseline; the loader picks the best the CPU runs.
// (GCC only: clang 16, used for the fuzz build, emits no dispatcher for a member function's
// clones, and the fuzz build does not need the speed.)
#if defined(__clang__)
#define NEWSWEAVE_CPU_CLONES
#else
#define NEWSWEAVE_CPU_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif

// Permutations are taken 64 at a time, whose running minima stay in registers over all the
// shingles: one multiply, add and min per lane, no store until the block is done.
NEWSWEAVE_CPU_CLONES void MinHasher::Sign(const std::uint32_t* shingles, std::size_t count,
                                          std::uint32_t* sig) const {
  constexpr std::size_t kLanes = 16;
  const std::size_t n = a_.size();
  std::size_t p = 0;
  for (; p + 4 * kLanes <= n; p += 4 * kLanes) {
    Lanes a[4], b[4], m[4];
    for (int r = 0; r < 4; ++r) {
      std::memcpy(&a[r], a_.data() + p + r * kLanes, sizeof(Lanes));
      std::memcpy(&b[r], b_.data() + p + r * kLanes, sizeof(Lanes));
      m[r] = Lanes{} - 1u;  // all ones: the largest value
    }
    for (std::size_t s = 0; s < count; ++s) {
      const std::uint32_t x = shingles[s];
      for (int r = 0; r < 4; ++r) {
        Lanes v = a[r] * x + b[r];
        m[r] = v < m[r] ? v : m[r];
      }
    }
    std::memcpy(sig + p, m, sizeof(m));
  }
  // Permutations past the last whole block (when their count is not a multiple of 64).
  std::fill(sig + p, sig + n, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t s = 0; s < count; ++s) {
    const std::uint32_t x = shingles[s];
    for (std::size_t i = p; i < n; ++i) {
      std::uint32_t v = a_[i] * x + b_[i];
      sig[i] = v < sig[i] ? v : sig[i];
    }
  }
}

double EstimateJaccard(const std::uint32_t* a, const std::uint32_t* b, int n) {
  int same = 0;
  for (int i = 0; i < n; ++i) same += a[i] == b[i];
  return n > 0 ? static_cast<double>(same) / n : 0.0;
}

LshParams OptimalLshParams(double threshold, int permutations, double fp_weight, double fn_weight) {
  // Both integrals by the midpoint rule, with the powers built up by multiplication: for each
  // row count, j^rows at every point, then (1 - j^rows)^bands one band count after another.
  constexpr int kSteps = 200;
  const double lo_step = threshold / kSteps, hi_step = (1.0 - threshold) / kSteps;
  std::vector<double> j(2 * kSteps), power(2 * kSteps), miss(2 * kSteps);
  for (int i = 0; i < kSteps; ++i) {
    j[i] = (i + 0.5) * lo_step;                       // below the threshold: false positives
    j[kSteps + i] = threshold + (i + 0.5) * hi_step;  // above it: false negatives
  }
  LshParams best;
  double best_error = std::numeric_limits<double>::infinity();
  std::fill(power.begin(), power.end(), 1.0);
  for (int rows = 1; rows <= permutations; ++rows) {
    for (int i = 0; i < 2 * kSteps; ++i) {
      power[i] *= j[i];  // j^rows
      miss[i] = 1.0;     // (1 - j^rows)^bands, for bands = 0
    }
    for (int bands = 1; bands * rows <= permutations; ++bands) {
      double fp = 0, fn = 0;
      for (int i = 0; i < kSteps; ++i) {
        miss[i] *= 1.0 - power[i];
        fp += 1.0 - miss[i];  // P(candidate) below the threshold
      }
      for (int i = kSteps; i < 2 * kSteps; ++i) {
        miss[i] *= 1.0 - power[i];
        fn += miss[i];  // P(not a candidate) above it
      }
      double error = fp_weight * fp * lo_step + fn_weight * fn * hi_step;
      if (error < best_error) {
        best_error = error;
        best = LshParams{bands, rows};
      }
    }
  }
  return best;
}

}  // namespace newsweave::dedup
