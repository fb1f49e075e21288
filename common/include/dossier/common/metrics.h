#pragma once

#include <absl/status/statusor.h>
#include <grpcpp/support/status_code_enum.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace prometheus {
class Exposer;
}

namespace dossier {

class DbPool;

/// Upper bounds, in seconds, of the latency histograms: 1 ms to 10 s.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets();

/// A process's Prometheus metrics: the registry services add their own series to, the
/// series every service shares (RPCs by method and status code, connection pools), and an
/// HTTP endpoint that serves them.
class Metrics {
 public:
  Metrics();
  ~Metrics();

  prometheus::Registry& registry() { return *registry_; }

  /// One finished call: dossier_rpc_requests_total{service,method,code} and
  /// dossier_rpc_duration_seconds{service,method}.
  void CountRpc(std::string_view service, std::string_view method, grpc::StatusCode code,
                std::chrono::duration<double> took);

  /// Reports `pool` (not owned; it must outlive this object) at every scrape as
  /// dossier_db_pool_connections{pool=name,state=in_use|idle}, dossier_db_pool_size{pool}
  /// and dossier_db_pool_{wait_seconds,timeouts}_total{pool}.
  void WatchPool(std::string name, const DbPool& pool);

  /// Everything in the Prometheus text format, as a scrape would see it.
  std::string Scrape() const;

  /// Serves Scrape() on http://`address`/metrics (e.g. "0.0.0.0:9464") until this object
  /// is destroyed. Returns the bound port (useful with port 0).
  absl::StatusOr<int> Serve(const std::string& address);

 private:
  class PoolCollector;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<PoolCollector> pools_;
  prometheus::Family<prometheus::Counter>& rpc_requests_;
  prometheus::Family<prometheus::Histogram>& rpc_duration_;
  std::unique_ptr<prometheus::Exposer> exposer_;
};

}  // namespace dossier
