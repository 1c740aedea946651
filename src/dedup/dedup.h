// dedup — the duplicate check: the known tasks a new proposal repeats, with a score, a band
// (duplicate / related / different, thresholds in a versioned rule set) and the distinctive
// words both share. Texts are compared as folded syllables (so missing or wrong accents do not
// matter), after near-synonyms are mapped together and words every proposal uses are dropped;
// features are syllables and adjacent pairs, weighted by rarity in the registry (IDF from the
// check's own index, search/index.h). Candidates are the indexed tasks sharing the probe's
// rarest features (each weighing its IDF), then are re-scored exactly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "dedup/features.h"
#include "registry/repo.h"
#include "search/index.h"

namespace ketnoi::dedup {

// Thresholds and sizes; named and versioned so every stored result says what it was judged by.
struct RuleSet {
  std::string version = "dedup-2026.2";
  double duplicate = 0.66;    // score ≥ this → "duplicate"
  double related = 0.40;      // score ≥ this → "related", else "different"
  double title_weight = 0.6;  // the rest goes to title + abstract together
  int candidates = 150;       // re-scored per check
  int elite_terms = 16;       // rarest features (syllables, pairs) used to find candidates
};

struct Probe {
  std::string title;
  std::string abstract;  // may be empty; objectives, content or a file's text may be appended
  int top_k = 10;
  // Also compare with the tasks that are not public (secret, restricted): for authorised staff
  // only. They are not in the index, so each is scored directly.
  bool include_restricted = false;
};

struct Match {
  int64_t id = 0;
  std::string code, source, external_id, title;
  double score = 0;
  std::string band;                 // duplicate | related | different
  std::vector<std::string> shared;  // distinctive words in both, as written in the match
};

// A group of registry tasks that duplicate one another (FindClusters).
struct Cluster {
  std::vector<Match> members;  // score: the member's best score against another member
};

// Cosine similarity of two bags after weighting each feature with `idf`.
double Cosine(const Features& a, const Features& b,
              const std::function<double(const std::string&)>& idf);

// IDF from the index: rare syllables weigh more; a pair weighs as its rarer syllable, a little
// more. Built for the syllables one check needs, or from counts gathered elsewhere (benchmark).
class Idf {
 public:
  Idf(const search::Searcher& searcher, const std::set<std::string>& syllables);
  Idf(int64_t docs, const std::map<std::string, int64_t>& df) { Fill(docs, df); }
  double operator()(const std::string& feature) const;

 private:
  void Fill(int64_t docs, const std::map<std::string, int64_t>& df);
  double Syllable(const std::string& s) const;
  double docs_ = 1;
  std::unordered_map<std::string, double> idf_;
};

// A text ready to compare: its content syllables and features, title apart.
struct PreparedText {
  std::vector<std::string> title, all;
  Features title_f, all_f;
  bool has_abstract = false;
};
PreparedText Prepare(const std::string& title, const std::string& abstract);
// The same from content syllables already computed (stored in the index).
PreparedText Prepare(std::vector<std::string> title, const std::vector<std::string>& abstract);
// The score in [0, 1] of a probe against a known task: cosine (title and title + abstract)
// and two-way coverage, averaged.
double ScoreTexts(const PreparedText& probe, const PreparedText& known, const Idf& idf,
                  const RuleSet& rules);

class Checker {
 public:
  Checker(registry::Registry& registry, const search::Searcher& searcher, RuleSet rules = {})
      : registry_(registry), searcher_(searcher), rules_(std::move(rules)) {}

  Result<std::vector<Match>> Check(const Probe& probe) const;
  // The score of a probe against one known task's title and abstract (used by the batch
  // check and the benchmark's exact ranking); idf from the same index.
  double Score(const Probe& probe, const std::string& title, const std::string& abstract) const;
  const RuleSet& rules() const { return rules_; }
  std::string Band(double score) const;

  // The duplicates already inside the registry: every public task is checked against the rest
  // and the pairs banded "duplicate" are joined into clusters (union-find), largest first.
  // progress(done, total) is called as tasks are checked; limit > 0 checks only the first ones.
  Result<std::vector<Cluster>> FindClusters(const std::function<void(int64_t, int64_t)>& progress,
                                            int64_t limit = 0) const;

 private:
  registry::Registry& registry_;
  const search::Searcher& searcher_;
  RuleSet rules_;
};

}  // namespace ketnoi::dedup
