#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>

#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/syntax/conllu.h"
#include "engine/syntax/linear_model.h"
#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {

/// For words seen often enough in training (by normalised lower-case hash): a hash of the
/// set of labels they took ("that": DET, PRON, SCONJ), a stand-in for the tags of words
/// not yet tagged to the right.
using AmbiguityClasses = absl::flat_hash_map<uint64_t, uint64_t>;

/// Part-of-speech tagger: an averaged perceptron over word, affix, shape, word-class and
/// context features (and the labels the words to the right took in training), tagging left
/// to right with the two previous tags as features. Each label is a
/// UPOS and PTB XPOS pair ("PROPN NNP"), so the two tags always agree. Immutable after
/// loading; `Tag` is thread-safe.
class Tagger {
 public:
  using Options = TrainingOptions;

  /// Trains on gold-tagged sentences; after each epoch prints accuracy on `dev` to `log`.
  /// `clusters` (may be null) must be the same when the model is loaded.
  static Tagger Train(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                      const Options& options, std::shared_ptr<const WordClusters> clusters, std::ostream& log);
  static absl::StatusOr<Tagger> Load(std::istream& in, std::shared_ptr<const WordClusters> clusters);
  void Save(std::ostream& out) const;

  /// One label index per word of a sentence.
  std::vector<uint16_t> Tag(std::span<const std::string_view> words) const;
  std::string_view Upos(uint16_t label) const { return upos_[label]; }
  std::string_view Xpos(uint16_t label) const { return xpos_[label]; }
  size_t label_count() const { return upos_.size(); }

 private:
  std::vector<std::string> upos_, xpos_;
  AmbiguityClasses classes_;
  std::shared_ptr<const WordClusters> clusters_;
  LinearModel model_;
};

/// Fraction of words whose UPOS (and XPOS) the tagger gets right on gold-tokenised sentences.
struct TaggingAccuracy {
  size_t words = 0;
  size_t upos_correct = 0;
  size_t xpos_correct = 0;
  size_t both_correct = 0;
};
TaggingAccuracy ScoreTagger(const Tagger& tagger, const std::vector<ConlluSentence>& gold);

/// Replaces the UPOS and XPOS columns of `sentences` with the tagger's tags (what a parser
/// or lemmatizer sees at run time).
void Retag(const Tagger& tagger, std::vector<ConlluSentence>& sentences);

}  // namespace dossier::engine::syntax
