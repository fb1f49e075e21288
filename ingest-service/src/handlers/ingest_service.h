#pragma once

#include <memory>

#include "dossier/common/call_guard.h"
#include "dossier/v1/ingest_service.grpc.pb.h"
#include "engine/extractor.h"
#include "engine/normalize/normalizer.h"
#include "handlers/ingest_metrics.h"
#include "repository/ingest_repository.h"

namespace dossier::ingest {

/// dossier.v1.IngestService: validates, normalizes, extracts, stores. Thin: the engine and
/// the repository do the work.
class IngestServiceImpl final : public v1::IngestService::Service {
 public:
  IngestServiceImpl(std::shared_ptr<const engine::Lexicon> lexicon,
                    std::shared_ptr<const engine::syntax::SyntaxModels> models, IngestRepository& repository,
                    const CallGuard& calls, IngestMetrics& metrics);

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
  /// Normalize + extract + store one article (null: none was sent); the status is what the
  /// client sees, and every outcome is counted in the metrics.
  absl::StatusOr<StoreResult> Ingest(const v1::RawArticle* article, const CallGuard::Call& call);

  engine::Normalizer normalizer_;
  engine::Extractor extractor_;
  IngestRepository& repository_;
  const CallGuard& calls_;
  IngestMetrics& metrics_;
};

}  // namespace dossier::ingest
