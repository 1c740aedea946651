#include "text/text.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <unicode/bytestream.h>

#include <array>
#include <memory>
#include <mutex>

namespace ketnoi::text {

namespace {

const icu::Normalizer2& NfcNormalizer() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  return *nfc;
}
const icu::Normalizer2& NfdNormalizer() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  return *nfd;
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

void AppendUtf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

bool IsMark(UChar32 c) {
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

// Folded form of one code point: its NFD decomposition without marks, đ→d, lower case.
std::string FoldCodePoint(UChar32 c) {
  if (c == 0x0110 || c == 0x0111) return "d";
  if (c < 0x80) {
    char ch = static_cast<char>(c);
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return std::string(1, ch);
  }
  if (IsMark(c)) return "";
  icu::UnicodeString decomposed;
  std::string out;
  if (NfdNormalizer().getDecomposition(c, decomposed)) {
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 d = decomposed.char32At(i);
      i += U16_LENGTH(d);
      if (IsMark(d)) continue;
      AppendUtf8(out, u_tolower(d));
    }
  } else {
    AppendUtf8(out, u_tolower(c));
  }
  return out;
}

// Latin, Latin Extended and Latin Extended Additional (every Vietnamese letter) are folded
// from a table built once; other code points go through ICU each time.
struct FoldTable {
  static constexpr UChar32 kLow = 0x250, kHighStart = 0x1E00, kHighEnd = 0x1F00;
  std::array<std::string, kLow> low;
  std::array<std::string, kHighEnd - kHighStart> high;
  FoldTable() {
    for (UChar32 c = 0; c < kLow; ++c) low[c] = FoldCodePoint(c);
    for (UChar32 c = kHighStart; c < kHighEnd; ++c) high[c - kHighStart] = FoldCodePoint(c);
  }
  const std::string* Find(UChar32 c) const {
    if (c >= 0 && c < kLow) return &low[c];
    if (c >= kHighStart && c < kHighEnd) return &high[c - kHighStart];
    return nullptr;
  }
};

const FoldTable& Folds() {
  static const FoldTable table;
  return table;
}

void AppendFolded(std::string& out, UChar32 c) {
  if (c < 0x80) {
    char ch = static_cast<char>(c);
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    out += ch;
  } else if (const std::string* f = Folds().Find(c)) {
    out += *f;
  } else {
    out += FoldCodePoint(c);
  }
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return u_isalnum(c) || IsMark(c);
}

bool IsConnector(char c) { return c == '-' || c == '.' || c == '/' || c == '_' || c == '\''; }

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == 0xA0 || c == 0x202F || c == 0xFEFF; }

icu::Collator* ViCollator() {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), err));
    if (U_FAILURE(err)) c.reset();
    if (c) c->setStrength(icu::Collator::TERTIARY);
    return c;
  }();
  return collator.get();
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len = static_cast<int32_t>(s.size()), i = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) return false;
  }
  return true;
}

std::string Nfc(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  UErrorCode err = U_ZERO_ERROR;
  if (IsValidUtf8(utf8)) {
    std::string out;
    icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
    NfcNormalizer().normalizeUTF8(
        0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, err);
    if (U_SUCCESS(err)) return out;
    err = U_ZERO_ERROR;
  }
  // Ill-formed input: ICU's conversion replaces each bad sequence with U+FFFD.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString n = NfcNormalizer().normalize(u, err);
  std::string out;
  (U_SUCCESS(err) ? n : u).toUTF8String(out);
  return out;
}

std::string Lower(std::string_view utf8) {
  std::string in = Nfc(utf8);
  std::string out;
  out.reserve(in.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(in.data());
  int32_t len = static_cast<int32_t>(in.size()), i = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) c = 0xFFFD;
    AppendUtf8(out, u_tolower(c));
  }
  return out;
}

std::string Fold(std::string_view utf8) {
  std::string in = Nfc(utf8);
  std::string out;
  out.reserve(in.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(in.data());
  int32_t len = static_cast<int32_t>(in.size()), i = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) c = 0xFFFD;
    AppendFolded(out, c);
  }
  return out;
}

bool HasDiacritics(std::string_view utf8) { return Fold(utf8) != Lower(utf8); }

std::vector<Token> Tokenize(std::string_view utf8) {
  std::string in = Nfc(utf8);
  std::vector<Token> tokens;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(in.data());
  int32_t len = static_cast<int32_t>(in.size()), i = 0;
  Token current;
  bool in_token = false;
  size_t prev_end = std::string::npos;
  auto finish = [&](size_t end) {
    current.length = end - current.offset;
    current.joined_to_previous = prev_end != std::string::npos && !tokens.empty() &&
                                 current.offset == prev_end + 1 && IsConnector(in[prev_end]);
    prev_end = end;
    tokens.push_back(std::move(current));
    current = Token{};
    in_token = false;
  };
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) c = 0xFFFD;
    if (IsWordChar(c)) {
      if (!in_token) {
        in_token = true;
        current.offset = static_cast<size_t>(start);
      }
      AppendUtf8(current.lower, u_tolower(c));
      AppendFolded(current.folded, c);
    } else if (in_token) {
      finish(static_cast<size_t>(start));
    }
  }
  if (in_token) finish(in.size());
  return tokens;
}

std::string CollationKey(std::string_view utf8) {
  std::string in = Nfc(utf8);
  icu::Collator* coll = ViCollator();
  if (!coll) return Fold(in);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(in.data(), static_cast<int32_t>(in.size())));
  std::string key(in.size() * 3 + 16, '\0');
  int32_t n =
      coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (n > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<size_t>(n));
    n = coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
  }
  // The key ends with a 0 byte terminator; drop it so keys concatenate and compare cleanly.
  key.resize(n > 0 ? static_cast<size_t>(n - 1) : 0);
  return key;
}

int Compare(std::string_view a, std::string_view b) {
  std::string ka = CollationKey(a), kb = CollationKey(b);
  return ka < kb ? -1 : (ka > kb ? 1 : 0);
}

std::string CollapseSpaces(std::string_view utf8) {
  std::string in = Nfc(utf8);
  std::string out;
  out.reserve(in.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(in.data());
  int32_t len = static_cast<int32_t>(in.size()), i = 0;
  bool pending_space = false;
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) c = 0xFFFD;
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    AppendUtf8(out, c);
  }
  return out;
}

}  // namespace ketnoi::text
