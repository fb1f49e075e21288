#include "engine/syntax/syntax_models.h"

#include <istream>

#include "dossier/common/embedded_file.h"
#include "dossier/common/strings.h"
#include "engine/syntax/model_io.h"

namespace dossier::engine_models {
std::span<const dossier::EmbeddedFile> EmbeddedFiles();
std::string_view Digest();
}  // namespace dossier::engine_models

namespace dossier::engine::syntax {
namespace {

template <typename Model, typename... LoadArguments>
absl::StatusOr<Model> LoadFromBytes(std::string_view bytes, std::string_view name, LoadArguments... arguments) {
  MemoryReader reader(bytes);
  std::istream in(&reader);
  auto model = Model::Load(in, arguments...);
  if (!model.ok()) return absl::DataLossError(strings::Cat(name, ": ", model.status().message()));
  return model;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const SyntaxModels>> SyntaxModels::FromBytes(
    std::string_view clusters, std::string_view tagger, std::string_view lemmatizer, std::string_view parser,
    std::string_view entities, std::string version) {
  auto models = std::make_shared<SyntaxModels>();
  auto word_clusters = WordClusters::Parse(clusters);
  if (!word_clusters.ok()) return word_clusters.status();
  models->clusters = std::make_shared<const WordClusters>(*std::move(word_clusters));
  auto loaded_tagger = LoadFromBytes<Tagger>(tagger, "tagger", models->clusters);
  if (!loaded_tagger.ok()) return loaded_tagger.status();
  auto loaded_lemmatizer = LoadFromBytes<Lemmatizer>(lemmatizer, "lemmatizer");
  if (!loaded_lemmatizer.ok()) return loaded_lemmatizer.status();
  auto loaded_parser = LoadFromBytes<Parser>(parser, "parser", models->clusters);
  if (!loaded_parser.ok()) return loaded_parser.status();
  auto loaded_entities = LoadFromBytes<EntityRecognizer>(entities, "entity recogniser", models->clusters);
  if (!loaded_entities.ok()) return loaded_entities.status();
  models->tagger = *std::move(loaded_tagger);
  models->entities = *std::move(loaded_entities);
  models->lemmatizer = *std::move(loaded_lemmatizer);
  models->parser = *std::move(loaded_parser);
  models->version = std::move(version);
  return models;
}

absl::StatusOr<std::shared_ptr<const SyntaxModels>> SyntaxModels::ReadEmbedded() {
  auto file = [](std::string_view name) -> std::string_view {
    for (const auto& embedded : engine_models::EmbeddedFiles()) {
      if (embedded.name == name) return embedded.content;
    }
    return {};
  };
  return FromBytes(file("en_word_clusters.tsv"), file("en_tagger.model"), file("en_lemmatizer.model"),
                   file("en_parser.model"), file("en_entities.model"),
                   strings::Cat("ud-en.", engine_models::Digest().substr(0, 8)));
}

absl::StatusOr<std::shared_ptr<const SyntaxModels>> SyntaxModels::Embedded() {
  static const absl::StatusOr<std::shared_ptr<const SyntaxModels>> models = ReadEmbedded();
  return models;
}

}  // namespace dossier::engine::syntax
