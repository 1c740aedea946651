// Tests for text/legacy.h: Windows-1258, TCVN3 and VNI to NFC UTF-8, UTF-8 validation and
// detection by content. Fixtures: tests/data/legacy/ (regenerate with make_fixtures.py there).
//
// Legacy bytes are written in the tests as the Latin-1 characters they show as when a file is
// opened with the wrong encoding ("Hµ Néi", "Haø Noäi"), which is how people recognise them;
// Latin1() turns such a string into its bytes.
#include "text/legacy.h"

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/messages.h"
#include "text/text.h"

namespace ketnoi::text {
namespace {

// "Hµ Néi" (UTF-8 source text, every character ≤ U+00FF) → the bytes 48 B5 20 4E E9 69.
std::string Latin1(std::string_view utf8) {
  std::string out;
  for (size_t i = 0; i < utf8.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < utf8.size()) {
      out += static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    } else {
      ADD_FAILURE() << "Latin1(): not a Latin-1 character in \"" << utf8 << "\"";
      return out;
    }
  }
  return out;
}

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(KETNOI_SOURCE_DIR) + "/tests/data/legacy/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Convert(std::string_view bytes, Encoding enc) {
  Result<std::string> r = ToUtf8(bytes, enc);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : std::string();
}

// ---------------------------------------------------------------------------------------------
// Names.

TEST(LegacyNames, ParseAcceptsTheDocumentedSpellings) {
  struct Row {
    std::string name;
    std::optional<Encoding> expected;
  };
  const Row rows[] = {
      {"utf8", Encoding::kUtf8},
      {"utf-8", Encoding::kUtf8},
      {"UTF-8", Encoding::kUtf8},
      {"UTF8", Encoding::kUtf8},
      {"cp1258", Encoding::kWindows1258},
      {"CP1258", Encoding::kWindows1258},
      {"windows-1258", Encoding::kWindows1258},
      {"Windows-1258", Encoding::kWindows1258},
      {"tcvn3", Encoding::kTcvn3},
      {"TCVN3", Encoding::kTcvn3},
      {"abc", Encoding::kTcvn3},
      {"ABC", Encoding::kTcvn3},
      {"tcvn", Encoding::kTcvn3},
      {"vni", Encoding::kVni},
      {"VNI", Encoding::kVni},
      {"vni-windows", Encoding::kVni},
      {"VNI-Windows", Encoding::kVni},
      {" vni ", Encoding::kVni},
      {"", std::nullopt},
      {"latin1", std::nullopt},
      {"utf-16", std::nullopt},
      {"viscii", std::nullopt},
      {"windows-1252", std::nullopt},
      {"vni windows", std::nullopt},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE("name: \"" + row.name + "\"");
    EXPECT_EQ(ParseEncodingName(row.name), row.expected);
  }
}

TEST(LegacyNames, EncodingNameParsesBack) {
  for (Encoding e : {Encoding::kUtf8, Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni})
    EXPECT_EQ(ParseEncodingName(EncodingName(e)), e) << EncodingName(e);
  EXPECT_EQ(EncodingName(Encoding::kUtf8), "utf-8");
  EXPECT_EQ(EncodingName(Encoding::kWindows1258), "windows-1258");
  EXPECT_EQ(EncodingName(Encoding::kTcvn3), "tcvn3");
  EXPECT_EQ(EncodingName(Encoding::kVni), "vni");
}

// ---------------------------------------------------------------------------------------------
// The fixture CSV in every encoding.

struct Fixture {
  std::string file;
  Encoding encoding;
  std::string expected_file;  // the UTF-8 text it must convert to
};

const Fixture kFixtures[] = {
    {"tasks.utf8.csv", Encoding::kUtf8, "tasks.utf8.csv"},
    {"tasks.utf8-bom.csv", Encoding::kUtf8, "tasks.utf8.csv"},
    {"tasks.cp1258.csv", Encoding::kWindows1258, "tasks.utf8.csv"},
    {"tasks.vni.csv", Encoding::kVni, "tasks.utf8.csv"},
    // TCVN3 has no capitals with a tone: "HÀ NỘI" comes back as "Hà NộI".
    {"tasks.tcvn3.csv", Encoding::kTcvn3, "tasks.tcvn3.expected.csv"},
};

TEST(LegacyFixtures, ConvertToTheUtf8Text) {
  for (const Fixture& f : kFixtures) {
    SCOPED_TRACE(f.file);
    std::string expected = ReadFixture(f.expected_file);
    ASSERT_FALSE(expected.empty());
    ASSERT_EQ(Nfc(expected), expected);
    std::string bytes = ReadFixture(f.file);
    std::string got = Convert(bytes, f.encoding);
    EXPECT_EQ(got, expected);
    // Line by line, for a readable failure.
    std::istringstream a(got), b(expected);
    int n = 0;
    for (std::string la, lb; std::getline(b, lb); ++n) {
      std::getline(a, la);
      EXPECT_EQ(la, lb) << "line " << n + 1;
    }
  }
}

TEST(LegacyFixtures, DetectTheirEncoding) {
  for (const Fixture& f : kFixtures) {
    SCOPED_TRACE(f.file);
    EXPECT_EQ(EncodingName(DetectEncoding(ReadFixture(f.file))), EncodingName(f.encoding));
  }
}

TEST(LegacyFixtures, Tcvn3ExpectationDiffersOnlyInCase) {
  std::string utf8 = ReadFixture("tasks.utf8.csv");
  std::string tcvn3 = ReadFixture("tasks.tcvn3.expected.csv");
  EXPECT_NE(utf8, tcvn3);
  EXPECT_EQ(Lower(utf8), Lower(tcvn3));
  EXPECT_NE(tcvn3.find("ĐạI HọC QUốC GIA Hà NộI"), std::string::npos);
  EXPECT_NE(tcvn3.find("TRƯờNG ĐạI HọC BáCH KHOA Hà NộI"), std::string::npos);
}

// The fixture text has every vowel with every tone, so the fixture tests cover every table row.
TEST(LegacyFixtures, CoverEveryVowelAndTone) {
  std::string text = Lower(ReadFixture("tasks.utf8.csv"));
  const char* const tones[] = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
  const char* const vowels[] = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"};
  int found = 0;
  for (const char* v : vowels) {
    for (const char* t : tones) {
      std::string letter = Nfc(std::string(v) + t);
      bool present = text.find(letter) != std::string::npos;
      EXPECT_TRUE(present) << letter;
      found += present;
    }
  }
  EXPECT_EQ(found, 72);
  EXPECT_NE(text.find("đ"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Every vowel with every tone, written out by hand in each encoding (order: no tone, huyền,
// sắc, hỏi, ngã, nặng). Windows-1258's tone bytes show as Ì (grave) ì (acute) Ò (hook)
// Þ (tilde) ò (dot below).

struct VowelRow {
  std::string utf8;
  std::string tcvn3;  // Latin-1 view of the bytes; "" when TCVN3 cannot write the row
  std::string vni;
  std::string cp1258;
};

const VowelRow kVowels[] = {
    {"a à á ả ã ạ", "a µ ¸ ¶ · ¹", "a aø aù aû aõ aï", "a aÌ aì aÒ aÞ aò"},
    {"ă ằ ắ ẳ ẵ ặ", "¨ » ¾ ¼ ½ Æ", "aê aè aé aú aü aë", "ã ãÌ ãì ãÒ ãÞ ãò"},
    {"â ầ ấ ẩ ẫ ậ", "© Ç Ê È É Ë", "aâ aà aá aå aã aä", "â âÌ âì âÒ âÞ âò"},
    {"e è é ẻ ẽ ẹ", "e Ì Ð Î Ï Ñ", "e eø eù eû eõ eï", "e eÌ eì eÒ eÞ eò"},
    {"ê ề ế ể ễ ệ", "ª Ò Õ Ó Ô Ö", "eâ eà eá eå eã eä", "ê êÌ êì êÒ êÞ êò"},
    {"i ì í ỉ ĩ ị", "i × Ý Ø Ü Þ", "i ì í æ ó ò", "i iÌ iì iÒ iÞ iò"},
    {"o ò ó ỏ õ ọ", "o ß ã á â ä", "o oø où oû oõ oï", "o oÌ oì oÒ oÞ oò"},
    {"ô ồ ố ổ ỗ ộ", "« å è æ ç é", "oâ oà oá oå oã oä", "ô ôÌ ôì ôÒ ôÞ ôò"},
    {"ơ ờ ớ ở ỡ ợ", "¬ ê í ë ì î", "ô ôø ôù ôû ôõ ôï", "õ õÌ õì õÒ õÞ õò"},
    {"u ù ú ủ ũ ụ", "u ï ó ñ ò ô", "u uø uù uû uõ uï", "u uÌ uì uÒ uÞ uò"},
    {"ư ừ ứ ử ữ ự", "\u00AD õ ø ö ÷ ù", "ö öø öù öû öõ öï", "ý ýÌ ýì ýÒ ýÞ ýò"},
    {"y ỳ ý ỷ ỹ ỵ", "y ú ý û ü þ", "y yø yù yû yõ î", "y yÌ yì yÒ yÞ yò"},
    // Capitals: VNI uses the capital form of each mark byte; TCVN3 has none (see below).
    {"A À Á Ả Ã Ạ", "", "A AØ AÙ AÛ AÕ AÏ", "A AÌ Aì AÒ AÞ Aò"},
    {"Ă Ằ Ắ Ẳ Ẵ Ặ", "", "AÊ AÈ AÉ AÚ AÜ AË", "Ã ÃÌ Ãì ÃÒ ÃÞ Ãò"},
    {"Â Ầ Ấ Ẩ Ẫ Ậ", "", "AÂ AÀ AÁ AÅ AÃ AÄ", "Â ÂÌ Âì ÂÒ ÂÞ Âò"},
    {"E È É Ẻ Ẽ Ẹ", "", "E EØ EÙ EÛ EÕ EÏ", "E EÌ Eì EÒ EÞ Eò"},
    {"Ê Ề Ế Ể Ễ Ệ", "", "EÂ EÀ EÁ EÅ EÃ EÄ", "Ê ÊÌ Êì ÊÒ ÊÞ Êò"},
    {"I Ì Í Ỉ Ĩ Ị", "", "I Ì Í Æ Ó Ò", "I IÌ Iì IÒ IÞ Iò"},
    {"O Ò Ó Ỏ Õ Ọ", "", "O OØ OÙ OÛ OÕ OÏ", "O OÌ Oì OÒ OÞ Oò"},
    {"Ô Ồ Ố Ổ Ỗ Ộ", "", "OÂ OÀ OÁ OÅ OÃ OÄ", "Ô ÔÌ Ôì ÔÒ ÔÞ Ôò"},
    {"Ơ Ờ Ớ Ở Ỡ Ợ", "", "Ô ÔØ ÔÙ ÔÛ ÔÕ ÔÏ", "Õ ÕÌ Õì ÕÒ ÕÞ Õò"},
    {"U Ù Ú Ủ Ũ Ụ", "", "U UØ UÙ UÛ UÕ UÏ", "U UÌ Uì UÒ UÞ Uò"},
    {"Ư Ừ Ứ Ử Ữ Ự", "", "Ö ÖØ ÖÙ ÖÛ ÖÕ ÖÏ", "Ý ÝÌ Ýì ÝÒ ÝÞ Ýò"},
    {"Y Ỳ Ý Ỷ Ỹ Ỵ", "", "Y YØ YÙ YÛ YÕ Î", "Y YÌ Yì YÒ YÞ Yò"},
};

TEST(LegacyVowels, EveryVowelWithEveryToneDecodes) {
  int checked = 0;
  for (const VowelRow& row : kVowels) {
    SCOPED_TRACE(row.utf8);
    ASSERT_EQ(Nfc(row.utf8), row.utf8);
    if (!row.tcvn3.empty()) {
      EXPECT_EQ(Convert(Latin1(row.tcvn3), Encoding::kTcvn3), row.utf8) << "TCVN3";
      checked += 6;
    }
    EXPECT_EQ(Convert(Latin1(row.vni), Encoding::kVni), row.utf8) << "VNI";
    EXPECT_EQ(Convert(Latin1(row.cp1258), Encoding::kWindows1258), row.utf8) << "Windows-1258";
    checked += 12;
  }
  EXPECT_EQ(checked, 72 * 3 + 72 * 2);
}

TEST(LegacyVowels, DdAndPlainCapitalsDecode) {
  EXPECT_EQ(Convert(Latin1("® § ¡ ¢ £ ¤ ¥ ¦ ¨ © ª « ¬ \u00AD"), Encoding::kTcvn3),
            "đ Đ Ă Â Ê Ô Ơ Ư ă â ê ô ơ ư");
  EXPECT_EQ(Convert(Latin1("ñ Ñ"), Encoding::kVni), "đ Đ");
  EXPECT_EQ(Convert(Latin1("ð Ð"), Encoding::kWindows1258), "đ Đ");
}

// ---------------------------------------------------------------------------------------------
// Text as it is met in the wild: these garbled forms are what anyone who has opened an old
// government document with the wrong font has seen, so they check the tables independently.

TEST(LegacyKnown, FamiliarGarbledTextDecodes) {
  struct Row {
    std::string bytes;  // Latin-1 view
    Encoding encoding;
    std::string utf8;
  };
  const Row rows[] = {
      {"Céng hoµ x· héi chñ nghÜa ViÖt Nam", Encoding::kTcvn3,
       "Cộng hoà xã hội chủ nghĩa Việt Nam"},
      {"§éc lËp - Tù do - H¹nh phóc", Encoding::kTcvn3, "Độc lập - Tự do - Hạnh phúc"},
      {"Së Khoa häc vµ C«ng nghÖ thµnh phè Hµ Néi", Encoding::kTcvn3,
       "Sở Khoa học và Công nghệ thành phố Hà Nội"},
      {"QuyÕt ®Þnh vÒ viÖc phª duyÖt nhiÖm vô khoa häc vµ c«ng nghÖ n¨m 2005", Encoding::kTcvn3,
       "Quyết định về việc phê duyệt nhiệm vụ khoa học và công nghệ năm 2005"},
      {"Tr\u00ADêng §¹i häc B¸ch khoa", Encoding::kTcvn3, "Trường Đại học Bách khoa"},
      {"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", Encoding::kVni,
       "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"Ñoäc laäp - Töï do - Haïnh phuùc", Encoding::kVni, "Độc lập - Tự do - Hạnh phúc"},
      {"Tröôøng Ñaïi hoïc Baùch khoa Haø Noäi", Encoding::kVni, "Trường Đại học Bách khoa Hà Nội"},
      {"Nguyeãn Thò Hoàng Nhung, ngöôøi Baéc Ninh", Encoding::kVni,
       "Nguyễn Thị Hồng Nhung, người Bắc Ninh"},
      {"Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam", Encoding::kWindows1258,
       "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"Ðôòc lâòp - Týò do - Haònh phuìc", Encoding::kWindows1258, "Độc lập - Tự do - Hạnh phúc"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.utf8);
    std::string bytes = Latin1(row.bytes);
    EXPECT_EQ(Convert(bytes, row.encoding), row.utf8);
    EXPECT_EQ(EncodingName(DetectEncoding(bytes)), EncodingName(row.encoding));
  }
}

TEST(LegacyTcvn3, CapitalsWithToneReadAsSmallLetters) {
  // "ĐẠI HỌC QUỐC GIA HÀ NỘI" typed with .VnTimeH: the bytes of the small letters.
  EXPECT_EQ(Convert(Latin1("§¹I HäC QUèC GIA Hµ NéI"), Encoding::kTcvn3),
            "ĐạI HọC QUốC GIA Hà NộI");
  // All in small-letter bytes, as some files have it: nothing says they were capitals.
  EXPECT_EQ(Convert(Latin1("®¹i häc quèc gia hµ néi"), Encoding::kTcvn3),
            "đại học quốc gia hà nội");
}

TEST(LegacyVni, MarksFollowCapitalsAndHornLetters) {
  EXPECT_EQ(Convert(Latin1("ÑAÏI HOÏC QUOÁC GIA HAØ NOÄI"), Encoding::kVni),
            "ĐẠI HỌC QUỐC GIA HÀ NỘI");
  EXPECT_EQ(Convert(Latin1("NGÖÔØI, nöôùc, möôïn, thuôû"), Encoding::kVni),
            "NGƯỜI, nước, mượn, thuở");
  EXPECT_EQ(Convert(Latin1("kyõ thuaät, tyû leä, Kî khí, Quyønh"), Encoding::kVni),
            "kỹ thuật, tỷ lệ, Kỵ khí, Quỳnh");
}

TEST(LegacyWindows1258, PrecomposedAndCombiningFormsAgree) {
  // 0xE1 is á itself; "a" + 0xEC is a + combining acute. Both are á after NFC.
  EXPECT_EQ(Convert("c\xE1"
                    "c",
                    Encoding::kWindows1258),
            "các");
  EXPECT_EQ(Convert("ca\xEC"
                    "c",
                    Encoding::kWindows1258),
            "các");
  EXPECT_EQ(Convert("Vi\xEA\xF2t Nam", Encoding::kWindows1258), "Việt Nam");
  EXPECT_EQ(Convert("\x93Nghi\xEAn c\xFD\xECu\x94 \x96 2024", Encoding::kWindows1258),
            "“Nghiên cứu” – 2024");
}

TEST(LegacyFonts, OtherBytesAreWindows1252) {
  // Typographic punctuation keeps its Windows-1252 meaning in the font encodings.
  EXPECT_EQ(Convert("\x93H\xB5 N\xE9i\x94 \x96 2024\x85", Encoding::kTcvn3), "“Hà Nội” – 2024…");
  EXPECT_EQ(Convert("\x93Ha\xF8 No\xE4i\x94 \x96 2024\x85", Encoding::kVni), "“Hà Nội” – 2024…");
  // ASCII is ASCII in all of them, a BOM is dropped.
  for (Encoding e : {Encoding::kTcvn3, Encoding::kVni, Encoding::kWindows1258}) {
    EXPECT_EQ(Convert("DT-2024, 1.250 (x)\r\n", e), "DT-2024, 1.250 (x)\r\n");
    EXPECT_EQ(Convert("\xEF\xBB\xBF"
                      "abc",
                      e),
              "abc");
    EXPECT_EQ(Convert("", e), "");
  }
}

// ---------------------------------------------------------------------------------------------
// UTF-8.

TEST(LegacyUtf8, ValidTextIsNormalisedAndTheBomDropped) {
  EXPECT_EQ(Convert("Vie\xCC\xA3\xCC\x82t Nam", Encoding::kUtf8), "Việt Nam");  // NFD → NFC
  EXPECT_EQ(Convert("\xEF\xBB\xBFHà Nội", Encoding::kUtf8), "Hà Nội");
  EXPECT_EQ(Convert("\xEF\xBB\xBF", Encoding::kUtf8), "");
  EXPECT_EQ(Convert("", Encoding::kUtf8), "");
  // Only a leading BOM is dropped.
  EXPECT_EQ(Convert("a\xEF\xBB\xBF", Encoding::kUtf8), "a\xEF\xBB\xBF");
}

TEST(LegacyUtf8, InvalidUtf8GivesTheOffset) {
  struct Row {
    std::string bytes;
    size_t offset;
  };
  const std::string prefix = "Hà Nội ";  // 10 bytes
  const Row rows[] = {
      {"abc\xFF"
       "def",
       3},
      {"\x80", 0},
      {prefix + "\xC3", prefix.size()},   // truncated at the end
      {prefix + "\xC3(", prefix.size()},  // bad continuation
      {"x\xE1\xBA", 1},                   // truncated 3-byte sequence
      {"\xC0\xAF", 0},                    // overlong '/'
      {"ok\xED\xA0\x80", 2},              // surrogate
      {"\xF4\x90\x80\x80", 0},            // above U+10FFFF
      {"\xEF\xBB\xBF"
       "ab\xB5",
       5},  // offsets count the BOM
      {"Nghi\xAA"
       "n c\xF8u",
       4},  // TCVN3 declared as UTF-8
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(testing::PrintToString(row.bytes));
    Result<std::string> r = ToUtf8(row.bytes, Encoding::kUtf8);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalid);
    EXPECT_EQ(r.status().message().id, "text.bad_utf8");
    EXPECT_EQ(r.status().message().Param("offset"), std::to_string(row.offset));
  }
}

TEST(LegacyMessages, CatalogHasTheIds) {
  EXPECT_TRUE(HasMessage("text.bad_utf8"));
  EXPECT_TRUE(HasMessage("text.no_converter"));
  Message m("text.bad_utf8", {{"offset", "12"}});
  EXPECT_NE(Render(m, "vi").find("12"), std::string::npos);
  EXPECT_NE(Render(m, "en").find("12"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Detection.

TEST(LegacyDetect, AsciiAndValidUtf8AreUtf8) {
  const std::string rows[] = {
      "",
      "Ma,Ten,Nam\nDT-01,Nghien cuu,2021\n",
      "Hà Nội",
      "\xEF\xBB\xBFHà Nội",
      "\xEF\xBB\xBF",
      // A BOM decides even with bad bytes after it (ToUtf8 then says where).
      "\xEF\xBB\xBFH\xB5 N\xE9i",
  };
  for (const std::string& bytes : rows)
    EXPECT_EQ(DetectEncoding(bytes), Encoding::kUtf8) << testing::PrintToString(bytes);
}

TEST(LegacyDetect, ShortCellsInEachEncoding) {
  struct Row {
    std::string utf8;
    std::string tcvn3, vni, cp1258;  // Latin-1 views
  };
  const Row rows[] = {
      {"Hà Nội", "Hµ Néi", "Haø Noäi", "HaÌ Nôòi"},
      {"Nguyễn Thị Hồng Nhung", "NguyÔn ThÞ Hång Nhung", "Nguyeãn Thò Hoàng Nhung",
       "NguyêÞn Thiò HôÌng Nhung"},
      {"Nghiên cứu khoa học", "Nghiªn cøu khoa häc", "Nghieân cöùu khoa hoïc",
       "Nghiên cýìu khoa hoòc"},
      {"Sở Khoa học và Công nghệ", "Së Khoa häc vµ C«ng nghÖ", "Sôû Khoa hoïc vaø Coâng ngheä",
       "SõÒ Khoa hoòc vaÌ Công nghêò"},
      {"Kinh phí (triệu đồng)", "Kinh phÝ (triÖu ®ång)", "Kinh phí (trieäu ñoàng)",
       "Kinh phiì (triêòu ðôÌng)"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.utf8);
    const std::pair<std::string, Encoding> cases[] = {
        {row.tcvn3, Encoding::kTcvn3},
        {row.vni, Encoding::kVni},
        {row.cp1258, Encoding::kWindows1258},
    };
    for (const auto& [view, enc] : cases) {
      std::string bytes = Latin1(view);
      EXPECT_EQ(EncodingName(DetectEncoding(bytes)), EncodingName(enc)) << view;
      EXPECT_EQ(Convert(bytes, enc), row.utf8) << view;
    }
  }
}

TEST(LegacyDetect, LargeFileIsSampledFromItsVietnameseLines) {
  // 200 KiB of ASCII rows, then the TCVN3 rows: detection still sees them.
  std::string bytes;
  while (bytes.size() < 200 * 1024) bytes += "DT-0001,Project title,Organisation,2021,100\n";
  bytes += ReadFixture("tasks.tcvn3.csv");
  EXPECT_EQ(DetectEncoding(bytes), Encoding::kTcvn3);
  EXPECT_NE(Convert(bytes, Encoding::kTcvn3).find("ĐạI HọC QUốC GIA Hà NộI"), std::string::npos);
}

}  // namespace
}  // namespace ketnoi::text
