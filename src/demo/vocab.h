#pragma once
// Vocabularies the demo corpus is composed from: real Hanoi universities and institutes by
// their real names, plausible (invented) enterprises, Hanoi's districts, Vietnamese personal
// names, and per-field research themes whose pieces combine into titles and abstracts that read
// like real Vietnamese research. Data only; demo.cpp does the composing.
#include <span>

namespace ketnoi::demo {

struct OrgSeed {
  const char* name;  // full Vietnamese name, NFC: "Trường Đại học Bách khoa Hà Nội"
  const char* short_name;  // common abbreviation: "HUST", "" if none
  const char* name_en;     // English name, "" if none
  // One of: "university", "institute", "enterprise", "state_agency", "intermediary", "hospital"
  const char* type;
  const char* parent;  // parent body in Vietnamese ("Bộ Giáo dục và Đào tạo"), "" if none
  const char* district;  // one of kDistricts
  bool real;             // true for real organisations, false for invented enterprises
};

struct Theme {
  const char* field;  // 3-digit S&T sub-field code of QĐ 12/2008, e.g. "302"
  // Objects of study, noun phrases, lower-case start: "giống lúa chất lượng cao".
  std::span<const char* const> objects;
  // Title openers, capitalised: "Nghiên cứu ứng dụng", "Xây dựng mô hình".
  std::span<const char* const> actions;
  // Methods/technologies, phrases usable after "bằng"/"sử dụng": "công nghệ nuôi cấy mô".
  std::span<const char* const> methods;
  // Goals, phrases usable after "nhằm": "nâng cao năng suất và chất lượng sản phẩm".
  std::span<const char* const> goals;
  // Expected products, noun phrases: "quy trình kỹ thuật nhân giống", "báo cáo khoa học".
  std::span<const char* const> products;
  // Keywords typical for the theme.
  std::span<const char* const> keywords;
};

extern const std::span<const OrgSeed> kOrganisations;
extern const std::span<const char* const> kDistricts;          // Hanoi's 30 district-level units
extern const std::span<const char* const> kFamilyNames;        // Nguyễn, Trần, Lê, …
extern const std::span<const char* const> kMiddleNamesMale;    // Văn, Đức, Minh, …
extern const std::span<const char* const> kMiddleNamesFemale;  // Thị, Thu, Ngọc, …
extern const std::span<const char* const> kGivenNamesMale;     // Hùng, Dũng, …
extern const std::span<const char* const> kGivenNamesFemale;   // Lan, Hương, …
extern const std::span<const Theme> kThemes;
// Phrases about Hanoi places used as qualifiers: "trên địa bàn thành phố Hà Nội",
// "tại huyện {district}" is composed from kDistricts by the generator.
extern const std::span<const char* const> kPlaceQualifiers;

}  // namespace ketnoi::demo
