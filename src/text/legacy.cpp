// Legacy Vietnamese encodings → NFC UTF-8, and detection by content (see legacy.h).
//
// TCVN3 and VNI are font encodings: the bytes are ordinary Windows-1252 characters that the
// ".Vn…" / "VNI-…" fonts draw as Vietnamese letters. Each decoder below turns the bytes its
// font uses into the letters (or combining marks) the font draws, and every other byte into its
// Windows-1252 character, which is what the font shows there too. Windows-1258 is a real code
// page and goes through ICU's converter. The decoded text is then NFC-normalised.
#include "text/legacy.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "text/text.h"

namespace ketnoi::text {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

void AppendUtf8(std::string& out, char32_t c) {
  uint8_t buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
}

// The combining marks of Vietnamese: the five tones and the three letter modifiers.
constexpr char32_t kGrave = 0x0300;       // huyền
constexpr char32_t kAcute = 0x0301;       // sắc
constexpr char32_t kHook = 0x0309;        // hỏi
constexpr char32_t kTilde = 0x0303;       // ngã
constexpr char32_t kDotBelow = 0x0323;    // nặng
constexpr char32_t kCircumflex = 0x0302;  // â ê ô
constexpr char32_t kBreve = 0x0306;       // ă
constexpr char32_t kHorn = 0x031B;        // ơ ư

// ---------------------------------------------------------------------------------------------
// Windows-1252, the fallback of the two font encodings for bytes their fonts do not redefine
// (0x80–0x9F: typographic quotes, dashes, …; 0xA0–0xFF: Latin-1). Undefined bytes → U+FFFD.

constexpr std::array<char32_t, 32> kWindows1252C1 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,  // 88–8F
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,  // 98–9F
};

char32_t Windows1252(uint8_t b) { return b >= 0x80 && b < 0xA0 ? kWindows1252C1[b - 0x80] : b; }

struct ByteLetter {
  uint8_t byte;
  char32_t letter;
};

// ---------------------------------------------------------------------------------------------
// TCVN3 (ABC, TCVN 5712:1993 "VN3"): one byte per precomposed small letter. VN3 has no
// capitals with a tone: files typed in ABC show capitals with the ".VnTimeH"-style fonts, whose
// small-letter positions draw capital glyphs, so "HÀ NỘI" is stored as the bytes of "hµ néi"
// (often with ASCII capitals around them: "Hµ NéI"). Nothing in the bytes says which font
// was used, so those letters decode as small letters. The positions VN3 leaves free (0x80–0xA0,
// 0xAF–0xB4, 0xBA, 0xBF–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0, 0xFF — VN1 puts capitals there)
// fall back to Windows-1252.

// clang-format off
constexpr ByteLetter kTcvn3[] = {
    // The capitals VN3 has, and their small letters.
    {0xA1, U'Ă'}, {0xA2, U'Â'}, {0xA3, U'Ê'}, {0xA4, U'Ô'}, {0xA5, U'Ơ'}, {0xA6, U'Ư'}, {0xA7, U'Đ'},
    {0xA8, U'ă'}, {0xA9, U'â'}, {0xAA, U'ê'}, {0xAB, U'ô'}, {0xAC, U'ơ'}, {0xAD, U'ư'}, {0xAE, U'đ'},
    // The toned vowels, each in the order huyền, hỏi, ngã, sắc, nặng (` ? ~ ' .).
    {0xB5, U'à'}, {0xB6, U'ả'}, {0xB7, U'ã'}, {0xB8, U'á'}, {0xB9, U'ạ'},  // a
    {0xBB, U'ằ'}, {0xBC, U'ẳ'}, {0xBD, U'ẵ'}, {0xBE, U'ắ'}, {0xC6, U'ặ'},  // ă (ặ after a gap)
    {0xC7, U'ầ'}, {0xC8, U'ẩ'}, {0xC9, U'ẫ'}, {0xCA, U'ấ'}, {0xCB, U'ậ'},  // â
    {0xCC, U'è'}, {0xCE, U'ẻ'}, {0xCF, U'ẽ'}, {0xD0, U'é'}, {0xD1, U'ẹ'},  // e (gap at CD)
    {0xD2, U'ề'}, {0xD3, U'ể'}, {0xD4, U'ễ'}, {0xD5, U'ế'}, {0xD6, U'ệ'},  // ê
    {0xD7, U'ì'}, {0xD8, U'ỉ'}, {0xDC, U'ĩ'}, {0xDD, U'í'}, {0xDE, U'ị'},  // i (gap at D9–DB)
    {0xDF, U'ò'}, {0xE1, U'ỏ'}, {0xE2, U'õ'}, {0xE3, U'ó'}, {0xE4, U'ọ'},  // o (gap at E0)
    {0xE5, U'ồ'}, {0xE6, U'ổ'}, {0xE7, U'ỗ'}, {0xE8, U'ố'}, {0xE9, U'ộ'},  // ô
    {0xEA, U'ờ'}, {0xEB, U'ở'}, {0xEC, U'ỡ'}, {0xED, U'ớ'}, {0xEE, U'ợ'},  // ơ
    {0xEF, U'ù'}, {0xF1, U'ủ'}, {0xF2, U'ũ'}, {0xF3, U'ú'}, {0xF4, U'ụ'},  // u (gap at F0)
    {0xF5, U'ừ'}, {0xF6, U'ử'}, {0xF7, U'ữ'}, {0xF8, U'ứ'}, {0xF9, U'ự'},  // ư
    {0xFA, U'ỳ'}, {0xFB, U'ỷ'}, {0xFC, U'ỹ'}, {0xFD, U'ý'}, {0xFE, U'ỵ'},  // y
};
// clang-format on

std::string DecodeTcvn3(std::string_view bytes) {
  static const std::array<char32_t, 256> table = [] {
    std::array<char32_t, 256> t{};
    for (int b = 0; b < 256; ++b) t[b] = Windows1252(static_cast<uint8_t>(b));
    for (const ByteLetter& e : kTcvn3) t[e.byte] = e.letter;
    return t;
  }();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (char c : bytes) AppendUtf8(out, table[static_cast<uint8_t>(c)]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// VNI (VNI-Windows fonts). A vowel with a tone or a modifier is its ASCII letter followed by
// one mark byte, which the font draws as a zero-width mark over (or under) the letter:
//   tone only            ù ø û õ ï (F9 F8 FB F5 EF) = sắc huyền hỏi ngã nặng    á = "aù"
//   circumflex (+ tone)  â á à å ã ä (E2 E1 E0 E5 E3 E4), after a, e, o          ấ = "aá"
//   breve (+ tone)       ê é è ú ü ë (EA E9 E8 FA FC EB), after a                ặ = "aë"
// Some letters are single bytes: đ = ñ (F1), ơ = ô (F4), ư = ö (F6) — which then take a tone
// byte like any vowel: "ngöôøi" = người — and i with a tone (í ì æ ó ò = í ì ỉ ĩ ị) and ỵ = î.
// Capitals use the same scheme with the capital Latin-1 bytes (lower-case byte − 0x20):
// "AÙ" = Á, "OÄ" = Ộ, Ñ = Đ, Ö = Ư, Ò = Ị, Î = Ỵ.
// A mark byte is decoded as its combining marks wherever it stands (that is what the font
// draws); NFC then composes it with the letter before it.

struct VniMark {
  uint8_t byte;  // the small-letter form; the capital form is byte − 0x20
  char32_t modifier;
  char32_t tone;
};

// clang-format off
constexpr VniMark kVniMarks[] = {
    // Tone only:               ù sắc, ø huyền, û hỏi, õ ngã, ï nặng.
    {0xF9, 0, kAcute}, {0xF8, 0, kGrave}, {0xFB, 0, kHook}, {0xF5, 0, kTilde}, {0xEF, 0, kDotBelow},
    // Circumflex, then tone:   â, á ấ, à ầ, å ẩ, ã ẫ, ä ậ.
    {0xE2, kCircumflex, 0},
    {0xE1, kCircumflex, kAcute}, {0xE0, kCircumflex, kGrave}, {0xE5, kCircumflex, kHook},
    {0xE3, kCircumflex, kTilde}, {0xE4, kCircumflex, kDotBelow},
    // Breve, then tone:        ê ă, é ắ, è ằ, ú ẳ, ü ẵ, ë ặ.
    {0xEA, kBreve, 0},
    {0xE9, kBreve, kAcute}, {0xE8, kBreve, kGrave}, {0xFA, kBreve, kHook},
    {0xFC, kBreve, kTilde}, {0xEB, kBreve, kDotBelow},
};

constexpr ByteLetter kVniLetters[] = {
    {0xF1, U'đ'}, {0xD1, U'Đ'},  // ñ Ñ
    {0xF4, U'ơ'}, {0xD4, U'Ơ'},  // ô Ô
    {0xF6, U'ư'}, {0xD6, U'Ư'},  // ö Ö
    {0xEC, U'ì'}, {0xCC, U'Ì'},  // ì Ì
    {0xED, U'í'}, {0xCD, U'Í'},  // í Í
    {0xE6, U'ỉ'}, {0xC6, U'Ỉ'},  // æ Æ
    {0xF3, U'ĩ'}, {0xD3, U'Ĩ'},  // ó Ó
    {0xF2, U'ị'}, {0xD2, U'Ị'},  // ò Ò
    {0xEE, U'ỵ'}, {0xCE, U'Ỵ'},  // î Î
};
// clang-format on

std::string DecodeVni(std::string_view bytes) {
  // For each byte, the one or two code points it stands for.
  static const std::array<std::array<char32_t, 2>, 256> table = [] {
    std::array<std::array<char32_t, 2>, 256> t{};
    for (int b = 0; b < 256; ++b) t[b] = {Windows1252(static_cast<uint8_t>(b)), 0};
    for (const VniMark& m : kVniMarks) {
      std::array<char32_t, 2> marks = m.modifier ? std::array<char32_t, 2>{m.modifier, m.tone}
                                                 : std::array<char32_t, 2>{m.tone, 0};
      t[m.byte] = marks;
      t[m.byte - 0x20] = marks;
    }
    for (const ByteLetter& e : kVniLetters) t[e.byte] = {e.letter, 0};
    return t;
  }();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (char c : bytes) {
    const auto& cps = table[static_cast<uint8_t>(c)];
    AppendUtf8(out, cps[0]);
    if (cps[1] != 0) AppendUtf8(out, cps[1]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Windows-1258: ICU has the code page (letters â ă ê ô ơ ư đ and their capitals as single
// bytes, the tones as the combining bytes CC grave, EC acute, D2 hook, DE tilde, F2 dot below).
// nullopt when ICU's data lacks the converter.

std::optional<std::string> DecodeWindows1258(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open("windows-1258", &err),
                                                         &ucnv_close);
  if (U_FAILURE(err) || cnv == nullptr) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  // A single-byte code page has no state between bytes, so it converts in independent chunks.
  constexpr size_t kChunk = size_t{1} << 20;
  for (size_t pos = 0; pos < bytes.size(); pos += kChunk) {
    std::string_view chunk = bytes.substr(pos, kChunk);
    icu::UnicodeString u(chunk.data(), static_cast<int32_t>(chunk.size()), cnv.get(), err);
    if (U_FAILURE(err)) return std::nullopt;
    u.toUTF8String(out);
  }
  return out;
}

// The decoded text (not yet NFC) of `bytes` in a legacy encoding.
std::optional<std::string> DecodeLegacy(std::string_view bytes, Encoding enc) {
  switch (enc) {
    case Encoding::kTcvn3:
      return DecodeTcvn3(bytes);
    case Encoding::kVni:
      return DecodeVni(bytes);
    case Encoding::kWindows1258:
      return DecodeWindows1258(bytes);
    case Encoding::kUtf8:
      break;
  }
  return std::string(bytes);
}

// ---------------------------------------------------------------------------------------------
// Detection. A decoding is scored by how many of its words that contain a non-ASCII character
// (ASCII words read the same in every encoding) are well-formed Vietnamese syllables.

enum Tone { kNoTone, kHuyen, kSac, kHoi, kNga, kNang };

Tone ToneOf(char32_t mark) {
  switch (mark) {
    case kGrave:
      return kHuyen;
    case kAcute:
      return kSac;
    case kHook:
      return kHoi;
    case kTilde:
      return kNga;
    case kDotBelow:
      return kNang;
    default:
      return kNoTone;
  }
}

// A word as its lower-case letters without the tone, and the tone.
struct Syllable {
  std::u32string letters;  // "nghiên" for "Nghiến"
  Tone tone = kNoTone;
  size_t tone_at = 0;  // the index in `letters` of the letter that carries the tone
};

const icu::Normalizer2& Nfd() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  return *nfd;
}

// Adds one code point of a canonical decomposition; false when it cannot be part of a
// Vietnamese word (a foreign letter, a symbol, a second tone, a modifier on the wrong letter).
bool AddToSyllable(Syllable& s, char32_t c) {
  if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  if (c >= 'a' && c <= 'z') {
    s.letters += c;
    return true;
  }
  if (c == U'đ' || c == U'Đ') {
    s.letters += U'đ';
    return true;
  }
  if (s.letters.empty()) return false;
  if (Tone t = ToneOf(c); t != kNoTone) {
    if (s.tone != kNoTone) return false;
    s.tone = t;
    s.tone_at = s.letters.size() - 1;
    return true;
  }
  char32_t& last = s.letters.back();
  if (c == kCircumflex && (last == 'a' || last == 'e' || last == 'o')) {
    last = last == 'a' ? U'â' : last == 'e' ? U'ê' : U'ô';
    return true;
  }
  if (c == kBreve && last == 'a') {
    last = U'ă';
    return true;
  }
  if (c == kHorn && (last == 'o' || last == 'u')) {
    last = last == 'o' ? U'ơ' : U'ư';
    return true;
  }
  return false;
}

std::optional<Syllable> SplitTone(std::u32string_view word) {
  Syllable s;
  icu::UnicodeString decomposed;
  for (char32_t c : word) {
    if (c < 0x80 || !Nfd().getDecomposition(static_cast<UChar32>(c), decomposed)) {
      if (!AddToSyllable(s, c)) return std::nullopt;
      continue;
    }
    for (int32_t i = 0; i < decomposed.length();) {
      UChar32 d = decomposed.char32At(i);
      i += U16_LENGTH(d);
      if (!AddToSyllable(s, static_cast<char32_t>(d))) return std::nullopt;
    }
  }
  return s;
}

bool IsVowel(char32_t c) {
  return std::u32string_view(U"aăâeêioôơuưy").find(c) != std::u32string_view::npos;
}

// The parts of a syllable: initial consonant, vowel nucleus (with its glides), final consonant.
constexpr std::u32string_view kInitials[] = {
    U"",  U"b",  U"c",   U"ch", U"d", U"đ",  U"g",  U"gh", U"gi", U"h", U"k",  U"kh", U"l", U"m",
    U"n", U"ng", U"ngh", U"nh", U"p", U"ph", U"qu", U"r",  U"s",  U"t", U"th", U"tr", U"v", U"x",
};
constexpr std::u32string_view kNuclei[] = {
    U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",   U"ư",
    U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",  U"ia",  U"iê",
    U"iu",  U"oa",  U"oă",  U"oe",  U"oi",  U"oo",  U"ôi",  U"ơi",  U"ua",  U"uâ",  U"uê",
    U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ươ",  U"ưu",  U"yê",  U"iêu", U"yêu",
    U"oai", U"oao", U"oay", U"oeo", U"uây", U"uôi", U"uya", U"uyê", U"uyu", U"ươi", U"ươu",
};
constexpr std::u32string_view kFinals[] = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};

template <size_t N>
bool OneOf(std::u32string_view s, const std::u32string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

// Nuclei ending in a glide (i y o u) other than "uy" and "oo": no final consonant follows
// them, and the tone never sits on the glide ("tài", not "taì"; "cứu", not "cưú").
bool EndsInGlide(std::u32string_view nucleus) {
  if (nucleus.size() < 2 || nucleus == U"uy" || nucleus == U"oo") return false;
  char32_t last = nucleus.back();
  return last == 'i' || last == 'y' || last == 'o' || last == 'u';
}

bool IsWellFormed(const Syllable& s) {
  std::u32string_view w = s.letters;
  size_t v = 0;
  while (v < w.size() && !IsVowel(w[v])) ++v;
  size_t f = v;
  while (f < w.size() && IsVowel(w[f])) ++f;
  if (v == w.size()) return false;
  std::u32string_view initial = w.substr(0, v), nucleus = w.substr(v, f - v), final = w.substr(f);
  if (std::any_of(final.begin(), final.end(), IsVowel)) return false;
  // "qu" and "gi" (before another vowel) are initials spelt with a vowel letter.
  if (initial == U"q") {
    if (nucleus.size() < 2 || nucleus[0] != 'u') return false;
    initial = U"qu";
    nucleus.remove_prefix(1);
  } else if (initial == U"g" && nucleus.size() >= 2 && nucleus[0] == 'i') {
    initial = U"gi";
    nucleus.remove_prefix(1);
  }
  if (!OneOf(initial, kInitials) || !OneOf(nucleus, kNuclei) || !OneOf(final, kFinals))
    return false;
  // ă and â are never the end of a syllable ("ăn", "âu", but no "ă").
  char32_t last_vowel = nucleus.back();
  if (final.empty() && (last_vowel == U'ă' || last_vowel == U'â')) return false;
  if (EndsInGlide(nucleus) && !final.empty()) return false;
  if (s.tone != kNoTone) {
    // The tone sits on a vowel of the nucleus, and not on a closing glide.
    if (s.tone_at < f - nucleus.size() || s.tone_at >= f) return false;
    if (EndsInGlide(nucleus) && s.tone_at == f - 1) return false;
  }
  // A syllable closed by c, ch, p or t only takes sắc or nặng.
  bool stop = final == U"c" || final == U"ch" || final == U"p" || final == U"t";
  return !stop || s.tone == kSac || s.tone == kNang;
}

std::u32string SyllableKey(const Syllable& s) {
  return s.letters + static_cast<char32_t>(U'0' + static_cast<int>(s.tone));
}

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t len = static_cast<int32_t>(utf8.size()), i = 0;
  while (i < len) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    out += c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
  }
  return out;
}

// Frequent syllables of registry texts; a decoding that produces them earns a bonus.
const std::unordered_set<std::u32string>& CommonSyllables() {
  static const std::unordered_set<std::u32string> set = [] {
    constexpr std::string_view kWords[] = {
        "nghiên", "cứu",  "của",    "và",   "các",    "thành", "phố",   "hà",   "nội",
        "việt",   "được", "người",  "công", "nghệ",   "học",   "ứng",   "dụng", "phát",
        "triển",  "quản", "lý",     "đề",   "tài",    "nhiệm", "vụ",    "sở",   "với",
        "năm",    "đồng", "tại",    "một",  "những",  "có",    "không", "sản",  "xuất",
        "chủ",    "trì",  "cơ",     "đại",  "quốc",   "kỹ",    "thuật", "tế",   "xã",
        "hội",    "mới",  "trường", "viện", "chất",   "lượng", "đánh",  "giá",  "hệ",
        "thống",  "tỉnh", "môi",    "nông", "nghiệp", "giống", "lĩnh",  "vực",  "điểm",
    };
    std::unordered_set<std::u32string> s;
    for (std::string_view w : kWords)
      if (auto syl = SplitTone(DecodeUtf8(w))) s.insert(SyllableKey(*syl));
    return s;
  }();
  return set;
}

// Word boundaries for scoring: ASCII other than letters, white space, and the General
// Punctuation block (curly quotes, dashes, ellipsis). Any other non-ASCII character — Latin-1
// symbols a wrong decoding produces, like '¸' or 'µ' — stays inside its word and spoils it.
bool IsBoundary(char32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || (c >= 0x2010 && c <= 0x2027);
}

// (well-formed + ½ × common) / words, over the words with a non-ASCII character; 0 if none.
double VietnameseScore(std::string_view decoded) {
  const auto& common = CommonSyllables();
  int words = 0;
  double points = 0;
  std::u32string text = DecodeUtf8(decoded), word;
  bool non_ascii = false;
  auto finish = [&] {
    if (non_ascii) {
      ++words;
      if (auto s = SplitTone(word); s && IsWellFormed(*s))
        points += common.count(SyllableKey(*s)) ? 1.5 : 1.0;
    }
    word.clear();
    non_ascii = false;
  };
  for (char32_t c : text) {
    if (IsBoundary(c)) {
      finish();
    } else {
      word += c;
      non_ascii = non_ascii || c >= 0x80;
    }
  }
  finish();
  return words == 0 ? 0.0 : points / words;
}

// At most 64 KiB of the input for scoring: the lines that have a non-ASCII byte.
std::string_view DetectionSample(std::string_view bytes, std::string& storage) {
  constexpr size_t kMax = 64 * 1024;
  if (bytes.size() <= kMax) return bytes;
  for (size_t pos = 0; pos < bytes.size() && storage.size() < kMax;) {
    size_t end = bytes.find('\n', pos);
    end = end == std::string_view::npos ? bytes.size() : end + 1;
    std::string_view line = bytes.substr(pos, end - pos);
    if (std::any_of(line.begin(), line.end(), [](char c) { return (c & 0x80) != 0; }))
      storage.append(line.substr(0, kMax - storage.size()));
    pos = end;
  }
  return storage;
}

// The offset of the first ill-formed UTF-8 sequence, or nullopt.
std::optional<size_t> FirstBadUtf8(std::string_view s) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t len =
      static_cast<int32_t>(std::min<size_t>(s.size(), std::numeric_limits<int32_t>::max()));
  for (int32_t i = 0; i < len;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::nullopt;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kWindows1258:
      return "windows-1258";
    case Encoding::kTcvn3:
      return "tcvn3";
    case Encoding::kVni:
      return "vni";
  }
  return "utf-8";
}

std::optional<Encoding> ParseEncodingName(std::string_view name) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  struct Spelling {
    std::string_view name;
    Encoding encoding;
  };
  static constexpr Spelling kSpellings[] = {
      {"utf8", Encoding::kUtf8},          {"utf-8", Encoding::kUtf8},
      {"cp1258", Encoding::kWindows1258}, {"windows-1258", Encoding::kWindows1258},
      {"tcvn3", Encoding::kTcvn3},        {"abc", Encoding::kTcvn3},
      {"tcvn", Encoding::kTcvn3},         {"vni", Encoding::kVni},
      {"vni-windows", Encoding::kVni},
  };
  std::string lower = AsciiLower(name);
  for (const Spelling& s : kSpellings)
    if (s.name == lower) return s.encoding;
  return std::nullopt;
}

Encoding DetectEncoding(std::string_view bytes) {
  // A BOM is decisive even when invalid UTF-8 follows: ToUtf8 then reports where.
  if (bytes.substr(0, kBom.size()) == kBom || FirstBadUtf8(bytes) == std::nullopt)
    return Encoding::kUtf8;
  std::string storage;
  std::string_view sample = DetectionSample(bytes, storage);
  // Windows-1258 first: on a tie (nothing Vietnamese-looking anywhere) the Vietnamese ANSI
  // code page is the likeliest origin of a spreadsheet export.
  Encoding best = Encoding::kWindows1258;
  double best_score = -1;
  for (Encoding enc : {Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni}) {
    std::optional<std::string> decoded = DecodeLegacy(sample, enc);
    if (!decoded) continue;
    double score = VietnameseScore(*decoded);
    if (score > best_score) {
      best = enc;
      best_score = score;
    }
  }
  return best;
}

Result<std::string> ToUtf8(std::string_view bytes, Encoding enc) {
  size_t skipped = 0;
  if (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    skipped = kBom.size();
  }
  if (enc == Encoding::kUtf8) {
    if (std::optional<size_t> bad = FirstBadUtf8(bytes))
      return Status::Invalid(
          Message("text.bad_utf8", {{"offset", std::to_string(*bad + skipped)}}));
    return Nfc(bytes);
  }
  std::optional<std::string> decoded = DecodeLegacy(bytes, enc);
  if (!decoded)
    return Status::Internal(
        Message("text.no_converter", {{"encoding", std::string(EncodingName(enc))}}));
  return Nfc(*decoded);
}

}  // namespace ketnoi::text
