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

/// GetNeighborhood, validated.
struct NeighborhoodQuery {
  int64_t entity_id = 0;
  int depth = 1;
  std::vector<int> predicates;
  std::vector<int> entity_types;
  size_t max_entities = 100;
  size_t max_edges_per_hop = 1000;
};

/// FindPaths, validated.
struct PathQuery {
  int64_t from_entity_id = 0;
  int64_t to_entity_id = 0;
  int max_hops = 4;
  size_t max_paths = 5;
  std::vector<int> predicates;
};

/// GetEntityTimeline, validated.
struct TimelineQuery {
  int64_t entity_id = 0;
  std::string bucket = "day";  // date_trunc unit: day, week or month
  std::optional<std::string> time_from;
  std::optional<std::string> time_to;
  int max_events_per_bucket = 20;
};

/// A batch of WatchEvents, and the id to read after next time: the last event's when the
/// batch is full (more are waiting), else the highest id stored when it was read.
struct WatchBatch {
  std::vector<v1::Event> events;
  int64_t next_after_id = 0;
};

/// Every SQL statement of the query service. A call reads in one read-only transaction, or,
/// where it runs one statement or its later statements only load rows by id (skipping rows
/// gone since), in autocommit read-only statements, which saves the BEGIN and COMMIT round
/// trips. The statement timeout follows the call's deadline. NOT_FOUND for unknown ids.
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
  absl::StatusOr<v1::GetNeighborhoodResponse> GetNeighborhood(const NeighborhoodQuery& query, Deadline deadline);
  absl::StatusOr<v1::FindPathsResponse> FindPaths(const PathQuery& query, Deadline deadline);
  /// Buckets in time order; a bucket appears when the entity was mentioned or took part in
  /// an event in it.
  absl::StatusOr<std::vector<v1::TimelineEntry>> GetEntityTimeline(const TimelineQuery& query, Deadline deadline);
  /// What a watcher reads on each wake-up, in one transaction: up to `limit` events that
  /// match `filter` (its time and article fields unused) with ids above `after_id` and up to
  /// the highest id stored, in id order (the order in which they became visible). Without
  /// `after_id` the watch starts at the highest id: no events yet.
  absl::StatusOr<WatchBatch> ReadWatchBatch(const EventFilter& filter, std::optional<int64_t> after_id, int limit,
                                            Deadline deadline);
  /// Exact counts of the store, from one snapshot.
  absl::StatusOr<v1::GetStoreStatsResponse> GetStoreStats(Deadline deadline);

 private:
  DbPool& pool_;
};

/// Prepares every statement of QueryRepository on a new pooled connection.
void PrepareQueryStatements(pqxx::connection& connection);

}  // namespace dossier::query
