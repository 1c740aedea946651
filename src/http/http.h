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

  // The first value of a query parameter, or "".
  std::string Query(std::string_view name) const;
  std::vector<std::string> QueryAll(std::string_view name) const;
  bool HasQuery(std::string_view name) const;
  std::string Header(std::string_view lower_name) const;
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

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
};

using Handler = std::function<Response(const Request&, Worker&)>;

// One row of the route table: the single source for routing, permissions (authorisation tests
// are generated from it), metrics labels and the OpenAPI document.
struct Route {
  std::string method;      // GET
  std::string path;        // "/api/v1/tasks/:id" (":name" matches one segment)
  std::string permission;  // "public" for now; later issues add roles
  std::string kind;        // "page", "api", "asset", "ops"
  std::string summary;     // one line, English, for the OpenAPI document
  Handler handler;
  // Query parameters an API route accepts, for the OpenAPI document: name → description.
  std::vector<std::pair<std::string, std::string>> query_params = {};
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

// The HTTP status for a Status code — the only place this mapping exists.
int StatusToHttp(StatusCode code);

// Percent-decoding ('+' as space in queries); invalid escapes are kept literally.
std::string UrlDecode(std::string_view s, bool plus_is_space);
std::string UrlEncode(std::string_view s);
// Parses "a=1&b=x%20y" into pairs.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace ketnoi::http
