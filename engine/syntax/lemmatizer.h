#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "engine/syntax/conllu.h"

namespace dossier::engine::syntax {

/// Lemmatizer learned from a treebank: suffix rules per XPOS ("-ies" NNS -> "-y", "-ed" VBD
/// -> "") chosen by the longest suffix seen with enough distinct words, plus the words those
/// rules get wrong ("went" -> "go", "mice" -> "mouse"). Proper nouns keep their case;
/// everything else is lower case unless the treebank says otherwise ("I").
class Lemmatizer {
 public:
  static Lemmatizer Train(const std::vector<ConlluSentence>& train);
  static absl::StatusOr<Lemmatizer> Load(std::istream& in);
  void Save(std::ostream& out) const;

  std::string Lemma(std::string_view form, std::string_view xpos) const;
  size_t exception_count() const { return exceptions_.size(); }

 private:
  // Lemma = form minus its last `strip` bytes, plus `append`.
  struct Edit {
    uint32_t strip = 0;
    std::string append;
  };
  std::string ByRule(const std::string& cased_form, std::string_view xpos) const;

  absl::flat_hash_map<std::string, Edit> rules_;              // "XPOS\tsuffix"
  absl::flat_hash_map<std::string, std::string> exceptions_;  // "XPOS\tform" (cased as the rules see it)
};

/// Fraction of words whose lemma is right, with the tags in the sentences' columns.
double ScoreLemmatizer(const Lemmatizer& lemmatizer, const std::vector<ConlluSentence>& gold);

}  // namespace dossier::engine::syntax
