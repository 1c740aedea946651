// The harvester (exchange/harvest.h). Two real Ketnoi instances on 127.0.0.1: the source runs
// the server (its OAI-PMH provider paging by 7, so every harvest walks resumption tokens) on a
// demo corpus written with a fake clock; the destination harvests it, then again after changes,
// additions, a deletion and a task made restricted on the source, and must transfer exactly
// those; a harvest whose source goes away after two pages fails, and the next run continues
// after those pages. A scripted server answers 503 with Retry-After, 500s, HTML and OAI errors
// to check retries, back-off and the error messages. Sleeps are injected: nothing here waits.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "backends.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/messages.h"
#include "demo/demo.h"
#include "exchange/harvest.h"
#include "exchange/oai.h"
#include "http/server.h"
#include "http_client.h"
#include "registry/repo.h"
#include "store/db.h"
#include "temp_dir.h"
#include "web/site.h"

namespace ketnoi {
namespace {

using namespace std::chrono_literals;
using exchange::HarvestOptions;
using exchange::HarvestReport;

std::chrono::system_clock::time_point At(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

constexpr int kPage = 7;

// One Ketnoi instance: a data directory, its store, and (when started) its server.
struct Instance {
  test_support::TempDir dir;
  Config config;
  FakeClock clock{At(2026, 3, 2, 8, 0, 0)};
  std::unique_ptr<store::Db> db;
  std::unique_ptr<registry::Registry> reg;
  std::unique_ptr<http::Server> server;
  int port = 0;

  explicit Instance(int demo_tasks = 0) {
    config.data_dir = dir.path();
    config.oai_page_size = kPage;
    auto opened = store::Db::Open(config.EffectiveStoreUrl());
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    db = std::move(*opened);
    reg = std::make_unique<registry::Registry>(*db, clock);
    EXPECT_TRUE(reg->SeedReferenceData().ok());
    if (demo_tasks > 0) {
      demo::DemoOptions opt;
      opt.tasks = demo_tasks;
      auto built = demo::BuildDemo(*reg, opt);
      EXPECT_TRUE(built.ok()) << built.status().ToString();
    }
  }
  ~Instance() { Stop(); }

  void Start(int at_port = 0) {
    port = at_port ? at_port : test_support::FreePort();
    config.server_port = port;
    http::ServerOptions sopt;
    sopt.port = port;
    sopt.access_log = false;
    sopt.clock = &clock;
    // A port just released may need a moment before it can be bound again.
    for (int attempt = 0; attempt < 50; ++attempt) {
      server = std::make_unique<http::Server>(config, web::SiteRoutes(), sopt);
      if (server->Start().ok()) return;
      server.reset();
      std::this_thread::sleep_for(100ms);
    }
    ADD_FAILURE() << "cannot start a server on port " << port;
  }
  void Stop() { server.reset(); }
  std::string OaiUrl() const { return "http://127.0.0.1:" + std::to_string(port) + "/oai"; }

  int64_t Count(const std::string& where, const store::Params& params = {}) {
    auto rows = db->Query("SELECT COUNT(*) FROM tasks WHERE " + where, params);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? rows->Int(0, 0) : -1;
  }
  std::vector<int64_t> PublicIds() {
    auto rows = db->Query("SELECT id FROM tasks WHERE confidentiality = 'public' ORDER BY id");
    std::vector<int64_t> out;
    for (size_t i = 0; rows.ok() && i < rows->size(); ++i) out.push_back(rows->Int(i, 0));
    return out;
  }
};

// Options for tests: no politeness delay, waits recorded instead of slept.
struct Sleeps {
  std::mutex mu;
  std::vector<std::chrono::milliseconds> waits;
  exchange::SleepFunction Function() {
    return [this](std::chrono::milliseconds d) {
      std::lock_guard<std::mutex> lock(mu);
      waits.push_back(d);
    };
  }
};

HarvestOptions Options(const std::string& url, Sleeps& sleeps) {
  HarvestOptions o;
  o.url = url;
  o.source = "ket-noi-nguon";
  o.delay = 0ms;
  o.max_attempts = 3;
  o.sleep = sleeps.Function();
  o.timeout = 20s;
  return o;
}

int64_t Pages(int64_t records) { return (records + kPage - 1) / kPage; }

std::string Identifier(int64_t id) { return exchange::OaiIdentifier(id); }

class HarvestTest : public ::testing::Test {};

TEST_F(HarvestTest, HarvestsAnotherKetnoiThenOnlyWhatChanged) {
  Instance source(45);
  source.clock.Advance(1min);  // the first harvest's responseDate is after every demo record
  source.Start();
  Instance dest;
  const std::vector<int64_t> ids = source.PublicIds();
  const auto n = static_cast<int64_t>(ids.size());
  ASSERT_GT(n, 3 * kPage);

  Sleeps sleeps;
  HarvestOptions o = Options(source.OaiUrl(), sleeps);
  auto first = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->prefix, "ketnoi");  // another Ketnoi: the richer format
  EXPECT_EQ(first->from, "");
  EXPECT_FALSE(first->resumed);
  EXPECT_EQ(first->records, n);
  EXPECT_EQ(first->pages, Pages(n));
  EXPECT_EQ(first->added, n);
  EXPECT_EQ(first->changed + first->unchanged + first->rejected + first->deleted, 0);
  EXPECT_EQ(first->requests, 2 + Pages(n));  // Identify, ListMetadataFormats, the pages
  EXPECT_EQ(first->retries, 0);
  EXPECT_EQ(first->harvested_until, FormatTimestamp(source.clock.Now()));
  EXPECT_EQ(dest.Count("source = ?", {"ket-noi-nguon"}), n);

  // The fields arrived: every one the `ketnoi` format carries that a task keeps.
  int64_t fields_compared = 0;
  for (int64_t id : ids) {
    auto a = source.reg->GetTaskRecords({id});
    ASSERT_TRUE(a.ok() && a->size() == 1);
    auto found = dest.reg->FindId("tasks", "ket-noi-nguon", Identifier(id));
    ASSERT_TRUE(found.ok() && found->has_value()) << id;
    auto b = dest.reg->GetTaskRecords({**found});
    ASSERT_TRUE(b.ok() && b->size() == 1);
    const registry::Task& x = a->front().task;
    const registry::Task& y = b->front().task;
    EXPECT_EQ(y.title, x.title);
    EXPECT_EQ(y.code, x.code);
    EXPECT_EQ(y.kind, x.kind);
    EXPECT_EQ(y.level, x.level);
    EXPECT_EQ(y.field_code, x.field_code);
    EXPECT_EQ(y.status, x.status);
    EXPECT_EQ(y.start, x.start);
    EXPECT_EQ(y.end, x.end);
    EXPECT_EQ(y.budget_state, x.budget_state);
    EXPECT_EQ(y.budget_other, x.budget_other);
    EXPECT_EQ(y.abstract, x.abstract);
    EXPECT_EQ(y.objectives, x.objectives);
    EXPECT_EQ(y.keywords, x.keywords);
    EXPECT_EQ(y.archive_no, x.archive_no);
    EXPECT_EQ(b->front().host_name, a->front().host_name);
    EXPECT_EQ(b->front().program_code, a->front().program_code);
    EXPECT_EQ(b->front().pi_name, a->front().pi_name);
    ++fields_compared;
  }
  EXPECT_EQ(fields_compared, n);
  // Provenance: source, time, who.
  auto prov = dest.db->Query(
      "SELECT COUNT(*) FROM provenance WHERE source = 'ket-noi-nguon' AND actor = 'harvest' AND "
      "file_name = ?",
      {source.OaiUrl()});
  ASSERT_TRUE(prov.ok());
  EXPECT_EQ(prov->Int(0, 0), n);

  // Nothing changed: an incremental harvest from the first one's responseDate finds nothing.
  source.clock.Advance(1min);
  auto again = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->from, first->harvested_until);
  EXPECT_EQ(again->records, 0);
  EXPECT_EQ(again->added + again->changed + again->unchanged + again->deleted, 0);

  // On the source: 3 tasks edited, 2 added, 1 deleted, 1 made restricted.
  source.clock.Advance(1h);
  for (int i = 0; i < 3; ++i) {
    auto t = source.reg->GetTask(ids[static_cast<size_t>(2 * i + 1)]);
    ASSERT_TRUE(t.ok());
    t->title += " (điều chỉnh)";
    auto saved = source.reg->Upsert(*t);
    ASSERT_TRUE(saved.ok() && saved->outcome == registry::Outcome::kChanged);
  }
  std::vector<int64_t> added_ids;
  for (int i = 0; i < 2; ++i) {
    registry::Task t;
    t.title = "Nghiên cứu xử lý nước thải làng nghề bằng vi sinh vật bản địa, đợt " +
              std::to_string(i + 1);
    t.source = "so-khcn";
    t.external_id = "moi-" + std::to_string(i);
    t.field_code = "2";
    t.keywords = {"nước thải", "vi sinh"};
    auto saved = source.reg->Upsert(t);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    added_ids.push_back(saved->id);
  }
  const int64_t gone = ids[10], hidden = ids[12];
  ASSERT_TRUE(source.reg->DeleteTask(gone).ok());
  {
    auto t = source.reg->GetTask(hidden);
    ASSERT_TRUE(t.ok());
    t->confidentiality = "restricted";
    ASSERT_TRUE(source.reg->Upsert(*t).ok());
  }
  source.clock.Advance(1min);

  auto third = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->from, again->harvested_until);
  EXPECT_EQ(third->added, 2);
  EXPECT_EQ(third->changed, 3);
  EXPECT_EQ(third->unchanged, 0);
  EXPECT_EQ(third->rejected, 0);
  EXPECT_EQ(third->deleted, 2);  // the deleted task and the one no longer public
  EXPECT_EQ(third->records, 7);
  EXPECT_EQ(dest.Count("source = ?", {"ket-noi-nguon"}), n + 2 - 2);
  for (int64_t id : {gone, hidden}) {
    auto found = dest.reg->FindId("tasks", "ket-noi-nguon", Identifier(id));
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->has_value()) << id;
  }
  auto edited = dest.reg->FindId("tasks", "ket-noi-nguon", Identifier(ids[1]));
  ASSERT_TRUE(edited.ok() && edited->has_value());
  EXPECT_NE(dest.reg->GetTask(**edited)->title.find("(điều chỉnh)"), std::string::npos);
  EXPECT_EQ(
      dest.Count("source = ? AND external_id = ?", {"ket-noi-nguon", Identifier(added_ids[1])}), 1);

  // The destination is a Ketnoi too: its own provider now lists what it harvested, and the
  // command line harvests incrementally with nothing left to transfer.
  dest.Start();
  const char* bin = std::getenv("KETNOI_BIN");
  ASSERT_NE(bin, nullptr);
  test_support::TempDir out;
  std::string cmd = std::string(bin) + " harvest " + source.OaiUrl() + " --source ket-noi-nguon " +
                    "--data " + dest.dir.path().string() + " --lang en --delay 0 -q > " +
                    (out.path() / "out.txt").string() + " 2>&1";
  source.clock.Advance(1min);
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(out.path() / "out.txt");
  std::string printed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(printed.find("source ket-noi-nguon (format ketnoi)"), std::string::npos) << printed;
  EXPECT_NE(printed.find("added 0, changed 0, unchanged 0, rejected 0, deleted 0"),
            std::string::npos)
      << printed;
  test_support::HttpReply listed = test_support::HttpGet(
      dest.port, "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=source:ket-noi-nguon");
  EXPECT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("completeListSize=\"" + std::to_string(n) + "\""), std::string::npos)
      << listed.body.substr(0, 2000);
}

TEST_F(HarvestTest, AnInterruptedHarvestContinuesWhereItStopped) {
  Instance source(30);
  source.clock.Advance(1min);
  source.Start();
  Instance dest;
  const auto n = static_cast<int64_t>(source.PublicIds().size());
  ASSERT_GT(n, 2 * kPage);

  // The source goes away after the second page.
  Sleeps sleeps;
  HarvestOptions o = Options(source.OaiUrl(), sleeps);
  const int port = source.port;
  o.on_page = [&](const HarvestReport& r) {
    if (r.pages == 2) source.Stop();
    return Status::Ok();
  };
  auto broken = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().message().id, "harvest.unreachable");
  EXPECT_EQ(broken.status().message().Param("url"), source.OaiUrl());
  EXPECT_EQ(broken.status().message().Param("attempts"), "3");
  EXPECT_NE(Render(broken.status(), "vi").find(source.OaiUrl()), std::string::npos);
  // Exponential back-off between the three attempts.
  EXPECT_EQ(sleeps.waits, (std::vector<std::chrono::milliseconds>{1000ms, 2000ms}));
  EXPECT_EQ(dest.Count("source = 'ket-noi-nguon'"), 2 * kPage);
  auto state = dest.db->Query(
      "SELECT run_pages, run_added, resumption_token <> '', last_status FROM harvest_state "
      "WHERE source = 'ket-noi-nguon'");
  ASSERT_TRUE(state.ok() && state->size() == 1);
  EXPECT_EQ(state->Int(0, 0), 2);
  EXPECT_EQ(state->Int(0, 1), 2 * kPage);
  EXPECT_EQ(state->Int(0, 2), 1);
  EXPECT_EQ(state->Text(0, 3).rfind("failed: harvest.unreachable", 0), 0u) << state->Text(0, 3);

  // Back on the same address: the next run continues with the saved resumption token.
  source.Start(port);
  o.on_page = nullptr;
  auto resumed = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_TRUE(resumed->resumed);
  EXPECT_EQ(resumed->resumed_after, 2);
  EXPECT_EQ(resumed->pages, Pages(n));
  EXPECT_EQ(resumed->records, n - 2 * kPage);  // this run's records
  EXPECT_EQ(resumed->added, n);                // the whole run's
  EXPECT_EQ(resumed->changed + resumed->unchanged, 0);
  EXPECT_EQ(resumed->requests, 1 + Pages(n) - 2);  // Identify and the remaining pages
  EXPECT_EQ(dest.Count("source = 'ket-noi-nguon'"), n);

  // Complete: the next run is incremental and finds nothing new.
  source.clock.Advance(1min);
  auto after = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_FALSE(after->resumed);
  EXPECT_EQ(after->from, resumed->harvested_until);
  EXPECT_EQ(after->added + after->changed + after->unchanged, 0);

  // A run stopped by the caller (the scheduler's way) keeps its place too.
  HarvestOptions full = o;
  full.full = true;
  full.on_page = [](const HarvestReport& r) {
    return r.pages == 1 ? Status::Unavailable({"harvest.stopped", {}}) : Status::Ok();
  };
  auto stopped = exchange::Harvest(*dest.db, *dest.reg, dest.clock, full);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().message().id, "harvest.stopped");
  full.on_page = nullptr;
  full.full = false;  // continue the full run left unfinished
  auto finished = exchange::Harvest(*dest.db, *dest.reg, dest.clock, full);
  ASSERT_TRUE(finished.ok()) << finished.status().ToString();
  EXPECT_TRUE(finished->resumed);
  EXPECT_EQ(finished->unchanged, n);  // everything again, nothing rewritten
  EXPECT_EQ(finished->added + finished->changed, 0);
}

// ---------------------------------------------------------------------------------------------
// A scripted endpoint: each request gets the next answer of a list (the last one repeats).

class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<std::string> answers) : answers_(std::move(answers)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 16);
    thread_ = std::thread([this] { Serve(); });
  }
  ~ScriptedServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/oai"; }
  std::vector<std::string> Requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    size_t next = 0;
    while (!stop_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      while (req.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(req.substr(0, req.find("\r\n")) + "\n" + req);
      }
      const std::string& a = answers_[std::min(next++, answers_.size() - 1)];
      ::send(c, a.data(), a.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  std::vector<std::string> answers_;
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

std::string Answer(int status, const std::string& body, const std::string& extra = "",
                   const std::string& type = "text/xml; charset=utf-8") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n" +
         extra + "\r\n" + body;
}

std::string Oai(const std::string& inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH "
         "xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>2026-03-02T09:00:00Z</"
         "responseDate><request>http://x/oai</request>" +
         inner + "</OAI-PMH>";
}

const std::string kIdentify =
    Oai("<Identify><repositoryName>Kho đề tài</repositoryName><baseURL>http://x/oai</baseURL>"
        "<protocolVersion>2.0</protocolVersion><adminEmail>a@b.vn</adminEmail><earliestDatestamp>"
        "2020-01-01</earliestDatestamp><deletedRecord>persistent</deletedRecord><granularity>"
        "YYYY-MM-DD</granularity></Identify>");
const std::string kFormats =
    Oai("<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>"
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>"
        "http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat>"
        "</ListMetadataFormats>");

std::string DcRecord(const std::string& id, const std::string& fields) {
  return "<record><header><identifier>" + id +
         "</identifier><datestamp>2026-03-01</datestamp></header><metadata><oai_dc:dc "
         "xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">" +
         fields + "</oai_dc:dc></metadata></record>";
}

TEST_F(HarvestTest, RetriesOn503AndServerErrorsThenMapsDublinCore) {
  const std::string page =
      Oai("<ListRecords>" +
          DcRecord("oai:dhqg.edu.vn:123",
                   "<dc:title>Nghiên cứu vật liệu nano xử lý asen trong nước ngầm</dc:title>"
                   "<dc:creator>PGS.TS. Trần Thị Bình</dc:creator>"
                   "<dc:subject>Khoa học tự nhiên</dc:subject><dc:subject>asen</dc:subject>"
                   "<dc:description>Vật liệu hấp phụ giá rẻ.</dc:description>"
                   "<dc:publisher>Trường Đại học Khoa học Tự nhiên</dc:publisher>"
                   "<dc:date>2019</dc:date><dc:type>Đề tài</dc:type>"
                   "<dc:identifier>https://dhqg.edu.vn/de-tai/123</dc:identifier>"
                   "<dc:identifier>QG.19.01</dc:identifier>") +
          DcRecord("oai:dhqg.edu.vn:124",
                   "<dc:title>Bản đồ số di sản Hà Nội</dc:title>"
                   "<dc:date>2021-06-15</dc:date>") +
          "<record><header status=\"deleted\"><identifier>oai:dhqg.edu.vn:99</identifier>"
          "<datestamp>2026-03-01</datestamp></header></record>"
          "<resumptionToken completeListSize=\"3\" cursor=\"0\"></resumptionToken></ListRecords>");
  ScriptedServer server({Answer(503, "busy", "Retry-After: 7\r\n"), Answer(200, kIdentify),
                         Answer(200, kFormats), Answer(500, "oops"), Answer(502, "oops"),
                         Answer(200, page)});
  Instance dest;
  Sleeps sleeps;
  HarvestOptions o = Options(server.Url(), sleeps);
  o.max_attempts = 4;
  o.delay = 250ms;
  o.source = "";
  auto r = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, "oai-127.0.0.1-" + server.Url().substr(17, server.Url().find("/oai") - 17));
  EXPECT_EQ(r->prefix, "oai_dc");
  EXPECT_EQ(r->retries, 3);
  EXPECT_EQ(r->requests, 6);
  // Retry-After honoured; then 1 s and 2 s of back-off; 250 ms between requests.
  EXPECT_EQ(sleeps.waits,
            (std::vector<std::chrono::milliseconds>{7000ms, 250ms, 250ms, 1000ms, 2000ms}));
  EXPECT_EQ(r->added, 2);
  EXPECT_EQ(r->deleted, 0);
  EXPECT_EQ(r->deleted_unknown, 1);
  EXPECT_EQ(r->harvested_until, "2026-03-02T09:00:00Z");
  // Every request names Ketnoi.
  for (const auto& req : server.Requests())
    EXPECT_NE(req.find("User-Agent: Ketnoi-harvester/"), std::string::npos) << req;
  auto reqs = server.Requests();
  EXPECT_NE(reqs.back().find("verb=ListRecords&metadataPrefix=oai_dc "), std::string::npos)
      << reqs.back();

  auto id = dest.reg->FindId("tasks", r->source, "oai:dhqg.edu.vn:123");
  ASSERT_TRUE(id.ok() && id->has_value());
  auto rec = dest.reg->GetTaskRecords({**id});
  ASSERT_TRUE(rec.ok() && rec->size() == 1);
  const registry::Task& t = rec->front().task;
  EXPECT_EQ(t.title, "Nghiên cứu vật liệu nano xử lý asen trong nước ngầm");
  EXPECT_EQ(t.abstract, "Vật liệu hấp phụ giá rẻ.");
  EXPECT_EQ(t.field_code, "1");
  EXPECT_EQ(t.keywords, std::vector<std::string>{"asen"});
  EXPECT_EQ(t.start, (Date{2019, 1, 1}));
  EXPECT_EQ(t.code, "QG.19.01");
  EXPECT_EQ(t.kind, "de_tai");
  EXPECT_EQ(rec->front().host_name, "Trường Đại học Khoa học Tự nhiên");
  EXPECT_EQ(rec->front().pi_name, "PGS.TS. Trần Thị Bình");
  auto other = dest.reg->FindId("tasks", r->source, "oai:dhqg.edu.vn:124");
  ASSERT_TRUE(other.ok() && other->has_value());
  EXPECT_EQ(dest.reg->GetTask(**other)->start, (Date{2021, 6, 15}));

  // The next run asks from the day of the first one's responseDate (day granularity), and a
  // deleted header now removes what was harvested.
  const std::string deletion =
      Oai("<ListRecords><record><header status=\"deleted\"><identifier>oai:dhqg.edu.vn:124"
          "</identifier><datestamp>2026-03-03</datestamp></header></record></ListRecords>");
  ScriptedServer later({Answer(200, kIdentify), Answer(200, kFormats), Answer(200, deletion)});
  o.url = later.Url();
  o.source = r->source;
  auto second = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  // A different URL is a different list: everything, not incremental.
  EXPECT_EQ(second->from, "");
  EXPECT_EQ(second->deleted, 1);
  other = dest.reg->FindId("tasks", r->source, "oai:dhqg.edu.vn:124");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  const std::string none = Oai("<error code=\"noRecordsMatch\">none</error>");
  ScriptedServer same({Answer(200, kIdentify), Answer(200, kFormats), Answer(200, none),
                       Answer(200, kIdentify), Answer(200, kFormats), Answer(200, none)});
  o.url = same.Url();
  auto first_here = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(first_here.ok()) << first_here.status().ToString();
  auto third = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->from, "2026-03-02");
  EXPECT_NE(same.Requests().back().find("&from=2026-03-02 "), std::string::npos)
      << same.Requests().back();
}

// Another Ketnoi named by its JSON API URL: recognised by its OpenAPI document and harvested
// through its OAI-PMH endpoint in the `ketnoi` format (incremental, with deletions); a JSON API
// that is not a Ketnoi's is refused by name.
TEST_F(HarvestTest, AnotherKetnoiByItsApiUrl) {
  Instance source(12);
  source.clock.Advance(1min);
  source.Start();
  Instance dest;
  const auto n = static_cast<int64_t>(source.PublicIds().size());
  Sleeps sleeps;
  const std::string api = "http://127.0.0.1:" + std::to_string(source.port) + "/api/v1";
  HarvestOptions o = Options(api + "/tasks", sleeps);
  auto first = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->url, source.OaiUrl());
  EXPECT_EQ(first->prefix, "ketnoi");
  EXPECT_EQ(first->added, n);
  auto again = exchange::Harvest(*dest.db, *dest.reg, dest.clock, Options(api, sleeps));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->added + again->changed, 0);
  EXPECT_NE(again->from, "") << "the second run is incremental";

  ScriptedServer other(
      {Answer(200, "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"Kho dữ liệu\"}}", "",
              "application/json")});
  auto refused =
      exchange::Harvest(*dest.db, *dest.reg, dest.clock, Options(other.Url() + "/api/v1", sleeps));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message().id, "harvest.not_ketnoi_api");
}

TEST_F(HarvestTest, ErrorsNameTheUrlAndTheReason) {
  Instance dest;
  Sleeps sleeps;
  struct Case {
    std::vector<std::string> answers;
    std::string id, param, value;
  };
  const std::vector<Case> cases = {
      {{Answer(200, "<html><body>Trang chủ<br></body></html>", "", "text/html")},
       "harvest.not_xml",
       "",
       ""},
      {{Answer(200, "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>")},
       "harvest.not_oai",
       "root",
       "feed"},
      {{Answer(404, "not found", "", "text/plain")}, "harvest.http_status", "status", "404"},
      {{Answer(200, kIdentify), Answer(200, kFormats),
        Answer(200, Oai("<error code=\"badArgument\">from không hợp lệ</error>"))},
       "harvest.oai_error",
       "code",
       "badArgument"},
      {{Answer(503, "busy", "Retry-After: 1\r\n")}, "harvest.unreachable", "attempts", "3"},
  };
  for (const auto& c : cases) {
    ScriptedServer server(c.answers);
    auto r = exchange::Harvest(*dest.db, *dest.reg, dest.clock, Options(server.Url(), sleeps));
    ASSERT_FALSE(r.ok()) << c.id;
    EXPECT_EQ(r.status().message().id, c.id);
    EXPECT_EQ(r.status().message().Param("url"), server.Url()) << c.id;
    if (!c.param.empty()) {
      EXPECT_EQ(r.status().message().Param(c.param), c.value) << c.id;
    }
    for (const char* lang : {"vi", "en"}) {
      std::string text = Render(r.status(), lang);
      EXPECT_NE(text.find(server.Url()), std::string::npos) << text;
      EXPECT_EQ(text.find('{'), std::string::npos) << text;  // every parameter filled in
    }
  }
  // Nothing listens here.
  HarvestOptions o =
      Options("http://127.0.0.1:" + std::to_string(test_support::FreePort()) + "/oai", sleeps);
  auto r = exchange::Harvest(*dest.db, *dest.reg, dest.clock, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().id, "harvest.unreachable");
  EXPECT_FALSE(r.status().message().Param("reason").empty());
  o.url = "ftp://example.org/oai";
  EXPECT_EQ(exchange::Harvest(*dest.db, *dest.reg, dest.clock, o).status().message().id,
            "harvest.bad_url");
  o.url = "http://127.0.0.1:1/oai";
  o.prefix = "marc21";
  EXPECT_EQ(exchange::Harvest(*dest.db, *dest.reg, dest.clock, o).status().message().id,
            "harvest.unsupported_prefix");
}

TEST_F(HarvestTest, ScheduledSourcesFromKetnoiTomlAreHarvestedInTheBackground) {
  Instance source(20);
  source.clock.Advance(1min);
  source.Start();
  Instance dest;
  std::ofstream(dest.dir.path() / "ketnoi.toml")
      << "lang = \"en\"\n\n[[harvest]]\nurl = \"" << source.OaiUrl()
      << "\"\nsource = \"lich\"\ninterval = \"6h\"\n\n[[harvest]]\nurl = "
         "\"https://kho.example.vn/oai\"\nprefix = \"oai_dc\"\nset = \"field:1\"\ninterval = 90\n";
  ConfigSources cs;
  cs.data_dir = dest.dir.path();
  cs.getenv = [](const char*) -> std::optional<std::string> { return std::nullopt; };
  auto config = LoadConfig(cs);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->harvest.size(), 2u);
  EXPECT_EQ(config->harvest[0].source, "lich");
  EXPECT_EQ(config->harvest[0].interval, std::chrono::hours(6));
  EXPECT_EQ(config->harvest[1].prefix, "oai_dc");
  EXPECT_EQ(config->harvest[1].set, "field:1");
  EXPECT_EQ(config->harvest[1].interval, std::chrono::seconds(90));
  {
    std::ofstream(dest.dir.path() / "ketnoi.toml") << "[[harvest]]\nurl = \"kho\"\n";
    auto bad = LoadConfig(cs);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().message().id, "config.bad_harvest");
    EXPECT_EQ(bad.status().message().Param("key"), "url");
  }

  std::mutex mu;
  std::vector<std::string> lines;
  std::vector<HarvestSchedule> only = {config->harvest[0]};
  exchange::HarvestScheduler scheduler(config->EffectiveStoreUrl(), only, dest.clock, "en",
                                       [&](const std::string& line) {
                                         std::lock_guard<std::mutex> lock(mu);
                                         lines.push_back(line);
                                       });
  ASSERT_TRUE(scheduler.Start().ok());
  for (int i = 0; i < 600 && scheduler.passes() < 1; ++i) std::this_thread::sleep_for(50ms);
  scheduler.Stop();
  ASSERT_GE(scheduler.passes(), 1);
  const auto n = static_cast<int64_t>(source.PublicIds().size());
  EXPECT_EQ(dest.Count("source = 'lich'"), n);
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.front().find("added " + std::to_string(n)), std::string::npos) << lines.front();
}

// The harvest state and the writes on both stores: the destination is SQLite or PostgreSQL.
class HarvestStoreTest : public test_support::BackendTest {};

TEST_P(HarvestStoreTest, IncrementalHarvestWithADeletionOnEveryStore) {
  Instance source(25);
  source.clock.Advance(1min);
  source.Start();
  const std::vector<int64_t> ids = source.PublicIds();
  const auto n = static_cast<int64_t>(ids.size());
  FakeClock clock(At(2026, 4, 1, 9, 0, 0));
  registry::Registry reg(*db_, clock);
  ASSERT_TRUE(reg.SeedReferenceData().ok());
  Sleeps sleeps;
  HarvestOptions o = Options(source.OaiUrl(), sleeps);
  o.prefix = "oai_dc";  // the plain format this time
  o.on_page = [&](const HarvestReport& r) {
    return r.pages == 2 ? Status::Unavailable({"harvest.stopped", {}}) : Status::Ok();
  };
  auto stopped = exchange::Harvest(*db_, reg, clock, o);
  ASSERT_FALSE(stopped.ok());
  o.on_page = nullptr;
  auto first = exchange::Harvest(*db_, reg, clock, o);
  ASSERT_TRUE(first.ok()) << test_support::Show(first.status());
  EXPECT_TRUE(first->resumed);
  EXPECT_EQ(first->added, n);
  EXPECT_EQ(Count("tasks", "source = 'ket-noi-nguon'"), n);

  source.clock.Advance(1h);
  auto t = source.reg->GetTask(ids[3]);
  ASSERT_TRUE(t.ok());
  t->abstract = "Tóm tắt mới.";
  ASSERT_TRUE(source.reg->Upsert(*t).ok());
  ASSERT_TRUE(source.reg->DeleteTask(ids[4]).ok());
  source.clock.Advance(1min);
  auto second = exchange::Harvest(*db_, reg, clock, o);
  ASSERT_TRUE(second.ok()) << test_support::Show(second.status());
  EXPECT_FALSE(second->resumed);
  EXPECT_EQ(second->from, first->harvested_until);
  EXPECT_EQ(second->changed, 1);
  EXPECT_EQ(second->deleted, 1);
  EXPECT_EQ(second->added + second->unchanged + second->rejected, 0);
  EXPECT_EQ(Count("tasks", "source = 'ket-noi-nguon'"), n - 1);
  EXPECT_EQ(Count("harvest_state",
                  "source = 'ket-noi-nguon' AND resumption_token = '' AND "
                  "last_status = 'complete' AND metadata_prefix = 'oai_dc'"),
            1);
}

KETNOI_INSTANTIATE_ON_BACKENDS(HarvestStoreTest);

}  // namespace
}  // namespace ketnoi
