// http — the web server. A restinio-free vocabulary (Request, Response, Route, Router) that the
// web module builds its route table with, and server.h, which runs the table on RESTinio:
// IO threads accept and parse, a bounded worker pool runs handlers (each worker with its own
// store connection), a full queue answers 503 with Retry-After, SIGTERM drains in-flight work.
// HTTP status codes for Status values are decided in one place: StatusToHttp().
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/status.h"
#include "registry/repo.h"
#include "search/index.h"

namespace ketnoi::http {

struct Request {
  std::string method;                                      // "GET", "HEAD", …
  std::string path;                                        // decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;              // lower-case names
  std::map<std::string, std::string> params;               // from ":name" route segments
  std::string body;
  std::string remote_addr;  // the client's address (the peer; a proxy's when behind one)

  // Filled by the gate (gate.cpp) before the handler runs:
  auth::Principal principal;  // the signed-in user, or anonymous (user_id 0)
  std::vector<std::pair<std::string, std::string>> form;  // urlencoded or multipart fields
  struct Part {
    std::string name, filename, content_type, data;
  };
  std::vector<Part> files;  // multipart parts that carry a file name

  // The first value of a query parameter, or "".
  std::string Query(std::string_view name) const;
  std::vector<std::string> QueryAll(std::string_view name) const;
  bool HasQuery(std::string_view name) const;
  std::string Header(std::string_view lower_name) const;
  std::string Cookie(std::string_view name) const;
  // The first value of a form field, or "".
  std::string Form(std::string_view name) const;
  std::vector<std::string> FormAll(std::string_view name) const;
  // "https" when the request came over TLS (X-Forwarded-Proto from the fronting proxy).
  bool Secure() const { return Header("x-forwarded-proto") == "https"; }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A body produced piece by piece (exports): called until it returns false; each piece it
  // appends is sent as a chunk before the next call, so memory stays bounded. `body` is unused.
  std::function<bool(std::string& piece)> stream;

  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

class Router;

// What a handler may use: the worker's own store connection and registry, the index, settings,
// the route table (for the OpenAPI document) and the server's metrics.
struct Worker {
  store::Db* db = nullptr;
  registry::Registry* registry = nullptr;
  const search::Searcher* searcher = nullptr;
  const Config* config = nullptr;
  const Router* router = nullptr;
  std::function<std::string()> metrics;
  const Clock* clock = &SystemClock::Instance();
};

using Handler = std::function<Response(const Request&, Worker&)>;

// One row of the route table: the single source for routing, permissions (authorisation tests
// are generated from it), metrics labels and the OpenAPI document.
struct Route {
  std::string method;      // GET
  std::string path;        // "/api/v1/tasks/:id" (":name" matches one segment)
  std::string permission;  // a name from auth::Permissions(); checked before the handler runs
  std::string kind;        // "page", "api", "asset", "ops"; "fallback" (404), "denied" (403)
  std::string summary;     // one line, English, for the OpenAPI document
  Handler handler;
  // Query parameters an API route accepts, for the OpenAPI document: name → description.
  std::vector<std::pair<std::string, std::string>> query_params = {};
  // False for pages that hand out a per-visitor token (the CSRF cookie of a login form).
  bool cacheable = true;
  // The media types of a 200 answer, for the OpenAPI document.
  std::vector<std::string> produces = {"application/json"};
};

class Router {
 public:
  explicit Router(std::vector<Route> routes) : routes_(std::move(routes)) {}
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };
  // A route for (method, path); HEAD matches GET routes.
  std::optional<Match> Find(std::string_view method, std::string_view path) const;
  // True when some route matches the path with another method (→ 405).
  bool PathExists(std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Parses a multipart/form-data body. Fields without a file name go to `form`, parts with one to
// `files`. Returns false when the body is not well-formed multipart for the content type.
bool ParseMultipart(std::string_view content_type, std::string_view body,
                    std::vector<std::pair<std::string, std::string>>& form,
                    std::vector<Request::Part>& files);

// The gate every request passes before its handler (gate.cpp): resolves the session cookie into
// r.principal, parses form bodies, checks the route's permission and, for state-changing
// methods, the CSRF token. Returns the response to send instead of running the handler (a
// redirect to the login page, 403, 400), or nullopt to go on.
std::optional<Response> Admit(const Route& route, Request& r, Worker& w);
// Security headers every response gets (CSP without inline script, nosniff, frame-ancestors,
// Referrer-Policy) and Cache-Control: private, no-store for pages behind a login.
void AddSecurityHeaders(const Route* route, const Request& r, Response& resp);
// The name of the session cookie and of the pre-session CSRF cookie.
inline constexpr const char* kSessionCookie = "ketnoi_session";
inline constexpr const char* kCsrfCookie = "ketnoi_csrf";
// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over TLS.
std::string CookieHeader(const Request& r, std::string_view name, std::string_view value,
                         int max_age_seconds = -1);

// The HTTP status for a Status code — the only place this mapping exists.
int StatusToHttp(StatusCode code);

// Percent-decoding ('+' as space in queries); invalid escapes are kept literally.
std::string UrlDecode(std::string_view s, bool plus_is_space);
std::string UrlEncode(std::string_view s);
// Parses "a=1&b=x%20y" into pairs.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace ketnoi::http
