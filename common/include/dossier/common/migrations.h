#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>

#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

namespace dossier {

/// One numbered schema change from common/migrations (compiled into the binary).
struct Migration {
  int version = 0;
  std::string name;
  std::string_view sql;
  std::string checksum;  // hex SHA-256 of sql
};

/// The migrations compiled into this binary, ordered by version.
const std::vector<Migration>& KnownMigrations();

/// Applies every migration newer than the database's, each in its own transaction, under a
/// PostgreSQL advisory lock so concurrent starters do not race. Fails with
/// FAILED_PRECONDITION when an applied migration's checksum differs from ours or the
/// database is newer than this binary. Returns the schema version now in force.
absl::StatusOr<int> ApplyMigrations(pqxx::connection& connection);

/// OK when the database schema is exactly the version this binary was built for.
absl::Status CheckSchemaVersion(pqxx::connection& connection);

}  // namespace dossier
