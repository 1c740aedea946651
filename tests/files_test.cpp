// Tests for files/: sniffing the type from the bytes (never the name), sanitising names, the
// content-addressed blobs (one per content, written atomically), the rows, and corruption found
// on read. SQLite in a temp dir.
#include "files/files.h"

#include <zip.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "store/db.h"
#include "temp_dir.h"
#include "text/text.h"

namespace ketnoi::files {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

const std::string kDocxMime =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const std::string kXlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string Show(const Status& s) { return s.ok() ? "OK" : s.ToString(); }

// A zip holding `entries` (name → content), built in memory with libzip.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  if (!z) return "";
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0) << name;
  }
  EXPECT_EQ(zip_close(z), 0);
  std::string bytes;
  if (zip_source_open(out) == 0) {
    zip_source_seek(out, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(out);
    zip_source_seek(out, 0, SEEK_SET);
    bytes.resize(static_cast<size_t>(size));
    zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(out);
  }
  zip_source_free(out);
  zip_error_fini(&err);
  return bytes;
}

std::string MinimalDocx() {
  return MakeZip({{"[Content_Types].xml", "<Types/>"},
                  {"word/document.xml",
                   "<w:document><w:body><w:p><w:r><w:t>Thuyết minh</w:t></w:r></w:p></w:body>"
                   "</w:document>"}});
}

std::string MinimalXlsx() {
  return MakeZip({{"[Content_Types].xml", "<Types/>"},
                  {"xl/workbook.xml", "<workbook><sheets/></workbook>"},
                  {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
}

std::string Pdf() { return "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"; }

// Every regular file under `dir`, recursively.
std::vector<fs::path> FilesUnder(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sniffing.

TEST(SniffType, AllowedTypesFromTheirBytes) {
  struct Row {
    const char* what;
    std::string bytes;
    std::string mime, extension;
  };
  const Row rows[] = {
      {"PDF", Pdf(), "application/pdf", "pdf"},
      {"PNG", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "image/png", "png"},
      {"JPEG", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11), "image/jpeg", "jpg"},
      {"GIF87a", "GIF87a\x01\0\x01\0", "image/gif", "gif"},
      {"GIF89a", "GIF89a\x01\0\x01\0", "image/gif", "gif"},
      {"WebP", std::string("RIFF\x24\0\0\0WEBPVP8 ", 16), "image/webp", "webp"},
      {"DOCX", MinimalDocx(), kDocxMime, "docx"},
      {"XLSX", MinimalXlsx(), kXlsxMime, "xlsx"},
  };
  for (const Row& r : rows) {
    auto t = SniffType(r.bytes);
    ASSERT_TRUE(t.ok()) << r.what << ": " << Show(t.status());
    EXPECT_EQ(t->mime, r.mime) << r.what;
    EXPECT_EQ(t->extension, r.extension) << r.what;
  }
}

TEST(SniffType, EverythingElseRefused) {
  struct Row {
    const char* what;
    std::string bytes;
  };
  const Row rows[] = {
      {"HTML", "<!DOCTYPE html><html><script>alert(1)</script></html>"},
      {"HTML, no doctype", "<html><body>%PDF-1.7</body></html>"},
      {"SVG", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
      {"bare SVG", "<svg onload=\"alert(1)\"/>"},
      {"PE executable", std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0", 12)},
      {"ELF executable",
       "\x7f"
       "ELF\x02\x01\x01"},
      {"shell script", "#!/bin/sh\nrm -rf /\n"},
      {"plain text", "Thuyết minh nhiệm vụ"},
      {"PDF magic not at the start", " %PDF-1.7"},
      {"short PDF magic", "%PDF"},
      {"RIFF but WAVE", std::string("RIFF\x24\0\0\0WAVEfmt ", 16)},
      {"RIFF too short", "RIFF\x24\0"},
      {"GIF other version", "GIF90a\x01\0"},
      {"plain zip", MakeZip({{"hello.txt", "xin chào"}})},
      {"zip with word/ but no document.xml", MakeZip({{"word/styles.xml", "<styles/>"}})},
      {"zip with both documents",
       MakeZip({{"word/document.xml", "<d/>"}, {"xl/workbook.xml", "<w/>"}})},
      {"zip magic, not a zip", std::string("PK\x03\x04garbage", 11)},
      {"empty", ""},
  };
  for (const Row& r : rows) {
    auto t = SniffType(r.bytes);
    ASSERT_FALSE(t.ok()) << r.what << " was accepted as " << t->mime;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalid) << r.what;
    EXPECT_EQ(t.status().message().id, "files.type_not_allowed") << r.what;
  }
}

// ---------------------------------------------------------------------------------------------
// Names.

TEST(SanitiseName, Table) {
  const FileType pdf{"application/pdf", "pdf"};
  const FileType docx{kDocxMime, "docx"};
  const FileType png{"image/png", "png"};
  struct Row {
    std::string in;
    FileType type;
    std::string want;
  };
  const Row rows[] = {
      {"../../etc/passwd", pdf, "etcpasswd.pdf"},
      {"..\\..\\windows\\win.ini", pdf, "windowswin.pdf"},
      {".htaccess", pdf, "htaccess.pdf"},
      {"Thuyết minh đề tài.pdf", pdf, "Thuyết minh đề tài.pdf"},
      // Decomposed input (as macOS sends it) comes out NFC.
      {"Thuye\xCC\x82\xCC\x81t minh.pdf", pdf, "Thuyết minh.pdf"},
      {"report.exe", png, "report.png"},
      {"ảnh.JPG", png, "ảnh.png"},
      {"Báo cáo v1.2 cuối", docx, "Báo cáo v1.2 cuối.docx"},
      {"bảng.tar.gz", docx, "bảng.tar.docx"},
      {"a\tb\nc\x7f"
       "d.pdf",
       pdf, "abcd.pdf"},
      {"  nhiều    khoảng   trắng  .pdf", pdf, "nhiều khoảng trắng.pdf"},
      {"hoá đơn\u202Efdp.exe", pdf, "hoá đơnfdp.pdf"},  // right-to-left override dropped
      {"a<b>c:d*e?f\"g|h.pdf", pdf, "abcdefgh.pdf"},
      {"", pdf, "tep-tin.pdf"},
      {"///", pdf, "tep-tin.pdf"},
      {"...", docx, "tep-tin.docx"},
      {".pdf", pdf, "pdf.pdf"},  // a dot file: the dot goes, the name stays
      {"\x01\x02", png, "tep-tin.png"},
      {"ok\xFF.pdf", pdf, "ok\xEF\xBF\xBD.pdf"},  // invalid UTF-8 → U+FFFD
  };
  for (const Row& r : rows) {
    std::string got = SanitiseName(r.in, r.type);
    EXPECT_EQ(got, r.want) << "input [" << r.in << "]";
    EXPECT_EQ(got.find('/'), std::string::npos) << r.in;
    EXPECT_NE(got.front(), '.') << r.in;
    EXPECT_EQ(got, text::Nfc(got)) << r.in;
  }
}

TEST(SanitiseName, LongNamesCutOnACharacterBoundary) {
  const FileType docx{kDocxMime, "docx"};
  // 3-byte characters: 120 - ".docx" = 115 bytes leave room for 38 of them.
  std::string ee;
  for (int i = 0; i < 100; ++i) ee += "ế";
  std::string got = SanitiseName(ee + ".pdf", docx);
  EXPECT_LE(got.size(), 120u);
  EXPECT_TRUE(text::IsValidUtf8(got)) << got;
  std::string want;
  for (int i = 0; i < 38; ++i) want += "ế";
  EXPECT_EQ(got, want + ".docx");

  // ASCII: exactly 120 bytes.
  std::string a(300, 'a');
  got = SanitiseName(a, docx);
  EXPECT_EQ(got.size(), 120u);
  EXPECT_EQ(got, std::string(115, 'a') + ".docx");

  // A letter with a mark NFC cannot compose (q + U+0301) is not split from its mark.
  std::string q = std::string(113, 'x') + "q\xCC\x81" + "yyyy";
  got = SanitiseName(q, docx);
  EXPECT_EQ(got, std::string(113, 'x') + ".docx");
}

// ---------------------------------------------------------------------------------------------
// The store.

class FileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = store::Db::Open("sqlite:" + (dir_.path() / "ketnoi.db").string());
    ASSERT_TRUE(db.ok()) << Show(db.status());
    db_ = std::move(db).value();
  }

  fs::path Root() const { return dir_.path() / "files"; }
  FileStore Store(int64_t max_bytes = 20 * 1024 * 1024) {
    return FileStore(*db_, Root(), clock_, max_bytes);
  }
  int64_t Rows() {
    auto r = db_->Query("SELECT COUNT(*) FROM files");
    EXPECT_TRUE(r.ok()) << Show(r.status());
    return r.ok() ? r->Int(0, 0) : -1;
  }

  TempDir dir_;
  std::unique_ptr<store::Db> db_;
  FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / std::chrono::January / 15}};
};

TEST_F(FileStoreTest, PutStoresTheBlobOnceAndARowPerUpload) {
  FileStore fs_ = Store();
  const std::string bytes = MinimalDocx();
  const std::string sha = crypto::Sha256Hex(bytes);

  auto a = fs_.Put("Thuyết minh.doc", bytes, 12);
  ASSERT_TRUE(a.ok()) << Show(a.status());
  clock_.Advance(std::chrono::minutes(1));
  auto b = fs_.Put("../bản sao.docx", bytes, 34, "public");
  ASSERT_TRUE(b.ok()) << Show(b.status());

  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(a->sha256, sha);
  EXPECT_EQ(b->sha256, sha);
  EXPECT_EQ(a->name, "Thuyết minh.docx");
  EXPECT_EQ(b->name, "bản sao.docx");
  EXPECT_EQ(a->mime, kDocxMime);
  EXPECT_EQ(a->size, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(a->owner_user_id, 12);
  EXPECT_EQ(a->visibility, "private");
  EXPECT_EQ(b->visibility, "public");
  EXPECT_EQ(a->created_at, "2026-01-15T00:00:00Z");
  EXPECT_EQ(b->created_at, "2026-01-15T00:01:00Z");

  // One blob, under root/ab/cd/<sha>, nothing else (no temporary files left).
  std::vector<fs::path> blobs = FilesUnder(Root());
  ASSERT_EQ(blobs.size(), 1u);
  EXPECT_EQ(blobs[0], Root() / sha.substr(0, 2) / sha.substr(2, 2) / sha);
  EXPECT_EQ(Rows(), 2);

  // The rows read back.
  for (const StoredFile* want : {&*a, &*b}) {
    auto got = fs_.Get(want->id);
    ASSERT_TRUE(got.ok()) << Show(got.status());
    EXPECT_EQ(got->sha256, want->sha256);
    EXPECT_EQ(got->name, want->name);
    EXPECT_EQ(got->mime, want->mime);
    EXPECT_EQ(got->size, want->size);
    EXPECT_EQ(got->owner_user_id, want->owner_user_id);
    EXPECT_EQ(got->visibility, want->visibility);
    EXPECT_EQ(got->created_at, want->created_at);
    auto content = fs_.Read(*got);
    ASSERT_TRUE(content.ok()) << Show(content.status());
    EXPECT_EQ(*content, bytes);
  }

  // A different content: a second blob.
  auto c = fs_.Put("scan.png", std::string("\x89PNG\r\n\x1a\n-khác", 14), 12);
  ASSERT_TRUE(c.ok()) << Show(c.status());
  EXPECT_EQ(FilesUnder(Root()).size(), 2u);

  auto mine = fs_.ListByOwner(12);
  ASSERT_TRUE(mine.ok()) << Show(mine.status());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].id, c->id);  // newest first
  EXPECT_EQ((*mine)[1].id, a->id);
  auto limited = fs_.ListByOwner(12, 1);
  ASSERT_TRUE(limited.ok()) << Show(limited.status());
  ASSERT_EQ(limited->size(), 1u);
  auto nobody = fs_.ListByOwner(99);
  ASSERT_TRUE(nobody.ok()) << Show(nobody.status());
  EXPECT_TRUE(nobody->empty());
}

TEST_F(FileStoreTest, RefusedUploadsWriteNothing) {
  FileStore fs_ = Store(/*max_bytes=*/1024 * 1024);
  std::string big = Pdf();
  big.resize(1024 * 1024 + 1, 'x');
  std::string exact = Pdf();
  exact.resize(1024 * 1024, 'x');
  struct Row {
    const char* what;
    std::string name, bytes, visibility;
    const char* id;
  };
  const Row rows[] = {
      {"too large", "lớn.pdf", big, "private", "files.too_large"},
      {"empty", "rỗng.pdf", "", "private", "files.empty"},
      {"HTML named .pdf", "hồ sơ.pdf", "<html><script>alert(1)</script></html>", "private",
       "files.type_not_allowed"},
      {"SVG named .png", "logo.png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "public",
       "files.type_not_allowed"},
      {"executable named .pdf", "cv.pdf", std::string("MZ\x90\0", 4), "private",
       "files.type_not_allowed"},
      {"plain zip named .docx", "a.docx", MakeZip({{"a.txt", "a"}}), "private",
       "files.type_not_allowed"},
      {"bad visibility", "a.pdf", Pdf(), "everyone", "files.bad_visibility"},
  };
  for (const Row& r : rows) {
    auto f = fs_.Put(r.name, r.bytes, 1, r.visibility);
    ASSERT_FALSE(f.ok()) << r.what;
    EXPECT_EQ(f.status().code(), StatusCode::kInvalid) << r.what;
    EXPECT_EQ(f.status().message().id, r.id) << r.what;
  }
  auto large = fs_.Put("lớn.pdf", big, 1);
  ASSERT_FALSE(large.ok());
  EXPECT_EQ(large.status().message().Param("limit"), "1");
  EXPECT_TRUE(FilesUnder(Root()).empty());
  EXPECT_EQ(Rows(), 0);

  // The limit itself is allowed.
  auto at_limit = fs_.Put("vừa.pdf", exact, 1);
  ASSERT_TRUE(at_limit.ok()) << Show(at_limit.status());
  EXPECT_EQ(Rows(), 1);
}

TEST_F(FileStoreTest, TooLargeLimitInMegabytes) {
  struct Row {
    int64_t max;
    const char* want;
  };
  const Row rows[] = {{20 * 1024 * 1024, "20"}, {1536 * 1024, "1.5"}, {100, "9.54e-05"}};
  for (const Row& r : rows) {
    FileStore fs_ = Store(r.max);
    auto f = fs_.Put("a.pdf", std::string(static_cast<size_t>(r.max) + 1, '%'), 1);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.status().message().id, "files.too_large");
    EXPECT_EQ(f.status().message().Param("limit"), r.want) << r.max;
  }
}

TEST_F(FileStoreTest, CorruptBlobIsDataLossOnRead) {
  FileStore fs_ = Store();
  const std::string bytes = Pdf();
  auto f = fs_.Put("biên bản.pdf", bytes, 5);
  ASSERT_TRUE(f.ok()) << Show(f.status());
  fs::path blob = Root() / f->sha256.substr(0, 2) / f->sha256.substr(2, 2) / f->sha256;
  ASSERT_TRUE(fs::exists(blob));

  auto write = [&](const std::string& content) {
    std::ofstream out(blob, std::ios::binary | std::ios::trunc);
    out << content;
  };
  struct Row {
    const char* what;
    std::string content;
  };
  std::string flipped = bytes;
  flipped[10] ^= 0x01;
  const Row rows[] = {{"one bit flipped", flipped},
                      {"truncated", bytes.substr(0, bytes.size() - 1)},
                      {"appended", bytes + "x"},
                      {"emptied", ""}};
  for (const Row& r : rows) {
    write(r.content);
    auto read = fs_.Read(*f);
    ASSERT_FALSE(read.ok()) << r.what;
    EXPECT_EQ(read.status().code(), StatusCode::kIo) << r.what;
    EXPECT_EQ(read.status().message().id, "files.corrupt") << r.what;
    EXPECT_EQ(read.status().message().Param("id"), std::to_string(f->id)) << r.what;
  }
  write(bytes);
  auto good = fs_.Read(*f);
  ASSERT_TRUE(good.ok()) << Show(good.status());
  EXPECT_EQ(*good, bytes);

  // A row whose hash is not a hash is never turned into a path.
  StoredFile forged = *f;
  forged.sha256 = "../../ketnoi.db";
  auto escaped = fs_.Read(forged);
  ASSERT_FALSE(escaped.ok());
  EXPECT_EQ(escaped.status().message().id, "files.corrupt");

  fs::remove(blob);
  auto missing = fs_.Read(*f);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIo);
  EXPECT_EQ(missing.status().message().id, "files.missing");
}

TEST_F(FileStoreTest, ABlobOfTheWrongSizeIsRewritten) {
  // A stale blob under the content's name (not what the content is) is replaced on upload.
  FileStore fs_ = Store();
  const std::string bytes = Pdf();
  const std::string sha = crypto::Sha256Hex(bytes);
  fs::path blob = Root() / sha.substr(0, 2) / sha.substr(2, 2) / sha;
  fs::create_directories(blob.parent_path());
  std::ofstream(blob, std::ios::binary) << "half";
  auto f = fs_.Put("a.pdf", bytes, 1);
  ASSERT_TRUE(f.ok()) << Show(f.status());
  auto read = fs_.Read(*f);
  ASSERT_TRUE(read.ok()) << Show(read.status());
  EXPECT_EQ(*read, bytes);
  EXPECT_EQ(FilesUnder(Root()).size(), 1u);
}

TEST_F(FileStoreTest, GetUnknownIsNotFound) {
  FileStore fs_ = Store();
  auto f = fs_.Get(424242);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(f.status().message().id, "files.not_found");
  EXPECT_EQ(f.status().message().Param("id"), "424242");
}

}  // namespace
}  // namespace ketnoi::files
