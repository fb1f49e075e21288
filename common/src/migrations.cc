#include "dossier/common/migrations.h"

#include <absl/strings/str_cat.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "dossier/common/embedded_file.h"
#include "dossier/common/hashing.h"
#include "dossier/common/logging.h"
#include "dossier/common/status.h"

namespace dossier::migrations_data {
std::span<const dossier::EmbeddedFile> EmbeddedFiles();
}

namespace dossier {
namespace {

// "ERROR:  role x is missing\nHINT:  create it\nCONTEXT: ..." -> "role x is missing; create it".
std::string RaisedExplanation(std::string_view what) {
  what = what.substr(0, what.find("\nCONTEXT:"));
  if (what.substr(0, 8) == "ERROR:  ") what.remove_prefix(8);
  std::string explanation(what);
  if (size_t hint = explanation.find("\nHINT:  "); hint != std::string::npos) explanation.replace(hint, 8, "; ");
  while (!explanation.empty() && explanation.back() == '\n') explanation.pop_back();
  return explanation;
}

// Any constant works; it only has to be the same for every Dossier process.
constexpr int64_t kMigrationLockKey = 0x646f7373696572;  // "dossier"

std::vector<Migration> ParseEmbeddedMigrations() {
  std::vector<Migration> migrations;
  for (const auto& file : migrations_data::EmbeddedFiles()) {
    // File names are NNNN_description.sql.
    Migration migration;
    auto underscore = file.name.find('_');
    std::from_chars(file.name.data(), file.name.data() + underscore, migration.version);
    migration.name = std::string(file.name);
    migration.sql = file.content;
    migration.checksum = Sha256Hex(file.content);
    migrations.push_back(std::move(migration));
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return migrations;
}

void EnsureMigrationsTable(pqxx::connection& connection) {
  pqxx::work tx(connection);
  tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY,"
      " name text NOT NULL,"
      " checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
  tx.commit();
}

// version -> checksum of every applied migration.
std::map<int, std::string> AppliedMigrations(pqxx::transaction_base& tx) {
  std::map<int, std::string> applied;
  for (const auto& row : tx.exec("SELECT version, checksum FROM schema_migrations")) {
    applied[row[0].as<int>()] = row[1].as<std::string>();
  }
  return applied;
}

absl::Status CompareWithKnown(const std::map<int, std::string>& applied) {
  const auto& known = KnownMigrations();
  for (const auto& [version, checksum] : applied) {
    auto it = std::find_if(known.begin(), known.end(), [v = version](const Migration& m) { return m.version == v; });
    if (it == known.end()) {
      return absl::FailedPreconditionError(absl::StrCat("the database has schema migration ", version,
                                                        " which this binary does not know; deploy a newer binary"));
    }
    if (it->checksum != checksum) {
      return absl::FailedPreconditionError(
          absl::StrCat("schema migration ", it->name, " was changed after it was applied (checksum mismatch)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

const std::vector<Migration>& KnownMigrations() {
  static const std::vector<Migration> migrations = ParseEmbeddedMigrations();
  return migrations;
}

absl::StatusOr<int> ApplyMigrations(pqxx::connection& connection) {
  try {
    // A session lock outlives the transactions below; released when we are done. It is
    // taken first: even CREATE TABLE IF NOT EXISTS races between concurrent starters.
    pqxx::nontransaction(connection).exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    struct Unlock {
      pqxx::connection& connection;
      ~Unlock() {
        try {
          pqxx::nontransaction(connection).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
        } catch (...) {
          // The lock dies with the connection anyway.
        }
      }
    } unlock{connection};
    EnsureMigrationsTable(connection);

    std::map<int, std::string> applied;
    {
      pqxx::read_transaction tx(connection);
      applied = AppliedMigrations(tx);
    }
    if (auto status = CompareWithKnown(applied); !status.ok()) return status;
    int version = applied.empty() ? 0 : applied.rbegin()->first;
    for (const auto& migration : KnownMigrations()) {
      if (applied.count(migration.version)) continue;
      pqxx::work step(connection);
      try {
        step.exec(std::string(migration.sql));
      } catch (const pqxx::sql_error& e) {
        // A migration that raises an exception explains what is missing and how to fix it.
        if (e.sqlstate() != "P0001") throw;
        return absl::FailedPreconditionError(
            absl::StrCat("migration ", migration.name, " cannot run: ", RaisedExplanation(e.what())));
      }
      step.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", migration.version,
                       migration.name, migration.checksum);
      step.commit();
      Log(spdlog::level::info, "migration_applied", {{"version", migration.version}, {"name", migration.name}});
      version = migration.version;
    }
    return version;
  } catch (...) {
    return DatabaseErrorToStatus(std::current_exception(), "applying schema migrations");
  }
}

absl::Status CheckSchemaVersion(pqxx::connection& connection) {
  try {
    pqxx::read_transaction tx(connection);
    auto exists = tx.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].as<bool>();
    if (!exists) return absl::FailedPreconditionError("the database has no schema; run --migrate-only");
    auto applied = AppliedMigrations(tx);
    if (auto status = CompareWithKnown(applied); !status.ok()) return status;
    const auto& known = KnownMigrations();
    if (applied.size() != known.size()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the database schema is at ", applied.empty() ? 0 : applied.rbegin()->first,
                       ", this binary needs ", known.back().version, "; run --migrate-only"));
    }
    return absl::OkStatus();
  } catch (...) {
    return DatabaseErrorToStatus(std::current_exception(), "checking the schema version");
  }
}

}  // namespace dossier
