// search — the Xapian index, a projection of the registry's public tasks fed from the change
// log. The Indexer applies changes in sequence order and stores the last applied sequence in
// the same Xapian commit as the documents, so a crash loses or repeats nothing. The Searcher
// parses the query language (query.h), ranks, filters, counts facets, sorts and suggests.
// Both accented and folded syllables are indexed: "công nghệ" ranks exact spellings first,
// "cong nghe" finds the same set. Secret and restricted tasks never enter this index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "registry/repo.h"

namespace ketnoi::search {

// Called with (done, total) during long work; total may be 0 when unknown.
using Progress = std::function<void(int64_t done, int64_t total)>;

struct CatchUpStats {
  int64_t changes = 0;    // change-log rows applied
  int64_t documents = 0;  // documents written or deleted
  int64_t last_seq = 0;
};

class Indexer {
 public:
  Indexer(registry::Registry& registry, std::filesystem::path dir)
      : registry_(registry), dir_(std::move(dir)) {}

  // Applies every change after the last applied one. Returns Unavailable with
  // "search.index_locked" when another process holds the index for writing.
  Result<CatchUpStats> CatchUp(const Progress& progress = {});
  // Rebuilds the whole index from the store into a new directory, then swaps it in.
  // dedup_only: only the duplicate check's indexes (an upgrade from an index built before them).
  Result<int64_t> Rebuild(const Progress& progress = {}, bool dedup_only = false);
  // The last change-log sequence number applied to the index (0 when there is no index).
  Result<int64_t> LastApplied() const;

 private:
  registry::Registry& registry_;
  std::filesystem::path dir_;
};

struct SearchRequest {
  std::string query;  // the query language of query.h
  // Facet name → accepted values (OR within a facet, AND across facets). Names: field, level,
  // kind, program, status, year, host, source.
  std::map<std::string, std::vector<std::string>> filters;
  std::string sort =
      "relevance";  // relevance | date | date_asc | budget | budget_asc | title | title_desc
  int offset = 0;
  int limit = 20;
  bool facets = false;
  std::string lang = "vi";  // labels of facet values
  // Documents examined to count facets; counts are exact below this many matches.
  int facet_sample = 5000;  // as core::Config::search_facet_sample
};

struct Hit {
  int64_t id = 0;
  double score = 0;  // relevance weight (0 when sorted by something else)
  std::string code, source, external_id, title;
};

struct FacetValue {
  std::string value, label;
  int64_t count = 0;
};

struct Facet {
  std::string name;
  std::vector<FacetValue> values;  // by count, highest first
  bool exact = true;
};

struct SearchResult {
  int64_t total = 0;
  bool total_exact = true;
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::string suggestion;  // "did you mean", "" when none
};

// The facets the index counts, in display order.
const std::vector<std::string>& FacetNames();

class Searcher {
 public:
  explicit Searcher(std::filesystem::path dir);
  Result<SearchResult> Search(const SearchRequest& request) const;
  // Ids of every document in the index, ascending (for `ketnoi check`).
  Result<std::vector<int64_t>> AllIds() const;
  // Every task id a request matches, in its sort order (no paging, no facets): for exports.
  Result<std::vector<int64_t>> MatchingIds(const SearchRequest& req) const;
  Result<int64_t> DocCount() const;

  // For the duplicate check: how many documents hold each folded term, and the documents that
  // share the most distinctive of the given terms (BM25 over an elite set of at most
  // `elite` terms), best first.
  struct TermStats {
    int64_t docs = 0;
    std::map<std::string, int64_t> df;
  };
  Result<TermStats> Stats(const std::vector<std::string>& folded_terms) const;
  // The same over the duplicate check's own index (title and abstract content of public tasks),
  // or Stats when there is none yet.
  Result<TermStats> FeatureStats(const std::vector<std::string>& features) const;
  Result<std::vector<int64_t>> MoreLike(const std::vector<std::string>& folded_terms, int elite,
                                        int limit) const;
  // The same over the duplicate check's own index beside this one (dedup::IndexTerms of title
  // + abstract as terms), each document with its content syllables stored beside it, so the
  // check neither reads nor re-tokenises the candidates' texts. `indexed` is false beside a
  // search index built before the check's indexes existed (the caller uses MoreLike; `ketnoi
  // reindex --dedup-only` builds them).
  struct SimilarDoc {
    Hit hit;
    std::string syllables;  // dedup::EncodeSyllables
  };
  struct SimilarDocs {
    bool indexed = false;
    bool private_indexed = false;  // the tasks that are not public were searched too
    std::vector<SimilarDoc> docs;
  };
  // include_private: also the tasks that are not public (kept in a private index beside this
  // one, never searched otherwise): for authorised staff only.
  Result<SimilarDocs> Similar(const std::vector<std::string>& features, int elite, int limit,
                              bool include_private = false) const;

  // Document frequencies in the public duplicate-check index, kept between checks: each
  // lookup is a B-tree walk (tens of microseconds on a large index) and a check needs a few
  // hundred. Emptied when the index's document count has moved by more than 0.5 %, so the
  // weights follow the corpus; shared by copies of this Searcher.
  struct DfCache;

 private:
  std::filesystem::path dir_;
  std::shared_ptr<DfCache> df_cache_;
};

}  // namespace ketnoi::search
