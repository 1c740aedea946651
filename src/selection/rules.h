// selection — ordering and competitive selection of S&T tasks (DOMAIN.md §0–§3): rule sets,
// scoring, conflicts of interest, reviewer assignment (this pure part depends on core only) and
// the workflow on the store (workflow.h: programs and boards, proposals, calls, dossiers,
// councils, scores, contracts, the task state machine).
//
// rules.h: a rule set is data, not code. It is named (code), versioned, tied to a legal basis and
// an effective date, chosen per call, and frozen once a call has used it: a change makes a new
// version, and every decision stores the version it was made under. Three ship with Ketnoi as
// JSON in src/selection/rulesets/ (TT 08/2017, TT 20/2023, Law 93/2025 grant/order); staff may
// add versions. Values DOMAIN.md marks "(verify)" are listed in `unverified` so the rule-set page
// can say so.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded.h"
#include "core/status.h"

namespace ketnoi::selection {

struct Criterion {
  std::string id;        // "overview", stable within a sheet
  std::string label;     // Vietnamese label as printed on the sheet
  int max_points = 0;    // the sheet's maxima add up to 100
  std::string guidance;  // what earns the points (shown to council members)
};

// A score sheet for some task kinds ("de_tai", "du_an_sxtn", "de_an", "du_an_khcn", or "*").
struct ScoreSheet {
  std::string id;  // "de_tai_ung_dung"
  std::string title;
  std::vector<std::string> kinds;
  std::vector<Criterion> criteria;
  int MaxTotal() const;
};

// A seat on a council: "chair", "vice_chair", "secretary", "reviewer", "member".
struct Seat {
  std::string role;
  int min = 0, max = 0;
};

struct RuleSet {
  std::string code;  // "tt08-2017"; with `version` it names the rule set
  int version = 1;
  std::string name;         // Vietnamese, e.g. "Tuyển chọn, giao trực tiếp theo TT 08/2017"
  std::string legal_basis;  // "Thông tư 08/2017/TT-BKHCN; QĐ 05/2021/QĐ-UBND"
  std::string effective_from;  // YYYY-MM-DD
  std::string effective_to;    // "" while in force
  // Which forms of task it governs: "selection", "direct", "grant", "order" (Law 93/2025 terms).
  std::vector<std::string> methods;

  // Council.
  int council_min = 7, council_max = 9;
  std::vector<Seat> seats;  // e.g. chair 1–1, vice_chair 0–1, secretary 1–1, reviewer 2–2, member …
  // Identification council (hội đồng tư vấn xác định) criteria for proposals.
  std::vector<Criterion> identification_criteria;

  // Conflicts of interest.
  int conflict_lookback_years = 5;              // co-membership in a task within N years conflicts
  std::vector<std::string> conflict_relations;  // "spouse", "parent", "child", "sibling"

  // Score sheets (at least one) and the rules applied to them.
  std::vector<ScoreSheet> sheets;
  double pass_average = 70;  // average total ≥ this (out of 100)
  // No criterion may be scored 0 by more than zero_max_num/zero_max_den of the members present.
  int zero_max_num = 1, zero_max_den = 3;
  bool outlier_rule = true;     // set aside totals further than outlier_points from the first avg
  double outlier_points = 20;   // strictly more than this deviates
  int outlier_min_members = 5;  // the rule applies only with at least this many scores
  // Tie-breaks, in order, after the average: "fewer_outliers", "criterion:<id>" (higher score on
  // that criterion's average), "earlier_submission".
  std::vector<std::string> tie_breaks;

  // Deadlines (calendar days).
  int submission_days_min = 30;  // a call stays open at least this long
  int opening_within_days = 5;   // dossiers are opened publicly within N days of the deadline
  int council_within_days = 15;  // the council meets within N days of the opening

  std::vector<std::string> unverified;  // keys of values DOMAIN.md marks (verify)

  std::string Name() const { return code + "@v" + std::to_string(version); }  // "tt08-2017@v1"
  const ScoreSheet* SheetFor(
      std::string_view kind) const;  // the first sheet listing the kind, else "*"
  const ScoreSheet* FindSheet(std::string_view id) const;
};

// Reads a rule set from JSON (the shape of src/selection/rulesets/*.json). Errors name the
// field and why ("selection.bad_rule_set" with field and reason), never crash on bad input.
// Checks: every required key, sheet maxima adding up to 100, criterion ids unique, 0 <
// pass_average ≤ 100, 0 < zero_max_num ≤ zero_max_den, seats within council_min..council_max.
Result<RuleSet> ParseRuleSet(std::string_view json);
// The canonical JSON of a rule set (stable key order; ParseRuleSet(ToJson(r)) == r).
std::string ToJson(const RuleSet& rules);
// The rule sets shipped with Ketnoi (parsed from the embedded files; a bad file is a bug).
std::vector<RuleSet> ShippedRuleSets();

}  // namespace ketnoi::selection

namespace ketnoi {
// src/selection/rulesets/*.json, embedded at build time.
const std::vector<EmbeddedFile>& ShippedRuleSetFiles();
}  // namespace ketnoi
