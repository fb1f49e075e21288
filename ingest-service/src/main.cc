// dossier-ingest: takes raw articles over gRPC, normalizes them, extracts facts and stores
// both in PostgreSQL.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "dossier/common/config.h"
#include "dossier/common/db_pool.h"
#include "dossier/common/logging.h"
#include "dossier/common/server.h"
#include "dossier/common/strings.h"
#include "handlers/ingest_service.h"

int main(int argc, char** argv) {
  dossier::BlockTerminationSignals();
  CLI::App app("dossier-ingest: normalizes raw articles, extracts facts, stores them");
  dossier::ServiceConfig config;
  dossier::AddServiceFlags(app, config, "0.0.0.0:50051");
  int max_article_mib = 10;
  app.add_option("--max-article-mib", max_article_mib, "largest accepted request, in MiB")
      ->envname("DOSSIER_MAX_ARTICLE_MIB")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  app.add_option("--iso-codes-dir", iso_codes_dir, "folder of Debian iso-codes JSON files")
      ->envname("DOSSIER_ISO_CODES_DIR")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  dossier::InitLogging("dossier-ingest", config.log_level);

  dossier::DbPool pool(config.database_url, config.db_pool_size, dossier::ingest::PrepareIngestStatements);
  if (auto version = dossier::MigrateOnStartup(pool); !version.ok()) {
    spdlog::error("event=startup_failed reason=\"{}\"", version.status().message());
    return 1;
  }
  if (config.migrate_only) return 0;

  auto lexicon = dossier::engine::Lexicon::Load(iso_codes_dir);
  auto models = dossier::engine::syntax::SyntaxModels::Embedded();
  for (const absl::Status& status : {lexicon.status(), models.status()}) {
    if (status.ok()) continue;
    spdlog::error("event=startup_failed reason=\"{}\"", status.message());
    return 1;
  }
  spdlog::info("event=models_loaded version={}", (*models)->version);
  dossier::ingest::IngestRepository repository(pool);
  dossier::ingest::IngestServiceImpl service(*lexicon, *models, repository);

  dossier::ServerOptions options;
  options.listen_address = config.listen_address;
  options.health_service_name = "dossier.v1.IngestService";
  options.health_check_interval = std::chrono::seconds(config.health_check_interval_seconds);
  options.max_receive_message_bytes = max_article_mib * 1024 * 1024;
  options.readiness_check = dossier::DatabaseReadiness(pool);
  return dossier::ServeUntilTerminated(options, {&service}, std::chrono::seconds(config.shutdown_grace_seconds));
}
