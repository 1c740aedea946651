// Downloads of a whole search result: /export?format=csv|xlsx|jsonl with every parameter of the
// search page. CSV and JSON Lines are streamed a batch at a time; XLSX is written to a temporary
// file (libxlsxwriter writes files) and streamed from it.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>

#include "core/messages.h"
#include "exchange/export.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

http::Response ExportDownload(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto format = exchange::ParseExportFormat(req.Query("format"));
  if (!format)
    return ErrorPage(req, lang,
                     Status::Invalid({"export.bad_format", {{"value", req.Query("format")}}}));
  auto sr = SearchFromQuery(req, lang, 20);
  if (!sr.ok()) return ErrorPage(req, lang, sr.status());
  auto ids = w.searcher->MatchingIds(*sr);
  if (!ids.ok()) return ErrorPage(req, lang, ids.status());
  std::string stamp = w.clock->Today().Iso();
  http::Response r;
  r.Header("Cache-Control", "no-store");
  if (*format == exchange::ExportFormat::kXlsx) {
    static std::atomic<int> counter{0};
    auto path =
        std::filesystem::temp_directory_path() /
        ("ketnoi-export-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".xlsx");
    auto rows = exchange::ExportTasksXlsx(*w.registry, *w.searcher, *sr, lang, path);
    if (!rows.ok()) {
      std::filesystem::remove(path);
      return ErrorPage(req, lang, rows.status());
    }
    auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
    std::filesystem::remove(path);  // the open stream keeps the bytes until it closes
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.Header("Content-Disposition", "attachment; filename=\"nhiem-vu-" + stamp + ".xlsx\"");
    r.stream = [file](std::string& piece) {
      piece.resize(64 * 1024);
      file->read(piece.data(), static_cast<std::streamsize>(piece.size()));
      piece.resize(static_cast<size_t>(file->gcount()));
      return !piece.empty();
    };
    return r;
  }
  auto exporter =
      std::make_shared<exchange::TaskExporter>(*w.registry, std::move(*ids), *format, lang);
  bool csv = *format == exchange::ExportFormat::kCsv;
  r.content_type = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  r.Header("Content-Disposition",
           "attachment; filename=\"nhiem-vu-" + stamp + (csv ? ".csv\"" : ".jsonl\""));
  r.stream = [exporter](std::string& piece) { return exporter->Next(piece); };
  return r;
}

}  // namespace

void AddExportRoutes(std::vector<http::Route>& routes) {
  http::Route r{"GET",
                "/export",
                "public",
                "api",
                "Download a whole search result as CSV, XLSX or JSON Lines",
                ExportDownload,
                {{"format", "csv | xlsx | jsonl"},
                 {"q", "Query, as for /api/v1/tasks (every filter parameter applies)"}}};
  r.cacheable = false;
  r.produces = {"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/x-ndjson"};
  routes.push_back(r);
}

}  // namespace ketnoi::web
