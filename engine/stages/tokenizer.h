#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/stage.h"
#include "engine/token.h"

namespace dossier::engine {

/// Splits text[start, end) into words (letters, digits, inner apostrophes, hyphens and
/// abbreviation dots: "U.S.", "d'Ivoire", "Amankwah-Sarfo") and single punctuation marks.
std::vector<Token> Tokenize(std::string_view text, size_t start, size_t end);

/// "tokenizer": Doc::tokens, sentence by sentence, and each sentence's token range.
class TokenizerStage final : public Stage {
 public:
  std::string_view Name() const override { return "tokenizer"; }
  void Process(Doc& doc) const override;
};

}  // namespace dossier::engine
