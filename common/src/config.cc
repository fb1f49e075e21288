#include "dossier/common/config.h"

namespace dossier {

void AddServiceFlags(CLI::App& app, ServiceConfig& config, const std::string& default_listen,
                     const std::string& default_metrics_listen) {
  config.listen_address = default_listen;
  config.metrics_listen = default_metrics_listen;
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
  app.add_option("--log-format", config.log_format, "json (one object per line) or text")
      ->envname("DOSSIER_LOG_FORMAT")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();

  auto* tls = app.add_option_group("TLS", "serve gRPC over TLS; PEM files are re-read when they change");
  auto* certificate = tls->add_option("--tls-cert-file", config.tls_certificate_file, "certificate chain (PEM)")
                          ->envname("DOSSIER_TLS_CERT_FILE");
  auto* key =
      tls->add_option("--tls-key-file", config.tls_key_file, "private key (PEM)")->envname("DOSSIER_TLS_KEY_FILE");
  certificate->needs(key);
  key->needs(certificate);
  tls->add_option("--tls-client-ca-file", config.tls_client_ca_file,
                  "CA bundle (PEM) client certificates must chain to: requires mutual TLS")
      ->envname("DOSSIER_TLS_CLIENT_CA_FILE")
      ->needs(certificate);
  tls->add_option("--tls-reload-seconds", config.tls_reload_seconds, "how often the TLS files are checked for changes")
      ->envname("DOSSIER_TLS_RELOAD_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();

  app.add_option("--tokens-file", config.tokens_file, "bearer tokens, one `<scope> <token>` per line (ingest, read)")
      ->envname("DOSSIER_TOKENS_FILE");
  app.add_option("--tokens-reload-seconds", config.tokens_reload_seconds,
                 "how often the tokens file is checked for changes")
      ->envname("DOSSIER_TOKENS_RELOAD_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  app.add_flag("--allow-unauthenticated", config.allow_unauthenticated,
               "serve without bearer tokens (private test setups only)")
      ->envname("DOSSIER_ALLOW_UNAUTHENTICATED");
  app.add_flag("--disable-reflection", config.disable_reflection, "do not serve grpc.reflection")
      ->envname("DOSSIER_DISABLE_REFLECTION");
  app.add_option("--max-concurrent-streams", config.max_concurrent_streams, "concurrent calls per client connection")
      ->envname("DOSSIER_MAX_CONCURRENT_STREAMS")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--default-deadline-seconds", config.default_deadline_seconds,
                 "deadline of a call whose client set none")
      ->envname("DOSSIER_DEFAULT_DEADLINE_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.add_option("--health-listen", config.health_listen,
                 "host:port of a plaintext port serving only grpc.health.v1 (for probes when gRPC uses TLS)")
      ->envname("DOSSIER_HEALTH_LISTEN");
  app.add_option("--metrics-listen", config.metrics_listen, "host:port of the Prometheus /metrics endpoint; empty: off")
      ->envname("DOSSIER_METRICS_LISTEN")
      ->capture_default_str();
}

}  // namespace dossier
