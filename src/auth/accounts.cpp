#include "auth/accounts.h"

#include <algorithm>
#include <cctype>

#include "core/crypto.h"
#include "store/in_transaction.h"
#include "text/text.h"

namespace ketnoi::auth {

namespace {

const char* kSessionColumns =
    "s.id_hash, s.csrf, u.id, u.email, u.display_name, u.person_id, u.organisation_id";

bool PlausibleEmail(const std::string& e) {
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string::npos) return false;
  if (e.find('.', at) == std::string::npos || e.size() > 254) return false;
  for (unsigned char c : e)
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == 0x7f)
      return false;
  return true;
}

}  // namespace

Accounts::Accounts(store::Db& db, const Clock& clock, Policy policy)
    : db_(db), clock_(clock), policy_(policy), audit_(db, clock) {}

std::string Accounts::Now() const { return clock_.NowText(); }
std::string Accounts::At(std::chrono::system_clock::duration d) const {
  return FormatTimestamp(clock_.Now() + d);
}

std::string Accounts::NormaliseEmail(const std::string& email) {
  std::string out = text::CollapseSpaces(text::Nfc(email));
  out.erase(std::remove_if(out.begin(), out.end(), [](unsigned char c) { return c == ' '; }),
            out.end());
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status Accounts::Audit(const Actor& by, const std::string& action, const std::string& subject,
                       std::vector<std::pair<std::string, std::string>> detail) {
  audit::NewEntry e;
  e.actor_id = by.id;
  e.actor = by.name;
  e.action = action;
  e.subject = subject;
  e.detail = std::move(detail);
  e.address = by.address;
  return audit_.Append(e).status();
}

Status Accounts::ValidateNewUser(const NewUser& u) {
  std::string email = NormaliseEmail(u.email);
  if (email.empty()) return Status::Invalid({"registry.required", {{"field", "email"}}});
  if (!PlausibleEmail(email))
    return Status::Invalid({"auth.bad_email", {{"field", "email"}, {"value", u.email}}});
  if (text::CollapseSpaces(text::Nfc(u.name)).empty())
    return Status::Invalid({"registry.required", {{"field", "name"}}});
  if (!text::IsValidUtf8(u.password) || text::Nfc(u.password).size() < policy_.min_password_chars)
    return Status::Invalid(
        {"auth.weak_password",
         {{"field", "password"}, {"min", std::to_string(policy_.min_password_chars)}}});
  for (const auto& r : u.roles)
    if (!IsRole(r.role))
      return Status::Invalid({"auth.bad_role", {{"field", "role"}, {"value", r.role}}});
  KETNOI_ASSIGN_OR_RETURN(auto existing, FindByEmail(email));
  if (existing)
    return Status::Conflict({"auth.email_taken", {{"field", "email"}, {"value", email}}});
  return Status::Ok();
}

Status Accounts::InsertRoles(int64_t user_id, const std::vector<RoleGrant>& roles, int64_t by) {
  for (const auto& r : roles) {
    if (!IsRole(r.role))
      return Status::Invalid({"auth.bad_role", {{"field", "role"}, {"value", r.role}}});
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "INSERT INTO user_roles (user_id, role, scope, granted_by, granted_at) VALUES (?, ?, ?, ?, "
        "?) ON CONFLICT DO NOTHING",
        {user_id, r.role, r.scope, by, Now()}));
  }
  return Status::Ok();
}

Result<std::vector<RoleGrant>> Accounts::RolesOf(int64_t user_id) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Query("SELECT role, scope FROM user_roles WHERE user_id = ? ORDER BY role, scope",
                {user_id}));
  std::vector<RoleGrant> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back({rows.Text(i, 0), rows.Text(i, 1)});
  return out;
}

Result<User> Accounts::CreateUser(const NewUser& u, const Actor& by) {
  KETNOI_RETURN_IF_ERROR(ValidateNewUser(u));
  std::string hash = crypto::HashPassword(text::Nfc(u.password));
  return store::InTransaction(db_, [&]() -> Result<User> {
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id,
        db_.InsertReturningId(
            "INSERT INTO users (email, display_name, password_hash, status, person_id, "
            "organisation_id, created_at, updated_at) VALUES (?, ?, ?, 'active', ?, ?, ?, ?) "
            "RETURNING id",
            {NormaliseEmail(u.email), text::CollapseSpaces(text::Nfc(u.name)), hash,
             store::Opt(u.person_id), store::Opt(u.organisation_id), Now(), Now()}));
    KETNOI_RETURN_IF_ERROR(InsertRoles(id, u.roles, by.id));
    std::string roles;
    for (const auto& r : u.roles)
      roles += (roles.empty() ? "" : ",") + r.role + (r.scope.empty() ? "" : "@" + r.scope);
    KETNOI_RETURN_IF_ERROR(Audit(by, "user.create", "user:" + std::to_string(id),
                                 {{"email", NormaliseEmail(u.email)}, {"roles", roles}}));
    return GetUser(id);
  });
}

Result<User> Accounts::Register(const NewUser& u, const std::string& base_url, const Actor& by) {
  if (u.roles.size() != 1 || !IsSelfServiceRole(u.roles[0].role) || !u.roles[0].scope.empty())
    return Status::Invalid(
        {"auth.bad_role", {{"field", "role"}, {"value", u.roles.empty() ? "" : u.roles[0].role}}});
  KETNOI_RETURN_IF_ERROR(ValidateNewUser(u));
  std::string hash = crypto::HashPassword(text::Nfc(u.password));
  return store::InTransaction(db_, [&]() -> Result<User> {
    std::string email = NormaliseEmail(u.email);
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id, db_.InsertReturningId(
                        "INSERT INTO users (email, display_name, password_hash, status, "
                        "created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id",
                        {email, text::CollapseSpaces(text::Nfc(u.name)), hash, Now(), Now()}));
    KETNOI_RETURN_IF_ERROR(InsertRoles(id, u.roles, id));
    KETNOI_ASSIGN_OR_RETURN(std::string token, IssueToken(id, "verify"));
    KETNOI_RETURN_IF_ERROR(QueueMail(
        email, "Xác nhận địa chỉ thư điện tử — Ketnoi / Confirm your e-mail address",
        "Chào " + text::CollapseSpaces(text::Nfc(u.name)) +
            ",\n\nHãy mở liên kết sau để kích hoạt tài khoản Ketnoi của bạn (hiệu lực 24 giờ):\n" +
            base_url + "/verify?token=" + token +
            "\n\nOpen the link above to activate your Ketnoi account (valid for 24 hours).\n"));
    KETNOI_RETURN_IF_ERROR(Audit(by, "user.register", "user:" + std::to_string(id),
                                 {{"email", email}, {"role", u.roles[0].role}}));
    return GetUser(id);
  });
}

Result<std::string> Accounts::IssueToken(int64_t user_id, const std::string& purpose) {
  std::string token = crypto::RandomToken();
  KETNOI_RETURN_IF_ERROR(db_.Exec(
      "INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, "
      "?, ?, ?, ?)",
      {crypto::Blake2bHex(token), user_id, purpose, Now(), At(policy_.token_lifetime)}));
  return token;
}

Result<int64_t> Accounts::ConsumeToken(const std::string& token, const std::string& purpose) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Query("SELECT user_id, expires_at, used_at FROM user_tokens WHERE token_hash = ? AND "
                "purpose = ?",
                {crypto::Blake2bHex(token), purpose}));
  if (rows.empty() || !rows.IsNull(0, 2) || rows.Text(0, 1) < Now())
    return Status::Invalid({"auth.bad_token", {}});
  KETNOI_RETURN_IF_ERROR(db_.Exec("UPDATE user_tokens SET used_at = ? WHERE token_hash = ?",
                                  {Now(), crypto::Blake2bHex(token)}));
  return rows.Int(0, 0);
}

Status Accounts::VerifyEmail(const std::string& token, const Actor& by) {
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_ASSIGN_OR_RETURN(int64_t uid, ConsumeToken(token, "verify"));
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE users SET status = 'active', updated_at = ? WHERE id = ? AND status = 'pending'",
        {Now(), uid}));
    return Audit(by, "user.verify_email", "user:" + std::to_string(uid));
  });
}

Result<int64_t> Accounts::ThrottleWait(const std::string& key, int free_failures) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Query("SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = ? AND at > ?",
                {key, At(-policy_.failure_window)}));
  int64_t n = rows.Int(0, 0);
  if (n < free_failures) return int64_t{0};
  int64_t shift = std::min<int64_t>(n - free_failures, 20);
  auto delay =
      std::min<std::chrono::seconds>(policy_.base_delay * (int64_t{1} << shift), policy_.max_delay);
  std::string last = rows.Text(0, 1);
  // Wait = delay − (now − last). Timestamps are fixed-format text, so instead of parsing, find
  // the largest elapsed e in [0, delay] with now − e ≥ last by binary search on the text order.
  int64_t lo = 0, hi = delay.count();
  while (lo < hi) {
    int64_t mid = (lo + hi + 1) / 2;
    if (FormatTimestamp(clock_.Now() - std::chrono::seconds(mid)) >= last)
      lo = mid;
    else
      hi = mid - 1;
  }
  return delay.count() - lo;
}

Result<Accounts::LoginResult> Accounts::Login(const std::string& email_in,
                                              const std::string& password,
                                              const std::string& address,
                                              const std::string& user_agent) {
  std::string email = NormaliseEmail(email_in);
  Actor anon{0, email.empty() ? "anonymous" : email, address};
  KETNOI_ASSIGN_OR_RETURN(int64_t wait_account,
                          ThrottleWait("account:" + email, policy_.account_free_failures));
  KETNOI_ASSIGN_OR_RETURN(int64_t wait_address,
                          address.empty()
                              ? Result<int64_t>(int64_t{0})
                              : ThrottleWait("address:" + address, policy_.address_free_failures));
  int64_t wait = std::max(wait_account, wait_address);
  if (wait > 0) {
    KETNOI_RETURN_IF_ERROR(Audit(anon, "auth.login_throttled", "account:" + email,
                                 {{"wait_seconds", std::to_string(wait)}}));
    return Status::Throttled(
        {"auth.throttled",
         {{"seconds", std::to_string(wait)}, {"minutes", std::to_string((wait + 59) / 60)}}});
  }
  KETNOI_ASSIGN_OR_RETURN(auto user, FindByEmail(email));
  std::string hash;
  if (user) {
    KETNOI_ASSIGN_OR_RETURN(store::Rows rows,
                            db_.Query("SELECT password_hash FROM users WHERE id = ?", {user->id}));
    hash = rows.Text(0, 0);
  }
  // Verify against a real hash even for unknown e-mails so timing does not reveal accounts.
  static const std::string kDummy = crypto::HashPassword("ketnoi-dummy-password");
  bool good = crypto::VerifyPassword(hash.empty() ? kDummy : hash, text::Nfc(password)) && user &&
              !hash.empty();
  if (!good) {
    Status s = store::InTransaction(db_, [&]() -> Status {
      KETNOI_RETURN_IF_ERROR(db_.Exec("INSERT INTO login_failures (key, at) VALUES (?, ?)",
                                      {"account:" + email, Now()}));
      if (!address.empty())
        KETNOI_RETURN_IF_ERROR(db_.Exec("INSERT INTO login_failures (key, at) VALUES (?, ?)",
                                        {"address:" + address, Now()}));
      return Audit(anon, "auth.login_failed", "account:" + email);
    });
    KETNOI_RETURN_IF_ERROR(s);
    return Status::Unauthenticated({"auth.bad_credentials", {}});
  }
  if (user->status == "pending") return Status::Denied({"auth.pending", {}});
  if (user->status == "disabled") return Status::Denied({"auth.disabled", {}});

  LoginResult out;
  out.session_token = crypto::RandomToken();
  std::string id_hash = crypto::Blake2bHex(out.session_token);
  std::string csrf = crypto::RandomToken();
  Status s = store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen_at, expires_at, "
        "address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id_hash, user->id, csrf, Now(), Now(), At(policy_.session_lifetime), address,
         user_agent.substr(0, 300)}));
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("DELETE FROM login_failures WHERE key = ?", {"account:" + email}));
    return Audit({user->id, user->email, address}, "auth.login",
                 "user:" + std::to_string(user->id));
  });
  KETNOI_RETURN_IF_ERROR(s);
  auto p = SessionPrincipal(out.session_token);
  if (!p) return Status::Internal({"auth.session_lost", {}});
  out.principal = *p;
  return out;
}

std::optional<Principal> Accounts::SessionPrincipal(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto rows = db_.Query(std::string("SELECT ") + kSessionColumns +
                            " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = "
                            "? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.status = "
                            "'active'",
                        {crypto::Blake2bHex(token), Now()});
  if (!rows.ok() || rows->empty()) return std::nullopt;
  Principal p;
  p.session_hash = rows->Text(0, 0);
  p.csrf = rows->Text(0, 1);
  p.user_id = rows->Int(0, 2);
  p.email = rows->Text(0, 3);
  p.name = rows->Text(0, 4);
  p.person_id = rows->OptInt(0, 5);
  p.organisation_id = rows->OptInt(0, 6);
  auto roles = RolesOf(p.user_id);
  if (!roles.ok()) return std::nullopt;
  p.roles = std::move(*roles);
  return p;
}

Status Accounts::Logout(const std::string& token, const Actor& by) {
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND revoked_at IS NULL",
                 {Now(), crypto::Blake2bHex(token)}));
    return Audit(by, "auth.logout", "user:" + std::to_string(by.id));
  });
}

Status Accounts::RevokeSession(int64_t user_id, const std::string& id_hash, const Actor& by) {
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE sessions SET revoked_at = ? WHERE id_hash = ? AND user_id = ? AND revoked_at IS "
        "NULL",
        {Now(), id_hash, user_id}));
    return Audit(by, "auth.session_revoked", "user:" + std::to_string(user_id));
  });
}

Status Accounts::RevokeAllSessions(int64_t user_id, const Actor& by) {
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                 {Now(), user_id}));
    return Audit(by, "auth.sessions_revoked", "user:" + std::to_string(user_id));
  });
}

Result<std::vector<SessionInfo>> Accounts::Sessions(int64_t user_id) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Query("SELECT id_hash, created_at, last_seen_at, expires_at, address, user_agent, "
                "revoked_at FROM sessions WHERE user_id = ? AND expires_at > ? ORDER BY "
                "created_at DESC LIMIT 50",
                {user_id, Now()}));
  std::vector<SessionInfo> out;
  for (size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3),
                   rows.Text(i, 4), rows.Text(i, 5), !rows.IsNull(i, 6)});
  return out;
}

Status Accounts::ChangePassword(int64_t user_id, const std::string& old_password,
                                const std::string& new_password,
                                const std::string& keep_session_hash, const Actor& by) {
  KETNOI_ASSIGN_OR_RETURN(store::Rows rows,
                          db_.Query("SELECT password_hash FROM users WHERE id = ?", {user_id}));
  if (rows.empty()) return Status::NotFound({"auth.no_user", {{"id", std::to_string(user_id)}}});
  if (!crypto::VerifyPassword(rows.Text(0, 0), text::Nfc(old_password)))
    return Status::Invalid({"auth.wrong_password", {{"field", "old_password"}}});
  if (text::Nfc(new_password).size() < policy_.min_password_chars)
    return Status::Invalid(
        {"auth.weak_password",
         {{"field", "new_password"}, {"min", std::to_string(policy_.min_password_chars)}}});
  std::string hash = crypto::HashPassword(text::Nfc(new_password));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, Now(), user_id}));
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id_hash <> ? AND revoked_at IS "
        "NULL",
        {Now(), user_id, keep_session_hash}));
    return Audit(by, "auth.password_changed", "user:" + std::to_string(user_id));
  });
}

Status Accounts::RequestPasswordReset(const std::string& email_in, const std::string& base_url,
                                      const Actor& by) {
  std::string email = NormaliseEmail(email_in);
  KETNOI_ASSIGN_OR_RETURN(auto user, FindByEmail(email));
  return store::InTransaction(db_, [&]() -> Status {
    if (user && user->status == "active") {
      KETNOI_ASSIGN_OR_RETURN(std::string token, IssueToken(user->id, "reset"));
      KETNOI_RETURN_IF_ERROR(QueueMail(
          email, "Đặt lại mật khẩu — Ketnoi / Reset your password",
          "Có người (có thể là bạn) yêu cầu đặt lại mật khẩu Ketnoi. Mở liên kết sau trong 24 "
          "giờ:\n" +
              base_url + "/password/reset?token=" + token +
              "\n\nIf you did not ask for this, ignore this message; your password is "
              "unchanged.\n"));
    }
    return Audit(by, "auth.reset_requested", "account:" + email);
  });
}

Status Accounts::ResetPassword(const std::string& token, const std::string& new_password,
                               const Actor& by) {
  if (text::Nfc(new_password).size() < policy_.min_password_chars)
    return Status::Invalid(
        {"auth.weak_password",
         {{"field", "password"}, {"min", std::to_string(policy_.min_password_chars)}}});
  std::string hash = crypto::HashPassword(text::Nfc(new_password));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_ASSIGN_OR_RETURN(int64_t uid, ConsumeToken(token, "reset"));
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", {hash, Now(), uid}));
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                 {Now(), uid}));
    return Audit(by, "auth.password_reset", "user:" + std::to_string(uid));
  });
}

namespace {
const char* kUserColumns =
    "id, email, display_name, status, person_id, organisation_id, created_at FROM users";
}

Result<User> Accounts::GetUser(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(store::Rows rows,
                          db_.Query(std::string("SELECT ") + kUserColumns + " WHERE id = ?", {id}));
  if (rows.empty()) return Status::NotFound({"auth.no_user", {{"id", std::to_string(id)}}});
  User u{rows.Int(0, 0),    rows.Text(0, 1),   rows.Text(0, 2), rows.Text(0, 3), {},
         rows.OptInt(0, 4), rows.OptInt(0, 5), rows.Text(0, 6)};
  KETNOI_ASSIGN_OR_RETURN(u.roles, RolesOf(id));
  return u;
}

Result<std::optional<User>> Accounts::FindByEmail(const std::string& email) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows rows, db_.Query("SELECT id FROM users WHERE email = ?", {NormaliseEmail(email)}));
  if (rows.empty()) return std::optional<User>();
  KETNOI_ASSIGN_OR_RETURN(User u, GetUser(rows.Int(0, 0)));
  return std::optional<User>(std::move(u));
}

Result<std::vector<User>> Accounts::ListUsers(int limit) {
  KETNOI_ASSIGN_OR_RETURN(store::Rows rows,
                          db_.Query(std::string("SELECT ") + kUserColumns + " ORDER BY id LIMIT ?",
                                    {static_cast<int64_t>(limit)}));
  std::vector<User> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    User u{rows.Int(i, 0),    rows.Text(i, 1),   rows.Text(i, 2), rows.Text(i, 3), {},
           rows.OptInt(i, 4), rows.OptInt(i, 5), rows.Text(i, 6)};
    KETNOI_ASSIGN_OR_RETURN(u.roles, RolesOf(u.id));
    out.push_back(std::move(u));
  }
  return out;
}

Status Accounts::SetRoles(int64_t user_id, const std::vector<RoleGrant>& roles, const Actor& by) {
  KETNOI_ASSIGN_OR_RETURN(User before, GetUser(user_id));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec("DELETE FROM user_roles WHERE user_id = ?", {user_id}));
    KETNOI_RETURN_IF_ERROR(InsertRoles(user_id, roles, by.id));
    auto list = [](const std::vector<RoleGrant>& rs) {
      std::string s;
      for (const auto& r : rs)
        s += (s.empty() ? "" : ",") + r.role + (r.scope.empty() ? "" : "@" + r.scope);
      return s;
    };
    return Audit(by, "role.set", "user:" + std::to_string(user_id),
                 {{"before", list(before.roles)}, {"after", list(roles)}});
  });
}

Status Accounts::SetStatus(int64_t user_id, const std::string& status, const Actor& by) {
  if (status != "active" && status != "disabled" && status != "pending")
    return Status::Invalid({"auth.bad_status", {{"field", "status"}, {"value", status}}});
  KETNOI_RETURN_IF_ERROR(GetUser(user_id).status());
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec("UPDATE users SET status = ?, updated_at = ? WHERE id = ?",
                                    {status, Now(), user_id}));
    if (status == "disabled")
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                   {Now(), user_id}));
    return Audit(by, "user.status", "user:" + std::to_string(user_id), {{"status", status}});
  });
}

Status Accounts::QueueMail(const std::string& to, const std::string& subject,
                           const std::string& body) {
  return db_.Exec("INSERT INTO outbox (to_addr, subject, body, created_at) VALUES (?, ?, ?, ?)",
                  {to, subject, body, Now()});
}

Result<std::vector<Mail>> Accounts::PendingMail(int limit) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Query("SELECT id, to_addr, subject, body, created_at, attempts FROM outbox WHERE "
                "sent_at IS NULL ORDER BY id LIMIT ?",
                {static_cast<int64_t>(limit)}));
  std::vector<Mail> out;
  for (size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows.Int(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3),
                   rows.Text(i, 4), rows.Int(i, 5)});
  return out;
}

Status Accounts::MarkMailSent(int64_t id) {
  return db_.Exec("UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                  {Now(), id});
}

Status Accounts::MarkMailFailed(int64_t id, const std::string& error) {
  return db_.Exec("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                  {error, id});
}

}  // namespace ketnoi::auth
