#include "dossier/common/status.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {

grpc::Status QueryServiceImpl::ListRelationships(grpc::ServerContext* context,
                                                 const v1::ListRelationshipsRequest* request,
                                                 v1::ListRelationshipsResponse* response) {
  return calls_.Unary(context, "ListRelationships", [&](const CallGuard::Call& call) -> grpc::Status {
    RelationshipFilter filter;
    auto entity = OptionalIdFilter("entity_id", request->entity_id());
    if (!entity.ok()) return ToGrpcStatus(entity.status());
    filter.entity_id = *entity;
    if (!v1::RelationshipDirection_IsValid(request->direction())) {
      return ToGrpcStatus(absl::InvalidArgumentError("direction is not a RelationshipDirection value"));
    }
    if (request->direction() != v1::RELATIONSHIP_DIRECTION_UNSPECIFIED && !filter.entity_id) {
      return ToGrpcStatus(absl::InvalidArgumentError("direction needs entity_id"));
    }
    filter.direction = request->direction();
    auto predicates = EnumFilter("predicates", request->predicates(), v1::RelationshipPredicate_descriptor());
    if (!predicates.ok()) return ToGrpcStatus(predicates.status());
    filter.predicates = std::move(*predicates);
    auto time = ReadTimeRange("time", request->has_time(), request->time());
    if (!time.ok()) return ToGrpcStatus(time.status());
    filter.time_from = time->from;
    filter.time_to = time->to;
    if (auto status = CheckConfidence("min_confidence", request->min_confidence()); !status.ok()) {
      return ToGrpcStatus(status);
    }
    filter.min_confidence = request->min_confidence();
    auto page = ReadPage(*request, request->page_size(), request->page_token(), tokens_);
    if (!page.ok()) return ToGrpcStatus(page.status());

    auto relationships = repository_.ListRelationships(filter, *page, call.deadline());
    if (!relationships.ok()) return ToGrpcStatus(relationships.status());
    for (auto& relationship : relationships->items) *response->add_relationships() = std::move(relationship);
    if (!relationships->next.empty()) response->set_next_page_token(tokens_.Encode(*request, relationships->next));
    return grpc::Status::OK;
  });
}

}  // namespace dossier::query
