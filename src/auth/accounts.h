#pragma once
// Accounts: users with roles, argon2id passwords, sessions (the cookie holds a random token; the
// store holds only its BLAKE2b hash), login throttling per account and per address, e-mail
// verification and password-reset tokens, and the outbox mail is queued in (`ketnoi mail`
// delivers it). Every security event is appended to the audit chain in the same transaction.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/db.h"

namespace ketnoi::auth {

struct User {
  int64_t id = 0;
  std::string email, name, status;  // status: pending, active, disabled
  std::vector<RoleGrant> roles;
  std::optional<int64_t> person_id, organisation_id;
  std::string created_at;
};

struct NewUser {
  std::string email, name, password;
  std::vector<RoleGrant> roles = {};
  std::optional<int64_t> person_id = {}, organisation_id = {};
};

// Who does something (for the audit chain): a principal's id and name, and the client address.
struct Actor {
  int64_t id = 0;
  std::string name = "system";
  std::string address;
};

struct SessionInfo {
  std::string id_hash, created_at, last_seen_at, expires_at, address, user_agent;
  bool revoked = false;
};

struct Mail {
  int64_t id = 0;
  std::string to, subject, body, created_at;
  int64_t attempts = 0;
};

struct Policy {
  size_t min_password_chars = 10;
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
  std::chrono::seconds token_lifetime = std::chrono::hours(24);
  // Throttling: failures counted in the window; from the Nth on, each further attempt must wait
  // base × 2^(failures − N), at most max_delay, counted from the last failure.
  std::chrono::seconds failure_window = std::chrono::minutes(15);
  int account_free_failures = 10;
  int address_free_failures = 50;
  std::chrono::seconds base_delay = std::chrono::seconds(30);
  std::chrono::seconds max_delay = std::chrono::minutes(15);
};

class Accounts {
 public:
  Accounts(store::Db& db, const Clock& clock, Policy policy = {});

  // Admin-created users are active at once. Errors name the field (email, name, password, role).
  Result<User> CreateUser(const NewUser& u, const Actor& by);
  // Self-registration (roles applicant, enterprise, provider): the account stays pending until
  // the link mailed to it is opened. base_url is put in front of the link ("http://host").
  Result<User> Register(const NewUser& u, const std::string& base_url, const Actor& by);
  Status VerifyEmail(const std::string& token, const Actor& by);

  struct LoginResult {
    std::string session_token;  // goes into the cookie
    Principal principal;
  };
  // Unauthenticated "auth.bad_credentials" for a wrong e-mail or password alike;
  // ResourceExhausted "auth.throttled" {seconds, minutes} while throttled (even with the right
  // password); PermissionDenied "auth.pending" / "auth.disabled".
  Result<LoginResult> Login(const std::string& email, const std::string& password,
                            const std::string& address, const std::string& user_agent);
  // The principal of a live session token, or nullopt (unknown, expired, revoked, disabled).
  std::optional<Principal> SessionPrincipal(const std::string& token);
  Status Logout(const std::string& token, const Actor& by);
  Status RevokeSession(int64_t user_id, const std::string& id_hash, const Actor& by);
  Status RevokeAllSessions(int64_t user_id, const Actor& by);
  Result<std::vector<SessionInfo>> Sessions(int64_t user_id);

  // Checks the old password; revokes every other session of the user.
  Status ChangePassword(int64_t user_id, const std::string& old_password,
                        const std::string& new_password, const std::string& keep_session_hash,
                        const Actor& by);
  // Always OK (no account enumeration); mails a link when the address has an active account.
  Status RequestPasswordReset(const std::string& email, const std::string& base_url,
                              const Actor& by);
  Status ResetPassword(const std::string& token, const std::string& new_password, const Actor& by);

  Result<User> GetUser(int64_t id);
  Result<std::optional<User>> FindByEmail(const std::string& email);
  Result<std::vector<User>> ListUsers(int limit = 500);
  Status SetRoles(int64_t user_id, const std::vector<RoleGrant>& roles, const Actor& by);
  Status SetStatus(int64_t user_id, const std::string& status, const Actor& by);

  // The outbox.
  Status QueueMail(const std::string& to, const std::string& subject, const std::string& body);
  Result<std::vector<Mail>> PendingMail(int limit = 100);
  Status MarkMailSent(int64_t id);
  Status MarkMailFailed(int64_t id, const std::string& error);

  static std::string NormaliseEmail(const std::string& email);

 private:
  Status ValidateNewUser(const NewUser& u);
  Status InsertRoles(int64_t user_id, const std::vector<RoleGrant>& roles, int64_t by);
  Result<std::vector<RoleGrant>> RolesOf(int64_t user_id);
  Result<std::string> IssueToken(int64_t user_id, const std::string& purpose);
  Result<int64_t> ConsumeToken(const std::string& token, const std::string& purpose);
  // Seconds the key must still wait, 0 when it may try.
  Result<int64_t> ThrottleWait(const std::string& key, int free_failures);
  Status Audit(const Actor& by, const std::string& action, const std::string& subject,
               std::vector<std::pair<std::string, std::string>> detail = {});
  std::string Now() const;
  std::string At(std::chrono::system_clock::duration from_now) const;

  store::Db& db_;
  const Clock& clock_;
  Policy policy_;
  audit::AuditLog audit_;
};

}  // namespace ketnoi::auth
