// main() for integration test binaries: one private, migrated PostgreSQL per binary.
#include <gtest/gtest.h>

#include "test_postgres.h"

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new dossier::testing::PostgresEnvironment);
  return RUN_ALL_TESTS();
}
