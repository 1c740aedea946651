// Rule sets (parsing, the shipped files, round trips, errors that name the field) and scoring
// (averages, the outlier rule, the pass rule, z-scores, ranking with tie-breaks, the budget line).
// Every table row names the rule it checks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "core/messages.h"
#include "selection/rules.h"
#include "selection/scoring.h"

namespace ketnoi::selection {
namespace {

const RuleSet& Shipped(std::string_view code) {
  static const std::vector<RuleSet> kAll = ShippedRuleSets();
  for (const auto& r : kAll)
    if (r.code == code) return r;
  static const RuleSet kNone;
  ADD_FAILURE() << "no shipped rule set " << code;
  return kNone;
}

// "k=v k=v" for comparing a message's parameters (but `skip`).
std::string Params(const Message& m, const std::string& skip = "") {
  std::string out;
  for (const auto& [k, v] : m.params)
    if (k != skip) out += (out.empty() ? "" : " ") + k + "=" + v;
  return out;
}

// A valid sheet whose points add up to `total`: every criterion gets at least 1 point (so that
// no criterion is 0 unless asked), the rest is filled in sheet order; `zero` is scored 0.
MemberSheet SheetWithTotal(const ScoreSheet& sheet, int64_t member, int total,
                           const std::string& zero = "") {
  MemberSheet s;
  s.member_id = member;
  int left = total;
  for (const auto& c : sheet.criteria) {
    s.points[c.id] = c.id == zero ? 0 : 1;
    left -= s.points[c.id];
  }
  for (const auto& c : sheet.criteria) {
    if (c.id == zero) continue;
    int add = std::min(left, c.max_points - 1);
    s.points[c.id] += add;
    left -= add;
  }
  EXPECT_EQ(left, 0) << "total " << total << " cannot be made on " << sheet.id;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Rule sets

TEST(RuleSets, EveryShippedRuleSetParsesAndItsSheetsAddUpTo100) {
  struct Row {
    std::string code;
    std::string rule;
    std::vector<std::string> methods;
    std::vector<std::string> kinds_with_a_sheet;
  };
  const Row rows[] = {
      {"tt08-2017",
       "TT08/QĐ 05/2021: selection and direct assignment; sheets for đề tài, dự án SXTN",
       {"selection", "direct"},
       {"de_tai", "du_an_sxtn", "ho_tro_doanh_nghiep"}},
      {"tt20-2023",
       "TT20/2023 amends TT08: the same methods and kinds",
       {"selection", "direct"},
       {"de_tai", "du_an_sxtn", "ho_tro_doanh_nghiep"}},
      {"law93-2025",
       "Law 93/2025: tasks are formed by grant or order",
       {"grant", "order"},
       {"de_tai", "de_an", "du_an_sxtn", "du_an_khcn"}},
  };
  ASSERT_EQ(ShippedRuleSets().size(), std::size(rows)) << "a shipped file without a row here";
  for (const auto& row : rows) {
    SCOPED_TRACE(row.code + ": " + row.rule);
    const RuleSet& r = Shipped(row.code);
    EXPECT_EQ(r.Name(), row.code + "@v1");
    EXPECT_EQ(r.methods, row.methods);
    EXPECT_FALSE(r.sheets.empty());
    for (const auto& s : r.sheets) EXPECT_EQ(s.MaxTotal(), 100) << s.id;
    for (const auto& k : row.kinds_with_a_sheet) EXPECT_NE(r.SheetFor(k), nullptr) << k;
    // DOMAIN.md §2: 7–9 members; chair, secretary, two reviewers.
    EXPECT_EQ(r.council_min, 7);
    EXPECT_EQ(r.council_max, 9);
    int reviewers = 0;
    for (const auto& s : r.seats)
      if (s.role == "reviewer") reviewers = s.min;
    EXPECT_EQ(reviewers, 2);
    // Identification: urgency, novelty, non-duplication, feasibility, mobilised resources.
    std::set<std::string> ids;
    for (const auto& c : r.identification_criteria) ids.insert(c.id);
    EXPECT_EQ(ids, (std::set<std::string>{"urgency", "novelty", "non_duplication", "feasibility",
                                          "resources"}));
    EXPECT_EQ(r.pass_average, 70);
    EXPECT_EQ(r.zero_max_num * 3, r.zero_max_den);
    EXPECT_EQ(r.conflict_relations,
              (std::vector<std::string>{"spouse", "parent", "child", "sibling"}));
    EXPECT_FALSE(r.unverified.empty()) << "DOMAIN.md marks values (verify)";
  }
}

TEST(RuleSets, ShippedFilesAreNamedByTheirCode) {
  for (const auto& f : ShippedRuleSetFiles()) {
    SCOPED_TRACE(std::string(f.name));
    auto r = ParseRuleSet(f.content);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(std::string(f.name), r->code + ".json");
  }
}

TEST(RuleSets, SheetsCarryTheDomainExamples) {
  struct Row {
    std::string rule, code, sheet, criterion;
    int max_points;
  };
  const Row rows[] = {
      {"TT08: applied research topic, overview of the research situation max 12", "tt08-2017",
       "de_tai_ung_dung", "overview", 12},
      {"TT20: the same sheet", "tt20-2023", "de_tai_ung_dung", "overview", 12},
      {"enterprise support: urgency 15", "tt08-2017", "ho_tro_doanh_nghiep", "urgency", 15},
      {"enterprise support: feasibility 50", "tt08-2017", "ho_tro_doanh_nghiep", "feasibility", 50},
      {"enterprise support: effectiveness and replication 35", "tt08-2017", "ho_tro_doanh_nghiep",
       "effectiveness_replication", 35},
      {"Law 93: its own sheet weights innovation", "law93-2025", "doi_moi_sang_tao", "innovation",
       25},
      {"Law 93: and impact", "law93-2025", "nghien_cuu", "impact", 20},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.rule);
    const ScoreSheet* s = Shipped(row.code).FindSheet(row.sheet);
    ASSERT_NE(s, nullptr);
    auto c = std::find_if(s->criteria.begin(), s->criteria.end(),
                          [&](const Criterion& c) { return c.id == row.criterion; });
    ASSERT_NE(c, s->criteria.end());
    EXPECT_EQ(c->max_points, row.max_points);
    EXPECT_FALSE(c->label.empty());
    EXPECT_FALSE(c->guidance.empty());
  }
  // Law 93 has a score sheet of its own, not TT08's.
  EXPECT_NE(Shipped("law93-2025").SheetFor("de_tai")->id,
            Shipped("tt08-2017").SheetFor("de_tai")->id);
}

TEST(RuleSets, SheetForPrefersTheKindThenTheWildcard) {
  RuleSet r = Shipped("tt08-2017");
  r.sheets[2].kinds = {"*"};
  struct Row {
    std::string rule, kind, sheet;  // "" = none
  };
  const Row rows[] = {
      {"a sheet listing the kind", "de_tai", "de_tai_ung_dung"},
      {"the first sheet listing the kind", "du_an_sxtn", "du_an_sxtn"},
      {"otherwise the \"*\" sheet", "chuong_trinh", "ho_tro_doanh_nghiep"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.rule);
    const ScoreSheet* s = r.SheetFor(row.kind);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->id, row.sheet);
  }
  EXPECT_EQ(Shipped("tt08-2017").SheetFor("chuong_trinh"), nullptr) << "no sheet, no wildcard";
  EXPECT_EQ(r.FindSheet("nope"), nullptr);
}

TEST(RuleSets, ParseOfToJsonRoundTrips) {
  for (const auto& r : ShippedRuleSets()) {
    SCOPED_TRACE(r.Name());
    std::string json = ToJson(r);
    auto back = ParseRuleSet(json);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(ToJson(*back), json);
    EXPECT_EQ(back->Name(), r.Name());
    EXPECT_EQ(back->legal_basis, r.legal_basis);
    EXPECT_EQ(back->sheets.size(), r.sheets.size());
    EXPECT_EQ(back->sheets[0].criteria[0].label, r.sheets[0].criteria[0].label);
    EXPECT_EQ(back->tie_breaks, r.tie_breaks);
    EXPECT_EQ(back->unverified, r.unverified);
    EXPECT_EQ(back->outlier_points, r.outlier_points);
  }
}

TEST(RuleSets, OptionalKeysMayBeLeftOut) {
  const std::string minimal = R"({
    "code": "thu-nghiem", "version": 2, "name": "Bộ quy tắc thử", "legal_basis": "Không",
    "effective_from": "2026-01-01", "methods": ["order"],
    "council_min": 5, "council_max": 5,
    "seats": [{"role": "chair", "min": 1, "max": 1}, {"role": "member", "min": 4, "max": 4}],
    "conflict_lookback_years": 3, "conflict_relations": [],
    "sheets": [{"id": "chung", "title": "Phiếu chung", "kinds": ["*"],
                "criteria": [{"id": "a", "label": "A", "max_points": 60},
                             {"id": "b", "label": "B", "max_points": 40}]}],
    "pass_average": 65.5, "zero_max_num": 1, "zero_max_den": 2,
    "outlier_rule": false, "outlier_points": 15, "outlier_min_members": 5,
    "tie_breaks": [], "submission_days_min": 20, "opening_within_days": 3,
    "council_within_days": 10})";
  auto r = ParseRuleSet(minimal);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->Name(), "thu-nghiem@v2");
  EXPECT_EQ(r->effective_to, "");
  EXPECT_TRUE(r->identification_criteria.empty());
  EXPECT_TRUE(r->unverified.empty());
  EXPECT_EQ(r->sheets[0].criteria[1].guidance, "");
  EXPECT_EQ(r->pass_average, 65.5);
}

// Erases the line of `key` from a canonical ToJson text.
std::string WithoutKey(std::string json, const std::string& key) {
  size_t at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return json;
  size_t start = json.rfind('\n', at) + 1, end = json.find('\n', at) + 1;
  return json.erase(start, end - start);
}
std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

TEST(RuleSets, BadRuleSetsAreInvalidAndNameTheField) {
  const RuleSet& good = Shipped("tt08-2017");
  const std::string json = ToJson(good);
  // A rule set changed in memory, then written and read back (ToJson does not validate).
  auto edited = [&](auto change) {
    RuleSet r = good;
    change(r);
    return ToJson(r);
  };
  struct Row {
    std::string name, rule, json, field;
  };
  const Row rows[] = {
      {"not JSON", "a rule set is JSON", "{\"code\": ", "$"},
      {"not an object", "a rule set is a JSON object", "[1, 2]", "$"},
      {"missing pass_average", "every required key", WithoutKey(json, "pass_average"),
       "pass_average"},
      {"missing sheets", "every required key", Replace(json, "\"sheets\":", "\"sheetz\":"),
       "sheets"},
      {"missing code", "every required key", WithoutKey(json, "code"), "code"},
      {"version as text", "keys have their type",
       Replace(json, "\"version\": 1", "\"version\": \"1\""), "version"},
      {"misspelt key", "no unknown keys (a typo must not fall back to a default)",
       Replace(json, "{", "{\"pass_averge\": 60, "), "pass_averge"},
      {"maxima add up to 101", "a sheet's maxima add up to 100",
       edited([](RuleSet& r) { r.sheets[0].criteria[0].max_points = 13; }), "sheets[0].criteria"},
      {"maxima add up to 99", "a sheet's maxima add up to 100",
       edited([](RuleSet& r) { r.sheets[1].criteria[6].max_points = 11; }), "sheets[1].criteria"},
      {"identification criteria add up to 90", "identification criteria are out of 100 too",
       edited([](RuleSet& r) { r.identification_criteria[0].max_points = 15; }),
       "identification_criteria"},
      {"criterion worth 0", "a criterion is worth 1..100 points",
       edited([](RuleSet& r) { r.sheets[2].criteria[0].max_points = 0; }),
       "sheets[2].criteria[0].max_points"},
      {"duplicate criterion id", "criterion ids are unique within a sheet",
       edited([](RuleSet& r) { r.sheets[0].criteria[1].id = "overview"; }),
       "sheets[0].criteria[1].id"},
      {"duplicate sheet id", "sheet ids are unique",
       edited([](RuleSet& r) { r.sheets[1].id = r.sheets[0].id; }), "sheets[1].id"},
      {"sheet without kinds", "a sheet lists the kinds it is for",
       edited([](RuleSet& r) { r.sheets[0].kinds.clear(); }), "sheets[0].kinds"},
      {"8 reviewers", "seats within council_min..council_max (required seats ≤ 9)",
       edited([](RuleSet& r) {
         for (auto& s : r.seats)
           if (s.role == "reviewer") s.min = s.max = 8;
       }),
       "seats"},
      {"seats for 5 at most", "seats within council_min..council_max (seats on offer ≥ 7)",
       edited([](RuleSet& r) {
         for (auto& s : r.seats)
           if (s.role == "member") s.min = s.max = 0;
       }),
       "seats"},
      {"a seat larger than the council", "a seat holds at most council_max",
       edited([](RuleSet& r) { r.seats[4].max = 10; }), "seats[4].max"},
      {"unknown role", "seats are chair, vice_chair, secretary, reviewer, member",
       edited([](RuleSet& r) { r.seats[1].role = "observer"; }), "seats[1].role"},
      {"council_max below council_min", "council_min ≤ council_max",
       edited([](RuleSet& r) { r.council_max = 6; }), "council_max"},
      {"pass_average 0", "0 < pass_average ≤ 100", edited([](RuleSet& r) { r.pass_average = 0; }),
       "pass_average"},
      {"pass_average 101", "0 < pass_average ≤ 100",
       edited([](RuleSet& r) { r.pass_average = 101; }), "pass_average"},
      {"zero fraction above 1", "0 < zero_max_num ≤ zero_max_den",
       edited([](RuleSet& r) { r.zero_max_num = 4; }), "zero_max_num"},
      {"zero fraction 0", "0 < zero_max_num", edited([](RuleSet& r) { r.zero_max_num = 0; }),
       "zero_max_num"},
      {"unknown method", "methods: selection, direct, grant, order",
       edited([](RuleSet& r) { r.methods = {"auction"}; }), "methods[0]"},
      {"unknown relation", "relations: spouse, parent, child, sibling",
       edited([](RuleSet& r) { r.conflict_relations.push_back("cousin"); }),
       "conflict_relations[4]"},
      {"tie-break on a missing criterion", "criterion:<id> names a criterion",
       edited([](RuleSet& r) {
         r.tie_breaks = {"fewer_outliers", "criterion:nope"};
       }),
       "tie_breaks[1]"},
      {"unknown tie-break", "tie-breaks: fewer_outliers, criterion:<id>, earlier_submission",
       edited([](RuleSet& r) { r.tie_breaks = {"coin_toss"}; }), "tie_breaks[0]"},
      {"date not ISO", "effective_from is YYYY-MM-DD",
       edited([](RuleSet& r) { r.effective_from = "01/03/2021"; }), "effective_from"},
      {"ends before it starts", "effective_to ≥ effective_from",
       edited([](RuleSet& r) { r.effective_to = "2020-01-01"; }), "effective_to"},
      {"unverified names no key", "unverified lists keys of the rule set",
       edited([](RuleSet& r) { r.unverified = {"pass_avg"}; }), "unverified[0]"},
      {"code with spaces", "a code is lowercase letters, digits and -",
       edited([](RuleSet& r) { r.code = "TT 08"; }), "code"},
      {"version 0", "versions start at 1", edited([](RuleSet& r) { r.version = 0; }), "version"},
      {"huge version", "numbers never wrap around",
       Replace(json, "\"version\": 1", "\"version\": 18446744073709551615"), "version"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name + " — " + row.rule);
    auto r = ParseRuleSet(row.json);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_EQ(r.status().message().id, "selection.bad_rule_set");
    EXPECT_EQ(r.status().message().Param("field"), row.field) << r.status().ToString();
    EXPECT_FALSE(r.status().message().Param("reason").empty());
  }
}

TEST(RuleSets, GarbageNeverCrashes) {
  const std::string json = ToJson(Shipped("law93-2025"));
  std::vector<std::string> inputs = {
      "",
      "null",
      "0",
      "\"tt08\"",
      "{}",
      "{\"code\": null}",
      "{\"sheets\": [1, 2, 3]}",
      "\xff\xfe{\x00}",
      "{\"code\": \"\xc3\x28\"}",  // invalid UTF-8 inside a string
      "{\"version\": 1e400}",
      "{\"version\": -9223372036854775809}",
      std::string(200000, '['),
      std::string(100000, '[') + std::string(100000, ']'),
      std::string(2 << 20, ' '),  // larger than any rule set
  };
  // Every 13th prefix of a valid rule set, and the valid text with a byte flipped here and there.
  for (size_t n = 0; n < json.size(); n += 13) inputs.push_back(json.substr(0, n));
  for (size_t i = 5; i < json.size(); i += 101) {
    std::string s = json;
    s[i] = static_cast<char>(s[i] ^ 0x5a);
    inputs.push_back(s);
  }
  int rejected = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    SCOPED_TRACE("input #" + std::to_string(i));
    auto r = ParseRuleSet(inputs[i]);
    if (r.ok()) continue;  // a flipped byte inside a label can still be a valid rule set
    ++rejected;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_FALSE(r.status().message().Param("field").empty());
  }
  EXPECT_GT(rejected, static_cast<int>(inputs.size()) * 3 / 4);
}

// ---------------------------------------------------------------------------------------------
// Scoring

TEST(Scoring, CheckSheet) {
  const ScoreSheet& sheet = *Shipped("tt08-2017").FindSheet("ho_tro_doanh_nghiep");
  struct Row {
    std::string name, rule;
    std::map<std::string, int> points;
    std::string error;   // "" = ok
    std::string params;  // of the error
  };
  const Row rows[] = {
      {"a full sheet",
       "0 ≤ points ≤ max on every criterion",
       {{"urgency", 12}, {"feasibility", 40}, {"effectiveness_replication", 30}},
       "",
       ""},
      {"zeros and maxima",
       "0 and the maximum are allowed",
       {{"urgency", 0}, {"feasibility", 50}, {"effectiveness_replication", 35}},
       "",
       ""},
      {"over the maximum",
       "points ≤ max",
       {{"urgency", 12}, {"feasibility", 51}, {"effectiveness_replication", 30}},
       "selection.bad_score",
       "criterion=feasibility label=Tính khả thi value=51 max=50"},
      {"negative",
       "points ≥ 0",
       {{"urgency", -1}, {"feasibility", 40}, {"effectiveness_replication", 30}},
       "selection.bad_score",
       "criterion=urgency label=Tính cấp thiết value=-1 max=15"},
      {"a criterion left blank",
       "every criterion is scored",
       {{"urgency", 12}, {"feasibility", 40}},
       "selection.missing_score",
       "criterion=effectiveness_replication label=Hiệu quả và khả năng nhân rộng max=35"},
      {"a criterion of another sheet",
       "no unknown criterion",
       {{"urgency", 12}, {"feasibility", 40}, {"effectiveness_replication", 30}, {"overview", 5}},
       "selection.unknown_criterion",
       "criterion=overview sheet=ho_tro_doanh_nghiep"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name + " — " + row.rule);
    MemberSheet s;
    s.member_id = 7;
    s.points = row.points;
    Status st = CheckSheet(sheet, s);
    if (row.error.empty()) {
      EXPECT_TRUE(st.ok()) << st.ToString();
      continue;
    }
    EXPECT_EQ(st.code(), StatusCode::kInvalid);
    EXPECT_EQ(st.message().id, row.error);
    EXPECT_EQ(Params(st.message()), row.params);
  }
}

TEST(Scoring, Evaluate) {
  const RuleSet& tt08 = Shipped("tt08-2017");
  const ScoreSheet& sheet = *tt08.FindSheet("de_tai_ung_dung");
  std::vector<int> ninety_nine_70s_and_69(99, 70);
  ninety_nine_70s_and_69.push_back(69);
  struct Row {
    std::string name, rule;
    std::vector<int> totals;  // one sheet per member present (member ids 1, 2, …)
    std::vector<int> zeroed;  // indexes of the members who score "budget" 0
    bool outlier_rule = true;
    // Expected.
    bool passed;
    double first_average, average;
    std::vector<int64_t> set_aside;
    int budget_zeros;
    std::string fail, fail_params;
  };
  const Row rows[] = {
      {"average exactly 70",
       "TT08 pass: average ≥ 70",
       {60, 65, 70, 70, 70, 75, 75, 80, 65},
       {},
       true,
       true,
       70,
       70,
       {},
       0,
       "",
       ""},
      {"average 69.89 (629/9)",
       "TT08 pass: average ≥ 70",
       {60, 65, 70, 70, 70, 75, 75, 80, 64},
       {},
       true,
       false,
       629.0 / 9,
       629.0 / 9,
       {},
       0,
       "selection.fail_average",
       "average=69.89 threshold=70.00"},
      {"average 69.99 (6999/100)",
       "TT08 pass: average ≥ 70 (no rounding up)",
       ninety_nine_70s_and_69,
       {},
       true,
       false,
       69.99,
       69.99,
       {},
       0,
       "selection.fail_average",
       "average=69.99 threshold=70.00"},
      {"3 of 9 zeros",
       "TT08 pass: a criterion scored 0 by at most 1/3 of those present",
       {80, 80, 80, 80, 80, 80, 80, 80, 80},
       {0, 1, 2},
       true,
       true,
       80,
       80,
       {},
       3,
       "",
       ""},
      {"4 of 9 zeros",
       "TT08 pass: a criterion scored 0 by more than 1/3 fails",
       {80, 80, 80, 80, 80, 80, 80, 80, 80},
       {0, 1, 2, 3},
       true,
       false,
       80,
       80,
       {},
       4,
       "selection.fail_zero",
       "criterion=budget zeros=4 present=9"},
      {"3 of 8 zeros (one member absent)",
       "TT08 pass: 1/3 of the members present — 3 of 8 is more than 1/3",
       {80, 80, 80, 80, 80, 80, 80, 80},
       {0, 1, 2},
       true,
       false,
       80,
       80,
       {},
       3,
       "selection.fail_zero",
       "criterion=budget zeros=3 present=8"},
      {"low outlier set aside",
       "outlier rule: > 20 from the first average is set aside",
       {80, 82, 78, 80, 81, 79, 80, 85, 40},
       {},
       true,
       true,
       685.0 / 9,
       645.0 / 8,
       {9},
       0,
       "",
       ""},
      {"high outlier set aside",
       "outlier rule: either side of the first average",
       {60, 62, 58, 61, 59, 100},
       {},
       true,
       false,
       400.0 / 6,
       60,
       {6},
       0,
       "selection.fail_average",
       "average=60.00 threshold=70.00"},
      {"exactly 20 away is kept",
       "outlier rule: strictly more than 20 deviates",
       {85, 85, 85, 85, 60},
       {},
       true,
       true,
       80,
       80,
       {},
       0,
       "",
       ""},
      {"20.8 away is set aside",
       "outlier rule: strictly more than 20 deviates",
       {85, 85, 85, 85, 59},
       {},
       true,
       true,
       79.8,
       85,
       {5},
       0,
       "",
       ""},
      {"4 members: no outlier rule",
       "outlier rule applies from outlier_min_members (5) scores",
       {85, 85, 85, 20},
       {},
       true,
       false,
       68.75,
       68.75,
       {},
       0,
       "selection.fail_average",
       "average=68.75 threshold=70.00"},
      {"outlier rule switched off",
       "outlier_rule = false keeps every total",
       {80, 82, 78, 80, 81, 79, 80, 85, 40},
       {},
       false,
       true,
       685.0 / 9,
       685.0 / 9,
       {},
       0,
       "",
       ""},
      {"every total deviates",
       "outlier rule: if every sheet would be set aside, none is",
       {100, 100, 100, 40, 40, 40},
       {},
       true,
       true,
       70,
       70,
       {},
       0,
       "",
       ""},
      {"a set-aside member's zero counts",
       "zeros are counted over every sheet present",
       {80, 80, 80, 80, 80, 80, 80, 80, 30},
       {0, 1, 2, 8},
       true,
       false,
       670.0 / 9,
       80,
       {9},
       4,
       "selection.fail_zero",
       "criterion=budget zeros=4 present=9"},
      {"both rules fail",
       "the average is reported first",
       {60, 60, 60, 60, 60, 60, 60, 60, 60},
       {0, 1, 2, 3, 4},
       true,
       false,
       60,
       60,
       {},
       5,
       "selection.fail_average",
       "average=60.00 threshold=70.00"},
      {"no sheet at all",
       "no score, no pass",
       {},
       {},
       true,
       false,
       0,
       0,
       {},
       0,
       "selection.fail_average",
       "average=0.00 threshold=70.00"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name + " — " + row.rule);
    RuleSet rules = tt08;
    rules.outlier_rule = row.outlier_rule;
    std::vector<MemberSheet> sheets;
    for (size_t i = 0; i < row.totals.size(); ++i) {
      bool zero = std::count(row.zeroed.begin(), row.zeroed.end(), static_cast<int>(i)) > 0;
      sheets.push_back(
          SheetWithTotal(sheet, static_cast<int64_t>(i) + 1, row.totals[i], zero ? "budget" : ""));
      ASSERT_TRUE(CheckSheet(sheet, sheets.back()).ok());
    }
    DossierScore d = Evaluate(rules, sheet, 42, sheets);
    EXPECT_EQ(d.dossier_id, 42);
    EXPECT_EQ(d.present, static_cast<int>(row.totals.size()));
    EXPECT_NEAR(d.first_average, row.first_average, 1e-9);
    EXPECT_NEAR(d.average, row.average, 1e-9);
    EXPECT_EQ(d.set_aside, row.set_aside);
    EXPECT_EQ(d.zeros["budget"], row.budget_zeros);
    EXPECT_EQ(d.zeros.size(), sheet.criteria.size());
    EXPECT_EQ(d.criterion_average.size(), sheet.criteria.size());
    EXPECT_EQ(d.passed, row.passed);
    EXPECT_EQ(d.fail.id, row.fail);
    // The label is the sheet's, shown beside the id in the minutes.
    EXPECT_EQ(Params(d.fail, "label"), row.fail_params);
    if (!d.fail.Param("criterion").empty()) {
      EXPECT_EQ(d.fail.Param("label"), sheet.criteria.back().label);  // "budget" is the last
    }
  }
}

TEST(Scoring, CriterionAveragesUseTheSheetsKept) {
  const RuleSet& tt08 = Shipped("tt08-2017");
  const ScoreSheet& sheet = *tt08.FindSheet("ho_tro_doanh_nghiep");
  std::vector<MemberSheet> sheets;
  for (int i = 1; i <= 5; ++i)
    sheets.push_back(
        {i, {{"urgency", 10}, {"feasibility", 40}, {"effectiveness_replication", 30}}});
  sheets.push_back({6, {{"urgency", 0}, {"feasibility", 5}, {"effectiveness_replication", 5}}});
  DossierScore d = Evaluate(tt08, sheet, 1, sheets);
  EXPECT_EQ(d.set_aside, std::vector<int64_t>{6});
  EXPECT_DOUBLE_EQ(d.criterion_average["urgency"], 10);
  EXPECT_DOUBLE_EQ(d.criterion_average["feasibility"], 40);
  EXPECT_EQ(d.zeros["urgency"], 1);
  EXPECT_TRUE(d.passed);
}

TEST(Scoring, MemberZScores) {
  auto sheet = [](int64_t member, int total) { return MemberSheet{member, {{"x", total}}}; };
  struct Expect {
    int64_t member, dossier;
    double z;
  };
  struct Row {
    std::string name, rule;
    std::map<int64_t, std::vector<MemberSheet>> sheets_by_dossier;
    std::vector<Expect> expected;
  };
  const double k = std::sqrt(1.5);  // (90 − 80) / sqrt(200/3)
  const Row rows[] = {
      {"a spread of totals",
       "z = (x − member's mean) / population sd",
       {{1, {sheet(7, 70)}}, {2, {sheet(7, 80)}}, {3, {sheet(7, 90)}}},
       {{7, 1, -k}, {7, 2, 0}, {7, 3, k}}},
      {"same total everywhere",
       "sd = 0 → z = 0",
       {{1, {sheet(7, 75)}}, {2, {sheet(7, 75)}}},
       {{7, 1, 0}, {7, 2, 0}}},
      {"a single dossier", "sd = 0 → z = 0", {{1, {sheet(7, 88)}}}, {{7, 1, 0}}},
      {"each member against their own scores",
       "a harsh and a lenient member rank alike",
       {{1, {sheet(7, 60), sheet(8, 90)}}, {2, {sheet(7, 50), sheet(8, 80)}}},
       {{7, 1, 1}, {7, 2, -1}, {8, 1, 1}, {8, 2, -1}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name + " — " + row.rule);
    auto z = MemberZScores(row.sheets_by_dossier);
    EXPECT_EQ(z.size(), row.expected.size());
    for (const auto& e : row.expected) {
      auto it = z.find({e.member, e.dossier});
      ASSERT_NE(it, z.end()) << e.member << "/" << e.dossier;
      EXPECT_NEAR(it->second, e.z, 1e-9) << e.member << "/" << e.dossier;
    }
  }
}

TEST(Scoring, RankAndCut) {
  struct In {
    int64_t id;
    std::string topic;
    double average;
    bool passed;
    int outliers;
    double method;  // average on criterion "content_method"
    std::string submitted_at;
    int64_t requested;
  };
  struct Out {
    int64_t id;
    std::string outcome;
    int rank;
    std::string tie_break;
  };
  struct Row {
    std::string name, rule;
    std::vector<std::string> tie_breaks;  // empty: the rule set's
    std::vector<In> inputs;
    int64_t budget_line;
    std::vector<Out> expected;  // in output order
  };
  const std::string t1 = "2026-03-01T08:00:00Z", t2 = "2026-03-02T08:00:00Z";
  const Row rows[] = {
      {"higher average first",
       "TT08: the passing dossier with the highest average wins",
       {},
       {{1, "A", 80, true, 0, 18, t1, 100}, {2, "A", 85, true, 0, 18, t1, 100}},
       0,
       {{2, "selected", 1, ""}, {1, "reserve", 2, ""}}},
      {"tie: fewer outliers",
       "tie-break 1: fewer_outliers",
       {},
       {{1, "A", 80, true, 1, 20, t1, 100}, {2, "A", 80, true, 0, 18, t2, 100}},
       0,
       {{2, "selected", 1, "fewer_outliers"}, {1, "reserve", 2, ""}}},
      {"tie: criterion",
       "tie-break 2: criterion:content_method (higher average)",
       {},
       {{1, "A", 80, true, 0, 18, t1, 100}, {2, "A", 80, true, 0, 20, t2, 100}},
       0,
       {{2, "selected", 1, "criterion:content_method"}, {1, "reserve", 2, ""}}},
      {"tie: earlier submission",
       "tie-break 3: earlier_submission",
       {},
       {{1, "A", 80, true, 0, 18, t2, 100}, {2, "A", 80, true, 0, 18, t1, 100}},
       0,
       {{2, "selected", 1, "earlier_submission"}, {1, "reserve", 2, ""}}},
      {"tie-breaks apply in order",
       "fewer_outliers before criterion:content_method",
       {},
       {{1, "A", 80, true, 0, 10, t2, 100}, {2, "A", 80, true, 1, 20, t1, 100}},
       0,
       {{1, "selected", 1, "fewer_outliers"}, {2, "reserve", 2, ""}}},
      {"tie-breaks apply in the rule set's order",
       "criterion:content_method first if listed first",
       {"criterion:content_method", "fewer_outliers"},
       {{1, "A", 80, true, 0, 10, t2, 100}, {2, "A", 80, true, 1, 20, t1, 100}},
       0,
       {{2, "selected", 1, "criterion:content_method"}, {1, "reserve", 2, ""}}},
      {"nothing breaks the tie",
       "unresolved ties are flagged for the council (lower id first)",
       {},
       {{5, "A", 80, true, 0, 18, t1, 100}, {3, "A", 80, true, 0, 18, t1, 100}},
       0,
       {{3, "selected", 1, "unresolved"}, {5, "reserve", 2, ""}}},
      {"failing after passing",
       "TT08: only passing dossiers win; failing ones rank after",
       {},
       {{1, "A", 90, false, 0, 0, t1, 100},
        {2, "A", 72, true, 0, 18, t1, 100},
        {3, "A", 60, false, 0, 18, t1, 100}},
       0,
       {{2, "selected", 1, ""}, {1, "not_passed", 2, ""}, {3, "not_passed", 3, ""}}},
      {"no passing dossier",
       "a topic with no passing dossier selects nothing",
       {},
       {{1, "A", 65, false, 0, 18, t1, 100}, {2, "A", 50, false, 0, 18, t1, 100}},
       1000,
       {{1, "not_passed", 1, ""}, {2, "not_passed", 2, ""}}},
      {"budget line with a reserve list",
       "cut at the budget line: topics by best average; the cut winner heads the reserve list",
       {},
       {{1, "A", 90, true, 0, 18, t1, 500},
        {2, "B", 85, true, 0, 18, t1, 400},
        {3, "C", 80, true, 0, 18, t1, 300},
        {4, "A", 75, true, 0, 18, t1, 200},
        {5, "C", 50, false, 0, 18, t1, 300}},
       1000,
       {{1, "selected", 1, ""},
        {2, "selected", 1, ""},
        {3, "reserve", 1, ""},
        {4, "reserve", 2, ""},
        {5, "not_passed", 2, ""}}},
      {"the line is a cut, not a packing",
       "after the first topic that does not fit, the rest are reserve even if cheaper",
       {},
       {{1, "A", 90, true, 0, 18, t1, 600},
        {2, "B", 85, true, 0, 18, t1, 600},
        {3, "C", 80, true, 0, 18, t1, 100}},
       1000,
       {{1, "selected", 1, ""}, {2, "reserve", 1, ""}, {3, "reserve", 1, ""}}},
      {"exactly at the line",
       "the running total may equal the budget line",
       {},
       {{1, "A", 90, true, 0, 18, t1, 600}, {2, "B", 85, true, 0, 18, t1, 400}},
       1000,
       {{1, "selected", 1, ""}, {2, "selected", 1, ""}}},
      {"no budget line",
       "budget line 0: every topic's winner is selected",
       {},
       {{1, "A", 90, true, 0, 18, t1, 600},
        {2, "B", 85, true, 0, 18, t1, 900},
        {3, "B", 84, true, 0, 18, t1, 100}},
       0,
       {{1, "selected", 1, ""}, {2, "selected", 1, ""}, {3, "reserve", 2, ""}}},
      {"topics visited by best average",
       "the better topic is funded first",
       {},
       {{1, "A", 75, true, 0, 18, t1, 800}, {2, "B", 88, true, 0, 18, t1, 800}},
       1000,
       {{2, "selected", 1, ""}, {1, "reserve", 1, ""}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name + " — " + row.rule);
    RuleSet rules = Shipped("tt08-2017");
    if (!row.tie_breaks.empty()) rules.tie_breaks = row.tie_breaks;
    std::vector<RankInput> inputs;
    for (const auto& in : row.inputs) {
      RankInput r;
      r.score.dossier_id = in.id;
      r.score.average = in.average;
      r.score.passed = in.passed;
      r.score.set_aside.assign(static_cast<size_t>(in.outliers), 99);
      r.score.criterion_average["content_method"] = in.method;
      r.topic = in.topic;
      r.submitted_at = in.submitted_at;
      r.requested_dong = in.requested;
      inputs.push_back(r);
    }
    std::vector<Out> got;
    for (const auto& r : RankAndCut(rules, inputs, row.budget_line))
      got.push_back({r.dossier_id, r.outcome, r.rank, r.tie_break});
    ASSERT_EQ(got.size(), row.expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
      SCOPED_TRACE("position " + std::to_string(i));
      EXPECT_EQ(got[i].id, row.expected[i].id);
      EXPECT_EQ(got[i].outcome, row.expected[i].outcome);
      EXPECT_EQ(got[i].rank, row.expected[i].rank);
      EXPECT_EQ(got[i].tie_break, row.expected[i].tie_break);
    }
  }
}

TEST(Scoring, MessagesRenderInBothLanguages) {
  const RuleSet& tt08 = Shipped("tt08-2017");
  const ScoreSheet& sheet = *tt08.FindSheet("ho_tro_doanh_nghiep");
  std::vector<MemberSheet> zeros;
  for (int i = 1; i <= 3; ++i)
    zeros.push_back({i, {{"urgency", 0}, {"feasibility", 50}, {"effectiveness_replication", 35}}});
  struct Row {
    std::string rule;
    Message message;
    std::string vi_contains;
  };
  const Row rows[] = {
      {"bad rule set names the field", ParseRuleSet("{}").status().message(), "\"code\""},
      {"bad score names the criterion",
       CheckSheet(sheet,
                  {1, {{"urgency", 16}, {"feasibility", 1}, {"effectiveness_replication", 1}}})
           .message(),
       "Tính cấp thiết"},
      {"missing score", CheckSheet(sheet, {1, {}}).message(), "Chưa chấm"},
      {"unknown criterion",
       CheckSheet(
           sheet,
           {1, {{"urgency", 1}, {"feasibility", 1}, {"effectiveness_replication", 1}, {"x", 1}}})
           .message(),
       "\"x\""},
      {"fail average", Evaluate(tt08, sheet, 1, {}).fail, "70.00"},
      {"fail zero", Evaluate(tt08, sheet, 1, zeros).fail, "3 trong 3"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.rule + " (" + row.message.id + ")");
    ASSERT_FALSE(row.message.id.empty());
    EXPECT_TRUE(HasMessage(row.message.id));
    std::string vi = Render(row.message, "vi"), en = Render(row.message, "en");
    EXPECT_NE(vi.find(row.vi_contains), std::string::npos) << vi;
    EXPECT_NE(vi, en);
    EXPECT_EQ(vi.find('{'), std::string::npos) << "every placeholder filled: " << vi;
  }
}

}  // namespace
}  // namespace ketnoi::selection
