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
                   const std::string& action, const std::string& subject, bool is_public,
                   std::vector<std::pair<std::string, std::string>> detail) {
  audit::AuditLog log(db, clock);
  audit::NewEntry entry;
  entry.actor_id = actor.user_id;
  entry.actor = actor.email;
  entry.action = action;
  entry.subject = subject;
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

// Where an organisation or a person is referred to by records a merge moves: table, column,
// and whether the rows are tasks (so the change log and OAI datestamps follow).
struct Reference {
  const char* table;
  const char* column;
};
const std::vector<Reference>& ReferencesTo(const std::string& entity) {
  static const std::vector<Reference> kOrganisation = {
      {"tasks", "host_id"}, {"people", "affiliation_id"}, {"organisations", "parent_id"}};
  static const std::vector<Reference> kPerson = {{"tasks", "pi_id"}, {"task_members", "person_id"}};
  return entity == "organisation" ? kOrganisation : kPerson;
}

const char* EntityTable(const std::string& entity) {
  return entity == "organisation" ? "organisations" : "people";
}

Status CheckEntity(const std::string& entity) {
  if (entity != "organisation" && entity != "person")
    return Status::Invalid({"web.bad_param", {{"name", "entity"}}});
  return Status::Ok();
}

// The tasks a set of moved rows belongs to, told to the change log (search documents carry the
// host's and PI's names and ids) with a new datestamp for OAI-PMH harvesters.
Status TouchTasks(store::Db& db, const Clock& clock, const std::set<int64_t>& tasks,
                  const std::string& now) {
  for (int64_t id : tasks) {
    KETNOI_RETURN_IF_ERROR(db.Exec("UPDATE tasks SET updated_at = ? WHERE id = ?", {now, id}));
    KETNOI_RETURN_IF_ERROR(store::AppendChange(db, "task", id, "update", clock));
  }
  return Status::Ok();
}

// Moves every reference to `from` over to `to`, writing each down under `merge_id` (undo reads
// them back the other way with `undo`). Returns the tasks touched.
Result<std::set<int64_t>> MoveReferences(store::Db& db, const std::string& entity, int64_t merge_id,
                                         int64_t from, int64_t to) {
  std::set<int64_t> tasks;
  for (const Reference& ref : ReferencesTo(entity)) {
    const std::string table = ref.table, column = ref.column;
    bool members = table == "task_members";
    std::string key = members ? "task_id, ord" : "id";
    std::string where = column + " = ?";
    store::Params params = {from};
    if (table == "organisations") {  // a sub-unit of the merged one that is the kept one
      where += " AND id <> ?";
      params.push_back(to);
    }
    KETNOI_ASSIGN_OR_RETURN(
        Rows rows, db.Query("SELECT " + key + " FROM " + table + " WHERE " + where, params));
    for (size_t i = 0; i < rows.size(); ++i) {
      std::string row_key = std::to_string(rows.Int(i, 0));
      if (members) row_key += ":" + std::to_string(rows.Int(i, 1));
      if (table == "tasks" || members) tasks.insert(rows.Int(i, 0));
      KETNOI_RETURN_IF_ERROR(
          db.Exec("INSERT INTO merge_moves (merge_id, tbl, col, row_key) VALUES (?, ?, ?, ?)",
                  {merge_id, table, column, row_key}));
    }
    params.insert(params.begin(), to);
    KETNOI_RETURN_IF_ERROR(
        db.Exec("UPDATE " + table + " SET " + column + " = ? WHERE " + where, params));
  }
  return tasks;
}

Status UndoEntityMerge(store::Db& db, const Clock& clock, const std::string& entity,
                       int64_t merge_id, int64_t kept_id, int64_t merged_id, const std::string& why,
                       const MergeActor& actor) {
  KETNOI_RETURN_IF_ERROR(CheckEntity(entity));
  std::string now = clock.NowText();
  KETNOI_ASSIGN_OR_RETURN(
      Rows moves,
      db.Query("SELECT tbl, col, row_key FROM merge_moves WHERE merge_id = ?", {merge_id}));
  std::set<int64_t> tasks;
  for (size_t i = 0; i < moves.size(); ++i) {
    const std::string table = moves.Text(i, 0), column = moves.Text(i, 1), key = moves.Text(i, 2);
    // Only names from the fixed list reach the SQL text.
    bool known = false;
    for (const Reference& ref : ReferencesTo(entity))
      known = known || (table == ref.table && column == ref.column);
    if (!known) continue;
    // A reference staff changed since (it no longer points at the kept record) stays as it is.
    if (table == "task_members") {
      size_t colon = key.find(':');
      int64_t task = std::stoll(key.substr(0, colon)), ord = std::stoll(key.substr(colon + 1));
      KETNOI_RETURN_IF_ERROR(
          db.Exec("UPDATE task_members SET person_id = ? WHERE task_id = ? AND "
                  "ord = ? AND person_id = ?",
                  {merged_id, task, ord, kept_id}));
      tasks.insert(task);
    } else {
      int64_t id = std::stoll(key);
      KETNOI_RETURN_IF_ERROR(
          db.Exec("UPDATE " + table + " SET " + column + " = ? WHERE id = ? AND " + column + " = ?",
                  {merged_id, id, kept_id}));
      if (table == "tasks") tasks.insert(id);
    }
  }
  KETNOI_RETURN_IF_ERROR(db.Exec(std::string("UPDATE ") + EntityTable(entity) +
                                     " SET merged_into = NULL, updated_at = ? WHERE id = ? AND "
                                     "merged_into = ?",
                                 {now, merged_id, kept_id}));
  KETNOI_RETURN_IF_ERROR(
      db.Exec("UPDATE merges SET undone_by = ?, undone_at = ?, undo_reason = ? WHERE id = ?",
              {actor.email, now, why, merge_id}));
  KETNOI_RETURN_IF_ERROR(TouchTasks(db, clock, tasks, now));
  return AppendAudit(db, clock, actor, "record.unmerge", entity + ":" + std::to_string(merged_id),
                     true,
                     {{"merge", std::to_string(merge_id)},
                      {"kept", entity + ":" + std::to_string(kept_id)},
                      {"reason", why}});
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
    KETNOI_RETURN_IF_ERROR(AppendAudit(db, clock, actor, "record.merge",
                                       "task:" + std::to_string(merged_id),
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
    if (r.empty()) return Status::NotFound({"merge.not_found", {{"id", std::to_string(merge_id)}}});
    if (!r.Text(0, 3).empty())
      return Status::Conflict({"merge.already_undone", {{"id", std::to_string(merge_id)}}});
    int64_t kept_id = r.Int(0, 1), merged_id = r.Int(0, 2);
    std::string now = clock.NowText();
    std::string why = text::CollapseSpaces(reason);
    if (r.Text(0, 0) != "task")
      return UndoEntityMerge(db, clock, r.Text(0, 0), merge_id, kept_id, merged_id, why, actor);
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
    return AppendAudit(db, clock, actor, "record.unmerge", "task:" + std::to_string(merged_id),
                       is_public,
                       {{"merge", std::to_string(merge_id)},
                        {"kept", "task:" + std::to_string(kept_id)},
                        {"reason", why}});
  });
}

Result<std::vector<MergeRecord>> ListMerges(Registry& registry, int limit,
                                            const std::string& entity) {
  std::string sql =
      "SELECT m.id, m.entity, m.kept_id, m.merged_id, COALESCE(k.title, ko.name, kp.full_name), "
      "COALESCE(g.title, go.name, gp.full_name), m.reason, m.score, m.merged_by, m.merged_at, "
      "m.undone_by, m.undone_at, m.undo_reason FROM merges m "
      "LEFT JOIN tasks k ON m.entity = 'task' AND k.id = m.kept_id "
      "LEFT JOIN tasks g ON m.entity = 'task' AND g.id = m.merged_id "
      "LEFT JOIN organisations ko ON m.entity = 'organisation' AND ko.id = m.kept_id "
      "LEFT JOIN organisations go ON m.entity = 'organisation' AND go.id = m.merged_id "
      "LEFT JOIN people kp ON m.entity = 'person' AND kp.id = m.kept_id "
      "LEFT JOIN people gp ON m.entity = 'person' AND gp.id = m.merged_id ";
  store::Params params;
  if (!entity.empty()) {
    sql += "WHERE m.entity = ? ";
    params.push_back(entity);
  }
  sql += "ORDER BY m.id DESC LIMIT ?";
  params.push_back(static_cast<int64_t>(limit));
  KETNOI_ASSIGN_OR_RETURN(Rows r, registry.db().Query(sql, params));
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

Result<std::optional<int64_t>> MergedInto(Registry& registry, const std::string& entity,
                                          int64_t id) {
  KETNOI_RETURN_IF_ERROR(CheckEntity(entity));
  KETNOI_ASSIGN_OR_RETURN(Rows r, registry.db().Query(std::string("SELECT merged_into FROM ") +
                                                          EntityTable(entity) + " WHERE id = ?",
                                                      {id}));
  if (r.empty() || r.IsNull(0, 0)) return std::optional<int64_t>();
  return std::optional<int64_t>(r.Int(0, 0));
}

Result<std::vector<EntityPair>> FindEntityMergeCandidates(Registry& registry,
                                                          const std::string& entity,
                                                          size_t max_pairs, size_t max_block) {
  KETNOI_RETURN_IF_ERROR(CheckEntity(entity));
  store::Db& db = registry.db();
  const bool org = entity == "organisation";
  KETNOI_ASSIGN_OR_RETURN(
      Rows rows,
      db.Query(org ? "SELECT o.id, o.name, o.source, o.external_id, o.tax_code, o.ror_id, "
                     "(SELECT COUNT(*) FROM tasks t WHERE t.host_id = o.id) FROM organisations o "
                     "WHERE o.merged_into IS NULL ORDER BY o.id"
                   : "SELECT p.id, p.full_name, p.source, p.external_id, p.orcid, o.name, "
                     "(SELECT COUNT(*) FROM tasks t WHERE t.pi_id = p.id) FROM people p LEFT JOIN "
                     "organisations o ON o.id = p.affiliation_id WHERE p.merged_into IS NULL "
                     "ORDER BY p.id"));
  KETNOI_ASSIGN_OR_RETURN(
      Rows split_rows,
      db.Query("SELECT kept_id, merged_id FROM merges WHERE entity = ? AND undone_at IS NOT NULL",
               {entity}));
  std::set<std::pair<int64_t, int64_t>> split;
  for (size_t i = 0; i < split_rows.size(); ++i) {
    int64_t a = split_rows.Int(i, 0), b = split_rows.Int(i, 1);
    split.insert({std::min(a, b), std::max(a, b)});
  }
  std::vector<EntityCandidate> records;
  // block key → records; the key's kind decides the score and the reason.
  struct Block {
    double score;
    std::vector<std::string> reasons;
    std::vector<size_t> members;
  };
  std::map<std::string, Block> blocks;
  auto add = [&](const std::string& key, double score, std::vector<std::string> reasons, size_t i) {
    auto [it, fresh] = blocks.try_emplace(key, Block{score, std::move(reasons), {}});
    it->second.members.push_back(i);
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    EntityCandidate c;
    c.id = rows.Int(i, 0);
    c.name = rows.Text(i, 1);
    c.source = rows.Text(i, 2);
    c.external_id = rows.Text(i, 3);
    c.tasks = rows.Int(i, 6);
    std::string id1 = rows.IsNull(i, 4) ? "" : rows.Text(i, 4);
    std::string id2 = rows.IsNull(i, 5) ? "" : rows.Text(i, 5);
    if (org) {
      c.detail = id1.empty() ? id2 : id2.empty() ? id1 : id1 + " · " + id2;
      if (!id1.empty()) add("tax:" + id1, 1.0, {"merge.why_tax_code"}, records.size());
      if (!id2.empty()) add("ror:" + id2, 1.0, {"merge.why_ror"}, records.size());
      std::string key = authority::OrganisationNameKey(c.name);
      if (!key.empty()) add("name:" + key, 0.8, {"merge.why_name"}, records.size());
    } else {
      c.detail = id1.empty() ? id2 : id2.empty() ? "ORCID " + id1 : "ORCID " + id1 + " · " + id2;
      if (!id1.empty()) add("orcid:" + id1, 1.0, {"merge.why_orcid"}, records.size());
      std::string key = authority::PersonNameKey(c.name);
      std::string affiliation = id2.empty() ? "" : authority::OrganisationNameKey(id2);
      if (!key.empty() && !affiliation.empty())
        add("name:" + key + "|" + affiliation, 0.85, {"merge.why_name", "merge.why_affiliation"},
            records.size());
    }
    records.push_back(std::move(c));
  }
  std::map<std::pair<size_t, size_t>, EntityPair> pairs;
  for (const auto& [key, block] : blocks) {
    if (block.members.size() < 2 || block.members.size() > max_block) continue;
    for (size_t x = 0; x < block.members.size(); ++x)
      for (size_t y = x + 1; y < block.members.size(); ++y) {
        size_t i = block.members[x], j = block.members[y];
        const EntityCandidate &a = records[i], &b = records[j];
        if (split.count({std::min(a.id, b.id), std::max(a.id, b.id)})) continue;
        EntityPair& p = pairs[{std::min(i, j), std::max(i, j)}];
        if (p.a.id == 0) {
          p.a = a.id < b.id ? a : b;
          p.b = a.id < b.id ? b : a;
        }
        p.score = std::max(p.score, block.score);
        for (const auto& r : block.reasons)
          if (std::find(p.reasons.begin(), p.reasons.end(), r) == p.reasons.end())
            p.reasons.push_back(r);
      }
  }
  std::vector<EntityPair> out;
  // Reasons strongest first: identifiers, then names.
  const std::vector<std::string> order = {"merge.why_tax_code", "merge.why_ror", "merge.why_orcid",
                                          "merge.why_name", "merge.why_affiliation"};
  auto rank = [&](const std::string& r) { return std::find(order.begin(), order.end(), r); };
  for (auto& [_, p] : pairs) {
    std::sort(p.reasons.begin(), p.reasons.end(),
              [&](const std::string& x, const std::string& y) { return rank(x) < rank(y); });
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const EntityPair& x, const EntityPair& y) {
    return x.score != y.score ? x.score > y.score : x.a.id < y.a.id;
  });
  if (out.size() > max_pairs) out.resize(max_pairs);
  return out;
}

Result<int64_t> MergeEntities(Registry& registry, const std::string& entity, int64_t kept_id,
                              int64_t merged_id, const std::string& reason, double score,
                              const MergeActor& actor) {
  KETNOI_RETURN_IF_ERROR(CheckEntity(entity));
  KETNOI_RETURN_IF_ERROR(RequireReason(reason));
  if (kept_id == merged_id)
    return Status::Invalid({"merge.same_record", {{"id", std::to_string(kept_id)}}});
  store::Db& db = registry.db();
  const Clock& clock = registry.clock();
  const std::string table = EntityTable(entity);
  return store::InTransaction(db, [&]() -> Result<int64_t> {
    // Both rows locked before the checks, as in MergeTasks.
    KETNOI_RETURN_IF_ERROR(
        db.Exec("UPDATE " + table + " SET updated_at = updated_at WHERE id IN (?, ?)",
                {kept_id, merged_id}));
    for (int64_t id : {kept_id, merged_id}) {
      KETNOI_ASSIGN_OR_RETURN(Rows r,
                              db.Query("SELECT merged_into FROM " + table + " WHERE id = ?", {id}));
      if (r.empty())
        return Status::NotFound(
            {"registry.not_found", {{"entity", entity}, {"id", std::to_string(id)}}});
      if (!r.IsNull(0, 0))
        return Status::Conflict(
            {"merge.already_merged_record",
             {{"id", std::to_string(id)}, {"kept", std::to_string(r.Int(0, 0))}}});
    }
    KETNOI_ASSIGN_OR_RETURN(
        Rows keeps,
        db.Query("SELECT COUNT(*) FROM " + table + " WHERE merged_into = ?", {merged_id}));
    if (keeps.Int(0, 0) > 0)
      return Status::Conflict({"merge.has_merged_record", {{"id", std::to_string(merged_id)}}});
    std::string now = clock.NowText();
    std::string why = text::CollapseSpaces(reason);
    KETNOI_ASSIGN_OR_RETURN(
        int64_t merge_id,
        db.InsertReturningId("INSERT INTO merges (entity, kept_id, merged_id, reason, score, "
                             "merged_by, merged_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             {entity, kept_id, merged_id, why, score, actor.email, now}));
    KETNOI_ASSIGN_OR_RETURN(std::set<int64_t> tasks,
                            MoveReferences(db, entity, merge_id, merged_id, kept_id));
    KETNOI_RETURN_IF_ERROR(
        db.Exec("UPDATE " + table + " SET merged_into = ?, updated_at = ? WHERE id = ?",
                {kept_id, now, merged_id}));
    KETNOI_RETURN_IF_ERROR(TouchTasks(db, clock, tasks, now));
    KETNOI_RETURN_IF_ERROR(AppendAudit(db, clock, actor, "record.merge",
                                       entity + ":" + std::to_string(merged_id), true,
                                       {{"merge", std::to_string(merge_id)},
                                        {"kept", entity + ":" + std::to_string(kept_id)},
                                        {"moved_tasks", std::to_string(tasks.size())},
                                        {"reason", why},
                                        {"score", ScoreText(score)}}));
    return merge_id;
  });
}

}  // namespace ketnoi::registry
