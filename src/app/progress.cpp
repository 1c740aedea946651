#include "app/progress.h"

#include <unistd.h>

#include <cstdio>

namespace ketnoi::app {

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)),
      enabled_(enabled),
      tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

void ProgressBar::Update(int64_t done, int64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  int percent = total > 0 ? static_cast<int>(100 * done / total) : 0;
  if (tty_) {
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done < total) return;
    last_draw_ = now;
    constexpr int kWidth = 30;
    int filled = total > 0 ? static_cast<int>(kWidth * done / total) : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %3d%% %lld/%lld %.0f/s ", label_.c_str(), bar.c_str(), percent,
                 static_cast<long long>(done), static_cast<long long>(total), rate);
    drawn_ = true;
  } else {
    int decile = percent / 10;
    if (decile == last_decile_) return;
    last_decile_ = decile;
    std::fprintf(stderr, "%s: %d%% (%lld/%lld, %.0f/s)\n", label_.c_str(), percent,
                 static_cast<long long>(done), static_cast<long long>(total), rate);
  }
}

void ProgressBar::Finish() {
  if (enabled_ && tty_ && drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace ketnoi::app
