// The staff screen of cross-source de-duplication (registry/merge.h): candidate groups with their
// scores and reasons, a merge form per candidate pair (the kept record chosen, a reason
// required), and the past merges with an undo form each (a reason required). Every route needs
// registry.edit; the forms carry the session's CSRF token like every other form.
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/messages.h"
#include "registry/merge.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

constexpr const char* kPage = "/registry/duplicates";

std::string Percent(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", v * 100);
  return buf;
}

// "0,90" for Vietnamese readers (decimal comma), "0.90" in English.
std::string Decimal(double v, const std::string& lang) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string out = buf;
  if (lang == "vi")
    for (char& c : out)
      if (c == '.') c = ',';
  return out;
}

registry::MergeActor ActorOf(const http::Request& req) {
  return {req.principal.user_id, req.principal.email, req.principal.name, req.remote_addr};
}

std::string TaskLabel(const registry::CandidateTask& t) {
  return "#" + std::to_string(t.id) + " " + (t.code.empty() ? t.external_id : t.code);
}

// One record of a candidate pair, as its merge form names it.
struct PairSide {
  int64_t id = 0;
  std::string label, source;
};

// The form merging a candidate pair ("" entity: tasks): the record to keep chosen, a reason
// required, the pair's score carried along.
std::string MergeFormHtml(const http::Request& req, const std::string& lang,
                          const std::string& entity, const PairSide& a, const PairSide& b,
                          double score, const std::string& before_html) {
  const std::string ida = std::to_string(a.id), idb = std::to_string(b.id);
  FormPage f;
  f.embedded = true;
  f.id_prefix = (entity.empty() ? "m" : entity.substr(0, 1)) + ida + "-" + idb + "-";
  f.heading = T("web.merge_merge_heading", lang,
                {{"a", a.label}, {"b", b.label}, {"score", Decimal(score, lang)}});
  f.before_html = before_html;
  f.action = std::string(kPage) + "/merge";
  f.submit = T("web.merge_merge_submit", lang);
  if (!entity.empty()) f.fields.push_back({"entity", "", "hidden", entity});
  f.fields.push_back({"a", "", "hidden", ida});
  f.fields.push_back({"b", "", "hidden", idb});
  f.fields.push_back({"score", "", "hidden", Decimal(score, "en")});  // read back by std::stod
  f.fields.push_back({.name = "kept",
                      .label = T("web.merge_keep", lang),
                      .type = "select",
                      .value = ida,
                      .required = true,
                      .options = {{ida, a.label + " (" + a.source + ")"},
                                  {idb, b.label + " (" + b.source + ")"}}});
  f.fields.push_back({.name = "reason",
                      .label = T("web.merge_reason", lang),
                      .type = "textarea",
                      .required = true});
  return FormHtml(req, f);
}

http::Response DuplicatesPage(const http::Request& req, http::Worker& w, const std::string& notice,
                              const std::string& error, int status = 200) {
  std::string lang = Lang(req);
  auto groups = registry::FindMergeCandidates(*w.registry);
  if (!groups.ok()) return ErrorPage(req, lang, groups.status());
  data d;
  if (!notice.empty()) d.set("notice", notice);
  if (!error.empty()) d.set("error", error);
  data group_list{data::type::list};
  int n = 0;
  for (const auto& g : *groups) {
    data gd;
    gd.set("heading", T("web.merge_group", lang,
                        {{"n", std::to_string(++n)}, {"score", Decimal(g.best_score, lang)}}));
    std::map<int64_t, const registry::CandidateTask*> by_id;
    data tasks{data::type::list};
    for (const auto& t : g.tasks) {
      by_id[t.id] = &t;
      data td;
      td.set("url", "/tasks/" + std::to_string(t.id));
      td.set("id", std::to_string(t.id));
      td.set("code", t.code);
      td.set("title", t.title);
      td.set("source", t.source + (t.external_id.empty() ? "" : " · " + t.external_id));
      td.set("year", t.year ? std::to_string(t.year) : "");
      td.set("host", t.host_name);
      td.set("pi", t.pi_name);
      tasks.push_back(td);
    }
    gd.set("tasks", tasks);
    data pairs{data::type::list};
    for (const auto& p : g.pairs) {
      const registry::CandidateTask& a = *by_id[p.a];
      const registry::CandidateTask& b = *by_id[p.b];
      std::string words;
      for (const auto& s : p.shared_words) words += (words.empty() ? "" : ", ") + s;
      std::vector<std::string> why = {
          T("web.merge_title_similarity", lang, {{"value", Percent(p.title_similarity)}}),
          T("web.merge_shared_words", lang, {{"words", words}})};
      if (p.same_year) why.push_back(T("web.merge_same_year", lang));
      if (p.same_host) why.push_back(T("web.merge_same_host", lang));
      if (p.same_pi) why.push_back(T("web.merge_same_pi", lang));
      std::string why_html = "<ul class=\"why\">";
      for (const auto& s : why) why_html += "<li>" + HtmlEscape(s) + "</li>";
      why_html += "</ul>";
      data pd;
      pd.set("form", MergeFormHtml(req, lang, "", {p.a, TaskLabel(a), a.source},
                                   {p.b, TaskLabel(b), b.source}, p.score, why_html));
      pairs.push_back(pd);
    }
    gd.set("pairs", pairs);
    group_list.push_back(gd);
  }
  d.set("groups", group_list);
  d.set("no_groups", Bool(groups->empty()));

  // Organisations and people: one merge form per candidate pair.
  for (const std::string entity : {"organisation", "person"}) {
    auto pairs = registry::FindEntityMergeCandidates(*w.registry, entity);
    if (!pairs.ok()) return ErrorPage(req, lang, pairs.status());
    const std::string prefix = entity == "organisation" ? "/organisations/" : "/people/";
    data list{data::type::list};
    for (const auto& p : *pairs) {
      auto label = [&](const registry::EntityCandidate& c) {
        return "#" + std::to_string(c.id) + " " + c.name;
      };
      std::string why;
      for (const auto& r : p.reasons) why += (why.empty() ? "" : ", ") + T(r, lang);
      std::string rows = "<ul class=\"why\">";
      for (const registry::EntityCandidate* c : {&p.a, &p.b})
        rows += "<li><a href=\"" + prefix + std::to_string(c->id) + "\">" + HtmlEscape(label(*c)) +
                "</a> — " +
                HtmlEscape(T(
                    "web.merge_record_line", lang,
                    {{"source", c->source + (c->external_id.empty() ? "" : " · " + c->external_id)},
                     {"detail", c->detail.empty() ? "—" : c->detail},
                     {"tasks", std::to_string(c->tasks)}})) +
                "</li>";
      rows += "<li>" + HtmlEscape(why) + "</li></ul>";
      data pd;
      pd.set("form", MergeFormHtml(req, lang, entity, {p.a.id, label(p.a), p.a.source},
                                   {p.b.id, label(p.b), p.b.source}, p.score, rows));
      list.push_back(pd);
    }
    d.set(entity == "organisation" ? "org_pairs" : "person_pairs", list);
    d.set(entity == "organisation" ? "no_org_pairs" : "no_person_pairs", Bool(pairs->empty()));
  }

  auto merges = registry::ListMerges(*w.registry, 200);
  if (!merges.ok()) return ErrorPage(req, lang, merges.status());
  data merge_list{data::type::list};
  for (const auto& m : *merges) {
    data md;
    md.set("id", std::to_string(m.id));
    const std::string prefix = m.entity == "organisation" ? "/organisations/"
                               : m.entity == "person"     ? "/people/"
                                                          : "/tasks/";
    md.set("kind", T("web.merge_kind_" + m.entity, lang));
    md.set("kept", "#" + std::to_string(m.kept_id) + " " + m.kept_title);
    md.set("kept_url", prefix + std::to_string(m.kept_id));
    md.set("merged", "#" + std::to_string(m.merged_id) + " " + m.merged_title);
    // The merged record's public page redirects to the kept one; staff compare it on its edit
    // form (every field, untouched by the merge) until they undo or leave it.
    md.set("merged_url", m.undone() ? prefix + std::to_string(m.merged_id)
                                    : prefix + std::to_string(m.merged_id) + "/edit");
    md.set("reason", m.reason);
    md.set("by", m.merged_by);
    md.set("at", m.merged_at);
    if (m.undone()) {
      md.set("undone", T("web.merge_undone", lang,
                         {{"who", m.undone_by}, {"at", m.undone_at}, {"reason", m.undo_reason}}));
    } else {
      FormPage f;
      f.embedded = true;
      f.id_prefix = "u" + std::to_string(m.id) + "-";
      f.heading = T("web.merge_undo_heading", lang, {{"id", std::to_string(m.id)}});
      f.action = std::string(kPage) + "/undo";
      f.submit = T("web.merge_undo_submit", lang);
      f.fields = {{"merge", "", "hidden", std::to_string(m.id)},
                  {.name = "reason",
                   .label = T("web.merge_reason", lang),
                   .type = "textarea",
                   .required = true}};
      md.set("undo_form", FormHtml(req, f));
    }
    merge_list.push_back(md);
  }
  d.set("merges", merge_list);
  d.set("no_merges", Bool(merges->empty()));
  return Page(req, lang, T("web.merge_title", lang), "duplicates", d, status);
}

std::optional<int64_t> FormId(const http::Request& req, std::string_view name) {
  std::string v = req.Form(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  int64_t id = std::stoll(v);
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

// A refused merge or undo shows the screen again with the reason on top (422 for a form that
// cannot be accepted as sent, 409 when the records changed meanwhile).
http::Response Refused(const http::Request& req, http::Worker& w, const Status& s) {
  std::string lang = Lang(req);
  int status = s.code() == StatusCode::kConflict   ? 409
               : s.code() == StatusCode::kNotFound ? 404
                                                   : 422;
  return DuplicatesPage(req, w, "", Render(s.message(), lang), status);
}

http::Response MergePost(const http::Request& req, http::Worker& w) {
  auto a = FormId(req, "a"), b = FormId(req, "b"), kept = FormId(req, "kept");
  if (!a || !b || !kept || (*kept != *a && *kept != *b))
    return Refused(req, w, Status::Invalid({"web.bad_param", {{"name", "kept"}}}));
  int64_t merged = *kept == *a ? *b : *a;
  double score = 0;
  try {
    score = std::stod(req.Form("score"));
  } catch (...) {
    score = 0;  // a hand-made post: the merge stands on its reason
  }
  if (!(score >= 0 && score <= 1)) score = 0;
  std::string entity = req.Form("entity");
  auto id = entity.empty() || entity == "task"
                ? registry::MergeTasks(*w.registry, *kept, merged, req.Form("reason"), score,
                                       ActorOf(req))
                : registry::MergeEntities(*w.registry, entity, *kept, merged, req.Form("reason"),
                                          score, ActorOf(req));
  if (!id.ok()) return Refused(req, w, id.status());
  return Redirect(std::string(kPage) + "?merged=" + std::to_string(*id));
}

http::Response UndoPost(const http::Request& req, http::Worker& w) {
  auto id = FormId(req, "merge");
  if (!id) return Refused(req, w, Status::Invalid({"web.bad_param", {{"name", "merge"}}}));
  Status s = registry::UndoMerge(*w.registry, *id, req.Form("reason"), ActorOf(req));
  if (!s.ok()) return Refused(req, w, s);
  return Redirect(std::string(kPage) + "?undone=" + std::to_string(*id));
}

}  // namespace

void AddMergeRoutes(std::vector<http::Route>& routes) {
  auto add = [&](std::string method, std::string path, std::string summary, http::Handler h) {
    http::Route r{std::move(method),  std::move(path), "registry.edit", "page",
                  std::move(summary), std::move(h)};
    r.cacheable = false;
    routes.push_back(std::move(r));
  };
  add("GET", kPage, "Cross-source duplicates (tasks, organisations, people): candidates and merges",
      [](const http::Request& req, http::Worker& w) {
        std::string lang = Lang(req);
        std::string notice = req.HasQuery("merged")   ? T("web.merge_merged_notice", lang)
                             : req.HasQuery("undone") ? T("web.merge_undone_notice", lang)
                                                      : "";
        return DuplicatesPage(req, w, notice, "");
      });
  add("POST", std::string(kPage) + "/merge",
      "Merge one task, organisation or person into another (reason required)", MergePost);
  add("POST", std::string(kPage) + "/undo", "Undo a merge (reason required)", UndoPost);
}

}  // namespace ketnoi::web
