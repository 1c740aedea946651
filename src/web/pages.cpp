// Server-rendered pages (mustache), static assets, health and metrics, and the 404 fallback.

#include <algorithm>
#include <map>
#include <set>
#include <mutex>
#include <optional>

#include "core/embedded.h"
#include "core/messages.h"
#include "dedup/dedup.h"
#include "text/text.h"
#include "registry/merge.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

// Parsed templates. Rendering mutates a kainjow template, so each render works on a copy
// (Render below); the parsed originals are shared read-only by the workers.
const mustache& ParsedTemplate(std::string_view name) {
  static const std::map<std::string, mustache, std::less<>> kTemplates = [] {
    std::map<std::string, mustache, std::less<>> m;
    for (const auto& f : WebTemplates()) {
      std::string n(f.name);
      n = n.substr(0, n.find('.'));
      m.emplace(n, mustache(std::string(f.content)));
    }
    return m;
  }();
  auto it = kTemplates.find(name);
  if (it == kTemplates.end()) throw std::runtime_error("no template " + std::string(name));
  return it->second;
}

std::string RenderTemplate(std::string_view name, const data& d) {
  mustache copy = ParsedTemplate(name);
  return copy.render(d);
}

// The stylesheet under a content-hashed name, cached for a year.
struct Asset {
  std::string url, content_type;
  std::string_view body;
};
const std::vector<Asset>& Assets() {
  static const std::vector<Asset> kAssets = [] {
    std::vector<Asset> v;
    std::vector<EmbeddedFile> files = WebAssets();
    files.insert(files.end(), SwaggerAssets().begin(), SwaggerAssets().end());
    for (const auto& f : files) {
      std::string name(f.name);
      std::string hash = Etag(std::string(f.content)).substr(1, 12);
      size_t dot = name.rfind('.');
      std::string ext = dot == std::string::npos ? "" : name.substr(dot);
      std::string type = ext == ".css"  ? "text/css; charset=utf-8"
                         : ext == ".js" ? "text/javascript; charset=utf-8"
                                        : "application/octet-stream";
      v.push_back({"/assets/" + name.substr(0, dot) + "." + hash + ext, type, f.content});
    }
    return v;
  }();
  return kAssets;
}
// The hashed URL of an asset by its file name ("style.css").
std::string AssetUrl(std::string_view file) {
  size_t dot = file.rfind('.');
  std::string prefix = "/assets/" + std::string(file.substr(0, dot)) + ".";
  std::string ext(file.substr(dot));
  for (const auto& a : Assets())
    if (a.url.rfind(prefix, 0) == 0 && a.url.size() == prefix.size() + 12 + ext.size() &&
        a.url.substr(a.url.size() - ext.size()) == ext)
      return a.url;
  return "";
}
std::string CssUrl() { return AssetUrl("style.css"); }

data Labels(const std::string& lang) {
  data t;
  for (const auto& [k, v] : MessagesWithPrefix("web.", lang)) t.set(k, v);
  return t;
}

std::string T(const std::string& id, const std::string& lang,
              std::vector<std::pair<std::string, std::string>> params) {
  return Render(Message(id, std::move(params)), lang);
}

// The current URL with `lang` switched, for the language link.
std::string SwitchUrl(const http::Request& req, const std::string& lang) {
  std::string url = req.path + "?";
  for (const auto& [k, v] : req.query)
    if (k != "lang") url += http::UrlEncode(k) + "=" + http::UrlEncode(v) + "&";
  return url + "lang=" + (lang == "vi" ? "en" : "vi");
}

http::Response Page(const http::Request& req, const std::string& lang, const std::string& title,
                    const std::string& template_name, data body_data, int status) {
  data t = Labels(lang);
  body_data.set("t", t);
  data layout;
  layout.set("t", t);
  layout.set("lang", lang);
  layout.set("title", title);
  layout.set("css", CssUrl());
  layout.set("switch_url", SwitchUrl(req, lang));
  layout.set("body", RenderTemplate(template_name, body_data));
  if (req.principal.signed_in()) {
    data user;
    user.set("name", req.principal.name);
    user.set("csrf", req.principal.csrf);
    user.set("editor", auth::Allows("registry.edit", req.principal) ? data::type::bool_true
                                                                    : data::type::bool_false);
    user.set("admin", auth::Allows("users.manage", req.principal) ? data::type::bool_true
                                                                  : data::type::bool_false);
    user.set("auditor", auth::Allows("audit.read", req.principal) ? data::type::bool_true
                                                                  : data::type::bool_false);
    layout.set("user", user);
  }
  http::Response r;
  r.status = status;
  r.body = RenderTemplate("layout", layout);
  r.Header("Content-Language", lang);
  // The choice of language made with ?lang= is remembered.
  std::string chosen = req.Query("lang");
  if (chosen == "vi" || chosen == "en")
    r.Header("Set-Cookie", "lang=" + chosen + "; Path=/; Max-Age=31536000; SameSite=Lax");
  r.Header("Vary", "Cookie, Accept-Language");
  return r;
}

http::Response MessagePage(const http::Request& req, const std::string& lang, int status,
                           const std::string& heading, const std::string& text) {
  data d;
  d.set("heading", heading);
  d.set("text", text);
  return Page(req, lang, heading, "message", d, status);
}

http::Response NotFoundPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  return MessagePage(req, lang, 404, T("web.not_found_title", lang), T("web.not_found_text", lang));
}

http::Response ErrorPage(const http::Request& req, const std::string& lang, const Status& s) {
  int code = http::StatusToHttp(s.code());
  if (code == 404)
    return MessagePage(req, lang, 404, T("web.not_found_title", lang),
                       T("web.not_found_text", lang));
  return MessagePage(req, lang, code,
                     T(code == 400 ? "web.bad_request_title" : "web.error_title", lang),
                     Render(s, lang));
}

namespace {

data SearchForm(const std::string& lang, const std::string& query) {
  data d;
  d.set("t", Labels(lang));
  d.set("query", query);
  return d;
}

std::string Snippet(const std::string& text_in, const std::vector<std::string>& folded_terms) {
  std::string text = text_in;
  auto tokens = text::Tokenize(text);
  if (tokens.empty()) return "";
  size_t first = tokens.size();
  for (size_t i = 0; i < tokens.size() && first == tokens.size(); ++i)
    for (const auto& f : folded_terms)
      if (tokens[i].folded == f) first = i;
  if (first == tokens.size()) first = 0;
  size_t from = first > 8 ? first - 8 : 0;
  size_t to = std::min(tokens.size(), from + 36);
  std::string out = from > 0 ? "… " : "";
  size_t cursor = tokens[from].offset;
  for (size_t i = from; i < to; ++i) {
    out += HtmlEscape(std::string_view(text).substr(cursor, tokens[i].offset - cursor));
    std::string word =
        HtmlEscape(std::string_view(text).substr(tokens[i].offset, tokens[i].length));
    bool hit = false;
    for (const auto& f : folded_terms) hit = hit || tokens[i].folded == f;
    out += hit ? "<mark>" + word + "</mark>" : word;
    cursor = tokens[i].offset + tokens[i].length;
  }
  if (to < tokens.size())
    out += " …";
  else
    out += HtmlEscape(std::string_view(text).substr(cursor));
  return out;
}

std::string SearchUrl(const search::SearchRequest& sr,
                      const std::map<std::string, std::vector<std::string>>& filters,
                      const std::string& sort, int page) {
  std::string url = "/search?q=" + http::UrlEncode(sr.query);
  for (const auto& [name, values] : filters)
    for (const auto& v : values) url += "&" + name + "=" + http::UrlEncode(v);
  if (!sort.empty() && sort != "relevance") url += "&sort=" + sort;
  if (page > 1) url += "&page=" + std::to_string(page);
  return url;
}

http::Response SearchPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto sr = SearchFromQuery(req, lang, 20);
  if (!sr.ok()) return ErrorPage(req, lang, sr.status());
  sr->facets = true;
  sr->facet_sample = w.config->search_facet_sample;
  auto result = w.searcher->Search(*sr);
  if (!result.ok()) return ErrorPage(req, lang, result.status());
  std::vector<int64_t> ids;
  for (const auto& h : result->hits) ids.push_back(h.id);
  auto records = w.registry->GetTaskRecords(ids);
  if (!records.ok()) return ErrorPage(req, lang, records.status());

  std::vector<std::string> terms;
  for (const auto& t : text::Tokenize(sr->query)) terms.push_back(t.folded);
  data hits{data::type::list};
  for (const auto& rec : *records) {
    data h;
    h.set("id", std::to_string(rec.task.id));
    h.set("title", rec.task.title);
    h.set("code", rec.task.code);
    h.set("host", rec.host_name);
    h.set("pi", rec.pi_name);
    h.set("period", PeriodText(rec.task.start, rec.task.end));
    if (!rec.task.abstract.empty()) h.set("snippet", Snippet(rec.task.abstract, terms));
    hits.push_back(h);
  }
  data d;
  d.set("search_form", RenderTemplate("search_form", SearchForm(lang, sr->query)));
  d.set("hits", hits);
  d.set("has_results", result->total > 0 ? data::type::bool_true : data::type::bool_false);
  d.set("results_heading", T(result->total_exact ? "web.results_count" : "web.results_count_about",
                             lang, {{"total", std::to_string(result->total)}}));
  d.set("first_rank", std::to_string(sr->offset + 1));
  int page = sr->offset / std::max(1, sr->limit) + 1;
  int pages = static_cast<int>((result->total + sr->limit - 1) / std::max(1, sr->limit));
  d.set("page_of",
        T("web.page_of", lang,
          {{"page", std::to_string(page)}, {"pages", std::to_string(std::max(1, pages))}}));
  // Downloads of the whole result (every filter, the same order), not just this page.
  if (result->total > 0) {
    std::string base = SearchUrl(*sr, sr->filters, sr->sort, 1);
    std::string query = base.substr(base.find('?') + 1);
    d.set("export_csv", "/export?format=csv&" + query);
    d.set("export_xlsx", "/export?format=xlsx&" + query);
    d.set("export_jsonl", "/export?format=jsonl&" + query);
  }
  if (page > 1) d.set("prev_url", SearchUrl(*sr, sr->filters, sr->sort, page - 1));
  if (page < pages) d.set("next_url", SearchUrl(*sr, sr->filters, sr->sort, page + 1));
  data sorts{data::type::list};
  for (const auto& [key, label] :
       std::vector<std::pair<std::string, std::string>>{{"relevance", "web.sort_relevance"},
                                                        {"date", "web.sort_date"},
                                                        {"budget", "web.sort_budget"},
                                                        {"title", "web.sort_title"}}) {
    data s;
    s.set("label", T(label, lang));
    s.set("url", SearchUrl(*sr, sr->filters, key, 1));
    s.set("current", (sr->sort == key) ? data::type::bool_true : data::type::bool_false);
    sorts.push_back(s);
  }
  d.set("sorts", sorts);
  // Facets: each value links to the current search with that filter added.
  data facets{data::type::list};
  for (const auto& f : result->facets) {
    if (f.values.empty()) continue;
    data fd;
    fd.set("label", T("web.facet_" + f.name, lang));
    data values{data::type::list};
    size_t shown = 0;
    for (const auto& v : f.values) {
      if (shown++ == 12) break;
      auto filters = sr->filters;
      auto& chosen = filters[f.name];
      if (std::find(chosen.begin(), chosen.end(), v.value) != chosen.end()) continue;
      chosen = {v.value};
      data vd;
      vd.set("label", v.label);
      vd.set("count", std::to_string(v.count));
      vd.set("url", SearchUrl(*sr, filters, sr->sort, 1));
      values.push_back(vd);
    }
    fd.set("values", values);
    facets.push_back(fd);
  }
  d.set("facets", facets);
  data active{data::type::list};
  for (const auto& [name, values] : sr->filters)
    for (const auto& v : values) {
      auto filters = sr->filters;
      auto& list = filters[name];
      list.erase(std::remove(list.begin(), list.end(), v), list.end());
      if (list.empty()) filters.erase(name);
      data a;
      a.set("label", T("web.facet_" + name, lang));
      std::string shown = v;
      for (const auto& f : result->facets)
        if (f.name == name)
          for (const auto& fv : f.values)
            if (fv.value == v) shown = fv.label;
      a.set("value", shown);
      a.set("remove_url", SearchUrl(*sr, filters, sr->sort, 1));
      active.push_back(a);
    }
  d.set("has_filters", sr->filters.empty() ? data::type::bool_false : data::type::bool_true);
  d.set("active_filters", active);
  if (!result->suggestion.empty()) {
    data s;
    s.set("text", result->suggestion);
    search::SearchRequest alt = *sr;
    alt.query = result->suggestion;
    s.set("url", SearchUrl(alt, sr->filters, sr->sort, 1));
    d.set("suggestion", s);
  }
  std::string title =
      sr->query.empty() ? T("web.nav_search", lang) : sr->query + " – " + T("web.nav_search", lang);
  return Page(req, lang, title, "search", d);
}

http::Response HomePage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto stats = w.registry->Stats();
  if (!stats.ok()) return ErrorPage(req, lang, stats.status());
  search::SearchRequest latest_req;
  latest_req.sort = "date";
  latest_req.limit = 10;
  auto latest = w.searcher->Search(latest_req);
  if (!latest.ok()) return ErrorPage(req, lang, latest.status());
  std::vector<int64_t> ids;
  for (const auto& h : latest->hits) ids.push_back(h.id);
  auto records = w.registry->GetTaskRecords(ids);
  if (!records.ok()) return ErrorPage(req, lang, records.status());
  data list{data::type::list};
  for (const auto& rec : *records) {
    data item;
    item.set("id", std::to_string(rec.task.id));
    item.set("title", rec.task.title);
    item.set("code", rec.task.code);
    item.set("host", rec.host_name);
    item.set("start", rec.task.start ? rec.task.start->Vn() : "");
    list.push_back(item);
  }
  data d;
  d.set("search_form", RenderTemplate("search_form", SearchForm(lang, "")));
  d.set("counts", T("web.home_counts", lang,
                    {{"tasks", std::to_string(stats->public_tasks)},
                     {"orgs", std::to_string(stats->organisations)},
                     {"people", std::to_string(stats->people)},
                     {"programs", std::to_string(stats->programs)}}));
  d.set("latest", list);
  return Page(req, lang, T("web.nav_home", lang), "home", d);
}

// Restricted and secret tasks: staff, leaders and admins; the task's principal investigator and
// members; staff of its host organisation. To anyone else the task does not exist (404).
bool CanSee(const auth::Principal& p, const registry::Task& t) {
  if (t.IsPublic() || p.SeesEverything()) return true;
  if (!p.signed_in()) return false;
  if (p.person_id) {
    if (t.pi_id == p.person_id) return true;
    for (const auto& m : t.members)
      if (m.person_id == *p.person_id) return true;
  }
  if (!t.host_id) return false;
  std::string scope = "organisation:" + std::to_string(*t.host_id);
  return std::any_of(p.roles.begin(), p.roles.end(), [&](const auth::RoleGrant& g) {
    return g.role == "host_staff" && g.scope == scope;  // an unscoped grant gives no host
  });
}

http::Response TaskPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFoundPage(req, w);
  auto records = w.registry->GetTaskRecords({*id});
  if (!records.ok()) return ErrorPage(req, lang, records.status());
  // A task merged into another (registry/merge.h) has one page: the kept task's. Only those who
  // could see the merged task learn where it went.
  if (!records->empty() && records->front().task.merged_into) {
    registry::Task before = records->front().task;
    int64_t kept = *before.merged_into;
    before.merged_into.reset();
    if (!CanSee(req.principal, before)) return NotFoundPage(req, w);
    http::Response moved;
    moved.status = 301;
    moved.Header("Location", "/tasks/" + std::to_string(kept) +
                                 (req.HasQuery("lang") ? "?lang=" + Lang(req) : ""));
    return moved;
  }
  if (records->empty() || !CanSee(req.principal, records->front().task))
    return NotFoundPage(req, w);
  const registry::TaskRecord& rec = records->front();
  const registry::Task& t = rec.task;
  data d;
  d.set("title", t.title);
  if (!t.code.empty()) d.set("code", t.code);
  d.set("kind", registry::Label(registry::TaskKinds(), t.kind, lang));
  d.set("level", registry::Label(registry::TaskLevels(), t.level, lang));
  if (!t.field_code.empty()) {
    const registry::Field* f = registry::FindField(t.field_code);
    d.set("field",
          t.field_code + " – " +
              (f ? std::string(lang == "en" ? f->name_en : f->name_vi) : rec.field_name_vi));
    d.set("field_code", t.field_code);
  }
  if (t.program_id) {
    d.set("program", rec.program_name);
    d.set("program_id", std::to_string(*t.program_id));
  }
  if (t.host_id) {
    d.set("host", rec.host_name);
    d.set("host_id", std::to_string(*t.host_id));
  }
  if (!rec.host_parent.empty()) d.set("host_parent", rec.host_parent);
  if (t.pi_id) {
    d.set("pi", rec.pi_name);
    d.set("pi_id", std::to_string(*t.pi_id));
  }
  d.set("period", PeriodText(t.start, t.end));
  d.set("budget_state", FormatVnd(t.budget_state));
  d.set("budget_other", FormatVnd(t.budget_other));
  d.set("budget_total", FormatVnd(t.TotalBudget()));
  d.set("status", registry::Label(registry::TaskStatuses(), t.status, lang));
  if (!t.archive_no.empty()) d.set("archive_no", t.archive_no);
  std::string keywords;
  for (const auto& k : t.keywords) keywords += (keywords.empty() ? "" : "; ") + k;
  if (!keywords.empty()) d.set("keywords", keywords);
  if (!t.source.empty()) d.set("source", t.source);
  d.set("external_id", t.external_id);
  if (!t.abstract.empty()) d.set("abstract", t.abstract);
  if (!t.objectives.empty()) d.set("objectives", t.objectives);
  if (!t.content.empty()) d.set("content", t.content);
  if (!t.result_summary.empty()) d.set("result", t.result_summary);
  if (!t.applied_at.empty()) d.set("applied_at", t.applied_at);
  data products{data::type::list};
  for (const auto& p : t.products) {
    data pd;
    pd.set("name", p.name);
    pd.set("quantity", p.quantity ? std::to_string(*p.quantity) : "");
    pd.set("unit", p.unit);
    pd.set("quality", p.quality_target);
    products.push_back(pd);
  }
  d.set("products", products);
  d.set("has_products", t.products.empty() ? data::type::bool_false : data::type::bool_true);
  data members{data::type::list};
  for (const auto& m : t.members) {
    auto person = w.registry->GetPerson(m.person_id);
    if (!person.ok()) continue;
    data md;
    md.set("id", std::to_string(m.person_id));
    md.set("name", person->DisplayName());
    md.set("role", registry::Label(registry::MemberRoles(), m.role, lang));
    members.push_back(md);
  }
  d.set("members", members);
  d.set("has_members", t.members.empty() ? data::type::bool_false : data::type::bool_true);
  if (auth::Allows("registry.edit", req.principal)) {
    d.set("edit_url", "/tasks/" + std::to_string(t.id) + "/edit");
    d.set("history_url", "/history/task/" + std::to_string(t.id));
  }
  if (!t.IsPublic())
    d.set("confidentiality",
          registry::Label(registry::Confidentialities(), t.confidentiality, lang));
  return Page(req, lang, t.title, "task", d);
}

// Organisation, person and program pages share one template: facts, then a list of tasks.
struct Fact {
  std::string label, value, url;
};
http::Response EntityPage(const http::Request& req, const std::string& lang,
                          const std::string& title, const std::string& subtitle,
                          const std::string& note, const std::vector<Fact>& facts,
                          const std::string& list_title, const std::string& summary,
                          const std::vector<registry::TaskSummary>& tasks,
                          const std::string& more_url) {
  data d;
  d.set("title", title);
  if (!subtitle.empty()) d.set("subtitle", subtitle);
  if (!note.empty()) d.set("note", note);
  data fl{data::type::list};
  for (const auto& f : facts) {
    if (f.value.empty()) continue;
    data fd;
    fd.set("label", f.label);
    fd.set("value", f.value);
    if (!f.url.empty()) fd.set("url", f.url);
    fl.push_back(fd);
  }
  d.set("facts", fl);
  if (!list_title.empty()) {
    d.set("list_title", list_title);
    if (!summary.empty()) d.set("summary", summary);
    data items{data::type::list};
    for (const auto& t : tasks) {
      data item;
      item.set("url", "/tasks/" + std::to_string(t.id));
      item.set("label", t.title);
      item.set("meta", t.code + (t.start ? " · " + t.start->Vn() : ""));
      items.push_back(item);
    }
    d.set("items", items);
    if (!more_url.empty()) d.set("more_url", more_url);
  }
  // Editors get links to the edit form and the history ("/organisations/3" → organisation 3).
  if (auth::Allows("registry.edit", req.principal)) {
    std::string kind = req.path.rfind("/organisations/", 0) == 0 ? "organisation"
                       : req.path.rfind("/people/", 0) == 0      ? "person"
                       : req.path.rfind("/programs/", 0) == 0    ? "program"
                                                                 : "";
    if (!kind.empty()) {
      d.set("edit_url", req.path + "/edit");
      d.set("history_url", "/history/" + kind + req.path.substr(req.path.rfind('/')));
    }
  }
  return Page(req, lang, title, "entity", d);
}

// A merged organisation or person (registry/merge.h) has one page: the kept record's.
std::optional<http::Response> MovedTo(const http::Request& req, http::Worker& w,
                                      const std::string& entity, const std::string& prefix,
                                      int64_t id) {
  auto into = registry::MergedInto(*w.registry, entity, id);
  if (!into.ok()) return ErrorPage(req, Lang(req), into.status());
  if (!*into) return std::nullopt;
  http::Response r;
  r.status = 301;
  r.Header("Location",
           prefix + std::to_string(**into) + (req.HasQuery("lang") ? "?lang=" + Lang(req) : ""));
  return r;
}

http::Response OrganisationPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto org = id ? w.registry->GetOrganisation(*id)
                : Result<registry::Organisation>(Status::NotFound({"x"}));
  if (!org.ok()) return NotFoundPage(req, w);
  if (auto moved = MovedTo(req, w, "organisation", "/organisations/", org->id)) return *moved;
  auto tasks = w.registry->PublicTasksBy("host", org->id, 20);
  auto totals = w.registry->PublicTaskTotals("host", org->id);
  if (!tasks.ok() || !totals.ok())
    return ErrorPage(req, lang, tasks.ok() ? totals.status() : tasks.status());
  std::string parent = org->parent_body;
  std::string parent_url;
  if (org->parent_id) {
    auto p = w.registry->GetOrganisation(*org->parent_id);
    if (p.ok()) {
      parent = p->name;
      parent_url = "/organisations/" + std::to_string(p->id);
    }
  }
  std::vector<Fact> facts = {
      {T("web.org_type", lang), registry::Label(registry::OrgTypes(), org->type, lang), ""},
      {T("web.parent_body", lang), parent, parent_url},
      {T("web.district", lang), org->district, ""},
      {T("web.tax_code", lang), org->tax_code, ""},
      {"ROR", org->ror_id, org->ror_id},
      {T("web.website", lang), org->website,
       org->website.rfind("http", 0) == 0 ? org->website : std::string()},
  };
  std::string summary = T("web.program_totals", lang,
                          {{"count", std::to_string(totals->count)},
                           {"state", FormatVnd(totals->state)},
                           {"other", FormatVnd(totals->other)}});
  return EntityPage(
      req, lang, org->name, lang == "en" ? org->name_en : org->short_name, "", facts,
      T("web.tasks_hosted", lang), summary, *tasks,
      totals->count > 20 ? "/search?host=" + std::to_string(org->id) + "&sort=date" : "");
}

http::Response PersonPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto person = id ? w.registry->GetPerson(*id) : Result<registry::Person>(Status::NotFound({"x"}));
  if (!person.ok()) return NotFoundPage(req, w);
  if (auto moved = MovedTo(req, w, "person", "/people/", person->id)) return *moved;
  auto tasks = w.registry->PublicTasksBy("pi", person->id, 50);
  if (!tasks.ok()) return ErrorPage(req, lang, tasks.status());
  std::string affiliation, affiliation_url;
  if (person->affiliation_id) {
    auto o = w.registry->GetOrganisation(*person->affiliation_id);
    if (o.ok()) {
      affiliation = o->name;
      affiliation_url = "/organisations/" + std::to_string(o->id);
    }
  }
  std::string expertise;
  for (const auto& code : person->field_codes) {
    const registry::Field* f = registry::FindField(code);
    expertise += (expertise.empty() ? "" : "; ") + code +
                 (f ? " – " + std::string(lang == "en" ? f->name_en : f->name_vi) : "");
  }
  std::vector<Fact> facts = {
      {T("web.affiliation", lang), affiliation, affiliation_url},
      {"ORCID", person->orcid, person->orcid.empty() ? "" : "https://orcid.org/" + person->orcid},
      {T("web.expertise", lang), expertise, ""},
  };
  return EntityPage(req, lang, person->DisplayName(), "", "", facts, T("web.tasks_led", lang), "",
                    *tasks, "");
}

http::Response ProgramPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto p = id ? w.registry->GetProgram(*id) : Result<registry::Program>(Status::NotFound({"x"}));
  if (!p.ok()) return NotFoundPage(req, w);
  auto tasks = w.registry->PublicTasksBy("program", p->id, 20);
  auto totals = w.registry->PublicTaskTotals("program", p->id);
  if (!tasks.ok() || !totals.ok())
    return ErrorPage(req, lang, tasks.ok() ? totals.status() : tasks.status());
  std::string board;
  for (const auto& b : p->board) {
    auto person = w.registry->GetPerson(b.person_id);
    if (person.ok())
      board += (board.empty() ? "" : "; ") + person->DisplayName() + " (" +
               registry::Label(registry::BoardRoles(), b.role, lang) + ")";
  }
  std::vector<Fact> facts = {
      {T("web.code", lang), p->code, ""},
      {T("web.program_period", lang),
       std::to_string(p->period_start) + "–" + std::to_string(p->period_end), ""},
      {T("web.program_budget", lang), FormatVnd(p->budget), ""},
      {T("web.board", lang), board, ""},
  };
  std::string summary = T("web.program_totals", lang,
                          {{"count", std::to_string(totals->count)},
                           {"state", FormatVnd(totals->state)},
                           {"other", FormatVnd(totals->other)}});
  return EntityPage(req, lang, p->name, "", p->is_sample ? T("web.sample_note", lang) : "", facts,
                    T("web.program_tasks", lang), summary, *tasks,
                    "/search?program=" + http::UrlEncode(p->code) + "&sort=date");
}

http::Response ProgramsPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto programs = w.registry->ListPrograms();
  if (!programs.ok()) return ErrorPage(req, lang, programs.status());
  data d;
  d.set("title", T("web.programs_title", lang));
  d.set("list_title", T("web.nav_programs", lang));
  data items{data::type::list};
  for (const auto& p : *programs) {
    data item;
    item.set("url", "/programs/" + std::to_string(p.id));
    item.set("label", p.name);
    item.set("meta",
             p.code + " · " + std::to_string(p.period_start) + "–" + std::to_string(p.period_end));
    items.push_back(item);
  }
  d.set("items", items);
  d.set("facts", data{data::type::list});
  return Page(req, lang, T("web.programs_title", lang), "entity", d);
}

std::string FieldName(const registry::Field& f, const std::string& lang) {
  return std::string(f.code) + " – " + std::string(lang == "en" ? f.name_en : f.name_vi);
}

http::Response FieldsPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  data d;
  d.set("title", T("web.fields_title", lang));
  d.set("list_title", T("web.nav_fields", lang));
  data items{data::type::list};
  for (const auto& f : registry::FieldClassification()) {
    if (f.code.size() == 5) continue;
    data item;
    item.set("url", "/fields/" + std::string(f.code));
    item.set("label", FieldName(f, lang));
    items.push_back(item);
  }
  d.set("items", items);
  d.set("facts", data{data::type::list});
  return Page(req, lang, T("web.fields_title", lang), "entity", d);
}

http::Response FieldPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto it = req.params.find("code");
  const registry::Field* f = it == req.params.end() ? nullptr : registry::FindField(it->second);
  if (!f) return NotFoundPage(req, w);
  search::SearchRequest sr;
  sr.filters["field"] = {std::string(f->code)};
  sr.sort = "date";
  sr.limit = 20;
  auto result = w.searcher->Search(sr);
  if (!result.ok()) return ErrorPage(req, lang, result.status());
  std::vector<registry::TaskSummary> tasks;
  for (const auto& h : result->hits) tasks.push_back({h.id, h.code, h.title, std::nullopt});
  std::vector<Fact> facts;
  if (!f->parent.empty())
    if (const registry::Field* parent = registry::FindField(f->parent))
      facts.push_back(
          {T("web.field", lang), FieldName(*parent, lang), "/fields/" + std::string(parent->code)});
  for (const auto& sub : registry::FieldClassification())
    if (sub.parent == f->code)
      facts.push_back(
          {T("web.subfields", lang), FieldName(sub, lang), "/fields/" + std::string(sub.code)});
  return EntityPage(req, lang, FieldName(*f, lang), "", "", facts, T("web.field_tasks", lang),
                    T("web.results_count", lang, {{"total", std::to_string(result->total)}}), tasks,
                    "/search?field=" + std::string(f->code) + "&sort=date");
}

http::Response AssetHandler(const http::Request& req, http::Worker& w) {
  for (const auto& a : Assets()) {
    if (a.url == req.path) {
      http::Response r;
      r.content_type = a.content_type;
      r.body = std::string(a.body);
      r.Header("Cache-Control", "public, max-age=31536000, immutable");
      return r;
    }
  }
  return NotFoundPage(req, w);
}

// Marks, in `text`, the words whose folded form is among `words` (HTML-escaped otherwise).
std::string MarkWords(const std::string& text_in, const std::vector<std::string>& words) {
  std::set<std::string> set(words.begin(), words.end());
  std::string text = text::Nfc(text_in), out;
  size_t cursor = 0;
  bool open = false;
  for (const auto& t : text::Tokenize(text)) {
    bool hit = set.count(t.folded) > 0;
    std::string gap = HtmlEscape(std::string_view(text).substr(cursor, t.offset - cursor));
    if (open && !hit) {
      out += "</mark>";
      open = false;
    }
    out += gap;
    if (hit && !open) {
      out += "<mark>";
      open = true;
    }
    out += HtmlEscape(std::string_view(text).substr(t.offset, t.length));
    cursor = t.offset + t.length;
  }
  if (open) out += "</mark>";
  return out + HtmlEscape(std::string_view(text).substr(cursor));
}

// The public duplicate check ("tra cứu trùng lặp"): public tasks only.
http::Response DupcheckPage(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  std::string title = text::CollapseSpaces(req.Query("title")),
              abstract = text::Nfc(req.Query("abstract"));
  data d;
  d.set("title", title);
  d.set("abstract", abstract);
  if (!title.empty() || !abstract.empty()) {
    if (title.size() > 4000 || abstract.size() > 40000)
      return ErrorPage(
          req, lang,
          Status::Invalid({"web.bad_param",
                           {{"name", title.size() > 4000 ? "title" : "abstract"},
                            {"reason", T("web.param_value", lang, {{"value", "…"}})}}}));
    dedup::Checker checker(*w.registry, *w.searcher);
    // Signed-in staff, leaders and admins see non-public matches too; the public, public ones.
    auto matches = checker.Check({title, abstract, 10, req.principal.SeesEverything()});
    if (!matches.ok()) return ErrorPage(req, lang, matches.status());
    auto probe_words = dedup::ContentSyllables(title);
    data list{data::type::list};
    char score[16];
    for (const auto& m : *matches) {
      data md;
      md.set("id", std::to_string(m.id));
      md.set("code", m.code);
      std::snprintf(score, sizeof score, "%.2f", m.score);
      md.set("score", score);
      md.set("band", m.band);
      md.set("band_label", T(m.band == "duplicate" ? "dedup.band_duplicate"
                             : m.band == "related" ? "dedup.band_related"
                                                   : "dedup.band_different",
                             lang));
      md.set("match_html", MarkWords(m.title, probe_words));
      md.set("probe_html", MarkWords(title, dedup::ContentSyllables(m.title)));
      list.push_back(md);
    }
    d.set("checked", data::type::bool_true);
    d.set("matches", list);
    d.set("has_matches", matches->empty() ? data::type::bool_false : data::type::bool_true);
    char dup[16], rel[16];
    std::snprintf(dup, sizeof dup, "%.2f", checker.rules().duplicate);
    std::snprintf(rel, sizeof rel, "%.2f", checker.rules().related);
    d.set("rules", T("web.dup_rules", lang,
                     {{"duplicate", dup}, {"related", rel}, {"version", checker.rules().version}}));
  }
  return Page(req, lang, T("web.dupcheck_title", lang), "dupcheck", d);
}

// Swagger UI for the API, from the swagger-ui-dist npm package embedded in the binary.
http::Response ApiDocs(const http::Request& req, http::Worker& w) {
  std::string bundle = AssetUrl("swagger-ui-bundle.js"), css = AssetUrl("swagger-ui.css");
  if (bundle.empty() || css.empty()) return NotFoundPage(req, w);
  http::Response r;
  r.body =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta "
      "name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\">\n<title>Ketnoi API</title>\n<link "
      "rel=\"stylesheet\" href=\"" +
      css + "\">\n</head>\n<body>\n<main id=\"swagger-ui\"></main>\n<script src=\"" + bundle +
      "\"></script>\n<script src=\"" + AssetUrl("swagger-init.js") +
      "\"></script>\n</body>\n</html>\n";
  // Swagger UI sets styles from script; scripts still come only from this server.
  r.Header("Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
           "'self' data:; "
           "frame-ancestors 'none'");
  return r;
}

http::Response Healthz(const http::Request&, http::Worker& w) {
  http::Response r;
  r.content_type = "application/json";
  auto ok = w.db->Query("SELECT 1");
  r.status = ok.ok() ? 200 : 503;
  r.body = ok.ok() ? "{\"status\":\"ok\"}" : "{\"status\":\"store unavailable\"}";
  r.Header("Cache-Control", "no-store");
  return r;
}

http::Response MetricsHandler(const http::Request&, http::Worker& w) {
  http::Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = w.metrics ? w.metrics() : "";
  r.Header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddPageRoutes(std::vector<http::Route>& routes) {
  routes.push_back({"GET", "/", "public", "page", "Home", HomePage});
  routes.push_back({"GET", "/search", "public", "page", "Search", SearchPage});
  routes.push_back({"GET", "/tasks/:id", "public", "page", "Task", TaskPage});
  routes.push_back(
      {"GET", "/organisations/:id", "public", "page", "Organisation", OrganisationPage});
  routes.push_back({"GET", "/people/:id", "public", "page", "Person", PersonPage});
  routes.push_back({"GET", "/programs", "public", "page", "Programs", ProgramsPage});
  routes.push_back({"GET", "/programs/:id", "public", "page", "Program", ProgramPage});
  routes.push_back({"GET", "/fields", "public", "page", "Fields", FieldsPage});
  routes.push_back({"GET", "/fields/:code", "public", "page", "Field", FieldPage});
  routes.push_back({"GET", "/assets/:file", "public", "asset", "Static assets", AssetHandler});
  routes.push_back({"GET", "/dupcheck", "public", "page", "Duplicate check", DupcheckPage});
  routes.push_back(
      {"GET", "/api/docs", "public", "page", "API documentation (Swagger UI)", ApiDocs});
  routes.push_back({"GET", "/healthz", "public", "ops", "Health", Healthz});
  routes.push_back({"GET", "/metrics", "public", "ops", "Prometheus metrics", MetricsHandler});
}

std::vector<http::Route> SiteRoutes() {
  std::vector<http::Route> routes;
  AddPageRoutes(routes);
  AddAccountRoutes(routes);
  AddRecordRoutes(routes);
  AddMergeRoutes(routes);
  AddFileAndAuditRoutes(routes);
  AddOaiRoutes(routes);
  AddExportRoutes(routes);
  AddImportRoutes(routes);
  AddSelectionRoutes(routes);
  AddApiRoutes(routes);
  routes.push_back({"GET", "/404", "public", "fallback", "Not found", NotFoundPage});
  return routes;
}

}  // namespace ketnoi::web
