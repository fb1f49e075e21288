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

#include "dossier/common/db_pool.h"
#include "dossier/common/transaction.h"

namespace dossier {

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

  /// Reports NOT_SERVING, then waits up to `grace` for in-flight calls before cancelling.
  void Shutdown(std::chrono::milliseconds grace);

 private:
  GrpcServer(ServerOptions options, std::unique_ptr<grpc::Server> server, int port);
  void PollReadiness();

  const ServerOptions options_;
  std::unique_ptr<grpc::Server> server_;
  const int port_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::thread poller_;
};

/// The deadline a client set on the call, if any.
Deadline DeadlineOf(const grpc::ServerContext* context);

/// The call's request id: the client's `x-request-id` header when it sent a usable one (up
/// to 64 letters, digits, '-' or '_'), else a fresh random one. Returned to the client in the
/// `x-request-id` response header.
std::string RequestIdOf(grpc::ServerContext* context);

/// Runs an RPC handler's body. An exception that escapes it is a bug, never the caller's
/// fault: it is logged with the RPC's name and the request id, and the client gets INTERNAL
/// naming that id; the server keeps serving. (gRPC would answer UNKNOWN, "Unexpected error
/// in RPC handling", and log nothing.)
grpc::Status GuardedCall(grpc::ServerContext* context, std::string_view rpc, const std::function<grpc::Status()>& body);

/// Readiness of a service backed by `pool`: a pooled connection answers and the schema is
/// exactly the version this binary was built for.
std::function<absl::Status()> DatabaseReadiness(DbPool& pool);

/// Applies migrations on a connection from `pool`, waiting up to 30 s for the database.
absl::StatusOr<int> MigrateOnStartup(DbPool& pool);

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
