#include "handlers/ingest_service.h"

#include <absl/strings/str_cat.h>

#include "dossier/common/ids.h"
#include "dossier/common/logging.h"
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
                                     IngestRepository& repository, const CallGuard& calls, IngestMetrics& metrics)
    : normalizer_(lexicon),
      extractor_(lexicon, std::move(models)),
      repository_(repository),
      calls_(calls),
      metrics_(metrics) {}

absl::StatusOr<StoreResult> IngestServiceImpl::Ingest(const v1::RawArticle* sent, const CallGuard::Call& call) {
  using Stage = IngestMetrics::Stage;
  absl::Status refused = sent == nullptr ? absl::InvalidArgumentError("article is required")
                         : !sent->content().empty() && !sent->content_bytes().empty()
                             ? absl::InvalidArgumentError("set article.content or article.content_bytes, not both")
                             : absl::OkStatus();
  if (!refused.ok()) {
    metrics_.Rejected(Stage::kRequest, refused);
    return refused;
  }
  const v1::RawArticle& article = *sent;
  auto started = std::chrono::steady_clock::now();
  auto stage_done = [&](Stage stage) {
    auto now = std::chrono::steady_clock::now();
    metrics_.Took(stage, now - started);
    started = now;
  };
  engine::RawDocument raw = ToRawDocument(article);
  auto normalized = normalizer_.Normalize(raw);
  stage_done(Stage::kNormalize);
  if (!normalized.ok()) {
    metrics_.Rejected(Stage::kNormalize, normalized.status());
    return normalized.status();
  }
  engine::Extraction facts = extractor_.Extract(*normalized);
  stage_done(Stage::kExtract);
  auto stored = repository_.StoreArticle(raw, *normalized, facts, call.deadline());
  stage_done(Stage::kStore);
  if (!stored.ok()) {
    metrics_.Rejected(Stage::kStore, stored.status());
    return stored;
  }
  metrics_.Stored(stored->duplicate, stored->facts);
  Log(spdlog::level::info, "ingest",
      {{"request_id", call.request_id()},
       {"outcome", stored->duplicate ? "duplicate" : "stored"},
       {"article_id", stored->article.id()},
       {"canonical_url", stored->article.canonical_url()},
       {"entities", stored->facts.entities()},
       {"mentions", stored->facts.mentions()},
       {"events", stored->facts.events()},
       {"relationships", stored->facts.relationships()}});
  return stored;
}

grpc::Status IngestServiceImpl::IngestArticle(grpc::ServerContext* context, const v1::IngestArticleRequest* request,
                                              v1::IngestArticleResponse* response) {
  return calls_.Unary(context, "IngestArticle", [&](const CallGuard::Call& call) -> grpc::Status {
    auto stored = Ingest(request->has_article() ? &request->article() : nullptr, call);
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
  return calls_.Streaming(context, "IngestArticles", [&](const CallGuard::Call& call) -> grpc::Status {
    v1::IngestArticlesRequest request;
    while (stream->Read(&request)) {
      v1::IngestArticlesResponse response;
      response.set_client_reference(request.client_reference());
      absl::StatusOr<StoreResult> stored = Ingest(request.has_article() ? &request.article() : nullptr, call);
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
  return calls_.Unary(context, "DeleteArticle", [&](const CallGuard::Call& call) -> grpc::Status {
    auto id = ParseId("id", request->id());
    if (!id.ok()) return ToGrpcStatus(id.status());
    auto removed = repository_.DeleteArticle(*id, call.deadline());
    if (!removed.ok()) return ToGrpcStatus(removed.status());
    Log(spdlog::level::info, "delete",
        {{"request_id", call.request_id()},
         {"article_id", *id},
         {"events_removed", removed->events()},
         {"relationships_removed", removed->relationships()}});
    *response->mutable_removed() = *removed;
    return grpc::Status::OK;
  });
}

grpc::Status IngestServiceImpl::ReprocessArticles(grpc::ServerContext* context,
                                                  const v1::ReprocessArticlesRequest* request,
                                                  v1::ReprocessArticlesResponse* response) {
  return calls_.Unary(context, "ReprocessArticles", [&](const CallGuard::Call& call) -> grpc::Status {
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
    auto articles = repository_.ArticlesToReprocess(ids, limit, version, call.deadline());
    if (!articles.ok()) return ToGrpcStatus(articles.status());
    int reprocessed = 0;
    for (const auto& stored : *articles) {
      auto normalized = normalizer_.Normalize(stored.raw);
      if (!normalized.ok()) {
        return ToGrpcStatus(absl::FailedPreconditionError(absl::StrCat(
            "article ", stored.id, " no longer normalizes with this version: ", normalized.status().message())));
      }
      auto status =
          repository_.ReplaceArticleFacts(stored.id, *normalized, extractor_.Extract(*normalized), call.deadline());
      if (!status.ok()) return ToGrpcStatus(status);
      ++reprocessed;
    }
    auto remaining = repository_.CountOutdated(version, call.deadline());
    if (!remaining.ok()) return ToGrpcStatus(remaining.status());
    response->set_reprocessed_count(reprocessed);
    response->set_remaining(*remaining);
    response->set_extractor_version(version);
    return grpc::Status::OK;
  });
}

}  // namespace dossier::ingest
