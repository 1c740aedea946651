// The two-backend fixture shared by the storage and registry suites: every TEST_P written on
// BackendTest runs once on SQLite (a fresh file in a temp dir) and once on PostgreSQL (the
// cluster named by KETNOI_TEST_PG, its public schema dropped and recreated before each test).
// Without KETNOI_TEST_PG the PostgreSQL half is skipped locally but FAILS when CI is set, so CI
// can never silently lose PostgreSQL coverage.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/status.h"
#include "store/db.h"

namespace ketnoi::test_support {

// 2026-01-15T08:00:00Z, the instant every registry write in the tests is stamped with.
inline std::chrono::system_clock::time_point FixedNow() {
  using namespace std::chrono;
  return sys_days{year{2026} / January / 15} + hours{8};
}
inline constexpr const char* kFixedNowText = "2026-01-15T08:00:00Z";

inline std::string EnvOrEmpty(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

// "id{k=v, …}" of a non-OK status, for failure messages.
inline std::string Show(const Status& s) { return s.ok() ? "OK" : s.ToString(); }

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      static std::atomic<int> counter{0};
      std::random_device rd;
      dir_ = std::filesystem::temp_directory_path() /
             ("ketnoi-test-" + std::to_string(rd()) + "-" + std::to_string(++counter));
      std::error_code ec;
      std::filesystem::create_directories(dir_, ec);
      ASSERT_FALSE(ec) << "cannot create " << dir_ << ": " << ec.message();
      url_ = "sqlite:" + (dir_ / "ketnoi.db").string();
    } else if (GetParam() == "postgres") {
      url_ = EnvOrEmpty("KETNOI_TEST_PG");
      if (url_.empty()) {
        if (!EnvOrEmpty("CI").empty()) {
          FAIL() << "KETNOI_TEST_PG is not set but CI is: the PostgreSQL backend must be tested "
                    "in CI. Set KETNOI_TEST_PG to a libpq connection string (`make test` starts "
                    "a throwaway cluster and sets it).";
        }
        GTEST_SKIP() << "KETNOI_TEST_PG is not set; PostgreSQL tests skipped. Run `make test` "
                        "to start a throwaway PostgreSQL cluster and run them.";
      }
      auto raw = store::Db::OpenRaw(url_);
      ASSERT_TRUE(raw.ok()) << "cannot connect to KETNOI_TEST_PG=" << url_ << ": "
                            << Show(raw.status());
      Status reset = (*raw)->ExecScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      ASSERT_TRUE(reset.ok()) << "cannot reset schema: " << Show(reset);
    } else {
      FAIL() << "unknown backend " << GetParam();
    }
    auto opened = store::Db::Open(url_);
    ASSERT_TRUE(opened.ok()) << "Db::Open(" << url_ << "): " << Show(opened.status());
    db_ = std::move(opened).value();
  }

  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  bool IsPostgres() const { return GetParam() == "postgres"; }

  // Closes the fixture's connection and opens the same database again (migrations applied).
  Result<std::unique_ptr<store::Db>> Reopen() {
    db_.reset();
    return store::Db::Open(url_);
  }

  // COUNT(*) of a table, or -1 (with a test failure) when the query fails.
  int64_t Count(const std::string& table, const std::string& where = "") {
    auto rows =
        db_->Query("SELECT COUNT(*) FROM " + table + (where.empty() ? "" : " WHERE " + where));
    EXPECT_TRUE(rows.ok()) << table << ": " << Show(rows.status());
    return rows.ok() ? rows->Int(0, 0) : -1;
  }

  std::string url_;
  std::filesystem::path dir_;  // sqlite only
  std::unique_ptr<store::Db> db_;
  FakeClock clock_{FixedNow()};
};

inline std::string BackendName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace ketnoi::test_support

// Runs every TEST_P of `suite` on both backends; test names end in /sqlite and /postgres.
#define KETNOI_INSTANTIATE_ON_BACKENDS(suite)                                                 \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                   \
                           ::testing::Values(std::string("sqlite"), std::string("postgres")), \
                           ::ketnoi::test_support::BackendName)
