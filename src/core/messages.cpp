#include "core/messages.h"

#include <string_view>
#include <utility>
#include <vector>

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
    // web (pages and API)
    {"web.site_name", "Kết nối KH&CN Hà Nội", "Ketnoi — Hanoi S&T"},
    {"web.site_tagline",
     "Cơ sở dữ liệu nhiệm vụ khoa học và công nghệ của Sở Khoa học và Công nghệ Hà Nội",
     "The registry of science and technology tasks of the Hanoi Department of Science and "
     "Technology"},
    {"web.skip_to_content", "Bỏ qua, đến nội dung chính", "Skip to main content"},
    {"web.nav_label", "Điều hướng chính", "Main navigation"},
    {"web.nav_home", "Trang chủ", "Home"},
    {"web.nav_search", "Tra cứu nhiệm vụ", "Search tasks"},
    {"web.nav_programs", "Chương trình", "Programs"},
    {"web.nav_fields", "Lĩnh vực", "Fields"},
    {"web.nav_api", "API dữ liệu", "Data API"},
    {"web.switch_lang", "English", "Tiếng Việt"},
    {"web.switch_lang_code", "en", "vi"},
    {"web.search_label", "Tìm nhiệm vụ khoa học và công nghệ",
     "Search science and technology tasks"},
    {"web.search_hint", "Gõ có dấu hoặc không dấu; đặt cụm từ trong dấu ngoặc kép để tìm đúng cụm.",
     "Type with or without Vietnamese accents; put a phrase in double quotes to find it exactly."},
    {"web.search_button", "Tìm kiếm", "Search"},
    {"web.home_counts",
     "Cơ sở dữ liệu đang công khai {tasks} nhiệm vụ, {orgs} tổ chức, {people} nhà khoa học và "
     "{programs} chương trình.",
     "The registry publishes {tasks} tasks, {orgs} organisations, {people} scientists and "
     "{programs} programs."},
    {"web.latest_tasks", "Nhiệm vụ mới nhất", "Latest tasks"},
    {"web.results_count", "Tìm thấy {total} nhiệm vụ", "{total} tasks found"},
    {"web.results_count_about", "Tìm thấy khoảng {total} nhiệm vụ", "About {total} tasks found"},
    {"web.did_you_mean", "Có phải bạn muốn tìm", "Did you mean"},
    {"web.no_results", "Không tìm thấy nhiệm vụ nào.", "No task was found."},
    {"web.no_results_help",
     "Hãy thử ít từ hơn, bỏ bớt bộ lọc hoặc kiểm tra chính tả. Có thể gõ không dấu: \"benh vien\" "
     "cũng tìm được \"bệnh viện\".",
     "Try fewer words, remove a filter or check the spelling. Accents are optional: \"benh vien\" "
     "also finds \"bệnh viện\"."},
    {"web.results_label", "Kết quả tìm kiếm", "Search results"},
    {"web.refine_label", "Thu hẹp kết quả", "Refine the results"},
    {"web.sort_label", "Sắp xếp", "Sort"},
    {"web.sort_relevance", "Liên quan nhất", "Most relevant"},
    {"web.sort_date", "Mới nhất", "Newest"},
    {"web.sort_budget", "Kinh phí lớn nhất", "Largest budget"},
    {"web.sort_title", "Theo tên (A–Z)", "By title (A–Z)"},
    {"web.facet_field", "Lĩnh vực", "Field"},
    {"web.facet_level", "Cấp quản lý", "Level"},
    {"web.facet_kind", "Loại nhiệm vụ", "Kind"},
    {"web.facet_program", "Chương trình", "Program"},
    {"web.facet_status", "Tình trạng", "Status"},
    {"web.facet_year", "Năm bắt đầu", "Start year"},
    {"web.facet_host", "Tổ chức chủ trì", "Host organisation"},
    {"web.facet_source", "Nguồn dữ liệu", "Source"},
    {"web.facet_district", "Quận, huyện", "District"},
    {"web.filters_active", "Đang lọc theo", "Filtered by"},
    {"web.remove_filter", "bỏ lọc", "remove"},
    {"web.pagination_label", "Phân trang", "Pagination"},
    {"web.prev", "Trang trước", "Previous page"},
    {"web.next", "Trang sau", "Next page"},
    {"web.page_of", "Trang {page}/{pages}", "Page {page} of {pages}"},
    {"web.code", "Mã số", "Code"},
    {"web.kind", "Loại nhiệm vụ", "Kind"},
    {"web.level", "Cấp quản lý", "Level"},
    {"web.field", "Lĩnh vực", "Field"},
    {"web.program", "Chương trình", "Program"},
    {"web.host", "Tổ chức chủ trì", "Host organisation"},
    {"web.parent_body", "Cơ quan chủ quản", "Parent body"},
    {"web.pi", "Chủ nhiệm nhiệm vụ", "Principal investigator"},
    {"web.members", "Thành viên thực hiện", "Members"},
    {"web.period", "Thời gian thực hiện", "Period"},
    {"web.budget_state", "Kinh phí từ ngân sách", "State budget"},
    {"web.budget_other", "Kinh phí từ nguồn khác", "Other sources"},
    {"web.budget_total", "Tổng kinh phí", "Total budget"},
    {"web.objectives", "Mục tiêu", "Objectives"},
    {"web.content", "Nội dung chính", "Main content"},
    {"web.products", "Sản phẩm dự kiến", "Expected products"},
    {"web.quantity", "Số lượng", "Quantity"},
    {"web.quality", "Yêu cầu chất lượng", "Quality target"},
    {"web.product", "Sản phẩm", "Product"},
    {"web.abstract", "Tóm tắt", "Abstract"},
    {"web.keywords", "Từ khóa", "Keywords"},
    {"web.status", "Tình trạng", "Status"},
    {"web.result", "Kết quả", "Result"},
    {"web.archive_no", "Số đăng ký kết quả", "Result registration number"},
    {"web.applied_at", "Nơi ứng dụng kết quả", "Where the result is applied"},
    {"web.source", "Nguồn dữ liệu", "Source"},
    {"web.role", "Vai trò", "Role"},
    {"web.name", "Họ và tên", "Name"},
    {"web.org_type", "Loại hình", "Type"},
    {"web.district", "Quận, huyện", "District"},
    {"web.tax_code", "Mã số thuế", "Tax code"},
    {"web.website", "Trang thông tin", "Website"},
    {"web.tasks_hosted", "Nhiệm vụ chủ trì", "Tasks hosted"},
    {"web.affiliation", "Cơ quan công tác", "Affiliation"},
    {"web.expertise", "Lĩnh vực chuyên môn", "Expertise"},
    {"web.tasks_led", "Nhiệm vụ làm chủ nhiệm", "Tasks led"},
    {"web.program_period", "Giai đoạn", "Period"},
    {"web.program_budget", "Kinh phí chương trình", "Program budget"},
    {"web.board", "Ban chủ nhiệm chương trình", "Program board"},
    {"web.sample_note", "Tên chương trình này là dữ liệu mẫu.",
     "This program's name is sample data."},
    {"web.program_tasks", "Nhiệm vụ thuộc chương trình", "Tasks in the program"},
    {"web.program_totals", "{count} nhiệm vụ, tổng kinh phí ngân sách {state}, nguồn khác {other}.",
     "{count} tasks, state budget {state} in all, other sources {other}."},
    {"web.see_all", "Xem tất cả", "See all"},
    {"web.programs_title", "Các chương trình KH&CN của thành phố", "The city's S&T programs"},
    {"web.fields_title", "Bảng phân loại lĩnh vực KH&CN (QĐ 12/2008/QĐ-BKHCN)",
     "S&T field classification (Decision 12/2008/QĐ-BKHCN)"},
    {"web.field_tasks", "Nhiệm vụ trong lĩnh vực", "Tasks in this field"},
    {"web.subfields", "Lĩnh vực con", "Sub-fields"},
    {"web.not_found_title", "Không tìm thấy trang", "Page not found"},
    {"web.not_found_text",
     "Trang bạn tìm không tồn tại, đã được chuyển đi hoặc không được công khai.",
     "The page you are looking for does not exist, has moved, or is not public."},
    {"web.back_home", "Về trang chủ", "Back to the home page"},
    {"web.bad_request_title", "Yêu cầu không hợp lệ", "Invalid request"},
    {"web.error_title", "Đã có lỗi", "Something went wrong"},
    {"web.footer",
     "Sở Khoa học và Công nghệ Hà Nội. Nhiệm vụ mật không được công bố trên cổng thông tin này.",
     "Hanoi Department of Science and Technology. Secret tasks are never published on this "
     "portal."},
    {"web.bad_param", "Tham số \"{name}\" không hợp lệ: {reason}",
     "The parameter \"{name}\" is not valid: {reason}"},
    {"web.param_range", "phải là số nguyên từ {min} đến {max}",
     "it must be a whole number from {min} to {max}"},
    {"web.param_value", "không nhận giá trị \"{value}\"", "it does not accept \"{value}\""},
    {"web.listen_failed", "Không mở được địa chỉ {address}: {reason}",
     "Cannot listen on {address}: {reason}"},
    {"web.serving", "Ketnoi đang phục vụ tại http://{address}/ (dừng: Ctrl+C).",
     "Ketnoi is serving on http://{address}/ (stop: Ctrl+C)."},
    {"web.nav_dupcheck", "Tra cứu trùng lặp", "Duplicate check"},
    {"web.dupcheck_title", "Tra cứu trùng lặp nhiệm vụ", "Duplicate check"},
    {"web.dupcheck_intro",
     "Nhập tên (và tóm tắt) của nhiệm vụ dự kiến đề xuất để xem các nhiệm vụ công khai đã có tương "
     "tự đến đâu. Gõ có dấu hay không dấu đều được.",
     "Enter the title (and abstract) of a task you intend to propose to see how close the known "
     "public tasks are. Accents are optional."},
    {"web.dup_title_label", "Tên nhiệm vụ đề xuất", "Proposed title"},
    {"web.dup_abstract_label", "Tóm tắt (không bắt buộc)", "Abstract (optional)"},
    {"web.dup_button", "Kiểm tra trùng lặp", "Check"},
    {"web.dup_results", "Các nhiệm vụ tương tự", "Similar tasks"},
    {"web.dup_score", "Độ tương đồng", "Similarity"},
    {"web.dup_band", "Đánh giá", "Verdict"},
    {"web.dup_proposed", "Đề xuất (phần trùng được tô)", "Proposal (shared words marked)"},
    {"web.dup_match", "Nhiệm vụ đã có", "Known task"},
    {"web.dup_none", "Không thấy nhiệm vụ công khai nào tương tự.",
     "No similar public task was found."},
    {"web.dup_rules",
     "Trùng lặp khi độ tương đồng ≥ {duplicate}, liên quan khi ≥ {related} (bộ quy tắc {version}).",
     "Duplicate at similarity ≥ {duplicate}, related at ≥ {related} (rule set {version})."},
    {"web.not_found_api", "Không tìm thấy {entity} số {id}.", "No {entity} with id {id}."},
    // dedup
    {"dedup.empty_probe",
     "Cần ít nhất tên nhiệm vụ, tóm tắt hoặc tệp thuyết minh để kiểm tra trùng lặp.",
     "A duplicate check needs at least a title, an abstract or a description file."},
    {"dedup.file_type", "{file}: không phải tệp PDF, DOCX hay văn bản UTF-8.",
     "{file}: this is not a PDF, a DOCX or UTF-8 text."},
    {"dedup.file_unreadable",
     "Không đọc được tệp {file} (hỏng, có mật khẩu hoặc không có nội dung văn bản).",
     "Cannot read the file {file} (damaged, password-protected or without text)."},
    {"dedup.band_duplicate", "trùng lặp", "duplicate"},
    {"dedup.band_related", "liên quan", "related"},
    {"dedup.band_different", "khác", "different"},
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

std::vector<std::pair<std::string, std::string>> MessagesWithPrefix(std::string_view prefix,
                                                                    std::string_view lang) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Entry& e : kCatalog)
    if (e.id.substr(0, prefix.size()) == prefix)
      out.emplace_back(std::string(e.id.substr(prefix.size())),
                       std::string(lang == "en" ? e.en : e.vi));
  return out;
}

bool HasMessage(std::string_view id) {
  for (const Entry& e : kCatalog)
    if (e.id == id) return !e.vi.empty() && !e.en.empty();
  return false;
}

}  // namespace ketnoi
