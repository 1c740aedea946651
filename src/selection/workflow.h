#pragma once
// The selection workflow on the store (DOMAIN.md §2–§3): ordering rounds and proposals (with
// the duplicate check run on submission), program-board screening, identification councils and
// their votes, the published approved list, calls (selection, direct assignment, grant) with
// dossiers submitted before the deadline only, the public opening, selection councils formed with
// conflict checks, raw scores, the council's conclusion under the rule set, budget appraisal,
// approval and the contract. Every state change goes through one transition table (illegal ones
// are refused with a reason) and is written, with who, when, basis and rule-set version, to the
// `transitions` table and the audit chain in the same transaction.
//
// Who may do what is checked here, not only by the route: board members act on their own
// program, council members only on subjects they have no conflict with, applicants on their own
// proposals and dossiers.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "core/clock.h"
#include "registry/repo.h"
#include "selection/assign.h"
#include "selection/rules.h"
#include "selection/scoring.h"

namespace ketnoi::search {
class Searcher;
}

namespace ketnoi::selection {

struct StoredRuleSet {
  int64_t id = 0;
  RuleSet rules;
  bool frozen = false;
  std::string created_at;
};

struct Round {
  int64_t id = 0, program_id = 0, rule_set_id = 0;
  std::string title, closes_at, state, published_at, rule_set;  // rule_set: "tt08-2017@v1"
  int year = 0;
};

struct DupMatch {
  int64_t id = 0;
  std::string code, title, band;
  double score = 0;
};

struct Proposal {
  int64_t id = 0, round_id = 0, proposer_user = 0, program_id = 0;
  std::optional<int64_t> proposer_person, proposer_org, assigned_org, task_id;
  std::string title, kind, field_code, urgency, objectives, content, products;
  int64_t budget_dong = 0;
  std::string stage, method, final_title, final_objectives, final_products, decision_reason;
  std::string dupcheck_rules, dupcheck_top_band, applicant_answer, submitted_at;
  std::vector<DupMatch> dupcheck;
};

struct Comment {
  std::string author, kind, body, at;
};

struct Transition {
  std::string subject, from, to, actor, basis, rule_set, at;
};

struct Topic {
  int64_t id = 0, call_id = 0;
  std::optional<int64_t> proposal_id, task_id, assigned_org;
  std::string title, kind, field_code;
};

struct Call {
  int64_t id = 0, rule_set_id = 0;
  std::optional<int64_t> program_id;
  std::string kind, title, deadline, state, opened_at, rule_set;
  int64_t budget_line_dong = 0;
  std::vector<Topic> topics;
  // The task kind of a topic (which score sheet applies); "de_tai" when unknown.
  std::string TopicKind(int64_t topic_id) const {
    for (const Topic& t : topics)
      if (t.id == topic_id) return t.kind;
    return "de_tai";
  }
};

struct DossierItem {
  std::string item;
  int64_t file_id = 0;
  std::string file_name;
  std::optional<bool> valid;
  std::string note;
};

struct Party {
  std::string role;  // pi, secretary, key_member, coordinator
  std::optional<int64_t> person_id, organisation_id;
};

struct Dossier {
  int64_t id = 0, call_id = 0, topic_id = 0, applicant_user = 0, host_id = 0;
  std::optional<int64_t> applicant_person, approved_dong;
  std::string title, stage, receipt, submitted_at;
  int64_t requested_dong = 0;
  std::vector<Party> parties;
  std::vector<DossierItem> items;
};

struct CouncilMember {
  int64_t person_id = 0;
  std::optional<int64_t> user_id;
  std::string name, seat;
  bool present = true;
};

struct ConflictRow {
  int64_t person_id = 0;
  std::string subject, reason, detail;
};

struct Council {
  int64_t id = 0, rule_set_id = 0;
  std::optional<int64_t> round_id, call_id;
  std::string kind, title, state, rule_set, concluded_at;
  std::vector<CouncilMember> members;
  std::vector<ConflictRow> conflicts;
  std::vector<std::string> subjects;  // "proposal:12" / "dossier:3" the council judges
};

struct ResultRow {
  std::string subject;
  int present = 0, set_aside = 0, rank = 0;
  double first_average = 0, average = 0;
  bool passed = false;
  std::string fail_reason, outcome, tie_break, detail, rule_set, decided_at;
};

struct ContractInput {
  std::string number;
  std::string start, end;                       // dates
  std::vector<std::pair<int, int64_t>> budget;  // year → đồng; must add up to the approved budget
  std::vector<std::pair<std::string, std::string>> milestones;  // due date → what
  std::vector<std::string> products;
};

struct Contract {
  int64_t id = 0, dossier_id = 0, task_id = 0, host_id = 0, total_dong = 0;
  std::optional<int64_t> pi_id;
  std::string number, orderer, start_date, end_date, rule_set, signed_at;
  std::vector<std::pair<int, int64_t>> budget;
  std::vector<std::pair<std::string, std::string>> milestones;
  std::vector<std::string> products;
};

// The stages a subject may be in and the legal moves between them.
bool LegalTransition(std::string_view kind, std::string_view from, std::string_view to);

class Workflow {
 public:
  Workflow(store::Db& db, registry::Registry& registry, const Clock& clock)
      : db_(db), registry_(registry), clock_(clock) {}

  // Rule sets. Seed inserts the shipped ones that are missing (idempotent).
  Status SeedRuleSets();
  Result<std::vector<StoredRuleSet>> ListRuleSets();
  Result<StoredRuleSet> GetRuleSet(int64_t id);
  // Saves an edited rule set: a new version when its newest version is frozen (or is a different
  // body), never an edit of a frozen one. Returns the stored version.
  Result<StoredRuleSet> SaveRuleSet(const RuleSet& edited, const auth::Principal& by);

  // Ordering rounds and proposals.
  Result<int64_t> OpenRound(int64_t program_id, const std::string& title, int year,
                            int64_t rule_set_id, const std::string& closes_on,
                            const auth::Principal& by);
  Result<Round> GetRound(int64_t id);
  Result<std::vector<Round>> ListRounds();
  struct ProposalInput {
    int64_t round_id = 0;
    std::string title, kind = "de_tai", field_code, urgency, objectives, content, products;
    int64_t budget_dong = 0;
  };
  // Submits a proposal and runs the duplicate check against the index (when given).
  Result<int64_t> SubmitProposal(const ProposalInput& in, const auth::Principal& by,
                                 const search::Searcher* searcher);
  Result<Proposal> GetProposal(int64_t id);
  Result<std::vector<Proposal>> ListProposals(int64_t round_id);
  // May `who` see this proposal (proposer, program board, staff, non-conflicted council member)?
  bool CanSeeProposal(const Proposal& p, const auth::Principal& who);
  Status AnswerDupcheck(int64_t proposal_id, const std::string& answer, const auth::Principal& by);
  Status AddComment(int64_t proposal_id, const std::string& body, const auth::Principal& by);
  Result<std::vector<Comment>> Comments(int64_t proposal_id);
  // Program board screening: forward to the identification council, or screen out with a reason.
  Status Screen(int64_t proposal_id, bool forward, const std::string& reason,
                const auth::Principal& by);
  struct Identification {
    bool approve = false;
    std::string reason, method;  // method: selection | direct
    std::optional<int64_t> assigned_org;
    std::string final_title, final_objectives, final_products;
  };
  // The identification council's conclusion, recorded by staff; an approval needs a majority
  // of the members present voting to approve, a rejection a majority not approving.
  Status Identify(int64_t council_id, int64_t proposal_id, const Identification& in,
                  const auth::Principal& by);
  // Publishes the approved list: each approved proposal becomes a registry task ("approved").
  Status PublishRound(int64_t round_id, const auth::Principal& by);

  // Calls and dossiers.
  struct CallInput {
    std::string kind = "selection", title;
    std::optional<int64_t> program_id;
    int64_t rule_set_id = 0;
    std::string deadline_on;  // the last day (Vietnam time) dossiers are accepted
    int64_t budget_line_dong = 0;
    std::vector<int64_t> proposal_ids;  // listed proposals offered as topics
  };
  Result<int64_t> OpenCall(const CallInput& in, const auth::Principal& by);
  Result<Call> GetCall(int64_t id);
  Result<std::vector<Call>> ListCalls();
  struct DossierInput {
    int64_t call_id = 0, topic_id = 0, host_id = 0;
    std::string title;
    int64_t requested_dong = 0;
    std::vector<Party> parties;
  };
  Result<int64_t> CreateDossier(const DossierInput& in, const auth::Principal& by);
  Result<Dossier> GetDossier(int64_t id);
  Result<std::vector<Dossier>> ListDossiers(int64_t call_id);
  bool CanSeeDossier(const Dossier& d, const auth::Principal& who);
  Status AttachItem(int64_t dossier_id, const std::string& item, int64_t file_id,
                    const auth::Principal& by);
  // The items each call kind requires (the checklist).
  static std::vector<std::string> RequiredItems(std::string_view call_kind);
  // Submits before the deadline only, with every required item; returns the receipt number.
  Result<std::string> SubmitDossier(int64_t dossier_id, const auth::Principal& by);
  // The public opening after the deadline: each item of each submitted dossier marked valid or
  // not (key "dossier_id:item" → valid); a dossier is valid when all its items are.
  Status OpenDossiers(int64_t call_id, const std::map<std::string, bool>& validity,
                      const auth::Principal& by);

  // Family relations the conflict check uses: a person declares their own (staff may record
  // anyone's). Kinds: spouse, parent, child, sibling. Both directions count.
  Status DeclareRelative(int64_t person_id, int64_t relative_id, const std::string& kind,
                         const auth::Principal& by);
  Result<std::vector<Relative>> RelativesOf(int64_t person_id);

  // Councils.
  Result<int64_t> FormCouncil(const std::string& kind, int64_t round_or_call_id,
                              const std::string& title, const auth::Principal& by);
  Result<Council> GetCouncil(int64_t id);
  Result<std::vector<Council>> ListCouncils();
  // What the system knows for the conflict check.
  Result<MemberFacts> FactsOf(int64_t person_id);
  Result<DossierParties> PartiesOf(const std::string& subject);
  // Appoints a person to a seat after checking conflicts against every subject of the council.
  // Refused (kConflict "selection.conflicted_member") when the member conflicts with every
  // subject (or the only one); otherwise the conflicts are recorded and the member sees nothing
  // of those subjects. Grants the member's user the role council_member for this council.
  Result<std::vector<ConflictRow>> Appoint(int64_t council_id, int64_t person_id,
                                           const std::string& seat, const std::string& declaration,
                                           const auth::Principal& by);
  Status SetPresent(int64_t council_id, int64_t person_id, bool present, const auth::Principal& by);
  // Starts the sitting: the council's size and seats must fit the rule set.
  Status StartSitting(int64_t council_id, const auth::Principal& by);
  // A member's own declaration of a conflict with one subject.
  Status Declare(int64_t council_id, const std::string& subject, const std::string& text,
                 const auth::Principal& by);
  // The member (a person) a principal sits as on a council, when any.
  std::optional<CouncilMember> MemberOf(const Council& c, const auth::Principal& who);
  bool Conflicted(const Council& c, int64_t person_id, const std::string& subject);
  // May `who` see the subject within this council (staff; a member without conflict)?
  bool MaySeeInCouncil(const Council& c, const std::string& subject, const auth::Principal& who);
  Status Vote(int64_t council_id, int64_t proposal_id, bool approve, const std::string& comment,
              const auth::Principal& by);
  Status Score(int64_t council_id, int64_t dossier_id, const MemberSheet& sheet,
               const std::string& comment, const auth::Principal& by);
  Status Review(int64_t council_id, int64_t dossier_id, const std::string& body,
                const auth::Principal& by);
  struct VoteCount {
    int approve = 0, reject = 0, present = 0;
  };
  Result<VoteCount> CountVotes(int64_t council_id, const std::string& subject);
  // Raw sheets of a subject (members present, not conflicted).
  Result<std::vector<MemberSheet>> Sheets(int64_t council_id, const std::string& subject);
  // The selection council's conclusion: every valid dossier evaluated, ranked and cut under the
  // council's rule set; stored and the dossiers moved to selected / reserve / not_passed.
  Result<std::vector<ResultRow>> Conclude(int64_t council_id, const auth::Principal& by);
  Result<std::vector<ResultRow>> Results(int64_t council_id);

  // After the council.
  Status Appraise(int64_t dossier_id, int64_t approved_dong, const std::string& reason,
                  const auth::Principal& by);
  Status Approve(int64_t dossier_id, const auth::Principal& by);
  Result<int64_t> SignContract(int64_t dossier_id, const ContractInput& in,
                               const auth::Principal& by);
  Result<std::optional<Contract>> ContractOf(int64_t dossier_id);

  Result<std::vector<Transition>> History(const std::string& subject);
  // The councils of a round (identification) or of a call (selection), oldest first.
  Result<std::vector<int64_t>> CouncilIds(std::string_view kind, int64_t round_or_call_id);
  // A registry task's whole lifecycle: its proposal, its dossiers and the task itself, in order.
  Result<std::vector<Transition>> TaskHistory(int64_t task_id);

  // Reviewer suggestions for a call's valid dossiers: experts from the directory (people whose
  // account holds the expert role), matched by expertise (fields, title words, past tasks), at
  // most `load` dossiers each, never a conflicted pair, as the exact optimum of Assign(). Staff
  // appoint from it and may choose otherwise.
  struct Suggestion {
    int64_t dossier_id = 0;
    std::string dossier_title;
    std::vector<std::pair<int64_t, double>> experts;  // person id, affinity
  };
  Result<std::vector<Suggestion>> SuggestReviewers(int64_t call_id, int per_dossier, int load);

 private:
  Status Move(const std::string& kind, int64_t id, const std::string& from, const std::string& to,
              const std::string& basis, const std::string& rule_set, const auth::Principal& by);
  Status RecordTransition(const std::string& subject, const std::string& from,
                          const std::string& to, const std::string& basis,
                          const std::string& rule_set, const auth::Principal& by);
  Result<std::vector<Transition>> ReadTransitions(std::string_view where,
                                                  const store::Params& params);
  bool SeesInAnyCouncil(std::string_view kind, int64_t round_or_call_id, const std::string& subject,
                        const auth::Principal& who);
  Status Audit(const std::string& action, const std::string& subject,
               std::vector<std::pair<std::string, std::string>> detail, const std::string& rule_set,
               bool is_public, const auth::Principal& by);
  Result<std::string> RuleSetName(int64_t rule_set_id);
  Status Freeze(int64_t rule_set_id);
  // The conflicts of one would-be member with one subject under the rule set.
  Result<std::vector<ConflictRow>> ConflictsWith(const RuleSet& rules, const MemberFacts& member,
                                                 const std::string& subject);
  // Checks every member of a council against a subject that joined it after they were appointed
  // (a proposal forwarded later, dossiers found valid at the opening) and records what it finds.
  Status RecheckMembers(int64_t council_id, const std::string& subject);
  bool OnBoard(int64_t program_id, const auth::Principal& who);

  store::Db& db_;
  registry::Registry& registry_;
  const Clock& clock_;
};

}  // namespace ketnoi::selection
