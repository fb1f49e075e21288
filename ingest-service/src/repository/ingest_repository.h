#pragma once

#include <absl/status/statusor.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier/common/db_pool.h"
#include "dossier/common/transaction.h"
#include "dossier/v1/article.pb.h"
#include "dossier/v1/ingest_service.pb.h"
#include "engine/extraction.h"
#include "engine/normalize/article.h"

namespace dossier::ingest {

/// The result of storing one article.
struct StoreResult {
  v1::Article article;  // without clean text
  bool duplicate = false;
  v1::FactCounts facts;
};

/// A stored article's raw form, for reprocessing.
struct StoredRawArticle {
  int64_t id = 0;
  engine::RawDocument raw;
};

/// Every SQL statement of the ingest service. Each public call is one transaction.
class IngestRepository {
 public:
  explicit IngestRepository(DbPool& pool) : pool_(pool) {}

  /// Stores the article and all its facts in one transaction, or returns the article
  /// already stored under the same canonical URL or content hash (duplicate = true).
  absl::StatusOr<StoreResult> StoreArticle(const engine::RawDocument& raw, const engine::NormalizedArticle& article,
                                           const engine::Extraction& facts, Deadline deadline);

  /// Deletes the article and every fact only it supports. NOT_FOUND for an unknown id.
  absl::StatusOr<v1::FactCounts> DeleteArticle(int64_t article_id, Deadline deadline);

  /// Articles to reprocess: the given ids (NOT_FOUND if one is unknown), or up to `limit`
  /// articles made by an extractor other than `current_version`.
  absl::StatusOr<std::vector<StoredRawArticle>> ArticlesToReprocess(const std::vector<int64_t>& ids, int limit,
                                                                    std::string_view current_version,
                                                                    Deadline deadline);

  /// Replaces an article's clean text and facts with a fresh normalization and extraction.
  absl::Status ReplaceArticleFacts(int64_t article_id, const engine::NormalizedArticle& article,
                                   const engine::Extraction& facts, Deadline deadline);

  /// Articles made by an extractor other than `current_version`.
  absl::StatusOr<int64_t> CountOutdated(std::string_view current_version, Deadline deadline);

 private:
  DbPool& pool_;
};

}  // namespace dossier::ingest

namespace dossier::ingest {
/// Prepares every statement of IngestRepository on a new pooled connection.
void PrepareIngestStatements(pqxx::connection& connection);
}  // namespace dossier::ingest
