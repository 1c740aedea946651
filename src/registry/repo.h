#pragma once
// The registry repository: reads and writes registry records on a store::Db. Every write is
// validated (model.h), keyed by (source, external id), and recorded in the change log in the
// same transaction. Calls join the caller's open transaction, or run in their own.
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "registry/model.h"
#include "store/db.h"

namespace ketnoi::registry {

enum class Outcome { kAdded, kChanged, kUnchanged };

struct Saved {
  int64_t id = 0;
  Outcome outcome = Outcome::kAdded;
};

// A task with the names the search index and pages show next to it.
struct TaskRecord {
  Task task;
  std::string host_name, host_short_name, host_district, host_parent;
  std::string pi_name;  // with title and degree
  std::string program_code, program_name;
  std::string field_name_vi;
};

// One line about a task, for lists on organisation, person and program pages.
struct TaskSummary {
  int64_t id = 0;
  std::string code, title;
  std::optional<Date> start;
};

struct TaskTotals {
  int64_t count = 0;
  Money state, other;
};

struct RegistryStats {
  int64_t tasks = 0, public_tasks = 0, organisations = 0, people = 0, programs = 0;
  int64_t last_change = 0;
  Money total_budget_state;
};

class Registry {
 public:
  Registry(store::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  store::Db& db() { return db_; }
  const Clock& clock() const { return clock_; }

  // Reference data (the field classification); idempotent.
  Status SeedReferenceData();

  Result<Saved> Upsert(Organisation org);
  Result<Saved> Upsert(Person person);
  Result<Saved> Upsert(Program program);
  Result<Saved> Upsert(Task task);
  Status DeleteTask(int64_t id);

  Result<std::optional<int64_t>> FindId(std::string_view table, std::string_view source,
                                        std::string_view external_id);
  Result<Task> GetTask(int64_t id);
  Result<Organisation> GetOrganisation(int64_t id);
  Result<Person> GetPerson(int64_t id);
  Result<Program> GetProgram(int64_t id);
  Result<std::vector<Program>> ListPrograms();

  // Tasks with their display names, in the order of `ids`; missing ids are skipped.
  Result<std::vector<TaskRecord>> GetTaskRecords(const std::vector<int64_t>& ids);
  // Ids of public tasks with id > after, ascending, at most `limit` (for paging through all).
  Result<std::vector<int64_t>> PublicTaskIds(int64_t after, int limit);
  // Tasks whose index document shows something of the given organisation/person/program.
  Result<std::vector<int64_t>> TasksMentioning(std::string_view entity, int64_t id);
  // (id, code, source, external id, title, abstract, confidentiality) of tasks, in the order of
  // `ids` (missing ids skipped): the duplicate check reads only these.
  Result<std::vector<Task>> GetTaskTexts(const std::vector<int64_t>& ids);
  // Public tasks whose `relation` ("host", "pi" or "program") is `id`, newest first.
  Result<std::vector<TaskSummary>> PublicTasksBy(std::string_view relation, int64_t id, int limit);
  Result<TaskTotals> PublicTaskTotals(std::string_view relation, int64_t id);
  // The highest external id number used by a source with the given prefix (demo resume).
  Result<int64_t> CountTasks(std::string_view source);
  Result<RegistryStats> Stats();

 private:
  Status EnsureField(const std::string& code);
  Status CheckReference(std::string_view table, std::string_view entity, const char* field,
                        const std::optional<int64_t>& id);
  Status WriteTaskChildren(const Task& task, int64_t id, bool replace);
  Result<std::vector<Task>> LoadTasks(std::string_view where, const store::Params& params);

  store::Db& db_;
  const Clock& clock_;
};

}  // namespace ketnoi::registry
