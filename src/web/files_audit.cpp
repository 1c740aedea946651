// Uploads and downloads (every download permission-checked, served with the sniffed type and
// Content-Disposition: attachment), the audit pages (public decisions for anyone, the whole
// chain for staff), and the 403 page the gate renders.
#include "audit/audit.h"
#include "core/messages.h"
#include "files/files.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

constexpr int64_t kMaxUploadBytes = 15 * 1024 * 1024;

http::Response UploadPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  const http::Request::Part* part = nullptr;
  for (const auto& p : req.files)
    if (p.name == "file") part = &p;
  if (!part || part->data.empty())
    return ErrorPage(req, lang, Status::Invalid({"files.empty", {}}));
  std::string visibility = req.Form("visibility") == "public" ? "public" : "private";
  // Below the server's 16 MB body limit, so the limit is told in words, not by a dropped
  // connection.
  files::FileStore store(*w.db, w.config->FilesDir(), *w.clock, kMaxUploadBytes);
  auto saved = store.Put(part->filename, part->data, req.principal.user_id, visibility);
  if (!saved.ok()) return ErrorPage(req, lang, saved.status());
  audit::AuditLog log(*w.db, *w.clock);
  auto a =
      log.Append({req.principal.user_id,
                  req.principal.email,
                  "file.upload",
                  "file:" + std::to_string(saved->id),
                  {{"name", saved->name}, {"sha256", saved->sha256}, {"visibility", visibility}},
                  "",
                  false,
                  req.remote_addr});
  if (!a.ok()) return ErrorPage(req, lang, a.status());
  if (req.Header("accept").find("application/json") != std::string::npos) {
    http::Response r;
    r.status = 201;
    r.content_type = "application/json; charset=utf-8";
    r.body = "{\"id\":" + std::to_string(saved->id) + ",\"url\":\"/files/" +
             std::to_string(saved->id) + "/" + http::UrlEncode(saved->name) + "\"}";
    return r;
  }
  return Redirect("/account#files");
}

// RFC 6266 filename*: percent-encoded UTF-8, plus an ASCII fallback.
std::string Disposition(const std::string& name) {
  std::string ascii;
  for (unsigned char c : name)
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? char(c) : '_';
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + http::UrlEncode(name);
}

http::Response DownloadPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  std::string name = req.params.count("name") ? req.params.at("name") : "";
  // The name in the URL must be the stored (sanitised) name: "../" and friends never match.
  if (name.find("..") != std::string::npos || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos)
    return ErrorPage(req, lang, Status::Invalid({"files.bad_name", {}}));
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  files::FileStore store(*w.db, w.config->FilesDir(), *w.clock);
  auto f = store.Get(*id);
  if (!f.ok() || f->name != name) return NotFoundPage(req, w);
  // Private files: the owner and staff only; to anyone else they do not exist.
  bool allowed = f->visibility == "public" ||
                 (req.principal.signed_in() &&
                  (f->owner_user_id == req.principal.user_id || req.principal.SeesEverything()));
  if (!allowed) return NotFoundPage(req, w);
  auto bytes = store.Read(*f);
  if (!bytes.ok()) return ErrorPage(req, lang, bytes.status());
  http::Response r;
  r.content_type = f->mime;
  r.body = std::move(*bytes);
  r.Header("Content-Disposition", Disposition(f->name));
  r.Header("Content-Security-Policy", "default-src 'none'; sandbox");
  if (f->visibility != "public") r.Header("Cache-Control", "private, no-store");
  return r;
}

data EntryData(const audit::Entry& e, bool full) {
  data d;
  d.set("seq", std::to_string(e.seq));
  d.set("at", e.at);
  d.set("action", e.action);
  d.set("subject", e.subject);
  d.set("rule_set", e.rule_set.empty() ? data(data::type::bool_false) : data(e.rule_set));
  d.set("hash", e.hash);
  d.set("prev_hash", e.prev_hash);
  d.set("actor", full ? e.actor : std::string());
  d.set("address", full ? e.address : std::string());
  std::string detail;
  for (const auto& [k, v] : e.detail) detail += (detail.empty() ? "" : "; ") + k + "=" + v;
  d.set("detail", detail);
  return d;
}

http::Response AuditPageImpl(const http::Request& req, http::Worker& w, bool full) {
  std::string lang = Lang(req);
  int64_t before = 0;
  if (!req.Query("before").empty()) {
    http::Request probe;
    probe.params["x"] = req.Query("before");
    auto b = PathId(probe, "x");
    if (!b)
      return ErrorPage(
          req, lang,
          Status::Invalid({"web.bad_param", {{"name", "before"}, {"value", req.Query("before")}}}));
    before = *b;
  }
  audit::AuditLog log(*w.db, *w.clock);
  auto entries = log.List(!full, before, 100);
  if (!entries.ok()) return ErrorPage(req, lang, entries.status());
  data d;
  d.set("full", Bool(full));
  data list{data::type::list};
  for (const auto& e : *entries) list.push_back(EntryData(e, full));
  d.set("entries", list);
  d.set("empty", Bool(entries->empty()));
  if (entries->size() == 100)
    d.set("older_url", std::string(full ? "/admin/audit" : "/audit") +
                           "?before=" + std::to_string(entries->back().seq));
  return Page(req, lang, T(full ? "web.audit_full_title" : "web.audit_title", lang), "audit", d);
}

http::Response PublicAuditPage(const http::Request& req, http::Worker& w) {
  return AuditPageImpl(req, w, false);
}
http::Response FullAuditPage(const http::Request& req, http::Worker& w) {
  return AuditPageImpl(req, w, true);
}

http::Response DeniedPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  // Rendered by the gate (which sets these parameters); asked for directly it does not exist.
  if (!req.params.count("reason")) return NotFoundPage(req, w);
  std::string reason = req.params.count("reason") ? req.params.at("reason") : "forbidden";
  std::string status = req.params.count("status") ? req.params.at("status") : "403";
  return MessagePage(req, lang, status == "400" ? 400 : 403,
                     T(status == "400" ? "web.bad_request_title" : "web.forbidden_title", lang),
                     T(reason == "csrf"       ? "web.csrf_text"
                       : reason == "bad_form" ? "web.bad_form_text"
                                              : "web.forbidden_text",
                       lang));
}

}  // namespace

void AddFileAndAuditRoutes(std::vector<http::Route>& routes) {
  http::Route upload{"POST", "/files", "signed_in", "page", "Upload a file", UploadPost};
  upload.cacheable = false;
  routes.push_back(upload);
  http::Route download{"GET",
                       "/files/:id/:name",
                       "public",
                       "page",
                       "Download a file (owner, staff, or public files)",
                       DownloadPage};
  download.cacheable = false;
  routes.push_back(download);
  // The audit chain changes without the change log the response cache follows: never cached.
  http::Route audit{
      "GET", "/audit", "public", "page", "Public decisions with their hashes", PublicAuditPage};
  audit.cacheable = false;
  routes.push_back(audit);
  http::Route full{"GET",  "/admin/audit",          "audit.read",
                   "page", "The whole audit chain", FullAuditPage};
  full.cacheable = false;
  routes.push_back(full);
  routes.push_back({"GET", "/403", "public", "denied", "Not allowed", DeniedPage});
}

}  // namespace ketnoi::web
