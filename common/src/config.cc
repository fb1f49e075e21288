#include "dossier/common/config.h"

namespace dossier {

void AddServiceFlags(CLI::App& app, ServiceConfig& config, const std::string& default_listen) {
  config.listen_address = default_listen;
  app.add_option("--database-url", config.database_url, "PostgreSQL URL")->envname("DOSSIER_DATABASE_URL")->required();
  app.add_option("--listen", config.listen_address, "host:port to serve gRPC on")
      ->envname("DOSSIER_LISTEN_ADDRESS")
      ->capture_default_str();
  app.add_option("--log-level", config.log_level, "trace, debug, info, warn or error")
      ->envname("DOSSIER_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();
  app.add_option("--db-pool-size", config.db_pool_size, "database connections")
      ->envname("DOSSIER_DB_POOL_SIZE")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  app.add_option("--shutdown-grace-seconds", config.shutdown_grace_seconds,
                 "how long SIGTERM waits for in-flight calls")
      ->envname("DOSSIER_SHUTDOWN_GRACE_SECONDS")
      ->check(CLI::Range(0, 600))
      ->capture_default_str();
  app.add_option("--health-check-interval-seconds", config.health_check_interval_seconds,
                 "seconds between database readiness checks")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_flag("--migrate-only", config.migrate_only, "apply schema migrations and exit");
}

}  // namespace dossier
