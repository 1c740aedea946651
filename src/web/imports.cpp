// The staff import page: upload a partner's file, read the check (what would be added, every bad
// row with its column, value and reason), then import it. The uploaded bytes wait under
// DATA/imports/<sha256>.<ext> between the two steps; the second step names the file by its hash,
// so nothing the browser sends becomes a path. The import itself runs in the background with
// its own store connection; /imports/jobs/<sha256> shows its progress (the page refreshes
// itself) and then its report.
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/messages.h"
#include "exchange/import.h"
#include "registry/repo.h"
#include "store/db.h"
#include "text/text.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

std::filesystem::path ImportsDir(const http::Worker& w) { return w.config->data_dir / "imports"; }

bool IsHex64(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

FormPage UploadForm(const std::string& lang) {
  FormPage f;
  f.heading = T("web.import_title", lang);
  f.intro = T("web.import_intro", lang);
  f.action = "/imports";
  f.submit = T("web.import_check", lang);
  f.multipart = true;
  f.fields = {
      {"file", T("web.import_file", lang), "file", "", "", T("web.import_file_hint", lang), true},
      {"source", T("web.import_source", lang), "text", "", "", T("web.import_source_hint", lang)},
      {"create_programs", T("web.import_create_programs", lang), "checkbox"}};
  return f;
}

http::Response ImportsPage(const http::Request& req, http::Worker&) {
  return RenderForm(req, Lang(req), UploadForm(Lang(req)));
}

// The report of a check or an import as HTML (every value escaped).
std::string ReportHtml(const exchange::ImportReport& r, const std::string& lang) {
  std::string h =
      "<p class=\"notice\" role=\"status\">" +
      HtmlEscape(Render(
          Message("import.summary", {{"file", std::filesystem::path(r.file).filename().string()},
                                     {"format", r.format},
                                     {"encoding", r.encoding},
                                     {"source", r.source},
                                     {"rows", std::to_string(r.rows)},
                                     {"added", std::to_string(r.added)},
                                     {"changed", std::to_string(r.changed)},
                                     {"unchanged", std::to_string(r.unchanged)},
                                     {"rejected", std::to_string(r.rejected)},
                                     {"orgs", std::to_string(r.organisations_added)},
                                     {"people", std::to_string(r.people_added)}}),
          lang)) +
      "</p>";
  if (!r.ignored_columns.empty()) {
    std::string cols;
    for (const auto& c : r.ignored_columns) cols += (cols.empty() ? "" : ", ") + c;
    h += "<p>" + HtmlEscape(Render(Message("import.ignored_columns", {{"columns", cols}}), lang)) +
         "</p>";
  }
  if (!r.errors.empty()) {
    h += "<table class=\"import-errors\"><caption>" + HtmlEscape(T("web.import_errors", lang)) +
         "</caption><thead><tr><th>" + HtmlEscape(T("web.import_row", lang)) + "</th><th>" +
         HtmlEscape(T("web.import_column", lang)) + "</th><th>" +
         HtmlEscape(T("web.import_value", lang)) + "</th><th>" +
         HtmlEscape(T("web.import_reason", lang)) + "</th></tr></thead><tbody>";
    for (const auto& e : r.errors)
      h += "<tr><td>" + std::to_string(e.row) + "</td><td>" + HtmlEscape(e.column) + "</td><td>" +
           HtmlEscape(e.value) + "</td><td>" + HtmlEscape(Render(e.message, lang)) + "</td></tr>";
    h += "</tbody></table>";
  }
  return h;
}

http::Response CheckPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  const http::Request::Part* part = nullptr;
  for (const auto& p : req.files)
    if (p.name == "file") part = &p;
  FormPage f = UploadForm(lang);
  if (!part || part->data.empty()) {
    AttachError(f, Status::Invalid({"files.empty", {{"field", "file"}}}), lang);
    return RenderForm(req, lang, f, 400);
  }
  auto format = exchange::FormatOfPath(part->filename);
  if (!format) {
    AttachError(
        f,
        Status::Invalid({"import.unknown_format", {{"file", part->filename}, {"field", "file"}}}),
        lang);
    return RenderForm(req, lang, f, 400);
  }
  std::string ext = std::filesystem::path(part->filename).extension().string().substr(1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string sha = crypto::Sha256Hex(part->data);
  std::error_code ec;
  std::filesystem::create_directories(ImportsDir(w), ec);
  auto path = ImportsDir(w) / (sha + "." + ext);
  {
    std::ofstream out(path, std::ios::binary);
    out << part->data;
    if (!out) return ErrorPage(req, lang, Status::Io({"files.write_failed", {}}));
  }
  exchange::ImportOptions opt;
  opt.dry_run = true;
  opt.create_programs = req.Form("create_programs") == "1";
  opt.source = text::CollapseSpaces(req.Form("source"));
  if (opt.source.empty()) {
    std::string stem = std::filesystem::path(part->filename).stem().string();
    opt.source = stem.empty() ? "import" : stem;
  }
  auto report = exchange::ImportTasks(*w.db, *w.registry, *w.clock, path, opt);
  if (!report.ok()) {
    AttachError(f, report.status(), lang);
    return RenderForm(req, lang, f, 400);
  }
  report->file = part->filename;
  FormPage confirm;
  confirm.heading = T("web.import_title", lang);
  confirm.before_html =
      ReportHtml(*report, lang) + "<p>" +
      HtmlEscape(T(report->rejected ? "web.import_has_errors" : "web.import_ready", lang)) + "</p>";
  confirm.action = "/imports/" + sha + "." + ext;
  confirm.submit = T("web.import_commit", lang);
  confirm.fields = {{"source", "", "hidden", report->source},
                    {"name", "", "hidden", part->filename},
                    {"create_programs", "", "hidden", opt.create_programs ? "1" : ""}};
  if (report->rejected)
    confirm.fields.push_back({"skip_invalid", T("web.import_skip_invalid", lang), "checkbox"});
  confirm.after_html =
      "<p><a href=\"/imports\">" + HtmlEscape(T("web.import_another", lang)) + "</a></p>";
  return RenderForm(req, lang, confirm, report->rejected ? 422 : 200);
}

// One import running or done, shown at /imports/jobs/<sha256>.
struct ImportJob {
  std::mutex mu;
  int64_t done = 0, total = 0;
  bool finished = false;
  Status status;  // a failure of the file as a whole (cannot read, store error)
  exchange::ImportReport report;
  std::chrono::steady_clock::time_point finished_at;
};

// The jobs of this process. A finished job's thread is joined when the next job starts (or
// when the process ends), so threads do not pile up; finished jobs are forgotten an hour after
// they end.
class ImportJobs {
 public:
  ~ImportJobs() {
    std::lock_guard lock(mu_);
    for (auto& [job, t] : threads_)
      if (t.joinable()) t.join();
  }
  std::shared_ptr<ImportJob> Find(const std::string& id) {
    std::lock_guard lock(mu_);
    auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
  }
  // Starts `run` for `id` unless a job for the same file is still running; returns the job.
  std::shared_ptr<ImportJob> Start(const std::string& id, std::function<void(ImportJob&)> run) {
    std::lock_guard lock(mu_);
    auto now = std::chrono::steady_clock::now();
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      std::lock_guard job_lock(it->second->mu);
      bool old = it->second->finished && now - it->second->finished_at > std::chrono::hours(1);
      it = old ? jobs_.erase(it) : std::next(it);
    }
    if (auto it = jobs_.find(id); it != jobs_.end()) {
      std::lock_guard job_lock(it->second->mu);
      if (!it->second->finished) return it->second;
    }
    for (auto it = threads_.begin(); it != threads_.end();) {
      bool finished;
      {
        std::lock_guard job_lock(it->first->mu);
        finished = it->first->finished;
      }
      if (!finished) {
        ++it;
        continue;
      }
      // Its thread only has to return after marking the job finished.
      if (it->second.joinable()) it->second.join();
      it = threads_.erase(it);
    }
    auto job = std::make_shared<ImportJob>();
    jobs_[id] = job;
    threads_.emplace_back(job, [job, run = std::move(run)] {
      run(*job);
      std::lock_guard job_lock(job->mu);
      job->finished = true;
      job->finished_at = std::chrono::steady_clock::now();
    });
    return job;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<ImportJob>> jobs_;
  std::vector<std::pair<std::shared_ptr<ImportJob>, std::thread>> threads_;
};

ImportJobs& Jobs() {
  static ImportJobs jobs;
  return jobs;
}

http::Response CommitPost(const http::Request& req, http::Worker& w) {
  std::string id = req.params.count("file") ? req.params.at("file") : "";
  size_t dot = id.find('.');
  std::string sha = id.substr(0, dot), ext = dot == std::string::npos ? "" : id.substr(dot + 1);
  if (!IsHex64(sha) || !exchange::ParseFormat(ext)) return NotFoundPage(req, w);
  auto path = ImportsDir(w) / (sha + "." + ext);
  if (!std::filesystem::exists(path)) {
    // Already imported (the file is removed once committed): its job, when still known.
    if (Jobs().Find(sha)) return Redirect("/imports/jobs/" + sha);
    return NotFoundPage(req, w);
  }
  exchange::ImportOptions opt;
  opt.source = req.Form("source");
  opt.skip_invalid = req.Form("skip_invalid") == "1";
  opt.create_programs = req.Form("create_programs") == "1";
  opt.actor = req.principal.email;
  opt.actor_id = req.principal.user_id;
  std::string name = req.Form("name").empty() ? id : req.Form("name");
  std::string store_url = w.config->EffectiveStoreUrl(), remote = req.remote_addr;
  const Clock* clock = w.clock;
  Jobs().Start(sha, [=](ImportJob& job) {
    auto db = store::Db::Open(store_url);
    if (!db.ok()) {
      std::lock_guard lock(job.mu);
      job.status = db.status();
      return;
    }
    registry::Registry registry(**db, *clock);
    auto report = exchange::ImportTasks(**db, registry, *clock, path, opt,
                                        [&job](int64_t done, int64_t total) {
                                          std::lock_guard lock(job.mu);
                                          job.done = done;
                                          job.total = total;
                                        });
    Status s = report.ok() ? Status::Ok() : report.status();
    if (report.ok()) {
      report->file = name;
      if (report->committed) {
        audit::AuditLog log(**db, *clock);
        auto a = log.Append({opt.actor_id,
                             opt.actor,
                             "import.commit",
                             "file:" + sha,
                             {{"name", report->file},
                              {"source", report->source},
                              {"added", std::to_string(report->added)},
                              {"changed", std::to_string(report->changed)},
                              {"rejected", std::to_string(report->rejected)}},
                             "",
                             false,
                             remote});
        if (!a.ok()) s = a.status();
        std::error_code ec;
        std::filesystem::remove(path, ec);
      }
    }
    std::lock_guard lock(job.mu);
    job.status = s;
    if (report.ok()) job.report = std::move(*report);
  });
  return Redirect("/imports/jobs/" + sha);
}

// The progress of an import, then its report.
http::Response JobPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  std::string sha = req.params.count("id") ? req.params.at("id") : "";
  auto job = IsHex64(sha) ? Jobs().Find(sha) : nullptr;
  if (!job) return NotFoundPage(req, w);
  std::lock_guard lock(job->mu);
  if (!job->finished) {
    FormPage running;
    running.heading = T("web.import_running", lang);
    int64_t pct = job->total > 0 ? job->done * 100 / job->total : 0;
    running.before_html =
        "<div data-state=\"running\"><progress max=\"100\" value=\"" + std::to_string(pct) + "\">" +
        std::to_string(pct) + " %</progress> <span role=\"status\">" + std::to_string(pct) +
        " %</span></div><p>" + HtmlEscape(T("web.import_running_hint", lang)) + "</p>";
    running.action = "/imports/jobs/" + sha;
    running.get = true;
    running.submit = T("web.import_refresh", lang);
    http::Response r = RenderForm(req, lang, running);
    // Reloads itself every second until the import ends (the button does the same without it).
    r.Header("Refresh", "1");
    return r;
  }
  if (!job->status.ok()) return ErrorPage(req, lang, job->status);
  const exchange::ImportReport& report = job->report;
  FormPage done;
  done.heading = T(report.committed ? "web.import_done" : "web.import_refused", lang);
  done.before_html = "<div data-state=\"done\">" + ReportHtml(report, lang) + "</div>";
  done.action = "/imports";
  done.submit = T("web.import_another", lang);
  done.multipart = true;
  done.fields = UploadForm(lang).fields;
  return RenderForm(req, lang, done, report.committed ? 200 : 422);
}

}  // namespace

void AddImportRoutes(std::vector<http::Route>& routes) {
  for (http::Route r :
       {http::Route{"GET", "/imports", "registry.edit", "page", "Import a file", ImportsPage},
        http::Route{"POST", "/imports", "registry.edit", "page",
                    "Check an uploaded file before importing", CheckPost},
        http::Route{"POST", "/imports/:file", "registry.edit", "page",
                    "Start importing a checked file", CommitPost},
        http::Route{"GET", "/imports/jobs/:id", "registry.edit", "page",
                    "Progress and report of an import", JobPage}}) {
    r.cacheable = false;
    routes.push_back(r);
  }
}

}  // namespace ketnoi::web
