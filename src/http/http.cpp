#include "http/http.h"

namespace ketnoi::http {

namespace {
using Pairs = std::vector<std::pair<std::string, std::string>>;
std::string FirstOf(const Pairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs)
    if (k == name) return v;
  return "";
}
std::vector<std::string> AllOf(const Pairs& pairs, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : pairs)
    if (k == name) out.push_back(v);
  return out;
}
}  // namespace

std::string Request::Query(std::string_view name) const { return FirstOf(query, name); }
std::vector<std::string> Request::QueryAll(std::string_view name) const {
  return AllOf(query, name);
}
std::string Request::Form(std::string_view name) const { return FirstOf(form, name); }
std::vector<std::string> Request::FormAll(std::string_view name) const { return AllOf(form, name); }

bool Request::HasQuery(std::string_view name) const {
  for (const auto& [k, v] : query)
    if (k == name) return true;
  return false;
}

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? "" : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  std::string_view all = [&]() -> std::string_view {
    auto it = headers.find("cookie");
    return it == headers.end() ? std::string_view() : std::string_view(it->second);
  }();
  while (!all.empty()) {
    size_t semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return "";
}

namespace {
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool MatchPath(std::string_view pattern, std::string_view path,
               std::map<std::string, std::string>* params) {
  auto p = Segments(pattern), s = Segments(path);
  if (p.size() != s.size()) return false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (!p[i].empty() && p[i][0] == ':') {
      if (params) (*params)[std::string(p[i].substr(1))] = UrlDecode(s[i], false);
    } else if (p[i] != s[i]) {
      return false;
    }
  }
  return true;
}
}  // namespace

std::optional<Router::Match> Router::Find(std::string_view method, std::string_view path) const {
  std::string_view m = method == "HEAD" ? "GET" : method;
  // The most specific route wins: a literal segment beats a ":param" at the first place they
  // differ ("/tasks/new" before "/tasks/:id"), whatever the order of the table.
  auto literal_mask = [](std::string_view pattern) {
    std::vector<bool> mask;
    for (auto seg : Segments(pattern)) mask.push_back(seg.empty() || seg[0] != ':');
    return mask;
  };
  std::optional<Match> best;
  std::vector<bool> best_mask;
  for (const Route& r : routes_) {
    if (r.method != m) continue;
    Match match;
    if (!MatchPath(r.path, path, &match.params)) continue;
    std::vector<bool> mask = literal_mask(r.path);
    if (!best || mask > best_mask) {
      match.route = &r;
      best = std::move(match);
      best_mask = std::move(mask);
    }
  }
  return best;
}

bool Router::PathExists(std::string_view path) const {
  for (const Route& r : routes_)
    if (MatchPath(r.path, path, nullptr)) return true;
  return false;
}

int StatusToHttp(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalid:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kDenied:
      return 403;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kThrottled:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kIo:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

std::string UrlDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int a = hex(s[i + 1]), b = hex(s[i + 2]);
      if (a >= 0 && b >= 0) {
        out += static_cast<char>(a * 16 + b);
        i += 2;
        continue;
      }
    }
    out += plus_is_space && s[i] == '+' ? ' ' : s[i];
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string key = UrlDecode(part.substr(0, eq), true);
      std::string value = eq == std::string_view::npos ? "" : UrlDecode(part.substr(eq + 1), true);
      out.emplace_back(std::move(key), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace ketnoi::http
