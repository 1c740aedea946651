#pragma once
// The only source of "now". Production code takes a Clock&; tests pass a FakeClock and move time.
#include <chrono>
#include <mutex>

#include "core/date.h"

namespace ketnoi {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
  // Today's date in Vietnam (UTC+7, no daylight saving).
  Date Today() const;
  std::string NowText() const { return FormatTimestamp(Now()); }
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override;
  static SystemClock& Instance();
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start) : now_(start) {}
  std::chrono::system_clock::time_point Now() const override;
  void Advance(std::chrono::system_clock::duration d);
  void Set(std::chrono::system_clock::time_point t);

 private:
  mutable std::mutex mu_;
  std::chrono::system_clock::time_point now_;  // GUARDED_BY(mu_)
};

}  // namespace ketnoi
