#pragma once
// Conflicts of interest and reviewer assignment (DOMAIN.md §2 "Selection council").
//
// FindConflicts: from what the system knows about a would-be member and a dossier's parties —
// the member is an applicant, works for the host or a coordinating organisation, is a declared
// relative (of a kind the rule set lists) of the PI, the secretary or a key member, or sat on a
// task with one of them within the look-back years — plus the member's own declaration.
//
// Assign: an optimal assignment of experts to dossiers (each dossier gets exactly its number of
// reviewers, each expert at most their load limit, no conflicted pair, total affinity maximal),
// solved exactly as a min-cost flow. Affinity (expertise match) is computed by ExpertiseAffinity.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace ketnoi::selection {

struct Relative {
  int64_t person_id = 0;
  std::string kind;  // "spouse", "parent", "child", "sibling"
};

struct PastTask {
  int64_t task_id = 0;
  std::string code;
  int last_year = 0;             // the task's end year (or start year if no end)
  std::set<int64_t> person_ids;  // everyone who was on it (PI, secretary, members)
};

// What the system knows about a would-be council member.
struct MemberFacts {
  int64_t person_id = 0;
  std::set<int64_t> organisation_ids;  // current affiliation(s)
  std::vector<Relative> relatives;     // declared, in either direction
  std::vector<PastTask> tasks;         // tasks the member was on
  std::string declaration;             // the member's own declaration of a conflict ("" = none)
};

// The parties of a dossier (or a proposal).
struct DossierParties {
  std::set<int64_t> applicant_person_ids;  // who submitted it
  std::set<int64_t> organisation_ids;      // host and coordinating organisations
  std::set<int64_t> key_person_ids;        // PI, scientific secretary, key members
};

struct Conflict {
  // "applicant", "organisation", "relative", "co_member", "declared"
  std::string reason;
  Message message;  // "selection.conflict_<reason>" with the particulars, for people to read
};

// Every conflict found (empty = none), in this order, each reason's entries sorted by their
// particulars; message "selection.conflict_<reason>" with params:
//   applicant    {person}             the member is an applicant or one of the key persons
//   organisation {organisation}       one entry per shared organisation
//   relative     {person, kind}       kind must be in relation_kinds (exact match); the relative
//                                     is a key person or an applicant
//   co_member    {person, task, year} one entry per (task, key person); task = its code, or
//                                     "#<task_id>" without one; year = last_year
//   declared     {text}               the declaration, when not blank
// A shared task counts when last_year ≥ current_year − lookback_years (N = 5 in 2026: a task
// that ended in 2022, four years ago, conflicts; one that ended in 2021, exactly five years ago,
// still conflicts; one that ended in 2020, six years ago, does not). The member's own person id
// on a task is not a co-member.
std::vector<Conflict> FindConflicts(const MemberFacts& member, const DossierParties& parties,
                                    const std::vector<std::string>& relation_kinds,
                                    int current_year, int lookback_years);

// Expertise match in [0, 1]: 0.5 × field + 0.3 × keywords + 0.2 × past tasks, where
//   field    = the best match of an expert field code with the dossier's: common prefix of 5
//              digits 1.0, of 3 digits 0.7, of the top digit 0.4, else 0 ("302" vs "30218" 0.7);
//   keywords = |E ∩ D| / min(|E|, |D|) over distinct non-blank folded keywords (0 if one is empty);
//   past     = min(1, Σ field match of each past task's code / 2).
struct ExpertProfile {
  int64_t id = 0;
  std::vector<std::string> field_codes;
  std::vector<std::string> keywords;          // folded (text::Fold) by the caller
  std::vector<std::string> past_field_codes;  // field codes of past tasks
};
struct DossierProfile {
  int64_t id = 0;
  std::string field_code;
  std::vector<std::string> keywords;  // folded
};
double ExpertiseAffinity(const ExpertProfile& e, const DossierProfile& d);

struct AssignmentProblem {
  int dossiers = 0, experts = 0;
  std::vector<int> reviewers_needed;  // per dossier
  std::vector<int> capacity;          // per expert (load limit)
  // affinity[d][e] in [0, 1]; compared after rounding to 1/1000.
  std::vector<std::vector<double>> affinity;
  std::set<std::pair<int, int>> conflicts;  // (dossier index, expert index) never assigned
};

struct Assignment {
  std::vector<std::vector<int>> experts_of;  // per dossier, the expert indices (sorted)
  int64_t total_milli = 0;                   // Σ round(affinity × 1000) over assigned pairs
};

// The exact optimum (maximal total_milli; among equal optima the result is deterministic).
// Infeasible (some dossier cannot get its reviewers within the capacities and conflicts):
// "selection.assignment_infeasible" {dossier, assigned, needed} naming the first dossier (0-based
// index) that cannot have all its reviewers once every dossier before it has theirs; assigned is
// how many it can then get. Malformed problem (sizes, negative counts, non-finite affinity,
// conflict out of range): "selection.assignment_invalid" {field}.
Result<Assignment> Assign(const AssignmentProblem& problem);

}  // namespace ketnoi::selection
