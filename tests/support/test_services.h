#pragma once

#include <memory>
#include <string>

#include "dossier/common/call_guard.h"
#include "dossier/common/db_pool.h"
#include "dossier/common/metrics.h"
#include "dossier/common/server.h"
#include "dossier/v1/ingest_service.grpc.pb.h"
#include "dossier/v1/query_service.grpc.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "handlers/ingest_service.h"
#include "handlers/query_service.h"

namespace dossier::testing {

/// At most this many WatchEvents streams at once in tests.
inline constexpr int kTestMaxWatchers = 4;

/// Both real services, wired as their main() does (plaintext, no tokens: tests/e2e covers
/// TLS and tokens), serving on loopback ports chosen by the kernel, with real gRPC clients.
/// Uses the database of PostgresEnvironment.
class TestServices {
 public:
  TestServices();
  ~TestServices();

  std::unique_ptr<v1::IngestService::Stub> ingest;
  std::unique_ptr<v1::QueryService::Stub> query;
  std::unique_ptr<grpc::health::v1::Health::Stub> ingest_health;
  std::unique_ptr<grpc::health::v1::Health::Stub> query_health;

  /// The serving status of a named health service ("dossier.v1.QueryService").
  std::string HealthOf(grpc::health::v1::Health::Stub& stub, const std::string& service);

  /// What the query server does when it begins to shut down: ends WatchEvents streams.
  void EndWatches() { query_service_->EndWatches(); }

  /// Polls HealthOf for up to 10 s until it reports `wanted`; returns the last status seen.
  std::string WaitForHealth(grpc::health::v1::Health::Stub& stub, const std::string& service,
                            const std::string& wanted);

 private:
  Metrics metrics_;  // shared by both services, as in one process of each
  DbPool ingest_pool_;
  DbPool query_pool_;
  ingest::IngestMetrics ingest_metrics_;
  CallGuard ingest_calls_;
  CallGuard query_calls_;
  std::unique_ptr<ingest::IngestRepository> ingest_repository_;
  std::unique_ptr<ingest::IngestServiceImpl> ingest_service_;
  std::unique_ptr<query::QueryRepository> query_repository_;
  std::unique_ptr<query::EventFeed> event_feed_;
  std::unique_ptr<query::QueryServiceImpl> query_service_;
  std::unique_ptr<GrpcServer> ingest_server_;
  std::unique_ptr<GrpcServer> query_server_;
};

/// A client context whose deadline is `seconds` from now.
std::unique_ptr<grpc::ClientContext> ContextWithDeadline(double seconds = 10);

}  // namespace dossier::testing
