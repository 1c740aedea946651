// OAI-PMH arguments (exchange/oai.h): the request parser, datestamps, identifiers, set-spec
// components, XML text and resumption tokens. Any bytes give an answer, never a crash, and what
// is accepted keeps its promises: a parsed request has a verb and well-formed bounds, encoded
// values decode back, a token that decodes encodes to the same state.
//
// The input is split into a selector byte and a query: "name=value" pairs joined by '&' (bytes
// as they are, no percent-decoding — the route has already decoded them).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/crypto.h"
#include "exchange/oai.h"

namespace {

using namespace ketnoi::exchange;

constexpr std::string_view kSecret = "fuzz-secret";
constexpr std::string_view kB64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

std::string Base64Url(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = acc << 8 | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kB64[acc >> bits & 63];
    }
  }
  if (bits > 0) out += kB64[acc << (6 - bits) & 63];
  return out;
}

// A token with a valid signature over `body`, so the payload parser is reached.
std::string Signed(std::string_view body) {
  return std::string(body) + "." +
         ketnoi::crypto::KeyedBlake2bHex(kSecret,
                                         "ketnoi-oai-resumption-token\n" + std::string(body), 16);
}

bool IsBound(const std::string& b) {
  return b.empty() || (b.size() == 20 && b[4] == '-' && b[10] == 'T' && b.back() == 'Z');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);

  // The request parser.
  OaiArguments args;
  size_t start = 0;
  while (start <= in.size()) {
    size_t amp = in.find('&', start);
    if (amp == std::string_view::npos) amp = in.size();
    std::string_view pair = in.substr(start, amp - start);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos)
      args.emplace_back(std::string(pair), "");
    else
      args.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    start = amp + 1;
  }
  OaiParsed p = ParseOaiArguments(args);
  if (p.ok()) Check(p.verb.has_value());
  Check(IsBound(p.from_bound) && IsBound(p.until_bound));
  for (const OaiError& e : p.errors) Check(!OaiErrorCodeName(e.code).empty());

  // Datestamps.
  for (bool until : {false, true})
    if (auto b = OaiDateBound(in, until)) Check(b->size() == 20 && IsBound(*b));

  // Identifiers: what parses prints back the same.
  if (auto id = OaiTaskId(in)) Check(*id > 0 && OaiIdentifier(*id) == in);

  // Set-spec components: encoding is reversible, decoding gives what encodes back.
  if (!in.empty()) {
    std::string encoded = OaiSetComponent(in);
    auto back = OaiSetComponentDecode(encoded);
    Check(back && *back == in);
  }
  if (auto decoded = OaiSetComponentDecode(in)) {
    auto again = OaiSetComponentDecode(OaiSetComponent(*decoded));
    Check(again && *again == *decoded);
  }

  // XML text: nothing that could open markup or end an attribute survives.
  std::string xml = XmlText(in, selector & 1);
  Check(xml.find_first_of("<>\"") == std::string::npos);

  // Resumption tokens: as given (almost always refused), and signed so the payload is parsed —
  // raw bytes as the base64url body, or the bytes base64url-encoded.
  std::string body = (selector & 2) ? Base64Url(in) : std::string(in);
  for (const std::string& token : {std::string(in), Signed(body)}) {
    auto state = DecodeResumptionToken(token, kSecret);
    if (!state) continue;
    auto again = DecodeResumptionToken(EncodeResumptionToken(*state, kSecret), kSecret);
    Check(again && *again == *state);
    Check(!DecodeResumptionToken(token, "another-secret"));
  }
  return 0;
}
