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

  /// URL of the migrated database.
  static std::string Url();
  /// Stops the server (to test behaviour while the database is down).
  static void Stop();
  /// Starts it again on the same port.
  static void Start();
  /// Runs one SQL statement and returns the first column of the first row ("" if none).
  static std::string QueryValue(const std::string& sql);
};

}  // namespace dossier::testing
