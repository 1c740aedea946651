#include "exchange/harvest.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <nlohmann/json.hpp>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <mutex>
#include <optional>
#include <set>

#include "core/crypto.h"
#include "core/messages.h"
#include "exchange/oai.h"
#include "registry/model.h"
#include "text/text.h"

namespace ketnoi::exchange {

namespace {

constexpr const char* kOaiNs = "http://www.openarchives.org/OAI/2.0/";
constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr size_t kMaxResponseBytes = 256u << 20;
constexpr size_t kMaxErrors = 100;

// ---------------------------------------------------------------------------------------------
// HTTP (libcurl).

struct HttpAnswer {
  int status = 0;  // 0: no answer (network error, see error)
  std::string body;
  std::string retry_after;  // the Retry-After header, as sent
  std::string error;        // curl's reason when status is 0
  bool retryable = false;   // for status 0: a network failure worth another try
};

std::once_flag curl_once;

class HttpClient {
 public:
  explicit HttpClient(const HarvestOptions& o) : o_(o) {
    std::call_once(curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
  }
  ~HttpClient() {
    if (curl_) curl_easy_cleanup(curl_);
  }
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  std::string Escape(const std::string& v) {
    char* e = curl_easy_escape(curl_, v.c_str(), static_cast<int>(v.size()));
    std::string out = e ? e : "";
    curl_free(e);
    return out;
  }

  HttpAnswer Get(const std::string& url) {
    HttpAnswer a;
    if (!curl_) {
      a.error = "curl_easy_init failed";
      return a;
    }
    curl_easy_reset(curl_);
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, o_.user_agent.c_str());
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl_, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, static_cast<long>(o_.timeout.count()));
    curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxResponseBytes));
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &HttpClient::OnBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &a);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &HttpClient::OnHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &a);
    CURLcode rc = curl_easy_perform(curl_);
    if (rc != CURLE_OK) {
      a.status = 0;
      a.body.clear();
      a.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
      a.retryable = rc != CURLE_URL_MALFORMAT && rc != CURLE_UNSUPPORTED_PROTOCOL &&
                    rc != CURLE_FILESIZE_EXCEEDED && rc != CURLE_TOO_MANY_REDIRECTS;
      return a;
    }
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    a.status = static_cast<int>(status);
    return a;
  }

 private:
  static size_t OnBody(char* data, size_t size, size_t n, void* user) {
    auto* a = static_cast<HttpAnswer*>(user);
    if (a->body.size() + size * n > kMaxResponseBytes) return 0;
    a->body.append(data, size * n);
    return size * n;
  }
  static size_t OnHeader(char* data, size_t size, size_t n, void* user) {
    auto* a = static_cast<HttpAnswer*>(user);
    std::string_view line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) a->retry_after.clear();  // a new response (redirects)
    constexpr std::string_view kName = "retry-after:";
    if (line.size() > kName.size()) {
      std::string head(line.substr(0, kName.size()));
      for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (head == kName) {
        std::string v(line.substr(kName.size()));
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' '))
          v.pop_back();
        while (!v.empty() && v.front() == ' ') v.erase(v.begin());
        a->retry_after = v;
      }
    }
    return size * n;
  }

  const HarvestOptions& o_;
  CURL* curl_ = nullptr;
};

// Retry-After: delay-seconds or an HTTP-date; nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> RetryAfter(const std::string& v, const Clock& clock) {
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) && v.size() <= 9)
    return std::chrono::seconds(std::stoll(v));
  std::tm tm{};
  const char* end = strptime(v.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (!end) return std::nullopt;
  auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(at - clock.Now());
  return std::max(wait, std::chrono::milliseconds(0));
}

// ---------------------------------------------------------------------------------------------
// XML (libxml2).

struct XmlDoc {
  xmlDocPtr doc = nullptr;
  ~XmlDoc() {
    if (doc) xmlFreeDoc(doc);
  }
};

bool Is(const xmlNode* n, const char* ns, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
         std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

std::vector<const xmlNode*> Children(const xmlNode* n, const char* ns = nullptr,
                                     const char* local = nullptr) {
  std::vector<const xmlNode*> out;
  if (!n) return out;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (local && !Is(c, ns, local)) continue;
    out.push_back(c);
  }
  return out;
}

const xmlNode* Child(const xmlNode* n, const char* ns, const char* local) {
  auto c = Children(n, ns, local);
  return c.empty() ? nullptr : c.front();
}

std::string Text(const xmlNode* n) {
  if (!n) return "";
  xmlChar* t = xmlNodeGetContent(n);
  std::string out = t ? reinterpret_cast<const char*>(t) : "";
  xmlFree(t);
  return text::CollapseSpaces(out);
}

std::string Attr(const xmlNode* n, const char* name) {
  if (!n) return "";
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Records → import rows.

// The columns the harvester fills (import.cpp's field names).
const std::vector<std::string> kColumns = {"external_id", "code",
                                           "title",       "kind",
                                           "level",       "field",
                                           "program",     "host",
                                           "pi",          "year",
                                           "start",       "end",
                                           "budget_vnd",  "budget_other_vnd",
                                           "status",      "abstract",
                                           "objectives",  "content",
                                           "keywords",    "result",
                                           "archive_no",  "applied_at"};

size_t Col(std::string_view name) {
  return static_cast<size_t>(std::find(kColumns.begin(), kColumns.end(), name) - kColumns.begin());
}

struct Record {
  std::string identifier, datestamp;
  bool deleted = false;
  std::vector<std::string> cells;  // by kColumns; empty for deleted records
  std::string program_name;        // ketnoi format: to create a program we do not know yet
};

std::string Folded(const std::string& s) { return text::CollapseSpaces(text::Fold(s)); }

// A dc:subject that names a field of the classification (by code or by name), else "".
std::string FieldOfSubject(const std::string& subject) {
  std::string s = text::CollapseSpaces(subject);
  if (!s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return registry::AcceptableFieldCode(s) ? s : "";
  std::string key = Folded(s);
  for (const auto& f : registry::FieldClassification())
    if (Folded(std::string(f.name_vi)) == key || Folded(std::string(f.name_en)) == key)
      return std::string(f.code);
  return "";
}

std::string KindOfType(const std::string& type) {
  std::string key = Folded(type);
  for (const auto& t : registry::TaskKinds())
    if (t.code == type || Folded(std::string(t.vi)) == key || Folded(std::string(t.en)) == key)
      return std::string(t.code);
  return "";
}

void MapDublinCore(const xmlNode* dc, Record& r) {
  auto& c = r.cells;
  auto all = [&](const char* local) {
    std::vector<std::string> out;
    for (const xmlNode* n : Children(dc, kDcNs, local))
      if (std::string t = Text(n); !t.empty()) out.push_back(t);
    return out;
  };
  auto first = [&](const char* local) {
    auto v = all(local);
    return v.empty() ? std::string() : v.front();
  };
  c[Col("title")] = first("title");
  c[Col("abstract")] = first("description");
  c[Col("pi")] = first("creator");
  c[Col("host")] = first("publisher");
  if (std::string d = first("date"); !d.empty()) {
    if (d.size() >= 10 && ParseDate(d.substr(0, 10)))
      c[Col("start")] = d.substr(0, 10);
    else if (d.size() >= 4 &&
             std::all_of(d.begin(), d.begin() + 4, [](char ch) { return ch >= '0' && ch <= '9'; }))
      c[Col("year")] = d.substr(0, 4);
  }
  std::vector<std::string> keywords;
  for (const auto& s : all("subject")) {
    std::string field = c[Col("field")].empty() ? FieldOfSubject(s) : "";
    if (!field.empty())
      c[Col("field")] = field;
    else
      keywords.push_back(s);
  }
  std::string joined;
  for (const auto& k : keywords) joined += (joined.empty() ? "" : "; ") + k;
  c[Col("keywords")] = joined;
  for (const auto& t : all("type"))
    if (std::string kind = KindOfType(t); !kind.empty()) {
      c[Col("kind")] = kind;
      break;
    }
  // The task's code: an identifier that is neither a URL nor an OAI identifier.
  for (const auto& id : all("identifier"))
    if (id.find("://") == std::string::npos && id.rfind("oai:", 0) != 0 &&
        id.rfind("urn:", 0) != 0 && id.rfind("doi:", 0) != 0) {
      c[Col("code")] = id;
      break;
    }
}

void MapKetnoi(const xmlNode* task, Record& r) {
  const char* ns = kOaiKetnoiNamespace.data();
  auto& c = r.cells;
  auto text = [&](const char* local) { return Text(Child(task, ns, local)); };
  c[Col("code")] = text("Code");
  c[Col("title")] = text("Title");
  c[Col("kind")] = Attr(Child(task, ns, "Type"), "code");
  c[Col("level")] = Attr(Child(task, ns, "Level"), "code");
  c[Col("field")] = Attr(Child(task, ns, "Subject"), "code");
  if (const xmlNode* p = Child(task, ns, "Program")) {
    c[Col("program")] = Attr(p, "code");
    r.program_name = Text(p);
  }
  c[Col("host")] = Text(Child(Child(task, ns, "Host"), ns, "Name"));
  c[Col("pi")] = text("PrincipalInvestigator");
  c[Col("start")] = text("StartDate");
  c[Col("end")] = text("EndDate");
  for (const xmlNode* a : Children(Child(task, ns, "Funding"), ns, "Amount")) {
    std::string source = Attr(a, "source");
    if (source == "state") c[Col("budget_vnd")] = Text(a);
    if (source == "other") c[Col("budget_other_vnd")] = Text(a);
  }
  c[Col("status")] = Attr(Child(task, ns, "Status"), "code");
  c[Col("abstract")] = text("Abstract");
  c[Col("objectives")] = text("Objectives");
  c[Col("content")] = text("Content");
  std::string keywords;
  for (const xmlNode* k : Children(task, ns, "Keyword"))
    if (std::string t = Text(k); !t.empty()) keywords += (keywords.empty() ? "" : "; ") + t;
  c[Col("keywords")] = keywords;
  c[Col("result")] = text("ResultSummary");
  c[Col("archive_no")] = text("ArchiveNumber");
  c[Col("applied_at")] = text("AppliedAt");
}

// ---------------------------------------------------------------------------------------------
// Responses.

struct OaiAnswer {
  std::string response_date;
  std::string error_code, error_text;  // the first <error>
  const xmlNode* verb = nullptr;       // the verb's element
  XmlDoc doc;
};

// Parses an OAI-PMH response; a non-OK Status when it is not one.
Status ParseOai(const std::string& url, const std::string& body, OaiAnswer& out) {
  xmlResetLastError();
  out.doc.doc = xmlReadMemory(body.data(), static_cast<int>(body.size()), nullptr, nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOWARNING |
                                  XML_PARSE_NOERROR | XML_PARSE_HUGE);
  if (!out.doc.doc) {
    const xmlError* e = xmlGetLastError();
    std::string reason = e && e->message ? text::CollapseSpaces(e->message) : "";
    if (reason.empty()) reason = "?";
    return Status::Invalid({"harvest.not_xml", {{"url", url}, {"reason", reason}}});
  }
  const xmlNode* root = xmlDocGetRootElement(out.doc.doc);
  if (!Is(root, kOaiNs, "OAI-PMH"))
    return Status::Invalid(
        {"harvest.not_oai",
         {{"url", url}, {"root", root ? reinterpret_cast<const char*>(root->name) : ""}}});
  out.response_date = Text(Child(root, kOaiNs, "responseDate"));
  if (const xmlNode* e = Child(root, kOaiNs, "error")) {
    out.error_code = Attr(e, "code");
    out.error_text = Text(e);
    return Status::Ok();
  }
  for (const xmlNode* c : Children(root))
    if (!Is(c, kOaiNs, "responseDate") && !Is(c, kOaiNs, "request")) {
      out.verb = c;
      break;
    }
  return Status::Ok();
}

Status OaiErrorStatus(const std::string& url, const OaiAnswer& a) {
  return Status::Invalid(
      {"harvest.oai_error", {{"url", url}, {"code", a.error_code}, {"reason", a.error_text}}});
}

// ---------------------------------------------------------------------------------------------
// State.

struct State {
  bool exists = false;
  std::string url, prefix, set, harvested_until, run_from, run_started, token;
  int64_t pages = 0, added = 0, changed = 0, unchanged = 0, rejected = 0, deleted = 0;
};

Result<State> LoadState(store::Db& db, const std::string& source) {
  KETNOI_ASSIGN_OR_RETURN(
      store::Rows r,
      db.Query("SELECT url, metadata_prefix, set_spec, harvested_until, run_from, run_started, "
               "resumption_token, run_pages, run_added, run_changed, run_unchanged, "
               "run_rejected, run_deleted FROM harvest_state WHERE source = ?",
               {source}));
  State s;
  if (r.empty()) return s;
  s.exists = true;
  s.url = r.Text(0, 0);
  s.prefix = r.Text(0, 1);
  s.set = r.Text(0, 2);
  s.harvested_until = r.Text(0, 3);
  s.run_from = r.Text(0, 4);
  s.run_started = r.Text(0, 5);
  s.token = r.Text(0, 6);
  s.pages = r.Int(0, 7);
  s.added = r.Int(0, 8);
  s.changed = r.Int(0, 9);
  s.unchanged = r.Int(0, 10);
  s.rejected = r.Int(0, 11);
  s.deleted = r.Int(0, 12);
  return s;
}

Status SaveState(store::Db& db, const std::string& source, const State& s,
                 const std::string& status, const std::string& now) {
  return db.Exec(
      "INSERT INTO harvest_state (source, url, metadata_prefix, set_spec, harvested_until, "
      "run_from, run_started, resumption_token, run_pages, run_added, run_changed, "
      "run_unchanged, run_rejected, run_deleted, last_status, updated_at) VALUES (?, ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO UPDATE SET url = excluded.url, "
      "metadata_prefix = excluded.metadata_prefix, set_spec = excluded.set_spec, "
      "harvested_until = excluded.harvested_until, run_from = excluded.run_from, run_started = "
      "excluded.run_started, resumption_token = excluded.resumption_token, run_pages = "
      "excluded.run_pages, run_added = excluded.run_added, run_changed = excluded.run_changed, "
      "run_unchanged = excluded.run_unchanged, run_rejected = excluded.run_rejected, "
      "run_deleted = excluded.run_deleted, last_status = excluded.last_status, updated_at = "
      "excluded.updated_at",
      {source, s.url, s.prefix, s.set, s.harvested_until, s.run_from, s.run_started, s.token,
       s.pages, s.added, s.changed, s.unchanged, s.rejected, s.deleted, status, now});
}

Status SaveStatus(store::Db& db, const std::string& source, const std::string& status,
                  const std::string& now) {
  return db.Exec("UPDATE harvest_state SET last_status = ?, updated_at = ? WHERE source = ?",
                 {status, now, source});
}

// ---------------------------------------------------------------------------------------------
// The harvest.

class Harvester {
 public:
  Harvester(store::Db& db, registry::Registry& reg, const Clock& clock, const HarvestOptions& o)
      : db_(db), reg_(reg), clock_(clock), o_(o), http_(o) {}

  Result<HarvestReport> Run() {
    base_ = o_.url;
    if (base_.rfind("http://", 0) != 0 && base_.rfind("https://", 0) != 0)
      return Status::Invalid({"harvest.bad_url", {{"url", base_}}});
    if (!o_.prefix.empty() && o_.prefix != "ketnoi" && o_.prefix != "oai_dc")
      return Status::Invalid({"harvest.unsupported_prefix", {{"prefix", o_.prefix}}});
    KETNOI_RETURN_IF_ERROR(ResolveKetnoiApi());
    rep_.url = base_;
    rep_.source = o_.source.empty() ? DefaultHarvestSource(base_) : o_.source;
    rep_.set = o_.set;

    // Identify: is it OAI-PMH at all, and at which granularity?
    OaiAnswer id;
    KETNOI_RETURN_IF_ERROR(Request("verb=Identify", id));
    if (!id.error_code.empty()) return OaiErrorStatus(base_, id);
    if (!Is(id.verb, kOaiNs, "Identify"))
      return Status::Invalid({"harvest.not_oai", {{"url", base_}, {"root", "Identify"}}});
    bool day_granularity = Text(Child(id.verb, kOaiNs, "granularity")) == "YYYY-MM-DD";

    KETNOI_ASSIGN_OR_RETURN(State state, LoadState(db_, rep_.source));
    rep_.prefix = o_.prefix;
    if (rep_.prefix.empty()) {
      // The same format as the run left unfinished, else the richer one when offered.
      if (state.exists && !state.token.empty() && state.url == base_ && state.set == o_.set) {
        rep_.prefix = state.prefix;
      } else {
        OaiAnswer formats;
        KETNOI_RETURN_IF_ERROR(Request("verb=ListMetadataFormats", formats));
        rep_.prefix = "oai_dc";
        if (formats.error_code.empty())
          for (const xmlNode* f : Children(formats.verb, kOaiNs, "metadataFormat"))
            if (Text(Child(f, kOaiNs, "metadataPrefix")) == "ketnoi" &&
                Text(Child(f, kOaiNs, "metadataNamespace")) == kOaiKetnoiNamespace)
              rep_.prefix = "ketnoi";
      }
    }
    const bool same_list =
        state.exists && state.url == base_ && state.prefix == rep_.prefix && state.set == o_.set;
    State run;
    run.url = base_;
    run.prefix = rep_.prefix;
    run.set = o_.set;
    run.harvested_until = same_list ? state.harvested_until : "";
    std::string token;
    if (same_list && !state.token.empty() && !o_.full) {
      // Continue the run that stopped.
      run = state;
      token = state.token;
      rep_.resumed = true;
      rep_.resumed_after = state.pages;
    } else {
      run.run_from = same_list && !o_.full ? state.harvested_until : "";
      if (day_granularity && run.run_from.size() > 10) run.run_from = run.run_from.substr(0, 10);
    }
    rep_.from = run.run_from;
    CountsFrom(run);

    bool restarted = false;
    while (true) {
      std::string query;
      if (!token.empty()) {
        query = "verb=ListRecords&resumptionToken=" + http_.Escape(token);
      } else {
        query = "verb=ListRecords&metadataPrefix=" + http_.Escape(rep_.prefix);
        if (!run.run_from.empty()) query += "&from=" + http_.Escape(run.run_from);
        if (!o_.set.empty()) query += "&set=" + http_.Escape(o_.set);
      }
      OaiAnswer page;
      Status got = Request(query, page);
      if (!got.ok()) return Fail(got);
      if (page.error_code == "badResumptionToken" && !token.empty() && !restarted) {
        // Expired (or the provider forgot it): the same list again from its start; records
        // already written come back unchanged.
        restarted = true;
        token.clear();
        run.token.clear();
        continue;
      }
      if (token.empty()) run.run_started = page.response_date;
      std::vector<Record> records;
      std::string next;
      if (page.error_code == "noRecordsMatch") {
        // Nothing (new) to harvest.
      } else if (!page.error_code.empty()) {
        return Fail(OaiErrorStatus(base_, page));
      } else if (!Is(page.verb, kOaiNs, "ListRecords")) {
        return Fail(
            Status::Invalid({"harvest.not_oai", {{"url", base_}, {"root", "ListRecords"}}}));
      } else {
        for (const xmlNode* rec : Children(page.verb, kOaiNs, "record"))
          records.push_back(ReadRecord(rec));
        next = Text(Child(page.verb, kOaiNs, "resumptionToken"));
      }
      run.token = next;
      if (next.empty()) {
        run.harvested_until = run.run_started.empty() ? run.harvested_until : run.run_started;
        // A token that does not move would loop forever.
      } else if (next == token) {
        return Fail(Status::Invalid({"harvest.oai_error",
                                     {{"url", base_},
                                      {"code", "badResumptionToken"},
                                      {"reason", "the same resumptionToken twice"}}}));
      }
      Status written = WritePage(records, run, next.empty());
      if (!written.ok()) return Fail(written);
      if (o_.on_page) {
        Status s = o_.on_page(rep_);
        if (!s.ok()) return Fail(s);
      }
      if (next.empty()) break;
      token = next;
    }
    rep_.harvested_until = run.harvested_until;
    return rep_;
  }

 private:
  // The report's counts are the run's (a resumed run's include the pages before the stop).
  void CountsFrom(const State& run) {
    rep_.pages = run.pages;
    rep_.added = run.added;
    rep_.changed = run.changed;
    rep_.unchanged = run.unchanged;
    rep_.rejected = run.rejected;
    rep_.deleted = run.deleted;
  }
  Status Fail(const Status& s) {
    (void)SaveStatus(db_, rep_.source, "failed: " + s.ToString(), clock_.NowText());
    return s;
  }

  void Sleep(std::chrono::milliseconds d) {
    if (d.count() <= 0) return;
    if (o_.sleep)
      o_.sleep(d);
    else
      std::this_thread::sleep_for(d);
  }

  // One request, retried; `out` holds the parsed document (which may carry an OAI error).
  Status Request(const std::string& query, OaiAnswer& out) {
    std::string url = base_ + (base_.find('?') == std::string::npos ? "?" : "&") + query;
    KETNOI_ASSIGN_OR_RETURN(std::string body, Fetch(url));
    return ParseOai(base_, body, out);
  }

  // GET with the politeness delay and the retries; the body of a 200 answer.
  Result<std::string> Fetch(const std::string& url) {
    if (rep_.requests > 0) Sleep(o_.delay);
    std::chrono::milliseconds wait = o_.backoff;
    for (int attempt = 1;; ++attempt) {
      ++rep_.requests;
      HttpAnswer a = http_.Get(url);
      bool retry = false;
      std::string reason;
      std::optional<std::chrono::milliseconds> after;
      if (a.status == 0) {
        retry = a.retryable;
        reason = a.error;
      } else if (a.status == 503 || a.status == 429) {
        retry = true;
        reason = "HTTP " + std::to_string(a.status);
        after = RetryAfter(a.retry_after, clock_);
      } else if (a.status >= 500) {
        retry = true;
        reason = "HTTP " + std::to_string(a.status);
        // The server's own words, when short enough to be a reason.
        std::string said = text::CollapseSpaces(a.body.substr(0, 200));
        if (!said.empty() && text::IsValidUtf8(said) && said.find('<') == std::string::npos)
          reason += ": " + said;
      } else if (a.status != 200) {
        return Status::Io(
            {"harvest.http_status", {{"url", base_}, {"status", std::to_string(a.status)}}});
      } else {
        return std::move(a.body);
      }
      if (!retry)
        return Status::Io(
            {"harvest.unreachable",
             {{"url", base_}, {"attempts", std::to_string(attempt)}, {"reason", reason}}});
      if (attempt >= std::max(1, o_.max_attempts))
        return Status::Unavailable(
            {"harvest.unreachable",
             {{"url", base_}, {"attempts", std::to_string(attempt)}, {"reason", reason}}});
      ++rep_.retries;
      std::chrono::milliseconds d = after ? std::min(*after, o_.max_backoff) : wait;
      Sleep(d);
      wait = std::min(wait * 2, o_.max_backoff);
    }
  }

  // Another Ketnoi named by its JSON API ("https://…/api/v1", or any URL under it): its
  // OpenAPI document says it is one, and its OAI-PMH endpoint in the `ketnoi` format then
  // carries the same task records as the API together with what paging through the API cannot
  // give — the records changed since a date, and deletions — so that is what is harvested.
  Status ResolveKetnoiApi() {
    size_t api = base_.find("/api/v1");
    if (api == std::string::npos) return Status::Ok();
    std::string root = base_.substr(0, api);
    KETNOI_ASSIGN_OR_RETURN(std::string body, Fetch(root + "/api/v1/openapi.json"));
    auto doc = nlohmann::json::parse(body, nullptr, false);
    std::string title;
    if (doc.is_object() && doc.contains("info") && doc["info"].is_object() &&
        doc["info"].contains("title") && doc["info"]["title"].is_string())
      title = doc["info"]["title"].get<std::string>();
    if (title.find("Ketnoi") == std::string::npos)
      return Status::Invalid({"harvest.not_ketnoi_api", {{"url", base_}}});
    base_ = root + "/oai";
    return Status::Ok();
  }

  Record ReadRecord(const xmlNode* rec) {
    Record r;
    const xmlNode* header = Child(rec, kOaiNs, "header");
    r.identifier = Text(Child(header, kOaiNs, "identifier"));
    r.datestamp = Text(Child(header, kOaiNs, "datestamp"));
    r.deleted = Attr(header, "status") == "deleted";
    if (r.deleted) return r;
    r.cells.assign(kColumns.size(), "");
    r.cells[Col("external_id")] = r.identifier;
    const xmlNode* metadata = Child(rec, kOaiNs, "metadata");
    auto inner = Children(metadata);
    const xmlNode* m = inner.empty() ? nullptr : inner.front();
    if (rep_.prefix == "ketnoi" && Is(m, kOaiKetnoiNamespace.data(), "Task"))
      MapKetnoi(m, r);
    else if (m)
      MapDublinCore(m, r);
    return r;
  }

  // Programs a `ketnoi` record names that the registry does not have yet are created (code and
  // name), so the record is not refused for them.
  Status EnsurePrograms(const std::vector<Record>& records) {
    for (const Record& r : records) {
      if (r.deleted) continue;
      const std::string& code = r.cells[Col("program")];
      if (code.empty() || known_programs_.count(code)) continue;
      KETNOI_ASSIGN_OR_RETURN(store::Rows found,
                              db_.Query("SELECT id FROM programs WHERE code = ?", {code}));
      if (found.empty()) {
        registry::Program p;
        p.code = code;
        p.name = r.program_name.empty() ? code : r.program_name;
        KETNOI_RETURN_IF_ERROR(reg_.Upsert(p).status());
      }
      known_programs_.insert(code);
    }
    return Status::Ok();
  }

  // The records of one page, the deletions and the state, in one transaction.
  Status WritePage(const std::vector<Record>& records, State& run, bool last) {
    Table table;
    table.header = kColumns;
    std::string digest;
    for (size_t i = 0; i < records.size(); ++i) {
      digest += records[i].identifier + "\n" + records[i].datestamp + "\n";
      if (records[i].deleted) continue;
      table.rows.push_back(Row{rep_.records + static_cast<int64_t>(i) + 1, records[i].cells});
    }
    store::Transaction tx(db_);
    KETNOI_RETURN_IF_ERROR(tx.Begin());
    KETNOI_RETURN_IF_ERROR(EnsurePrograms(records));
    ImportReport pr;
    if (!table.rows.empty()) {
      ImportReport seed;
      seed.file = base_;
      seed.source = rep_.source;
      seed.format = rep_.prefix;
      seed.encoding = "utf-8";
      seed.sha256 = crypto::Sha256Hex(digest);
      ImportOptions io;
      io.source = rep_.source;
      io.skip_invalid = true;
      io.actor = o_.actor;
      io.max_errors = kMaxErrors;
      KETNOI_ASSIGN_OR_RETURN(pr,
                              ImportTable(db_, reg_, clock_, table, std::move(seed), base_, io));
      if (!pr.committed) {
        // A rule only the store knows refused a record: nothing of this page is kept.
        std::string reason = pr.errors.empty() ? "" : Render(pr.errors.back().message, "en");
        return Status::Invalid({"harvest.page_refused", {{"url", base_}, {"reason", reason}}});
      }
    }
    int64_t deleted = 0, unknown = 0;
    for (const Record& r : records) {
      if (!r.deleted) continue;
      KETNOI_ASSIGN_OR_RETURN(auto id, reg_.FindId("tasks", rep_.source, r.identifier));
      if (!id) {
        ++unknown;
        continue;
      }
      KETNOI_RETURN_IF_ERROR(reg_.DeleteTask(*id));
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("DELETE FROM provenance WHERE entity = 'task' AND entity_id = ?", {*id}));
      ++deleted;
    }
    run.pages += 1;
    run.added += pr.added;
    run.changed += pr.changed;
    run.unchanged += pr.unchanged;
    run.rejected += pr.rejected;
    run.deleted += deleted;
    KETNOI_RETURN_IF_ERROR(
        SaveState(db_, rep_.source, run, last ? "complete" : "running", clock_.NowText()));
    KETNOI_RETURN_IF_ERROR(tx.Commit());
    // Committed: now it counts.
    for (const RowError& e : pr.errors) {
      if (rep_.errors.size() >= kMaxErrors) break;
      int64_t pos = e.row - rep_.records - 1;
      std::string identifier = pos >= 0 && pos < static_cast<int64_t>(records.size())
                                   ? records[static_cast<size_t>(pos)].identifier
                                   : "";
      rep_.errors.push_back({identifier, e});
    }
    rep_.records += static_cast<int64_t>(records.size());
    CountsFrom(run);
    rep_.deleted_unknown += unknown;
    rep_.organisations_added += pr.organisations_added;
    rep_.people_added += pr.people_added;
    return Status::Ok();
  }

  store::Db& db_;
  registry::Registry& reg_;
  const Clock& clock_;
  const HarvestOptions& o_;
  HttpClient http_;
  std::string base_;
  HarvestReport rep_;
  std::set<std::string> known_programs_;
};

}  // namespace

std::string DefaultHarvestSource(std::string_view url) {
  std::string_view rest = url;
  if (size_t p = rest.find("://"); p != std::string_view::npos) rest.remove_prefix(p + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  std::string out = "oai-";
  for (char c : rest) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '-';
    out += ok ? l : '-';
  }
  return out;
}

Result<HarvestReport> Harvest(store::Db& db, registry::Registry& registry, const Clock& clock,
                              const HarvestOptions& options) {
  Harvester h(db, registry, clock, options);
  return h.Run();
}

// ---------------------------------------------------------------------------------------------
// The scheduler.

HarvestScheduler::HarvestScheduler(std::string store_url, std::vector<HarvestSchedule> sources,
                                   const Clock& clock, std::string lang,
                                   std::function<void(const std::string&)> log)
    : store_url_(std::move(store_url)),
      sources_(std::move(sources)),
      clock_(clock),
      lang_(std::move(lang)),
      log_(std::move(log)) {}

HarvestScheduler::~HarvestScheduler() { Stop(); }

Status HarvestScheduler::Start() {
  if (sources_.empty()) return Status::Ok();
  KETNOI_ASSIGN_OR_RETURN(db_, store::Db::Open(store_url_));
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void HarvestScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool HarvestScheduler::Wait(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, d, [this] { return stopping_; });
  return !stopping_;
}

void HarvestScheduler::Run() {
  registry::Registry reg(*db_, clock_);
  std::vector<std::chrono::system_clock::time_point> due(sources_.size(), clock_.Now());
  while (true) {
    auto now = clock_.Now();
    for (size_t i = 0; i < sources_.size(); ++i) {
      if (due[i] > now) continue;
      const HarvestSchedule& s = sources_[i];
      HarvestOptions o;
      o.url = s.url;
      o.prefix = s.prefix;
      o.set = s.set;
      o.source = s.source;
      o.actor = "harvest-schedule";
      o.sleep = [this](std::chrono::milliseconds d) { Wait(d); };
      o.on_page = [this](const HarvestReport&) {
        std::lock_guard<std::mutex> lock(mu_);
        return stopping_ ? Status::Unavailable({"harvest.stopped", {}}) : Status::Ok();
      };
      Result<HarvestReport> r = Harvest(*db_, reg, clock_, o);
      if (r.ok()) {
        log_(Render(Message("harvest.summary", {{"url", r->url},
                                                {"source", r->source},
                                                {"prefix", r->prefix},
                                                {"pages", std::to_string(r->pages)},
                                                {"records", std::to_string(r->records)},
                                                {"added", std::to_string(r->added)},
                                                {"changed", std::to_string(r->changed)},
                                                {"unchanged", std::to_string(r->unchanged)},
                                                {"rejected", std::to_string(r->rejected)},
                                                {"deleted", std::to_string(r->deleted)}}),
                    lang_));
      } else {
        log_(Render(Message("harvest.scheduled_failed",
                            {{"source", o.source.empty() ? DefaultHarvestSource(s.url) : o.source},
                             {"reason", Render(r.status(), lang_)}}),
                    lang_));
      }
      due[i] = clock_.Now() + s.interval;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
      }
    }
    passes_.fetch_add(1);
    auto next = *std::min_element(due.begin(), due.end());
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - clock_.Now());
    // A fake clock does not move by itself: wake at least every second to look again.
    if (!Wait(std::clamp(wait, std::chrono::milliseconds(10), std::chrono::milliseconds(1000))))
      return;
  }
}

}  // namespace ketnoi::exchange
