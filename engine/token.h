#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace dossier::engine {

/// A word or punctuation mark of the clean text, cut as Universal Dependencies cuts English
/// ("Niger's" is Niger 's, "didn't" did n't, "Amankwah-Sarfo" Amankwah - Sarfo; see
/// engine/written_words.h for reading words as written). The tokenizer fills the first fields;
/// the syntax fields stay empty until a tagger and parser fill them.
struct Token {
  size_t start = 0;  // UTF-8 byte span [start, end) in the clean text
  size_t end = 0;
  std::string_view text;  // into the clean text
  std::string folded;     // lower case, typographic quotes folded
  bool is_word = false;   // starts with a letter or digit, or is a clitic split off a word ("'s", "'" of "countries'")
  bool capitalized = false;  // first letter upper case
  size_t sentence = 0;       // index into Doc::sentences

  std::string upos;    // universal part of speech ("PROPN")
  std::string xpos;    // language-specific part of speech ("NNP")
  std::string lemma;   // dictionary form ("meet" for "met")
  std::string deprel;  // dependency relation to the head ("nsubj")
  std::string ner;     // named-entity tag ("B-PER", "O"), set by the entities stage
  int head = -1;       // index into Doc::tokens of the syntactic head; -1: root or not parsed
};

}  // namespace dossier::engine
