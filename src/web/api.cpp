// The JSON API under /api/v1 and its OpenAPI document (nlohmann/json stays in this file).
#include <nlohmann/json.hpp>

#include "audit/audit.h"
#include "core/messages.h"
#include "dedup/dedup.h"
#include "registry/authority.h"
#include "selection/workflow.h"
#include "web/common.h"
#include "web/routes.h"

namespace ketnoi::web {

using nlohmann::ordered_json;

namespace {

http::Response Json(const http::Request& req, const ordered_json& j, int status = 200) {
  http::Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (status == 200) {
    std::string etag = Etag(r.body);
    r.Header("ETag", etag);
    r.Header("Cache-Control", "public, max-age=0, must-revalidate");
    if (NotModified(req, etag)) {
      r.status = 304;
      r.body.clear();
    }
  }
  r.Header("Access-Control-Allow-Origin", "*");
  return r;
}

http::Response Error(const http::Request& req, const Status& s, const std::string& lang) {
  ordered_json e = {{"code", s.message().id}, {"message", Render(s, lang)}};
  const std::string& field = s.message().Param("field");
  e["field"] = field.empty() ? ordered_json(nullptr) : ordered_json(field);
  return Json(req, {{"error", e}}, http::StatusToHttp(s.code()));
}

http::Response NotFound(const http::Request& req, const std::string& entity, const std::string& id,
                        const std::string& lang) {
  return Error(req, Status::NotFound({"web.not_found_api", {{"entity", entity}, {"id", id}}}),
               lang);
}

ordered_json DateJson(const std::optional<Date>& d) {
  return d ? ordered_json(d->Iso()) : ordered_json(nullptr);
}
ordered_json IdJson(const std::optional<int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json TaskJson(const registry::TaskRecord& rec, const std::string& lang, bool full) {
  const registry::Task& t = rec.task;
  ordered_json j = {
      {"id", t.id},
      {"code", t.code},
      {"title", t.title},
      {"kind", {{"code", t.kind}, {"label", registry::Label(registry::TaskKinds(), t.kind, lang)}}},
      {"level",
       {{"code", t.level}, {"label", registry::Label(registry::TaskLevels(), t.level, lang)}}},
      {"field", {{"code", t.field_code}, {"label", rec.field_name_vi}}},
      {"program", t.program_id ? ordered_json{{"id", *t.program_id},
                                              {"code", rec.program_code},
                                              {"name", rec.program_name}}
                               : ordered_json(nullptr)},
      {"host", t.host_id ? ordered_json{{"id", *t.host_id}, {"name", rec.host_name}}
                         : ordered_json(nullptr)},
      {"pi",
       t.pi_id ? ordered_json{{"id", *t.pi_id}, {"name", rec.pi_name}} : ordered_json(nullptr)},
      {"start", DateJson(t.start)},
      {"end", DateJson(t.end)},
      {"budget_state_dong", t.budget_state.dong},
      {"budget_other_dong", t.budget_other.dong},
      {"status",
       {{"code", t.status}, {"label", registry::Label(registry::TaskStatuses(), t.status, lang)}}},
      {"source", t.source},
      {"external_id", t.external_id},
  };
  if (full) {
    j["objectives"] = t.objectives;
    j["content"] = t.content;
    j["abstract"] = t.abstract;
    j["keywords"] = t.keywords;
    j["result_summary"] = t.result_summary;
    j["archive_no"] = t.archive_no;
    j["applied_at"] = t.applied_at;
    ordered_json members = ordered_json::array();
    for (const auto& m : t.members)
      members.push_back({{"person_id", m.person_id},
                         {"role", m.role},
                         {"role_label", registry::Label(registry::MemberRoles(), m.role, lang)}});
    j["members"] = members;
    ordered_json products = ordered_json::array();
    for (const auto& p : t.products)
      products.push_back({{"name", p.name},
                          {"quantity", IdJson(p.quantity)},
                          {"unit", p.unit},
                          {"quality_target", p.quality_target}});
    j["products"] = products;
  }
  return j;
}

http::Response ApiTasks(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto sr = SearchFromQuery(req, lang, 20);
  if (!sr.ok()) return Error(req, sr.status(), lang);
  sr->facets = true;
  sr->facet_sample = w.config->search_facet_sample;
  auto result = w.searcher->Search(*sr);
  if (!result.ok()) return Error(req, result.status(), lang);
  std::vector<int64_t> ids;
  for (const auto& h : result->hits) ids.push_back(h.id);
  auto records = w.registry->GetTaskRecords(ids);
  if (!records.ok()) return Error(req, records.status(), lang);
  ordered_json items = ordered_json::array();
  size_t i = 0;
  for (const auto& rec : *records) {
    ordered_json item = TaskJson(rec, lang, false);
    while (i < result->hits.size() && result->hits[i].id != rec.task.id) ++i;
    item["score"] = i < result->hits.size() ? result->hits[i].score : 0.0;
    items.push_back(std::move(item));
  }
  ordered_json facets = ordered_json::object();
  for (const auto& f : result->facets) {
    ordered_json values = ordered_json::array();
    for (const auto& v : f.values)
      values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
    facets[f.name] = values;
  }
  ordered_json j = {{"total", result->total}, {"total_exact", result->total_exact},
                    {"offset", sr->offset},   {"limit", sr->limit},
                    {"items", items},         {"facets", facets}};
  if (!result->suggestion.empty()) j["suggestion"] = result->suggestion;
  return Json(req, j);
}

http::Response ApiTask(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFound(req, "task", req.params.count("id") ? req.params.at("id") : "", lang);
  auto records = w.registry->GetTaskRecords({*id});
  if (!records.ok()) return Error(req, records.status(), lang);
  // A public task merged into another answers 301 with the kept task's URL (clients that
  // follow redirects get the one record; the others read Location).
  if (!records->empty() && records->front().task.merged_into &&
      records->front().task.confidentiality == "public") {
    http::Response moved;
    moved.status = 301;
    moved.content_type = "application/json";
    std::string to = "/api/v1/tasks/" + std::to_string(*records->front().task.merged_into);
    moved.body = "{\"merged_into\":" + std::to_string(*records->front().task.merged_into) +
                 ",\"location\":\"" + to + "\"}";
    moved.Header("Location", to);
    return moved;
  }
  // Secret and restricted tasks do not exist for the public.
  if (records->empty() || !records->front().task.IsPublic())
    return NotFound(req, "task", std::to_string(*id), lang);
  return Json(req, TaskJson(records->front(), lang, true));
}

http::Response ApiOrganisation(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto org = id ? w.registry->GetOrganisation(*id)
                : Result<registry::Organisation>(Status::NotFound({"x"}));
  if (!org.ok())
    return NotFound(req, "organisation", req.params.count("id") ? req.params.at("id") : "", lang);
  auto totals = w.registry->PublicTaskTotals("host", org->id);
  if (!totals.ok()) return Error(req, totals.status(), lang);
  const auto& o = *org;
  return Json(
      req,
      {{"id", o.id},
       {"name", o.name},
       {"short_name", o.short_name},
       {"name_en", o.name_en},
       {"type", {{"code", o.type}, {"label", registry::Label(registry::OrgTypes(), o.type, lang)}}},
       {"parent_id", IdJson(o.parent_id)},
       {"parent_body", o.parent_body},
       {"ror_id", o.ror_id},
       {"tax_code", o.tax_code},
       {"district", o.district},
       {"website", o.website},
       {"public_tasks", totals->count},
       {"source", o.source},
       {"external_id", o.external_id}});
}

http::Response ApiPerson(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto person = id ? w.registry->GetPerson(*id) : Result<registry::Person>(Status::NotFound({"x"}));
  if (!person.ok())
    return NotFound(req, "person", req.params.count("id") ? req.params.at("id") : "", lang);
  const auto& p = *person;
  // E-mail addresses are personal data and are not published.
  return Json(req, {{"id", p.id},
                    {"full_name", p.full_name},
                    {"display_name", p.DisplayName()},
                    {"academic_title", p.academic_title},
                    {"degree", p.degree},
                    {"affiliation_id", IdJson(p.affiliation_id)},
                    {"orcid", p.orcid},
                    {"expertise", p.field_codes}});
}

ordered_json ProgramJson(const registry::Program& p, const registry::TaskTotals& t) {
  return {{"id", p.id},
          {"code", p.code},
          {"name", p.name},
          {"period", {{"start", p.period_start}, {"end", p.period_end}}},
          {"budget_dong", p.budget.dong},
          {"is_sample", p.is_sample},
          {"public_tasks", t.count},
          {"tasks_budget_state_dong", t.state.dong},
          {"tasks_budget_other_dong", t.other.dong}};
}

http::Response ApiPrograms(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto programs = w.registry->ListPrograms();
  if (!programs.ok()) return Error(req, programs.status(), lang);
  ordered_json items = ordered_json::array();
  for (const auto& p : *programs) {
    auto totals = w.registry->PublicTaskTotals("program", p.id);
    if (!totals.ok()) return Error(req, totals.status(), lang);
    items.push_back(ProgramJson(p, *totals));
  }
  return Json(req, {{"total", items.size()}, {"items", items}});
}

http::Response ApiProgram(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  auto p = id ? w.registry->GetProgram(*id) : Result<registry::Program>(Status::NotFound({"x"}));
  if (!p.ok())
    return NotFound(req, "program", req.params.count("id") ? req.params.at("id") : "", lang);
  auto totals = w.registry->PublicTaskTotals("program", p->id);
  if (!totals.ok()) return Error(req, totals.status(), lang);
  ordered_json j = ProgramJson(*p, *totals);
  ordered_json board = ordered_json::array();
  for (const auto& b : p->board) board.push_back({{"person_id", b.person_id}, {"role", b.role}});
  j["board"] = board;
  return Json(req, j);
}

http::Response ApiFields(const http::Request& req, http::Worker&) {
  ordered_json items = ordered_json::array();
  for (const auto& f : registry::FieldClassification())
    items.push_back(
        {{"code", f.code}, {"parent", f.parent}, {"name_vi", f.name_vi}, {"name_en", f.name_en}});
  return Json(req, {{"total", items.size()}, {"items", items}});
}

// Who the caller is (the session cookie's user), with roles: for API clients of signed-in users.
http::Response ApiMe(const http::Request& req, http::Worker&) {
  ordered_json roles = ordered_json::array();
  for (const auto& r : req.principal.roles) roles.push_back({{"role", r.role}, {"scope", r.scope}});
  return Json(req, {{"id", req.principal.user_id},
                    {"email", req.principal.email},
                    {"name", req.principal.name},
                    {"roles", roles}});
}

// Public decisions of the audit chain with every hashed field, so anyone can recompute
// hash = BLAKE2b-256(prev_hash + "\n" + canonical) and compare it with what the site shows.
http::Response ApiAudit(const http::Request& req, http::Worker& w) {
  int64_t before = 0;
  if (!req.Query("before").empty()) {
    http::Request probe;
    probe.params["x"] = req.Query("before");
    auto b = PathId(probe, "x");
    if (!b)
      return Error(
          req,
          Status::Invalid({"web.bad_param", {{"name", "before"}, {"value", req.Query("before")}}}),
          Lang(req));
    before = *b;
  }
  audit::AuditLog log(*w.db, *w.clock);
  auto entries = log.List(true, before, 100);
  if (!entries.ok()) return Error(req, entries.status(), Lang(req));
  ordered_json items = ordered_json::array();
  for (const auto& e : *entries) {
    ordered_json detail = ordered_json::object();
    for (const auto& [k, v] : e.detail) detail[k] = v;
    items.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor_id", e.actor_id},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"subject", e.subject},
                     {"detail", detail},
                     {"rule_set", e.rule_set},
                     {"address", e.address},
                     {"prev_hash", e.prev_hash},
                     {"hash", e.hash},
                     {"canonical", audit::Canonical(e)}});
  }
  return Json(req, {{"hash_rule", "hash = BLAKE2b-256 hex of (prev_hash + \"\\n\" + canonical)"},
                    {"items", items}});
}

// The duplicate check over public tasks.
http::Response ApiDupcheck(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  std::string title = req.Query("title"), abstract = req.Query("abstract");
  if (title.empty() && abstract.empty())
    return Error(req, Status::Invalid({"dedup.empty_probe", {{"field", "title"}}}), lang);
  int top = 10;
  if (req.HasQuery("top")) {
    std::string v = req.Query("top");
    int n = 0;
    bool ok = !v.empty() && v.size() <= 3;
    for (char c : v) ok = ok && c >= '0' && c <= '9';
    if (ok) n = std::stoi(v);
    if (!ok || n < 1 || n > 50)
      return Error(
          req,
          Status::Invalid(
              {"web.bad_param",
               {{"name", "top"},
                {"reason", Render(Message("web.param_range", {{"min", "1"}, {"max", "50"}}), lang)},
                {"field", "top"}}}),
          lang);
    top = n;
  }
  dedup::Checker checker(*w.registry, *w.searcher);
  // Staff, leaders and admins are compared with the non-public tasks too; nobody else is.
  auto matches = checker.Check({title, abstract, top, req.principal.SeesEverything()});
  if (!matches.ok()) return Error(req, matches.status(), lang);
  ordered_json items = ordered_json::array();
  for (const auto& m : *matches)
    items.push_back({{"id", m.id},
                     {"code", m.code},
                     {"source", m.source},
                     {"external_id", m.external_id},
                     {"title", m.title},
                     {"score", m.score},
                     {"band", m.band},
                     {"shared", m.shared}});
  return Json(req, {{"matches", items},
                    {"rules",
                     {{"version", checker.rules().version},
                      {"duplicate", checker.rules().duplicate},
                      {"related", checker.rules().related}}}});
}

// OpenAPI 3.0 built from the route table: every API route, with its path parameters and the
// query parameters it declares.
http::Response ApiOpenApi(const http::Request& req, http::Worker& w) {
  ordered_json paths = ordered_json::object();
  for (const auto& r : w.router->routes()) {
    if (r.kind != "api") continue;
    std::string path;
    ordered_json params = ordered_json::array();
    size_t i = 0;
    while (i < r.path.size()) {
      if (r.path[i] == ':') {
        size_t end = r.path.find('/', i);
        if (end == std::string::npos) end = r.path.size();
        std::string name = r.path.substr(i + 1, end - i - 1);
        path += "{" + name + "}";
        params.push_back(
            {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
        i = end;
      } else {
        path += r.path[i++];
      }
    }
    for (const auto& [name, description] : r.query_params)
      params.push_back({{"name", name},
                        {"in", "query"},
                        {"required", false},
                        {"description", description},
                        {"schema", {{"type", "string"}}}});
    params.push_back({{"name", "lang"},
                      {"in", "query"},
                      {"required", false},
                      {"description", "Language of labels and error messages: vi (default) or en"},
                      {"schema", {{"type", "string"}, {"enum", {"vi", "en"}}}}});
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ordered_json error_schema = {{"$ref", "#/components/schemas/Error"}};
    ordered_json content = ordered_json::object();
    for (const auto& type : r.produces)
      content[type] = type == "application/json" ? ordered_json{{"schema", {{"type", "object"}}}}
                                                 : ordered_json{{"schema", {{"type", "string"}}}};
    paths[path][method] = {{"summary", r.summary},
                           {"operationId", method + path},
                           {"x-permission", r.permission},
                           {"parameters", params},
                           {"responses",
                            {{"200", {{"description", "OK"}, {"content", content}}},
                             {"304", {{"description", "Not modified (If-None-Match)"}}},
                             {"400",
                              {{"description", "A bad parameter"},
                               {"content", {{"application/json", {{"schema", error_schema}}}}}}},
                             {"404",
                              {{"description", "Not found"},
                               {"content", {{"application/json", {{"schema", error_schema}}}}}}}}}};
  }
  ordered_json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Ketnoi API"},
        {"version", "1"},
        {"description", "Public data of the Hanoi S&T task registry (Sở KH&CN Hà Nội)."}}},
      {"servers", {{{"url", "/"}}}},
      {"paths", paths},
      {"components",
       {{"schemas",
         {{"Error",
           {{"type", "object"},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"properties",
                 {{"code", {{"type", "string"}}},
                  {"message", {{"type", "string"}}},
                  {"field", {{"type", "string"}, {"nullable", true}}}}}}}}}}}}}}}};
  return Json(req, doc);
}

// ---- selection: the same data-level rules as the pages (a conflicted member gets 404) ----

ordered_json RuleSetSummary(const selection::StoredRuleSet& r) {
  return {{"id", r.id},
          {"name", r.rules.Name()},
          {"code", r.rules.code},
          {"version", r.rules.version},
          {"title", r.rules.name},
          {"legal_basis", r.rules.legal_basis},
          {"effective_from", r.rules.effective_from},
          {"frozen", r.frozen}};
}

http::Response ApiRuleSets(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  selection::Workflow wf(*w.db, *w.registry, *w.clock);
  if (Status s = wf.SeedRuleSets(); !s.ok()) return Error(req, s, lang);
  auto list = wf.ListRuleSets();
  if (!list.ok()) return Error(req, list.status(), lang);
  ordered_json items = ordered_json::array();
  for (const auto& r : *list) {
    ordered_json j = RuleSetSummary(r);
    j["rules"] = ordered_json::parse(selection::ToJson(r.rules), nullptr, false);
    items.push_back(j);
  }
  return Json(req, {{"items", items}});
}

ordered_json ProposalJson(const selection::Proposal& p) {
  ordered_json dup = ordered_json::array();
  for (const auto& m : p.dupcheck)
    dup.push_back(
        {{"id", m.id}, {"code", m.code}, {"title", m.title}, {"score", m.score}, {"band", m.band}});
  return {{"id", p.id},
          {"round_id", p.round_id},
          {"title", p.title},
          {"kind", p.kind},
          {"stage", p.stage},
          {"objectives", p.objectives},
          {"budget_dong", p.budget_dong},
          {"method", p.method},
          {"final_title", p.final_title},
          {"decision_reason", p.decision_reason},
          {"task_id", IdJson(p.task_id)},
          {"dupcheck",
           {{"rules", p.dupcheck_rules}, {"top_band", p.dupcheck_top_band}, {"matches", dup}}},
          {"applicant_answer", p.applicant_answer}};
}

http::Response ApiProposal(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  selection::Workflow wf(*w.db, *w.registry, *w.clock);
  if (!id) return NotFound(req, "proposal", req.params.at("id"), lang);
  auto p = wf.GetProposal(*id);
  if (!p.ok() || !wf.CanSeeProposal(*p, req.principal))
    return NotFound(req, "proposal", std::to_string(*id), lang);
  return Json(req, ProposalJson(*p));
}

ordered_json DossierJson(const selection::Dossier& d) {
  ordered_json parties = ordered_json::array(), items = ordered_json::array();
  for (const auto& p : d.parties)
    parties.push_back({{"role", p.role},
                       {"person_id", IdJson(p.person_id)},
                       {"organisation_id", IdJson(p.organisation_id)}});
  for (const auto& it : d.items)
    items.push_back({{"item", it.item},
                     {"file_id", it.file_id},
                     {"name", it.file_name},
                     {"valid", it.valid ? ordered_json(*it.valid) : ordered_json(nullptr)}});
  return {{"id", d.id},
          {"call_id", d.call_id},
          {"topic_id", d.topic_id},
          {"title", d.title},
          {"host_id", d.host_id},
          {"stage", d.stage},
          {"requested_dong", d.requested_dong},
          {"approved_dong", IdJson(d.approved_dong)},
          {"receipt", d.receipt},
          {"submitted_at", d.submitted_at},
          {"parties", parties},
          {"items", items}};
}

http::Response ApiDossier(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFound(req, "dossier", req.params.at("id"), lang);
  selection::Workflow wf(*w.db, *w.registry, *w.clock);
  auto d = wf.GetDossier(*id);
  if (!d.ok() || !wf.CanSeeDossier(*d, req.principal))
    return NotFound(req, "dossier", std::to_string(*id), lang);
  return Json(req, DossierJson(*d));
}

ordered_json ResultJson(const selection::ResultRow& r) {
  return {{"subject", r.subject},     {"rank", r.rank},
          {"present", r.present},     {"first_average", r.first_average},
          {"set_aside", r.set_aside}, {"average", r.average},
          {"passed", r.passed},       {"fail_reason", r.fail_reason},
          {"outcome", r.outcome},     {"tie_break", r.tie_break},
          {"rule_set", r.rule_set}};
}

http::Response ApiCouncil(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFound(req, "council", req.params.at("id"), lang);
  selection::Workflow wf(*w.db, *w.registry, *w.clock);
  auto c = wf.GetCouncil(*id);
  if (!c.ok() || (!req.principal.SeesEverything() && !wf.MemberOf(*c, req.principal)))
    return NotFound(req, "council", std::to_string(*id), lang);
  ordered_json members = ordered_json::array(), subjects = ordered_json::array();
  for (const auto& m : c->members)
    members.push_back(
        {{"person_id", m.person_id}, {"name", m.name}, {"seat", m.seat}, {"present", m.present}});
  for (const auto& s : c->subjects)
    if (wf.MaySeeInCouncil(*c, s, req.principal)) subjects.push_back(s);
  ordered_json results = ordered_json::array();
  if (auto rows = wf.Results(*id); rows.ok())
    for (const auto& r : *rows)
      if (wf.MaySeeInCouncil(*c, r.subject, req.principal)) results.push_back(ResultJson(r));
  return Json(req, {{"id", c->id},
                    {"kind", c->kind},
                    {"title", c->title},
                    {"state", c->state},
                    {"rule_set", c->rule_set},
                    {"members", members},
                    {"subjects", subjects},
                    {"results", results}});
}

// A decided call's result is public: each dossier's title, host, figures and outcome.
http::Response ApiCallResults(const http::Request& req, http::Worker& w) {
  std::string lang = Lang(req);
  auto id = PathId(req, "id");
  if (!id) return NotFound(req, "call", req.params.at("id"), lang);
  selection::Workflow wf(*w.db, *w.registry, *w.clock);
  auto call = wf.GetCall(*id);
  if (!call.ok() || call->state != "decided")
    return NotFound(req, "call", std::to_string(*id), lang);
  auto councils = wf.CouncilIds("selection", *id);  // only concluded ones have results
  if (!councils.ok()) return Error(req, councils.status(), lang);
  ordered_json items = ordered_json::array();
  for (int64_t council : *councils) {
    auto rows = wf.Results(council);
    if (!rows.ok()) return Error(req, rows.status(), lang);
    for (const auto& r : *rows) {
      ordered_json j = ResultJson(r);
      if (auto d = wf.GetDossier(std::stoll(r.subject.substr(8))); d.ok()) {
        j["title"] = d->title;
        j["host_id"] = d->host_id;
        j["stage"] = d->stage;
      }
      items.push_back(j);
    }
  }
  return Json(
      req,
      {{"call_id", *id}, {"title", call->title}, {"rule_set", call->rule_set}, {"results", items}});
}

// An identifier checked as the record forms and imports check it (registry/authority.h).
http::Response ApiAuthorityCheck(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  std::string kind_name = req.Query("kind"), value = req.Query("value");
  std::optional<authority::Kind> kind = authority::KindFromName(kind_name);
  if (!kind)
    return Error(
        req, Status::Invalid({"authority.unknown_kind", {{"field", "kind"}, {"value", kind_name}}}),
        lang);
  Result<std::string> r = authority::Normalize(*kind, value);
  ordered_json j = {{"kind", std::string(authority::KindName(*kind))},
                    {"value", value},
                    {"valid", r.ok()},
                    {"normalized", r.ok() ? ordered_json(*r) : ordered_json(nullptr)}};
  if (r.ok() && *kind == authority::Kind::kRor) j["url"] = authority::RorUrl(*r);
  if (r.ok() && *kind == authority::Kind::kOrcid) j["url"] = "https://orcid.org/" + *r;
  if (r.ok()) {
    j["error"] = nullptr;
  } else {
    const Message& m = r.status().message();
    j["error"] = {{"code", m.id}, {"message", Render(m, lang)}, {"field", m.Param("field")}};
  }
  return Json(req, j);
}

}  // namespace

void AddApiRoutes(std::vector<http::Route>& routes) {
  const std::vector<std::pair<std::string, std::string>> search_params = {
      {"q", "Query: words (accents optional), \"phrases\", field:word, -exclusions, year:2020 …"},
      {"sort", "relevance | date | date_asc | budget | budget_asc | title | title_desc"},
      {"page", "1-based page number"},
      {"offset", "Results to skip (instead of page)"},
      {"limit", "Results per page, 1–100 (default 20)"},
      {"field", "S&T field code (1, 3 or 5 digits); repeat for OR"},
      {"level", "quoc_gia | bo | tinh | co_so"},
      {"kind", "de_tai | du_an_sxtn | de_an | du_an_khcn | chuong_trinh"},
      {"program", "Program code"},
      {"status", "proposed | approved | in_progress | accepted | registered | terminated"},
      {"year", "Start year"},
      {"host", "Host organisation id"},
      {"source", "Source of the record"},
      {"district", "District of the host organisation"}};
  routes.push_back({"GET", "/api/v1/tasks", "public", "api", "Search tasks, with facets", ApiTasks,
                    search_params});
  routes.push_back({"GET", "/api/v1/tasks/:id", "public", "api", "One public task", ApiTask});
  routes.push_back(
      {"GET", "/api/v1/me", "signed_in", "api", "The signed-in user and roles", ApiMe});
  routes.push_back({"GET",
                    "/api/v1/audit",
                    "public",
                    "api",
                    "Public decisions of the audit chain, with every hashed field",
                    ApiAudit,
                    {{"before", "Only entries with a smaller sequence number (paging)"}},
                    /*cacheable=*/false});
  routes.push_back(
      {"GET", "/api/v1/organisations/:id", "public", "api", "One organisation", ApiOrganisation});
  routes.push_back(
      {"GET", "/api/v1/people/:id", "public", "api", "One person (public profile)", ApiPerson});
  routes.push_back(
      {"GET", "/api/v1/programs", "public", "api", "Every program with task totals", ApiPrograms});
  routes.push_back({"GET", "/api/v1/programs/:id", "public", "api", "One program", ApiProgram});
  routes.push_back({"GET",
                    "/api/v1/dupcheck",
                    "public",
                    "api",
                    "Duplicate check against public tasks",
                    ApiDupcheck,
                    {{"title", "Proposed title (accents optional)"},
                     {"abstract", "Proposed abstract (optional)"},
                     {"top", "How many matches, 1-50 (default 10)"}}});
  routes.push_back(
      {"GET", "/api/v1/fields", "public", "api", "The S&T field classification", ApiFields});
  routes.push_back({"GET",
                    "/api/v1/authorities/check",
                    "public",
                    "api",
                    "Check and normalise an ORCID iD, ROR id or Vietnamese tax code",
                    ApiAuthorityCheck,
                    {{"kind", "orcid | ror | tax_code"},
                     {"value", "The identifier (URL forms of ORCID and ROR accepted)"}}});
  routes.push_back(
      {"GET", "/api/v1/openapi.json", "public", "api", "This OpenAPI document", ApiOpenApi});
  auto no_cache = [&](http::Route r) {
    r.cacheable = false;  // the workflow does not write the change log the cache follows
    routes.push_back(std::move(r));
  };
  no_cache({"GET", "/api/v1/rule-sets", "public", "api", "Selection rule sets with their rules",
            ApiRuleSets});
  no_cache({"GET", "/api/v1/proposals/:id", "signed_in", "api",
            "A proposal with its stored duplicate check (proposer, board, staff, council)",
            ApiProposal});
  no_cache({"GET", "/api/v1/dossiers/:id", "signed_in", "api",
            "A dossier (applicant, staff, council members without a conflict)", ApiDossier});
  no_cache({"GET", "/api/v1/councils/:id", "signed_in", "api",
            "A council: members, the subjects the reader may see, results", ApiCouncil});
  no_cache({"GET", "/api/v1/calls/:id/results", "public", "api",
            "The public result of a decided call", ApiCallResults});
}

}  // namespace ketnoi::web
