#pragma once

#include <absl/status/statusor.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/db_pool.h"
#include "dossier/common/transaction.h"
#include "dossier/v1/query_service.pb.h"

namespace dossier::query {

/// Where a page starts: the keyset of the last row served (empty for the first page), and
/// how many rows to return.
struct PageRequest {
  std::vector<std::string> after;
  int size = 50;
};

/// A page of results and the keyset to continue after (empty at the end).
template <typename T>
struct Page {
  std::vector<T> items;
  std::vector<std::string> next;
};

/// Filters of SearchEntities, validated.
struct EntitySearch {
  std::string query;  // lower case
  std::vector<int> types;
  bool fuzzy = false;
};

/// Filters of SearchArticles, validated. Unset optionals do not filter.
struct ArticleSearch {
  std::string query;
  std::optional<std::string> source;
  std::optional<std::string> language;
  std::optional<std::string> published_from;  // timestamptz text
  std::optional<std::string> published_to;
  std::optional<int64_t> story_id;
};

/// Filters of ListEvents, validated.
struct EventFilter {
  std::optional<int64_t> participant_entity_id;
  std::optional<int> participant_role;
  std::vector<int> types;
  std::optional<std::string> cameo_code_prefix;  // digits only
  std::optional<int64_t> location_entity_id;
  std::optional<std::string> time_from;  // timestamptz text
  std::optional<std::string> time_to;
  std::vector<int> modalities;
  double min_confidence = 0;
  std::optional<int64_t> article_id;
};

/// Filters of ListRelationships, validated.
struct RelationshipFilter {
  std::optional<int64_t> entity_id;
  v1::RelationshipDirection direction = v1::RELATIONSHIP_DIRECTION_UNSPECIFIED;
  std::vector<int> predicates;
  std::optional<std::string> time_from;
  std::optional<std::string> time_to;
  double min_confidence = 0;
};

/// Every SQL statement of the query service; each call is one read-only transaction whose
/// statement timeout follows the call's deadline. NOT_FOUND for unknown ids.
class QueryRepository {
 public:
  explicit QueryRepository(DbPool& pool) : pool_(pool) {}

  absl::StatusOr<v1::GetArticleResponse> GetArticle(int64_t id, bool include_facts, Deadline deadline);
  absl::StatusOr<Page<v1::ArticleHit>> SearchArticles(const ArticleSearch& search, const PageRequest& page,
                                                      Deadline deadline);
  absl::StatusOr<v1::GetEntityResponse> GetEntity(int64_t id, Deadline deadline);
  absl::StatusOr<Page<v1::Entity>> SearchEntities(const EntitySearch& search, const PageRequest& page,
                                                  Deadline deadline);
  absl::StatusOr<Page<v1::Mention>> ListMentions(std::optional<int64_t> entity_id, std::optional<int64_t> article_id,
                                                 const PageRequest& page, Deadline deadline);
  absl::StatusOr<v1::Event> GetEvent(int64_t id, Deadline deadline);
  absl::StatusOr<Page<v1::Event>> ListEvents(const EventFilter& filter, const PageRequest& page, Deadline deadline);
  absl::StatusOr<Page<v1::Relationship>> ListRelationships(const RelationshipFilter& filter, const PageRequest& page,
                                                           Deadline deadline);

 private:
  DbPool& pool_;
};

/// Prepares every statement of QueryRepository on a new pooled connection.
void PrepareQueryStatements(pqxx::connection& connection);

}  // namespace dossier::query
