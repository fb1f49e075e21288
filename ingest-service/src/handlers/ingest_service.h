#pragma once

#include <memory>

#include "dossier/v1/ingest_service.grpc.pb.h"
#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "repository/ingest_repository.h"

namespace dossier::ingest {

/// dossier.v1.IngestService: validates, normalizes, extracts, stores. Thin: the engine and
/// the repository do the work.
class IngestServiceImpl final : public v1::IngestService::Service {
 public:
  IngestServiceImpl(std::shared_ptr<const engine::Lexicon> lexicon,
                    std::shared_ptr<const engine::syntax::SyntaxModels> models, IngestRepository& repository);

  grpc::Status IngestArticle(grpc::ServerContext* context, const v1::IngestArticleRequest* request,
                             v1::IngestArticleResponse* response) override;
  grpc::Status IngestArticles(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::IngestArticlesResponse, v1::IngestArticlesRequest>* stream) override;
  grpc::Status DeleteArticle(grpc::ServerContext* context, const v1::DeleteArticleRequest* request,
                             v1::DeleteArticleResponse* response) override;
  grpc::Status ReprocessArticles(grpc::ServerContext* context, const v1::ReprocessArticlesRequest* request,
                                 v1::ReprocessArticlesResponse* response) override;

 private:
  /// Normalize + extract + store one article; the status is what the client sees.
  absl::StatusOr<StoreResult> Ingest(const v1::RawArticle& article, Deadline deadline);

  engine::Normalizer normalizer_;
  engine::Extractor extractor_;
  IngestRepository& repository_;
};

}  // namespace dossier::ingest
