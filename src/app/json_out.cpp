#include "app/json_out.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace ketnoi::app {

std::string SearchResultJson(const search::SearchResult& r, bool with_facets) {
  nlohmann::ordered_json j;
  j["total"] = r.total;
  j["total_exact"] = r.total_exact;
  j["hits"] = nlohmann::ordered_json::array();
  for (const auto& h : r.hits) {
    j["hits"].push_back({{"id", h.id},
                         {"code", h.code},
                         {"source", h.source},
                         {"external_id", h.external_id},
                         {"title", h.title},
                         {"score", h.score}});
  }
  if (with_facets) {
    nlohmann::ordered_json facets = nlohmann::ordered_json::object();
    for (const auto& f : r.facets) {
      nlohmann::ordered_json values = nlohmann::ordered_json::array();
      for (const auto& v : f.values)
        values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
      facets[f.name] = std::move(values);
    }
    j["facets"] = std::move(facets);
  }
  if (!r.suggestion.empty()) j["suggestion"] = r.suggestion;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DupMatchesJson(const std::vector<dedup::Match>& matches,
                           const std::string& rules_version) {
  nlohmann::ordered_json j;
  j["matches"] = nlohmann::ordered_json::array();
  for (const auto& m : matches)
    j["matches"].push_back({{"id", m.id},
                            {"code", m.code},
                            {"source", m.source},
                            {"external_id", m.external_id},
                            {"title", m.title},
                            {"score", std::round(m.score * 10000) / 10000},
                            {"band", m.band},
                            {"shared", m.shared}});
  j["rules"] = rules_version;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string StatsJson(const registry::RegistryStats& s, int64_t index_docs, int64_t index_seq) {
  nlohmann::ordered_json j = {{"tasks", s.tasks},
                              {"public_tasks", s.public_tasks},
                              {"organisations", s.organisations},
                              {"people", s.people},
                              {"programs", s.programs},
                              {"total_state_budget_dong", s.total_budget_state.dong},
                              {"last_change", s.last_change},
                              {"index_documents", index_docs},
                              {"index_last_change", index_seq}};
  return j.dump(2);
}

}  // namespace ketnoi::app
