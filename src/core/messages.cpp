#include "core/messages.h"

#include <string_view>

namespace ketnoi {

namespace {
struct Entry {
  std::string_view id, vi, en;
};

// Keep sorted by id within each group; ids are module.reason.
constexpr Entry kCatalog[] = {
    // config
    {"config.bad_lang", "Ngôn ngữ \"{value}\" không được hỗ trợ (chỉ \"vi\" hoặc \"en\").",
     "Language \"{value}\" is not supported (only \"vi\" or \"en\")."},
    {"config.bad_number", "Giá trị \"{value}\" của \"{key}\" phải là số nguyên từ {min} đến {max}.",
     "The value \"{value}\" of \"{key}\" must be a whole number from {min} to {max}."},
    {"config.bad_value", "{file}: khoá \"{key}\" có giá trị không hợp lệ.",
     "{file}: key \"{key}\" has an invalid value."},
    {"config.parse_error", "{file}, dòng {line}: không đọc được cấu hình ({reason}).",
     "{file}, line {line}: cannot read the configuration ({reason})."},
    {"config.unknown_key", "{file}: khoá cấu hình \"{key}\" không tồn tại.",
     "{file}: there is no configuration key \"{key}\"."},
    // store
    {"store.bad_url",
     "Địa chỉ cơ sở dữ liệu \"{url}\" không hợp lệ (dùng sqlite:ĐƯỜNG_DẪN hoặc postgresql://…).",
     "Database address \"{url}\" is not valid (use sqlite:PATH or postgresql://…)."},
    {"store.open_failed", "Không mở được cơ sở dữ liệu {url}: {reason}",
     "Cannot open the database {url}: {reason}"},
    {"store.query_failed", "Lỗi cơ sở dữ liệu: {reason}", "Database error: {reason}"},
    {"store.busy", "Cơ sở dữ liệu đang bận, hãy thử lại.", "The database is busy; try again."},
    {"store.constraint", "Dữ liệu vi phạm ràng buộc: {reason}",
     "The data breaks a constraint: {reason}"},
    {"store.migration_failed",
     "Không áp dụng được bản nâng cấp lược đồ {version} ({name}): {reason}",
     "Cannot apply schema migration {version} ({name}): {reason}"},
    {"store.newer_schema",
     "Cơ sở dữ liệu có lược đồ phiên bản {found}, mới hơn phiên bản {known} mà chương trình này "
     "hiểu.",
     "The database schema is at version {found}, newer than version {known} this program knows."},
    // registry
    {"registry.required", "Trường \"{field}\" là bắt buộc.", "The field \"{field}\" is required."},
    {"registry.too_long", "Trường \"{field}\" dài quá {max} ký tự.",
     "The field \"{field}\" is longer than {max} characters."},
    {"registry.bad_enum",
     "Trường \"{field}\" không nhận giá trị \"{value}\" (được phép: {allowed}).",
     "The field \"{field}\" does not accept \"{value}\" (allowed: {allowed})."},
    {"registry.bad_field_code", "Mã lĩnh vực \"{value}\" không có trong bảng phân loại.",
     "The S&T field code \"{value}\" is not in the classification."},
    {"registry.bad_period", "Ngày kết thúc {end} trước ngày bắt đầu {start}.",
     "The end date {end} is before the start date {start}."},
    {"registry.negative_money", "Trường \"{field}\" không được âm.",
     "The field \"{field}\" cannot be negative."},
    {"registry.not_found", "Không tìm thấy {entity} có mã số {id}.", "No {entity} with id {id}."},
    {"registry.bad_reference", "Trường \"{field}\" trỏ tới {entity} số {id} không tồn tại.",
     "The field \"{field}\" refers to {entity} {id}, which does not exist."},
    {"registry.bad_orcid",
     "ORCID \"{value}\" không hợp lệ (dạng 0000-0000-0000-000X, kiểm tra số cuối).",
     "ORCID \"{value}\" is not valid (form 0000-0000-0000-000X, check digit)."},
    {"registry.bad_tax_code",
     "Mã số thuế \"{value}\" phải gồm 10 chữ số (hoặc 10 chữ số, dấu - và 3 chữ số).",
     "Tax code \"{value}\" must be 10 digits (or 10 digits, a dash and 3 digits)."},
    {"registry.bad_ror", "ROR \"{value}\" không hợp lệ (dạng https://ror.org/0xxxxxxxx).",
     "ROR id \"{value}\" is not valid (form https://ror.org/0xxxxxxxx)."},
    // search
    {"search.index_locked", "Chỉ mục tìm kiếm đang được tiến trình khác cập nhật.",
     "The search index is being updated by another process."},
    {"search.index_error", "Lỗi chỉ mục tìm kiếm: {reason}", "Search index error: {reason}"},
    {"search.bad_query", "Câu truy vấn không hợp lệ: {reason}", "The query is not valid: {reason}"},
    {"search.bad_sort", "Cách sắp xếp \"{value}\" không có (relevance, date, budget, title).",
     "There is no sort order \"{value}\" (relevance, date, budget, title)."},
    {"search.unknown_filter", "Bộ lọc \"{name}\" không có.", "There is no filter \"{name}\"."},
    // cli
    {"cli.demo_done",
     "Đã tạo {tasks} nhiệm vụ mẫu ({orgs} tổ chức, {people} cá nhân, {programs} chương trình) "
     "trong {seconds} giây.",
     "Created {tasks} demo tasks ({orgs} organisations, {people} people, {programs} programs) in "
     "{seconds} s."},
    {"cli.index_caught_up", "Chỉ mục đã cập nhật {changes} thay đổi (đến số thứ tự {seq}).",
     "The index applied {changes} changes (up to sequence {seq})."},
    {"cli.check_ok", "Kho dữ liệu và chỉ mục khớp nhau: {count} nhiệm vụ công khai.",
     "Store and index agree: {count} public tasks."},
    {"cli.check_missing",
     "{count} nhiệm vụ có trong kho nhưng không có trong chỉ mục, ví dụ: {ids}",
     "{count} tasks are in the store but not in the index, e.g. {ids}"},
    {"cli.check_extra",
     "{count} tài liệu trong chỉ mục không ứng với nhiệm vụ công khai nào trong kho, ví dụ: {ids}",
     "{count} index documents match no public task in the store, e.g. {ids}"},
    {"cli.check_lag", "Chỉ mục đang chậm {lag} thay đổi so với nhật ký thay đổi.",
     "The index is {lag} changes behind the change log."},
    {"cli.reindex_done", "Đã lập lại chỉ mục: {count} nhiệm vụ trong {seconds} giây.",
     "Rebuilt the index: {count} tasks in {seconds} s."},
    {"cli.no_results", "Không tìm thấy kết quả nào cho \"{query}\".",
     "Nothing found for \"{query}\"."},
    {"cli.did_you_mean", "Có phải bạn muốn tìm: {suggestion}", "Did you mean: {suggestion}"},
    {"cli.results", "{total} kết quả", "{total} results"},
    {"cli.serve_not_yet",
     "Dữ liệu đã sẵn sàng trong {data}. Cổng thông tin web chưa có trong phiên bản này; dùng "
     "\"ketnoi search\" để tra cứu.",
     "The data is ready in {data}. The web portal is not in this version yet; use \"ketnoi "
     "search\" to search."},
    {"cli.stats",
     "Nhiệm vụ: {tasks} (công khai: {public})\nTổ chức: {orgs}\nCá nhân: {people}\nChương trình: "
     "{programs}\nKinh phí ngân sách nhà nước: {budget}\nChỉ mục: {docs} tài liệu, đã áp dụng thay "
     "đổi {seq}/{last}",
     "Tasks: {tasks} (public: {public})\nOrganisations: {orgs}\nPeople: {people}\nPrograms: "
     "{programs}\nState budget: {budget}\nIndex: {docs} documents, changes applied {seq}/{last}"},
    {"cli.demo_exists", "Thư mục dữ liệu đã có {tasks} nhiệm vụ; không tạo thêm dữ liệu mẫu.",
     "The data directory already holds {tasks} tasks; no demo data added."},
};

void Fill(std::string& out, std::string_view text, const Message& m) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        out += m.Param(text.substr(i + 1, close - i - 1));
        i = close;
        continue;
      }
    }
    out += text[i];
  }
}
}  // namespace

std::string Render(const Message& m, std::string_view lang) {
  for (const Entry& e : kCatalog) {
    if (e.id == m.id) {
      std::string out;
      Fill(out, lang == "en" ? e.en : e.vi, m);
      return out;
    }
  }
  std::string out = m.id;
  for (const auto& [k, v] : m.params) out += " " + k + "=" + v;
  return out;
}

bool HasMessage(std::string_view id) {
  for (const Entry& e : kCatalog)
    if (e.id == id) return !e.vi.empty() && !e.en.empty();
  return false;
}

}  // namespace ketnoi
