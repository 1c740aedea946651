#pragma once
// Internal to web/: each file adds its routes to the table.
#include <vector>

#include "http/http.h"

namespace ketnoi::web {

void AddApiRoutes(std::vector<http::Route>& routes);
void AddPageRoutes(std::vector<http::Route>& routes);  // pages, assets, ops, fallback last

}  // namespace ketnoi::web
