#pragma once

#include <absl/status/statusor.h>

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {

/// A word as the recogniser sees it: as written, its UPOS from the tagger, and hints from
/// outside the model (gazetteer matches: one bit per kind of match, see entity_hints.h).
struct EntityInput {
  std::string_view form;
  std::string_view upos;
  uint32_t hints = 0;
};

/// What the recogniser reads of one word by itself. Training data is written with the same
/// function (dossier-train entity-data), so training and run time cannot drift apart.
struct EntityWordFeatures {
  std::string word;                                          // lower case, quotes folded: the key of its word vector
  uint32_t cluster = 0;                                      // WordClusters class + 1 (0: none)
  uint64_t shape = 0, prefix = 0, suffix2 = 0, suffix3 = 0;  // hashes (WordAttributes)
  uint32_t flags = 0;  // 1 capitalised, 2 all capitals, 4 has a digit, 8 has a hyphen
};
EntityWordFeatures DescribeEntityWord(std::string_view form, const WordClusters* clusters);

/// Named-entity recogniser: a bidirectional LSTM over word vectors (GloVe, tuned), word
/// classes, shape, affixes, part of speech and gazetteer hints, with a CRF over BIO labels
/// (Lample et al. 2016). Trained by tools/train/train-entities.py; this runs it.
/// Immutable after loading; `Recognize` is thread-safe.
class EntityRecognizer {
 public:
  static absl::StatusOr<EntityRecognizer> Load(std::istream& in, std::shared_ptr<const WordClusters> clusters);

  /// One label index per word: the best-scoring label sequence, whose "I-X" only ever
  /// continues an X.
  std::vector<uint16_t> Recognize(std::span<const EntityInput> words) const;
  std::string_view Label(uint16_t label) const { return labels_[label]; }
  size_t label_count() const { return labels_.size(); }

  struct Weights;

 private:
  std::vector<std::string> labels_;
  std::shared_ptr<const WordClusters> clusters_;
  std::shared_ptr<const Weights> weights_;
};

/// An entity as a span of words [start, end) and its type ("PER").
struct EntitySpan {
  size_t start = 0;
  size_t end = 0;
  std::string type;
  auto operator<=>(const EntitySpan&) const = default;
};

/// The entities of a BIO sequence; a stray "I-X" starts an entity (as conlleval reads it).
std::vector<EntitySpan> EntitySpans(std::span<const std::string> labels);

/// A sentence with one named-entity label per word, in BIO form ("B-PER", "I-PER", "O"),
/// and what the recogniser reads besides the words.
struct LabeledSentence {
  std::vector<std::string> words;
  std::vector<std::string> labels;
  std::vector<std::string> upos;   // the tagger's tags
  std::vector<uint32_t> hints;     // gazetteer hints (EntityInput::hints)
  std::vector<bool> other_entity;  // in an entity of a type not scored ("2001 UK general election")
};

/// Span-level counts by entity type, exact match of type and boundaries (conlleval). An
/// entity found wholly inside a gold entity of a type that is not scored ("United Kingdom"
/// in the election "2001 United Kingdom general election") is counted apart, not as wrong.
struct EntityScores {
  struct Counts {
    size_t gold = 0, predicted = 0, correct = 0;
    double precision() const;
    double recall() const;
    double f1() const;
  };
  std::map<std::string, Counts> by_type;
  Counts total;
  size_t inside_other_entities = 0;
};
EntityScores ScoreEntities(const EntityRecognizer& recognizer, const std::vector<LabeledSentence>& gold);
/// The entities the recogniser finds in a labeled sentence, read with its tags and hints.
std::vector<EntitySpan> RecognizeSpans(const EntityRecognizer& recognizer, const LabeledSentence& sentence);
/// "P 0.812 R 0.790 F1 0.801; LOC P ...": all types, then each, then how many were found
/// inside other entities and the precision and F1 had they counted as wrong.
std::ostream& operator<<(std::ostream& out, const EntityScores& scores);

}  // namespace dossier::engine::syntax
