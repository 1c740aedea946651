#pragma once
// Internal to web/: each file adds its routes to the table.
#include <vector>

#include "http/http.h"

namespace ketnoi::web {

void AddApiRoutes(std::vector<http::Route>& routes);
void AddPageRoutes(std::vector<http::Route>& routes);          // pages, assets, ops
void AddAccountRoutes(std::vector<http::Route>& routes);       // account.cpp
void AddRecordRoutes(std::vector<http::Route>& routes);        // records.cpp
void AddFileAndAuditRoutes(std::vector<http::Route>& routes);  // files_audit.cpp
void AddOaiRoutes(std::vector<http::Route>& routes);           // oai_routes.cpp
void AddExportRoutes(std::vector<http::Route>& routes);        // exports.cpp
void AddImportRoutes(std::vector<http::Route>& routes);        // imports.cpp
void AddSelectionRoutes(std::vector<http::Route>& routes);     // selection.cpp
void AddMergeRoutes(std::vector<http::Route>& routes);         // merges.cpp

}  // namespace ketnoi::web
