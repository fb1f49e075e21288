#pragma once

#include <memory>
#include <string_view>

#include "engine/stage.h"
#include "engine/syntax/syntax_models.h"

namespace dossier::engine {

/// "parser": each token's syntactic head and UD relation (the trained dependency parser),
/// sentence by sentence, from the tagger's tags. A sentence's root has head -1 and
/// relation "root".
class ParserStage final : public EnglishStage {
 public:
  explicit ParserStage(std::shared_ptr<const syntax::SyntaxModels> models) : models_(std::move(models)) {}
  std::string_view Name() const override { return "parser"; }
  void Process(Doc& doc) const override;

 private:
  std::shared_ptr<const syntax::SyntaxModels> models_;
};

}  // namespace dossier::engine
