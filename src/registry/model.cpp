#include "registry/model.h"

#include "registry/authority.h"
#include "text/text.h"

namespace ketnoi::registry {

namespace {
constexpr Term kKinds[] = {
    {"de_tai", "Đề tài", "Research topic"},
    {"du_an_sxtn", "Dự án sản xuất thử nghiệm", "Pilot production project"},
    {"de_an", "Đề án", "Scheme / policy study"},
    {"du_an_khcn", "Dự án KH&CN", "S&T project"},
    {"chuong_trinh", "Chương trình", "Program"},
};
constexpr Term kLevels[] = {
    {"quoc_gia", "Cấp quốc gia", "National"},
    {"bo", "Cấp bộ", "Ministerial"},
    {"tinh", "Cấp thành phố", "City"},
    {"co_so", "Cấp cơ sở", "Institutional"},
};
constexpr Term kStatuses[] = {
    {"proposed", "Đề xuất", "Proposed"},
    {"approved", "Đã phê duyệt danh mục", "Approved for the list"},
    {"in_progress", "Đang thực hiện", "In progress"},
    {"accepted", "Đã nghiệm thu", "Accepted"},
    {"registered", "Đã đăng ký kết quả", "Result registered"},
    {"terminated", "Đã chấm dứt", "Terminated"},
};
constexpr Term kOrgTypes[] = {
    {"university", "Trường đại học, học viện", "University"},
    {"institute", "Viện nghiên cứu", "Research institute"},
    {"enterprise", "Doanh nghiệp", "Enterprise"},
    {"state_agency", "Cơ quan nhà nước", "State agency"},
    {"intermediary", "Tổ chức trung gian", "Intermediary"},
    {"hospital", "Bệnh viện", "Hospital"},
    {"other", "Tổ chức khác", "Other organisation"},
};
constexpr Term kConfidentialities[] = {
    {"public", "Công khai", "Public"},
    {"restricted", "Hạn chế", "Restricted"},
    {"secret", "Mật", "Secret"},
};
constexpr Term kMemberRoles[] = {
    {"pi", "Chủ nhiệm", "Principal investigator"},
    {"secretary", "Thư ký khoa học", "Scientific secretary"},
    {"key_member", "Thành viên chính", "Key member"},
    {"member", "Thành viên", "Member"},
};
constexpr Term kBoardRoles[] = {
    {"chair", "Chủ nhiệm chương trình", "Chair"},
    {"vice_chair", "Phó chủ nhiệm", "Vice-chair"},
    {"secretary", "Thư ký", "Secretary"},
    {"member", "Ủy viên", "Member"},
};

std::string Allowed(std::span<const Term> terms) {
  std::string out;
  for (const Term& t : terms) out += (out.empty() ? "" : ", ") + std::string(t.code);
  return out;
}

void Clean(std::string& s) { s = text::CollapseSpaces(s); }

Status Required(const std::string& v, const char* field) {
  if (v.empty()) return Status::Invalid({"registry.required", {{"field", field}}});
  return Status::Ok();
}

Status MaxLen(const std::string& v, const char* field, size_t max_chars) {
  size_t chars = 0;
  for (unsigned char c : v) chars += (c & 0xC0) != 0x80;
  if (chars > max_chars)
    return Status::Invalid(
        {"registry.too_long", {{"field", field}, {"max", std::to_string(max_chars)}}});
  return Status::Ok();
}

Status InVocabulary(const std::string& v, const char* field, std::span<const Term> terms) {
  if (!FindTerm(terms, v))
    return Status::Invalid(
        {"registry.bad_enum", {{"field", field}, {"value", v}, {"allowed", Allowed(terms)}}});
  return Status::Ok();
}
}  // namespace

std::span<const Term> TaskKinds() { return kKinds; }
std::span<const Term> TaskLevels() { return kLevels; }
std::span<const Term> TaskStatuses() { return kStatuses; }
std::span<const Term> OrgTypes() { return kOrgTypes; }
std::span<const Term> Confidentialities() { return kConfidentialities; }
std::span<const Term> MemberRoles() { return kMemberRoles; }
std::span<const Term> BoardRoles() { return kBoardRoles; }

const Term* FindTerm(std::span<const Term> terms, std::string_view code) {
  for (const Term& t : terms)
    if (t.code == code) return &t;
  return nullptr;
}

std::string Label(std::span<const Term> terms, std::string_view code, std::string_view lang) {
  const Term* t = FindTerm(terms, code);
  if (!t) return std::string(code);
  return std::string(lang == "en" ? t->en : t->vi);
}

std::string Person::DisplayName() const {
  std::string prefix = academic_title + degree;
  return prefix.empty() ? full_name : prefix + " " + full_name;
}

bool Task::SameContent(const Task& o) const {
  return code == o.code && title == o.title && kind == o.kind && level == o.level &&
         field_code == o.field_code && program_id == o.program_id && host_id == o.host_id &&
         pi_id == o.pi_id && start == o.start && end == o.end && budget_state == o.budget_state &&
         budget_other == o.budget_other && objectives == o.objectives && content == o.content &&
         abstract == o.abstract && keywords == o.keywords && status == o.status &&
         result_summary == o.result_summary && archive_no == o.archive_no &&
         applied_at == o.applied_at && confidentiality == o.confidentiality &&
         members == o.members && products == o.products;
}

bool ValidOrcid(std::string_view orcid) {
  auto normalised = authority::NormalizeOrcid(orcid);
  return normalised.ok() && *normalised == orcid;
}

Status NormaliseAndValidate(Task& t) {
  for (std::string* s :
       {&t.code, &t.title, &t.kind, &t.level, &t.field_code, &t.status, &t.archive_no,
        &t.applied_at, &t.confidentiality, &t.source, &t.external_id})
    Clean(*s);
  // Long texts keep their line breaks; only NFC and trimming.
  for (std::string* s : {&t.objectives, &t.content, &t.abstract, &t.result_summary}) {
    *s = text::Nfc(*s);
    while (!s->empty() && (s->back() == ' ' || s->back() == '\n')) s->pop_back();
  }
  std::vector<std::string> keywords;
  for (auto& k : t.keywords) {
    std::string c = text::CollapseSpaces(k);
    if (!c.empty()) keywords.push_back(std::move(c));
  }
  t.keywords = std::move(keywords);
  for (auto& p : t.products) {
    Clean(p.name);
    Clean(p.unit);
    Clean(p.quality_target);
  }
  KETNOI_RETURN_IF_ERROR(Required(t.title, "title"));
  KETNOI_RETURN_IF_ERROR(MaxLen(t.title, "title", 1000));
  KETNOI_RETURN_IF_ERROR(MaxLen(t.code, "code", 100));
  KETNOI_RETURN_IF_ERROR(Required(t.source, "source"));
  KETNOI_RETURN_IF_ERROR(Required(t.external_id, "external_id"));
  KETNOI_RETURN_IF_ERROR(InVocabulary(t.kind, "kind", kKinds));
  KETNOI_RETURN_IF_ERROR(InVocabulary(t.level, "level", kLevels));
  KETNOI_RETURN_IF_ERROR(InVocabulary(t.status, "status", kStatuses));
  KETNOI_RETURN_IF_ERROR(InVocabulary(t.confidentiality, "confidentiality", kConfidentialities));
  if (!t.field_code.empty() && !AcceptableFieldCode(t.field_code))
    return Status::Invalid(
        {"registry.bad_field_code", {{"field", "field"}, {"value", t.field_code}}});
  if (t.budget_state.dong < 0)
    return Status::Invalid({"registry.negative_money", {{"field", "budget_state"}}});
  if (t.budget_other.dong < 0)
    return Status::Invalid({"registry.negative_money", {{"field", "budget_other"}}});
  if (t.start && t.end && *t.end < *t.start)
    return Status::Invalid({"registry.bad_period",
                            {{"field", "end"}, {"start", t.start->Vn()}, {"end", t.end->Vn()}}});
  for (const auto& m : t.members)
    KETNOI_RETURN_IF_ERROR(InVocabulary(m.role, "members.role", kMemberRoles));
  for (const auto& p : t.products) KETNOI_RETURN_IF_ERROR(Required(p.name, "products.name"));
  return Status::Ok();
}

Status NormaliseAndValidate(Organisation& o) {
  for (std::string* s :
       {&o.name, &o.short_name, &o.name_en, &o.type, &o.parent_body, &o.ror_id, &o.tax_code,
        &o.district, &o.address, &o.website, &o.source, &o.external_id})
    Clean(*s);
  KETNOI_RETURN_IF_ERROR(Required(o.name, "name"));
  KETNOI_RETURN_IF_ERROR(MaxLen(o.name, "name", 500));
  KETNOI_RETURN_IF_ERROR(Required(o.source, "source"));
  KETNOI_RETURN_IF_ERROR(Required(o.external_id, "external_id"));
  KETNOI_RETURN_IF_ERROR(InVocabulary(o.type, "type", kOrgTypes));
  // Identifiers: checked (form and check digits) and kept in one form — the tax code as
  // "0100107518" or "0100107518-001", the ROR id as its URL "https://ror.org/03yrm5c26".
  if (!o.tax_code.empty()) {
    KETNOI_ASSIGN_OR_RETURN(o.tax_code, authority::NormalizeTaxCode(o.tax_code, "tax_code"));
  }
  if (!o.ror_id.empty()) {
    KETNOI_ASSIGN_OR_RETURN(std::string ror, authority::NormalizeRor(o.ror_id, "ror_id"));
    o.ror_id = authority::RorUrl(ror);
  }
  // A web site is shown as a link: only http(s) addresses (never javascript:, data:, …).
  if (!o.website.empty()) {
    std::string lower = text::Lower(o.website);
    if ((lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) ||
        o.website.find_first_of(" \"<>") != std::string::npos)
      return Status::Invalid({"registry.bad_url", {{"field", "website"}, {"value", o.website}}});
  }
  return Status::Ok();
}

Status NormaliseAndValidate(Person& p) {
  for (std::string* s :
       {&p.full_name, &p.academic_title, &p.degree, &p.orcid, &p.email, &p.source, &p.external_id})
    Clean(*s);
  KETNOI_RETURN_IF_ERROR(Required(p.full_name, "full_name"));
  KETNOI_RETURN_IF_ERROR(MaxLen(p.full_name, "full_name", 200));
  KETNOI_RETURN_IF_ERROR(Required(p.source, "source"));
  KETNOI_RETURN_IF_ERROR(Required(p.external_id, "external_id"));
  if (!p.email.empty()) {
    size_t at = p.email.find('@');
    bool ok = at != std::string::npos && at > 0 && p.email.find('.', at) != std::string::npos &&
              p.email.find('@', at + 1) == std::string::npos && p.email.size() <= 254 &&
              p.email.find_first_of(" <>\"(),;:[]\\") == std::string::npos;
    if (!ok)
      return Status::Invalid({"registry.bad_email", {{"field", "email"}, {"value", p.email}}});
  }
  if (!p.orcid.empty()) {  // kept bare: "0000-0002-1825-0097"
    KETNOI_ASSIGN_OR_RETURN(p.orcid, authority::NormalizeOrcid(p.orcid, "orcid"));
  }
  for (const auto& f : p.field_codes)
    if (!AcceptableFieldCode(f))
      return Status::Invalid({"registry.bad_field_code", {{"field", "field_codes"}, {"value", f}}});
  return Status::Ok();
}

Status NormaliseAndValidate(Program& p) {
  for (std::string* s : {&p.code, &p.name}) Clean(*s);
  p.description = text::Nfc(p.description);
  KETNOI_RETURN_IF_ERROR(Required(p.code, "code"));
  KETNOI_RETURN_IF_ERROR(Required(p.name, "name"));
  if (p.period_end < p.period_start)
    return Status::Invalid({"registry.bad_period",
                            {{"field", "period_end"},
                             {"start", std::to_string(p.period_start)},
                             {"end", std::to_string(p.period_end)}}});
  if (p.budget.dong < 0) return Status::Invalid({"registry.negative_money", {{"field", "budget"}}});
  for (const auto& b : p.board)
    KETNOI_RETURN_IF_ERROR(InVocabulary(b.role, "board.role", kBoardRoles));
  return Status::Ok();
}

}  // namespace ketnoi::registry
