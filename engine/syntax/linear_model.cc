#include "engine/syntax/linear_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <istream>
#include <ostream>

namespace dossier::engine::syntax {
namespace {

// A feature with weights for more than 1/kDenseFraction of the classes is stored as a row:
// adding a row of 16-bit values runs several values per instruction, a list one entry at a
// time (measured with callgrind on the parser: rows win above about 1/6).
constexpr size_t kDenseFraction = 6;

// Built for AVX2 and for the baseline, picked at load time by the CPU (GCC's target_clones).
__attribute__((target_clones("avx2", "default"))) void AddRow(int32_t* scores, const int16_t* row, size_t count) {
  for (size_t c = 0; c < count; ++c) scores[c] += row[c];
}

constexpr char kMagic[4] = {'D', 'L', 'M', '4'};

template <typename T>
void WritePod(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}
template <typename T>
void WriteVector(std::ostream& out, const std::vector<T>& values) {
  WritePod<uint64_t>(out, values.size());
  out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(T)));
}
template <typename T>
bool ReadPod(std::istream& in, T& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof(T)));
}
template <typename T>
bool ReadVector(std::istream& in, std::vector<T>& values, uint64_t max_size) {
  uint64_t size = 0;
  if (!ReadPod(in, size) || size > max_size) return false;
  values.resize(size);
  return static_cast<bool>(
      in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(size * sizeof(T))));
}

}  // namespace

LinearModel LinearModel::FromWeights(size_t class_count, const FeatureWeights& weights) {
  LinearModel model;
  model.class_count_ = class_count;
  float largest = 0;
  for (const auto& [key, list] : weights) {
    for (const auto& [label, value] : list) largest = std::max(largest, std::fabs(value));
  }
  model.scale_ = largest > 0 ? largest / 32767.0f : 1.0f;
  auto quantized = [&](float value) { return static_cast<int16_t>(std::lround(value / model.scale_)); };
  for (const auto& [key, list] : weights) {
    if (list.empty()) continue;
    model.keys_.push_back(key);
    if (list.size() * kDenseFraction > class_count) {
      model.starts_.push_back(kDenseRow | static_cast<uint32_t>(model.dense_.size() / class_count));
      model.dense_.resize(model.dense_.size() + class_count, 0);
      int16_t* row = model.dense_.data() + model.dense_.size() - class_count;
      for (auto [label, value] : list) row[label] = quantized(value);
    } else {
      model.starts_.push_back(static_cast<uint32_t>(model.entries_.size()));
      for (auto [label, value] : list) model.entries_.push_back({label, quantized(value)});
      model.entries_.back().label |= kLastEntry;
    }
  }
  model.BuildIndex();
  return model;
}

void LinearModel::BuildIndex() {
  // Half empty: with linear probing a miss then walks about 2.5 slots.
  slots_.assign(std::max<size_t>(16, keys_.size() * 2 + 1), Slot{0, 0});
  for (size_t f = 0; f < keys_.size(); ++f) {
    size_t slot = HomeSlot(keys_[f]);
    while (slots_[slot].fingerprint != 0) slot = slot + 1 == slots_.size() ? 0 : slot + 1;
    slots_[slot] = {Fingerprint(keys_[f]), starts_[f]};
  }
}

void LinearModel::Score(std::span<const FeatureKey> features, std::span<int32_t> scores) const {
  if (slots_.empty()) return;
  // Most look-ups miss the cache (the tables are megabytes): ask for a batch of home slots
  // and then for the weights they point to before using any, so the misses overlap.
  constexpr size_t kBatch = 64;
  const Slot* found[kBatch];
  for (size_t begin = 0; begin < features.size(); begin += kBatch) {
    size_t count = std::min(kBatch, features.size() - begin);
    for (size_t i = 0; i < count; ++i) __builtin_prefetch(&slots_[HomeSlot(features[begin + i])]);
    for (size_t i = 0; i < count; ++i) {
      FeatureKey feature = features[begin + i];
      uint32_t fingerprint = Fingerprint(feature);
      size_t slot = HomeSlot(feature);
      while (slots_[slot].fingerprint != fingerprint && slots_[slot].fingerprint != 0) {
        slot = slot + 1 == slots_.size() ? 0 : slot + 1;
      }
      found[i] = slots_[slot].fingerprint == 0 ? nullptr : &slots_[slot];
      if (!found[i]) continue;
      const char* weights = static_cast<const char*>(Weights(found[i]->start));
      size_t bytes = found[i]->start & kDenseRow ? class_count_ * sizeof(int16_t) : sizeof(Entry);
      for (size_t line = 0; line < bytes; line += 64) __builtin_prefetch(weights + line);
    }
    for (size_t i = 0; i < count; ++i) {
      if (!found[i]) continue;
      uint32_t start = found[i]->start;
      if (start & kDenseRow) {
        AddRow(scores.data(), static_cast<const int16_t*>(Weights(start)), class_count_);
        continue;
      }
      for (const Entry* entry = entries_.data() + start;; ++entry) {
        scores[entry->label & ~kLastEntry] += entry->value;
        if (entry->label & kLastEntry) break;
      }
    }
  }
}

void LinearModel::Save(std::ostream& out) const {
  out.write(kMagic, sizeof(kMagic));
  WritePod<uint64_t>(out, class_count_);
  WritePod<float>(out, scale_);
  WriteVector(out, keys_);
  WriteVector(out, starts_);
  WriteVector(out, entries_);
  WriteVector(out, dense_);
}

absl::StatusOr<LinearModel> LinearModel::Load(std::istream& in) {
  char magic[4];
  LinearModel model;
  uint64_t class_count = 0;
  constexpr uint64_t kMaxEntries = uint64_t{1} << 31;
  if (!in.read(magic, sizeof(magic)) || !std::equal(magic, magic + 4, kMagic) || !ReadPod(in, class_count) ||
      !ReadPod(in, model.scale_) || !ReadVector(in, model.keys_, kMaxEntries) ||
      !ReadVector(in, model.starts_, kMaxEntries) || !ReadVector(in, model.entries_, kMaxEntries) ||
      !ReadVector(in, model.dense_, kMaxEntries)) {
    return absl::DataLossError("not a linear model, or a truncated one");
  }
  model.class_count_ = class_count;
  if (class_count == 0 || class_count >= kLastEntry || model.dense_.size() % class_count != 0 ||
      model.keys_.size() != model.starts_.size()) {
    return absl::DataLossError("linear model tables are inconsistent");
  }
  // Every list must end inside the entries and every row inside the dense table, so
  // scoring a damaged file cannot read out of bounds.
  if (!model.entries_.empty() && !(model.entries_.back().label & kLastEntry)) {
    return absl::DataLossError("linear model: unterminated weight list");
  }
  for (const Entry& entry : model.entries_) {
    if ((entry.label & ~kLastEntry) >= class_count) return absl::DataLossError("linear model: class out of range");
  }
  for (uint32_t start : model.starts_) {
    bool fits = start & kDenseRow ? static_cast<size_t>(start & ~kDenseRow) < model.dense_.size() / class_count
                                  : start < model.entries_.size();
    if (!fits) return absl::DataLossError("linear model: weights out of range");
  }
  model.BuildIndex();
  return model;
}

void PerceptronTrainer::Score(std::span<const FeatureKey> features, std::span<float> scores) const {
  for (FeatureKey feature : features) {
    auto it = weights_.find(feature);
    if (it == weights_.end()) continue;
    for (const Weight& weight : it->second) scores[weight.label] += weight.value;
  }
}

void PerceptronTrainer::Add(FeatureKey feature, uint16_t label, float delta) {
  auto& list = weights_[feature];
  auto it = std::find_if(list.begin(), list.end(), [&](const Weight& w) { return w.label == label; });
  if (it == list.end()) {
    list.push_back({label, 0, 0, clock_});
    it = list.end() - 1;
  }
  it->total += static_cast<double>(clock_ - it->last_change) * it->value;
  it->last_change = clock_;
  it->value += delta;
}

void PerceptronTrainer::Update(std::span<const FeatureKey> features, size_t gold, size_t predicted) {
  if (gold == predicted) return;
  for (FeatureKey feature : features) {
    Add(feature, static_cast<uint16_t>(gold), 1);
    Add(feature, static_cast<uint16_t>(predicted), -1);
  }
}

LinearModel PerceptronTrainer::Average(float min_weight) const {
  LinearModel::FeatureWeights averaged;
  averaged.reserve(weights_.size());
  double steps = static_cast<double>(std::max<int64_t>(clock_, 1));
  for (const auto& [feature, list] : weights_) {
    std::vector<std::pair<uint16_t, float>> kept;
    for (const Weight& w : list) {
      double total = w.total + static_cast<double>(clock_ - w.last_change) * w.value;
      auto average = static_cast<float>(total / steps);
      if (std::fabs(average) > min_weight) kept.emplace_back(w.label, average);
    }
    if (!kept.empty()) averaged.emplace_back(feature, std::move(kept));
  }
  // The hash map's order differs between runs of different builds; sorting keeps the saved
  // model byte-identical for the same training run.
  std::sort(averaged.begin(), averaged.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return LinearModel::FromWeights(class_count_, averaged);
}

}  // namespace dossier::engine::syntax
