#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dossier/common/config.h"
#include "dossier/common/db_pool.h"

namespace dossier {

/// PEM files that turn TLS on. The files are watched and re-read every reload_interval,
/// so a rotated certificate (a Kubernetes Secret update) is served without a restart.
struct TlsFiles {
  /// The server's certificate chain; empty serves plaintext.
  std::string certificate_file;
  std::string key_file;
  /// CA bundle that client certificates must chain to; set, it turns on mutual TLS: a
  /// client without a valid certificate cannot connect.
  std::string client_ca_file;
  std::chrono::seconds reload_interval = std::chrono::seconds(60);

  bool enabled() const { return !certificate_file.empty(); }
};

/// Checks that the files exist and parse: a certificate chain, the private key that matches
/// it, and (for mutual TLS) at least one CA certificate. gRPC would otherwise start and fail
/// every handshake.
absl::Status CheckTlsFiles(const TlsFiles& tls);

/// How to run one gRPC service process.
struct ServerOptions {
  std::string listen_address = "127.0.0.1:0";
  /// The named health service that reports readiness, e.g. "dossier.v1.QueryService".
  std::string health_service_name;
  /// Decides readiness (database ping + schema check); polled every health_check_interval.
  std::function<absl::Status()> readiness_check;
  std::chrono::milliseconds health_check_interval = std::chrono::seconds(2);
  int max_receive_message_bytes = 4 * 1024 * 1024;
  /// Lets Kubernetes rebalance long-lived connections.
  std::chrono::milliseconds max_connection_age = std::chrono::minutes(5);
  /// Concurrent calls one client connection may have open.
  int max_concurrent_streams = 100;
  TlsFiles tls;
  /// host:port of a second, plaintext server that serves grpc.health.v1 alone, mirroring
  /// the main one; empty: none. Kubernetes' gRPC probes cannot speak TLS.
  std::string health_listen_address;
  /// Serve grpc.reflection (what grpcurl uses to list and describe RPCs).
  bool reflection = true;
  /// Called when shutdown begins, before waiting for in-flight calls: ends streams that
  /// would otherwise run until the grace period is over (WatchEvents).
  std::function<void()> before_shutdown;
};

/// A started gRPC server with reflection, the standard health service and a readiness
/// poller. Thread-safe; Shutdown is idempotent.
class GrpcServer {
 public:
  /// Binds and starts serving `services` (not owned; they must outlive the server).
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(const ServerOptions& options,
                                                           std::vector<grpc::Service*> services);
  ~GrpcServer();

  /// The bound port (useful with port 0).
  int port() const { return port_; }
  /// The health-only server's port; 0 without one.
  int health_port() const { return health_port_; }

  /// Reports NOT_SERVING, then waits up to `grace` for in-flight calls before cancelling.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  GrpcServer(ServerOptions options, std::unique_ptr<grpc::Server> server, int port);
  void PollReadiness();
  /// Sets the readiness of the named service on every server.
  void SetServing(bool serving);

  const ServerOptions options_;
  std::unique_ptr<grpc::Server> server_;
  const int port_;
  class ProbeHealth;
  std::unique_ptr<ProbeHealth> probe_health_;
  std::unique_ptr<grpc::Server> health_server_;
  int health_port_ = 0;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread poller_;
};

/// Readiness of a service backed by `pool`: a pooled connection answers and the schema is
/// exactly the version this binary was built for.
std::function<absl::Status()> DatabaseReadiness(DbPool& pool);

/// The options `config` sets (listen address, TLS, reflection, limits, health interval).
ServerOptions ServerOptionsFrom(const ServiceConfig& config, std::string health_service_name);

/// Applies migrations on a connection from `pool`, waiting up to 30 s for the database.
absl::StatusOr<int> MigrateOnStartup(DbPool& pool);

/// Logs why a service cannot start (`startup_failed`) and returns main()'s exit code, 1.
int StartupFailed(const absl::Status& reason);

/// The tail of every service's main(): starts the server, waits for SIGTERM or SIGINT,
/// drains in-flight calls for up to `grace`; returns the process exit code.
int ServeUntilTerminated(const ServerOptions& options, std::vector<grpc::Service*> services,
                         std::chrono::seconds grace);

/// Blocks SIGTERM and SIGINT in the calling thread and every thread started after it;
/// call first thing in main, then WaitForTerminationSignal.
void BlockTerminationSignals();

/// Waits for SIGTERM or SIGINT and returns its number.
int WaitForTerminationSignal();

}  // namespace dossier
