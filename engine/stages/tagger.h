#pragma once

#include <memory>
#include <string_view>

#include "engine/stage.h"
#include "engine/syntax/syntax_models.h"

namespace dossier::engine {

/// "tagger": each token's UPOS and XPOS (the trained tagger) and lemma (the trained
/// lemmatizer), sentence by sentence.
class TaggerStage final : public EnglishStage {
 public:
  explicit TaggerStage(std::shared_ptr<const syntax::SyntaxModels> models) : models_(std::move(models)) {}
  std::string_view Name() const override { return "tagger"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const syntax::SyntaxModels> models_;
};

}  // namespace dossier::engine
