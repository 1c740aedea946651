// Tests for core/: Money, Date, Clock, Status/Result and Config. Every test is a table: one
// struct per row, a loop, and the failing row's input in the failure message.
#include "core/clock.h"
#include "core/config.h"
#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace ketnoi {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::system_clock;

std::string Show(const std::optional<Money>& m) {
  return m ? std::to_string(m->dong) + " đ" : "nullopt";
}

// ---------------------------------------------------------------------------------------------
// Money.

TEST(Money, FormatVnd) {
  struct Row {
    int64_t dong;
    std::string text;
  };
  const Row rows[] = {
      {1250000000, "1.250.000.000 đ"},
      {0, "0 đ"},
      {1, "1 đ"},
      {999, "999 đ"},
      {1000, "1.000 đ"},
      {100000, "100.000 đ"},
      {-1500000, "-1.500.000 đ"},
      {-999, "-999 đ"},
      {std::numeric_limits<int64_t>::max(), "9.223.372.036.854.775.807 đ"},
      {std::numeric_limits<int64_t>::min(), "-9.223.372.036.854.775.808 đ"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("dong: " + std::to_string(row.dong));
    EXPECT_EQ(FormatVnd(Money{row.dong}), row.text);
  }
}

TEST(Money, ParseVndAccepts) {
  struct Row {
    std::string text;
    int64_t dong;
  };
  const Row rows[] = {
      {"1250000000", 1250000000},
      {"1.250.000.000", 1250000000},
      {"1.250.000.000 đ", 1250000000},
      {"1,250,000,000 VND", 1250000000},
      {"0", 0},
      {"999", 999},
      {"1.000", 1000},
      {"  1.000 đồng ", 1000},
      {"9.223.372.036.854.775.807", std::numeric_limits<int64_t>::max()},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("text: \"" + row.text + "\"");
    std::optional<Money> m = ParseVnd(row.text);
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->dong, row.dong);
  }
}

TEST(Money, ParseVndRejects) {
  const std::string rows[] = {
      "1.25.000",              // a group of two digits
      "abc",                   //
      "",                      //
      "   ",                   //
      "đ",                     // a unit without an amount
      "12.5",                  // decimals: đồng has no minor unit
      "1234.567",              // grouping starts after more than 3 digits
      "1.250,000",             // mixed separators
      "1.0000",                // a group of four digits
      "99999999999999999999",  // overflows int64
      "9.223.372.036.854.775.808",
  };
  for (const auto& text : rows) {
    SCOPED_TRACE("text: \"" + text + "\"");
    std::optional<Money> m = ParseVnd(text);
    EXPECT_FALSE(m.has_value()) << "parsed as " << Show(m);
  }
}

TEST(Money, FormatThenParseRoundTrips) {
  const int64_t rows[] = {0, 7, 999, 1000, 12345, 1250000000, 999999999999};
  for (int64_t dong : rows) {
    std::string text = FormatVnd(Money{dong});
    SCOPED_TRACE("dong: " + std::to_string(dong) + " text: " + text);
    std::optional<Money> back = ParseVnd(text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, Money{dong});
  }
}

TEST(Money, ParseMillionVnd) {
  struct Row {
    std::string text;
    std::optional<int64_t> dong;
  };
  const Row rows[] = {
      {"1250", 1'250'000'000},
      {"1.250,5", 1'250'500'000},
      {"1250.5", 1'250'500'000},
      {"0,5", 500'000},
      {"2.5", 2'500'000},
      {"0,000001", 1},                    // six decimals: exactly one đồng
      {"1.250", 1'250'000'000},           // a single dot before exactly three digits is grouping
      {"1234567.1234567", std::nullopt},  // seven decimals
      {"0,0000001", std::nullopt},
      {"x", std::nullopt},
      {"", std::nullopt},
      {"1,5x", std::nullopt},
      {"99999999999999", std::nullopt},  // overflows int64 once multiplied by 1,000,000
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("text: \"" + row.text + "\"");
    std::optional<Money> m = ParseMillionVnd(row.text);
    if (row.dong) {
      ASSERT_TRUE(m.has_value());
      EXPECT_EQ(m->dong, *row.dong);
    } else {
      EXPECT_FALSE(m.has_value()) << "parsed as " << Show(m);
    }
  }
}

TEST(Money, ConstructorsAndArithmetic) {
  struct Row {
    const char* what;
    Money got;
    int64_t dong;
  };
  const Row rows[] = {
      {"Million(3)", Money::Million(3), 3'000'000},
      {"Million(0)", Money::Million(0), 0},
      {"Dong(42)", Money::Dong(42), 42},
      {"Million(1) + Dong(5)", Money::Million(1) + Money::Dong(5), 1'000'005},
      {"Million(1) - Million(2)", Money::Million(1) - Money::Million(2), -1'000'000},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(row.got.dong, row.dong);
  }
  EXPECT_LT(Money::Dong(999'999), Money::Million(1));
}

// ---------------------------------------------------------------------------------------------
// Date.

TEST(Date, ParseAccepts) {
  struct Row {
    std::string text;
    Date date;
    std::string iso, vn;
  };
  const Row rows[] = {
      {"2024-03-01", {2024, 3, 1}, "2024-03-01", "01/03/2024"},
      {"01/03/2024", {2024, 3, 1}, "2024-03-01", "01/03/2024"},
      {"1/3/2024", {2024, 3, 1}, "2024-03-01", "01/03/2024"},
      {"29/02/2024", {2024, 2, 29}, "2024-02-29", "29/02/2024"},
      {"2000-02-29", {2000, 2, 29}, "2000-02-29", "29/02/2000"},
      {"31/12/1999", {1999, 12, 31}, "1999-12-31", "31/12/1999"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("text: \"" + row.text + "\"");
    std::optional<Date> d = ParseDate(row.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, row.date);
    EXPECT_EQ(d->Iso(), row.iso);
    EXPECT_EQ(d->Vn(), row.vn);
    EXPECT_TRUE(d->valid());
  }
}

TEST(Date, ParseRejects) {
  const std::string rows[] = {
      "2023-02-29",  // not a leap year
      "1900-02-29",  // century, not a leap year
      "31/04/2024",  // April has 30 days
      "2024-13-01",  // month 13
      "2024-00-10",  //
      "00/01/2024",  //
      "abc",         //
      "",            //
      "2024-3-1",    // ISO needs two-digit month and day
      "01/03/24",    // two-digit year
      "01-03-2024",  //
      "2024/03/01",  //
  };
  for (const auto& text : rows) {
    SCOPED_TRACE("text: \"" + text + "\"");
    std::optional<Date> d = ParseDate(text);
    EXPECT_FALSE(d.has_value()) << "parsed as " << d->Iso();
  }
}

TEST(Date, DaysSinceEpoch) {
  struct Row {
    Date date;
    int64_t days;
  };
  const Row rows[] = {
      {{1970, 1, 1}, 0},      {{1970, 1, 2}, 1},       {{1969, 12, 31}, -1},
      {{2000, 3, 1}, 11017},  {{2024, 2, 29}, 19782},  {{2024, 3, 1}, 19783},
      {{1900, 1, 1}, -25567}, {{2200, 12, 31}, 84370},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("date: " + row.date.Iso());
    EXPECT_EQ(row.date.DaysSinceEpoch(), row.days);
    EXPECT_EQ(Date::FromDaysSinceEpoch(row.days), row.date);
  }
}

TEST(Date, FromDaysSinceEpochRoundTripsAgainstStdChrono) {
  // Every day from 1900-01-01 to 2200-12-31, checked against <chrono>'s calendar.
  for (int64_t n = -25567; n <= 84370; ++n) {
    Date d = Date::FromDaysSinceEpoch(n);
    std::chrono::year_month_day ymd{sys_days{std::chrono::days{n}}};
    Date want{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
    ASSERT_EQ(d, want) << "days: " << n << " got " << d.Iso() << " want " << want.Iso();
    ASSERT_TRUE(d.valid()) << "days: " << n << " " << d.Iso();
    ASSERT_EQ(d.DaysSinceEpoch(), n) << "date: " << d.Iso();
    ASSERT_EQ(ParseDate(d.Iso()), d) << "iso: " << d.Iso();
    ASSERT_EQ(ParseDate(d.Vn()), d) << "vn: " << d.Vn();
  }
}

TEST(Date, FormatTimestamp) {
  struct Row {
    int64_t secs;
    std::string text;
  };
  const Row rows[] = {
      {0, "1970-01-01T00:00:00Z"},
      {86400 + 3661, "1970-01-02T01:01:01Z"},
      {-1, "1969-12-31T23:59:59Z"},
      {19783LL * 86400 + 8 * 3600 + 30 * 60, "2024-03-01T08:30:00Z"},
      {19783LL * 86400 - 1, "2024-02-29T23:59:59Z"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("seconds since epoch: " + std::to_string(row.secs));
    EXPECT_EQ(FormatTimestamp(system_clock::time_point{seconds{row.secs}}), row.text);
  }
}

// ---------------------------------------------------------------------------------------------
// Clock.

system_clock::time_point Utc(std::chrono::year_month_day ymd, int h, int m = 0, int s = 0) {
  return sys_days{ymd} + hours{h} + std::chrono::minutes{m} + seconds{s};
}

TEST(Clock, TodayIsVietnamTime) {
  using namespace std::chrono_literals;
  struct Row {
    system_clock::time_point utc;
    Date today;
  };
  const Row rows[] = {
      {Utc(2024y / 3 / 1, 18), {2024, 3, 2}},          // 01:00 next day in Hà Nội
      {Utc(2024y / 3 / 1, 16, 59, 59), {2024, 3, 1}},  // 23:59:59 in Hà Nội
      {Utc(2024y / 3 / 1, 17), {2024, 3, 2}},          // midnight in Hà Nội
      {Utc(2024y / 3 / 1, 0), {2024, 3, 1}},
      {Utc(2024y / 2 / 28, 23), {2024, 2, 29}},
      {Utc(2023y / 12 / 31, 17), {2024, 1, 1}},
      {Utc(1970y / 1 / 1, 0), {1970, 1, 1}},
      {Utc(1969y / 12 / 31, 16, 59, 59), {1969, 12, 31}},
      {Utc(1969y / 12 / 31, 17), {1970, 1, 1}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("utc: " + FormatTimestamp(row.utc));
    FakeClock clock(row.utc);
    EXPECT_EQ(clock.Today(), row.today) << "got " << clock.Today().Iso();
  }
}

TEST(Clock, FakeClockMoves) {
  using namespace std::chrono_literals;
  FakeClock clock(Utc(2024y / 3 / 1, 18));
  struct Step {
    const char* what;
    std::function<void()> act;
    std::string now_text;
    Date today;
  };
  const Step steps[] = {
      {"start", [] {}, "2024-03-01T18:00:00Z", {2024, 3, 2}},
      {"Advance(24h)", [&] { clock.Advance(hours{24}); }, "2024-03-02T18:00:00Z", {2024, 3, 3}},
      {"Advance(90s)", [&] { clock.Advance(seconds{90}); }, "2024-03-02T18:01:30Z", {2024, 3, 3}},
      {"Advance(-2h)", [&] { clock.Advance(-hours{2}); }, "2024-03-02T16:01:30Z", {2024, 3, 2}},
      {"Set(2025-01-01T00:00Z)",
       [&] { clock.Set(Utc(2025y / 1 / 1, 0)); },
       "2025-01-01T00:00:00Z",
       {2025, 1, 1}},
  };
  for (const auto& step : steps) {
    SCOPED_TRACE(step.what);
    step.act();
    EXPECT_EQ(clock.NowText(), step.now_text);
    EXPECT_EQ(clock.Today(), step.today) << "got " << clock.Today().Iso();
  }
}

// ---------------------------------------------------------------------------------------------
// Status / Result.

TEST(Status, ResultCarriesMessage) {
  Result<int> r = Status::Invalid({"x.y", {{"row", "3"}}});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
  EXPECT_EQ(r.status().message().id, "x.y");
  EXPECT_EQ(r.status().ToString(), "x.y{row=3}");
  struct Row {
    std::string name, value;
  };
  const Row rows[] = {{"row", "3"}, {"missing", ""}, {"", ""}};
  for (const auto& row : rows) {
    SCOPED_TRACE("param: \"" + row.name + "\"");
    EXPECT_EQ(r.status().message().Param(row.name), row.value);
  }

  Result<int> good = 5;
  EXPECT_TRUE(good.ok());
  EXPECT_TRUE(good.status().ok());
  EXPECT_EQ(*good, 5);
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

TEST(Status, Constructors) {
  struct Row {
    const char* what;
    Status status;
    StatusCode code;
  };
  const Row rows[] = {
      {"Ok", Status::Ok(), StatusCode::kOk},
      {"Invalid", Status::Invalid({"a"}), StatusCode::kInvalid},
      {"NotFound", Status::NotFound({"a"}), StatusCode::kNotFound},
      {"Conflict", Status::Conflict({"a"}), StatusCode::kConflict},
      {"Unavailable", Status::Unavailable({"a"}), StatusCode::kUnavailable},
      {"Io", Status::Io({"a"}), StatusCode::kIo},
      {"Internal", Status::Internal({"a"}), StatusCode::kInternal},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(row.status.code(), row.code);
    EXPECT_EQ(row.status.ok(), row.code == StatusCode::kOk);
  }
}

// Helpers exercising the macros.
Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::Invalid({"num.not_positive", {{"value", std::to_string(v)}}});
  return v;
}
Status CheckSmall(int v) {
  if (v > 100) return Status::Conflict({"num.too_big", {{"value", std::to_string(v)}}});
  return Status::Ok();
}
// Result-returning function using both macros.
Result<int> DoubledSmallPositive(int v) {
  KETNOI_ASSIGN_OR_RETURN(int x, ParsePositive(v));
  KETNOI_RETURN_IF_ERROR(CheckSmall(x));
  return x * 2;
}
// Status-returning function using both macros.
Status ValidateSmallPositive(int v, int* out) {
  KETNOI_ASSIGN_OR_RETURN(auto x, ParsePositive(v));
  KETNOI_RETURN_IF_ERROR(CheckSmall(x));
  *out = x;
  return Status::Ok();
}

TEST(Status, MacrosPropagate) {
  struct Row {
    int input;
    StatusCode code;
    std::string id;  // "" when ok
    int value;       // when ok
  };
  const Row rows[] = {
      {5, StatusCode::kOk, "", 10},
      {100, StatusCode::kOk, "", 200},
      {0, StatusCode::kInvalid, "num.not_positive", 0},
      {-3, StatusCode::kInvalid, "num.not_positive", 0},
      {101, StatusCode::kConflict, "num.too_big", 0},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: " + std::to_string(row.input));
    Result<int> r = DoubledSmallPositive(row.input);
    EXPECT_EQ(r.status().code(), row.code) << r.status().ToString();
    EXPECT_EQ(r.status().message().id, row.id);
    if (r.ok()) {
      EXPECT_EQ(r.value(), row.value);
    } else {
      EXPECT_EQ(r.status().message().Param("value"), std::to_string(row.input));
    }

    int out = -1;
    Status s = ValidateSmallPositive(row.input, &out);
    EXPECT_EQ(s.code(), row.code) << s.ToString();
    EXPECT_EQ(s.message().id, row.id);
    EXPECT_EQ(out, s.ok() ? row.value / 2 : -1);  // untouched on error
  }
}

// ---------------------------------------------------------------------------------------------
// Config.

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("ketnoi_core_test_" + std::to_string(rd()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Writes (or, for nullopt, removes) <dir>/ketnoi.toml.
  void WriteToml(const std::optional<std::string>& text) {
    auto file = dir_ / "ketnoi.toml";
    std::filesystem::remove(file);
    if (!text) return;
    std::ofstream out(file, std::ios::binary);
    out << *text;
  }

  // Sources reading only the given environment, never the real one.
  ConfigSources Sources(std::map<std::string, std::string> env,
                        std::map<std::string, std::string> flags) const {
    ConfigSources s;
    s.data_dir = dir_;
    s.flags = std::move(flags);
    s.getenv = [env = std::move(env)](const char* name) -> std::optional<std::string> {
      auto it = env.find(name);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    return s;
  }

  std::filesystem::path dir_;
};

const char kToml[] = "lang = \"en\"\n[server]\nport = 9090\n";

std::string Describe(const std::optional<std::string>& toml,
                     const std::map<std::string, std::string>& env,
                     const std::map<std::string, std::string>& flags) {
  std::string out = "toml: " + (toml ? "\"" + *toml + "\"" : std::string("(none)")) + " env:";
  for (const auto& [k, v] : env) out += " " + k + "=" + v;
  out += " flags:";
  for (const auto& [k, v] : flags) out += " " + k + "=" + v;
  return out;
}

TEST_F(ConfigTest, FlagsBeatEnvBeatFile) {
  struct Row {
    std::optional<std::string> toml;
    std::map<std::string, std::string> env, flags;
    int port;
    std::string lang;
  };
  const Row rows[] = {
      {kToml, {}, {}, 9090, "en"},
      {kToml, {{"KETNOI_SERVER_PORT", "7070"}}, {}, 7070, "en"},
      {kToml, {{"KETNOI_SERVER_PORT", "7070"}}, {{"server.port", "6060"}}, 6060, "en"},
      {kToml, {}, {{"server.port", "6060"}}, 6060, "en"},
      {kToml, {{"KETNOI_LANG", "vi"}}, {}, 9090, "vi"},
      {kToml, {{"KETNOI_LANG", "vi"}}, {{"lang", "en"}}, 9090, "en"},
      {std::nullopt, {{"KETNOI_SERVER_PORT", "7070"}}, {}, 7070, "vi"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(Describe(row.toml, row.env, row.flags));
    WriteToml(row.toml);
    Result<Config> c = LoadConfig(Sources(row.env, row.flags));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->server_port, row.port);
    EXPECT_EQ(c->lang, row.lang);
    EXPECT_EQ(c->data_dir, dir_);
  }
}

TEST_F(ConfigTest, Errors) {
  struct Row {
    std::optional<std::string> toml;
    std::map<std::string, std::string> env, flags;
    std::string id;
    std::string param, param_value;  // param_value "" means: only check it is non-empty
  };
  const Row rows[] = {
      {"[server]\nprot = 1\n", {}, {}, "config.unknown_key", "key", "server.prot"},
      {"colour = \"blue\"\n", {}, {}, "config.unknown_key", "key", "colour"},
      {std::nullopt, {}, {{"server.prot", "1"}}, "config.unknown_key", "key", "server.prot"},
      {"lang = \n", {}, {}, "config.parse_error", "line", ""},
      {"lang = \"en\"\n[server\nport = 1\n", {}, {}, "config.parse_error", "line", ""},
      {"[server]\nport = 70000\n", {}, {}, "config.bad_number", "key", "server.port"},
      {std::nullopt, {{"KETNOI_SERVER_PORT", "70000"}}, {}, "config.bad_number", "value", "70000"},
      {std::nullopt, {}, {{"server.port", "70000"}}, "config.bad_number", "key", "server.port"},
      {std::nullopt, {}, {{"server.port", "80x"}}, "config.bad_number", "value", "80x"},
      {std::nullopt, {}, {{"server.port", "0"}}, "config.bad_number", "value", "0"},
      {"lang = \"fr\"\n", {}, {}, "config.bad_lang", "value", "fr"},
      // A bad value from a lower-priority source is an error even if a flag would override it.
      {kToml,
       {{"KETNOI_SERVER_PORT", "abc"}},
       {{"server.port", "6060"}},
       "config.bad_number",
       "value",
       "abc"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(Describe(row.toml, row.env, row.flags));
    WriteToml(row.toml);
    Result<Config> c = LoadConfig(Sources(row.env, row.flags));
    ASSERT_FALSE(c.ok()) << "port " << c->server_port;
    EXPECT_EQ(c.status().code(), StatusCode::kInvalid);
    EXPECT_EQ(c.status().message().id, row.id) << c.status().ToString();
    if (row.param_value.empty()) {
      EXPECT_NE(c.status().message().Param(row.param), "") << c.status().ToString();
    } else {
      EXPECT_EQ(c.status().message().Param(row.param), row.param_value) << c.status().ToString();
    }
  }
}

TEST_F(ConfigTest, DefaultsWithoutFile) {
  WriteToml(std::nullopt);
  Result<Config> c = LoadConfig(Sources({}, {}));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  struct Row {
    const char* what;
    std::string got, want;
  };
  const Row rows[] = {
      {"lang", c->lang, "vi"},
      {"server_port", std::to_string(c->server_port), "8080"},
      {"server_bind", c->server_bind, "127.0.0.1"},
      {"search_facet_sample", std::to_string(c->search_facet_sample), "5000"},
      {"store_url", c->store_url, ""},
      {"EffectiveStoreUrl", c->EffectiveStoreUrl(), "sqlite:" + (dir_ / "ketnoi.db").string()},
      {"data_dir", c->data_dir.string(), dir_.string()},
      {"IndexDir", c->IndexDir().string(), (dir_ / "index").string()},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(row.got, row.want);
  }
}

TEST_F(ConfigTest, StoreUrl) {
  struct Row {
    std::optional<std::string> toml;
    std::map<std::string, std::string> env, flags;
    std::string effective;  // "" means the default sqlite file
  };
  const Row rows[] = {
      {std::nullopt, {}, {}, ""},
      {"[store]\nurl = \"postgresql://db/ketnoi\"\n", {}, {}, "postgresql://db/ketnoi"},
      {std::nullopt, {{"KETNOI_STORE_URL", "sqlite:/tmp/x.db"}}, {}, "sqlite:/tmp/x.db"},
      {"[store]\nurl = \"postgresql://db/ketnoi\"\n",
       {},
       {{"store.url", "sqlite:/y.db"}},
       "sqlite:/y.db"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(Describe(row.toml, row.env, row.flags));
    WriteToml(row.toml);
    Result<Config> c = LoadConfig(Sources(row.env, row.flags));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    std::string want =
        row.effective.empty() ? "sqlite:" + (dir_ / "ketnoi.db").string() : row.effective;
    EXPECT_EQ(c->EffectiveStoreUrl(), want);
  }
}

}  // namespace
}  // namespace ketnoi
