#include "engine/syntax/tagger.h"

#include <algorithm>
#include <istream>
#include <map>
#include <ostream>
#include <random>

#include "dossier/common/strings.h"
#include "engine/syntax/model_io.h"
#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {
namespace {

constexpr std::string_view kFormat = "dossier-tagger/1";

// Feature templates; each value is a distinct seed for the key.
enum Template : uint64_t {
  kBias = 100,
  kLower,
  kForm,
  kSuffix,  // + length 1-4: kSuffix .. kSuffix + 3
  kPrefix = kSuffix + 4,
  kShape = kPrefix + 3,
  kFlags,
  kPreviousLower,
  kBeforePreviousLower,
  kNextLower,
  kAfterNextLower,
  kPreviousSuffix,
  kNextSuffix,
  kPreviousTag,
  kBeforePreviousTag,
  kPreviousTags,
  kPreviousTagLower,
  kPreviousTagSuffix,
  kPreviousLowerLower,
  kLowerNextLower,
  kPreviousShape,
  kNextShape,
  kFirstWordShape,
  kNextClass,
  kAfterNextClass,
  kNextClasses,
  kPreviousTagNextClass,
  kLowerNextClass,
  kCluster,
  kPreviousCluster,
  kNextCluster,
  kAfterNextCluster,
  kClusterNextCluster,
  kPreviousTagCluster,
  kPreviousClusterCluster,
};

// The words of one sentence described once, with padding values before and after it.
class SentenceFeatures {
 public:
  SentenceFeatures(std::span<const std::string_view> words, const AmbiguityClasses& classes,
                   const WordClusters* clusters) {
    words_.reserve(words.size());
    classes_.reserve(words.size());
    for (std::string_view word : words) {
      words_.push_back(DescribeWord(word, clusters));
      auto it = classes.find(words_.back().lower);
      classes_.push_back(it == classes.end() ? MixKey(words_.back().shape, 77) : it->second);
    }
  }

  size_t size() const { return words_.size(); }

  // Features of word i given the labels of the two words before it (`kStart` at the start).
  void Collect(size_t i, uint32_t previous, uint32_t before_previous, std::vector<FeatureKey>& out) const {
    out.clear();
    const WordAttributes& w = words_[i];
    uint64_t previous_lower = LowerAt(i, -1), next_lower = LowerAt(i, 1);
    out.push_back(Key(kBias));
    out.push_back(Key(kLower, w.lower));
    out.push_back(Key(kForm, w.form));
    for (uint64_t n = 0; n < 4; ++n) out.push_back(Key(kSuffix + n, w.suffix[n]));
    for (uint64_t n = 0; n < 3; ++n) out.push_back(Key(kPrefix + n, w.prefix[n]));
    out.push_back(Key(kShape, w.shape));
    out.push_back(Key(kFlags, w.capitalized, w.has_digit, w.has_hyphen, i == 0));
    out.push_back(Key(kPreviousLower, previous_lower));
    out.push_back(Key(kBeforePreviousLower, LowerAt(i, -2)));
    out.push_back(Key(kNextLower, next_lower));
    out.push_back(Key(kAfterNextLower, LowerAt(i, 2)));
    out.push_back(Key(kPreviousSuffix, i > 0 ? words_[i - 1].suffix[2] : 0));
    out.push_back(Key(kNextSuffix, i + 1 < size() ? words_[i + 1].suffix[2] : 0));
    out.push_back(Key(kPreviousTag, previous));
    out.push_back(Key(kBeforePreviousTag, before_previous));
    out.push_back(Key(kPreviousTags, previous, before_previous));
    out.push_back(Key(kPreviousTagLower, previous, w.lower));
    out.push_back(Key(kPreviousTagSuffix, previous, w.suffix[2]));
    out.push_back(Key(kPreviousLowerLower, previous_lower, w.lower));
    out.push_back(Key(kLowerNextLower, w.lower, next_lower));
    out.push_back(Key(kPreviousShape, i > 0 ? words_[i - 1].shape : 0, w.shape));
    out.push_back(Key(kNextShape, w.shape, i + 1 < size() ? words_[i + 1].shape : 0));
    if (i == 0) out.push_back(Key(kFirstWordShape, w.shape, w.lower));
    uint64_t next_class = ClassAt(i, 1), after_next_class = ClassAt(i, 2);
    out.push_back(Key(kNextClass, next_class));
    out.push_back(Key(kAfterNextClass, after_next_class));
    out.push_back(Key(kNextClasses, next_class, after_next_class));
    out.push_back(Key(kPreviousTagNextClass, previous, next_class));
    out.push_back(Key(kLowerNextClass, w.lower, next_class));
    uint64_t previous_cluster = ClusterAt(i, -1), next_cluster = ClusterAt(i, 1);
    out.push_back(Key(kCluster, w.cluster));
    out.push_back(Key(kPreviousCluster, previous_cluster));
    out.push_back(Key(kNextCluster, next_cluster));
    out.push_back(Key(kAfterNextCluster, ClusterAt(i, 2)));
    out.push_back(Key(kClusterNextCluster, w.cluster, next_cluster));
    out.push_back(Key(kPreviousTagCluster, previous, w.cluster));
    out.push_back(Key(kPreviousClusterCluster, previous_cluster, w.cluster));
  }

 private:
  // The lower-case form `offset` words away; distinct padding values outside the sentence.
  uint64_t LowerAt(size_t i, int offset) const {
    auto j = static_cast<int64_t>(i) + offset;
    if (j < 0) return 1 + static_cast<uint64_t>(-j);
    if (j >= static_cast<int64_t>(size())) return 10 + static_cast<uint64_t>(j - static_cast<int64_t>(size()));
    return words_[static_cast<size_t>(j)].lower;
  }

  uint64_t ClusterAt(size_t i, int offset) const {
    auto j = static_cast<int64_t>(i) + offset;
    if (j < 0 || j >= static_cast<int64_t>(size())) return 0x10000 + static_cast<uint64_t>(offset + 2);
    return words_[static_cast<size_t>(j)].cluster;
  }
  uint64_t ClassAt(size_t i, size_t offset) const { return i + offset < size() ? classes_[i + offset] : offset; }

  std::vector<WordAttributes> words_;
  std::vector<uint64_t> classes_;
};

std::vector<std::string_view> Forms(const ConlluSentence& sentence) {
  std::vector<std::string_view> forms;
  forms.reserve(sentence.words.size());
  for (const auto& word : sentence.words) forms.push_back(word.form);
  return forms;
}

// Words seen at least kMinCount times get the set of labels they took at least a tenth of
// the time.
AmbiguityClasses CountAmbiguityClasses(const std::vector<ConlluSentence>& train,
                                       const std::map<std::pair<std::string, std::string>, uint16_t>& label_of) {
  constexpr int kMinCount = 3;
  absl::flat_hash_map<uint64_t, std::map<uint16_t, int>> counts;
  for (const auto& sentence : train) {
    for (const auto& word : sentence.words) {
      ++counts[DescribeWord(word.form).lower][label_of.at({word.upos, word.xpos})];
    }
  }
  AmbiguityClasses classes;
  for (const auto& [lower, labels] : counts) {
    int total = 0;
    for (const auto& [label, count] : labels) total += count;
    if (total < kMinCount) continue;
    uint64_t key = 0x5eed;
    for (const auto& [label, count] : labels) {
      if (count * 10 >= total) key = MixKey(key, label);
    }
    classes.emplace(lower, key);
  }
  return classes;
}

template <typename Score>
size_t Argmax(const std::vector<Score>& scores) {
  return static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

// Greedy left-to-right tagging with any scorer (the trainer's current weights or a model).
template <typename Score, typename Scorer>
std::vector<uint16_t> TagWith(const SentenceFeatures& features, size_t label_count, const Scorer& score,
                              const std::vector<uint16_t>* gold = nullptr, PerceptronTrainer* trainer = nullptr) {
  const auto start = static_cast<uint32_t>(label_count);
  std::vector<uint16_t> labels;
  labels.reserve(features.size());
  std::vector<FeatureKey> keys;
  std::vector<Score> scores(label_count);
  for (size_t i = 0; i < features.size(); ++i) {
    uint32_t previous = i >= 1 ? labels[i - 1] : start;
    uint32_t before_previous = i >= 2 ? labels[i - 2] : start + 1;
    features.Collect(i, previous, before_previous, keys);
    std::fill(scores.begin(), scores.end(), Score{0});
    score(keys, scores);
    auto predicted = static_cast<uint16_t>(Argmax(scores));
    if (trainer) {
      trainer->Update(keys, (*gold)[i], predicted);
      trainer->Tick();
    }
    labels.push_back(predicted);
  }
  return labels;
}

}  // namespace

Tagger Tagger::Train(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                     const Options& options, std::shared_ptr<const WordClusters> clusters, std::ostream& log) {
  Tagger tagger;
  tagger.clusters_ = std::move(clusters);
  std::map<std::pair<std::string, std::string>, uint16_t> label_of;
  for (const auto& sentence : train) {
    for (const auto& word : sentence.words) label_of.emplace(std::pair{word.upos, word.xpos}, 0);
  }
  for (auto& [tags, label] : label_of) {
    label = static_cast<uint16_t>(tagger.upos_.size());
    tagger.upos_.push_back(tags.first);
    tagger.xpos_.push_back(tags.second);
  }
  tagger.classes_ = CountAmbiguityClasses(train, label_of);
  std::vector<SentenceFeatures> features;
  std::vector<std::vector<uint16_t>> gold;
  for (const auto& sentence : train) {
    features.emplace_back(Forms(sentence), tagger.classes_, tagger.clusters_.get());
    auto& labels = gold.emplace_back();
    for (const auto& word : sentence.words) labels.push_back(label_of.at({word.upos, word.xpos}));
  }
  PerceptronTrainer trainer(tagger.upos_.size());
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  auto current = [&trainer](const std::vector<FeatureKey>& keys, std::vector<float>& scores) {
    trainer.Score(keys, scores);
  };
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    ShuffleDeterministically(order, random);
    for (size_t s : order) TagWith<float>(features[s], tagger.upos_.size(), current, &gold[s], &trainer);
    tagger.model_ = trainer.Average(options.min_weight);
    if (dev.empty()) continue;
    TaggingAccuracy accuracy = ScoreTagger(tagger, dev);
    log << "tagger epoch " << epoch << ": dev UPOS "
        << strings::Cat(static_cast<double>(accuracy.upos_correct) / std::max<size_t>(accuracy.words, 1)) << " XPOS "
        << strings::Cat(static_cast<double>(accuracy.xpos_correct) / std::max<size_t>(accuracy.words, 1)) << ", "
        << tagger.model_.feature_count() << " features" << std::endl;
  }
  return tagger;
}

std::vector<uint16_t> Tagger::Tag(std::span<const std::string_view> words) const {
  SentenceFeatures features(words, classes_, clusters_.get());
  return TagWith<int32_t>(
      features, label_count(),
      [this](const std::vector<FeatureKey>& keys, std::vector<int32_t>& scores) { model_.Score(keys, scores); });
}

void Tagger::Save(std::ostream& out) const {
  WriteString(out, kFormat);
  WriteStrings(out, upos_);
  WriteStrings(out, xpos_);
  std::vector<std::pair<uint64_t, uint64_t>> classes(classes_.begin(), classes_.end());
  std::sort(classes.begin(), classes.end());
  WritePairs(out, classes);
  model_.Save(out);
}

absl::StatusOr<Tagger> Tagger::Load(std::istream& in, std::shared_ptr<const WordClusters> clusters) {
  Tagger tagger;
  tagger.clusters_ = std::move(clusters);
  std::string format;
  if (!ReadString(in, format) || format != kFormat) return absl::DataLossError("not a dossier tagger model");
  if (!ReadStrings(in, tagger.upos_) || !ReadStrings(in, tagger.xpos_) || tagger.upos_.size() != tagger.xpos_.size()) {
    return absl::DataLossError("tagger model: bad label table");
  }
  std::vector<std::pair<uint64_t, uint64_t>> classes;
  if (!ReadPairs(in, classes)) return absl::DataLossError("tagger model: bad ambiguity classes");
  tagger.classes_.insert(classes.begin(), classes.end());
  auto model = LinearModel::Load(in);
  if (!model.ok()) return model.status();
  if (model->class_count() != tagger.upos_.size()) return absl::DataLossError("tagger model: label count mismatch");
  tagger.model_ = *std::move(model);
  return tagger;
}

void Retag(const Tagger& tagger, std::vector<ConlluSentence>& sentences) {
  for (auto& sentence : sentences) {
    std::vector<std::string_view> forms = Forms(sentence);
    std::vector<uint16_t> labels = tagger.Tag(forms);
    for (size_t i = 0; i < labels.size(); ++i) {
      sentence.words[i].upos = tagger.Upos(labels[i]);
      sentence.words[i].xpos = tagger.Xpos(labels[i]);
    }
  }
}

TaggingAccuracy ScoreTagger(const Tagger& tagger, const std::vector<ConlluSentence>& gold) {
  TaggingAccuracy accuracy;
  for (const auto& sentence : gold) {
    std::vector<std::string_view> forms = Forms(sentence);
    std::vector<uint16_t> labels = tagger.Tag(forms);
    for (size_t i = 0; i < labels.size(); ++i) {
      bool upos = tagger.Upos(labels[i]) == sentence.words[i].upos;
      bool xpos = tagger.Xpos(labels[i]) == sentence.words[i].xpos;
      ++accuracy.words;
      accuracy.upos_correct += upos;
      accuracy.xpos_correct += xpos;
      accuracy.both_correct += upos && xpos;
    }
  }
  return accuracy;
}

}  // namespace dossier::engine::syntax
