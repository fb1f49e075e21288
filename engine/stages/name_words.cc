#include "engine/stages/name_words.h"

#include <absl/strings/ascii.h>

#include "engine/lexicon/word_sets.h"

namespace dossier::engine {

bool IsPreposition(std::string_view folded) {
  return folded == "in" || folded == "at" || folded == "near" || folded == "from" || folded == "to";
}

bool IsPlacePreposition(std::string_view folded) { return folded == "in" || folded == "at" || folded == "near"; }

bool IsModifierPreposition(std::string_view folded) {
  static const WordSet kModifiers = {"about", "across", "along", "between", "by",      "for",
                                     "into",  "of",     "on",    "over",    "through", "under"};
  return kModifiers.contains(folded);
}

bool IsNameConnector(std::string_view folded) {
  static const WordSet kConnectors = {"al", "bin", "da", "de", "do", "dos", "du", "for", "ibn", "of"};
  return kConnectors.contains(folded);
}

bool IsJoinedNameParticle(std::string_view word) {
  if (word.size() < 4 || (word[2] != '-' && word[3] != '-')) return false;  // most words
  for (std::string_view particle : {"al-", "el-", "ad-", "ash-", "ar-", "as-", "an-"}) {
    if (word.size() > particle.size() && word.starts_with(particle) &&
        absl::ascii_isupper(static_cast<unsigned char>(word[particle.size()]))) {
      return true;
    }
  }
  return false;
}

bool IsAttributiveCompound(std::string_view word) {
  if (word.find('-') == std::string_view::npos) return false;  // most words: one memchr
  for (std::string_view suffix : {"-based", "-backed", "-led", "-owned", "-born", "-run", "-linked", "-allied"}) {
    if (word.ends_with(suffix)) return true;
  }
  return false;
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

size_t WithoutPossessive(std::string_view word) {
  for (std::string_view suffix : {"'s", "\u2019s"}) {
    if (word.ends_with(suffix)) return word.size() - suffix.size();
  }
  return word.size();
}

}  // namespace dossier::engine
