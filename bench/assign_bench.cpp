// Reviewer assignment at scale: 500 dossiers × 300 experts × 3 reviewers each (≈150,000
// candidate pairs, flow 1,500), load limits 6–8, ≈2 % conflicts, seeded. Two shapes:
//   uniform    — independent random affinities (the goal instance: ≤ 2 s on a slow machine);
//   correlated — affinity = 0.9 × the expert's overall strength + 0.1 × noise, so every dossier
//                wants the same few experts: the hard case for the flow (many phases).
// Times the exact min-cost-flow Assign over a few repetitions against the goal of 2 s, checks
// the result (no conflicted pair, loads, reviewers per dossier) and compares with a greedy
// assignment run in the same process (time and total affinity). A benchmark, not a test.
//
//   assign_bench [REPS=5] [SEED=1]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench_util.h"
#include "selection/assign.h"

namespace {

using Clock = std::chrono::steady_clock;
using ketnoi::selection::AssignmentProblem;

double Unit(uint64_t& seed) {
  return static_cast<double>(ketnoi::bench::Next(seed) % 1000001) / 1e6;
}

AssignmentProblem Build(int dossiers, int experts, int reviewers, bool correlated, uint64_t seed) {
  AssignmentProblem p;
  p.dossiers = dossiers;
  p.experts = experts;
  p.reviewers_needed.assign(dossiers, reviewers);
  p.capacity.resize(experts);
  for (int& c : p.capacity) c = 6 + static_cast<int>(ketnoi::bench::Next(seed) % 3);
  std::vector<double> strength(experts);
  for (double& q : strength) q = Unit(seed);
  p.affinity.assign(dossiers, std::vector<double>(experts));
  for (auto& row : p.affinity)
    for (int e = 0; e < experts; ++e)
      row[e] = correlated ? 0.9 * strength[e] + 0.1 * Unit(seed) : Unit(seed);
  for (int d = 0; d < dossiers; ++d)
    for (int e = 0; e < experts; ++e)
      if (ketnoi::bench::Next(seed) % 50 == 0) p.conflicts.emplace(d, e);
  return p;
}

// Dossier by dossier, the best free experts; returns Σ milli or −1 when it gets stuck.
int64_t Greedy(const AssignmentProblem& p) {
  std::vector<int> load(p.experts, 0), order(p.experts);
  int64_t total = 0;
  for (int d = 0; d < p.dossiers; ++d) {
    for (int e = 0; e < p.experts; ++e) order[e] = e;
    const auto& row = p.affinity[d];
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return row[a] != row[b] ? row[a] > row[b] : a < b; });
    int got = 0;
    for (int e : order) {
      if (got == p.reviewers_needed[d]) break;
      if (load[e] >= p.capacity[e] || p.conflicts.count({d, e})) continue;
      ++load[e];
      ++got;
      total += std::llround(row[e] * 1000.0);
    }
    if (got < p.reviewers_needed[d]) return -1;
  }
  return total;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Times one shape and prints its three lines; false when the assignment breaks a constraint.
bool Run(const char* shape, bool correlated, int reps, uint64_t seed) {
  const int kDossiers = 500, kExperts = 300, kReviewers = 3;
  const double kGoalMs = 2000;
  AssignmentProblem p = Build(kDossiers, kExperts, kReviewers, correlated, seed);

  std::vector<double> ms;
  ketnoi::Result<ketnoi::selection::Assignment> result = ketnoi::selection::Assignment{};
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    result = ketnoi::selection::Assign(p);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!result.ok()) {
      std::fprintf(stderr, "Assign failed: %s\n", result.status().ToString().c_str());
      return false;
    }
  }
  std::vector<double> greedy_ms;
  int64_t greedy_total = 0;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    greedy_total = Greedy(p);
    greedy_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }

  // Check the assignment.
  int conflicted = 0, overloaded = 0, wrong_count = 0;
  std::vector<int> load(kExperts, 0);
  for (int d = 0; d < kDossiers; ++d) {
    const auto& ex = result->experts_of[d];
    if (static_cast<int>(ex.size()) != kReviewers) ++wrong_count;
    for (int e : ex) {
      if (p.conflicts.count({d, e})) ++conflicted;
      ++load[e];
    }
  }
  for (int e = 0; e < kExperts; ++e)
    if (load[e] > p.capacity[e]) ++overloaded;
  const bool ok = conflicted == 0 && overloaded == 0 && wrong_count == 0;

  const double median = Median(ms), worst = *std::max_element(ms.begin(), ms.end());
  const double greedy_median = Median(greedy_ms);
  std::printf(
      "BENCH ASSIGN dossiers=%d experts=%d reviewers=%d shape=%s conflicts=%zu reps=%d "
      "ms_median=%.1f ms_max=%.1f goal_ms=%.0f ratio=%.3f\n",
      kDossiers, kExperts, kReviewers, shape, p.conflicts.size(), reps, median, worst, kGoalMs,
      median / kGoalMs);
  std::printf(
      "BENCH ASSIGN shape=%s greedy_ms_median=%.1f vs_greedy=%.1f total_milli=%lld "
      "greedy_total_milli=%lld\n",
      shape, greedy_median, greedy_median > 0 ? median / greedy_median : 0.0,
      static_cast<long long>(result->total_milli), static_cast<long long>(greedy_total));
  std::printf(
      "BENCH ASSIGN shape=%s check conflicted_pairs=%d overloaded_experts=%d wrong_counts=%d %s\n",
      shape, conflicted, overloaded, wrong_count, ok ? "OK" : "FAILED");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  bool ok = Run("uniform", false, reps, seed);
  ok = Run("correlated", true, reps, seed) && ok;
  return ok ? 0 : 1;
}
