#pragma once

#include <absl/status/statusor.h>

#include <memory>

#include "engine/lexicon/lexicon.h"
#include "engine/normalize/article.h"

namespace dossier::engine {

/// Turns a raw article (HTML or scraped text) into a clean article: validated URL and date,
/// clean body text in NFC with paragraph breaks, metadata, stripped-block record, quality
/// flags, content hash and story signature.
class Normalizer {
 public:
  explicit Normalizer(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}

  /// INVALID_ARGUMENT (naming the field) for a missing or bad URL (control characters
  /// included), an unparseable date, content that is empty or has no text left after
  /// clean-up. Content in another charset is converted (ToUtf8); control characters elsewhere
  /// are dropped (see RemoveControlCharacters).
  absl::StatusOr<NormalizedArticle> Normalize(const RawDocument& raw) const;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

/// Drops control characters that are never content (NUL, escape codes; not tab or line
/// breaks) from every text field but the URL, which must not hold any: what is stored is
/// then what was normalized.
void RemoveControlCharacters(RawDocument& raw);

/// Detects HTML by its first tag; anything else is plain text.
ContentFormat DetectFormat(std::string_view content);

}  // namespace dossier::engine
