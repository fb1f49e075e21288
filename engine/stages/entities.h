#pragma once

#include <memory>
#include <string_view>

#include "engine/lexicon/lexicon.h"
#include "engine/stage.h"
#include "engine/syntax/syntax_models.h"

namespace dossier::engine {

/// "entities": each token's named-entity label (Token::ner: "B-PER", "I-ORG", "O") from the
/// trained recogniser, which reads the words, their tags and the gazetteers' hints; and
/// Sentence::label for headings, captions, credits and bylines, whose words get no label.
class EntitiesStage final : public EnglishStage {
 public:
  EntitiesStage(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const syntax::SyntaxModels> models)
      : lexicon_(std::move(lexicon)), models_(std::move(models)) {}
  std::string_view Name() const override { return "entities"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  std::shared_ptr<const syntax::SyntaxModels> models_;
};

}  // namespace dossier::engine
