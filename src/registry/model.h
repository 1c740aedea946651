// registry — the records of the S&T task registry (DOMAIN.md §2): organisations, people,
// programs, the S&T field classification and tasks with members and products; their
// controlled vocabularies with Vietnamese and English labels; validation; and the repository
// (repo.h) that writes them with a change-log row in the same transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

namespace ketnoi::registry {

// A controlled term: stored code plus labels.
struct Term {
  std::string_view code, vi, en;
};
std::span<const Term> TaskKinds();          // de_tai, du_an_sxtn, de_an, du_an_khcn, chuong_trinh
std::span<const Term> TaskLevels();         // quoc_gia, bo, tinh, co_so
std::span<const Term> TaskStatuses();       // proposed … registered, terminated
std::span<const Term> OrgTypes();           // university, institute, …
std::span<const Term> Confidentialities();  // public, restricted, secret
std::span<const Term> MemberRoles();        // pi, secretary, key_member, member
std::span<const Term> BoardRoles();         // chair, vice_chair, secretary, member
const Term* FindTerm(std::span<const Term> terms, std::string_view code);
// The label in "vi" or "en"; the code itself when unknown.
std::string Label(std::span<const Term> terms, std::string_view code, std::string_view lang);

struct Organisation {
  int64_t id = 0;
  std::string name, short_name, name_en;
  std::string type = "other";
  std::optional<int64_t> parent_id;
  std::string parent_body;  // governing body named in text ("Bộ Y tế") when not a record
  std::string ror_id, tax_code, district, address, website;
  std::string source, external_id;
  std::string created_at, updated_at;
};

struct Person {
  int64_t id = 0;
  std::string full_name;
  std::string academic_title;  // "GS." / "PGS." / ""
  std::string degree;          // "TS." / "ThS." / "CN." / "KS." / "BS." / ""
  std::optional<int64_t> affiliation_id;
  std::string orcid, email;
  std::vector<std::string> field_codes;  // expertise
  std::string source, external_id;
  std::string created_at, updated_at;

  // "PGS.TS. Nguyễn Văn An", as Vietnamese documents write it.
  std::string DisplayName() const;
};

struct BoardMember {
  int64_t person_id = 0;
  std::string role;  // BoardRoles()
  bool operator==(const BoardMember&) const = default;
};

struct Program {
  int64_t id = 0;
  std::string code, name;
  int period_start = 0, period_end = 0;
  Money budget;
  bool is_sample = false;  // an invented name in demo data
  std::string description;
  std::vector<BoardMember> board;
  std::string created_at, updated_at;
};

struct TaskMember {
  int64_t person_id = 0;
  std::string role;  // MemberRoles()
  bool operator==(const TaskMember&) const = default;
};

struct TaskProduct {
  std::string name;
  std::optional<int64_t> quantity;
  std::string unit;            // "quy trình", "bài báo", "mô hình"
  std::string quality_target;  // what it must achieve to be accepted
  bool operator==(const TaskProduct&) const = default;
};

struct Task {
  int64_t id = 0;
  std::string code;  // "ĐT-2016-30218-ĐT"; may be empty for proposals
  std::string title;
  std::string kind = "de_tai";
  std::string level = "tinh";
  std::string field_code;  // 1, 3 or 5 digits
  std::optional<int64_t> program_id, host_id, pi_id;
  std::optional<Date> start, end;
  Money budget_state, budget_other;
  std::string objectives, content, abstract;
  std::vector<std::string> keywords;
  std::string status = "in_progress";
  std::string result_summary;
  std::string archive_no;  // "20/KQNC-SKHCN"
  std::string applied_at;  // where the result is applied
  std::string confidentiality = "public";
  std::string source, external_id;
  std::vector<TaskMember> members;
  std::vector<TaskProduct> products;
  std::string created_at, updated_at;
  // Set when staff merged this task into another (registry/merge.h): it then has no public
  // page, search document or OAI record of its own. Not content: an upsert never changes it.
  std::optional<int64_t> merged_into;

  bool IsPublic() const { return confidentiality == "public" && !merged_into; }
  Money TotalBudget() const { return budget_state + budget_other; }
  // Same content, ignoring id and timestamps (used to tell "changed" from "unchanged").
  bool SameContent(const Task& other) const;
};

// Normalises every text field to NFC with collapsed spaces, then checks required fields,
// vocabularies, lengths, money signs and the period. The first problem is returned, its
// message naming the field.
Status NormaliseAndValidate(Task& task);
Status NormaliseAndValidate(Organisation& org);
Status NormaliseAndValidate(Person& person);
Status NormaliseAndValidate(Program& program);

// ORCID check digit (ISO 7064 11,2) and form.
bool ValidOrcid(std::string_view orcid);

// One S&T field of QĐ 12/2008/QĐ-BKHCN.
struct Field {
  std::string_view code, parent, name_vi, name_en;
};
// The reference classification shipped with Ketnoi: 6 top fields, their 3-digit sub-fields
// and a selection of 5-digit codes. Other 5-digit codes are accepted when their 3-digit
// parent exists (they are added to the table on first use with the code as name).
std::span<const Field> FieldClassification();
const Field* FindField(std::string_view code);
// True for "1"…"6", any known 3-digit code, and 5-digit codes under a known 3-digit code.
bool AcceptableFieldCode(std::string_view code);

}  // namespace ketnoi::registry
