#include "registry/authority.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "text/text.h"

namespace ketnoi::authority {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Spaces (ASCII and the no-break space U+00A0 that spreadsheets like) at both ends removed.
std::string_view Trim(std::string_view v) {
  auto space_at_front = [&] {
    if (v.empty()) return size_t{0};
    if (v[0] == ' ' || v[0] == '\t' || v[0] == '\r' || v[0] == '\n') return size_t{1};
    if (v.size() >= 2 && static_cast<unsigned char>(v[0]) == 0xC2 &&
        static_cast<unsigned char>(v[1]) == 0xA0)
      return size_t{2};
    return size_t{0};
  };
  auto space_at_back = [&] {
    if (v.empty()) return size_t{0};
    char c = v.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return size_t{1};
    if (v.size() >= 2 && static_cast<unsigned char>(v[v.size() - 2]) == 0xC2 &&
        static_cast<unsigned char>(v.back()) == 0xA0)
      return size_t{2};
    return size_t{0};
  };
  while (size_t n = space_at_front()) v.remove_prefix(n);
  while (size_t n = space_at_back()) v.remove_suffix(n);
  return v;
}

// Removes the first of `prefixes` that `v` starts with (ASCII case-insensitive).
std::string_view StripPrefix(std::string_view v, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (v.size() < p.size()) continue;
    bool same = true;
    for (size_t i = 0; same && i < p.size(); ++i) same = AsciiLower(v[i]) == p[i];
    if (same) return v.substr(p.size());
  }
  return v;
}

// The value as it may be quoted in a message: at most 80 bytes, cut at a character boundary.
std::string Quoted(std::string_view v) {
  if (v.size() <= 80) return std::string(v);
  size_t end = 80;
  while (end > 0 && (static_cast<unsigned char>(v[end]) & 0xC0) == 0x80) --end;
  return std::string(v.substr(0, end)) + "…";
}

Status Invalid(const char* id, std::string_view field, std::string_view value,
               std::vector<std::pair<std::string, std::string>> extra = {}) {
  std::vector<std::pair<std::string, std::string>> params = {{"field", std::string(field)},
                                                             {"value", Quoted(value)}};
  for (auto& p : extra) params.push_back(std::move(p));
  return Status::Invalid({id, std::move(params)});
}

// Crockford base32 as ROR uses it: 0-9 a-z without i, l, o, u (lower case).
constexpr std::string_view kCrockford = "0123456789abcdefghjkmnpqrstvwxyz";

int CrockfordValue(char c) {
  size_t at = kCrockford.find(AsciiLower(c));
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// ---------------------------------------------------------------------------------------------
// Name keys.

// Abbreviations (folded) → the words they stand for.
constexpr std::pair<std::string_view, std::string_view> kOrgAbbreviations[] = {
    {"dh", "dai hoc"},
    {"dhqg", "dai hoc quoc gia"},
    {"dhqghn", "dai hoc quoc gia ha noi"},
    {"dhbk", "dai hoc bach khoa"},
    {"dhbkhn", "dai hoc bach khoa ha noi"},
    {"cd", "cao dang"},
    {"hv", "hoc vien"},
    {"tt", "trung tam"},
    {"cty", "cong ty"},
    {"tct", "tong cong ty"},
    {"tcty", "tong cong ty"},
    {"ctcp", "cong ty co phan"},
    {"cp", "co phan"},
    {"tnhh", "trach nhiem huu han"},
    {"mtv", "mot thanh vien"},
    {"1tv", "mot thanh vien"},
    {"khcn", "khoa hoc cong nghe"},
    {"khkt", "khoa hoc ky thuat"},
    {"cntt", "cong nghe thong tin"},
    {"nc", "nghien cuu"},
    {"nckh", "nghien cuu khoa hoc"},
    {"tp", "thanh pho"},
    {"tphn", "thanh pho ha noi"},
    {"tphcm", "thanh pho ho chi minh"},
    {"hcm", "ho chi minh"},
    {"hn", "ha noi"},
    {"qg", "quoc gia"},
    {"bv", "benh vien"},
    {"ubnd", "uy ban nhan dan"},
    {"vn", "viet nam"},
};

// Words dropped before these ("Trường Đại học X" is "Đại học X").
constexpr std::string_view kSchoolWords[] = {"dai hoc", "cao dang", "trung cap", "hoc vien"};

// Titles, degrees and honorifics written before a person's name (folded, punctuation gone;
// "PGS.TS." is two tokens) or after it (", PhD").
constexpr std::string_view kPersonTitles[] = {
    "gs",  "pgs", "ts", "tskh", "ths", "ks",  "bs",  "bsck", "bscki", "bsckii",
    "ck1", "ck2", "ds", "cn",   "kts", "ncs", "ls",  "dr",   "prof",  "assoc",
    "mr",  "mrs", "ms", "phd",  "md",  "msc", "bsc", "gv",   "gvc",   "gvcc"};
// Of those, the ones that can only be a title, so they are also dropped after the name.
constexpr std::string_view kTrailingTitles[] = {"phd", "md", "msc", "bsc", "dr", "prof"};

bool In(std::span<const std::string_view> set, std::string_view w) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Folded words of `name`: NFC, no diacritics, đ → d, lower case, split at anything that is not
// a letter or a digit. '&' and '\'' join ("KH&CN" → "khcn").
std::vector<std::string> FoldedWords(std::string_view name) {
  std::string joined;
  joined.reserve(name.size());
  for (char c : name)
    if (c != '&' && c != '\'') joined += c;
  // Letters spelled out with dots ("T.N.H.H", "Th.S") are one word.
  std::vector<std::string> words;
  bool last_single = false;
  for (text::Token& t : text::Tokenize(text::Nfc(joined))) {
    if (t.folded.empty()) continue;  // a lone combining mark
    bool single = t.folded.size() == 1;
    if (single && last_single && t.joined_to_previous && !words.empty() &&
        words.back().size() < 8) {
      words.back() += t.folded;
      continue;
    }
    last_single = single;
    words.push_back(std::move(t.folded));
  }
  return words;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t sp = s.find(' ', start);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > start) out.emplace_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

bool StartsWithPhrase(const std::vector<std::string>& words, size_t at, std::string_view phrase) {
  std::vector<std::string> p = SplitSpaces(phrase);
  if (at + p.size() > words.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (words[at + i] != p[i]) return false;
  return true;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kOrcid:
      return "orcid";
    case Kind::kRor:
      return "ror";
    case Kind::kTaxCode:
      return "tax_code";
  }
  return "";
}

std::optional<Kind> KindFromName(std::string_view name) {
  for (Kind k : {Kind::kOrcid, Kind::kRor, Kind::kTaxCode})
    if (KindName(k) == name) return k;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// ORCID (https://support.orcid.org/hc/en-us/articles/360006897674): 16 characters in groups of
// four; the last is ISO 7064 MOD 11-2 over the other 15 digits.

char OrcidCheckChar(std::string_view digits) {
  if (digits.size() != 15) return '\0';
  int total = 0;
  for (char c : digits) {
    if (!IsDigit(c)) return '\0';
    total = (total + (c - '0')) * 2 % 11;
  }
  int check = (12 - total) % 11;
  return check == 10 ? 'X' : static_cast<char>('0' + check);
}

Result<std::string> NormalizeOrcid(std::string_view raw, std::string_view field) {
  std::string_view v = Trim(raw);
  if (v.empty()) return Invalid("authority.empty", field, raw);
  v = StripPrefix(v, {"https://orcid.org/", "http://orcid.org/", "https://www.orcid.org/",
                      "http://www.orcid.org/", "orcid.org/"});
  bool form = v.size() == 19;
  std::string digits;
  for (size_t i = 0; form && i < v.size(); ++i) {
    char c = v[i];
    if (i == 4 || i == 9 || i == 14)
      form = c == '-';
    else if (IsDigit(c) || (i == 18 && (c == 'X' || c == 'x')))
      digits += c == 'x' ? 'X' : c;
    else
      form = false;
  }
  if (!form) return Invalid("authority.orcid_form", field, raw);
  char expected = OrcidCheckChar(std::string_view(digits).substr(0, 15));
  if (digits[15] != expected)
    return Invalid("authority.orcid_check", field, raw,
                   {{"expected", std::string(1, expected)}, {"found", std::string(1, digits[15])}});
  std::string out(v);
  out[18] = digits[15];
  return out;
}

// ---------------------------------------------------------------------------------------------
// ROR (https://ror.readme.io/docs/identifier): '0', six Crockford base32 characters, and two
// check digits 98 − (value × 100 mod 97) (ISO 7064 MOD 97-10), zero-padded.

std::string RorChecksum(std::string_view six) {
  if (six.size() != 6) return "";
  int64_t value = 0;
  for (char c : six) {
    int d = CrockfordValue(c);
    if (d < 0) return "";
    value = value * 32 + d;
  }
  int64_t check = 98 - (value * 100) % 97;
  return std::string(1, static_cast<char>('0' + check / 10)) + static_cast<char>('0' + check % 10);
}

std::string RorUrl(std::string_view bare) { return "https://ror.org/" + std::string(bare); }

Result<std::string> NormalizeRor(std::string_view raw, std::string_view field) {
  std::string_view v = Trim(raw);
  if (v.empty()) return Invalid("authority.empty", field, raw);
  v = StripPrefix(v, {"https://ror.org/", "http://ror.org/", "https://www.ror.org/", "ror.org/"});
  if (v.size() != 9 || v[0] != '0' || !IsDigit(v[7]) || !IsDigit(v[8]))
    return Invalid("authority.ror_form", field, raw);
  std::string out = "0";
  for (size_t i = 1; i < 7; ++i) {
    char c = AsciiLower(v[i]);
    if (c == 'i' || c == 'l' || c == 'o' || c == 'u')
      return Invalid("authority.ror_letter", field, raw, {{"char", std::string(1, v[i])}});
    if (CrockfordValue(c) < 0) return Invalid("authority.ror_form", field, raw);
    out += c;
  }
  std::string expected = RorChecksum(std::string_view(out).substr(1));
  if (v.substr(7) != expected)
    return Invalid("authority.ror_check", field, raw,
                   {{"expected", expected}, {"found", std::string(v.substr(7))}});
  return out + expected;
}

// ---------------------------------------------------------------------------------------------
// Vietnamese tax codes (mã số thuế). Their structure is set by the Ministry of Finance (Thông tư
// 105/2020/TT-BTC, art. 5, after QĐ 75/1998/QĐ-TCT): N1N2 the province where it was issued,
// N3…N9 a sequence number, N10 the check digit; a dependent unit (chi nhánh, văn phòng đại
// diện) adds N11N12N13 = 001…999 after a dash. The check digit — not printed in the circular but
// applied by the tax offices' software and by every published tax code we checked — is
//   s = 31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9
//   N10 = 10 − (s mod 11),
// and when s mod 11 = 0 (N10 would be 10) no tax code is issued with those nine digits.
// Checked against Vietnam Airlines 0100107518, Viettel 0100109106, FPT 0101248141 and Vinamilk
// 0300588569 (tests/authority_test.cpp). Individuals' codes are being replaced by their 12-digit
// personal identification numbers; those are not organisations' tax codes and are refused here.

std::optional<int> TaxCodeCheckDigit(std::string_view nine) {
  static constexpr int kWeights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  if (nine.size() != 9) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) {
    if (!IsDigit(nine[i])) return std::nullopt;
    sum += kWeights[i] * (nine[i] - '0');
  }
  int check = 10 - sum % 11;
  if (check == 10) return std::nullopt;
  return check;
}

Result<std::string> NormalizeTaxCode(std::string_view raw, std::string_view field) {
  std::string_view v = Trim(raw);
  if (v.empty()) return Invalid("authority.empty", field, raw);
  std::string digits;
  size_t dash_at = std::string::npos;
  bool form = true;
  for (char c : v) {
    if (IsDigit(c))
      digits += c;
    else if (c == '-' && dash_at == std::string::npos)
      dash_at = digits.size();
    else if (c != ' ')
      form = false;
  }
  if (dash_at != std::string::npos && dash_at != 10) form = false;
  if (digits.size() != 10 && digits.size() != 13) form = false;
  if (dash_at != std::string::npos && digits.size() != 13) form = false;
  if (!form) return Invalid("authority.tax_form", field, raw);
  std::string_view nine = std::string_view(digits).substr(0, 9);
  std::optional<int> expected = TaxCodeCheckDigit(nine);
  if (!expected)
    return Invalid("authority.tax_no_check", field, raw, {{"prefix", std::string(nine)}});
  if (digits[9] - '0' != *expected)
    return Invalid("authority.tax_check", field, raw,
                   {{"expected", std::to_string(*expected)}, {"found", std::string(1, digits[9])}});
  if (digits.size() == 13) {
    if (digits.substr(10) == "000")
      return Invalid("authority.tax_branch", field, raw, {{"branch", "000"}});
    return digits.substr(0, 10) + "-" + digits.substr(10);
  }
  return digits;
}

Result<std::string> Normalize(Kind kind, std::string_view value) {
  switch (kind) {
    case Kind::kOrcid:
      return NormalizeOrcid(value);
    case Kind::kRor:
      return NormalizeRor(value);
    case Kind::kTaxCode:
      return NormalizeTaxCode(value);
  }
  return NormalizeTaxCode(value);
}

// ---------------------------------------------------------------------------------------------

std::string OrganisationNameKey(std::string_view name) {
  // Abbreviations out to words.
  std::vector<std::string> words;
  for (std::string& w : FoldedWords(name)) {
    auto it = std::find_if(std::begin(kOrgAbbreviations), std::end(kOrgAbbreviations),
                           [&](const auto& a) { return a.first == w; });
    if (it == std::end(kOrgAbbreviations)) {
      words.push_back(std::move(w));
      continue;
    }
    for (std::string& part : SplitSpaces(it->second)) words.push_back(std::move(part));
  }
  // "và" joins nothing a key needs; "Trường" before a kind of school says it twice.
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "va") continue;
    if (words[i] == "truong" &&
        std::any_of(std::begin(kSchoolWords), std::end(kSchoolWords),
                    [&](std::string_view s) { return StartsWithPhrase(words, i + 1, s); }))
      continue;
    out.push_back(std::move(words[i]));
  }
  return Join(out);
}

std::string PersonNameKey(std::string_view name) {
  std::vector<std::string> words = FoldedWords(name);
  size_t begin = 0, end = words.size();
  while (begin < end) {
    if (In(kPersonTitles, words[begin])) {
      ++begin;
    } else if (words[begin] == "th" && begin + 1 < end && words[begin + 1] == "s") {
      begin += 2;  // "Th.S."
    } else {
      break;
    }
  }
  while (end > begin && In(kTrailingTitles, words[end - 1])) --end;
  return Join(std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(begin),
                                       words.begin() + static_cast<std::ptrdiff_t>(end)));
}

}  // namespace ketnoi::authority
