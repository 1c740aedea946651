#pragma once
// JSON renderings of command results (nlohmann/json stays inside json_out.cpp).
#include <string>

#include "dedup/dedup.h"
#include "registry/repo.h"
#include "search/index.h"

namespace ketnoi::app {

// {"total", "hits": [{"id","code","source","external_id","title","score"}], "facets": {...},
//  "suggestion"?}
std::string SearchResultJson(const search::SearchResult& result, bool with_facets);
// {"matches": [{"id","code","source","external_id","title","score","band","shared"}], "rules"}
std::string DupMatchesJson(const std::vector<dedup::Match>& matches,
                           const std::string& rules_version);
std::string StatsJson(const registry::RegistryStats& stats, int64_t index_docs, int64_t index_seq);

}  // namespace ketnoi::app
