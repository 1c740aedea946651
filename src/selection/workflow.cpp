#include "selection/workflow.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>

#include "audit/audit.h"
#include "core/money.h"
#include "dedup/dedup.h"
#include "search/index.h"
#include "store/in_transaction.h"
#include "text/text.h"

namespace ketnoi::selection {
namespace {

using store::Params;
using store::Value;

// Legal stage moves per kind of subject (DOMAIN.md §2 lifecycle). Anything else is refused.
struct Move {
  std::string_view kind, from, to;
};
constexpr Move kMoves[] = {
    {"proposal", "submitted", "forwarded"},  // the program board sends it on
    {"proposal", "submitted", "screened_out"},
    {"proposal", "forwarded", "approved"},  // the identification council
    {"proposal", "forwarded", "rejected"},
    {"proposal", "approved", "listed"},  // the approved list is published
    {"dossier", "draft", "submitted"},
    {"dossier", "submitted", "valid"},  // the public opening
    {"dossier", "submitted", "invalid"},
    {"dossier", "valid", "selected"},  // the selection council
    {"dossier", "valid", "reserve"},
    {"dossier", "valid", "not_passed"},
    {"dossier", "selected", "approved"},  // after budget appraisal, by a leader
    {"dossier", "approved", "contracted"},
    {"round", "open", "published"},
    {"call", "open", "opened"},
    {"call", "opened", "decided"},
    {"council", "forming", "sitting"},
    {"council", "sitting", "concluded"},
    {"task", "approved", "in_progress"},  // the contract is signed
};

std::string Table(std::string_view kind) {
  if (kind == "proposal") return "proposals";
  if (kind == "dossier") return "dossiers";
  if (kind == "round") return "rounds";
  if (kind == "call") return "calls";
  return "councils";
}
std::string StageColumn(std::string_view kind) {
  return kind == "proposal" || kind == "dossier" ? "stage" : "state";
}

std::string Clean(std::string_view s) { return text::CollapseSpaces(text::Nfc(s)); }

Status Required(const std::string& v, const char* field) {
  if (v.empty()) return Status::Invalid({"selection.required", {{"field", field}}});
  return Status::Ok();
}

// The last instant of a day in Vietnam (UTC+7) as an ISO UTC timestamp.
Result<std::string> EndOfDayVn(const std::string& day, const char* field) {
  auto d = ParseDate(day);
  if (!d) return Status::Invalid({"selection.bad_date", {{"field", field}, {"value", day}}});
  auto t = std::chrono::system_clock::time_point(
      std::chrono::sys_days(std::chrono::days(d->DaysSinceEpoch() + 1)) - std::chrono::hours(7) -
      std::chrono::seconds(1));
  return FormatTimestamp(t);
}

std::string Subject(std::string_view kind, int64_t id) {
  return std::string(kind) + ":" + std::to_string(id);
}

std::optional<int64_t> SubjectId(const std::string& subject, std::string_view kind) {
  std::string prefix = std::string(kind) + ":";
  if (subject.rfind(prefix, 0) != 0) return std::nullopt;
  try {
    return std::stoll(subject.substr(prefix.size()));
  } catch (...) {
    return std::nullopt;
  }
}

bool Staff(const auth::Principal& p) { return p.Has("staff") || p.Has("admin"); }

Status DeniedBecause(const char* reason) {
  return Status::Denied({"selection.denied", {{"reason", reason}}});
}

}  // namespace

bool LegalTransition(std::string_view kind, std::string_view from, std::string_view to) {
  return std::any_of(std::begin(kMoves), std::end(kMoves),
                     [&](const Move& m) { return m.kind == kind && m.from == from && m.to == to; });
}

// ---- bookkeeping -------------------------------------------------------------------------

Status Workflow::Audit(const std::string& action, const std::string& subject,
                       std::vector<std::pair<std::string, std::string>> detail,
                       const std::string& rule_set, bool is_public, const auth::Principal& by) {
  audit::NewEntry e;
  e.actor_id = by.user_id;
  e.actor = by.signed_in() ? by.name : "system";
  e.action = action;
  e.subject = subject;
  e.detail = std::move(detail);
  e.rule_set = rule_set;
  e.is_public = is_public;
  audit::AuditLog log(db_, clock_);
  auto r = log.Append(e);
  return r.ok() ? Status::Ok() : r.status();
}

Status Workflow::Move(const std::string& kind, int64_t id, const std::string& from,
                      const std::string& to, const std::string& basis, const std::string& rule_set,
                      const auth::Principal& by) {
  if (kind != "task") {
    KETNOI_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query("SELECT " + StageColumn(kind) + " FROM " + Table(kind) + " WHERE id = ?", {id}));
    if (rows.empty())
      return Status::NotFound(
          {"selection.not_found", {{"what", kind}, {"id", std::to_string(id)}}});
    std::string current = rows.Text(0, 0);
    if (current != from || !LegalTransition(kind, from, to))
      return Status::Conflict(
          {"selection.illegal_transition", {{"what", kind}, {"from", current}, {"to", to}}});
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE " + Table(kind) + " SET " + StageColumn(kind) + " = ? WHERE id = ?", {to, id}));
  } else if (!LegalTransition(kind, from, to)) {
    return Status::Conflict(
        {"selection.illegal_transition", {{"what", kind}, {"from", from}, {"to", to}}});
  }
  std::string subject = Subject(kind, id);
  KETNOI_RETURN_IF_ERROR(RecordTransition(subject, from, to, basis, rule_set, by));
  // Lists and results are public; a proposal's screening and a dossier's opening are not.
  bool is_public =
      kind == "round" || kind == "call" || kind == "task" ||
      (kind == "dossier" && (to == "selected" || to == "approved" || to == "contracted"));
  return Audit("selection." + kind + "." + to, subject, {{"from", from}, {"basis", basis}},
               rule_set, is_public, by);
}

Status Workflow::RecordTransition(const std::string& subject, const std::string& from,
                                  const std::string& to, const std::string& basis,
                                  const std::string& rule_set, const auth::Principal& by) {
  return db_.Exec(
      "INSERT INTO transitions (subject, from_stage, to_stage, actor_id, actor, basis, rule_set, "
      "at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {subject, from, to, by.user_id, by.signed_in() ? by.name : std::string("system"), basis,
       rule_set, clock_.NowText()});
}

Result<std::vector<Transition>> Workflow::ReadTransitions(std::string_view where,
                                                          const store::Params& params) {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query("SELECT subject, from_stage, to_stage, actor, "
                                               "basis, rule_set, at FROM transitions WHERE " +
                                                   std::string(where) + " ORDER BY id",
                                               params));
  std::vector<Transition> out;
  for (size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3),
                   rows.Text(i, 4), rows.Text(i, 5), rows.Text(i, 6)});
  return out;
}

Result<std::vector<Transition>> Workflow::History(const std::string& subject) {
  return ReadTransitions("subject = ?", {subject});
}

Result<std::vector<Transition>> Workflow::TaskHistory(int64_t task_id) {
  return ReadTransitions(
      "subject = ? OR subject IN (SELECT 'proposal:' || id FROM proposals WHERE task_id = ?) OR "
      "subject IN (SELECT 'dossier:' || d.id FROM dossiers d JOIN call_topics t ON t.id = "
      "d.topic_id WHERE t.task_id = ?)",
      {Subject("task", task_id), task_id, task_id});
}

Result<std::vector<int64_t>> Workflow::CouncilIds(std::string_view kind, int64_t round_or_call_id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows,
      db_.Query(std::string("SELECT id FROM councils WHERE kind = ? AND ") +
                    (kind == "identification" ? "round_id" : "call_id") + " = ? ORDER BY id",
                {std::string(kind), round_or_call_id}));
  std::vector<int64_t> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(rows.Int(i, 0));
  return out;
}

// ---- rule sets ---------------------------------------------------------------------------

Status Workflow::SeedRuleSets() {
  for (const RuleSet& r : ShippedRuleSets()) {
    KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query("SELECT 1 FROM rule_sets WHERE code = ? AND "
                                                 "version = ?",
                                                 {r.code, int64_t{r.version}}));
    if (!rows.empty()) continue;
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO rule_sets (code, version, body, created_at, created_by) VALUES (?, "
                 "?, ?, ?, 0)",
                 {r.code, int64_t{r.version}, ToJson(r), clock_.NowText()}));
  }
  return Status::Ok();
}

namespace {
Result<StoredRuleSet> ReadRuleSet(const store::Rows& rows, size_t i) {
  KETNOI_ASSIGN_OR_RETURN(RuleSet r, ParseRuleSet(rows.Text(i, 1)));
  StoredRuleSet s;
  s.id = rows.Int(i, 0);
  s.rules = std::move(r);
  s.frozen = !rows.IsNull(i, 2);
  s.created_at = rows.Text(i, 3);
  return s;
}
constexpr const char* kRuleSetCols = "SELECT id, body, frozen_at, created_at FROM rule_sets";
}  // namespace

Result<std::vector<StoredRuleSet>> Workflow::ListRuleSets() {
  KETNOI_ASSIGN_OR_RETURN(auto rows,
                          db_.Query(std::string(kRuleSetCols) + " ORDER BY code, version"));
  std::vector<StoredRuleSet> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    KETNOI_ASSIGN_OR_RETURN(auto s, ReadRuleSet(rows, i));
    out.push_back(std::move(s));
  }
  return out;
}

Result<StoredRuleSet> Workflow::GetRuleSet(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kRuleSetCols) + " WHERE id = ?", {id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "rule_set"}, {"id", std::to_string(id)}}});
  return ReadRuleSet(rows, 0);
}

Result<std::string> Workflow::RuleSetName(int64_t rule_set_id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows, db_.Query("SELECT code, version FROM rule_sets WHERE id = ?", {rule_set_id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "rule_set"}, {"id", std::to_string(rule_set_id)}}});
  return rows.Text(0, 0) + "@v" + std::to_string(rows.Int(0, 1));
}

Status Workflow::Freeze(int64_t rule_set_id) {
  return db_.Exec("UPDATE rule_sets SET frozen_at = ? WHERE id = ? AND frozen_at IS NULL",
                  {clock_.NowText(), rule_set_id});
}

Result<StoredRuleSet> Workflow::SaveRuleSet(const RuleSet& edited, const auth::Principal& by) {
  // Re-parse the canonical form: the same checks as a file, and a body that round-trips.
  KETNOI_ASSIGN_OR_RETURN(RuleSet r, ParseRuleSet(ToJson(edited)));
  return store::InTransaction(db_, [&]() -> Result<StoredRuleSet> {
    KETNOI_ASSIGN_OR_RETURN(
        auto rows, db_.Query("SELECT id, body, frozen_at, version FROM rule_sets WHERE code = ? "
                             "ORDER BY version DESC LIMIT 1",
                             {r.code}));
    if (!rows.empty()) {
      RuleSet same = r;
      same.version = static_cast<int>(rows.Int(0, 3));
      if (rows.Text(0, 1) == ToJson(same)) return GetRuleSet(rows.Int(0, 0));  // nothing changed
    }
    if (!rows.empty() && rows.IsNull(0, 2)) {
      // The newest version was never used: edit it in place, keeping its number.
      r.version = static_cast<int>(rows.Int(0, 3));
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("UPDATE rule_sets SET body = ? WHERE id = ?", {ToJson(r), rows.Int(0, 0)}));
      KETNOI_RETURN_IF_ERROR(Audit("selection.rule_set.edit",
                                   "rule_set:" + std::to_string(rows.Int(0, 0)),
                                   {{"version", std::to_string(r.version)}}, r.Name(), true, by));
      return GetRuleSet(rows.Int(0, 0));
    }
    r.version = rows.empty() ? 1 : static_cast<int>(rows.Int(0, 3)) + 1;
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id, db_.InsertReturningId(
                        "INSERT INTO rule_sets (code, version, body, created_at, "
                        "created_by) VALUES (?, ?, ?, ?, ?) RETURNING id",
                        {r.code, int64_t{r.version}, ToJson(r), clock_.NowText(), by.user_id}));
    KETNOI_RETURN_IF_ERROR(Audit("selection.rule_set.version", "rule_set:" + std::to_string(id),
                                 {{"version", std::to_string(r.version)}}, r.Name(), true, by));
    return GetRuleSet(id);
  });
}

// ---- rounds and proposals ----------------------------------------------------------------

bool Workflow::OnBoard(int64_t program_id, const auth::Principal& who) {
  return who.HasScoped("board_member", "program:" + std::to_string(program_id));
}

Result<int64_t> Workflow::OpenRound(int64_t program_id, const std::string& title_in, int year,
                                    int64_t rule_set_id, const std::string& closes_on,
                                    const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  std::string title = Clean(title_in);
  KETNOI_RETURN_IF_ERROR(Required(title, "title"));
  KETNOI_RETURN_IF_ERROR(registry_.GetProgram(program_id).status());
  KETNOI_ASSIGN_OR_RETURN(std::string rs, RuleSetName(rule_set_id));
  KETNOI_ASSIGN_OR_RETURN(std::string closes_at, EndOfDayVn(closes_on, "closes_on"));
  if (year < 2000 || year > 2100)
    return Status::Invalid(
        {"selection.bad_number", {{"field", "year"}, {"value", std::to_string(year)}}});
  return store::InTransaction(db_, [&]() -> Result<int64_t> {
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id, db_.InsertReturningId(
                        "INSERT INTO rounds (program_id, title, year, rule_set_id, closes_at, "
                        "state, created_by, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?) "
                        "RETURNING id",
                        {program_id, title, int64_t{year}, rule_set_id, closes_at, by.user_id,
                         clock_.NowText()}));
    KETNOI_RETURN_IF_ERROR(Freeze(rule_set_id));
    KETNOI_RETURN_IF_ERROR(Audit("selection.round.open", Subject("round", id),
                                 {{"title", title}, {"closes_at", closes_at}}, rs, true, by));
    return id;
  });
}

namespace {
constexpr const char* kRoundCols =
    "SELECT r.id, r.program_id, r.rule_set_id, r.title, r.closes_at, r.state, "
    "COALESCE(r.published_at, ''), r.year, s.code, s.version FROM rounds r "
    "JOIN rule_sets s ON s.id = r.rule_set_id";
Round ReadRound(const store::Rows& rows, size_t i) {
  Round r;
  r.id = rows.Int(i, 0);
  r.program_id = rows.Int(i, 1);
  r.rule_set_id = rows.Int(i, 2);
  r.title = rows.Text(i, 3);
  r.closes_at = rows.Text(i, 4);
  r.state = rows.Text(i, 5);
  r.published_at = rows.Text(i, 6);
  r.year = static_cast<int>(rows.Int(i, 7));
  r.rule_set = rows.Text(i, 8) + "@v" + std::to_string(rows.Int(i, 9));
  return r;
}
}  // namespace

Result<Round> Workflow::GetRound(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kRoundCols) + " WHERE r.id = ?", {id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "round"}, {"id", std::to_string(id)}}});
  return ReadRound(rows, 0);
}

Result<std::vector<Round>> Workflow::ListRounds() {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kRoundCols) + " ORDER BY r.id DESC"));
  std::vector<Round> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadRound(rows, i));
  return out;
}

Result<int64_t> Workflow::SubmitProposal(const ProposalInput& in, const auth::Principal& by,
                                         const search::Searcher* searcher) {
  if (!by.signed_in()) return DeniedBecause("signed_in");
  KETNOI_ASSIGN_OR_RETURN(Round round, GetRound(in.round_id));
  if (round.state != "open" || clock_.NowText() > round.closes_at)
    return Status::Conflict({"selection.round_closed", {{"closes_at", round.closes_at}}});
  ProposalInput p = in;
  for (std::string* s :
       {&p.title, &p.kind, &p.field_code, &p.urgency, &p.objectives, &p.content, &p.products})
    *s = Clean(*s);
  KETNOI_RETURN_IF_ERROR(Required(p.title, "title"));
  KETNOI_RETURN_IF_ERROR(Required(p.objectives, "objectives"));
  if (!registry::FindTerm(registry::TaskKinds(), p.kind))
    return Status::Invalid({"selection.bad_value", {{"field", "kind"}, {"value", p.kind}}});
  if (p.budget_dong < 0)
    return Status::Invalid(
        {"selection.bad_number", {{"field", "budget"}, {"value", std::to_string(p.budget_dong)}}});

  // The duplicate check runs on every proposal; its result is stored with it (DOMAIN.md §2:
  // non-duplication is judged by the council with this in front of it).
  std::string dup_lines, dup_rules, top_band;
  if (searcher) {
    dedup::Checker checker(registry_, *searcher);
    dedup::Probe probe;
    probe.title = p.title;
    probe.abstract = p.objectives + " " + p.content;
    probe.top_k = 5;
    auto matches = checker.Check(probe);
    if (matches.ok()) {
      dup_rules = checker.rules().version;
      top_band = matches->empty() ? "different" : matches->front().band;
      for (const auto& m : *matches) {
        char score[16];
        std::snprintf(score, sizeof score, "%.3f", m.score);
        dup_lines += m.band + "\t" + score + "\t" + std::to_string(m.id) + "\t" + m.code + "\t" +
                     m.title + "\n";
      }
    }
  }
  std::string now = clock_.NowText();
  return store::InTransaction(db_, [&]() -> Result<int64_t> {
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id,
        db_.InsertReturningId(
            "INSERT INTO proposals (round_id, title, kind, field_code, urgency, objectives, "
            "content, products, budget_dong, proposer_user, proposer_person, proposer_org, stage, "
            "dupcheck, dupcheck_rules, dupcheck_top_band, submitted_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?) RETURNING "
            "id",
            {p.round_id, p.title, p.kind, p.field_code, p.urgency, p.objectives, p.content,
             p.products, p.budget_dong, by.user_id, store::Opt(by.person_id),
             store::Opt(by.organisation_id), dup_lines, dup_rules, top_band, now, now, now}));
    KETNOI_RETURN_IF_ERROR(RecordTransition(
        Subject("proposal", id), "", "submitted",
        "dupcheck " + (top_band.empty() ? std::string("-") : top_band), round.rule_set, by));
    KETNOI_RETURN_IF_ERROR(Audit("selection.proposal.submitted", Subject("proposal", id),
                                 {{"title", p.title}, {"dupcheck", top_band}}, round.rule_set,
                                 false, by));
    return id;
  });
}

namespace {
constexpr const char* kProposalCols =
    "SELECT p.id, p.round_id, p.proposer_user, r.program_id, p.proposer_person, p.proposer_org, "
    "p.assigned_org, p.task_id, p.title, p.kind, p.field_code, p.urgency, p.objectives, p.content, "
    "p.products, p.budget_dong, p.stage, p.method, p.final_title, p.final_objectives, "
    "p.final_products, p.decision_reason, p.dupcheck_rules, p.dupcheck_top_band, "
    "p.applicant_answer, COALESCE(p.submitted_at, ''), p.dupcheck FROM proposals p "
    "JOIN rounds r ON r.id = p.round_id";
Proposal ReadProposal(const store::Rows& rows, size_t i) {
  Proposal p;
  p.id = rows.Int(i, 0);
  p.round_id = rows.Int(i, 1);
  p.proposer_user = rows.Int(i, 2);
  p.program_id = rows.Int(i, 3);
  p.proposer_person = rows.OptInt(i, 4);
  p.proposer_org = rows.OptInt(i, 5);
  p.assigned_org = rows.OptInt(i, 6);
  p.task_id = rows.OptInt(i, 7);
  std::string* texts[] = {&p.title,      &p.kind,    &p.field_code, &p.urgency,
                          &p.objectives, &p.content, &p.products};
  for (size_t k = 0; k < 7; ++k) *texts[k] = rows.Text(i, 8 + k);
  p.budget_dong = rows.Int(i, 15);
  std::string* more[] = {&p.stage,
                         &p.method,
                         &p.final_title,
                         &p.final_objectives,
                         &p.final_products,
                         &p.decision_reason,
                         &p.dupcheck_rules,
                         &p.dupcheck_top_band,
                         &p.applicant_answer,
                         &p.submitted_at};
  for (size_t k = 0; k < 10; ++k) *more[k] = rows.Text(i, 16 + k);
  std::istringstream lines(rows.Text(i, 26));
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> f;
    size_t pos = 0;
    while (f.size() < 4) {
      size_t tab = line.find('\t', pos);
      if (tab == std::string::npos) break;
      f.push_back(line.substr(pos, tab - pos));
      pos = tab + 1;
    }
    if (f.size() < 4) continue;
    DupMatch m;
    m.band = f[0];
    m.score = std::atof(f[1].c_str());
    m.id = std::atoll(f[2].c_str());
    m.code = f[3];
    m.title = line.substr(pos);
    p.dupcheck.push_back(std::move(m));
  }
  return p;
}
}  // namespace

Result<Proposal> Workflow::GetProposal(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(auto rows,
                          db_.Query(std::string(kProposalCols) + " WHERE p.id = ?", {id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "proposal"}, {"id", std::to_string(id)}}});
  return ReadProposal(rows, 0);
}

Result<std::vector<Proposal>> Workflow::ListProposals(int64_t round_id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows,
      db_.Query(std::string(kProposalCols) + " WHERE p.round_id = ? ORDER BY p.id", {round_id}));
  std::vector<Proposal> out;
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(ReadProposal(rows, i));
  return out;
}

bool Workflow::CanSeeProposal(const Proposal& p, const auth::Principal& who) {
  if (!who.signed_in()) return false;
  if (who.SeesEverything() || who.user_id == p.proposer_user || OnBoard(p.program_id, who))
    return true;
  // A member of an identification council of this round, without a conflict with it.
  return SeesInAnyCouncil("identification", p.round_id, Subject("proposal", p.id), who);
}

bool Workflow::SeesInAnyCouncil(std::string_view kind, int64_t round_or_call_id,
                                const std::string& subject, const auth::Principal& who) {
  auto ids = CouncilIds(kind, round_or_call_id);
  if (!ids.ok()) return false;
  for (int64_t id : *ids) {
    auto c = GetCouncil(id);
    if (c.ok() && MaySeeInCouncil(*c, subject, who)) return true;
  }
  return false;
}

Status Workflow::AnswerDupcheck(int64_t proposal_id, const std::string& answer,
                                const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(proposal_id));
  if (by.user_id != p.proposer_user) return DeniedBecause("proposer");
  std::string text = Clean(answer);
  KETNOI_RETURN_IF_ERROR(Required(text, "answer"));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE proposals SET applicant_answer = ?, updated_at = ? WHERE id = ?",
                 {text, clock_.NowText(), proposal_id}));
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "INSERT INTO proposal_comments (proposal_id, user_id, author, kind, body, created_at) "
        "VALUES (?, ?, ?, 'applicant', ?, ?)",
        {proposal_id, by.user_id, by.name, text, clock_.NowText()}));
    return Audit("selection.proposal.answer", Subject("proposal", proposal_id), {}, "", false, by);
  });
}

Status Workflow::AddComment(int64_t proposal_id, const std::string& body_in,
                            const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(proposal_id));
  bool board = OnBoard(p.program_id, by);
  if (!board && !Staff(by)) return DeniedBecause("board");
  std::string body = Clean(body_in);
  KETNOI_RETURN_IF_ERROR(Required(body, "body"));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "INSERT INTO proposal_comments (proposal_id, user_id, author, kind, body, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {proposal_id, by.user_id, by.name, std::string(board ? "board" : "staff"), body,
         clock_.NowText()}));
    return Audit("selection.proposal.comment", Subject("proposal", proposal_id), {}, "", false, by);
  });
}

Result<std::vector<Comment>> Workflow::Comments(int64_t proposal_id) {
  KETNOI_ASSIGN_OR_RETURN(auto rows,
                          db_.Query("SELECT author, kind, body, created_at FROM "
                                    "proposal_comments WHERE proposal_id = ? ORDER BY id",
                                    {proposal_id}));
  std::vector<Comment> out;
  for (size_t i = 0; i < rows.size(); ++i)
    out.push_back({rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Text(i, 3)});
  return out;
}

Status Workflow::Screen(int64_t proposal_id, bool forward, const std::string& reason_in,
                        const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(proposal_id));
  if (!OnBoard(p.program_id, by) && !Staff(by)) return DeniedBecause("board");
  std::string reason = Clean(reason_in);
  if (!forward) KETNOI_RETURN_IF_ERROR(Required(reason, "reason"));
  KETNOI_ASSIGN_OR_RETURN(Round round, GetRound(p.round_id));
  return store::InTransaction(db_, [&]() -> Status {
    if (!reason.empty())
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "INSERT INTO proposal_comments (proposal_id, user_id, author, kind, body, created_at) "
          "VALUES (?, ?, ?, 'board', ?, ?)",
          {proposal_id, by.user_id, by.name, reason, clock_.NowText()}));
    KETNOI_RETURN_IF_ERROR(Move("proposal", proposal_id, "submitted",
                                forward ? "forwarded" : "screened_out",
                                reason.empty() ? "program board" : reason, round.rule_set, by));
    if (!forward) return Status::Ok();
    // A council already formed for the round judges this proposal too: check its members.
    KETNOI_ASSIGN_OR_RETURN(auto councils, CouncilIds("identification", p.round_id));
    for (int64_t council : councils)
      KETNOI_RETURN_IF_ERROR(RecheckMembers(council, Subject("proposal", proposal_id)));
    return Status::Ok();
  });
}

Status Workflow::Identify(int64_t council_id, int64_t proposal_id, const Identification& in_raw,
                          const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(proposal_id));
  if (c.kind != "identification" || !c.round_id || *c.round_id != p.round_id)
    return Status::Invalid({"selection.wrong_council", {{"council", std::to_string(council_id)}}});
  if (c.state != "sitting")
    return Status::Conflict({"selection.council_not_sitting", {{"state", c.state}}});
  Identification in = in_raw;
  for (std::string* s :
       {&in.reason, &in.method, &in.final_title, &in.final_objectives, &in.final_products})
    *s = Clean(*s);
  KETNOI_RETURN_IF_ERROR(Required(in.reason, "reason"));
  std::string subject = Subject("proposal", proposal_id);
  KETNOI_ASSIGN_OR_RETURN(VoteCount votes, CountVotes(council_id, subject));
  // The conclusion follows the vote count: more than half of the members present.
  bool majority_approves = votes.approve * 2 > votes.present;
  if (in.approve != majority_approves)
    return Status::Conflict(
        {"selection.vote_majority",
         {{"approve", std::to_string(votes.approve)}, {"present", std::to_string(votes.present)}}});
  if (in.approve) {
    if (in.method != "selection" && in.method != "direct")
      return Status::Invalid({"selection.bad_value", {{"field", "method"}, {"value", in.method}}});
    if (in.method == "direct" && !in.assigned_org)
      return Status::Invalid({"selection.required", {{"field", "assigned_org"}}});
    if (in.assigned_org)
      KETNOI_RETURN_IF_ERROR(registry_.GetOrganisation(*in.assigned_org).status());
    if (in.final_title.empty()) in.final_title = p.title;
    if (in.final_objectives.empty()) in.final_objectives = p.objectives;
    if (in.final_products.empty()) in.final_products = p.products;
  }
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "UPDATE proposals SET method = ?, assigned_org = ?, final_title = ?, final_objectives = ?, "
        "final_products = ?, decision_reason = ?, updated_at = ? WHERE id = ?",
        {in.approve ? in.method : std::string(),
         store::Opt(in.approve ? in.assigned_org : std::nullopt), in.final_title,
         in.final_objectives, in.final_products, in.reason, clock_.NowText(), proposal_id}));
    return Move("proposal", proposal_id, "forwarded", in.approve ? "approved" : "rejected",
                in.reason + " (" + std::to_string(votes.approve) + "/" +
                    std::to_string(votes.present) + ")",
                c.rule_set, by);
  });
}

Status Workflow::PublishRound(int64_t round_id, const auth::Principal& by) {
  if (!by.Has("leader") && !by.Has("admin")) return DeniedBecause("leader");
  KETNOI_ASSIGN_OR_RETURN(Round round, GetRound(round_id));
  KETNOI_ASSIGN_OR_RETURN(auto proposals, ListProposals(round_id));
  return store::InTransaction(db_, [&]() -> Status {
    int listed = 0;
    for (const Proposal& p : proposals) {
      if (p.stage != "approved") continue;
      registry::Task t;
      t.title = p.final_title;
      t.kind = p.kind;
      t.level = "tinh";
      t.field_code = p.field_code;
      t.program_id = p.program_id;
      t.host_id = p.assigned_org;
      t.status = "approved";
      t.objectives = p.final_objectives;
      t.content = p.content;
      t.abstract = p.urgency;
      if (!p.final_products.empty()) t.products.push_back({p.final_products, std::nullopt, "", ""});
      t.source = "so-khcn-hn";
      t.external_id = "proposal-" + std::to_string(p.id);
      KETNOI_ASSIGN_OR_RETURN(auto saved, registry_.Upsert(t));
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("UPDATE proposals SET task_id = ? WHERE id = ?", {saved.id, p.id}));
      KETNOI_RETURN_IF_ERROR(Move("proposal", p.id, "approved", "listed",
                                  "approved list " + round.title, round.rule_set, by));
      KETNOI_RETURN_IF_ERROR(RecordTransition(
          Subject("task", saved.id), "proposed", "approved",
          "approved list " + round.title + (p.method == "direct" ? " (direct)" : " (selection)"),
          round.rule_set, by));
      ++listed;
    }
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE rounds SET published_at = ? WHERE id = ?", {clock_.NowText(), round_id}));
    return Move("round", round_id, "open", "published",
                "approved list: " + std::to_string(listed) + " tasks", round.rule_set, by);
  });
}

// ---- calls and dossiers ------------------------------------------------------------------

Result<int64_t> Workflow::OpenCall(const CallInput& in, const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  std::string title = Clean(in.title);
  KETNOI_RETURN_IF_ERROR(Required(title, "title"));
  if (in.kind != "selection" && in.kind != "direct" && in.kind != "grant")
    return Status::Invalid({"selection.bad_value", {{"field", "kind"}, {"value", in.kind}}});
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(in.rule_set_id));
  std::string method = in.kind;
  if (std::find(rs.rules.methods.begin(), rs.rules.methods.end(), method) == rs.rules.methods.end())
    return Status::Invalid(
        {"selection.rule_set_method", {{"rule_set", rs.rules.Name()}, {"method", method}}});
  KETNOI_ASSIGN_OR_RETURN(std::string deadline, EndOfDayVn(in.deadline_on, "deadline"));
  if (in.budget_line_dong < 0)
    return Status::Invalid(
        {"selection.bad_number",
         {{"field", "budget_line"}, {"value", std::to_string(in.budget_line_dong)}}});
  if (in.proposal_ids.empty())
    return Status::Invalid({"selection.required", {{"field", "topics"}}});
  std::vector<Proposal> topics;
  for (int64_t pid : in.proposal_ids) {
    KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(pid));
    if (p.stage != "listed")
      return Status::Conflict({"selection.not_listed", {{"title", p.title}}});
    if ((in.kind == "direct") != (p.method == "direct"))
      return Status::Conflict(
          {"selection.method_mismatch", {{"title", p.final_title}, {"method", p.method}}});
    if (!rs.rules.SheetFor(p.kind))
      return Status::Invalid({"selection.no_sheet", {{"kind", p.kind}}});
    topics.push_back(std::move(p));
  }
  return store::InTransaction(db_, [&]() -> Result<int64_t> {
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id, db_.InsertReturningId(
                        "INSERT INTO calls (kind, title, program_id, rule_set_id, deadline, "
                        "budget_line_dong, state, created_by, created_at) VALUES (?, ?, ?, ?, "
                        "?, ?, 'open', ?, ?) RETURNING id",
                        {in.kind, title, store::Opt(in.program_id), in.rule_set_id, deadline,
                         in.budget_line_dong, by.user_id, clock_.NowText()}));
    for (const Proposal& p : topics)
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "INSERT INTO call_topics (call_id, proposal_id, task_id, title, kind, field_code, "
          "assigned_org) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {id, p.id, store::Opt(p.task_id), p.final_title, p.kind, p.field_code,
           store::Opt(p.assigned_org)}));
    KETNOI_RETURN_IF_ERROR(Freeze(in.rule_set_id));
    KETNOI_RETURN_IF_ERROR(Audit("selection.call.open", Subject("call", id),
                                 {{"title", title}, {"kind", in.kind}, {"deadline", deadline}},
                                 rs.rules.Name(), true, by));
    return id;
  });
}

namespace {
constexpr const char* kCallCols =
    "SELECT c.id, c.rule_set_id, c.program_id, c.kind, c.title, c.deadline, c.state, "
    "COALESCE(c.opened_at, ''), c.budget_line_dong, s.code, s.version FROM calls c "
    "JOIN rule_sets s ON s.id = c.rule_set_id";
}  // namespace

Result<Call> Workflow::GetCall(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kCallCols) + " WHERE c.id = ?", {id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "call"}, {"id", std::to_string(id)}}});
  Call c;
  c.id = rows.Int(0, 0);
  c.rule_set_id = rows.Int(0, 1);
  c.program_id = rows.OptInt(0, 2);
  c.kind = rows.Text(0, 3);
  c.title = rows.Text(0, 4);
  c.deadline = rows.Text(0, 5);
  c.state = rows.Text(0, 6);
  c.opened_at = rows.Text(0, 7);
  c.budget_line_dong = rows.Int(0, 8);
  c.rule_set = rows.Text(0, 9) + "@v" + std::to_string(rows.Int(0, 10));
  KETNOI_ASSIGN_OR_RETURN(auto t, db_.Query("SELECT id, proposal_id, task_id, assigned_org, title, "
                                            "kind, field_code FROM call_topics WHERE call_id = ? "
                                            "ORDER BY id",
                                            {id}));
  for (size_t i = 0; i < t.size(); ++i) {
    Topic tp;
    tp.id = t.Int(i, 0);
    tp.call_id = id;
    tp.proposal_id = t.OptInt(i, 1);
    tp.task_id = t.OptInt(i, 2);
    tp.assigned_org = t.OptInt(i, 3);
    tp.title = t.Text(i, 4);
    tp.kind = t.Text(i, 5);
    tp.field_code = t.Text(i, 6);
    c.topics.push_back(std::move(tp));
  }
  return c;
}

Result<std::vector<Call>> Workflow::ListCalls() {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query("SELECT id FROM calls ORDER BY id DESC"));
  std::vector<Call> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    KETNOI_ASSIGN_OR_RETURN(Call c, GetCall(rows.Int(i, 0)));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> Workflow::RequiredItems(std::string_view call_kind) {
  // TT 08/2017 dossier: application, explanatory description, organisation profile, CVs,
  // partner commitments; a grant (Law 93/2025) asks no partner commitment.
  if (call_kind == "grant") return {"application", "description", "org_profile", "cv"};
  return {"application", "description", "org_profile", "cv", "commitment"};
}

Result<int64_t> Workflow::CreateDossier(const DossierInput& in, const auth::Principal& by) {
  if (!by.signed_in()) return DeniedBecause("signed_in");
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(in.call_id));
  if (call.state != "open" || clock_.NowText() > call.deadline)
    return Status::Conflict({"selection.deadline_passed", {{"deadline", call.deadline}}});
  auto topic = std::find_if(call.topics.begin(), call.topics.end(),
                            [&](const Topic& t) { return t.id == in.topic_id; });
  if (topic == call.topics.end())
    return Status::Invalid(
        {"selection.bad_value", {{"field", "topic"}, {"value", std::to_string(in.topic_id)}}});
  KETNOI_RETURN_IF_ERROR(registry_.GetOrganisation(in.host_id).status());
  if (topic->assigned_org && *topic->assigned_org != in.host_id)
    return Status::Denied({"selection.not_assigned_host", {{"title", topic->title}}});
  std::string title = Clean(in.title.empty() ? topic->title : in.title);
  if (in.requested_dong <= 0)
    return Status::Invalid(
        {"selection.bad_number",
         {{"field", "requested"}, {"value", std::to_string(in.requested_dong)}}});
  bool has_pi = false;
  for (const Party& p : in.parties) {
    if (p.role == "pi") has_pi = true;
    if (p.role != "pi" && p.role != "secretary" && p.role != "key_member" &&
        p.role != "coordinator")
      return Status::Invalid(
          {"selection.bad_value", {{"field", "parties.role"}, {"value", p.role}}});
    if (p.person_id) KETNOI_RETURN_IF_ERROR(registry_.GetPerson(*p.person_id).status());
    if (p.organisation_id)
      KETNOI_RETURN_IF_ERROR(registry_.GetOrganisation(*p.organisation_id).status());
  }
  if (!has_pi) return Status::Invalid({"selection.required", {{"field", "pi"}}});
  std::string now = clock_.NowText();
  return store::InTransaction(db_, [&]() -> Result<int64_t> {
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id, db_.InsertReturningId(
                        "INSERT INTO dossiers (call_id, topic_id, applicant_user, "
                        "applicant_person, host_id, title, requested_dong, stage, created_at, "
                        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
                        {in.call_id, in.topic_id, by.user_id, store::Opt(by.person_id), in.host_id,
                         title, in.requested_dong, now, now}));
    for (const Party& p : in.parties)
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO dossier_parties (dossier_id, role, person_id, "
                   "organisation_id) VALUES (?, ?, ?, ?)",
                   {id, p.role, store::Opt(p.person_id), store::Opt(p.organisation_id)}));
    KETNOI_RETURN_IF_ERROR(Audit("selection.dossier.draft", Subject("dossier", id),
                                 {{"title", title}}, call.rule_set, false, by));
    return id;
  });
}

Result<Dossier> Workflow::GetDossier(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows, db_.Query("SELECT id, call_id, topic_id, applicant_user, host_id, "
                           "applicant_person, approved_dong, title, stage, COALESCE(receipt, ''), "
                           "COALESCE(submitted_at, ''), requested_dong FROM dossiers WHERE id = ?",
                           {id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "dossier"}, {"id", std::to_string(id)}}});
  Dossier d;
  d.id = rows.Int(0, 0);
  d.call_id = rows.Int(0, 1);
  d.topic_id = rows.Int(0, 2);
  d.applicant_user = rows.Int(0, 3);
  d.host_id = rows.Int(0, 4);
  d.applicant_person = rows.OptInt(0, 5);
  d.approved_dong = rows.OptInt(0, 6);
  d.title = rows.Text(0, 7);
  d.stage = rows.Text(0, 8);
  d.receipt = rows.Text(0, 9);
  d.submitted_at = rows.Text(0, 10);
  d.requested_dong = rows.Int(0, 11);
  KETNOI_ASSIGN_OR_RETURN(auto parties, db_.Query("SELECT role, person_id, organisation_id FROM "
                                                  "dossier_parties WHERE dossier_id = ?",
                                                  {id}));
  for (size_t i = 0; i < parties.size(); ++i)
    d.parties.push_back({parties.Text(i, 0), parties.OptInt(i, 1), parties.OptInt(i, 2)});
  KETNOI_ASSIGN_OR_RETURN(
      auto items,
      db_.Query("SELECT i.item, i.file_id, f.name, i.valid, i.note FROM dossier_items i "
                "JOIN files f ON f.id = i.file_id WHERE i.dossier_id = ? "
                "ORDER BY i.item, i.file_id",
                {id}));
  for (size_t i = 0; i < items.size(); ++i) {
    DossierItem it;
    it.item = items.Text(i, 0);
    it.file_id = items.Int(i, 1);
    it.file_name = items.Text(i, 2);
    if (!items.IsNull(i, 3)) it.valid = items.Int(i, 3) != 0;
    it.note = items.Text(i, 4);
    d.items.push_back(std::move(it));
  }
  return d;
}

Result<std::vector<Dossier>> Workflow::ListDossiers(int64_t call_id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows, db_.Query("SELECT id FROM dossiers WHERE call_id = ? ORDER BY id", {call_id}));
  std::vector<Dossier> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(rows.Int(i, 0)));
    out.push_back(std::move(d));
  }
  return out;
}

bool Workflow::CanSeeDossier(const Dossier& d, const auth::Principal& who) {
  if (!who.signed_in()) return false;
  if (who.SeesEverything() || who.user_id == d.applicant_user) return true;
  return SeesInAnyCouncil("selection", d.call_id, Subject("dossier", d.id), who);
}

Status Workflow::AttachItem(int64_t dossier_id, const std::string& item, int64_t file_id,
                            const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(dossier_id));
  if (by.user_id != d.applicant_user) return DeniedBecause("applicant");
  if (d.stage != "draft")
    return Status::Conflict({"selection.illegal_transition",
                             {{"what", "dossier"}, {"from", d.stage}, {"to", "draft"}}});
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(d.call_id));
  auto need = RequiredItems(call.kind);
  if (std::find(need.begin(), need.end(), item) == need.end() && item != "legal")
    return Status::Invalid({"selection.bad_value", {{"field", "item"}, {"value", item}}});
  KETNOI_ASSIGN_OR_RETURN(auto f,
                          db_.Query("SELECT owner_user_id FROM files WHERE id = ?", {file_id}));
  if (f.empty() || f.Int(0, 0) != by.user_id)
    return Status::NotFound({"files.not_found", {{"id", std::to_string(file_id)}}});
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("DELETE FROM dossier_items WHERE dossier_id = ? AND item = ? "
                 "AND file_id = ?",
                 {dossier_id, item, file_id}));
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO dossier_items (dossier_id, item, file_id, added_at) "
                 "VALUES (?, ?, ?, ?)",
                 {dossier_id, item, file_id, clock_.NowText()}));
    return Audit("selection.dossier.item", Subject("dossier", dossier_id),
                 {{"item", item}, {"file", std::to_string(file_id)}}, call.rule_set, false, by);
  });
}

Result<std::string> Workflow::SubmitDossier(int64_t dossier_id, const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(dossier_id));
  if (by.user_id != d.applicant_user) return DeniedBecause("applicant");
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(d.call_id));
  std::string now = clock_.NowText();
  if (call.state != "open" || now > call.deadline)
    return Status::Conflict({"selection.deadline_passed", {{"deadline", call.deadline}}});
  for (const std::string& need : RequiredItems(call.kind)) {
    bool have = std::any_of(d.items.begin(), d.items.end(),
                            [&](const DossierItem& it) { return it.item == need; });
    if (!have) return Status::Invalid({"selection.missing_item", {{"item", need}}});
  }
  std::string receipt =
      "HS-" + std::to_string(d.call_id) + "-" + std::to_string(d.id) + "/" + now.substr(0, 4);
  return store::InTransaction(db_, [&]() -> Result<std::string> {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE dossiers SET receipt = ?, submitted_at = ?, updated_at = ? WHERE id = ?",
                 {receipt, now, now, dossier_id}));
    KETNOI_RETURN_IF_ERROR(
        Move("dossier", dossier_id, "draft", "submitted", "receipt " + receipt, call.rule_set, by));
    return receipt;
  });
}

Status Workflow::OpenDossiers(int64_t call_id, const std::map<std::string, bool>& validity,
                              const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(call_id));
  if (clock_.NowText() <= call.deadline)
    return Status::Conflict({"selection.before_deadline", {{"deadline", call.deadline}}});
  KETNOI_ASSIGN_OR_RETURN(auto dossiers, ListDossiers(call_id));
  return store::InTransaction(db_, [&]() -> Status {
    for (const Dossier& d : dossiers) {
      if (d.stage != "submitted") continue;
      bool all_valid = true;
      for (const DossierItem& it : d.items) {
        auto v = validity.find(std::to_string(d.id) + ":" + it.item);
        bool ok = v == validity.end() || v->second;  // unmarked items are valid
        all_valid = all_valid && ok;
        KETNOI_RETURN_IF_ERROR(
            db_.Exec("UPDATE dossier_items SET valid = ? WHERE dossier_id = ? "
                     "AND item = ? AND file_id = ?",
                     {int64_t{ok ? 1 : 0}, d.id, it.item, it.file_id}));
      }
      KETNOI_RETURN_IF_ERROR(Move("dossier", d.id, "submitted", all_valid ? "valid" : "invalid",
                                  "public opening", call.rule_set, by));
    }
    KETNOI_ASSIGN_OR_RETURN(auto councils, CouncilIds("selection", call_id));
    for (int64_t council : councils)
      for (const Dossier& d : dossiers)
        KETNOI_RETURN_IF_ERROR(RecheckMembers(council, Subject("dossier", d.id)));
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE calls SET opened_at = ? WHERE id = ?", {clock_.NowText(), call_id}));
    return Move("call", call_id, "open", "opened", "public opening of dossiers", call.rule_set, by);
  });
}

Status Workflow::DeclareRelative(int64_t person_id, int64_t relative_id, const std::string& kind,
                                 const auth::Principal& by) {
  bool self = by.person_id && *by.person_id == person_id;
  if (!self && !Staff(by)) return DeniedBecause("self");
  if (kind != "spouse" && kind != "parent" && kind != "child" && kind != "sibling")
    return Status::Invalid({"selection.bad_value", {{"field", "kind"}, {"value", kind}}});
  if (person_id == relative_id)
    return Status::Invalid(
        {"selection.bad_value", {{"field", "relative"}, {"value", std::to_string(relative_id)}}});
  KETNOI_RETURN_IF_ERROR(registry_.GetPerson(person_id).status());
  KETNOI_RETURN_IF_ERROR(registry_.GetPerson(relative_id).status());
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("DELETE FROM person_relations WHERE person_id = ? AND relative_id = ?",
                 {person_id, relative_id}));
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO person_relations (person_id, relative_id, kind, "
                 "declared_by, declared_at) VALUES (?, ?, ?, ?, ?)",
                 {person_id, relative_id, kind, by.user_id, clock_.NowText()}));
    return Audit("selection.relative.declare", "person:" + std::to_string(person_id),
                 {{"relative", std::to_string(relative_id)}, {"kind", kind}}, "", false, by);
  });
}

Result<std::vector<Relative>> Workflow::RelativesOf(int64_t person_id) {
  KETNOI_ASSIGN_OR_RETURN(MemberFacts f, FactsOf(person_id));
  return f.relatives;
}

// ---- councils ------------------------------------------------------------------------------

Result<int64_t> Workflow::FormCouncil(const std::string& kind, int64_t round_or_call_id,
                                      const std::string& title_in, const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  std::string title = Clean(title_in);
  KETNOI_RETURN_IF_ERROR(Required(title, "title"));
  int64_t rule_set_id = 0;
  std::string rs;
  if (kind == "identification") {
    KETNOI_ASSIGN_OR_RETURN(Round r, GetRound(round_or_call_id));
    rule_set_id = r.rule_set_id;
    rs = r.rule_set;
  } else if (kind == "selection") {
    KETNOI_ASSIGN_OR_RETURN(Call c, GetCall(round_or_call_id));
    rule_set_id = c.rule_set_id;
    rs = c.rule_set;
  } else {
    return Status::Invalid({"selection.bad_value", {{"field", "kind"}, {"value", kind}}});
  }
  return store::InTransaction(db_, [&]() -> Result<int64_t> {
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id,
        db_.InsertReturningId(
            "INSERT INTO councils (kind, round_id, call_id, rule_set_id, title, state, "
            "created_by, created_at) VALUES (?, ?, ?, ?, ?, 'forming', ?, ?) RETURNING id",
            {kind, kind == "identification" ? Value(round_or_call_id) : Value(),
             kind == "selection" ? Value(round_or_call_id) : Value(), rule_set_id, title,
             by.user_id, clock_.NowText()}));
    KETNOI_RETURN_IF_ERROR(Audit("selection.council.form", Subject("council", id),
                                 {{"title", title}, {"kind", kind}}, rs, true, by));
    return id;
  });
}

Result<Council> Workflow::GetCouncil(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows,
      db_.Query("SELECT c.id, c.rule_set_id, c.round_id, c.call_id, c.kind, c.title, "
                "c.state, s.code, s.version, COALESCE(c.concluded_at, '') FROM councils c "
                "JOIN rule_sets s ON s.id = c.rule_set_id WHERE c.id = ?",
                {id}));
  if (rows.empty())
    return Status::NotFound(
        {"selection.not_found", {{"what", "council"}, {"id", std::to_string(id)}}});
  Council c;
  c.id = rows.Int(0, 0);
  c.rule_set_id = rows.Int(0, 1);
  c.round_id = rows.OptInt(0, 2);
  c.call_id = rows.OptInt(0, 3);
  c.kind = rows.Text(0, 4);
  c.title = rows.Text(0, 5);
  c.state = rows.Text(0, 6);
  c.rule_set = rows.Text(0, 7) + "@v" + std::to_string(rows.Int(0, 8));
  c.concluded_at = rows.Text(0, 9);
  KETNOI_ASSIGN_OR_RETURN(
      auto m, db_.Query("SELECT m.person_id, m.user_id, p.full_name, p.academic_title, p.degree, "
                        "m.seat, m.present FROM council_members m JOIN people p ON p.id = "
                        "m.person_id WHERE m.council_id = ? ORDER BY m.appointed_at, m.person_id",
                        {id}));
  for (size_t i = 0; i < m.size(); ++i) {
    CouncilMember cm;
    cm.person_id = m.Int(i, 0);
    cm.user_id = m.OptInt(i, 1);
    std::string prefix = m.Text(i, 3) + (m.Text(i, 3).empty() ? "" : " ") + m.Text(i, 4);
    cm.name = (prefix.empty() ? "" : prefix + " ") + m.Text(i, 2);
    cm.seat = m.Text(i, 5);
    cm.present = m.Int(i, 6) != 0;
    c.members.push_back(std::move(cm));
  }
  KETNOI_ASSIGN_OR_RETURN(auto cf, db_.Query("SELECT person_id, subject, reason, detail FROM "
                                             "council_conflicts WHERE council_id = ? ORDER BY "
                                             "person_id, subject",
                                             {id}));
  for (size_t i = 0; i < cf.size(); ++i)
    c.conflicts.push_back({cf.Int(i, 0), cf.Text(i, 1), cf.Text(i, 2), cf.Text(i, 3)});
  if (c.kind == "identification" && c.round_id) {
    KETNOI_ASSIGN_OR_RETURN(auto s,
                            db_.Query("SELECT id FROM proposals WHERE round_id = ? AND stage "
                                      "NOT IN ('submitted', 'screened_out') ORDER BY id",
                                      {*c.round_id}));
    for (size_t i = 0; i < s.size(); ++i) c.subjects.push_back(Subject("proposal", s.Int(i, 0)));
  } else if (c.call_id) {
    KETNOI_ASSIGN_OR_RETURN(auto s,
                            db_.Query("SELECT id FROM dossiers WHERE call_id = ? AND stage "
                                      "NOT IN ('draft', 'submitted', 'invalid') ORDER BY id",
                                      {*c.call_id}));
    for (size_t i = 0; i < s.size(); ++i) c.subjects.push_back(Subject("dossier", s.Int(i, 0)));
  }
  return c;
}

Result<std::vector<Council>> Workflow::ListCouncils() {
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query("SELECT id FROM councils ORDER BY id DESC"));
  std::vector<Council> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(rows.Int(i, 0)));
    out.push_back(std::move(c));
  }
  return out;
}

Result<MemberFacts> Workflow::FactsOf(int64_t person_id) {
  KETNOI_ASSIGN_OR_RETURN(registry::Person person, registry_.GetPerson(person_id));
  MemberFacts f;
  f.person_id = person_id;
  if (person.affiliation_id) f.organisation_ids.insert(*person.affiliation_id);
  // An account tied to an organisation counts as working there too.
  KETNOI_ASSIGN_OR_RETURN(auto users, db_.Query("SELECT organisation_id FROM users WHERE person_id "
                                                "= ? AND organisation_id IS NOT NULL",
                                                {person_id}));
  for (size_t i = 0; i < users.size(); ++i) f.organisation_ids.insert(users.Int(i, 0));
  KETNOI_ASSIGN_OR_RETURN(auto rel,
                          db_.Query("SELECT relative_id, kind FROM person_relations WHERE "
                                    "person_id = ? UNION ALL SELECT person_id, kind FROM "
                                    "person_relations WHERE relative_id = ?",
                                    {person_id, person_id}));
  for (size_t i = 0; i < rel.size(); ++i) {
    std::string kind = rel.Text(i, 1);
    f.relatives.push_back({rel.Int(i, 0), kind});
  }
  // Tasks the person was on (as PI or member), with everyone else on them.
  KETNOI_ASSIGN_OR_RETURN(
      auto tasks,
      db_.Query(
          "SELECT t.id, COALESCE(t.code, ''), COALESCE(t.end_date, t.start_date, '') FROM tasks t "
          "WHERE t.pi_id = ? OR t.id IN (SELECT task_id FROM task_members WHERE person_id = ?)",
          {person_id, person_id}));
  for (size_t i = 0; i < tasks.size(); ++i) {
    PastTask pt;
    pt.task_id = tasks.Int(i, 0);
    pt.code = tasks.Text(i, 1);
    std::string date = tasks.Text(i, 2);
    pt.last_year = date.size() >= 4 ? std::atoi(date.substr(0, 4).c_str()) : 0;
    KETNOI_ASSIGN_OR_RETURN(auto people,
                            db_.Query("SELECT person_id FROM task_members WHERE task_id "
                                      "= ? UNION SELECT pi_id FROM tasks WHERE id = ? "
                                      "AND pi_id IS NOT NULL",
                                      {pt.task_id, pt.task_id}));
    for (size_t k = 0; k < people.size(); ++k) pt.person_ids.insert(people.Int(k, 0));
    f.tasks.push_back(std::move(pt));
  }
  return f;
}

Result<DossierParties> Workflow::PartiesOf(const std::string& subject) {
  DossierParties parties;
  if (auto pid = SubjectId(subject, "proposal")) {
    KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(*pid));
    if (p.proposer_person) {
      parties.applicant_person_ids.insert(*p.proposer_person);
      parties.key_person_ids.insert(*p.proposer_person);
    }
    if (p.proposer_org) parties.organisation_ids.insert(*p.proposer_org);
    return parties;
  }
  auto did = SubjectId(subject, "dossier");
  if (!did)
    return Status::Invalid({"selection.bad_value", {{"field", "subject"}, {"value", subject}}});
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(*did));
  if (d.applicant_person) parties.applicant_person_ids.insert(*d.applicant_person);
  parties.organisation_ids.insert(d.host_id);
  for (const Party& p : d.parties) {
    if (p.organisation_id) parties.organisation_ids.insert(*p.organisation_id);
    if (p.person_id) parties.key_person_ids.insert(*p.person_id);
  }
  return parties;
}

Result<std::vector<ConflictRow>> Workflow::ConflictsWith(const RuleSet& rules,
                                                         const MemberFacts& member,
                                                         const std::string& subject) {
  KETNOI_ASSIGN_OR_RETURN(DossierParties parties, PartiesOf(subject));
  std::vector<ConflictRow> out;
  for (const Conflict& k : FindConflicts(member, parties, rules.conflict_relations,
                                         clock_.Today().year, rules.conflict_lookback_years)) {
    std::string detail;
    for (const auto& [key, value] : k.message.params)
      detail += (detail.empty() ? "" : "; ") + key + "=" + value;
    out.push_back({member.person_id, subject, k.reason, detail});
  }
  return out;
}

Status Workflow::RecheckMembers(int64_t council_id, const std::string& subject) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  if (c.state == "concluded") return Status::Ok();
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(c.rule_set_id));
  for (const CouncilMember& m : c.members) {
    KETNOI_ASSIGN_OR_RETURN(MemberFacts facts, FactsOf(m.person_id));
    KETNOI_ASSIGN_OR_RETURN(auto rows, ConflictsWith(rs.rules, facts, subject));
    for (const ConflictRow& r : rows) {
      KETNOI_ASSIGN_OR_RETURN(auto have, db_.Query("SELECT 1 FROM council_conflicts WHERE "
                                                   "council_id = ? AND person_id = ? AND subject "
                                                   "= ? AND reason = ?",
                                                   {council_id, r.person_id, r.subject, r.reason}));
      if (!have.empty()) continue;
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO council_conflicts (council_id, person_id, "
                   "subject, reason, detail, recorded_at) VALUES (?, ?, ?, ?, "
                   "?, ?)",
                   {council_id, r.person_id, r.subject, r.reason, r.detail, clock_.NowText()}));
    }
  }
  return Status::Ok();
}

Result<std::vector<ConflictRow>> Workflow::Appoint(int64_t council_id, int64_t person_id,
                                                   const std::string& seat,
                                                   const std::string& declaration,
                                                   const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  if (c.state != "forming")
    return Status::Conflict({"selection.council_not_forming", {{"state", c.state}}});
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(c.rule_set_id));
  if (std::none_of(rs.rules.seats.begin(), rs.rules.seats.end(),
                   [&](const Seat& s) { return s.role == seat; }))
    return Status::Invalid({"selection.bad_value", {{"field", "seat"}, {"value", seat}}});
  for (const CouncilMember& m : c.members)
    if (m.person_id == person_id)
      return Status::Conflict({"selection.already_member", {{"person", m.name}}});
  KETNOI_ASSIGN_OR_RETURN(MemberFacts facts, FactsOf(person_id));
  facts.declaration = Clean(declaration);
  std::vector<ConflictRow> found;
  std::set<std::string> conflicted_subjects;
  for (const std::string& subject : c.subjects) {
    KETNOI_ASSIGN_OR_RETURN(auto rows, ConflictsWith(rs.rules, facts, subject));
    for (auto& r : rows) {
      conflicted_subjects.insert(subject);
      found.push_back(std::move(r));
    }
  }
  KETNOI_ASSIGN_OR_RETURN(registry::Person person, registry_.GetPerson(person_id));
  // Conflicted with everything the council judges (or its only subject): not appointed at all.
  if (!c.subjects.empty() && conflicted_subjects.size() == c.subjects.size()) {
    std::string reasons;
    for (const auto& f : found) reasons += (reasons.empty() ? "" : ", ") + f.reason;
    KETNOI_RETURN_IF_ERROR(Audit("selection.council.refused", Subject("council", council_id),
                                 {{"person", std::to_string(person_id)}, {"reasons", reasons}},
                                 c.rule_set, false, by));
    return Status::Conflict(
        {"selection.conflicted_member", {{"person", person.DisplayName()}, {"reasons", reasons}}});
  }
  return store::InTransaction(db_, [&]() -> Result<std::vector<ConflictRow>> {
    KETNOI_ASSIGN_OR_RETURN(auto users, db_.Query("SELECT id FROM users WHERE person_id = ? ORDER "
                                                  "BY id LIMIT 1",
                                                  {person_id}));
    std::optional<int64_t> user_id;
    if (!users.empty()) user_id = users.Int(0, 0);
    std::string now = clock_.NowText();
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO council_members (council_id, person_id, user_id, "
                 "seat, appointed_by, appointed_at) VALUES (?, ?, ?, ?, ?, ?)",
                 {council_id, person_id, store::Opt(user_id), seat, by.user_id, now}));
    for (const ConflictRow& f : found)
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO council_conflicts (council_id, person_id, "
                   "subject, reason, detail, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {council_id, person_id, f.subject, f.reason, f.detail, now}));
    if (user_id) {
      std::string scope = "council:" + std::to_string(council_id);
      KETNOI_ASSIGN_OR_RETURN(auto have, db_.Query("SELECT 1 FROM user_roles WHERE user_id = ? AND "
                                                   "role = 'council_member' AND scope = ?",
                                                   {*user_id, scope}));
      if (have.empty())
        KETNOI_RETURN_IF_ERROR(
            db_.Exec("INSERT INTO user_roles (user_id, role, scope, granted_by, "
                     "granted_at) VALUES (?, 'council_member', ?, ?, ?)",
                     {*user_id, scope, by.user_id, now}));
    }
    KETNOI_RETURN_IF_ERROR(Audit("selection.council.appoint", Subject("council", council_id),
                                 {{"person", std::to_string(person_id)},
                                  {"seat", seat},
                                  {"conflicts", std::to_string(found.size())}},
                                 c.rule_set, true, by));
    return found;
  });
}

Status Workflow::SetPresent(int64_t council_id, int64_t person_id, bool present,
                            const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  if (c.state == "concluded")
    return Status::Conflict({"selection.council_not_sitting", {{"state", c.state}}});
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE council_members SET present = ? WHERE council_id = ? AND "
                 "person_id = ?",
                 {int64_t{present ? 1 : 0}, council_id, person_id}));
    return Audit("selection.council.presence", Subject("council", council_id),
                 {{"person", std::to_string(person_id)}, {"present", present ? "1" : "0"}},
                 c.rule_set, false, by);
  });
}

Status Workflow::StartSitting(int64_t council_id, const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(c.rule_set_id));
  int n = static_cast<int>(c.members.size());
  if (n < rs.rules.council_min || n > rs.rules.council_max)
    return Status::Invalid({"selection.council_size",
                            {{"count", std::to_string(n)},
                             {"min", std::to_string(rs.rules.council_min)},
                             {"max", std::to_string(rs.rules.council_max)}}});
  if (c.kind == "selection") {  // seats (chair, secretary, two reviewers…) matter for selection
    for (const Seat& s : rs.rules.seats) {
      int have =
          static_cast<int>(std::count_if(c.members.begin(), c.members.end(),
                                         [&](const CouncilMember& m) { return m.seat == s.role; }));
      if (have < s.min || have > s.max)
        return Status::Invalid({"selection.council_seat",
                                {{"seat", s.role},
                                 {"count", std::to_string(have)},
                                 {"min", std::to_string(s.min)},
                                 {"max", std::to_string(s.max)}}});
    }
  }
  return store::InTransaction(db_, [&]() -> Status {
    return Move("council", council_id, "forming", "sitting",
                std::to_string(n) + " members appointed", c.rule_set, by);
  });
}

std::optional<CouncilMember> Workflow::MemberOf(const Council& c, const auth::Principal& who) {
  if (!who.signed_in()) return std::nullopt;
  for (const CouncilMember& m : c.members)
    if ((m.user_id && *m.user_id == who.user_id) ||
        (who.person_id && *who.person_id == m.person_id))
      return m;
  return std::nullopt;
}

bool Workflow::Conflicted(const Council& c, int64_t person_id, const std::string& subject) {
  return std::any_of(c.conflicts.begin(), c.conflicts.end(), [&](const ConflictRow& r) {
    return r.person_id == person_id && r.subject == subject;
  });
}

bool Workflow::MaySeeInCouncil(const Council& c, const std::string& subject,
                               const auth::Principal& who) {
  if (who.SeesEverything()) return true;
  auto m = MemberOf(c, who);
  if (!m) return false;
  if (std::find(c.subjects.begin(), c.subjects.end(), subject) == c.subjects.end()) return false;
  return !Conflicted(c, m->person_id, subject);
}

Status Workflow::Declare(int64_t council_id, const std::string& subject, const std::string& text_in,
                         const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  auto m = MemberOf(c, by);
  if (!m) return DeniedBecause("member");
  std::string text = Clean(text_in);
  KETNOI_RETURN_IF_ERROR(Required(text, "declaration"));
  if (std::find(c.subjects.begin(), c.subjects.end(), subject) == c.subjects.end())
    return Status::NotFound({"selection.not_found", {{"what", "subject"}, {"id", subject}}});
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO council_conflicts (council_id, person_id, subject, "
                 "reason, detail, recorded_at) VALUES (?, ?, ?, 'declared', ?, ?)",
                 {council_id, m->person_id, subject, text, clock_.NowText()}));
    return Audit("selection.council.declare", Subject("council", council_id),
                 {{"person", std::to_string(m->person_id)}, {"subject", subject}}, c.rule_set,
                 false, by);
  });
}

namespace {
// The member a principal acts as on a sitting council, for a subject it may judge.
Result<CouncilMember> ActingMember(Workflow& wf, const Council& c, const std::string& subject,
                                   const auth::Principal& by) {
  auto m = wf.MemberOf(c, by);
  if (!m) return DeniedBecause("member");
  if (c.state != "sitting")
    return Status::Conflict({"selection.council_not_sitting", {{"state", c.state}}});
  // A conflicted member sees nothing of the subject: answer as if it did not exist.
  if (std::find(c.subjects.begin(), c.subjects.end(), subject) == c.subjects.end() ||
      wf.Conflicted(c, m->person_id, subject))
    return Status::NotFound({"selection.not_found", {{"what", "subject"}, {"id", subject}}});
  if (!m->present) return Status::Conflict({"selection.absent", {{"person", m->name}}});
  return *m;
}
}  // namespace

Status Workflow::Vote(int64_t council_id, int64_t proposal_id, bool approve,
                      const std::string& comment, const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  std::string subject = Subject("proposal", proposal_id);
  KETNOI_ASSIGN_OR_RETURN(CouncilMember m, ActingMember(*this, c, subject, by));
  if (c.kind != "identification")
    return Status::Invalid({"selection.wrong_council", {{"council", std::to_string(council_id)}}});
  KETNOI_ASSIGN_OR_RETURN(Proposal p, GetProposal(proposal_id));
  if (p.stage != "forwarded")  // decided proposals take no more votes
    return Status::Conflict({"selection.illegal_transition",
                             {{"what", "proposal"}, {"from", p.stage}, {"to", "vote"}}});
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_ASSIGN_OR_RETURN(auto have, db_.Query("SELECT 1 FROM votes WHERE council_id = ? AND "
                                                 "person_id = ? AND subject = ? AND vote IN "
                                                 "('approve', 'reject')",
                                                 {council_id, m.person_id, subject}));
    if (!have.empty()) return Status::Conflict({"selection.already_voted", {{"person", m.name}}});
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO votes (council_id, person_id, subject, vote, body, "
                 "at) VALUES (?, ?, ?, ?, ?, ?)",
                 {council_id, m.person_id, subject, std::string(approve ? "approve" : "reject"),
                  Clean(comment), clock_.NowText()}));
    return Audit("selection.council.vote", subject, {{"person", std::to_string(m.person_id)}},
                 c.rule_set, false, by);
  });
}

Result<Workflow::VoteCount> Workflow::CountVotes(int64_t council_id, const std::string& subject) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  VoteCount vc;
  for (const CouncilMember& m : c.members)
    if (m.present && !Conflicted(c, m.person_id, subject)) ++vc.present;
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query("SELECT v.vote, COUNT(*) FROM votes v JOIN "
                                               "council_members m ON m.council_id = v.council_id "
                                               "AND m.person_id = v.person_id AND m.present = 1 "
                                               "WHERE v.council_id = ? AND v.subject = ? GROUP BY "
                                               "v.vote",
                                               {council_id, subject}));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows.Text(i, 0) == "approve") vc.approve = static_cast<int>(rows.Int(i, 1));
    if (rows.Text(i, 0) == "reject") vc.reject = static_cast<int>(rows.Int(i, 1));
  }
  return vc;
}

Status Workflow::Score(int64_t council_id, int64_t dossier_id, const MemberSheet& sheet_in,
                       const std::string& comment, const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  std::string subject = Subject("dossier", dossier_id);
  KETNOI_ASSIGN_OR_RETURN(CouncilMember m, ActingMember(*this, c, subject, by));
  if (c.kind != "selection")
    return Status::Invalid({"selection.wrong_council", {{"council", std::to_string(council_id)}}});
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(c.rule_set_id));
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(dossier_id));
  if (d.stage != "valid")  // ranked dossiers take no more sheets
    return Status::Conflict({"selection.illegal_transition",
                             {{"what", "dossier"}, {"from", d.stage}, {"to", "score"}}});
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(d.call_id));
  std::string kind = call.TopicKind(d.topic_id);
  const ScoreSheet* sheet = rs.rules.SheetFor(kind);
  if (!sheet) return Status::Invalid({"selection.no_sheet", {{"kind", kind}}});
  MemberSheet s = sheet_in;
  s.member_id = m.person_id;
  KETNOI_RETURN_IF_ERROR(CheckSheet(*sheet, s));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_ASSIGN_OR_RETURN(auto have, db_.Query("SELECT 1 FROM scores WHERE council_id = ? AND "
                                                 "person_id = ? AND subject = ?",
                                                 {council_id, m.person_id, subject}));
    // Raw scores are never changed: a second sheet from the same member is refused.
    if (!have.empty()) return Status::Conflict({"selection.already_scored", {{"person", m.name}}});
    std::string now = clock_.NowText();
    for (const Criterion& cr : sheet->criteria)
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "INSERT INTO scores (council_id, person_id, subject, criterion, points, comment, "
          "rule_set, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {council_id, m.person_id, subject, cr.id, int64_t{s.points.at(cr.id)},
           cr.id == sheet->criteria.front().id ? Clean(comment) : std::string(), c.rule_set, now}));
    return Audit("selection.council.score", subject,
                 {{"person", std::to_string(m.person_id)}, {"total", std::to_string(s.Total())}},
                 c.rule_set, false, by);
  });
}

Status Workflow::Review(int64_t council_id, int64_t dossier_id, const std::string& body,
                        const auth::Principal& by) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  std::string subject = Subject("dossier", dossier_id);
  KETNOI_ASSIGN_OR_RETURN(CouncilMember m, ActingMember(*this, c, subject, by));
  if (m.seat != "reviewer") return DeniedBecause("reviewer");
  std::string text = Clean(body);
  KETNOI_RETURN_IF_ERROR(Required(text, "review"));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_ASSIGN_OR_RETURN(auto have,
                            db_.Query("SELECT 1 FROM votes WHERE council_id = ? AND "
                                      "person_id = ? AND subject = ? AND vote = 'review'",
                                      {council_id, m.person_id, subject}));
    if (!have.empty()) return Status::Conflict({"selection.already_scored", {{"person", m.name}}});
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO votes (council_id, person_id, subject, vote, body, "
                 "at) VALUES (?, ?, ?, 'review', ?, ?)",
                 {council_id, m.person_id, subject, text, clock_.NowText()}));
    return Audit("selection.council.review", subject, {{"person", std::to_string(m.person_id)}},
                 c.rule_set, false, by);
  });
}

Result<std::vector<MemberSheet>> Workflow::Sheets(int64_t council_id, const std::string& subject) {
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  KETNOI_ASSIGN_OR_RETURN(auto rows, db_.Query("SELECT s.person_id, s.criterion, s.points FROM "
                                               "scores s JOIN council_members m ON m.council_id = "
                                               "s.council_id AND m.person_id = s.person_id AND "
                                               "m.present = 1 WHERE s.council_id = ? AND s.subject "
                                               "= ? ORDER BY s.person_id",
                                               {council_id, subject}));
  std::map<int64_t, MemberSheet> by_member;
  for (size_t i = 0; i < rows.size(); ++i) {
    int64_t person = rows.Int(i, 0);
    if (Conflicted(c, person, subject)) continue;  // a late declaration voids the sheet
    by_member[person].member_id = person;
    by_member[person].points[rows.Text(i, 1)] = static_cast<int>(rows.Int(i, 2));
  }
  std::vector<MemberSheet> out;
  for (auto& [_, s] : by_member) out.push_back(std::move(s));
  return out;
}

Result<std::vector<ResultRow>> Workflow::Conclude(int64_t council_id, const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Council c, GetCouncil(council_id));
  if (c.kind != "selection" || c.state != "sitting")
    return Status::Conflict({"selection.council_not_sitting", {{"state", c.state}}});
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(c.rule_set_id));
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(*c.call_id));
  std::vector<RankInput> inputs;
  std::map<int64_t, DossierScore> scores;
  for (const std::string& subject : c.subjects) {
    int64_t did = *SubjectId(subject, "dossier");
    KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(did));
    if (d.stage != "valid") continue;
    std::string kind = call.TopicKind(d.topic_id);
    const ScoreSheet* sheet = rs.rules.SheetFor(kind);
    if (!sheet) return Status::Invalid({"selection.no_sheet", {{"kind", kind}}});
    KETNOI_ASSIGN_OR_RETURN(auto sheets, Sheets(council_id, subject));
    if (sheets.empty()) return Status::Conflict({"selection.no_scores", {{"title", d.title}}});
    RankInput in;
    in.score = Evaluate(rs.rules, *sheet, did, sheets);
    in.requested_dong = d.approved_dong.value_or(d.requested_dong);
    in.topic = std::to_string(d.topic_id);
    in.submitted_at = d.submitted_at;
    scores[did] = in.score;
    inputs.push_back(std::move(in));
  }
  std::vector<Ranked> ranked = RankAndCut(rs.rules, inputs, call.budget_line_dong);
  return store::InTransaction(db_, [&]() -> Result<std::vector<ResultRow>> {
    std::string now = clock_.NowText();
    for (const Ranked& r : ranked) {
      const DossierScore& s = scores.at(r.dossier_id);
      std::string detail;
      for (const auto& [crit, avg] : s.criterion_average) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s=%.2f/%d", crit.c_str(), avg,
                      s.zeros.count(crit) ? s.zeros.at(crit) : 0);
        detail += (detail.empty() ? "" : " ") + std::string(buf);
      }
      KETNOI_RETURN_IF_ERROR(db_.Exec(
          "INSERT INTO council_results (council_id, subject, present, first_average, set_aside, "
          "average, passed, fail_reason, rank, outcome, tie_break, detail, rule_set, decided_by, "
          "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {council_id, Subject("dossier", r.dossier_id), int64_t{s.present}, s.first_average,
           static_cast<int64_t>(s.set_aside.size()), s.average, int64_t{s.passed ? 1 : 0},
           s.fail.id, int64_t{r.rank}, r.outcome, r.tie_break, detail, c.rule_set, by.user_id,
           now}));
      char basis[96];
      std::snprintf(basis, sizeof basis, "average %.2f, rank %d", s.average, r.rank);
      KETNOI_RETURN_IF_ERROR(
          Move("dossier", r.dossier_id, "valid", r.outcome, basis, c.rule_set, by));
    }
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE councils SET concluded_at = ? WHERE id = ?", {now, council_id}));
    KETNOI_RETURN_IF_ERROR(Move("council", council_id, "sitting", "concluded",
                                std::to_string(ranked.size()) + " dossiers ranked", c.rule_set,
                                by));
    KETNOI_RETURN_IF_ERROR(
        Move("call", call.id, "opened", "decided", "council " + c.title, c.rule_set, by));
    return Results(council_id);
  });
}

Result<std::vector<ResultRow>> Workflow::Results(int64_t council_id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows, db_.Query("SELECT subject, present, set_aside, rank, first_average, average, "
                           "passed, fail_reason, outcome, tie_break, detail, rule_set, decided_at "
                           "FROM council_results WHERE council_id = ? ORDER BY passed DESC, rank, "
                           "average DESC, subject",
                           {council_id}));
  std::vector<ResultRow> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    ResultRow r;
    r.subject = rows.Text(i, 0);
    r.present = static_cast<int>(rows.Int(i, 1));
    r.set_aside = static_cast<int>(rows.Int(i, 2));
    r.rank = static_cast<int>(rows.Int(i, 3));
    r.first_average = rows.Real(i, 4);
    r.average = rows.Real(i, 5);
    r.passed = rows.Int(i, 6) != 0;
    r.fail_reason = rows.Text(i, 7);
    r.outcome = rows.Text(i, 8);
    r.tie_break = rows.Text(i, 9);
    r.detail = rows.Text(i, 10);
    r.rule_set = rows.Text(i, 11);
    r.decided_at = rows.Text(i, 12);
    out.push_back(std::move(r));
  }
  return out;
}

Status Workflow::Appraise(int64_t dossier_id, int64_t approved_dong, const std::string& reason_in,
                          const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(dossier_id));
  if (d.stage != "selected")
    return Status::Conflict({"selection.illegal_transition",
                             {{"what", "dossier"}, {"from", d.stage}, {"to", "appraised"}}});
  std::string reason = Clean(reason_in);
  KETNOI_RETURN_IF_ERROR(Required(reason, "reason"));
  if (approved_dong <= 0 || approved_dong > d.requested_dong)
    return Status::Invalid({"selection.appraisal_range",
                            {{"value", std::to_string(approved_dong)},
                             {"requested", std::to_string(d.requested_dong)}}});
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(d.call_id));
  return store::InTransaction(db_, [&]() -> Status {
    std::string now = clock_.NowText();
    KETNOI_RETURN_IF_ERROR(db_.Exec(
        "INSERT INTO appraisals (dossier_id, requested_dong, "
        "approved_dong, reason, rule_set, by_user, at) VALUES (?, ?, ?, "
        "?, ?, ?, ?)",
        {dossier_id, d.requested_dong, approved_dong, reason, call.rule_set, by.user_id, now}));
    KETNOI_RETURN_IF_ERROR(
        db_.Exec("UPDATE dossiers SET approved_dong = ?, updated_at = ? WHERE id = ?",
                 {approved_dong, now, dossier_id}));
    return Audit("selection.dossier.appraised", Subject("dossier", dossier_id),
                 {{"requested", std::to_string(d.requested_dong)},
                  {"approved", std::to_string(approved_dong)},
                  {"reason", reason}},
                 call.rule_set, true, by);
  });
}

Status Workflow::Approve(int64_t dossier_id, const auth::Principal& by) {
  if (!by.Has("leader") && !by.Has("admin")) return DeniedBecause("leader");
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(dossier_id));
  if (!d.approved_dong) return Status::Conflict({"selection.not_appraised", {{"title", d.title}}});
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(d.call_id));
  return store::InTransaction(db_, [&]() -> Status {
    KETNOI_RETURN_IF_ERROR(Move("dossier", dossier_id, "selected", "approved",
                                "approved budget " + FormatVnd(Money{*d.approved_dong}),
                                call.rule_set, by));
    // The registry task now names its host, PI and approved budget.
    for (const Topic& t : call.topics) {
      if (t.id != d.topic_id || !t.task_id) continue;
      KETNOI_ASSIGN_OR_RETURN(registry::Task task, registry_.GetTask(*t.task_id));
      task.host_id = d.host_id;
      task.members.clear();
      for (const Party& p : d.parties) {
        if (!p.person_id) continue;
        if (p.role == "pi")
          task.pi_id = p.person_id;
        else if (p.role == "secretary" || p.role == "key_member")
          task.members.push_back({*p.person_id, p.role});
      }
      task.budget_state = Money{*d.approved_dong};
      KETNOI_RETURN_IF_ERROR(registry_.Upsert(task).status());
    }
    return Status::Ok();
  });
}

Result<int64_t> Workflow::SignContract(int64_t dossier_id, const ContractInput& in_raw,
                                       const auth::Principal& by) {
  if (!Staff(by)) return DeniedBecause("staff");
  KETNOI_ASSIGN_OR_RETURN(Dossier d, GetDossier(dossier_id));
  if (d.stage != "approved")
    return Status::Conflict({"selection.illegal_transition",
                             {{"what", "dossier"}, {"from", d.stage}, {"to", "contracted"}}});
  ContractInput in = in_raw;
  in.number = Clean(in.number);
  KETNOI_RETURN_IF_ERROR(Required(in.number, "number"));
  auto start = ParseDate(in.start), end = ParseDate(in.end);
  if (!start)
    return Status::Invalid({"selection.bad_date", {{"field", "start"}, {"value", in.start}}});
  if (!end || *end < *start)
    return Status::Invalid({"selection.bad_date", {{"field", "end"}, {"value", in.end}}});
  int64_t total = 0;
  for (const auto& [year, dong] : in.budget) {
    if (year < start->year || year > end->year || dong < 0)
      return Status::Invalid(
          {"selection.bad_number", {{"field", "budget"}, {"value", std::to_string(year)}}});
    total += dong;
  }
  if (total != d.approved_dong.value_or(0))
    return Status::Invalid({"selection.budget_mismatch",
                            {{"total", FormatVnd(Money{total})},
                             {"approved", FormatVnd(Money{d.approved_dong.value_or(0)})}}});
  for (const auto& [due, what] : in.milestones) {
    auto dd = ParseDate(due);
    if (!dd || *dd < *start || *end < *dd)
      return Status::Invalid({"selection.bad_date", {{"field", "milestones"}, {"value", due}}});
  }
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(d.call_id));
  std::optional<int64_t> task_id, pi_id;
  for (const Topic& t : call.topics)
    if (t.id == d.topic_id) task_id = t.task_id;
  for (const Party& p : d.parties)
    if (p.role == "pi") pi_id = p.person_id;
  if (!task_id) return Status::Internal({"selection.no_task", {{"title", d.title}}});
  return store::InTransaction(db_, [&]() -> Result<int64_t> {
    std::string now = clock_.NowText();
    KETNOI_ASSIGN_OR_RETURN(
        int64_t id,
        db_.InsertReturningId(
            "INSERT INTO contracts (dossier_id, task_id, number, orderer, host_id, "
            "pi_id, total_dong, start_date, end_date, rule_set, signed_by, "
            "signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {dossier_id, *task_id, in.number, std::string("Sở Khoa học và Công nghệ Hà Nội"),
             d.host_id, store::Opt(pi_id), total, start->Iso(), end->Iso(), call.rule_set,
             by.user_id, now}));
    for (const auto& [year, dong] : in.budget)
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO contract_lines (contract_id, kind, year, dong) "
                   "VALUES (?, 'budget', ?, ?)",
                   {id, int64_t{year}, dong}));
    for (const auto& [due, what] : in.milestones)
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO contract_lines (contract_id, kind, due, body) "
                   "VALUES (?, 'milestone', ?, ?)",
                   {id, ParseDate(due)->Iso(), Clean(what)}));
    for (const auto& p : in.products)
      KETNOI_RETURN_IF_ERROR(
          db_.Exec("INSERT INTO contract_lines (contract_id, kind, body) VALUES "
                   "(?, 'product', ?)",
                   {id, Clean(p)}));
    KETNOI_RETURN_IF_ERROR(Move("dossier", dossier_id, "approved", "contracted",
                                "contract " + in.number, call.rule_set, by));
    KETNOI_ASSIGN_OR_RETURN(registry::Task task, registry_.GetTask(*task_id));
    std::string from = task.status;
    task.status = "in_progress";
    task.start = start;
    task.end = end;
    KETNOI_RETURN_IF_ERROR(registry_.Upsert(task).status());
    KETNOI_RETURN_IF_ERROR(
        Move("task", *task_id, from, "in_progress", "contract " + in.number, call.rule_set, by));
    return id;
  });
}

Result<std::optional<Contract>> Workflow::ContractOf(int64_t dossier_id) {
  KETNOI_ASSIGN_OR_RETURN(
      auto rows, db_.Query("SELECT id, task_id, host_id, total_dong, pi_id, number, orderer, "
                           "start_date, end_date, rule_set, signed_at FROM contracts WHERE "
                           "dossier_id = ?",
                           {dossier_id}));
  if (rows.empty()) return std::optional<Contract>();
  Contract c;
  c.id = rows.Int(0, 0);
  c.dossier_id = dossier_id;
  c.task_id = rows.Int(0, 1);
  c.host_id = rows.Int(0, 2);
  c.total_dong = rows.Int(0, 3);
  c.pi_id = rows.OptInt(0, 4);
  c.number = rows.Text(0, 5);
  c.orderer = rows.Text(0, 6);
  c.start_date = rows.Text(0, 7);
  c.end_date = rows.Text(0, 8);
  c.rule_set = rows.Text(0, 9);
  c.signed_at = rows.Text(0, 10);
  KETNOI_ASSIGN_OR_RETURN(auto lines, db_.Query("SELECT kind, year, dong, due, body FROM "
                                                "contract_lines WHERE contract_id = ? ORDER BY "
                                                "kind, year, due, body",
                                                {c.id}));
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string kind = lines.Text(i, 0);
    if (kind == "budget")
      c.budget.emplace_back(static_cast<int>(lines.Int(i, 1)), lines.Int(i, 2));
    else if (kind == "milestone")
      c.milestones.emplace_back(lines.Text(i, 3), lines.Text(i, 4));
    else
      c.products.push_back(lines.Text(i, 4));
  }
  return std::optional<Contract>(std::move(c));
}

namespace {
// Folded syllables of a title, without the words every title uses (for the expertise match).
std::vector<std::string> TitleWords(const std::string& title) {
  static const std::set<std::string> kCommon = {
      "nghien", "cuu", "ung", "dung", "giai",  "phap", "tren", "dia", "ban",
      "thanh",  "pho", "ha",  "noi",  "xay",   "dung", "va",   "cho", "cua",
      "tai",    "cac", "mot", "so",   "trong", "phat", "trien"};
  std::vector<std::string> out;
  for (const auto& t : text::Tokenize(title))
    if (!kCommon.count(t.folded)) out.push_back(t.folded);
  return out;
}
}  // namespace

Result<std::vector<Workflow::Suggestion>> Workflow::SuggestReviewers(int64_t call_id,
                                                                     int per_dossier, int load) {
  KETNOI_ASSIGN_OR_RETURN(Call call, GetCall(call_id));
  KETNOI_ASSIGN_OR_RETURN(StoredRuleSet rs, GetRuleSet(call.rule_set_id));
  KETNOI_ASSIGN_OR_RETURN(auto dossiers, ListDossiers(call_id));
  std::vector<Dossier> valid;
  for (auto& d : dossiers)
    if (d.stage == "valid") valid.push_back(std::move(d));
  KETNOI_ASSIGN_OR_RETURN(
      auto experts, db_.Query("SELECT DISTINCT u.person_id FROM users u JOIN user_roles r ON "
                              "r.user_id = u.id WHERE r.role = 'expert' AND u.status = 'active' "
                              "AND u.person_id IS NOT NULL ORDER BY u.person_id"));
  std::vector<int64_t> expert_ids;
  std::vector<ExpertProfile> profiles;
  std::vector<MemberFacts> facts;
  for (size_t i = 0; i < experts.size(); ++i) {
    int64_t pid = experts.Int(i, 0);
    KETNOI_ASSIGN_OR_RETURN(registry::Person person, registry_.GetPerson(pid));
    KETNOI_ASSIGN_OR_RETURN(MemberFacts f, FactsOf(pid));
    ExpertProfile ep;
    ep.id = pid;
    ep.field_codes = person.field_codes;
    for (const PastTask& t : f.tasks) {
      auto task = registry_.GetTask(t.task_id);
      if (!task.ok()) continue;
      if (!task->field_code.empty()) ep.past_field_codes.push_back(task->field_code);
      for (auto& w : TitleWords(task->title)) ep.keywords.push_back(std::move(w));
    }
    expert_ids.push_back(pid);
    profiles.push_back(std::move(ep));
    facts.push_back(std::move(f));
  }
  AssignmentProblem problem;
  problem.dossiers = static_cast<int>(valid.size());
  problem.experts = static_cast<int>(expert_ids.size());
  problem.capacity.assign(expert_ids.size(), std::max(1, load));
  int year = clock_.Today().year;
  for (size_t d = 0; d < valid.size(); ++d) {
    DossierProfile dp;
    dp.id = valid[d].id;
    for (const Topic& t : call.topics)
      if (t.id == valid[d].topic_id) dp.field_code = t.field_code;
    dp.keywords = TitleWords(valid[d].title);
    KETNOI_ASSIGN_OR_RETURN(DossierParties parties, PartiesOf(Subject("dossier", valid[d].id)));
    std::vector<double> row;
    for (size_t e = 0; e < profiles.size(); ++e) {
      row.push_back(ExpertiseAffinity(profiles[e], dp));
      if (!FindConflicts(facts[e], parties, rs.rules.conflict_relations, year,
                         rs.rules.conflict_lookback_years)
               .empty())
        problem.conflicts.insert({static_cast<int>(d), static_cast<int>(e)});
    }
    problem.affinity.push_back(std::move(row));
    problem.reviewers_needed.push_back(std::max(1, per_dossier));
  }
  KETNOI_ASSIGN_OR_RETURN(Assignment a, Assign(problem));
  std::vector<Suggestion> out;
  for (size_t d = 0; d < valid.size(); ++d) {
    Suggestion s;
    s.dossier_id = valid[d].id;
    s.dossier_title = valid[d].title;
    for (int e : a.experts_of[d]) s.experts.emplace_back(expert_ids[e], problem.affinity[d][e]);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ketnoi::selection
