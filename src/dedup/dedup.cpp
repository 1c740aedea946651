#include "dedup/dedup.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

#include "text/text.h"

namespace ketnoi::dedup {

namespace {

double ToScore(double v) { return std::max(0.0, std::min(1.0, v)); }

}  // namespace

double Cosine(const Features& a, const Features& b,
              const std::function<double(const std::string&)>& idf) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [k, v] : a) {
    double w = idf(k);
    double x = v * w;
    na += x * x;
    auto it = b.find(k);
    if (it != b.end()) dot += x * it->second * w;
  }
  for (const auto& [k, v] : b) {
    double w = idf(k);
    nb += (v * w) * (v * w);
  }
  if (na <= 0 || nb <= 0) return 0;
  return dot / std::sqrt(na * nb);
}

std::string Checker::Band(double score) const {
  if (score >= rules_.duplicate) return "duplicate";
  if (score >= rules_.related) return "related";
  return "different";
}

Idf::Idf(const search::Searcher& searcher, const std::set<std::string>& syllables) {
  auto stats = searcher.FeatureStats(std::vector<std::string>(syllables.begin(), syllables.end()));
  if (stats.ok()) Fill(stats->docs, stats->df);
}

void Idf::Fill(int64_t docs, const std::map<std::string, int64_t>& df) {
  docs_ = static_cast<double>(std::max<int64_t>(docs, 1));
  for (const auto& [t, n] : df) idf_[t] = std::log((docs_ + 1) / (static_cast<double>(n) + 1)) + 1;
}

double Idf::operator()(const std::string& feature) const {
  size_t bar = feature.find('|');
  if (bar == std::string::npos) return Syllable(feature);
  return 1.2 * std::max(Syllable(feature.substr(0, bar)), Syllable(feature.substr(bar + 1)));
}

double Idf::Syllable(const std::string& s) const {
  auto it = idf_.find(s);
  // Unknown to the index: as rare as a word seen once.
  return it != idf_.end() ? it->second : std::log(docs_ + 1) + 1;
}

PreparedText Prepare(const std::string& title, const std::string& abstract) {
  return Prepare(ContentSyllables(title), ContentSyllables(abstract));
}

PreparedText Prepare(std::vector<std::string> title, const std::vector<std::string>& abstract) {
  PreparedText t;
  t.title = std::move(title);
  t.all = t.title;
  t.has_abstract = !abstract.empty();
  t.all.insert(t.all.end(), abstract.begin(), abstract.end());
  t.title_f = CountFeatures(t.title);
  t.all_f = CountFeatures(t.all);
  return t;
}

namespace {
// How much of what `title` is about (its syllables and pairs, weighted by rarity) the other
// text mentions anywhere. A re-worded duplicate keeps the object, method and place somewhere in
// its title or abstract; a different study on the same crop has a rare word (the other disease)
// the original never says.
double Coverage(const Features& title, const Features& other_all, const Idf& idf) {
  double total = 0, covered = 0;
  for (const auto& [k, v] : title) {
    double w = idf(k) * (k.find('|') == std::string::npos ? 1.0 : 0.5);
    total += w;
    if (other_all.count(k)) covered += w;
  }
  return total > 0 ? covered / total : 0;
}
}  // namespace

double ScoreTexts(const PreparedText& p, const PreparedText& c, const Idf& idf,
                  const RuleSet& rules) {
  auto w = [&](const std::string& f) { return idf(f); };
  double title = Cosine(p.title_f, c.title_f, w);
  double cosine = title;
  if (p.has_abstract && c.has_abstract)
    cosine = rules.title_weight * title + (1 - rules.title_weight) * Cosine(p.all_f, c.all_f, w);
  // Both directions must hold: the weaker one decides.
  double coverage = std::min(Coverage(p.title_f, c.all_f, idf), Coverage(c.title_f, p.all_f, idf));
  return ToScore(0.5 * cosine + 0.5 * coverage);
}

double Checker::Score(const Probe& probe, const std::string& title,
                      const std::string& abstract) const {
  PreparedText p = Prepare(probe.title, probe.abstract), c = Prepare(title, abstract);
  std::set<std::string> syl(p.all.begin(), p.all.end());
  syl.insert(c.all.begin(), c.all.end());
  Idf idf(searcher_, syl);
  return ScoreTexts(p, c, idf, rules_);
}

Result<std::vector<Match>> Checker::Check(const Probe& probe) const {
  PreparedText p = Prepare(probe.title, probe.abstract);
  if (p.all.empty()) return std::vector<Match>{};
  // Candidates, each with its text ready to compare.
  std::vector<Match> matches;
  std::vector<PreparedText> texts;
  std::vector<int64_t> to_read;  // candidates whose texts must be read from the store
  std::vector<std::string> features;
  for (const auto& [f, _] : p.all_f) features.push_back(f);
  std::sort(features.begin(), features.end());
  // The documents sharing the probe's most distinctive syllables and pairs, with the
  // representation the index keeps beside each: no text to read or tokenise.
  KETNOI_ASSIGN_OR_RETURN(
      search::Searcher::SimilarDocs similar,
      searcher_.Similar(features, rules_.elite_terms, rules_.candidates, probe.include_restricted));
  for (auto& d : similar.docs) {
    std::vector<std::string> title, abstract;
    if (!DecodeSyllables(d.syllables, title, abstract)) {
      to_read.push_back(d.hit.id);
      continue;
    }
    Match m;
    m.id = d.hit.id;
    m.code = std::move(d.hit.code);
    m.source = std::move(d.hit.source);
    m.external_id = std::move(d.hit.external_id);
    m.title = std::move(d.hit.title);
    matches.push_back(std::move(m));
    texts.push_back(Prepare(std::move(title), abstract));
  }
  if (!similar.indexed) {
    // An index built before it stored the check's features: plain syllables, title ones given
    // twice so they count in the elite set.
    std::vector<std::string> terms = p.all;
    terms.insert(terms.end(), p.title.begin(), p.title.end());
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    KETNOI_ASSIGN_OR_RETURN(to_read,
                            searcher_.MoreLike(terms, rules_.elite_terms, rules_.candidates));
  }
  if (probe.include_restricted && !similar.private_indexed) {
    // Secret and restricted tasks are in no index (one built before the private index
    // existed): each is scored directly.
    KETNOI_ASSIGN_OR_RETURN(auto hidden, registry_.db().Query("SELECT id FROM tasks WHERE "
                                                              "confidentiality <> 'public'"));
    for (size_t i = 0; i < hidden.size(); ++i) to_read.push_back(hidden.Int(i, 0));
  }
  KETNOI_ASSIGN_OR_RETURN(std::vector<registry::Task> tasks, registry_.GetTaskTexts(to_read));
  for (registry::Task& t : tasks) {
    if (!t.IsPublic() && !probe.include_restricted) continue;  // only for authorised staff
    texts.push_back(Prepare(t.title, t.abstract));
    Match m;
    m.id = t.id;
    m.code = std::move(t.code);
    m.source = std::move(t.source);
    m.external_id = std::move(t.external_id);
    m.title = std::move(t.title);
    matches.push_back(std::move(m));
  }

  std::set<std::string> syl(p.all.begin(), p.all.end());
  for (const auto& t : texts) syl.insert(t.all.begin(), t.all.end());
  Idf idf(searcher_, syl);
  for (size_t i = 0; i < matches.size(); ++i) {
    matches[i].score = ScoreTexts(p, texts[i], idf, rules_);
    matches[i].band = Band(matches[i].score);
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const Match& a, const Match& b) { return a.score > b.score; });
  if (static_cast<int>(matches.size()) > probe.top_k)
    matches.resize(static_cast<size_t>(std::max(0, probe.top_k)));
  // The passages both share, as the match writes them: runs of the match title's words that
  // the probe also has (function words inside a run are kept), holding a distinctive word.
  std::set<std::string> probe_syl(p.all.begin(), p.all.end());
  for (auto& m : matches) {
    auto tokens = text::Tokenize(m.title);
    std::string nfc = text::Nfc(m.title);
    size_t i = 0;
    while (i < tokens.size()) {
      if (!probe_syl.count(tokens[i].folded)) {
        ++i;
        continue;
      }
      size_t j = i;
      bool distinctive = false;
      while (j < tokens.size() &&
             (probe_syl.count(tokens[j].folded) || IsStopword(tokens[j].folded))) {
        distinctive =
            distinctive || (probe_syl.count(tokens[j].folded) && idf(tokens[j].folded) > 2.0);
        ++j;
      }
      while (j > i && !probe_syl.count(tokens[j - 1].folded)) --j;  // no trailing function words
      if (distinctive) {
        size_t from = tokens[i].offset, to = tokens[j - 1].offset + tokens[j - 1].length;
        m.shared.push_back(nfc.substr(from, to - from));
      }
      i = std::max(j, i + 1);
    }
  }
  return matches;
}

Result<std::vector<Cluster>> Checker::FindClusters(
    const std::function<void(int64_t, int64_t)>& progress, int64_t limit) const {
  KETNOI_ASSIGN_OR_RETURN(registry::RegistryStats stats, registry_.Stats());
  int64_t total = limit > 0 ? std::min(limit, stats.public_tasks) : stats.public_tasks;
  std::map<int64_t, int64_t> parent;  // union-find over task ids
  std::function<int64_t(int64_t)> find = [&](int64_t x) {
    auto it = parent.find(x);
    if (it == parent.end()) return parent[x] = x;
    if (it->second == x) return x;
    return it->second = find(it->second);
  };
  std::map<int64_t, Match> seen;  // every task in some duplicate pair, with its best score
  int64_t done = 0, after = 0;
  while (done < total) {
    KETNOI_ASSIGN_OR_RETURN(std::vector<int64_t> page, registry_.PublicTaskIds(after, 500));
    if (page.empty()) break;
    after = page.back();
    KETNOI_ASSIGN_OR_RETURN(std::vector<registry::Task> tasks, registry_.GetTaskTexts(page));
    for (const registry::Task& t : tasks) {
      if (done >= total) break;
      ++done;
      KETNOI_ASSIGN_OR_RETURN(std::vector<Match> matches, Check({t.title, t.abstract, 6}));
      for (const Match& m : matches) {
        if (m.id == t.id || m.band != "duplicate") continue;
        int64_t a = find(t.id), b = find(m.id);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
        auto remember = [&](int64_t id, const Match& as) {
          auto [it, added] = seen.emplace(id, as);
          if (!added && it->second.score < as.score) it->second.score = as.score;
        };
        remember(m.id, m);
        Match self;
        self.id = t.id;
        self.code = t.code;
        self.source = t.source;
        self.external_id = t.external_id;
        self.title = t.title;
        self.score = m.score;
        self.band = m.band;
        remember(t.id, self);
      }
      if (progress) progress(done, total);
    }
  }
  std::map<int64_t, Cluster> groups;
  for (auto& [id, m] : seen) groups[find(id)].members.push_back(m);
  std::vector<Cluster> out;
  for (auto& [_, c] : groups) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(), [](const Cluster& a, const Cluster& b) {
    return a.members.size() > b.members.size();
  });
  return out;
}

}  // namespace ketnoi::dedup
