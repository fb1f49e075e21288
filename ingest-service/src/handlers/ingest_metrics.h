#pragma once

#include <absl/status/status.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <chrono>
#include <string_view>

#include "dossier/v1/ingest_service.pb.h"

namespace dossier::ingest {

/// The ingest service's own Prometheus series:
/// - dossier_ingest_articles_total{outcome=stored|duplicate|rejected}
/// - dossier_ingest_facts_total{kind=entities|mentions|events|relationships}, summed over the
///   newly stored articles (an entity found in two articles counts twice)
/// - dossier_ingest_rejected_total{stage=request|normalize|store,code}
/// - dossier_ingest_stage_seconds{stage=normalize|extract|store}: extraction time and its neighbours
class IngestMetrics {
 public:
  explicit IngestMetrics(prometheus::Registry& registry);

  enum class Stage { kRequest, kNormalize, kExtract, kStore };

  void Stored(bool duplicate, const v1::FactCounts& facts);
  void Rejected(Stage stage, const absl::Status& status);
  void Took(Stage stage, std::chrono::duration<double> seconds);

 private:
  prometheus::Family<prometheus::Counter>& articles_;
  prometheus::Family<prometheus::Counter>& facts_;
  prometheus::Family<prometheus::Counter>& rejected_;
  prometheus::Family<prometheus::Histogram>& stage_seconds_;
};

}  // namespace dossier::ingest
