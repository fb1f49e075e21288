#include "dossier/common/metrics.h"

#include <absl/status/status.h>
#include <prometheus/exposer.h>
#include <prometheus/text_serializer.h>

#include <mutex>
#include <utility>
#include <vector>

#include "dossier/common/db_pool.h"
#include "dossier/common/strings.h"

namespace dossier {
namespace {

prometheus::ClientMetric PoolSample(const std::string& pool, double value,
                                    std::vector<prometheus::ClientMetric::Label> extra = {}) {
  prometheus::ClientMetric sample;
  sample.label.push_back({"pool", pool});
  for (auto& label : extra) sample.label.push_back(std::move(label));
  sample.gauge.value = value;
  sample.counter.value = value;
  return sample;
}

}  // namespace

const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                                   0.25,  0.5,    1,     2.5,  5,     10};
  return kBuckets;
}

// Reads the pools' counters at scrape time, so taking a connection costs no metric update.
class Metrics::PoolCollector : public prometheus::Collectable {
 public:
  void Add(std::string name, const DbPool& pool) {
    std::lock_guard lock(mutex_);
    pools_.emplace_back(std::move(name), &pool);
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    prometheus::MetricFamily connections{"dossier_db_pool_connections", "Database connections of the pool, by state",
                                         prometheus::MetricType::Gauge};
    prometheus::MetricFamily size{"dossier_db_pool_size", "Most connections the pool opens",
                                  prometheus::MetricType::Gauge};
    prometheus::MetricFamily waited{"dossier_db_pool_wait_seconds_total",
                                    "Time calls spent waiting for a free connection", prometheus::MetricType::Counter};
    prometheus::MetricFamily timeouts{"dossier_db_pool_timeouts_total",
                                      "Calls refused because every connection stayed busy",
                                      prometheus::MetricType::Counter};
    std::lock_guard lock(mutex_);
    for (const auto& [name, pool] : pools_) {
      DbPool::Usage usage = pool->usage();
      connections.metric.push_back(PoolSample(name, usage.in_use, {{"state", "in_use"}}));
      connections.metric.push_back(PoolSample(name, usage.open - usage.in_use, {{"state", "idle"}}));
      size.metric.push_back(PoolSample(name, usage.size));
      waited.metric.push_back(PoolSample(name, usage.wait_seconds));
      timeouts.metric.push_back(PoolSample(name, static_cast<double>(usage.timeouts)));
    }
    if (pools_.empty()) return {};
    return {connections, size, waited, timeouts};
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, const DbPool*>> pools_;
};

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      pools_(std::make_shared<PoolCollector>()),
      rpc_requests_(prometheus::BuildCounter()
                        .Name("dossier_rpc_requests_total")
                        .Help("Finished gRPC calls by service, method and status code")
                        .Register(*registry_)),
      rpc_duration_(prometheus::BuildHistogram()
                        .Name("dossier_rpc_duration_seconds")
                        .Help("Time from a call's start to its status, by service and method")
                        .Register(*registry_)) {}

Metrics::~Metrics() = default;

void Metrics::CountRpc(std::string_view service, std::string_view method, grpc::StatusCode code,
                       std::chrono::duration<double> took) {
  prometheus::Labels labels{{"service", std::string(service)}, {"method", std::string(method)}};
  rpc_duration_.Add(labels, LatencyBuckets()).Observe(took.count());
  // gRPC and absl share code numbers and names ("NOT_FOUND"), the names grpcurl prints.
  labels.emplace("code", absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
  rpc_requests_.Add(labels).Increment();
}

void Metrics::WatchPool(std::string name, const DbPool& pool) { pools_->Add(std::move(name), pool); }

std::string Metrics::Scrape() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (auto& family : pools_->Collect()) families.push_back(std::move(family));
  return prometheus::TextSerializer().Serialize(families);
}

absl::StatusOr<int> Metrics::Serve(const std::string& address) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address);
  } catch (const std::exception& e) {
    return absl::UnavailableError(strings::Cat("cannot serve metrics on ", address, ": ", e.what()));
  }
  exposer_->RegisterCollectable(registry_);
  exposer_->RegisterCollectable(pools_);
  auto ports = exposer_->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

}  // namespace dossier
