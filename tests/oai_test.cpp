// The OAI-PMH provider: the library's pure parts (argument parsing, XML text, tokens, set specs)
// and the provider behind a real server on a demo corpus of 250 tasks. Every response the tests
// receive is validated with xmllint against the official OAI-PMH schema (with oai_dc), or, for
// the `ketnoi` format, against OAI-PMH.xsd plus the format's own schema served at
// /oai/ketnoi.xsd. The schemas: ../shared/schemas next to the repository, else
// tests/data/oai-schemas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/messages.h"
#include "exchange/oai.h"
#include "registry/repo.h"
#include "site_fixture.h"

namespace ketnoi {
namespace {

namespace fs = std::filesystem;
using exchange::OaiArguments;
using exchange::OaiErrorCode;
using exchange::OaiVerb;
using test_support::HttpReply;

constexpr auto npos = std::string::npos;

std::chrono::system_clock::time_point At(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

// ---------------------------------------------------------------------------------------------
// Reading responses (plain string scanning: the documents are generated, not hand-written).

// The text of every <tag …>text</tag> (not nested), in order.
std::vector<std::string> Elements(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = xml.find("<" + tag, pos)) != npos) {
    size_t after = pos + tag.size() + 1;
    if (after >= xml.size() || (xml[after] != '>' && xml[after] != ' ')) {
      pos = after;
      continue;
    }
    size_t gt = xml.find('>', pos);
    if (xml[gt - 1] == '/') {
      out.emplace_back();
      pos = gt;
      continue;
    }
    size_t end = xml.find("</" + tag + ">", gt);
    out.push_back(xml.substr(gt + 1, end - gt - 1));
    pos = end;
  }
  return out;
}

// The first start tag of an element, "<tag a="1" b="2">" (empty when absent).
std::string StartTag(const std::string& xml, const std::string& tag) {
  size_t pos = 0;
  while ((pos = xml.find("<" + tag, pos)) != npos) {
    size_t after = pos + tag.size() + 1;
    if (xml[after] == '>' || xml[after] == ' ' || xml[after] == '/')
      return xml.substr(pos, xml.find('>', pos) - pos + 1);
    pos = after;
  }
  return "";
}

std::string Attr(const std::string& start_tag, const std::string& name) {
  size_t p = start_tag.find(" " + name + "=\"");
  if (p == npos) return "";
  p += name.size() + 3;
  return start_tag.substr(p, start_tag.find('"', p) - p);
}

std::vector<std::string> ErrorCodes(const std::string& xml) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = xml.find("<error ", pos)) != npos) {
    std::string tag = xml.substr(pos, xml.find('>', pos) - pos + 1);
    out.push_back(Attr(tag, "code"));
    ++pos;
  }
  return out;
}

struct Header {
  int64_t id = 0;
  std::string datestamp;
  bool deleted = false;
  std::vector<std::string> sets;
};

std::vector<Header> Headers(const std::string& xml) {
  std::vector<Header> out;
  size_t pos = 0;
  while ((pos = xml.find("<header", pos)) != npos) {
    size_t end = xml.find("</header>", pos);
    std::string h = xml.substr(pos, end - pos);
    Header hd;
    hd.deleted = StartTag(h, "header").find("status=\"deleted\"") != npos;
    std::string id = Elements(h, "identifier").at(0);
    std::string prefix(exchange::kOaiIdentifierPrefix);
    EXPECT_EQ(id.rfind(prefix, 0), 0u) << id;
    hd.id = std::stoll(id.substr(prefix.size()));
    hd.datestamp = Elements(h, "datestamp").at(0);
    hd.sets = Elements(h, "setSpec");
    out.push_back(std::move(hd));
    pos = end;
  }
  return out;
}

std::string Token(const std::string& xml) {
  auto t = Elements(xml, "resumptionToken");
  return t.empty() ? "" : t.front();
}

bool RequestHasAttributes(const std::string& xml) {
  return StartTag(xml, "request").find('=') != npos;
}

// ---------------------------------------------------------------------------------------------
// Unit tests of the library's pure parts.

struct ParseCase {
  OaiArguments args;
  std::vector<OaiErrorCode> errors;  // empty: accepted
};

TEST(OaiParse, ArgumentsAreCheckedForPresenceRepetitionAndSyntax) {
  using E = OaiErrorCode;
  const std::vector<ParseCase> cases = {
      {{}, {E::kBadVerb}},
      {{{"verb", "Nope"}}, {E::kBadVerb}},
      {{{"verb", "Identify"}, {"verb", "Identify"}}, {E::kBadVerb}},
      {{{"verb", "identify"}}, {E::kBadVerb}},
      {{{"verb", "Identify"}}, {}},
      {{{"verb", "Identify"}, {"set", "x"}}, {E::kBadArgument}},
      {{{"verb", "ListMetadataFormats"}}, {}},
      {{{"verb", "ListMetadataFormats"}, {"identifier", "oai:ketnoi.hanoi.gov.vn:task/1"}}, {}},
      {{{"verb", "ListMetadataFormats"}, {"identifier", "khong phai uri"}}, {E::kBadArgument}},
      {{{"verb", "ListSets"}}, {}},
      {{{"verb", "ListSets"}, {"resumptionToken", "abc"}}, {}},
      {{{"verb", "ListSets"}, {"metadataPrefix", "oai_dc"}}, {E::kBadArgument}},
      {{{"verb", "GetRecord"}, {"identifier", "oai:x:1"}, {"metadataPrefix", "oai_dc"}}, {}},
      {{{"verb", "GetRecord"}, {"identifier", "oai:x:1"}}, {E::kBadArgument}},
      {{{"verb", "GetRecord"}, {"metadataPrefix", "oai_dc"}}, {E::kBadArgument}},
      {{{"verb", "GetRecord"}}, {E::kBadArgument, E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}}, {}},
      {{{"verb", "ListRecords"}}, {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "a"}, {"metadataPrefix", "a"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "oai dc"}}, {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", ""}}, {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"set", "program:CT-01"}}, {}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"set", "a::b"}}, {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"set", "chương"}}, {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2024-02-29"}}, {}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2023-02-29"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2024-01-01T00:00:00Z"}}, {}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"from", "2024-01-01T24:00:00Z"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "2024-01-01T00:00:00"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "2024-01-01T00:00:00+07:00"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"}, {"metadataPrefix", "x"}, {"until", "01/01/2024"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"},
        {"metadataPrefix", "x"},
        {"from", "2024-01-01"},
        {"until", "2024-01-02T00:00:00Z"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"},
        {"metadataPrefix", "x"},
        {"from", "2024-01-02"},
        {"until", "2024-01-01"}},
       {E::kBadArgument}},
      {{{"verb", "ListRecords"},
        {"metadataPrefix", "x"},
        {"from", "2024-01-01"},
        {"until", "2024-01-01"}},
       {}},
      {{{"verb", "ListIdentifiers"}, {"resumptionToken", "abc"}}, {}},
      {{{"verb", "ListIdentifiers"}, {"resumptionToken", "abc"}, {"metadataPrefix", "oai_dc"}},
       {E::kBadArgument}},
      {{{"verb", "ListIdentifiers"}, {"resumptionToken", ""}}, {E::kBadArgument}},
      {{{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}, {"identifier", "oai:x:1"}},
       {E::kBadArgument}},
      {{{"verb", "ListIdentifiers"}, {"metadataPrefix", "oai_dc"}, {"", ""}}, {E::kBadArgument}},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const ParseCase& c = cases[i];
    std::string label = "case " + std::to_string(i) + ":";
    for (const auto& [k, v] : c.args) label += " " + k + "=" + v;
    exchange::OaiParsed p = exchange::ParseOaiArguments(c.args);
    std::vector<OaiErrorCode> got;
    for (const auto& e : p.errors) {
      got.push_back(e.code);
      EXPECT_TRUE(HasMessage(e.message.id)) << label << " " << e.message.id;
    }
    EXPECT_EQ(got, c.errors) << label;
    EXPECT_EQ(p.ok(), c.errors.empty()) << label;
  }
  // Day bounds are inclusive.
  auto p = exchange::ParseOaiArguments({{"verb", "ListRecords"},
                                        {"metadataPrefix", "oai_dc"},
                                        {"from", "2024-03-01"},
                                        {"until", "2024-03-02"}});
  EXPECT_EQ(p.from_bound, "2024-03-01T00:00:00Z");
  EXPECT_EQ(p.until_bound, "2024-03-02T23:59:59Z");
}

TEST(OaiParse, AnyBytesAreSafe) {
  // A miniature fuzz: every argument name and value built from awkward bytes.
  const std::vector<std::string> pieces = {"",
                                           "verb",
                                           "Identify",
                                           "ListRecords",
                                           "metadataPrefix",
                                           "from",
                                           "until",
                                           "set",
                                           ":",
                                           "\xff",
                                           "\0",
                                           "%",
                                           "~",
                                           "oai_dc",
                                           "2024-01-01",
                                           "\xe1\xba",
                                           "0000-00-00T00:00:00Z"};
  size_t n = 0;
  for (const auto& a : pieces)
    for (const auto& b : pieces)
      for (const auto& c : pieces) {
        OaiArguments args = {{"verb", a}, {b, c}, {c, b}};
        auto p = exchange::ParseOaiArguments(args);
        n += p.errors.size();
      }
  EXPECT_GT(n, 0u);
}

TEST(OaiXml, TextIsEscapedNormalisedAndStrippedOfForbiddenCharacters) {
  EXPECT_EQ(exchange::XmlText("a & b < c > d \"e\" 'f'"),
            "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'");
  EXPECT_EQ(exchange::XmlText(std::string("x\x01y\x1f"
                                          "z\x7f",
                                          6)),
            "xyz\x7f");
  EXPECT_EQ(exchange::XmlText(std::string("nul\0!", 5)), "nul!");
  EXPECT_EQ(exchange::XmlText("dòng 1\r\ndòng 2\tB"), "dòng 1&#13;\ndòng 2\tB");
  EXPECT_EQ(exchange::XmlText("a\tb\nc", true), "a&#9;b&#10;c");
  EXPECT_EQ(exchange::XmlText("x\xef\xbf\xbey\xef\xbf\xbfz"), "xyz");      // U+FFFE, U+FFFF
  EXPECT_EQ(exchange::XmlText("bad \xc3 byte"), "bad \xef\xbf\xbd byte");  // U+FFFD
  // NFD "Hà Nội" (combining marks) comes out NFC.
  EXPECT_EQ(exchange::XmlText("Ha\xcc\x80 N\xc3\xb4\xcc\xa3i"), "Hà Nội");
}

TEST(OaiIdentifiers, TaskIdsAndSetComponentsRoundTrip) {
  EXPECT_EQ(exchange::OaiIdentifier(42), "oai:ketnoi.hanoi.gov.vn:task/42");
  EXPECT_EQ(exchange::OaiTaskId("oai:ketnoi.hanoi.gov.vn:task/42"), 42);
  for (const char* bad : {"oai:ketnoi.hanoi.gov.vn:task/", "oai:ketnoi.hanoi.gov.vn:task/042",
                          "oai:ketnoi.hanoi.gov.vn:task/4x", "oai:ketnoi.hanoi.gov.vn:task/-1",
                          "oai:example.org:task/42", "oai:ketnoi.hanoi.gov.vn:task/0",
                          "oai:ketnoi.hanoi.gov.vn:task/99999999999999999999"})
    EXPECT_FALSE(exchange::OaiTaskId(bad)) << bad;
  for (std::string name : {"demo", "CT-01", "Sở KH&CN Hà Nội", "a~b", "x/y:z", "(ok)!*'._-"}) {
    std::string c = exchange::OaiSetComponent(name);
    auto p = exchange::ParseOaiArguments(
        {{"verb", "ListRecords"}, {"metadataPrefix", "oai_dc"}, {"set", "source:" + c}});
    EXPECT_TRUE(p.ok()) << name << " → " << c;
    EXPECT_EQ(exchange::OaiSetComponentDecode(c), name);
  }
  EXPECT_EQ(exchange::OaiSetComponent("CT-01"), "CT-01");
  EXPECT_FALSE(exchange::OaiSetComponentDecode("~4"));
  EXPECT_FALSE(exchange::OaiSetComponentDecode("a b"));
}

TEST(OaiTokens, RoundTripAndAnyChangeIsRefused) {
  exchange::OaiTokenState s;
  s.verb = OaiVerb::kListIdentifiers;
  s.metadata_prefix = "ketnoi";
  s.set = "program:CT-01";
  s.from_bound = "2024-01-01T00:00:00Z";
  s.until_bound = "2024-12-31T23:59:59Z";
  s.after_id = 1234;
  s.cursor = 100;
  s.complete_list_size = 250;
  s.expires = 1'900'000'000;
  const std::string secret = "bi-mat-kiem-thu-0123456789abcdef0123456789";
  std::string token = exchange::EncodeResumptionToken(s, secret);
  for (char c : token)
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')
        << token;
  auto back = exchange::DecodeResumptionToken(token, secret);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(exchange::DecodeResumptionToken(token, secret + "x"));
  // Every single-character change, anywhere, is refused.
  for (size_t i = 0; i < token.size(); ++i) {
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(exchange::DecodeResumptionToken(t, secret)) << "position " << i;
  }
  EXPECT_FALSE(exchange::DecodeResumptionToken(token.substr(0, token.size() - 1), secret));
  EXPECT_FALSE(exchange::DecodeResumptionToken("", secret));
  EXPECT_FALSE(exchange::DecodeResumptionToken(".", secret));
}

// ---------------------------------------------------------------------------------------------
// Against a real server.

// ../shared/schemas next to the repository when it is there, else the copy in tests/data (see
// its README): a clone anywhere validates against the same schemas.
fs::path SchemaDir() {
  fs::path shared = fs::path(KETNOI_SOURCE_DIR) / ".." / "shared" / "schemas";
  if (fs::exists(shared / "all.xsd")) return shared;
  return fs::path(KETNOI_SOURCE_DIR) / "tests" / "data" / "oai-schemas";
}

enum class Schema { kOaiDc, kKetnoi };

class OaiTest : public test_support::SiteFixture {
 protected:
  static void SetUpTestSuite() {
    SetUpSite(250);
    work_ = new test_support::TempDir();
  }
  static void TearDownTestSuite() {
    std::printf(
        "[   OAI    ] xmllint validated %d responses: %d against all.xsd (OAI-PMH + "
        "oai_dc), %d against OAI-PMH + ketnoi.xsd; %d invalid\n",
        validated_dc_ + validated_ketnoi_, validated_dc_, validated_ketnoi_, invalid_);
    delete work_;
    work_ = nullptr;
    TearDownSite();
  }

  void SetUp() override {
    ASSERT_TRUE(fs::exists(SchemaDir() / "all.xsd") && fs::exists(SchemaDir() / "OAI-PMH.xsd") &&
                fs::exists(SchemaDir() / "oai_dc.xsd") && fs::exists(SchemaDir() / "xml.xsd"))
        << "The XML schemas are missing: expected OAI-PMH.xsd, oai_dc.xsd, xml.xsd and all.xsd in "
        << SchemaDir() << " (../shared/schemas next to the repository, or tests/data/oai-schemas).";
    ASSERT_EQ(std::system("xmllint --version >/dev/null 2>&1"), 0)
        << "xmllint is missing (Debian package libxml2-utils).";
    if (ketnoi_xsd_.empty()) {
      // The ketnoi format's schema as the server publishes it, imported next to OAI-PMH.xsd.
      HttpReply r = test_support::HttpGet(port_, "/oai/ketnoi.xsd");
      ASSERT_EQ(r.status, 200);
      ASSERT_EQ(r.body, exchange::KetnoiMetadataSchema());
      std::ofstream(work_->path() / "ketnoi.xsd") << r.body;
      fs::path dir = fs::canonical(SchemaDir());
      std::ofstream(work_->path() / "ketnoi-all.xsd")
          << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
             "targetNamespace=\"urn:ketnoi:test\" elementFormDefault=\"qualified\">\n"
             "  <xs:import namespace=\"http://www.openarchives.org/OAI/2.0/\" schemaLocation=\""
          << (dir / "OAI-PMH.xsd").string()
          << "\"/>\n"
             "  <xs:import namespace=\"http://www.w3.org/XML/1998/namespace\" schemaLocation=\""
          << (dir / "xml.xsd").string()
          << "\"/>\n"
             "  <xs:import namespace=\"https://ketnoi.hanoi.gov.vn/oai/ketnoi/\" "
             "schemaLocation=\""
          << (work_->path() / "ketnoi.xsd").string() << "\"/>\n</xs:schema>\n";
      ketnoi_xsd_ = (work_->path() / "ketnoi-all.xsd").string();
    }
  }

  // xmllint's complaints about `xml`, or "" when it is valid.
  static std::string XmllintErrors(const std::string& xml, Schema schema, bool count = true) {
    static int n = 0;
    fs::path file = work_->path() / ("response-" + std::to_string(n++) + ".xml");
    std::ofstream(file, std::ios::binary) << xml;
    std::string xsd = schema == Schema::kOaiDc ? (SchemaDir() / "all.xsd").string() : ketnoi_xsd_;
    std::string cmd = "xmllint --noout --nonet --schema '" + xsd + "' '" + file.string() + "' 2>&1";
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
      char buf[4096];
      size_t got;
      while ((got = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, got);
      int rc = ::pclose(p);
      if (count) (schema == Schema::kOaiDc ? validated_dc_ : validated_ketnoi_)++;
      if (rc == 0) {
        fs::remove(file);
        return "";
      }
    }
    if (count) ++invalid_;
    return out.empty() ? "xmllint did not run" : out;
  }

  // A response to GET /oai?query, checked: 200, text/xml in UTF-8, valid against the schema.
  static std::string Oai(const std::string& query, Schema schema = Schema::kOaiDc) {
    HttpReply r = test_support::HttpGet(port_, "/oai?" + query);
    return Checked(r, query, schema);
  }
  static std::string OaiPost(const std::string& body, Schema schema = Schema::kOaiDc) {
    HttpReply r = test_support::HttpGet(
        port_, "/oai", {{"Content-Type", "application/x-www-form-urlencoded"}}, "POST", body);
    return Checked(r, "POST " + body, schema);
  }
  static std::string Checked(const HttpReply& r, const std::string& what, Schema schema) {
    EXPECT_EQ(r.status, 200) << what << "\n" << r.body.substr(0, 500);
    EXPECT_EQ(r.Header("content-type"), "text/xml; charset=utf-8") << what;
    EXPECT_EQ(XmllintErrors(r.body, schema), "") << what << "\n" << r.body.substr(0, 3000);
    return r.body;
  }

  // Every item of a list, following resumption tokens to the end; checks cursor and
  // completeListSize on the way.
  struct Harvest {
    std::vector<Header> headers;
    std::vector<std::string> pages;
    std::string error;  // the error code when the first answer was an error
  };
  static Harvest HarvestAll(const std::string& verb, const std::string& args,
                            Schema schema = Schema::kOaiDc) {
    Harvest h;
    std::string query = "verb=" + verb + "&" + args;
    int64_t announced = -1;
    for (int guard = 0; guard < 100; ++guard) {
      std::string xml = Oai(query, schema);
      auto errors = ErrorCodes(xml);
      if (!errors.empty()) {
        h.error = errors.front();
        break;
      }
      auto page = Headers(xml);
      EXPECT_FALSE(page.empty()) << query;
      std::string tag = StartTag(xml, "resumptionToken");
      if (!tag.empty()) {
        EXPECT_EQ(Attr(tag, "cursor"), std::to_string(h.headers.size())) << query;
        int64_t size = std::stoll(Attr(tag, "completeListSize"));
        if (announced < 0) announced = size;
        EXPECT_EQ(size, announced) << query;
      }
      h.headers.insert(h.headers.end(), page.begin(), page.end());
      h.pages.push_back(xml);
      std::string token = Token(xml);
      if (token.empty()) {
        if (announced >= 0) {
          EXPECT_EQ(static_cast<int64_t>(h.headers.size()), announced) << query;
          EXPECT_EQ(Attr(tag, "expirationDate"), "");
        }
        break;
      }
      EXPECT_NE(Attr(tag, "expirationDate"), "");
      query = "verb=" + verb + "&resumptionToken=" + token;
    }
    return h;
  }

  static int64_t Scalar(const std::string& sql, const store::Params& params = {}) {
    auto db = OpenDb();
    auto rows = db->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() && !rows->empty() ? rows->Int(0, 0) : -1;
  }
  static std::vector<int64_t> Ids(const std::string& sql, const store::Params& params = {}) {
    auto db = OpenDb();
    auto rows = db->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<int64_t> out;
    for (size_t i = 0; rows.ok() && i < rows->size(); ++i) out.push_back(rows->Int(i, 0));
    return out;
  }
  // Tasks the provider lists as deleted: shown once, not public now.
  static std::vector<int64_t> DeletedIds() {
    return Ids(
        "SELECT p.task_id FROM oai_published p LEFT JOIN tasks t ON t.id = p.task_id WHERE t.id "
        "IS NULL OR t.confidentiality <> 'public' ORDER BY p.task_id");
  }
  static std::vector<int64_t> PublicIds(const std::string& where = "1 = 1") {
    return Ids(
        "SELECT t.id FROM tasks t LEFT JOIN programs g ON g.id = t.program_id WHERE "
        "t.confidentiality = 'public' AND " +
        where + " ORDER BY t.id");
  }
  static std::string GetRecord(int64_t id, const std::string& prefix = "oai_dc") {
    return Oai(
        "verb=GetRecord&identifier=" + exchange::OaiIdentifier(id) + "&metadataPrefix=" + prefix,
        prefix == "ketnoi" ? Schema::kKetnoi : Schema::kOaiDc);
  }
  // Changes a task through the registry at a given time (its updated_at and change-log row).
  template <typename F>
  static void ChangeTask(int64_t id, std::chrono::system_clock::time_point when, F change) {
    auto db = OpenDb();
    FakeClock clock(when);
    registry::Registry reg(*db, clock);
    auto task = reg.GetTask(id);
    ASSERT_TRUE(task.ok()) << task.status().ToString();
    change(*task);
    auto saved = reg.Upsert(*task);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }

  static inline test_support::TempDir* work_ = nullptr;
  static inline std::string ketnoi_xsd_;
  static inline int validated_dc_ = 0, validated_ketnoi_ = 0, invalid_ = 0;
};

// The validation itself: documents that break either schema are refused.
TEST_F(OaiTest, XmllintRefusesInvalidResponses) {
  std::string identify = Oai("verb=Identify");
  std::string no_date = identify;
  size_t a = no_date.find("<responseDate>"), b = no_date.find("</responseDate>");
  no_date.erase(a, b + 15 - a);
  EXPECT_NE(XmllintErrors(no_date, Schema::kOaiDc, false), "");
  std::string bad_attr = identify;
  bad_attr.replace(bad_attr.find("<request verb=\"Identify\""), 24, "<request verb=\"Identity\"");
  EXPECT_NE(XmllintErrors(bad_attr, Schema::kOaiDc, false), "");
  std::string dc = Oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" +
                       exchange::OaiIdentifier(PublicIds().front()));
  std::string bad_dc = dc;
  bad_dc.replace(bad_dc.find("<dc:language>"), 13, "<dc:lang>");
  bad_dc.replace(bad_dc.find("</dc:language>"), 14, "</dc:lang>");
  EXPECT_NE(XmllintErrors(bad_dc, Schema::kOaiDc, false), "");
  std::string k = Oai("verb=GetRecord&metadataPrefix=ketnoi&identifier=" +
                          exchange::OaiIdentifier(PublicIds().front()),
                      Schema::kKetnoi);
  EXPECT_NE(XmllintErrors(k, Schema::kOaiDc, false), "") << "ketnoi is unknown to all.xsd";
  std::string bad_k = k;
  bad_k.replace(bad_k.find("<ketnoi:Source>"), 15, "<ketnoi:Nguon>");
  bad_k.replace(bad_k.find("</ketnoi:Source>"), 16, "</ketnoi:Nguon>");
  EXPECT_NE(XmllintErrors(bad_k, Schema::kKetnoi, false), "");
}

TEST_F(OaiTest, IdentifyDescribesTheRepository) {
  std::string xml = Oai("verb=Identify");
  EXPECT_TRUE(ErrorCodes(xml).empty()) << xml;
  std::string request = StartTag(xml, "request");
  EXPECT_EQ(Attr(request, "verb"), "Identify");
  EXPECT_EQ(Elements(xml, "request").at(0), "http://127.0.0.1:8080/oai");
  EXPECT_EQ(Elements(xml, "baseURL").at(0), "http://127.0.0.1:8080/oai");
  EXPECT_EQ(Elements(xml, "protocolVersion").at(0), "2.0");
  EXPECT_EQ(Elements(xml, "deletedRecord").at(0), "persistent");
  EXPECT_EQ(Elements(xml, "granularity").at(0), "YYYY-MM-DDThh:mm:ssZ");
  EXPECT_NE(Elements(xml, "repositoryName").at(0).find("Sở Khoa học và Công nghệ Hà Nội"), npos);
  std::string earliest = Elements(xml, "earliestDatestamp").at(0);
  EXPECT_EQ(earliest.size(), 20u) << earliest;
  std::string response_date = Elements(xml, "responseDate").at(0);
  EXPECT_EQ(response_date.size(), 20u);
  EXPECT_LE(earliest, response_date);
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
}

TEST_F(OaiTest, ListMetadataFormatsForTheRepositoryAndForAnItem) {
  for (std::string q : std::vector<std::string>{
           "verb=ListMetadataFormats",
           "verb=ListMetadataFormats&identifier=" + exchange::OaiIdentifier(PublicIds().front())}) {
    std::string xml = Oai(q);
    EXPECT_TRUE(ErrorCodes(xml).empty()) << q;
    EXPECT_EQ(Elements(xml, "metadataPrefix"), (std::vector<std::string>{"oai_dc", "ketnoi"}));
    EXPECT_EQ(Elements(xml, "metadataNamespace"),
              (std::vector<std::string>{"http://www.openarchives.org/OAI/2.0/oai_dc/",
                                        std::string(exchange::kOaiKetnoiNamespace)}));
    EXPECT_EQ(Elements(xml, "schema").at(1), "http://127.0.0.1:8080/oai/ketnoi.xsd");
  }
  // A secret task (never public) is not an item; neither is someone else's identifier.
  int64_t secret = Scalar(
      "SELECT MIN(id) FROM tasks WHERE confidentiality = 'secret' AND id NOT IN (SELECT task_id "
      "FROM oai_published)");
  ASSERT_GT(secret, 0);
  for (std::string id : {exchange::OaiIdentifier(secret), exchange::OaiIdentifier(987654321),
                         std::string("oai:example.org:task/1")}) {
    std::string xml = Oai("verb=ListMetadataFormats&identifier=" + id);
    EXPECT_EQ(ErrorCodes(xml), std::vector<std::string>{"idDoesNotExist"}) << id;
    EXPECT_EQ(Attr(StartTag(xml, "request"), "identifier"), id);
  }
}

TEST_F(OaiTest, ListSetsNamesProgramsFieldsAndSources) {
  std::string xml = Oai("verb=ListSets");
  EXPECT_TRUE(ErrorCodes(xml).empty()) << xml;
  auto specs = Elements(xml, "setSpec");
  auto names = Elements(xml, "setName");
  ASSERT_EQ(specs.size(), names.size());
  std::map<std::string, std::string> sets;
  for (size_t i = 0; i < specs.size(); ++i) sets[specs[i]] = names[i];
  for (const char* s : {"program", "field", "source", "program:CT-01", "program:CT-09", "field:1",
                        "field:3", "field:6", "source:demo"})
    EXPECT_TRUE(sets.count(s)) << s;
  EXPECT_EQ(static_cast<int64_t>(specs.size()),
            3 + Scalar("SELECT COUNT(*) FROM programs") + 6 + 1);
  EXPECT_NE(sets["field:3"].find("Khoa học y"), npos) << sets["field:3"];
  EXPECT_NE(sets["program:CT-01"].find("CT-01 — "), npos) << sets["program:CT-01"];
  // ListSets never hands out a token, so none is valid.
  std::string bad = Oai("verb=ListSets&resumptionToken=abc");
  EXPECT_EQ(ErrorCodes(bad), std::vector<std::string>{"badResumptionToken"});
}

TEST_F(OaiTest, ListIdentifiersPagesThroughEveryPublicTask) {
  Harvest h = HarvestAll("ListIdentifiers", "metadataPrefix=oai_dc");
  ASSERT_EQ(h.error, "");
  std::vector<int64_t> pub = PublicIds(), deleted = DeletedIds();
  ASSERT_GT(pub.size(), 200u);
  EXPECT_EQ(h.pages.size(), (pub.size() + deleted.size() + 99) / 100);
  std::vector<int64_t> got_public, got_deleted;
  for (size_t i = 0; i < h.headers.size(); ++i) {
    if (i) {
      EXPECT_LT(h.headers[i - 1].id, h.headers[i].id) << "ordered by id";
    }
    (h.headers[i].deleted ? got_deleted : got_public).push_back(h.headers[i].id);
  }
  EXPECT_EQ(got_public, pub);
  EXPECT_EQ(got_deleted, deleted);
  // Secret and restricted tasks that were never public are never mentioned.
  std::set<int64_t> listed;
  for (const auto& hd : h.headers) listed.insert(hd.id);
  for (int64_t id : Ids("SELECT id FROM tasks WHERE confidentiality <> 'public' AND id NOT IN "
                        "(SELECT task_id FROM oai_published)"))
    EXPECT_FALSE(listed.count(id)) << id;
  // Public headers carry the datestamp and the sets of the task.
  auto db = OpenDb();
  auto rows = db->Query(
      "SELECT t.id, t.updated_at, COALESCE(g.code, ''), t.field_code FROM tasks t LEFT JOIN "
      "programs g ON g.id = t.program_id WHERE t.confidentiality = 'public'");
  ASSERT_TRUE(rows.ok());
  std::map<int64_t, Header> by_id;
  for (const auto& hd : h.headers) by_id[hd.id] = hd;
  for (size_t i = 0; i < rows->size(); ++i) {
    const Header& hd = by_id[rows->Int(i, 0)];
    EXPECT_EQ(hd.datestamp, rows->Text(i, 1));
    std::vector<std::string> sets;
    if (!rows->Text(i, 2).empty()) sets.push_back("program:" + rows->Text(i, 2));
    sets.push_back("field:" + rows->Text(i, 3).substr(0, 1));
    sets.push_back("source:demo");
    EXPECT_EQ(hd.sets, sets) << hd.id;
  }
}

TEST_F(OaiTest, ListRecordsPagesThroughEverythingInBothFormats) {
  for (std::string prefix : {"oai_dc", "ketnoi"}) {
    Schema schema = prefix == "ketnoi" ? Schema::kKetnoi : Schema::kOaiDc;
    Harvest h = HarvestAll("ListRecords", "metadataPrefix=" + prefix, schema);
    ASSERT_EQ(h.error, "") << prefix;
    std::vector<int64_t> pub = PublicIds();
    size_t public_records = 0, metadata = 0;
    for (const auto& hd : h.headers) public_records += hd.deleted ? 0 : 1;
    for (const auto& page : h.pages) metadata += Elements(page, "metadata").size();
    EXPECT_EQ(public_records, pub.size()) << prefix;
    EXPECT_EQ(metadata, pub.size()) << prefix << ": one metadata per public record";
    EXPECT_EQ(h.headers.size(), pub.size() + DeletedIds().size()) << prefix;
    std::string first = h.pages.front();
    if (prefix == "oai_dc")
      EXPECT_NE(first.find("<oai_dc:dc "), npos);
    else
      EXPECT_NE(first.find("<ketnoi:Task "), npos);
  }
}

TEST_F(OaiTest, GetRecordInBothFormats) {
  auto db = OpenDb();
  registry::Registry reg(*db, SystemClock::Instance());
  std::vector<int64_t> candidates =
      PublicIds("t.program_id IS NOT NULL AND t.archive_no IS NOT NULL");
  ASSERT_FALSE(candidates.empty());
  int64_t id = candidates.front();
  auto recs = reg.GetTaskRecords({id});
  ASSERT_TRUE(recs.ok() && recs->size() == 1);
  const registry::TaskRecord& rec = recs->front();
  const registry::Task& t = rec.task;

  std::string dc = GetRecord(id);
  EXPECT_TRUE(ErrorCodes(dc).empty()) << dc;
  auto hd = Headers(dc);
  ASSERT_EQ(hd.size(), 1u);
  EXPECT_EQ(hd[0].id, id);
  EXPECT_FALSE(hd[0].deleted);
  EXPECT_EQ(hd[0].datestamp, t.updated_at);
  EXPECT_EQ(Attr(StartTag(dc, "request"), "metadataPrefix"), "oai_dc");
  EXPECT_EQ(Elements(dc, "dc:title"), std::vector<std::string>{exchange::XmlText(t.title)});
  EXPECT_EQ(Elements(dc, "dc:creator"), std::vector<std::string>{exchange::XmlText(rec.pi_name)});
  EXPECT_EQ(Elements(dc, "dc:publisher"),
            std::vector<std::string>{exchange::XmlText(rec.host_name)});
  EXPECT_EQ(Elements(dc, "dc:contributor").size(), t.members.size() - 1);  // all but the PI
  auto subjects = Elements(dc, "dc:subject");
  ASSERT_EQ(subjects.size(), 1 + t.keywords.size());
  EXPECT_EQ(subjects[0], exchange::XmlText(rec.field_name_vi));
  EXPECT_EQ(Elements(dc, "dc:description"),
            std::vector<std::string>{exchange::XmlText(t.abstract)});
  EXPECT_EQ(Elements(dc, "dc:date"), std::vector<std::string>{t.start->Iso()});
  EXPECT_EQ(Elements(dc, "dc:type"),
            std::vector<std::string>{registry::Label(registry::TaskKinds(), t.kind, "vi")});
  EXPECT_EQ(
      Elements(dc, "dc:identifier"),
      (std::vector<std::string>{"http://127.0.0.1:8080/tasks/" + std::to_string(id), t.code}));
  EXPECT_EQ(Elements(dc, "dc:language"), std::vector<std::string>{"vi"});
  EXPECT_EQ(Elements(dc, "dc:coverage"), std::vector<std::string>{"Hà Nội"});
  EXPECT_EQ(Elements(dc, "dc:rights").size(), 1u);

  std::string k = GetRecord(id, "ketnoi");
  EXPECT_TRUE(ErrorCodes(k).empty()) << k;
  EXPECT_EQ(Attr(StartTag(k, "ketnoi:Task"), "id"), std::to_string(id));
  EXPECT_EQ(Elements(k, "ketnoi:Code"), std::vector<std::string>{t.code});
  EXPECT_EQ(Attr(StartTag(k, "ketnoi:Type"), "code"), t.kind);
  EXPECT_EQ(Attr(StartTag(k, "ketnoi:Level"), "code"), t.level);
  EXPECT_EQ(Attr(StartTag(k, "ketnoi:Subject"), "code"), t.field_code);
  EXPECT_EQ(Attr(StartTag(k, "ketnoi:Program"), "code"), rec.program_code);
  EXPECT_EQ(Elements(k, "ketnoi:Name").at(0), exchange::XmlText(rec.host_name));
  EXPECT_EQ(Elements(k, "ketnoi:PrincipalInvestigator"),
            std::vector<std::string>{exchange::XmlText(rec.pi_name)});
  EXPECT_EQ(Elements(k, "ketnoi:Member").size(), t.members.size());
  EXPECT_EQ(Elements(k, "ketnoi:Amount"),
            (std::vector<std::string>{std::to_string(t.budget_state.dong),
                                      std::to_string(t.budget_other.dong),
                                      std::to_string(t.TotalBudget().dong)}));
  EXPECT_EQ(Elements(k, "ketnoi:StartDate"), std::vector<std::string>{t.start->Iso()});
  EXPECT_EQ(Elements(k, "ketnoi:EndDate"), std::vector<std::string>{t.end->Iso()});
  EXPECT_EQ(Elements(k, "ketnoi:Keyword").size(), t.keywords.size());
  EXPECT_EQ(Elements(k, "ketnoi:Product").size(), t.products.size());
  EXPECT_EQ(Attr(StartTag(k, "ketnoi:Status"), "code"), t.status);
  EXPECT_EQ(Elements(k, "ketnoi:ArchiveNumber"), std::vector<std::string>{t.archive_no});
  EXPECT_EQ(Elements(k, "ketnoi:Source"), std::vector<std::string>{"demo"});
  EXPECT_EQ(Elements(k, "ketnoi:ExternalId"), std::vector<std::string>{t.external_id});
  EXPECT_EQ(Elements(k, "ketnoi:Objectives"),
            std::vector<std::string>{exchange::XmlText(t.objectives)});

  // The same request as an urlencoded POST gives the same document.
  std::string posted = OaiPost("verb=GetRecord&metadataPrefix=ketnoi&identifier=" +
                                   http::UrlEncode(exchange::OaiIdentifier(id)),
                               Schema::kKetnoi);
  auto strip_date = [](std::string s) {
    size_t a = s.find("<responseDate>"), b = s.find("</responseDate>");
    return s.erase(a, b - a);
  };
  EXPECT_EQ(strip_date(posted), strip_date(k));
}

TEST_F(OaiTest, TextWithMarkupAndControlCharactersStaysWellFormed) {
  int64_t id = PublicIds().at(5);
  // Legacy data written behind the registry's back: markup, quotes and C0 controls.
  auto db = OpenDb();
  ASSERT_TRUE(db->Exec("UPDATE tasks SET abstract = ?, keywords = ? WHERE id = ?",
                       {std::string("Xử lý <b>nước</b> & \"khí\"\x01\x02\x1b thải ]]> hết"),
                        std::string("a<b; c&d; \x0b"), id})
                  .ok());
  for (std::string prefix : {"oai_dc", "ketnoi"}) {
    std::string xml = GetRecord(id, prefix);  // validated, so well-formed
    EXPECT_NE(xml.find("Xử lý &lt;b&gt;nước&lt;/b&gt; &amp; &quot;khí&quot; thải ]]&gt; hết"), npos)
        << xml;
    EXPECT_NE(xml.find(">a&lt;b<"), npos);
    EXPECT_NE(xml.find(">c&amp;d<"), npos);
  }
}

struct ErrorCase {
  std::string query;
  std::vector<std::string> codes;
};

TEST_F(OaiTest, EveryErrorCodeIsReportedWithTheRightEcho) {
  std::string pub = exchange::OaiIdentifier(PublicIds().front());
  const std::vector<ErrorCase> cases = {
      {"", {"badVerb"}},
      {"verb=Nope", {"badVerb"}},
      {"verb=Identify&verb=Identify", {"badVerb"}},
      {"verb=Identify&verb=ListSets", {"badVerb"}},
      {"metadataPrefix=oai_dc", {"badVerb"}},
      {"verb=Identify&foo=bar", {"badArgument"}},
      {"verb=Identify&metadataPrefix=oai_dc", {"badArgument"}},
      {"verb=ListRecords", {"badArgument"}},
      {"verb=ListIdentifiers&set=field:3", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-30", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T00:00:00", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&until=hom-qua", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2024-12-31T00:00:00Z",
       {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2024-01-01", {"badArgument"}},
      {"verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=abc", {"badArgument"}},
      {"verb=ListIdentifiers&resumptionToken=", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai%20dc", {"badArgument"}},
      {"verb=ListRecords&metadataPrefix=oai_dc&set=a::b", {"badArgument"}},
      {"verb=ListSets&set=program", {"badArgument"}},
      {"verb=GetRecord&metadataPrefix=oai_dc", {"badArgument"}},
      {"verb=GetRecord&identifier=khong%20phai%20uri&metadataPrefix=oai_dc", {"badArgument"}},
      {"verb=GetRecord&identifier=%3Cscript%3E&metadataPrefix=oai_dc", {"badArgument"}},
      {"verb=GetRecord", {"badArgument", "badArgument"}},
      {"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:a%23b%23c", {"badArgument"}},
      {"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:%5B1%5D", {"badArgument"}},
      {"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:x:a%3Fb%3Dc%26d%3D%25E1%23f",
       {"idDoesNotExist"}},
      {"verb=ListRecords&resumptionToken=khong-hop-le", {"badResumptionToken"}},
      {"verb=ListIdentifiers&resumptionToken=a.b", {"badResumptionToken"}},
      {"verb=ListSets&resumptionToken=abc", {"badResumptionToken"}},
      {"verb=ListRecords&metadataPrefix=marc21", {"cannotDisseminateFormat"}},
      {"verb=ListIdentifiers&metadataPrefix=marc21&set=field:3", {"cannotDisseminateFormat"}},
      {"verb=GetRecord&identifier=" + pub + "&metadataPrefix=marc21", {"cannotDisseminateFormat"}},
      {"verb=GetRecord&identifier=oai:ketnoi.hanoi.gov.vn:task/99999999&metadataPrefix=oai_dc",
       {"idDoesNotExist"}},
      {"verb=GetRecord&identifier=oai:ketnoi.hanoi.gov.vn:task/99999999&metadataPrefix=marc21",
       {"idDoesNotExist", "cannotDisseminateFormat"}},
      {"verb=ListMetadataFormats&identifier=oai:example.org:x", {"idDoesNotExist"}},
      {"verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01", {"noRecordsMatch"}},
      {"verb=ListRecords&metadataPrefix=ketnoi&until=1999-12-31", {"noRecordsMatch"}},
      {"verb=ListIdentifiers&metadataPrefix=oai_dc&set=program:KHONG-CO", {"noRecordsMatch"}},
      {"verb=ListIdentifiers&metadataPrefix=oai_dc&set=khong-co", {"noRecordsMatch"}},
      {"verb=ListIdentifiers&metadataPrefix=oai_dc&set=field:9", {"noRecordsMatch"}},
  };
  std::set<std::string> seen;
  for (const auto& c : cases) {
    std::string xml = Oai(c.query);
    EXPECT_EQ(ErrorCodes(xml), c.codes) << c.query << "\n" << xml;
    for (const auto& text : Elements(xml, "error")) EXPECT_FALSE(text.empty()) << c.query;
    for (const auto& code : c.codes) seen.insert(code);
    // badVerb and badArgument echo the base URL only; other errors echo the request.
    bool plain = c.codes.front() == "badVerb" || c.codes.front() == "badArgument";
    EXPECT_EQ(RequestHasAttributes(xml), !plain) << c.query << "\n" << StartTag(xml, "request");
    EXPECT_EQ(Elements(xml, "request").at(0), "http://127.0.0.1:8080/oai");
    EXPECT_EQ(xml.find("<ListRecords"), npos);
    EXPECT_EQ(xml.find("<ListIdentifiers"), npos);
  }
  EXPECT_EQ(seen,
            (std::set<std::string>{"badVerb", "badArgument", "badResumptionToken",
                                   "cannotDisseminateFormat", "idDoesNotExist", "noRecordsMatch"}));
  // noMetadataFormats and noSetHierarchy cannot happen here (every item has both formats; the
  // repository has sets), but the codes exist.
  EXPECT_EQ(exchange::OaiErrorCodeName(OaiErrorCode::kNoMetadataFormats), "noMetadataFormats");
  EXPECT_EQ(exchange::OaiErrorCodeName(OaiErrorCode::kNoSetHierarchy), "noSetHierarchy");
  // Messages follow the reader's language.
  HttpReply en = test_support::HttpGet(port_, "/oai?verb=Nope", {{"Cookie", "lang=en"}});
  EXPECT_NE(en.body.find("is not an OAI-PMH verb"), npos) << en.body;
  EXPECT_NE(Oai("verb=Nope").find("không phải động từ của OAI-PMH"), npos);
}

TEST_F(OaiTest, TamperedOrMisusedTokensAreRefused) {
  std::string first = Oai("verb=ListIdentifiers&metadataPrefix=oai_dc");
  std::string token = Token(first);
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(ErrorCodes(Oai("verb=ListIdentifiers&resumptionToken=" + token)).empty());
  std::vector<std::string> bad;
  size_t dot = token.rfind('.');
  std::string t = token;
  t[dot / 2] = t[dot / 2] == 'A' ? 'B' : 'A';  // the request part
  bad.push_back(t);
  t = token;
  t.back() = t.back() == '0' ? '1' : '0';  // the signature
  bad.push_back(t);
  bad.push_back(token.substr(0, dot));  // no signature
  bad.push_back(token + "0");
  // A well-formed token signed with another key (say, a guess).
  auto state = exchange::DecodeResumptionToken(
      token, *exchange::OaiTokenSecret(*OpenDb(), SystemClock::Instance()));
  ASSERT_TRUE(state);
  EXPECT_EQ(state->cursor, 100);
  EXPECT_EQ(state->metadata_prefix, "oai_dc");
  bad.push_back(exchange::EncodeResumptionToken(*state, "mot-khoa-doan-bua-0123456789abcdef"));
  for (const auto& b : bad) {
    std::string xml = Oai("verb=ListIdentifiers&resumptionToken=" + b);
    EXPECT_EQ(ErrorCodes(xml), std::vector<std::string>{"badResumptionToken"}) << b;
    EXPECT_EQ(Attr(StartTag(xml, "request"), "resumptionToken"), b);
  }
  // A ListIdentifiers token is not a ListRecords token.
  EXPECT_EQ(ErrorCodes(Oai("verb=ListRecords&resumptionToken=" + token)),
            std::vector<std::string>{"badResumptionToken"});
}

TEST_F(OaiTest, ExpiredTokensAreRefused) {
  auto db = OpenDb();
  const auto now = std::chrono::system_clock::now();
  auto token_at = [&](std::chrono::system_clock::time_point when) {
    FakeClock clock(when);
    registry::Registry reg(*db, clock);
    exchange::OaiProvider provider(reg, clock, exchange::OaiOptions{});
    auto xml = provider.Handle({{{"verb", "ListRecords"}, {"metadataPrefix", "ketnoi"}}, "vi"});
    EXPECT_TRUE(xml.ok());
    return xml.ok() ? Token(*xml) : "";
  };
  std::string fresh = token_at(now - std::chrono::hours(23));
  std::string stale = token_at(now - std::chrono::hours(25));
  ASSERT_FALSE(fresh.empty());
  ASSERT_FALSE(stale.empty());
  EXPECT_TRUE(
      ErrorCodes(Oai("verb=ListRecords&resumptionToken=" + fresh, Schema::kKetnoi)).empty());
  std::string xml = Oai("verb=ListRecords&resumptionToken=" + stale);
  EXPECT_EQ(ErrorCodes(xml), std::vector<std::string>{"badResumptionToken"});
  EXPECT_NE(xml.find("hết hạn"), npos) << xml;
  // The same with a token made by hand, expired a second ago.
  auto secret = exchange::OaiTokenSecret(*db, SystemClock::Instance());
  ASSERT_TRUE(secret.ok());
  exchange::OaiTokenState s;
  s.verb = OaiVerb::kListIdentifiers;
  s.metadata_prefix = "oai_dc";
  s.after_id = 10;
  s.expires = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() - 1;
  EXPECT_EQ(ErrorCodes(Oai("verb=ListIdentifiers&resumptionToken=" +
                           exchange::EncodeResumptionToken(s, *secret))),
            std::vector<std::string>{"badResumptionToken"});
  s.expires += 3600;
  std::string ok =
      Oai("verb=ListIdentifiers&resumptionToken=" + exchange::EncodeResumptionToken(s, *secret));
  ASSERT_TRUE(ErrorCodes(ok).empty()) << ok;
  EXPECT_GT(Headers(ok).front().id, 10);
}

TEST_F(OaiTest, TokenSurvivesAServerRestart) {
  std::string first = Oai("verb=ListRecords&metadataPrefix=oai_dc&set=source:demo");
  std::string token = Token(first);
  ASSERT_FALSE(token.empty());
  std::string second_before = Oai("verb=ListRecords&resumptionToken=" + token);
  // Stop the server, start a new one on the same data directory.
  delete server_;
  server_ = nullptr;
  port_ = test_support::FreePort();
  http::ServerOptions sopt;
  sopt.port = port_;
  sopt.access_log = false;
  server_ = new http::Server(*config_, web::SiteRoutes(), sopt);
  Status s = server_->Start();
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::string second_after = Oai("verb=ListRecords&resumptionToken=" + token);
  ASSERT_TRUE(ErrorCodes(second_after).empty()) << second_after;
  auto before = Headers(second_before), after = Headers(second_after);
  ASSERT_EQ(before.size(), after.size());
  for (size_t i = 0; i < before.size(); ++i) EXPECT_EQ(before[i].id, after[i].id);
  EXPECT_GT(after.front().id, Headers(first).back().id);
  EXPECT_EQ(Attr(StartTag(second_after, "resumptionToken"), "cursor"), "100");
}

TEST_F(OaiTest, PostWithAnUrlencodedBodyWorksLikeGet) {
  std::string posted = OaiPost("verb=ListIdentifiers&metadataPrefix=oai_dc&set=field%3A3");
  std::string got = Oai("verb=ListIdentifiers&metadataPrefix=oai_dc&set=field:3");
  auto a = Headers(posted), b = Headers(got);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
  EXPECT_EQ(Attr(StartTag(posted, "request"), "set"), "field:3");
  EXPECT_EQ(ErrorCodes(OaiPost("")), std::vector<std::string>{"badVerb"});
}

TEST_F(OaiTest, SetsSelectTheirTasks) {
  const std::vector<std::pair<std::string, std::string>> sets = {
      {"program:CT-04", "g.code = 'CT-04'"},
      {"program", "t.program_id IS NOT NULL"},
      {"field:3", "SUBSTR(t.field_code, 1, 1) = '3'"},
      {"field", "t.field_code IS NOT NULL"},
      {"source:demo", "t.source = 'demo'"},
  };
  for (const auto& [set, where] : sets) {
    Harvest h = HarvestAll("ListIdentifiers", "metadataPrefix=oai_dc&set=" + set);
    ASSERT_EQ(h.error, "") << set;
    std::vector<int64_t> got;
    for (const auto& hd : h.headers) {
      if (hd.deleted) continue;
      got.push_back(hd.id);
      bool member = false;
      for (const auto& s : hd.sets) member = member || s == set || s.rfind(set + ":", 0) == 0;
      EXPECT_TRUE(member) << set << " " << hd.id;
    }
    EXPECT_EQ(got, PublicIds(where)) << set;
  }
}

TEST_F(OaiTest, FromAndUntilSelectByDatestamp) {
  std::vector<int64_t> pub = PublicIds();
  std::vector<int64_t> changed = {pub[10], pub[20], pub[30]};
  const auto when = At(2020, 1, 2, 3, 4, 5);
  for (int64_t id : changed)
    ChangeTask(id, when, [](registry::Task& t) { t.title += " (hiệu chỉnh)"; });
  for (std::string range :
       {"from=2020-01-02&until=2020-01-02", "from=2020-01-02T03:04:05Z&until=2020-01-02T03:04:05Z",
        "from=2019-12-31&until=2020-01-02", "until=2020-01-02T03:04:05Z"}) {
    Harvest h = HarvestAll("ListRecords", "metadataPrefix=oai_dc&" + range);
    ASSERT_EQ(h.error, "") << range;
    std::vector<int64_t> got;
    for (const auto& hd : h.headers) {
      got.push_back(hd.id);
      EXPECT_EQ(hd.datestamp, "2020-01-02T03:04:05Z");
    }
    EXPECT_EQ(got, changed) << range;
    EXPECT_NE(h.pages.front().find("(hiệu chỉnh)"), npos);
  }
  for (std::string range :
       {"from=2020-01-02T03:04:06Z&until=2020-01-03T00:00:00Z", "until=2020-01-01",
        "from=2020-01-01T00:00:00Z&until=2020-01-02T03:04:04Z"}) {
    std::string xml = Oai("verb=ListIdentifiers&metadataPrefix=oai_dc&" + range);
    EXPECT_EQ(ErrorCodes(xml), std::vector<std::string>{"noRecordsMatch"}) << range;
    EXPECT_TRUE(RequestHasAttributes(xml));
  }
  // From that day on: everything.
  Harvest all = HarvestAll("ListIdentifiers", "metadataPrefix=oai_dc&from=2020-01-02");
  EXPECT_EQ(all.headers.size(), pub.size() + DeletedIds().size());
  EXPECT_LE(Elements(Oai("verb=Identify"), "earliestDatestamp").at(0), "2020-01-02T03:04:05Z");
}

TEST_F(OaiTest, TaskNoLongerPublicIsReportedDeleted) {
  std::vector<int64_t> pub = PublicIds("t.program_id IS NOT NULL");
  int64_t made_secret = pub.at(3), made_restricted = pub.at(4), removed = pub.at(5);
  // Harvested once (GetRecord or a list): now the provider owes harvesters a deletion.
  for (int64_t id : {made_secret, made_restricted, removed}) GetRecord(id, "ketnoi");
  std::string program = Headers(GetRecord(made_secret)).front().sets.front();
  ASSERT_EQ(program.rfind("program:", 0), 0u);

  ChangeTask(made_secret, At(2021, 2, 3, 4, 5, 6),
             [](registry::Task& t) { t.confidentiality = "secret"; });
  ChangeTask(made_restricted, At(2021, 2, 3, 9, 0, 0),
             [](registry::Task& t) { t.confidentiality = "restricted"; });
  {
    auto db = OpenDb();
    FakeClock clock(At(2021, 4, 5, 6, 7, 8));
    registry::Registry reg(*db, clock);
    ASSERT_TRUE(reg.DeleteTask(removed).ok());
  }
  // Later edits of the secret task do not move its deletion date (nor reveal them).
  ChangeTask(made_secret, At(2021, 3, 1, 0, 0, 0), [](registry::Task& t) { t.title += " (mật)"; });
  // A task added as public and made secret before anyone harvested it is never mentioned.
  int64_t never_shown = 0;
  {
    auto db = OpenDb();
    FakeClock clock(At(2021, 2, 3, 5, 0, 0));
    registry::Registry reg(*db, clock);
    auto task = reg.GetTask(pub.at(6));
    ASSERT_TRUE(task.ok());
    task->id = 0;
    task->external_id = "OAI-CHUA-CONG-BO-1";
    task->code += "-B";
    auto saved = reg.Upsert(*task);
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    never_shown = saved->id;
    task->confidentiality = "secret";
    ASSERT_TRUE(reg.Upsert(*task).ok());
  }

  const std::map<int64_t, std::string> expected = {
      {made_secret, "2021-02-03T04:05:06Z"},
      {made_restricted, "2021-02-03T09:00:00Z"},
      {removed, "2021-04-05T06:07:08Z"},
  };
  for (const auto& [id, datestamp] : expected) {
    for (std::string prefix : {"oai_dc", "ketnoi"}) {
      std::string xml = GetRecord(id, prefix);
      ASSERT_TRUE(ErrorCodes(xml).empty()) << xml;
      auto hd = Headers(xml);
      ASSERT_EQ(hd.size(), 1u);
      EXPECT_TRUE(hd[0].deleted) << id;
      EXPECT_EQ(hd[0].datestamp, datestamp) << id;
      EXPECT_TRUE(hd[0].sets.empty());
      EXPECT_EQ(xml.find("<metadata>"), npos) << "a deleted record has no metadata";
      EXPECT_EQ(xml.find("(mật)"), npos);
    }
    EXPECT_TRUE(
        ErrorCodes(Oai("verb=ListMetadataFormats&identifier=" + exchange::OaiIdentifier(id)))
            .empty());
  }
  EXPECT_EQ(ErrorCodes(GetRecord(never_shown)), std::vector<std::string>{"idDoesNotExist"});

  // Incremental harvest over the day of the change.
  Harvest day = HarvestAll("ListRecords", "metadataPrefix=oai_dc&from=2021-02-03&until=2021-02-03");
  ASSERT_EQ(day.error, "");
  ASSERT_EQ(day.headers.size(), 2u);
  EXPECT_EQ(day.headers[0].id, std::min(made_secret, made_restricted));
  EXPECT_TRUE(day.headers[0].deleted && day.headers[1].deleted);
  // The full list: public records and deleted headers, in id order, counted alike.
  Harvest all = HarvestAll("ListIdentifiers", "metadataPrefix=oai_dc");
  std::map<int64_t, Header> listed;
  for (size_t i = 0; i < all.headers.size(); ++i) {
    if (i) {
      EXPECT_LT(all.headers[i - 1].id, all.headers[i].id);
    }
    listed[all.headers[i].id] = all.headers[i];
  }
  for (const auto& [id, datestamp] : expected) {
    ASSERT_TRUE(listed.count(id)) << id;
    EXPECT_TRUE(listed[id].deleted);
    EXPECT_EQ(listed[id].datestamp, datestamp);
  }
  EXPECT_FALSE(listed.count(never_shown));
  EXPECT_EQ(all.headers.size(), PublicIds().size() + DeletedIds().size());
  // A set harvest reports the deletion too (the task was shown in that set).
  Harvest in_set = HarvestAll("ListIdentifiers", "metadataPrefix=oai_dc&set=" + program);
  bool found = false;
  for (const auto& hd : in_set.headers) found = found || (hd.id == made_secret && hd.deleted);
  EXPECT_TRUE(found) << program;

  // Public again: a record again, dated by that change.
  ChangeTask(made_secret, At(2021, 6, 7, 8, 9, 10),
             [](registry::Task& t) { t.confidentiality = "public"; });
  auto back = Headers(GetRecord(made_secret));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_FALSE(back[0].deleted);
  EXPECT_EQ(back[0].datestamp, "2021-06-07T08:09:10Z");
}

TEST_F(OaiTest, SmallPagesGiveTheSameListThroughTheLibrary) {
  auto db = OpenDb();
  registry::Registry reg(*db, SystemClock::Instance());
  exchange::OaiOptions opt;
  opt.page_size = 7;
  exchange::OaiProvider provider(reg, SystemClock::Instance(), opt);
  std::vector<int64_t> ids;
  OaiArguments args = {{"verb", "ListIdentifiers"}, {"metadataPrefix", "ketnoi"}};
  int pages = 0;
  while (true) {
    auto xml = provider.Handle({args, "vi"});
    ASSERT_TRUE(xml.ok()) << xml.status().ToString();
    ASSERT_TRUE(ErrorCodes(*xml).empty()) << *xml;
    if (pages % 10 == 0) {
      EXPECT_EQ(XmllintErrors(*xml, Schema::kOaiDc), "");
    }
    ++pages;
    auto hd = Headers(*xml);
    EXPECT_LE(hd.size(), 7u);
    for (const auto& h : hd) ids.push_back(h.id);
    std::string token = Token(*xml);
    if (token.empty()) break;
    args = {{"verb", "ListIdentifiers"}, {"resumptionToken", token}};
  }
  Harvest h = HarvestAll("ListIdentifiers", "metadataPrefix=ketnoi");
  std::vector<int64_t> expected;
  for (const auto& hd : h.headers) expected.push_back(hd.id);
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(pages, static_cast<int>((expected.size() + 6) / 7));
}

}  // namespace
}  // namespace ketnoi
