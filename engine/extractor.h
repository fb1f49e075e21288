#pragma once

#include <memory>

#include "engine/extraction.h"
#include "engine/lexicon/lexicon.h"
#include "engine/normalize/article.h"
#include "engine/pipeline.h"

namespace dossier::engine {

/// The rule pipeline: sentences, tokenizer, time_expressions, mentions, coreference, roles,
/// relations, event_triggers, event_arguments, modality. Every stage after the tokenizer
/// reads English only.
Pipeline RulePipeline(std::shared_ptr<const Lexicon> lexicon);

/// The engine's front door: a clean article in, its facts out. Runs the pipeline over a Doc,
/// then resolves the Doc's clusters and events into entities with cross-article keys and
/// events with merge keys. Thread-safe.
class Extractor {
 public:
  explicit Extractor(std::shared_ptr<const Lexicon> lexicon) : pipeline_(RulePipeline(std::move(lexicon))) {}

  /// Non-English articles yield their sentences but no facts.
  Extraction Extract(const NormalizedArticle& article) const;

  const Pipeline& pipeline() const { return pipeline_; }

 private:
  Pipeline pipeline_;
};

}  // namespace dossier::engine
