#pragma once
// The message catalog: every user-visible sentence, in Vietnamese and English, by id.
// Parameters are written {name} in the text and filled from Message::params.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace ketnoi {

// Renders `m` in `lang` ("vi" or "en"; anything else falls back to "vi"). An id missing from
// the catalog renders as the id followed by its parameters, so nothing is ever silently lost.
std::string Render(const Message& m, std::string_view lang);
inline std::string Render(const Status& s, std::string_view lang) {
  return Render(s.message(), lang);
}

// Every message whose id starts with `prefix`, as (id without the prefix, raw text) — for
// templates, which take their labels from the catalog.
std::vector<std::pair<std::string, std::string>> MessagesWithPrefix(std::string_view prefix,
                                                                    std::string_view lang);

// True when the catalog has `id` in both languages (tests check every id used in code).
bool HasMessage(std::string_view id);

}  // namespace ketnoi
