#include "handlers/ingest_service.h"

#include <absl/strings/str_cat.h>
#include <spdlog/spdlog.h>

#include "dossier/common/ids.h"
#include "dossier/common/server.h"
#include "dossier/common/status.h"
#include "dossier/common/strings.h"
#include "engine/normalize/encoding.h"

namespace dossier::ingest {
namespace {

constexpr int kDefaultReprocessLimit = 100;
constexpr int kMaxReprocessLimit = 1000;

engine::RawDocument ToRawDocument(const v1::RawArticle& article) {
  engine::RawDocument raw;
  raw.url = article.url();
  raw.content = article.content().empty() ? engine::ToUtf8(article.content_bytes()) : article.content();
  raw.format = article.format();
  raw.source = article.source();
  raw.published = article.published();
  raw.title = article.title();
  raw.authors.assign(article.authors().begin(), article.authors().end());
  engine::RemoveControlCharacters(raw);  // what is stored is what was normalized
  return raw;
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(std::shared_ptr<const engine::Lexicon> lexicon,
                                     std::shared_ptr<const engine::syntax::SyntaxModels> models,
                                     IngestRepository& repository)
    : normalizer_(lexicon), extractor_(lexicon, std::move(models)), repository_(repository) {}

absl::StatusOr<StoreResult> IngestServiceImpl::Ingest(const v1::RawArticle& article, Deadline deadline) {
  if (!article.content().empty() && !article.content_bytes().empty()) {
    return absl::InvalidArgumentError("set article.content or article.content_bytes, not both");
  }
  engine::RawDocument raw = ToRawDocument(article);
  auto normalized = normalizer_.Normalize(raw);
  if (!normalized.ok()) return normalized.status();
  engine::Extraction facts = extractor_.Extract(*normalized);
  auto stored = repository_.StoreArticle(raw, *normalized, facts, deadline);
  if (stored.ok()) {
    spdlog::info(
        "event=ingest outcome={} article_id={} canonical_url={} entities={} mentions={} events={} relationships={}",
        stored->duplicate ? "duplicate" : "stored", stored->article.id(), stored->article.canonical_url(),
        stored->facts.entities(), stored->facts.mentions(), stored->facts.events(), stored->facts.relationships());
  }
  return stored;
}

grpc::Status IngestServiceImpl::IngestArticle(grpc::ServerContext* context, const v1::IngestArticleRequest* request,
                                              v1::IngestArticleResponse* response) {
  return GuardedCall(context, "IngestArticle", [&]() -> grpc::Status {
    if (!request->has_article()) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "article is required");
    auto stored = Ingest(request->article(), DeadlineOf(context));
    if (!stored.ok()) return ToGrpcStatus(stored.status());
    *response->mutable_article() = std::move(stored->article);
    response->set_outcome(stored->duplicate ? v1::INGEST_OUTCOME_DUPLICATE : v1::INGEST_OUTCOME_STORED);
    *response->mutable_facts() = stored->facts;
    return grpc::Status::OK;
  });
}

grpc::Status IngestServiceImpl::IngestArticles(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::IngestArticlesResponse, v1::IngestArticlesRequest>* stream) {
  return GuardedCall(context, "IngestArticles", [&]() -> grpc::Status {
    v1::IngestArticlesRequest request;
    while (stream->Read(&request)) {
      v1::IngestArticlesResponse response;
      response.set_client_reference(request.client_reference());
      absl::StatusOr<StoreResult> stored = request.has_article() ? Ingest(request.article(), DeadlineOf(context))
                                                                 : absl::InvalidArgumentError("article is required");
      if (stored.ok()) {
        response.set_outcome(stored->duplicate ? v1::INGEST_OUTCOME_DUPLICATE : v1::INGEST_OUTCOME_STORED);
        *response.mutable_article() = std::move(stored->article);
        *response.mutable_facts() = stored->facts;
      } else if (absl::IsUnavailable(stored.status()) || absl::IsDeadlineExceeded(stored.status())) {
        // Not the article's fault: end the stream so the client retries the rest.
        return ToGrpcStatus(stored.status());
      } else {
        response.set_outcome(v1::INGEST_OUTCOME_REJECTED);
        response.set_error_code(static_cast<int32_t>(stored.status().code()));
        response.set_error_message(std::string(stored.status().message()));
      }
      if (!stream->Write(response)) break;
    }
    return grpc::Status::OK;
  });
}

grpc::Status IngestServiceImpl::DeleteArticle(grpc::ServerContext* context, const v1::DeleteArticleRequest* request,
                                              v1::DeleteArticleResponse* response) {
  return GuardedCall(context, "DeleteArticle", [&]() -> grpc::Status {
    auto id = ParseId("id", request->id());
    if (!id.ok()) return ToGrpcStatus(id.status());
    auto removed = repository_.DeleteArticle(*id, DeadlineOf(context));
    if (!removed.ok()) return ToGrpcStatus(removed.status());
    spdlog::info("event=delete article_id={} events_removed={} relationships_removed={}", *id, removed->events(),
                 removed->relationships());
    *response->mutable_removed() = *removed;
    return grpc::Status::OK;
  });
}

grpc::Status IngestServiceImpl::ReprocessArticles(grpc::ServerContext* context,
                                                  const v1::ReprocessArticlesRequest* request,
                                                  v1::ReprocessArticlesResponse* response) {
  return GuardedCall(context, "ReprocessArticles", [&]() -> grpc::Status {
    if (request->limit() < 0) return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "limit must not be negative");
    if (request->article_ids_size() > kMaxReprocessLimit) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("article_ids has more than ", kMaxReprocessLimit, " ids; send them in batches"));
    }
    std::vector<int64_t> ids;
    for (int i = 0; i < request->article_ids_size(); ++i) {
      auto id = ParseId(absl::StrCat("article_ids[", i, "]"), request->article_ids(i));
      if (!id.ok()) return ToGrpcStatus(id.status());
      ids.push_back(*id);
    }
    int limit = request->limit() == 0 ? kDefaultReprocessLimit : std::min(request->limit(), kMaxReprocessLimit);
    const std::string& version = extractor_.version();
    auto articles = repository_.ArticlesToReprocess(ids, limit, version, DeadlineOf(context));
    if (!articles.ok()) return ToGrpcStatus(articles.status());
    int reprocessed = 0;
    for (const auto& stored : *articles) {
      auto normalized = normalizer_.Normalize(stored.raw);
      if (!normalized.ok()) {
        return ToGrpcStatus(absl::FailedPreconditionError(absl::StrCat(
            "article ", stored.id, " no longer normalizes with this version: ", normalized.status().message())));
      }
      auto status =
          repository_.ReplaceArticleFacts(stored.id, *normalized, extractor_.Extract(*normalized), DeadlineOf(context));
      if (!status.ok()) return ToGrpcStatus(status);
      ++reprocessed;
    }
    auto remaining = repository_.CountOutdated(version, DeadlineOf(context));
    if (!remaining.ok()) return ToGrpcStatus(remaining.status());
    response->set_reprocessed_count(reprocessed);
    response->set_remaining(*remaining);
    response->set_extractor_version(version);
    return grpc::Status::OK;
  });
}

}  // namespace dossier::ingest
