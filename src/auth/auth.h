// auth — who someone is and what they may do. Roles (DOMAIN.md §1), some scoped to one
// organisation, council, program or listing; the permission table every route names (a route
// with a permission not in the table fails the tests and refuses to start); Principal, the
// signed-in user a request acts as. Accounts (accounts.h) keep users, argon2id password hashes,
// sessions, login throttling, e-mail verification and reset tokens, and the mail outbox.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ketnoi::auth {

// Every role a user can hold. "anonymous" is not a role: it is the absence of a user.
inline constexpr std::string_view kRoles[] = {
    "applicant",       // người đề xuất / chủ nhiệm nhiệm vụ
    "host_staff",      // cán bộ của tổ chức chủ trì (scope organisation:ID)
    "expert",          // chuyên gia
    "council_member",  // thành viên hội đồng (scope council:ID)
    "board_member",    // ban chủ nhiệm chương trình (scope program:ID)
    "staff",           // chuyên viên Sở
    "leader",          // lãnh đạo Sở
    "enterprise",      // doanh nghiệp
    "provider",        // bên cung cấp công nghệ
    "broker",          // tổ chức trung gian (scope listing:ID optional)
    "jury",            // hội đồng giải thưởng
    "admin",           // quản trị hệ thống
};
bool IsRole(std::string_view role);
// Roles a visitor may choose when registering; every other role is granted by an admin.
bool IsSelfServiceRole(std::string_view role);

struct RoleGrant {
  std::string role;
  std::string scope;  // "" (everywhere) or "organisation:12", "council:3", "program:7", …
  bool operator==(const RoleGrant&) const = default;
};

struct Principal {
  int64_t user_id = 0;  // 0: anonymous
  std::string email, name;
  std::vector<RoleGrant> roles;
  std::optional<int64_t> person_id, organisation_id;
  std::string session_hash;  // the session the request came with
  std::string csrf;          // that session's CSRF token

  bool signed_in() const { return user_id != 0; }
  bool Has(std::string_view role) const;  // any scope
  bool HasScoped(std::string_view role, std::string_view scope) const;
  // Staff, leaders and admins see every record, public or not.
  bool SeesEverything() const { return Has("staff") || Has("leader") || Has("admin"); }
};

// A route permission: who may use the route at all (data-level rules come on top).
struct Permission {
  std::string_view name;
  std::string_view description;
  // Roles allowed; "*" means any signed-in user; "anonymous" lets visitors in too.
  std::vector<std::string_view> roles;
};
const std::vector<Permission>& Permissions();
const Permission* FindPermission(std::string_view name);
// Whether the principal may use a route with this permission (false for unknown names).
bool Allows(std::string_view permission, const Principal& p);
// Whether anonymous visitors may use it.
bool AllowsAnonymous(std::string_view permission);

}  // namespace ketnoi::auth
