// Scoring a council's sheets (scoring.h). All arithmetic that decides a rule is done on the sums
// of whole points, so that the boundaries (an average of exactly 70, a deviation of exactly 20,
// exactly 1/3 of the members) are decided exactly, not by floating-point luck.
#include "selection/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ketnoi::selection {

namespace {

// "69.99": averages in messages carry two decimals, as in the minutes.
std::string Fixed2(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", d);
  return buf;
}

// Points of a criterion on a sheet; a criterion the sheet lacks counts as 0 (sheets are checked
// with CheckSheet before they get here).
int PointsOf(const MemberSheet& s, const std::string& criterion) {
  auto it = s.points.find(criterion);
  return it == s.points.end() ? 0 : it->second;
}

// How a tie-break compares two dossiers: < 0 when `a` goes first, > 0 when `b` does, 0 when it
// does not decide.
int CompareBy(const std::string& tie_break, const RankInput& a, const RankInput& b) {
  if (tie_break == "fewer_outliers") {
    size_t na = a.score.set_aside.size(), nb = b.score.set_aside.size();
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  if (tie_break == "earlier_submission") {
    // ISO timestamps sort as text; an unknown time goes after every known one.
    const std::string &ta = a.submitted_at, &tb = b.submitted_at;
    if (ta == tb) return 0;
    if (ta.empty()) return 1;
    if (tb.empty()) return -1;
    return ta < tb ? -1 : 1;
  }
  if (tie_break.rfind("criterion:", 0) == 0) {
    // The higher average on that criterion first; a dossier whose sheet lacks it goes after.
    std::string id = tie_break.substr(10);
    auto ia = a.score.criterion_average.find(id), ib = b.score.criterion_average.find(id);
    bool ha = ia != a.score.criterion_average.end(), hb = ib != b.score.criterion_average.end();
    if (!ha || !hb) return ha == hb ? 0 : ha ? -1 : 1;
    return ia->second > ib->second ? -1 : ia->second < ib->second ? 1 : 0;
  }
  return 0;
}

struct Order {
  int cmp = 0;             // < 0: a first
  std::string decided_by;  // "" when the averages differ or pass/fail decided
};

// The order of two dossiers of one topic: passing before failing, then the higher average, then
// the tie-breaks in order, then (nothing decided) the lower dossier id, marked "unresolved" so
// that the council can settle it.
Order Compare(const RuleSet& rules, const RankInput& a, const RankInput& b) {
  if (a.score.passed != b.score.passed) return {a.score.passed ? -1 : 1, ""};
  // Averages of whole points: equal rationals give equal doubles (division rounds correctly).
  if (a.score.average != b.score.average) return {a.score.average > b.score.average ? -1 : 1, ""};
  for (const auto& t : rules.tie_breaks)
    if (int c = CompareBy(t, a, b); c != 0) return {c, t};
  if (a.score.dossier_id == b.score.dossier_id) return {0, ""};
  return {a.score.dossier_id < b.score.dossier_id ? -1 : 1, "unresolved"};
}

}  // namespace

int MemberSheet::Total() const {
  int total = 0;
  for (const auto& [id, p] : points) total += p;
  return total;
}

Status CheckSheet(const ScoreSheet& sheet, const MemberSheet& s) {
  for (const auto& c : sheet.criteria) {
    auto it = s.points.find(c.id);
    const std::string max = std::to_string(c.max_points);
    if (it == s.points.end())
      return Status::Invalid(Message("selection.missing_score",
                                     {{"criterion", c.id}, {"label", c.label}, {"max", max}}));
    if (it->second < 0 || it->second > c.max_points)
      return Status::Invalid(Message("selection.bad_score", {{"criterion", c.id},
                                                             {"label", c.label},
                                                             {"value", std::to_string(it->second)},
                                                             {"max", max}}));
  }
  for (const auto& [id, p] : s.points) {
    bool known = std::any_of(sheet.criteria.begin(), sheet.criteria.end(),
                             [&](const Criterion& c) { return c.id == id; });
    if (!known)
      return Status::Invalid(
          Message("selection.unknown_criterion", {{"criterion", id}, {"sheet", sheet.id}}));
  }
  return Status::Ok();
}

DossierScore Evaluate(const RuleSet& rules, const ScoreSheet& sheet, int64_t dossier_id,
                      const std::vector<MemberSheet>& sheets) {
  DossierScore d;
  d.dossier_id = dossier_id;
  d.present = static_cast<int>(sheets.size());
  const int n = d.present;

  int64_t sum = 0;
  for (const auto& s : sheets) sum += s.Total();
  d.first_average = n > 0 ? static_cast<double>(sum) / n : 0;

  // Outlier rule: |total − sum/n| > outlier_points  ⇔  |n·total − sum| > n·outlier_points.
  std::vector<bool> kept(sheets.size(), true);
  if (rules.outlier_rule && n > 0 && n >= rules.outlier_min_members) {
    std::vector<int64_t> aside;
    for (size_t i = 0; i < sheets.size(); ++i) {
      double deviation = std::abs(static_cast<double>(int64_t{n} * sheets[i].Total() - sum));
      if (deviation > rules.outlier_points * n) aside.push_back(static_cast<int64_t>(i));
    }
    // If every sheet deviated there would be nothing left to average: keep them all.
    if (static_cast<int>(aside.size()) < n)
      for (int64_t i : aside) {
        kept[static_cast<size_t>(i)] = false;
        d.set_aside.push_back(sheets[static_cast<size_t>(i)].member_id);
      }
  }

  int64_t kept_sum = 0;
  int kept_n = 0;
  for (size_t i = 0; i < sheets.size(); ++i)
    if (kept[i]) {
      kept_sum += sheets[i].Total();
      ++kept_n;
    }
  d.average = kept_n > 0 ? static_cast<double>(kept_sum) / kept_n : 0;

  for (const auto& c : sheet.criteria) {
    int zeros = 0;
    int64_t points = 0;
    for (size_t i = 0; i < sheets.size(); ++i) {
      int p = PointsOf(sheets[i], c.id);
      if (p == 0) ++zeros;  // over every sheet present, set aside or not
      if (kept[i]) points += p;
    }
    d.zeros[c.id] = zeros;
    d.criterion_average[c.id] = kept_n > 0 ? static_cast<double>(points) / kept_n : 0;
  }

  // Pass rule 1: average ≥ pass_average, i.e. kept_sum ≥ pass_average · kept_n (exact for the
  // whole and half-point thresholds rule sets use). No sheet at all never passes.
  if (kept_n == 0 || static_cast<double>(kept_sum) < rules.pass_average * kept_n) {
    d.fail = Message("selection.fail_average",
                     {{"average", Fixed2(d.average)}, {"threshold", Fixed2(rules.pass_average)}});
    return d;
  }
  // Pass rule 2: no criterion scored 0 by more than num/den of the members present:
  // zeros/present ≤ num/den  ⇔  zeros·den ≤ present·num (3 of 9 passes, 4 of 9 and 3 of 8 fail).
  for (const auto& c : sheet.criteria) {
    int zeros = d.zeros[c.id];
    if (int64_t{zeros} * rules.zero_max_den > int64_t{n} * rules.zero_max_num) {
      d.fail = Message("selection.fail_zero", {{"criterion", c.id},
                                               {"label", c.label},
                                               {"zeros", std::to_string(zeros)},
                                               {"present", std::to_string(n)}});
      return d;
    }
  }
  d.passed = true;
  return d;
}

std::map<std::pair<int64_t, int64_t>, double> MemberZScores(
    const std::map<int64_t, std::vector<MemberSheet>>& sheets_by_dossier) {
  // Every total each member gave in this council, with the dossier it was for.
  std::map<int64_t, std::vector<std::pair<int64_t, int>>> by_member;
  for (const auto& [dossier, sheets] : sheets_by_dossier)
    for (const auto& s : sheets) by_member[s.member_id].emplace_back(dossier, s.Total());

  std::map<std::pair<int64_t, int64_t>, double> out;
  for (const auto& [member, totals] : by_member) {
    double mean = 0;
    for (const auto& [dossier, t] : totals) mean += t;
    mean /= static_cast<double>(totals.size());
    double var = 0;
    for (const auto& [dossier, t] : totals) var += (t - mean) * (t - mean);
    double sd = std::sqrt(var / static_cast<double>(totals.size()));  // population sd
    for (const auto& [dossier, t] : totals)
      // A member who gave every dossier the same total expresses no preference: z = 0.
      out[{member, dossier}] = sd > 0 ? (t - mean) / sd : 0.0;
  }
  return out;
}

std::vector<Ranked> RankAndCut(const RuleSet& rules, const std::vector<RankInput>& inputs,
                               int64_t budget_line_dong) {
  // Group by topic and order each topic.
  std::map<std::string, std::vector<const RankInput*>> topics;
  for (const auto& in : inputs) topics[in.topic].push_back(&in);
  for (auto& [topic, list] : topics)
    std::stable_sort(list.begin(), list.end(), [&](const RankInput* a, const RankInput* b) {
      return Compare(rules, *a, *b).cmp < 0;
    });

  // Topics are visited by their best passing dossier, compared as dossiers are (average, then
  // tie-breaks); topics without a passing dossier come last, by name.
  std::vector<const std::vector<const RankInput*>*> order;
  for (const auto& [topic, list] : topics) order.push_back(&list);
  std::stable_sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
    const RankInput &ta = *a->front(), &tb = *b->front();
    if (!ta.score.passed || !tb.score.passed) return ta.score.passed && !tb.score.passed;
    return Compare(rules, ta, tb).cmp < 0;
  });

  std::vector<Ranked> selected, failed;
  std::vector<std::pair<std::pair<size_t, size_t>, Ranked>> reserve;  // ((rank, topic #), …)
  // The budget line is a cut, not a packing: once a topic's winner does not fit, it and every
  // topic after it go to the reserve list, even if a cheaper one further down would still fit.
  bool line_reached = false;
  int64_t committed = 0;
  for (size_t t = 0; t < order.size(); ++t) {
    const auto& list = *order[t];
    for (size_t i = 0; i < list.size(); ++i) {
      const RankInput& in = *list[i];
      Ranked r;
      r.dossier_id = in.score.dossier_id;
      r.topic = in.topic;
      r.rank = static_cast<int>(i) + 1;
      if (i + 1 < list.size()) r.tie_break = Compare(rules, in, *list[i + 1]).decided_by;
      if (!in.score.passed) {
        r.outcome = "not_passed";
        failed.push_back(std::move(r));
        continue;
      }
      if (i == 0 && !line_reached) {
        bool fits = budget_line_dong <= 0 || (in.requested_dong <= budget_line_dong - committed);
        if (fits) {
          committed += in.requested_dong;
          r.outcome = "selected";
          selected.push_back(std::move(r));
          continue;
        }
        line_reached = true;
      }
      r.outcome = "reserve";
      reserve.emplace_back(std::make_pair(i, t), std::move(r));
    }
  }
  // The reserve list across topics: first every topic's best remaining dossier (the winners cut
  // by the budget line, then each selected topic's runner-up …), topics in visiting order.
  std::stable_sort(reserve.begin(), reserve.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<Ranked> out = std::move(selected);
  for (auto& [key, r] : reserve) out.push_back(std::move(r));
  out.insert(out.end(), failed.begin(), failed.end());
  return out;
}

}  // namespace ketnoi::selection
