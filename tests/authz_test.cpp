// The authorisation matrix, generated from the route table: every route is exercised as every
// role and as an anonymous visitor. Allowed → never 401/403 or a bounce to the login page;
// denied → 403 for a signed-in user, the login page (303) for a visitor on a page, 401 for a
// visitor on the API. A route whose permission is not in the table fails here and refuses to
// start. Data-level rules (secret tasks, private files) are checked on top.
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "core/crypto.h"
#include "files/files.h"
#include "site_fixture.h"

namespace ketnoi {
namespace {

using test_support::HttpReply;
using test_support::WebSession;

class AuthzTest : public test_support::SiteFixture {
 protected:
  static void SetUpTestSuite() {
    SetUpSite(150);
    auto db = OpenDb();
    ASSERT_TRUE(db);
    auto secret = db->Query("SELECT id FROM tasks WHERE confidentiality = 'secret' LIMIT 1");
    ASSERT_TRUE(secret.ok() && !secret->empty()) << "the demo corpus has no secret task";
    secret_id_ = secret->Int(0, 0);
    auto pub = db->Query("SELECT id FROM tasks WHERE confidentiality = 'public' LIMIT 1");
    ASSERT_TRUE(pub.ok() && !pub->empty());
    public_id_ = pub->Int(0, 0);
    // A user the admin routes may change freely, and two files of the applicant.
    auth::Accounts accounts(*db, SystemClock::Instance());
    auth::NewUser u;
    u.email = "dummy@kiem-thu.vn";
    u.name = "Người dùng thử";
    u.password = "mat-khau-dummy-2026";
    auto dummy = accounts.CreateUser(u, auth::Actor{});
    ASSERT_TRUE(dummy.ok()) << dummy.status().ToString();
    dummy_id_ = dummy->id;
    files::FileStore store(*db, config_->FilesDir(), SystemClock::Instance());
    auto pub_file =
        store.Put("cong-khai.pdf", "%PDF-1.4\n% public\n%%EOF\n", user_ids_["applicant"], "public");
    ASSERT_TRUE(pub_file.ok()) << pub_file.status().ToString();
    public_file_ = *pub_file;
    auto priv = store.Put("rieng-tu.pdf", "%PDF-1.4\n% private\n%%EOF\n", user_ids_["applicant"],
                          "private");
    ASSERT_TRUE(priv.ok()) << priv.status().ToString();
    private_file_ = *priv;
  }
  static void TearDownTestSuite() { TearDownSite(); }

  // A concrete URL for a route pattern.
  static std::string Concrete(const std::string& pattern) {
    std::string out;
    size_t i = 0;
    while (i < pattern.size()) {
      if (pattern[i] != ':') {
        out += pattern[i++];
        continue;
      }
      size_t end = pattern.find('/', i);
      std::string name =
          pattern.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
      if (name == "id") {
        if (pattern.rfind("/admin/users", 0) == 0)
          out += std::to_string(dummy_id_);
        else if (pattern.rfind("/files", 0) == 0)
          out += std::to_string(public_file_.id);
        else if (pattern.find("/tasks/") != std::string::npos || pattern == "/history/task/:id")
          out += std::to_string(public_id_);
        else
          out += "1";
      } else if (name == "name") {
        out += public_file_.name;
      } else if (name == "code") {
        out += "3";
      } else {
        out += "khong-co";
      }
      i = end == std::string::npos ? pattern.size() : end;
    }
    return out;
  }

  static inline int64_t secret_id_ = 0, public_id_ = 0, dummy_id_ = 0;
  static inline files::StoredFile public_file_, private_file_;
};

TEST_F(AuthzTest, EveryRouteNamesAKnownPermission) {
  for (const auto& r : web::SiteRoutes()) {
    EXPECT_FALSE(r.permission.empty()) << r.method << " " << r.path << " has no permission";
    EXPECT_NE(auth::FindPermission(r.permission), nullptr)
        << r.method << " " << r.path << " names the unknown permission \"" << r.permission << "\"";
  }
}

TEST_F(AuthzTest, ServerRefusesToStartWithARouteWithoutPermission) {
  auto routes = web::SiteRoutes();
  routes.push_back({"GET", "/khong-khai-bao", "", "page", "Undeclared",
                    [](const http::Request&, http::Worker&) { return http::Response{}; }});
  http::ServerOptions opt;
  opt.port = test_support::FreePort();
  opt.access_log = false;
  http::Server server(*config_, routes, opt);
  Status s = server.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().id, "web.unknown_permission");
  EXPECT_EQ(s.message().Param("route"), "GET /khong-khai-bao");
}

TEST_F(AuthzTest, EveryRouteAsEveryRole) {
  std::vector<std::string> identities = {""};
  for (std::string_view r : auth::kRoles) identities.emplace_back(r);
  auto routes = web::SiteRoutes();
  // Signing out ends the session the rest of the row needs: it goes last.
  std::stable_partition(routes.begin(), routes.end(),
                        [](const http::Route& r) { return r.path != "/logout"; });
  int checked = 0;
  for (const auto& role : identities) {
    auto session = As(role);
    ASSERT_EQ(session->signed_in(), !role.empty()) << role;
    auth::Principal who;
    if (!role.empty()) {
      who.user_id = user_ids_[role];
      who.roles = {{role, ""}};
    }
    for (const auto& route : routes) {
      if (route.method != "GET" && route.method != "POST") continue;
      std::string url = Concrete(route.path);
      HttpReply reply = route.method == "GET" ? session->Get(url) : session->Post(url, {});
      bool allowed = auth::Allows(route.permission, who);
      std::string label = (role.empty() ? "anonymous" : role) + " " + route.method + " " + url +
                          " (" + route.permission + ") → " + std::to_string(reply.status);
      ASSERT_NE(reply.status, 0) << label << ": no answer";
      EXPECT_NE(reply.status, 500) << label;
      bool to_login = reply.status == 303 && reply.Header("location").rfind("/login", 0) == 0;
      if (allowed) {
        EXPECT_NE(reply.status, 401) << label;
        EXPECT_NE(reply.status, 403) << label << "\n" << reply.body.substr(0, 300);
        EXPECT_FALSE(to_login) << label;
      } else if (role.empty() && route.kind == "api") {
        EXPECT_EQ(reply.status, 401) << label;
      } else if (role.empty()) {
        EXPECT_TRUE(to_login) << label;
        EXPECT_NE(reply.Header("location").find("next="), std::string::npos) << label;
      } else {
        EXPECT_EQ(reply.status, 403) << label;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 13 * 40);
}

TEST_F(AuthzTest, SecretTaskOnlyForThoseWhoMaySeeIt) {
  std::string url = "/tasks/" + std::to_string(secret_id_);
  EXPECT_EQ(As("")->Get(url).status, 404);
  EXPECT_EQ(As("applicant")->Get(url).status, 404);
  EXPECT_EQ(As("enterprise")->Get(url).status, 404);
  HttpReply staff = As("staff")->Get(url);
  EXPECT_EQ(staff.status, 200);
  EXPECT_EQ(staff.Header("cache-control"), "private, no-store");
  EXPECT_EQ(As("leader")->Get(url).status, 200);
  // The public API never shows it, whoever asks.
  EXPECT_EQ(As("staff")->Get("/api/v1/tasks/" + std::to_string(secret_id_)).status, 404);
}

TEST_F(AuthzTest, DuplicateCheckComparesWithNonPublicTasksForStaffOnly) {
  auto db = OpenDb();
  auto secret = db->Query("SELECT title FROM tasks WHERE id = ?", {secret_id_});
  ASSERT_TRUE(secret.ok() && !secret->empty());
  std::string url = "/api/v1/dupcheck?title=" + http::UrlEncode(secret->Text(0, 0));
  auto ids = [&](const HttpReply& r) {
    std::set<int64_t> out;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_discarded()) return out;
    for (const auto& m : j["matches"]) out.insert(m["id"].get<int64_t>());
    return out;
  };
  for (const std::string role : {"", "applicant", "expert", "board_member"})
    EXPECT_FALSE(ids(As(role)->Get(url)).count(secret_id_)) << role;
  HttpReply staff = As("staff")->Get(url);
  EXPECT_TRUE(ids(staff).count(secret_id_)) << staff.body.substr(0, 1000);
  EXPECT_EQ(staff.Header("cache-control"), "private, no-store");
  EXPECT_TRUE(ids(As("leader")->Get(url)).count(secret_id_));
}

TEST_F(AuthzTest, PrivateFileOnlyForItsOwnerAndStaff) {
  std::string url =
      "/files/" + std::to_string(private_file_.id) + "/" + http::UrlEncode(private_file_.name);
  EXPECT_EQ(As("")->Get(url).status, 404);
  EXPECT_EQ(As("enterprise")->Get(url).status, 404);
  EXPECT_EQ(As("expert")->Get(url).status, 404);
  HttpReply owner = As("applicant")->Get(url);
  EXPECT_EQ(owner.status, 200);
  EXPECT_EQ(owner.Header("content-type"), "application/pdf");
  EXPECT_EQ(owner.Header("content-disposition").rfind("attachment;", 0), 0u);
  EXPECT_EQ(owner.Header("cache-control"), "private, no-store");
  EXPECT_EQ(As("staff")->Get(url).status, 200);
}

TEST_F(AuthzTest, ApiTellsWhoIsSignedIn) {
  HttpReply anon = As("")->Get("/api/v1/me");
  EXPECT_EQ(anon.status, 401);
  EXPECT_NE(anon.body.find("\"sign_in\""), std::string::npos);
  HttpReply me = As("board_member")->Get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_NE(me.body.find("board_member@kiem-thu.vn"), std::string::npos);
  EXPECT_NE(me.body.find("\"role\":\"board_member\""), std::string::npos);
}

// A change to a public record is a public decision: anyone sees it on /audit with its hash and
// can recompute that hash from the fields the API publishes.
TEST_F(AuthzTest, PublicDecisionsCanBeCheckedByAnyone) {
  auto staff = As("staff");
  HttpReply form = staff->Get("/programs/2/edit");
  ASSERT_EQ(form.status, 200);
  auto field = [&](const std::string& name) {
    std::string key = "name=\"" + name + "\" type=\"";
    size_t p = form.body.find(key);
    if (p == std::string::npos) return std::string();
    p = form.body.find("value=\"", p) + 7;
    return form.body.substr(p, form.body.find('"', p) - p);
  };
  HttpReply saved = staff->Post("/programs/2/edit", {{"code", field("code")},
                                                     {"name", "Chương trình thử nghiệm công khai"},
                                                     {"period_start", field("period_start")},
                                                     {"period_end", field("period_end")},
                                                     {"budget", ""},
                                                     {"description", "Mô tả mới"}});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  HttpReply page = As("")->Get("/audit");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("program:2"), std::string::npos);
  EXPECT_EQ(page.body.find("staff@kiem-thu.vn"), std::string::npos)
      << "no e-mail on the public page";
  HttpReply api = As("")->Get("/api/v1/audit");
  ASSERT_EQ(api.status, 200);
  auto j = nlohmann::json::parse(api.body);
  ASSERT_FALSE(j["items"].empty());
  bool found = false;
  for (const auto& item : j["items"]) {
    std::string prev = item["prev_hash"], canonical = item["canonical"], hash = item["hash"];
    EXPECT_EQ(crypto::Blake2bHex(prev + "\n" + canonical), hash) << item.dump();
    EXPECT_NE(canonical.find(std::string(item["subject"])), std::string::npos);
    if (item["subject"] == "program:2" && item["action"] == "record.edit") {
      found = true;
      EXPECT_EQ(item["actor"], "Người dùng staff");
      EXPECT_EQ(item["address"], "");
    }
  }
  EXPECT_TRUE(found) << api.body.substr(0, 1000);
}

// Programs are keyed by their code: an edit cannot move a program to another code (which would
// create a new program or overwrite another one), and a new program cannot take a code in use.
TEST_F(AuthzTest, AProgramKeepsItsCode) {
  auto db = OpenDb();
  auto count = [&] { return db->Query("SELECT COUNT(*) FROM programs")->Int(0, 0); };
  auto code_of = [&](int id) {
    return db->Query("SELECT code FROM programs WHERE id = ?", {int64_t{id}})->Text(0, 0);
  };
  int64_t before = count();
  auto staff = As("staff");
  HttpReply moved = staff->Post("/programs/3/edit", {{"code", code_of(4)}, {"name", "Tên mới"}});
  EXPECT_EQ(moved.status, 400);
  EXPECT_NE(moved.body.find("id=\"e-code\""), std::string::npos) << "the error sits at the code";
  HttpReply taken = staff->Post("/programs/new", {{"code", code_of(4)}, {"name", "Trùng mã"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(count(), before);
  EXPECT_NE(db->Query("SELECT name FROM programs WHERE id = 4")->Text(0, 0), "Trùng mã");
}

// Staff import a partner's file in two steps: the check lists every bad row with its column and
// value and writes nothing; the confirmation imports the good rows and is audited.
TEST_F(AuthzTest, StaffImportAFileInTwoSteps) {
  auto staff = As("staff");
  std::string csv =
      "external_id,title,host,field,year\n"
      "W-1,Nghiên cứu vật liệu xây dựng xanh,Viện Vật liệu,2,2024\n"
      "W-2,Công nghệ tái chế phế thải xây dựng,Viện Vật liệu,2,năm ngoái\n";
  std::string body = "--B0undary\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
                     staff->Csrf() +
                     "\r\n--B0undary\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n"
                     "vien-vat-lieu\r\n--B0undary\r\nContent-Disposition: form-data; "
                     "name=\"file\"; filename=\"du-lieu.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
                     csv + "\r\n--B0undary--\r\n";
  auto db = OpenDb();
  auto count = [&] {
    return db->Query("SELECT COUNT(*) FROM tasks WHERE source = 'vien-vat-lieu'")->Int(0, 0);
  };
  HttpReply check = staff->Send("POST", "/imports", body, "multipart/form-data; boundary=B0undary");
  ASSERT_EQ(check.status, 422) << check.body.substr(0, 3000);
  EXPECT_NE(check.body.find("<td>3</td><td>year</td><td>năm ngoái</td>"), std::string::npos)
      << check.body.substr(0, 4000);
  EXPECT_EQ(count(), 0) << "the check writes nothing";
  std::string key = "action=\"/imports/";
  size_t at = check.body.find(key);
  ASSERT_NE(at, std::string::npos);
  std::string action = check.body.substr(at + 8, check.body.find('"', at + 8) - at - 8);
  // The import runs in the background: its page shows progress (refreshing itself) until the
  // report.
  std::string job_url;
  auto finish = [&](const HttpReply& started) {
    EXPECT_EQ(started.status, 303) << started.body.substr(0, 2000);
    std::string job = job_url = started.Header("location");
    EXPECT_EQ(job.rfind("/imports/jobs/", 0), 0u) << job;
    HttpReply page;
    for (int i = 0; i < 600; ++i) {
      page = staff->Get(job);
      if (page.body.find("data-state=\"running\"") == std::string::npos) break;
      EXPECT_EQ(page.Header("refresh"), "1");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_NE(page.body.find("data-state=\"done\""), std::string::npos)
        << page.body.substr(0, 3000);
    return page;
  };
  HttpReply refused =
      finish(staff->Post(action, {{"source", "vien-vat-lieu"}, {"name", "du-lieu.csv"}}));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Chưa nhập"), std::string::npos);
  EXPECT_EQ(count(), 0);
  HttpReply done = finish(staff->Post(
      action, {{"source", "vien-vat-lieu"}, {"name", "du-lieu.csv"}, {"skip_invalid", "1"}}));
  ASSERT_EQ(done.status, 200) << done.body.substr(0, 3000);
  EXPECT_NE(done.body.find("Đã nhập dữ liệu"), std::string::npos);
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(As("enterprise")->Get(job_url).status, 403);
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM audit_log WHERE action = 'import.commit'")->Int(0, 0),
            1);
  EXPECT_EQ(db->Query("SELECT actor FROM provenance p JOIN tasks t ON t.id = p.entity_id WHERE "
                      "t.external_id = 'W-1'")
                ->Text(0, 0),
            "staff@kiem-thu.vn");
  // The file is gone once imported (its job's report is still there); a made-up name is not
  // a path, nor a made-up job.
  EXPECT_EQ(staff->Post(action, {{"source", "x"}}).status, 303);
  EXPECT_EQ(staff->Get("/imports/jobs/" + std::string(64, 'a')).status, 404);
  EXPECT_EQ(staff->Post("/imports/..%2F..%2Fketnoi.db.csv", {}).status, 404);
  EXPECT_EQ(As("enterprise")->Post(action, {}).status, 403);
}

}  // namespace
}  // namespace ketnoi
