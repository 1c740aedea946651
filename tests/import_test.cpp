// Import of tasks from partners' files on both backends: the minimal CSV, Vietnamese headers and
// units, all-or-nothing files with errors that name row, column and value, --skip-invalid, dry
// runs, idempotent re-imports, JSON/JSONL/XLSX, provenance.
#include <gtest/gtest.h>
#include <zip.h>

#include <fstream>

#include "backends.h"
#include "exchange/import.h"
#include "registry/repo.h"
#include "temp_dir.h"

namespace ketnoi {
namespace {

using exchange::ImportOptions;
using exchange::ImportReport;
using test_support::BackendTest;
using test_support::Show;

class ImportTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    registry_ = std::make_unique<registry::Registry>(*db_, clock_);
    ASSERT_TRUE(registry_->SeedReferenceData().ok());
  }
  std::filesystem::path Write(const std::string& name, const std::string& bytes) {
    auto p = files_.path() / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  Result<ImportReport> Import(const std::filesystem::path& file, ImportOptions opt = {}) {
    return exchange::ImportTasks(*db_, *registry_, clock_, file, opt);
  }
  std::string Cell(const std::string& sql) {
    auto r = db_->Query(sql);
    EXPECT_TRUE(r.ok()) << Show(r.status());
    return r.ok() && !r->empty() ? r->Text(0, 0) : "";
  }

  test_support::TempDir files_;
  std::unique_ptr<registry::Registry> registry_;
};

TEST_P(ImportTest, TheMinimalCsvImportsAsTasks) {
  auto file =
      Write("truong-dh.csv",
            "external_id,title,host,field,year\n"
            "T-1,Nghiên cứu xử lý nước thải làng nghề,Trường Đại học Bách khoa Hà Nội,2,2021\n"
            "T-2,Ứng dụng trí tuệ nhân tạo trong chẩn đoán ảnh y tế,Bệnh viện Bạch Mai,302,2022\n"
            "T-3,Giống lúa chịu hạn cho vùng ven đô,Trường Đại học Bách khoa Hà Nội,4,2023\n");
  auto r = Import(file);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->source, "truong-dh");
  EXPECT_EQ(r->format, "csv");
  EXPECT_EQ(r->encoding, "utf-8");
  EXPECT_EQ(r->added, 3);
  EXPECT_EQ(r->organisations_added, 2) << "the same host twice is one organisation";
  EXPECT_EQ(Count("tasks", "source = 'truong-dh'"), 3);
  EXPECT_EQ(Cell("SELECT field_code FROM tasks WHERE external_id = 'T-2'"), "302");
  EXPECT_EQ(Cell("SELECT start_date FROM tasks WHERE external_id = 'T-3'"), "2023-01-01");
  EXPECT_EQ(Cell("SELECT o.name FROM tasks t JOIN organisations o ON o.id = t.host_id WHERE "
                 "t.external_id = 'T-2'"),
            "Bệnh viện Bạch Mai");
  // Provenance: source, file hash, row, who.
  EXPECT_EQ(Cell("SELECT row_no FROM provenance p JOIN tasks t ON t.id = p.entity_id WHERE "
                 "t.external_id = 'T-2'"),
            "3");
  EXPECT_EQ(Cell("SELECT file_sha256 FROM provenance LIMIT 1"), r->sha256);
  EXPECT_EQ(Cell("SELECT actor FROM provenance LIMIT 1"), "cli");

  // The same file again changes nothing, not even the change log.
  auto seq_before = Cell("SELECT MAX(seq) FROM change_log");
  auto again = Import(file);
  ASSERT_TRUE(again.ok()) << Show(again.status());
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->added + again->changed, 0);
  EXPECT_EQ(again->organisations_added, 0);
  EXPECT_EQ(Cell("SELECT MAX(seq) FROM change_log"), seq_before);
}

TEST_P(ImportTest, VietnameseHeadersUnitsAndPeople) {
  registry::Program program;
  program.code = "CT-03";
  program.name = "Chương trình phát triển đô thị bền vững";
  ASSERT_TRUE(registry_->Upsert(program).ok());
  auto file = Write(
      "so-khcn.csv",
      "\xEF\xBB\xBFMã nhiệm vụ;Tên nhiệm vụ;Cơ quan chủ trì;Chủ nhiệm;Lĩnh vực;Năm;Kinh phí (triệu "
      "đồng);Chương trình;Từ khóa;Ghi chú nội bộ\r\n"
      "ĐT-01;\"Mô hình quản lý chất thải rắn; thí điểm tại quận Hoàn Kiếm\";Viện Môi "
      "trường;PGS.TS. "
      "Nguyễn Thị Hồng Nhung;Khoa học kỹ thuật và công nghệ;2024;1.250,5;CT-03;chất thải; đô "
      "thị;x\r\n"
      "ĐT-02;\"Tiêu đề có\ndòng mới\";Viện Môi trường;ThS. Trần Văn Bình;1;2024;350;;;\r\n");
  auto r = Import(file);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  ASSERT_TRUE(r->errors.empty()) << r->errors[0].row << " " << r->errors[0].column << ": "
                                 << r->errors[0].message.id << " " << r->errors[0].value;
  EXPECT_EQ(r->added, 2);
  EXPECT_EQ(r->people_added, 2);
  EXPECT_EQ(r->ignored_columns, (std::vector<std::string>{"Ghi chú nội bộ"}));
  EXPECT_EQ(Cell("SELECT budget_state FROM tasks WHERE code = 'ĐT-01'"), "1250500000");
  EXPECT_EQ(Cell("SELECT title FROM tasks WHERE code = 'ĐT-01'"),
            "Mô hình quản lý chất thải rắn; thí điểm tại quận Hoàn Kiếm");
  EXPECT_EQ(Cell("SELECT p.full_name || '|' || p.academic_title || '|' || p.degree FROM tasks t "
                 "JOIN people p ON p.id = t.pi_id WHERE t.code = 'ĐT-01'"),
            "Nguyễn Thị Hồng Nhung|PGS.|TS.");
  EXPECT_EQ(Cell("SELECT g.code FROM tasks t JOIN programs g ON g.id = t.program_id WHERE t.code "
                 "= 'ĐT-01'"),
            "CT-03");
  EXPECT_EQ(Cell("SELECT field_code FROM tasks WHERE code = 'ĐT-01'"), "2");
}

TEST_P(ImportTest, OneBadRowAmongTenThousandCommitsNothingAndIsNamed) {
  std::string csv = "external_id,title,host,field,year\n";
  for (int i = 1; i <= 10000; ++i)
    csv += "R-" + std::to_string(i) + ",Nhiệm vụ thử số " + std::to_string(i) + ",Viện Hàn lâm,1," +
           (i == 7777 ? "20x1" : "2020") + "\n";
  auto file = Write("lon.csv", csv);
  auto r = Import(file);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->rejected, 1);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].row, 7778) << "row 1 is the header";
  EXPECT_EQ(r->errors[0].column, "year");
  EXPECT_EQ(r->errors[0].value, "20x1");
  EXPECT_EQ(r->errors[0].message.id, "import.bad_year");
  EXPECT_EQ(Count("tasks"), 0);
  EXPECT_EQ(Count("organisations", "source = 'lon'"), 0);

  ImportOptions skip;
  skip.skip_invalid = true;
  auto partial = Import(file, skip);
  ASSERT_TRUE(partial.ok());
  EXPECT_TRUE(partial->committed);
  EXPECT_EQ(partial->added, 9999);
  EXPECT_EQ(Count("tasks"), 9999);
}

TEST_P(ImportTest, EveryKindOfRowErrorNamesItsColumn) {
  auto file = Write("loi.csv",
                    "external_id,title,field,year,Kinh phí (triệu đồng),Loại,Chương trình\n"
                    "A,,1,2020,,,\n"
                    "B,Tên,999,2020,,,\n"
                    "C,Tên,1,2020,mười,,\n"
                    "D,Tên,1,2020,,đề tài lạ,\n"
                    "E,Tên,1,2020,,,CT-99\n"
                    "B,Tên trùng mã,1,2020,,,\n");
  auto r = Import(file);
  ASSERT_TRUE(r.ok());
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : r->errors) got.emplace_back(e.column, e.message.id);
  ASSERT_EQ(r->errors.size(), 6u);
  EXPECT_EQ(got, (std::vector<std::pair<std::string, std::string>>{
                     {"title", "registry.required"},
                     {"field", "import.bad_field"},
                     {"Kinh phí (triệu đồng)", "import.bad_million"},
                     {"Loại", "import.bad_term"},
                     {"Chương trình", "import.unknown_program"},
                     {"external_id", "import.duplicate_id"}}));
  EXPECT_EQ(Count("tasks"), 0);
}

TEST_P(ImportTest, IdentifiersAreCheckedAndFindTheirRecords) {
  // Bad identifiers: the row, the column, the value and the expected check character.
  auto bad = Write("ma-sai.csv",
                   "external_id,title,host,Mã số thuế,ROR,pi,ORCID\n"
                   "B-1,Nhiệm vụ một,Công ty X,0101234567,,,\n"
                   "B-2,Nhiệm vụ hai,Viện Y,,https://ror.org/03yrm5c27,,\n"
                   "B-3,Nhiệm vụ ba,Viện Y,,,TS. Ai Đó,0000-0002-1825-0098\n"
                   "B-4,Nhiệm vụ bốn,Viện Y,12345,,,\n");
  auto r = Import(bad);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  EXPECT_FALSE(r->committed);
  ASSERT_EQ(r->errors.size(), 4u);
  struct Want {
    int64_t row;
    const char *column, *value, *id, *expected;
  };
  const Want want[] = {
      {2, "Mã số thuế", "0101234567", "authority.tax_check", "5"},
      {3, "ROR", "https://ror.org/03yrm5c27", "authority.ror_check", "26"},
      {4, "ORCID", "0000-0002-1825-0098", "authority.orcid_check", "7"},
      {5, "Mã số thuế", "12345", "authority.tax_form", ""},
  };
  for (size_t i = 0; i < std::size(want); ++i) {
    SCOPED_TRACE(want[i].row);
    EXPECT_EQ(r->errors[i].row, want[i].row);
    EXPECT_EQ(r->errors[i].column, want[i].column);
    EXPECT_EQ(r->errors[i].value, want[i].value);
    EXPECT_EQ(r->errors[i].message.id, want[i].id);
    EXPECT_EQ(r->errors[i].message.Param("expected"), want[i].expected);
  }
  EXPECT_EQ(Count("tasks"), 0);

  // Good ones are kept normalised, and find the records they name: the same company written
  // two ways, the same university with and without "Trường", the same PI (by ORCID iD) at
  // another host.
  auto good = Write("ma-dung.csv",
                    "external_id,title,host,Mã số thuế,ROR,pi,ORCID\n"
                    "G-1,Nhiệm vụ một,Công ty TNHH Công nghệ Sao Mai,0101234565001,,"
                    "TS. Nguyễn Văn An,https://orcid.org/0000-0002-1825-0097\n"
                    "G-2,Nhiệm vụ hai,Cty TNHH Công nghệ Sao Mai,,,,\n"
                    "G-3,Nhiệm vụ ba,Trường Đại học Bách khoa Hà Nội,,ror.org/03yrm5c26,"
                    "PGS.TS. Nguyễn V. An,0000-0002-1825-0097\n"
                    "G-4,Nhiệm vụ bốn,ĐH Bách khoa Hà Nội,,,,\n");
  auto g = Import(good);
  ASSERT_TRUE(g.ok()) << Show(g.status());
  ASSERT_TRUE(g->errors.empty()) << g->errors[0].row << " " << g->errors[0].column << ": "
                                 << g->errors[0].message.id;
  EXPECT_EQ(g->added, 4);
  EXPECT_EQ(g->organisations_added, 2);
  EXPECT_EQ(g->people_added, 1);
  EXPECT_EQ(
      Cell("SELECT tax_code FROM organisations WHERE name = 'Công ty TNHH Công nghệ Sao Mai'"),
      "0101234565-001");
  EXPECT_EQ(Cell("SELECT ror_id FROM organisations WHERE name = 'Trường Đại học Bách khoa Hà Nội'"),
            "https://ror.org/03yrm5c26");
  EXPECT_EQ(Cell("SELECT orcid FROM people WHERE full_name = 'Nguyễn Văn An'"),
            "0000-0002-1825-0097");
  EXPECT_EQ(Cell("SELECT COUNT(DISTINCT host_id) FROM tasks WHERE external_id IN ('G-1', 'G-2')"),
            "1");
  EXPECT_EQ(Cell("SELECT COUNT(DISTINCT host_id) FROM tasks WHERE external_id IN ('G-3', 'G-4')"),
            "1");
  EXPECT_EQ(Cell("SELECT COUNT(DISTINCT pi_id) FROM tasks WHERE external_id IN ('G-1', 'G-3')"),
            "1");
  auto again = Import(good);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 4);
  EXPECT_EQ(again->organisations_added + again->people_added, 0);
}

TEST_P(ImportTest, DryRunWritesNothing) {
  auto file = Write("thu.csv", "external_id,title\nX-1,Một\nX-2,Hai\n");
  ImportOptions opt;
  opt.dry_run = true;
  auto r = Import(file, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->added, 2);
  EXPECT_EQ(Count("tasks"), 0);
  EXPECT_EQ(Count("change_log"), 0);
}

TEST_P(ImportTest, JsonAndJsonLines) {
  auto jsonl =
      Write("dl.jsonl",
            "{\"external_id\": \"J-1\", \"title\": \"Vật liệu nano\", \"year\": 2021, "
            "\"keywords\": [\"nano\", \"vật liệu\"]}\n\n"
            "{\"external_id\": \"J-2\", \"title\": \"Pin mặt trời\", \"budget_million_vnd\": "
            "500}\n");
  auto r = Import(jsonl);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  EXPECT_EQ(r->added, 2);
  EXPECT_EQ(Cell("SELECT budget_state FROM tasks WHERE external_id = 'J-2'"), "500000000");
  auto json = Write("dl.json", "{\"items\": [{\"code\": \"K-1\", \"title\": \"Cảm biến\"}]}");
  auto j = Import(json);
  ASSERT_TRUE(j.ok()) << Show(j.status());
  EXPECT_EQ(j->added, 1);
  auto broken = Write("hong.jsonl", "{\"external_id\": \"Z\", \"title\": \"a\"}\n{oops\n");
  auto b = Import(broken);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message().id, "import.bad_json_line");
  EXPECT_EQ(b.status().message().Param("row"), "2");
}

// A minimal XLSX written part by part (shared strings, an inline string, numbers).
std::string MinimalXlsx() {
  auto parts = std::vector<std::pair<std::string, std::string>>{
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"xl/workbook.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
       "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
       "<sheet name=\"Nhiệm vụ\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst "
       "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>Mã nhiệm "
       "vụ</t></si><si><t>Tên nhiệm vụ</t></si><si><t>Năm</t></si><si><r><t>Nghiên cứu "
       "</t></r><r><t>"
       "ứng dụng blockchain</t></r></si></sst>"},
      {"xl/worksheets/sheet1.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
       "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" "
       "t=\"s\"><v>2</v></c></row>"
       "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>X-10</t></is></c><c r=\"B2\" "
       "t=\"s\"><v>3</v></c><c r=\"C2\"><v>2025</v></c></row>"
       "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>X-11</t></is></c><c r=\"B4\" "
       "t=\"inlineStr\"><is><t>Đô thị thông minh</t></is></c><c r=\"C4\"><v>20x5</v></c></row>"
       "</sheetData></worksheet>"}};
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, body] : parts) {
    zip_source_t* s = zip_source_buffer(z, body.data(), body.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  return out;
}

TEST_P(ImportTest, XlsxFirstSheetWithSharedAndInlineStrings) {
  auto file = Write("bang.xlsx", MinimalXlsx());
  auto r = Import(file);
  ASSERT_TRUE(r.ok()) << Show(r.status());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].row, 4) << "the sheet's own row number";
  EXPECT_EQ(r->errors[0].column, "Năm");
  ImportOptions skip;
  skip.skip_invalid = true;
  auto ok = Import(file, skip);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->added, 1);
  EXPECT_EQ(Cell("SELECT title FROM tasks WHERE code = 'X-10'"), "Nghiên cứu ứng dụng blockchain");
}

TEST_P(ImportTest, FilesThatCannotBeReadSayWhy) {
  auto no_title = Write("thieu.csv", "external_id,host\nA,B\n");
  auto r = Import(no_title);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().id, "import.no_header");
  EXPECT_EQ(r.status().message().Param("missing"), "title");
  auto quote = Write("ngoac.csv", "external_id,title\nA,\"chưa đóng\n");
  EXPECT_EQ(Import(quote).status().message().id, "import.unclosed_quote");
  auto unknown = Write("du-lieu.doc", "x");
  EXPECT_EQ(Import(unknown).status().message().id, "import.unknown_format");
  EXPECT_EQ(Import(files_.path() / "khong-co.csv").status().message().id, "import.unreadable");
  auto not_zip = Write("gia.xlsx", "external_id,title\n");
  EXPECT_EQ(Import(not_zip).status().message().id, "import.unreadable");
}

// The same rows in UTF-8 and in the legacy TCVN3 (ABC) encoding import as the same Vietnamese
// (fixtures: tests/data/legacy/, made by make_fixtures.py).
TEST_P(ImportTest, Tcvn3CsvImportsWithCorrectVietnamese) {
  std::filesystem::path dir = std::filesystem::path(KETNOI_SOURCE_DIR) / "tests/data/legacy";
  ImportOptions a;
  a.source = "utf8";
  auto u = Import(dir / "tasks.utf8.csv", a);
  ASSERT_TRUE(u.ok()) << Show(u.status());
  ASSERT_TRUE(u->committed) << (u->errors.empty() ? ""
                                                  : u->errors[0].column + " " + u->errors[0].value);
  ImportOptions b;
  b.source = "tcvn3";
  auto t = Import(dir / "tasks.tcvn3.csv", b);
  ASSERT_TRUE(t.ok()) << Show(t.status());
  EXPECT_EQ(t->encoding, "tcvn3");
  ASSERT_TRUE(t->committed);
  EXPECT_EQ(t->added, u->added);
  auto titles = [&](const std::string& source) {
    auto r = db_->Query(
        "SELECT title, budget_state, field_code FROM tasks WHERE source = ? ORDER BY code",
        {source});
    std::vector<std::string> out;
    for (size_t i = 0; i < r->size(); ++i)
      out.push_back(r->Text(i, 0) + "|" + r->Text(i, 1) + "|" + r->Text(i, 2));
    return out;
  };
  EXPECT_EQ(titles("tcvn3"), titles("utf8"));
  EXPECT_EQ(
      Cell("SELECT title FROM tasks WHERE source = 'tcvn3' AND code = 'ĐT-2021-01'"),
      "Nghiên cứu ứng dụng công nghệ sinh học trong sản xuất giống lúa chất lượng cao tại Hà Nội");
  EXPECT_EQ(Cell("SELECT budget_state FROM tasks WHERE source = 'utf8' AND code = 'ĐT-2021-02'"),
            "980500000");
}

// A later file with fewer columns changes only what it says: the objectives and start date
// kept here survive a title-only list; a column given with an empty cell clears its field.
TEST_P(ImportTest, AFileWithFewerColumnsKeepsWhatItDoesNotSay) {
  ImportOptions opt;
  opt.source = "vien-x";
  auto full = Write("full.csv",
                    "external_id,title,objectives,start,host\n"
                    "X-1,Giám sát chất lượng không khí,Lập bản đồ bụi mịn,15/03/2024,Viện X\n");
  auto r = Import(full, opt);
  ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? "" : Show(r.status()));
  auto few = Write("few.csv",
                   "external_id,title,year\n"
                   "X-1,Giám sát chất lượng không khí đô thị,2024\n");
  r = Import(few, opt);
  ASSERT_TRUE(r.ok() && r->committed);
  EXPECT_EQ(r->changed, 1);
  EXPECT_EQ(Cell("SELECT title || '|' || objectives || '|' || start_date FROM tasks WHERE "
                 "external_id = 'X-1'"),
            "Giám sát chất lượng không khí đô thị|Lập bản đồ bụi mịn|2024-03-15");
  EXPECT_EQ(Cell("SELECT o.name FROM tasks t JOIN organisations o ON o.id = t.host_id WHERE "
                 "t.external_id = 'X-1'"),
            "Viện X");
  r = Import(few, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->unchanged, 1);
  auto cleared = Write("cleared.csv",
                       "external_id,title,objectives\n"
                       "X-1,Giám sát chất lượng không khí đô thị,\n");
  r = Import(cleared, opt);
  ASSERT_TRUE(r.ok() && r->committed);
  EXPECT_EQ(r->changed, 1);
  EXPECT_EQ(Cell("SELECT COALESCE(objectives, '') || '|' || start_date FROM tasks WHERE "
                 "external_id = 'X-1'"),
            "|2024-03-15");
}

// The Source column of a file names its source when --source is not given; two sources in one
// file are refused before anything is written.
TEST_P(ImportTest, TheSourceColumnNamesTheSource) {
  auto one = Write("export.csv",
                   "Mã bản ghi,Tên nhiệm vụ,Nguồn\n"
                   "R-1,Công nghệ xử lý nước,bo-khcn\n"
                   "R-2,Vật liệu xây dựng xanh,bo-khcn\n");
  auto r = Import(one);
  ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? "" : Show(r.status()));
  EXPECT_EQ(r->source, "bo-khcn");
  EXPECT_EQ(Cell("SELECT COUNT(*) FROM tasks WHERE source = 'bo-khcn'"), "2");
  auto mixed = Write("mixed.csv",
                     "Mã bản ghi,Tên nhiệm vụ,Nguồn\n"
                     "R-3,Công nghệ xử lý nước,bo-khcn\n"
                     "R-4,Vật liệu xây dựng xanh,dhqg\n");
  auto m = Import(mixed);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message().id, "import.mixed_sources");
  EXPECT_EQ(m.status().message().Param("second_row"), "3");
  EXPECT_EQ(Cell("SELECT COUNT(*) FROM tasks WHERE external_id IN ('R-3', 'R-4')"), "0");
  ImportOptions given;
  given.source = "ban-sao";
  auto g = Import(mixed, given);
  ASSERT_TRUE(g.ok() && g->committed);
  EXPECT_EQ(Cell("SELECT COUNT(*) FROM tasks WHERE source = 'ban-sao'"), "2");
}

KETNOI_INSTANTIATE_ON_BACKENDS(ImportTest);

}  // namespace
}  // namespace ketnoi
