// Accounts on both backends: creation and validation, sign-in, throttling with an injected
// clock, sessions (expiry, revocation, password change), self-registration with e-mail
// verification through the outbox, password reset, roles, and that every security event lands
// in a verifiable audit chain.
#include <gtest/gtest.h>

#include "audit/audit.h"
#include "auth/accounts.h"
#include "backends.h"

namespace ketnoi {
namespace {

using test_support::BackendTest;
using test_support::Show;

class AuthTest : public BackendTest {
 protected:
  auth::Accounts Accounts() { return auth::Accounts(*db_, clock_); }
  auth::User MakeUser(const std::string& email, const std::string& role = "staff") {
    auth::NewUser u;
    u.email = email;
    u.name = "Nguyễn Văn An";
    u.password = "mat-khau-du-dai";
    u.roles = {{role, ""}};
    auto created = Accounts().CreateUser(u, auth::Actor{});
    EXPECT_TRUE(created.ok()) << Show(created.status());
    return created.ok() ? *created : auth::User{};
  }
  // The token in the newest queued mail's link "...?token=XYZ".
  std::string TokenFromOutbox() {
    auto mail = Accounts().PendingMail();
    EXPECT_TRUE(mail.ok() && !mail->empty());
    if (!mail.ok() || mail->empty()) return "";
    const std::string& body = mail->back().body;
    size_t p = body.find("token=");
    if (p == std::string::npos) return "";
    p += 6;
    return body.substr(p, body.find_first_of("\n ", p) - p);
  }
};

TEST_P(AuthTest, CreateUserValidatesEachField) {
  auth::NewUser u{"khong-phai-email", "Tên", "mat-khau-du-dai", {{"staff", ""}}};
  auto bad_email = Accounts().CreateUser(u, {});
  ASSERT_FALSE(bad_email.ok());
  EXPECT_EQ(bad_email.status().message().Param("field"), "email");
  u.email = "an@so-khcn.hanoi.gov.vn";
  u.password = "ngan";
  auto weak = Accounts().CreateUser(u, {});
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.status().message().id, "auth.weak_password");
  u.password = "mat-khau-du-dai";
  u.roles = {{"vua", ""}};
  EXPECT_EQ(Accounts().CreateUser(u, {}).status().message().id, "auth.bad_role");
  u.roles = {{"staff", ""}};
  u.email = "  An@So-KHCN.Hanoi.gov.vn ";
  auto ok = Accounts().CreateUser(u, {});
  ASSERT_TRUE(ok.ok()) << Show(ok.status());
  EXPECT_EQ(ok->email, "an@so-khcn.hanoi.gov.vn");
  EXPECT_EQ(ok->status, "active");
  auto again = Accounts().CreateUser(u, {});
  EXPECT_EQ(again.status().message().id, "auth.email_taken");
  EXPECT_EQ(Count("users"), 1);
  // The stored hash is argon2id, never the password.
  auto rows = db_->Query("SELECT password_hash FROM users");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->Text(0, 0).rfind("$argon2id$", 0), 0u);
}

TEST_P(AuthTest, LoginGivesASessionThatNamesTheUserAndRoles) {
  MakeUser("lan@so-khcn.vn", "leader");
  auto bad = Accounts().Login("lan@so-khcn.vn", "sai-mat-khau", "10.0.0.1", "test");
  EXPECT_EQ(bad.status().message().id, "auth.bad_credentials");
  auto unknown = Accounts().Login("khong-co@so-khcn.vn", "mat-khau-du-dai", "10.0.0.1", "test");
  EXPECT_EQ(unknown.status().message().id, "auth.bad_credentials");
  auto good = Accounts().Login("LAN@so-khcn.vn", "mat-khau-du-dai", "10.0.0.1", "test");
  ASSERT_TRUE(good.ok()) << Show(good.status());
  auto p = Accounts().SessionPrincipal(good->session_token);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->email, "lan@so-khcn.vn");
  EXPECT_TRUE(p->Has("leader"));
  EXPECT_TRUE(p->SeesEverything());
  EXPECT_FALSE(p->csrf.empty());
  // Only the hash of the token is stored.
  auto rows = db_->Query("SELECT id_hash FROM sessions");
  ASSERT_TRUE(rows.ok());
  EXPECT_NE(rows->Text(0, 0), good->session_token);
  EXPECT_FALSE(Accounts().SessionPrincipal("gia-mao").has_value());
}

TEST_P(AuthTest, TenWrongPasswordsDelayFurtherLogins) {
  MakeUser("minh@so-khcn.vn");
  for (int i = 0; i < 10; ++i) {
    auto r = Accounts().Login("minh@so-khcn.vn", "sai-" + std::to_string(i), "10.0.0.2", "");
    ASSERT_EQ(r.status().message().id, "auth.bad_credentials") << i;
    if (i < 9) clock_.Advance(std::chrono::seconds(1));
  }
  // The right password does not help while the delay runs, and the message says how long.
  auto held = Accounts().Login("minh@so-khcn.vn", "mat-khau-du-dai", "10.0.0.2", "");
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.status().code(), StatusCode::kThrottled);
  EXPECT_EQ(held.status().message().id, "auth.throttled");
  EXPECT_EQ(held.status().message().Param("seconds"), "30");
  EXPECT_EQ(held.status().message().Param("minutes"), "1");
  clock_.Advance(std::chrono::seconds(20));
  EXPECT_EQ(Accounts()
                .Login("minh@so-khcn.vn", "mat-khau-du-dai", "10.0.0.2", "")
                .status()
                .message()
                .Param("seconds"),
            "10");
  clock_.Advance(std::chrono::seconds(11));
  auto ok = Accounts().Login("minh@so-khcn.vn", "mat-khau-du-dai", "10.0.0.2", "");
  ASSERT_TRUE(ok.ok()) << Show(ok.status());
  // A success clears the account's failures.
  EXPECT_EQ(Count("login_failures", "key = 'account:minh@so-khcn.vn'"), 0);
}

TEST_P(AuthTest, EachFurtherFailureDoublesTheDelay) {
  MakeUser("hoa@so-khcn.vn");
  for (int i = 0; i < 10; ++i) (void)Accounts().Login("hoa@so-khcn.vn", "sai", "", "");
  clock_.Advance(std::chrono::seconds(31));
  (void)Accounts().Login("hoa@so-khcn.vn", "sai", "", "");  // the 11th failure
  auto held = Accounts().Login("hoa@so-khcn.vn", "mat-khau-du-dai", "", "");
  EXPECT_EQ(held.status().message().Param("seconds"), "60");
}

TEST_P(AuthTest, ManyFailuresFromOneAddressDelayEveryAccountThere) {
  MakeUser("tuan@so-khcn.vn");
  for (int i = 0; i < 50; ++i)
    (void)Accounts().Login("ai-do-" + std::to_string(i) + "@x.vn", "sai", "203.0.113.9", "");
  auto held = Accounts().Login("tuan@so-khcn.vn", "mat-khau-du-dai", "203.0.113.9", "");
  EXPECT_EQ(held.status().message().id, "auth.throttled");
  auto elsewhere = Accounts().Login("tuan@so-khcn.vn", "mat-khau-du-dai", "198.51.100.1", "");
  EXPECT_TRUE(elsewhere.ok()) << Show(elsewhere.status());
}

TEST_P(AuthTest, SessionsExpireAndCanBeRevoked) {
  auto u = MakeUser("thu@so-khcn.vn");
  auto a = Accounts().Login("thu@so-khcn.vn", "mat-khau-du-dai", "", "");
  auto b = Accounts().Login("thu@so-khcn.vn", "mat-khau-du-dai", "", "");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(Accounts().Logout(a->session_token, {u.id, u.email, ""}).ok());
  EXPECT_FALSE(Accounts().SessionPrincipal(a->session_token).has_value());
  EXPECT_TRUE(Accounts().SessionPrincipal(b->session_token).has_value());
  clock_.Advance(std::chrono::hours(13));
  EXPECT_FALSE(Accounts().SessionPrincipal(b->session_token).has_value()) << "12 h lifetime";
  auto c = Accounts().Login("thu@so-khcn.vn", "mat-khau-du-dai", "", "");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(Accounts().SetStatus(u.id, "disabled", {}).ok());
  EXPECT_FALSE(Accounts().SessionPrincipal(c->session_token).has_value());
  EXPECT_EQ(Accounts().Login("thu@so-khcn.vn", "mat-khau-du-dai", "", "").status().message().id,
            "auth.disabled");
}

TEST_P(AuthTest, PasswordChangeSignsOutOtherSessions) {
  auto u = MakeUser("binh@so-khcn.vn");
  auto here = Accounts().Login("binh@so-khcn.vn", "mat-khau-du-dai", "", "");
  auto there = Accounts().Login("binh@so-khcn.vn", "mat-khau-du-dai", "", "");
  ASSERT_TRUE(here.ok() && there.ok());
  Status wrong = Accounts().ChangePassword(u.id, "sai", "mat-khau-moi-dai", "", {});
  EXPECT_EQ(wrong.message().Param("field"), "old_password");
  ASSERT_TRUE(Accounts()
                  .ChangePassword(u.id, "mat-khau-du-dai", "mật khẩu mới rất dài",
                                  here->principal.session_hash, {})
                  .ok());
  EXPECT_TRUE(Accounts().SessionPrincipal(here->session_token).has_value());
  EXPECT_FALSE(Accounts().SessionPrincipal(there->session_token).has_value());
  EXPECT_FALSE(Accounts().Login("binh@so-khcn.vn", "mat-khau-du-dai", "", "").ok());
  // Vietnamese passwords are compared in NFC: decomposed input signs in too.
  EXPECT_TRUE(Accounts()
                  .Login("binh@so-khcn.vn",
                         "m\x61\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u mo\xcc\x9b\xcc\x81i "
                         "r\x61\xcc\x82\xcc\x81t da\xcc\x80i",
                         "", "")
                  .ok());
}

TEST_P(AuthTest, RegistrationNeedsTheMailedLink) {
  auth::NewUser u{"doanh.nghiep@vd.vn", "Công ty Thử nghiệm", "mat-khau-du-dai", {{"staff", ""}}};
  EXPECT_EQ(Accounts().Register(u, "http://ketnoi.test", {}).status().message().id, "auth.bad_role")
      << "staff cannot be chosen by a visitor";
  u.roles = {{"enterprise", ""}};
  auto reg = Accounts().Register(u, "http://ketnoi.test", {});
  ASSERT_TRUE(reg.ok()) << Show(reg.status());
  EXPECT_EQ(reg->status, "pending");
  EXPECT_EQ(Accounts().Login("doanh.nghiep@vd.vn", "mat-khau-du-dai", "", "").status().message().id,
            "auth.pending");
  auto mail = Accounts().PendingMail();
  ASSERT_TRUE(mail.ok());
  ASSERT_EQ(mail->size(), 1u);
  EXPECT_EQ(mail->front().to, "doanh.nghiep@vd.vn");
  EXPECT_NE(mail->front().body.find("http://ketnoi.test/verify?token="), std::string::npos);
  std::string token = TokenFromOutbox();
  EXPECT_FALSE(Accounts().VerifyEmail("sai-token", {}).ok());
  ASSERT_TRUE(Accounts().VerifyEmail(token, {}).ok());
  EXPECT_FALSE(Accounts().VerifyEmail(token, {}).ok()) << "a link works once";
  EXPECT_TRUE(Accounts().Login("doanh.nghiep@vd.vn", "mat-khau-du-dai", "", "").ok());
}

TEST_P(AuthTest, PasswordResetByMailedLinkOnce) {
  MakeUser("quynh@so-khcn.vn");
  ASSERT_TRUE(Accounts().RequestPasswordReset("khong-co@x.vn", "http://k", {}).ok());
  EXPECT_EQ(Count("outbox"), 0) << "no mail, and no sign that the address is unknown";
  ASSERT_TRUE(Accounts().RequestPasswordReset("quynh@so-khcn.vn", "http://k", {}).ok());
  std::string token = TokenFromOutbox();
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Accounts().ResetPassword(token, "ngan", {}).message().id, "auth.weak_password");
  ASSERT_TRUE(Accounts().ResetPassword(token, "mat-khau-moi-2026", {}).ok());
  EXPECT_FALSE(Accounts().ResetPassword(token, "mat-khau-khac-2026", {}).ok());
  EXPECT_TRUE(Accounts().Login("quynh@so-khcn.vn", "mat-khau-moi-2026", "", "").ok());
  // Links expire after 24 hours.
  ASSERT_TRUE(Accounts().RequestPasswordReset("quynh@so-khcn.vn", "http://k", {}).ok());
  std::string late = TokenFromOutbox();
  clock_.Advance(std::chrono::hours(25));
  EXPECT_EQ(Accounts().ResetPassword(late, "mat-khau-muon-2026", {}).message().id,
            "auth.bad_token");
}

TEST_P(AuthTest, RolesAreReplacedAndScoped) {
  auto u = MakeUser("son@vien.vn", "expert");
  ASSERT_TRUE(Accounts().SetRoles(u.id, {{"board_member", "program:3"}, {"expert", ""}}, {}).ok());
  auto got = Accounts().GetUser(u.id);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->roles.size(), 2u);
  auto a = Accounts().Login("son@vien.vn", "mat-khau-du-dai", "", "");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->principal.HasScoped("board_member", "program:3"));
  EXPECT_FALSE(a->principal.HasScoped("board_member", "program:4"));
  EXPECT_FALSE(auth::Allows("registry.edit", a->principal));
  EXPECT_TRUE(auth::Allows("signed_in", a->principal));
}

TEST_P(AuthTest, SecurityEventsAreInAVerifiableChain) {
  auto u = MakeUser("kiem.toan@so-khcn.vn");
  (void)Accounts().Login("kiem.toan@so-khcn.vn", "sai", "10.1.1.1", "");
  auto ok = Accounts().Login("kiem.toan@so-khcn.vn", "mat-khau-du-dai", "10.1.1.1", "");
  ASSERT_TRUE(ok.ok());
  ASSERT_TRUE(Accounts().SetRoles(u.id, {{"leader", ""}}, {1, "admin@x", "10.9.9.9"}).ok());
  audit::AuditLog log(*db_, clock_);
  auto entries = log.List(false, 0, 100);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (auto it = entries->rbegin(); it != entries->rend(); ++it) actions.push_back(it->action);
  EXPECT_EQ(actions, (std::vector<std::string>{"user.create", "auth.login_failed", "auth.login",
                                               "role.set"}));
  EXPECT_EQ(entries->front().actor, "admin@x");
  EXPECT_EQ(entries->front().address, "10.9.9.9");
  auto report = log.Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->first_bad.has_value());
  EXPECT_EQ(report->checked, 4);
}

KETNOI_INSTANTIATE_ON_BACKENDS(AuthTest);

}  // namespace
}  // namespace ketnoi
