// Duplicate check at scale, on a data directory built by `ketnoi demo`: latency of the check
// (index candidates + exact re-scoring) for N probes, and recall@10 against an exact ranking
// that scores every public task with the same representation, computed in the same run.
// Ties are common in a generated corpus, so a returned task counts as correct when its exact
// score reaches the exact 10th best. A benchmark, not a test.
//
//   dupcheck_bench DATA_DIR [PROBES=20] [SEED=1]
// KETNOI_BENCH_LATENCY_ONLY=1 skips the exact scan (minutes at 1M) while tuning. The timed
// checks come after the check's index files have been read once and 50 untimed checks of other
// probes, as on a server that has been running (KETNOI_BENCH_WARMUP=0: a cold start).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <queue>
#include <set>
#include <string>
#include <vector>

#include "bench_util.h"
#include "dedup/dedup.h"
#include "demo/demo.h"
#include "store/db.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

// Streams (id, title, abstract) of every public task in id order.
template <typename F>
void ForEachPublicTask(ketnoi::store::Db& db, F&& f) {
  int64_t after = 0;
  while (true) {
    auto rows = db.Query(
        "SELECT id, title, abstract FROM tasks WHERE confidentiality = 'public' AND id > ? "
        "ORDER BY id LIMIT 20000",
        {after});
    if (!rows.ok() || rows->empty()) return;
    for (size_t i = 0; i < rows->size(); ++i)
      f(rows->Int(i, 0), rows->Text(i, 1), rows->Text(i, 2));
    after = rows->Int(rows->size() - 1, 0);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dupcheck_bench DATA_DIR [PROBES=20] [SEED=1]\n");
    return 2;
  }
  std::string data = argv[1];
  int n = argc > 2 ? std::atoi(argv[2]) : 20;
  uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  auto db = ketnoi::store::Db::Open("sqlite:" + data + "/ketnoi.db");
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 1;
  }
  ketnoi::registry::Registry reg(**db, ketnoi::SystemClock::Instance());
  ketnoi::search::Searcher searcher(data + "/index");
  auto docs = searcher.DocCount();
  if (!docs.ok() || *docs == 0) {
    std::fprintf(stderr, "no index in %s\n", data.c_str());
    return 1;
  }

  // Probes: demo titles re-worded the way applicants do (opening changed, a place added),
  // every other one typed without diacritics.
  auto make_probes = [&](int count, uint64_t rng) {
    std::vector<ketnoi::dedup::Probe> out;
    while (static_cast<int>(out.size()) < count) {
      std::string title =
          ketnoi::demo::DemoTaskTitle(seed, static_cast<int64_t>(ketnoi::bench::Next(rng) % *docs));
      auto tokens = ketnoi::text::Tokenize(title);
      if (tokens.size() < 6) continue;
      std::string reworded = "Đề xuất giải pháp";
      for (size_t i = 2; i < tokens.size(); ++i) reworded += " " + tokens[i].lower;
      reworded += " trên địa bàn Thủ đô";
      if (out.size() % 2) {
        std::string plain;
        for (const auto& t : ketnoi::text::Tokenize(reworded))
          plain += (plain.empty() ? "" : " ") + t.folded;
        reworded = plain;
      }
      out.push_back({reworded, "", 10});
    }
    return out;
  };
  std::vector<ketnoi::dedup::Probe> probes = make_probes(n, 7);
  // A server that has been running: 50 checks of other probes first (untimed) warm the page
  // cache and the document-frequency cache (KETNOI_BENCH_WARMUP=N to change, 0 for cold).
  const char* warm_env = std::getenv("KETNOI_BENCH_WARMUP");
  int warmup = warm_env ? std::atoi(warm_env) : 50;
  if (warmup > 0) {
    // The check's public index read once, as the OS cache holds it on a server that has been
    // answering (1.5 GB at 1M tasks, well within this machine's memory): otherwise the first
    // check of each probe pays for disk reads, which is a cold start, not the steady state.
    std::error_code ec;
    std::vector<char> buf(1 << 20);
    for (const auto& f : std::filesystem::directory_iterator(data + "/index.dedup", ec)) {
      std::FILE* in = std::fopen(f.path().c_str(), "rb");
      if (!in) continue;
      while (std::fread(buf.data(), 1, buf.size(), in) == buf.size()) {
      }
      std::fclose(in);
    }
  }
  {
    ketnoi::dedup::Checker warm(reg, searcher);
    for (const auto& p : make_probes(warmup, 1007)) (void)warm.Check(p);
  }

  // The rule set's sizes, then any others to compare in the same run:
  // KETNOI_BENCH_TRY="16:100,12:80" (elite terms:candidates).
  std::vector<ketnoi::dedup::RuleSet> settings(1);
  if (const char* t = std::getenv("KETNOI_BENCH_TRY")) {
    std::string spec = t;
    for (size_t at = 0; at < spec.size();) {
      size_t comma = spec.find(',', at);
      std::string one =
          spec.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
      ketnoi::dedup::RuleSet r;
      if (std::sscanf(one.c_str(), "%d:%d", &r.elite_terms, &r.candidates) == 2)
        settings.push_back(r);
      at = comma == std::string::npos ? spec.size() : comma + 1;
    }
  }
  struct Run {
    ketnoi::dedup::RuleSet rules;
    std::vector<double> ms;
    std::vector<std::vector<ketnoi::dedup::Match>> found;
  };
  std::vector<Run> runs;
  for (const auto& rules : settings) {
    ketnoi::dedup::Checker checker(reg, searcher, rules);
    Run run{rules, {}, {}};
    for (const auto& p : probes) {
      auto t0 = Clock::now();
      auto m = checker.Check(p);
      run.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!m.ok()) {
        std::fprintf(stderr, "check failed: %s\n", m.status().ToString().c_str());
        return 1;
      }
      run.found.push_back(*m);
    }
    std::sort(run.ms.begin(), run.ms.end());
    runs.push_back(std::move(run));
  }
  auto at = [](const std::vector<double>& ms, double q) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))];
  };
  if (std::getenv("KETNOI_BENCH_LATENCY_ONLY")) {
    for (const auto& r : runs)
      std::printf("elite %d candidates %d: median %.1f p90 %.1f p99 %.1f ms\n", r.rules.elite_terms,
                  r.rules.candidates, at(r.ms, 0.5), at(r.ms, 0.9), at(r.ms, 0.99));
    return 0;
  }
  // Exact ranking: every public task, same representation, same IDF.
  auto t_exact = Clock::now();
  std::set<std::string> vocabulary;
  ForEachPublicTask(**db, [&](int64_t, const std::string& title, const std::string& abstract) {
    for (auto& s : ketnoi::dedup::ContentSyllables(title + " " + abstract))
      vocabulary.insert(std::move(s));
  });
  ketnoi::dedup::Idf idf(searcher, vocabulary);
  std::vector<ketnoi::dedup::PreparedText> prepared;
  for (const auto& p : probes) prepared.push_back(ketnoi::dedup::Prepare(p.title, p.abstract));
  using Entry = std::pair<double, int64_t>;  // min-heap of the best 10
  std::vector<std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>>> best(
      probes.size());
  int64_t scanned = 0;
  ForEachPublicTask(**db, [&](int64_t id, const std::string& title, const std::string& abstract) {
    ++scanned;
    auto known = ketnoi::dedup::Prepare(title, abstract);
    for (size_t i = 0; i < prepared.size(); ++i) {
      double s = ketnoi::dedup::ScoreTexts(prepared[i], known, idf, runs[0].rules);
      if (best[i].size() < 10)
        best[i].push({s, id});
      else if (s > best[i].top().first) {
        best[i].pop();
        best[i].push({s, id});
      }
    }
  });
  double exact_seconds = std::chrono::duration<double>(Clock::now() - t_exact).count();

  std::vector<double> recall;
  for (const auto& r : runs) {
    double recall_sum = 0;
    for (size_t i = 0; i < probes.size(); ++i) {
      double tenth = best[i].empty() ? 0 : best[i].top().first;
      int good = 0;
      for (const auto& m : r.found[i]) good += m.score >= tenth - 1e-9;
      if (std::getenv("KETNOI_BENCH_VERBOSE"))
        std::fprintf(stderr, "probe %zu: exact 10th %.3f, fast first %.3f (%zu), %s\n", i, tenth,
                     r.found[i].empty() ? 0.0 : r.found[i].front().score, r.found[i].size(),
                     probes[i].title.c_str());
      recall_sum += std::min(1.0, good / 10.0);
    }
    recall.push_back(recall_sum / n);
  }
  std::printf(
      "| %d probes on %lld public tasks | median ms | p90 ms | p99 ms | worst ms | recall@10 |\n",
      n, static_cast<long long>(scanned));
  std::printf("|---|---|---|---|---|---|\n");
  for (size_t k = 0; k < runs.size(); ++k)
    std::printf(
        "| duplicate check (Ketnoi)%s, elite %d, candidates %d | %.1f | %.1f | %.1f | %.1f | %.3f "
        "|\n",
        k ? "" : " with its rule set", runs[k].rules.elite_terms, runs[k].rules.candidates,
        at(runs[k].ms, 0.5), at(runs[k].ms, 0.9), at(runs[k].ms, 0.99), runs[k].ms.back(),
        recall[k]);
  std::printf("| exact scan (anchor), per probe | %.0f | | | | 1 |\n", exact_seconds * 1000 / n);
  std::printf("BENCH W3 p99_ms=%.1f recall10=%.3f median_ms=%.1f exact_ms_per_probe=%.0f\n",
              at(runs[0].ms, 0.99), recall[0], at(runs[0].ms, 0.5), exact_seconds * 1000 / n);
  return 0;
}
