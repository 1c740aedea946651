#include "exchange/oai.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/crypto.h"
#include "core/date.h"
#include "core/messages.h"
#include "exchange/oai_internal.h"
#include "registry/model.h"
#include "store/change_log.h"
#include "text/text.h"

namespace ketnoi::exchange {

namespace {

constexpr std::string_view kOaiNamespace = "http://www.openarchives.org/OAI/2.0/";
constexpr std::string_view kOaiSchema = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
constexpr std::string_view kDcFormatNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
constexpr std::string_view kDcFormatSchema = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
constexpr std::string_view kDcNamespace = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kXsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

using internal::Clip;

// ---------------------------------------------------------------------------------------------
// XML output.

using Attrs = std::vector<std::pair<std::string_view, std::string>>;

class XmlWriter {
 public:
  explicit XmlWriter(int depth = 0) : depth_(depth) {}

  void Open(std::string_view name, const Attrs& attrs = {}) {
    StartTag(name, attrs);
    out_ += ">\n";
    ++depth_;
  }
  void Close(std::string_view name) {
    --depth_;
    Indent();
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  // <name …>text</name>
  void Leaf(std::string_view name, std::string_view text, const Attrs& attrs = {}) {
    StartTag(name, attrs);
    out_ += '>';
    out_ += XmlText(text);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  // Only when there is text (after dropping what XML cannot carry).
  void Optional(std::string_view name, std::string_view text, const Attrs& attrs = {}) {
    if (!XmlText(text).empty()) Leaf(name, text, attrs);
  }
  void Empty(std::string_view name, const Attrs& attrs = {}) {
    StartTag(name, attrs);
    out_ += "/>\n";
  }
  void Raw(std::string_view xml) { out_ += xml; }
  std::string Take() { return std::move(out_); }

 private:
  void Indent() { out_.append(static_cast<size_t>(depth_) * 2, ' '); }
  void StartTag(std::string_view name, const Attrs& attrs) {
    Indent();
    out_ += '<';
    out_ += name;
    for (const auto& [k, v] : attrs) {
      out_ += ' ';
      out_ += k;
      out_ += "=\"";
      out_ += XmlText(v, true);
      out_ += '"';
    }
  }

  std::string out_;
  int depth_;
};

// ---------------------------------------------------------------------------------------------
// Items: public tasks and the tasks once shown that are no longer public.

struct SetFilter {
  enum class Kind { kAll, kProgramAny, kProgram, kFieldAny, kField, kSource, kNothing };
  Kind kind = Kind::kAll;
  std::string value;
};

// A set spec the repository knows, or kNothing (an unknown set holds no records).
SetFilter ResolveSet(std::string_view spec) {
  using K = SetFilter::Kind;
  if (spec.empty() || spec == "source") return {K::kAll, ""};
  if (spec == "program") return {K::kProgramAny, ""};
  if (spec == "field") return {K::kFieldAny, ""};
  size_t colon = spec.find(':');
  if (colon == std::string_view::npos || spec.find(':', colon + 1) != std::string_view::npos)
    return {K::kNothing, ""};
  std::string_view top = spec.substr(0, colon);
  auto value = OaiSetComponentDecode(spec.substr(colon + 1));
  if (!value) return {K::kNothing, ""};
  if (top == "program") return {K::kProgram, *value};
  if (top == "field")
    return value->size() == 1 && registry::FindField(*value) ? SetFilter{K::kField, *value}
                                                             : SetFilter{K::kNothing, ""};
  if (top == "source") return {K::kSource, *value};
  return {K::kNothing, ""};
}

struct Item {
  int64_t id = 0;
  std::string datestamp;
  bool deleted = false;
  std::string program_code, field_top, source;  // what decides its sets
  // Public items: the seq of the task's latest change in the same read, and whether the
  // provider's memory (oai_published) already holds this version.
  int64_t last_seq = 0;
  bool remembered = false;
};

std::vector<std::string> SetSpecs(const Item& item) {
  std::vector<std::string> out;
  if (!item.program_code.empty()) out.push_back("program:" + OaiSetComponent(item.program_code));
  if (!item.field_top.empty()) out.push_back("field:" + item.field_top);
  if (!item.source.empty()) out.push_back("source:" + OaiSetComponent(item.source));
  return out;
}

struct ItemQuery {
  SetFilter set;
  std::string from, until;  // inclusive bounds, "" for none
  int64_t after_id = 0;
  std::optional<int64_t> only_id;
  std::optional<int64_t> max_id;  // deleted items only: none beyond this id is needed
  int64_t limit = 0;              // 0: count instead
};

std::string FieldTop(const std::string& field_code) {
  return field_code.empty() ? "" : field_code.substr(0, 1);
}

// Public tasks matching the query, by id (or their number when q.limit is 0).
Result<std::vector<Item>> PublicItems(store::Db& db, const ItemQuery& q, int64_t* count) {
  using K = SetFilter::Kind;
  std::string sql = count
                        ? "SELECT COUNT(*) FROM tasks t LEFT JOIN programs g ON g.id = t.program_id"
                        : "SELECT t.id, t.updated_at, COALESCE(g.code, ''), "
                          "COALESCE(t.field_code, ''), t.source, "
                          "(SELECT MAX(c.seq) FROM change_log c WHERE c.entity = 'task' AND "
                          "c.entity_id = t.id), p.program_code, p.field_top, p.source, "
                          "p.seen_seq FROM tasks t LEFT JOIN programs g ON g.id = t.program_id "
                          "LEFT JOIN oai_published p ON p.task_id = t.id";
  store::Params params;
  // A task merged into another (registry/merge.h) is listed as deleted, like a hidden one.
  sql += " WHERE t.confidentiality = 'public' AND t.merged_into IS NULL AND t.id > ?";
  params.push_back(q.after_id);
  if (q.only_id) {
    sql += " AND t.id = ?";
    params.push_back(*q.only_id);
  }
  switch (q.set.kind) {
    case K::kAll:
      break;
    case K::kProgramAny:
      sql += " AND t.program_id IS NOT NULL";
      break;
    case K::kProgram:
      sql += " AND g.code = ?";
      params.push_back(q.set.value);
      break;
    case K::kFieldAny:
      sql += " AND t.field_code IS NOT NULL AND t.field_code <> ''";
      break;
    case K::kField:
      sql += " AND SUBSTR(t.field_code, 1, 1) = ?";
      params.push_back(q.set.value);
      break;
    case K::kSource:
      sql += " AND t.source = ?";
      params.push_back(q.set.value);
      break;
    case K::kNothing:
      sql += " AND 1 = 0";
      break;
  }
  if (!q.from.empty()) {
    sql += " AND t.updated_at >= ?";
    params.push_back(q.from);
  }
  if (!q.until.empty()) {
    sql += " AND t.updated_at <= ?";
    params.push_back(q.until);
  }
  if (count) {
    KETNOI_ASSIGN_OR_RETURN(store::Rows rows, db.Query(sql, params));
    *count = rows.Int(0, 0);
    return std::vector<Item>{};
  }
  sql += " ORDER BY t.id LIMIT ?";
  params.push_back(q.limit);
  KETNOI_ASSIGN_OR_RETURN(store::Rows rows, db.Query(sql, params));
  std::vector<Item> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    Item it;
    it.id = rows.Int(i, 0);
    it.datestamp = rows.Text(i, 1);
    it.program_code = rows.Text(i, 2);
    it.field_top = FieldTop(rows.Text(i, 3));
    it.source = rows.Text(i, 4);
    it.last_seq = rows.Int(i, 5);
    it.remembered = !rows.IsNull(i, 9) && rows.Text(i, 6) == it.program_code &&
                    rows.Text(i, 7) == it.field_top && rows.Text(i, 8) == it.source &&
                    rows.Int(i, 9) >= it.last_seq;
    out.push_back(std::move(it));
  }
  return out;
}

// Tasks once shown as public that are not public now (restricted, secret or deleted), by id.
// Their datestamp is the first change after the version last shown; their sets those it had.
Result<std::vector<Item>> DeletedItems(store::Db& db, const ItemQuery& q, int64_t* count) {
  using K = SetFilter::Kind;
  std::string sql =
      "SELECT p.task_id, p.program_code, p.field_top, p.source, COALESCE((SELECT "
      "MIN(c.changed_at) FROM change_log c WHERE c.entity = 'task' AND c.entity_id = p.task_id "
      "AND c.seq > p.seen_seq), p.seen_at) AS ds FROM oai_published p LEFT JOIN tasks t ON t.id "
      "= p.task_id WHERE (t.id IS NULL OR t.confidentiality <> 'public' OR t.merged_into IS NOT "
      "NULL) AND p.task_id > ?";
  store::Params params;
  params.push_back(q.after_id);
  if (q.only_id) {
    sql += " AND p.task_id = ?";
    params.push_back(*q.only_id);
  }
  if (q.max_id) {
    sql += " AND p.task_id <= ?";
    params.push_back(*q.max_id);
  }
  switch (q.set.kind) {
    case K::kAll:
      break;
    case K::kProgramAny:
      sql += " AND p.program_code <> ''";
      break;
    case K::kProgram:
      sql += " AND p.program_code = ?";
      params.push_back(q.set.value);
      break;
    case K::kFieldAny:
      sql += " AND p.field_top <> ''";
      break;
    case K::kField:
      sql += " AND p.field_top = ?";
      params.push_back(q.set.value);
      break;
    case K::kSource:
      sql += " AND p.source = ?";
      params.push_back(q.set.value);
      break;
    case K::kNothing:
      sql += " AND 1 = 0";
      break;
  }
  std::string outer = count ? "SELECT COUNT(*) FROM (" + sql + ") d WHERE 1 = 1"
                            : "SELECT d.task_id, d.ds, d.program_code, d.field_top, d.source "
                              "FROM (" +
                                  sql + ") d WHERE 1 = 1";
  if (!q.from.empty()) {
    outer += " AND d.ds >= ?";
    params.push_back(q.from);
  }
  if (!q.until.empty()) {
    outer += " AND d.ds <= ?";
    params.push_back(q.until);
  }
  if (count) {
    KETNOI_ASSIGN_OR_RETURN(store::Rows rows, db.Query(outer, params));
    *count = rows.Int(0, 0);
    return std::vector<Item>{};
  }
  outer += " ORDER BY d.task_id LIMIT ?";
  params.push_back(q.limit);
  KETNOI_ASSIGN_OR_RETURN(store::Rows rows, db.Query(outer, params));
  std::vector<Item> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    Item it;
    it.id = rows.Int(i, 0);
    it.datestamp = rows.Text(i, 1);
    it.deleted = true;
    it.program_code = rows.Text(i, 2);
    it.field_top = rows.Text(i, 3);
    it.source = rows.Text(i, 4);
    out.push_back(std::move(it));
  }
  return out;
}

// Public and deleted items together, by id, at most q.limit.
Result<std::vector<Item>> Items(store::Db& db, const ItemQuery& q) {
  KETNOI_ASSIGN_OR_RETURN(std::vector<Item> pub, PublicItems(db, q, nullptr));
  // A full page of public items ends the page: deleted items past it are not needed, and not
  // looking for them keeps each page's scan as short as the page.
  ItemQuery dq = q;
  if (static_cast<int64_t>(pub.size()) >= q.limit && !pub.empty()) dq.max_id = pub.back().id;
  KETNOI_ASSIGN_OR_RETURN(std::vector<Item> del, DeletedItems(db, dq, nullptr));
  std::vector<Item> out;
  out.reserve(pub.size() + del.size());
  std::merge(std::make_move_iterator(pub.begin()), std::make_move_iterator(pub.end()),
             std::make_move_iterator(del.begin()), std::make_move_iterator(del.end()),
             std::back_inserter(out), [](const Item& a, const Item& b) { return a.id < b.id; });
  if (static_cast<int64_t>(out.size()) > q.limit) out.resize(static_cast<size_t>(q.limit));
  return out;
}

Result<int64_t> CountItems(store::Db& db, const ItemQuery& q) {
  int64_t pub = 0, del = 0;
  KETNOI_RETURN_IF_ERROR(PublicItems(db, q, &pub).status());
  KETNOI_RETURN_IF_ERROR(DeletedItems(db, q, &del).status());
  return pub + del;
}

// Remembers that these public items were shown (with their sets and the change they reflect),
// so that each can be reported as deleted once it stops being public.
Status Remember(store::Db& db, const std::vector<Item>& items, const std::string& now) {
  std::vector<const Item*> todo;
  for (const Item& it : items)
    if (!it.deleted && !it.remembered) todo.push_back(&it);
  if (todo.empty()) return Status::Ok();
  auto write = [&]() -> Status {
    for (const Item* it : todo)
      KETNOI_RETURN_IF_ERROR(db.Exec(
          "INSERT INTO oai_published (task_id, program_code, field_top, source, seen_seq, "
          "seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (task_id) DO UPDATE SET program_code = "
          "excluded.program_code, field_top = excluded.field_top, source = excluded.source, "
          "seen_seq = CASE WHEN excluded.seen_seq > oai_published.seen_seq THEN "
          "excluded.seen_seq ELSE oai_published.seen_seq END, seen_at = excluded.seen_at",
          {it->id, it->program_code, it->field_top, it->source, it->last_seq, now}));
    return Status::Ok();
  };
  if (db.InTransaction()) return write();
  store::Transaction tx(db);
  KETNOI_RETURN_IF_ERROR(tx.Begin());
  KETNOI_RETURN_IF_ERROR(write());
  return tx.Commit();
}

// ---------------------------------------------------------------------------------------------
// Metadata.

std::string TaskUrl(const OaiOptions& o, int64_t id) {
  return o.site_url + "/tasks/" + std::to_string(id);
}

struct RecordData {
  registry::TaskRecord rec;
  std::vector<std::pair<registry::TaskMember, std::string>> members;  // with their names
};

void WriteDublinCore(XmlWriter& x, const RecordData& d, const OaiOptions& o) {
  const registry::Task& t = d.rec.task;
  x.Open("oai_dc:dc", {{"xmlns:oai_dc", std::string(kDcFormatNamespace)},
                       {"xmlns:dc", std::string(kDcNamespace)},
                       {"xsi:schemaLocation",
                        std::string(kDcFormatNamespace) + " " + std::string(kDcFormatSchema)}});
  const Attrs vi = {{"xml:lang", "vi"}};
  x.Leaf("dc:title", t.title, vi);
  x.Optional("dc:creator", d.rec.pi_name);
  x.Optional("dc:subject", d.rec.field_name_vi, vi);
  for (const auto& k : t.keywords) x.Optional("dc:subject", k, vi);
  x.Optional("dc:description", t.abstract, vi);
  x.Optional("dc:publisher", d.rec.host_name);
  for (const auto& [m, name] : d.members)
    if (m.role != "pi" && m.person_id != t.pi_id.value_or(0)) x.Optional("dc:contributor", name);
  if (t.start) x.Leaf("dc:date", t.start->Iso());
  x.Leaf("dc:type", registry::Label(registry::TaskKinds(), t.kind, "vi"), vi);
  x.Leaf("dc:identifier", TaskUrl(o, t.id));
  x.Optional("dc:identifier", t.code);
  x.Leaf("dc:language", "vi");
  x.Leaf("dc:coverage", "Hà Nội", vi);
  x.Leaf("dc:rights", Render(Message("oai.rights"), "vi"), vi);
  x.Close("oai_dc:dc");
}

void WriteKetnoi(XmlWriter& x, const RecordData& d, const OaiOptions& o) {
  const registry::Task& t = d.rec.task;
  const std::string ns = "ketnoi:";
  auto n = [&](std::string_view local) { return ns + std::string(local); };
  const Attrs vi = {{"xml:lang", "vi"}};
  x.Open(n("Task"), {{"xmlns:ketnoi", std::string(kOaiKetnoiNamespace)},
                     {"xsi:schemaLocation",
                      std::string(kOaiKetnoiNamespace) + " " + o.site_url + "/oai/ketnoi.xsd"},
                     {"id", std::to_string(t.id)}});
  x.Optional(n("Code"), t.code);
  x.Leaf(n("Title"), t.title, vi);
  x.Leaf(n("Type"), registry::Label(registry::TaskKinds(), t.kind, "vi"), {{"code", t.kind}});
  x.Leaf(n("Level"), registry::Label(registry::TaskLevels(), t.level, "vi"), {{"code", t.level}});
  if (!t.field_code.empty())
    x.Leaf(n("Subject"), d.rec.field_name_vi.empty() ? t.field_code : d.rec.field_name_vi,
           {{"scheme", "QĐ 12/2008/QĐ-BKHCN"}, {"code", t.field_code}});
  if (t.program_id)
    x.Leaf(n("Program"), d.rec.program_name,
           {{"id", std::to_string(*t.program_id)}, {"code", d.rec.program_code}});
  if (t.host_id) {
    x.Open(n("Host"), {{"id", std::to_string(*t.host_id)}});
    x.Leaf(n("Name"), d.rec.host_name);
    x.Optional(n("Acronym"), d.rec.host_short_name);
    x.Optional(n("ParentBody"), d.rec.host_parent);
    x.Optional(n("District"), d.rec.host_district);
    x.Close(n("Host"));
  }
  if (t.pi_id)
    x.Leaf(n("PrincipalInvestigator"), d.rec.pi_name, {{"id", std::to_string(*t.pi_id)}});
  if (!d.members.empty()) {
    x.Open(n("Team"));
    for (const auto& [m, name] : d.members)
      x.Leaf(n("Member"), name,
             {{"id", std::to_string(m.person_id)},
              {"role", m.role},
              {"roleLabel", registry::Label(registry::MemberRoles(), m.role, "vi")}});
    x.Close(n("Team"));
  }
  if (t.start) x.Leaf(n("StartDate"), t.start->Iso());
  if (t.end) x.Leaf(n("EndDate"), t.end->Iso());
  x.Open(n("Funding"), {{"currency", "VND"}});
  x.Leaf(n("Amount"), std::to_string(t.budget_state.dong), {{"source", "state"}});
  x.Leaf(n("Amount"), std::to_string(t.budget_other.dong), {{"source", "other"}});
  x.Leaf(n("Amount"), std::to_string(t.TotalBudget().dong), {{"source", "total"}});
  x.Close(n("Funding"));
  x.Optional(n("Objectives"), t.objectives, vi);
  x.Optional(n("Content"), t.content, vi);
  x.Optional(n("Abstract"), t.abstract, vi);
  for (const auto& k : t.keywords) x.Optional(n("Keyword"), k, vi);
  if (!t.products.empty()) {
    x.Open(n("Products"));
    for (const auto& p : t.products) {
      x.Open(n("Product"));
      x.Leaf(n("Name"), p.name, vi);
      if (p.quantity && *p.quantity >= 0) x.Leaf(n("Quantity"), std::to_string(*p.quantity));
      x.Optional(n("Unit"), p.unit, vi);
      x.Optional(n("QualityTarget"), p.quality_target, vi);
      x.Close(n("Product"));
    }
    x.Close(n("Products"));
  }
  x.Leaf(n("Status"), registry::Label(registry::TaskStatuses(), t.status, "vi"),
         {{"code", t.status}});
  x.Optional(n("ResultSummary"), t.result_summary, vi);
  x.Optional(n("ArchiveNumber"), t.archive_no);
  x.Optional(n("AppliedAt"), t.applied_at, vi);
  x.Leaf(n("Source"), t.source);
  x.Leaf(n("ExternalId"), t.external_id);
  x.Leaf(n("URL"), TaskUrl(o, t.id));
  x.Leaf(n("Created"), t.created_at);
  x.Leaf(n("Updated"), t.updated_at);
  x.Close(n("Task"));
}

constexpr std::string_view kKetnoiSchema = R"XSD(<?xml version="1.0" encoding="UTF-8"?>
<!-- The `ketnoi` metadata format of the Ketnoi OAI-PMH provider: one S&T task of the Hanoi
     Department of Science and Technology with every field of the registry. Element names follow
     the OpenAIRE guidelines for CRIS managers loosely. Money is in đồng (VND, no minor unit). -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:ketnoi="https://ketnoi.hanoi.gov.vn/oai/ketnoi/"
           targetNamespace="https://ketnoi.hanoi.gov.vn/oai/ketnoi/"
           elementFormDefault="qualified" attributeFormDefault="unqualified">

  <!-- Text, optionally with xml:lang. -->
  <xs:complexType name="textType">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:anyAttribute namespace="http://www.w3.org/XML/1998/namespace" processContents="lax"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <!-- A label of a controlled term, its code as attribute. -->
  <xs:complexType name="termType">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="code" type="xs:string" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="subjectType">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="scheme" type="xs:string" use="required"/>
        <xs:attribute name="code" type="xs:string" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="programType">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
        <xs:attribute name="code" type="xs:string" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="personType">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="memberType">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
        <xs:attribute name="role" type="xs:string" use="required"/>
        <xs:attribute name="roleLabel" type="xs:string" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="hostType">
    <xs:sequence>
      <xs:element name="Name" type="xs:string"/>
      <xs:element name="Acronym" type="xs:string" minOccurs="0"/>
      <xs:element name="ParentBody" type="xs:string" minOccurs="0"/>
      <xs:element name="District" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
  </xs:complexType>

  <xs:complexType name="amountType">
    <xs:simpleContent>
      <xs:extension base="xs:nonNegativeInteger">
        <xs:attribute name="source" use="required">
          <xs:simpleType>
            <xs:restriction base="xs:string">
              <xs:enumeration value="state"/>
              <xs:enumeration value="other"/>
              <xs:enumeration value="total"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:attribute>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>

  <xs:complexType name="productType">
    <xs:sequence>
      <xs:element name="Name" type="ketnoi:textType"/>
      <xs:element name="Quantity" type="xs:nonNegativeInteger" minOccurs="0"/>
      <xs:element name="Unit" type="ketnoi:textType" minOccurs="0"/>
      <xs:element name="QualityTarget" type="ketnoi:textType" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>

  <xs:simpleType name="timestampType">
    <xs:restriction base="xs:dateTime">
      <xs:pattern value=".*Z"/>
    </xs:restriction>
  </xs:simpleType>

  <xs:element name="Task">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Code" type="xs:string" minOccurs="0"/>
        <xs:element name="Title" type="ketnoi:textType"/>
        <xs:element name="Type" type="ketnoi:termType"/>
        <xs:element name="Level" type="ketnoi:termType"/>
        <xs:element name="Subject" type="ketnoi:subjectType" minOccurs="0"/>
        <xs:element name="Program" type="ketnoi:programType" minOccurs="0"/>
        <xs:element name="Host" type="ketnoi:hostType" minOccurs="0"/>
        <xs:element name="PrincipalInvestigator" type="ketnoi:personType" minOccurs="0"/>
        <xs:element name="Team" minOccurs="0">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="Member" type="ketnoi:memberType" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="StartDate" type="xs:date" minOccurs="0"/>
        <xs:element name="EndDate" type="xs:date" minOccurs="0"/>
        <xs:element name="Funding">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="Amount" type="ketnoi:amountType" minOccurs="3" maxOccurs="3"/>
            </xs:sequence>
            <xs:attribute name="currency" type="xs:string" fixed="VND"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="Objectives" type="ketnoi:textType" minOccurs="0"/>
        <xs:element name="Content" type="ketnoi:textType" minOccurs="0"/>
        <xs:element name="Abstract" type="ketnoi:textType" minOccurs="0"/>
        <xs:element name="Keyword" type="ketnoi:textType" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element name="Products" minOccurs="0">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="Product" type="ketnoi:productType" maxOccurs="unbounded"/>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="Status" type="ketnoi:termType"/>
        <xs:element name="ResultSummary" type="ketnoi:textType" minOccurs="0"/>
        <xs:element name="ArchiveNumber" type="xs:string" minOccurs="0"/>
        <xs:element name="AppliedAt" type="ketnoi:textType" minOccurs="0"/>
        <xs:element name="Source" type="xs:string"/>
        <xs:element name="ExternalId" type="xs:string"/>
        <xs:element name="URL" type="xs:anyURI"/>
        <xs:element name="Created" type="ketnoi:timestampType"/>
        <xs:element name="Updated" type="ketnoi:timestampType"/>
      </xs:sequence>
      <xs:attribute name="id" type="xs:positiveInteger" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
)XSD";

// ---------------------------------------------------------------------------------------------
// The response.

bool KnownPrefix(std::string_view prefix) { return prefix == "oai_dc" || prefix == "ketnoi"; }

OaiError Error(OaiErrorCode code, Message m) { return {code, std::move(m)}; }

class Responder {
 public:
  Responder(registry::Registry& reg, const Clock& clock, const OaiOptions& o, const OaiRequest& req)
      : reg_(reg), db_(reg.db()), clock_(clock), o_(o), req_(req), body_(1) {}

  Result<std::string> Run() {
    now_ = FormatTimestamp(clock_.Now());
    OaiParsed p = ParseOaiArguments(req_.arguments);
    if (!p.ok()) return Document(p.errors, /*echo=*/false, p);
    std::vector<OaiError> errors;
    switch (*p.verb) {
      case OaiVerb::kIdentify: {
        KETNOI_ASSIGN_OR_RETURN(errors, Identify());
        break;
      }
      case OaiVerb::kListMetadataFormats: {
        KETNOI_ASSIGN_OR_RETURN(errors, ListMetadataFormats(p));
        break;
      }
      case OaiVerb::kListSets: {
        KETNOI_ASSIGN_OR_RETURN(errors, ListSets(p));
        break;
      }
      case OaiVerb::kGetRecord: {
        KETNOI_ASSIGN_OR_RETURN(errors, GetRecord(p));
        break;
      }
      case OaiVerb::kListIdentifiers:
      case OaiVerb::kListRecords: {
        KETNOI_ASSIGN_OR_RETURN(errors, List(p));
        break;
      }
    }
    return Document(errors, /*echo=*/true, p);
  }

 private:
  std::string BaseUrl() const { return o_.site_url + "/oai"; }

  std::string Document(const std::vector<OaiError>& errors, bool echo, const OaiParsed& p) {
    XmlWriter x;
    x.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.Open("OAI-PMH",
           {{"xmlns", std::string(kOaiNamespace)},
            {"xmlns:xsi", std::string(kXsiNamespace)},
            {"xsi:schemaLocation", std::string(kOaiNamespace) + " " + std::string(kOaiSchema)}});
    x.Leaf("responseDate", now_);
    Attrs attrs;
    if (echo) {
      attrs.emplace_back("verb", std::string(OaiVerbName(*p.verb)));
      auto add = [&](std::string_view name, const std::optional<std::string>& v) {
        if (v) attrs.emplace_back(name, *v);
      };
      add("identifier", p.identifier);
      add("metadataPrefix", p.metadata_prefix);
      add("from", p.from);
      add("until", p.until);
      add("set", p.set);
      add("resumptionToken", p.resumption_token);
    }
    x.Leaf("request", BaseUrl(), attrs);
    if (!errors.empty()) {
      for (const auto& e : errors)
        x.Leaf("error", Render(e.message, req_.lang),
               {{"code", std::string(OaiErrorCodeName(e.code))}});
    } else {
      x.Raw(body_.Take());
    }
    x.Close("OAI-PMH");
    return x.Take();
  }

  Result<std::vector<OaiError>> Identify() {
    // A lower bound of every datestamp: the first change of a task, or the oldest public task.
    std::string earliest;
    KETNOI_ASSIGN_OR_RETURN(
        store::Rows first,
        db_.Query("SELECT changed_at FROM change_log WHERE entity = 'task' ORDER BY seq LIMIT 1"));
    if (!first.empty()) earliest = first.Text(0, 0);
    KETNOI_ASSIGN_OR_RETURN(
        store::Rows oldest,
        db_.Query("SELECT MIN(updated_at) FROM tasks WHERE confidentiality = 'public'"));
    std::string t = oldest.Text(0, 0);
    if (!t.empty() && (earliest.empty() || t < earliest)) earliest = t;
    if (earliest.empty()) earliest = now_;
    body_.Open("Identify");
    body_.Leaf("repositoryName", Render(Message("oai.repository_name"), "vi"));
    body_.Leaf("baseURL", BaseUrl());
    body_.Leaf("protocolVersion", "2.0");
    body_.Leaf("adminEmail", o_.admin_email);
    body_.Leaf("earliestDatestamp", earliest);
    body_.Leaf("deletedRecord", "persistent");
    body_.Leaf("granularity", "YYYY-MM-DDThh:mm:ssZ");
    body_.Close("Identify");
    return std::vector<OaiError>{};
  }

  // The item an identifier names (public or deleted), or nullopt.
  Result<std::optional<Item>> FindItem(const std::string& identifier) {
    auto id = OaiTaskId(identifier);
    if (!id) return std::optional<Item>();
    ItemQuery q;
    q.only_id = *id;
    q.limit = 1;
    KETNOI_ASSIGN_OR_RETURN(std::vector<Item> items, Items(db_, q));
    if (items.empty()) return std::optional<Item>();
    return std::optional<Item>(std::move(items.front()));
  }

  Result<std::vector<OaiError>> ListMetadataFormats(const OaiParsed& p) {
    if (p.identifier) {
      KETNOI_ASSIGN_OR_RETURN(auto item, FindItem(*p.identifier));
      if (!item)
        return std::vector<OaiError>{
            Error(OaiErrorCode::kIdDoesNotExist,
                  Message("oai.id_does_not_exist", {{"identifier", Clip(*p.identifier)}}))};
    }
    const std::pair<std::string_view, std::string> formats[] = {
        {"oai_dc", std::string(kDcFormatSchema)}, {"ketnoi", o_.site_url + "/oai/ketnoi.xsd"}};
    body_.Open("ListMetadataFormats");
    for (const auto& [prefix, schema] : formats) {
      body_.Open("metadataFormat");
      body_.Leaf("metadataPrefix", prefix);
      body_.Leaf("schema", schema);
      body_.Leaf("metadataNamespace",
                 prefix == "oai_dc" ? kDcFormatNamespace : kOaiKetnoiNamespace);
      body_.Close("metadataFormat");
    }
    body_.Close("ListMetadataFormats");
    return std::vector<OaiError>{};
  }

  Result<std::vector<OaiError>> ListSets(const OaiParsed& p) {
    // Every set fits in one response: a token was never issued for ListSets.
    if (p.resumption_token)
      return std::vector<OaiError>{
          Error(OaiErrorCode::kBadResumptionToken, Message("oai.bad_token"))};
    const std::string& lang = req_.lang;
    body_.Open("ListSets");
    auto set = [&](const std::string& spec, const std::string& name) {
      body_.Open("set");
      body_.Leaf("setSpec", spec);
      body_.Leaf("setName", name);
      body_.Close("set");
    };
    set("program", Render(Message("oai.set_program"), lang));
    KETNOI_ASSIGN_OR_RETURN(std::vector<registry::Program> programs, reg_.ListPrograms());
    for (const auto& g : programs)
      set("program:" + OaiSetComponent(g.code), g.code + " — " + g.name);
    set("field", Render(Message("oai.set_field"), lang));
    for (const auto& f : registry::FieldClassification())
      if (f.code.size() == 1)
        set("field:" + std::string(f.code), std::string(lang == "en" ? f.name_en : f.name_vi));
    set("source", Render(Message("oai.set_source"), lang));
    KETNOI_ASSIGN_OR_RETURN(
        store::Rows sources,
        db_.Query("SELECT source FROM tasks WHERE confidentiality = 'public' UNION SELECT source "
                  "FROM oai_published ORDER BY 1"));
    for (size_t i = 0; i < sources.size(); ++i) {
      std::string s = sources.Text(i, 0);
      set("source:" + OaiSetComponent(s),
          Render(Message("oai.set_source_name", {{"source", s}}), lang));
    }
    body_.Close("ListSets");
    return std::vector<OaiError>{};
  }

  // Full records of the public items (deleted ones have none). An item that stopped being
  // public since it was listed is dropped from `items`.
  Result<std::map<int64_t, RecordData>> LoadRecords(std::vector<Item>& items) {
    std::vector<int64_t> ids;
    for (const Item& it : items)
      if (!it.deleted) ids.push_back(it.id);
    std::map<int64_t, RecordData> out;
    if (ids.empty()) return out;
    KETNOI_ASSIGN_OR_RETURN(std::vector<registry::TaskRecord> recs, reg_.GetTaskRecords(ids));
    std::set<int64_t> person_ids;
    for (auto& r : recs) {
      if (!r.task.IsPublic()) continue;
      int64_t id = r.task.id;
      out[id].rec = std::move(r);
      for (const auto& m : out[id].rec.task.members) person_ids.insert(m.person_id);
    }
    std::unordered_map<int64_t, std::string> names;
    if (!person_ids.empty()) {
      std::string sql = "SELECT id, full_name, academic_title, degree FROM people WHERE id IN (";
      store::Params params;
      for (int64_t pid : person_ids) {
        sql += params.empty() ? "?" : ",?";
        params.push_back(pid);
      }
      KETNOI_ASSIGN_OR_RETURN(store::Rows rows, db_.Query(sql + ")", params));
      for (size_t i = 0; i < rows.size(); ++i) {
        registry::Person person;
        person.full_name = rows.Text(i, 1);
        person.academic_title = rows.Text(i, 2);
        person.degree = rows.Text(i, 3);
        names[rows.Int(i, 0)] = person.DisplayName();
      }
    }
    for (auto& [id, d] : out)
      for (const auto& m : d.rec.task.members) d.members.emplace_back(m, names[m.person_id]);
    // Keep the listing consistent with what is shown: a task changed in between is shown (and
    // remembered) as read now; one no longer public is left out of this page.
    std::optional<int64_t> fresh_seq;
    std::vector<Item> kept;
    for (Item& it : items) {
      if (it.deleted) {
        kept.push_back(std::move(it));
        continue;
      }
      auto found = out.find(it.id);
      if (found == out.end()) continue;
      const registry::TaskRecord& r = found->second.rec;
      if (r.task.updated_at != it.datestamp || r.program_code != it.program_code ||
          FieldTop(r.task.field_code) != it.field_top || r.task.source != it.source) {
        if (!fresh_seq) {
          KETNOI_ASSIGN_OR_RETURN(int64_t s, store::LastSeq(db_));
          fresh_seq = s;
        }
        it.datestamp = r.task.updated_at;
        it.program_code = r.program_code;
        it.field_top = FieldTop(r.task.field_code);
        it.source = r.task.source;
        it.last_seq = *fresh_seq;
        it.remembered = false;
      }
      kept.push_back(std::move(it));
    }
    items = std::move(kept);
    return out;
  }

  void WriteHeader(const Item& it) {
    body_.Open("header", it.deleted ? Attrs{{"status", "deleted"}} : Attrs{});
    body_.Leaf("identifier", OaiIdentifier(it.id));
    body_.Leaf("datestamp", it.datestamp);
    if (!it.deleted)
      for (const auto& s : SetSpecs(it)) body_.Leaf("setSpec", s);
    body_.Close("header");
  }

  void WriteRecord(const Item& it, const std::map<int64_t, RecordData>& records,
                   const std::string& prefix) {
    body_.Open("record");
    WriteHeader(it);
    auto found = records.find(it.id);
    if (!it.deleted && found != records.end()) {
      body_.Open("metadata");
      if (prefix == "ketnoi")
        WriteKetnoi(body_, found->second, o_);
      else
        WriteDublinCore(body_, found->second, o_);
      body_.Close("metadata");
    }
    body_.Close("record");
  }

  Result<std::vector<OaiError>> GetRecord(const OaiParsed& p) {
    std::vector<OaiError> errors;
    KETNOI_ASSIGN_OR_RETURN(auto item, FindItem(*p.identifier));
    if (!item)
      errors.push_back(
          Error(OaiErrorCode::kIdDoesNotExist,
                Message("oai.id_does_not_exist", {{"identifier", Clip(*p.identifier)}})));
    if (!KnownPrefix(*p.metadata_prefix))
      errors.push_back(
          Error(OaiErrorCode::kCannotDisseminateFormat,
                Message("oai.cannot_disseminate_format", {{"prefix", Clip(*p.metadata_prefix)}})));
    if (!errors.empty()) return errors;
    std::vector<Item> items{std::move(*item)};
    KETNOI_ASSIGN_OR_RETURN(auto records, LoadRecords(items));
    if (items.empty())  // stopped being public a moment ago
      return std::vector<OaiError>{
          Error(OaiErrorCode::kIdDoesNotExist,
                Message("oai.id_does_not_exist", {{"identifier", Clip(*p.identifier)}}))};
    KETNOI_RETURN_IF_ERROR(Remember(db_, items, now_));
    body_.Open("GetRecord");
    WriteRecord(items.front(), records, *p.metadata_prefix);
    body_.Close("GetRecord");
    return std::vector<OaiError>{};
  }

  Result<std::vector<OaiError>> List(const OaiParsed& p) {
    const bool records = *p.verb == OaiVerb::kListRecords;
    int64_t now_unix =
        std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
    KETNOI_ASSIGN_OR_RETURN(std::string secret, OaiTokenSecret(db_, clock_));
    OaiTokenState state;
    bool resumed = false;
    if (p.resumption_token) {
      auto decoded = DecodeResumptionToken(*p.resumption_token, secret);
      if (!decoded || decoded->verb != *p.verb)
        return std::vector<OaiError>{
            Error(OaiErrorCode::kBadResumptionToken, Message("oai.bad_token"))};
      if (decoded->expires < now_unix)
        return std::vector<OaiError>{
            Error(OaiErrorCode::kBadResumptionToken,
                  Message("oai.token_expired",
                          {{"at", FormatTimestamp(std::chrono::system_clock::time_point(
                                      std::chrono::seconds(decoded->expires)))}}))};
      state = *decoded;
      resumed = true;
    } else {
      if (!KnownPrefix(*p.metadata_prefix))
        return std::vector<OaiError>{Error(
            OaiErrorCode::kCannotDisseminateFormat,
            Message("oai.cannot_disseminate_format", {{"prefix", Clip(*p.metadata_prefix)}}))};
      state.verb = *p.verb;
      state.metadata_prefix = *p.metadata_prefix;
      state.set = p.set.value_or("");
      state.from_bound = p.from_bound;
      state.until_bound = p.until_bound;
    }
    ItemQuery q;
    q.set = ResolveSet(state.set);
    q.from = state.from_bound;
    q.until = state.until_bound;
    q.after_id = state.after_id;
    const int page = std::max(1, o_.page_size);
    q.limit = page + 1;
    std::vector<Item> items;
    if (q.set.kind != SetFilter::Kind::kNothing) {
      KETNOI_ASSIGN_OR_RETURN(items, Items(db_, q));
    }
    bool more = static_cast<int64_t>(items.size()) > page;
    if (more) items.resize(static_cast<size_t>(page));
    std::map<int64_t, RecordData> recs;
    if (records) {
      KETNOI_ASSIGN_OR_RETURN(recs, LoadRecords(items));
    }
    if (items.empty())
      return std::vector<OaiError>{
          Error(OaiErrorCode::kNoRecordsMatch, Message("oai.no_records_match"))};
    if (!resumed) {
      ItemQuery cq = q;
      cq.limit = 0;
      KETNOI_ASSIGN_OR_RETURN(state.complete_list_size, CountItems(db_, cq));
    }
    KETNOI_RETURN_IF_ERROR(Remember(db_, items, now_));

    std::string_view element = records ? "ListRecords" : "ListIdentifiers";
    body_.Open(element);
    for (const Item& it : items) {
      if (records)
        WriteRecord(it, recs, state.metadata_prefix);
      else
        WriteHeader(it);
    }
    const int64_t cursor = state.cursor;
    const int64_t returned = cursor + static_cast<int64_t>(items.size());
    // The count taken when the harvest began; on the last page, what was actually returned.
    const int64_t size = more ? std::max(state.complete_list_size, returned + 1) : returned;
    Attrs attrs = {{"completeListSize", std::to_string(size)}, {"cursor", std::to_string(cursor)}};
    if (more) {
      OaiTokenState next = state;
      next.after_id = items.back().id;
      next.cursor = returned;
      next.complete_list_size = size;
      next.expires = now_unix + o_.token_lifetime.count();
      attrs.insert(attrs.begin(),
                   std::pair<std::string_view, std::string>(
                       "expirationDate", FormatTimestamp(std::chrono::system_clock::time_point(
                                             std::chrono::seconds(next.expires)))));
      body_.Leaf("resumptionToken", EncodeResumptionToken(next, secret), attrs);
    } else if (resumed) {
      body_.Empty("resumptionToken", attrs);  // the list is complete
    }
    body_.Close(element);
    return std::vector<OaiError>{};
  }

  registry::Registry& reg_;
  store::Db& db_;
  const Clock& clock_;
  const OaiOptions& o_;
  const OaiRequest& req_;
  XmlWriter body_;
  std::string now_;
};

}  // namespace

Result<std::string> OaiTokenSecret(store::Db& db, const Clock& clock) {
  KETNOI_ASSIGN_OR_RETURN(store::Rows rows, db.Query("SELECT secret FROM oai_secret WHERE id = 1"));
  if (!rows.empty()) return rows.Text(0, 0);
  // First use: two workers may race here; the first insert wins and both read it back.
  KETNOI_RETURN_IF_ERROR(
      db.Exec("INSERT INTO oai_secret (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT (id) "
              "DO NOTHING",
              {crypto::RandomToken(32), clock.NowText()}));
  KETNOI_ASSIGN_OR_RETURN(rows, db.Query("SELECT secret FROM oai_secret WHERE id = 1"));
  if (rows.empty())
    return Status::Internal({"store.query_failed", {{"reason", "oai_secret is empty"}}});
  return rows.Text(0, 0);
}

std::string_view KetnoiMetadataSchema() { return kKetnoiSchema; }

Result<std::string> OaiProvider::Handle(const OaiRequest& request) {
  Responder r(registry_, clock_, options_, request);
  return r.Run();
}

}  // namespace ketnoi::exchange
