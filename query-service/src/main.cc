// dossier-query: typed, read-only gRPC queries over the Dossier store.
#include <CLI/CLI.hpp>

#include "dossier/common/call_guard.h"
#include "dossier/common/config.h"
#include "dossier/common/db_pool.h"
#include "dossier/common/logging.h"
#include "dossier/common/metrics.h"
#include "dossier/common/server.h"
#include "handlers/query_service.h"

int main(int argc, char** argv) {
  dossier::BlockTerminationSignals();
  CLI::App app("dossier-query: typed queries over entities, events and relationships");
  dossier::ServiceConfig config;
  dossier::AddServiceFlags(app, config, "0.0.0.0:50052", "0.0.0.0:9465");
  std::string read_database_url;
  app.add_option("--read-database-url", read_database_url, "read replica for all queries (default: the primary)")
      ->envname("DOSSIER_READ_DATABASE_URL");
  int max_watchers = 64;
  app.add_option("--max-watchers", max_watchers, "WatchEvents streams served at once (each holds a thread)")
      ->envname("DOSSIER_MAX_WATCHERS");
  std::string page_token_key = "dossier-page-token-key";
  app.add_option("--page-token-key", page_token_key,
                 "secret that signs page tokens; the same on every replica (set it in production)")
      ->envname("DOSSIER_PAGE_TOKEN_KEY");
  CLI11_PARSE(app, argc, argv);
  dossier::InitLogging("dossier-query", config.log_level, dossier::ParseLogFormat(config.log_format));

  auto policy = dossier::CallPolicyFrom(config, "dossier.v1.QueryService", dossier::TokenScope::kRead,
                                        /*required=*/false);
  if (!policy.ok()) return dossier::StartupFailed(policy.status());
  if (config.migrate_only) {
    dossier::DbPool primary(config.database_url, 1);
    auto version = dossier::MigrateOnStartup(primary);
    return version.ok() ? 0 : dossier::StartupFailed(version.status());
  }
  // Queries never migrate: their database user may read only. Until dossier-ingest (or
  // --migrate-only) has brought the schema to this binary's version, readiness says so.
  dossier::DbPool reads(read_database_url.empty() ? config.database_url : read_database_url, config.db_pool_size,
                        dossier::query::PrepareQueryStatements);
  dossier::Metrics metrics;
  metrics.WatchPool("reads", reads);
  if (!config.metrics_listen.empty()) {
    if (auto port = metrics.Serve(config.metrics_listen); !port.ok()) return dossier::StartupFailed(port.status());
  }
  dossier::CallGuard guard(*std::move(policy), &metrics);
  dossier::query::QueryRepository repository(reads);
  // Notifications come from the primary: a replica replays NOTIFY to nobody. Watchers then
  // read the new events from wherever reads go.
  dossier::query::EventFeed feed(config.database_url);
  dossier::query::QueryServiceImpl service(repository, dossier::query::PageTokenCodec(page_token_key), feed, guard,
                                           max_watchers);

  dossier::ServerOptions options = dossier::ServerOptionsFrom(config, "dossier.v1.QueryService");
  options.readiness_check = dossier::DatabaseReadiness(reads);
  options.before_shutdown = [&service] { service.EndWatches(); };
  return dossier::ServeUntilTerminated(options, {&service}, std::chrono::seconds(config.shutdown_grace_seconds));
}
