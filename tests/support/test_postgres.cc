#include "test_postgres.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <stdexcept>

#include "dossier/common/migrations.h"

namespace dossier::testing {
namespace {

std::string directory;
std::string url;

// Runs a command and returns its standard output; throws if it fails.
std::string Run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
  if (pclose(pipe) != 0) throw std::runtime_error("command failed: " + command + "\n" + output);
  while (!output.empty() && (output.back() == '\n' || output.back() == ' ')) output.pop_back();
  return output;
}

std::string Script() { return std::string(DOSSIER_SOURCE_DIR) + "/scripts/pg.sh"; }

}  // namespace

void PostgresEnvironment::SetUp() {
  char pattern[] = "/tmp/dossier-test-XXXXXX";
  directory = mkdtemp(pattern);
  url = Run(Script() + " start " + directory);
  pqxx::connection connection(url);
  auto version = ApplyMigrations(connection);
  if (!version.ok()) throw std::runtime_error(std::string(version.status().message()));
  pqxx::nontransaction tx(connection);
  tx.exec("CREATE ROLE dossier_query LOGIN IN ROLE dossier_reader");
}

void PostgresEnvironment::TearDown() {
  Run(Script() + " stop " + directory);
  std::filesystem::remove_all(directory);
}

std::string PostgresEnvironment::Url() { return url; }

std::string PostgresEnvironment::ReaderUrl() {
  std::string reader = url;
  reader.replace(reader.find("://dossier@"), 11, "://dossier_query@");
  return reader;
}

void PostgresEnvironment::Stop() { Run(Script() + " stop " + directory); }

void PostgresEnvironment::Start() { Run(Script() + " start " + directory); }

std::string PostgresEnvironment::QueryValue(const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::nontransaction tx(connection);
  auto result = tx.exec(sql);
  if (result.empty() || result[0][0].is_null()) return "";
  return result[0][0].as<std::string>();
}

}  // namespace dossier::testing
