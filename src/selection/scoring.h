#pragma once
// Scoring a council's sheets under a rule set (DOMAIN.md §2 "Selection council"): averages, the
// outlier rule, the pass rule, per-member z-scores as a view beside the raw scores, ranking with
// the rule set's tie-breaks, and the cut at the budget line with a reserve list. Raw scores are
// inputs only; nothing here changes them. Pure functions: the workflow stores the inputs and
// the results (with the rule-set version) and prints them in the minutes.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "selection/rules.h"

namespace ketnoi::selection {

// One member's sheet for one dossier. An absent member has no sheet at all (the caller passes
// only the sheets of members present), so "members present" = sheets given.
struct MemberSheet {
  int64_t member_id = 0;
  std::map<std::string, int> points;  // criterion id → points (0..max)
  int Total() const;
};

// Validates one sheet against the sheet definition: every criterion present, 0 ≤ points ≤ max,
// no unknown criterion. Errors: "selection.bad_score" {criterion, value, max}.
Status CheckSheet(const ScoreSheet& sheet, const MemberSheet& s);

struct DossierScore {
  int64_t dossier_id = 0;
  int present = 0;                 // sheets counted
  double first_average = 0;        // average total over every sheet
  std::vector<int64_t> set_aside;  // members whose totals the outlier rule set aside
  double average = 0;              // the final average (after the outlier rule)
  // Per criterion: how many members scored it 0, and its average (over the sheets kept).
  std::map<std::string, int> zeros;
  std::map<std::string, double> criterion_average;
  bool passed = false;
  // Why it failed: "" when passed, "selection.fail_average" {average, threshold} or
  // "selection.fail_zero" {criterion, zeros, present} (the first failing criterion in sheet order).
  Message fail;
};

// Applies the rule set to one dossier's sheets (all already checked with CheckSheet).
// Outlier rule (when enabled and present ≥ outlier_min_members): totals with
// |total − first_average| > outlier_points are set aside and the average is recomputed from the
// rest (if every sheet would be set aside, none is). Pass rule: average ≥ pass_average and for
// every criterion zeros * zero_max_den ≤ present * zero_max_num. Zeros are counted over all
// sheets present (a zero is a member's judgement even when their total was set aside).
DossierScore Evaluate(const RuleSet& rules, const ScoreSheet& sheet, int64_t dossier_id,
                      const std::vector<MemberSheet>& sheets);

// The per-member normalised view: for each member, the z-score of each of their totals among
// all the totals that member gave in this council ((x − mean) / population sd; 0 when sd = 0).
// Key: (member_id, dossier_id).
std::map<std::pair<int64_t, int64_t>, double> MemberZScores(
    const std::map<int64_t, std::vector<MemberSheet>>& sheets_by_dossier);

struct RankInput {
  DossierScore score;
  int64_t requested_dong = 0;  // the budget the dossier asks (after appraisal, if any)
  std::string topic;           // dossiers competing for the same title share a topic
  std::string submitted_at;    // ISO timestamp, for "earlier_submission"
};

struct Ranked {
  int64_t dossier_id = 0;
  std::string topic;
  int rank = 0;           // 1-based within its topic; failing dossiers are ranked after passing
  std::string outcome;    // "selected", "reserve", "not_passed"
  std::string tie_break;  // the tie-break that decided against the next one, "" if none needed
};

// Ranks the dossiers of each topic: passing ones by average (higher first), ties broken by the
// rule set's tie_breaks in order; then failing ones by average. Per topic the first passing
// dossier is "selected" while the running total of selected budgets stays within
// `budget_line_dong` (0 = no budget line); every other passing dossier is "reserve" (in rank
// order across topics), failing ones "not_passed". Topics are visited by their best average.
std::vector<Ranked> RankAndCut(const RuleSet& rules, const std::vector<RankInput>& inputs,
                               int64_t budget_line_dong);

}  // namespace ketnoi::selection
