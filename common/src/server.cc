#include "dossier/common/server.h"

#include <absl/strings/str_cat.h>
#include <absl/synchronization/mutex.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <random>

#include "dossier/common/migrations.h"
#include "dossier/common/strings.h"
#include "grpc/health/v1/health.pb.h"

namespace dossier {

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(const ServerOptions& options,
                                                              std::vector<grpc::Service*> services) {
  // Referencing the health messages links their descriptors, so reflection can describe
  // grpc.health.v1.Health to clients such as grpcurl.
  grpc::health::v1::HealthCheckRequest::descriptor();
  // Debian's abseil checks every mutex acquisition for lock-order cycles (a debugging aid
  // gRPC's own locks then pay for on each call: about 8% of the query service's CPU under
  // load). gRPC's locking is tested upstream; ours uses std::mutex.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen_address, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, static_cast<int>(options.max_connection_age.count()));
  for (auto* service : services) builder.RegisterService(service);
  auto server = builder.BuildAndStart();
  if (!server || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen_address));
  }
  // Not ready until the first readiness check passes.
  server->GetHealthCheckService()->SetServingStatus(options.health_service_name, false);
  std::unique_ptr<GrpcServer> result(new GrpcServer(options, std::move(server), port));
  result->poller_ = std::thread([raw = result.get()] { raw->PollReadiness(); });
  spdlog::info("event=serving address={} port={}", options.listen_address, port);
  return result;
}

GrpcServer::GrpcServer(ServerOptions options, std::unique_ptr<grpc::Server> server, int port)
    : options_(std::move(options)), server_(std::move(server)), port_(port) {}

GrpcServer::~GrpcServer() { Shutdown(std::chrono::milliseconds(0)); }

void GrpcServer::PollReadiness() {
  bool was_ready = false;
  bool first = true;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    absl::Status ready = options_.readiness_check ? options_.readiness_check() : absl::OkStatus();
    lock.lock();
    if (stopping_) break;
    if (first || ready.ok() != was_ready) {
      server_->GetHealthCheckService()->SetServingStatus(options_.health_service_name, ready.ok());
      if (ready.ok()) {
        spdlog::info("event=health status=SERVING service={}", options_.health_service_name);
      } else {
        spdlog::warn("event=health status=NOT_SERVING service={} reason=\"{}\"", options_.health_service_name,
                     std::string(ready.message()));
      }
      was_ready = ready.ok();
      first = false;
    }
    stop_requested_.wait_for(lock, options_.health_check_interval, [&] { return stopping_; });
  }
}

void GrpcServer::Shutdown(std::chrono::milliseconds grace) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  stop_requested_.notify_all();
  if (poller_.joinable()) poller_.join();
  // Load balancers stop sending new calls first; then in-flight calls get `grace` to finish.
  server_->GetHealthCheckService()->Shutdown();
  if (options_.before_shutdown) options_.before_shutdown();
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  spdlog::info("event=stopped");
}

Deadline DeadlineOf(const grpc::ServerContext* context) {
  auto deadline = context->deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) return std::nullopt;
  return deadline;
}

std::string RequestIdOf(grpc::ServerContext* context) {
  constexpr size_t kMaxRequestIdBytes = 64;
  std::string id;
  if (auto sent = context->client_metadata().find("x-request-id"); sent != context->client_metadata().end()) {
    std::string_view value(sent->second.data(), sent->second.size());
    bool usable =
        !value.empty() && value.size() <= kMaxRequestIdBytes && std::all_of(value.begin(), value.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        });
    if (usable) id = value;
  }
  if (id.empty()) {
    thread_local std::mt19937_64 random(std::random_device{}());
    id = absl::StrCat(absl::Hex(random(), absl::kZeroPad16));
  }
  return id;
}

grpc::Status GuardedCall(grpc::ServerContext* context, std::string_view rpc,
                         const std::function<grpc::Status()>& body) {
  std::string request_id = RequestIdOf(context);
  context->AddInitialMetadata("x-request-id", request_id);
  std::string what;
  try {
    return body();
  } catch (const std::exception& e) {
    what = e.what();
  } catch (...) {
    what = "an exception that is not a std::exception";
  }
  spdlog::error("event=rpc_failed rpc={} request_id={} error=\"{}\"", rpc, request_id, what);
  return grpc::Status(grpc::StatusCode::INTERNAL, strings::Cat("internal error in ", rpc, " (request id ", request_id,
                                                               "); it was logged, and the service goes on serving"));
}

std::function<absl::Status()> DatabaseReadiness(DbPool& pool) {
  return [&pool] {
    auto lease = pool.Acquire(std::chrono::seconds(2));
    if (!lease.ok()) return lease.status();
    return CheckSchemaVersion(**lease);
  };
}

absl::StatusOr<int> MigrateOnStartup(DbPool& pool) {
  auto lease = pool.Acquire(std::chrono::seconds(30));
  if (!lease.ok()) return lease.status();
  auto version = ApplyMigrations(**lease);
  if (version.ok()) spdlog::info("event=schema_ready version={}", *version);
  return version;
}

int ServeUntilTerminated(const ServerOptions& options, std::vector<grpc::Service*> services,
                         std::chrono::seconds grace) {
  auto server = GrpcServer::Start(options, std::move(services));
  if (!server.ok()) {
    spdlog::error("event=startup_failed reason=\"{}\"", server.status().message());
    return 1;
  }
  int signal_number = WaitForTerminationSignal();
  spdlog::info("event=shutdown signal={}", signal_number);
  (*server)->Shutdown(grace);
  return 0;
}

void BlockTerminationSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  return signal_number;
}

}  // namespace dossier
