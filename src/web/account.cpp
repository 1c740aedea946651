// Accounts on the web: sign in and out, registration with e-mail verification, password change
// and reset, the account page (sessions, files), and the admin's user management.
#include "auth/accounts.h"
#include "core/messages.h"
#include "files/files.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

constexpr int kSessionCookieSeconds = 12 * 3600;

auth::Actor ActorOf(const http::Request& req) {
  auth::Actor a;
  a.id = req.principal.user_id;
  a.name = req.principal.signed_in() ? req.principal.email : "anonymous";
  a.address = req.remote_addr;
  return a;
}

// Where to go after signing in: a local path only (never another site, never "//host").
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\')))
    return "/account";
  for (char c : next)
    if (static_cast<unsigned char>(c) < 0x20) return "/account";
  return next;
}

// The site's address for links in mail: configured, never from the Host header.
std::string BaseUrl(const http::Worker& w) {
  if (!w.config->server_public_url.empty()) return w.config->server_public_url;
  return "http://" + w.config->server_bind + ":" + std::to_string(w.config->server_port);
}

FormPage LoginForm(const http::Request& req, const std::string& lang) {
  FormPage f;
  f.heading = T("web.login_title", lang);
  f.action = "/login";
  f.submit = T("web.login_submit", lang);
  f.fields = {
      {"email", T("web.field_email", lang), "email", req.Form("email"), "", "", true},
      {"password", T("web.field_password", lang), "password", "", "", "", true},
      {"next", "", "hidden", req.Form("next").empty() ? req.Query("next") : req.Form("next")}};
  f.after_html = "<p><a href=\"/register\">" + HtmlEscape(T("web.register_link", lang)) +
                 "</a> · <a href=\"/password/forgot\">" + HtmlEscape(T("web.forgot_link", lang)) +
                 "</a></p>";
  return f;
}

http::Response LoginPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  if (req.principal.signed_in()) return Redirect("/account");
  return RenderForm(req, lang, LoginForm(req, lang));
}

http::Response LoginPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto result = accounts.Login(req.Form("email"), req.Form("password"), req.remote_addr,
                               req.Header("user-agent"));
  if (!result.ok()) {
    FormPage f = LoginForm(req, lang);
    f.form_error = Render(result.status().message(), lang);
    // Wrong credentials are an answer on the page (200); throttling (429) and a pending or
    // disabled account (403) keep their status.
    int status = result.status().code() == StatusCode::kUnauthenticated
                     ? 200
                     : http::StatusToHttp(result.status().code());
    return RenderForm(req, lang, f, status);
  }
  http::Response r = Redirect(SafeNext(req.Form("next")));
  r.Header("Set-Cookie", http::CookieHeader(req, http::kSessionCookie, result->session_token,
                                            kSessionCookieSeconds));
  return r;
}

http::Response LogoutPost(const http::Request& req, http::Worker& w) {
  auth::Accounts accounts(*w.db, *w.clock);
  auto s = accounts.Logout(req.Cookie(http::kSessionCookie), ActorOf(req));
  if (!s.ok()) return ErrorPage(req, Lang(req), s);
  http::Response r = Redirect("/");
  r.Header("Set-Cookie", http::CookieHeader(req, http::kSessionCookie, "", 0));
  return r;
}

FormPage RegisterForm(const http::Request& req, const std::string& lang) {
  FormPage f;
  f.heading = T("web.register_title", lang);
  f.intro = T("web.register_intro", lang);
  f.action = "/register";
  f.submit = T("web.register_submit", lang);
  std::string role = req.Form("role").empty() ? "applicant" : req.Form("role");
  f.fields = {{"name", T("web.field_name", lang), "text", req.Form("name"), "", "", true},
              {"email", T("web.field_email", lang), "email", req.Form("email"), "", "", true},
              {"password", T("web.field_password", lang), "password", "", "",
               T("web.password_hint", lang), true},
              {"role",
               T("web.field_role", lang),
               "select",
               role,
               "",
               "",
               true,
               false,
               {{"applicant", T("web.role_applicant", lang)},
                {"enterprise", T("web.role_enterprise", lang)},
                {"provider", T("web.role_provider", lang)}}}};
  return f;
}

http::Response RegisterPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  return RenderForm(req, lang, RegisterForm(req, lang));
}

http::Response RegisterPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auth::NewUser u{
      req.Form("email"), req.Form("name"), req.Form("password"), {{req.Form("role"), ""}}};
  auto user = accounts.Register(u, BaseUrl(w), ActorOf(req));
  if (!user.ok()) {
    FormPage f = RegisterForm(req, lang);
    AttachError(f, user.status(), lang);
    return RenderForm(req, lang, f, http::StatusToHttp(user.status().code()));
  }
  return MessagePage(req, lang, 200, T("web.register_done_title", lang),
                     T("web.register_done_text", lang, {{"email", user->email}}));
}

http::Response VerifyPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto s = accounts.VerifyEmail(req.Query("token"), ActorOf(req));
  if (!s.ok())
    return MessagePage(req, lang, 400, T("web.bad_request_title", lang), Render(s, lang));
  return MessagePage(req, lang, 200, T("web.verified_title", lang), T("web.verified_text", lang));
}

FormPage ForgotForm(const http::Request& req, const std::string& lang) {
  FormPage f;
  f.heading = T("web.forgot_title", lang);
  f.intro = T("web.forgot_intro", lang);
  f.action = "/password/forgot";
  f.submit = T("web.forgot_submit", lang);
  f.fields = {{"email", T("web.field_email", lang), "email", req.Form("email"), "", "", true}};
  return f;
}

http::Response ForgotPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  return RenderForm(req, lang, ForgotForm(req, lang));
}

http::Response ForgotPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto s = accounts.RequestPasswordReset(req.Form("email"), BaseUrl(w), ActorOf(req));
  if (!s.ok()) return ErrorPage(req, lang, s);
  FormPage f = ForgotForm(req, lang);
  f.notice = T("web.forgot_sent", lang);
  return RenderForm(req, lang, f);
}

FormPage ResetForm(const http::Request& req, const std::string& lang) {
  FormPage f;
  f.heading = T("web.reset_title", lang);
  f.action = "/password/reset";
  f.submit = T("web.reset_submit", lang);
  std::string token = req.Form("token").empty() ? req.Query("token") : req.Form("token");
  f.fields = {{"password", T("web.field_new_password", lang), "password", "", "",
               T("web.password_hint", lang), true},
              {"token", "", "hidden", token}};
  return f;
}

http::Response ResetPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  return RenderForm(req, lang, ResetForm(req, lang));
}

http::Response ResetPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto s = accounts.ResetPassword(req.Form("token"), req.Form("password"), ActorOf(req));
  if (!s.ok()) {
    FormPage f = ResetForm(req, lang);
    AttachError(f, s, lang);
    return RenderForm(req, lang, f, http::StatusToHttp(s.code()));
  }
  return MessagePage(req, lang, 200, T("web.reset_done_title", lang),
                     T("web.reset_done_text", lang));
}

std::string RolesText(const std::vector<auth::RoleGrant>& roles, const std::string& lang) {
  std::string out;
  for (const auto& r : roles)
    out += (out.empty() ? "" : ", ") + T("web.role_" + r.role, lang) +
           (r.scope.empty() ? "" : " (" + r.scope + ")");
  return out;
}

http::Response AccountPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto sessions = accounts.Sessions(req.principal.user_id);
  if (!sessions.ok()) return ErrorPage(req, lang, sessions.status());
  files::FileStore store(*w.db, w.config->FilesDir(), *w.clock);
  auto mine = store.ListByOwner(req.principal.user_id);
  if (!mine.ok()) return ErrorPage(req, lang, mine.status());
  data d;
  d.set("name", req.principal.name);
  d.set("email", req.principal.email);
  d.set("roles", RolesText(req.principal.roles, lang));
  d.set("csrf", req.principal.csrf);
  data list{data::type::list};
  for (const auto& s : *sessions) {
    if (s.revoked) continue;
    data sd;
    sd.set("id_hash", s.id_hash);
    sd.set("created_at", s.created_at);
    sd.set("last_seen_at", s.last_seen_at);
    sd.set("address", s.address);
    sd.set("user_agent", s.user_agent);
    sd.set("current", Bool(s.id_hash == req.principal.session_hash));
    list.push_back(sd);
  }
  d.set("sessions", list);
  data fl{data::type::list};
  for (const auto& f : *mine) {
    data fd;
    fd.set("url", "/files/" + std::to_string(f.id) + "/" + http::UrlEncode(f.name));
    fd.set("name", f.name);
    fd.set("size", std::to_string((f.size + 1023) / 1024) + " KB");
    fd.set("visibility", T("web.visibility_" + f.visibility, lang));
    fd.set("created_at", f.created_at);
    fl.push_back(fd);
  }
  d.set("files", fl);
  d.set("has_files", Bool(!mine->empty()));
  return Page(req, lang, T("web.account_title", lang), "account", d);
}

http::Response RevokeSessionPost(const http::Request& req, http::Worker& w) {
  auth::Accounts accounts(*w.db, *w.clock);
  auto s = accounts.RevokeSession(req.principal.user_id, req.Form("session"), ActorOf(req));
  if (!s.ok()) return ErrorPage(req, Lang(req), s);
  return Redirect("/account");
}

FormPage PasswordForm(const std::string& lang) {
  FormPage f;
  f.heading = T("web.password_title", lang);
  f.action = "/account/password";
  f.submit = T("web.password_submit", lang);
  f.fields = {{"old_password", T("web.field_old_password", lang), "password", "", "", "", true},
              {"new_password", T("web.field_new_password", lang), "password", "", "",
               T("web.password_hint", lang), true}};
  return f;
}

http::Response PasswordPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  return RenderForm(req, lang, PasswordForm(lang));
}

http::Response PasswordPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto s =
      accounts.ChangePassword(req.principal.user_id, req.Form("old_password"),
                              req.Form("new_password"), req.principal.session_hash, ActorOf(req));
  FormPage f = PasswordForm(lang);
  if (!s.ok()) {
    AttachError(f, s, lang);
    return RenderForm(req, lang, f, http::StatusToHttp(s.code()));
  }
  f.notice = T("web.password_changed", lang);
  return RenderForm(req, lang, f);
}

// --- Admin: users and roles ---------------------------------------------------------------

std::vector<auth::RoleGrant> RolesFromForm(const http::Request& req) {
  std::vector<auth::RoleGrant> roles;
  for (std::string_view r : auth::kRoles)
    if (req.Form("role_" + std::string(r)) == "1") roles.push_back({std::string(r), ""});
  // Scoped grants, one per line: "board_member program:3".
  std::string scoped = req.Form("scoped");
  size_t pos = 0;
  while (pos < scoped.size()) {
    size_t end = scoped.find('\n', pos);
    if (end == std::string::npos) end = scoped.size();
    std::string line = scoped.substr(pos, end - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t sp = line.find(' ');
    if (sp != std::string::npos)
      roles.push_back({line.substr(0, sp), line.substr(sp + 1)});
    else if (!line.empty())
      roles.push_back({line, ""});
    pos = end + 1;
  }
  return roles;
}

std::vector<FormField> RoleFields(const std::vector<auth::RoleGrant>& have,
                                  const std::string& lang) {
  std::vector<FormField> out;
  std::string scoped;
  for (std::string_view r : auth::kRoles) {
    FormField f{"role_" + std::string(r), T("web.role_" + std::string(r), lang), "checkbox"};
    for (const auto& g : have)
      if (g.role == r && g.scope.empty()) f.checked = true;
    out.push_back(f);
  }
  for (const auto& g : have)
    if (!g.scope.empty()) scoped += g.role + " " + g.scope + "\n";
  out.push_back({"scoped", T("web.field_scoped_roles", lang), "textarea", scoped, "",
                 T("web.scoped_roles_hint", lang)});
  return out;
}

FormPage NewUserForm(const http::Request& req, const std::string& lang) {
  FormPage f;
  f.heading = T("web.users_title", lang);
  f.action = "/admin/users";
  f.submit = T("web.user_create_submit", lang);
  f.fields = {{"name", T("web.field_name", lang), "text", req.Form("name"), "", "", true},
              {"email", T("web.field_email", lang), "email", req.Form("email"), "", "", true},
              {"password", T("web.field_password", lang), "password", "", "",
               T("web.password_hint", lang), true}};
  auto roles = RoleFields(RolesFromForm(req), lang);
  f.fields.insert(f.fields.end(), roles.begin(), roles.end());
  return f;
}

std::string UserTable(const std::vector<auth::User>& users, const std::string& lang) {
  std::string h = "<h2>" + HtmlEscape(T("web.users_list", lang)) + "</h2><table><thead><tr><th>" +
                  HtmlEscape(T("web.field_name", lang)) + "</th><th>" +
                  HtmlEscape(T("web.field_email", lang)) + "</th><th>" +
                  HtmlEscape(T("web.field_roles", lang)) + "</th><th>" +
                  HtmlEscape(T("web.field_status", lang)) + "</th></tr></thead><tbody>";
  for (const auto& u : users)
    h += "<tr><td><a href=\"/admin/users/" + std::to_string(u.id) + "\">" + HtmlEscape(u.name) +
         "</a></td><td>" + HtmlEscape(u.email) + "</td><td>" +
         HtmlEscape(RolesText(u.roles, lang)) + "</td><td>" +
         HtmlEscape(T("web.status_" + u.status, lang)) + "</td></tr>";
  return h + "</tbody></table><h2>" + HtmlEscape(T("web.user_create", lang)) + "</h2>";
}

http::Response UsersPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auto users = accounts.ListUsers();
  if (!users.ok()) return ErrorPage(req, lang, users.status());
  FormPage f = NewUserForm(req, lang);
  f.before_html = UserTable(*users, lang);
  return RenderForm(req, lang, f);
}

http::Response UsersPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auth::Accounts accounts(*w.db, *w.clock);
  auth::NewUser u{req.Form("email"), req.Form("name"), req.Form("password"), RolesFromForm(req)};
  auto user = accounts.CreateUser(u, ActorOf(req));
  if (!user.ok()) {
    auto users = accounts.ListUsers();
    FormPage f = NewUserForm(req, lang);
    if (users.ok()) f.before_html = UserTable(*users, lang);
    AttachError(f, user.status(), lang);
    return RenderForm(req, lang, f, http::StatusToHttp(user.status().code()));
  }
  return Redirect("/admin/users/" + std::to_string(user->id));
}

FormPage UserForm(const auth::User& u, const std::string& lang) {
  FormPage f;
  f.heading = u.name + " · " + u.email;
  f.action = "/admin/users/" + std::to_string(u.id);
  f.submit = T("web.save", lang);
  f.fields = {{"status",
               T("web.field_status", lang),
               "select",
               u.status,
               "",
               "",
               true,
               false,
               {{"active", T("web.status_active", lang)},
                {"pending", T("web.status_pending", lang)},
                {"disabled", T("web.status_disabled", lang)}}}};
  auto roles = RoleFields(u.roles, lang);
  f.fields.insert(f.fields.end(), roles.begin(), roles.end());
  return f;
}

http::Response UserPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  auth::Accounts accounts(*w.db, *w.clock);
  auto u = accounts.GetUser(*id);
  if (!u.ok()) return ErrorPage(req, lang, u.status());
  return RenderForm(req, lang, UserForm(*u, lang));
}

http::Response UserPost(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  auth::Accounts accounts(*w.db, *w.clock);
  auto u = accounts.GetUser(*id);
  if (!u.ok()) return ErrorPage(req, lang, u.status());
  auto roles = RolesFromForm(req);
  std::string status = req.Form("status");
  Status s = status == "active" || status == "pending" || status == "disabled"
                 ? Status::Ok()
                 : Status::Invalid({"auth.bad_status", {{"field", "status"}, {"value", status}}});
  if (s.ok()) s = accounts.SetRoles(*id, roles, ActorOf(req));
  if (s.ok() && status != u->status) s = accounts.SetStatus(*id, status, ActorOf(req));
  if (!s.ok()) {
    auth::User shown = *u;
    shown.roles = roles;
    FormPage f = UserForm(shown, lang);
    AttachError(f, s, lang);
    return RenderForm(req, lang, f, http::StatusToHttp(s.code()));
  }
  auto now = accounts.GetUser(*id);
  FormPage f = UserForm(now.ok() ? *now : *u, lang);
  f.notice = T("web.saved", lang);
  return RenderForm(req, lang, f);
}

}  // namespace

void AddAccountRoutes(std::vector<http::Route>& routes) {
  auto form_page = [&](std::string method, std::string path, std::string perm, std::string summary,
                       http::Handler h) {
    http::Route r{std::move(method),  std::move(path), std::move(perm), "page",
                  std::move(summary), std::move(h)};
    r.cacheable = false;
    routes.push_back(std::move(r));
  };
  form_page("GET", "/login", "public", "Sign-in form", LoginPage);
  form_page("POST", "/login", "public", "Sign in", LoginPost);
  form_page("POST", "/logout", "signed_in", "Sign out", LogoutPost);
  form_page("GET", "/register", "public", "Registration form", RegisterPage);
  form_page("POST", "/register", "public", "Register", RegisterPost);
  form_page("GET", "/verify", "public", "Confirm an e-mail address", VerifyPage);
  form_page("GET", "/password/forgot", "public", "Password reset request form", ForgotPage);
  form_page("POST", "/password/forgot", "public", "Ask for a password reset", ForgotPost);
  form_page("GET", "/password/reset", "public", "New password form", ResetPage);
  form_page("POST", "/password/reset", "public", "Set a new password", ResetPost);
  form_page("GET", "/account", "signed_in", "Own account, sessions and files", AccountPage);
  form_page("POST", "/account/sessions/revoke", "signed_in", "Revoke a session", RevokeSessionPost);
  form_page("GET", "/account/password", "signed_in", "Password change form", PasswordPage);
  form_page("POST", "/account/password", "signed_in", "Change the password", PasswordPost);
  form_page("GET", "/admin/users", "users.manage", "Users", UsersPage);
  form_page("POST", "/admin/users", "users.manage", "Create a user", UsersPost);
  form_page("GET", "/admin/users/:id", "users.manage", "A user's roles and status", UserPage);
  form_page("POST", "/admin/users/:id", "users.manage", "Change roles and status", UserPost);
}

}  // namespace ketnoi::web
