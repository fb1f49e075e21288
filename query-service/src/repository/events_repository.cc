#include "dossier/common/strings.h"
#include "dossier/common/transaction.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// Ordered by event time (undated events first), then id; the keyset is (time, id).
// Location matches the place itself and places LOCATED_IN (5) or CAPITAL_OF (6) it.
constexpr const char* kListEvents = R"sql(
SELECT e.id, coalesce(e.time_start, '-infinity'::timestamptz)::text
FROM events e
WHERE ($1::bigint IS NULL OR EXISTS (
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
         SELECT 1 FROM evidence x WHERE x.event_id = e.id AND x.article_id = $10))
  AND ($11::timestamptz IS NULL
       OR (coalesce(e.time_start, '-infinity'::timestamptz), e.id) > ($11::timestamptz, $12::bigint))
ORDER BY coalesce(e.time_start, '-infinity'::timestamptz), e.id
LIMIT $13)sql";

}  // namespace

void PrepareEventStatements(pqxx::connection& connection) { connection.prepare("list_events", kListEvents); }

absl::StatusOr<v1::Event> QueryRepository::GetEvent(int64_t id, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::Event> {
    v1::Event event;
    auto events = rows::LoadEvents(tx, {id});
    if (events.empty()) return absl::NotFoundError(strings::Cat("event ", id, " does not exist"));
    event = std::move(events[0]);
    return event;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "reading the event", body);
}

absl::StatusOr<Page<v1::Event>> QueryRepository::ListEvents(const EventFilter& filter, const PageRequest& page,
                                                            Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<Page<v1::Event>> {
    Page<v1::Event> result;
    auto rows =
        tx.exec_prepared("list_events", filter.participant_entity_id, filter.participant_role,
                         IntArrayParam(filter.types), filter.cameo_code_prefix, filter.location_entity_id,
                         filter.time_from, filter.time_to, IntArrayParam(filter.modalities), filter.min_confidence,
                         filter.article_id, KeysetParam(page.after, 0), KeysetParam(page.after, 1), page.size + 1);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < RowsOnPage(rows, page.size); ++i) ids.push_back(rows[i][0].as<int64_t>());
    result.items = rows::LoadEvents(tx, ids);
    result.next = NextKeyset(rows, page.size, {1, 0});
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "listing events", body);
}

}  // namespace dossier::query
