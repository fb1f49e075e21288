#pragma once

#include <memory>
#include <string>

#include "engine/doc.h"
#include "engine/extraction.h"
#include "engine/lexicon/lexicon.h"
#include "engine/normalize/article.h"
#include "engine/pipeline.h"
#include "engine/syntax/syntax_models.h"

namespace dossier::engine {

/// The engine's stages in order: tokenizer (UD words and sentences), tagger, parser, then the
/// rules: time_expressions, mentions, coreference, roles, relations, event_triggers,
/// event_arguments, modality. Every stage after the tokenizer reads English only.
Pipeline EnginePipeline(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const syntax::SyntaxModels> models);

/// The engine's front door: a clean article in, its facts out. Runs the pipeline over a Doc,
/// then resolves the Doc's clusters and events into entities with cross-article keys and
/// events with merge keys. Thread-safe.
class Extractor {
 public:
  Extractor(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const syntax::SyntaxModels> models);

  /// Non-English articles yield their sentences but no facts.
  Extraction Extract(const NormalizedArticle& article) const;
  /// The analysed document before resolution: tokens with tags and tree, mentions,
  /// clusters, events. It refers to `article`, which must outlive it.
  Doc Analyze(const NormalizedArticle& article) const;

  /// Stamped on every fact: the engine's version and the models' ("dossier-extract/0.20.0+ud-en.1a2b3c4d").
  const std::string& version() const { return version_; }
  const Pipeline& pipeline() const { return pipeline_; }

 private:
  Pipeline pipeline_;
  std::string version_;
};

}  // namespace dossier::engine
