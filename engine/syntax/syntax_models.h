#pragma once

#include <absl/status/statusor.h>

#include <memory>
#include <string>
#include <string_view>

#include "engine/syntax/entity_recognizer.h"
#include "engine/syntax/lemmatizer.h"
#include "engine/syntax/parser.h"
#include "engine/syntax/tagger.h"
#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {

/// The trained models the engine's stages run: word classes, tagger, lemmatizer, parser and
/// entity recogniser, trained together by tools/train/train-models.sh. Immutable; shared by
/// threads.
struct SyntaxModels {
  std::shared_ptr<const WordClusters> clusters;
  Tagger tagger;
  Lemmatizer lemmatizer;
  Parser parser;
  EntityRecognizer entities;
  std::string version;  // names the exact model files ("ud-en.<digest>")

  /// Reads the models from their files' bytes.
  static absl::StatusOr<std::shared_ptr<const SyntaxModels>> FromBytes(std::string_view clusters,
                                                                       std::string_view tagger,
                                                                       std::string_view lemmatizer,
                                                                       std::string_view parser,
                                                                       std::string_view entities, std::string version);
  /// The models compiled into the binary (data/models/), read once per process.
  static absl::StatusOr<std::shared_ptr<const SyntaxModels>> Embedded();
  /// Reads the compiled-in models again (what Embedded does once).
  static absl::StatusOr<std::shared_ptr<const SyntaxModels>> ReadEmbedded();
};

}  // namespace dossier::engine::syntax
