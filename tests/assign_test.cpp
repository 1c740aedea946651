// Conflicts of interest, expertise affinity and the exact reviewer assignment (selection/assign.h).
// The assignment is checked against an exhaustive search on many small seeded instances, by the
// absence of negative cycles in the residual network on medium ones, and for its constraints on
// a large one (500 dossiers × 300 experts × 3 reviewers). No timing is asserted here; see
// bench/assign_bench.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "selection/assign.h"

namespace ketnoi::selection {
namespace {

// ───────────────────────────── conflicts ─────────────────────────────

const std::vector<std::string> kKinds = {"spouse", "parent", "child", "sibling"};
constexpr int kYear = 2026;
constexpr int kLookback = 5;

// PI 100 (also an applicant), secretary 101, key member 102, co-applicant 103; host organisation
// 10, coordinating organisation 11.
DossierParties Parties() {
  DossierParties p;
  p.applicant_person_ids = {100, 103};
  p.organisation_ids = {10, 11};
  p.key_person_ids = {100, 101, 102};
  return p;
}

// An unrelated expert: person 500 at organisation 20.
MemberFacts Member() {
  MemberFacts m;
  m.person_id = 500;
  m.organisation_ids = {20};
  return m;
}

PastTask Task(int64_t id, std::string code, int last_year, std::set<int64_t> people) {
  PastTask t;
  t.task_id = id;
  t.code = std::move(code);
  t.last_year = last_year;
  t.person_ids = std::move(people);
  return t;
}

struct ConflictCase {
  std::string name;
  std::function<void(MemberFacts&)> setup;
  // Expected (reason, "k=v;k=v" params) in order.
  std::vector<std::pair<std::string, std::string>> expected;
};

std::string Params(const Message& m) {
  std::string out;
  for (const auto& [k, v] : m.params) out += (out.empty() ? "" : ";") + k + "=" + v;
  return out;
}

class ConflictTest : public ::testing::TestWithParam<ConflictCase> {};

TEST_P(ConflictTest, FindsExactlyTheExpectedConflicts) {
  const ConflictCase& c = GetParam();
  MemberFacts m = Member();
  c.setup(m);
  auto found = FindConflicts(m, Parties(), kKinds, kYear, kLookback);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Conflict& f : found) {
    EXPECT_EQ(f.message.id, "selection.conflict_" + f.reason);
    got.emplace_back(f.reason, Params(f.message));
  }
  EXPECT_EQ(got, c.expected);
}

const ConflictCase kConflictCases[] = {
    {"unrelated_person", [](MemberFacts&) {}, {}},
    {"unrelated_with_history",
     [](MemberFacts& m) {
       m.relatives = {{900, "spouse"}, {901, "parent"}};
       m.organisation_ids = {20, 21};
       m.tasks = {Task(7, "ĐT-2024-1", 2025, {500, 900, 901})};
     },
     {}},
    {"spouse_of_pi",
     [](MemberFacts& m) {
       m.relatives = {{100, "spouse"}};
     },
     {{"relative", "person=100;kind=spouse"}}},
    {"sibling_of_secretary",
     [](MemberFacts& m) {
       m.relatives = {{101, "sibling"}};
     },
     {{"relative", "person=101;kind=sibling"}}},
    {"child_of_co_applicant",
     [](MemberFacts& m) {
       m.relatives = {{103, "child"}};
     },
     {{"relative", "person=103;kind=child"}}},
    {"cousin_of_pi_not_a_listed_kind",
     [](MemberFacts& m) {
       m.relatives = {{100, "cousin"}};
     },
     {}},
    {"relative_declared_twice_reported_once",
     [](MemberFacts& m) {
       m.relatives = {{102, "parent"}, {100, "spouse"}, {102, "parent"}};
     },
     {{"relative", "person=100;kind=spouse"}, {"relative", "person=102;kind=parent"}}},
    {"colleague_at_host",
     [](MemberFacts& m) { m.organisation_ids = {10}; },
     {{"organisation", "organisation=10"}}},
    {"colleague_at_coordinating_organisation",
     [](MemberFacts& m) {
       m.organisation_ids = {20, 11};
     },
     {{"organisation", "organisation=11"}}},
    {"co_investigator_4_years_ago",
     [](MemberFacts& m) {
       m.tasks = {Task(7, "ĐT-2019-30218-ĐT", 2022, {500, 100, 900})};
     },
     {{"co_member", "person=100;task=ĐT-2019-30218-ĐT;year=2022"}}},
    {"co_investigator_exactly_5_years_ago_still_counts",
     [](MemberFacts& m) {
       m.tasks = {Task(7, "ĐT-2018-1", 2021, {500, 101})};
     },
     {{"co_member", "person=101;task=ĐT-2018-1;year=2021"}}},
    {"co_investigator_6_years_ago",
     [](MemberFacts& m) {
       m.tasks = {Task(7, "ĐT-2016-1", 2020, {500, 100})};
     },
     {}},
    {"co_member_of_non_key_applicant_only",
     [](MemberFacts& m) {
       m.tasks = {Task(7, "DA-1", 2025, {500, 103})};
     },
     {}},
    {"co_member_without_code_and_two_key_people",
     [](MemberFacts& m) {
       m.tasks = {Task(9, "", 2026, {102, 500, 100}), Task(3, "DA-3", 2024, {500, 999})};
     },
     {{"co_member", "person=100;task=#9;year=2026"},
      {"co_member", "person=102;task=#9;year=2026"}}},
    {"applicant", [](MemberFacts& m) { m.person_id = 103; }, {{"applicant", "person=103"}}},
    {"key_person_counts_as_applicant_not_as_own_co_member",
     [](MemberFacts& m) {
       m.person_id = 102;
       m.tasks = {Task(5, "ĐT-2023-5", 2025, {102})};
     },
     {{"applicant", "person=102"}}},
    {"self_declared",
     [](MemberFacts& m) { m.declaration = "Tôi từng hướng dẫn luận án của chủ nhiệm"; },
     {{"declared", "text=Tôi từng hướng dẫn luận án của chủ nhiệm"}}},
    {"blank_declaration", [](MemberFacts& m) { m.declaration = "  \t"; }, {}},
    {"everything_at_once_in_reason_order",
     [](MemberFacts& m) {
       m.person_id = 100;
       m.organisation_ids = {11, 10};
       m.relatives = {{101, "spouse"}};
       m.tasks = {Task(4, "ĐT-2022-4", 2023, {100, 101})};
       m.declaration = "x";
     },
     {{"applicant", "person=100"},
      {"organisation", "organisation=10"},
      {"organisation", "organisation=11"},
      {"relative", "person=101;kind=spouse"},
      {"co_member", "person=101;task=ĐT-2022-4;year=2023"},
      {"declared", "text=x"}}},
};

INSTANTIATE_TEST_SUITE_P(Cases, ConflictTest, ::testing::ValuesIn(kConflictCases),
                         [](const ::testing::TestParamInfo<ConflictCase>& info) {
                           return info.param.name;
                         });

TEST(ConflictTest, LookbackIsConfigurable) {
  MemberFacts m = Member();
  m.tasks = {Task(7, "ĐT-2016-1", 2020, {500, 100})};
  EXPECT_TRUE(FindConflicts(m, Parties(), kKinds, kYear, 5).empty());
  EXPECT_EQ(FindConflicts(m, Parties(), kKinds, kYear, 6).size(), 1u);
}

TEST(ConflictTest, RelationKindsComeFromTheRuleSet) {
  MemberFacts m = Member();
  m.relatives = {{100, "cousin"}};
  EXPECT_TRUE(FindConflicts(m, Parties(), kKinds, kYear, kLookback).empty());
  EXPECT_EQ(FindConflicts(m, Parties(), {"cousin"}, kYear, kLookback).size(), 1u);
}

// ───────────────────────────── affinity ─────────────────────────────

struct AffinityCase {
  std::string name;
  ExpertProfile expert;
  DossierProfile dossier;
  double expected;
};

class AffinityTest : public ::testing::TestWithParam<AffinityCase> {};

TEST_P(AffinityTest, Value) {
  const AffinityCase& c = GetParam();
  EXPECT_NEAR(ExpertiseAffinity(c.expert, c.dossier), c.expected, 1e-9);
}

const AffinityCase kAffinityCases[] = {
    {"nothing_in_common", {1, {"101"}, {"ga"}, {}}, {1, "30218", {"tim"}}, 0.0},
    {"same_5_digit_code", {1, {"30218"}, {}, {}}, {1, "30218", {}}, 0.5},
    {"same_3_digit_prefix", {1, {"30201"}, {}, {}}, {1, "30218", {}}, 0.35},
    {"broad_3_digit_code", {1, {"302"}, {}, {}}, {1, "30218", {}}, 0.35},
    {"same_top_field", {1, {"301"}, {}, {}}, {1, "30218", {}}, 0.2},
    {"top_field_only_code", {1, {"3"}, {}, {}}, {1, "30218", {}}, 0.2},
    {"best_of_several_codes", {1, {"101", "30218", "302"}, {}, {}}, {1, "30218", {}}, 0.5},
    {"keywords_overlap_coefficient",
     {1, {}, {"noi tiet", "tieu duong", "gen", "gen"}, {}},
     {1, "30218", {"tieu duong", "noi tiet", "beo phi", "tre em"}},
     0.3 * 2.0 / 3.0},
    {"keywords_all_covered", {1, {}, {"a", "b"}, {}}, {1, "3", {"b", "a", "c"}}, 0.3},
    {"one_past_task_exact", {1, {}, {}, {"30218"}}, {1, "30218", {}}, 0.1},
    {"past_tasks_saturate", {1, {}, {}, {"30218", "30218", "30218"}}, {1, "30218", {}}, 0.2},
    {"past_tasks_partial", {1, {}, {}, {"302", "3"}}, {1, "30218", {}}, 0.2 * 1.1 / 2.0},
    {"perfect_match",
     {1, {"30218"}, {"tim", "mach"}, {"30218", "30218"}},
     {1, "30218", {"tim", "mach"}},
     1.0},
    {"malformed_codes_match_nothing", {1, {"", "abc"}, {}, {"x"}}, {1, "30218", {}}, 0.0},
};

INSTANTIATE_TEST_SUITE_P(Cases, AffinityTest, ::testing::ValuesIn(kAffinityCases),
                         [](const ::testing::TestParamInfo<AffinityCase>& info) {
                           return info.param.name;
                         });

TEST(AffinityTest, OrderedByFieldCloseness) {
  DossierProfile d{1, "30218", {}};
  auto a = [&](const char* code) { return ExpertiseAffinity({1, {code}, {}, {}}, d); };
  EXPECT_GT(a("30218"), a("30299"));
  EXPECT_GT(a("30299"), a("30518"));
  EXPECT_GT(a("30518"), a("40218"));
}

// ───────────────────────────── assignment ─────────────────────────────

// SplitMix64, so instances are the same on every platform.
uint64_t Next(uint64_t& s) {
  s += 0x9E3779B97F4A7C15ULL;
  uint64_t z = s;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
int Uniform(uint64_t& s, int lo, int hi) {  // [lo, hi]
  return lo + static_cast<int>(Next(s) % static_cast<uint64_t>(hi - lo + 1));
}

int64_t Milli(double a) { return std::llround(a * 1000.0); }

AssignmentProblem RandomProblem(uint64_t seed, int dossiers, int experts, int min_needed,
                                int max_needed, int min_cap, int max_cap, int conflict_per_mille,
                                bool coarse) {
  uint64_t s = seed;
  AssignmentProblem p;
  p.dossiers = dossiers;
  p.experts = experts;
  for (int d = 0; d < dossiers; ++d)
    p.reviewers_needed.push_back(Uniform(s, min_needed, max_needed));
  for (int e = 0; e < experts; ++e) p.capacity.push_back(Uniform(s, min_cap, max_cap));
  p.affinity.assign(dossiers, std::vector<double>(experts));
  for (auto& row : p.affinity)
    for (double& a : row) a = coarse ? Uniform(s, 0, 4) * 0.25 : Uniform(s, 0, 1000000) / 1e6;
  for (int d = 0; d < dossiers; ++d)
    for (int e = 0; e < experts; ++e)
      if (Uniform(s, 0, 999) < conflict_per_mille) p.conflicts.emplace(d, e);
  return p;
}

// Every constraint of a returned assignment, and its total.
void ExpectValid(const AssignmentProblem& p, const Assignment& a) {
  ASSERT_EQ(a.experts_of.size(), static_cast<size_t>(p.dossiers));
  std::vector<int> load(p.experts, 0);
  int64_t total = 0;
  for (int d = 0; d < p.dossiers; ++d) {
    const auto& ex = a.experts_of[d];
    EXPECT_EQ(static_cast<int>(ex.size()), p.reviewers_needed[d]) << "dossier " << d;
    EXPECT_TRUE(std::is_sorted(ex.begin(), ex.end()));
    EXPECT_TRUE(std::adjacent_find(ex.begin(), ex.end()) == ex.end()) << "expert twice";
    for (int e : ex) {
      ASSERT_GE(e, 0);
      ASSERT_LT(e, p.experts);
      EXPECT_EQ(p.conflicts.count({d, e}), 0u) << "conflicted pair " << d << "," << e;
      ++load[e];
      total += Milli(p.affinity[d][e]);
    }
  }
  for (int e = 0; e < p.experts; ++e) EXPECT_LE(load[e], p.capacity[e]) << "expert " << e;
  EXPECT_EQ(total, a.total_milli);
}

// Exhaustive search: every choice of reviewers for every dossier. −1 when infeasible.
int64_t BruteForce(const AssignmentProblem& p) {
  std::vector<int> load(p.experts, 0);
  int64_t best = -1;
  std::function<void(int, int64_t)> go = [&](int d, int64_t sum) {
    if (d == p.dossiers) {
      best = std::max(best, sum);
      return;
    }
    for (unsigned mask = 0; mask < (1u << p.experts); ++mask) {
      if (std::popcount(mask) != p.reviewers_needed[d]) continue;
      bool ok = true;
      int64_t add = 0;
      for (int e = 0; e < p.experts && ok; ++e) {
        if (!(mask >> e & 1u)) continue;
        ok = load[e] < p.capacity[e] && p.conflicts.count({d, e}) == 0;
        add += Milli(p.affinity[d][e]);
      }
      if (!ok) continue;
      for (int e = 0; e < p.experts; ++e) load[e] += mask >> e & 1u;
      go(d + 1, sum + add);
      for (int e = 0; e < p.experts; ++e) load[e] -= mask >> e & 1u;
    }
  };
  go(0, 0);
  return best;
}

TEST(AssignTest, MatchesExhaustiveSearchOnSmallRandomInstances) {
  int feasible = 0, infeasible = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    uint64_t s = seed * 7919;
    const int dossiers = Uniform(s, 1, 5), experts = Uniform(s, 1, 6);
    const bool coarse = seed % 3 == 0;  // many ties
    AssignmentProblem p =
        RandomProblem(seed, dossiers, experts, 1, 2, 0, 3, Uniform(s, 0, 300), coarse);
    SCOPED_TRACE("seed " + std::to_string(seed));
    const int64_t best = BruteForce(p);
    auto got = Assign(p);
    if (best < 0) {
      ++infeasible;
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.status().message().id, "selection.assignment_infeasible");
      continue;
    }
    ++feasible;
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectValid(p, *got);
    EXPECT_EQ(got->total_milli, best);
  }
  // Both outcomes are exercised.
  EXPECT_GT(feasible, 50);
  EXPECT_GT(infeasible, 20);
}

// A flow of the required value is of minimal cost iff its residual network has no negative
// cycle (Bellman–Ford from a virtual root joined to every node).
bool ResidualHasNegativeCycle(const AssignmentProblem& p, const Assignment& a) {
  const int D = p.dossiers, E = p.experts, s = 0, t = D + E + 1, n = D + E + 2;
  struct Arc {
    int from, to;
    int64_t cost;
  };
  std::vector<Arc> arcs;
  std::vector<int> load(E, 0);
  std::vector<std::vector<char>> used(D, std::vector<char>(E, 0));
  for (int d = 0; d < D; ++d)
    for (int e : a.experts_of[d]) used[d][e] = 1, ++load[e];
  for (int d = 0; d < D; ++d) {
    int flow = static_cast<int>(a.experts_of[d].size());
    if (flow < p.reviewers_needed[d]) arcs.push_back({s, 1 + d, 0});
    if (flow > 0) arcs.push_back({1 + d, s, 0});
    for (int e = 0; e < E; ++e) {
      if (p.conflicts.count({d, e})) continue;
      int64_t m = Milli(p.affinity[d][e]);
      if (used[d][e])
        arcs.push_back({1 + D + e, 1 + d, m});
      else
        arcs.push_back({1 + d, 1 + D + e, -m});
    }
  }
  for (int e = 0; e < E; ++e) {
    if (load[e] < p.capacity[e]) arcs.push_back({1 + D + e, t, 0});
    if (load[e] > 0) arcs.push_back({t, 1 + D + e, 0});
  }
  std::vector<int64_t> dist(n, 0);
  for (int round = 0; round < n; ++round) {
    bool changed = false;
    for (const Arc& arc : arcs) {
      if (dist[arc.from] + arc.cost < dist[arc.to]) {
        dist[arc.to] = dist[arc.from] + arc.cost;
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}

TEST(AssignTest, NoNegativeCycleLeftOnMediumInstances) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    AssignmentProblem p = RandomProblem(seed, 40, 25, 1, 3, 2, 6, 50, seed % 2 == 0);
    auto got = Assign(p);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectValid(p, *got);
    EXPECT_FALSE(ResidualHasNegativeCycle(p, *got));
  }
}

TEST(AssignTest, LargeInstanceRespectsConflictsAndLoads) {
  // 500 dossiers × 300 experts × 3 reviewers, loads 6–8, ≈2 % conflicts.
  AssignmentProblem p = RandomProblem(42, 500, 300, 3, 3, 6, 8, 20, false);
  ASSERT_GT(p.conflicts.size(), 2000u);
  auto got = Assign(p);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectValid(p, *got);
  // Every dossier's reviewers are good ones: well above the mean affinity of 0.5.
  EXPECT_GT(got->total_milli, 1500 * 900);
}

TEST(AssignTest, BeatsTheGreedyChoice) {
  // Greedy gives dossier 0 its best expert (0) and leaves dossier 1 with expert 1 (0.1).
  AssignmentProblem p;
  p.dossiers = 2;
  p.experts = 2;
  p.reviewers_needed = {1, 1};
  p.capacity = {1, 1};
  p.affinity = {{0.9, 0.8}, {0.85, 0.1}};
  auto got = Assign(p);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->experts_of, (std::vector<std::vector<int>>{{1}, {0}}));
  EXPECT_EQ(got->total_milli, 1650);
}

TEST(AssignTest, ComparesAffinitiesAfterRoundingToThousandths) {
  AssignmentProblem p;
  p.dossiers = 1;
  p.experts = 3;
  p.reviewers_needed = {2};
  p.capacity = {1, 1, 1};
  p.affinity = {{0.0004, 0.0006, 1.0}};
  auto got = Assign(p);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->experts_of[0], (std::vector<int>{1, 2}));
  EXPECT_EQ(got->total_milli, 1001);
}

TEST(AssignTest, DeterministicWithTies) {
  AssignmentProblem p = RandomProblem(5, 60, 40, 1, 3, 2, 5, 30, true);
  auto a = Assign(p);
  auto b = Assign(p);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->experts_of, b->experts_of);
  EXPECT_EQ(a->total_milli, b->total_milli);
}

TEST(AssignTest, EmptyAndZeroNeeds) {
  AssignmentProblem none;
  auto a = Assign(none);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->experts_of.empty());
  EXPECT_EQ(a->total_milli, 0);

  AssignmentProblem p;
  p.dossiers = 2;
  p.experts = 1;
  p.reviewers_needed = {0, 1};
  p.capacity = {1};
  p.affinity = {{1.0}, {0.5}};
  auto b = Assign(p);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->experts_of, (std::vector<std::vector<int>>{{}, {0}}));
  EXPECT_EQ(b->total_milli, 500);
}

struct InfeasibleCase {
  std::string name;
  AssignmentProblem problem;
  std::string dossier, assigned, needed;
};

class InfeasibleTest : public ::testing::TestWithParam<InfeasibleCase> {};

TEST_P(InfeasibleTest, NamesTheFirstDossierShort) {
  const InfeasibleCase& c = GetParam();
  auto got = Assign(c.problem);
  ASSERT_FALSE(got.ok());
  const Message& m = got.status().message();
  EXPECT_EQ(m.id, "selection.assignment_infeasible");
  EXPECT_EQ(m.Param("dossier"), c.dossier);
  EXPECT_EQ(m.Param("assigned"), c.assigned);
  EXPECT_EQ(m.Param("needed"), c.needed);
}

AssignmentProblem Small(std::vector<int> needed, std::vector<int> capacity,
                        std::set<std::pair<int, int>> conflicts,
                        std::vector<std::vector<double>> affinity = {}) {
  AssignmentProblem p;
  p.dossiers = static_cast<int>(needed.size());
  p.experts = static_cast<int>(capacity.size());
  p.reviewers_needed = std::move(needed);
  p.capacity = std::move(capacity);
  p.affinity = affinity.empty() ? std::vector<std::vector<double>>(
                                      p.dossiers, std::vector<double>(p.experts, 0.5))
                                : std::move(affinity);
  p.conflicts = std::move(conflicts);
  return p;
}

const InfeasibleCase kInfeasibleCases[] = {
    // Dossier 1 may only have expert 0.
    {"conflicts_leave_too_few", Small({2, 2, 1}, {3, 3, 3}, {{1, 1}, {1, 2}}), "1", "1", "2"},
    {"more_reviewers_than_experts", Small({1, 4}, {2, 2, 2}, {}), "1", "3", "4"},
    // Three units of load for four reviews: dossiers 0 and 1 have theirs, 2 gets nothing.
    {"total_load_too_small", Small({2, 1, 1}, {2, 1}, {}), "2", "0", "1"},
    // Dossiers 1 and 2 both need expert 0. The optimum by affinity would give it to dossier 2;
    // the message still names dossier 2, the first one that cannot be served after the others.
    {"competition_named_in_index_order",
     Small({1, 1, 1}, {1, 1}, {{1, 1}, {2, 1}}, {{0.5, 0.5}, {0.1, 0}, {1.0, 0}}), "2", "0", "1"},
    {"dossier_zero_short", Small({2, 1}, {1, 0}, {}), "0", "1", "2"},
};

INSTANTIATE_TEST_SUITE_P(Cases, InfeasibleTest, ::testing::ValuesIn(kInfeasibleCases),
                         [](const ::testing::TestParamInfo<InfeasibleCase>& info) {
                           return info.param.name;
                         });

TEST(AssignTest, InfeasibleLargeInstanceNamesTheFirstDossierShort) {
  // Loads of 4 × 300 = 1200 for 1500 reviews: dossiers 0–399 can be served, 400 cannot.
  AssignmentProblem p = RandomProblem(3, 500, 300, 3, 3, 4, 4, 20, false);
  auto got = Assign(p);
  ASSERT_FALSE(got.ok());
  const Message& m = got.status().message();
  EXPECT_EQ(m.id, "selection.assignment_infeasible");
  EXPECT_EQ(m.Param("dossier"), "400");
  EXPECT_EQ(m.Param("assigned"), "0");
  EXPECT_EQ(m.Param("needed"), "3");
}

struct InvalidCase {
  std::string name;
  std::function<void(AssignmentProblem&)> spoil;
  std::string field;
};

class InvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidTest, RejectsMalformedProblem) {
  AssignmentProblem p = Small({1, 1}, {1, 1}, {});
  GetParam().spoil(p);
  auto got = Assign(p);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(got.status().message().id, "selection.assignment_invalid");
  EXPECT_EQ(got.status().message().Param("field"), GetParam().field);
}

const InvalidCase kInvalidCases[] = {
    {"needed_size", [](AssignmentProblem& p) { p.reviewers_needed.pop_back(); },
     "reviewers_needed"},
    {"negative_needed", [](AssignmentProblem& p) { p.reviewers_needed[0] = -1; },
     "reviewers_needed"},
    {"capacity_size", [](AssignmentProblem& p) { p.capacity.push_back(1); }, "capacity"},
    {"negative_capacity", [](AssignmentProblem& p) { p.capacity[1] = -2; }, "capacity"},
    {"affinity_row_size", [](AssignmentProblem& p) { p.affinity[1].pop_back(); }, "affinity"},
    {"affinity_nan", [](AssignmentProblem& p) { p.affinity[0][0] = std::nan(""); }, "affinity"},
    {"conflict_out_of_range", [](AssignmentProblem& p) { p.conflicts.emplace(2, 0); }, "conflicts"},
};

INSTANTIATE_TEST_SUITE_P(Cases, InvalidTest, ::testing::ValuesIn(kInvalidCases),
                         [](const ::testing::TestParamInfo<InvalidCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace ketnoi::selection
