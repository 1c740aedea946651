// The staff import page: upload a partner's file, read the check (what would be added, every bad
// row with its column, value and reason), then import it. The uploaded bytes wait under
// DATA/imports/<sha256>.<ext> between the two steps; the second step names the file by its hash,
// so nothing the browser sends becomes a path.
#include <fstream>
#include <sstream>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/messages.h"
#include "exchange/import.h"
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
      {"source", T("web.import_source", lang), "text", "", "", T("web.import_source_hint", lang)}};
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
                    {"name", "", "hidden", part->filename}};
  if (report->rejected)
    confirm.fields.push_back({"skip_invalid", T("web.import_skip_invalid", lang), "checkbox"});
  confirm.after_html =
      "<p><a href=\"/imports\">" + HtmlEscape(T("web.import_another", lang)) + "</a></p>";
  return RenderForm(req, lang, confirm, report->rejected ? 422 : 200);
}

http::Response CommitPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  std::string id = req.params.count("file") ? req.params.at("file") : "";
  size_t dot = id.find('.');
  std::string sha = id.substr(0, dot), ext = dot == std::string::npos ? "" : id.substr(dot + 1);
  if (!IsHex64(sha) || !exchange::ParseFormat(ext)) return NotFoundPage(req, w);
  auto path = ImportsDir(w) / (sha + "." + ext);
  if (!std::filesystem::exists(path)) return NotFoundPage(req, w);
  exchange::ImportOptions opt;
  opt.source = req.Form("source");
  opt.skip_invalid = req.Form("skip_invalid") == "1";
  opt.actor = req.principal.email;
  opt.actor_id = req.principal.user_id;
  auto report = exchange::ImportTasks(*w.db, *w.registry, *w.clock, path, opt);
  if (!report.ok()) return ErrorPage(req, lang, report.status());
  report->file = req.Form("name").empty() ? id : req.Form("name");
  if (report->committed) {
    audit::AuditLog log(*w.db, *w.clock);
    auto a = log.Append({req.principal.user_id,
                         req.principal.email,
                         "import.commit",
                         "file:" + sha,
                         {{"name", report->file},
                          {"source", report->source},
                          {"added", std::to_string(report->added)},
                          {"changed", std::to_string(report->changed)},
                          {"rejected", std::to_string(report->rejected)}},
                         "",
                         false,
                         req.remote_addr});
    if (!a.ok()) return ErrorPage(req, lang, a.status());
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  FormPage done;
  done.heading = T(report->committed ? "web.import_done" : "web.import_refused", lang);
  done.before_html = ReportHtml(*report, lang);
  done.action = "/imports";
  done.submit = T("web.import_another", lang);
  done.multipart = true;
  done.fields = UploadForm(lang).fields;
  return RenderForm(req, lang, done, report->committed ? 200 : 422);
}

}  // namespace

void AddImportRoutes(std::vector<http::Route>& routes) {
  for (http::Route r :
       {http::Route{"GET", "/imports", "registry.edit", "page", "Import a file", ImportsPage},
        http::Route{"POST", "/imports", "registry.edit", "page",
                    "Check an uploaded file before importing", CheckPost},
        http::Route{"POST", "/imports/:file", "registry.edit", "page", "Import a checked file",
                    CommitPost}}) {
    r.cacheable = false;
    routes.push_back(r);
  }
}

}  // namespace ketnoi::web
