#include "handlers/ingest_metrics.h"

#include <string>

#include "dossier/common/metrics.h"

namespace dossier::ingest {
namespace {

std::string StageName(IngestMetrics::Stage stage) {
  switch (stage) {
    case IngestMetrics::Stage::kRequest:
      return "request";
    case IngestMetrics::Stage::kNormalize:
      return "normalize";
    case IngestMetrics::Stage::kExtract:
      return "extract";
    case IngestMetrics::Stage::kStore:
      return "store";
  }
  return "unknown";
}

}  // namespace

IngestMetrics::IngestMetrics(prometheus::Registry& registry)
    : articles_(prometheus::BuildCounter()
                    .Name("dossier_ingest_articles_total")
                    .Help("Articles handled, by outcome: stored, duplicate (already stored) or rejected")
                    .Register(registry)),
      facts_(
          prometheus::BuildCounter()
              .Name("dossier_ingest_facts_total")
              .Help(
                  "Facts extracted from newly stored articles, by kind; each article counts its own (an entity in two "
                  "articles counts twice)")
              .Register(registry)),
      rejected_(prometheus::BuildCounter()
                    .Name("dossier_ingest_rejected_total")
                    .Help("Articles rejected, by the stage that refused them and the status code")
                    .Register(registry)),
      stage_seconds_(prometheus::BuildHistogram()
                         .Name("dossier_ingest_stage_seconds")
                         .Help("Time per article in each ingest stage")
                         .Register(registry)) {}

void IngestMetrics::Stored(bool duplicate, const v1::FactCounts& facts) {
  articles_.Add({{"outcome", duplicate ? "duplicate" : "stored"}}).Increment();
  if (duplicate) return;
  facts_.Add({{"kind", "entities"}}).Increment(facts.entities());
  facts_.Add({{"kind", "mentions"}}).Increment(facts.mentions());
  facts_.Add({{"kind", "events"}}).Increment(facts.events());
  facts_.Add({{"kind", "relationships"}}).Increment(facts.relationships());
}

void IngestMetrics::Rejected(Stage stage, const absl::Status& status) {
  articles_.Add({{"outcome", "rejected"}}).Increment();
  rejected_.Add({{"stage", StageName(stage)}, {"code", absl::StatusCodeToString(status.code())}}).Increment();
}

void IngestMetrics::Took(Stage stage, std::chrono::duration<double> seconds) {
  stage_seconds_.Add({{"stage", StageName(stage)}}, LatencyBuckets()).Observe(seconds.count());
}

}  // namespace dossier::ingest
