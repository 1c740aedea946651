// demo — a realistic, deterministic Hanoi dataset for demonstrations, tests and benchmarks:
// real universities and institutes, invented enterprises, Vietnamese names, the 9 city
// programs (one real name, eight samples), and tasks whose titles and abstracts are composed
// from per-field research vocabularies (vocab.h). Task i depends only on (seed, i), so a run
// that was interrupted continues where it stopped, and memory stays bounded at any size.
#pragma once

#include <cstdint>
#include <functional>

#include "registry/repo.h"

namespace ketnoi::demo {

struct DemoOptions {
  int64_t tasks = 20000;
  uint64_t seed = 1;
  int64_t batch = 1000;  // tasks per transaction
  std::function<void(int64_t done, int64_t total)> progress;
};

struct DemoStats {
  int64_t tasks_before = 0;  // demo tasks already present (a resumed or repeated run)
  int64_t tasks_added = 0;
  int64_t organisations = 0, people = 0, programs = 0;
};

// The source name every demo record carries.
inline constexpr const char* kDemoSource = "demo";

Result<DemoStats> BuildDemo(registry::Registry& registry, const DemoOptions& options);

// The title of demo task number i (0-based) for a seed, without touching any store. Tests and
// benchmarks use it to pick queries that must match.
std::string DemoTaskTitle(uint64_t seed, int64_t i);

}  // namespace ketnoi::demo
