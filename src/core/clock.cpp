#include "core/clock.h"

namespace ketnoi {

Date Clock::Today() const {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
  secs += 7 * 3600;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  return Date::FromDaysSinceEpoch(days);
}

std::chrono::system_clock::time_point SystemClock::Now() const {
  return std::chrono::system_clock::now();
}

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

std::chrono::system_clock::time_point FakeClock::Now() const {
  std::lock_guard lock(mu_);
  return now_;
}
void FakeClock::Advance(std::chrono::system_clock::duration d) {
  std::lock_guard lock(mu_);
  now_ += d;
}
void FakeClock::Set(std::chrono::system_clock::time_point t) {
  std::lock_guard lock(mu_);
  now_ = t;
}

}  // namespace ketnoi
