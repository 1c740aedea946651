#include "exchange/export.h"

#include <xlsxwriter.h>

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "registry/model.h"

namespace ketnoi::exchange {

namespace {

constexpr size_t kBatch = 500;

struct Column {
  const char* vi;
  const char* en;
  enum Kind { kText, kMoney, kDate } kind = kText;
  std::function<std::string(const registry::TaskRecord&, const std::string& lang)> text;
  std::function<int64_t(const registry::TaskRecord&)> money = nullptr;
  std::function<std::optional<Date>(const registry::TaskRecord&)> date = nullptr;
};

const std::vector<Column>& Columns() {
  using R = registry::TaskRecord;
  static const std::vector<Column> kColumns = {
      {"Mã nhiệm vụ", "Code", Column::kText,
       [](const R& r, const std::string&) { return r.task.code; }},
      {"Tên nhiệm vụ", "Title", Column::kText,
       [](const R& r, const std::string&) { return r.task.title; }},
      {"Loại", "Kind", Column::kText,
       [](const R& r, const std::string& l) {
         return registry::Label(registry::TaskKinds(), r.task.kind, l);
       }},
      {"Cấp", "Level", Column::kText,
       [](const R& r, const std::string& l) {
         return registry::Label(registry::TaskLevels(), r.task.level, l);
       }},
      {"Lĩnh vực", "Field", Column::kText,
       [](const R& r, const std::string&) {
         return r.task.field_code.empty() ? "" : r.task.field_code + " " + r.field_name_vi;
       }},
      {"Chương trình", "Program", Column::kText,
       [](const R& r, const std::string&) { return r.program_code; }},
      {"Cơ quan chủ trì", "Host organisation", Column::kText,
       [](const R& r, const std::string&) { return r.host_name; }},
      {"Chủ nhiệm", "Principal investigator", Column::kText,
       [](const R& r, const std::string&) { return r.pi_name; }},
      {"Ngày bắt đầu", "Start", Column::kDate,
       [](const R& r, const std::string&) { return r.task.start ? r.task.start->Iso() : ""; },
       nullptr, [](const R& r) { return r.task.start; }},
      {"Ngày kết thúc", "End", Column::kDate,
       [](const R& r, const std::string&) { return r.task.end ? r.task.end->Iso() : ""; }, nullptr,
       [](const R& r) { return r.task.end; }},
      {"Kinh phí ngân sách (đồng)", "State budget (đồng)", Column::kMoney,
       [](const R& r, const std::string&) { return std::to_string(r.task.budget_state.dong); },
       [](const R& r) { return r.task.budget_state.dong; }},
      {"Kinh phí khác (đồng)", "Other funding (đồng)", Column::kMoney,
       [](const R& r, const std::string&) { return std::to_string(r.task.budget_other.dong); },
       [](const R& r) { return r.task.budget_other.dong; }},
      {"Tình trạng", "Status", Column::kText,
       [](const R& r, const std::string& l) {
         return registry::Label(registry::TaskStatuses(), r.task.status, l);
       }},
      {"Từ khóa", "Keywords", Column::kText,
       [](const R& r, const std::string&) {
         std::string s;
         for (const auto& k : r.task.keywords) s += (s.empty() ? "" : "; ") + k;
         return s;
       }},
      {"Tóm tắt", "Abstract", Column::kText,
       [](const R& r, const std::string&) { return r.task.abstract; }},
      {"Nguồn", "Source", Column::kText,
       [](const R& r, const std::string&) { return r.task.source; }},
      {"Mã bản ghi", "Record id", Column::kText,
       [](const R& r, const std::string&) { return r.task.external_id; }},
  };
  return kColumns;
}

// Reads the records of `ids` in batches, in order, calling `row` for each.
Status ForEachRecord(registry::Registry& reg, const std::vector<int64_t>& ids,
                     const std::function<Status(const registry::TaskRecord&)>& row,
                     const ExportProgress& progress) {
  for (size_t i = 0; i < ids.size(); i += kBatch) {
    std::vector<int64_t> batch(ids.begin() + i, ids.begin() + std::min(ids.size(), i + kBatch));
    KETNOI_ASSIGN_OR_RETURN(auto records, reg.GetTaskRecords(batch));
    // GetTaskRecords may return them in another order: follow the search order.
    std::unordered_map<int64_t, const registry::TaskRecord*> by_id;
    for (const auto& r : records) by_id[r.task.id] = &r;
    for (int64_t id : batch) {
      auto it = by_id.find(id);
      if (it == by_id.end() || !it->second->task.IsPublic()) continue;  // changed meanwhile
      KETNOI_RETURN_IF_ERROR(row(*it->second));
    }
    if (progress)
      progress(static_cast<int64_t>(std::min(ids.size(), i + kBatch)),
               static_cast<int64_t>(ids.size()));
  }
  return Status::Ok();
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "xlsx") return ExportFormat::kXlsx;
  if (name == "jsonl" || name == "ndjson") return ExportFormat::kJsonl;
  return std::nullopt;
}

std::string CsvCell(std::string_view v) {
  std::string s(v);
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(s.begin(), '\'');
  if (s.find_first_of(",\"\n\r;") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TaskExporter::TaskExporter(registry::Registry& registry, std::vector<int64_t> ids,
                           ExportFormat format, std::string lang)
    : registry_(registry), ids_(std::move(ids)), format_(format), lang_(std::move(lang)) {}

bool TaskExporter::Next(std::string& out) {
  if (!status_.ok()) return false;
  if (!header_done_) {
    header_done_ = true;
    if (format_ == ExportFormat::kCsv) {
      out += "\xEF\xBB\xBF";
      std::string header;
      for (const auto& c : Columns())
        header += (header.empty() ? "" : ",") + CsvCell(lang_ == "en" ? c.en : c.vi);
      out += header + "\r\n";
      return true;
    }
  }
  if (next_ >= ids_.size()) return false;
  std::vector<int64_t> batch(ids_.begin() + next_,
                             ids_.begin() + std::min(ids_.size(), next_ + kBatch));
  next_ += batch.size();
  status_ = ForEachRecord(
      registry_, batch,
      [&](const registry::TaskRecord& r) -> Status {
        if (format_ == ExportFormat::kCsv) {
          bool first = true;
          for (const auto& c : Columns()) {
            if (!first) out += ',';
            first = false;
            out += CsvCell(c.text(r, lang_));
          }
          out += "\r\n";
        } else {
          nlohmann::ordered_json j;
          j["id"] = r.task.id;
          for (const auto& c : Columns()) {
            if (c.kind == Column::kMoney)
              j[c.en] = c.money(r);
            else
              j[c.en] = c.text(r, lang_);
          }
          out += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          out += "\n";
        }
        ++rows_;
        return Status::Ok();
      },
      nullptr);
  return status_.ok();
}

Result<int64_t> ExportTasks(registry::Registry& reg, const search::Searcher& searcher,
                            const search::SearchRequest& request, ExportFormat format,
                            const std::string& lang, std::ostream& out,
                            const ExportProgress& progress) {
  KETNOI_ASSIGN_OR_RETURN(std::vector<int64_t> ids, searcher.MatchingIds(request));
  TaskExporter exporter(reg, std::move(ids), format, lang);
  std::string piece;
  int64_t done = 0;
  while (exporter.Next(piece)) {
    out << piece;
    piece.clear();
    if (!out) return Status::Io({"export.write_failed", {}});
    if (progress)
      progress(done = std::min<int64_t>(done + kBatch, exporter.total()), exporter.total());
  }
  KETNOI_RETURN_IF_ERROR(exporter.status());
  out.flush();
  if (!out) return Status::Io({"export.write_failed", {}});
  return exporter.rows();
}

Result<int64_t> ExportTasksXlsx(registry::Registry& reg, const search::Searcher& searcher,
                                const search::SearchRequest& request, const std::string& lang,
                                const std::filesystem::path& path, const ExportProgress& progress) {
  KETNOI_ASSIGN_OR_RETURN(std::vector<int64_t> ids, searcher.MatchingIds(request));
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  std::string tmp = path.parent_path().empty() ? "." : path.parent_path().string();
  options.tmpdir = tmp.data();
  lxw_workbook* wb = workbook_new_opt(path.string().c_str(), &options);
  if (!wb) return Status::Io({"export.write_failed", {}});
  lxw_worksheet* ws = workbook_add_worksheet(wb, lang == "en" ? "Tasks" : "Nhiệm vụ");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_text_wrap(bold);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  const auto& cols = Columns();
  for (size_t c = 0; c < cols.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), lang == "en" ? cols[c].en : cols[c].vi,
                           bold);
    double width = cols[c].kind == Column::kText ? 24 : 16;
    if (std::string(cols[c].en) == "Title" || std::string(cols[c].en) == "Abstract") width = 60;
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 0;
  Status s = ForEachRecord(
      reg, ids,
      [&](const registry::TaskRecord& r) -> Status {
        ++row;
        for (size_t c = 0; c < cols.size(); ++c) {
          auto col = static_cast<lxw_col_t>(c);
          if (cols[c].kind == Column::kMoney) {
            worksheet_write_number(ws, row, col, static_cast<double>(cols[c].money(r)), money);
          } else if (cols[c].kind == Column::kDate) {
            if (auto d = cols[c].date(r)) {
              lxw_datetime dt = {d->year, d->month, d->day, 0, 0, 0};
              worksheet_write_datetime(ws, row, col, &dt, date);
            }
          } else {
            std::string v = cols[c].text(r, lang);
            if (!v.empty()) worksheet_write_string(ws, row, col, v.c_str(), nullptr);
          }
        }
        return row < 1048575 ? Status::Ok() : Status::Invalid({"export.xlsx_too_many_rows", {}});
      },
      progress);
  worksheet_autofilter(ws, 0, 0, row, static_cast<lxw_col_t>(cols.size() - 1));
  lxw_error err = workbook_close(wb);
  KETNOI_RETURN_IF_ERROR(s);
  if (err != LXW_NO_ERROR) return Status::Io({"export.write_failed", {}});
  return static_cast<int64_t>(row);
}

}  // namespace ketnoi::exchange
