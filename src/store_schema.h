#pragma once
// The database schema of `nianbao batch`, as an ordered list of migrations.
// PRAGMA user_version holds how many have been applied; docs/store.md
// describes the tables.

#include "src/store_sqlite.h"

namespace nianbao {

// The schema version this build writes.
int store_schema_version();

// Brings the database up to store_schema_version(), each migration in its own
// transaction. Throws StoreError for a database newer than this build.
void migrate_store(Database& db);

}  // namespace nianbao
