// web — the public portal and the JSON API: the route table (pages, /api/v1, assets, health and
// metrics), server-rendered mustache pages in Vietnamese and English (labels from the message
// catalog), JSON in the shape of the API, and the OpenAPI document generated from the table.
#pragma once

#include <vector>

#include "http/http.h"

namespace ketnoi::web {

// Every route Ketnoi serves. The last one, kind "fallback", renders the 404 page.
std::vector<http::Route> SiteRoutes();

}  // namespace ketnoi::web
