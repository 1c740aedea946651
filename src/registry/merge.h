// merge — cross-source de-duplication of tasks, organisations and people (issue 5, item 6). The
// same study often arrives from two sources (the city's own records and a ministry or university
// harvest) with its title re-typed: without diacritics, in another case, a word changed.
// FindMergeCandidates proposes groups of such tasks; staff merge one into another with a reason,
// and can undo every merge.
//
// A merge never deletes or rewrites either record: the merged task only gets `merged_into`
// (the kept task's id), which takes it out of public pages, search, the duplicate check's public
// index and OAI-PMH (Task::IsPublic is false), and makes its page redirect to the kept one. Its
// provenance row and history stay as they were, so undoing the merge restores it exactly. Every
// merge and undo is a `merges` row and an audit entry written in the same transaction, with a
// change-log row so the search index follows.
//
// Library ketnoi_merge (registry + audit).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "registry/repo.h"

namespace ketnoi::registry {

// One task as the candidate screen shows it.
struct CandidateTask {
  int64_t id = 0;
  std::string code, title, source, external_id, host_name, pi_name;
  int year = 0;  // start year, 0 when unknown
  bool is_public = true;
};

// Why two tasks look like one study.
struct CandidatePair {
  int64_t a = 0, b = 0;  // task ids, a < b
  double score = 0;      // 0…1, see FindMergeCandidates
  double title_similarity = 0;
  std::vector<std::string> shared_words;  // folded title syllables both titles have
  bool same_year = false, same_host = false, same_pi = false;
};

// Tasks joined by candidate pairs (transitively), best pair first.
struct CandidateGroup {
  std::vector<CandidateTask> tasks;  // by id
  std::vector<CandidatePair> pairs;  // best first
  double best_score = 0;
};

struct CandidateOptions {
  double min_score = 0.7;             // a pair below this is not proposed
  double min_title_similarity = 0.5;  // nor one whose titles share less than this
  size_t max_block = 200;             // blocks bigger than this are too common to say anything
  size_t max_groups = 200;
};

// Candidate groups among tasks not already merged, each pair from two different sources.
// Blocking: every task gets keys made of pairs of its rarest folded title syllables (rarity
// counted over all tasks), so a re-typed title meets its original without comparing every pair.
// Scoring: 0.6 × title similarity (Jaccard of the folded syllable sets) + 0.15 same start year
// + 0.15 same host (organisation name key) + 0.10 same principal investigator (person name key).
// Pairs staff already split (an undone merge) are not proposed again.
Result<std::vector<CandidateGroup>> FindMergeCandidates(Registry& registry,
                                                        const CandidateOptions& options = {});

// The pair's score and reasons (the same scoring as FindMergeCandidates).
CandidatePair ScorePair(const CandidateTask& a, const CandidateTask& b);

struct MergeActor {
  int64_t user_id = 0;
  std::string email;    // kept in the merges table
  std::string name;     // shown in public audit entries
  std::string address;  // client address, kept in non-public audit entries
};

// Merges task `merged_id` into `kept_id`. Errors: merge.reason_required, merge.same_task,
// registry.not_found, merge.already_merged (either side is merged), merge.has_merged (the task
// to merge keeps others: undo those first, so no chain of redirects forms). Joins the caller's
// transaction or runs its own. Returns the merge id.
Result<int64_t> MergeTasks(Registry& registry, int64_t kept_id, int64_t merged_id,
                           const std::string& reason, double score, const MergeActor& actor);

// Undoes (splits) a merge of any entity: a merged task is public again as before; an
// organisation's or person's moved references move back (those still pointing at the kept
// record). Errors:
// merge.reason_required, merge.not_found, merge.already_undone.
Status UndoMerge(Registry& registry, int64_t merge_id, const std::string& reason,
                 const MergeActor& actor);

// Organisations and people (entity "organisation" or "person"). The same institute arrives
// from each source as its own record ("ĐH Bách khoa Hà Nội", "Trường Đại học Bách khoa Hà Nội"),
// the same scientist once per host that named them.
struct EntityCandidate {
  int64_t id = 0;
  std::string name, source, external_id;
  std::string detail;  // tax code / ROR of an organisation; ORCID and affiliation of a person
  int64_t tasks = 0;   // tasks it hosts or leads (how much a merge moves)
};
struct EntityPair {
  EntityCandidate a, b;  // a.id < b.id
  double score = 0;
  // Why, as message ids: merge.why_tax_code, merge.why_ror, merge.why_orcid, merge.why_name,
  // merge.why_affiliation.
  std::vector<std::string> reasons;
};
// Pairs not merged before nor split by staff, best first. Organisations: the same tax code or
// ROR id (1.0), else the same name key (authority::OrganisationNameKey, 0.8). People: the same
// ORCID iD (1.0), else the same name key (authority::PersonNameKey) at the same affiliation
// (0.85). Blocks of more than `max_block` records under one name key are skipped.
Result<std::vector<EntityPair>> FindEntityMergeCandidates(Registry& registry,
                                                          const std::string& entity,
                                                          size_t max_pairs = 200,
                                                          size_t max_block = 50);

// Merges organisation or person `merged_id` into `kept_id`: every reference moves to the kept
// record (organisation: tasks' host, people's affiliation, sub-units' parent; person: tasks' PI
// and members) and is written down in merge_moves; the merged record gets merged_into and its
// page redirects; each task touched goes through the change log, so search facets follow.
// Decisions already taken (selection records, program boards, accounts) keep the ids they
// were taken with. Errors as MergeTasks (merge.same_record, merge.already_merged_entity, …).
Result<int64_t> MergeEntities(Registry& registry, const std::string& entity, int64_t kept_id,
                              int64_t merged_id, const std::string& reason, double score,
                              const MergeActor& actor);

// The record an organisation or person was merged into (nullopt when it was not).
Result<std::optional<int64_t>> MergedInto(Registry& registry, const std::string& entity,
                                          int64_t id);

struct MergeRecord {
  int64_t id = 0;
  std::string entity;
  int64_t kept_id = 0, merged_id = 0;
  std::string kept_title, merged_title;
  std::string reason;
  double score = 0;
  std::string merged_by, merged_at, undone_by, undone_at, undo_reason;
  bool undone() const { return !undone_at.empty(); }
};

// Newest first; entity "task", "organisation" or "person" ("" for all). kept_title and
// merged_title hold the names of organisations and people.
Result<std::vector<MergeRecord>> ListMerges(Registry& registry, int limit,
                                            const std::string& entity = "");

}  // namespace ketnoi::registry
