#include "dossier/common/strings.h"
#include "dossier/common/transaction.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// Facts of one article: at most this many mentions are returned.
constexpr int kMaxArticleMentions = 2000;

std::string GetArticleSql() {
  return strings::Cat("SELECT ", store::kArticleColumns, ", a.clean_text FROM articles a WHERE a.id = $1");
}

constexpr const char* kArticleMentions = R"sql(
SELECT m.id, m.entity_id, m.text, m.article_id, m.sentence_index, m.start_offset, m.end_offset,
       m.sentence, m.confidence, m.extractor_version
FROM mentions m WHERE m.article_id = $1 ORDER BY m.start_offset, m.id LIMIT $2)sql";

constexpr const char* kArticleEventIds = R"sql(
SELECT DISTINCT x.event_id FROM evidence x WHERE x.article_id = $1 AND x.event_id IS NOT NULL
ORDER BY 1)sql";

constexpr const char* kArticleRelationshipIds = R"sql(
SELECT DISTINCT x.relationship_id FROM evidence x
WHERE x.article_id = $1 AND x.relationship_id IS NOT NULL ORDER BY 1)sql";

// Ranked by ts_rank, then id; the keyset is (rank, id).
std::string SearchArticlesSql() {
  return strings::Cat(R"sql(
WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
hits AS (
  SELECT a.id, ts_rank(a.search_vector, q.query)::float8 AS rank
  FROM articles a, q
  WHERE a.search_vector @@ q.query
    AND ($2::text IS NULL OR a.source = $2)
    AND ($3::text IS NULL OR a.language = $3)
    AND ($4::timestamptz IS NULL OR a.published_at >= $4)
    AND ($5::timestamptz IS NULL OR a.published_at < $5)
    AND ($6::bigint IS NULL OR a.story_id = $6))
SELECT )sql",
                      store::kArticleColumns, R"sql(, h.rank::text,
       ts_headline('english', a.clean_text, q.query,
                   'StartSel=«, StopSel=», MaxWords=35, MinWords=15, MaxFragments=2')
FROM hits h JOIN articles a ON a.id = h.id, q
WHERE $7::float8 IS NULL OR h.rank < $7 OR (h.rank = $7 AND h.id > $8::bigint)
ORDER BY h.rank DESC, h.id
LIMIT $9)sql");
}

}  // namespace

void PrepareArticleStatements(pqxx::connection& connection) {
  connection.prepare("get_article", GetArticleSql());
  connection.prepare("article_mentions", kArticleMentions);
  connection.prepare("article_event_ids", kArticleEventIds);
  connection.prepare("article_relationship_ids", kArticleRelationshipIds);
  connection.prepare("search_articles", SearchArticlesSql());
}

absl::StatusOr<v1::GetArticleResponse> QueryRepository::GetArticle(int64_t id, bool include_facts, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::GetArticleResponse> {
    v1::GetArticleResponse response;
    auto rows = tx.exec_prepared("get_article", id);
    if (rows.empty()) return absl::NotFoundError(strings::Cat("article ", id, " does not exist"));
    store::ArticleFromRow(rows[0], response.mutable_article());
    response.mutable_article()->set_clean_text(rows[0][15].as<std::string>());
    if (!include_facts) return response;
    std::vector<int64_t> entity_ids;
    for (const auto& row : tx.exec_prepared("article_mentions", id, kMaxArticleMentions)) {
      *response.add_mentions() = rows::MentionFromRow(row);
      int64_t entity_id = row[1].as<int64_t>();
      if (std::find(entity_ids.begin(), entity_ids.end(), entity_id) == entity_ids.end())
        entity_ids.push_back(entity_id);
    }
    for (auto& entity : rows::LoadEntities(tx, entity_ids, false)) *response.add_entities() = std::move(entity);
    for (auto& event : rows::LoadEvents(tx, store::FirstColumnIds(tx.exec_prepared("article_event_ids", id)))) {
      *response.add_events() = std::move(event);
    }
    for (auto& relationship :
         rows::LoadRelationships(tx, store::FirstColumnIds(tx.exec_prepared("article_relationship_ids", id)))) {
      *response.add_relationships() = std::move(relationship);
    }
    return response;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "reading the article", body);
}

absl::StatusOr<Page<v1::ArticleHit>> QueryRepository::SearchArticles(const ArticleSearch& search,
                                                                     const PageRequest& page, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<Page<v1::ArticleHit>> {
    Page<v1::ArticleHit> result;
    auto rows = tx.exec_prepared("search_articles", search.query, search.source, search.language, search.published_from,
                                 search.published_to, search.story_id, KeysetParam(page.after, 0),
                                 KeysetParam(page.after, 1), page.size + 1);
    for (size_t i = 0; i < RowsOnPage(rows, page.size); ++i) {
      const auto& row = rows[i];
      v1::ArticleHit hit;
      store::ArticleFromRow(row, hit.mutable_article());
      hit.set_rank(row[15].as<double>());
      hit.set_snippet(row[16].as<std::string>());
      result.items.push_back(std::move(hit));
    }
    result.next = NextKeyset(rows, page.size, {15, 0});
    return result;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "searching articles", body);
}

}  // namespace dossier::query
