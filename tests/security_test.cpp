// Security tests against a real server, the way a reviewer would probe the site: stored and
// reflected XSS, SQL injection, path traversal, CSRF, uploads and downloads, security headers,
// sessions and login throttling. Every test drives the site over HTTP (tests/site_fixture.h)
// and checks both what the browser would get and what the store holds afterwards.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <functional>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "auth/accounts.h"
#include "core/crypto.h"
#include "files/files.h"
#include "search/index.h"
#include "site_fixture.h"

namespace ketnoi {
namespace {

using test_support::HttpReply;
using test_support::WebSession;

constexpr auto npos = std::string::npos;

// --- Payloads ------------------------------------------------------------------------------

constexpr std::string_view kPayloads[] = {
    "<script>alert('x')</script>",  "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)' x='", "javascript:alert(1)",
};
// Markup that must never reach an HTML page unescaped (quotes are always escaped, so the
// attribute-breaking payload can only appear raw if escaping was skipped).
constexpr std::string_view kRawMarkup[] = {"<script>alert", "<img src=x", "<svg onload", "\"><svg",
                                           "onmouseover='alert"};
// A word of the edited task's title that nothing in the demo corpus contains.
constexpr std::string_view kMarker = "xsskiemthu";
constexpr std::string_view kEscapedScript = "&lt;script&gt;alert(";

std::string Wrap(std::string_view payload) {
  return "Nghiên cứu " + std::string(payload) + " tại Hà Nội";
}
// Every payload in one value (for the title or name: the text shown everywhere).
std::string AllPayloads() {
  std::string out = "Nghiên cứu " + std::string(kMarker);
  for (auto p : kPayloads) out += " " + std::string(p);
  return out + " tại Hà Nội";
}

const std::vector<std::string> kSqlPayloads = {
    "' OR '1'='1",
    "1; DROP TABLE tasks; --",
    "%27%20OR%201=1--",
    "\" OR \"\"=\"",
    "1' UNION SELECT email, password_hash FROM users --",
    "'); DELETE FROM users; --",
};

constexpr std::string_view kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

// --- Small text helpers --------------------------------------------------------------------

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string Utf8(uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Decodes the character references a browser would decode in text and attribute values.
std::string HtmlUnescape(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    bool named = false;
    for (auto [entity, text] : kNamed)
      if (s.substr(i, entity.size()) == entity) {
        out += text;
        i += entity.size();
        named = true;
        break;
      }
    if (named) continue;
    size_t semi = s.find(';', i);
    if (s.substr(i, 2) == "&#" && semi != npos && semi - i <= 10) {
      std::string_view num = s.substr(i + 2, semi - i - 2);
      int base = 10;
      if (!num.empty() && (num[0] == 'x' || num[0] == 'X')) {
        base = 16;
        num.remove_prefix(1);
      }
      uint32_t cp = 0;
      auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), cp, base);
      if (ec == std::errc() && end == num.data() + num.size()) {
        out += Utf8(cp);
        i = semi + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// --- A small HTML tag scanner --------------------------------------------------------------
// Tokenises start tags the way a browser does (quoted and unquoted attribute values, raw-text
// elements), so a payload that broke out of its text or attribute shows up as a tag or an
// attribute of its own.

struct Tag {
  std::string name;                                        // lower case
  std::vector<std::pair<std::string, std::string>> attrs;  // names lower case, values decoded
  std::string text;  // content of script, style, textarea and title (decoded for the last two)
  std::string Attr(const std::string& name) const {
    for (const auto& [k, v] : attrs)
      if (k == name) return v;
    return "";
  }
  bool Has(const std::string& name) const {
    for (const auto& a : attrs)
      if (a.first == name) return true;
    return false;
  }
};

std::vector<Tag> ScanTags(std::string_view html) {
  std::vector<Tag> tags;
  std::string lower = Lower(html);
  size_t n = html.size(), i = 0;
  while ((i = html.find('<', i)) != npos) {
    if (html.substr(i, 4) == "<!--") {
      size_t e = html.find("-->", i + 4);
      i = e == npos ? n : e + 3;
      continue;
    }
    if (i + 1 >= n || !std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
      ++i;  // an end tag, the doctype or a stray '<': nothing that runs
      continue;
    }
    Tag t;
    size_t p = i + 1;
    while (p < n && !IsSpace(html[p]) && html[p] != '>' && html[p] != '/')
      t.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[p++])));
    while (p < n) {
      while (p < n && (IsSpace(html[p]) || html[p] == '/')) ++p;
      if (p >= n) break;
      if (html[p] == '>') {
        ++p;
        break;
      }
      std::string name(1, static_cast<char>(std::tolower(static_cast<unsigned char>(html[p++]))));
      while (p < n && !IsSpace(html[p]) && html[p] != '>' && html[p] != '/' && html[p] != '=')
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[p++])));
      while (p < n && IsSpace(html[p])) ++p;
      std::string value;
      if (p < n && html[p] == '=') {
        ++p;
        while (p < n && IsSpace(html[p])) ++p;
        if (p < n && (html[p] == '"' || html[p] == '\'')) {
          char quote = html[p++];
          size_t e = html.find(quote, p);
          if (e == npos) e = n;
          value = std::string(html.substr(p, e - p));
          p = e == n ? n : e + 1;
        } else {
          while (p < n && !IsSpace(html[p]) && html[p] != '>') value += html[p++];
        }
      }
      t.attrs.emplace_back(std::move(name), HtmlUnescape(value));
    }
    if (t.name == "script" || t.name == "style" || t.name == "textarea" || t.name == "title") {
      size_t e = lower.find("</" + t.name, p);
      if (e == npos) e = n;
      t.text = std::string(html.substr(p, e - p));
      if (t.name == "textarea" || t.name == "title") t.text = HtmlUnescape(t.text);
      p = e;
    }
    tags.push_back(std::move(t));
    i = p;
  }
  return tags;
}

// A URL that runs script when followed (browsers ignore whitespace and controls in the scheme).
bool IsScriptUrl(std::string_view url) {
  std::string compact;
  for (char c : url)
    if (static_cast<unsigned char>(c) > 0x20) compact += c;
  compact = Lower(compact);
  return compact.rfind("javascript:", 0) == 0 || compact.rfind("vbscript:", 0) == 0 ||
         compact.rfind("data:text/html", 0) == 0;
}

// What in a page could run script: raw payload markup, inline scripts, event-handler
// attributes, script URLs. Empty when the page is clean.
std::vector<std::string> InjectedMarkup(const std::string& html) {
  std::vector<std::string> found;
  for (auto m : kRawMarkup)
    if (html.find(m) != npos) found.push_back("raw markup " + std::string(m));
  for (const Tag& t : ScanTags(html)) {
    if (t.name == "script" && (!t.Has("src") || t.text.find_first_not_of(" \t\r\n") != npos))
      found.push_back("inline <script>");
    for (const auto& [name, value] : t.attrs) {
      if (name.rfind("on", 0) == 0)
        found.push_back("event handler <" + t.name + " " + name + "=\"" + value + "\">");
      if ((name == "href" || name == "src" || name == "action" || name == "formaction" ||
           name == "xlink:href") &&
          IsScriptUrl(value))
        found.push_back("script URL <" + t.name + " " + name + "=\"" + value + "\">");
    }
  }
  return found;
}

::testing::AssertionResult Clean(const std::string& where, const HttpReply& r) {
  auto found = InjectedMarkup(r.body);
  if (found.empty()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure() << where << " (status " << r.status << "):";
  for (size_t i = 0; i < found.size() && i < 5; ++i) failure << "\n  " << found[i];
  return failure;
}

// --- Forms ---------------------------------------------------------------------------------

struct Field {
  std::string name, type, value;
};

// The fields of the form posting to `action` (without its _csrf), as the browser would send
// them untouched: inputs, textareas, the selected (or first) option of each select.
std::vector<Field> ParseForm(const std::string& html, const std::string& action) {
  std::vector<Field> out;
  bool inside = false;
  int select = -1;  // index of the select whose options come next
  bool first_option = false;
  for (const Tag& t : ScanTags(html)) {
    if (t.name == "form") {
      inside = t.Attr("action") == action;
      continue;
    }
    if (t.name != "option") select = -1;
    if (!inside) continue;
    std::string name = t.Attr("name");
    if (t.name == "input" && !name.empty() && name != "_csrf") {
      std::string type = t.Has("type") ? Lower(t.Attr("type")) : "text";
      if (type == "submit" || type == "file" || (type == "checkbox" && !t.Has("checked"))) continue;
      out.push_back({name, type, t.Attr("value")});
    } else if (t.name == "textarea" && !name.empty()) {
      out.push_back({name, "textarea", t.text});
    } else if (t.name == "select" && !name.empty()) {
      out.push_back({name, "select", ""});
      select = static_cast<int>(out.size()) - 1;
      first_option = true;
    } else if (t.name == "option" && select >= 0) {
      // The selected option, else the first one (what a browser submits).
      if (first_option || t.Has("selected"))
        out[static_cast<size_t>(select)].value = t.Attr("value");
      first_option = false;
    }
  }
  return out;
}

// Names of the fields a re-shown form marks with an error next to them.
std::vector<std::string> FieldErrors(const std::string& html) {
  std::vector<std::string> out;
  for (const Tag& t : ScanTags(html))
    if (t.name == "p" && t.Attr("class").find("field-error") != npos &&
        t.Attr("id").rfind("e-", 0) == 0)
      out.push_back(t.Attr("id").substr(2));
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs ToPairs(const std::vector<Field>& fields) {
  Pairs out;
  for (const auto& f : fields) out.emplace_back(f.name, f.value);
  return out;
}

void SetField(Pairs& fields, const std::string& name, const std::string& value) {
  for (auto& [k, v] : fields)
    if (k == name) v = value;
}

// Posts the edit form at `action` with a payload in every free-text field (every payload at
// once in `main_field`), keeping hidden, select, number, date and url fields as loaded and
// `fixed` fields at the given values. A field the server refuses for its format (listed in
// `formatted`) gets its loaded value back and the form is sent again; any other refusal fails.
// Returns the redirect target of the save.
std::string SaveWithPayloads(WebSession& s, const std::string& action,
                             const std::string& main_field,
                             const std::map<std::string, std::string>& fixed,
                             const std::set<std::string>& formatted) {
  HttpReply form = s.Get(action);
  EXPECT_EQ(form.status, 200) << action;
  std::vector<Field> fields = ParseForm(form.body, action);
  EXPECT_FALSE(fields.empty()) << "no form posting to " << action;
  std::map<std::string, std::string> loaded;
  Pairs post;
  size_t k = 0;
  bool main_seen = false;
  for (const auto& f : fields) {
    loaded[f.name] = f.value;
    std::string v = f.value;
    if (fixed.count(f.name)) {
      v = fixed.at(f.name);
    } else if (f.type == "text" || f.type == "textarea" || f.type == "email") {
      main_seen = main_seen || f.name == main_field;
      v = f.name == main_field ? AllPayloads() : Wrap(kPayloads[k++ % std::size(kPayloads)]);
    }
    post.emplace_back(f.name, v);
  }
  EXPECT_TRUE(main_seen) << action << " has no free-text field " << main_field;
  for (int attempt = 0; attempt < 10; ++attempt) {
    HttpReply r = s.Post(action, post);
    if (r.status == 303) return r.Header("location");
    // The form shown again (with the error and what was typed) must escape it all as well.
    EXPECT_TRUE(Clean("refused " + action, r));
    std::vector<std::string> bad = FieldErrors(r.body);
    if (bad.empty()) {
      ADD_FAILURE() << action << " answered " << r.status << " without a field error";
      return "";
    }
    for (const auto& name : bad) {
      if (!formatted.count(name)) {
        ADD_FAILURE() << action << " refused the free-text field " << name;
        return "";
      }
      SetField(post, name, loaded[name]);
    }
  }
  ADD_FAILURE() << action << " was never saved";
  return "";
}

// --- Uploads -------------------------------------------------------------------------------

constexpr std::string_view kBoundary = "----ketnoi-kiem-thu-7d1f";

std::string MultipartBody(const Pairs& fields, const std::string& filename,
                          const std::string& content_type, std::string_view data) {
  std::string b(kBoundary), out;
  for (const auto& [k, v] : fields)
    out += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  out += "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
         "\"\r\nContent-Type: " + content_type + "\r\n\r\n";
  out += data;
  out += "\r\n--" + b + "--\r\n";
  return out;
}

HttpReply Upload(WebSession& s, const std::string& filename, std::string_view data,
                 const std::string& visibility, const std::string& content_type) {
  std::string body = MultipartBody({{"_csrf", s.Csrf()}, {"visibility", visibility}}, filename,
                                   content_type, data);
  return s.Send("POST", "/files", body, "multipart/form-data; boundary=" + std::string(kBoundary));
}

// The download links of a user's files on /account.
std::set<std::string> FileLinks(WebSession& s) {
  std::set<std::string> out;
  HttpReply r = s.Get("/account");
  EXPECT_EQ(r.status, 200);
  for (const Tag& t : ScanTags(r.body))
    if (t.name == "a" && t.Attr("href").rfind("/files/", 0) == 0) out.insert(t.Attr("href"));
  return out;
}

// --- Misc ----------------------------------------------------------------------------------

// Polls until `ok` holds (the index follower applies changes about every half second).
bool Eventually(const std::function<bool()>& ok,
                std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (true) {
    if (ok()) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string Q(std::string_view s) { return http::UrlEncode(s); }

// The Set-Cookie line that sets `name`.
std::string CookieLine(const HttpReply& r, const std::string& name) {
  std::string all = r.Header("set-cookie");
  size_t pos = 0;
  while (pos < all.size()) {
    size_t end = all.find('\n', pos);
    if (end == npos) end = all.size();
    std::string line = all.substr(pos, end - pos);
    if (line.rfind(name + "=", 0) == 0) return line;
    pos = end + 1;
  }
  return "";
}

std::map<std::string, std::string> CspDirectives(const std::string& csp) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= csp.size()) {
    size_t end = csp.find(';', pos);
    if (end == npos) end = csp.size();
    std::string d = csp.substr(pos, end - pos);
    size_t a = d.find_first_not_of(' ');
    if (a != npos) {
      d = d.substr(a);
      size_t sp = d.find(' ');
      out[Lower(d.substr(0, sp))] = sp == npos ? "" : d.substr(sp + 1);
    }
    pos = end + 1;
  }
  return out;
}

// --- The fixture ---------------------------------------------------------------------------

class SecurityTest : public test_support::SiteFixture {
 protected:
  static void SetUpTestSuite() {
    SetUpSite(150);
    auto db = OpenDb();
    ASSERT_TRUE(db);
    files::FileStore store(*db, config_->FilesDir(), SystemClock::Instance());
    auto f = store.Put("cong-khai.pdf", kPdf, user_ids_["applicant"], "public");
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    public_file_ = *f;
  }
  static void TearDownTestSuite() { TearDownSite(); }

  static int64_t Count(const std::string& sql, const store::Params& params = {}) {
    auto db = OpenDb();
    auto rows = db->Query(sql, params);
    EXPECT_TRUE(rows.ok()) << sql;
    return rows.ok() ? rows->Int(0, 0) : -1;
  }
  static std::string Text(const std::string& sql, const store::Params& params = {}) {
    auto db = OpenDb();
    auto rows = db->Query(sql, params);
    EXPECT_TRUE(rows.ok() && !rows->empty()) << sql;
    return rows.ok() && !rows->empty() ? rows->Text(0, 0) : "";
  }
  static std::unique_ptr<WebSession> Anonymous() { return std::make_unique<WebSession>(port_); }
  // A fresh active user (for tests that lock, revoke or throttle their own account).
  static int64_t CreateUser(const std::string& email, const std::string& password,
                            const std::string& role) {
    auto db = OpenDb();
    auth::Accounts accounts(*db, SystemClock::Instance());
    auth::NewUser u;
    u.email = email;
    u.name = "Người dùng riêng " + role;
    u.password = password;
    u.roles = {{role, ""}};
    auto created = accounts.CreateUser(u, auth::Actor{});
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  static inline files::StoredFile public_file_;
};

// --- 0. The checker itself ------------------------------------------------------------------

// A clean page below must mean "escaped", not "unchecked": every way a missing escape would
// show is found, and the escaped forms of the same payloads are not.
TEST(SecurityCheckerTest, FindsInjectedMarkupButNotEscapedText) {
  const std::vector<std::string> injected = {
      "<h1>Nghiên cứu <script>alert('x')</script> tại Hà Nội</h1>",
      "<a href=\"/tasks/1\">Nghiên cứu <img src=x onerror=alert(1)> tại Hà Nội</a>",
      "<input value=\"\"><svg onload=alert(1)> tại Hà Nội\">",
      "<input value='' onmouseover='alert(1)' x='' name=q>",
      "<input value=\"\" autofocus onfocus=\"alert(1)\">",
      "<a href=\"javascript:alert(1)\">Trang web</a>",
      "<a href=\" java&#x09;script:alert(1)\">Trang web</a>",
      "<textarea name=\"t\"></textarea><script>alert(1)</script></textarea>",
      "<title>Nghiên cứu </title><script src=/assets/a.js>alert(1)</script>",
      "<!-- --><div title=\"x\"/onclick=alert(1)>",
  };
  for (const auto& html : injected) EXPECT_FALSE(InjectedMarkup(html).empty()) << html;

  auto escape = [](std::string_view s) {
    std::string out;
    for (char c : s)
      out += c == '&'    ? std::string("&amp;")
             : c == '<'  ? std::string("&lt;")
             : c == '>'  ? std::string("&gt;")
             : c == '"'  ? std::string("&quot;")
             : c == '\'' ? std::string("&apos;")
                         : std::string(1, c);
    return out;
  };
  for (auto payload : kPayloads) {
    std::string e = escape(Wrap(payload));
    std::string html = "<title>" + e + "</title><script src=\"/assets/app.js\"></script><h1>" + e +
                       "</h1><input name=\"t\" value=\"" + e + "\"><input name=u value='" + e +
                       "'><textarea name=\"a\">" + e + "</textarea><a href=\"/search?q=" + e +
                       "\">" + e + "</a>";
    EXPECT_TRUE(InjectedMarkup(html).empty()) << html;
    // And the form parser gives back exactly what was escaped.
    std::vector<Field> fields = ParseForm("<form action=\"/x\">" + html + "</form>", "/x");
    ASSERT_EQ(fields.size(), 3u);
    for (const auto& f : fields) EXPECT_EQ(f.value, Wrap(payload)) << f.name;
  }
}

// --- 1. Cross-site scripting ---------------------------------------------------------------

// Stored XSS: staff type markup into every free-text field of a task, its host organisation,
// its principal investigator and its program. Every page, form, history, search result and
// the API must show it as text, never as markup.
TEST_F(SecurityTest, StoredXssIsEscapedOnEveryPage) {
  auto db = OpenDb();
  auto row = db->Query(
      "SELECT id, host_id, pi_id, program_id FROM tasks WHERE confidentiality = 'public' AND "
      "host_id IS NOT NULL AND pi_id IS NOT NULL AND program_id IS NOT NULL ORDER BY id LIMIT 1");
  ASSERT_TRUE(row.ok() && !row->empty()) << "no public task with host, PI and program";
  std::string task = std::to_string(row->Int(0, 0)), org = std::to_string(row->Int(0, 1)),
              person = std::to_string(row->Int(0, 2)), program = std::to_string(row->Int(0, 3));
  std::string program_code = Text("SELECT code FROM programs WHERE id = ?", {row->Int(0, 3)});

  auto staff = As("staff");
  // Task dates far ahead put it first among the latest tasks on the home page.
  EXPECT_EQ(SaveWithPayloads(*staff, "/tasks/" + task + "/edit", "title",
                             {{"start", "2099-01-01"}, {"end", "2099-12-31"}},
                             {"field", "budget_state", "budget_other"}),
            "/tasks/" + task + "/edit?saved=1");
  EXPECT_EQ(SaveWithPayloads(*staff, "/organisations/" + org + "/edit", "name", {},
                             {"tax_code", "ror_id"}),
            "/organisations/" + org + "/edit?saved=1");
  EXPECT_EQ(
      SaveWithPayloads(*staff, "/people/" + person + "/edit", "full_name", {}, {"orcid", "email"}),
      "/people/" + person + "/edit?saved=1");
  // A program is keyed by its code: the code stays, everything else gets payloads.
  EXPECT_EQ(SaveWithPayloads(*staff, "/programs/" + program + "/edit", "name",
                             {{"code", program_code}}, {"budget"}),
            "/programs/" + program + "/edit?saved=1");
  ASSERT_NE(Text("SELECT title FROM tasks WHERE id = ?", {row->Int(0, 0)}).find(kPayloads[0]), npos)
      << "the payload title was not stored as typed";

  // Search results once the index has the edit (the search form echoes the query too).
  auto anon = Anonymous();
  HttpReply r;
  std::string search = "/search?q=" + std::string(kMarker);
  EXPECT_TRUE(Eventually([&] {
    r = anon->Get(search);
    return r.body.find("href=\"/tasks/" + task + "\"") != npos;
  })) << "the edited task never showed up in "
      << search;
  EXPECT_TRUE(Clean(search, r));
  EXPECT_NE(r.body.find(kEscapedScript), npos) << search;

  // Public pages, anonymously (polled: cached pages are replaced once the index moves on) and
  // as staff, who also see the edit links.
  const std::vector<std::string> records = {"/tasks/" + task, "/organisations/" + org,
                                            "/people/" + person, "/programs/" + program};
  for (const auto& url : records) {
    EXPECT_TRUE(Eventually([&] {
      r = anon->Get(url);
      return r.body.find(kEscapedScript) != npos;
    })) << url
        << " never showed the escaped payload";
    EXPECT_EQ(r.status, 200) << url;
    EXPECT_TRUE(Clean(url, r));
    r = staff->Get(url);
    EXPECT_NE(r.body.find(kEscapedScript), npos) << url << " as staff";
    EXPECT_TRUE(Clean(url + " as staff", r));
  }
  // The task page also names the edited host, PI and program.
  r = anon->Get("/tasks/" + task);
  for (auto p : {"&lt;img src=x onerror=alert(1)&gt;", "&quot;&gt;&lt;svg onload=alert(1)&gt;"})
    EXPECT_NE(r.body.find(p), npos) << "/tasks/" << task << " lacks " << p;
  for (const auto& url : std::vector<std::string>{
           "/", "/programs", "/search?q=" + Q(AllPayloads()), "/dupcheck?title=" + Q(AllPayloads()),
           "/organisations/" + org + "?lang=en", "/tasks/" + task + "?lang=en"}) {
    r = anon->Get(url);
    EXPECT_TRUE(Clean(url, r));
    EXPECT_TRUE(Clean(url + " as staff", staff->Get(url)));
  }
  EXPECT_TRUE(Eventually([&] {
    r = anon->Get("/");
    return r.body.find("href=\"/tasks/" + task + "\"") != npos;
  })) << "the edited task is not among the latest on the home page";
  EXPECT_NE(r.body.find(kEscapedScript), npos) << "home page";

  // Staff pages: the edit forms (payloads inside value attributes and textareas), the history
  // of each record, the audit chain.
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"task", "/tasks/" + task},
      {"organisation", "/organisations/" + org},
      {"person", "/people/" + person},
      {"program", "/programs/" + program}};
  for (const auto& [entity, base] : kinds) {
    std::string id = base.substr(base.rfind('/') + 1);
    for (const auto& url :
         std::vector<std::string>{base + "/edit", "/history/" + entity + "/" + id}) {
      r = staff->Get(url);
      EXPECT_EQ(r.status, 200) << url;
      EXPECT_TRUE(Clean(url, r));
      EXPECT_NE(r.body.find(kEscapedScript), npos) << url;
    }
  }
  // The edit form gives back exactly what was typed (escaping is lossless).
  r = staff->Get("/tasks/" + task + "/edit");
  std::vector<Field> fields = ParseForm(r.body, "/tasks/" + task + "/edit");
  auto title =
      std::find_if(fields.begin(), fields.end(), [](const Field& f) { return f.name == "title"; });
  ASSERT_NE(title, fields.end());
  EXPECT_EQ(title->value, AllPayloads());
  EXPECT_TRUE(Clean("/admin/audit", staff->Get("/admin/audit")));
  EXPECT_TRUE(Clean("/records", staff->Get("/records")));

  // The API: valid JSON, served as JSON, with the payload as a plain string value.
  auto contains = [](const nlohmann::json& j, std::string_view needle) {
    std::function<bool(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
      if (v.is_string()) return v.get<std::string>().find(needle) != npos;
      if (v.is_structured())
        for (const auto& item : v)
          if (walk(item)) return true;
      return false;
    };
    return walk(j);
  };
  for (const auto& url : std::vector<std::string>{
           "/api/v1/tasks/" + task, "/api/v1/organisations/" + org, "/api/v1/people/" + person,
           "/api/v1/programs/" + program, "/api/v1/tasks?q=" + std::string(kMarker)}) {
    r = anon->Get(url);
    EXPECT_EQ(r.status, 200) << url;
    EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u) << url;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << url;
    auto j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << url << " is not valid JSON";
    EXPECT_TRUE(contains(j, kPayloads[0])) << url;
    EXPECT_TRUE(contains(j, kPayloads[2])) << url;
  }
}

// Reflected XSS: markup in query parameters and paths comes back escaped (search box, filter
// chips, error messages, hidden form fields, the not-found page).
TEST_F(SecurityTest, ReflectedInputIsEscaped) {
  auto anon = Anonymous();
  for (auto payload : kPayloads) {
    std::string p = Q(Wrap(payload));
    for (const auto& url : std::vector<std::string>{
             "/search?q=" + p, "/search?status=" + p, "/search?sort=" + p, "/search?page=" + p,
             "/search?q=x&field=" + p, "/dupcheck?title=" + p, "/login?next=" + p,
             "/password/reset?token=" + p, "/verify?token=" + p, "/tasks/" + p, "/khong-co/" + p,
             "/api/docs?x=" + p}) {
      HttpReply r = anon->Get(url);
      EXPECT_NE(r.status, 500) << url;
      EXPECT_TRUE(Clean(url, r));
    }
  }
}

// A web site is shown as a link: a javascript: (or otherwise non-http) address must be refused
// with the error next to the field, and nothing saved.
TEST_F(SecurityTest, OrganisationWebsiteMustBeHttp) {
  auto db = OpenDb();
  auto row =
      db->Query("SELECT id, website, updated_at FROM organisations ORDER BY id DESC LIMIT 1");
  ASSERT_TRUE(row.ok() && !row->empty());
  int64_t id = row->Int(0, 0);
  std::string action = "/organisations/" + std::to_string(id) + "/edit";
  auto versions = [&] {
    return Count(
        "SELECT COUNT(*) FROM record_versions WHERE entity = 'organisation' AND "
        "entity_id = ?",
        {id});
  };
  int64_t versions_before = versions();
  auto staff = As("staff");
  std::vector<Field> form = ParseForm(staff->Get(action).body, action);
  ASSERT_FALSE(form.empty());
  for (const auto& website : std::vector<std::string>{
           "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
           "data:text/html,<script>alert(1)</script>", "https://x.vn/\"><svg onload=alert(1)>"}) {
    Pairs post = ToPairs(form);
    SetField(post, "website", website);
    SetField(post, "name", "Viện Nghiên cứu tại Hà Nội (đổi tên)");
    HttpReply r = staff->Post(action, post);
    EXPECT_EQ(r.status, 400) << website;
    EXPECT_EQ(FieldErrors(r.body), std::vector<std::string>{"website"}) << website;
    EXPECT_TRUE(Clean("refused website " + website, r));
  }
  auto after = db->Query("SELECT website, updated_at FROM organisations WHERE id = ?", {id});
  ASSERT_TRUE(after.ok() && !after->empty());
  EXPECT_EQ(after->Text(0, 0), row->Text(0, 1)) << "the website was saved";
  EXPECT_EQ(after->Text(0, 1), row->Text(0, 2)) << "the organisation was changed";
  EXPECT_EQ(versions(), versions_before);
}

// --- 2. SQL injection ----------------------------------------------------------------------

// SQL in any search parameter is a value, never SQL: answers are 200 or 400, the tables keep
// their rows, and the same search finds the same tasks afterwards.
TEST_F(SecurityTest, SqlInjectionInSearchChangesNothing) {
  auto anon = Anonymous();
  int cache_buster = 0;
  auto total = [&](const std::string& q) {
    HttpReply r =
        anon->Get("/api/v1/tasks?q=" + Q(q) + "&nocache=" + std::to_string(++cache_buster));
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    EXPECT_TRUE(r.status == 200 && !j.is_discarded() && j.contains("total")) << r.body;
    return j.is_discarded() ? int64_t{-1} : j.value("total", int64_t{-1});
  };
  int64_t tasks = Count("SELECT COUNT(*) FROM tasks");
  int64_t users = Count("SELECT COUNT(*) FROM users");
  int64_t orgs = Count("SELECT COUNT(*) FROM organisations");
  int64_t found = total("nghiên cứu");
  ASSERT_GT(found, 0);

  std::vector<std::string> params = {"q", "sort", "page", "limit", "offset", "district"};
  for (const auto& f : search::FacetNames()) params.push_back(f);
  for (const auto& base : std::vector<std::string>{"/search", "/api/v1/tasks"})
    for (const auto& param : params)
      for (const auto& payload : kSqlPayloads) {
        // Encoded, and unencoded when that is a valid request line (so the pre-encoded
        // payload also reaches the server decoded).
        for (const auto& url :
             std::vector<std::string>{base + "?" + param + "=" + Q(payload),
                                      base + "?q=nghien+cuu&" + param + "=" + payload}) {
          if (url.find(' ') != npos) continue;  // not a valid request line
          HttpReply r = anon->Get(url);
          EXPECT_TRUE(r.status == 200 || r.status == 400) << url << " → " << r.status;
        }
      }
  for (const auto& payload : kSqlPayloads)
    for (const auto& base :
         std::vector<std::string>{"/tasks/", "/organisations/", "/people/", "/programs/",
                                  "/api/v1/tasks/", "/api/v1/organisations/", "/fields/"}) {
      HttpReply r = anon->Get(base + Q(payload));
      EXPECT_TRUE(r.status == 404 || r.status == 400) << base << payload << " → " << r.status;
    }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM tasks"), tasks);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM users"), users);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM organisations"), orgs);
  EXPECT_EQ(total("nghiên cứu"), found);
}

// SQL in the login form signs nobody in: an ordinary "wrong e-mail or password" answer (a SQL
// error would be a 500), no session cookie, and the account page stays closed.
TEST_F(SecurityTest, SqlInjectionInLoginDoesNotSignIn) {
  for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
           {"' OR '1'='1' --", "bat-ky"},
           {"' OR '1'='1' --", "' OR '1'='1"},
           {"' OR 1=1; DROP TABLE users; --", "' OR ''='"},
           {test_support::EmailFor("admin") + "' --", "bat-ky"}}) {
    auto s = Anonymous();
    HttpReply r = s->Post("/login", {{"email", email}, {"password", password}});
    EXPECT_EQ(r.status, 200) << email;
    EXPECT_TRUE(CookieLine(r, http::kSessionCookie).empty()) << email;
    EXPECT_NE(r.body.find("form-error"), npos) << email;
    EXPECT_EQ(s->Get("/account").status, 303) << email;
  }
  EXPECT_GT(Count("SELECT COUNT(*) FROM users"), 0);
}

// --- 3. Path traversal ---------------------------------------------------------------------

// Download and asset URLs never reach a file outside their store: not the database, not the
// system's files, and never a server error.
TEST_F(SecurityTest, PathTraversalReachesNoFile) {
  std::string id = std::to_string(public_file_.id);
  const std::vector<std::string> targets = {
      "/files/" + id + "/..%2F..%2Fetc%2Fpasswd",
      "/files/" + id + "/../../etc/passwd",
      "/files/" + id + "/..%2F..%2F..%2Fketnoi.db",
      "/files/" + id + "/%2e%2e%2f%2e%2e%2fketnoi.db",
      "/files/" + id + "/..%5c..%5cketnoi.db",
      "/files/" + id + "/..",
      "/files/" + id + "%2f..%2f..%2fketnoi.db/x",
      "/files/..%2f1/x",
      "/assets/..%2F..%2Fketnoi.db",
      "/assets/%2e%2e%2f%2e%2e%2fketnoi.db",
      "/assets/../../ketnoi.db",
      "/assets/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
      "/assets/%2e%2e%5c%2e%2e%5cketnoi.db",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/../../etc/passwd",
  };
  for (const auto& role : std::vector<std::string>{"", "staff"}) {
    auto s = role.empty() ? Anonymous() : As(role);
    for (const auto& t : targets) {
      HttpReply r = s->Get(t);
      EXPECT_NE(r.status, 0) << t;
      EXPECT_NE(r.status, 200) << t;
      EXPECT_LT(r.status, 500) << t;
      EXPECT_EQ(r.body.find("root:"), npos) << t;
      EXPECT_EQ(r.body.find("SQLite format 3"), npos) << t;
      EXPECT_EQ(r.body.find("%PDF-"), npos) << t;
    }
  }
  // The real name still works (the list above failed for the right reason).
  EXPECT_EQ(Anonymous()->Get("/files/" + id + "/" + Q(public_file_.name)).status, 200);
}

// --- 4. CSRF -------------------------------------------------------------------------------

// A state-changing request made with a session must carry that session's token: missing,
// wrong or another session's token → 403 and nothing changes.
TEST_F(SecurityTest, StateChangingRequestsNeedTheCsrfToken) {
  auto db = OpenDb();
  auto row = db->Query(
      "SELECT id, title, updated_at FROM tasks WHERE confidentiality = 'public' ORDER BY id DESC "
      "LIMIT 1");
  ASSERT_TRUE(row.ok() && !row->empty());
  int64_t id = row->Int(0, 0);
  std::string action = "/tasks/" + std::to_string(id) + "/edit";
  auto staff = As("staff");
  auto other = As("staff");
  Pairs form = ToPairs(ParseForm(staff->Get(action).body, action));
  ASSERT_FALSE(form.empty());
  SetField(form, "title", "Nhiệm vụ bị sửa qua trang giả mạo tại Hà Nội");

  auto unchanged = [&](const std::string& why) {
    auto now = db->Query("SELECT title, updated_at FROM tasks WHERE id = ?", {id});
    ASSERT_TRUE(now.ok() && !now->empty());
    EXPECT_EQ(now->Text(0, 0), row->Text(0, 1)) << why;
    EXPECT_EQ(now->Text(0, 1), row->Text(0, 2)) << why;
  };
  EXPECT_EQ(staff->Post(action, form, /*with_csrf=*/false).status, 403);
  unchanged("saved without a token");
  for (const auto& token :
       std::vector<std::string>{std::string("sai"), staff->Csrf() + "x", other->Csrf(),
                                std::string(staff->cookies()[http::kSessionCookie])}) {
    Pairs with = form;
    with.emplace_back("_csrf", token);
    EXPECT_EQ(staff->Post(action, with, false).status, 403) << token;
    unchanged("saved with token " + token);
  }
  // The same form with the right token goes through (so the refusals above were the token's).
  EXPECT_EQ(staff->Post(action, form).status, 303);

  // Logout is state-changing too: without the token the session survives.
  EXPECT_EQ(staff->Post("/logout", {}, false).status, 403);
  EXPECT_EQ(staff->Get("/account").status, 200);

  // Signing in without a session: the form must echo the pre-session cookie.
  auto anon = Anonymous();
  Pairs login = {{"email", test_support::EmailFor("staff")},
                 {"password", test_support::PasswordFor("staff")}};
  HttpReply r = anon->Post("/login", login, false);
  EXPECT_EQ(r.status, 403);
  EXPECT_TRUE(CookieLine(r, http::kSessionCookie).empty());
  anon->Get("/login");  // now holds the pre-session cookie, still sends no token
  EXPECT_EQ(anon->Post("/login", login, false).status, 403);
  Pairs forged = login;
  forged.emplace_back("_csrf", "gia-mao-0123456789abcdef");
  EXPECT_EQ(anon->Post("/login", forged, false).status, 403);
  EXPECT_TRUE(anon->cookies().count(http::kSessionCookie) == 0);

  // JSON clients: src/web/api.cpp has no state-changing route, so the JSON-answering upload
  // (Accept: application/json) stands in — a session cookie without X-CSRF-Token is refused,
  // the header with the session's token is accepted.
  auto applicant = As("applicant");
  int64_t owner = user_ids_["applicant"];
  int64_t files_before = Count("SELECT COUNT(*) FROM files WHERE owner_user_id = ?", {owner});
  std::string ct = "multipart/form-data; boundary=" + std::string(kBoundary);
  std::string body = MultipartBody({{"visibility", "private"}}, "api.pdf", "application/pdf", kPdf);
  r = applicant->Send("POST", "/files", body, ct, {{"Accept", "application/json"}});
  EXPECT_EQ(r.status, 403);
  r = applicant->Send("POST", "/files", body, ct,
                      {{"Accept", "application/json"}, {"X-CSRF-Token", "sai"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE owner_user_id = ?", {owner}), files_before);
  r = applicant->Send("POST", "/files", body, ct,
                      {{"Accept", "application/json"}, {"X-CSRF-Token", applicant->Csrf()}});
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE owner_user_id = ?", {owner}), files_before + 1);
}

// --- 5. Uploads and downloads ---------------------------------------------------------------

// A private upload reaches its owner and staff only; everyone else gets 404 (not 403: the file
// does not exist for them). The client's name cannot climb out of the store or the header.
TEST_F(SecurityTest, PrivateUploadsReachOnlyOwnerAndStaff) {
  auto applicant = As("applicant");
  std::set<std::string> before = FileLinks(*applicant);
  HttpReply r = Upload(*applicant, "../../Báo cáo.pdf", kPdf, "private", "application/pdf");
  EXPECT_EQ(r.status, 303) << r.body;
  std::set<std::string> after = FileLinks(*applicant);
  ASSERT_EQ(after.size(), before.size() + 1) << "the upload is not listed on /account";
  std::string url;
  for (const auto& u : after)
    if (!before.count(u)) url = u;
  std::string name = http::UrlDecode(url.substr(url.rfind('/') + 1), false);
  EXPECT_EQ(name, "Báo cáo.pdf") << url;
  EXPECT_EQ(url.find(".."), npos) << url;

  r = applicant->Get(url);
  EXPECT_EQ(r.status, 200) << url;
  EXPECT_EQ(r.body, kPdf);
  EXPECT_EQ(r.Header("content-type"), "application/pdf");
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(r.Header("content-security-policy").find("sandbox"), npos);
  std::string disposition = r.Header("content-disposition");
  EXPECT_EQ(disposition.rfind("attachment", 0), 0u) << disposition;
  EXPECT_EQ(disposition.find('/'), npos) << disposition;
  EXPECT_EQ(disposition.find('\\'), npos) << disposition;
  EXPECT_NE(r.Header("cache-control").find("no-store"), npos);

  EXPECT_EQ(Anonymous()->Get(url).status, 404);
  EXPECT_EQ(As("enterprise")->Get(url).status, 404);
  EXPECT_EQ(As("expert")->Get(url).status, 404);
  r = As("staff")->Get(url);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kPdf);
  // The id alone is not enough: another name for the same id is not the file.
  std::string id_part = url.substr(0, url.rfind('/') + 1);
  EXPECT_EQ(applicant->Get(id_part + "khac.pdf").status, 404);

  // A public file is anyone's to download.
  before = FileLinks(*applicant);
  r = Upload(*applicant, "Kết quả công khai.pdf", kPdf, "public", "application/pdf");
  EXPECT_EQ(r.status, 303);
  after = FileLinks(*applicant);
  ASSERT_EQ(after.size(), before.size() + 1);
  for (const auto& u : after)
    if (!before.count(u)) {
      r = Anonymous()->Get(u);
      EXPECT_EQ(r.status, 200) << u;
      EXPECT_EQ(r.body, kPdf);
    }
}

// The content decides what a file is, never its name or declared type: HTML or SVG dressed as
// a PDF is refused and nothing is stored or listed. Visitors cannot upload at all.
TEST_F(SecurityTest, UploadsAreCheckedByContent) {
  auto applicant = As("applicant");
  int64_t owner = user_ids_["applicant"];
  int64_t stored = Count("SELECT COUNT(*) FROM files WHERE owner_user_id = ?", {owner});
  std::set<std::string> listed = FileLinks(*applicant);
  for (const auto& [filename, data] : std::vector<std::pair<std::string, std::string>>{
           {"x.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>"},
           {"x.pdf", " %PDF-1.4 <script>alert(1)</script>"},
           {"anh.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"},
           {"x.html", "<html><body>Xin chào</body></html>"}}) {
    HttpReply r = Upload(*applicant, filename, data, "public", "application/pdf");
    EXPECT_GE(r.status, 400) << filename;
    EXPECT_LT(r.status, 500) << filename;
    EXPECT_TRUE(Clean("refused upload", r));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM files WHERE owner_user_id = ?", {owner}), stored);
  EXPECT_EQ(FileLinks(*applicant), listed);

  int64_t all = Count("SELECT COUNT(*) FROM files");
  auto anon = Anonymous();
  HttpReply r = Upload(*anon, "an-danh.pdf", kPdf, "public", "application/pdf");
  EXPECT_TRUE(r.status == 303 || r.status == 401 || r.status == 403) << r.status;
  if (r.status == 303) {
    EXPECT_EQ(r.Header("location").rfind("/login", 0), 0u);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM files"), all);
}

// --- 6. Security headers -------------------------------------------------------------------

// Every page forbids inline script and framing and is not MIME-sniffed; pages of a signed-in
// user are never stored by shared caches; cookies are out of reach of script and of
// cross-site requests.
TEST_F(SecurityTest, SecurityHeadersAndCookies) {
  auto check = [](const std::string& where, const HttpReply& r) {
    auto csp = CspDirectives(r.Header("content-security-policy"));
    ASSERT_TRUE(csp.count("script-src")) << where << ": " << r.Header("content-security-policy");
    EXPECT_NE(csp["script-src"].find("'self'"), npos) << where;
    EXPECT_EQ(csp["script-src"].find("'unsafe-inline'"), npos) << where;
    EXPECT_EQ(csp["script-src"].find("'unsafe-eval'"), npos) << where;
    EXPECT_EQ(csp["frame-ancestors"], "'none'") << where;
    EXPECT_EQ(csp["object-src"], "'none'") << where;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << where;
    std::string referrer = r.Header("referrer-policy");
    EXPECT_FALSE(referrer.empty()) << where;
    EXPECT_NE(referrer, "unsafe-url") << where;
  };
  auto anon = Anonymous();
  HttpReply r = anon->Get("/");
  EXPECT_EQ(r.status, 200);
  check("/", r);
  EXPECT_EQ(r.Header("cache-control").find("private"), npos) << "a public page is cacheable";
  check("/search", anon->Get("/search?q=nghien+cuu"));
  check("404", anon->Get("/khong-co-trang-nay"));
  check("/api/v1/tasks", anon->Get("/api/v1/tasks?q=nghien+cuu"));

  auto applicant = As("applicant");
  for (const auto& url : std::vector<std::string>{"/account", "/account/password", "/"}) {
    r = applicant->Get(url);
    EXPECT_EQ(r.status, 200) << url;
    check(url + " signed in", r);
    EXPECT_EQ(r.Header("cache-control"), "private, no-store") << url;
  }
  // Behind a login, the bounce itself is not cacheable either.
  r = anon->Get("/account");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location").rfind("/login", 0), 0u);

  // The cookies: the pre-session CSRF cookie from the login form, the session from signing in.
  auto fresh = Anonymous();
  r = fresh->Get("/login");
  std::string csrf_cookie = CookieLine(r, http::kCsrfCookie);
  ASSERT_FALSE(csrf_cookie.empty()) << r.Header("set-cookie");
  r = fresh->Post("/login", {{"email", test_support::EmailFor("applicant")},
                             {"password", test_support::PasswordFor("applicant")}});
  EXPECT_EQ(r.status, 303);
  std::string session_cookie = CookieLine(r, http::kSessionCookie);
  ASSERT_FALSE(session_cookie.empty()) << r.Header("set-cookie");
  for (const auto& line : {csrf_cookie, session_cookie}) {
    std::string l = Lower(line);
    EXPECT_NE(l.find("; httponly"), npos) << line;
    EXPECT_NE(l.find("; samesite=lax"), npos) << line;
    EXPECT_NE(l.find("; path=/"), npos) << line;
  }
  EXPECT_EQ(r.Header("cache-control"), "private, no-store");
}

// --- 7. Sessions ---------------------------------------------------------------------------

// Signing out ends the session on the server: a copy of the old cookie opens nothing.
TEST_F(SecurityTest, LogoutEndsTheSessionOnTheServer) {
  auto s = As("leader");
  ASSERT_EQ(s->Get("/account").status, 200);
  std::string token = s->cookies()[http::kSessionCookie];
  ASSERT_FALSE(token.empty());
  HttpReply r = s->Post("/logout", {});
  EXPECT_EQ(r.status, 303);
  auto replay = Anonymous();
  replay->cookies()[http::kSessionCookie] = token;
  r = replay->Get("/account");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location").rfind("/login", 0), 0u) << r.Header("location");
  EXPECT_EQ(replay->Get("/records").status, 303) << "old session still edits records";
}

// A session revoked from another session's account page stops working at once; a user can
// revoke only their own sessions.
TEST_F(SecurityTest, RevokedSessionStopsWorking) {
  std::string email = "phien@kiem-thu.vn", password = "mat-khau-phien-2026";
  ASSERT_NE(CreateUser(email, password, "expert"), 0);
  auto a = Anonymous(), b = Anonymous();
  ASSERT_TRUE(a->Login(email, password));
  ASSERT_TRUE(b->Login(email, password));
  auto stranger = As("enterprise");
  std::string hash_a = crypto::Blake2bHex(a->cookies()[http::kSessionCookie]);
  std::string hash_stranger = crypto::Blake2bHex(stranger->cookies()[http::kSessionCookie]);

  HttpReply page = b->Get("/account");
  ASSERT_NE(page.body.find("value=\"" + hash_a + "\""), npos) << "A's session is not listed";
  // Someone else's session hash does nothing to that session.
  b->Post("/account/sessions/revoke", {{"session", hash_stranger}});
  EXPECT_EQ(stranger->Get("/account").status, 200) << "revoked another user's session";

  EXPECT_EQ(b->Post("/account/sessions/revoke", {{"session", hash_a}}).status, 303);
  HttpReply r = a->Get("/account");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location").rfind("/login", 0), 0u);
  EXPECT_EQ(b->Get("/account").status, 200) << "the revoking session must survive";
}

// After signing in the user goes back where they came from, but only to a page of this site:
// never to another host (open redirect) and never with a header smuggled into the Location.
TEST_F(SecurityTest, LoginRedirectStaysOnTheSite) {
  for (const auto& next : std::vector<std::string>{
           "//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example",
           "javascript:alert(1)", "/x\r\nSet-Cookie: bi=danh-cap", "evil.example"}) {
    auto s = Anonymous();
    HttpReply r = s->Post("/login", {{"email", test_support::EmailFor("broker")},
                                     {"password", test_support::PasswordFor("broker")},
                                     {"next", next}});
    EXPECT_EQ(r.status, 303) << next;
    std::string location = r.Header("location");
    EXPECT_EQ(location.rfind("/", 0), 0u) << next << " → " << location;
    EXPECT_NE(location.rfind("//", 0), 0u) << next << " → " << location;
    EXPECT_EQ(location.find('\\'), npos) << next << " → " << location;
    EXPECT_EQ(CookieLine(r, "bi").size(), 0u) << next;
  }
  // A local page is kept.
  auto s = Anonymous();
  HttpReply r = s->Post("/login", {{"email", test_support::EmailFor("broker")},
                                   {"password", test_support::PasswordFor("broker")},
                                   {"next", "/search?q=nghien+cuu"}});
  EXPECT_EQ(r.Header("location"), "/search?q=nghien+cuu");
}

// --- 8. Throttling -------------------------------------------------------------------------

// After ten wrong passwords the account is throttled: the eleventh attempt does not sign in
// even with the right password, answers 429 and tells the user why.
TEST_F(SecurityTest, RepeatedWrongPasswordsThrottleTheAccount) {
  std::string email = "nem-da@kiem-thu.vn", password = "mat-khau-nem-da-2026";
  ASSERT_NE(CreateUser(email, password, "jury"), 0);
  for (int i = 0; i < 10; ++i) {
    auto s = Anonymous();
    HttpReply r =
        s->Post("/login", {{"email", email}, {"password", "sai-mat-khau-" + std::to_string(i)}});
    EXPECT_EQ(r.status, 200) << "attempt " << i + 1;
    EXPECT_TRUE(CookieLine(r, http::kSessionCookie).empty()) << "attempt " << i + 1;
  }
  auto s = Anonymous();
  HttpReply r = s->Post("/login", {{"email", email}, {"password", password}});
  EXPECT_EQ(r.status, 429);
  EXPECT_NE(r.body.find("Quá nhiều lần đăng nhập sai"), npos);
  EXPECT_TRUE(CookieLine(r, http::kSessionCookie).empty()) << "signed in while throttled";
  EXPECT_EQ(s->Get("/account").status, 303);
  // The throttle is per account: others signing in from the same address are not locked out.
  auto other = Anonymous();
  EXPECT_TRUE(other->Login(test_support::EmailFor("jury"), test_support::PasswordFor("jury")));
}

}  // namespace
}  // namespace ketnoi
