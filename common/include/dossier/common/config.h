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
};

/// Registers the shared flags on `app`, with `default_listen` as the listen default.
void AddServiceFlags(CLI::App& app, ServiceConfig& config, const std::string& default_listen);

}  // namespace dossier
