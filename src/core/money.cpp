#include "core/money.h"

#include <cctype>
#include <limits>

namespace ketnoi {

std::string FormatVnd(Money m) {
  uint64_t v =
      m.dong < 0 ? static_cast<uint64_t>(-(m.dong + 1)) + 1 : static_cast<uint64_t>(m.dong);
  std::string digits = std::to_string(v);
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[i];
    int left = n - i - 1;
    if (left > 0 && left % 3 == 0) out += '.';
  }
  return (m.dong < 0 ? "-" : "") + out + " đ";
}

namespace {
std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}
bool StripSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
    s.remove_suffix(suffix.size());
    return true;
  }
  return false;
}
bool AccumulateDigit(int64_t& acc, char c) {
  if (acc > (std::numeric_limits<int64_t>::max() - (c - '0')) / 10) return false;
  acc = acc * 10 + (c - '0');
  return true;
}
}  // namespace

std::optional<Money> ParseVnd(std::string_view text) {
  std::string_view s = Trim(text);
  for (std::string_view suffix : {"đồng", "VNĐ", "vnđ", "VND", "vnd", "đ", "d"})
    if (StripSuffix(s, suffix)) break;
  s = Trim(s);
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int64_t acc = 0;
  int group = -1;  // digits since last separator; -1 before any separator
  char sep = 0;
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (!AccumulateDigit(acc, c)) return std::nullopt;
      ++digits;
      if (group >= 0) ++group;
    } else if (c == '.' || c == ',' || c == ' ') {
      if (digits == 0 || (sep && c != sep) || (group >= 0 && group != 3)) return std::nullopt;
      if (group < 0 && digits > 3) return std::nullopt;
      sep = c;
      group = 0;
    } else {
      return std::nullopt;
    }
  }
  if (group >= 0 && group != 3) return std::nullopt;
  return Money{negative ? -acc : acc};
}

std::optional<Money> ParseMillionVnd(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  // The decimal mark is the last ',' or '.' when followed by 1–6 digits and no other separator
  // of the same kind appears before it as grouping; Vietnamese files use ',' for decimals.
  int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool in_frac = false, any = false;
  size_t last_comma = s.rfind(','), last_dot = s.rfind('.');
  size_t dec_pos = std::string_view::npos;
  if (last_comma != std::string_view::npos &&
      (last_dot == std::string_view::npos || last_comma > last_dot))
    dec_pos = last_comma;
  else if (last_dot != std::string_view::npos && s.find('.') == last_dot &&
           (last_comma != std::string_view::npos || s.size() - last_dot - 1 != 3))
    dec_pos = last_dot;  // a single dot followed by other than exactly 3 digits is a decimal mark
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == dec_pos) {
      in_frac = true;
      continue;
    }
    if (c >= '0' && c <= '9') {
      any = true;
      if (in_frac) {
        if (++frac_digits > 6) return std::nullopt;
        frac = frac * 10 + (c - '0');
      } else if (!AccumulateDigit(whole, c)) {
        return std::nullopt;
      }
    } else if ((c == '.' || c == ',' || c == ' ') && !in_frac) {
      continue;  // grouping
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  while (frac_digits < 6) {
    frac *= 10;
    ++frac_digits;
  }
  if (whole > std::numeric_limits<int64_t>::max() / 1'000'000) return std::nullopt;
  return Money{whole * 1'000'000 + frac};
}

}  // namespace ketnoi
