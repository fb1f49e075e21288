#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::engine::syntax {

/// A feature: a 64-bit hash of a template and its values. Hashes are computed with our own
/// functions (not std::hash or absl::Hash, which differ between builds or runs), so a saved
/// model means the same thing in every process.
using FeatureKey = uint64_t;

/// FNV-1a of a string: the value of a word-valued feature.
inline uint64_t HashText(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

/// Combines a feature's parts into one key (a splitmix64 finaliser over each part).
inline FeatureKey MixKey(uint64_t seed, uint64_t value) {
  uint64_t x = seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
template <typename... Values>
FeatureKey Key(uint64_t template_id, Values... values) {
  FeatureKey key = MixKey(0, template_id);
  ((key = MixKey(key, static_cast<uint64_t>(values))), ...);
  return key;
}

/// A trained linear classifier over hashed features: for each feature the classes it has a
/// weight for. Weights are 16-bit fixed-point with one scale, summed in integers. Features
/// that weigh most classes (the frequent ones) keep a dense row the compiler vectorises; the
/// rest list their classes. The file keeps each feature's full key, and loading builds a
/// half-empty open-addressing index of 32-bit fingerprints over them: a look-up that misses
/// (most do) stops after two or three slots. Immutable after loading; scoring is thread-safe.
class LinearModel {
 public:
  using FeatureWeights = std::vector<std::pair<FeatureKey, std::vector<std::pair<uint16_t, float>>>>;

  LinearModel() = default;
  /// Builds the model from (feature -> [(class, weight)]) lists.
  static LinearModel FromWeights(size_t class_count, const FeatureWeights& weights);

  size_t class_count() const { return class_count_; }
  size_t feature_count() const { return keys_.size(); }
  size_t weight_count() const { return entries_.size() + dense_.size(); }

  /// Adds the weights of `features` to `scores` (one per class, in the model's fixed-point
  /// units: only their order means anything).
  void Score(std::span<const FeatureKey> features, std::span<int32_t> scores) const;

  void Save(std::ostream& out) const;
  static absl::StatusOr<LinearModel> Load(std::istream& in);

 private:
  // A listed weight; the last of a feature's list has kLastEntry set in `label`.
  struct Entry {
    uint16_t label;
    int16_t value;
  };
  static constexpr uint16_t kLastEntry = 0x8000;
  static constexpr uint32_t kDenseRow = 0x80000000u;  // in a start: the rest is a row index

  // A feature's fingerprint and where its weights start, side by side so one cache line
  // answers a look-up.
  struct Slot {
    uint32_t fingerprint;
    uint32_t start;
  };
  static uint32_t Fingerprint(FeatureKey key) {
    auto fingerprint = static_cast<uint32_t>(key >> 32);
    return fingerprint == 0 ? 1 : fingerprint;  // 0 marks an empty slot
  }
  size_t HomeSlot(FeatureKey key) const {
    return static_cast<size_t>((static_cast<uint64_t>(static_cast<uint32_t>(key)) * slots_.size()) >> 32);
  }
  // The first weight of a feature: its dense row or its first entry.
  const void* Weights(uint32_t start) const {
    return start & kDenseRow ? static_cast<const void*>(dense_.data() + (start & ~kDenseRow) * class_count_)
                             : static_cast<const void*>(entries_.data() + start);
  }
  void BuildIndex();

  size_t class_count_ = 0;
  float scale_ = 1;               // weight = value * scale_ (kept for inspection; scoring needs no scale)
  std::vector<FeatureKey> keys_;  // saved: every feature's key and the start of its weights
  std::vector<uint32_t> starts_;
  std::vector<Entry> entries_;
  std::vector<int16_t> dense_;  // rows of class_count_ values
  std::vector<Slot> slots_;     // built on load
};

/// How a model is trained: passes over the data, the shuffling seed (training is
/// deterministic), and how small an averaged weight may be before it is dropped.
struct TrainingOptions {
  int epochs = 10;
  uint64_t seed = 1;
  float min_weight = 0;
};

/// Trains a LinearModel as an averaged multiclass perceptron (Collins 2002): on a mistake
/// the gold class's weights go up and the predicted class's go down; the model kept is the
/// average of the weights over every training step, which generalises far better than the
/// last ones.
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(size_t class_count) : class_count_(class_count) {}

  size_t class_count() const { return class_count_; }
  /// Current (not averaged) scores.
  void Score(std::span<const FeatureKey> features, std::span<float> scores) const;
  /// One training step: rewards `gold`, penalises `predicted` when they differ.
  void Update(std::span<const FeatureKey> features, size_t gold, size_t predicted);
  /// Counts one training example (for averaging) whether or not it was updated.
  void Tick() { ++clock_; }

  /// The averaged weights; weights whose magnitude is at most `min_weight` are dropped
  /// (most of them: a perceptron touches many weights a little).
  LinearModel Average(float min_weight = 0) const;

 private:
  struct Weight {
    uint16_t label;
    float value;
    double total;  // sum of value over the steps before `last_change`
    int64_t last_change;
  };
  void Add(FeatureKey feature, uint16_t label, float delta);

  size_t class_count_;
  int64_t clock_ = 0;
  absl::flat_hash_map<FeatureKey, std::vector<Weight>> weights_;
};

}  // namespace dossier::engine::syntax
