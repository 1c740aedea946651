// files — the content-addressed file store for uploads (dossiers, CVs, descriptions). Bytes live
// once under DATA/files/ab/cd/<sha256> whatever their name; a `files` row per upload records the
// sanitised name, the type sniffed from the content (PDF, DOCX, XLSX, PNG, JPEG, GIF, WebP — never
// trusted from the name or the client's Content-Type), size, owner and visibility. Writes go to
// a temporary file, are fsynced and renamed, so a crash never leaves a half-written blob under
// its final name. Who may download is decided by the caller (http/web) from owner/visibility.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/db.h"

namespace ketnoi::files {

struct FileType {
  std::string mime;       // "application/pdf", …
  std::string extension;  // "pdf", "docx", "xlsx", "png", "jpg", "gif", "webp"
};

// The type of `content` from its bytes; Invalid "files.type_not_allowed" for anything else
// (HTML, scripts, executables, SVG, unknown). DOCX and XLSX are told apart by the zip's entries.
Result<FileType> SniffType(std::string_view content);

// A safe file name: NFC, path separators and control characters removed, no leading dots,
// at most 120 bytes (cut on a UTF-8 boundary), extension replaced by the sniffed one.
// Empty or all-unsafe names become "tep-tin.<ext>".
std::string SanitiseName(std::string_view name, const FileType& type);

struct StoredFile {
  int64_t id = 0;
  std::string sha256;
  std::string name;  // sanitised
  std::string mime;
  int64_t size = 0;
  int64_t owner_user_id = 0;
  std::string visibility;  // "private" (owner and staff), "public"
  std::string created_at;
};

class FileStore {
 public:
  // root: the directory blobs go under (DATA/files). max_bytes: uploads larger are refused.
  FileStore(store::Db& db, std::filesystem::path root, const Clock& clock,
            int64_t max_bytes = 20 * 1024 * 1024)
      : db_(db), root_(std::move(root)), clock_(clock), max_bytes_(max_bytes) {}

  // Sniffs, sanitises, writes the blob (if not already there) and the row. Errors:
  // Invalid "files.too_large" {limit}, "files.empty", "files.type_not_allowed";
  // visibility must be "private" or "public".
  Result<StoredFile> Put(std::string_view name, std::string_view content, int64_t owner_user_id,
                         const std::string& visibility = "private");
  // NotFound "files.not_found" {id}.
  Result<StoredFile> Get(int64_t id);
  // The bytes; DataLoss "files.corrupt" when the blob's hash no longer matches.
  Result<std::string> Read(const StoredFile& f);
  Result<std::vector<StoredFile>> ListByOwner(int64_t owner_user_id, int limit = 200);

  const std::filesystem::path& root() const { return root_; }

 private:
  store::Db& db_;
  std::filesystem::path root_;
  const Clock& clock_;
  int64_t max_bytes_;
};

}  // namespace ketnoi::files
