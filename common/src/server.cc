#include "dossier/common/server.h"

#include <absl/strings/str_cat.h>
#include <absl/synchronization/mutex.h>
#include <grpcpp/ext/health_check_service_server_builder_option.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <csignal>
#include <map>

#include "dossier/common/logging.h"
#include "dossier/common/migrations.h"
#include "dossier/common/strings.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace dossier {
namespace {

// Drops the reflection plugin that InitProtoReflectionServerBuilderPlugin adds to every
// builder, for this server only.
class WithoutReflection : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    std::erase_if(*plugins, [](const auto& plugin) { return plugin->name() == "proto_server_reflection"; });
  }
};

std::shared_ptr<grpc::ServerCredentials> TlsCredentials(const TlsFiles& tls) {
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      tls.key_file, tls.certificate_file, tls.client_ca_file, static_cast<unsigned>(tls.reload_interval.count()));
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (!tls.client_ca_file.empty()) {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

absl::StatusOr<Bio> OpenPem(const std::string& path, std::string_view what) {
  Bio bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
  if (!bio) return absl::NotFoundError(strings::Cat("cannot read the ", what, " file ", path));
  return bio;
}

using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

// The first of the PEM certificates in `path`; an error when it holds none.
absl::StatusOr<Certificate> FirstCertificate(const std::string& path, std::string_view what) {
  auto bio = OpenPem(path, what);
  if (!bio.ok()) return bio.status();
  Certificate first(PEM_read_bio_X509(bio->get(), nullptr, nullptr, nullptr), &X509_free);
  ERR_clear_error();  // a failed read leaves "no start line" queued
  if (!first) return absl::InvalidArgumentError(strings::Cat(what, " file ", path, " holds no PEM certificate"));
  return first;
}

}  // namespace

// grpc.health.v1 Check for the probe port, mirroring the main server's answers. gRPC's
// default health service cannot run on a server without a service of its own.
class GrpcServer::ProbeHealth final : public grpc::health::v1::Health::Service {
 public:
  void Set(const std::string& service, bool serving) {
    std::lock_guard lock(mutex_);
    serving_[service] = serving;
  }
  void EndAll() {
    std::lock_guard lock(mutex_);
    for (auto& [service, serving] : serving_) serving = false;
  }

  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override {
    std::lock_guard lock(mutex_);
    auto found = serving_.find(request->service());
    if (found == serving_.end()) return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
    response->set_status(found->second ? grpc::health::v1::HealthCheckResponse::SERVING
                                       : grpc::health::v1::HealthCheckResponse::NOT_SERVING);
    return grpc::Status::OK;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, bool> serving_;
};

absl::Status CheckTlsFiles(const TlsFiles& tls) {
  if (tls.key_file.empty()) return absl::InvalidArgumentError("a TLS certificate needs its private key file too");
  auto leaf = FirstCertificate(tls.certificate_file, "TLS certificate");
  if (!leaf.ok()) return leaf.status();
  if (!tls.client_ca_file.empty()) {
    if (auto ca = FirstCertificate(tls.client_ca_file, "client CA"); !ca.ok()) return ca.status();
  }
  auto key_bio = OpenPem(tls.key_file, "TLS key");
  if (!key_bio.ok()) return key_bio.status();
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio->get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  ERR_clear_error();
  if (!key) return absl::InvalidArgumentError(strings::Cat("TLS key file ", tls.key_file, " holds no PEM private key"));
  if (X509_check_private_key(leaf->get(), key.get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(strings::Cat(
        "TLS key file ", tls.key_file, " is not the key of the first certificate in ", tls.certificate_file));
  }
  return absl::OkStatus();
}

ServerOptions ServerOptionsFrom(const ServiceConfig& config, std::string health_service_name) {
  ServerOptions options;
  options.listen_address = config.listen_address;
  options.health_service_name = std::move(health_service_name);
  options.health_check_interval = std::chrono::seconds(config.health_check_interval_seconds);
  options.max_concurrent_streams = config.max_concurrent_streams;
  options.reflection = !config.disable_reflection;
  options.health_listen_address = config.health_listen;
  options.tls = {config.tls_certificate_file, config.tls_key_file, config.tls_client_ca_file,
                 std::chrono::seconds(config.tls_reload_seconds)};
  return options;
}

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
  std::shared_ptr<grpc::ServerCredentials> credentials = grpc::InsecureServerCredentials();
  if (options.tls.enabled()) {
    if (auto checked = CheckTlsFiles(options.tls); !checked.ok()) return checked;
    credentials = TlsCredentials(options.tls);
  }

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen_address, credentials, &port);
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, static_cast<int>(options.max_connection_age.count()));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_concurrent_streams);
  if (!options.reflection) builder.SetOption(std::make_unique<WithoutReflection>());
  for (auto* service : services) builder.RegisterService(service);
  auto server = builder.BuildAndStart();
  if (!server || port == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen_address));
  }
  std::unique_ptr<GrpcServer> result(new GrpcServer(options, std::move(server), port));
  if (!options.health_listen_address.empty()) {
    result->probe_health_ = std::make_unique<ProbeHealth>();
    result->probe_health_->Set("", true);  // the process answers
    grpc::ServerBuilder health_builder;
    health_builder.SetOption(std::make_unique<grpc::HealthCheckServiceServerBuilderOption>(nullptr));
    health_builder.RegisterService(result->probe_health_.get());
    health_builder.AddListeningPort(options.health_listen_address, grpc::InsecureServerCredentials(),
                                    &result->health_port_);
    health_builder.SetOption(std::make_unique<WithoutReflection>());
    result->health_server_ = health_builder.BuildAndStart();
    if (!result->health_server_ || result->health_port_ == 0) {
      return absl::UnavailableError(absl::StrCat("cannot listen on ", options.health_listen_address));
    }
  }
  // Not ready until the first readiness check passes.
  result->SetServing(false);
  result->poller_ = std::thread([raw = result.get()] { raw->PollReadiness(); });
  Log(spdlog::level::info, "serving",
      {{"grpc_service", options.health_service_name},
       {"address", options.listen_address},
       {"port", port},
       {"tls", !options.tls.enabled()               ? "off"
               : options.tls.client_ca_file.empty() ? "tls"
                                                    : "mutual"},
       {"reflection", options.reflection},
       {"health_port", result->health_port_}});
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
      SetServing(ready.ok());
      if (ready.ok()) {
        Log(spdlog::level::info, "health", {{"status", "SERVING"}, {"grpc_service", options_.health_service_name}});
      } else {
        Log(spdlog::level::warn, "health",
            {{"status", "NOT_SERVING"}, {"grpc_service", options_.health_service_name}, {"reason", ready.message()}});
      }
      was_ready = ready.ok();
      first = false;
    }
    stop_requested_.wait_for(lock, options_.health_check_interval, [&] { return stopping_; });
  }
}

void GrpcServer::SetServing(bool serving) {
  server_->GetHealthCheckService()->SetServingStatus(options_.health_service_name, serving);
  if (probe_health_) probe_health_->Set(options_.health_service_name, serving);
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
  if (probe_health_) probe_health_->EndAll();
  if (options_.before_shutdown) options_.before_shutdown();
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  if (health_server_) {
    health_server_->Shutdown(std::chrono::system_clock::now());
    health_server_->Wait();
  }
  Log(spdlog::level::info, "stopped", {{"grpc_service", options_.health_service_name}});
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
  if (version.ok()) Log(spdlog::level::info, "schema_ready", {{"version", *version}});
  return version;
}

int StartupFailed(const absl::Status& reason) {
  Log(spdlog::level::err, "startup_failed", {{"reason", reason.message()}});
  return 1;
}

int ServeUntilTerminated(const ServerOptions& options, std::vector<grpc::Service*> services,
                         std::chrono::seconds grace) {
  auto server = GrpcServer::Start(options, std::move(services));
  if (!server.ok()) return StartupFailed(server.status());
  int signal_number = WaitForTerminationSignal();
  Log(spdlog::level::info, "shutdown", {{"signal", signal_number}});
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
