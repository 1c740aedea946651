#include "registry/repo.h"

#include <unordered_map>

#include "store/change_log.h"
#include "store/in_transaction.h"

namespace ketnoi::registry {

using store::Params;
using store::Rows;
using store::TextOrNull;
using store::Value;

namespace {

std::string JoinKeywords(const std::vector<std::string>& k) {
  std::string out;
  for (const auto& s : k) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::vector<std::string> SplitKeywords(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    std::string part = s.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(std::move(part));
    start = end + 1;
  }
  return out;
}

Value DateValue(const std::optional<Date>& d) { return d ? Value(d->Iso()) : Value(); }

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ",?" : "?";
  return out;
}

constexpr std::string_view kTaskColumns =
    "id, code, title, kind, level, field_code, program_id, host_id, pi_id, start_date, end_date, "
    "budget_state, budget_other, objectives, content, abstract, keywords, status, result_summary, "
    "archive_no, applied_at, confidentiality, source, external_id, created_at, updated_at, "
    "merged_into";

Task TaskFromRow(const Rows& r, size_t i) {
  Task t;
  size_t c = 0;
  t.id = r.Int(i, c++);
  t.code = r.Text(i, c++);
  t.title = r.Text(i, c++);
  t.kind = r.Text(i, c++);
  t.level = r.Text(i, c++);
  t.field_code = r.Text(i, c++);
  t.program_id = r.OptInt(i, c++);
  t.host_id = r.OptInt(i, c++);
  t.pi_id = r.OptInt(i, c++);
  t.start = ParseDate(r.Text(i, c++));
  t.end = ParseDate(r.Text(i, c++));
  t.budget_state = Money{r.Int(i, c++)};
  t.budget_other = Money{r.Int(i, c++)};
  t.objectives = r.Text(i, c++);
  t.content = r.Text(i, c++);
  t.abstract = r.Text(i, c++);
  t.keywords = SplitKeywords(r.Text(i, c++));
  t.status = r.Text(i, c++);
  t.result_summary = r.Text(i, c++);
  t.archive_no = r.Text(i, c++);
  t.applied_at = r.Text(i, c++);
  t.confidentiality = r.Text(i, c++);
  t.source = r.Text(i, c++);
  t.external_id = r.Text(i, c++);
  t.created_at = r.Text(i, c++);
  t.updated_at = r.Text(i, c++);
  t.merged_into = r.OptInt(i, c++);
  return t;
}

// Column values of a task in kTaskColumns order, without id, created_at, updated_at.
Params TaskValues(const Task& t) {
  return {TextOrNull(t.code),
          t.title,
          t.kind,
          t.level,
          TextOrNull(t.field_code),
          store::Opt(t.program_id),
          store::Opt(t.host_id),
          store::Opt(t.pi_id),
          DateValue(t.start),
          DateValue(t.end),
          t.budget_state.dong,
          t.budget_other.dong,
          TextOrNull(t.objectives),
          TextOrNull(t.content),
          TextOrNull(t.abstract),
          TextOrNull(JoinKeywords(t.keywords)),
          t.status,
          TextOrNull(t.result_summary),
          TextOrNull(t.archive_no),
          TextOrNull(t.applied_at),
          t.confidentiality,
          t.source,
          t.external_id};
}

}  // namespace

Status Registry::SeedReferenceData() {
  return store::InTransaction(db_, [&]() -> Status {
    for (const Field& f : FieldClassification()) {
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "INSERT INTO fields (code, parent_code, depth, name_vi, name_en) VALUES (?, ?, ?, ?, ?) "
          "ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en",
          {std::string(f.code), f.parent.empty() ? Value() : Value(std::string(f.parent)),
           static_cast<int64_t>(f.code.size() == 1   ? 1
                                : f.code.size() == 3 ? 2
                                                     : 3),
           std::string(f.name_vi), std::string(f.name_en)}));
    }
    return Status::Ok();
  });
}

Status Registry::EnsureField(const std::string& code) {
  if (code.size() != 5 || FindField(code)) return Status::Ok();
  // A 5-digit code outside the shipped selection: record it under its 3-digit parent.
  return db_.Exec(
      "INSERT INTO fields (code, parent_code, depth, name_vi, name_en) VALUES (?, ?, 3, ?, ?) "
      "ON CONFLICT (code) DO NOTHING",
      {code, code.substr(0, 3), code, code});
}

Status Registry::CheckReference(std::string_view table, std::string_view entity, const char* field,
                                const std::optional<int64_t>& id) {
  if (!id) return Status::Ok();
  KETNOI_ASSIGN_OR_RETURN(
      Rows rows, db_.Query("SELECT 1 FROM " + std::string(table) + " WHERE id = ?", {*id}));
  if (rows.empty())
    return Status::Invalid(
        {"registry.bad_reference",
         {{"field", field}, {"entity", std::string(entity)}, {"id", std::to_string(*id)}}});
  return Status::Ok();
}

Result<std::optional<int64_t>> Registry::FindId(std::string_view table, std::string_view source,
                                                std::string_view external_id) {
  KETNOI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT id FROM " + std::string(table) +
                                                   " WHERE source = ? AND external_id = ?",
                                               {std::string(source), std::string(external_id)}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.Int(0, 0));
}

Result<Saved> Registry::Upsert(Organisation o) {
  KETNOI_RETURN_IF_ERROR(NormaliseAndValidate(o));
  return store::InTransaction(db_, [&]() -> Result<Saved> {
    KETNOI_RETURN_IF_ERROR(
        CheckReference("organisations", "organisation", "parent_id", o.parent_id));
    KETNOI_ASSIGN_OR_RETURN(auto existing, FindId("organisations", o.source, o.external_id));
    std::string now = clock_.NowText();
    Params values = {o.name,
                     TextOrNull(o.short_name),
                     TextOrNull(o.name_en),
                     o.type,
                     store::Opt(o.parent_id),
                     TextOrNull(o.parent_body),
                     TextOrNull(o.ror_id),
                     TextOrNull(o.tax_code),
                     TextOrNull(o.district),
                     TextOrNull(o.address),
                     TextOrNull(o.website)};
    Saved saved;
    if (existing) {
      KETNOI_ASSIGN_OR_RETURN(Organisation old, GetOrganisation(*existing));
      saved.id = *existing;
      if (old.name == o.name && old.short_name == o.short_name && old.name_en == o.name_en &&
          old.type == o.type && old.parent_id == o.parent_id && old.parent_body == o.parent_body &&
          old.ror_id == o.ror_id && old.tax_code == o.tax_code && old.district == o.district &&
          old.address == o.address && old.website == o.website) {
        saved.outcome = Outcome::kUnchanged;
        return saved;
      }
      values.push_back(now);
      values.push_back(*existing);
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "UPDATE organisations SET name = ?, short_name = ?, name_en = ?, type = ?, parent_id = "
          "?, "
          "parent_body = ?, ror_id = ?, tax_code = ?, district = ?, address = ?, website = ?, "
          "updated_at = ? WHERE id = ?",
          values));
      saved.outcome = Outcome::kChanged;
    } else {
      values.insert(values.end(), {o.source, o.external_id, now, now});
      KETNOI_ASSIGN_OR_RETURN(
          saved.id,
          db_.InsertReturningId(
              "INSERT INTO organisations (name, short_name, name_en, type, parent_id, parent_body, "
              "ror_id, tax_code, district, address, website, source, external_id, created_at, "
              "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              values));
      saved.outcome = Outcome::kAdded;
    }
    KETNOI_RETURN_IF_ERROR(
        store::AppendChange(db_, "organisation", saved.id,
                            saved.outcome == Outcome::kAdded ? "insert" : "update", clock_));
    return saved;
  });
}

Result<Saved> Registry::Upsert(Person p) {
  KETNOI_RETURN_IF_ERROR(NormaliseAndValidate(p));
  return store::InTransaction(db_, [&]() -> Result<Saved> {
    KETNOI_RETURN_IF_ERROR(
        CheckReference("organisations", "organisation", "affiliation_id", p.affiliation_id));
    for (const auto& f : p.field_codes) KETNOI_RETURN_IF_ERROR(EnsureField(f));
    KETNOI_ASSIGN_OR_RETURN(auto existing, FindId("people", p.source, p.external_id));
    std::string now = clock_.NowText();
    Params values = {p.full_name,          TextOrNull(p.academic_title),
                     TextOrNull(p.degree), store::Opt(p.affiliation_id),
                     TextOrNull(p.orcid),  TextOrNull(p.email)};
    Saved saved;
    if (existing) {
      KETNOI_ASSIGN_OR_RETURN(Person old, GetPerson(*existing));
      saved.id = *existing;
      if (old.full_name == p.full_name && old.academic_title == p.academic_title &&
          old.degree == p.degree && old.affiliation_id == p.affiliation_id &&
          old.orcid == p.orcid && old.email == p.email && old.field_codes == p.field_codes) {
        saved.outcome = Outcome::kUnchanged;
        return saved;
      }
      values.push_back(now);
      values.push_back(*existing);
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "UPDATE people SET full_name = ?, academic_title = ?, degree = ?, affiliation_id = ?, "
          "orcid = ?, email = ?, updated_at = ? WHERE id = ?",
          values));
      KETNOI_RETURN_IF_ERROR(db_.Exec("DELETE FROM person_fields WHERE person_id = ?", {saved.id}));
      saved.outcome = Outcome::kChanged;
    } else {
      values.insert(values.end(), {p.source, p.external_id, now, now});
      KETNOI_ASSIGN_OR_RETURN(
          saved.id, db_.InsertReturningId(
                        "INSERT INTO people (full_name, academic_title, degree, affiliation_id, "
                        "orcid, email, source, external_id, created_at, updated_at) VALUES (?, ?, "
                        "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        values));
      saved.outcome = Outcome::kAdded;
    }
    for (const auto& f : p.field_codes)
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "INSERT INTO person_fields (person_id, field_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
          {saved.id, f}));
    KETNOI_RETURN_IF_ERROR(store::AppendChange(
        db_, "person", saved.id, saved.outcome == Outcome::kAdded ? "insert" : "update", clock_));
    return saved;
  });
}

Result<Saved> Registry::Upsert(Program p) {
  KETNOI_RETURN_IF_ERROR(NormaliseAndValidate(p));
  return store::InTransaction(db_, [&]() -> Result<Saved> {
    for (const auto& b : p.board)
      KETNOI_RETURN_IF_ERROR(CheckReference("people", "person", "board.person_id", b.person_id));
    KETNOI_ASSIGN_OR_RETURN(Rows found,
                            db_.Query("SELECT id FROM programs WHERE code = ?", {p.code}));
    std::string now = clock_.NowText();
    Params values = {
        p.name,        static_cast<int64_t>(p.period_start), static_cast<int64_t>(p.period_end),
        p.budget.dong, static_cast<int64_t>(p.is_sample),    TextOrNull(p.description)};
    Saved saved;
    if (!found.empty()) {
      saved.id = found.Int(0, 0);
      KETNOI_ASSIGN_OR_RETURN(Program old, GetProgram(saved.id));
      if (old.name == p.name && old.period_start == p.period_start &&
          old.period_end == p.period_end && old.budget == p.budget &&
          old.is_sample == p.is_sample && old.description == p.description &&
          old.board == p.board) {
        saved.outcome = Outcome::kUnchanged;
        return saved;
      }
      values.push_back(now);
      values.push_back(saved.id);
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("UPDATE programs SET name = ?, period_start = ?, period_end = ?, budget = ?, "
                   "is_sample = ?, "
                   "description = ?, updated_at = ? WHERE id = ?",
                   values));
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("DELETE FROM program_board WHERE program_id = ?", {saved.id}));
      saved.outcome = Outcome::kChanged;
    } else {
      values.insert(values.begin(), p.code);
      values.insert(values.end(), {now, now});
      KETNOI_ASSIGN_OR_RETURN(
          saved.id, db_.InsertReturningId(
                        "INSERT INTO programs (code, name, period_start, period_end, budget, "
                        "is_sample, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                        "?, ?, ?) RETURNING id",
                        values));
      saved.outcome = Outcome::kAdded;
    }
    for (const auto& b : p.board)
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO program_board (program_id, person_id, role) VALUES (?, ?, ?)",
                   {saved.id, b.person_id, b.role}));
    KETNOI_RETURN_IF_ERROR(store::AppendChange(
        db_, "program", saved.id, saved.outcome == Outcome::kAdded ? "insert" : "update", clock_));
    return saved;
  });
}

Status Registry::WriteTaskChildren(const Task& t, int64_t id, bool replace) {
  if (replace) {
    KETNOI_RETURN_IF_ERROR(db_.Exec("DELETE FROM task_members WHERE task_id = ?", {id}));
    KETNOI_RETURN_IF_ERROR(db_.Exec("DELETE FROM task_products WHERE task_id = ?", {id}));
  }
  for (size_t i = 0; i < t.members.size(); ++i)
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO task_members (task_id, ord, person_id, role) VALUES (?, ?, ?, ?)",
                 {id, static_cast<int64_t>(i), t.members[i].person_id, t.members[i].role}));
  for (size_t i = 0; i < t.products.size(); ++i) {
    const TaskProduct& p = t.products[i];
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "INSERT INTO task_products (task_id, ord, name, quantity, unit, quality_target) VALUES (?, "
        "?, ?, ?, ?, ?)",
        {id, static_cast<int64_t>(i), p.name, store::Opt(p.quantity), TextOrNull(p.unit),
         TextOrNull(p.quality_target)}));
  }
  return Status::Ok();
}

Result<Saved> Registry::Upsert(Task t) {
  KETNOI_RETURN_IF_ERROR(NormaliseAndValidate(t));
  return store::InTransaction(db_, [&]() -> Result<Saved> {
    KETNOI_RETURN_IF_ERROR(EnsureField(t.field_code));
    KETNOI_RETURN_IF_ERROR(CheckReference("organisations", "organisation", "host", t.host_id));
    KETNOI_RETURN_IF_ERROR(CheckReference("people", "person", "pi", t.pi_id));
    KETNOI_RETURN_IF_ERROR(CheckReference("programs", "program", "program", t.program_id));
    for (const auto& m : t.members)
      KETNOI_RETURN_IF_ERROR(CheckReference("people", "person", "members.person_id", m.person_id));
    KETNOI_ASSIGN_OR_RETURN(auto existing, FindId("tasks", t.source, t.external_id));
    std::string now = clock_.NowText();
    Params values = TaskValues(t);
    Saved saved;
    if (existing) {
      saved.id = *existing;
      KETNOI_ASSIGN_OR_RETURN(Task old, GetTask(*existing));
      if (old.SameContent(t)) {
        saved.outcome = Outcome::kUnchanged;
        return saved;
      }
      values.push_back(now);
      values.push_back(saved.id);
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "UPDATE tasks SET code = ?, title = ?, kind = ?, level = ?, field_code = ?, program_id = "
          "?, "
          "host_id = ?, pi_id = ?, start_date = ?, end_date = ?, budget_state = ?, budget_other = "
          "?, "
          "objectives = ?, content = ?, abstract = ?, keywords = ?, status = ?, result_summary = "
          "?, "
          "archive_no = ?, applied_at = ?, confidentiality = ?, source = ?, external_id = ?, "
          "updated_at = ? WHERE id = ?",
          values));
      KETNOI_RETURN_IF_ERROR(WriteTaskChildren(t, saved.id, true));
      saved.outcome = Outcome::kChanged;
    } else {
      values.push_back(now);
      values.push_back(now);
      KETNOI_ASSIGN_OR_RETURN(
          saved.id,
          db_.InsertReturningId(
              "INSERT INTO tasks (code, title, kind, level, field_code, program_id, host_id, "
              "pi_id, "
              "start_date, end_date, budget_state, budget_other, objectives, content, abstract, "
              "keywords, status, result_summary, archive_no, applied_at, confidentiality, source, "
              "external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              values));
      KETNOI_RETURN_IF_ERROR(WriteTaskChildren(t, saved.id, false));
      saved.outcome = Outcome::kAdded;
    }
    KETNOI_RETURN_IF_ERROR(store::AppendChange(
        db_, "task", saved.id, saved.outcome == Outcome::kAdded ? "insert" : "update", clock_));
    return saved;
  });
}

Status Registry::DeleteTask(int64_t id) {
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT 1 FROM tasks WHERE id = ?", {id}));
    if (rows.empty())
      return Status::NotFound(
          {"registry.not_found", {{"entity", "task"}, {"id", std::to_string(id)}}});
    KETNOI_RETURN_IF_ERROR(db_.Exec("DELETE FROM tasks WHERE id = ?", {id}));
    return store::AppendChange(db_, "task", id, "delete", clock_);
  });
}

Result<std::vector<Task>> Registry::LoadTasks(std::string_view where, const Params& params) {
  KETNOI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT " + std::string(kTaskColumns) +
                                                   " FROM tasks WHERE " + std::string(where),
                                               params));
  std::vector<Task> tasks;
  tasks.reserve(rows.size());
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < rows.size(); ++i) {
    tasks.push_back(TaskFromRow(rows, i));
    index[tasks.back().id] = i;
  }
  if (tasks.empty()) return tasks;
  Params ids;
  for (const Task& t : tasks) ids.push_back(t.id);
  std::string in = "(" + Placeholders(ids.size()) + ")";
  KETNOI_ASSIGN_OR_RETURN(
      Rows members,
      db_.Query("SELECT task_id, person_id, role FROM task_members WHERE task_id IN " + in +
                    " ORDER BY task_id, ord",
                ids));
  for (size_t i = 0; i < members.size(); ++i)
    tasks[index[members.Int(i, 0)]].members.push_back({members.Int(i, 1), members.Text(i, 2)});
  KETNOI_ASSIGN_OR_RETURN(
      Rows products,
      db_.Query("SELECT task_id, name, quantity, unit, quality_target FROM task_products WHERE "
                "task_id IN " +
                    in + " ORDER BY task_id, ord",
                ids));
  for (size_t i = 0; i < products.size(); ++i)
    tasks[index[products.Int(i, 0)]].products.push_back(
        {products.Text(i, 1), products.OptInt(i, 2), products.Text(i, 3), products.Text(i, 4)});
  return tasks;
}

Result<Task> Registry::GetTask(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(std::vector<Task> tasks, LoadTasks("id = ?", {id}));
  if (tasks.empty())
    return Status::NotFound(
        {"registry.not_found", {{"entity", "task"}, {"id", std::to_string(id)}}});
  return std::move(tasks.front());
}

Result<Organisation> Registry::GetOrganisation(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r,
      db_.Query("SELECT id, name, short_name, name_en, type, parent_id, parent_body, ror_id, "
                "tax_code, district, address, website, source, external_id, created_at, "
                "updated_at FROM organisations WHERE id = ?",
                {id}));
  if (r.empty())
    return Status::NotFound(
        {"registry.not_found", {{"entity", "organisation"}, {"id", std::to_string(id)}}});
  Organisation o;
  size_t c = 0;
  o.id = r.Int(0, c++);
  o.name = r.Text(0, c++);
  o.short_name = r.Text(0, c++);
  o.name_en = r.Text(0, c++);
  o.type = r.Text(0, c++);
  o.parent_id = r.OptInt(0, c++);
  o.parent_body = r.Text(0, c++);
  o.ror_id = r.Text(0, c++);
  o.tax_code = r.Text(0, c++);
  o.district = r.Text(0, c++);
  o.address = r.Text(0, c++);
  o.website = r.Text(0, c++);
  o.source = r.Text(0, c++);
  o.external_id = r.Text(0, c++);
  o.created_at = r.Text(0, c++);
  o.updated_at = r.Text(0, c++);
  return o;
}

Result<Person> Registry::GetPerson(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r,
      db_.Query("SELECT id, full_name, academic_title, degree, affiliation_id, orcid, email, "
                "source, external_id, created_at, updated_at FROM people WHERE id = ?",
                {id}));
  if (r.empty())
    return Status::NotFound(
        {"registry.not_found", {{"entity", "person"}, {"id", std::to_string(id)}}});
  Person p;
  size_t c = 0;
  p.id = r.Int(0, c++);
  p.full_name = r.Text(0, c++);
  p.academic_title = r.Text(0, c++);
  p.degree = r.Text(0, c++);
  p.affiliation_id = r.OptInt(0, c++);
  p.orcid = r.Text(0, c++);
  p.email = r.Text(0, c++);
  p.source = r.Text(0, c++);
  p.external_id = r.Text(0, c++);
  p.created_at = r.Text(0, c++);
  p.updated_at = r.Text(0, c++);
  KETNOI_ASSIGN_OR_RETURN(
      Rows f,
      db_.Query("SELECT field_code FROM person_fields WHERE person_id = ? ORDER BY field_code",
                {id}));
  for (size_t i = 0; i < f.size(); ++i) p.field_codes.push_back(f.Text(i, 0));
  return p;
}

Result<std::vector<Program>> Registry::ListPrograms() {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("SELECT id, code, name, period_start, period_end, budget, is_sample, "
                        "description, created_at, updated_at FROM programs ORDER BY code"));
  std::vector<Program> out;
  for (size_t i = 0; i < r.size(); ++i) {
    Program p;
    size_t c = 0;
    p.id = r.Int(i, c++);
    p.code = r.Text(i, c++);
    p.name = r.Text(i, c++);
    p.period_start = static_cast<int>(r.Int(i, c++));
    p.period_end = static_cast<int>(r.Int(i, c++));
    p.budget = Money{r.Int(i, c++)};
    p.is_sample = r.Int(i, c++) != 0;
    p.description = r.Text(i, c++);
    p.created_at = r.Text(i, c++);
    p.updated_at = r.Text(i, c++);
    KETNOI_ASSIGN_OR_RETURN(
        Rows b, db_.Query("SELECT person_id, role FROM program_board WHERE program_id = ? ORDER BY "
                          "person_id",
                          {p.id}));
    for (size_t j = 0; j < b.size(); ++j) p.board.push_back({b.Int(j, 0), b.Text(j, 1)});
    out.push_back(std::move(p));
  }
  return out;
}

Result<Program> Registry::GetProgram(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(std::vector<Program> all, ListPrograms());
  for (auto& p : all)
    if (p.id == id) return std::move(p);
  return Status::NotFound(
      {"registry.not_found", {{"entity", "program"}, {"id", std::to_string(id)}}});
}

Result<std::vector<TaskRecord>> Registry::GetTaskRecords(const std::vector<int64_t>& ids) {
  std::vector<TaskRecord> out;
  constexpr size_t kBatch = 500;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    size_t n = std::min(kBatch, ids.size() - start);
    Params params(ids.begin() + static_cast<std::ptrdiff_t>(start),
                  ids.begin() + static_cast<std::ptrdiff_t>(start + n));
    KETNOI_ASSIGN_OR_RETURN(std::vector<Task> tasks,
                            LoadTasks("id IN (" + Placeholders(n) + ")", params));
    KETNOI_ASSIGN_OR_RETURN(
        Rows names,
        db_.Query(
            "SELECT t.id, o.name, o.short_name, o.district, COALESCE(po.name, o.parent_body), "
            "p.full_name, p.academic_title, p.degree, g.code, g.name, f.name_vi "
            "FROM tasks t LEFT JOIN organisations o ON o.id = t.host_id "
            "LEFT JOIN organisations po ON po.id = o.parent_id "
            "LEFT JOIN people p ON p.id = t.pi_id LEFT JOIN programs g ON g.id = t.program_id "
            "LEFT JOIN fields f ON f.code = t.field_code WHERE t.id IN (" +
                Placeholders(n) + ")",
            params));
    std::unordered_map<int64_t, size_t> row_of;
    for (size_t i = 0; i < names.size(); ++i) row_of[names.Int(i, 0)] = i;
    std::unordered_map<int64_t, Task*> by_id;
    for (Task& t : tasks) by_id[t.id] = &t;
    for (size_t k = start; k < start + n; ++k) {
      auto it = by_id.find(ids[k]);
      if (it == by_id.end()) continue;
      TaskRecord rec;
      rec.task = *it->second;  // a copy: `ids` may name the same task twice
      size_t i = row_of[ids[k]];
      rec.host_name = names.Text(i, 1);
      rec.host_short_name = names.Text(i, 2);
      rec.host_district = names.Text(i, 3);
      rec.host_parent = names.Text(i, 4);
      Person pi;
      pi.full_name = names.Text(i, 5);
      pi.academic_title = names.Text(i, 6);
      pi.degree = names.Text(i, 7);
      rec.pi_name = pi.full_name.empty() ? "" : pi.DisplayName();
      rec.program_code = names.Text(i, 8);
      rec.program_name = names.Text(i, 9);
      rec.field_name_vi = names.Text(i, 10);
      out.push_back(std::move(rec));
    }
  }
  return out;
}

Result<std::vector<int64_t>> Registry::PublicTaskIds(int64_t after, int limit) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("SELECT id FROM tasks WHERE confidentiality = 'public' AND merged_into IS "
                        "NULL AND id > ? ORDER BY id LIMIT ?",
                        {after, static_cast<int64_t>(limit)}));
  std::vector<int64_t> out;
  out.reserve(r.size());
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.Int(i, 0));
  return out;
}

Result<std::vector<int64_t>> Registry::TasksMentioning(std::string_view entity, int64_t id) {
  std::string sql;
  if (entity == "organisation")
    sql =
        "SELECT t.id FROM tasks t JOIN organisations o ON o.id = t.host_id WHERE o.id = ? OR "
        "o.parent_id = ?";
  else if (entity == "person")
    sql = "SELECT id FROM tasks WHERE pi_id = ? OR pi_id = ?";
  else if (entity == "program")
    sql = "SELECT id FROM tasks WHERE program_id = ? OR program_id = ?";
  else
    return std::vector<int64_t>{};
  KETNOI_ASSIGN_OR_RETURN(Rows r, db_.Query(sql, {id, id}));
  std::vector<int64_t> out;
  for (size_t i = 0; i < r.size(); ++i) out.push_back(r.Int(i, 0));
  return out;
}

Result<std::vector<Task>> Registry::GetTaskTexts(const std::vector<int64_t>& ids) {
  std::vector<Task> out;
  constexpr size_t kBatch = 500;
  for (size_t start = 0; start < ids.size(); start += kBatch) {
    size_t n = std::min(kBatch, ids.size() - start);
    Params params(ids.begin() + static_cast<std::ptrdiff_t>(start),
                  ids.begin() + static_cast<std::ptrdiff_t>(start + n));
    KETNOI_ASSIGN_OR_RETURN(
        Rows r,
        db_.Query(
            "SELECT id, code, source, external_id, title, abstract, confidentiality, merged_into "
            "FROM tasks WHERE id IN (" +
                Placeholders(n) + ")",
            params));
    std::unordered_map<int64_t, size_t> row_of;
    for (size_t i = 0; i < r.size(); ++i) row_of[r.Int(i, 0)] = i;
    for (size_t k = start; k < start + n; ++k) {
      auto it = row_of.find(ids[k]);
      if (it == row_of.end()) continue;
      size_t i = it->second;
      Task t;
      t.id = r.Int(i, 0);
      t.code = r.Text(i, 1);
      t.source = r.Text(i, 2);
      t.external_id = r.Text(i, 3);
      t.title = r.Text(i, 4);
      t.abstract = r.Text(i, 5);
      t.confidentiality = r.Text(i, 6);
      t.merged_into = r.OptInt(i, 7);
      out.push_back(std::move(t));
    }
  }
  return out;
}

namespace {
// The column for a relation name; a fixed list, so SQL is never built from input.
const char* RelationColumn(std::string_view relation) {
  if (relation == "host") return "host_id";
  if (relation == "pi") return "pi_id";
  if (relation == "program") return "program_id";
  return nullptr;
}
}  // namespace

Result<std::vector<TaskSummary>> Registry::PublicTasksBy(std::string_view relation, int64_t id,
                                                         int limit) {
  const char* column = RelationColumn(relation);
  if (!column) return Status::Internal({"store.query_failed", {{"reason", "unknown relation"}}});
  KETNOI_ASSIGN_OR_RETURN(
      Rows r,
      db_.Query("SELECT id, code, title, start_date FROM tasks WHERE " + std::string(column) +
                    " = ? AND confidentiality = 'public' AND merged_into IS NULL ORDER BY "
                    "start_date DESC, id DESC LIMIT ?",
                {id, static_cast<int64_t>(limit)}));
  std::vector<TaskSummary> out;
  for (size_t i = 0; i < r.size(); ++i)
    out.push_back({r.Int(i, 0), r.Text(i, 1), r.Text(i, 2), ParseDate(r.Text(i, 3))});
  return out;
}

Result<TaskTotals> Registry::PublicTaskTotals(std::string_view relation, int64_t id) {
  const char* column = RelationColumn(relation);
  if (!column) return Status::Internal({"store.query_failed", {{"reason", "unknown relation"}}});
  KETNOI_ASSIGN_OR_RETURN(
      Rows r,
      db_.Query(
          "SELECT COUNT(*), COALESCE(SUM(budget_state), 0), COALESCE(SUM(budget_other), 0) FROM "
          "tasks WHERE " +
              std::string(column) + " = ? AND confidentiality = 'public' AND merged_into IS NULL",
          {id}));
  return TaskTotals{r.Int(0, 0), Money{r.Int(0, 1)}, Money{r.Int(0, 2)}};
}

Result<int64_t> Registry::CountTasks(std::string_view source) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r, db_.Query("SELECT COUNT(*) FROM tasks WHERE source = ?", {std::string(source)}));
  return r.Int(0, 0);
}

Result<RegistryStats> Registry::Stats() {
  KETNOI_ASSIGN_OR_RETURN(
      Rows r,
      db_.Query(
          "SELECT (SELECT COUNT(*) FROM tasks), (SELECT COUNT(*) FROM tasks WHERE "
          "confidentiality = 'public' AND merged_into IS NULL), (SELECT COUNT(*) FROM "
          "organisations), (SELECT "
          "COUNT(*) FROM people), (SELECT COUNT(*) FROM programs), (SELECT COALESCE(MAX(seq), "
          "0) FROM change_log), (SELECT COALESCE(SUM(budget_state), 0) FROM tasks)"));
  RegistryStats s;
  s.tasks = r.Int(0, 0);
  s.public_tasks = r.Int(0, 1);
  s.organisations = r.Int(0, 2);
  s.people = r.Int(0, 3);
  s.programs = r.Int(0, 4);
  s.last_change = r.Int(0, 5);
  s.total_budget_state = Money{r.Int(0, 6)};
  return s;
}

}  // namespace ketnoi::registry
