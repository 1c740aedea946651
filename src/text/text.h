// text — Vietnamese text handling, built on ICU. Every text that enters Ketnoi passes Nfc();
// search and duplicate detection compare Fold()ed syllables; lists are ordered by
// CollationKey() (ICU's `vi` rules: a ă â b c d đ e ê …, not byte order).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ketnoi::text {

// NFC normalisation of UTF-8. Invalid UTF-8 sequences are replaced by U+FFFD; never throws.
std::string Nfc(std::string_view utf8);

// True when `utf8` is well-formed UTF-8.
bool IsValidUtf8(std::string_view utf8);

// Lower case (Vietnamese rules), NFC.
std::string Lower(std::string_view utf8);

// Folding for search: decompose, drop combining marks, đ/Đ → d, lower case.
// "Đống Đa" → "dong da"; "ĐT-2016-30218-ĐT" → "dt-2016-30218-dt".
std::string Fold(std::string_view utf8);

// True when Fold(word) differs from Lower(word), i.e. the word carries diacritics or đ.
bool HasDiacritics(std::string_view utf8);

struct Token {
  std::string lower;   // NFC, lower case: "công"
  std::string folded;  // without marks: "cong"
  size_t offset = 0;   // byte offset of the token in the (NFC) input
  size_t length = 0;   // byte length in the (NFC) input
  // True when this token was joined to the previous one by an in-word connector without a
  // space ("ĐT-2016", "COVID-19", "3.5"): query parsing treats such runs as phrases.
  bool joined_to_previous = false;
};

// Splits NFC text into syllables: maximal runs of letters, combining marks and digits.
// Everything else (spaces, punctuation, symbols) separates tokens. Offsets refer to Nfc(input).
std::vector<Token> Tokenize(std::string_view utf8);

// A binary key whose byte order is Vietnamese alphabetical order (ICU collator for "vi",
// case and accents significant at tertiary strength). Usable as a Xapian sort value.
std::string CollationKey(std::string_view utf8);

// Compares two texts in Vietnamese order; <0, 0, >0.
int Compare(std::string_view a, std::string_view b);

// Trims ASCII and Unicode whitespace at both ends and collapses runs of whitespace to one space.
std::string CollapseSpaces(std::string_view utf8);

}  // namespace ketnoi::text
