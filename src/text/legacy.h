#pragma once
// Legacy Vietnamese encodings still found in government files: Windows-1258 (code page with
// combining tone marks), TCVN3 / ABC (TCVN 5712:1993, one byte per precomposed letter, in the
// ".Vn" fonts) and VNI (VNI-Windows fonts: base letter followed by mark bytes). Detection by
// content and conversion to NFC UTF-8.
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ketnoi::text {

enum class Encoding { kUtf8, kWindows1258, kTcvn3, kVni };

// "utf-8", "windows-1258", "tcvn3", "vni".
std::string_view EncodingName(Encoding e);
// Accepts common spellings: "utf8", "UTF-8", "cp1258", "windows-1258", "tcvn3", "abc",
// "tcvn", "vni", "vni-windows". nullopt for anything else.
std::optional<Encoding> ParseEncodingName(std::string_view name);

// The most likely encoding of `bytes`: valid UTF-8 (with or without BOM) is UTF-8; otherwise
// the legacy encoding whose decoding yields the most plausible Vietnamese syllables.
Encoding DetectEncoding(std::string_view bytes);

// NFC UTF-8 text of `bytes` in `enc` (a UTF-8 BOM is dropped). Invalid UTF-8 declared as UTF-8
// gives Invalid "text.bad_utf8" {offset}.
Result<std::string> ToUtf8(std::string_view bytes, Encoding enc);

}  // namespace ketnoi::text
