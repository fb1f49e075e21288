#pragma once

#include <memory>

#include "engine/extraction.h"
#include "engine/lexicon/lexicon.h"
#include "engine/normalize/article.h"

namespace dossier::engine {

/// First-pass fact extraction over a clean English article: countries and demonyms from
/// the gazetteer, capitalised name runs typed by role titles and organisation/facility
/// keywords, acronym definitions, in-article surname and acronym coreference, trigger-word
/// events with agent/target/location, modality cues and weekday/relative dates, and
/// role/citizenship/capital/location relations. Thread-safe.
class Extractor {
 public:
  explicit Extractor(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}

  /// Non-English articles yield their sentences but no facts.
  Extraction Extract(const NormalizedArticle& article) const;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
};

}  // namespace dossier::engine
