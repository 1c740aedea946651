#include "registry/merge.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "audit/audit.h"
#include "registry/authority.h"
#include "store/change_log.h"
#include "store/in_transaction.h"
#include "text/text.h"

namespace ketnoi::registry {

namespace {

using store::Rows;

// Folded title syllables, in title order, each once.
std::vector<std::string> TitleWords(const std::string& title) {
  std::vector<std::string> out;
  for (const auto& t : text::Tokenize(text::Nfc(title)))
    if (std::find(out.begin(), out.end(), t.folded) == out.end()) out.push_back(t.folded);
  return out;
}

struct Prepared {
  CandidateTask task;
  std::vector<std::string> words;  // TitleWords
  std::string host_key, pi_key;
};

Prepared Prepare(const CandidateTask& t) {
  Prepared p{t, TitleWords(t.title), {}, {}};
  if (!t.host_name.empty()) p.host_key = authority::OrganisationNameKey(t.host_name);
  if (!t.pi_name.empty()) p.pi_key = authority::PersonNameKey(t.pi_name);
  return p;
}

CandidatePair Score(const Prepared& a, const Prepared& b) {
  CandidatePair pair;
  pair.a = std::min(a.task.id, b.task.id);
  pair.b = std::max(a.task.id, b.task.id);
  std::set<std::string> wb(b.words.begin(), b.words.end());
  for (const auto& w : a.words)
    if (wb.count(w)) pair.shared_words.push_back(w);
  size_t unite = a.words.size() + b.words.size() - pair.shared_words.size();
  pair.title_similarity =
      unite ? static_cast<double>(pair.shared_words.size()) / static_cast<double>(unite) : 0;
  // Year, host and PI count only when both sides know them: a source that leaves the host
  // empty is not evidence of a different study.
  pair.same_year = a.task.year && a.task.year == b.task.year;
  pair.same_host = !a.host_key.empty() && a.host_key == b.host_key;
  pair.same_pi = !a.pi_key.empty() && a.pi_key == b.pi_key;
  pair.score = 0.6 * pair.title_similarity + (pair.same_year ? 0.15 : 0) +
               (pair.same_host ? 0.15 : 0) + (pair.same_pi ? 0.10 : 0);
  return pair;
}

Status RequireReason(const std::string& reason) {
  if (text::CollapseSpaces(reason).empty())
    return Status::Invalid({"merge.reason_required", {{"field", "reason"}}});
  return Status::Ok();
}

Status AppendAudit(store::Db& db, const Clock& clock, const MergeActor& actor,
                   const std::string& action, int64_t merged_id, bool is_public,
                   std::vector<std::pair<std::string, std::string>> detail) {
  audit::AuditLog log(db, clock);
  audit::NewEntry entry;
  entry.actor_id = actor.user_id;
  entry.actor = actor.email;
  entry.action = action;
  entry.subject = "task:" + std::to_string(merged_id);
  entry.detail = std::move(detail);
  entry.address = actor.address;
  // As for record edits (web/records.cpp): a change to public records is a public decision,
  // named by the official's display name and without the client address.
  if (is_public) {
    entry.is_public = true;
    entry.actor = actor.name.empty() ? actor.email : actor.name;
    entry.address.clear();
  }
  return log.Append(entry).status();
}

std::string ScoreText(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return buf;
}

}  // namespace

CandidatePair ScorePair(const CandidateTask& a, const CandidateTask& b) {
  return Score(Prepare(a), Prepare(b));
}

Result<std::vector<CandidateGroup>> FindMergeCandidates(Registry& registry,
                                                        const CandidateOptions& options) {
  store::Db& db = registry.db();
  // One pass over the tasks not already merged. Reads titles and names only; for the demo's
  // 20,000 tasks this is a fraction of a second (a million-task registry would want the keys
  // kept in a table, see the report of issue 5).
  KETNOI_ASSIGN_OR_RETURN(
      Rows rows,
      db.Query("SELECT t.id, t.code, t.title, t.source, t.external_id, t.start_date, o.name, "
               "p.full_name, t.confidentiality FROM tasks t LEFT JOIN organisations o ON o.id = "
               "t.host_id LEFT JOIN people p ON p.id = t.pi_id WHERE t.merged_into IS NULL "
               "ORDER BY t.id"));
  std::vector<Prepared> tasks;
  tasks.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    CandidateTask t;
    t.id = rows.Int(i, 0);
    t.code = rows.Text(i, 1);
    t.title = rows.Text(i, 2);
    t.source = rows.Text(i, 3);
    t.external_id = rows.Text(i, 4);
    std::string start = rows.Text(i, 5);
    if (start.size() >= 4) t.year = std::atoi(start.substr(0, 4).c_str());
    t.host_name = rows.Text(i, 6);
    t.pi_name = rows.Text(i, 7);
    t.is_public = rows.Text(i, 8) == "public";
    tasks.push_back(Prepare(t));
  }
  // Pairs staff split: never proposed again.
  KETNOI_ASSIGN_OR_RETURN(
      Rows split, db.Query("SELECT kept_id, merged_id FROM merges WHERE entity = 'task' AND "
                           "undone_at IS NOT NULL"));
  std::set<std::pair<int64_t, int64_t>> was_split;
  for (size_t i = 0; i < split.size(); ++i) {
    int64_t x = split.Int(i, 0), y = split.Int(i, 1);
    was_split.insert({std::min(x, y), std::max(x, y)});
  }

  // Rarity of each title syllable.
  std::unordered_map<std::string, int64_t> df;
  for (const auto& t : tasks)
    for (const auto& w : t.words) ++df[w];
  // Blocking keys: every pair of a title's three rarest syllables. A re-typed title folds to
  // the same syllables, so it shares all three keys; one changed word still leaves a shared one.
  std::unordered_map<std::string, std::vector<size_t>> blocks;
  for (size_t i = 0; i < tasks.size(); ++i) {
    std::vector<std::string> rare = tasks[i].words;
    std::sort(rare.begin(), rare.end(), [&](const std::string& x, const std::string& y) {
      return df[x] != df[y] ? df[x] < df[y] : x < y;
    });
    if (rare.size() > 3) rare.resize(3);
    if (rare.size() == 1) blocks[rare[0]].push_back(i);
    for (size_t x = 0; x < rare.size(); ++x)
      for (size_t y = x + 1; y < rare.size(); ++y) {
        const auto& [lo, hi] = std::minmax(rare[x], rare[y]);
        blocks[lo + " " + hi].push_back(i);
      }
  }

  std::map<std::pair<int64_t, int64_t>, CandidatePair> pairs;
  for (const auto& [key, members] : blocks) {
    if (members.size() < 2 || members.size() > options.max_block) continue;
    for (size_t x = 0; x < members.size(); ++x)
      for (size_t y = x + 1; y < members.size(); ++y) {
        const Prepared& a = tasks[members[x]];
        const Prepared& b = tasks[members[y]];
        if (a.task.source == b.task.source) continue;  // within a source: the source's own matter
        std::pair<int64_t, int64_t> ids{std::min(a.task.id, b.task.id),
                                        std::max(a.task.id, b.task.id)};
        if (pairs.count(ids) || was_split.count(ids)) continue;
        CandidatePair p = Score(a, b);
        if (p.score < options.min_score || p.title_similarity < options.min_title_similarity)
          continue;
        pairs.emplace(ids, std::move(p));
      }
  }

  // Groups: connected components of the pairs.
  std::unordered_map<int64_t, int64_t> parent;
  std::function<int64_t(int64_t)> find = [&](int64_t x) -> int64_t {
    auto [it, added] = parent.emplace(x, x);
    int64_t up = it->second;
    if (added || up == x) return x;
    int64_t root = find(up);
    parent[x] = root;  // path compression (the lookup again: `it` may be stale after find)
    return root;
  };

  for (const auto& [ids, p] : pairs) {
    int64_t ra = find(ids.first), rb = find(ids.second);
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  }
  std::unordered_map<int64_t, size_t> by_id;
  for (size_t i = 0; i < tasks.size(); ++i) by_id[tasks[i].task.id] = i;
  std::map<int64_t, CandidateGroup> groups;
  for (const auto& [ids, p] : pairs) {
    CandidateGroup& g = groups[find(ids.first)];
    g.pairs.push_back(p);
    g.best_score = std::max(g.best_score, p.score);
  }
  std::vector<CandidateGroup> out;
  for (auto& [root, g] : groups) {
    std::set<int64_t> ids;
    for (const auto& p : g.pairs) ids.insert({p.a, p.b});
    for (int64_t id : ids) g.tasks.push_back(tasks[by_id[id]].task);
    std::stable_sort(g.pairs.begin(), g.pairs.end(),
                     [](const auto& x, const auto& y) { return x.score > y.score; });
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.best_score > y.best_score; });
  if (out.size() > options.max_groups) out.resize(options.max_groups);
  return out;
}

Result<int64_t> MergeTasks(Registry& registry, int64_t kept_id, int64_t merged_id,
                           const std::string& reason, double score, const MergeActor& actor) {
  KETNOI_RETURN_IF_ERROR(RequireReason(reason));
  if (kept_id == merged_id)
    return Status::Invalid({"merge.same_task", {{"id", std::to_string(kept_id)}}});
  store::Db& db = registry.db();
  const Clock& clock = registry.clock();
  return store::InTransaction(db, [&]() -> Result<int64_t> {
    // Lock both rows before checking them. SQLite's write transaction already serialises
    // writers; on PostgreSQL (read committed) a concurrent merge touching either task waits here
    // and the checks below then read what it committed, so no task is merged twice and no chain
    // (A into B while B goes into C) forms.
    KETNOI_RETURN_IF_ERROR(db.Exec("UPDATE tasks SET updated_at = updated_at WHERE id IN (?, ?)",
                                   {kept_id, merged_id}));
    KETNOI_ASSIGN_OR_RETURN(Task kept, registry.GetTask(kept_id));
    KETNOI_ASSIGN_OR_RETURN(Task merged, registry.GetTask(merged_id));
    for (const Task* t : {&kept, &merged})
      if (t->merged_into)
        return Status::Conflict(
            {"merge.already_merged",
             {{"id", std::to_string(t->id)}, {"kept", std::to_string(*t->merged_into)}}});
    KETNOI_ASSIGN_OR_RETURN(
        Rows keeps, db.Query("SELECT COUNT(*) FROM tasks WHERE merged_into = ?", {merged_id}));
    if (keeps.Int(0, 0) > 0)
      return Status::Conflict({"merge.has_merged", {{"id", std::to_string(merged_id)}}});
    std::string now = clock.NowText();
    std::string why = text::CollapseSpaces(reason);
    // updated_at moves so OAI-PMH harvesters see the record leave (its datestamp changes).
    KETNOI_RETURN_IF_ERROR(db.Exec("UPDATE tasks SET merged_into = ?, updated_at = ? WHERE id = ?",
                                   {kept_id, now, merged_id}));
    KETNOI_ASSIGN_OR_RETURN(
        int64_t merge_id,
        db.InsertReturningId("INSERT INTO merges (entity, kept_id, merged_id, reason, score, "
                             "merged_by, merged_at) VALUES ('task', ?, ?, ?, ?, ?, ?) RETURNING id",
                             {kept_id, merged_id, why, score, actor.email, now}));
    KETNOI_RETURN_IF_ERROR(store::AppendChange(db, "task", merged_id, "update", clock));
    KETNOI_RETURN_IF_ERROR(AppendAudit(db, clock, actor, "record.merge", merged_id,
                                       kept.IsPublic() && merged.confidentiality == "public",
                                       {{"merge", std::to_string(merge_id)},
                                        {"kept", "task:" + std::to_string(kept_id)},
                                        {"reason", why},
                                        {"score", ScoreText(score)}}));
    return merge_id;
  });
}

Status UndoMerge(Registry& registry, int64_t merge_id, const std::string& reason,
                 const MergeActor& actor) {
  KETNOI_RETURN_IF_ERROR(RequireReason(reason));
  store::Db& db = registry.db();
  const Clock& clock = registry.clock();
  return store::InTransaction(db, [&]() -> Status {
    // As in MergeTasks: the row is locked first, so two undos of one merge cannot both pass.
    KETNOI_RETURN_IF_ERROR(
        db.Exec("UPDATE merges SET undone_at = undone_at WHERE id = ?", {merge_id}));
    KETNOI_ASSIGN_OR_RETURN(
        Rows r, db.Query("SELECT entity, kept_id, merged_id, undone_at FROM merges WHERE id = ?",
                         {merge_id}));
    if (r.empty() || r.Text(0, 0) != "task")
      return Status::NotFound({"merge.not_found", {{"id", std::to_string(merge_id)}}});
    if (!r.Text(0, 3).empty())
      return Status::Conflict({"merge.already_undone", {{"id", std::to_string(merge_id)}}});
    int64_t kept_id = r.Int(0, 1), merged_id = r.Int(0, 2);
    std::string now = clock.NowText();
    std::string why = text::CollapseSpaces(reason);
    KETNOI_RETURN_IF_ERROR(
        db.Exec("UPDATE tasks SET merged_into = NULL, updated_at = ? WHERE id = ? AND "
                "merged_into = ?",
                {now, merged_id, kept_id}));
    KETNOI_RETURN_IF_ERROR(
        db.Exec("UPDATE merges SET undone_by = ?, undone_at = ?, undo_reason = ? WHERE id = ?",
                {actor.email, now, why, merge_id}));
    KETNOI_RETURN_IF_ERROR(store::AppendChange(db, "task", merged_id, "update", clock));
    auto kept = registry.GetTask(kept_id);
    auto merged = registry.GetTask(merged_id);
    bool is_public = kept.ok() && merged.ok() && kept->IsPublic() && merged->IsPublic();
    return AppendAudit(db, clock, actor, "record.unmerge", merged_id, is_public,
                       {{"merge", std::to_string(merge_id)},
                        {"kept", "task:" + std::to_string(kept_id)},
                        {"reason", why}});
  });
}

Result<std::vector<MergeRecord>> ListMerges(Registry& registry, int limit) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r,
      registry.db().Query(
          "SELECT m.id, m.entity, m.kept_id, m.merged_id, k.title, g.title, m.reason, m.score, "
          "m.merged_by, m.merged_at, m.undone_by, m.undone_at, m.undo_reason FROM merges m LEFT "
          "JOIN tasks k ON k.id = m.kept_id LEFT JOIN tasks g ON g.id = m.merged_id WHERE "
          "m.entity = 'task' ORDER BY m.id DESC LIMIT ?",
          {static_cast<int64_t>(limit)}));
  std::vector<MergeRecord> out;
  for (size_t i = 0; i < r.size(); ++i) {
    MergeRecord m;
    m.id = r.Int(i, 0);
    m.entity = r.Text(i, 1);
    m.kept_id = r.Int(i, 2);
    m.merged_id = r.Int(i, 3);
    m.kept_title = r.Text(i, 4);
    m.merged_title = r.Text(i, 5);
    m.reason = r.Text(i, 6);
    m.score = r.Real(i, 7);
    m.merged_by = r.Text(i, 8);
    m.merged_at = r.Text(i, 9);
    m.undone_by = r.Text(i, 10);
    m.undone_at = r.Text(i, 11);
    m.undo_reason = r.Text(i, 12);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ketnoi::registry
