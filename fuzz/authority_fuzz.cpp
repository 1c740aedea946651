// Identifiers and name keys (registry/authority.h): any bytes give a normalised identifier or an
// error naming the field, never a crash; a normalised identifier normalises to itself; name keys
// are valid UTF-8 words separated by single spaces.
#include <cstdint>
#include <string>
#include <string_view>

#include "registry/authority.h"
#include "text/text.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckKey(const std::string& key) {
  Check(ketnoi::text::IsValidUtf8(key));
  Check(key.empty() || (key.front() != ' ' && key.back() != ' '));
  Check(key.find("  ") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ketnoi::authority;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (Kind kind : {Kind::kOrcid, Kind::kRor, Kind::kTaxCode}) {
    auto r = Normalize(kind, in);
    if (!r.ok()) {
      Check(!r.status().message().id.empty() && !r.status().message().Param("field").empty());
      continue;
    }
    auto again = Normalize(kind, *r);
    Check(again.ok() && *again == *r);
  }
  CheckKey(OrganisationNameKey(in));
  CheckKey(PersonNameKey(in));
  return 0;
}
