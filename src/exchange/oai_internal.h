#pragma once
// Shared between the two halves of the OAI-PMH provider (oai_args.cpp: arguments, identifiers,
// tokens; oai.cpp: the responses). Not part of the public interface (oai.h).
#include <cstddef>
#include <string>
#include <string_view>

namespace ketnoi::exchange::internal {

inline constexpr size_t kMaxEchoedValue = 120;  // bytes of an argument quoted in an error message

// At most `max` bytes of `s`, cut at a character boundary, "…" added when cut.
std::string Clip(std::string_view s, size_t max = kMaxEchoedValue);

}  // namespace ketnoi::exchange::internal
