// dedup/features — the representation the duplicate check compares texts in: folded syllables
// (so missing or wrong accents do not matter), near-synonyms mapped together, the words every
// proposal uses dropped; features are those syllables and their adjacent pairs. Depends on the
// text module only, so the search index can store each task's representation and index its
// features: a check then reads candidates' features from the index instead of re-reading and
// re-tokenising their texts.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ketnoi::dedup {

// A bag of weighted features (syllables "lua", pairs "lua|giong").
using Features = std::unordered_map<std::string, double>;

// The folded, synonym-mapped syllables of a text without the words every proposal uses.
std::vector<std::string> ContentSyllables(std::string_view text);
// Function words, words every proposal uses, the whole city's place names (folded).
bool IsStopword(const std::string& folded);
// Term counts (syllables and adjacent pairs), dampened: 1 + log(count).
Features CountFeatures(const std::vector<std::string>& syllables);

// The features of title + abstract, sorted: what the index holds for candidate search.
std::vector<std::string> IndexTerms(const std::vector<std::string>& title,
                                    const std::vector<std::string>& abstract);
// A task's content syllables as stored beside its index document, and back. Decode refuses a
// value written by another version of the representation (the check then reads the texts).
std::string EncodeSyllables(const std::vector<std::string>& title,
                            const std::vector<std::string>& abstract);
bool DecodeSyllables(std::string_view value, std::vector<std::string>& title,
                     std::vector<std::string>& abstract);

}  // namespace ketnoi::dedup
