#pragma once
// Small helpers shared by the benchmarks.
#include <cstdint>

namespace ketnoi::bench {

// SplitMix64: a deterministic stream for picking queries and probes.
inline uint64_t Next(uint64_t& s) {
  s += 0x9E3779B97F4A7C15ULL;
  uint64_t z = s;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace ketnoi::bench
