// Legacy Vietnamese encodings: detection and conversion of any bytes; what comes out is valid
// UTF-8 in NFC.
#include <cstdint>
#include <string>

#include "text/legacy.h"
#include "text/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ketnoi::text;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)DetectEncoding(bytes);
  for (Encoding e : {Encoding::kUtf8, Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni}) {
    auto out = ToUtf8(bytes, e);
    if (out.ok() && (!IsValidUtf8(*out) || Nfc(*out) != *out)) __builtin_trap();
  }
  return 0;
}
