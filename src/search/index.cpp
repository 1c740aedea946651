#include "search/index.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <future>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>
#include <unordered_map>
#include <unordered_set>

#include "dedup/features.h"
#include "search/query.h"
#include "store/change_log.h"
#include "text/text.h"

namespace ketnoi::search {

namespace {

namespace fs = std::filesystem;

// Value slots.
constexpr Xapian::valueno kSlotField = 0, kSlotLevel = 1, kSlotKind = 2, kSlotProgram = 3,
                          kSlotStatus = 4, kSlotYear = 5, kSlotHost = 6, kSlotSource = 7,
                          kSlotDate = 10, kSlotBudget = 11, kSlotTitle = 12,
                          kSlotDedup = 0;  // in the duplicate check's indexes
// Every facet value of a document in one value (BuildDocument), so that counting facets reads
// one value per match instead of eight (FacetSpy).
constexpr Xapian::valueno kSlotFacets = 13;

struct FacetDef {
  const char* name;
  Xapian::valueno slot;
  const char* filter_prefix;  // boolean term prefix used to filter on this facet
};
constexpr FacetDef kFacets[] = {
    {"field", kSlotField, "XF"},     {"level", kSlotLevel, "XL"},   {"kind", kSlotKind, "XK"},
    {"program", kSlotProgram, "XG"}, {"status", kSlotStatus, "XS"}, {"year", kSlotYear, "XY"},
    {"host", kSlotHost, "XH"},       {"source", kSlotSource, "XR"},
};
constexpr size_t kFacetCount = std::size(kFacets);
constexpr char kFacetSep = '\x1f';
constexpr const char* kDistrictPrefix = "XD";
constexpr const char* kIdPrefix = "Q";
constexpr const char* kLastSeqKey = "last_seq";
// The duplicate check's indexes (DedupDir, PrivateDir) hold, per task, its identity (the same
// data as the search index), its content syllables (dedup::EncodeSyllables) in a value and its
// features (dedup::IndexTerms) as terms; the metadata key says every task is in them.
constexpr const char* kDedupPrefix = "XW";
constexpr const char* kDedupKey = "dedup_features";
constexpr size_t kMaxTermBytes = 120;
constexpr Xapian::termpos kFieldGap = 100;
constexpr int kCommitEvery = 10000;

const char* TextPrefix(std::string_view field) {
  if (field == "title") return "S";
  if (field == "abstract") return "B";
  if (field == "keywords") return "K";
  if (field == "host") return "H";
  if (field == "pi") return "P";
  if (field == "code") return "C";
  return "";
}
// Prefixed terms with positions (phrases inside the field work); others carry frequency only.
bool PositionalField(std::string_view field) { return field == "title" || field == "code"; }

std::string IdTerm(int64_t id) { return kIdPrefix + std::to_string(id); }

// Filter values are compared folded, so "Tinh", "tinh" and "tỉnh" are the same.
std::string FilterTerm(const char* prefix, std::string_view value) {
  return prefix + text::Fold(value);
}

class DocBuilder {
 public:
  explicit DocBuilder(Xapian::Document& doc) : doc_(doc) {}

  // Indexes `value` into the general positional text (folded and, when different, accented
  // syllables at the same position) and, when `field` is given, into that field's prefix.
  // Positions (what phrase queries need, and most of an index's size and build time) are kept
  // for the folded syllables of the texts people quote from: title, code, keywords, abstract.
  // Accented syllables only raise the rank of exact spellings, so they carry no positions.
  void Text(std::string_view value, std::string_view field, Xapian::termcount wdf = 1,
            bool positions = true) {
    const std::string prefix = TextPrefix(field);
    const bool prefix_positions = PositionalField(field);
    for (const text::Token& t : text::Tokenize(value)) {
      if (t.lower.size() > kMaxTermBytes) continue;
      ++pos_;
      if (positions)
        doc_.add_posting(t.folded, pos_, wdf);
      else
        doc_.add_term(t.folded, wdf);
      if (t.lower != t.folded) doc_.add_term(t.lower, wdf);
      if (!prefix.empty()) {
        if (prefix_positions)
          doc_.add_posting(prefix + t.folded, pos_, wdf);
        else
          doc_.add_term(prefix + t.folded, wdf);
      }
    }
    pos_ += kFieldGap;
  }

 private:
  Xapian::Document& doc_;
  Xapian::termpos pos_ = 0;
};

std::string FacetFieldValue(const std::string& code) {
  return code.size() >= 3 ? code.substr(0, 3) : code;
}

// The duplicate check's representation and features.
void AddDedupFeatures(Xapian::Document& doc, const registry::Task& t) {
  auto title_syl = dedup::ContentSyllables(t.title);
  auto abstract_syl = dedup::ContentSyllables(t.abstract);
  for (const auto& f : dedup::IndexTerms(title_syl, abstract_syl))
    if (f.size() <= kMaxTermBytes) doc.add_term(kDedupPrefix + f);
  doc.add_value(kSlotDedup, dedup::EncodeSyllables(title_syl, abstract_syl));
}

void SetDocumentData(Xapian::Document& doc, const registry::Task& t) {
  doc.set_data(std::to_string(t.id) + '\x1f' + t.code + '\x1f' + t.source + '\x1f' + t.external_id +
               '\x1f' + t.title);
}

// A task in the duplicate check's index: public tasks in one, the others (secret, restricted)
// in a private one that only the check opens, for authorised staff.
Xapian::Document BuildDedupDocument(const registry::Task& t) {
  Xapian::Document doc;
  SetDocumentData(doc, t);
  AddDedupFeatures(doc, t);
  return doc;
}

Xapian::Document BuildDocument(const registry::TaskRecord& rec) {
  const registry::Task& t = rec.task;
  Xapian::Document doc;
  SetDocumentData(doc, t);
  doc.add_boolean_term(IdTerm(t.id));
  DocBuilder b(doc);
  b.Text(t.title, "title", 3);
  b.Text(t.code, "code", 2);
  std::string keywords;
  for (const auto& k : t.keywords) keywords += k + " ; ";
  b.Text(keywords, "keywords", 2);
  b.Text(t.abstract, "abstract");
  b.Text(t.objectives, "", 1, false);
  b.Text(t.content, "", 1, false);
  b.Text(rec.host_name + " ; " + rec.host_short_name + " ; " + rec.host_parent, "host");
  b.Text(rec.host_district, "");
  b.Text(rec.pi_name, "pi");
  b.Text(rec.program_name, "", 1, false);
  b.Text(t.result_summary, "", 1, false);
  b.Text(t.applied_at, "", 1, false);

  // Filters and facets.
  if (!t.field_code.empty()) {
    doc.add_boolean_term(FilterTerm("XF", t.field_code.substr(0, 1)));
    if (t.field_code.size() >= 3) doc.add_boolean_term(FilterTerm("XF", t.field_code.substr(0, 3)));
    if (t.field_code.size() >= 5) doc.add_boolean_term(FilterTerm("XF", t.field_code));
    doc.add_value(kSlotField, FacetFieldValue(t.field_code));
  }
  auto facet = [&](Xapian::valueno slot, const char* prefix, const std::string& value) {
    if (value.empty()) return;
    doc.add_boolean_term(FilterTerm(prefix, value));
    doc.add_value(slot, value);
  };
  facet(kSlotLevel, "XL", t.level);
  facet(kSlotKind, "XK", t.kind);
  facet(kSlotProgram, "XG", rec.program_code);
  facet(kSlotStatus, "XS", t.status);
  facet(kSlotYear, "XY", t.start ? std::to_string(t.start->year) : "");
  facet(kSlotHost, "XH", t.host_id ? std::to_string(*t.host_id) : "");
  facet(kSlotSource, "XR", t.source);
  if (!rec.host_district.empty())
    doc.add_boolean_term(FilterTerm(kDistrictPrefix, rec.host_district));
  {
    std::string packed;
    for (size_t i = 0; i < kFacetCount; ++i) {
      if (i) packed += kFacetSep;
      for (char c : doc.get_value(kFacets[i].slot)) packed += c == kFacetSep ? ' ' : c;
    }
    doc.add_value(kSlotFacets, packed);
  }

  // Sort keys.
  if (t.start)
    doc.add_value(kSlotDate,
                  Xapian::sortable_serialise(static_cast<double>(t.start->DaysSinceEpoch())));
  doc.add_value(kSlotBudget, Xapian::sortable_serialise(static_cast<double>(t.TotalBudget().dong)));
  doc.add_value(kSlotTitle, text::CollationKey(t.title));
  return doc;
}

Status IndexError(const Xapian::Error& e) {
  return Status::Internal({"search.index_error", {{"reason", e.get_description()}}});
}

int64_t ReadLastSeq(const Xapian::Database& db) {
  std::string v = db.get_metadata(kLastSeqKey);
  return v.empty() ? 0 : std::stoll(v);
}

// Writes documents for a batch of task ids: public tasks are (re)indexed, everything else
// (deleted, secret, restricted) is removed. Display labels for program and host facets are
// kept in the index's metadata.
class BatchWriter {
 public:
  // db: the search index, or null to write only the duplicate check's indexes.
  BatchWriter(registry::Registry& registry, Xapian::WritableDatabase* db,
              Xapian::WritableDatabase& dedup, Xapian::WritableDatabase& private_db)
      : registry_(registry), db_(db), dedup_(dedup), private_(private_db) {}

  // The search index and the duplicate check's two indexes are written on two threads (each
  // Xapian database is used by one thread only). Writing the search index is the larger part,
  // so this thread also builds its documents and hands them over in chunks; then it writes
  // the duplicate check's side. On two cores a bulk import takes about half as long.
  Result<int64_t> Write(const std::vector<int64_t>& ids) {
    for (int64_t id : ids)
      if (id <= 0 || id > static_cast<int64_t>(std::numeric_limits<Xapian::docid>::max()))
        return Status::Internal({"search.index_error", {{"reason", "task id out of range"}}});
    KETNOI_ASSIGN_OR_RETURN(std::vector<registry::TaskRecord> records,
                            registry_.GetTaskRecords(ids));
    std::unordered_map<int64_t, const registry::TaskRecord*> found;
    for (const auto& r : records) found[r.task.id] = &r;
    auto record = [&](int64_t id) -> const registry::TaskRecord* {
      auto it = found.find(id);
      return it == found.end() ? nullptr : it->second;
    };
    // The document id is the task id: replacing by id is cheap and idempotent, where replacing
    // by a unique term has to search the pending changes for every document.
    struct Item {
      Xapian::docid docid;
      const registry::TaskRecord* rec;  // null: remove the document
      Xapian::Document doc;
    };
    std::mutex mu;
    std::condition_variable ready;
    std::deque<std::vector<Item>> chunks;
    bool last_chunk = false;
    std::future<void> search_side;
    if (db_)
      search_side = std::async(std::launch::async, [&] {
        while (true) {
          std::vector<Item> chunk;
          {
            std::unique_lock lock(mu);
            ready.wait(lock, [&] { return !chunks.empty() || last_chunk; });
            if (chunks.empty()) return;
            chunk = std::move(chunks.front());
            chunks.pop_front();
          }
          for (Item& item : chunk) {
            if (!item.rec) {
              Delete(*db_, item.docid);
              continue;
            }
            db_->replace_document(item.docid, item.doc);
            if (!item.rec->program_code.empty())
              Label("label:program:" + item.rec->program_code, item.rec->program_name);
            if (item.rec->task.host_id)
              Label("label:host:" + std::to_string(*item.rec->task.host_id), item.rec->host_name);
          }
        }
      });
    auto hand_over = [&](std::vector<Item>&& chunk, bool last) {
      {
        std::lock_guard lock(mu);
        if (!chunk.empty()) chunks.push_back(std::move(chunk));
        last_chunk = last_chunk || last;
      }
      ready.notify_one();
    };
    std::exception_ptr failed;
    if (db_) {
      try {
        constexpr size_t kChunk = 250;
        std::vector<Item> chunk;
        for (int64_t id : ids) {
          const registry::TaskRecord* rec = record(id);
          const auto docid = static_cast<Xapian::docid>(id);
          if (rec && rec->task.IsPublic())
            chunk.push_back({docid, rec, BuildDocument(*rec)});
          else
            chunk.push_back({docid, nullptr, Xapian::Document()});
          if (chunk.size() == kChunk) hand_over(std::exchange(chunk, {}), false);
        }
        hand_over(std::move(chunk), true);
      } catch (...) {
        failed = std::current_exception();
        hand_over({}, true);
      }
    }
    // The duplicate check's side runs here; the search side's exception (if any) is rethrown
    // by get(), after this side has finished with the databases it uses.
    try {
      for (int64_t id : ids) {
        if (failed) break;
        const registry::TaskRecord* rec = record(id);
        const auto docid = static_cast<Xapian::docid>(id);
        if (rec && rec->task.IsPublic()) {
          dedup_.replace_document(docid, BuildDedupDocument(rec->task));
          Delete(private_, docid);
        } else {
          if (rec)
            private_.replace_document(docid, BuildDedupDocument(rec->task));
          else
            Delete(private_, docid);
          Delete(dedup_, docid);
        }
      }
    } catch (...) {
      failed = std::current_exception();
    }
    if (search_side.valid()) search_side.get();
    if (failed) std::rethrow_exception(failed);
    return static_cast<int64_t>(ids.size());
  }

 private:
  static void Delete(Xapian::WritableDatabase& db, Xapian::docid docid) {
    if (docid > db.get_lastdocid()) return;  // never added there (a bulk import's new tasks)
    try {
      db.delete_document(docid);
    } catch (const Xapian::DocNotFoundError&) {
      // never indexed there, or already removed
    }
  }

  void Label(const std::string& key, const std::string& value) {
    auto it = labels_.find(key);
    if (it != labels_.end() && it->second == value) return;
    if (db_->get_metadata(key) != value) db_->set_metadata(key, value);
    labels_[key] = value;
  }

  registry::Registry& registry_;
  Xapian::WritableDatabase* db_;
  Xapian::WritableDatabase& dedup_;
  Xapian::WritableDatabase& private_;
  std::unordered_map<std::string, std::string> labels_;
};

// Beside the search index: the duplicate check's indexes of public tasks and of the others.
fs::path DedupDir(const fs::path& dir) {
  fs::path p = dir;
  p += ".dedup";
  return p;
}
fs::path PrivateDir(const fs::path& dir) {
  fs::path p = dir;
  p += ".private";
  return p;
}

Result<Xapian::WritableDatabase> OpenWritable(const fs::path& dir) {
  // Measured on a bulk import (bench W2): flushing every 1,000 documents is 1.5× faster than
  // every 3,000 and 1.7× faster than every 10,000 (smaller in-memory postings, flushed on the
  // writer threads), and it holds less memory. The environment may override it.
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0);
  std::error_code ec;
  fs::create_directories(dir.parent_path(), ec);
  try {
    return Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    return Status::Unavailable({"search.index_locked"});
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
}

}  // namespace

const std::vector<std::string>& FacetNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v;
    for (const auto& f : kFacets) v.emplace_back(f.name);
    return v;
  }();
  return kNames;
}

Result<int64_t> Indexer::LastApplied() const {
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return int64_t{0};
  try {
    Xapian::Database db(dir_.string());
    return ReadLastSeq(db);
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
}

Result<CatchUpStats> Indexer::CatchUp(const Progress& progress) {
  KETNOI_ASSIGN_OR_RETURN(Xapian::WritableDatabase wdb, OpenWritable(dir_));
  KETNOI_ASSIGN_OR_RETURN(Xapian::WritableDatabase ddb, OpenWritable(DedupDir(dir_)));
  KETNOI_ASSIGN_OR_RETURN(Xapian::WritableDatabase pdb, OpenWritable(PrivateDir(dir_)));
  try {
    CatchUpStats stats;
    int64_t last = ReadLastSeq(wdb);
    const int64_t start = last;
    // Built beside a new search index, the duplicate check's indexes will hold every task;
    // beside an older one they wait for `ketnoi reindex`.
    if (last == 0 && wdb.get_doccount() == 0) {
      ddb.set_metadata(kDedupKey, "1");
      pdb.set_metadata(kDedupKey, "1");
    }
    KETNOI_ASSIGN_OR_RETURN(int64_t target, store::LastSeq(registry_.db()));
    BatchWriter writer(registry_, &wdb, ddb, pdb);
    int64_t since_commit = 0;
    while (true) {
      KETNOI_ASSIGN_OR_RETURN(std::vector<store::Change> changes,
                              store::ChangesAfter(registry_.db(), last, 5000));
      if (changes.empty()) break;
      std::vector<int64_t> ids;
      std::unordered_set<int64_t> seen;
      for (const auto& c : changes) {
        if (c.entity == "task") {
          if (seen.insert(c.entity_id).second) ids.push_back(c.entity_id);
          continue;
        }
        // A new organisation, person or program appears in no document yet: the tasks that
        // refer to it were written after it, and their own changes follow in the log.
        if (c.op == "insert") continue;
        KETNOI_ASSIGN_OR_RETURN(std::vector<int64_t> related,
                                registry_.TasksMentioning(c.entity, c.entity_id));
        for (int64_t id : related)
          if (seen.insert(id).second) ids.push_back(id);
      }
      KETNOI_ASSIGN_OR_RETURN(int64_t written, writer.Write(ids));
      stats.documents += written;
      stats.changes += static_cast<int64_t>(changes.size());
      last = changes.back().seq;
      wdb.set_metadata(kLastSeqKey, std::to_string(last));
      since_commit += written + static_cast<int64_t>(changes.size()) / 10;
      if (since_commit >= kCommitEvery) {
        // The search index last: it holds the sequence, so after a crash between commits,
        // catch-up applies the same changes to all three again (documents are replaced by id).
        ddb.commit();
        pdb.commit();
        wdb.commit();
        since_commit = 0;
      }
      if (progress) progress(last - start, std::max(target, last) - start);
    }
    ddb.commit();
    pdb.commit();
    wdb.commit();
    stats.last_seq = last;
    return stats;
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
}

Result<int64_t> Indexer::Rebuild(const Progress& progress, bool dedup_only) {
  // Hold the live index's write lock so no catch-up runs while we rebuild beside it.
  KETNOI_ASSIGN_OR_RETURN(Xapian::WritableDatabase live, OpenWritable(dir_));
  // Each index is built in DIR.rebuild, then swapped in.
  std::vector<fs::path> dirs = {DedupDir(dir_), PrivateDir(dir_)};
  if (!dedup_only) dirs.push_back(dir_);
  auto fresh = [](fs::path p) { return p += ".rebuild"; };
  std::error_code ec;
  for (const auto& d : dirs) fs::remove_all(fresh(d), ec);
  int64_t count = 0;
  try {
    // Everything up to this sequence is in the store now; later changes are re-applied by
    // catch-up, which is idempotent (documents are replaced by id).
    KETNOI_ASSIGN_OR_RETURN(int64_t seq, store::LastSeq(registry_.db()));
    KETNOI_ASSIGN_OR_RETURN(registry::RegistryStats st, registry_.Stats());
    Xapian::WritableDatabase ddb(fresh(DedupDir(dir_)).string(), Xapian::DB_CREATE);
    Xapian::WritableDatabase pdb(fresh(PrivateDir(dir_)).string(), Xapian::DB_CREATE);
    std::optional<Xapian::WritableDatabase> wdb;
    if (!dedup_only) wdb.emplace(fresh(dir_).string(), Xapian::DB_CREATE);
    BatchWriter writer(registry_, wdb ? &*wdb : nullptr, ddb, pdb);
    int64_t after = 0;
    while (true) {
      KETNOI_ASSIGN_OR_RETURN(std::vector<int64_t> ids, registry_.PublicTaskIds(after, 5000));
      if (ids.empty()) break;
      KETNOI_ASSIGN_OR_RETURN(int64_t n, writer.Write(ids));
      count += n;
      after = ids.back();
      if (progress) progress(count, st.public_tasks);
    }
    for (after = 0;;) {
      KETNOI_ASSIGN_OR_RETURN(
          store::Rows rows,
          registry_.db().Query("SELECT id FROM tasks WHERE confidentiality <> 'public' AND id > ? "
                               "ORDER BY id LIMIT 5000",
                               {after}));
      if (rows.empty()) break;
      std::vector<int64_t> ids;
      for (size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.Int(i, 0));
      KETNOI_RETURN_IF_ERROR(writer.Write(ids).status());
      after = ids.back();
    }
    for (auto* db : {&ddb, &pdb}) {
      db->set_metadata(kDedupKey, "1");
      db->commit();
      db->close();
    }
    if (wdb) {
      wdb->set_metadata(kLastSeqKey, std::to_string(seq));
      wdb->commit();
      wdb->close();
    }
    live.close();
  } catch (const Xapian::Error& e) {
    for (const auto& d : dirs) fs::remove_all(fresh(d), ec);
    return IndexError(e);
  }
  for (const auto& d : dirs) {
    fs::path old = d;
    old += ".old";
    fs::remove_all(old, ec);
    fs::rename(d, old, ec);
    ec.clear();  // there may have been none
    fs::rename(fresh(d), d, ec);
    if (ec) return Status::Io({"search.index_error", {{"reason", ec.message()}}});
    fs::remove_all(old, ec);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------

namespace {

Xapian::Query ClauseQuery(const QueryClause& c) {
  std::string prefix = TextPrefix(c.field);
  std::vector<Xapian::Query> terms;
  for (const auto& t : c.tokens) terms.emplace_back(prefix + t.folded);
  if (terms.size() == 1) return terms.front();
  if (c.phrase && (c.field.empty() || PositionalField(c.field)))
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size()));
  return Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end());
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool AsciiWord(std::string_view s) {
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return !s.empty();
}

// The most frequent indexed syllable within a small edit distance of `word`, or "".
std::string ClosestTerm(const Xapian::Database& db, const std::string& word) {
  if (!AsciiWord(word) || word.size() < 2) return "";
  size_t max_distance = word.size() <= 4 ? 1 : 2;
  std::string best;
  Xapian::doccount best_freq = 0;
  // Candidates share the first letter (typing errors rarely hit it) — bounded work.
  for (auto it = db.allterms_begin(word.substr(0, 1)); it != db.allterms_end(word.substr(0, 1));
       ++it) {
    std::string term = *it;
    if (!AsciiWord(term) || term == word) continue;
    if (term.size() + max_distance < word.size() || term.size() > word.size() + max_distance)
      continue;
    if (EditDistance(term, word) > max_distance) continue;
    Xapian::doccount f = it.get_termfreq();
    if (f > best_freq) {
      best_freq = f;
      best = term;
    }
  }
  if (best.empty()) return best;
  // Show the candidate as people write it: its most frequent accented spelling, when common.
  std::string accented;
  Xapian::doccount accented_freq = 0;
  for (auto it = db.allterms_begin(best.substr(0, 1)); it != db.allterms_end(best.substr(0, 1));
       ++it) {
    std::string term = *it;
    if (AsciiWord(term) || term.size() > best.size() * 3 || text::Fold(term) != best) continue;
    if (it.get_termfreq() > accented_freq) {
      accented_freq = it.get_termfreq();
      accented = term;
    }
  }
  return accented_freq * 2 >= best_freq ? accented : best;
}

std::string FacetLabel(const Xapian::Database& db, std::string_view facet, const std::string& value,
                       const std::string& lang) {
  if (facet == "field") {
    const registry::Field* f = registry::FindField(value);
    return f ? std::string(lang == "en" ? f->name_en : f->name_vi) : value;
  }
  if (facet == "level") return registry::Label(registry::TaskLevels(), value, lang);
  if (facet == "kind") return registry::Label(registry::TaskKinds(), value, lang);
  if (facet == "status") return registry::Label(registry::TaskStatuses(), value, lang);
  if (facet == "program" || facet == "host") {
    std::string label = db.get_metadata("label:" + std::string(facet) + ":" + value);
    return label.empty() ? value : label;
  }
  return value;
}

Hit HitFromDocument(const Xapian::Document& doc) {
  Hit h;
  std::string data = doc.get_data();
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = data.find('\x1f', start);
    parts.push_back(data.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  parts.resize(5);
  h.id = parts[0].empty() ? 0 : std::stoll(parts[0]);
  h.code = parts[1];
  h.source = parts[2];
  h.external_id = parts[3];
  h.title = parts[4];
  return h;
}

// Counts every facet of the documents the matcher examines. It keeps one count per distinct
// combination of facet values (one hash per document; most matches share a few hundred
// combinations) and splits the combinations into per-facet counts at the end. An index built
// before kSlotFacets existed has no packed value: the facet slots are then read one by one.
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++total_;
    std::string packed = doc.get_value(kSlotFacets);
    if (packed.empty()) {
      for (size_t i = 0; i < kFacetCount; ++i) {
        if (i) packed += kFacetSep;
        packed += doc.get_value(kFacets[i].slot);
      }
    }
    ++combos_[std::move(packed)];
  }
  Xapian::doccount total() const { return total_; }
  // Value → count for each facet, in kFacets order; empty values are not counted.
  std::vector<std::unordered_map<std::string, int64_t>> Counts() const {
    std::vector<std::unordered_map<std::string, int64_t>> counts(kFacetCount);
    for (const auto& [packed, n] : combos_) {
      size_t start = 0;
      for (size_t i = 0; i < kFacetCount && start <= packed.size(); ++i) {
        size_t end = packed.find(kFacetSep, start);
        if (end == std::string::npos) end = packed.size();
        if (end > start) counts[i][packed.substr(start, end - start)] += n;
        start = end + 1;
      }
    }
    return counts;
  }

 private:
  Xapian::doccount total_ = 0;
  std::unordered_map<std::string, int64_t> combos_;
};

}  // namespace

// How many of the best matches the phrase boost re-ranks (RerankHead).
constexpr Xapian::doccount kRerankDepth = 100;

// Sets the query, filters and sort of a request on `enquire`; gives the effective sort.
// `phrase` receives the words typed together (folded) when there are two or more and the sort
// is by relevance: RerankHead boosts the best matches where they stand together. Checked as a
// phrase inside the query, this read the positions of every match the facet sample examined,
// half of a search's time (bench W1).
Result<std::string> PrepareEnquire(Xapian::Enquire& enquire, const SearchRequest& req,
                                   std::vector<std::string>* phrase = nullptr) {
  ParsedQuery parsed = ParseQuery(req.query);

  std::vector<Xapian::Query> must, must_not, boost;
  for (const auto& c : parsed.clauses) {
    (c.negated ? must_not : must).push_back(ClauseQuery(c));
    if (c.negated || !c.field.empty()) continue;
    for (const auto& t : c.tokens)
      if (t.lower != t.folded) boost.emplace_back(t.lower);
  }
  Xapian::Query query = must.empty()
                            ? Xapian::Query::MatchAll
                            : Xapian::Query(Xapian::Query::OP_AND, must.begin(), must.end());
  if (!must_not.empty())
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_OR, must_not.begin(), must_not.end()));
  // Words typed together rank higher when they stand together ("dong da" → Đống Đa).
  std::vector<std::string> adjacent;
  for (const auto& c : parsed.clauses)
    if (!c.negated && c.field.empty() && !c.phrase && c.tokens.size() == 1)
      adjacent.push_back(c.tokens.front().folded);
  if (!boost.empty())
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          Xapian::Query(Xapian::Query::OP_OR, boost.begin(), boost.end()));

  // Filters from the request and from the query text; OR within a facet, AND across.
  std::map<std::string, std::vector<std::string>> filters = req.filters;
  for (auto& [name, values] : parsed.filters)
    filters[name].insert(filters[name].end(), values.begin(), values.end());
  std::vector<Xapian::Query> filter_queries;
  for (const auto& [name, values] : filters) {
    const char* prefix = nullptr;
    for (const auto& f : kFacets)
      if (name == f.name) prefix = f.filter_prefix;
    if (name == "district") prefix = kDistrictPrefix;
    if (!prefix) return Status::Invalid({"search.unknown_filter", {{"name", name}}});
    std::vector<Xapian::Query> alternatives;
    for (const auto& v : values) alternatives.emplace_back(FilterTerm(prefix, v));
    if (!alternatives.empty())
      filter_queries.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
  if (!filter_queries.empty())
    query = Xapian::Query(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_AND, filter_queries.begin(), filter_queries.end()));

  enquire.set_query(query);
  std::string sort = req.sort.empty() ? "relevance" : req.sort;
  if (sort == "relevance" && must.empty()) sort = "date";  // browsing: newest first
  if (sort == "date")
    enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  else if (sort == "date_asc")
    enquire.set_sort_by_value_then_relevance(kSlotDate, false);
  else if (sort == "budget")
    enquire.set_sort_by_value_then_relevance(kSlotBudget, true);
  else if (sort == "budget_asc")
    enquire.set_sort_by_value_then_relevance(kSlotBudget, false);
  else if (sort == "title")
    enquire.set_sort_by_value_then_relevance(kSlotTitle, false);
  else if (sort == "title_desc")
    enquire.set_sort_by_value_then_relevance(kSlotTitle, true);
  else if (sort != "relevance")
    return Status::Invalid({"search.bad_sort", {{"value", req.sort}}});

  if (phrase) {
    phrase->clear();
    if (sort == "relevance" && adjacent.size() > 1) *phrase = std::move(adjacent);
  }
  return sort;
}

namespace {

struct Ranked {
  Xapian::docid docid;
  double weight;
  Xapian::Document doc;
};

// Whether `terms` stand one after another somewhere in the document.
bool Adjacent(const Xapian::Database& db, Xapian::docid docid,
              const std::vector<std::string>& terms) {
  std::vector<Xapian::PositionIterator> its;
  its.reserve(terms.size());
  for (const auto& t : terms) {
    its.push_back(db.positionlist_begin(docid, t));
    if (its.back() == db.positionlist_end(docid, t)) return false;
  }
  for (Xapian::PositionIterator& first = its.front(); first != Xapian::PositionIterator();
       ++first) {
    bool all = true;
    for (size_t i = 1; i < its.size() && all; ++i) {
      const Xapian::termpos want = *first + static_cast<Xapian::termpos>(i);
      its[i].skip_to(want);
      if (its[i] == Xapian::PositionIterator()) return false;
      all = *its[i] == want;
    }
    if (all) return true;
  }
  return false;
}

// Documents where the words typed together stand together weigh twice as much: what the
// phrase inside the query added (the same terms' weights again), checked on the best
// kRerankDepth matches only. Matches below keep their order; every page of a result is cut
// from this one order, so paging stays consistent.
void RerankHead(const Xapian::Database& db, const std::vector<std::string>& phrase,
                std::vector<Ranked>& ranked) {
  const size_t head = std::min<size_t>(ranked.size(), kRerankDepth);
  if (head == 0 || phrase.size() < 2) return;
  for (size_t i = 0; i < head; ++i)
    if (Adjacent(db, ranked[i].docid, phrase)) ranked[i].weight *= 2;
  std::stable_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(head),
                   [](const Ranked& a, const Ranked& b) { return a.weight > b.weight; });
}

// The page [offset, offset + limit) of a prepared enquire, with the phrase boost applied.
std::vector<Ranked> RankedPage(const Xapian::Database& db, Xapian::Enquire& enquire,
                               const std::vector<std::string>& phrase, Xapian::doccount offset,
                               Xapian::doccount limit, Xapian::doccount check,
                               Xapian::MSet* mset_out) {
  std::vector<Ranked> ranked;
  if (phrase.empty()) {
    Xapian::MSet mset = enquire.get_mset(offset, limit, check);
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ranked.push_back({*it, it.get_weight(), it.get_document()});
    if (mset_out) *mset_out = mset;
    return ranked;
  }
  Xapian::MSet mset = enquire.get_mset(0, std::max(kRerankDepth, offset + limit), check);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ranked.push_back({*it, it.get_weight(), Xapian::Document()});
  RerankHead(db, phrase, ranked);
  if (offset >= ranked.size()) {
    ranked.clear();
  } else {
    ranked.erase(ranked.begin(), ranked.begin() + offset);
    if (ranked.size() > limit) ranked.resize(limit);
  }
  for (auto& r : ranked) r.doc = db.get_document(r.docid);
  if (mset_out) *mset_out = mset;
  return ranked;
}

}  // namespace

Result<SearchResult> Searcher::Search(const SearchRequest& req) const {
  SearchResult result;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return result;
  try {
    Xapian::Database db(dir_.string());
    Xapian::Enquire enquire(db);
    std::vector<std::string> phrase;
    KETNOI_ASSIGN_OR_RETURN(std::string sort, PrepareEnquire(enquire, req, &phrase));
    ParsedQuery parsed = ParseQuery(req.query);  // for the suggestion below

    FacetSpy spy;
    if (req.facets) enquire.add_matchspy(&spy);
    int limit = std::clamp(req.limit, 0, 1000);
    int offset = std::max(req.offset, 0);
    // With facets, examining up to facet_sample documents makes totals and counts exact below
    // it; above, counts are scaled from the sample and marked inexact.
    Xapian::doccount check =
        req.facets ? static_cast<Xapian::doccount>(std::max(req.facet_sample, 0)) : 0;
    Xapian::MSet mset;
    std::vector<Ranked> page =
        RankedPage(db, enquire, phrase, static_cast<Xapian::doccount>(offset),
                   static_cast<Xapian::doccount>(limit), check, &mset);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    for (const Ranked& r : page) {
      Hit h = HitFromDocument(r.doc);
      h.score = sort == "relevance" ? r.weight : 0;
      result.hits.push_back(std::move(h));
    }
    if (req.facets) {
      const auto counts = spy.Counts();
      const Xapian::doccount seen = spy.total();
      double scale = 1.0;
      bool exact = true;
      if (!result.total_exact && seen > 0 && static_cast<int64_t>(seen) < result.total) {
        scale = static_cast<double>(result.total) / seen;
        exact = false;
      }
      for (size_t i = 0; i < kFacetCount; ++i) {
        Facet facet;
        facet.name = kFacets[i].name;
        facet.exact = exact;
        for (const auto& [value, n] : counts[i]) {
          FacetValue fv;
          fv.value = value;
          fv.count = static_cast<int64_t>(static_cast<double>(n) * scale + 0.5);
          facet.values.push_back(std::move(fv));
        }
        // Labels are looked up (index metadata) only for the values shown.
        auto by_count = [](const FacetValue& a, const FacetValue& b) {
          if (a.count != b.count) return a.count > b.count;
          return a.value < b.value;
        };
        std::sort(facet.values.begin(), facet.values.end(), by_count);
        if (facet.values.size() > 50) {
          // Keep every value tied with the 50th, so the label order below decides among them.
          size_t keep = 50;
          while (keep < facet.values.size() && facet.values[keep].count == facet.values[49].count)
            ++keep;
          facet.values.resize(keep);
        }
        // Equal counts in Vietnamese order of their labels (one collation key per label).
        std::vector<std::pair<std::string, FacetValue>> keyed;
        keyed.reserve(facet.values.size());
        for (auto& fv : facet.values) {
          fv.label = FacetLabel(db, facet.name, fv.value, req.lang);
          keyed.emplace_back(text::CollationKey(fv.label), std::move(fv));
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
          if (a.second.count != b.second.count) return a.second.count > b.second.count;
          return a.first < b.first;
        });
        if (keyed.size() > 50) keyed.resize(50);
        facet.values.clear();
        for (auto& [key, fv] : keyed) facet.values.push_back(std::move(fv));
        result.facets.push_back(std::move(facet));
      }
    }

    // "Did you mean": replace words the index has never seen by the closest frequent one.
    bool unknown = false;
    std::string suggestion;
    for (const auto& c : parsed.clauses) {
      std::string part;
      for (const auto& t : c.tokens) {
        std::string word = t.folded;
        if (db.get_termfreq(t.folded) == 0) {
          std::string better = ClosestTerm(db, t.folded);
          if (!better.empty()) {
            word = better;
            unknown = true;
          }
        } else {
          word = t.lower;
        }
        part += (part.empty() ? "" : " ") + word;
      }
      if (c.phrase && c.tokens.size() > 1 && !c.field.empty())
        part = c.field + ":\"" + part + "\"";
      else if (c.phrase && c.tokens.size() > 1)
        part = "\"" + part + "\"";
      else if (!c.field.empty())
        part = c.field + ":" + part;
      if (c.negated) part = "-" + part;
      suggestion += (suggestion.empty() ? "" : " ") + part;
    }
    if (unknown) result.suggestion = suggestion;
    return result;
  } catch (const Xapian::QueryParserError& e) {
    return Status::Invalid({"search.bad_query", {{"reason", e.get_msg()}}});
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
}

Result<std::vector<int64_t>> Searcher::MatchingIds(const SearchRequest& req) const {
  std::vector<int64_t> ids;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return ids;
  try {
    Xapian::Database db(dir_.string());
    Xapian::Enquire enquire(db);
    std::vector<std::string> phrase;
    KETNOI_RETURN_IF_ERROR(PrepareEnquire(enquire, req, &phrase).status());
    // The same order as the search's pages (RankedPage), without loading documents.
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::vector<Ranked> ranked;
    ranked.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ranked.push_back({*it, it.get_weight(), Xapian::Document()});
    RerankHead(db, phrase, ranked);
    ids.reserve(ranked.size());
    for (const auto& r : ranked) ids.push_back(r.docid);
    return ids;
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
}

Result<std::vector<int64_t>> Searcher::AllIds() const {
  std::vector<int64_t> ids;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return ids;
  try {
    Xapian::Database db(dir_.string());
    for (auto it = db.allterms_begin(kIdPrefix); it != db.allterms_end(kIdPrefix); ++it)
      ids.push_back(std::stoll((*it).substr(1)));
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

struct Searcher::DfCache {
  std::mutex mu;
  Xapian::doccount docs = 0;
  std::unordered_map<std::string, Xapian::doccount> df;

  // The frequency of each term ("XW"-prefixed) in `db`, the public duplicate-check index.
  std::vector<Xapian::doccount> Get(const Xapian::Database& db,
                                    const std::vector<std::string>& terms) {
    constexpr size_t kMaxEntries = 500000;
    std::lock_guard lock(mu);
    Xapian::doccount now = db.get_doccount();
    if (now > docs + docs / 200 || now + docs / 200 < docs || df.size() > kMaxEntries) {
      df.clear();
      docs = now;
    }
    std::vector<Xapian::doccount> out;
    out.reserve(terms.size());
    for (const auto& t : terms) {
      auto it = df.find(t);
      if (it != df.end()) {
        out.push_back(it->second);
        continue;
      }
      // A term no task has is not kept: a task edited or added since may have it now, and a
      // check must then find that task by it.
      Xapian::doccount n = db.get_termfreq(t);
      if (n > 0) df.emplace(t, n);
      out.push_back(n);
    }
    return out;
  }
};

Searcher::Searcher(fs::path dir) : dir_(std::move(dir)), df_cache_(std::make_shared<DfCache>()) {}

Result<int64_t> Searcher::DocCount() const {
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return int64_t{0};
  try {
    return static_cast<int64_t>(Xapian::Database(dir_.string()).get_doccount());
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
}

Result<Searcher::TermStats> Searcher::Stats(const std::vector<std::string>& terms) const {
  TermStats stats;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return stats;
  try {
    Xapian::Database db(dir_.string());
    stats.docs = db.get_doccount();
    for (const auto& t : terms) stats.df[t] = db.get_termfreq(t);
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
  return stats;
}

Result<Searcher::TermStats> Searcher::FeatureStats(const std::vector<std::string>& features) const {
  std::error_code ec;
  const fs::path dedup_dir = DedupDir(dir_);
  try {
    if (fs::exists(dedup_dir, ec)) {
      Xapian::Database db(dedup_dir.string());
      if (db.get_metadata(kDedupKey) == "1") {
        TermStats stats;
        stats.docs = db.get_doccount();
        std::vector<std::string> terms;
        for (const auto& f : features)
          if (f.size() + 2 <= kMaxTermBytes) terms.push_back(kDedupPrefix + f);
        std::vector<Xapian::doccount> df = df_cache_->Get(db, terms);
        for (size_t i = 0; i < terms.size(); ++i) stats.df[terms[i].substr(2)] = df[i];
        for (const auto& f : features) stats.df.try_emplace(f, 0);
        return stats;
      }
    }
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
  return Stats(features);
}

Result<std::vector<int64_t>> Searcher::MoreLike(const std::vector<std::string>& terms, int elite,
                                                int limit) const {
  std::vector<int64_t> ids;
  std::error_code ec;
  if (!fs::exists(dir_, ec) || terms.empty()) return ids;
  try {
    Xapian::Database db(dir_.string());
    std::vector<Xapian::Query> q;
    for (const auto& t : terms)
      if (!t.empty() && t.size() <= kMaxTermBytes) q.emplace_back(t);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_ELITE_SET, q.begin(), q.end(),
                                    static_cast<Xapian::termcount>(std::max(1, elite))));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(std::max(0, limit)));
    // The task id from the document itself (not the docid), so an index written by an older
    // version, whose docids were assigned by Xapian, still answers correctly.
    for (auto it = mset.begin(); it != mset.end(); ++it)
      ids.push_back(HitFromDocument(it.get_document()).id);
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
  return ids;
}

Result<Searcher::SimilarDocs> Searcher::Similar(const std::vector<std::string>& features, int elite,
                                                int limit, bool include_private) const {
  SimilarDocs out;
  std::error_code ec;
  const fs::path dedup_dir = DedupDir(dir_), private_dir = PrivateDir(dir_);
  if (!fs::exists(dedup_dir, ec)) return out;
  try {
    Xapian::Database db(dedup_dir.string());
    if (db.get_metadata(kDedupKey) != "1") return out;
    out.indexed = true;
    const Xapian::Database public_db = db;
    Xapian::Database private_db;
    if (include_private && fs::exists(private_dir, ec)) {
      private_db = Xapian::Database(private_dir.string());
      if (private_db.get_metadata(kDedupKey) == "1") {
        db.add_database(private_db);
        out.private_indexed = true;
      }
    }
    // The `elite` rarest features, each weighing its IDF whatever the document's length
    // (CoordWeight scaled per term): every posting of a term adds the same constant, so the
    // matcher can stop reading a term's list once the best `limit` cannot change, which BM25's
    // length-dependent weights do not allow on long lists.
    const double n = std::max<double>(1, db.get_doccount());
    std::vector<std::string> terms;
    for (const auto& f : features)
      if (!f.empty() && f.size() + 2 <= kMaxTermBytes) terms.push_back(kDedupPrefix + f);
    std::vector<Xapian::doccount> df = df_cache_->Get(public_db, terms);
    std::vector<std::pair<double, std::string>> ranked;
    for (size_t i = 0; i < terms.size(); ++i) {
      // A term only the private index holds is as rare as they come.
      Xapian::doccount tf = df[i];
      if (out.private_indexed) tf += private_db.get_termfreq(terms[i]);
      if (tf == 0) continue;
      ranked.emplace_back(std::log(1 + n / tf), std::move(terms[i]));
    }
    if (ranked.empty()) return out;
    std::sort(ranked.begin(), ranked.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    if (ranked.size() > static_cast<size_t>(std::max(1, elite)))
      ranked.resize(static_cast<size_t>(std::max(1, elite)));
    std::vector<Xapian::Query> q;
    for (const auto& [idf, term] : ranked)
      q.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), idf);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::CoordWeight());
    // Ties among candidates need no order: they are all re-scored.
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, q.begin(), q.end()));
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(std::max(0, limit)));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document doc = it.get_document();
      out.docs.push_back({HitFromDocument(doc), doc.get_value(kSlotDedup)});
      out.docs.back().hit.score = it.get_weight();
    }
  } catch (const Xapian::Error& e) {
    return IndexError(e);
  }
  return out;
}

}  // namespace ketnoi::search
