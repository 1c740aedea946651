#pragma once
// Calendar dates (no time zone: a task starts on a day, not an instant) and timestamps.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ketnoi {

struct Date {
  int year = 0, month = 0, day = 0;

  bool valid() const;
  auto operator<=>(const Date&) const = default;
  // ISO "2024-03-01", how dates are stored.
  std::string Iso() const;
  // "01/03/2024", how Vietnamese readers expect them.
  std::string Vn() const;
  // Days since 1970-01-01 (for arithmetic and sort values).
  int64_t DaysSinceEpoch() const;
  static Date FromDaysSinceEpoch(int64_t days);
};

// Accepts "2024-03-01", "01/03/2024", "1/3/2024" (day first, as in Vietnam). nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);

// UTC instant as "2024-03-01T08:30:00Z".
std::string FormatTimestamp(std::chrono::system_clock::time_point t);

}  // namespace ketnoi
