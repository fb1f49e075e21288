#include "test_services.h"

#include <stdexcept>
#include <thread>

#include "test_postgres.h"

namespace dossier::testing {
namespace {

std::unique_ptr<GrpcServer> StartServer(grpc::Service* service, const std::string& health_name, DbPool& pool,
                                        int max_receive_bytes) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.health_service_name = health_name;
  options.health_check_interval = std::chrono::milliseconds(100);
  options.max_receive_message_bytes = max_receive_bytes;
  options.readiness_check = DatabaseReadiness(pool);
  auto server = GrpcServer::Start(options, {service});
  if (!server.ok()) throw std::runtime_error(std::string(server.status().message()));
  return std::move(*server);
}

std::shared_ptr<grpc::Channel> Connect(int port) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(128 * 1024 * 1024);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials(), arguments);
}

}  // namespace

TestServices::TestServices()
    : ingest_pool_(PostgresEnvironment::Url(), 4, ingest::PrepareIngestStatements),
      // Queries run as a read-only user, as they do in production.
      query_pool_(PostgresEnvironment::ReaderUrl(), 4, query::PrepareQueryStatements),
      ingest_metrics_(metrics_.registry()),
      ingest_calls_(CallPolicy{"dossier.v1.IngestService"}, &metrics_),
      query_calls_(CallPolicy{"dossier.v1.QueryService"}, &metrics_) {
  metrics_.WatchPool("ingest", ingest_pool_);
  metrics_.WatchPool("reads", query_pool_);
  auto lexicon = engine::Lexicon::Load();
  if (!lexicon.ok()) throw std::runtime_error(std::string(lexicon.status().message()));
  auto models = engine::syntax::SyntaxModels::Embedded();
  if (!models.ok()) throw std::runtime_error(std::string(models.status().message()));
  ingest_repository_ = std::make_unique<ingest::IngestRepository>(ingest_pool_);
  ingest_service_ = std::make_unique<ingest::IngestServiceImpl>(*lexicon, *models, *ingest_repository_, ingest_calls_,
                                                                ingest_metrics_);
  query_repository_ = std::make_unique<query::QueryRepository>(query_pool_);
  event_feed_ = std::make_unique<query::EventFeed>(PostgresEnvironment::ReaderUrl());
  query_service_ = std::make_unique<query::QueryServiceImpl>(*query_repository_, query::PageTokenCodec("test-key"),
                                                             *event_feed_, query_calls_, kTestMaxWatchers);
  ingest_server_ = StartServer(ingest_service_.get(), "dossier.v1.IngestService", ingest_pool_, 10 * 1024 * 1024);
  query_server_ = StartServer(query_service_.get(), "dossier.v1.QueryService", query_pool_, 4 * 1024 * 1024);
  auto ingest_channel = Connect(ingest_server_->port());
  auto query_channel = Connect(query_server_->port());
  ingest = v1::IngestService::NewStub(ingest_channel);
  query = v1::QueryService::NewStub(query_channel);
  ingest_health = grpc::health::v1::Health::NewStub(ingest_channel);
  query_health = grpc::health::v1::Health::NewStub(query_channel);
}

TestServices::~TestServices() {
  query_server_->Shutdown(std::chrono::seconds(1));
  ingest_server_->Shutdown(std::chrono::seconds(1));
}

std::string TestServices::HealthOf(grpc::health::v1::Health::Stub& stub, const std::string& service) {
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status = stub.Check(ContextWithDeadline(2).get(), request, &response);
  if (!status.ok()) return "ERROR: " + status.error_message();
  return grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
}

std::string TestServices::WaitForHealth(grpc::health::v1::Health::Stub& stub, const std::string& service,
                                        const std::string& wanted) {
  std::string health = HealthOf(stub, service);
  for (int attempt = 0; attempt < 100 && health != wanted; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    health = HealthOf(stub, service);
  }
  return health;
}

std::unique_ptr<grpc::ClientContext> ContextWithDeadline(double seconds) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000)));
  return context;
}

}  // namespace dossier::testing
