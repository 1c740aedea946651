#pragma once
// The benchmark queries: realistic 2–3 word searches cut from demo task titles (never the
// generic opening words), every other one typed without diacritics. Distinct, so a response
// cache never answers one query twice; `skip` drops the first queries of the stream, so
// several disjoint sets (warm-up, concurrency 1, concurrency 16) come from one seed.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "bench_util.h"
#include "demo/demo.h"
#include "text/text.h"

namespace ketnoi::bench {

inline std::vector<std::string> MakeQueries(uint64_t corpus_seed, int64_t docs, size_t n,
                                            size_t skip = 0, uint64_t rng = 42) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  size_t produced = 0;
  for (int attempts = 0; out.size() < n && attempts < 1000000; ++attempts) {
    std::string title = demo::DemoTaskTitle(
        corpus_seed, static_cast<int64_t>(Next(rng) % std::max<int64_t>(1, docs)));
    auto tokens = text::Tokenize(title);
    if (tokens.size() < 5) continue;
    size_t len = 2 + Next(rng) % 2;
    size_t start = 2 + Next(rng) % (tokens.size() - len - 1);
    bool plain = produced % 2 == 1;
    std::string q;
    for (size_t i = start; i < start + len; ++i)
      q += (q.empty() ? "" : " ") + (plain ? tokens[i].folded : tokens[i].lower);
    if (!seen.insert(q).second) continue;
    if (produced++ >= skip) out.push_back(q);
  }
  return out;
}

}  // namespace ketnoi::bench
