#include "files/files.h"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/crypto.h"
#include "text/text.h"

namespace ketnoi::files {

using store::Rows;

namespace {

constexpr size_t kMaxNameBytes = 120;
constexpr std::string_view kFallbackStem = "tep-tin";
constexpr std::string_view kColumns =
    "id, sha256, name, mime, size, owner_user_id, visibility, created_at";

Status NotAllowed() { return Status::Invalid({"files.type_not_allowed"}); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// A zip is allowed only as an Office Open XML document: DOCX (word/document.xml) or XLSX
// (xl/workbook.xml). Only the central directory is read, nothing is decompressed.
Result<FileType> SniffZip(std::string_view content) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(content.data(), content.size(), 0, &error);
  if (!src) {
    zip_error_fini(&error);
    return NotAllowed();
  }
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(src);
    return NotAllowed();
  }
  bool docx = zip_name_locate(archive, "word/document.xml", 0) >= 0;
  bool xlsx = zip_name_locate(archive, "xl/workbook.xml", 0) >= 0;
  zip_discard(archive);  // also frees src
  if (docx && !xlsx)
    return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx"};
  if (xlsx && !docx)
    return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
  return NotAllowed();
}

// Decodes the code point starting at s[i] (s is valid UTF-8, as Nfc() returns) and its length.
char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = s.size() - i;
  char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

// Characters never kept in a stored name: controls (C0, DEL, C1), path separators, the rest of
// what Windows refuses in names (and '"', which would end a Content-Disposition parameter), and
// the bidirectional controls that can disguise an extension ("…\u202Egnp.exe").
bool Unsafe(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;
  switch (cp) {
    case '/':
    case '\\':
    case ':':
    case '*':
    case '?':
    case '"':
    case '<':
    case '>':
    case '|':
    case 0x200E:
    case 0x200F:
    case 0xFEFF:
      return true;
    default:
      return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }
}

bool IsCombiningMark(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

void TrimDotsAndSpaces(std::string& s, bool front) {
  if (front) {
    size_t n = s.find_first_not_of(". ");
    s.erase(0, n == std::string::npos ? s.size() : n);
  } else {
    size_t n = s.find_last_not_of(". ");
    s.erase(n == std::string::npos ? 0 : n + 1);
  }
}

// Cuts `s` to at most `max` bytes, on a code point boundary that does not separate a letter from
// a following combining mark.
void CutUtf8(std::string& s, size_t max) {
  if (s.size() <= max) return;
  size_t pos = max;
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  for (;;) {
    size_t len = 0;
    if (pos == 0 || !IsCombiningMark(DecodeAt(s, pos, &len))) break;
    --pos;  // step back over the previous code point
    while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  }
  s.resize(pos);
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::filesystem::path BlobPath(const std::filesystem::path& root, const std::string& sha) {
  return root / sha.substr(0, 2) / sha.substr(2, 2) / sha;
}

std::string LimitInMb(int64_t bytes) {
  constexpr int64_t kMb = 1024 * 1024;
  if (bytes % kMb == 0) return std::to_string(bytes / kMb);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", static_cast<double>(bytes) / kMb);
  return buf;
}

Status WriteFailed(const std::string& reason) {
  return Status::Io({"files.write_failed", {{"reason", reason}}});
}

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

// Writes `content` to `path` atomically: a temporary file in the same directory, fsync, rename,
// fsync of the directory. The temporary file is removed on any failure.
Status WriteAtomically(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  std::filesystem::path dir = path.parent_path();
  std::filesystem::create_directories(dir, ec);
  if (ec) return WriteFailed(dir.string() + ": " + ec.message());
  // ".<sha>.tmp-<random>" (built by appending: GCC 12 warns falsely on "." + string).
  std::string tmp_name(1, '.');
  tmp_name += path.filename().string();
  tmp_name += ".tmp-";
  tmp_name += crypto::RandomToken(9);
  std::filesystem::path tmp = dir / tmp_name;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return WriteFailed(Errno(tmp.string()));
  auto fail = [&](const std::string& reason) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return WriteFailed(reason);
  };
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(Errno(tmp.string()));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(Errno(tmp.string()));
  int rc = ::close(fd);
  fd = -1;
  if (rc != 0) return fail(Errno(tmp.string()));
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(Errno(path.string()));
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

StoredFile FileFromRow(const Rows& r, size_t i) {
  StoredFile f;
  size_t c = 0;
  f.id = r.Int(i, c++);
  f.sha256 = r.Text(i, c++);
  f.name = r.Text(i, c++);
  f.mime = r.Text(i, c++);
  f.size = r.Int(i, c++);
  f.owner_user_id = r.Int(i, c++);
  f.visibility = r.Text(i, c++);
  f.created_at = r.Text(i, c++);
  return f;
}

}  // namespace

Result<FileType> SniffType(std::string_view content) {
  if (StartsWith(content, "%PDF-")) return FileType{"application/pdf", "pdf"};
  if (StartsWith(content, std::string_view("\x89PNG\r\n\x1a\n", 8)))
    return FileType{"image/png", "png"};
  if (StartsWith(content, "\xFF\xD8\xFF")) return FileType{"image/jpeg", "jpg"};
  if (StartsWith(content, "GIF87a") || StartsWith(content, "GIF89a"))
    return FileType{"image/gif", "gif"};
  if (content.size() >= 12 && StartsWith(content, "RIFF") && content.substr(8, 4) == "WEBP")
    return FileType{"image/webp", "webp"};
  if (StartsWith(content, std::string_view("PK\x03\x04", 4))) return SniffZip(content);
  return NotAllowed();
}

std::string SanitiseName(std::string_view name, const FileType& type) {
  std::string nfc = text::Nfc(name);
  std::string kept;
  kept.reserve(nfc.size());
  for (size_t i = 0; i < nfc.size();) {
    size_t len = 0;
    char32_t cp = DecodeAt(nfc, i, &len);
    if (!Unsafe(cp)) kept.append(nfc, i, len);
    i += len;
  }
  std::string stem = text::CollapseSpaces(kept);
  TrimDotsAndSpaces(stem, /*front=*/true);
  // The client's extension goes: the sniffed type decides. Only a short alphanumeric suffix
  // counts as one ("Báo cáo v1.2 cuối" keeps its ".2 cuối").
  size_t dot = stem.rfind('.');
  if (dot != std::string::npos && dot > 0) {
    std::string_view ext = std::string_view(stem).substr(dot + 1);
    bool is_ext = !ext.empty() && ext.size() <= 10;
    for (char c : ext)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        is_ext = false;
    if (is_ext) stem.resize(dot);
  }
  TrimDotsAndSpaces(stem, /*front=*/false);
  size_t max_stem = kMaxNameBytes - 1 - type.extension.size();
  CutUtf8(stem, max_stem);
  TrimDotsAndSpaces(stem, /*front=*/false);
  if (stem.empty()) stem = kFallbackStem;
  return stem + "." + type.extension;
}

Result<StoredFile> FileStore::Put(std::string_view name, std::string_view content,
                                  int64_t owner_user_id, const std::string& visibility) {
  if (content.empty()) return Status::Invalid({"files.empty"});
  if (static_cast<int64_t>(content.size()) > max_bytes_)
    return Status::Invalid({"files.too_large", {{"limit", LimitInMb(max_bytes_)}}});
  if (visibility != "private" && visibility != "public")
    return Status::Invalid({"files.bad_visibility", {{"value", visibility}}});
  KETNOI_ASSIGN_OR_RETURN(FileType type, SniffType(content));

  StoredFile f;
  f.sha256 = crypto::Sha256Hex(content);
  f.name = SanitiseName(name, type);
  f.mime = type.mime;
  f.size = static_cast<int64_t>(content.size());
  f.owner_user_id = owner_user_id;
  f.visibility = visibility;
  f.created_at = clock_.NowText();

  // The bytes once per content. A blob already there is kept (it was renamed into place only
  // after an fsync) unless its size shows it is not this content, in which case it is replaced.
  std::filesystem::path path = BlobPath(root_, f.sha256);
  std::error_code ec;
  auto existing = std::filesystem::file_size(path, ec);
  if (ec || existing != content.size()) KETNOI_RETURN_IF_ERROR(WriteAtomically(path, content));

  KETNOI_ASSIGN_OR_RETURN(
      f.id, db_.InsertReturningId(
                "INSERT INTO files (sha256, name, mime, size, owner_user_id, "
                "visibility, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id",
                {f.sha256, f.name, f.mime, f.size, f.owner_user_id, f.visibility, f.created_at}));
  return f;
}

Result<StoredFile> FileStore::Get(int64_t id) {
  KETNOI_ASSIGN_OR_RETURN(
      Rows rows, db_.Query("SELECT " + std::string(kColumns) + " FROM files WHERE id = ?", {id}));
  if (rows.empty()) return Status::NotFound({"files.not_found", {{"id", std::to_string(id)}}});
  return FileFromRow(rows, 0);
}

Result<std::string> FileStore::Read(const StoredFile& f) {
  std::string id = std::to_string(f.id);
  // The hash names the blob's path: anything but 64 hex digits is not ours to open.
  if (!IsHex64(f.sha256)) return Status::Io({"files.corrupt", {{"id", id}}});
  std::filesystem::path path = BlobPath(root_, f.sha256);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec) && !ec)
      return Status::Io({"files.missing", {{"id", id}}});
    return Status::Io({"files.read_failed", {{"id", id}, {"reason", Errno(path.string())}}});
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad())
    return Status::Io({"files.read_failed", {{"id", id}, {"reason", Errno(path.string())}}});
  if (static_cast<int64_t>(bytes.size()) != f.size || crypto::Sha256Hex(bytes) != f.sha256)
    return Status::Io({"files.corrupt", {{"id", id}}});
  return bytes;
}

Result<std::vector<StoredFile>> FileStore::ListByOwner(int64_t owner_user_id, int limit) {
  int64_t n = limit < 0 ? 0 : limit;
  KETNOI_ASSIGN_OR_RETURN(Rows rows, db_.Query("SELECT " + std::string(kColumns) +
                                                   " FROM files WHERE owner_user_id = ? ORDER "
                                                   "BY id DESC LIMIT ?",
                                               {owner_user_id, n}));
  std::vector<StoredFile> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out.push_back(FileFromRow(rows, i));
  return out;
}

}  // namespace ketnoi::files
