#include "dossier/common/ids.h"
#include "dossier/common/status.h"
#include "dossier/common/strings.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {
namespace {

constexpr size_t kMaxQueryBytes = 200;

}  // namespace

grpc::Status QueryServiceImpl::GetEntity(grpc::ServerContext* context, const v1::GetEntityRequest* request,
                                         v1::GetEntityResponse* response) {
  return calls_.Unary(context, "GetEntity", [&](const CallGuard::Call& call) -> grpc::Status {
    auto id = ParseId("id", request->id());
    if (!id.ok()) return ToGrpcStatus(id.status());
    auto entity = repository_.GetEntity(*id, call.deadline());
    if (!entity.ok()) return ToGrpcStatus(entity.status());
    *response = std::move(*entity);
    return grpc::Status::OK;
  });
}

grpc::Status QueryServiceImpl::SearchEntities(grpc::ServerContext* context, const v1::SearchEntitiesRequest* request,
                                              v1::SearchEntitiesResponse* response) {
  return calls_.Unary(context, "SearchEntities", [&](const CallGuard::Call& call) -> grpc::Status {
    EntitySearch search;
    search.query = strings::ToLowerAscii(strings::Trim(request->query()));
    if (search.query.empty()) return ToGrpcStatus(absl::InvalidArgumentError("query is required"));
    if (search.query.size() > kMaxQueryBytes) {
      return ToGrpcStatus(absl::InvalidArgumentError(strings::Cat("query is longer than ", kMaxQueryBytes, " bytes")));
    }
    auto types = EnumFilter("types", request->types(), v1::EntityType_descriptor());
    if (!types.ok()) return ToGrpcStatus(types.status());
    search.types = std::move(*types);
    search.fuzzy = request->fuzzy();
    auto page = ReadPage(*request, request->page_size(), request->page_token(), tokens_);
    if (!page.ok()) return ToGrpcStatus(page.status());

    auto entities = repository_.SearchEntities(search, *page, call.deadline());
    if (!entities.ok()) return ToGrpcStatus(entities.status());
    for (auto& entity : entities->items) *response->add_entities() = std::move(entity);
    if (!entities->next.empty()) response->set_next_page_token(tokens_.Encode(*request, entities->next));
    return grpc::Status::OK;
  });
}

grpc::Status QueryServiceImpl::ListMentions(grpc::ServerContext* context, const v1::ListMentionsRequest* request,
                                            v1::ListMentionsResponse* response) {
  return calls_.Unary(context, "ListMentions", [&](const CallGuard::Call& call) -> grpc::Status {
    auto entity_id = OptionalIdFilter("entity_id", request->entity_id());
    if (!entity_id.ok()) return ToGrpcStatus(entity_id.status());
    auto article_id = OptionalIdFilter("article_id", request->article_id());
    if (!article_id.ok()) return ToGrpcStatus(article_id.status());
    if (!*entity_id && !*article_id) {
      return ToGrpcStatus(absl::InvalidArgumentError("entity_id or article_id is required"));
    }
    auto page = ReadPage(*request, request->page_size(), request->page_token(), tokens_);
    if (!page.ok()) return ToGrpcStatus(page.status());

    auto mentions = repository_.ListMentions(*entity_id, *article_id, *page, call.deadline());
    if (!mentions.ok()) return ToGrpcStatus(mentions.status());
    for (auto& mention : mentions->items) *response->add_mentions() = std::move(mention);
    if (!mentions->next.empty()) response->set_next_page_token(tokens_.Encode(*request, mentions->next));
    return grpc::Status::OK;
  });
}

}  // namespace dossier::query
