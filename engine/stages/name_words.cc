#include "engine/stages/name_words.h"

#include <absl/strings/ascii.h>

#include "engine/lexicon/word_sets.h"
#include "engine/written_words.h"

namespace dossier::engine {

bool IsPreposition(std::string_view folded) {
  return folded == "in" || folded == "at" || folded == "near" || folded == "from" || folded == "to";
}

bool IsModifierPreposition(std::string_view folded) {
  static const WordSet kModifiers = {"about", "across", "along", "between", "by",      "for",
                                     "into",  "of",     "on",    "over",    "through", "under"};
  return kModifiers.contains(folded);
}

bool IsNameConnector(std::string_view folded) {
  static const WordSet kConnectors = {"al", "bin", "da", "de", "do", "dos", "du", "for", "ibn", "of"};
  return kConnectors.contains(folded);
}

bool IsJoinedNameParticle(std::span<const Token> tokens, size_t i) {
  static const WordSet kParticles = {"al", "el", "ad", "ash", "ar", "as", "an"};
  return kParticles.contains(tokens[i].text) && IsJoiningHyphen(tokens, i + 1) && tokens[i + 2].capitalized;
}

bool IsAttributiveCompound(std::span<const Token> tokens, size_t i) {
  static const WordSet kAdjectives = {"based", "backed", "led", "owned", "born", "run", "linked", "allied"};
  size_t end = HyphenatedWordEnd(tokens, i);
  return end - i >= 3 && kAdjectives.contains(tokens[end - 1].text);
}

bool IsAcronym(std::string_view word) {
  size_t letters = 0;
  for (char c : word) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      ++letters;
    } else if (c != '.' && c != '&') {
      return false;
    }
  }
  return letters >= 2 && letters <= 8;
}

bool IsAbbreviatedTitle(const Token& token) {
  std::string_view word = token.text;
  return token.capitalized && word.size() >= 3 && WithoutAbbreviationDot(word).size() + 1 == word.size() &&
         absl::ascii_islower(static_cast<unsigned char>(word[1]));
}

}  // namespace dossier::engine
