// Conflicts of interest, expertise affinity and the exact reviewer assignment (assign.h).
//
// The assignment is a min-cost flow on source → dossier → expert → sink, solved by the
// primal-dual method: Dijkstra on reduced costs (Johnson potentials; the initial potentials are
// exact shortest distances of the DAG, so negative costs are fine) finds the current shortest
// s–t distance, then a blocking flow (Dinic: BFS levels + DFS with current-arc pointers) pushes
// shortest augmenting paths of that length all at once, over a compact list of the arcs of zero
// reduced cost collected after each Dijkstra (scanning the dense dossier × expert arcs once per
// phase, not once per BFS or DFS). Each phase keeps all reduced costs non-negative, so the flow
// stays of minimal cost for its value; at the maximal flow value it is the optimum. Every scan
// goes in index order, so equal inputs give equal outputs. Measured (bench/assign_bench.cpp):
// 500 dossiers × 300 experts × 3 reviewers in ≈ 30 ms; ≈ 0.5 s when every dossier prefers the
// same few experts (hundreds of phases).
#include "selection/assign.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string_view>
#include <tuple>
#include <utility>

namespace ketnoi::selection {

// ───────────────────────────── conflicts ─────────────────────────────

namespace {

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

}  // namespace

std::vector<Conflict> FindConflicts(const MemberFacts& member, const DossierParties& parties,
                                    const std::vector<std::string>& relation_kinds,
                                    int current_year, int lookback_years) {
  std::vector<Conflict> out;

  // 1. The member is an applicant or one of the key persons (PI, secretary, key members).
  if (parties.applicant_person_ids.count(member.person_id) > 0 ||
      parties.key_person_ids.count(member.person_id) > 0) {
    out.push_back({"applicant", Message("selection.conflict_applicant",
                                        {{"person", std::to_string(member.person_id)}})});
  }

  // 2. The member works for the host or a coordinating organisation (both sets are ordered).
  for (int64_t org : member.organisation_ids) {
    if (parties.organisation_ids.count(org) == 0) continue;
    out.push_back({"organisation", Message("selection.conflict_organisation",
                                           {{"organisation", std::to_string(org)}})});
  }

  // 3. A declared relative, of a listed kind, who is a key person or an applicant. Sorted by
  //    (person, kind); the same pair declared twice is reported once.
  {
    std::set<std::pair<int64_t, std::string>> found;
    for (const Relative& r : member.relatives) {
      bool listed =
          std::find(relation_kinds.begin(), relation_kinds.end(), r.kind) != relation_kinds.end();
      if (!listed) continue;
      if (parties.key_person_ids.count(r.person_id) == 0 &&
          parties.applicant_person_ids.count(r.person_id) == 0)
        continue;
      found.emplace(r.person_id, r.kind);
    }
    for (const auto& [person, kind] : found) {
      out.push_back({"relative", Message("selection.conflict_relative",
                                         {{"person", std::to_string(person)}, {"kind", kind}})});
    }
  }

  // 4. A shared task within the look-back years: last_year ≥ current_year − lookback_years.
  //    One entry per (task, key person), sorted by task id, code, then person.
  {
    std::set<std::tuple<int64_t, std::string, int, int64_t>> found;
    const int since = current_year - lookback_years;
    for (const PastTask& t : member.tasks) {
      if (t.last_year < since) continue;
      for (int64_t person : t.person_ids) {
        if (person == member.person_id) continue;
        if (parties.key_person_ids.count(person) == 0) continue;
        found.emplace(t.task_id, t.code, t.last_year, person);
      }
    }
    for (const auto& [task_id, code, year, person] : found) {
      std::string task = code;
      if (task.empty()) task.append("#").append(std::to_string(task_id));
      out.push_back(
          {"co_member", Message("selection.conflict_co_member", {{"person", std::to_string(person)},
                                                                 {"task", task},
                                                                 {"year", std::to_string(year)}})});
    }
  }

  // 5. The member's own declaration.
  if (!IsBlank(member.declaration)) {
    out.push_back(
        {"declared", Message("selection.conflict_declared", {{"text", member.declaration}})});
  }
  return out;
}

// ───────────────────────────── affinity ─────────────────────────────

namespace {

// The leading digits of a field code, at most 5 ("30218", "302", "3"; "302.18" → "302").
std::string_view CodeDigits(std::string_view code) {
  size_t b = 0;
  while (b < code.size() && std::isspace(static_cast<unsigned char>(code[b]))) ++b;
  size_t e = b;
  while (e < code.size() && e - b < 5 && std::isdigit(static_cast<unsigned char>(code[e]))) ++e;
  return code.substr(b, e - b);
}

// How close two field codes are: the common prefix counted at the classification's levels —
// 5 digits (same sub-field) 1.0, 3 digits 0.7, the top digit 0.4, nothing 0.
double FieldMatch(std::string_view a, std::string_view b) {
  a = CodeDigits(a);
  b = CodeDigits(b);
  size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  if (common >= 5) return 1.0;
  if (common >= 3) return 0.7;
  if (common >= 1) return 0.4;
  return 0.0;
}

// The distinct non-empty keywords.
std::vector<std::string_view> KeywordSet(const std::vector<std::string>& words) {
  std::vector<std::string_view> out;
  out.reserve(words.size());
  for (const std::string& w : words)
    if (!IsBlank(w)) out.emplace_back(w);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

constexpr double kFieldWeight = 0.5;
constexpr double kKeywordWeight = 0.3;
constexpr double kPastWeight = 0.2;
// Past tasks: the sum of their field matches, saturating at this many exact matches.
constexpr double kPastSaturation = 2.0;

}  // namespace

// affinity = 0.5 × field + 0.3 × keywords + 0.2 × past tasks, each part in [0, 1]:
//   field    — the best FieldMatch between the expert's field codes and the dossier's;
//   keywords — overlap coefficient |E ∩ D| / min(|E|, |D|) of the distinct folded keywords
//              (0 when either side has none); it does not punish an expert for listing many;
//   past     — Σ FieldMatch(past task field, dossier field) / 2, capped at 1 (two past tasks in
//              the very sub-field count as full experience).
// The weights are not renormalised when a part is missing, so affinities stay comparable across
// experts and dossiers.
double ExpertiseAffinity(const ExpertProfile& e, const DossierProfile& d) {
  double field = 0;
  for (const std::string& code : e.field_codes)
    field = std::max(field, FieldMatch(code, d.field_code));

  double keywords = 0;
  std::vector<std::string_view> ek = KeywordSet(e.keywords), dk = KeywordSet(d.keywords);
  if (!ek.empty() && !dk.empty()) {
    size_t common = 0;
    for (size_t i = 0, j = 0; i < ek.size() && j < dk.size();) {
      if (ek[i] < dk[j]) {
        ++i;
      } else if (dk[j] < ek[i]) {
        ++j;
      } else {
        ++common, ++i, ++j;
      }
    }
    keywords = static_cast<double>(common) / static_cast<double>(std::min(ek.size(), dk.size()));
  }

  double past = 0;
  for (const std::string& code : e.past_field_codes) past += FieldMatch(code, d.field_code);
  past = std::min(1.0, past / kPastSaturation);

  double a = kFieldWeight * field + kKeywordWeight * keywords + kPastWeight * past;
  return std::clamp(a, 0.0, 1.0);
}

// ───────────────────────────── assignment ─────────────────────────────

namespace {

constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;

// A residual network in compressed rows: arcs of node u are arcs_[first_[u] .. first_[u + 1]).
class FlowNetwork {
 public:
  struct Arc {
    int to = 0;
    int rev = 0;  // index of the paired arc
    int cap = 0;  // residual capacity
    int cost = 0;
  };
  struct EdgeSpec {
    int from, to, cap, cost;
  };

  FlowNetwork(int nodes, const std::vector<EdgeSpec>& edges) : n_(nodes), first_(nodes + 1, 0) {
    for (const EdgeSpec& e : edges) ++first_[e.from + 1], ++first_[e.to + 1];
    for (int u = 0; u < n_; ++u) first_[u + 1] += first_[u];
    arcs_.resize(first_[n_]);
    std::vector<int> fill(first_.begin(), first_.end() - 1);
    for (const EdgeSpec& e : edges) {
      int a = fill[e.from]++, b = fill[e.to]++;
      arcs_[a] = {e.to, b, e.cap, e.cost};
      arcs_[b] = {e.from, a, 0, -e.cost};
    }
  }

  int nodes() const { return n_; }
  int begin(int u) const { return first_[u]; }
  int end(int u) const { return first_[u + 1]; }
  Arc& arc(int i) { return arcs_[i]; }
  const Arc& arc(int i) const { return arcs_[i]; }
  void Push(int i, int amount) {
    arcs_[i].cap -= amount;
    arcs_[arcs_[i].rev].cap += amount;
  }

 private:
  int n_;
  std::vector<int> first_;
  std::vector<Arc> arcs_;
};

// Primal-dual min-cost flow from s to t. `potential` must make every residual arc's reduced
// cost non-negative on entry; it is kept so.
class MinCostFlow {
 public:
  MinCostFlow(FlowNetwork& g, int s, int t, std::vector<int64_t> potential)
      : g_(g),
        s_(s),
        t_(t),
        p_(std::move(potential)),
        dist_(g.nodes()),
        level_(g.nodes()),
        cur_(g.nodes()),
        queue_(g.nodes()),
        adm_first_(g.nodes() + 1, 0) {}

  // Pushes flow until `limit` or until no augmenting path is left; returns the flow pushed.
  int64_t Run(int64_t limit) {
    int64_t flow = 0;
    while (flow < limit && ShortestDistances()) {
      CollectAdmissible();
      while (flow < limit && Levels()) {
        for (int u = 0; u < g_.nodes(); ++u) cur_[u] = adm_first_[u];
        while (flow < limit) {
          int pushed = Augment(s_, static_cast<int>(std::min<int64_t>(limit - flow, kMaxPush)));
          if (pushed == 0) break;
          flow += pushed;
        }
      }
    }
    return flow;
  }

 private:
  static constexpr int kMaxPush = std::numeric_limits<int>::max();

  int64_t Reduced(int u, const FlowNetwork::Arc& a) const { return a.cost + p_[u] - p_[a.to]; }

  // Dijkstra on reduced costs, stopping when t is settled; then p(v) += min(dist(v), dist(t)),
  // which keeps every residual reduced cost non-negative and makes the shortest paths tight.
  bool ShortestDistances() {
    std::fill(dist_.begin(), dist_.end(), kInf);
    heap_.clear();
    dist_[s_] = 0;
    heap_.emplace_back(0, s_);
    auto later = [](const std::pair<int64_t, int>& a, const std::pair<int64_t, int>& b) {
      return a > b;  // min-heap on (distance, node): ties settle the lower index first
    };
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), later);
      auto [d, u] = heap_.back();
      heap_.pop_back();
      if (d != dist_[u]) continue;  // stale entry
      if (u == t_) break;
      for (int i = g_.begin(u), e = g_.end(u); i < e; ++i) {
        const FlowNetwork::Arc& a = g_.arc(i);
        if (a.cap <= 0) continue;
        int64_t nd = d + Reduced(u, a);
        if (nd < dist_[a.to]) {
          dist_[a.to] = nd;
          heap_.emplace_back(nd, a.to);
          std::push_heap(heap_.begin(), heap_.end(), later);
        }
      }
    }
    const int64_t dt = dist_[t_];
    if (dt >= kInf) return false;
    for (int v = 0; v < g_.nodes(); ++v) p_[v] += std::min(dist_[v], dt);
    return true;
  }

  // The arcs for this phase's blocking flow: both ends at distance ≤ dist(t) (no other node is
  // on a shortest path) and reduced cost 0, whatever their residual capacity (pushing flow along
  // such an arc opens its pair, which has reduced cost 0 too, so the list stays closed during
  // the phase). Any s–t path in it is a shortest path, and it holds the path Dijkstra found, so
  // each phase pushes at least one unit. It is usually a small fraction of the network.
  void CollectAdmissible() {
    const int64_t dt = dist_[t_];
    adm_.clear();
    for (int u = 0; u < g_.nodes(); ++u) {
      adm_first_[u] = static_cast<int>(adm_.size());
      if (dist_[u] > dt) continue;
      for (int i = g_.begin(u), e = g_.end(u); i < e; ++i) {
        const FlowNetwork::Arc& a = g_.arc(i);
        if (dist_[a.to] <= dt && Reduced(u, a) == 0) adm_.push_back(i);
      }
    }
    adm_first_[g_.nodes()] = static_cast<int>(adm_.size());
  }

  // BFS levels over the admissible arcs with residual capacity; true when t is reached.
  bool Levels() {
    std::fill(level_.begin(), level_.end(), -1);
    int head = 0, tail = 0;
    level_[s_] = 0;
    queue_[tail++] = s_;
    while (head < tail) {
      int u = queue_[head++];
      if (u == t_) continue;
      for (int k = adm_first_[u]; k < adm_first_[u + 1]; ++k) {
        const FlowNetwork::Arc& a = g_.arc(adm_[k]);
        if (level_[a.to] >= 0 || a.cap <= 0) continue;
        level_[a.to] = level_[u] + 1;
        queue_[tail++] = a.to;
      }
    }
    return level_[t_] >= 0;
  }

  // One augmenting path in the level graph (DFS with current-arc pointers).
  int Augment(int u, int limit) {
    if (u == t_) return limit;
    for (int& k = cur_[u]; k < adm_first_[u + 1]; ++k) {
      const int i = adm_[k];
      const FlowNetwork::Arc& a = g_.arc(i);
      if (a.cap <= 0 || level_[a.to] != level_[u] + 1) continue;
      int pushed = Augment(a.to, std::min(limit, a.cap));
      if (pushed > 0) {
        g_.Push(i, pushed);
        return pushed;
      }
    }
    return 0;
  }

  FlowNetwork& g_;
  int s_, t_;
  std::vector<int64_t> p_;
  std::vector<int64_t> dist_;
  std::vector<std::pair<int64_t, int>> heap_;
  std::vector<int> level_, cur_, queue_;
  std::vector<int> adm_first_;  // admissible arcs of node u: adm_[adm_first_[u] .. adm_first_[u+1])
  std::vector<int> adm_;
};

Status InvalidProblem(const char* field) {
  return Status::Invalid({"selection.assignment_invalid", {{"field", field}}});
}

Status Validate(const AssignmentProblem& p) {
  if (p.dossiers < 0) return InvalidProblem("dossiers");
  if (p.experts < 0) return InvalidProblem("experts");
  if (p.reviewers_needed.size() != static_cast<size_t>(p.dossiers))
    return InvalidProblem("reviewers_needed");
  if (p.capacity.size() != static_cast<size_t>(p.experts)) return InvalidProblem("capacity");
  if (p.affinity.size() != static_cast<size_t>(p.dossiers)) return InvalidProblem("affinity");
  for (int n : p.reviewers_needed)
    if (n < 0) return InvalidProblem("reviewers_needed");
  for (int c : p.capacity)
    if (c < 0) return InvalidProblem("capacity");
  for (const auto& row : p.affinity) {
    if (row.size() != static_cast<size_t>(p.experts)) return InvalidProblem("affinity");
    for (double a : row)
      if (!std::isfinite(a)) return InvalidProblem("affinity");
  }
  for (const auto& [d, e] : p.conflicts)
    if (d < 0 || d >= p.dossiers || e < 0 || e >= p.experts) return InvalidProblem("conflicts");
  return Status::Ok();
}

int64_t Milli(double affinity) { return std::llround(std::clamp(affinity, 0.0, 1.0) * 1000.0); }

// Node numbering: source 0, dossiers 1..D, experts D+1..D+E, sink D+E+1.
struct Layout {
  int dossiers, experts;
  int source() const { return 0; }
  int dossier(int d) const { return 1 + d; }
  int expert(int e) const { return 1 + dossiers + e; }
  int sink() const { return 1 + dossiers + experts; }
  int nodes() const { return 2 + dossiers + experts; }
};

// After a maximal flow that falls short: the first dossier that cannot have all its reviewers
// once every dossier before it has theirs. Dossiers are topped up in index order by moving flow
// from later dossiers (a residual path d → … → d' with d' > d, avoiding source and sink); the
// total stays maximal and earlier dossiers keep their reviewers.
Status Infeasible(FlowNetwork& g, const Layout& L, const std::vector<int>& needed) {
  const int n = g.nodes();
  // The arc source → dossier d, and its flow (the paired arc's capacity).
  std::vector<int> source_arc(L.dossiers, -1);
  for (int i = g.begin(L.source()); i < g.end(L.source()); ++i) {
    int to = g.arc(i).to;
    if (to >= L.dossier(0) && to < L.dossier(L.dossiers)) source_arc[to - L.dossier(0)] = i;
  }
  auto flow_of = [&](int d) { return source_arc[d] < 0 ? 0 : g.arc(g.arc(source_arc[d]).rev).cap; };
  std::vector<int> via(n), seen(n, 0), queue(n);
  int stamp = 0;
  for (int d = 0; d < L.dossiers; ++d) {
    while (flow_of(d) < needed[d]) {
      ++stamp;
      int head = 0, tail = 0, found = -1;
      queue[tail++] = L.dossier(d);
      seen[L.dossier(d)] = stamp;
      while (head < tail && found < 0) {
        int u = queue[head++];
        for (int i = g.begin(u); i < g.end(u); ++i) {
          const FlowNetwork::Arc& a = g.arc(i);
          if (a.cap <= 0 || a.to == L.source() || a.to == L.sink() || seen[a.to] == stamp) continue;
          seen[a.to] = stamp;
          via[a.to] = i;
          int other = a.to - L.dossier(0);
          if (other > d && other < L.dossiers && flow_of(other) > 0) {
            found = a.to;
            break;
          }
          queue[tail++] = a.to;
        }
      }
      if (found < 0) {
        return Status::Invalid({"selection.assignment_infeasible",
                                {{"dossier", std::to_string(d)},
                                 {"assigned", std::to_string(flow_of(d))},
                                 {"needed", std::to_string(needed[d])}}});
      }
      for (int v = found; v != L.dossier(d);) {
        int i = via[v];
        g.Push(i, 1);
        v = g.arc(g.arc(i).rev).to;
      }
      g.Push(g.arc(source_arc[found - L.dossier(0)]).rev, 1);  // less flow into the later one
      g.Push(source_arc[d], 1);                                // more into d
    }
  }
  // Unreachable when the flow was maximal and short; kept as a guard.
  return Status::Internal(
      {"selection.assignment_infeasible", {{"dossier", "?"}, {"assigned", "?"}, {"needed", "?"}}});
}

}  // namespace

Result<Assignment> Assign(const AssignmentProblem& problem) {
  KETNOI_RETURN_IF_ERROR(Validate(problem));
  const int D = problem.dossiers, E = problem.experts;
  const Layout L{D, E};

  std::vector<char> blocked(static_cast<size_t>(D) * static_cast<size_t>(E), 0);
  for (const auto& [d, e] : problem.conflicts) blocked[static_cast<size_t>(d) * E + e] = 1;

  // Edges in index order: source → dossiers, dossier → experts (row by row), experts → sink.
  std::vector<FlowNetwork::EdgeSpec> edges;
  int64_t needed_total = 0;
  for (int d = 0; d < D; ++d) {
    if (problem.reviewers_needed[d] == 0) continue;
    edges.push_back({L.source(), L.dossier(d), problem.reviewers_needed[d], 0});
    needed_total += problem.reviewers_needed[d];
  }
  // Initial potentials: exact shortest distances from the source in the DAG
  // (p(dossier) = 0, p(expert) = min over its arcs of −milli, p(sink) = min over experts).
  std::vector<int64_t> potential(L.nodes(), 0);
  for (int d = 0; d < D; ++d) {
    if (problem.reviewers_needed[d] == 0) continue;
    for (int e = 0; e < E; ++e) {
      if (blocked[static_cast<size_t>(d) * E + e] || problem.capacity[e] == 0) continue;
      int cost = -static_cast<int>(Milli(problem.affinity[d][e]));
      edges.push_back({L.dossier(d), L.expert(e), 1, cost});
      potential[L.expert(e)] = std::min<int64_t>(potential[L.expert(e)], cost);
    }
  }
  for (int e = 0; e < E; ++e) {
    if (problem.capacity[e] == 0) continue;
    edges.push_back({L.expert(e), L.sink(), problem.capacity[e], 0});
    potential[L.sink()] = std::min(potential[L.sink()], potential[L.expert(e)]);
  }

  FlowNetwork g(L.nodes(), edges);
  edges.clear();
  edges.shrink_to_fit();
  MinCostFlow mcf(g, L.source(), L.sink(), std::move(potential));
  int64_t flow = mcf.Run(needed_total);
  if (flow < needed_total) return Infeasible(g, L, problem.reviewers_needed);

  Assignment out;
  out.experts_of.resize(D);
  for (int d = 0; d < D; ++d) {
    for (int i = g.begin(L.dossier(d)); i < g.end(L.dossier(d)); ++i) {
      const FlowNetwork::Arc& a = g.arc(i);
      // Every arc from a dossier to an expert is a forward arc of capacity 1; used when spent.
      if (a.to < L.expert(0) || a.to >= L.sink() || a.cap > 0) continue;
      int e = a.to - L.expert(0);
      out.experts_of[d].push_back(e);
      out.total_milli += Milli(problem.affinity[d][e]);
    }
  }
  return out;
}

}  // namespace ketnoi::selection
