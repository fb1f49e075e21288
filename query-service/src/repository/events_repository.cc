#include "dossier/common/store_types.h"
#include "dossier/common/strings.h"
#include "dossier/common/transaction.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// The filters of ListEvents and WatchEvents, $1 to $10 (EventFilter, in field order).
// Location matches the place itself and places LOCATED_IN (5) or CAPITAL_OF (6) it.
constexpr const char* kEventFilters = R"sql(
      ($1::bigint IS NULL OR EXISTS (
         SELECT 1 FROM event_participants p
         WHERE p.event_id = e.id AND p.entity_id = $1 AND ($2::int IS NULL OR p.role = $2)))
  AND (cardinality($3::int[]) = 0 OR e.type = ANY($3::int[]))
  AND ($4::text IS NULL OR e.cameo_code LIKE $4 || '%')
  AND ($5::bigint IS NULL OR e.location_entity_id = $5 OR e.location_entity_id IN (
         SELECT r.subject_entity_id FROM relationships r
         WHERE r.object_entity_id = $5 AND r.predicate IN (5, 6)))
  AND ($6::timestamptz IS NULL OR e.time_end > $6)
  AND ($7::timestamptz IS NULL OR e.time_start < $7)
  AND (cardinality($8::int[]) = 0 OR e.modality = ANY($8::int[]))
  AND e.confidence >= $9
  AND ($10::bigint IS NULL OR EXISTS (
         SELECT 1 FROM evidence x WHERE x.event_id = e.id AND x.article_id = $10)))sql";

// Ordered by event time (undated events first), then id; the keyset is (time, id).
constexpr const char* kListEventsSelect = R"sql(
SELECT e.id, coalesce(e.time_start, '-infinity'::timestamptz)::text
FROM events e
WHERE)sql";
constexpr const char* kListEventsOrder = R"sql(
  AND ($11::timestamptz IS NULL
       OR (coalesce(e.time_start, '-infinity'::timestamptz), e.id) > ($11::timestamptz, $12::bigint))
ORDER BY coalesce(e.time_start, '-infinity'::timestamptz), e.id
LIMIT $13)sql";

// One entity's events ($1, in role $2 if given) in the same order, read from the
// participations index a page at a time; an entity in two roles of one event lists it once.
constexpr const char* kListParticipantEventsSelect = R"sql(
SELECT DISTINCT ON (coalesce(p.event_time, '-infinity'::timestamptz), p.event_id)
       e.id, coalesce(e.time_start, '-infinity'::timestamptz)::text
FROM event_participants p JOIN events e ON e.id = p.event_id
WHERE p.entity_id = $1 AND ($2::int IS NULL OR p.role = $2) AND)sql";
constexpr const char* kListParticipantEventsOrder = R"sql(
  AND ($11::timestamptz IS NULL
       OR (coalesce(p.event_time, '-infinity'::timestamptz), p.event_id) > ($11::timestamptz, $12::bigint))
ORDER BY coalesce(p.event_time, '-infinity'::timestamptz), p.event_id
LIMIT $13)sql";

// In id order, which is the order events become visible (the ingest service stores them
// under a lock held to commit).
constexpr const char* kWatchEventsSelect = "SELECT e.id FROM events e WHERE";
constexpr const char* kWatchEventsOrder = R"sql(
  AND e.id > $11 AND e.id <= $12
ORDER BY e.id
LIMIT $13)sql";

constexpr const char* kLatestEventId = "SELECT coalesce(max(id), 0) FROM events";

// Runs a prepared statement whose first ten parameters are `filter`, then `rest`.
template <typename... Rest>
pqxx::result ExecWithEventFilter(pqxx::transaction_base& tx, const char* statement, const EventFilter& filter,
                                 Rest&&... rest) {
  return tx.exec_prepared(statement, filter.participant_entity_id, filter.participant_role, IntArrayParam(filter.types),
                          filter.cameo_code_prefix, filter.location_entity_id, filter.time_from, filter.time_to,
                          IntArrayParam(filter.modalities), filter.min_confidence, filter.article_id,
                          std::forward<Rest>(rest)...);
}

}  // namespace

void PrepareEventStatements(pqxx::connection& connection) {
  connection.prepare("list_events", strings::Cat(kListEventsSelect, kEventFilters, kListEventsOrder));
  connection.prepare("list_participant_events",
                     strings::Cat(kListParticipantEventsSelect, kEventFilters, kListParticipantEventsOrder));
  connection.prepare("watch_events", strings::Cat(kWatchEventsSelect, kEventFilters, kWatchEventsOrder));
  connection.prepare("latest_event_id", kLatestEventId);
}

absl::StatusOr<v1::Event> QueryRepository::GetEvent(int64_t id, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::Event> {
    v1::Event event;
    auto events = rows::LoadEvents(tx, {id});
    if (events.empty()) return absl::NotFoundError(strings::Cat("event ", id, " does not exist"));
    event = std::move(events[0]);
    return event;
  };
  return RunTransactionWithResult(pool_, TxMode::kAutocommitRead, deadline, "reading the event", body);
}

absl::StatusOr<Page<v1::Event>> QueryRepository::ListEvents(const EventFilter& filter, const PageRequest& page,
                                                            Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<Page<v1::Event>> {
    Page<v1::Event> result;
    // With a participant, its participations index gives the order; else the events' own.
    const char* statement = filter.participant_entity_id ? "list_participant_events" : "list_events";
    auto rows = ExecWithEventFilter(tx, statement, filter, KeysetParam(page.after, 0), KeysetParam(page.after, 1),
                                    page.size + 1);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < RowsOnPage(rows, page.size); ++i) ids.push_back(rows[i][0].as<int64_t>());
    result.items = rows::LoadEvents(tx, ids);
    result.next = NextKeyset(rows, page.size, {1, 0});
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kAutocommitRead, deadline, "listing events", body);
}

absl::StatusOr<WatchBatch> QueryRepository::ReadWatchBatch(const EventFilter& filter, std::optional<int64_t> after_id,
                                                           int limit, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<WatchBatch> {
    WatchBatch batch;
    auto latest = tx.exec_prepared1("latest_event_id")[0].as<int64_t>();
    if (!after_id) {
      batch.next_after_id = latest;
      return batch;
    }
    std::vector<int64_t> ids =
        store::FirstColumnIds(ExecWithEventFilter(tx, "watch_events", filter, *after_id, latest, limit));
    batch.next_after_id = ids.size() == static_cast<size_t>(limit) ? ids.back() : latest;
    batch.events = rows::LoadEvents(tx, ids);
    return batch;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "reading new events", body);
}

}  // namespace dossier::query
