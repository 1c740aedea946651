// Identifiers and name keys (registry/authority.h): tables of real identifiers, wrong check
// characters, wrong lengths and URL forms; tax codes built with a check digit computed here from
// a hand-written table; organisation and person names that must (or must not) meet.
#include "registry/authority.h"

#include <gtest/gtest.h>

#include <string>

namespace ketnoi::authority {
namespace {

std::string Show(const Status& s) { return s.ToString(); }

struct Case {
  const char* value;
  const char* normalised;  // nullptr: refused
  const char* error_id;    // when refused
  const char* expected;    // the "expected" parameter, when the check character is wrong
};

void RunTable(Kind kind, const char* field, std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(KindName(kind)) + " '" + c.value + "'");
    Result<std::string> r = Normalize(kind, c.value);
    if (c.normalised) {
      ASSERT_TRUE(r.ok()) << Show(r.status());
      EXPECT_EQ(*r, c.normalised);
      // Normalising is idempotent.
      Result<std::string> again = Normalize(kind, *r);
      ASSERT_TRUE(again.ok()) << Show(again.status());
      EXPECT_EQ(*again, *r);
      continue;
    }
    ASSERT_FALSE(r.ok()) << "accepted as " << *r;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_EQ(r.status().message().id, c.error_id) << Show(r.status());
    EXPECT_EQ(r.status().message().Param("field"), field);
    EXPECT_EQ(r.status().message().Param("value"), c.value);
    if (c.expected) {
      EXPECT_EQ(r.status().message().Param("expected"), c.expected) << Show(r.status());
    }
  }
}

TEST(Authority, Orcid) {
  RunTable(
      Kind::kOrcid, "orcid",
      {
          {"0000-0002-1825-0097", "0000-0002-1825-0097", nullptr, nullptr},
          {"0000-0001-5109-3700", "0000-0001-5109-3700", nullptr, nullptr},
          {"0000-0002-1694-233X", "0000-0002-1694-233X", nullptr, nullptr},
          {"0000-0002-1694-233x", "0000-0002-1694-233X", nullptr, nullptr},
          {"https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", nullptr, nullptr},
          {"http://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", nullptr, nullptr},
          {"HTTPS://ORCID.ORG/0000-0002-1825-0097", "0000-0002-1825-0097", nullptr, nullptr},
          {"orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700", nullptr, nullptr},
          {"  0000-0002-1825-0097 ", "0000-0002-1825-0097", nullptr, nullptr},
          // Wrong check characters: the expected one is named.
          {"0000-0002-1825-0098", nullptr, "authority.orcid_check", "7"},
          {"0000-0002-1694-2339", nullptr, "authority.orcid_check", "X"},
          {"0000-0001-5109-370X", nullptr, "authority.orcid_check", "0"},
          {"https://orcid.org/0000-0002-1825-0091", nullptr, "authority.orcid_check", "7"},
          // Wrong form: lengths, separators, letters, X elsewhere than last.
          {"0000-0002-1825-009", nullptr, "authority.orcid_form", nullptr},
          {"0000-0002-1825-00977", nullptr, "authority.orcid_form", nullptr},
          {"0000000218250097", nullptr, "authority.orcid_form", nullptr},
          {"0000 0002 1825 0097", nullptr, "authority.orcid_form", nullptr},
          {"0000-0002-18250-097", nullptr, "authority.orcid_form", nullptr},
          {"0000-000X-1825-0097", nullptr, "authority.orcid_form", nullptr},
          {"000a-0002-1825-0097", nullptr, "authority.orcid_form", nullptr},
          {"https://example.org/0000-0002-1825-0097", nullptr, "authority.orcid_form", nullptr},
          {"", nullptr, "authority.empty", nullptr},
          {"   ", nullptr, "authority.empty", nullptr},
      });
  EXPECT_EQ(OrcidCheckChar("000000021825009"), '7');
  EXPECT_EQ(OrcidCheckChar("000000021694233"), 'X');
  EXPECT_EQ(OrcidCheckChar("00000002182500"), '\0');
  EXPECT_EQ(OrcidCheckChar("00000002182500a"), '\0');
}

TEST(Authority, Ror) {
  RunTable(Kind::kRor, "ror_id",
           {
               // Real ROR ids.
               {"03yrm5c26", "03yrm5c26", nullptr, nullptr},
               {"05dxps055", "05dxps055", nullptr, nullptr},
               {"00hx57361", "00hx57361", nullptr, nullptr},
               {"042nb2s44", "042nb2s44", nullptr, nullptr},
               {"03vek6s52", "03vek6s52", nullptr, nullptr},
               {"052gg0110", "052gg0110", nullptr, nullptr},
               {"013meh722", "013meh722", nullptr, nullptr},
               {"https://ror.org/03yrm5c26", "03yrm5c26", nullptr, nullptr},
               {"http://ror.org/03yrm5c26", "03yrm5c26", nullptr, nullptr},
               {"ror.org/03yrm5c26", "03yrm5c26", nullptr, nullptr},
               {"03YRM5C26", "03yrm5c26", nullptr, nullptr},
               {" https://ror.org/052gg0110 ", "052gg0110", nullptr, nullptr},
               // Wrong check digits.
               {"03yrm5c27", nullptr, "authority.ror_check", "26"},
               {"03yrm5c62", nullptr, "authority.ror_check", "26"},
               {"https://ror.org/052gg0101", nullptr, "authority.ror_check", "10"},
               {"03yrm5d26", nullptr, "authority.ror_check", nullptr},
               // Letters ROR never uses.
               {"03yrm5i26", nullptr, "authority.ror_letter", nullptr},
               {"0lyrm5c26", nullptr, "authority.ror_letter", nullptr},
               {"03yom5c26", nullptr, "authority.ror_letter", nullptr},
               {"03yrmuc26", nullptr, "authority.ror_letter", nullptr},
               // Wrong form: lengths, leading character, check digits not digits, URL.
               {"03yrm5c2", nullptr, "authority.ror_form", nullptr},
               {"03yrm5c266", nullptr, "authority.ror_form", nullptr},
               {"13yrm5c26", nullptr, "authority.ror_form", nullptr},
               {"03yrm5cz6", nullptr, "authority.ror_form", nullptr},
               {"03yr-5c26", nullptr, "authority.ror_form", nullptr},
               {"https://ror.org/", nullptr, "authority.ror_form", nullptr},
               {"https://example.org/03yrm5c26", nullptr, "authority.ror_form", nullptr},
               {"", nullptr, "authority.empty", nullptr},
           });
  EXPECT_EQ(RorChecksum("3yrm5c"), "26");
  EXPECT_EQ(RorChecksum("3yrm5"), "");
  EXPECT_EQ(RorChecksum("3yrmuc"), "");
  EXPECT_EQ(RorUrl("03yrm5c26"), "https://ror.org/03yrm5c26");
}

// The tax-code check digit computed independently of the code under test: each cell is
// (weight × digit) mod 11 for the weights 31 29 23 19 17 13 7 5 3, written out by hand.
constexpr int kWeighted[9][10] = {
    {0, 9, 7, 5, 3, 1, 10, 8, 6, 4},  // 31 ≡ 9
    {0, 7, 3, 10, 6, 2, 9, 5, 1, 8},  // 29 ≡ 7
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},   // 23 ≡ 1
    {0, 8, 5, 2, 10, 7, 4, 1, 9, 6},  // 19 ≡ 8
    {0, 6, 1, 7, 2, 8, 3, 9, 4, 10},  // 17 ≡ 6
    {0, 2, 4, 6, 8, 10, 1, 3, 5, 7},  // 13 ≡ 2
    {0, 7, 3, 10, 6, 2, 9, 5, 1, 8},  // 7
    {0, 5, 10, 4, 9, 3, 8, 2, 7, 1},  // 5
    {0, 3, 6, 9, 1, 4, 7, 10, 2, 5},  // 3
};

// -1 when the nine digits take no check digit.
int HandCheckDigit(const std::string& nine) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += kWeighted[i][nine[static_cast<size_t>(i)] - '0'];
  int r = sum % 11;
  return r == 0 ? -1 : 10 - r;
}

TEST(Authority, TaxCodeKnown) {
  RunTable(Kind::kTaxCode, "tax_code",
           {
               // Published tax codes of well-known enterprises.
               {"0100107518", "0100107518", nullptr, nullptr},  // Vietnam Airlines
               {"0100109106", "0100109106", nullptr, nullptr},  // Viettel
               {"0101248141", "0101248141", nullptr, nullptr},  // FPT
               {"0300588569", "0300588569", nullptr,
                nullptr},  // Vinamilk
                           // Branches: with the dash, without it, with spaces.
               {"0100107518-001", "0100107518-001", nullptr, nullptr},
               {"0100107518001", "0100107518-001", nullptr, nullptr},
               {"0100107518 - 012", "0100107518-012", nullptr, nullptr},
               {" 0101248141 ", "0101248141", nullptr, nullptr},
               // Wrong check digits (the 10th), also in a branch code.
               {"0100107519", nullptr, "authority.tax_check", "8"},
               {"0100109100", nullptr, "authority.tax_check", "6"},
               {"0300588568-001", nullptr, "authority.tax_check", "9"},
               {"0101248142001", nullptr, "authority.tax_check", "1"},
               // Wrong branch.
               {"0100107518-000", nullptr, "authority.tax_branch", nullptr},
               // Wrong form: lengths, dash elsewhere, letters, two dashes.
               {"12345", nullptr, "authority.tax_form", nullptr},
               {"010010751", nullptr, "authority.tax_form", nullptr},
               {"01001075188", nullptr, "authority.tax_form", nullptr},
               {"010010751800", nullptr, "authority.tax_form", nullptr},
               {"0100107518-01", nullptr, "authority.tax_form", nullptr},
               {"0100107518-0001", nullptr, "authority.tax_form", nullptr},
               {"010010751-8001", nullptr, "authority.tax_form", nullptr},
               {"0100107518-", nullptr, "authority.tax_form", nullptr},
               {"0100107518-0-01", nullptr, "authority.tax_form", nullptr},
               {"01001O7518", nullptr, "authority.tax_form", nullptr},
               {"001234567890", nullptr, "authority.tax_form", nullptr},  // a 12-digit personal id
               {"", nullptr, "authority.empty", nullptr},
           });
}

TEST(Authority, TaxCodeConstructed) {
  // Nine-digit prefixes spread over the range: each gets the hand-computed check digit, which
  // must be accepted, and every other tenth digit must be refused naming the right one.
  int valid = 0, impossible = 0;
  for (long long n = 100000000; n < 1000000000 && valid + impossible < 4000; n += 249989) {
    std::string nine = std::to_string(n);
    for (std::string p : {nine, "01" + nine.substr(2), "03" + nine.substr(2)}) {
      SCOPED_TRACE("prefix " + p);
      int check = HandCheckDigit(p);
      std::optional<int> code_check = TaxCodeCheckDigit(p);
      if (check < 0) {
        ++impossible;
        EXPECT_FALSE(code_check.has_value());
        Result<std::string> r = NormalizeTaxCode(p + "0");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.status().message().id, "authority.tax_no_check");
        EXPECT_EQ(r.status().message().Param("prefix"), p);
        continue;
      }
      ++valid;
      ASSERT_TRUE(code_check.has_value());
      EXPECT_EQ(*code_check, check);
      std::string code = p + std::to_string(check);
      Result<std::string> r = NormalizeTaxCode(code);
      ASSERT_TRUE(r.ok()) << Show(r.status());
      EXPECT_EQ(*r, code);
      Result<std::string> branch = NormalizeTaxCode(code + "123");
      ASSERT_TRUE(branch.ok()) << Show(branch.status());
      EXPECT_EQ(*branch, code + "-123");
      for (int d = 0; d <= 9; ++d) {
        if (d == check) continue;
        Result<std::string> bad = NormalizeTaxCode(p + std::to_string(d));
        ASSERT_FALSE(bad.ok()) << d;
        EXPECT_EQ(bad.status().message().id, "authority.tax_check");
        EXPECT_EQ(bad.status().message().Param("expected"), std::to_string(check));
        EXPECT_EQ(bad.status().message().Param("found"), std::to_string(d));
      }
    }
  }
  // About one prefix in eleven takes no check digit.
  EXPECT_GT(valid, 1000);
  EXPECT_GT(impossible, 50);
  EXPECT_FALSE(TaxCodeCheckDigit("01001075").has_value());
  EXPECT_FALSE(TaxCodeCheckDigit("01001075a").has_value());
}

TEST(Authority, KindNames) {
  for (Kind k : {Kind::kOrcid, Kind::kRor, Kind::kTaxCode}) {
    auto back = KindFromName(KindName(k));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, k);
  }
  EXPECT_FALSE(KindFromName("isni").has_value());
  EXPECT_FALSE(KindFromName("").has_value());
}

TEST(Authority, LongValuesAreQuotedShort) {
  std::string value(5000, '7');
  Result<std::string> r = NormalizeTaxCode(value);
  ASSERT_FALSE(r.ok());
  EXPECT_LT(r.status().message().Param("value").size(), 100u);
}

TEST(Authority, OrganisationNameKeysMeet) {
  // Each row: names of one organisation, written the ways partners write them.
  const std::vector<std::vector<std::string>> same = {
      {"Trường Đại học Bách khoa Hà Nội", "Đại học Bách khoa Hà Nội", "ĐH Bách khoa Hà Nội",
       "Trường ĐH Bách Khoa Hà Nội", "truong dai hoc bach khoa ha noi", "ĐHBK Hà Nội",
       "Đại học Bách khoa - Hà Nội", "  Đại  học   Bách khoa, Hà Nội. "},
      {"Đại học Quốc gia Hà Nội", "ĐHQG Hà Nội", "ĐHQGHN", "Dai hoc Quoc gia Ha Noi"},
      {"Công ty TNHH Công nghệ Sao Mai", "Cty TNHH Công nghệ Sao Mai",
       "CÔNG TY TRÁCH NHIỆM HỮU HẠN CÔNG NGHỆ SAO MAI", "Công ty T.N.H.H Công nghệ Sao Mai"},
      {"Công ty Cổ phần Dược phẩm Hà Tây", "Công ty CP Dược phẩm Hà Tây", "CTCP Dược phẩm Hà Tây",
       "Cty Cổ phần Dược phẩm Hà Tây"},
      {"Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ", "TT Ứng dụng tiến bộ KH&CN",
       "Trung tâm ứng dụng tiến bộ KHCN", "Trung tam Ung dung Tien bo Khoa hoc Cong nghe"},
      {"Viện Nghiên cứu Cơ khí", "Viện NC Cơ khí", "Vien nghien cuu co khi"},
      {"Học viện Nông nghiệp Việt Nam", "HV Nông nghiệp Việt Nam", "Học viện Nông nghiệp VN"},
  };
  for (const auto& names : same) {
    std::string key = OrganisationNameKey(names.front());
    EXPECT_FALSE(key.empty());
    for (const auto& n : names) EXPECT_EQ(OrganisationNameKey(n), key) << n;
  }
  // Different organisations never share a key.
  const std::vector<std::string> different = {
      "Viện Vật lý",
      "Viện Hoá học",
      "Viện Vật lý Kỹ thuật",
      "Viện Toán học",
      "Viện Cơ học",
      "Viện Cơ khí",  // not the research institute of mechanical engineering above
      "Đại học Bách khoa Hà Nội",
      "Đại học Bách khoa Thành phố Hồ Chí Minh",
      "Đại học Y Hà Nội",
      "Đại học Dược Hà Nội",
      "Cao đẳng Y Hà Nội",
      "Công ty TNHH Công nghệ Sao Mai",
      "Công ty Cổ phần Công nghệ Sao Mai",
      "Trung tâm Công nghệ Sao Mai",
      "Bệnh viện Bạch Mai",
      "Bệnh viện Bạch Mai 2",
  };
  for (size_t i = 0; i < different.size(); ++i)
    for (size_t j = i + 1; j < different.size(); ++j)
      EXPECT_NE(OrganisationNameKey(different[i]), OrganisationNameKey(different[j]))
          << different[i] << " / " << different[j];
  EXPECT_EQ(OrganisationNameKey("Đại học Bách khoa Hà Nội"), "dai hoc bach khoa ha noi");
  EXPECT_EQ(OrganisationNameKey(""), "");
  EXPECT_EQ(OrganisationNameKey(" .,- "), "");
}

TEST(Authority, PersonNameKeysMeet) {
  const std::vector<std::vector<std::string>> same = {
      {"Nguyễn Văn An", "PGS.TS. Nguyễn Văn An", "PGS. TS. Nguyễn Văn An", "GS.TSKH Nguyễn Văn An",
       "TS Nguyễn Văn An", "ThS. Nguyễn Văn An", "Th.S Nguyễn Văn An", "KS. Nguyễn Văn An",
       "BS. Nguyễn Văn An", "Dr. Nguyễn Văn An", "Prof. Dr. Nguyen Van An", "NGUYỄN VĂN AN",
       "nguyen van an", "Nguyễn Văn An, PhD", "  Nguyễn   Văn  An "},
      {"Trần Thị Đào", "PGS.TS Trần Thị Đào", "Tran Thi Dao", "TS. TRẦN THỊ ĐÀO"},
  };
  for (const auto& names : same) {
    std::string key = PersonNameKey(names.front());
    for (const auto& n : names) EXPECT_EQ(PersonNameKey(n), key) << n;
  }
  EXPECT_EQ(PersonNameKey("PGS.TS. Nguyễn Văn An"), "nguyen van an");
  const std::vector<std::string> different = {"Nguyễn Văn An", "Nguyễn Văn Anh", "Nguyễn Thị An",
                                              "Trần Văn An",   "Mã Văn An",      "Ông Văn An"};
  for (size_t i = 0; i < different.size(); ++i)
    for (size_t j = i + 1; j < different.size(); ++j)
      EXPECT_NE(PersonNameKey(different[i]), PersonNameKey(different[j]))
          << different[i] << " / " << different[j];
  EXPECT_EQ(PersonNameKey("PGS.TS."), "");
}

}  // namespace
}  // namespace ketnoi::authority
