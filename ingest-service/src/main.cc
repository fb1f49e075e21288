// dossier-ingest: takes raw articles over gRPC, normalizes them, extracts facts and stores
// both in PostgreSQL.
#include <CLI/CLI.hpp>

#include "dossier/common/call_guard.h"
#include "dossier/common/config.h"
#include "dossier/common/db_pool.h"
#include "dossier/common/logging.h"
#include "dossier/common/metrics.h"
#include "dossier/common/server.h"
#include "handlers/ingest_service.h"

int main(int argc, char** argv) {
  dossier::BlockTerminationSignals();
  CLI::App app("dossier-ingest: normalizes raw articles, extracts facts, stores them");
  dossier::ServiceConfig config;
  dossier::AddServiceFlags(app, config, "0.0.0.0:50051", "0.0.0.0:9464");
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
  dossier::InitLogging("dossier-ingest", config.log_level, dossier::ParseLogFormat(config.log_format));

  dossier::DbPool pool(config.database_url, config.db_pool_size, dossier::ingest::PrepareIngestStatements);
  if (auto version = dossier::MigrateOnStartup(pool); !version.ok()) return dossier::StartupFailed(version.status());
  if (config.migrate_only) return 0;
  auto policy = dossier::CallPolicyFrom(config, "dossier.v1.IngestService", dossier::TokenScope::kIngest,
                                        /*required=*/true);
  if (!policy.ok()) return dossier::StartupFailed(policy.status());

  auto lexicon = dossier::engine::Lexicon::Load(iso_codes_dir);
  auto models = dossier::engine::syntax::SyntaxModels::Embedded();
  for (const absl::Status& status : {lexicon.status(), models.status()}) {
    if (!status.ok()) return dossier::StartupFailed(status);
  }
  dossier::Log(spdlog::level::info, "models_loaded", {{"version", (*models)->version}});

  dossier::Metrics metrics;
  metrics.WatchPool("primary", pool);
  dossier::ingest::IngestMetrics ingest_metrics(metrics.registry());
  if (!config.metrics_listen.empty()) {
    if (auto port = metrics.Serve(config.metrics_listen); !port.ok()) return dossier::StartupFailed(port.status());
  }
  dossier::CallGuard guard(*std::move(policy), &metrics);
  dossier::ingest::IngestRepository repository(pool);
  dossier::ingest::IngestServiceImpl service(*lexicon, *models, repository, guard, ingest_metrics);

  dossier::ServerOptions options = dossier::ServerOptionsFrom(config, "dossier.v1.IngestService");
  options.max_receive_message_bytes = max_article_mib * 1024 * 1024;
  options.readiness_check = dossier::DatabaseReadiness(pool);
  return dossier::ServeUntilTerminated(options, {&service}, std::chrono::seconds(config.shutdown_grace_seconds));
}
