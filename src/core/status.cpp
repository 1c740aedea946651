#include "core/status.h"

namespace ketnoi {

const std::string& Message::Param(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = message_.id + "{";
  bool first = true;
  for (const auto& [k, v] : message_.params) {
    if (!first) out += ", ";
    first = false;
    out += k + "=" + v;
  }
  return out + "}";
}

}  // namespace ketnoi
