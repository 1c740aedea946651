#pragma once
// Helpers shared by pages.cpp and api.cpp (no heavy headers here).
#include <string>

#include "http/http.h"
#include "search/index.h"

namespace ketnoi::web {

// "vi" or "en": ?lang=, then the lang cookie, then Vietnamese.
std::string Lang(const http::Request& req);

// A search request from query parameters q, sort, page, limit and the facet filters. A bad
// parameter gives Invalid with message "web.bad_param" naming it.
Result<search::SearchRequest> SearchFromQuery(const http::Request& req, const std::string& lang,
                                              int default_limit);

// A strong ETag for a body, and whether the request already has it (→ 304).
std::string Etag(const std::string& body);
bool NotModified(const http::Request& req, const std::string& etag);

// Reads a positive id from a path parameter; nullopt when it is not one.
std::optional<int64_t> PathId(const http::Request& req, const std::string& name);

std::string HtmlEscape(std::string_view s);

// "2021–2023" or "01/03/2021 – 28/02/2023" style period text.
std::string PeriodText(const std::optional<Date>& start, const std::optional<Date>& end);

}  // namespace ketnoi::web
