// exchange — records in and out of Ketnoi. import.h: tasks from partners' files (CSV, XLSX,
// JSON, JSON Lines), their columns recognised by Vietnamese or English headers, text in UTF-8 or
// the legacy Vietnamese encodings (text/legacy.h) converted to NFC, units converted (triệu đồng →
// đồng), hosts and principal investigators matched by name or created. Two passes: the whole
// file is checked first and nothing is written when any row is bad (unless skip_invalid); then
// every row is written in ONE transaction, keyed by (source, external id) so a second import of
// the same file changes nothing. Each written record keeps its provenance (source, file hash,
// row, time, who). oai.h is the OAI-PMH provider.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "exchange/table.h"
#include "registry/repo.h"
#include "store/db.h"
#include "text/legacy.h"

namespace ketnoi::exchange {

enum class Format { kCsv, kXlsx, kJson, kJsonl };
// "csv", "xlsx", "json", "jsonl" (also "ndjson").
std::optional<Format> ParseFormat(std::string_view name);
// From the file name's extension.
std::optional<Format> FormatOfPath(const std::filesystem::path& path);

struct ImportOptions {
  std::string source;  // "" → from the file name ("dhqg-2023.csv" → "dhqg-2023")
  std::optional<Format> format;
  std::optional<text::Encoding> encoding;  // CSV only; detected when unset
  bool dry_run = false;
  bool skip_invalid = false;
  // Programs named by code that this registry does not have are created (code as name) instead
  // of refusing the row: for a whole registry moved from another Ketnoi.
  bool create_programs = false;
  std::string actor = "cli";
  int64_t actor_id = 0;
  // Extra header → field mappings ("Tên đề tài" → "title"), on top of the built-in ones.
  std::map<std::string, std::string> mapping;
  size_t max_errors = 100;  // errors listed in the report (all are counted)
};

struct RowError {
  int64_t row = 0;     // as the user sees it: the spreadsheet row, the JSONL line, the item
  std::string column;  // the header as written in the file ("" for the whole row)
  std::string value;
  Message message;  // why, in the catalog (rendered in the user's language)
};

struct ImportReport {
  std::string file, source, format, encoding, sha256;
  int64_t rows = 0, added = 0, changed = 0, unchanged = 0, rejected = 0;
  int64_t organisations_added = 0, people_added = 0;
  std::vector<std::string> programs_added;   // codes (ImportOptions::create_programs)
  std::vector<RowError> errors;              // the first max_errors
  std::vector<std::string> ignored_columns;  // headers that map to no field
  bool committed = false;                    // false for a dry run or a refused file
};

// The fields a column can map to (for mapping files and messages).
const std::vector<std::string>& TaskImportFields();

using ImportProgress = std::function<void(int64_t done, int64_t total)>;

// Reads, checks and (unless dry_run or refused) writes. Errors of the file as a whole (cannot
// read, unknown format, no usable header) are a non-OK Result; row errors are in the report.
Result<ImportReport> ImportTasks(store::Db& db, registry::Registry& registry, const Clock& clock,
                                 const std::filesystem::path& file, const ImportOptions& options,
                                 const ImportProgress& progress = nullptr);

// The same on a table already read (the harvester's records): `report` comes with file, source,
// format, encoding and sha256 filled in; `provenance_name` is what provenance records as the file
// name. Joins the caller's open transaction (and then leaves the commit to it).
Result<ImportReport> ImportTable(store::Db& db, registry::Registry& registry, const Clock& clock,
                                 const Table& table, ImportReport report,
                                 const std::string& provenance_name, const ImportOptions& options,
                                 const ImportProgress& progress = nullptr);

}  // namespace ketnoi::exchange
