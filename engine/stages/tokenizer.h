#pragma once

#include <string_view>
#include <vector>

#include "engine/stage.h"
#include "engine/token.h"

namespace dossier::engine {

/// The tokens of text[start, end), cut as Universal Dependencies' English treebanks cut words
/// (syntax::TokenizeUd: "Niger's" -> Niger 's, "didn't" -> did n't, "Amankwah-Sarfo" ->
/// Amankwah - Sarfo; "U.S.", "Dr.", "1,000" stay whole), all in sentence 0. A token is a
/// word when it starts with a letter or digit, or is a clitic split off the word before it
/// ("'s", "'" of "countries'", "'re"): what rules read as words rather than punctuation.
std::vector<Token> Tokenize(std::string_view text, size_t start, size_t end);

/// "tokenizer": Doc::tokens over the clean text and Doc::sentences grouping them
/// (syntax::SplitSentences: line breaks, and sentence punctuation before what opens a
/// sentence; titles such as "Dr." never end one; at most 200 words), for every language.
/// An article is read up to 200,000 tokens; what follows is stored but not analysed.
class TokenizerStage final : public Stage {
 public:
  std::string_view Name() const override { return "tokenizer"; }
  void Process(Doc& doc) const override;
};

}  // namespace dossier::engine
