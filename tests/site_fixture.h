#pragma once
// A running Ketnoi site for the web security tests: a temporary data directory with a small
// demo corpus, one user per role (plus an anonymous visitor), and a real server on 127.0.0.1.
// WebSession is a visitor with a cookie jar who can sign in, read CSRF tokens from forms and
// post forms.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "auth/accounts.h"
#include "core/clock.h"
#include "core/config.h"
#include "demo/demo.h"
#include "http/http.h"
#include "http/server.h"
#include "http_client.h"
#include "registry/repo.h"
#include "search/index.h"
#include "store/db.h"
#include "temp_dir.h"
#include "web/site.h"

namespace ketnoi::test_support {

inline std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields)
    out += (out.empty() ? "" : "&") + http::UrlEncode(k) + "=" + http::UrlEncode(v);
  return out;
}

// The value of the first `name="_csrf" value="…"` in a page.
inline std::string CsrfFromPage(const std::string& html) {
  std::string key = "name=\"_csrf\" value=\"";
  size_t p = html.find(key);
  if (p == std::string::npos) return "";
  p += key.size();
  return html.substr(p, html.find('"', p) - p);
}

class WebSession {
 public:
  explicit WebSession(int port) : port_(port) {}

  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::string& content_type = "",
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::string jar;
    for (const auto& [k, v] : cookies_) jar += (jar.empty() ? "" : "; ") + k + "=" + v;
    if (!jar.empty()) headers.emplace_back("Cookie", jar);
    if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
    HttpReply r = HttpGet(port_, target, headers, method, body);
    // Remember cookies the server sets (Max-Age=0 removes one).
    std::string set = r.Header("set-cookie");
    size_t pos = 0;
    while (pos < set.size()) {
      size_t end = set.find('\n', pos);
      if (end == std::string::npos) end = set.size();
      std::string line = set.substr(pos, end - pos);
      size_t eq = line.find('='), semi = line.find(';');
      if (eq != std::string::npos) {
        std::string name = line.substr(0, eq);
        std::string value =
            line.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
        if (line.find("Max-Age=0") != std::string::npos || value.empty())
          cookies_.erase(name);
        else
          cookies_[name] = value;
      }
      pos = end + 1;
    }
    return r;
  }
  HttpReply Get(const std::string& target) { return Send("GET", target); }
  // Posts a urlencoded form with the CSRF token the session's forms carry.
  HttpReply Post(const std::string& target, std::vector<std::pair<std::string, std::string>> fields,
                 bool with_csrf = true) {
    if (with_csrf) fields.emplace_back("_csrf", Csrf());
    return Send("POST", target, FormEncode(fields), "application/x-www-form-urlencoded");
  }
  // The token a form of this session carries (from the account page when signed in, else from
  // the login form, which also sets the pre-session cookie).
  std::string Csrf() {
    if (!csrf_.empty()) return csrf_;
    HttpReply r = Get(signed_in_ ? "/account" : "/login");
    csrf_ = CsrfFromPage(r.body);
    return csrf_;
  }
  bool Login(const std::string& email, const std::string& password) {
    csrf_.clear();
    signed_in_ = false;
    HttpReply r = Post("/login", {{"email", email}, {"password", password}});
    csrf_.clear();
    signed_in_ = r.status == 303 && cookies_.count(http::kSessionCookie);
    return signed_in_;
  }
  bool signed_in() const { return signed_in_; }
  std::map<std::string, std::string>& cookies() { return cookies_; }

 private:
  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  bool signed_in_ = false;
};

// The password of the test user holding `role`.
inline std::string PasswordFor(const std::string& role) { return "mat-khau-" + role + "-2026"; }
inline std::string EmailFor(const std::string& role) { return role + "@kiem-thu.vn"; }

class SiteFixture : public ::testing::Test {
 protected:
  // clock: what the server's handlers see (a FakeClock to move past deadlines); must outlive it.
  static void SetUpSite(int tasks = 120, const Clock* clock = nullptr) {
    dir_ = new TempDir();
    config_ = new Config();
    config_->data_dir = dir_->path();
    auto db = store::Db::Open(config_->EffectiveStoreUrl());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    registry::Registry reg(**db, SystemClock::Instance());
    demo::DemoOptions opt;
    opt.tasks = tasks;
    auto built = demo::BuildDemo(reg, opt);
    ASSERT_TRUE(built.ok()) << built.status().ToString();
    search::Indexer indexer(reg, config_->IndexDir());
    ASSERT_TRUE(indexer.CatchUp().ok());
    auth::Accounts accounts(**db, SystemClock::Instance());
    for (std::string_view role : auth::kRoles) {
      auth::NewUser u;
      u.email = EmailFor(std::string(role));
      u.name = "Người dùng " + std::string(role);
      u.password = PasswordFor(std::string(role));
      u.roles = {{std::string(role), ""}};
      auto created = accounts.CreateUser(u, auth::Actor{});
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      user_ids_[std::string(role)] = created->id;
    }
    port_ = FreePort();
    http::ServerOptions sopt;
    sopt.port = port_;
    sopt.access_log = false;
    if (clock) sopt.clock = clock;
    server_ = new http::Server(*config_, web::SiteRoutes(), sopt);
    Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  static void TearDownSite() {
    delete server_;
    delete config_;
    delete dir_;
    server_ = nullptr;
  }
  // A session signed in as the test user of `role` ("" for an anonymous visitor).
  static std::unique_ptr<WebSession> As(const std::string& role) {
    auto s = std::make_unique<WebSession>(port_);
    if (!role.empty()) {
      EXPECT_TRUE(s->Login(EmailFor(role), PasswordFor(role))) << role;
    }
    return s;
  }
  static std::unique_ptr<store::Db> OpenDb() {
    auto db = store::Db::Open(config_->EffectiveStoreUrl());
    EXPECT_TRUE(db.ok());
    return db.ok() ? std::move(*db) : nullptr;
  }

  static inline TempDir* dir_ = nullptr;
  static inline Config* config_ = nullptr;
  static inline http::Server* server_ = nullptr;
  static inline int port_ = 0;
  static inline std::map<std::string, int64_t> user_ids_;
};

}  // namespace ketnoi::test_support
