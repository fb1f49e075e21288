#include "dossier/common/ids.h"
#include "dossier/common/status.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {
namespace {

constexpr int kDefaultDepth = 1;
constexpr int kMaxDepth = 3;
constexpr int kDefaultMaxEntities = 100;
constexpr int kMaxEntities = 1000;
// Edges read per hop: enough to choose the strongest among a hub's many.
constexpr size_t kEdgesPerEntity = 10;
constexpr int kDefaultMaxHops = 4;
constexpr int kMaxHops = 4;
constexpr int kDefaultMaxPaths = 5;
constexpr int kMaxPaths = 20;

absl::StatusOr<NeighborhoodQuery> ReadNeighborhoodQuery(const v1::GetNeighborhoodRequest& request) {
  NeighborhoodQuery query;
  auto id = ParseId("entity_id", request.entity_id());
  if (!id.ok()) return id.status();
  query.entity_id = *id;
  auto depth = DistanceOption("depth", request.depth(), kDefaultDepth, kMaxDepth);
  if (!depth.ok()) return depth.status();
  query.depth = *depth;
  auto predicates = EnumFilter("predicates", request.predicates(), v1::RelationshipPredicate_descriptor());
  if (!predicates.ok()) return predicates.status();
  query.predicates = std::move(*predicates);
  auto types = EnumFilter("entity_types", request.entity_types(), v1::EntityType_descriptor());
  if (!types.ok()) return types.status();
  query.entity_types = std::move(*types);
  auto max_entities = CountOption("max_entities", request.max_entities(), kDefaultMaxEntities, kMaxEntities);
  if (!max_entities.ok()) return max_entities.status();
  query.max_entities = static_cast<size_t>(*max_entities);
  query.max_edges_per_hop = query.max_entities * kEdgesPerEntity;
  return query;
}

absl::StatusOr<PathQuery> ReadPathQuery(const v1::FindPathsRequest& request) {
  PathQuery query;
  auto from = ParseId("from_entity_id", request.from_entity_id());
  if (!from.ok()) return from.status();
  auto to = ParseId("to_entity_id", request.to_entity_id());
  if (!to.ok()) return to.status();
  if (*from == *to) return absl::InvalidArgumentError("from_entity_id and to_entity_id name the same entity");
  query.from_entity_id = *from;
  query.to_entity_id = *to;
  auto hops = DistanceOption("max_hops", request.max_hops(), kDefaultMaxHops, kMaxHops);
  if (!hops.ok()) return hops.status();
  query.max_hops = *hops;
  auto paths = CountOption("max_paths", request.max_paths(), kDefaultMaxPaths, kMaxPaths);
  if (!paths.ok()) return paths.status();
  query.max_paths = static_cast<size_t>(*paths);
  auto predicates = EnumFilter("predicates", request.predicates(), v1::RelationshipPredicate_descriptor());
  if (!predicates.ok()) return predicates.status();
  query.predicates = std::move(*predicates);
  return query;
}

}  // namespace

grpc::Status QueryServiceImpl::GetNeighborhood(grpc::ServerContext* context, const v1::GetNeighborhoodRequest* request,
                                               v1::GetNeighborhoodResponse* response) {
  return calls_.Unary(context, "GetNeighborhood", [&](const CallGuard::Call& call) -> grpc::Status {
    auto query = ReadNeighborhoodQuery(*request);
    if (!query.ok()) return ToGrpcStatus(query.status());
    auto neighborhood = repository_.GetNeighborhood(*query, call.deadline());
    if (!neighborhood.ok()) return ToGrpcStatus(neighborhood.status());
    *response = std::move(*neighborhood);
    return grpc::Status::OK;
  });
}

grpc::Status QueryServiceImpl::FindPaths(grpc::ServerContext* context, const v1::FindPathsRequest* request,
                                         v1::FindPathsResponse* response) {
  return calls_.Unary(context, "FindPaths", [&](const CallGuard::Call& call) -> grpc::Status {
    auto query = ReadPathQuery(*request);
    if (!query.ok()) return ToGrpcStatus(query.status());
    auto paths = repository_.FindPaths(*query, call.deadline());
    if (!paths.ok()) return ToGrpcStatus(paths.status());
    *response = std::move(*paths);
    return grpc::Status::OK;
  });
}

}  // namespace dossier::query
