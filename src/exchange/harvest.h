#pragma once
// The harvester: an OAI-PMH 2.0 client that brings another repository's records into the
// registry (`ketnoi harvest URL`, and the `[[harvest]]` sources `ketnoi serve` runs on a
// schedule). It asks Identify (is it OAI-PMH? which datestamp granularity?), picks the richer
// `ketnoi` format when the endpoint offers it (another Ketnoi) and oai_dc otherwise, then walks
// ListRecords page by page through resumption tokens. Records are keyed by (source, the OAI
// identifier) and written through the import path (import.h ImportTable), so a record that did
// not change is not written, each written one keeps its provenance, and the report counts
// added / changed / unchanged / rejected; a header with status="deleted" deletes the task it
// brought earlier (Registry::DeleteTask, which our own provider then lists as deleted too).
//
// State lives in the store (table harvest_state): each page is written in one transaction
// together with the next resumption token and the counts so far, so a run that fails continues
// from the page it stopped at; a completed run remembers the provider's responseDate of its first
// page, the `from` of the next, incremental, run. Polite: a delay between requests, a User-Agent
// naming Ketnoi, and retries with exponential back-off on network errors and 5xx answers,
// honouring Retry-After on 503/429. The clock and the sleep are injected, so tests never wait.
// Another Ketnoi may also be named by its JSON API URL (…/api/v1): recognised by its OpenAPI
// document, it is harvested through its OAI-PMH endpoint in the `ketnoi` format, which carries
// the same records plus what API paging cannot (changes since a date, deletions).
// libcurl, libxml2 and nlohmann/json stay inside harvest.cpp.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/status.h"
#include "exchange/import.h"
#include "registry/repo.h"
#include "store/db.h"

namespace ketnoi::exchange {

inline constexpr std::string_view kHarvestUserAgent =
    "Ketnoi-harvester/1.0 (+https://ketnoi.hanoi.gov.vn; OAI-PMH)";

using SleepFunction = std::function<void(std::chrono::milliseconds)>;

struct HarvestReport;

struct HarvestOptions {
  std::string url;     // the base URL of the OAI-PMH endpoint
  std::string prefix;  // "ketnoi" or "oai_dc"; "" → ketnoi when offered, else oai_dc
  std::string set;     // "" → the whole repository
  std::string source;  // the records' source; "" → DefaultHarvestSource(url)
  std::string actor = "harvest";
  bool full = false;  // ignore the last harvest: ask for every record (still idempotent)
  std::chrono::milliseconds delay{500};     // between two requests
  int max_attempts = 6;                     // per request, the first included
  std::chrono::milliseconds backoff{1000};  // the first retry's wait; doubles each time
  std::chrono::milliseconds max_backoff{std::chrono::minutes(2)};  // also caps Retry-After
  std::chrono::seconds timeout{120};  // one request, connection included
  std::string user_agent{kHarvestUserAgent};
  SleepFunction sleep;  // nullptr → std::this_thread::sleep_for
  // Called after each page is committed; a non-OK status stops the harvest there, as a failure
  // would (the next run continues after that page). Tests interrupt harvests with it; the
  // scheduler stops with it.
  std::function<Status(const HarvestReport&)> on_page;
};

struct HarvestRecordError {
  std::string identifier;  // the OAI identifier
  RowError error;          // column, value and reason (row: the position in the list)
};

struct HarvestReport {
  std::string url, source, prefix, set;
  std::string from;           // the `from` asked for ("" for everything)
  bool resumed = false;       // continued a run left unfinished,
  int64_t resumed_after = 0;  // after this many pages
  // Counts of the whole run (a resumed one included what was done before it stopped).
  int64_t pages = 0, records = 0, added = 0, changed = 0, unchanged = 0, rejected = 0;
  int64_t deleted = 0;          // tasks deleted because the provider deleted their record
  int64_t deleted_unknown = 0;  // deleted headers of records never harvested here
  int64_t organisations_added = 0, people_added = 0;
  // This invocation only.
  int64_t requests = 0, retries = 0;
  std::vector<HarvestRecordError> errors;  // the first 100
  std::string harvested_until;             // the next incremental run starts here
};

// "oai-<host>" (with "-<port>" when one is given) for an http(s) URL.
std::string DefaultHarvestSource(std::string_view url);

// Harvests `options.url` into the registry. A non-OK Result names the URL and the reason (an
// unreachable endpoint, an answer that is not OAI-PMH, an OAI error code); records the endpoint
// rejects one by one are in the report.
Result<HarvestReport> Harvest(store::Db& db, registry::Registry& registry, const Clock& clock,
                              const HarvestOptions& options);

// The `[[harvest]]` sources of a data directory, each run on its own thread-less schedule: one
// background thread, its own store connection, every source harvested when its interval has
// passed since its last run (the first run right after Start). Results and failures go to
// `log` as one line each, in `lang`.
class HarvestScheduler {
 public:
  HarvestScheduler(std::string store_url, std::vector<HarvestSchedule> sources, const Clock& clock,
                   std::string lang, std::function<void(const std::string&)> log);
  ~HarvestScheduler();
  HarvestScheduler(const HarvestScheduler&) = delete;
  HarvestScheduler& operator=(const HarvestScheduler&) = delete;

  Status Start();
  // Wakes the thread, stops a running harvest after its current page, joins.
  void Stop();
  // Completed passes over the sources (for tests).
  int64_t passes() const { return passes_.load(); }

 private:
  void Run();
  // Sleeps up to `d`; false when stopping.
  bool Wait(std::chrono::milliseconds d);

  std::string store_url_;
  std::vector<HarvestSchedule> sources_;
  const Clock& clock_;
  std::string lang_;
  std::function<void(const std::string&)> log_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::atomic<int64_t> passes_{0};
  std::unique_ptr<store::Db> db_;
  std::thread thread_;
};

}  // namespace ketnoi::exchange
