// The portal and the API through a real server on 127.0.0.1 with a temporary data directory.
#include <gtest/gtest.h>
#include <set>
#include <algorithm>
#include <fstream>

#include <future>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "demo/demo.h"
#include "http/server.h"
#include "http_client.h"
#include "registry/repo.h"
#include "search/index.h"
#include "store/db.h"
#include "temp_dir.h"
#include "web/site.h"

namespace ketnoi {
namespace {

using test_support::FreePort;
using test_support::HttpGet;
using test_support::HttpReply;

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test_support::TempDir();
    config_ = new Config();
    config_->data_dir = dir_->path();
    auto db = store::Db::Open(config_->EffectiveStoreUrl());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    registry::Registry reg(**db, SystemClock::Instance());
    demo::DemoOptions opt;
    opt.tasks = 600;
    auto built = demo::BuildDemo(reg, opt);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    search::Indexer indexer(reg, config_->IndexDir());
    ASSERT_TRUE(indexer.CatchUp().ok());
    auto secret = (*db)->Query("SELECT id FROM tasks WHERE confidentiality = 'secret' LIMIT 1");
    ASSERT_TRUE(secret.ok());
    secret_id_ = secret->empty() ? 0 : secret->Int(0, 0);
    auto pub = (*db)->Query(
        "SELECT id FROM tasks WHERE confidentiality = 'public' AND program_id IS NOT NULL LIMIT 1");
    ASSERT_TRUE(pub.ok());
    public_id_ = pub->Int(0, 0);
    port_ = FreePort();
    http::ServerOptions sopt;
    sopt.port = port_;
    sopt.access_log = false;
    server_ = new http::Server(*config_, web::SiteRoutes(), sopt);
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete config_;
    delete dir_;
  }

  static HttpReply Get(const std::string& target,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
    return HttpGet(port_, target, headers);
  }
  static nlohmann::json Json(const HttpReply& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body.substr(0, 200);
    return j;
  }

  static test_support::TempDir* dir_;
  static Config* config_;
  static http::Server* server_;
  static int port_;
  static int64_t secret_id_, public_id_;
};
test_support::TempDir* HttpTest::dir_ = nullptr;
Config* HttpTest::config_ = nullptr;
http::Server* HttpTest::server_ = nullptr;
int HttpTest::port_ = 0;
int64_t HttpTest::secret_id_ = 0;
int64_t HttpTest::public_id_ = 0;

TEST_F(HttpTest, PagesSpeakVietnameseByDefaultAndEnglishOnASwitchRememberedInACookie) {
  struct Row {
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string lang, must_contain;
  };
  const Row rows[] = {
      {"/", {}, "vi", "Nhiệm vụ mới nhất"},
      {"/?lang=en", {}, "en", "Latest tasks"},
      {"/", {{"Cookie", "lang=en"}}, "en", "Latest tasks"},
      {"/",
       {{"Accept-Language", "en-GB,en;q=0.8"}},
       "vi",
       "Nhiệm vụ mới nhất"},  // a choice, not a guess
      {"/?lang=vi", {{"Cookie", "lang=en"}}, "vi", "Nhiệm vụ mới nhất"},
      {"/search?q=lua", {}, "vi", "Tìm thấy"},
      {"/search?q=lua&lang=en", {}, "en", "tasks found"},
      {"/programs", {}, "vi", "Các chương trình KH&amp;CN của thành phố"},
      {"/fields?lang=en", {}, "en", "Natural sciences"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.target);
    HttpReply r = Get(row.target, row.headers);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<html lang=\"" + row.lang + "\">"), std::string::npos);
    EXPECT_NE(r.body.find(row.must_contain), std::string::npos);
    EXPECT_NE(r.Header("content-type").find("text/html"), std::string::npos);
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
  }
  EXPECT_NE(Get("/?lang=en").Header("set-cookie").find("lang=en"), std::string::npos);
}

TEST_F(HttpTest, SearchWithoutDiacriticsFindsAccentedTasksAndFacetsAddUp) {
  HttpReply r = Get("/api/v1/tasks?q=benh+vien&limit=100");
  ASSERT_EQ(r.status, 200);
  auto j = Json(r);
  int64_t total = j["total"].get<int64_t>();
  ASSERT_GT(total, 0);
  for (const char* facet : {"level", "kind", "status"}) {
    int64_t sum = 0;
    for (const auto& v : j["facets"][facet]) sum += v["count"].get<int64_t>();
    EXPECT_EQ(sum, total) << facet;
  }
  // The page shows the same total and highlights the words it matched.
  HttpReply page = Get("/search?q=benh+vien");
  EXPECT_NE(page.body.find("Tìm thấy " + std::to_string(total) + " nhiệm vụ"), std::string::npos);
  EXPECT_NE(page.body.find("<mark>bệnh</mark>"), std::string::npos);
  // Clicking a facet value narrows the results.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      page.body, m, std::regex("href=\"(/search\\?q=benh%20vien&amp;level=[a-z_]+)\"")));
  std::string facet_url = std::regex_replace(m[1].str(), std::regex("&amp;"), "&");
  HttpReply narrowed = Get(facet_url);
  EXPECT_EQ(narrowed.status, 200);
  EXPECT_NE(narrowed.body.find("Đang lọc theo"), std::string::npos);
}

TEST_F(HttpTest, ApiSearchHasTheDocumentedShape) {
  HttpReply r = Get("/api/v1/tasks?q=nong+nghiep");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.Header("content-type").find("application/json"), std::string::npos);
  auto j = Json(r);
  ASSERT_TRUE(j.contains("total"));
  ASSERT_TRUE(j["items"].is_array());
  ASSERT_TRUE(j["facets"].is_object());
  for (const char* f : {"field", "level", "kind", "program", "status", "year", "host"})
    EXPECT_TRUE(j["facets"].contains(f)) << f;
  ASSERT_FALSE(j["items"].empty());
  for (const char* k : {"id", "code", "title", "kind", "level", "field", "host", "pi", "start",
                        "budget_state_dong", "status"})
    EXPECT_TRUE(j["items"][0].contains(k)) << k;
}

TEST_F(HttpTest, BadParametersAre400NamingTheParameterInTheRequestedLanguage) {
  struct Row {
    std::string target;
    std::string field, text;
  };
  const Row rows[] = {
      {"/api/v1/tasks?limit=abc", "limit", "Tham số \"limit\" không hợp lệ"},
      {"/api/v1/tasks?limit=1000", "limit", "từ 1 đến 100"},
      {"/api/v1/tasks?page=0&lang=en", "page", "The parameter \"page\" is not valid"},
      {"/api/v1/tasks?sort=colour", "sort", "\"colour\""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.target);
    HttpReply r = Get(row.target);
    EXPECT_EQ(r.status, 400);
    auto j = Json(r);
    EXPECT_EQ(j["error"]["code"], "web.bad_param");
    EXPECT_EQ(j["error"]["field"], row.field);
    EXPECT_NE(j["error"]["message"].get<std::string>().find(row.text), std::string::npos)
        << j.dump();
  }
  HttpReply page = Get("/search?q=lua&limit=abc");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("limit"), std::string::npos);
}

TEST_F(HttpTest, UnknownRoutesAndHiddenTasksAre404InBothLanguages) {
  HttpReply vi = Get("/khong-co-trang-nay");
  EXPECT_EQ(vi.status, 404);
  EXPECT_NE(vi.body.find("Không tìm thấy trang"), std::string::npos);
  HttpReply en = Get("/no-such-page?lang=en");
  EXPECT_EQ(en.status, 404);
  EXPECT_NE(en.body.find("Page not found"), std::string::npos);
  EXPECT_EQ(Get("/tasks/abc").status, 404);
  EXPECT_EQ(Get("/api/v1/tasks/999999").status, 404);
  EXPECT_EQ(Json(Get("/api/v1/tasks/999999"))["error"]["code"], "web.not_found_api");
  ASSERT_NE(secret_id_, 0);
  EXPECT_EQ(Get("/tasks/" + std::to_string(secret_id_)).status, 404);
  EXPECT_EQ(Get("/api/v1/tasks/" + std::to_string(secret_id_)).status, 404);
}

TEST_F(HttpTest, TaskPageShowsPublicFieldsWithLinksAndVietnameseFormats) {
  HttpReply r = Get("/tasks/" + std::to_string(public_id_));
  ASSERT_EQ(r.status, 200);
  for (const char* needle :
       {"href=\"/organisations/", "href=\"/people/", "href=\"/programs/", "href=\"/fields/",
        "Kinh phí từ ngân sách", ".000.000 đ", "Thời gian thực hiện", "Sản phẩm dự kiến"})
    EXPECT_NE(r.body.find(needle), std::string::npos) << needle;
  EXPECT_TRUE(std::regex_search(r.body, std::regex("\\d\\d/\\d\\d/\\d{4}")))
      << "dates as dd/mm/yyyy";
  auto api = Json(Get("/api/v1/tasks/" + std::to_string(public_id_)));
  EXPECT_EQ(api["id"], public_id_);
  EXPECT_TRUE(api["members"].is_array());
}

TEST_F(HttpTest, EntityPagesAndApis) {
  auto task = Json(Get("/api/v1/tasks/" + std::to_string(public_id_)));
  std::string host = std::to_string(task["host"]["id"].get<int64_t>());
  std::string pi = std::to_string(task["pi"]["id"].get<int64_t>());
  std::string program = std::to_string(task["program"]["id"].get<int64_t>());
  EXPECT_EQ(Get("/organisations/" + host).status, 200);
  EXPECT_EQ(Get("/programs/" + program).status, 200);
  EXPECT_NE(Get("/programs/" + program).body.find(" đ"), std::string::npos);
  HttpReply person = Get("/people/" + pi);
  EXPECT_EQ(person.status, 200);
  EXPECT_EQ(person.body.find("@"), std::string::npos) << "no e-mail on public pages";
  EXPECT_EQ(Get("/fields/302").status, 200);
  EXPECT_EQ(Get("/fields/999").status, 404);
  for (const std::string& api : std::vector<std::string>{
           "/api/v1/organisations/" + host, "/api/v1/people/" + pi, "/api/v1/programs",
           "/api/v1/programs/" + program, "/api/v1/fields"})
    EXPECT_EQ(Get(api).status, 200) << api;
  EXPECT_EQ(Json(Get("/api/v1/programs"))["total"], 9);
}

TEST_F(HttpTest, DuplicateCheckPageAndApi) {
  auto task = Json(Get("/api/v1/tasks/" + std::to_string(public_id_)));
  std::string title = task["title"];
  auto j = Json(Get("/api/v1/dupcheck?title=" + http::UrlEncode(title) + "&top=3"));
  ASSERT_FALSE(j["matches"].empty()) << j.dump();
  EXPECT_EQ(j["matches"][0]["id"], public_id_);
  EXPECT_EQ(j["matches"][0]["band"], "duplicate");
  EXPECT_LE(j["matches"].size(), 3u);
  EXPECT_EQ(j["rules"]["version"], "dedup-2026.2");
  HttpReply empty = Get("/api/v1/dupcheck");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(Json(empty)["error"]["code"], "dedup.empty_probe");
  HttpReply bad = Get("/api/v1/dupcheck?title=lua&top=0");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["field"], "top");
  HttpReply page = Get("/dupcheck?title=" + http::UrlEncode(title));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<mark>"), std::string::npos);
  EXPECT_NE(page.body.find("trùng lặp"), std::string::npos);
  EXPECT_EQ(Get("/dupcheck").status, 200);  // the empty form
}

TEST_F(HttpTest, AuthorityCheckApi) {
  struct Row {
    std::string query;
    bool valid;
    const char* normalized;  // when valid
    const char* error;       // when not
  };
  const Row rows[] = {
      {"kind=orcid&value=" + http::UrlEncode("https://orcid.org/0000-0002-1825-0097"), true,
       "0000-0002-1825-0097", nullptr},
      {"kind=orcid&value=0000-0002-1825-0098", false, nullptr, "authority.orcid_check"},
      {"kind=ror&value=" + http::UrlEncode("https://ror.org/03yrm5c26"), true, "03yrm5c26",
       nullptr},
      {"kind=ror&value=03yrm5c27", false, nullptr, "authority.ror_check"},
      {"kind=tax_code&value=0100107518001", true, "0100107518-001", nullptr},
      {"kind=tax_code&value=0100107519", false, nullptr, "authority.tax_check"},
      {"kind=tax_code&value=", false, nullptr, "authority.empty"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    HttpReply r = Get("/api/v1/authorities/check?" + row.query);
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = Json(r);
    EXPECT_EQ(j["valid"], row.valid);
    if (row.valid) {
      EXPECT_EQ(j["normalized"], row.normalized);
      EXPECT_TRUE(j["error"].is_null());
    } else {
      EXPECT_TRUE(j["normalized"].is_null());
      EXPECT_EQ(j["error"]["code"], row.error);
      EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
    }
  }
  auto ror = Json(Get("/api/v1/authorities/check?kind=ror&value=03yrm5c26"));
  EXPECT_EQ(ror["url"], "https://ror.org/03yrm5c26");
  // The expected check digit is named, in English when asked.
  auto en = Json(Get("/api/v1/authorities/check?kind=tax_code&value=0100107519&lang=en"));
  EXPECT_NE(en["error"]["message"].get<std::string>().find("should be 8"), std::string::npos)
      << en.dump();
  HttpReply bad = Get("/api/v1/authorities/check?kind=isni&value=1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["code"], "authority.unknown_kind");
  EXPECT_EQ(Json(bad)["error"]["field"], "kind");
}

TEST_F(HttpTest, EtagsLetClientsRevalidate) {
  HttpReply first = Get("/api/v1/tasks/" + std::to_string(public_id_));
  std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  HttpReply again = Get("/api/v1/tasks/" + std::to_string(public_id_), {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(
      Get("/api/v1/tasks/" + std::to_string(public_id_), {{"If-None-Match", "\"other\""}}).status,
      200);
}

TEST_F(HttpTest, CachedAnswersFollowTheChangeLog) {
  std::string url = "/api/v1/tasks/" + std::to_string(public_id_);
  std::string before = Json(Get(url))["title"];
  Json(Get(url));  // now certainly cached
  {
    auto db = store::Db::Open(config_->EffectiveStoreUrl());
    ASSERT_TRUE(db.ok());
    registry::Registry reg(**db, SystemClock::Instance());
    auto task = reg.GetTask(public_id_);
    ASSERT_TRUE(task.ok());
    task->title = before + " (đã sửa)";
    ASSERT_TRUE(reg.Upsert(*task).ok());
  }
  std::string after;
  for (int i = 0; i < 50 && after.find("(đã sửa)") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = Json(Get(url))["title"];
  }
  EXPECT_EQ(after, before + " (đã sửa)");
}

TEST_F(HttpTest, OpenApiListsEveryApiRouteOfTheTable) {
  auto doc = Json(Get("/api/v1/openapi.json"));
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> api_paths;
  for (const auto& route : web::SiteRoutes()) {
    if (route.kind != "api") continue;
    std::string path = std::regex_replace(route.path, std::regex(":([a-z_]+)"), "{$1}");
    api_paths.insert(path);
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(path) && doc["paths"][path].contains(method)) << path;
    // Each answer is described with the media types the route really produces.
    for (const auto& type : route.produces)
      EXPECT_TRUE(doc["paths"][path][method]["responses"]["200"]["content"].contains(type))
          << path << " " << type;
  }
  int api_routes = static_cast<int>(api_paths.size());
  EXPECT_EQ(static_cast<int>(doc["paths"].size()), api_routes);
  EXPECT_GE(api_routes, 7);
}

TEST_F(HttpTest, StaticAssetsHaveHashedNamesAndLongLifetimes) {
  HttpReply home = Get("/");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(home.body, m, std::regex("href=\"(/assets/style\\.[0-9a-f]{12}\\.css)\"")));
  HttpReply css = Get(m[1].str());
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.Header("content-type").find("text/css"), std::string::npos);
  EXPECT_NE(css.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_NE(css.body.find("@media print"), std::string::npos);
  EXPECT_EQ(Get("/assets/style.000000000000.css").status, 404);
}

TEST_F(HttpTest, HealthAndMetrics) {
  HttpReply h = Get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(Json(h)["status"], "ok");
  Get("/");
  HttpReply m = Get("/metrics");
  EXPECT_EQ(m.status, 200);
  for (const char* metric :
       {"ketnoi_http_requests_total{route=\"/\",method=\"GET\",status=\"200\"}",
        "ketnoi_http_request_duration_seconds_bucket", "ketnoi_worker_queue_depth",
        "ketnoi_index_lag_changes"})
    EXPECT_NE(m.body.find(metric), std::string::npos) << metric;
}

// A server with one worker, a queue of one and a slow route: saturation answers 503 with
// Retry-After at once, and stopping lets the request in flight finish.
TEST(HttpServerTest, SaturationAnswers503AndStopFinishesInFlightRequests) {
  test_support::TempDir dir;
  Config config;
  config.data_dir = dir.path();
  std::vector<http::Route> routes = {
      {"GET", "/slow", "public", "page", "slow", [](const http::Request&, http::Worker&) {
         std::this_thread::sleep_for(std::chrono::milliseconds(700));
         http::Response r;
         r.body = "done";
         return r;
       }}};
  http::ServerOptions opt;
  opt.port = FreePort();
  opt.workers = 1;
  opt.queue_limit = 1;
  opt.access_log = false;
  opt.cache_entries = 0;  // every request must reach the slow handler
  http::Server server(config, routes, opt);
  ASSERT_TRUE(server.Start().ok());
  std::vector<std::future<HttpReply>> replies;
  for (int i = 0; i < 6; ++i) {
    replies.push_back(std::async(std::launch::async, [&] { return HttpGet(opt.port, "/slow"); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  int ok = 0, busy = 0;
  for (auto& f : replies) {
    HttpReply r = f.get();
    if (r.status == 200) ++ok;
    if (r.status == 503) {
      ++busy;
      EXPECT_EQ(r.Header("retry-after"), "1");
    }
  }
  EXPECT_EQ(ok + busy, 6) << "every request is answered";
  EXPECT_GE(ok, 1);
  EXPECT_GE(busy, 1);

  auto in_flight = std::async(std::launch::async, [&] { return HttpGet(opt.port, "/slow"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  server.Stop();
  HttpReply last = in_flight.get();
  EXPECT_EQ(last.status, 200);
  EXPECT_EQ(last.body, "done");
}

// With the cache on, identical requests that arrive together are answered by one render.
TEST(HttpServerTest, IdenticalRequestsShareOneRender) {
  test_support::TempDir dir;
  Config config;
  config.data_dir = dir.path();
  std::atomic<int> renders{0};
  std::vector<http::Route> routes = {
      {"GET", "/slow", "public", "page", "slow", [&](const http::Request&, http::Worker&) {
         ++renders;
         std::this_thread::sleep_for(std::chrono::milliseconds(500));
         http::Response r;
         r.body = "done";
         return r;
       }}};
  http::ServerOptions opt;
  opt.port = FreePort();
  opt.workers = 1;
  opt.queue_limit = 1;
  opt.access_log = false;
  http::Server server(config, routes, opt);
  ASSERT_TRUE(server.Start().ok());
  std::vector<std::future<HttpReply>> replies;
  for (int i = 0; i < 8; ++i)
    replies.push_back(
        std::async(std::launch::async, [&] { return HttpGet(opt.port, "/slow?x=1"); }));
  for (auto& f : replies) {
    HttpReply r = f.get();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "done");
  }
  EXPECT_EQ(renders.load(), 1);
  EXPECT_EQ(HttpGet(opt.port, "/slow?x=2").status, 200);  // another query is another page
  EXPECT_EQ(renders.load(), 2);
}

// The whole result of a search, every filter applied, downloads as CSV and JSON Lines streamed in
// chunks, and as an XLSX that openpyxl opens with Vietnamese intact.
TEST_F(HttpTest, ExportDownloadsTheWholeFilteredResult) {
  HttpReply api = Get("/api/v1/tasks?q=nghien+cuu&level=tinh&limit=1");
  ASSERT_EQ(api.status, 200);
  int64_t total = Json(api)["total"];
  ASSERT_GT(total, 20) << "more than one page of results";
  HttpReply csv = Get("/export?format=csv&q=nghien+cuu&level=tinh");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("transfer-encoding"), "chunked");
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("content-disposition").rfind("attachment; filename=\"nhiem-vu-", 0), 0u);
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBFMã nhiệm vụ,", 0), 0u);
  int64_t lines = std::count(csv.body.begin(), csv.body.end(), '\n');
  // Multi-line abstracts are quoted, so count records by their ending "\r\n" at a line start.
  EXPECT_GE(lines, total + 1);
  HttpReply jsonl = Get("/export?format=jsonl&q=nghien+cuu&level=tinh");
  ASSERT_EQ(jsonl.status, 200);
  EXPECT_EQ(std::count(jsonl.body.begin(), jsonl.body.end(), '\n'), total);
  auto first = nlohmann::json::parse(jsonl.body.substr(0, jsonl.body.find('\n')));
  EXPECT_EQ(first["Level"], "Cấp thành phố");
  EXPECT_EQ(Get("/export?format=pdf").status, 400);

  HttpReply xlsx = Get("/export?format=xlsx&q=nghien+cuu&level=tinh");
  ASSERT_EQ(xlsx.status, 200);
  test_support::TempDir tmp;
  std::string file = (tmp.path() / "ket-qua.xlsx").string();
  std::ofstream(file, std::ios::binary) << xlsx.body;
  std::string py = (tmp.path() / "read.py").string();
  std::ofstream(py)
      << "import openpyxl, sys\nws = openpyxl.load_workbook(sys.argv[1]).active\n"
         "print(ws.max_row - 1)\nprint(ws.cell(1, 2).value)\nprint(ws.cell(2, 4).value)\n";
  FILE* p = ::popen(("/usr/bin/python3 " + py + " " + file + " 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ASSERT_EQ(::pclose(p), 0) << out;
  EXPECT_EQ(out, std::to_string(total) + "\nTên nhiệm vụ\nCấp thành phố\n");
}

}  // namespace
}  // namespace ketnoi
