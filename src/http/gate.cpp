// The gate in front of every handler: session → principal, form parsing, permission, CSRF, and
// the security headers of every response. Kept apart from server.cpp (RESTinio) so it is plain
// code over Request/Response.
#include <algorithm>

#include "auth/accounts.h"
#include "core/crypto.h"
#include "http/http.h"

namespace ketnoi::http {

namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The value of a parameter in a header like `multipart/form-data; boundary=XYZ`.
std::string HeaderParam(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    while (pos < header.size() && header[pos] == ' ') ++pos;
    if (Lower(std::string(header.substr(pos, name.size()))) == name &&
        pos + name.size() < header.size() && header[pos + name.size()] == '=') {
      std::string_view v = header.substr(pos + name.size() + 1);
      if (!v.empty() && v.front() == '"') {
        v.remove_prefix(1);
        return std::string(v.substr(0, v.find('"')));
      }
      return std::string(v.substr(0, v.find(';')));
    }
  }
  return "";
}

bool IsSafeMethod(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

const Route* DeniedRoute(const Worker& w) {
  if (!w.router) return nullptr;
  for (const auto& rt : w.router->routes())
    if (rt.kind == "denied") return &rt;
  return nullptr;
}

Response Deny(const Route& route, Request& r, Worker& w, int status, const std::string& reason) {
  if (route.kind == "page" && status == 401) {
    // A visitor asking for a page behind a login goes to the login page and comes back.
    std::string next = r.path;
    if (!r.query.empty()) {
      next += "?";
      for (size_t i = 0; i < r.query.size(); ++i) {
        if (i) next += '&';
        next += UrlEncode(r.query[i].first);
        next += '=';
        next += UrlEncode(r.query[i].second);
      }
    }
    Response resp;
    resp.status = 303;
    resp.Header("Location", "/login?next=" + UrlEncode(next));
    resp.body = "";
    return resp;
  }
  if (route.kind == "page" || route.kind == "fallback") {
    if (const Route* d = DeniedRoute(w)) {
      r.params["status"] = std::to_string(status);
      r.params["reason"] = reason;
      Response resp = d->handler(r, w);
      resp.status = status;
      return resp;
    }
  }
  Response resp;
  resp.status = status;
  resp.content_type = "application/json; charset=utf-8";
  resp.body = "{\"error\":{\"code\":\"" + reason + "\",\"message\":\"" +
              (status == 401 ? std::string("Sign in first. / Hãy đăng nhập.")
                             : std::string("Not allowed. / Không được phép.")) +
              "\"}}";
  return resp;
}

}  // namespace

std::string CookieHeader(const Request& r, std::string_view name, std::string_view value,
                         int max_age_seconds) {
  std::string out =
      std::string(name) + "=" + std::string(value) + "; Path=/; HttpOnly; SameSite=Lax";
  if (max_age_seconds >= 0) out += "; Max-Age=" + std::to_string(max_age_seconds);
  if (r.Secure()) out += "; Secure";
  return out;
}

bool ParseMultipart(std::string_view content_type, std::string_view body,
                    std::vector<std::pair<std::string, std::string>>& form,
                    std::vector<Request::Part>& files) {
  std::string boundary = HeaderParam(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return false;
  std::string delim = "--" + boundary;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return false;
  pos += delim.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return true;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return false;
    pos += 2;
    size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return false;
    std::string_view head = body.substr(pos, head_end - pos);
    size_t data_start = head_end + 4;
    size_t next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return false;
    Request::Part part;
    part.data = std::string(body.substr(data_start, next - data_start));
    size_t line_start = 0;
    while (line_start <= head.size()) {
      size_t line_end = head.find("\r\n", line_start);
      std::string_view line =
          head.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                     : line_end - line_start);
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string name = Lower(std::string(line.substr(0, colon)));
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (name == "content-disposition") {
          part.name = HeaderParam(value, "name");
          part.filename = HeaderParam(value, "filename");
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      if (line_end == std::string_view::npos) break;
      line_start = line_end + 2;
    }
    if (head.find("filename=") == std::string_view::npos)
      form.emplace_back(part.name, std::move(part.data));
    else
      files.push_back(std::move(part));
    pos = next + 2 + delim.size();
  }
}

std::optional<Response> Admit(const Route& route, Request& r, Worker& w) {
  // Who is asking.
  std::string token = r.Cookie(kSessionCookie);
  if (!token.empty() && w.db) {
    auth::Accounts accounts(*w.db, *w.clock);
    if (auto p = accounts.SessionPrincipal(token)) r.principal = std::move(*p);
  }
  // Form bodies.
  if (!IsSafeMethod(r.method)) {
    std::string ct = Lower(r.Header("content-type"));
    if (ct.rfind("application/x-www-form-urlencoded", 0) == 0) {
      r.form = ParseQuery(r.body);
    } else if (ct.rfind("multipart/form-data", 0) == 0) {
      if (!ParseMultipart(r.Header("content-type"), r.body, r.form, r.files))
        return Deny(route, r, w, 400, "bad_form");
    }
  }
  // May they use this route at all?
  if (!auth::Allows(route.permission, r.principal))
    return Deny(route, r, w, r.principal.signed_in() ? 403 : 401,
                r.principal.signed_in() ? "forbidden" : "sign_in");
  // CSRF: a state-changing request made with a session must carry the session's token; a form
  // posted without a session (login, registration) must echo the pre-session cookie.
  if (!IsSafeMethod(r.method)) {
    std::string sent = r.Form("_csrf");
    if (sent.empty()) sent = r.Header("x-csrf-token");
    std::string expected;
    if (r.principal.signed_in())
      expected = r.principal.csrf;
    else if (!token.empty() || route.kind == "page")
      expected = r.Cookie(kCsrfCookie);
    else
      expected = "-";  // an API call without cookies carries no ambient authority
    if (expected != "-" && (expected.empty() || !crypto::ConstantTimeEqual(sent, expected)))
      return Deny(route, r, w, 403, "csrf");
  }
  return std::nullopt;
}

void AddSecurityHeaders(const Route* route, const Request& r, Response& resp) {
  auto has = [&](std::string_view name) {
    return std::any_of(resp.headers.begin(), resp.headers.end(),
                       [&](const auto& h) { return Lower(h.first) == name; });
  };
  if (!has("content-security-policy"))
    resp.Header("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  resp.Header("X-Frame-Options", "DENY");
  resp.Header("Referrer-Policy", "same-origin");
  bool behind_login = route && !auth::AllowsAnonymous(route->permission);
  if (behind_login || r.principal.signed_in() || has("set-cookie")) {
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& h : resp.headers)
      if (Lower(h.first) != "cache-control" && Lower(h.first) != "etag") kept.push_back(h);
    resp.headers = std::move(kept);
    resp.Header("Cache-Control", "private, no-store");
  }
}

}  // namespace ketnoi::http
