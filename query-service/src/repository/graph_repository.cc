#include <algorithm>
#include <map>
#include <string>

#include "dossier/common/transaction.h"
#include "graph/graph_search.h"
#include "repository/fact_rows.h"
#include "repository/query_repository.h"
#include "repository/statements.h"

namespace dossier::query {
namespace {

// Relationships touching any of the entities $1, strongest first (most sources, then
// confidence), $2 their predicates (empty: all).
constexpr const char* kGraphEdges = R"sql(
SELECT r.id, r.subject_entity_id, r.object_entity_id
FROM relationships r
WHERE (r.subject_entity_id = ANY($1::bigint[]) OR r.object_entity_id = ANY($1::bigint[]))
  AND (cardinality($2::int[]) = 0 OR r.predicate = ANY($2::int[]))
ORDER BY r.source_count DESC, r.confidence DESC, r.id
LIMIT $3)sql";

// The same where the far end must have one of the types $4 (an end in $1 always passes);
// a statement of its own, so walks without a type filter join no entities.
constexpr const char* kGraphEdgesOfTypes = R"sql(
SELECT r.id, r.subject_entity_id, r.object_entity_id
FROM relationships r
JOIN entities s ON s.id = r.subject_entity_id
JOIN entities o ON o.id = r.object_entity_id
WHERE (r.subject_entity_id = ANY($1::bigint[]) OR r.object_entity_id = ANY($1::bigint[]))
  AND (cardinality($2::int[]) = 0 OR r.predicate = ANY($2::int[]))
  AND (r.subject_entity_id = ANY($1::bigint[]) OR s.type = ANY($4::int[]))
  AND (r.object_entity_id = ANY($1::bigint[]) OR o.type = ANY($4::int[]))
ORDER BY r.source_count DESC, r.confidence DESC, r.id
LIMIT $3)sql";

// Reads edges inside `tx` for the graph walks.
graph::ExpandFn EdgeReader(pqxx::transaction_base& tx, const std::vector<int>& predicates,
                           const std::vector<int>& entity_types) {
  return [&tx, typed = !entity_types.empty(), predicates = IntArrayParam(predicates),
          types = IntArrayParam(entity_types)](const std::vector<int64_t>& nodes,
                                               size_t limit) -> absl::StatusOr<std::vector<graph::Edge>> {
    std::vector<graph::Edge> edges;
    auto node_array = store::BigintArrayParam(nodes);
    auto rows =
        !typed ? tx.exec_prepared("graph_edges", node_array, predicates, static_cast<int64_t>(limit))
               : tx.exec_prepared("graph_edges_of_types", node_array, predicates, static_cast<int64_t>(limit), types);
    for (const auto& row : rows) edges.push_back({row[0].as<int64_t>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
    return edges;
  };
}

}  // namespace

void PrepareGraphStatements(pqxx::connection& connection) {
  connection.prepare("graph_edges", kGraphEdges);
  connection.prepare("graph_edges_of_types", kGraphEdgesOfTypes);
}

absl::StatusOr<v1::GetNeighborhoodResponse> QueryRepository::GetNeighborhood(const NeighborhoodQuery& query,
                                                                             Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::GetNeighborhoodResponse> {
    if (auto status = CheckEntityExists(tx, query.entity_id, "entity_id"); !status.ok()) return status;
    auto neighborhood =
        graph::CollectNeighborhood(query.entity_id, query.depth, query.max_entities, query.max_edges_per_hop,
                                   EdgeReader(tx, query.predicates, query.entity_types));
    if (!neighborhood.ok()) return neighborhood.status();
    v1::GetNeighborhoodResponse response;
    for (auto& entity : rows::LoadEntities(tx, neighborhood->entities, /*with_details=*/false)) {
      *response.add_entities() = std::move(entity);
    }
    for (auto& relationship : rows::LoadRelationships(tx, neighborhood->edges)) {
      *response.add_relationships() = std::move(relationship);
    }
    response.set_truncated(neighborhood->truncated);
    return response;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "reading the neighbourhood", body);
}

absl::StatusOr<v1::FindPathsResponse> QueryRepository::FindPaths(const PathQuery& query, Deadline deadline) {
  auto body = [&](pqxx::transaction_base& tx) -> absl::StatusOr<v1::FindPathsResponse> {
    if (auto status = CheckEntityExists(tx, query.from_entity_id, "from_entity_id"); !status.ok()) return status;
    if (auto status = CheckEntityExists(tx, query.to_entity_id, "to_entity_id"); !status.ok()) return status;
    graph::PathLimits limits{.max_hops = query.max_hops, .max_paths = query.max_paths};
    auto paths = graph::ShortestPaths(query.from_entity_id, query.to_entity_id, limits,
                                      EdgeReader(tx, query.predicates, /*entity_types=*/{}));
    if (!paths.ok()) return paths.status();
    // One read for all edges and entities on the paths, then the paths in order.
    auto sorted_unique = [](std::vector<int64_t> ids) {
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      return ids;
    };
    std::vector<int64_t> edge_ids;
    for (const auto& path : *paths) edge_ids.insert(edge_ids.end(), path.begin(), path.end());
    edge_ids = sorted_unique(std::move(edge_ids));
    std::map<std::string, v1::Relationship> by_id;
    std::vector<int64_t> entity_ids;
    for (auto& relationship : rows::LoadRelationships(tx, edge_ids)) {
      entity_ids.push_back(std::stoll(relationship.subject_entity_id()));
      entity_ids.push_back(std::stoll(relationship.object_entity_id()));
      by_id.emplace(relationship.id(), std::move(relationship));
    }
    v1::FindPathsResponse response;
    for (const auto& path : *paths) {
      auto* out = response.add_paths();
      for (int64_t edge : path) *out->add_edges() = by_id.at(std::to_string(edge));
    }
    for (auto& entity : rows::LoadEntities(tx, sorted_unique(std::move(entity_ids)), /*with_details=*/false)) {
      *response.add_entities() = std::move(entity);
    }
    return response;
  };
  return RunTransactionWithResult(pool_, TxMode::kReadOnly, deadline, "finding paths", body);
}

}  // namespace dossier::query
