#pragma once
// A partner's file as a table: a header row and rows of cells, each row with the number the user
// sees (the spreadsheet row, the JSON Lines line, the item). Readers for CSV (RFC 4180, the
// delimiter guessed), the first sheet of an XLSX workbook, JSON (an array of objects or
// {"items": [...]}) and JSON Lines. Depends on nothing but core, so fuzz targets can link it alone.
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace ketnoi::exchange {

struct Row {
  int64_t number = 0;
  std::vector<std::string> cells;
};
struct Table {
  std::vector<std::string> header;
  std::vector<Row> rows;
};

// Invalid "import.unreadable" {file, reason}.
Status UnreadableFile(const std::string& file, const std::string& reason);

// `text` is UTF-8 (legacy encodings are converted before).
Result<Table> ParseCsv(const std::string& text, const std::string& file);
Result<Table> ParseXlsx(const std::string& bytes, const std::string& file);
Result<Table> ParseJson(const std::string& text, const std::string& file, bool lines);

}  // namespace ketnoi::exchange
