// Search latency on a data directory built by `ketnoi demo`: N realistic 2–3 word queries
// (taken from demo titles, half typed without diacritics) through Ketnoi's Searcher with facets,
// and through raw Xapian (the same folded words ANDed, top 20, no facets) as the anchor
// measured in the same run. Prints percentiles and the ratio; it is a benchmark, not a test.
//
//   search_bench DATA_DIR [QUERIES=100] [SEED=1]
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <vector>

#include "queries.h"
#include "search/index.h"
#include "text/text.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Summary {
  double median, p90, p99, worst;
};

Summary Summarise(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  return {at(0.5), at(0.9), at(0.99), v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench DATA_DIR [QUERIES=100] [SEED=1]\n");
    return 2;
  }
  std::string data = argv[1];
  int n = argc > 2 ? std::atoi(argv[2]) : 100;
  uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  std::string index_dir = data + "/index";

  Xapian::Database db(index_dir);
  const int64_t docs = db.get_doccount();
  // Distinct queries: the same stream bench/run sends to the server.
  std::vector<std::string> queries = ketnoi::bench::MakeQueries(seed, docs, static_cast<size_t>(n));
  n = static_cast<int>(queries.size());

  ketnoi::search::Searcher searcher(index_dir);
  // KETNOI_BENCH_FACET_SAMPLE=N: count facets over N documents instead of the default.
  const char* sample_env = std::getenv("KETNOI_BENCH_FACET_SAMPLE");
  const int facet_sample =
      sample_env ? std::atoi(sample_env) : ketnoi::search::SearchRequest{}.facet_sample;
  std::vector<double> ketnoi_ms, xapian_ms;
  int64_t total_hits = 0;
  for (const auto& q : queries) {
    // Anchor: raw Xapian, ranked top 20.
    auto t0 = Clock::now();
    std::vector<Xapian::Query> terms;
    for (const auto& t : ketnoi::text::Tokenize(q)) terms.emplace_back(t.folded);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
    Xapian::MSet raw = enquire.get_mset(0, 20);
    xapian_ms.push_back(Ms(Clock::now() - t0));

    ketnoi::search::SearchRequest req;
    req.query = q;
    req.limit = 20;
    req.facets = true;
    req.facet_sample = facet_sample;
    auto t1 = Clock::now();
    auto r = searcher.Search(req);
    ketnoi_ms.push_back(Ms(Clock::now() - t1));
    if (!r.ok()) {
      std::fprintf(stderr, "query failed: %s: %s\n", q.c_str(), r.status().ToString().c_str());
      return 1;
    }
    total_hits += r->total;
  }
  Summary k = Summarise(ketnoi_ms), x = Summarise(xapian_ms);
  std::printf("| %d queries on %lld documents | median ms | p90 ms | p99 ms | worst ms |\n", n,
              static_cast<long long>(docs));
  std::printf("|---|---|---|---|---|\n");
  std::printf("| Ketnoi (exact facets, sample %d) | %.2f | %.2f | %.2f | %.2f |\n", facet_sample,
              k.median, k.p90, k.p99, k.worst);
  std::printf("| raw Xapian top 20 (anchor) | %.2f | %.2f | %.2f | %.2f |\n", x.median, x.p90,
              x.p99, x.worst);
  std::printf(
      "BENCH search median_ms=%.2f p99_ms=%.2f worst_ms=%.2f vs_xapian_p99=%.2f mean_hits=%.0f\n",
      k.median, k.p99, k.worst, k.p99 / std::max(x.p99, 1e-6), static_cast<double>(total_hits) / n);
  return 0;
}
