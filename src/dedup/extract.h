#pragma once
// Text of an uploaded description (thuyết minh) for the duplicate check: PDF through
// poppler-cpp, DOCX from its word/document.xml, plain text as is. The type is sniffed from the
// content, never trusted from the name. Output is NFC.
#include <string>
#include <string_view>

#include "core/status.h"

namespace ketnoi::dedup {

// `name` is only used in messages.
Result<std::string> ExtractText(std::string_view bytes, const std::string& name);

}  // namespace ketnoi::dedup
