#include "dossier/common/store_types.h"
#include "dossier/common/transaction.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// One statement, so every count comes from the same snapshot.
constexpr const char* kStoreStats = R"sql(
SELECT (SELECT count(*) FROM articles),
       (SELECT count(DISTINCT coalesce(story_id, id)) FROM articles),
       (SELECT count(*) FROM entities),
       (SELECT count(*) FROM mentions),
       (SELECT count(*) FROM events),
       (SELECT count(*) FROM relationships),
       (SELECT count(*) FROM articles WHERE ingested_at > now() - interval '1 hour'),
       (SELECT count(*) FROM articles WHERE ingested_at > now() - interval '1 day'),
       (SELECT (extract(epoch FROM max(ingested_at)) * 1000000)::bigint FROM articles),
       pg_database_size(current_database()))sql";

}  // namespace

void PrepareStatsStatements(pqxx::connection& connection) { connection.prepare("store_stats", kStoreStats); }

absl::StatusOr<v1::GetStoreStatsResponse> QueryRepository::GetStoreStats(Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::GetStoreStatsResponse> {
    pqxx::row row = tx.exec_prepared1("store_stats");
    v1::GetStoreStatsResponse stats;
    stats.set_articles(row[0].as<int64_t>());
    stats.set_stories(row[1].as<int64_t>());
    stats.set_entities(row[2].as<int64_t>());
    stats.set_mentions(row[3].as<int64_t>());
    stats.set_events(row[4].as<int64_t>());
    stats.set_relationships(row[5].as<int64_t>());
    stats.set_articles_last_hour(row[6].as<int64_t>());
    stats.set_articles_last_day(row[7].as<int64_t>());
    store::ReadMicros(row[8], stats.mutable_last_ingested_at());
    stats.set_database_bytes(row[9].as<int64_t>());
    return stats;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "counting the store", body);
}

}  // namespace dossier::query
