// Record editing for staff: create and edit organisations, people, programs and tasks through
// forms (errors next to their field, in the reader's language). Every saved change writes a
// version (the edited fields, who, when) and an audit entry in the same transaction as the
// record; the history page shows each version as a diff against the one before.
#include <functional>
#include <type_traits>

#include "audit/audit.h"
#include "core/crypto.h"
#include "core/messages.h"
#include "registry/model.h"
#include "registry/repo.h"
#include "selection/workflow.h"
#include "text/text.h"
#include "web/common.h"
#include "web/render.h"
#include "web/routes.h"

namespace ketnoi::web {

namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

template <typename E>
struct Def {
  std::string name;      // form field name = the "field" a validation message names
  std::string label_id;  // message id of the label
  std::string type;      // text, textarea, select, date, url, number
  bool required = false;
  std::function<Options(const std::string& lang, http::Worker& w)> options;
  std::function<std::string(const E&)> get;
  std::function<Status(E&, const std::string&)> set;
};

Options Terms(std::span<const registry::Term> terms, const std::string& lang) {
  Options out;
  for (const auto& t : terms)
    out.emplace_back(std::string(t.code), registry::Label(terms, t.code, lang));
  return out;
}

std::string OptId(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }
Status SetId(std::optional<int64_t>& out, const std::string& v, const char* field) {
  std::string s = text::CollapseSpaces(v);
  if (s.empty()) {
    out.reset();
    return Status::Ok();
  }
  int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || n > 1'000'000'000'000LL)
      return Status::Invalid({"web.bad_id", {{"field", field}, {"value", v}}});
    n = n * 10 + (c - '0');
  }
  out = n;
  return Status::Ok();
}
Status SetMoney(Money& out, const std::string& v, const char* field) {
  std::string s = text::CollapseSpaces(v);
  if (s.empty()) {
    out = Money{};
    return Status::Ok();
  }
  auto m = ParseVnd(s);
  if (!m) return Status::Invalid({"web.bad_money", {{"field", field}, {"value", v}}});
  out = *m;
  return Status::Ok();
}
Status SetDate(std::optional<Date>& out, const std::string& v, const char* field) {
  std::string s = text::CollapseSpaces(v);
  if (s.empty()) {
    out.reset();
    return Status::Ok();
  }
  auto d = ParseDate(s);
  if (!d) return Status::Invalid({"web.bad_date", {{"field", field}, {"value", v}}});
  out = *d;
  return Status::Ok();
}
template <typename M>
std::function<Status(M&, const std::string&)> Text(std::string M::*member) {
  return [member](M& e, const std::string& v) {
    e.*member = v;
    return Status::Ok();
  };
}
template <typename M>
std::function<std::string(const M&)> Get(std::string M::*member) {
  return [member](const M& e) { return e.*member; };
}

const std::vector<Def<registry::Organisation>>& OrgDefs() {
  using O = registry::Organisation;
  static const std::vector<Def<O>> d = {
      {"name", "web.field_org_name", "text", true, nullptr, Get(&O::name), Text(&O::name)},
      {"short_name", "web.field_short_name", "text", false, nullptr, Get(&O::short_name),
       Text(&O::short_name)},
      {"name_en", "web.field_name_en", "text", false, nullptr, Get(&O::name_en), Text(&O::name_en)},
      {"type", "web.org_type", "select", true,
       [](const std::string& lang, http::Worker&) { return Terms(registry::OrgTypes(), lang); },
       Get(&O::type), Text(&O::type)},
      {"parent_body", "web.parent_body", "text", false, nullptr, Get(&O::parent_body),
       Text(&O::parent_body)},
      {"tax_code", "web.tax_code", "text", false, nullptr, Get(&O::tax_code), Text(&O::tax_code)},
      {"ror_id", "web.field_ror", "text", false, nullptr, Get(&O::ror_id), Text(&O::ror_id)},
      {"district", "web.district", "text", false, nullptr, Get(&O::district), Text(&O::district)},
      {"address", "web.field_address", "text", false, nullptr, Get(&O::address), Text(&O::address)},
      {"website", "web.website", "url", false, nullptr, Get(&O::website), Text(&O::website)},
  };
  return d;
}

const std::vector<Def<registry::Person>>& PersonDefs() {
  using P = registry::Person;
  static const std::vector<Def<P>> d = {
      {"full_name", "web.field_full_name", "text", true, nullptr, Get(&P::full_name),
       Text(&P::full_name)},
      {"academic_title", "web.field_academic_title", "select", false,
       [](const std::string& lang, http::Worker&) {
         return Options{{"", T("web.none", lang)}, {"GS.", "GS."}, {"PGS.", "PGS."}};
       },
       Get(&P::academic_title), Text(&P::academic_title)},
      {"degree", "web.field_degree", "select", false,
       [](const std::string& lang, http::Worker&) {
         return Options{{"", T("web.none", lang)},
                        {"TS.", "TS."},
                        {"ThS.", "ThS."},
                        {"CN.", "CN."},
                        {"KS.", "KS."},
                        {"BS.", "BS."}};
       },
       Get(&P::degree), Text(&P::degree)},
      {"affiliation_id", "web.field_affiliation_id", "number", false, nullptr,
       [](const P& p) { return OptId(p.affiliation_id); },
       [](P& p, const std::string& v) { return SetId(p.affiliation_id, v, "affiliation_id"); }},
      {"orcid", "web.field_orcid", "text", false, nullptr, Get(&P::orcid), Text(&P::orcid)},
      {"email", "web.field_email", "email", false, nullptr, Get(&P::email), Text(&P::email)},
  };
  return d;
}

const std::vector<Def<registry::Program>>& ProgramDefs() {
  using P = registry::Program;
  static const std::vector<Def<P>> d = {
      {"code", "web.field_code", "text", true, nullptr, Get(&P::code), Text(&P::code)},
      {"name", "web.field_program_name", "text", true, nullptr, Get(&P::name), Text(&P::name)},
      {"period_start", "web.field_period_start", "number", false, nullptr,
       [](const P& p) { return p.period_start ? std::to_string(p.period_start) : ""; },
       [](P& p, const std::string& v) {
         std::optional<int64_t> n;
         KETNOI_RETURN_IF_ERROR(SetId(n, v, "period_start"));
         p.period_start = n ? static_cast<int>(std::min<int64_t>(*n, 9999)) : 0;
         return Status::Ok();
       }},
      {"period_end", "web.field_period_end", "number", false, nullptr,
       [](const P& p) { return p.period_end ? std::to_string(p.period_end) : ""; },
       [](P& p, const std::string& v) {
         std::optional<int64_t> n;
         KETNOI_RETURN_IF_ERROR(SetId(n, v, "period_end"));
         p.period_end = n ? static_cast<int>(std::min<int64_t>(*n, 9999)) : 0;
         return Status::Ok();
       }},
      {"budget", "web.field_budget", "text", false, nullptr,
       [](const P& p) { return p.budget.dong ? FormatVnd(p.budget) : ""; },
       [](P& p, const std::string& v) { return SetMoney(p.budget, v, "budget"); }},
      {"description", "web.field_description", "textarea", false, nullptr, Get(&P::description),
       Text(&P::description)},
  };
  return d;
}

const std::vector<Def<registry::Task>>& TaskDefs() {
  using K = registry::Task;
  static const std::vector<Def<K>> d = {
      {"title", "web.field_title", "textarea", true, nullptr, Get(&K::title), Text(&K::title)},
      {"code", "web.field_code", "text", false, nullptr, Get(&K::code), Text(&K::code)},
      {"kind", "web.kind", "select", true,
       [](const std::string& lang, http::Worker&) { return Terms(registry::TaskKinds(), lang); },
       Get(&K::kind), Text(&K::kind)},
      {"level", "web.level", "select", true,
       [](const std::string& lang, http::Worker&) { return Terms(registry::TaskLevels(), lang); },
       Get(&K::level), Text(&K::level)},
      {"field", "web.field_field_code", "text", false, nullptr, Get(&K::field_code),
       Text(&K::field_code)},
      {"program_id", "web.program", "select", false,
       [](const std::string& lang, http::Worker& w) {
         Options o{{"", T("web.none", lang)}};
         auto programs = w.registry->ListPrograms();
         if (programs.ok())
           for (const auto& p : *programs)
             o.emplace_back(std::to_string(p.id), p.code + " – " + p.name);
         return o;
       },
       [](const K& t) { return OptId(t.program_id); },
       [](K& t, const std::string& v) { return SetId(t.program_id, v, "program_id"); }},
      {"host_id", "web.field_host_id", "number", false, nullptr,
       [](const K& t) { return OptId(t.host_id); },
       [](K& t, const std::string& v) { return SetId(t.host_id, v, "host_id"); }},
      {"pi_id", "web.field_pi_id", "number", false, nullptr,
       [](const K& t) { return OptId(t.pi_id); },
       [](K& t, const std::string& v) { return SetId(t.pi_id, v, "pi_id"); }},
      {"start", "web.field_start", "date", false, nullptr,
       [](const K& t) { return t.start ? t.start->Iso() : ""; },
       [](K& t, const std::string& v) { return SetDate(t.start, v, "start"); }},
      {"end", "web.field_end", "date", false, nullptr,
       [](const K& t) { return t.end ? t.end->Iso() : ""; },
       [](K& t, const std::string& v) { return SetDate(t.end, v, "end"); }},
      {"budget_state", "web.budget_state", "text", false, nullptr,
       [](const K& t) { return t.budget_state.dong ? FormatVnd(t.budget_state) : ""; },
       [](K& t, const std::string& v) { return SetMoney(t.budget_state, v, "budget_state"); }},
      {"budget_other", "web.budget_other", "text", false, nullptr,
       [](const K& t) { return t.budget_other.dong ? FormatVnd(t.budget_other) : ""; },
       [](K& t, const std::string& v) { return SetMoney(t.budget_other, v, "budget_other"); }},
      {"status", "web.status", "select", true,
       [](const std::string& lang, http::Worker&) { return Terms(registry::TaskStatuses(), lang); },
       Get(&K::status), Text(&K::status)},
      {"confidentiality", "web.field_confidentiality", "select", true,
       [](const std::string& lang, http::Worker&) {
         return Terms(registry::Confidentialities(), lang);
       },
       Get(&K::confidentiality), Text(&K::confidentiality)},
      {"keywords", "web.keywords", "text", false, nullptr,
       [](const K& t) {
         std::string s;
         for (const auto& k : t.keywords) s += (s.empty() ? "" : "; ") + k;
         return s;
       },
       [](K& t, const std::string& v) {
         t.keywords.clear();
         size_t pos = 0;
         while (pos <= v.size()) {
           size_t end = v.find(';', pos);
           if (end == std::string::npos) end = v.size();
           t.keywords.push_back(v.substr(pos, end - pos));
           pos = end + 1;
         }
         return Status::Ok();
       }},
      {"abstract", "web.abstract", "textarea", false, nullptr, Get(&K::abstract),
       Text(&K::abstract)},
      {"objectives", "web.objectives", "textarea", false, nullptr, Get(&K::objectives),
       Text(&K::objectives)},
      {"content", "web.content", "textarea", false, nullptr, Get(&K::content), Text(&K::content)},
      {"result_summary", "web.result", "textarea", false, nullptr, Get(&K::result_summary),
       Text(&K::result_summary)},
      {"applied_at", "web.applied_at", "text", false, nullptr, Get(&K::applied_at),
       Text(&K::applied_at)},
      {"archive_no", "web.archive_no", "text", false, nullptr, Get(&K::archive_no),
       Text(&K::archive_no)},
  };
  return d;
}

// One kind of record: its URL segment, names, descriptors and repository calls.
template <typename E>
struct Kind {
  std::string entity;    // "organisation"
  std::string segment;   // "organisations"
  std::string title_id;  // message id of the kind's name
  const std::vector<Def<E>>& (*defs)();
  std::function<Result<E>(registry::Registry&, int64_t)> load;
  std::function<std::string(const E&)> display;
};

std::string EscapeLine(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c != '\r')
      out += c;
  }
  return out;
}
std::string UnescapeLine(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char n = s[++i];
      out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      out += s[i];
    }
  }
  return out;
}

template <typename E>
std::string Serialise(const Kind<E>& k, const E& e) {
  std::string out;
  for (const auto& d : k.defs()) out += d.name + "\t" + EscapeLine(d.get(e)) + "\n";
  return out;
}

std::vector<std::pair<std::string, std::string>> Deserialise(std::string_view data) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    size_t tab = line.find('\t');
    if (tab != std::string_view::npos)
      out.emplace_back(std::string(line.substr(0, tab)), UnescapeLine(line.substr(tab + 1)));
    pos = end + 1;
  }
  return out;
}

template <typename E>
FormPage EditForm(const Kind<E>& k, const E& e, int64_t id, const std::string& lang,
                  http::Worker& w, const std::string& name) {
  FormPage f;
  f.heading = id ? T("web.edit_heading", lang, {{"kind", T(k.title_id, lang)}, {"name", name}})
                 : T("web.new_heading", lang, {{"kind", T(k.title_id, lang)}});
  f.action = "/" + k.segment + "/" + (id ? std::to_string(id) + "/edit" : std::string("new"));
  f.submit = T("web.save", lang);
  for (const auto& d : k.defs()) {
    FormField ff{d.name, T(d.label_id, lang), d.type, d.get(e), "", "", d.required};
    if (d.options) ff.options = d.options(lang, w);
    f.fields.push_back(std::move(ff));
  }
  if (id) {
    f.after_html = "<p><a href=\"/" + k.segment + "/" + std::to_string(id) + "\">" +
                   HtmlEscape(T("web.view_record", lang)) + "</a> · <a href=\"/history/" +
                   k.entity + "/" + std::to_string(id) + "\">" +
                   HtmlEscape(T("web.history_link", lang)) + "</a></p>";
  }
  return f;
}

// The record a route's ":id" names, into `e` and `id`; without ":id" (a new record) both stay
// default. Gives the page to answer instead when the id is bad or the record cannot be read.
template <typename E>
std::optional<http::Response> LoadFromPath(const Kind<E>& k, const http::Request& req,
                                           http::Worker& w, E& e, int64_t& id) {
  if (!req.params.count("id")) return std::nullopt;
  auto pid = PathId(req, "id");
  if (!pid) return NotFoundPage(req, w);
  auto loaded = k.load(*w.registry, *pid);
  if (!loaded.ok()) return ErrorPage(req, Lang(req), loaded.status());
  e = std::move(*loaded);
  id = *pid;
  return std::nullopt;
}

template <typename E>
http::Handler EditPage(Kind<E> k) {
  return [k](const http::Request& req, http::Worker& w) {
    std::string lang = Lang(req);
    E e;
    int64_t id = 0;
    if (auto answer = LoadFromPath(k, req, w, e, id)) return *answer;
    FormPage f = EditForm(k, e, id, lang, w, k.display(e));
    if (req.Query("saved") == "1") f.notice = T("web.saved", lang);
    return RenderForm(req, lang, f);
  };
}

template <typename E>
http::Handler SavePost(Kind<E> k) {
  return [k](const http::Request& req, http::Worker& w) {
    std::string lang = Lang(req);
    E e;
    int64_t id = 0;
    if (auto answer = LoadFromPath(k, req, w, e, id)) return *answer;
    if (!id) {
      // New records belong to the department's own source, with a generated id (programs are
      // keyed by their code).
      if constexpr (requires { e.external_id; }) {
        e.source = "sokhcn-hn";
        e.external_id = "web-" + crypto::RandomToken(9);
      }
    }
    std::string before = id ? Serialise(k, e) : "";
    std::string name = id ? k.display(e) : "";
    Status problem;
    for (const auto& d : k.defs()) {
      Status s = d.set(e, text::Nfc(req.Form(d.name)));
      if (!s.ok() && problem.ok()) problem = s;
    }
    auto show_error = [&](const Status& s) {
      FormPage f = EditForm(k, e, id, lang, w, name);
      // Keep what the user typed, not what was loaded.
      for (auto& ff : f.fields) ff.value = req.Form(ff.name);
      AttachError(f, s, lang);
      return RenderForm(req, lang, f, http::StatusToHttp(s.code()));
    };
    // Programs are known by their code (the repository keys them by it): an existing program
    // keeps its code, and a new one may not take a code in use.
    if constexpr (std::is_same_v<E, registry::Program>) {
      std::string code = text::CollapseSpaces(e.code);
      if (problem.ok() && id) {
        auto old = k.load(*w.registry, id);
        if (old.ok() && text::CollapseSpaces(old->code) != code)
          problem = Status::Invalid({"web.code_fixed", {{"field", "code"}, {"value", old->code}}});
      } else if (problem.ok()) {
        auto programs = w.registry->ListPrograms();
        if (programs.ok())
          for (const auto& p : *programs)
            if (p.code == code)
              problem = Status::Conflict({"web.code_taken", {{"field", "code"}, {"value", code}}});
      }
    }
    if (!problem.ok()) return show_error(problem);

    store::Transaction tx(*w.db);
    Status s = tx.Begin();
    if (!s.ok()) return ErrorPage(req, lang, s);
    auto saved = w.registry->Upsert(e);
    if (!saved.ok()) return show_error(saved.status());
    if (saved->outcome != registry::Outcome::kUnchanged) {
      auto now = k.load(*w.registry, saved->id);
      if (!now.ok()) return ErrorPage(req, lang, now.status());
      std::string data = Serialise(k, *now);
      auto last = w.db->Query(
          "SELECT COALESCE(MAX(version), 0) FROM record_versions WHERE entity = ? AND entity_id = "
          "?",
          {k.entity, saved->id});
      if (!last.ok()) return ErrorPage(req, lang, last.status());
      int64_t version = last->Int(0, 0) + 1;
      std::string actor = req.principal.email;
      std::string at = w.clock->NowText();
      // An edit of a record that had no version yet (imported, demo) keeps its state before.
      if (version == 1 && id) {
        s = w.db->Exec(
            "INSERT INTO record_versions (entity, entity_id, version, at, actor_id, actor, data) "
            "VALUES (?, ?, 1, ?, 0, ?, ?)",
            {k.entity, saved->id, e.updated_at.empty() ? at : e.updated_at, std::string("import"),
             before});
        if (!s.ok()) return ErrorPage(req, lang, s);
        version = 2;
      }
      s = w.db->Exec(
          "INSERT INTO record_versions (entity, entity_id, version, at, actor_id, actor, data) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          {k.entity, saved->id, version, at, req.principal.user_id, actor, data});
      if (!s.ok()) return ErrorPage(req, lang, s);
      audit::AuditLog log(*w.db, *w.clock);
      audit::NewEntry entry;
      entry.actor_id = req.principal.user_id;
      entry.actor = actor;
      entry.action = id ? "record.edit" : "record.create";
      entry.subject = k.entity + ":" + std::to_string(saved->id);
      entry.detail = {{"version", std::to_string(version)},
                      {"data_hash", crypto::Blake2bHex(data)}};
      entry.address = req.remote_addr;
      // Changes to public records are public decisions: listed on /audit with their hashes. A
      // public entry names the official by display name and keeps no client address, so every
      // field the hash covers can be published.
      bool is_public = true;
      if constexpr (requires { e.confidentiality; }) is_public = now->IsPublic();
      if (is_public) {
        entry.is_public = true;
        entry.actor = req.principal.name;
        entry.address.clear();
      }
      auto appended = log.Append(entry);
      if (!appended.ok()) return ErrorPage(req, lang, appended.status());
    }
    s = tx.Commit();
    if (!s.ok()) return ErrorPage(req, lang, s);
    return Redirect("/" + k.segment + "/" + std::to_string(saved->id) + "/edit?saved=1");
  };
}

template <typename E>
http::Handler HistoryPage(Kind<E> k) {
  return [k](const http::Request& req, http::Worker& w) {
    std::string lang = Lang(req);
    auto id = PathId(req, "id");
    if (!id) return NotFoundPage(req, w);
    auto loaded = k.load(*w.registry, *id);
    if (!loaded.ok()) return ErrorPage(req, lang, loaded.status());
    auto rows = w.db->Query(
        "SELECT version, at, actor, data FROM record_versions WHERE entity = ? AND entity_id = ? "
        "ORDER BY version",
        {k.entity, *id});
    if (!rows.ok()) return ErrorPage(req, lang, rows.status());
    std::map<std::string, std::string> label;
    for (const auto& d : k.defs()) label[d.name] = T(d.label_id, lang);
    std::vector<data> built;  // oldest first (each diffed against the one before)
    std::vector<std::pair<std::string, std::string>> prev;
    for (size_t i = 0; i < rows->size(); ++i) {
      auto cur = Deserialise(rows->Text(i, 3));
      data v;
      v.set("version", std::to_string(rows->Int(i, 0)));
      v.set("at", rows->Text(i, 1));
      v.set("actor", rows->Text(i, 2));
      data changes{data::type::list};
      for (const auto& [name, value] : cur) {
        std::string old;
        for (const auto& [pn, pv] : prev)
          if (pn == name) old = pv;
        if (i > 0 && old == value) continue;
        if (i == 0 && value.empty()) continue;
        data c;
        c.set("field", label.count(name) ? label[name] : name);
        c.set("old", old);
        c.set("new", value);
        c.set("has_old", Bool(i > 0 && !old.empty()));
        changes.push_back(c);
      }
      v.set("changes", changes);
      built.push_back(v);
      prev = std::move(cur);
    }
    data versions{data::type::list};  // newest first
    for (auto it = built.rbegin(); it != built.rend(); ++it) versions.push_back(*it);
    data d;
    d.set("heading", T("web.history_heading", lang, {{"name", k.display(*loaded)}}));
    d.set("record_url", "/" + k.segment + "/" + std::to_string(*id));
    d.set("versions", versions);
    d.set("empty", Bool(rows->empty()));
    // A task's lifecycle (proposal, approved list, dossier, council, contract) beside its edits.
    data lifecycle{data::type::list};
    if (k.entity == "task") {
      selection::Workflow wf(*w.db, *w.registry, *w.clock);
      if (auto steps = wf.TaskHistory(*id); steps.ok())
        for (const auto& t : *steps) {
          data row;
          row.set("at", t.at);
          row.set("subject", t.subject);
          row.set("from", t.from);
          row.set("to", t.to);
          row.set("actor", t.actor);
          row.set("basis", t.basis);
          row.set("rule_set", t.rule_set);
          lifecycle.push_back(row);
        }
    }
    d.set("has_lifecycle", Bool(!lifecycle.is_empty_list()));
    d.set("lifecycle", lifecycle);
    return Page(req, lang, T("web.history_link", lang), "history", d);
  };
}

Kind<registry::Organisation> OrgKind() {
  return {"organisation",
          "organisations",
          "web.kind_organisation",
          &OrgDefs,
          [](registry::Registry& r, int64_t id) { return r.GetOrganisation(id); },
          [](const registry::Organisation& o) { return o.name; }};
}
Kind<registry::Person> PersonKind() {
  return {"person",
          "people",
          "web.kind_person",
          &PersonDefs,
          [](registry::Registry& r, int64_t id) { return r.GetPerson(id); },
          [](const registry::Person& p) { return p.DisplayName(); }};
}
Kind<registry::Program> ProgramKind() {
  return {"program",
          "programs",
          "web.kind_program",
          &ProgramDefs,
          [](registry::Registry& r, int64_t id) { return r.GetProgram(id); },
          [](const registry::Program& p) { return p.code + " " + p.name; }};
}
Kind<registry::Task> TaskKind() {
  return {"task",
          "tasks",
          "web.kind_task",
          &TaskDefs,
          [](registry::Registry& r, int64_t id) { return r.GetTask(id); },
          [](const registry::Task& t) { return t.title; }};
}

http::Response RecordsPage(const http::Request& req, http::Worker&) {
  std::string lang = Lang(req);
  data d;
  data kinds{data::type::list};
  for (auto [seg, id] :
       std::vector<std::pair<std::string, std::string>>{{"organisations", "web.kind_organisation"},
                                                        {"people", "web.kind_person"},
                                                        {"programs", "web.kind_program"},
                                                        {"tasks", "web.kind_task"}}) {
    data k;
    k.set("url", "/" + seg + "/new");
    k.set("label", T("web.new_heading", lang, {{"kind", T(id, lang)}}));
    kinds.push_back(k);
  }
  d.set("kinds", kinds);
  return Page(req, lang, T("web.records_title", lang), "records", d);
}

template <typename E>
void AddKind(std::vector<http::Route>& routes, const Kind<E>& k) {
  auto add = [&](std::string method, std::string path, std::string perm, std::string summary,
                 http::Handler h) {
    http::Route r{std::move(method),  std::move(path), std::move(perm), "page",
                  std::move(summary), std::move(h)};
    r.cacheable = false;
    routes.push_back(std::move(r));
  };
  std::string base = "/" + k.segment;
  add("GET", base + "/new", "registry.edit", "New " + k.entity + " form", EditPage(k));
  add("POST", base + "/new", "registry.edit", "Create a " + k.entity, SavePost(k));
  add("GET", base + "/:id/edit", "registry.edit", "Edit " + k.entity + " form", EditPage(k));
  add("POST", base + "/:id/edit", "registry.edit", "Save a " + k.entity, SavePost(k));
  add("GET", "/history/" + k.entity + "/:id", "registry.history", "Edit history of a " + k.entity,
      HistoryPage(k));
}

}  // namespace

void AddRecordRoutes(std::vector<http::Route>& routes) {
  http::Route index{"GET", "/records", "registry.edit", "page", "Record editing", RecordsPage};
  index.cacheable = false;
  routes.push_back(index);
  AddKind(routes, OrgKind());
  AddKind(routes, PersonKind());
  AddKind(routes, ProgramKind());
  AddKind(routes, TaskKind());
}

}  // namespace ketnoi::web
