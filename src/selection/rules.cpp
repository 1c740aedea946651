// Rule sets as JSON (rules.h). The JSON keys are the struct member names; every error names the
// field as a path ("sheets[1].criteria[0].max_points") and says why. nlohmann/json stays in this
// file.
#include "selection/rules.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <utility>

#include "core/date.h"

namespace ketnoi::selection {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Rule sets are a few kilobytes; anything far larger is not one.
constexpr size_t kMaxJsonBytes = 1 << 20;

const std::set<std::string, std::less<>> kMethods = {"selection", "direct", "grant", "order"};
const std::set<std::string, std::less<>> kRoles = {"chair", "vice_chair", "secretary", "reviewer",
                                                   "member"};
const std::set<std::string, std::less<>> kRelations = {"spouse", "parent", "child", "sibling"};
// The top-level keys, in canonical order (ToJson writes them so). `unverified` may list only
// these.
// clang-format off
const std::vector<std::string> kTopKeys = {
    "code", "version", "name", "legal_basis", "effective_from", "effective_to", "methods",
    "council_min", "council_max", "seats", "identification_criteria",
    "conflict_lookback_years", "conflict_relations",
    "sheets", "pass_average", "zero_max_num", "zero_max_den",
    "outlier_rule", "outlier_points", "outlier_min_members", "tie_breaks",
    "submission_days_min", "opening_within_days", "council_within_days", "unverified"};
// clang-format on

Status Bad(const std::string& field, const std::string& reason) {
  return Status::Invalid(Message("selection.bad_rule_set", {{"field", field}, {"reason", reason}}));
}

// An identifier: lowercase ASCII letters, digits and `sep`, starting with a letter.
bool IsIdent(std::string_view s, char sep) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == sep)) return false;
  return true;
}

bool IsIsoDate(const std::string& s) {
  auto d = ParseDate(s);
  return d && d->valid() && d->Iso() == s;  // only the ISO form, not "01/03/2024"
}

// Reads the members of one JSON object. Remembers the keys it read so that Finish() can reject
// the others: a misspelt key would otherwise be silently ignored.
class Reader {
 public:
  Reader(const json& obj, std::string path) : obj_(obj), path_(std::move(path)) {}

  std::string Path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  // The value at `key`, or nullptr when absent (an error when required).
  const json* Get(std::string_view key, bool required, Status& st) {
    read_.insert(std::string(key));
    auto it = obj_.find(std::string(key));
    if (it == obj_.end()) {
      if (required) st = Bad(Path(key), "missing");
      return nullptr;
    }
    return &*it;
  }
  Status String(std::string_view key, std::string& out, bool required = true,
                bool non_empty = true) {
    Status st;
    const json* v = Get(key, required, st);
    if (!v) return st;
    if (!v->is_string()) return Bad(Path(key), "must be a string");
    out = v->get<std::string>();
    if (non_empty && out.empty()) return Bad(Path(key), "must not be empty");
    return Status::Ok();
  }
  Status Int(std::string_view key, int& out, int min, int max, bool required = true) {
    Status st;
    const json* v = Get(key, required, st);
    if (!v) return st;
    if (!v->is_number_integer()) return Bad(Path(key), "must be a whole number");
    // Read as the widest type first so that huge values are rejected, not wrapped.
    const std::string range = "must be from " + std::to_string(min) + " to " + std::to_string(max);
    int64_t value = 0;
    if (v->is_number_unsigned()) {
      uint64_t u = v->get<uint64_t>();
      if (u > static_cast<uint64_t>(std::max(max, 0))) return Bad(Path(key), range);
      value = static_cast<int64_t>(u);
    } else {
      value = v->get<int64_t>();
    }
    if (value < min || value > max) return Bad(Path(key), range);
    out = static_cast<int>(value);
    return Status::Ok();
  }
  // A number in (min_exclusive, max].
  Status Number(std::string_view key, double& out, double min_exclusive, double max) {
    Status st;
    const json* v = Get(key, true, st);
    if (!v) return st;
    if (!v->is_number()) return Bad(Path(key), "must be a number");
    double d = v->get<double>();
    if (!std::isfinite(d) || d <= min_exclusive || d > max)
      return Bad(Path(key),
                 "must be more than " + Trim(min_exclusive) + " and at most " + Trim(max));
    out = d;
    return Status::Ok();
  }
  Status Bool(std::string_view key, bool& out) {
    Status st;
    const json* v = Get(key, true, st);
    if (!v) return st;
    if (!v->is_boolean()) return Bad(Path(key), "must be true or false");
    out = v->get<bool>();
    return Status::Ok();
  }
  // An array of distinct strings, each accepted by `ok` (which returns the reason it is not).
  template <typename Check>
  Status Strings(std::string_view key, std::vector<std::string>& out, bool required, bool non_empty,
                 Check ok) {
    Status st;
    const json* v = Get(key, required, st);
    if (!v) return st;
    if (!v->is_array()) return Bad(Path(key), "must be a list");
    if (non_empty && v->empty()) return Bad(Path(key), "must not be empty");
    out.clear();
    std::set<std::string> seen;
    for (size_t i = 0; i < v->size(); ++i) {
      std::string at = Path(key) + "[" + std::to_string(i) + "]";
      if (!(*v)[i].is_string()) return Bad(at, "must be a string");
      std::string s = (*v)[i].get<std::string>();
      if (std::string why = ok(s); !why.empty()) return Bad(at, why + ": \"" + s + "\"");
      if (!seen.insert(s).second) return Bad(at, "duplicate: \"" + s + "\"");
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }
  // An array of objects (the caller reads each); nullptr when absent and not required.
  const json* Array(std::string_view key, bool required, bool non_empty, Status& st) {
    const json* v = Get(key, required, st);
    if (!v) return nullptr;
    if (!v->is_array()) {
      st = Bad(Path(key), "must be a list");
      return nullptr;
    }
    if (non_empty && v->empty()) {
      st = Bad(Path(key), "must not be empty");
      return nullptr;
    }
    for (size_t i = 0; i < v->size(); ++i)
      if (!(*v)[i].is_object()) {
        st = Bad(Path(key) + "[" + std::to_string(i) + "]", "must be an object");
        return nullptr;
      }
    return v;
  }
  Status Finish() const {
    for (auto it = obj_.begin(); it != obj_.end(); ++it)
      if (!read_.count(it.key())) return Bad(Path(it.key()), "unknown key");
    return Status::Ok();
  }

  static std::string Trim(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
  }

 private:
  const json& obj_;
  std::string path_;
  std::set<std::string, std::less<>> read_;
};

// A list of criteria whose maxima add up to 100 and whose ids are distinct.
Status ReadCriteria(Reader& r, std::string_view key, bool required, std::vector<Criterion>& out) {
  Status st;
  const json* arr = r.Array(key, required, required, st);
  if (!arr) return st;
  out.clear();
  std::set<std::string> ids;
  int total = 0;
  for (size_t i = 0; i < arr->size(); ++i) {
    Reader c((*arr)[i], r.Path(key) + "[" + std::to_string(i) + "]");
    Criterion cr;
    KETNOI_RETURN_IF_ERROR(c.String("id", cr.id));
    if (!IsIdent(cr.id, '_'))
      return Bad(c.Path("id"), "must be lowercase letters, digits and _: \"" + cr.id + "\"");
    if (!ids.insert(cr.id).second) return Bad(c.Path("id"), "duplicate: \"" + cr.id + "\"");
    KETNOI_RETURN_IF_ERROR(c.String("label", cr.label));
    KETNOI_RETURN_IF_ERROR(c.Int("max_points", cr.max_points, 1, 100));
    KETNOI_RETURN_IF_ERROR(c.String("guidance", cr.guidance, false, false));
    KETNOI_RETURN_IF_ERROR(c.Finish());
    total += cr.max_points;
    out.push_back(std::move(cr));
  }
  // Every score sheet is out of 100 (DOMAIN.md §2), so its maxima must add up to exactly that.
  if (!out.empty() && total != 100)
    return Bad(r.Path(key), "the maxima add up to " + std::to_string(total) + ", not 100");
  return Status::Ok();
}

Status ReadSheets(Reader& r, RuleSet& rs) {
  Status st;
  const json* arr = r.Array("sheets", true, true, st);
  if (!arr) return st;
  std::set<std::string> ids;
  for (size_t i = 0; i < arr->size(); ++i) {
    Reader s((*arr)[i], "sheets[" + std::to_string(i) + "]");
    ScoreSheet sheet;
    KETNOI_RETURN_IF_ERROR(s.String("id", sheet.id));
    if (!IsIdent(sheet.id, '_'))
      return Bad(s.Path("id"), "must be lowercase letters, digits and _: \"" + sheet.id + "\"");
    if (!ids.insert(sheet.id).second) return Bad(s.Path("id"), "duplicate: \"" + sheet.id + "\"");
    KETNOI_RETURN_IF_ERROR(s.String("title", sheet.title));
    // Task kinds are identifiers ("de_tai", "du_an_sxtn", …) or "*" for any kind. Two sheets may
    // list the same kind (applied and basic research topics): the call then names its sheet.
    KETNOI_RETURN_IF_ERROR(s.Strings("kinds", sheet.kinds, true, true, [](const std::string& k) {
      return k == "*" || IsIdent(k, '_') ? "" : "not a task kind";
    }));
    KETNOI_RETURN_IF_ERROR(ReadCriteria(s, "criteria", true, sheet.criteria));
    KETNOI_RETURN_IF_ERROR(s.Finish());
    rs.sheets.push_back(std::move(sheet));
  }
  return Status::Ok();
}

Status ReadSeats(Reader& r, RuleSet& rs) {
  Status st;
  const json* arr = r.Array("seats", true, true, st);
  if (!arr) return st;
  std::set<std::string> roles;
  int sum_min = 0, sum_max = 0;
  for (size_t i = 0; i < arr->size(); ++i) {
    Reader s((*arr)[i], "seats[" + std::to_string(i) + "]");
    Seat seat;
    KETNOI_RETURN_IF_ERROR(s.String("role", seat.role));
    if (!kRoles.count(seat.role)) return Bad(s.Path("role"), "unknown role: \"" + seat.role + "\"");
    if (!roles.insert(seat.role).second)
      return Bad(s.Path("role"), "duplicate: \"" + seat.role + "\"");
    KETNOI_RETURN_IF_ERROR(s.Int("min", seat.min, 0, rs.council_max));
    KETNOI_RETURN_IF_ERROR(s.Int("max", seat.max, seat.min, rs.council_max));
    KETNOI_RETURN_IF_ERROR(s.Finish());
    sum_min += seat.min;
    sum_max += seat.max;
    rs.seats.push_back(std::move(seat));
  }
  // Some council of council_min..council_max members must fill the seats: the required seats fit
  // in the largest council, and the seats on offer can make up the smallest.
  if (sum_min > rs.council_max)
    return Bad("seats", "the seats need at least " + std::to_string(sum_min) +
                            " members, more than council_max " + std::to_string(rs.council_max));
  if (sum_max < rs.council_min)
    return Bad("seats", "the seats hold at most " + std::to_string(sum_max) +
                            " members, fewer than council_min " + std::to_string(rs.council_min));
  return Status::Ok();
}

Status ReadRuleSet(const json& root, RuleSet& rs) {
  if (!root.is_object()) return Bad("$", "must be a JSON object");
  Reader r(root, "");
  KETNOI_RETURN_IF_ERROR(r.String("code", rs.code));
  if (!IsIdent(rs.code, '-'))
    return Bad("code", "must be lowercase letters, digits and -: \"" + rs.code + "\"");
  KETNOI_RETURN_IF_ERROR(r.Int("version", rs.version, 1, 1000000));
  KETNOI_RETURN_IF_ERROR(r.String("name", rs.name));
  KETNOI_RETURN_IF_ERROR(r.String("legal_basis", rs.legal_basis));
  KETNOI_RETURN_IF_ERROR(r.String("effective_from", rs.effective_from));
  if (!IsIsoDate(rs.effective_from))
    return Bad("effective_from", "must be a date YYYY-MM-DD: \"" + rs.effective_from + "\"");
  KETNOI_RETURN_IF_ERROR(r.String("effective_to", rs.effective_to, false, false));
  if (!rs.effective_to.empty() && !IsIsoDate(rs.effective_to))
    return Bad("effective_to", "must be a date YYYY-MM-DD or empty: \"" + rs.effective_to + "\"");
  if (!rs.effective_to.empty() && rs.effective_to < rs.effective_from)  // ISO dates sort as text
    return Bad("effective_to", "is before effective_from");
  KETNOI_RETURN_IF_ERROR(r.Strings("methods", rs.methods, true, true, [](const std::string& m) {
    return kMethods.count(m) ? "" : "not a method (selection, direct, grant, order)";
  }));

  KETNOI_RETURN_IF_ERROR(r.Int("council_min", rs.council_min, 1, 99));
  KETNOI_RETURN_IF_ERROR(r.Int("council_max", rs.council_max, rs.council_min, 99));
  KETNOI_RETURN_IF_ERROR(ReadSeats(r, rs));
  KETNOI_RETURN_IF_ERROR(
      ReadCriteria(r, "identification_criteria", false, rs.identification_criteria));

  KETNOI_RETURN_IF_ERROR(r.Int("conflict_lookback_years", rs.conflict_lookback_years, 0, 50));
  KETNOI_RETURN_IF_ERROR(
      r.Strings("conflict_relations", rs.conflict_relations, true, false, [](const std::string& k) {
        return kRelations.count(k) ? "" : "not a relation (spouse, parent, child, sibling)";
      }));

  KETNOI_RETURN_IF_ERROR(ReadSheets(r, rs));
  KETNOI_RETURN_IF_ERROR(r.Number("pass_average", rs.pass_average, 0, 100));
  KETNOI_RETURN_IF_ERROR(r.Int("zero_max_num", rs.zero_max_num, 1, 1000));
  KETNOI_RETURN_IF_ERROR(r.Int("zero_max_den", rs.zero_max_den, 1, 1000));
  if (rs.zero_max_num > rs.zero_max_den) return Bad("zero_max_num", "must not exceed zero_max_den");
  KETNOI_RETURN_IF_ERROR(r.Bool("outlier_rule", rs.outlier_rule));
  KETNOI_RETURN_IF_ERROR(r.Number("outlier_points", rs.outlier_points, 0, 100));
  KETNOI_RETURN_IF_ERROR(r.Int("outlier_min_members", rs.outlier_min_members, 1, 99));
  // "criterion:<id>" must name a criterion of at least one sheet (a topic's dossiers share a
  // sheet; on a sheet without that criterion the tie-break decides nothing).
  std::set<std::string> criteria;
  for (const auto& s : rs.sheets)
    for (const auto& c : s.criteria) criteria.insert(c.id);
  KETNOI_RETURN_IF_ERROR(
      r.Strings("tie_breaks", rs.tie_breaks, true, false, [&](const std::string& t) {
        if (t == "fewer_outliers" || t == "earlier_submission") return std::string();
        if (t.rfind("criterion:", 0) == 0)
          return criteria.count(t.substr(10)) ? std::string() : std::string("no such criterion");
        return std::string("not a tie-break (fewer_outliers, criterion:<id>, earlier_submission)");
      }));

  KETNOI_RETURN_IF_ERROR(r.Int("submission_days_min", rs.submission_days_min, 0, 3650));
  KETNOI_RETURN_IF_ERROR(r.Int("opening_within_days", rs.opening_within_days, 0, 3650));
  KETNOI_RETURN_IF_ERROR(r.Int("council_within_days", rs.council_within_days, 0, 3650));
  KETNOI_RETURN_IF_ERROR(
      r.Strings("unverified", rs.unverified, false, false, [](const std::string& k) {
        for (const auto& top : kTopKeys)
          if (top == k) return "";
        return "not a key of a rule set";
      }));
  return r.Finish();
}

ordered_json CriteriaJson(const std::vector<Criterion>& criteria) {
  ordered_json arr = ordered_json::array();
  for (const auto& c : criteria)
    arr.push_back(
        {{"id", c.id}, {"label", c.label}, {"max_points", c.max_points}, {"guidance", c.guidance}});
  return arr;
}

}  // namespace

int ScoreSheet::MaxTotal() const {
  int total = 0;
  for (const auto& c : criteria) total += c.max_points;
  return total;
}

const ScoreSheet* RuleSet::SheetFor(std::string_view kind) const {
  for (const auto& s : sheets)
    for (const auto& k : s.kinds)
      if (k == kind) return &s;
  for (const auto& s : sheets)
    for (const auto& k : s.kinds)
      if (k == "*") return &s;
  return nullptr;
}

const ScoreSheet* RuleSet::FindSheet(std::string_view id) const {
  for (const auto& s : sheets)
    if (s.id == id) return &s;
  return nullptr;
}

Result<RuleSet> ParseRuleSet(std::string_view text) {
  if (text.size() > kMaxJsonBytes)
    return Bad("$", "larger than " + std::to_string(kMaxJsonBytes) + " bytes");
  // The parser reports syntax errors (and invalid UTF-8) by exception; nothing else here throws
  // on bad input, since every value's type is checked before it is read. The catch-all is a
  // last guard so that bad input can never end the process.
  try {
    json root = json::parse(text);
    RuleSet rs;
    KETNOI_RETURN_IF_ERROR(ReadRuleSet(root, rs));
    return rs;
  } catch (const json::parse_error& e) {
    return Bad("$", "not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range&) {  // a number too large for a double ("1e400")
    return Bad("$", "not valid JSON (a number is out of range)");
  } catch (const std::exception&) {
    return Bad("$", "not a readable rule set");
  }
}

std::string ToJson(const RuleSet& rs) {
  ordered_json j;
  j["code"] = rs.code;
  j["version"] = rs.version;
  j["name"] = rs.name;
  j["legal_basis"] = rs.legal_basis;
  j["effective_from"] = rs.effective_from;
  j["effective_to"] = rs.effective_to;
  j["methods"] = rs.methods;
  j["council_min"] = rs.council_min;
  j["council_max"] = rs.council_max;
  j["seats"] = ordered_json::array();
  for (const auto& s : rs.seats)
    j["seats"].push_back({{"role", s.role}, {"min", s.min}, {"max", s.max}});
  j["identification_criteria"] = CriteriaJson(rs.identification_criteria);
  j["conflict_lookback_years"] = rs.conflict_lookback_years;
  j["conflict_relations"] = rs.conflict_relations;
  j["sheets"] = ordered_json::array();
  for (const auto& s : rs.sheets)
    j["sheets"].push_back({{"id", s.id},
                           {"title", s.title},
                           {"kinds", s.kinds},
                           {"criteria", CriteriaJson(s.criteria)}});
  j["pass_average"] = rs.pass_average;
  j["zero_max_num"] = rs.zero_max_num;
  j["zero_max_den"] = rs.zero_max_den;
  j["outlier_rule"] = rs.outlier_rule;
  j["outlier_points"] = rs.outlier_points;
  j["outlier_min_members"] = rs.outlier_min_members;
  j["tie_breaks"] = rs.tie_breaks;
  j["submission_days_min"] = rs.submission_days_min;
  j["opening_within_days"] = rs.opening_within_days;
  j["council_within_days"] = rs.council_within_days;
  j["unverified"] = rs.unverified;
  // Replace rather than throw on text that is not UTF-8 (a RuleSet built in code, not parsed).
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<RuleSet> ShippedRuleSets() {
  static const std::vector<RuleSet> kShipped = [] {
    std::vector<RuleSet> out;
    for (const auto& f : ShippedRuleSetFiles()) {
      auto r = ParseRuleSet(f.content);
      if (!r.ok()) {  // a shipped file that does not parse is a bug, caught by scoring_test
        std::fprintf(stderr, "ketnoi: src/selection/rulesets/%.*s: %s\n",
                     static_cast<int>(f.name.size()), f.name.data(), r.status().ToString().c_str());
        std::abort();
      }
      out.push_back(std::move(r).value());
    }
    return out;
  }();
  return kShipped;
}

}  // namespace ketnoi::selection
