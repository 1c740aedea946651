// The real `ketnoi` binary, driven as a user would: demo corpus, search by the promised
// queries, check, bad input, and a SIGKILL in the middle of `ketnoi demo`.
#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "auth/accounts.h"
#include "store/db.h"
#include "http_client.h"
#include "temp_dir.h"

namespace ketnoi {
namespace {

std::string Bin() {
  const char* b = std::getenv("KETNOI_BIN");
  return b ? b : "build/release/ketnoi";
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct RunResult {
  int code = -1;
  std::string out;
};

// Runs ketnoi with `args`; stdout only unless `with_stderr`.
RunResult Ketnoi(const std::vector<std::string>& args, bool with_stderr = false) {
  std::string cmd = Quote(Bin());
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += with_stderr ? " 2>&1" : " 2>/dev/null";
  RunResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::set<int64_t> HitIds(const RunResult& r) {
  std::set<int64_t> ids;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) {
    ADD_FAILURE() << "not JSON: " << r.out.substr(0, 300);
    return ids;
  }
  for (const auto& h : j["hits"]) ids.insert(h["id"].get<int64_t>());
  return ids;
}

// Starts ketnoi in the background with its output discarded; returns the child's pid.
pid_t SpawnKetnoi(const std::vector<std::string>& args) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    std::string bin = Bin();
    std::vector<char*> argv = {bin.data()};
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

// One demo corpus shared by the read-only tests of this file.
class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test_support::TempDir();
    RunResult r = Ketnoi({"demo", "--data", Data(), "--tasks", "4000", "--seed", "7", "-q"}, true);
    ASSERT_EQ(r.code, 0) << r.out;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string Data() { return (dir_->path() / "data").string(); }
  static test_support::TempDir* dir_;
};
test_support::TempDir* CliTest::dir_ = nullptr;

TEST_F(CliTest, AccentedAndUnaccentedSearchesFindTheSameSet) {
  RunResult plain =
      Ketnoi({"search", "cong nghe thong tin", "--json", "--limit", "1000", "--data", Data()});
  RunResult accented =
      Ketnoi({"search", "công nghệ thông tin", "--json", "--limit", "1000", "--data", Data()});
  ASSERT_EQ(plain.code, 0);
  ASSERT_EQ(accented.code, 0);
  std::set<int64_t> a = HitIds(plain), b = HitIds(accented);
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  auto j = nlohmann::json::parse(accented.out);
  EXPECT_EQ(j["total"].get<int64_t>(), static_cast<int64_t>(b.size()));
  for (const auto& h : j["hits"])
    for (const char* key : {"id", "code", "source", "external_id", "title", "score"})
      EXPECT_TRUE(h.contains(key)) << key;
}

TEST_F(CliTest, DongDaFindsTasksInDongDa) {
  RunResult r = Ketnoi({"search", "dong da", "--json", "--limit", "10", "--data", Data()});
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  int in_title = 0;
  for (const auto& h : j["hits"])
    in_title += h["title"].get<std::string>().find("Đống Đa") != std::string::npos;
  EXPECT_GE(in_title, 1) << r.out;
  EXPECT_NE(j["hits"][0]["title"].get<std::string>().find("Đống Đa"), std::string::npos) << r.out;
}

TEST_F(CliTest, AQuotedPhraseNarrowsTheWords) {
  RunResult words =
      Ketnoi({"search", "xử lý nước thải", "--json", "--limit", "1000", "--data", Data()});
  RunResult phrase =
      Ketnoi({"search", "\"xử lý nước thải\"", "--json", "--limit", "1000", "--data", Data()});
  std::set<int64_t> w = HitIds(words), p = HitIds(phrase);
  EXPECT_FALSE(p.empty());
  EXPECT_LT(p.size(), w.size());
  for (int64_t id : p) EXPECT_TRUE(w.count(id)) << id;
}

TEST_F(CliTest, FacetsAreReportedWithLabels) {
  RunResult r = Ketnoi({"search", "lúa", "--json", "--facets", "--data", Data()});
  ASSERT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  for (const char* f : {"field", "level", "kind", "program", "status", "year", "host"}) {
    ASSERT_TRUE(j["facets"].contains(f)) << f;
    int64_t sum = 0;
    for (const auto& v : j["facets"][f]) sum += v["count"].get<int64_t>();
    if (std::string(f) == "level" || std::string(f) == "kind" || std::string(f) == "status") {
      EXPECT_EQ(sum, j["total"].get<int64_t>()) << f;
    }
  }
  EXPECT_EQ(j["facets"]["level"][0]["label"], "Cấp thành phố");
}

TEST_F(CliTest, CheckAgreesAndStatsCount) {
  RunResult c = Ketnoi({"check", "--data", Data()});
  EXPECT_EQ(c.code, 0) << c.out;
  RunResult s = Ketnoi({"stats", "--json", "--data", Data()});
  ASSERT_EQ(s.code, 0);
  auto j = nlohmann::json::parse(s.out);
  EXPECT_EQ(j["tasks"], 4000);
  EXPECT_EQ(j["programs"], 9);
  EXPECT_EQ(j["index_documents"], j["public_tasks"]);
  EXPECT_LT(j["public_tasks"].get<int64_t>(), 4000);  // secret and restricted tasks exist
}

TEST_F(CliTest, BadInputGetsAClearMessageInTheUsersLanguage) {
  RunResult vi = Ketnoi({"search", "lúa", "--sort", "colour", "--data", Data()}, true);
  EXPECT_EQ(vi.code, 1);
  EXPECT_NE(vi.out.find("Cách sắp xếp \"colour\" không có"), std::string::npos) << vi.out;
  RunResult en =
      Ketnoi({"search", "lúa", "--sort", "colour", "--lang", "en", "--data", Data()}, true);
  EXPECT_EQ(en.code, 1);
  EXPECT_NE(en.out.find("There is no sort order \"colour\""), std::string::npos) << en.out;
}

TEST(CliConfigTest, AnUnknownConfigurationKeyNamesFileAndKey) {
  test_support::TempDir dir;
  std::ofstream(dir.path() / "ketnoi.toml") << "[server]\nprot = 8080\n";
  RunResult r = Ketnoi({"stats", "--data", dir.path().string()}, true);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("ketnoi.toml"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server.prot"), std::string::npos) << r.out;
}

TEST(CliCheckTest, CheckReportsAStoreChangedBehindTheIndexsBack) {
  test_support::TempDir dir;
  std::string data = (dir.path() / "data").string();
  ASSERT_EQ(Ketnoi({"demo", "--data", data, "--tasks", "300", "-q"}).code, 0);
  {
    auto db = store::Db::Open("sqlite:" + data + "/ketnoi.db");
    ASSERT_TRUE(db.ok());
    // No change-log row: the index cannot know.
    ASSERT_TRUE(
        (*db)
            ->Exec("UPDATE tasks SET confidentiality = 'secret' WHERE id IN (SELECT id FROM "
                   "tasks WHERE confidentiality = 'public' LIMIT 3)")
            .ok());
  }
  RunResult r = Ketnoi({"check", "--data", data}, true);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("3 tài liệu trong chỉ mục"), std::string::npos) << r.out;
  ASSERT_EQ(Ketnoi({"reindex", "--data", data, "-q"}).code, 0);
  EXPECT_EQ(Ketnoi({"check", "--data", data}).code, 0);
}

// Accounts and the audit chain from the command line: an admin is created, every event is
// chained, and editing one audit row directly in the database is caught and named.
TEST(CliAuditTest, AuditVerifyNamesTheFirstEditedEntry) {
  test_support::TempDir dir;
  std::string data = (dir.path() / "data").string();
  RunResult created =
      Ketnoi({"admin", "create-user", "--data", data, "--email", "quan.tri@so-khcn.vn", "--name",
              "Quản trị viên", "--role", "admin", "--role", "board_member@program:2"},
             true);
  ASSERT_EQ(created.code, 0) << created.out;
  EXPECT_NE(created.out.find("Đã tạo người dùng số 1"), std::string::npos) << created.out;
  EXPECT_NE(created.out.find("Mật khẩu tạm thời"), std::string::npos) << created.out;
  RunResult bad = Ketnoi({"admin", "create-user", "--data", data, "--email", "khong-hop-le",
                          "--name", "X", "--role", "admin"},
                         true);
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find("không phải là địa chỉ thư điện tử hợp lệ"), std::string::npos) << bad.out;
  {
    auto db = store::Db::Open("sqlite:" + data + "/ketnoi.db");
    ASSERT_TRUE(db.ok());
    auth::Accounts accounts(**db, SystemClock::Instance());
    for (int i = 0; i < 3; ++i)
      (void)accounts.Login("quan.tri@so-khcn.vn", "sai-" + std::to_string(i), "10.0.0.9", "");
    ASSERT_TRUE(accounts.QueueMail("a@b.vn", "Thư thử", "Nội dung thư").ok());
  }
  RunResult ok = Ketnoi({"audit", "verify", "--data", data}, true);
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("nguyên vẹn: 4 mục"), std::string::npos) << ok.out;
  {
    auto db = store::Db::Open("sqlite:" + data + "/ketnoi.db");
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("UPDATE audit_log SET address = '10.0.0.1' WHERE seq = 3").ok());
  }
  RunResult broken = Ketnoi({"audit", "verify", "--data", data}, true);
  EXPECT_NE(broken.code, 0);
  EXPECT_NE(broken.out.find("tại mục số 3"), std::string::npos) << broken.out;
  // Mail leaves the outbox once; printing shows the encoded subject and the body.
  RunResult mail = Ketnoi({"mail", "--data", data, "--print"});
  EXPECT_EQ(mail.code, 0);
  EXPECT_NE(mail.out.find("To: a@b.vn"), std::string::npos) << mail.out;
  EXPECT_NE(mail.out.find("Nội dung thư"), std::string::npos) << mail.out;
  EXPECT_EQ(Ketnoi({"mail", "--data", data, "--print"}).out, "");
}

// Import then export through the command line: a partner's CSV comes in (errors named, nothing
// half-written), the search result goes out as CSV (BOM, formulas neutralised), JSON Lines and
// an XLSX that openpyxl reads with Vietnamese intact.
TEST(CliExchangeTest, ImportThenExportEveryFormat) {
  test_support::TempDir dir;
  std::string data = (dir.path() / "data").string();
  std::string csv = (dir.path() / "doi-tac.csv").string();
  std::ofstream(csv) << "external_id,title,host,field,year\n"
                        "P-1,=HYPERLINK(\"http://x\") Nghiên cứu nước sạch,Viện Nước,2,2021\n"
                        "P-2,Xử lý nước thải công nghiệp,Viện Nước,2,2022\n"
                        "P-3,Quy hoạch đô thị,Viện Quy hoạch,5,20x2\n";
  RunResult refused = Ketnoi({"import", csv, "--data", data, "-q"}, true);
  EXPECT_EQ(refused.code, 1);
  EXPECT_NE(refused.out.find("dòng 4, cột \"year\", giá trị \"20x2\""), std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("Không nhập gì"), std::string::npos) << refused.out;
  RunResult ok = Ketnoi({"import", csv, "--data", data, "-q", "--skip-invalid"}, true);
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("thêm 2"), std::string::npos) << ok.out;
  RunResult again = Ketnoi({"import", csv, "--data", data, "-q", "--skip-invalid"}, true);
  EXPECT_NE(again.out.find("không đổi 2"), std::string::npos) << again.out;

  RunResult out = Ketnoi({"export", "--data", data, "--query", "nuoc", "--format", "csv"});
  ASSERT_EQ(out.code, 0);
  ASSERT_EQ(out.out.rfind("\xEF\xBB\xBFMã nhiệm vụ,Tên nhiệm vụ", 0), 0u) << out.out.substr(0, 80);
  EXPECT_NE(out.out.find("\"'=HYPERLINK(\"\"http://x\"\")"), std::string::npos) << out.out;
  EXPECT_EQ(std::count(out.out.begin(), out.out.end(), '\n'), 3) << "header and two rows";
  RunResult jsonl =
      Ketnoi({"export", "--data", data, "--format", "jsonl", "--filter", "year=2022"});
  ASSERT_EQ(jsonl.code, 0);
  auto line = nlohmann::json::parse(jsonl.out.substr(0, jsonl.out.find('\n')));
  EXPECT_EQ(line["Title"], "Xử lý nước thải công nghiệp");
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 1);

  std::string xlsx = (dir.path() / "ket-qua.xlsx").string();
  ASSERT_EQ(Ketnoi({"export", "--data", data, "--format", "xlsx", "-o", xlsx, "-q"}).code, 0);
  std::string py = (dir.path() / "read.py").string();
  std::ofstream(py) << "import openpyxl, sys\n"
                       "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
                       "print(ws.title, ws.freeze_panes, ws.auto_filter.ref)\n"
                       "for row in ws.iter_rows(values_only=True): print(row[0], '|', row[1], '|', "
                       "row[8], '|', row[10])\n";
  FILE* p = ::popen(("/usr/bin/python3 " + Quote(py) + " " + Quote(xlsx) + " 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  ASSERT_EQ(::pclose(p), 0) << text;
  EXPECT_NE(text.find("Nhiệm vụ A2 A1:Q3"), std::string::npos) << text;
  EXPECT_NE(text.find("Mã nhiệm vụ | Tên nhiệm vụ"), std::string::npos) << text;
  EXPECT_NE(text.find("Xử lý nước thải công nghiệp | 2022-01-01 00:00:00 | 0"), std::string::npos)
      << text;

  // LibreOffice (scripts/setup.sh installs it) opens the workbook: converted to UTF-8 CSV, the
  // Vietnamese headers and title are intact and the date cell shows as a date.
  std::string lo = (dir.path() / "lo").string();
  std::string convert = "soffice -env:UserInstallation=file://" + lo +
                        "/profile --headless --convert-to 'csv:Text - txt - csv "
                        "(StarCalc):44,34,76' --outdir " +
                        Quote(lo) + " " + Quote(xlsx) + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(convert.c_str()), 0) << "LibreOffice could not open " << xlsx;
  std::ifstream converted(lo + "/ket-qua.csv");
  std::string csv_text((std::istreambuf_iterator<char>(converted)),
                       std::istreambuf_iterator<char>());
  EXPECT_EQ(csv_text.rfind("Mã nhiệm vụ,Tên nhiệm vụ,Loại,Cấp,Lĩnh vực", 0), 0u) << csv_text;
  EXPECT_NE(csv_text.find("Xử lý nước thải công nghiệp"), std::string::npos) << csv_text;
  EXPECT_NE(csv_text.find("01/01/2022"), std::string::npos) << csv_text;
}

// A registry moved to another Ketnoi: each export format imports into an empty data directory
// (programs created on request, each task under the source it left with) and the new registry
// exports the same rows; the export imported back into its own registry changes nothing.
TEST(CliExchangeTest, ExportsImportIntoAnEmptyRegistryAndRoundTrip) {
  test_support::TempDir dir;
  std::string a = (dir.path() / "a").string();
  ASSERT_EQ(Ketnoi({"demo", "--data", a, "--tasks", "150", "--seed", "5", "-q"}).code, 0);
  auto sorted_rows = [](const std::string& csv) {
    std::vector<std::string> rows;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) rows.push_back(line);
    std::sort(rows.begin(), rows.end());
    return rows;
  };
  RunResult original = Ketnoi({"export", "--data", a, "--format", "csv"});
  ASSERT_EQ(original.code, 0);
  auto want = sorted_rows(original.out);
  ASSERT_GT(want.size(), 100u);
  const std::string rows = std::to_string(want.size() - 1);
  for (std::string format : {"csv", "jsonl", "xlsx"}) {
    SCOPED_TRACE(format);
    std::string file = (dir.path() / ("registry." + format)).string();
    ASSERT_EQ(Ketnoi({"export", "--data", a, "--format", format, "-o", file, "-q"}).code, 0);
    std::string b = (dir.path() / ("b-" + format)).string();
    RunResult refused = Ketnoi({"import", file, "--data", b, "-q"}, true);
    EXPECT_EQ(refused.code, 1) << "without --create-programs, unknown programs are named";
    EXPECT_NE(refused.out.find("--create-programs"), std::string::npos) << refused.out;
    RunResult in = Ketnoi({"import", file, "--data", b, "-q", "--create-programs"}, true);
    ASSERT_EQ(in.code, 0) << in.out;
    EXPECT_NE(in.out.find("thêm " + rows + ","), std::string::npos) << in.out;
    EXPECT_NE(in.out.find("Đã tạo"), std::string::npos) << in.out;
    // Every column is read; JSON Lines also carry the old registry's own number, which is not
    // the record's key.
    EXPECT_EQ(in.out.find("Các cột không dùng"), format == "jsonl" ? 0 : std::string::npos)
        << in.out;
    if (format == "jsonl") {
      EXPECT_EQ(in.out.find("Các cột không dùng (không khớp trường nào): id\n"), 0u);
    }
    RunResult back = Ketnoi({"export", "--data", b, "--format", "csv"});
    ASSERT_EQ(back.code, 0);
    EXPECT_EQ(sorted_rows(back.out), want);
    // The same file again: every row unchanged.
    RunResult again = Ketnoi({"import", file, "--data", b, "-q", "--create-programs"}, true);
    EXPECT_NE(again.out.find("không đổi " + rows), std::string::npos) << again.out;
  }
  // The export imported back into the registry it came from changes nothing.
  std::string file = (dir.path() / "registry.csv").string();
  RunResult home = Ketnoi({"import", file, "--data", a, "-q"}, true);
  ASSERT_EQ(home.code, 0) << home.out;
  EXPECT_NE(home.out.find("thêm 0, thay đổi 0, không đổi " + rows), std::string::npos) << home.out;
}

TEST(CliDupcheckTest, AllFindsTheClustersInsideTheRegistryAndWritesACsvReport) {
  test_support::TempDir dir;
  std::string data = (dir.path() / "data").string();
  ASSERT_EQ(Ketnoi({"demo", "--data", data, "--tasks", "300", "--seed", "3", "-q"}).code, 0);
  std::string a = (dir.path() / "vien-a.csv").string(), b = (dir.path() / "so-b.csv").string();
  std::ofstream(a)
      << "external_id,title,host,field,year\n"
         "A-1,Nghiên cứu quy trình sản xuất chế phẩm vi sinh xử lý rơm rạ thành phân "
         "bón hữu cơ tại huyện Sóc Sơn,Viện A,4,2021\n"
         "A-2,Ứng dụng viễn thám giám sát biến động sử dụng đất đô thị,Viện A,2,2022\n";
  std::ofstream(b) << "external_id,title,host,field,year\n"
                      "B-1,Quy trình sản xuất chế phẩm vi sinh xử lý rơm rạ làm phân bón hữu cơ ở "
                      "huyện Sóc Sơn,Sở B,4,2023\n"
                      "B-2,Chọn tạo giống lúa chịu hạn cho vùng ven đô,Sở B,4,2023\n";
  ASSERT_EQ(Ketnoi({"import", a, "--source", "vien-a", "--data", data, "-q"}).code, 0);
  ASSERT_EQ(Ketnoi({"import", b, "--source", "so-b", "--data", data, "-q"}).code, 0);
  std::string report = (dir.path() / "trung-lap.csv").string();
  RunResult r = Ketnoi({"dupcheck", "--all", "--data", data, "-o", report, "-q"}, true);
  ASSERT_EQ(r.code, 0) << r.out;
  std::ifstream in(report);
  std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF"
                      "cluster,size,id,code,source,external_id,title,best_score",
                      0),
            0u)
      << csv.substr(0, 200);
  // The re-worded pair from two sources is one cluster; the unrelated titles are in none.
  std::map<std::string, std::string> cluster_of;  // external id → cluster number
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    for (const char* id : {",A-1,", ",B-1,", ",A-2,", ",B-2,"})
      if (line.find(id) != std::string::npos)
        cluster_of[std::string(id).substr(1, 3)] = line.substr(0, line.find(','));
  }
  ASSERT_TRUE(cluster_of.count("A-1")) << csv;
  ASSERT_TRUE(cluster_of.count("B-1")) << csv;
  EXPECT_EQ(cluster_of["A-1"], cluster_of["B-1"]);
  EXPECT_FALSE(cluster_of.count("A-2")) << csv;
  EXPECT_FALSE(cluster_of.count("B-2")) << csv;
  EXPECT_NE(r.out.find("cụm"), std::string::npos) << r.out;
}

TEST(CliCrashTest, SigkillDuringDemoLeavesAConsistentStoreAndTheIndexCatchesUp) {
  test_support::TempDir dir;
  std::string data = (dir.path() / "data").string();
  pid_t pid = SpawnKetnoi({"demo", "--data", data, "--tasks", "200000"});
  ASSERT_GE(pid, 0);
  // Wait until some tasks are committed, then kill without warning.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool some = false;
  while (!some && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto db = store::Db::OpenRaw("sqlite:" + data + "/ketnoi.db");
    if (!db.ok()) continue;
    auto rows = (*db)->Query("SELECT COUNT(*) FROM tasks");
    some = rows.ok() && rows->Int(0, 0) >= 3000;
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(some) << "demo did not write tasks in time";
  ASSERT_TRUE(WIFSIGNALED(status));

  // Any command: the store opens, is consistent, and the index catches up.
  RunResult check = Ketnoi({"check", "--data", data}, true);
  EXPECT_EQ(check.code, 0) << check.out;
  auto db = store::Db::Open("sqlite:" + data + "/ketnoi.db");
  ASSERT_TRUE(db.ok());
  auto rows = (*db)->Query("PRAGMA integrity_check");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Text(0, 0), "ok");
  auto tasks = (*db)->Query("SELECT COUNT(*) FROM tasks");
  ASSERT_TRUE(tasks.ok());
  int64_t count = tasks->Int(0, 0);
  EXPECT_EQ(count % 1000, 0) << "a batch was half-written";
  auto orphans = (*db)->Query(
      "SELECT COUNT(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.entity = "
      "'task' AND c.entity_id = t.id)");
  ASSERT_TRUE(orphans.ok());
  EXPECT_EQ(orphans->Int(0, 0), 0);
  (*db).reset();

  // Running demo again continues where it stopped.
  RunResult more =
      Ketnoi({"demo", "--data", data, "--tasks", std::to_string(count + 500), "-q"}, true);
  ASSERT_EQ(more.code, 0) << more.out;
  RunResult stats = Ketnoi({"stats", "--json", "--data", data});
  auto j = nlohmann::json::parse(stats.out);
  EXPECT_EQ(j["tasks"].get<int64_t>(), count + 500);
  EXPECT_EQ(Ketnoi({"check", "--data", data}).code, 0);
}

TEST(CliServeTest, ServeAnswersAndExitsCleanlyOnSigterm) {
  test_support::TempDir dir;
  std::string data = (dir.path() / "data").string();
  ASSERT_EQ(Ketnoi({"demo", "--data", data, "--tasks", "200", "-q"}).code, 0);
  int port = test_support::FreePort();
  pid_t pid = SpawnKetnoi({"serve", "--data", data, "--port", std::to_string(port)});
  ASSERT_GE(pid, 0);
  int status = 0;
  test_support::HttpReply r;
  for (int i = 0; i < 100 && r.status == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    r = test_support::HttpGet(port, "/healthz");
  }
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(test_support::HttpGet(port, "/api/v1/tasks?q=lua").status, 200);
  ::kill(pid, SIGTERM);
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace ketnoi
