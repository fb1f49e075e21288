#include "dossier/common/strings.h"
#include "dossier/common/transaction.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

constexpr int kRelatedEntities = 10;

constexpr const char* kEntityExists = "SELECT 1 FROM entities WHERE id = $1";

// The entity $1 with its details, then up to $2 entities linked to it by a relationship
// or a shared event, most connected first (their connection counts in the last column).
constexpr const char* kEntityWithRelated = R"sql(
SELECT {columns}, {aliases}, {roles}, NULL::bigint AS connections FROM entities e WHERE e.id = $1
UNION ALL
SELECT {columns}, NULL, NULL, x.connections FROM (
  SELECT x.other, count(*) AS connections FROM (
    SELECT CASE WHEN r.subject_entity_id = $1 THEN r.object_entity_id ELSE r.subject_entity_id END AS other
    FROM relationships r WHERE r.subject_entity_id = $1 OR r.object_entity_id = $1
    UNION ALL
    SELECT q.entity_id FROM event_participants p
    JOIN event_participants q ON q.event_id = p.event_id AND q.entity_id <> p.entity_id
    WHERE p.entity_id = $1) x
  GROUP BY x.other ORDER BY connections DESC, x.other LIMIT $2) x
JOIN entities e ON e.id = x.other
ORDER BY connections DESC NULLS FIRST, id)sql";

// Exact name or alias first, then prefix matches, then (fuzzy) trigram neighbours; more
// mentioned entities break ties. The keyset is (score, id). Fuzzy candidates are the
// 100 aliases nearest to the query (GiST trigram index, nearest first) that
// are similar enough for pg_trgm's % operator.
constexpr const char* kSearchEntities = R"sql(
WITH candidates AS (
  SELECT a.entity_id, a.alias_norm FROM entity_aliases a WHERE a.alias_norm LIKE $2 ESCAPE '\'
  UNION ALL
  (SELECT a.entity_id, a.alias_norm FROM entity_aliases a
   WHERE $3::boolean
   ORDER BY a.alias_norm <-> $1
   LIMIT 100)),
matched AS (
  SELECT c.entity_id,
         max(CASE WHEN c.alias_norm = $1 THEN 2.0
                  WHEN c.alias_norm LIKE $2 ESCAPE '\' THEN 1.0 ELSE 0.0 END
             + similarity(c.alias_norm, $1)) AS match_score
  FROM candidates c
  WHERE c.alias_norm LIKE $2 ESCAPE '\' OR c.alias_norm % $1
  GROUP BY c.entity_id),
ranked AS (
  SELECT e.id, (m.match_score + ln(1 + e.mention_count) / 1000.0)::float8 AS score
  FROM matched m JOIN entities e ON e.id = m.entity_id
  WHERE cardinality($4::int[]) = 0 OR e.type = ANY($4::int[]))
SELECT r.id, r.score::text FROM ranked r
WHERE $5::float8 IS NULL OR r.score < $5 OR (r.score = $5 AND r.id > $6::bigint)
ORDER BY r.score DESC, r.id
LIMIT $7)sql";

constexpr const char* kListMentions = R"sql(
SELECT m.id, m.entity_id, m.text, m.article_id, m.sentence_index, m.start_offset, m.end_offset,
       m.sentence, m.confidence, m.extractor_version
FROM mentions m
WHERE ($1::bigint IS NULL OR m.entity_id = $1)
  AND ($2::bigint IS NULL OR m.article_id = $2)
  AND ($3::bigint IS NULL OR m.id > $3)
ORDER BY m.id
LIMIT $4)sql";

// LIKE pattern matching names that start with `prefix`.
std::string PrefixPattern(std::string_view prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  pattern.push_back('%');
  return pattern;
}

}  // namespace

void PrepareEntityStatements(pqxx::connection& connection) {
  connection.prepare("entity_exists", kEntityExists);
  connection.prepare("entity_with_related", rows::EntityStatement(kEntityWithRelated));
  connection.prepare("search_entities", kSearchEntities);
  connection.prepare("list_mentions", kListMentions);
}

absl::StatusOr<v1::GetEntityResponse> QueryRepository::GetEntity(int64_t id, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::GetEntityResponse> {
    auto rows = tx.exec_prepared("entity_with_related", id, kRelatedEntities);
    // The entity itself is the first row, the only one without a connection count.
    if (rows.empty() || !rows[0][11].is_null()) {
      return absl::NotFoundError(strings::Cat("entity ", id, " does not exist"));
    }
    v1::GetEntityResponse response;
    *response.mutable_entity() = rows::EntityFromRow(rows[0]);
    for (size_t i = 1; i < rows.size(); ++i) {
      auto* related = response.add_related();
      *related->mutable_entity() = rows::EntityFromRow(rows[i]);
      related->set_connection_count(rows[i][11].as<int64_t>());
    }
    return response;
  };
  return RunTransactionWithResult(pool_, TxMode::kAutocommitRead, deadline, "reading the entity", body);
}

absl::StatusOr<Page<v1::Entity>> QueryRepository::SearchEntities(const EntitySearch& search, const PageRequest& page,
                                                                 Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<Page<v1::Entity>> {
    Page<v1::Entity> result;
    auto rows = tx.exec_prepared("search_entities", search.query, PrefixPattern(search.query), search.fuzzy,
                                 IntArrayParam(search.types), KeysetParam(page.after, 0), KeysetParam(page.after, 1),
                                 page.size + 1);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < RowsOnPage(rows, page.size); ++i) ids.push_back(rows[i][0].as<int64_t>());
    result.items = rows::LoadEntities(tx, ids, true);
    result.next = NextKeyset(rows, page.size, {1, 0});
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kAutocommitRead, deadline, "searching entities", body);
}

absl::StatusOr<Page<v1::Mention>> QueryRepository::ListMentions(std::optional<int64_t> entity_id,
                                                                std::optional<int64_t> article_id,
                                                                const PageRequest& page, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<Page<v1::Mention>> {
    Page<v1::Mention> result;
    if (entity_id) {
      if (auto status = CheckEntityExists(tx, *entity_id); !status.ok()) return status;
    }
    auto rows = tx.exec_prepared("list_mentions", entity_id, article_id, KeysetParam(page.after, 0), page.size + 1);
    for (size_t i = 0; i < RowsOnPage(rows, page.size); ++i) result.items.push_back(rows::MentionFromRow(rows[i]));
    result.next = NextKeyset(rows, page.size, {0});
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kAutocommitRead, deadline, "listing mentions", body);
}

absl::Status CheckEntityExists(pqxx::transaction_base& tx, int64_t id, std::string_view field) {
  if (!tx.exec_prepared("entity_exists", id).empty()) return absl::OkStatus();
  return absl::NotFoundError(strings::Cat(field, field.empty() ? "" : ": ", "entity ", id, " does not exist"));
}

}  // namespace dossier::query
