#include "dossier/common/strings.h"
#include "dossier/common/transaction.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// $2: 0 either end, 1 outgoing (entity is subject), 2 incoming (entity is object).
constexpr const char* kListRelationships = R"sql(
SELECT r.id FROM relationships r
WHERE ($1::bigint IS NULL
       OR ($2::int <> 2 AND r.subject_entity_id = $1)
       OR ($2::int <> 1 AND r.object_entity_id = $1))
  AND (cardinality($3::int[]) = 0 OR r.predicate = ANY($3::int[]))
  AND ($4::timestamptz IS NULL OR r.last_seen >= $4)
  AND ($5::timestamptz IS NULL OR r.first_seen < $5)
  AND r.confidence >= $6
  AND ($7::bigint IS NULL OR r.id > $7)
ORDER BY r.id
LIMIT $8)sql";

}  // namespace

void PrepareRelationshipStatements(pqxx::connection& connection) {
  connection.prepare("list_relationships", kListRelationships);
}

absl::StatusOr<Page<v1::Relationship>> QueryRepository::ListRelationships(const RelationshipFilter& filter,
                                                                          const PageRequest& page, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<Page<v1::Relationship>> {
    Page<v1::Relationship> result;
    auto rows = tx.exec_prepared("list_relationships", filter.entity_id, static_cast<int>(filter.direction),
                                 IntArrayParam(filter.predicates), filter.time_from, filter.time_to,
                                 filter.min_confidence, KeysetParam(page.after, 0), page.size + 1);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < RowsOnPage(rows, page.size); ++i) ids.push_back(rows[i][0].as<int64_t>());
    result.items = rows::LoadRelationships(tx, ids);
    result.next = NextKeyset(rows, page.size, {0});
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kAutocommitRead, deadline, "listing relationships", body);
}

}  // namespace dossier::query
