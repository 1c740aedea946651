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

// Near-synonyms applicants swap when they re-submit (folded, as syllable sequences); the left
// side is replaced by the right before comparing.
const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>& Synonyms() {
  static const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>
      kSynonyms = {
          {{"bien", "phap"}, {"giai", "phap"}},  {{"cai", "thien"}, {"nang", "cao"}},
          {{"tang", "cuong"}, {"nang", "cao"}},  {{"thiet", "lap"}, {"xay", "dung"}},
          {{"he", "thong"}, {"mo", "hinh"}},     {{"nguoi", "dan"}, {"cong", "dong"}},
          {{"benh", "nhan"}, {"nguoi", "benh"}}, {{"phong", "ngua"}, {"phong", "chong"}},
          {{"kiem", "soat"}, {"quan", "ly"}},    {{"thu", "nghiem"}, {"thi", "diem"}},
          {{"trien", "khai"}, {"ap", "dung"}},   {{"ung", "dung"}, {"ap", "dung"}},
          {{"hieu", "suat"}, {"hieu", "qua"}},   {{"toi", "uu", "hoa"}, {"nang", "cao"}},
          {{"doanh", "nghiep"}, {"cong", "ty"}},
      };
  return kSynonyms;
}

// Words every proposal uses, the whole city's place names and function words: they say nothing
// about what a task studies. (Districts are kept: the same study in another district is not
// the same task.)
const std::unordered_set<std::string>& Stopwords() {
  static const std::unordered_set<std::string> kStop = {
      // function words
      "va",
      "cua",
      "cho",
      "cac",
      "nhung",
      "mot",
      "so",
      "tai",
      "tren",
      "trong",
      "voi",
      "de",
      "nham",
      "theo",
      "ve",
      "o",
      "la",
      "duoc",
      "tu",
      "den",
      "khi",
      "nay",
      "do",
      "va",
      "hoac",
      "cung",
      "bang",
      "qua",
      "sau",
      "truoc",
      "giua",
      "nhu",
      "tinh",
      "tren",
      "doi",
      "voi",
      "thuoc",
      "tung",
      "moi",
      // what every proposal says
      "nghien",
      "cuu",
      "giai",
      "phap",
      "xay",
      "dung",
      "danh",
      "gia",
      "phat",
      "trien",
      "nang",
      "cao",
      "hieu",
      "qua",
      "ap",
      "dung",
      "de",
      "xuat",
      "thuc",
      "trang",
      "co",
      "so",
      "khoa",
      "hoc",
      "thuc",
      "tien",
      "huong",
      "ben",
      "vung",
      "giai",
      "doan",
      "nhiem",
      "vu",
      "ket",
      "hop",
      // the whole city
      "ha",
      "noi",
      "thu",
      "do",
      "thanh",
      "pho",
      "dia",
      "ban",
      "quan",
      "huyen",
      "thi",
      "xa",
      "khu",
      "vuc",
      "noi",
      "ngoai",
      "vung",
      "ven",
  };
  return kStop;
}

double ToScore(double v) { return std::max(0.0, std::min(1.0, v)); }

}  // namespace

std::vector<std::string> ContentSyllables(std::string_view text_in) {
  std::vector<std::string> folded;
  for (const auto& t : text::Tokenize(text_in)) folded.push_back(t.folded);
  // Map near-synonyms (longest first is unnecessary at these lengths).
  std::vector<std::string> mapped;
  for (size_t i = 0; i < folded.size();) {
    bool replaced = false;
    for (const auto& [from, to] : Synonyms()) {
      if (i + from.size() <= folded.size() &&
          std::equal(from.begin(), from.end(), folded.begin() + static_cast<std::ptrdiff_t>(i))) {
        mapped.insert(mapped.end(), to.begin(), to.end());
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) mapped.push_back(folded[i++]);
  }
  std::vector<std::string> out;
  for (auto& s : mapped)
    if (!Stopwords().count(s)) out.push_back(std::move(s));
  return out;
}

Features CountFeatures(const std::vector<std::string>& syl) {
  Features f;
  for (size_t i = 0; i < syl.size(); ++i) {
    f[syl[i]] += 1;
    if (i + 1 < syl.size()) f[syl[i] + "|" + syl[i + 1]] += 1;
  }
  // Dampen repetition: a word said five times is not five times the evidence.
  for (auto& [k, v] : f) v = 1 + std::log(v);
  return f;
}

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
  auto stats = searcher.Stats(std::vector<std::string>(syllables.begin(), syllables.end()));
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
  PreparedText t;
  t.title = ContentSyllables(title);
  t.all = t.title;
  auto a = ContentSyllables(abstract);
  t.has_abstract = !a.empty();
  t.all.insert(t.all.end(), a.begin(), a.end());
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
  // Candidates: the documents sharing the probe's most distinctive syllables; title syllables
  // are given twice so they count in the elite set.
  std::vector<std::string> terms = p.all;
  terms.insert(terms.end(), p.title.begin(), p.title.end());
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  KETNOI_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                          searcher_.MoreLike(terms, rules_.elite_terms, rules_.candidates));
  if (probe.include_restricted) {
    KETNOI_ASSIGN_OR_RETURN(auto hidden, registry_.db().Query("SELECT id FROM tasks WHERE "
                                                              "confidentiality <> 'public'"));
    for (size_t i = 0; i < hidden.size(); ++i) ids.push_back(hidden.Int(i, 0));
  }
  KETNOI_ASSIGN_OR_RETURN(std::vector<registry::Task> tasks, registry_.GetTaskTexts(ids));

  std::vector<PreparedText> texts;
  std::set<std::string> syl(p.all.begin(), p.all.end());
  for (const auto& t : tasks) {
    texts.push_back(Prepare(t.title, t.abstract));
    syl.insert(texts.back().all.begin(), texts.back().all.end());
  }
  Idf idf(searcher_, syl);
  std::vector<Match> matches;
  for (size_t i = 0; i < tasks.size(); ++i) {
    const registry::Task& t = tasks[i];
    if (!t.IsPublic() && !probe.include_restricted) continue;  // only for authorised staff
    Match m;
    m.id = t.id;
    m.code = t.code;
    m.source = t.source;
    m.external_id = t.external_id;
    m.title = t.title;
    m.score = ScoreTexts(p, texts[i], idf, rules_);
    m.band = Band(m.score);
    matches.push_back(std::move(m));
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
             (probe_syl.count(tokens[j].folded) || Stopwords().count(tokens[j].folded))) {
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
