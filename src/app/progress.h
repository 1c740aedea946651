#pragma once
// A progress bar on stderr: redrawn in place on a terminal, a line every 10 % otherwise (logs, CI).
#include <chrono>
#include <cstdint>
#include <string>

namespace ketnoi::app {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label, bool enabled = true);
  void Update(int64_t done, int64_t total);
  void Finish();

 private:
  std::string label_;
  bool enabled_, tty_;
  bool drawn_ = false;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace ketnoi::app
