#pragma once

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

/// A word as the parser sees it: its form and its tags (from the tagger).
struct ParserInput {
  std::string_view form;
  std::string_view upos;
  std::string_view xpos;
};

/// A word's place in the tree: 1-based head (0 = root) and relation label.
struct Arc {
  int head = 0;
  uint16_t label = 0;
};

/// Labeled dependency parser: greedy arc-hybrid transitions (shift, left-arc, right-arc),
/// scored by an averaged perceptron over rich non-local features (Zhang and Nivre 2011),
/// trained with a dynamic oracle that lets it learn from its own mistakes (Goldberg and
/// Nivre 2013). Trees are projective (one root); non-projective training trees are lifted.
/// Immutable after loading; `Parse` is thread-safe.
class Parser {
 public:
  struct Options : TrainingOptions {
    int explore_from_epoch = 2;  // follow its own (wrong) choices from this epoch on
    double explore_probability = 0.9;
  };

  /// Trains on sentences whose UPOS/XPOS columns hold the tags the parser will see at run
  /// time (best: predicted by a tagger not trained on them). After each epoch prints UAS/LAS
  /// on `dev` (tagged the same way) to `log`.
  /// `clusters` (may be null) must be the same when the model is loaded.
  static Parser Train(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                      const Options& options, std::shared_ptr<const WordClusters> clusters, std::ostream& log);

  static absl::StatusOr<Parser> Load(std::istream& in, std::shared_ptr<const WordClusters> clusters);
  void Save(std::ostream& out) const;

  std::vector<Arc> Parse(std::span<const ParserInput> words) const;
  std::string_view Label(uint16_t label) const { return labels_[label]; }
  size_t label_count() const { return labels_.size(); }

 private:
  std::vector<std::string> labels_;
  uint16_t root_label_ = 0;
  std::shared_ptr<const WordClusters> clusters_;
  LinearModel model_;
};

/// Attachment scores on gold-tokenised sentences (punctuation included, as CoNLL 2018).
struct AttachmentScore {
  size_t words = 0;
  size_t head_correct = 0;               // UAS
  size_t labeled_correct = 0;            // LAS
  size_t universal_labeled_correct = 0;  // LAS on the relation without its subtype ("nsubj" for "nsubj:pass")
};

/// Lifts non-projective arcs to their grandparents until the tree is projective; returns the
/// number of arcs lifted. `heads` is 1-based (0 = root) per word.
size_t Projectivize(std::vector<int>& heads);

/// UAS and LAS of `parser` on `gold`, parsing with the tags in the sentences' columns.
AttachmentScore ScoreParser(const Parser& parser, const std::vector<ConlluSentence>& gold);

}  // namespace dossier::engine::syntax
