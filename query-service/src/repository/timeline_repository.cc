#include <map>

#include "dossier/common/store_types.h"
#include "dossier/common/transaction.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// Buckets are UTC days, ISO weeks (from Monday) or months: $2 is the date_trunc unit.
// Mentions count in the bucket of their article's publication.
constexpr const char* kTimelineMentions = R"sql(
SELECT (extract(epoch FROM date_trunc($2, a.published_at, 'UTC')) * 1000000)::bigint, count(*)
FROM mentions m JOIN articles a ON a.id = m.article_id
WHERE m.entity_id = $1 AND a.published_at IS NOT NULL
  AND ($3::timestamptz IS NULL OR a.published_at >= $3)
  AND ($4::timestamptz IS NULL OR a.published_at < $4)
GROUP BY 1)sql";

// Events count in the bucket where they start; $5 of them (earliest first) are returned.
constexpr const char* kTimelineEvents = R"sql(
SELECT (extract(epoch FROM bucket) * 1000000)::bigint, count(*), (array_agg(id ORDER BY time_start, id))[1:$5]
FROM (SELECT date_trunc($2, e.time_start, 'UTC') AS bucket, e.id, e.time_start
      FROM events e
      WHERE e.id IN (SELECT p.event_id FROM event_participants p WHERE p.entity_id = $1)
        AND e.time_start IS NOT NULL
        AND ($3::timestamptz IS NULL OR e.time_start >= $3)
        AND ($4::timestamptz IS NULL OR e.time_start < $4)) AS dated
GROUP BY bucket)sql";

}  // namespace

void PrepareTimelineStatements(pqxx::connection& connection) {
  connection.prepare("timeline_mentions", kTimelineMentions);
  connection.prepare("timeline_events", kTimelineEvents);
}

absl::StatusOr<std::vector<v1::TimelineEntry>> QueryRepository::GetEntityTimeline(const TimelineQuery& query,
                                                                                  Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<std::vector<v1::TimelineEntry>> {
    if (auto status = CheckEntityExists(tx, query.entity_id); !status.ok()) return status;
    // Keyed by bucket start (microseconds since the epoch), so buckets come out in order.
    std::map<int64_t, v1::TimelineEntry> buckets;
    auto bucket_at = [&buckets](const pqxx::field& start) -> v1::TimelineEntry& {
      auto& entry = buckets[start.as<int64_t>()];
      store::ReadMicros(start, entry.mutable_bucket_start());
      return entry;
    };
    for (const auto& row :
         tx.exec_prepared("timeline_mentions", query.entity_id, query.bucket, query.time_from, query.time_to)) {
      bucket_at(row[0]).set_mention_count(row[1].as<int64_t>());
    }
    for (const auto& row : tx.exec_prepared("timeline_events", query.entity_id, query.bucket, query.time_from,
                                            query.time_to, query.max_events_per_bucket)) {
      auto& entry = bucket_at(row[0]);
      entry.set_event_count(row[1].as<int64_t>());
      for (auto& event : rows::LoadEvents(tx, store::ReadBigintArray(row[2]))) {
        *entry.add_events() = std::move(event);
      }
    }
    std::vector<v1::TimelineEntry> entries;
    for (auto& [start, entry] : buckets) entries.push_back(std::move(entry));
    return entries;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "reading the timeline", body);
}

}  // namespace dossier::query
