#include "app/cli.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <memory>
#include <mutex>

#include "app/json_out.h"
#include "app/progress.h"
#include "audit/audit.h"
#include "auth/accounts.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/messages.h"
#include "dedup/dedup.h"
#include "dedup/extract.h"
#include "exchange/export.h"
#include "exchange/harvest.h"
#include "exchange/import.h"
#include "text/legacy.h"
#include "demo/demo.h"
#include "http/server.h"
#include "registry/repo.h"
#include "search/index.h"
#include "selection/workflow.h"
#include "store/change_log.h"
#include "store/db.h"
#include "text/text.h"
#include "web/site.h"

namespace ketnoi::app {

namespace {

// An opened data directory: configuration, store, registry, index.
struct DataDir {
  Config config;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<registry::Registry> registry;
  std::unique_ptr<search::Indexer> indexer;
  std::unique_ptr<search::Searcher> searcher;
};

// A sample ordering round, so the selection pages of a fresh demo are not empty: the shipped
// rule sets, one open round of the first program, four proposals by a sample applicant (each
// checked for duplicates against the demo corpus), three forwarded by the program board. The
// applicant's account gets a random password nobody knows; it exists only to own the samples.
Status SeedSelectionDemo(DataDir& d) {
  selection::Workflow wf(*d.db, *d.registry, SystemClock::Instance());
  KETNOI_RETURN_IF_ERROR(wf.SeedRuleSets());
  KETNOI_ASSIGN_OR_RETURN(auto rounds, wf.ListRounds());
  if (!rounds.empty()) return Status::Ok();
  KETNOI_ASSIGN_OR_RETURN(auto programs, d.registry->ListPrograms());
  KETNOI_ASSIGN_OR_RETURN(auto rule_sets, wf.ListRuleSets());
  if (programs.empty() || rule_sets.empty()) return Status::Ok();
  int64_t rule_set = rule_sets.front().id;
  for (const auto& r : rule_sets)
    if (r.rules.code == "tt08-2017") rule_set = r.id;
  KETNOI_ASSIGN_OR_RETURN(auto people,
                          d.db->Query("SELECT id, affiliation_id FROM people WHERE "
                                      "affiliation_id IS NOT NULL ORDER BY id LIMIT 1"));
  auth::Accounts accounts(*d.db, SystemClock::Instance());
  auth::NewUser u;
  u.email = "nguoi-de-xuat.mau@ketnoi.local";
  u.name = "Người đề xuất (dữ liệu mẫu)";
  u.password = crypto::RandomToken();
  u.roles = {{"applicant", ""}};
  if (!people.empty()) {
    u.person_id = people.Int(0, 0);
    u.organisation_id = people.Int(0, 1);
  }
  KETNOI_ASSIGN_OR_RETURN(auth::User user, accounts.CreateUser(u, auth::Actor{}));
  auth::Principal applicant;
  applicant.user_id = user.id;
  applicant.name = u.name;
  applicant.roles = u.roles;
  applicant.person_id = u.person_id;
  applicant.organisation_id = u.organisation_id;
  auth::Principal office;  // the system acting for department staff and the program board
  office.name = "Dữ liệu mẫu";
  office.roles = {{"staff", ""}, {"board_member", ""}};
  int year = SystemClock::Instance().Today().year;
  Date closes = Date::FromDaysSinceEpoch(SystemClock::Instance().Today().DaysSinceEpoch() + 45);
  KETNOI_ASSIGN_OR_RETURN(
      int64_t round,
      wf.OpenRound(programs.front().id,
                   "Đợt đề xuất đặt hàng năm " + std::to_string(year + 1) + " (dữ liệu mẫu)",
                   year + 1, rule_set, closes.Iso(), office));
  const std::pair<const char*, const char*> samples[] = {
      {"Nghiên cứu quy trình sản xuất chế phẩm vi sinh xử lý rơm rạ thành phân bón hữu cơ tại "
       "các huyện ngoại thành",
       "Giảm đốt rơm rạ sau thu hoạch, tạo phân bón hữu cơ cho vùng trồng rau an toàn"},
      {"Xây dựng cơ sở dữ liệu số hoá di sản văn hoá phi vật thể của Thủ đô",
       "Số hoá và công bố trực tuyến các di sản văn hoá phi vật thể đã được kiểm kê"},
      {"Ứng dụng trí tuệ nhân tạo dự báo ùn tắc giao thông trên các tuyến đường vành đai",
       "Dự báo ùn tắc trước 30 phút từ dữ liệu camera và thiết bị định vị"},
      {"Giải pháp quan trắc tự động chất lượng nước các hồ nội thành",
       "Mạng cảm biến đo chất lượng nước hồ, cảnh báo ô nhiễm theo thời gian thực"},
  };
  int n = 0;
  for (const auto& [title, objectives] : samples) {
    selection::Workflow::ProposalInput in;
    in.round_id = round;
    in.title = title;
    in.objectives = objectives;
    in.budget_dong = int64_t{1'500} * 1'000'000;
    KETNOI_ASSIGN_OR_RETURN(int64_t id, wf.SubmitProposal(in, applicant, d.searcher.get()));
    if (n++ < 3) KETNOI_RETURN_IF_ERROR(wf.Screen(id, true, "", office));
  }
  return Status::Ok();
}

Result<DataDir> OpenDataDir(const ConfigSources& sources) {
  DataDir d;
  KETNOI_ASSIGN_OR_RETURN(d.config, LoadConfig(sources));
  KETNOI_ASSIGN_OR_RETURN(d.db, store::Db::Open(d.config.EffectiveStoreUrl()));
  d.registry = std::make_unique<registry::Registry>(*d.db, SystemClock::Instance());
  KETNOI_RETURN_IF_ERROR(d.registry->SeedReferenceData());
  d.indexer = std::make_unique<search::Indexer>(*d.registry, d.config.IndexDir());
  d.searcher = std::make_unique<search::Searcher>(d.config.IndexDir());
  return d;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void PrintError(const Status& s, const std::string& lang) {
  std::cerr << (lang == "en" ? "Error: " : "Lỗi: ") << Render(s, lang) << "\n";
}

// Applies the change log to the index. A lock held by another process (a running server) is
// not an error for read-only commands: that process keeps the index current.
Status CatchUp(DataDir& d, bool quiet) {
  ProgressBar bar(d.config.lang == "en" ? "Indexing" : "Lập chỉ mục", !quiet);
  auto stats = d.indexer->CatchUp([&](int64_t done, int64_t total) { bar.Update(done, total); });
  bar.Finish();
  if (!stats.ok()) {
    if (stats.status().message().id == "search.index_locked") {
      std::cerr << Render(stats.status(), d.config.lang) << "\n";
      return Status::Ok();
    }
    return stats.status();
  }
  if (stats->changes > 0 && !quiet)
    std::cerr << Render(Message("cli.index_caught_up", {{"changes", std::to_string(stats->changes)},
                                                        {"seq", std::to_string(stats->last_seq)}}),
                        d.config.lang)
              << "\n";
  return Status::Ok();
}

int Fail(const Status& s, const std::string& lang) {
  PrintError(s, lang);
  return 1;
}

std::string Join(const std::vector<int64_t>& ids, size_t max) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < max; ++i)
    out += (i ? ", " : "") + std::to_string(ids[i]);
  if (ids.size() > max) out += ", …";
  return out;
}

int CreateUserCommand(DataDir& d, const std::string& email, const std::string& name,
                      const std::vector<std::string>& roles, bool password_stdin,
                      const std::string& lang) {
  auth::NewUser u;
  u.email = email;
  u.name = name;
  for (const auto& r : roles) {
    size_t at = r.find('@');
    u.roles.push_back({r.substr(0, at), at == std::string::npos ? "" : r.substr(at + 1)});
  }
  bool generated = !password_stdin;
  if (password_stdin) {
    std::getline(std::cin, u.password);
    if (!u.password.empty() && u.password.back() == '\r') u.password.pop_back();
  } else {
    u.password = crypto::RandomToken(12);
  }
  auth::Accounts accounts(*d.db, SystemClock::Instance());
  auto user = accounts.CreateUser(u, auth::Actor{0, "cli", ""});
  if (!user.ok()) return Fail(user.status(), lang);
  std::cout << Render(Message("cli.user_created",
                              {{"id", std::to_string(user->id)}, {"email", user->email}}),
                      lang)
            << "\n";
  if (generated)
    std::cout << Render(Message("cli.user_password", {{"password", u.password}}), lang) << "\n";
  return 0;
}

int AuditVerifyCommand(DataDir& d, const std::string& lang) {
  audit::AuditLog log(*d.db, SystemClock::Instance());
  auto report = log.Verify();
  if (!report.ok()) return Fail(report.status(), lang);
  if (report->first_bad) {
    std::cerr << Render(Message("cli.audit_broken", {{"seq", std::to_string(*report->first_bad)},
                                                     {"reason", report->reason},
                                                     {"checked", std::to_string(report->checked)}}),
                        lang)
              << "\n";
    return 1;
  }
  std::cout << Render(Message("cli.audit_ok", {{"checked", std::to_string(report->checked)}}), lang)
            << "\n";
  return 0;
}

// RFC 5322 text of a queued message (UTF-8 subject as an encoded word).
std::string MailText(const auth::Mail& m) {
  static const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  const std::string& s = m.subject;
  for (size_t i = 0; i < s.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(s[i]) << 16;
    if (i + 1 < s.size()) n |= static_cast<unsigned char>(s[i + 1]) << 8;
    if (i + 2 < s.size()) n |= static_cast<unsigned char>(s[i + 2]);
    b64 += kB64[(n >> 18) & 63];
    b64 += kB64[(n >> 12) & 63];
    b64 += i + 1 < s.size() ? kB64[(n >> 6) & 63] : '=';
    b64 += i + 2 < s.size() ? kB64[n & 63] : '=';
  }
  return "To: " + m.to + "\nSubject: =?UTF-8?B?" + b64 +
         "?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
         "Content-Transfer-Encoding: 8bit\n\n" +
         m.body;
}

int MailCommand(DataDir& d, bool print, const std::string& lang) {
  auth::Accounts accounts(*d.db, SystemClock::Instance());
  auto pending = accounts.PendingMail(1000);
  if (!pending.ok()) return Fail(pending.status(), lang);
  int sent = 0, failed = 0;
  for (const auto& m : *pending) {
    std::string text = MailText(m);
    bool ok = true;
    std::string error;
    if (print) {
      std::cout << text << "\n----\n";
    } else {
      FILE* pipe = popen(d.config.mail_sendmail.c_str(), "w");
      if (!pipe) {
        ok = false;
        error = "cannot start " + d.config.mail_sendmail;
      } else {
        std::fwrite(text.data(), 1, text.size(), pipe);
        int rc = pclose(pipe);
        if (rc != 0) {
          ok = false;
          error = d.config.mail_sendmail + " exited with status " + std::to_string(rc);
        }
      }
    }
    Status s = ok ? accounts.MarkMailSent(m.id) : accounts.MarkMailFailed(m.id, error);
    if (!s.ok()) return Fail(s, lang);
    (ok ? sent : failed)++;
  }
  std::cerr << Render(Message("cli.mail_done",
                              {{"sent", std::to_string(sent)}, {"failed", std::to_string(failed)}}),
                      lang)
            << "\n";
  return failed ? 1 : 0;
}

int ImportCommand(DataDir& d, const std::string& file, const exchange::ImportOptions& opt,
                  bool quiet, const std::string& lang) {
  ProgressBar bar(lang == "en" ? "Importing" : "Nhập dữ liệu", !quiet);
  auto report =
      exchange::ImportTasks(*d.db, *d.registry, SystemClock::Instance(), file, opt,
                            [&](int64_t done, int64_t total) { bar.Update(done, total); });
  bar.Finish();
  if (!report.ok()) return Fail(report.status(), lang);
  for (const auto& e : report->errors)
    std::cerr << Render(Message("import.row_error", {{"file", report->file},
                                                     {"row", std::to_string(e.row)},
                                                     {"column", e.column},
                                                     {"value", e.value},
                                                     {"reason", Render(e.message, lang)}}),
                        lang)
              << "\n";
  if (!report->ignored_columns.empty()) {
    std::string cols;
    for (const auto& c : report->ignored_columns) cols += (cols.empty() ? "" : ", ") + c;
    std::cerr << Render(Message("import.ignored_columns", {{"columns", cols}}), lang) << "\n";
  }
  std::cout << Render(
                   Message("import.summary", {{"file", report->file},
                                              {"format", report->format},
                                              {"encoding", report->encoding},
                                              {"source", report->source},
                                              {"rows", std::to_string(report->rows)},
                                              {"added", std::to_string(report->added)},
                                              {"changed", std::to_string(report->changed)},
                                              {"unchanged", std::to_string(report->unchanged)},
                                              {"rejected", std::to_string(report->rejected)},
                                              {"orgs", std::to_string(report->organisations_added)},
                                              {"people", std::to_string(report->people_added)}}),
                   lang)
            << "\n";
  if (!report->programs_added.empty()) {
    std::string codes;
    for (const auto& c : report->programs_added) codes += (codes.empty() ? "" : ", ") + c;
    std::cout << Render(Message("import.programs_created",
                                {{"count", std::to_string(report->programs_added.size())},
                                 {"codes", codes}}),
                        lang)
              << "\n";
  }
  if (opt.dry_run) {
    std::cout << Render(Message("import.dry_run"), lang) << "\n";
    return report->rejected > 0 ? 1 : 0;
  }
  if (!report->committed) {
    std::cerr << Render(Message("import.refused", {{"rejected", std::to_string(report->rejected)}}),
                        lang)
              << "\n";
    return 1;
  }
  Status s = CatchUp(d, quiet);
  return s.ok() ? 0 : Fail(s, lang);
}

int HarvestCommand(DataDir& d, const exchange::HarvestOptions& opt, bool quiet,
                   const std::string& lang) {
  exchange::HarvestOptions o = opt;
  int64_t shown = 0;
  o.on_page = [&](const exchange::HarvestReport& r) {
    if (!quiet && r.pages > shown) {
      shown = r.pages;
      std::cerr << "\r" << (lang == "en" ? "Harvesting: page " : "Thu thập: trang ") << r.pages
                << ", " << r.records << (lang == "en" ? " records" : " bản ghi") << std::flush;
    }
    return Status::Ok();
  };
  auto report = exchange::Harvest(*d.db, *d.registry, SystemClock::Instance(), o);
  if (!quiet && shown > 0) std::cerr << "\n";
  if (!report.ok()) {
    // What was written stays; a later run continues from the page that failed.
    Status caught = CatchUp(d, true);
    (void)caught;
    return Fail(report.status(), lang);
  }
  if (!quiet) {
    if (report->resumed)
      std::cerr << Render(Message("harvest.resumed",
                                  {{"url", report->url},
                                   {"page", std::to_string(report->resumed_after)}}),
                          lang)
                << "\n";
    else if (!report->from.empty())
      std::cerr << Render(Message("harvest.incremental",
                                  {{"url", report->url}, {"from", report->from}}),
                          lang)
                << "\n";
    else
      std::cerr << Render(Message("harvest.full", {{"url", report->url}}), lang) << "\n";
  }
  for (const auto& e : report->errors)
    std::cerr << Render(
                     Message("harvest.record_error", {{"url", report->url},
                                                      {"identifier", e.identifier},
                                                      {"column", e.error.column},
                                                      {"value", e.error.value},
                                                      {"reason", Render(e.error.message, lang)}}),
                     lang)
              << "\n";
  std::cout << Render(Message("harvest.summary", {{"url", report->url},
                                                  {"source", report->source},
                                                  {"prefix", report->prefix},
                                                  {"pages", std::to_string(report->pages)},
                                                  {"records", std::to_string(report->records)},
                                                  {"added", std::to_string(report->added)},
                                                  {"changed", std::to_string(report->changed)},
                                                  {"unchanged", std::to_string(report->unchanged)},
                                                  {"rejected", std::to_string(report->rejected)},
                                                  {"deleted", std::to_string(report->deleted)}}),
                      lang)
            << "\n";
  Status s = CatchUp(d, quiet);
  return s.ok() ? 0 : Fail(s, lang);
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App cli{"Ketnoi — hệ thống quản lý nhiệm vụ khoa học và công nghệ của Hà Nội"};
  cli.require_subcommand(1);
  ConfigSources sources;
  std::string data_dir = "data", lang, store_url;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--data", data_dir, "Thư mục dữ liệu / data directory")->capture_default_str();
    cmd->add_option("--lang", lang, "vi | en");
    cmd->add_option("--store", store_url, "sqlite:PATH | postgresql://…");
  };
  bool quiet = false;

  auto* demo_cmd = cli.add_subcommand("demo", "Tạo dữ liệu mẫu / build the demo corpus");
  add_common(demo_cmd);
  int64_t demo_tasks = 20000;
  uint64_t demo_seed = 1;
  bool demo_if_empty = false;
  demo_cmd->add_option("--tasks", demo_tasks, "Số nhiệm vụ / number of tasks")
      ->check(CLI::Range(int64_t{0}, int64_t{100000000}))
      ->capture_default_str();
  demo_cmd->add_option("--seed", demo_seed, "Hạt giống / seed")->capture_default_str();
  demo_cmd->add_flag("--if-empty", demo_if_empty,
                     "Chỉ khi chưa có nhiệm vụ / only into an empty store");

  auto* search_cmd = cli.add_subcommand("search", "Tìm kiếm nhiệm vụ / search tasks");
  add_common(search_cmd);
  std::string query, sort = "relevance";
  int limit = 10, offset = 0;
  bool facets = false, json = false;
  std::vector<std::string> filter_args;
  search_cmd->add_option("query", query, "Câu truy vấn / query")->required();
  search_cmd->add_option("--limit", limit)->check(CLI::Range(0, 1000))->capture_default_str();
  search_cmd->add_option("--offset", offset)->check(CLI::Range(0, 100000000));
  search_cmd->add_option("--sort", sort,
                         "relevance|date|date_asc|budget|budget_asc|title|title_desc");
  search_cmd->add_option(
      "--filter", filter_args,
      "name=value (field, level, kind, program, status, year, host, source, district)");
  search_cmd->add_flag("--facets", facets);
  search_cmd->add_flag("--json", json);

  auto* reindex_cmd = cli.add_subcommand("reindex", "Lập lại chỉ mục / rebuild the index");
  add_common(reindex_cmd);
  bool dedup_only = false;
  reindex_cmd->add_flag("--dedup-only", dedup_only,
                        "Chỉ chỉ mục kiểm tra trùng lặp / only the duplicate check's indexes");
  auto* check_cmd = cli.add_subcommand("check", "So khớp kho và chỉ mục / compare store and index");
  add_common(check_cmd);
  bool no_catch_up = false;
  check_cmd->add_flag("--no-catch-up", no_catch_up, "Không cập nhật chỉ mục trước / compare as is");
  auto* stats_cmd = cli.add_subcommand("stats", "Thống kê / statistics");
  add_common(stats_cmd);
  bool stats_json = false;
  stats_cmd->add_flag("--json", stats_json);
  auto* serve_cmd =
      cli.add_subcommand("serve", "Phục vụ cổng thông tin và API / serve the portal and API");
  add_common(serve_cmd);
  std::string bind;
  int port = 0, workers = 0, queue = 0;
  serve_cmd->add_option("--bind", bind, "Địa chỉ / address (server.bind, default 127.0.0.1)");
  serve_cmd->add_option("--port", port, "Cổng / port (server.port, default 8080)")
      ->check(CLI::Range(1, 65535));
  serve_cmd->add_option("--workers", workers, "Luồng xử lý / handler threads")
      ->check(CLI::Range(1, 64));
  serve_cmd->add_option("--queue", queue, "Hàng đợi tối đa / queue limit")
      ->check(CLI::Range(1, 100000));
  auto* dup_cmd = cli.add_subcommand("dupcheck", "Kiểm tra trùng lặp / duplicate check");
  add_common(dup_cmd);
  std::string dup_title, dup_abstract, dup_file;
  int dup_top = 10;
  bool dup_json = false;
  dup_cmd->add_option("--title", dup_title, "Tên nhiệm vụ đề xuất / proposed title");
  dup_cmd->add_option("--abstract", dup_abstract, "Tóm tắt / abstract");
  dup_cmd->add_option("--file", dup_file,
                      "Tệp thuyết minh (PDF, DOCX, văn bản) / description file (PDF, DOCX, text)");
  dup_cmd->add_option("--top", dup_top)->check(CLI::Range(1, 100))->capture_default_str();
  dup_cmd->add_flag("--json", dup_json);
  bool dup_all = false, dup_restricted = false;
  std::string dup_output;
  int64_t dup_limit = 0;
  dup_cmd->add_flag(
      "--all", dup_all,
      "Tìm các cụm trùng lặp trong sổ đăng ký, ghi báo cáo CSV / find the clusters of "
      "duplicates inside the registry and write a CSV report");
  dup_cmd->add_option("--output,-o", dup_output, "Tệp CSV (mặc định: màn hình) / CSV file");
  dup_cmd->add_option("--limit", dup_limit, "Chỉ kiểm tra N nhiệm vụ đầu / check the first N only")
      ->check(CLI::Range(int64_t{0}, int64_t{100000000}));
  dup_cmd->add_flag(
      "--include-restricted", dup_restricted,
      "Cả nhiệm vụ mật, hạn chế (chỉ người có thẩm quyền) / include non-public tasks");
  auto* admin_cmd = cli.add_subcommand("admin", "Quản trị / administration");
  admin_cmd->require_subcommand(1);
  auto* create_user_cmd =
      admin_cmd->add_subcommand("create-user", "Tạo người dùng / create a user");
  add_common(create_user_cmd);
  std::string user_email, user_name;
  std::vector<std::string> user_roles;
  bool password_stdin = false;
  create_user_cmd->add_option("--email", user_email, "Thư điện tử / e-mail")->required();
  create_user_cmd->add_option("--name", user_name, "Họ và tên / full name")->required();
  create_user_cmd->add_option("--role", user_roles,
                              "Vai trò, có thể kèm phạm vi / role, optionally role@scope "
                              "(staff, admin, board_member@program:3, …)");
  create_user_cmd->add_flag("--password-stdin", password_stdin,
                            "Đọc mật khẩu từ dòng đầu của stdin / read the password from stdin "
                            "(otherwise one is generated and printed)");
  auto* audit_cmd = cli.add_subcommand("audit", "Nhật ký kiểm toán / audit chain");
  audit_cmd->require_subcommand(1);
  auto* audit_verify_cmd =
      audit_cmd->add_subcommand("verify", "Kiểm tra chuỗi băm / verify the hash chain");
  add_common(audit_verify_cmd);
  auto* import_cmd = cli.add_subcommand(
      "import", "Nhập nhiệm vụ từ tệp CSV, XLSX, JSON, JSONL / import tasks from a file");
  add_common(import_cmd);
  std::string import_file, import_format, import_source, import_encoding;
  std::vector<std::string> import_maps;
  bool import_dry = false, import_skip = false, import_create_programs = false;
  import_cmd->add_option("file", import_file, "Tệp / file")->required();
  import_cmd->add_option("--format", import_format, "csv | xlsx | json | jsonl");
  import_cmd->add_option("--source", import_source,
                         "Nguồn dữ liệu / source name (default: the file name)");
  import_cmd->add_option("--encoding", import_encoding,
                         "utf-8 | windows-1258 | tcvn3 | vni (default: detected)");
  import_cmd->add_option("--map", import_maps,
                         "\"Tiêu đề cột=trường\" / \"Column header=field\" (repeatable)");
  import_cmd->add_flag("--dry-run", import_dry, "Chạy thử, không ghi / check only, write nothing");
  import_cmd->add_flag("--skip-invalid", import_skip,
                       "Nhập các dòng đúng, bỏ các dòng lỗi / import the good rows only");
  import_cmd->add_flag("--create-programs", import_create_programs,
                       "Tạo các chương trình chưa có (theo mã) / create programs not found (by "
                       "code)");
  auto* export_cmd = cli.add_subcommand(
      "export", "Xuất kết quả tìm kiếm (CSV, XLSX, JSONL) / export a search result");
  add_common(export_cmd);
  std::string export_format = "csv", export_output, export_query, export_sort = "relevance";
  std::vector<std::string> export_filters;
  export_cmd->add_option("--format", export_format, "csv | xlsx | jsonl")->capture_default_str();
  export_cmd->add_option("--output,-o", export_output,
                         "Tệp kết quả / output file (default: standard output; required for xlsx)");
  export_cmd->add_option("--query", export_query, "Câu truy vấn / query (default: everything)");
  export_cmd->add_option("--sort", export_sort);
  export_cmd->add_option("--filter", export_filters, "name=value, as for search");
  auto* harvest_cmd = cli.add_subcommand(
      "harvest", "Thu thập nhiệm vụ từ một điểm OAI-PMH / harvest tasks from an OAI-PMH endpoint");
  add_common(harvest_cmd);
  exchange::HarvestOptions harvest_opt;
  double harvest_delay = 0.5;
  harvest_cmd->add_option("url", harvest_opt.url, "Địa chỉ gốc OAI-PMH / OAI-PMH base URL")
      ->required();
  harvest_cmd->add_option("--prefix", harvest_opt.prefix,
                          "ketnoi | oai_dc (mặc định: ketnoi nếu có / default: ketnoi if offered)");
  harvest_cmd->add_option("--set", harvest_opt.set, "Tập bản ghi / setSpec");
  harvest_cmd->add_option("--source", harvest_opt.source,
                          "Tên nguồn / source name (default: oai-<host>)");
  harvest_cmd->add_flag("--full", harvest_opt.full,
                        "Thu thập toàn bộ, không chỉ phần thay đổi / everything, not just changes");
  harvest_cmd
      ->add_option("--delay", harvest_delay,
                   "Giây nghỉ giữa hai yêu cầu / seconds between requests")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  auto* mail_cmd = cli.add_subcommand("mail", "Gửi thư trong hàng đợi / deliver queued mail");
  add_common(mail_cmd);
  bool mail_print = false;
  mail_cmd->add_flag("--print", mail_print,
                     "In ra thay vì gửi / print instead of sending (marks them sent)");
  for (auto* cmd :
       {demo_cmd, search_cmd, reindex_cmd, check_cmd, stats_cmd, serve_cmd, dup_cmd,
        create_user_cmd, audit_verify_cmd, mail_cmd, import_cmd, export_cmd, harvest_cmd})
    cmd->add_flag("--quiet,-q", quiet, "Không hiện tiến độ / no progress output");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  sources.data_dir = data_dir;
  if (!bind.empty()) sources.flags["server.bind"] = bind;
  if (port) sources.flags["server.port"] = std::to_string(port);
  // The server waits for SIGTERM/SIGINT with sigwait: block them before any thread exists.
  if (*serve_cmd) http::Server::BlockStopSignals();
  if (!lang.empty()) sources.flags["lang"] = lang;
  if (!store_url.empty()) sources.flags["store.url"] = store_url;
  std::string msg_lang = lang == "en" ? "en" : "vi";
  auto opened = OpenDataDir(sources);
  if (!opened.ok()) return Fail(opened.status(), msg_lang);
  DataDir& d = *opened;
  msg_lang = d.config.lang;

  if (*create_user_cmd)
    return CreateUserCommand(d, user_email, user_name, user_roles, password_stdin, msg_lang);
  if (*audit_verify_cmd) return AuditVerifyCommand(d, msg_lang);
  if (*mail_cmd) return MailCommand(d, mail_print, msg_lang);
  if (*export_cmd) {
    if (Status s = CatchUp(d, true); !s.ok()) return Fail(s, msg_lang);
    auto format = exchange::ParseExportFormat(export_format);
    if (!format)
      return Fail(Status::Invalid({"export.bad_format", {{"value", export_format}}}), msg_lang);
    search::SearchRequest req;
    req.query = export_query;
    req.sort = export_sort;
    req.lang = msg_lang;
    for (const auto& f : export_filters) {
      size_t eq = f.find('=');
      if (eq == std::string::npos || eq == 0)
        return Fail(Status::Invalid({"search.unknown_filter", {{"name", f}}}), msg_lang);
      req.filters[f.substr(0, eq)].push_back(f.substr(eq + 1));
    }
    ProgressBar bar(msg_lang == "en" ? "Exporting" : "Xuất dữ liệu",
                    !quiet && !export_output.empty());
    auto on_progress = [&](int64_t done, int64_t total) { bar.Update(done, total); };
    Result<int64_t> rows = int64_t{0};
    if (*format == exchange::ExportFormat::kXlsx) {
      if (export_output.empty())
        return Fail(Status::Invalid({"export.xlsx_needs_output", {}}), msg_lang);
      rows = exchange::ExportTasksXlsx(*d.registry, *d.searcher, req, msg_lang, export_output,
                                       on_progress);
    } else if (export_output.empty()) {
      rows = exchange::ExportTasks(*d.registry, *d.searcher, req, *format, msg_lang, std::cout);
    } else {
      std::ofstream out(export_output, std::ios::binary);
      if (!out)
        return Fail(Status::Io({"export.cannot_open", {{"file", export_output}}}), msg_lang);
      rows =
          exchange::ExportTasks(*d.registry, *d.searcher, req, *format, msg_lang, out, on_progress);
    }
    bar.Finish();
    if (!rows.ok()) return Fail(rows.status(), msg_lang);
    std::cerr << Render(Message("export.done", {{"rows", std::to_string(*rows)}}), msg_lang)
              << "\n";
    return 0;
  }
  if (*harvest_cmd) {
    harvest_opt.delay = std::chrono::milliseconds(static_cast<int64_t>(harvest_delay * 1000));
    harvest_opt.actor = "cli";
    return HarvestCommand(d, harvest_opt, quiet, msg_lang);
  }
  if (*import_cmd) {
    exchange::ImportOptions opt;
    opt.source = import_source;
    opt.dry_run = import_dry;
    opt.skip_invalid = import_skip;
    opt.create_programs = import_create_programs;
    if (!import_format.empty()) {
      opt.format = exchange::ParseFormat(import_format);
      if (!opt.format)
        return Fail(Status::Invalid({"import.unknown_format", {{"file", import_file}}}), msg_lang);
    }
    if (!import_encoding.empty()) {
      opt.encoding = text::ParseEncodingName(import_encoding);
      if (!opt.encoding)
        return Fail(Status::Invalid(
                        {"import.bad_encoding",
                         {{"file", import_file}, {"encoding", import_encoding}, {"offset", "0"}}}),
                    msg_lang);
    }
    for (const auto& m : import_maps) {
      size_t eq = m.rfind('=');
      std::string field = eq == std::string::npos ? "" : m.substr(eq + 1);
      const auto& known = exchange::TaskImportFields();
      if (std::find(known.begin(), known.end(), field) == known.end()) {
        std::string list;
        for (const auto& f : known) list += (list.empty() ? "" : ", ") + f;
        return Fail(Status::Invalid({"import.bad_mapping", {{"value", m}, {"fields", list}}}),
                    msg_lang);
      }
      opt.mapping[m.substr(0, eq)] = field;
    }
    return ImportCommand(d, import_file, opt, quiet, msg_lang);
  }

  if (*demo_cmd) {
    auto start = std::chrono::steady_clock::now();
    if (demo_if_empty) {
      auto st = d.registry->Stats();
      if (!st.ok()) return Fail(st.status(), msg_lang);
      if (st->tasks > 0) {
        std::cout << Render(Message("cli.demo_exists", {{"tasks", std::to_string(st->tasks)}}),
                            msg_lang)
                  << "\n";
        Status s = CatchUp(d, quiet);
        return s.ok() ? 0 : Fail(s, msg_lang);
      }
    }
    // Catch up first so work left by an interrupted run is indexed before more is added.
    if (Status s = CatchUp(d, quiet); !s.ok()) return Fail(s, msg_lang);
    ProgressBar bar(msg_lang == "en" ? "Demo tasks" : "Nhiệm vụ mẫu", !quiet);
    demo::DemoOptions opt;
    opt.tasks = demo_tasks;
    opt.seed = demo_seed;
    opt.progress = [&](int64_t done, int64_t total) { bar.Update(done, total); };
    auto stats = demo::BuildDemo(*d.registry, opt);
    bar.Finish();
    if (!stats.ok()) return Fail(stats.status(), msg_lang);
    if (Status s = CatchUp(d, quiet); !s.ok()) return Fail(s, msg_lang);
    if (Status s = SeedSelectionDemo(d); !s.ok()) return Fail(s, msg_lang);
    std::cout << Render(
                     Message("cli.demo_done",
                             {{"tasks", std::to_string(stats->tasks_before + stats->tasks_added)},
                              {"orgs", std::to_string(stats->organisations)},
                              {"people", std::to_string(stats->people)},
                              {"programs", std::to_string(stats->programs)},
                              {"seconds", OneDecimal(SecondsSince(start))}}),
                     msg_lang)
              << "\n";
    return 0;
  }

  if (*search_cmd) {
    if (Status s = CatchUp(d, true); !s.ok()) return Fail(s, msg_lang);
    search::SearchRequest req;
    req.query = query;
    req.limit = limit;
    req.offset = offset;
    req.sort = sort;
    req.facets = facets;
    req.lang = msg_lang;
    req.facet_sample = d.config.search_facet_sample;
    for (const auto& f : filter_args) {
      size_t eq = f.find('=');
      if (eq == std::string::npos || eq == 0)
        return Fail(Status::Invalid({"search.unknown_filter", {{"name", f}}}), msg_lang);
      req.filters[f.substr(0, eq)].push_back(f.substr(eq + 1));
    }
    auto result = d.searcher->Search(req);
    if (!result.ok()) return Fail(result.status(), msg_lang);
    if (json) {
      std::cout << SearchResultJson(*result, facets) << "\n";
      return 0;
    }
    if (result->total == 0)
      std::cout << Render(Message("cli.no_results", {{"query", query}}), msg_lang) << "\n";
    else
      std::cout << Render(Message("cli.results", {{"total", std::to_string(result->total)}}),
                          msg_lang)
                << "\n";
    if (!result->suggestion.empty())
      std::cout << Render(Message("cli.did_you_mean", {{"suggestion", result->suggestion}}),
                          msg_lang)
                << "\n";
    for (const auto& h : result->hits)
      std::cout << "  [" << h.id << "] " << (h.code.empty() ? "" : h.code + "  ") << h.title
                << "\n";
    if (facets) {
      for (const auto& f : result->facets) {
        std::cout << f.name << ":";
        size_t shown = 0;
        for (const auto& v : f.values) {
          if (shown++ == 8) break;
          std::cout << "  " << v.label << " (" << v.count << ")";
        }
        std::cout << "\n";
      }
    }
    return 0;
  }

  if (*reindex_cmd) {
    auto start = std::chrono::steady_clock::now();
    ProgressBar bar(msg_lang == "en" ? "Reindexing" : "Lập lại chỉ mục", !quiet);
    auto count = d.indexer->Rebuild([&](int64_t done, int64_t total) { bar.Update(done, total); },
                                    dedup_only);
    bar.Finish();
    if (!count.ok()) return Fail(count.status(), msg_lang);
    if (Status s = CatchUp(d, quiet); !s.ok()) return Fail(s, msg_lang);
    std::cout << Render(Message("cli.reindex_done", {{"count", std::to_string(*count)},
                                                     {"seconds", OneDecimal(SecondsSince(start))}}),
                        msg_lang)
              << "\n";
    return 0;
  }

  if (*check_cmd) {
    if (!no_catch_up)
      if (Status s = CatchUp(d, quiet); !s.ok()) return Fail(s, msg_lang);
    int failures = 0;
    auto last_seq = store::LastSeq(*d.db);
    auto applied = d.indexer->LastApplied();
    if (!last_seq.ok()) return Fail(last_seq.status(), msg_lang);
    if (!applied.ok()) return Fail(applied.status(), msg_lang);
    if (*applied < *last_seq) {
      std::cout << Render(Message("cli.check_lag", {{"lag", std::to_string(*last_seq - *applied)}}),
                          msg_lang)
                << "\n";
      ++failures;
    }
    std::vector<int64_t> store_ids;
    for (int64_t after = 0;;) {
      auto page = d.registry->PublicTaskIds(after, 50000);
      if (!page.ok()) return Fail(page.status(), msg_lang);
      if (page->empty()) break;
      store_ids.insert(store_ids.end(), page->begin(), page->end());
      after = page->back();
    }
    auto index_ids = d.searcher->AllIds();
    if (!index_ids.ok()) return Fail(index_ids.status(), msg_lang);
    std::vector<int64_t> missing, extra;
    std::set_difference(store_ids.begin(), store_ids.end(), index_ids->begin(), index_ids->end(),
                        std::back_inserter(missing));
    std::set_difference(index_ids->begin(), index_ids->end(), store_ids.begin(), store_ids.end(),
                        std::back_inserter(extra));
    if (!missing.empty()) {
      std::cout << Render(Message("cli.check_missing", {{"count", std::to_string(missing.size())},
                                                        {"ids", Join(missing, 10)}}),
                          msg_lang)
                << "\n";
      ++failures;
    }
    if (!extra.empty()) {
      std::cout << Render(Message("cli.check_extra", {{"count", std::to_string(extra.size())},
                                                      {"ids", Join(extra, 10)}}),
                          msg_lang)
                << "\n";
      ++failures;
    }
    if (failures) return 1;
    std::cout << Render(Message("cli.check_ok", {{"count", std::to_string(store_ids.size())}}),
                        msg_lang)
              << "\n";
    return 0;
  }

  if (*serve_cmd) {
    if (Status s = CatchUp(d, quiet); !s.ok()) return Fail(s, msg_lang);
    http::ServerOptions opt;
    opt.bind = d.config.server_bind;
    opt.port = d.config.server_port;
    if (workers) opt.workers = workers;
    if (queue) opt.queue_limit = queue;
    http::Server server(d.config, web::SiteRoutes(), opt);
    if (Status s = server.Start(); !s.ok()) return Fail(s, msg_lang);
    std::cerr << Render(Message("web.serving",
                                {{"address", opt.bind + ":" + std::to_string(opt.port)}}),
                        msg_lang)
              << std::endl;
    // The [[harvest]] sources of ketnoi.toml, on their own thread and store connection; the
    // server's index follower picks up what they write.
    std::mutex log_mu;
    exchange::HarvestScheduler harvests(d.config.EffectiveStoreUrl(), d.config.harvest,
                                        SystemClock::Instance(), msg_lang,
                                        [&](const std::string& line) {
                                          std::lock_guard<std::mutex> lock(log_mu);
                                          std::cerr << line << std::endl;
                                        });
    if (Status s = harvests.Start(); !s.ok()) return Fail(s, msg_lang);
    server.WaitForStopSignal();
    harvests.Stop();
    return 0;
  }

  if (*dup_cmd && dup_all) {
    if (Status s = CatchUp(d, true); !s.ok()) return Fail(s, msg_lang);
    dedup::Checker checker(*d.registry, *d.searcher);
    ProgressBar bar(msg_lang == "en" ? "Checking for duplicates" : "Kiểm tra trùng lặp", !quiet);
    auto clusters = checker.FindClusters(
        [&](int64_t done, int64_t total) { bar.Update(done, total); }, dup_limit);
    bar.Finish();
    if (!clusters.ok()) return Fail(clusters.status(), msg_lang);
    std::ofstream file;
    if (!dup_output.empty()) {
      file.open(dup_output, std::ios::binary | std::ios::trunc);
      if (!file) return Fail(Status::Io({"cli.cannot_write", {{"file", dup_output}}}), msg_lang);
    }
    std::ostream& out = dup_output.empty() ? std::cout : file;
    // UTF-8 with BOM so Excel shows Vietnamese; cells neutralised like every CSV export.
    out << "\xEF\xBB\xBF"
        << "cluster,size,id,code,source,external_id,title,best_score\r\n";
    int n = 0;
    for (const auto& c : *clusters) {
      ++n;
      for (const auto& m : c.members) {
        char score[16];
        std::snprintf(score, sizeof score, "%.3f", m.score);
        out << n << "," << c.members.size() << "," << m.id << "," << exchange::CsvCell(m.code)
            << "," << exchange::CsvCell(m.source) << "," << exchange::CsvCell(m.external_id) << ","
            << exchange::CsvCell(m.title) << "," << score << "\r\n";
      }
    }
    out.flush();
    if (!out) return Fail(Status::Io({"cli.cannot_write", {{"file", dup_output}}}), msg_lang);
    std::cerr << Render(Message("cli.dupcheck_all_done", {{"clusters", std::to_string(n)}}),
                        msg_lang)
              << "\n";
    return 0;
  }

  if (*dup_cmd) {
    if (dup_title.empty() && dup_abstract.empty() && dup_file.empty())
      return Fail(Status::Invalid({"dedup.empty_probe"}), msg_lang);
    if (!dup_file.empty()) {
      std::ifstream in(dup_file, std::ios::binary);
      if (!in) return Fail(Status::Io({"dedup.file_unreadable", {{"file", dup_file}}}), msg_lang);
      std::stringstream ss;
      ss << in.rdbuf();
      auto extracted = dedup::ExtractText(ss.str(), dup_file);
      if (!extracted.ok()) return Fail(extracted.status(), msg_lang);
      dup_abstract += (dup_abstract.empty() ? "" : "\n") + *extracted;
    }
    if (Status s = CatchUp(d, true); !s.ok()) return Fail(s, msg_lang);
    dedup::Checker checker(*d.registry, *d.searcher);
    auto matches = checker.Check({dup_title, dup_abstract, dup_top, dup_restricted});
    if (!matches.ok()) return Fail(matches.status(), msg_lang);
    if (dup_json) {
      std::cout << DupMatchesJson(*matches, checker.rules().version) << "\n";
      return 0;
    }
    for (const auto& m : *matches) {
      std::printf("%.3f  %-9s [%lld] %s  %s\n", m.score,
                  Render(Message(m.band == "duplicate" ? "dedup.band_duplicate"
                                 : m.band == "related" ? "dedup.band_related"
                                                       : "dedup.band_different"),
                         msg_lang)
                      .c_str(),
                  static_cast<long long>(m.id), m.code.c_str(), m.title.c_str());
    }
    return 0;
  }

  if (*stats_cmd) {
    if (Status s = CatchUp(d, true); !s.ok()) return Fail(s, msg_lang);
    auto st = d.registry->Stats();
    if (!st.ok()) return Fail(st.status(), msg_lang);
    auto docs = d.searcher->DocCount();
    auto seq = d.indexer->LastApplied();
    if (!docs.ok()) return Fail(docs.status(), msg_lang);
    if (!seq.ok()) return Fail(seq.status(), msg_lang);
    if (stats_json) {
      std::cout << StatsJson(*st, *docs, *seq) << "\n";
      return 0;
    }
    std::cout << Render(Message("cli.stats", {{"tasks", std::to_string(st->tasks)},
                                              {"public", std::to_string(st->public_tasks)},
                                              {"orgs", std::to_string(st->organisations)},
                                              {"people", std::to_string(st->people)},
                                              {"programs", std::to_string(st->programs)},
                                              {"budget", FormatVnd(st->total_budget_state)},
                                              {"docs", std::to_string(*docs)},
                                              {"seq", std::to_string(*seq)},
                                              {"last", std::to_string(st->last_change)}}),
                        msg_lang)
              << "\n";
    return 0;
  }
  return 2;
}

}  // namespace ketnoi::app
