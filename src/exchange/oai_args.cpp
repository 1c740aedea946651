// The OAI-PMH arguments, identifiers, set specs, XML text and resumption tokens: the pure
// part of oai.h (no store, no clock), compiled on its own so the fuzz target (fuzz/oai_fuzz.cpp)
// needs only core and text. The provider itself is in oai.cpp.
#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "core/crypto.h"
#include "exchange/oai.h"
#include "exchange/oai_internal.h"
#include "text/text.h"

namespace ketnoi::exchange::internal {

// At most `max` bytes of `s`, cut at a character boundary, "…" added when cut.
std::string Clip(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "…";
}

}  // namespace ketnoi::exchange::internal

namespace ketnoi::exchange {

namespace {

using internal::Clip;

constexpr std::string_view kTokenContext = "ketnoi-oai-resumption-token\n";
constexpr size_t kTokenMacBytes = 16;

constexpr std::array<std::pair<OaiVerb, std::string_view>, 6> kVerbs = {{
    {OaiVerb::kIdentify, "Identify"},
    {OaiVerb::kListMetadataFormats, "ListMetadataFormats"},
    {OaiVerb::kListSets, "ListSets"},
    {OaiVerb::kGetRecord, "GetRecord"},
    {OaiVerb::kListIdentifiers, "ListIdentifiers"},
    {OaiVerb::kListRecords, "ListRecords"},
}};

// ---------------------------------------------------------------------------------------------
// Syntax of arguments.

// The characters of a metadataPrefix and of each component of a setSpec (OAI-PMH.xsd).
bool SpecChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
}

bool ValidPrefix(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), SpecChar);
}

bool ValidSetSpec(std::string_view s) {
  if (s.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t colon = s.find(':', start);
    std::string_view part =
        s.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    if (!ValidPrefix(part)) return false;
    if (colon == std::string_view::npos) return true;
    start = colon + 1;
  }
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(char c) { return c <= '9' ? c - '0' : (c >= 'a' ? c - 'a' + 10 : c - 'A' + 10); }

// An absolute URI in ASCII (RFC 3986 characters, '%' followed by two hex digits, at most one
// '#', no IP-literal brackets): what an OAI identifier must be, and what the schema's anyURI
// accepts when the request is echoed. Anything else is an argument of illegal syntax.
bool ValidUri(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == s.size()) return false;
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!alpha(s[0])) return false;
  for (size_t i = 1; i < colon; ++i)
    if (!alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9') && s[i] != '+' && s[i] != '-' && s[i] != '.')
      return false;
  if (std::count(s.begin(), s.end(), '#') > 1) return false;
  for (size_t i = colon + 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return false;
      i += 2;
      continue;
    }
    bool ok = alpha(c) || (c >= '0' && c <= '9') ||
              std::string_view("-._~:/?#@!$&'()*+,;=").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool ValidDay(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= (m == 2 && leap ? 29 : kDays[m - 1]);
}

// ---------------------------------------------------------------------------------------------
// base64url without padding, for resumption tokens.

constexpr std::string_view kB64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64Url(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
                 static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8 |
                 static_cast<unsigned char>(in[i + 2]);
    out += kB64[v >> 18 & 63];
    out += kB64[v >> 12 & 63];
    out += kB64[v >> 6 & 63];
    out += kB64[v & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16;
    out += kB64[v >> 18 & 63];
    out += kB64[v >> 12 & 63];
  } else if (i + 2 == in.size()) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
                 static_cast<uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
    out += kB64[v >> 18 & 63];
    out += kB64[v >> 12 & 63];
    out += kB64[v >> 6 & 63];
  }
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kB64.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    acc = acc << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(acc >> bits & 0xFF);
    }
  }
  if (acc & ((1u << bits) - 1)) return std::nullopt;  // non-canonical trailing bits
  return out;
}

std::optional<int64_t> ParseCount(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string_view OaiVerbName(OaiVerb verb) {
  for (const auto& [v, name] : kVerbs)
    if (v == verb) return name;
  return "";
}

std::optional<OaiVerb> OaiVerbFromName(std::string_view name) {
  for (const auto& [v, n] : kVerbs)
    if (n == name) return v;
  return std::nullopt;
}

std::string_view OaiErrorCodeName(OaiErrorCode code) {
  switch (code) {
    case OaiErrorCode::kBadArgument:
      return "badArgument";
    case OaiErrorCode::kBadResumptionToken:
      return "badResumptionToken";
    case OaiErrorCode::kBadVerb:
      return "badVerb";
    case OaiErrorCode::kCannotDisseminateFormat:
      return "cannotDisseminateFormat";
    case OaiErrorCode::kIdDoesNotExist:
      return "idDoesNotExist";
    case OaiErrorCode::kNoRecordsMatch:
      return "noRecordsMatch";
    case OaiErrorCode::kNoMetadataFormats:
      return "noMetadataFormats";
    case OaiErrorCode::kNoSetHierarchy:
      return "noSetHierarchy";
  }
  return "badArgument";
}

std::optional<std::string> OaiDateBound(std::string_view v, bool is_until) {
  int y = 0, m = 0, d = 0;
  if (v.size() != 10 && v.size() != 20) return std::nullopt;
  if (v[4] != '-' || v[7] != '-' || !ParseDigits(v.substr(0, 4), y) ||
      !ParseDigits(v.substr(5, 2), m) || !ParseDigits(v.substr(8, 2), d) || !ValidDay(y, m, d))
    return std::nullopt;
  if (v.size() == 10) return std::string(v) + (is_until ? "T23:59:59Z" : "T00:00:00Z");
  int hh = 0, mm = 0, ss = 0;
  if (v[10] != 'T' || v[13] != ':' || v[16] != ':' || v[19] != 'Z' ||
      !ParseDigits(v.substr(11, 2), hh) || !ParseDigits(v.substr(14, 2), mm) ||
      !ParseDigits(v.substr(17, 2), ss) || hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  return std::string(v);
}

OaiParsed ParseOaiArguments(const OaiArguments& arguments) {
  OaiParsed p;
  auto bad = [&](Message m) { p.errors.push_back({OaiErrorCode::kBadArgument, std::move(m)}); };

  // The verb first: without a valid one nothing else is looked at.
  std::vector<const std::string*> verbs;
  for (const auto& [k, v] : arguments)
    if (k == "verb") verbs.push_back(&v);
  if (verbs.empty()) {
    p.errors.push_back({OaiErrorCode::kBadVerb, Message("oai.verb_missing")});
    return p;
  }
  if (verbs.size() > 1) {
    p.errors.push_back({OaiErrorCode::kBadVerb, Message("oai.verb_repeated")});
    return p;
  }
  p.verb = OaiVerbFromName(*verbs.front());
  if (!p.verb) {
    p.errors.push_back(
        {OaiErrorCode::kBadVerb, Message("oai.verb_unknown", {{"verb", Clip(*verbs.front())}})});
    return p;
  }
  const OaiVerb verb = *p.verb;
  const std::string verb_name(OaiVerbName(verb));

  // Which arguments the verb takes.
  auto slot = [&](std::string_view name) -> std::optional<std::string>* {
    bool list = verb == OaiVerb::kListIdentifiers || verb == OaiVerb::kListRecords;
    if (name == "identifier" &&
        (verb == OaiVerb::kGetRecord || verb == OaiVerb::kListMetadataFormats))
      return &p.identifier;
    if (name == "metadataPrefix" && (verb == OaiVerb::kGetRecord || list))
      return &p.metadata_prefix;
    if (name == "from" && list) return &p.from;
    if (name == "until" && list) return &p.until;
    if (name == "set" && list) return &p.set;
    if (name == "resumptionToken" && (list || verb == OaiVerb::kListSets))
      return &p.resumption_token;
    return nullptr;
  };
  std::set<std::string> repeated;
  for (const auto& [k, v] : arguments) {
    if (k == "verb") continue;
    std::optional<std::string>* target = slot(k);
    if (!target) {
      bad(Message("oai.argument_unknown", {{"name", Clip(k)}, {"verb", verb_name}}));
      continue;
    }
    if (*target) {
      if (repeated.insert(k).second) bad(Message("oai.argument_repeated", {{"name", k}}));
      continue;
    }
    *target = v;
  }
  // Each argument once: a repeated one is not looked at further.
  auto given = [&](const std::optional<std::string>& v, std::string_view name) {
    return v && !repeated.count(std::string(name));
  };

  // Exclusive resumptionToken; required arguments.
  if (p.resumption_token) {
    if (p.metadata_prefix || p.from || p.until || p.set) bad(Message("oai.token_exclusive"));
  } else {
    auto require = [&](const std::optional<std::string>& v, std::string_view name) {
      if (!v) bad(Message("oai.argument_missing", {{"name", std::string(name)}}));
    };
    if (verb == OaiVerb::kGetRecord) require(p.identifier, "identifier");
    if (verb == OaiVerb::kGetRecord || verb == OaiVerb::kListIdentifiers ||
        verb == OaiVerb::kListRecords)
      require(p.metadata_prefix, "metadataPrefix");
  }

  // Syntax.
  if (given(p.identifier, "identifier") && !ValidUri(*p.identifier))
    bad(Message("oai.bad_identifier", {{"value", Clip(*p.identifier)}}));
  if (given(p.metadata_prefix, "metadataPrefix") && !ValidPrefix(*p.metadata_prefix))
    bad(Message("oai.bad_prefix", {{"value", Clip(*p.metadata_prefix)}}));
  if (given(p.set, "set") && !ValidSetSpec(*p.set))
    bad(Message("oai.bad_set", {{"value", Clip(*p.set)}}));
  if (given(p.resumption_token, "resumptionToken") && p.resumption_token->empty())
    bad(Message("oai.argument_empty", {{"name", "resumptionToken"}}));
  bool dates_ok = true;
  if (given(p.from, "from")) {
    if (auto b = OaiDateBound(*p.from, false))
      p.from_bound = *b;
    else {
      bad(Message("oai.bad_date", {{"name", "from"}, {"value", Clip(*p.from)}}));
      dates_ok = false;
    }
  }
  if (given(p.until, "until")) {
    if (auto b = OaiDateBound(*p.until, true))
      p.until_bound = *b;
    else {
      bad(Message("oai.bad_date", {{"name", "until"}, {"value", Clip(*p.until)}}));
      dates_ok = false;
    }
  }
  if (dates_ok && !p.from_bound.empty() && !p.until_bound.empty()) {
    if (p.from->size() != p.until->size())
      bad(Message("oai.granularity_mismatch"));
    else if (*p.from > *p.until)
      bad(Message("oai.from_after_until", {{"from", *p.from}, {"until", *p.until}}));
  }
  return p;
}

std::string OaiIdentifier(int64_t task_id) {
  return std::string(kOaiIdentifierPrefix) + std::to_string(task_id);
}

std::optional<int64_t> OaiTaskId(std::string_view identifier) {
  if (identifier.substr(0, kOaiIdentifierPrefix.size()) != kOaiIdentifierPrefix)
    return std::nullopt;
  std::string_view digits = identifier.substr(kOaiIdentifierPrefix.size());
  if (digits.empty() || digits.size() > 18 || digits[0] == '0') return std::nullopt;
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || id <= 0) return std::nullopt;
  return id;
}

std::string OaiSetComponent(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    if (SpecChar(c) && c != '~') {
      out += c;
    } else {
      auto b = static_cast<unsigned char>(c);
      out += '~';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

std::optional<std::string> OaiSetComponentDecode(std::string_view component) {
  if (component.empty()) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < component.size(); ++i) {
    char c = component[i];
    if (c == '~') {
      if (i + 2 >= component.size() || !IsHex(component[i + 1]) || !IsHex(component[i + 2]))
        return std::nullopt;
      out += static_cast<char>(HexValue(component[i + 1]) * 16 + HexValue(component[i + 2]));
      i += 2;
    } else if (SpecChar(c)) {
      out += c;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string XmlText(std::string_view raw, bool attribute) {
  std::string text = text::Nfc(raw);
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      default:
        break;
    }
    if (c < 0x20) continue;  // other C0 controls are not XML characters
    // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
         static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::string EncodeResumptionToken(const OaiTokenState& s, std::string_view secret) {
  std::string payload = "1\n" + std::string(OaiVerbName(s.verb)) + "\n" + s.metadata_prefix + "\n" +
                        s.set + "\n" + s.from_bound + "\n" + s.until_bound + "\n" +
                        std::to_string(s.after_id) + "\n" + std::to_string(s.cursor) + "\n" +
                        std::to_string(s.complete_list_size) + "\n" + std::to_string(s.expires);
  std::string body = Base64Url(payload);
  std::string mac =
      crypto::KeyedBlake2bHex(secret, std::string(kTokenContext) + body, kTokenMacBytes);
  return body + "." + mac;
}

std::optional<OaiTokenState> DecodeResumptionToken(std::string_view token,
                                                   std::string_view secret) {
  if (token.size() > 2048) return std::nullopt;
  size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view body = token.substr(0, dot);
  std::string_view mac = token.substr(dot + 1);
  std::string expected = crypto::KeyedBlake2bHex(
      secret, std::string(kTokenContext) + std::string(body), kTokenMacBytes);
  if (!crypto::ConstantTimeEqual(mac, expected)) return std::nullopt;
  auto payload = FromBase64Url(body);
  if (!payload) return std::nullopt;
  std::vector<std::string_view> f;
  std::string_view rest = *payload;
  while (true) {
    size_t nl = rest.find('\n');
    f.push_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  if (f.size() != 10 || f[0] != "1") return std::nullopt;
  OaiTokenState s;
  auto verb = OaiVerbFromName(f[1]);
  if (!verb || (*verb != OaiVerb::kListIdentifiers && *verb != OaiVerb::kListRecords))
    return std::nullopt;
  s.verb = *verb;
  if (!ValidPrefix(f[2]) || (!f[3].empty() && !ValidSetSpec(f[3]))) return std::nullopt;
  s.metadata_prefix = std::string(f[2]);
  s.set = std::string(f[3]);
  if ((!f[4].empty() && f[4].size() != 20) || (!f[5].empty() && f[5].size() != 20))
    return std::nullopt;
  s.from_bound = std::string(f[4]);
  s.until_bound = std::string(f[5]);
  auto after = ParseCount(f[6]), cursor = ParseCount(f[7]), size = ParseCount(f[8]),
       expires = ParseCount(f[9]);
  if (!after || !cursor || !size || !expires) return std::nullopt;
  s.after_id = *after;
  s.cursor = *cursor;
  s.complete_list_size = *size;
  s.expires = *expires;
  return s;
}

}  // namespace ketnoi::exchange
