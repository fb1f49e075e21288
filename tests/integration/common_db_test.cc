// common/: migrations, the connection pool and transactions against a real PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "dossier/common/db_pool.h"
#include "dossier/common/migrations.h"
#include "dossier/common/transaction.h"
#include "test_postgres.h"

namespace dossier {
namespace {

using ::testing::HasSubstr;
using testing::PostgresEnvironment;

TEST(Migrations, ApplyingAgainChangesNothing) {
  pqxx::connection connection(PostgresEnvironment::Url());
  auto version = ApplyMigrations(connection);
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, KnownMigrations().back().version);
  EXPECT_EQ(PostgresEnvironment::QueryValue("SELECT count(*) FROM schema_migrations"),
            std::to_string(KnownMigrations().size()));
  EXPECT_TRUE(CheckSchemaVersion(connection).ok());
}

TEST(Migrations, ConcurrentStartersApplyEachMigrationOnce) {
  PostgresEnvironment::QueryValue("CREATE DATABASE concurrent_migrations");
  std::string url = PostgresEnvironment::Url();
  url.replace(url.rfind('/'), std::string::npos, "/concurrent_migrations");
  std::vector<std::future<absl::StatusOr<int>>> starters;
  for (int i = 0; i < 4; ++i) {
    starters.push_back(std::async(std::launch::async, [url] {
      pqxx::connection connection(url);
      return ApplyMigrations(connection);
    }));
  }
  for (auto& starter : starters) {
    auto version = starter.get();
    ASSERT_TRUE(version.ok()) << version.status();
    EXPECT_EQ(*version, KnownMigrations().back().version);
  }
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<size_t>(), KnownMigrations().size());
}

// The query service's user reads every table, the schema version included, and changes none.
TEST(Migrations, TheReaderRoleReadsEveryTableAndWritesNone) {
  pqxx::connection reader(PostgresEnvironment::ReaderUrl());
  EXPECT_TRUE(CheckSchemaVersion(reader).ok());
  pqxx::nontransaction tx(reader);
  auto tables = tx.exec(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND "
      "NOT has_table_privilege(format('%I.%I', schemaname, tablename), 'SELECT')");
  EXPECT_EQ(tables.size(), 0u) << tables[0][0].as<std::string>() << " is not readable";
  auto writable = tx.exec(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND "
      "has_table_privilege(format('%I.%I', schemaname, tablename), 'INSERT, UPDATE, DELETE, TRUNCATE')");
  EXPECT_EQ(writable.size(), 0u) << writable[0][0].as<std::string>() << " is writable";
  try {
    tx.exec("DELETE FROM articles");
    ADD_FAILURE() << "the reader deleted articles";
  } catch (const pqxx::insufficient_privilege&) {
  }
}

// A database owner without CREATEROLE gets a message that says what to do.
TEST(Migrations, AMissingReaderRoleThatCannotBeCreatedIsExplained) {
  PostgresEnvironment::QueryValue("CREATE DATABASE owned_elsewhere");
  PostgresEnvironment::QueryValue("CREATE ROLE plain_owner LOGIN");
  PostgresEnvironment::QueryValue("ALTER DATABASE owned_elsewhere OWNER TO plain_owner");
  PostgresEnvironment::QueryValue("ALTER ROLE dossier_reader RENAME TO dossier_reader_away");
  std::string url = PostgresEnvironment::Url();
  url.replace(url.rfind('/'), std::string::npos, "/owned_elsewhere");
  url.replace(url.find("://dossier@"), 11, "://plain_owner@");
  absl::StatusOr<int> version = absl::UnknownError("not run");
  {
    pqxx::connection connection(url);
    version = ApplyMigrations(connection);
  }
  PostgresEnvironment::QueryValue("ALTER ROLE dossier_reader_away RENAME TO dossier_reader");
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(version.status().message()),
              HasSubstr("migration 0006_reader_role.sql cannot run: role dossier_reader does not exist and "
                        "plain_owner may not create it; create it once as a superuser"));
}

TEST(Migrations, AnEditedMigrationIsRefused) {
  PostgresEnvironment::QueryValue("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
  pqxx::connection connection(PostgresEnvironment::Url());
  auto version = ApplyMigrations(connection);
  auto check = CheckSchemaVersion(connection);
  PostgresEnvironment::QueryValue("UPDATE schema_migrations SET checksum = '" + KnownMigrations()[0].checksum +
                                  "' WHERE version = 1");
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(version.status().message()), HasSubstr("changed after it was applied"));
  EXPECT_EQ(check.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Transactions, StatementIsCancelledWhenTheDeadlinePasses) {
  DbPool pool(PostgresEnvironment::Url(), 1);
  for (TxMode mode : {TxMode::kReadOnly, TxMode::kAutocommitRead}) {
    auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(300);
    absl::Status status = RunTransaction(pool, mode, deadline, "sleeping", [](pqxx::transaction_base& tx) {
      tx.exec("SELECT pg_sleep(30)");
      return absl::OkStatus();
    });
    EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  }
  // The connection is still usable afterwards.
  EXPECT_TRUE(pool.Ping().ok());
}

TEST(Transactions, ExpiredDeadlineFailsFastAndReadOnlyRefusesWrites) {
  DbPool pool(PostgresEnvironment::Url(), 1);
  auto past = std::chrono::system_clock::now() - std::chrono::seconds(1);
  bool ran = false;
  absl::Status late = RunTransaction(pool, TxMode::kReadOnly, past, "late", [&](pqxx::transaction_base&) {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_EQ(late.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(ran);
  absl::Status write = RunTransaction(pool, TxMode::kReadOnly, std::nullopt, "writing", [](pqxx::transaction_base& tx) {
    tx.exec("CREATE TABLE should_not_exist (id int)");
    return absl::OkStatus();
  });
  EXPECT_EQ(write.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(PostgresEnvironment::QueryValue("SELECT to_regclass('should_not_exist')::text"), "");
}

TEST(Transactions, AutocommitReadRefusesWritesAndLeavesNoSettingBehind) {
  DbPool pool(PostgresEnvironment::Url(), 1);
  auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(300);
  absl::Status read =
      RunTransaction(pool, TxMode::kAutocommitRead, deadline, "reading", [](pqxx::transaction_base& tx) {
        tx.exec("SELECT 1");
        return absl::OkStatus();
      });
  EXPECT_TRUE(read.ok()) << read;
  absl::Status write =
      RunTransaction(pool, TxMode::kAutocommitRead, std::nullopt, "writing", [](pqxx::transaction_base& tx) {
        tx.exec("CREATE TABLE autocommit_read_should_not_write (id int)");
        return absl::OkStatus();
      });
  EXPECT_EQ(write.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(PostgresEnvironment::QueryValue("SELECT to_regclass('autocommit_read_should_not_write')::text"), "");
  // The same (only) connection next serves a writer without a deadline: the read-only
  // session and the 300 ms timeout of the calls before must not carry over.
  absl::Status slow_write =
      RunTransaction(pool, TxMode::kReadWrite, std::nullopt, "writing", [](pqxx::transaction_base& tx) {
        tx.exec("SELECT pg_sleep(0.5)");
        tx.exec("CREATE TABLE autocommit_read_then_write (id int)");
        return absl::OkStatus();
      });
  EXPECT_TRUE(slow_write.ok()) << slow_write;
  EXPECT_EQ(PostgresEnvironment::QueryValue("SELECT to_regclass('autocommit_read_then_write')::text"),
            "autocommit_read_then_write");
}

TEST(Transactions, BodyErrorRollsBack) {
  DbPool pool(PostgresEnvironment::Url(), 1);
  PostgresEnvironment::QueryValue("CREATE TABLE rollback_probe (id int)");
  absl::Status status = RunTransaction(pool, TxMode::kReadWrite, std::nullopt, "probe", [](pqxx::transaction_base& tx) {
    tx.exec("INSERT INTO rollback_probe VALUES (1)");
    return absl::NotFoundError("nothing to do");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(PostgresEnvironment::QueryValue("SELECT count(*) FROM rollback_probe"), "0");
}

// Runs last: it restarts the server.
TEST(ZPool, IsUnavailableWhileTheDatabaseIsDownAndHealsAfter) {
  DbPool pool(PostgresEnvironment::Url(), 2);
  ASSERT_TRUE(pool.Ping().ok());
  PostgresEnvironment::Stop();
  EXPECT_EQ(pool.Ping().code(), absl::StatusCode::kUnavailable);
  absl::Status down = RunTransaction(pool, TxMode::kReadOnly, std::nullopt, "reading", [](pqxx::transaction_base& tx) {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_EQ(down.code(), absl::StatusCode::kUnavailable) << down;
  PostgresEnvironment::Start();
  absl::Status up = RunTransaction(pool, TxMode::kReadOnly, std::nullopt, "reading", [](pqxx::transaction_base& tx) {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_TRUE(up.ok()) << up;
}

}  // namespace
}  // namespace dossier
