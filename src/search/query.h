#pragma once
// The query language, parsed without Xapian so it can be tested alone:
//   công nghệ thông tin      every word must appear (accents optional; exact accents rank first)
//   "xử lý nước thải"        a phrase, words adjacent and in order
//   title:lúa  host:"bách khoa"  pi:  abstract:  keywords:  code:   — search one field
//   -word  -"a phrase"       exclude
//   year:2021 level:tinh kind:de_tai status:accepted program:CT-01 field:302 source:demo
//                            filters, the same as the facet filters of the API
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "text/text.h"

namespace ketnoi::search {

struct QueryClause {
  std::string field;  // "" for all text, or title / abstract / keywords / host / pi / code
  std::vector<text::Token> tokens;
  bool phrase = false;  // quoted, or one word of joined parts ("ĐT-2016", "COVID-19")
  bool negated = false;
};

struct ParsedQuery {
  std::vector<QueryClause> clauses;
  std::map<std::string, std::vector<std::string>> filters;
};

ParsedQuery ParseQuery(std::string_view query);

// Names accepted before ':' as text fields and as filters.
bool IsTextField(std::string_view name);
bool IsFilterName(std::string_view name);

}  // namespace ketnoi::search
