#include "demo/demo.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

#include "demo/vocab.h"
#include "registry/authority.h"
#include "store/db.h"

namespace ketnoi::demo {

namespace {

using registry::Organisation;
using registry::Person;
using registry::Program;
using registry::Task;

// SplitMix64: tiny, fast, and identical on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(
            Mix(seed * 0x9E3779B97F4A7C15ULL ^ Mix(stream) ^ Mix(index + 0x632BE59BD9B4E019ULL))) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    return Mix(z);
  }
  // Uniform in [0, n).
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t state_;
};

constexpr uint64_t kStreamTask = 1, kStreamPerson = 2, kStreamOrg = 3;

// The day the demo's "now" is fixed to, so statuses do not depend on when it is generated.
constexpr Date kReferenceDay{2026, 6, 30};

constexpr std::array<std::string_view, 12> kUrbanDistricts = {
    "Ba Đình",      "Hoàn Kiếm", "Tây Hồ",     "Long Biên",   "Cầu Giấy",    "Đống Đa",
    "Hai Bà Trưng", "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông"};

std::string DistrictWithKind(std::string_view d) {
  if (d == "Sơn Tây") return "thị xã Sơn Tây";
  for (auto u : kUrbanDistricts)
    if (u == d) return "quận " + std::string(d);
  return "huyện " + std::string(d);
}

std::string Capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}
std::string Decapitalise(std::string_view s) {
  // Lower-case the first letter when it is ASCII (every action starts with one: "Nghiên", "Ứng"
  // is the exception and is handled by the two-byte check below).
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z')
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  else if (out.rfind("Ứ", 0) == 0)
    out.replace(0, std::string_view("Ứ").size(), "ứ");
  else if (out.rfind("Đ", 0) == 0)
    out.replace(0, std::string_view("Đ").size(), "đ");
  return out;
}

// Themes weighted toward what a city department funds: every theme once, plus extra draws
// for agriculture, medicine, IT and environment.
const Theme& PickTheme(Rng& rng) {
  const auto themes = kThemes;
  if (rng.Chance(0.35)) {
    for (int tries = 0; tries < 8; ++tries) {
      const Theme& t = themes[rng.Below(themes.size())];
      char top = t.field[0];
      if (top == '4' || top == '3' || std::string_view(t.field) == "102" ||
          std::string_view(t.field) == "202" || std::string_view(t.field) == "207")
        return t;
    }
  }
  return themes[rng.Below(themes.size())];
}

std::string PlacePhrase(Rng& rng) {
  if (rng.Chance(0.55)) return "tại " + DistrictWithKind(rng.Pick(kDistricts)) + ", Hà Nội";
  return rng.Pick(kPlaceQualifiers);
}

struct TaskText {
  const Theme* theme;
  std::string title, abstract, objectives, content, place;
  std::vector<std::string> keywords;
  std::vector<std::string> products;
};

TaskText ComposeText(Rng& rng) {
  TaskText t;
  const Theme& th = PickTheme(rng);
  t.theme = &th;
  std::string action = rng.Pick(th.actions);
  std::string object = rng.Pick(th.objects);
  size_t method_index = rng.Below(th.methods.size());
  std::string method = th.methods[method_index];
  std::string goal = rng.Pick(th.goals);
  t.place = PlacePhrase(rng);
  switch (rng.Below(5)) {
    case 0:
      t.title = action + " " + object;
      break;
    case 1:
      t.title = action + " " + object + " " + t.place;
      break;
    case 2:
      t.title = action + " " + object + " nhằm " + goal;
      break;
    case 3:
      t.title = action + " " + object + " bằng " + method;
      break;
    default:
      t.title = action + " " + object + " nhằm " + goal + " " + t.place;
      break;
  }
  // A second, different method for the abstract.
  std::string method2 =
      th.methods.size() > 1
          ? th.methods[(method_index + 1 + rng.Below(th.methods.size() - 1)) % th.methods.size()]
          : method;
  std::string goal2 = rng.Pick(th.goals);
  size_t nproducts = 2 + rng.Below(3);
  for (size_t i = 0; i < nproducts; ++i) {
    std::string p = rng.Pick(th.products);
    if (std::find(t.products.begin(), t.products.end(), p) == t.products.end())
      t.products.push_back(p);
  }
  std::string product_list;
  for (size_t i = 0; i < t.products.size(); ++i)
    product_list += (i == 0 ? "" : (i + 1 == t.products.size() ? " và " : ", ")) + t.products[i];
  static constexpr std::string_view kOpenings[] = {"Nhiệm vụ tập trung", "Đề tài hướng tới",
                                                   "Nghiên cứu nhằm", "Nhiệm vụ được thực hiện để"};
  t.abstract =
      std::string(kOpenings[rng.Below(4)]) + " " + Decapitalise(action) + " " + object + " " +
      t.place + ". Nhóm nghiên cứu sử dụng " + method + " kết hợp " + method2 + " nhằm " + goal +
      ". Kết quả dự kiến gồm " + product_list +
      ", được áp dụng thử nghiệm và đánh giá hiệu quả trước khi chuyển giao cho các đơn vị "
      "có nhu cầu. Nhiệm vụ góp phần " +
      goal2 + ".";
  t.objectives = "Mục tiêu chung: " + goal + ". Mục tiêu cụ thể: " + goal2 + "; hoàn thiện " +
                 t.products.front() + ".";
  t.content = "Nội dung 1: Tổng quan tình hình nghiên cứu trong và ngoài nước về " + object +
              ". Nội dung 2: Nghiên cứu, thử nghiệm " + method + ". Nội dung 3: Xây dựng " +
              t.products.front() + " và đánh giá kết quả " + t.place + ".";
  size_t nkeywords = 3 + rng.Below(3);
  for (size_t i = 0; i < nkeywords; ++i) {
    std::string k = rng.Pick(th.keywords);
    if (std::find(t.keywords.begin(), t.keywords.end(), k) == t.keywords.end())
      t.keywords.push_back(k);
  }
  return t;
}

std::string ProgramForField(std::string_view field) {
  char top = field.empty() ? '0' : field[0];
  if (top == '4' || field == "406") return "CT-02";
  if (field == "102" || field == "202" || field == "101") return "CT-03";
  if (top == '3') return "CT-04";
  if (field == "105" || field == "207" || field == "208" || field == "201") return "CT-05";
  if (top == '6') return "CT-06";
  if (top == '2') return "CT-07";
  if (field == "502") return "CT-01";
  if (top == '5') return "CT-09";
  return "CT-08";
}

struct ProgramSeed {
  const char* code;
  const char* name;
  bool sample;
};
constexpr ProgramSeed kPrograms[] = {
    {"CT-01",
     "Chương trình nghiên cứu khoa học và công nghệ phục vụ phát triển bền vững kinh tế Thủ đô "
     "trong bối cảnh hội nhập quốc tế",
     false},
    {"CT-02", "Chương trình ứng dụng và phát triển công nghệ cao phục vụ nông nghiệp Thủ đô", true},
    {"CT-03",
     "Chương trình khoa học và công nghệ phục vụ chuyển đổi số và xây dựng thành phố thông minh",
     true},
    {"CT-04",
     "Chương trình ứng dụng khoa học và công nghệ trong chăm sóc, bảo vệ sức khỏe nhân dân Thủ đô",
     true},
    {"CT-05",
     "Chương trình khoa học và công nghệ phục vụ quản lý đô thị, bảo vệ môi trường và ứng phó với "
     "biến đổi khí hậu",
     true},
    {"CT-06",
     "Chương trình nghiên cứu bảo tồn và phát huy giá trị di sản văn hóa Thăng Long – Hà Nội",
     true},
    {"CT-07",
     "Chương trình hỗ trợ doanh nghiệp đổi mới công nghệ, nâng cao năng suất và chất lượng sản "
     "phẩm",
     true},
    {"CT-08",
     "Chương trình phát triển thị trường khoa học và công nghệ và hệ sinh thái khởi nghiệp đổi mới "
     "sáng tạo",
     true},
    {"CT-09",
     "Chương trình nghiên cứu khoa học xã hội và nhân văn phục vụ xây dựng và phát triển Thủ đô",
     true},
};

std::string Format(const char* fmt, int64_t n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, static_cast<long long>(n));
  return buf;
}

// A valid ORCID (ISO 7064 11,2 check digit) from 15 random digits.
std::string MakeOrcid(Rng& rng) {
  std::string digits = "0000000";
  for (int i = 0; i < 8; ++i) digits += static_cast<char>('0' + rng.Below(10));
  int total = 0;
  for (char c : digits) total = (total + (c - '0')) * 2;
  int check = (12 - total % 11) % 11;
  digits += check == 10 ? 'X' : static_cast<char>('0' + check);
  return digits.substr(0, 4) + "-" + digits.substr(4, 4) + "-" + digits.substr(8, 4) + "-" +
         digits.substr(12, 4);
}

Person MakePerson(uint64_t seed, int64_t i, const std::vector<int64_t>& research_orgs) {
  Rng rng(seed, kStreamPerson, static_cast<uint64_t>(i));
  Person p;
  bool female = rng.Chance(0.45);
  p.full_name = std::string(rng.Pick(kFamilyNames)) + " " +
                (female ? rng.Pick(kMiddleNamesFemale) : rng.Pick(kMiddleNamesMale)) + " " +
                (female ? rng.Pick(kGivenNamesFemale) : rng.Pick(kGivenNamesMale));
  uint64_t level = rng.Below(100);
  if (level < 8) {
    p.academic_title = "GS.";
    p.degree = "TS.";
  } else if (level < 28) {
    p.academic_title = "PGS.";
    p.degree = "TS.";
  } else if (level < 70) {
    p.degree = "TS.";
  } else if (level < 92) {
    p.degree = "ThS.";
  } else {
    p.degree = rng.Chance(0.5) ? "KS." : "CN.";
  }
  p.affiliation_id = research_orgs[rng.Below(research_orgs.size())];
  if (rng.Chance(0.4)) p.orcid = MakeOrcid(rng);
  const Theme& th = kThemes[rng.Below(kThemes.size())];
  p.field_codes.push_back(th.field);
  p.source = kDemoSource;
  p.external_id = Format("PER-%06lld", i + 1);
  return p;
}

}  // namespace

std::string DemoTaskTitle(uint64_t seed, int64_t i) {
  Rng rng(seed, kStreamTask, static_cast<uint64_t>(i));
  return ComposeText(rng).title;
}

Result<DemoStats> BuildDemo(registry::Registry& reg, const DemoOptions& opt) {
  DemoStats stats;
  store::Db& db = reg.db();
  KETNOI_RETURN_IF_ERROR(reg.SeedReferenceData());

  // Organisations.
  std::vector<int64_t> org_ids, research_orgs;
  std::vector<std::string> org_districts;
  {
    store::Transaction tx(db);
    KETNOI_RETURN_IF_ERROR(tx.Begin());
    for (size_t i = 0; i < kOrganisations.size(); ++i) {
      const OrgSeed& s = kOrganisations[i];
      Organisation o;
      o.name = s.name;
      o.short_name = s.short_name;
      o.name_en = s.name_en;
      o.type = s.type;
      o.parent_body = s.parent;
      o.district = s.district;
      o.source = kDemoSource;
      o.external_id = Format("ORG-%04lld", static_cast<int64_t>(i + 1));
      if (o.type == std::string_view("enterprise")) {
        Rng rng(opt.seed, kStreamOrg, i);
        // Hà Nội's province code 01, a sequence number, and the check digit (a sequence whose
        // nine digits take none is moved to the next one).
        auto seq = static_cast<int64_t>(rng.Below(10000000));
        std::string nine = "01" + Format("%07lld", seq);
        while (!authority::TaxCodeCheckDigit(nine))
          nine = "01" + Format("%07lld", seq = (seq + 1) % 10000000);
        o.tax_code = nine + std::to_string(*authority::TaxCodeCheckDigit(nine));
      }
      KETNOI_ASSIGN_OR_RETURN(registry::Saved saved, reg.Upsert(o));
      org_ids.push_back(saved.id);
      org_districts.push_back(o.district);
      if (o.type != std::string_view("enterprise") || i % 3 == 0) research_orgs.push_back(saved.id);
    }
    KETNOI_RETURN_IF_ERROR(tx.Commit());
  }
  stats.organisations = static_cast<int64_t>(org_ids.size());

  // People: about one for every eight tasks, at least 200, at most 100,000.
  const int64_t people = std::clamp<int64_t>(opt.tasks / 8, 200, 100000);
  std::vector<int64_t> person_ids;
  std::vector<int64_t> person_affiliation;
  person_ids.reserve(static_cast<size_t>(people));
  for (int64_t start = 0; start < people; start += 2000) {
    store::Transaction tx(db);
    KETNOI_RETURN_IF_ERROR(tx.Begin());
    for (int64_t i = start; i < std::min(people, start + 2000); ++i) {
      Person p = MakePerson(opt.seed, i, research_orgs);
      KETNOI_ASSIGN_OR_RETURN(registry::Saved saved, reg.Upsert(p));
      person_ids.push_back(saved.id);
      person_affiliation.push_back(*p.affiliation_id);
    }
    KETNOI_RETURN_IF_ERROR(tx.Commit());
  }
  stats.people = people;

  // The 9 city programs 2021–2025, each with a five-member board.
  std::vector<std::pair<std::string, int64_t>> program_ids;
  {
    store::Transaction tx(db);
    KETNOI_RETURN_IF_ERROR(tx.Begin());
    Rng rng(opt.seed, 4, 0);
    for (size_t i = 0; i < std::size(kPrograms); ++i) {
      Program p;
      p.code = kPrograms[i].code;
      p.name = kPrograms[i].name;
      p.is_sample = kPrograms[i].sample;
      p.period_start = 2021;
      p.period_end = 2025;
      p.budget = Money::Million(50000 + 10000 * static_cast<int64_t>(rng.Below(16)));
      p.description = p.is_sample ? "Tên chương trình là dữ liệu mẫu." : "";
      static constexpr const char* kRoles[] = {"chair", "vice_chair", "secretary", "member",
                                               "member"};
      for (int b = 0; b < 5; ++b) {
        int64_t person = person_ids[(i * 37 + static_cast<size_t>(b) * 11) % person_ids.size()];
        bool dup = false;
        for (const auto& m : p.board) dup = dup || m.person_id == person;
        if (!dup) p.board.push_back({person, kRoles[b]});
      }
      KETNOI_ASSIGN_OR_RETURN(registry::Saved saved, reg.Upsert(p));
      program_ids.emplace_back(p.code, saved.id);
    }
    KETNOI_RETURN_IF_ERROR(tx.Commit());
  }
  stats.programs = static_cast<int64_t>(program_ids.size());
  auto program_id = [&](const std::string& code) -> int64_t {
    for (const auto& [c, id] : program_ids)
      if (c == code) return id;
    return program_ids.front().second;
  };

  // Tasks, continuing after those already present.
  KETNOI_ASSIGN_OR_RETURN(stats.tasks_before, reg.CountTasks(kDemoSource));
  for (int64_t start = stats.tasks_before; start < opt.tasks; start += opt.batch) {
    store::Transaction tx(db);
    KETNOI_RETURN_IF_ERROR(tx.Begin());
    int64_t end = std::min(opt.tasks, start + opt.batch);
    for (int64_t i = start; i < end; ++i) {
      Rng rng(opt.seed, kStreamTask, static_cast<uint64_t>(i));
      TaskText text = ComposeText(rng);
      Task t;
      t.title = text.title;
      t.abstract = text.abstract;
      t.objectives = text.objectives;
      t.content = text.content;
      t.keywords = text.keywords;
      t.field_code = text.theme->field;
      if (t.field_code == "302" && rng.Chance(0.3)) t.field_code = "30218";
      uint64_t k = rng.Below(100);
      t.kind = k < 72 ? "de_tai" : k < 84 ? "du_an_sxtn" : k < 94 ? "de_an" : "du_an_khcn";
      uint64_t lv = rng.Below(100);
      t.level = lv < 80 ? "tinh" : lv < 92 ? "co_so" : lv < 97 ? "bo" : "quoc_gia";
      size_t pi_index = rng.Below(person_ids.size());
      t.pi_id = person_ids[pi_index];
      t.host_id = person_affiliation[pi_index];
      if (t.level == "tinh" && rng.Chance(0.75))
        t.program_id = program_id(ProgramForField(t.field_code));
      int year = static_cast<int>(rng.Between(2008, 2026));
      Date start_date{year, static_cast<int>(rng.Between(1, 12)), 1};
      int months = static_cast<int>(rng.Between(12, 36));
      Date end_date = Date::FromDaysSinceEpoch(start_date.DaysSinceEpoch() + months * 30 + 29);
      t.start = start_date;
      t.end = end_date;
      int64_t budget_million = rng.Between(30, 500) * 10;  // 300 triệu – 5 tỷ
      if (t.kind == "du_an_sxtn") budget_million *= 2;
      t.budget_state = Money::Million(budget_million);
      if (t.kind == "du_an_sxtn" || rng.Chance(0.3))
        t.budget_other =
            Money::Million(budget_million * static_cast<int64_t>(rng.Between(10, 80)) / 100);
      if (start_date > kReferenceDay) {
        t.status = rng.Chance(0.5) ? "proposed" : "approved";
      } else if (end_date > kReferenceDay) {
        t.status = "in_progress";
      } else {
        uint64_t s = rng.Below(100);
        t.status = s < 5    ? "terminated"
                   : s < 45 ? "accepted"
                   : s < 90 ? "registered"
                            : "in_progress";
      }
      static constexpr std::string_view kPrefix[] = {"ĐT", "DA", "ĐA", "DA"};
      std::string prefix(kPrefix[t.kind == "de_tai" ? 0 : t.kind == "de_an" ? 2 : 1]);
      t.code =
          prefix + "-" + std::to_string(year) + "-" + t.field_code + "-" + Format("%06lld", i + 1);
      if (t.status == "accepted" || t.status == "registered") {
        t.archive_no = Format("%lld", static_cast<int64_t>(rng.Between(1, 400))) + "/KQNC-SKHCN";
        t.result_summary =
            "Nhiệm vụ đã hoàn thành " + text.products.front() + " đạt yêu cầu đặt hàng.";
        if (rng.Chance(0.6)) t.applied_at = "Áp dụng " + text.place;
      }
      uint64_t conf = rng.Below(1000);
      t.confidentiality = conf < 8 ? "secret" : conf < 25 ? "restricted" : "public";
      t.members.push_back({*t.pi_id, "pi"});
      int64_t nmembers = rng.Between(2, 6);
      for (int64_t m = 0; m < nmembers; ++m) {
        int64_t person = person_ids[rng.Below(person_ids.size())];
        bool dup = false;
        for (const auto& x : t.members) dup = dup || x.person_id == person;
        if (!dup)
          t.members.push_back({person, m == 0 ? "secretary" : m < 3 ? "key_member" : "member"});
      }
      for (size_t p = 0; p < text.products.size(); ++p) {
        registry::TaskProduct prod;
        prod.name = Capitalise(text.products[p]);
        prod.quantity = rng.Between(1, 5);
        prod.quality_target = "Được hội đồng nghiệm thu đánh giá đạt yêu cầu";
        t.products.push_back(std::move(prod));
      }
      t.source = kDemoSource;
      t.external_id = Format("TASK-%07lld", i + 1);
      KETNOI_ASSIGN_OR_RETURN(registry::Saved saved, reg.Upsert(std::move(t)));
      (void)saved;
      ++stats.tasks_added;
    }
    KETNOI_RETURN_IF_ERROR(tx.Commit());
    if (opt.progress) opt.progress(end, opt.tasks);
  }
  return stats;
}

}  // namespace ketnoi::demo
