#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace dossier {

/// Settings shared by both services. Every flag has an environment fallback so the same
/// binary runs from a shell and from a Kubernetes manifest.
struct ServiceConfig {
  /// PostgreSQL URL (DOSSIER_DATABASE_URL). Required.
  std::string database_url;
  /// host:port to listen on (DOSSIER_LISTEN_ADDRESS).
  std::string listen_address;
  /// trace, debug, info, warn, error (DOSSIER_LOG_LEVEL).
  std::string log_level = "info";
  /// Connections in the pool (DOSSIER_DB_POOL_SIZE).
  int db_pool_size = 8;
  /// Apply migrations and exit (for a Kubernetes Job).
  bool migrate_only = false;
  /// Seconds SIGTERM waits for in-flight calls before cancelling them.
  int shutdown_grace_seconds = 20;
  /// Seconds between database health checks.
  int health_check_interval_seconds = 2;
  /// json or text (DOSSIER_LOG_FORMAT).
  std::string log_format = "json";

  /// TLS: PEM certificate chain and key (DOSSIER_TLS_CERT_FILE, DOSSIER_TLS_KEY_FILE);
  /// unset serves plaintext.
  std::string tls_certificate_file;
  std::string tls_key_file;
  /// CA bundle for client certificates (DOSSIER_TLS_CLIENT_CA_FILE); set, it requires mutual TLS.
  std::string tls_client_ca_file;
  /// Seconds between checks of the TLS files for a rotated certificate.
  int tls_reload_seconds = 60;
  /// Bearer tokens with their scopes (DOSSIER_TOKENS_FILE), see AccessTokens.
  std::string tokens_file;
  /// Seconds between checks of the tokens file for a change (DOSSIER_TOKENS_RELOAD_SECONDS).
  int tokens_reload_seconds = 10;
  /// Serve requests without tokens (where the service would otherwise demand them).
  bool allow_unauthenticated = false;
  /// Turn off grpc.reflection (DOSSIER_DISABLE_REFLECTION).
  bool disable_reflection = false;
  /// Concurrent calls per client connection (DOSSIER_MAX_CONCURRENT_STREAMS).
  int max_concurrent_streams = 100;
  /// Deadline for the database work of a call whose client set none (DOSSIER_DEFAULT_DEADLINE_SECONDS).
  int default_deadline_seconds = 30;
  /// host:port of a plaintext grpc.health.v1-only port for probes (DOSSIER_HEALTH_LISTEN); empty: none.
  std::string health_listen;
  /// host:port of the Prometheus /metrics endpoint (DOSSIER_METRICS_LISTEN); empty: none.
  std::string metrics_listen;
};

/// Registers the shared flags on `app`, with the defaults of the gRPC and metrics addresses.
void AddServiceFlags(CLI::App& app, ServiceConfig& config, const std::string& default_listen,
                     const std::string& default_metrics_listen);

}  // namespace dossier
