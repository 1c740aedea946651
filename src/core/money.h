#pragma once
// Money is an integer number of đồng (VND has no minor unit). Never a double.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ketnoi {

struct Money {
  int64_t dong = 0;

  static Money Dong(int64_t d) { return Money{d}; }
  // "triệu đồng" is how budgets are written in Vietnamese documents; 1 triệu = 1,000,000 đ.
  static Money Million(int64_t m) { return Money{m * 1'000'000}; }
  Money operator+(Money o) const { return Money{dong + o.dong}; }
  Money operator-(Money o) const { return Money{dong - o.dong}; }
  auto operator<=>(const Money&) const = default;
};

// "1.250.000.000 đ" — Vietnamese grouping with dots and the đ sign.
std::string FormatVnd(Money m);
// Accepts "1250000000", "1.250.000.000", "1.250.000.000 đ", "1,250,000,000 VND". Anything else,
// or an amount that would overflow, yields nullopt.
std::optional<Money> ParseVnd(std::string_view text);
// A decimal number of million đồng ("1.250,5" or "1250.5") exactly to đồng; nullopt if it has
// more than 6 decimals or is malformed.
std::optional<Money> ParseMillionVnd(std::string_view text);

}  // namespace ketnoi
