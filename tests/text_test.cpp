// Tests for text/text.h: NFC normalisation, folding, lower case, tokenizing, Vietnamese
// collation and whitespace collapsing. Every test is a table: one struct per row, a loop, and
// the failing row's input in the failure message.
#include "text/text.h"

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace ketnoi::text {
namespace {

std::vector<std::string> SplitOnSpace(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "|") + p;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fold / Lower / Nfc of every toned vowel.

// The six tones in order: none, huyền, sắc, hỏi, ngã, nặng — as combining marks.
const char* const kToneMarks[6] = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};

struct VowelRow {
  std::string base;      // what every form folds to
  std::string modifier;  // combining mark making the letter (ă: breve, â: circumflex, ư: horn)
  std::string lower;     // the 6 precomposed lower-case forms, space separated, tone order
  std::string upper;     // the same in upper case
};

const std::vector<VowelRow>& VowelTable() {
  static const std::vector<VowelRow> kRows = {
      {"a", "", "a à á ả ã ạ", "A À Á Ả Ã Ạ"},       {"a", "\u0306", "ă ằ ắ ẳ ẵ ặ", "Ă Ằ Ắ Ẳ Ẵ Ặ"},
      {"a", "\u0302", "â ầ ấ ẩ ẫ ậ", "Â Ầ Ấ Ẩ Ẫ Ậ"}, {"e", "", "e è é ẻ ẽ ẹ", "E È É Ẻ Ẽ Ẹ"},
      {"e", "\u0302", "ê ề ế ể ễ ệ", "Ê Ề Ế Ể Ễ Ệ"}, {"i", "", "i ì í ỉ ĩ ị", "I Ì Í Ỉ Ĩ Ị"},
      {"o", "", "o ò ó ỏ õ ọ", "O Ò Ó Ỏ Õ Ọ"},       {"o", "\u0302", "ô ồ ố ổ ỗ ộ", "Ô Ồ Ố Ổ Ỗ Ộ"},
      {"o", "\u031b", "ơ ờ ớ ở ỡ ợ", "Ơ Ờ Ớ Ở Ỡ Ợ"}, {"u", "", "u ù ú ủ ũ ụ", "U Ù Ú Ủ Ũ Ụ"},
      {"u", "\u031b", "ư ừ ứ ử ữ ự", "Ư Ừ Ứ Ử Ữ Ự"}, {"y", "", "y ỳ ý ỷ ỹ ỵ", "Y Ỳ Ý Ỷ Ỹ Ỵ"},
  };
  return kRows;
}

std::string ToAsciiUpper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

TEST(TextFold, EveryTonedVowelFoldsToItsBaseLetter) {
  int checked = 0;
  for (const auto& row : VowelTable()) {
    std::vector<std::string> lower = SplitOnSpace(row.lower);
    std::vector<std::string> upper = SplitOnSpace(row.upper);
    ASSERT_EQ(lower.size(), 6u) << row.lower;
    ASSERT_EQ(upper.size(), 6u) << row.upper;
    for (size_t tone = 0; tone < 6; ++tone) {
      SCOPED_TRACE("vowel row \"" + row.lower + "\", tone " + std::to_string(tone) + ": " +
                   lower[tone] + " / " + upper[tone]);
      EXPECT_EQ(Fold(lower[tone]), row.base);
      EXPECT_EQ(Fold(upper[tone]), row.base);
      EXPECT_EQ(Lower(upper[tone]), lower[tone]);
      EXPECT_EQ(Lower(lower[tone]), lower[tone]);
      EXPECT_EQ(Nfc(lower[tone]), lower[tone]);
      // The same letter written decomposed: base + modifier + tone (ASCII base, upper too).
      std::string nfd = row.base + row.modifier + kToneMarks[tone];
      std::string nfd_upper = ToAsciiUpper(row.base) + row.modifier + kToneMarks[tone];
      EXPECT_EQ(Nfc(nfd), lower[tone]);
      EXPECT_EQ(Nfc(nfd_upper), upper[tone]);
      EXPECT_EQ(Fold(nfd), row.base);
      EXPECT_EQ(Fold(nfd_upper), row.base);
      bool plain = row.modifier.empty() && tone == 0;
      EXPECT_EQ(HasDiacritics(lower[tone]), !plain);
      ++checked;
    }
    // A whole line folds to the base letter six times, spaces kept.
    EXPECT_EQ(Fold(row.lower), row.base + " " + row.base + " " + row.base + " " + row.base + " " +
                                   row.base + " " + row.base)
        << row.lower;
  }
  EXPECT_EQ(checked, 72);
}

TEST(TextFold, DStrokeFoldsToD) {
  struct Row {
    std::string input, folded;
  };
  const Row rows[] = {{"đ", "d"}, {"Đ", "d"}, {"đđ", "dd"}, {"Đđ", "dd"}, {"d", "d"}, {"D", "d"}};
  for (const auto& row : rows) {
    SCOPED_TRACE("input: " + row.input);
    EXPECT_EQ(Fold(row.input), row.folded);
  }
}

TEST(TextFold, Phrases) {
  struct Row {
    std::string input, folded;
  };
  const Row rows[] = {
      {"CôNG NgHỆ", "cong nghe"},
      {"Đống Đa", "dong da"},
      {"ĐT-2016-30218-ĐT", "dt-2016-30218-dt"},
      {"ĐƯỜNG Láng", "duong lang"},
      {"Tp. Hồ Chí Minh", "tp. ho chi minh"},
      // Punctuation, digits and spacing survive: Fold only drops marks and lowercases.
      {"Hà Nội, (2024)!", "ha noi, (2024)!"},
      {"Nghiên cứu – ứng dụng", "nghien cuu – ung dung"},
      {"  Việt  Nam ", "  viet  nam "},
      {"a/b; c: d?", "a/b; c: d?"},
      {"", ""},
      // Decomposed input folds the same as precomposed.
      {"Vie\u0323\u0302t Nam", "viet nam"},
      {"D\u0300a\u0300", "da"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: \"" + row.input + "\"");
    EXPECT_EQ(Fold(row.input), row.folded);
  }
}

TEST(TextFold, NfdAndNfcFoldAlike) {
  struct Row {
    std::string nfd, nfc;
  };
  const Row rows[] = {
      {"e\u0302\u0301", "ế"},
      {"Vie\u0323\u0302t", "Việt"},
      {"Ha\u0300 No\u0323\u0302i", "Hà Nội"},
      {"Nghie\u0302n cu\u031b\u0301u", "Nghiên cứu"},
      {"\u0110o\u0302\u0301ng \u0110a", "Đống Đa"},
      {"C\u00f4NG NgHE\u0323\u0302", "CôNG NgHỆ"},
      {"TRU\u031bO\u031b\u0300NG", "TRƯỜNG"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("nfd: \"" + row.nfd + "\" nfc: \"" + row.nfc + "\"");
    EXPECT_EQ(Fold(row.nfd), Fold(row.nfc));
    EXPECT_EQ(Nfc(row.nfd), row.nfc);
  }
}

// ---------------------------------------------------------------------------------------------
// Nfc / IsValidUtf8.

TEST(TextNfc, DecomposedBecomesPrecomposed) {
  struct Row {
    std::string input, nfc;
  };
  const Row rows[] = {
      {"e\u0302\u0301", "ế"},
      {"Vie\u0323\u0302t", "Việt"},
      // Marks in non-canonical order are reordered before composing.
      {"Vie\u0302\u0323t", "Việt"},
      {"Ha\u0300 No\u0323\u0302i", "Hà Nội"},
      {"u\u031b\u0300", "ừ"},
      {"a\u0306\u0303", "ẵ"},
      {"Nghie\u0302n cu\u031b\u0301u", "Nghiên cứu"},
      {"\u0110a\u0300 Na\u0306\u0303ng", "Đà Nẵng"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: \"" + row.input + "\"");
    EXPECT_EQ(Nfc(row.input), row.nfc);
    EXPECT_NE(Nfc(row.input), row.input);  // it really was decomposed
  }
}

TEST(TextNfc, PrecomposedIsUnchanged) {
  const std::string rows[] = {
      "",
      "abc",
      "Việt Nam",
      "Hà Nội",
      "Đống Đa",
      "ĐT-2016-30218-ĐT",
      "Nghiên cứu, ứng dụng!",
      "ĂÂÊÔƠƯĐ ăâêôơưđ",
  };
  for (const auto& input : rows) {
    SCOPED_TRACE("input: \"" + input + "\"");
    EXPECT_EQ(Nfc(input), input);
  }
}

TEST(TextNfc, InvalidUtf8IsReplacedNotThrown) {
  struct Row {
    std::string input;
    std::optional<std::string> expected;  // exact result when unambiguous
  };
  const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  const Row rows[] = {
      {"\xff", kReplacement},
      {"a\xff"
       "b",
       "a" + kReplacement + "b"},
      {"Vi\xe1\xbb"
       "t",
       std::nullopt},                  // truncated ệ
      {"\xc0\xaf", std::nullopt},      // overlong '/'
      {"\xed\xa0\x80", std::nullopt},  // UTF-16 surrogate
      {"\x80\x80\x80", std::nullopt},  // stray continuation bytes
      {"H\xe0 N\xf4i", std::nullopt},  // Latin-1 "Hà Nôi"
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input bytes: \"" + row.input + "\"");
    EXPECT_FALSE(IsValidUtf8(row.input));
    std::string out;
    EXPECT_NO_THROW(out = Nfc(row.input));
    EXPECT_TRUE(IsValidUtf8(out));
    EXPECT_FALSE(out.empty());
    if (row.expected) {
      EXPECT_EQ(out, *row.expected);
    }
  }
}

TEST(TextNfc, IsValidUtf8) {
  struct Row {
    std::string input;
    bool valid;
  };
  const Row rows[] = {
      {"", true},
      {"abc", true},
      {"Việt Nam", true},
      {"e\u0302\u0301", true},
      {"\xEF\xBF\xBD", true},
      {"\xF0\x9F\x98\x80", true},  // U+1F600, 4 bytes
      {"\xff", false},
      {"\xc0\xaf", false},
      {"\xed\xa0\x80", false},
      {"\xe1\xbb", false},
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input bytes: \"" + row.input + "\"");
    EXPECT_EQ(IsValidUtf8(row.input), row.valid);
  }
}

// ---------------------------------------------------------------------------------------------
// Lower / HasDiacritics.

TEST(TextLower, VietnameseUpperCase) {
  struct Row {
    std::string input, lower;
  };
  const Row rows[] = {
      {"ĐỐNG ĐA", "đống đa"},
      {"Hà Nội", "hà nội"},
      {"ƯỚC LƯỢNG", "ước lượng"},
      {"TIN HỌC", "tin học"},  // dotted i, no Turkish rules
      {"ĐT-2016-30218-ĐT", "đt-2016-30218-đt"},
      {"đã thường", "đã thường"},
      {"", ""},
      // Decomposed input comes back in NFC.
      {"VIE\u0323\u0302T NAM", "việt nam"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: \"" + row.input + "\"");
    EXPECT_EQ(Lower(row.input), row.lower);
  }
}

TEST(TextHasDiacritics, Table) {
  struct Row {
    std::string input;
    bool has;
  };
  const Row rows[] = {
      {"công", true}, {"cong", false}, {"Đa", true}, {"da", false},  {"DA", false},
      {"ư", true},    {"2024", false}, {"", false},  {"CÔNG", true}, {"co\u0302ng", true},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: \"" + row.input + "\"");
    EXPECT_EQ(HasDiacritics(row.input), row.has);
  }
}

// ---------------------------------------------------------------------------------------------
// Tokenize.

struct ExpectedToken {
  std::string lower, folded;
  bool joined;
};

std::string Describe(const std::vector<Token>& tokens) {
  std::string out;
  for (const auto& t : tokens)
    out += "[" + t.lower + "/" + t.folded + " @" + std::to_string(t.offset) + "+" +
           std::to_string(t.length) + (t.joined_to_previous ? " joined" : "") + "]";
  return out;
}

TEST(TextTokenize, Tokens) {
  struct Row {
    std::string input;
    std::vector<ExpectedToken> tokens;
  };
  const Row rows[] = {
      {"Nghiên cứu, ứng dụng (công nghệ) thông tin!",
       {{"nghiên", "nghien", false},
        {"cứu", "cuu", false},
        {"ứng", "ung", false},
        {"dụng", "dung", false},
        {"công", "cong", false},
        {"nghệ", "nghe", false},
        {"thông", "thong", false},
        {"tin", "tin", false}}},
      {"năm 2024", {{"năm", "nam", false}, {"2024", "2024", false}}},
      {"ĐT-2016-30218-ĐT",
       {{"đt", "dt", false}, {"2016", "2016", true}, {"30218", "30218", true}, {"đt", "dt", true}}},
      {"COVID-19", {{"covid", "covid", false}, {"19", "19", true}}},
      {"3.5", {{"3", "3", false}, {"5", "5", true}}},
      {"a, b", {{"a", "a", false}, {"b", "b", false}}},
      {"Hà Nội", {{"hà", "ha", false}, {"nội", "noi", false}}},
      {"Vie\u0323\u0302t Nam", {{"việt", "viet", false}, {"nam", "nam", false}}},
      {"", {}},
      {"   ", {}},
      {"!?.,;:()-– ...", {}},
  };
  for (const auto& row : rows) {
    std::vector<Token> tokens = Tokenize(row.input);
    SCOPED_TRACE("input: \"" + row.input + "\" got " + Describe(tokens));
    ASSERT_EQ(tokens.size(), row.tokens.size());
    const std::string nfc = Nfc(row.input);
    for (size_t i = 0; i < tokens.size(); ++i) {
      SCOPED_TRACE("token " + std::to_string(i));
      EXPECT_EQ(tokens[i].lower, row.tokens[i].lower);
      EXPECT_EQ(tokens[i].folded, row.tokens[i].folded);
      EXPECT_EQ(tokens[i].joined_to_previous, row.tokens[i].joined);
      // offset/length point at the token's own text in Nfc(input).
      ASSERT_LE(tokens[i].offset + tokens[i].length, nfc.size());
      EXPECT_EQ(Lower(nfc.substr(tokens[i].offset, tokens[i].length)), tokens[i].lower);
    }
  }
}

TEST(TextTokenize, ByteOffsets) {
  struct Span {
    size_t offset, length;
  };
  struct Row {
    std::string input;
    std::vector<Span> spans;
  };
  const Row rows[] = {
      // "Hà" = H(1) + à(2) = 3 bytes, then a space; "Nội" = N(1) + ộ(3) + i(1) = 5 bytes.
      {"Hà Nội", {{0, 3}, {4, 5}}},
      // Decomposed: offsets refer to Nfc(input), so the same as above.
      {"Ha\u0300 No\u0323\u0302i", {{0, 3}, {4, 5}}},
      // "  " then "Việt" = V(1) i(1) ệ(3) t(1) = 6 bytes, space, "Nam".
      {"  Việt Nam", {{2, 6}, {9, 3}}},
      // Đ is 2 bytes: "ĐT" 0+3, '-' at 3, "2016" 4+4, '-' at 8, "30218" 9+5, '-' at 14, "ĐT" 15+3.
      {"ĐT-2016-30218-ĐT", {{0, 3}, {4, 4}, {9, 5}, {15, 3}}},
      {"a, b", {{0, 1}, {3, 1}}},
  };
  for (const auto& row : rows) {
    std::vector<Token> tokens = Tokenize(row.input);
    SCOPED_TRACE("input: \"" + row.input + "\" got " + Describe(tokens));
    ASSERT_EQ(tokens.size(), row.spans.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      SCOPED_TRACE("token " + std::to_string(i));
      EXPECT_EQ(tokens[i].offset, row.spans[i].offset);
      EXPECT_EQ(tokens[i].length, row.spans[i].length);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Collation.

const std::vector<std::string> kShuffledLetters = {"ê", "a", "đ", "â", "c", "e", "b", "ă", "d",
                                                   "o", "ô", "ơ", "u", "ư", "i", "y", "g", "h"};
const std::vector<std::string> kAlphabet = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê",
                                            "g", "h", "i", "o", "ô", "ơ", "u", "ư", "y"};

TEST(TextCollation, SortingWithCompare) {
  struct Row {
    std::vector<std::string> input, sorted;
  };
  const Row rows[] = {
      {kShuffledLetters, kAlphabet},
      {{"Zalo", "đường", "ân", "bà", "an", "Yên", "dương", "ăn"},
       {"an", "ăn", "ân", "bà", "dương", "đường", "Yên", "Zalo"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: " + Join(row.input));
    std::vector<std::string> v = row.input;
    std::sort(v.begin(), v.end(),
              [](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
    EXPECT_EQ(Join(v), Join(row.sorted));
  }
}

TEST(TextCollation, SortingByCollationKeyBytes) {
  struct Row {
    std::vector<std::string> input, sorted;
  };
  const Row rows[] = {
      {kShuffledLetters, kAlphabet},
      {{"Zalo", "đường", "ân", "bà", "an", "Yên", "dương", "ăn"},
       {"an", "ăn", "ân", "bà", "dương", "đường", "Yên", "Zalo"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: " + Join(row.input));
    std::vector<std::pair<std::string, std::string>> keyed;  // key, text
    for (const auto& s : row.input) keyed.emplace_back(CollationKey(s), s);
    // Plain std::string operator<: byte order of the keys.
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> v;
    for (const auto& [key, s] : keyed) v.push_back(s);
    EXPECT_EQ(Join(v), Join(row.sorted));
  }
}

TEST(TextCollation, OrderedPairs) {
  struct Row {
    std::string less, greater;
  };
  const Row rows[] = {
      {"an", "ăn"},
      {"ăn", "ân"},
      {"ân", "bà"},
      {"dương", "đường"},
      {"Yên", "Zalo"},
      {"da", "đa"},
      {"u", "ư"},
      {"o", "ô"},
      {"ô", "ơ"},
      {"e", "ê"},
      {"Hà Nội", "Hà Tĩnh"},
      {"Đà Nẵng", "Gia Lai"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("\"" + row.less + "\" < \"" + row.greater + "\"");
    EXPECT_LT(Compare(row.less, row.greater), 0);
    EXPECT_GT(Compare(row.greater, row.less), 0);
    EXPECT_LT(CollationKey(row.less), CollationKey(row.greater));
  }
}

TEST(TextCollation, EqualAndDifferentKeys) {
  struct Row {
    std::string a, b;
    bool equal;
  };
  const Row rows[] = {
      {"Hà Nội", "Hà Nội", true}, {"đường", "đường", true}, {"", "", true},
      {"a", "á", false},  // accents are significant
      {"a", "A", false},  // so is case
      {"ba", "bà", false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("\"" + row.a + "\" vs \"" + row.b + "\"");
    EXPECT_EQ(CollationKey(row.a) == CollationKey(row.b), row.equal);
    EXPECT_EQ(Compare(row.a, row.b) == 0, row.equal);
    EXPECT_EQ(CollationKey(row.a), CollationKey(std::string(row.a)));  // deterministic
  }
}

// ---------------------------------------------------------------------------------------------
// CollapseSpaces.

TEST(TextCollapseSpaces, Table) {
  struct Row {
    std::string input, collapsed;
  };
  const Row rows[] = {
      {"  Hà   Nội \t\n", "Hà Nội"},
      {"Hà\u00A0Nội", "Hà Nội"},         // no-break space
      {"Hà \u00A0\t Nội", "Hà Nội"},     // a mixed run is one space
      {"\u00A0Hà Nội\u00A0", "Hà Nội"},  // trimmed at both ends
      {"Hà\u3000Nội\u2003", "Hà Nội"},   // ideographic space, em space
      {"Hà Nội", "Hà Nội"},
      {"Đống\r\nĐa", "Đống Đa"},
      {"", ""},
      {" \t\n ", ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE("input: \"" + row.input + "\"");
    EXPECT_EQ(CollapseSpaces(row.input), row.collapsed);
  }
}

}  // namespace
}  // namespace ketnoi::text
