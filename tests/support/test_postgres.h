#pragma once

#include <gtest/gtest.h>

#include <string>

namespace dossier::testing {

/// A private PostgreSQL cluster for one test binary, started with scripts/pg.sh in a temp
/// directory and migrated with the real migrations. Register it with
/// ::testing::AddGlobalTestEnvironment (see test_main.cc).
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;

  /// URL of the migrated database, as its owner.
  static std::string Url();
  /// The same database as `dossier_query`, a login in the dossier_reader role that the
  /// migrations grant read access: what the query service runs as in production.
  static std::string ReaderUrl();
  /// Stops the server (to test behaviour while the database is down).
  static void Stop();
  /// Starts it again on the same port.
  static void Start();
  /// Runs one SQL statement and returns the first column of the first row ("" if none).
  static std::string QueryValue(const std::string& sql);
};

}  // namespace dossier::testing
