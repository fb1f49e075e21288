#pragma once

#include <absl/status/statusor.h>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::engine::syntax {

/// One syntactic word of a CoNLL-U sentence (a row whose ID is an integer).
struct ConlluWord {
  std::string form;
  std::string lemma;
  std::string upos;
  std::string xpos;
  std::string feats;
  int head = 0;  // 1-based; 0 is the root
  std::string deprel;
  std::string misc;
};

/// A multiword token ("don't" over the words "do" and "n't"): words [first, last], 1-based.
struct ConlluMultiword {
  int first = 0;
  int last = 0;
  std::string form;
  std::string misc;
};

/// One CoNLL-U sentence with the comments that place it in its document.
struct ConlluSentence {
  std::string sent_id;
  std::string text;  // "# text =", the sentence as written
  bool new_document = false;
  bool new_paragraph = false;
  std::vector<ConlluWord> words;
  std::vector<ConlluMultiword> multiwords;

  /// Whether the surface token that ends with word `index` (0-based) is followed by a space
  /// (MISC SpaceAfter=No on the word or on its multiword token says not).
  bool SpaceAfterWord(size_t index) const;
};

/// Reads a CoNLL-U file; empty nodes (IDs like "8.1") are skipped.
absl::StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::string& path);
absl::StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view content);

/// Writes sentences as CoNLL-U (ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS = _, MISC).
void WriteConllu(std::ostream& out, const std::vector<ConlluSentence>& sentences);

}  // namespace dossier::engine::syntax
