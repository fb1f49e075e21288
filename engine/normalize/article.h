#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dossier/v1/article.pb.h"
#include "dossier/v1/ingest_service.pb.h"
#include "engine/normalize/near_duplicates.h"

// The engine speaks the schema's vocabulary (proto enums are plain C++ enums) but knows
// nothing of gRPC or SQL.
namespace dossier::engine {

using v1::ArticleQualityFlag;
using v1::ContentFormat;
using v1::StrippedBlockReason;

/// An article as submitted.
struct RawDocument {
  std::string url;
  std::string content;
  ContentFormat format = v1::CONTENT_FORMAT_UNSPECIFIED;
  std::string source;
  std::string published;  // RFC 3339 or YYYY-MM-DD; empty: from the page
  std::string title;
  std::vector<std::string> authors;
};

/// A block normalization removed, and why.
struct StrippedBlock {
  StrippedBlockReason reason = v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
  size_t length = 0;
  std::string preview;
};

using Timestamp = std::chrono::sys_seconds;

/// The clean article: what is stored and what extraction reads.
struct NormalizedArticle {
  std::string url;
  std::string canonical_url;
  std::string source;
  std::string title;
  std::vector<std::string> authors;
  std::optional<Timestamp> published_at;
  std::string language;
  std::string clean_text;
  std::string content_hash;
  ContentFormat format = v1::CONTENT_FORMAT_UNSPECIFIED;
  std::vector<StrippedBlock> stripped_blocks;
  std::vector<ArticleQualityFlag> quality_flags;
  StorySignature story_signature;
};

}  // namespace dossier::engine
