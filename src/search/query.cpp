#include "search/query.h"

#include <array>

namespace ketnoi::search {

namespace {
constexpr std::array<std::string_view, 6> kTextFields = {"title", "abstract", "keywords",
                                                         "host",  "pi",       "code"};
constexpr std::array<std::string_view, 8> kFilters = {"field",  "level", "kind",   "program",
                                                      "status", "year",  "source", "district"};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Appends clauses for `value`: one phrase clause when quoted; otherwise one clause per run of
// joined tokens (a run of two or more is a phrase).
void AddClauses(ParsedQuery& out, std::string_view value, bool quoted, const std::string& field,
                bool negated) {
  std::vector<text::Token> tokens = text::Tokenize(value);
  if (tokens.empty()) return;
  if (quoted) {
    out.clauses.push_back({field, std::move(tokens), true, negated});
    return;
  }
  QueryClause current{field, {}, false, negated};
  for (auto& t : tokens) {
    if (!current.tokens.empty() && !t.joined_to_previous) {
      current.phrase = current.tokens.size() > 1;
      out.clauses.push_back(std::move(current));
      current = QueryClause{field, {}, false, negated};
    }
    current.tokens.push_back(std::move(t));
  }
  current.phrase = current.tokens.size() > 1;
  out.clauses.push_back(std::move(current));
}
}  // namespace

bool IsTextField(std::string_view name) {
  for (auto f : kTextFields)
    if (f == name) return true;
  return false;
}

bool IsFilterName(std::string_view name) {
  for (auto f : kFilters)
    if (f == name) return true;
  return false;
}

ParsedQuery ParseQuery(std::string_view q) {
  ParsedQuery out;
  std::string input = text::Nfc(q);
  std::string_view s = input;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    if (i >= s.size()) break;
    bool negated = false;
    if (s[i] == '-' && i + 1 < s.size() && !IsSpace(s[i + 1])) {
      negated = true;
      ++i;
    }
    // An optional "name:" before the value.
    std::string name;
    size_t j = i;
    while (j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || s[j] == '_')) ++j;
    if (j < s.size() && s[j] == ':' && j > i) {
      std::string candidate(s.substr(i, j - i));
      if (IsTextField(candidate) || IsFilterName(candidate)) {
        name = candidate;
        i = j + 1;
      }
    }
    std::string_view value;
    bool quoted = false;
    if (i < s.size() && s[i] == '"') {
      size_t close = s.find('"', i + 1);
      if (close == std::string_view::npos) close = s.size();  // unclosed quote: to the end
      value = s.substr(i + 1, close - i - 1);
      quoted = true;
      i = close == s.size() ? close : close + 1;
    } else {
      size_t end = i;
      while (end < s.size() && !IsSpace(s[end])) ++end;
      value = s.substr(i, end - i);
      i = end;
    }
    if (!name.empty() && IsFilterName(name)) {
      std::string v = text::CollapseSpaces(value);
      if (!v.empty()) out.filters[name].push_back(v);
      continue;
    }
    AddClauses(out, value, quoted, name, negated);
  }
  return out;
}

}  // namespace ketnoi::search
