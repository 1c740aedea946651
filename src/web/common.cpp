#include "web/common.h"

#include <charconv>

#include "core/messages.h"

namespace ketnoi::web {

std::string Lang(const http::Request& req) {
  std::string q = req.Query("lang");
  if (q == "vi" || q == "en") return q;
  std::string c = req.Cookie("lang");
  if (c == "vi" || c == "en") return c;
  // Browsers' Accept-Language is not consulted: the portal is Vietnamese first, and English is
  // a choice the reader makes with the switch (remembered in the cookie).
  return "vi";
}

namespace {
Status BadParam(const std::string& name, Message reason, const std::string& lang) {
  return Status::Invalid(
      {"web.bad_param", {{"name", name}, {"reason", Render(reason, lang)}, {"field", name}}});
}

std::optional<int> ParseInt(const std::string& s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

Result<search::SearchRequest> SearchFromQuery(const http::Request& req, const std::string& lang,
                                              int default_limit) {
  search::SearchRequest out;
  out.query = req.Query("q");
  out.lang = lang;
  out.limit = default_limit;
  auto int_param = [&](const char* name, int min, int max, int& target) -> Status {
    if (!req.HasQuery(name)) return Status::Ok();
    auto v = ParseInt(req.Query(name));
    if (!v || *v < min || *v > max)
      return BadParam(
          name,
          Message("web.param_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}),
          lang);
    target = *v;
    return Status::Ok();
  };
  KETNOI_RETURN_IF_ERROR(int_param("limit", 1, 100, out.limit));
  int page = 1;
  KETNOI_RETURN_IF_ERROR(int_param("page", 1, 10000, page));
  out.offset = (page - 1) * out.limit;
  KETNOI_RETURN_IF_ERROR(int_param("offset", 0, 1000000, out.offset));
  if (req.HasQuery("sort")) {
    static const char* kSorts[] = {"relevance",  "date",  "date_asc",  "budget",
                                   "budget_asc", "title", "title_desc"};
    std::string sort = req.Query("sort");
    bool known = false;
    for (const char* s : kSorts) known = known || sort == s;
    if (!known) return BadParam("sort", Message("web.param_value", {{"value", sort}}), lang);
    out.sort = sort;
  }
  std::vector<std::string> names = search::FacetNames();
  names.push_back("district");
  for (const auto& name : names)
    for (const auto& v : req.QueryAll(name))
      if (!v.empty()) out.filters[name].push_back(v);
  return out;
}

std::string Etag(const std::string& body) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a, 64 bit
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

bool NotModified(const http::Request& req, const std::string& etag) {
  std::string inm = req.Header("if-none-match");
  return !inm.empty() && (inm == etag || inm == "*" || inm.find(etag) != std::string::npos);
}

std::optional<int64_t> PathId(const http::Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end()) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || v <= 0)
    return std::nullopt;
  return v;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string PeriodText(const std::optional<Date>& start, const std::optional<Date>& end) {
  if (!start && !end) return "";
  std::string out = start ? start->Vn() : "";
  out += " – ";
  out += end ? end->Vn() : "";
  return out;
}

}  // namespace ketnoi::web
