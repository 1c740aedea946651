#pragma once
// The OAI-PMH 2.0 provider (https://www.openarchives.org/OAI/openarchivesprotocol.html): the six
// verbs over the public tasks of the registry, in two metadata formats — oai_dc (unqualified
// Dublin Core) and `ketnoi`, every field of a task (element names loosely after the OpenAIRE
// guidelines for CRIS managers; its schema is KetnoiMetadataSchema()). No HTTP types here: the
// route (web/oai_routes.cpp) hands over the request's arguments and sends back the document.
//
// Items: every public task, and every task the provider once showed as public that is no longer
// public (made restricted or secret, or deleted) as a header with status="deleted"
// (deletedRecord = persistent). A task that was never public is never mentioned. Identifiers
// are "oai:ketnoi.hanoi.gov.vn:task/<id>"; datestamps are the task's updated_at (UTC, seconds),
// for a deleted item the time of the first change after it was last shown. Lists are ordered
// by task id and paged with stateless resumption tokens (see OaiTokenState).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "registry/repo.h"
#include "store/db.h"

namespace ketnoi::exchange {

inline constexpr int kOaiPageSize = 100;
inline constexpr std::chrono::hours kOaiTokenLifetime{24};
inline constexpr std::string_view kOaiIdentifierPrefix = "oai:ketnoi.hanoi.gov.vn:task/";
inline constexpr std::string_view kOaiKetnoiNamespace = "https://ketnoi.hanoi.gov.vn/oai/ketnoi/";

enum class OaiVerb {
  kIdentify,
  kListMetadataFormats,
  kListSets,
  kGetRecord,
  kListIdentifiers,
  kListRecords
};
std::string_view OaiVerbName(OaiVerb verb);
std::optional<OaiVerb> OaiVerbFromName(std::string_view name);

enum class OaiErrorCode {
  kBadArgument,
  kBadResumptionToken,
  kBadVerb,
  kCannotDisseminateFormat,
  kIdDoesNotExist,
  kNoRecordsMatch,
  kNoMetadataFormats,  // never raised: every item is available in every format
  kNoSetHierarchy,     // never raised: the repository has sets
};
std::string_view OaiErrorCodeName(OaiErrorCode code);

struct OaiError {
  OaiErrorCode code = OaiErrorCode::kBadArgument;
  Message message;  // an "oai.*" catalog id with its parameters
};

// The arguments as they arrived (the query string of a GET, the urlencoded body of a POST),
// decoded, in order, repetitions kept.
using OaiArguments = std::vector<std::pair<std::string, std::string>>;

// A request after ParseOaiArguments: the verb and its arguments, checked for presence,
// repetition, exclusivity and syntax — but not against the store (formats, identifiers, sets
// and tokens are the provider's business).
struct OaiParsed {
  std::optional<OaiVerb> verb;
  std::optional<std::string> identifier, metadata_prefix, set, from, until, resumption_token;
  // from/until as inclusive "YYYY-MM-DDThh:mm:ssZ" bounds (a day-granularity until ends at
  // 23:59:59); empty when not given.
  std::string from_bound, until_bound;
  // badVerb or badArgument errors; when any, the response echoes the base URL only.
  std::vector<OaiError> errors;
  bool ok() const { return errors.empty(); }
};

// Pure (no store, no clock, no global state); any input is safe, so it is a fuzz target.
OaiParsed ParseOaiArguments(const OaiArguments& arguments);

// A datestamp argument: "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ" → the inclusive bound
// ("…T00:00:00Z" for a day used as `from`, "…T23:59:59Z" as `until`); nullopt when invalid.
std::optional<std::string> OaiDateBound(std::string_view value, bool is_until);

// "oai:ketnoi.hanoi.gov.vn:task/<id>" ↔ task id.
std::string OaiIdentifier(int64_t task_id);
std::optional<int64_t> OaiTaskId(std::string_view identifier);

// A set spec component for a free-text name (a data source): characters the setSpec syntax
// allows are kept, every other byte (and '~') is written ~XX (hex). Reversible.
std::string OaiSetComponent(std::string_view name);
std::optional<std::string> OaiSetComponentDecode(std::string_view component);

// Text for XML element content or attribute values: NFC, invalid UTF-8 replaced by U+FFFD,
// characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) dropped,
// and & < > " escaped (CR, and in attributes also tab and LF, as character references).
std::string XmlText(std::string_view text, bool attribute = false);

// What a resumption token carries. It is the request itself (nothing is kept on the server):
// the list, its filters, where the next page starts, how far the harvest got, and when the token
// stops being valid. Signed (keyed BLAKE2b) with a secret kept in the store, so it survives a
// restart and any change makes it invalid.
struct OaiTokenState {
  OaiVerb verb = OaiVerb::kListRecords;  // kListIdentifiers or kListRecords
  std::string metadata_prefix, set;
  std::string from_bound, until_bound;  // as in OaiParsed; "" when not given
  int64_t after_id = 0;                 // the last task id returned so far
  int64_t cursor = 0;                   // items returned before the next page
  int64_t complete_list_size = 0;       // counted when the harvest began
  int64_t expires = 0;                  // Unix seconds
  bool operator==(const OaiTokenState&) const = default;
};
std::string EncodeResumptionToken(const OaiTokenState& state, std::string_view secret);
// nullopt when the token is malformed or its signature does not match (expiry is not checked).
std::optional<OaiTokenState> DecodeResumptionToken(std::string_view token, std::string_view secret);

// The secret that signs resumption tokens: created once (random) in table oai_secret.
Result<std::string> OaiTokenSecret(store::Db& db, const Clock& clock);

// The XML schema of the `ketnoi` metadata format.
std::string_view KetnoiMetadataSchema();

struct OaiOptions {
  // The site's address ("https://ketnoi.hanoi.gov.vn", no trailing slash): the base URL is
  // site_url + "/oai", a task's page site_url + "/tasks/<id>".
  std::string site_url = "http://127.0.0.1:8080";
  std::string admin_email = "skhcn@hanoi.gov.vn";
  int page_size = kOaiPageSize;
  std::chrono::seconds token_lifetime = kOaiTokenLifetime;
};

struct OaiRequest {
  OaiArguments arguments;
  std::string lang = "vi";  // of error messages and set names ("vi" or "en")
};

class OaiProvider {
 public:
  OaiProvider(registry::Registry& registry, const Clock& clock, OaiOptions options)
      : registry_(registry), clock_(clock), options_(std::move(options)) {}

  // The response document (UTF-8 XML; protocol errors are documents too). An error Status only
  // when the store fails.
  Result<std::string> Handle(const OaiRequest& request);

 private:
  registry::Registry& registry_;
  const Clock& clock_;
  OaiOptions options_;
};

}  // namespace ketnoi::exchange
