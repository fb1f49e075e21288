#include "dossier/common/ids.h"
#include "dossier/common/status.h"
#include "dossier/common/strings.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {

grpc::Status QueryServiceImpl::GetArticle(grpc::ServerContext* context, const v1::GetArticleRequest* request,
                                          v1::GetArticleResponse* response) {
  return calls_.Unary(context, "GetArticle", [&](const CallGuard::Call& call) -> grpc::Status {
    auto id = ParseId("id", request->id());
    if (!id.ok()) return ToGrpcStatus(id.status());
    auto article = repository_.GetArticle(*id, request->include_facts(), call.deadline());
    if (!article.ok()) return ToGrpcStatus(article.status());
    *response = std::move(*article);
    return grpc::Status::OK;
  });
}

grpc::Status QueryServiceImpl::SearchArticles(grpc::ServerContext* context, const v1::SearchArticlesRequest* request,
                                              v1::SearchArticlesResponse* response) {
  return calls_.Unary(context, "SearchArticles", [&](const CallGuard::Call& call) -> grpc::Status {
    ArticleSearch search;
    search.query = std::string(strings::Trim(request->query()));
    if (search.query.empty()) return ToGrpcStatus(absl::InvalidArgumentError("query is required"));
    if (!request->source().empty()) search.source = request->source();
    if (!request->language().empty()) search.language = request->language();
    auto published = ReadTimeRange("published", request->has_published(), request->published());
    if (!published.ok()) return ToGrpcStatus(published.status());
    search.published_from = published->from;
    search.published_to = published->to;
    auto story = OptionalIdFilter("story_id", request->story_id());
    if (!story.ok()) return ToGrpcStatus(story.status());
    search.story_id = *story;
    auto page = ReadPage(*request, request->page_size(), request->page_token(), tokens_);
    if (!page.ok()) return ToGrpcStatus(page.status());

    auto hits = repository_.SearchArticles(search, *page, call.deadline());
    if (!hits.ok()) return ToGrpcStatus(hits.status());
    for (auto& hit : hits->items) *response->add_hits() = std::move(hit);
    if (!hits->next.empty()) response->set_next_page_token(tokens_.Encode(*request, hits->next));
    return grpc::Status::OK;
  });
}

}  // namespace dossier::query
