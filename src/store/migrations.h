#pragma once
// Numbered schema migrations. Each src/store/migrations/NNN_name.sql is embedded at build time
// and applied once, in order, inside a transaction, and recorded in schema_migrations. One file
// serves both dialects: {{ID}} and {{BLOB}} are replaced by each dialect's spelling.
#include <string>
#include <vector>

#include "store/db.h"

namespace ketnoi::store {

struct MigrationFile {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<MigrationFile>& MigrationFiles();  // generated
std::string ForDialect(std::string_view sql, Dialect dialect);

// Applies every migration newer than what the database records. Refuses a database whose
// recorded version is newer than the newest this program knows.
Status ApplyMigrations(Db& db);
// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Db& db);

}  // namespace ketnoi::store
