#pragma once
// Export of any search result (every filter of the search page) as CSV (UTF-8 with a BOM so
// Excel shows Vietnamese; cells that start with = + - @ are neutralised against formula
// injection), XLSX (libxlsxwriter in constant-memory mode: Vietnamese headers, money and date
// formats, a frozen header row, an autofilter) or JSON Lines. Rows are read in batches of 500
// and written as they come: a million rows never sit in memory; there is no row cap.
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "core/status.h"
#include "registry/repo.h"
#include "search/index.h"

namespace ketnoi::exchange {

enum class ExportFormat { kCsv, kXlsx, kJsonl };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);

// A CSV cell: quoted when needed; a leading = + - @ (or tab, CR) gets a ' so spreadsheet
// programs show it as text instead of running it.
std::string CsvCell(std::string_view value);

using ExportProgress = std::function<void(int64_t done, int64_t total)>;

// CSV or JSON Lines a piece at a time (the header, then a batch of rows per call), for
// responses streamed as they are produced.
class TaskExporter {
 public:
  TaskExporter(registry::Registry& registry, std::vector<int64_t> ids, ExportFormat format,
               std::string lang);
  // Appends the next piece to `out`; false once everything has been given. A store error is
  // kept in status() and ends the export.
  bool Next(std::string& out);
  const Status& status() const { return status_; }
  int64_t rows() const { return rows_; }
  int64_t total() const { return static_cast<int64_t>(ids_.size()); }

 private:
  registry::Registry& registry_;
  std::vector<int64_t> ids_;
  ExportFormat format_;
  std::string lang_;
  size_t next_ = 0;
  bool header_done_ = false;
  int64_t rows_ = 0;
  Status status_;
};

// Writes CSV or JSON Lines to `out`; returns the number of rows.
Result<int64_t> ExportTasks(registry::Registry& registry, const search::Searcher& searcher,
                            const search::SearchRequest& request, ExportFormat format,
                            const std::string& lang, std::ostream& out,
                            const ExportProgress& progress = nullptr);
// Writes an XLSX workbook to `path` (libxlsxwriter writes files, not streams).
Result<int64_t> ExportTasksXlsx(registry::Registry& registry, const search::Searcher& searcher,
                                const search::SearchRequest& request, const std::string& lang,
                                const std::filesystem::path& path,
                                const ExportProgress& progress = nullptr);

}  // namespace ketnoi::exchange
