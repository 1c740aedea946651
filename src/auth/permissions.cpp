#include <algorithm>

#include "auth/auth.h"

namespace ketnoi::auth {

bool IsRole(std::string_view role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

bool IsSelfServiceRole(std::string_view role) {
  return role == "applicant" || role == "enterprise" || role == "provider";
}

bool Principal::Has(std::string_view role) const {
  return std::any_of(roles.begin(), roles.end(),
                     [&](const RoleGrant& g) { return g.role == role; });
}

bool Principal::HasScoped(std::string_view role, std::string_view scope) const {
  return std::any_of(roles.begin(), roles.end(), [&](const RoleGrant& g) {
    return g.role == role && (g.scope.empty() || g.scope == scope);
  });
}

const std::vector<Permission>& Permissions() {
  // The one table of route permissions. Adding a permission here is a security decision:
  // the authorisation matrix test exercises every route with every role against it.
  static const std::vector<Permission> kTable = {
      {"public", "Anyone, signed in or not", {"anonymous", "*"}},
      {"signed_in", "Any signed-in user (own account, own files)", {"*"}},
      {"registry.edit",
       "Create and edit organisations, people, programs and tasks",
       {"staff", "admin"}},
      {"registry.history", "See the edit history of records", {"staff", "leader", "admin"}},
      {"audit.read", "Read the whole audit chain", {"staff", "leader", "admin"}},
      {"users.manage", "Create users, grant and revoke roles, disable accounts", {"admin"}},
      {"selection.propose",
       "Submit proposals for ordering and dossiers to calls (own ones only)",
       {"applicant", "host_staff", "enterprise", "provider", "staff", "admin"}},
      {"selection.board",
       "Comment on and screen the proposals of one's own program (program board)",
       {"board_member", "staff", "admin"}},
      {"selection.council",
       "Vote, score, review and declare conflicts on one's own council",
       {"council_member", "staff", "admin"}},
      {"selection.manage",
       "Open rounds and calls, form councils, open dossiers, record conclusions, appraise, "
       "contract, edit rule sets",
       {"staff", "admin"}},
      {"selection.decide",
       "Publish approved lists and approve selected dossiers",
       {"leader", "admin"}},
  };
  return kTable;
}

const Permission* FindPermission(std::string_view name) {
  for (const auto& p : Permissions())
    if (p.name == name) return &p;
  return nullptr;
}

bool AllowsAnonymous(std::string_view permission) {
  const Permission* p = FindPermission(permission);
  return p && std::find(p->roles.begin(), p->roles.end(), "anonymous") != p->roles.end();
}

bool Allows(std::string_view permission, const Principal& who) {
  const Permission* p = FindPermission(permission);
  if (!p) return false;
  if (!who.signed_in()) return AllowsAnonymous(permission);
  for (std::string_view r : p->roles)
    if (r == "*" || who.Has(r)) return true;
  return false;
}

}  // namespace ketnoi::auth
