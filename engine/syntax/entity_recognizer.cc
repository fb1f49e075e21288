#include "engine/syntax/entity_recognizer.h"

#include <absl/container/flat_hash_map.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <istream>
#include <ostream>
#include <set>

#include "engine/syntax/linear_model.h"
#include "engine/syntax/model_io.h"

namespace dossier::engine::syntax {
namespace {

constexpr std::string_view kFormat = "dossier-entities/2";
constexpr size_t kFlagCount = 4;
constexpr size_t kHintCount = 16;

// y += W x for W stored column by column (`columns` of `rows` floats): an axpy per input,
// which the compiler vectorises without reordering any sum.
__attribute__((target_clones("avx2", "default"))) void AddProduct(float* y, const float* w, const float* x, size_t rows,
                                                                  size_t columns) {
  for (size_t c = 0; c < columns; ++c) {
    const float xc = x[c];
    if (xc == 0) continue;
    const float* column = w + c * rows;
    for (size_t r = 0; r < rows; ++r) y[r] += column[r] * xc;
  }
}

// tanh as a rational function (the float approximation Eigen uses, within a few ulp):
// branch-free, so the loops over a layer's units vectorise; std::tanh and std::exp took a
// third of the recogniser's time.
inline float Tanh(float x) {
  x = std::clamp(x, -7.90531110763549805f, 7.90531110763549805f);
  const float x2 = x * x;
  float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
  p = x2 * p + -8.60467152213735e-11f;
  p = x2 * p + 5.12229709037114e-08f;
  p = x2 * p + 1.48572235717979e-05f;
  p = x2 * p + 6.37261928875436e-04f;
  p = x2 * p + 4.89352455891786e-03f;
  p = x * p;
  float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
  q = x2 * q + 2.26843463243900e-03f;
  q = x2 * q + 4.89352518554385e-03f;
  return p / q;
}

inline float Sigmoid(float x) { return 0.5f * Tanh(0.5f * x) + 0.5f; }

// One LSTM step over `hidden` units: gates (i, f, g, o) in, state and output updated.
__attribute__((target_clones("avx2", "default"))) void LstmCells(const float* gates, float* state, float* output,
                                                                 size_t hidden) {
  for (size_t h = 0; h < hidden; ++h) {
    float i = Sigmoid(gates[h]), f = Sigmoid(gates[hidden + h]);
    float g = Tanh(gates[2 * hidden + h]), o = Sigmoid(gates[3 * hidden + h]);
    state[h] = f * state[h] + i * g;
    output[h] = o * Tanh(state[h]);
  }
}

template <typename T>
bool ReadValues(std::istream& in, std::vector<T>& values, size_t count) {
  values.resize(count);
  return static_cast<bool>(in.read(reinterpret_cast<char*>(values.data()), std::streamsize(count * sizeof(T))));
}

bool ReadU32(std::istream& in, uint32_t& value) {
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&value), sizeof value));
}

}  // namespace

// An embedding table stored as int8 rows with one scale each; row 0 is "unknown".
struct EmbeddingTable {
  size_t rows = 0, columns = 0;
  std::vector<int8_t> values;
  std::vector<float> scales;
  void Append(size_t row, float* out) const {
    const int8_t* values_row = values.data() + row * columns;
    for (size_t c = 0; c < columns; ++c) out[c] = float(values_row[c]) * scales[row];
  }
};

// One direction of the LSTM; matrices stored column by column (see AddProduct).
struct LstmWeights {
  size_t input = 0, hidden = 0;
  std::vector<float> input_weights;   // input x 4*hidden; gates i, f, g, o
  std::vector<float> hidden_weights;  // hidden x 4*hidden
  std::vector<float> bias;            // 4*hidden

  // Hidden states for the inputs in order (or reversed); `out` has a stride of `stride`.
  void Run(const std::vector<float>& inputs, size_t count, bool reversed, float* out, size_t stride) const {
    std::vector<float> gates(4 * hidden), state(hidden, 0), output(hidden, 0);
    for (size_t step = 0; step < count; ++step) {
      size_t t = reversed ? count - 1 - step : step;
      std::copy(bias.begin(), bias.end(), gates.begin());
      AddProduct(gates.data(), input_weights.data(), inputs.data() + t * input, 4 * hidden, input);
      AddProduct(gates.data(), hidden_weights.data(), output.data(), 4 * hidden, hidden);
      LstmCells(gates.data(), state.data(), output.data(), hidden);
      std::copy(output.begin(), output.end(), out + t * stride);
    }
  }
};

struct EntityRecognizer::Weights {
  absl::flat_hash_map<uint64_t, uint32_t> word_rows;  // HashText(word) -> row
  absl::flat_hash_map<uint64_t, uint32_t> shape_rows, prefix_rows, suffix2_rows, suffix3_rows;
  std::vector<std::string> upos;  // row - 1
  EmbeddingTable word, cluster, shape, prefix, suffix2, suffix3, upos_table;
  LstmWeights forward, backward;
  std::vector<float> output_weights;  // 2*hidden x labels
  std::vector<float> output_bias;
  std::vector<float> transitions;  // from x to
  std::vector<float> start, end;
  size_t input_size = 0;
};

EntityWordFeatures DescribeEntityWord(std::string_view form, const WordClusters* clusters) {
  WordAttributes attributes = DescribeWord(form, clusters);
  EntityWordFeatures features;
  features.word = LowerCase(FoldQuotes(form));
  features.cluster = static_cast<uint32_t>(attributes.cluster);
  features.shape = attributes.shape;
  features.prefix = attributes.prefix[2];
  features.suffix2 = attributes.suffix[1];
  features.suffix3 = attributes.suffix[2];
  features.flags = (attributes.capitalized ? 1 : 0) | (attributes.all_capitals ? 2 : 0) |
                   (attributes.has_digit ? 4 : 0) | (attributes.has_hyphen ? 8 : 0);
  return features;
}

std::vector<uint16_t> EntityRecognizer::Recognize(std::span<const EntityInput> words) const {
  const Weights& w = *weights_;
  const size_t n = words.size();
  if (n == 0) return {};
  // The input vector of each word.
  std::vector<float> inputs(n * w.input_size, 0);
  auto row = [](const absl::flat_hash_map<uint64_t, uint32_t>& rows, uint64_t key) -> size_t {
    auto it = rows.find(key);
    return it == rows.end() ? 0 : it->second;
  };
  for (size_t t = 0; t < n; ++t) {
    EntityWordFeatures features = DescribeEntityWord(words[t].form, clusters_.get());
    float* x = inputs.data() + t * w.input_size;
    w.word.Append(row(w.word_rows, HashText(features.word)), x), x += w.word.columns;
    w.cluster.Append(features.cluster < w.cluster.rows ? features.cluster : 0, x), x += w.cluster.columns;
    w.shape.Append(row(w.shape_rows, features.shape), x), x += w.shape.columns;
    w.prefix.Append(row(w.prefix_rows, features.prefix), x), x += w.prefix.columns;
    w.suffix2.Append(row(w.suffix2_rows, features.suffix2), x), x += w.suffix2.columns;
    w.suffix3.Append(row(w.suffix3_rows, features.suffix3), x), x += w.suffix3.columns;
    auto upos = std::find(w.upos.begin(), w.upos.end(), words[t].upos);
    w.upos_table.Append(upos == w.upos.end() ? 0 : size_t(upos - w.upos.begin()) + 1, x), x += w.upos_table.columns;
    for (size_t b = 0; b < kFlagCount; ++b) *x++ = (features.flags >> b) & 1 ? 1.0f : 0.0f;
    for (size_t b = 0; b < kHintCount; ++b) *x++ = (words[t].hints >> b) & 1 ? 1.0f : 0.0f;
  }
  // Both directions, then each label's score per word.
  const size_t hidden = w.forward.hidden, both = 2 * hidden, labels = labels_.size();
  std::vector<float> states(n * both);
  w.forward.Run(inputs, n, false, states.data(), both);
  w.backward.Run(inputs, n, true, states.data() + hidden, both);
  std::vector<float> emissions(n * labels);
  for (size_t t = 0; t < n; ++t) {
    std::copy(w.output_bias.begin(), w.output_bias.end(), emissions.begin() + long(t * labels));
    AddProduct(emissions.data() + t * labels, w.output_weights.data(), states.data() + t * both, labels, both);
  }
  // Viterbi over the CRF's transitions; the trained ones already keep "I-X" after X.
  std::vector<float> score(labels), next(labels);
  std::vector<uint16_t> back(n * labels, 0);
  for (size_t l = 0; l < labels; ++l) score[l] = w.start[l] + emissions[l];
  for (size_t t = 1; t < n; ++t) {
    for (size_t to = 0; to < labels; ++to) {
      size_t best = 0;
      for (size_t from = 1; from < labels; ++from) {
        if (score[from] + w.transitions[from * labels + to] > score[best] + w.transitions[best * labels + to]) {
          best = from;
        }
      }
      next[to] = score[best] + w.transitions[best * labels + to] + emissions[t * labels + to];
      back[t * labels + to] = static_cast<uint16_t>(best);
    }
    score.swap(next);
  }
  size_t last = 0;
  for (size_t l = 1; l < labels; ++l) {
    if (score[l] + w.end[l] > score[last] + w.end[last]) last = l;
  }
  std::vector<uint16_t> path(n);
  path[n - 1] = static_cast<uint16_t>(last);
  for (size_t t = n - 1; t > 0; --t) path[t - 1] = back[t * labels + path[t]];
  return path;
}

namespace {

bool ReadHashes(std::istream& in, absl::flat_hash_map<uint64_t, uint32_t>& rows) {
  uint32_t count = 0;
  std::vector<uint64_t> hashes;
  if (!ReadU32(in, count) || count > (1u << 24) || !ReadValues(in, hashes, count)) return false;
  for (uint32_t i = 0; i < count; ++i) rows.emplace(hashes[i], i + 1);
  return true;
}

// A tensor: its name, int8 rows with scales (kind 1) or float32 (kind 0), rows x columns.
struct Tensor {
  std::string name;
  uint32_t rows = 0, columns = 0;
  std::vector<float> values;  // float32 tensors
  EmbeddingTable table;       // int8 tensors
};

bool ReadTensor(std::istream& in, Tensor& tensor) {
  uint32_t kind = 0;
  if (!ReadString(in, tensor.name) || !ReadU32(in, kind) || !ReadU32(in, tensor.rows) || !ReadU32(in, tensor.columns) ||
      uint64_t{tensor.rows} * tensor.columns > (uint64_t{1} << 28)) {
    return false;
  }
  size_t count = size_t{tensor.rows} * tensor.columns;
  if (kind == 0) return ReadValues(in, tensor.values, count);
  tensor.table.rows = tensor.rows;
  tensor.table.columns = tensor.columns;
  return kind == 1 && ReadValues(in, tensor.table.scales, tensor.rows) && ReadValues(in, tensor.table.values, count);
}

}  // namespace

absl::StatusOr<EntityRecognizer> EntityRecognizer::Load(std::istream& in,
                                                        std::shared_ptr<const WordClusters> clusters) {
  auto corrupt = [](std::string_view what) {
    return absl::DataLossError(std::string("not a dossier entity model: ") + std::string(what));
  };
  EntityRecognizer recognizer;
  recognizer.clusters_ = std::move(clusters);
  auto weights = std::make_shared<Weights>();
  std::string format;
  std::vector<std::string> words;
  if (!ReadString(in, format) || format != kFormat) return corrupt("format");
  if (!ReadStrings(in, recognizer.labels_) || recognizer.labels_.empty() || recognizer.labels_[0] != "O") {
    return corrupt("labels");
  }
  if (!ReadStrings(in, words)) return corrupt("words");
  for (size_t i = 0; i < words.size(); ++i) weights->word_rows.emplace(HashText(words[i]), uint32_t(i + 1));
  if (!ReadHashes(in, weights->shape_rows) || !ReadHashes(in, weights->prefix_rows) ||
      !ReadHashes(in, weights->suffix2_rows) || !ReadHashes(in, weights->suffix3_rows) ||
      !ReadStrings(in, weights->upos)) {
    return corrupt("vocabularies");
  }
  std::map<std::string, Tensor> tensors;
  uint32_t count = 0;
  if (!ReadU32(in, count) || count > 64) return corrupt("tensor count");
  for (uint32_t i = 0; i < count; ++i) {
    Tensor tensor;
    if (!ReadTensor(in, tensor)) return corrupt("tensor");
    tensors[tensor.name] = std::move(tensor);
  }
  const size_t labels = recognizer.labels_.size();
  // Every tensor present with the shape the others imply.
  auto table = [&](const char* name, size_t rows, EmbeddingTable& out) {
    auto it = tensors.find(name);
    if (it == tensors.end() || it->second.table.values.empty() || (rows != 0 && it->second.rows != rows)) return false;
    out = std::move(it->second.table);
    weights->input_size += out.columns;
    return true;
  };
  auto matrix = [&](const std::string& name, size_t rows, size_t columns, std::vector<float>& out) {
    auto it = tensors.find(name);
    if (it == tensors.end() || it->second.rows != rows || it->second.columns != columns) return false;
    out = std::move(it->second.values);
    return true;
  };
  if (!table("word", words.size() + 1, weights->word) || !table("cluster", 0, weights->cluster) ||
      !table("shape", weights->shape_rows.size() + 1, weights->shape) ||
      !table("prefix", weights->prefix_rows.size() + 1, weights->prefix) ||
      !table("suffix2", weights->suffix2_rows.size() + 1, weights->suffix2) ||
      !table("suffix3", weights->suffix3_rows.size() + 1, weights->suffix3) ||
      !table("upos", weights->upos.size() + 1, weights->upos_table)) {
    return corrupt("embeddings");
  }
  weights->input_size += kFlagCount + kHintCount;
  auto lstm = [&](const std::string& direction, LstmWeights& out) {
    auto it = tensors.find(direction + ".hidden");
    if (it == tensors.end()) return false;
    out.hidden = it->second.rows;
    out.input = weights->input_size;
    return out.hidden > 0 && matrix(direction + ".hidden", out.hidden, 4 * out.hidden, out.hidden_weights) &&
           matrix(direction + ".input", out.input, 4 * out.hidden, out.input_weights) &&
           matrix(direction + ".bias", 1, 4 * out.hidden, out.bias);
  };
  if (!lstm("forward", weights->forward) || !lstm("backward", weights->backward) ||
      weights->backward.hidden != weights->forward.hidden) {
    return corrupt("LSTM");
  }
  if (!matrix("output", 2 * weights->forward.hidden, labels, weights->output_weights) ||
      !matrix("output.bias", 1, labels, weights->output_bias) ||
      !matrix("transitions", labels, labels, weights->transitions) || !matrix("start", 1, labels, weights->start) ||
      !matrix("end", 1, labels, weights->end)) {
    return corrupt("output layer");
  }
  recognizer.weights_ = std::move(weights);
  return recognizer;
}

std::vector<EntitySpan> EntitySpans(std::span<const std::string> labels) {
  std::vector<EntitySpan> spans;
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i];
    if (label.size() < 3 || label[1] != '-') continue;
    std::string type = label.substr(2);
    bool continues = label[0] == 'I' && !spans.empty() && spans.back().end == i && spans.back().type == type;
    if (continues) {
      spans.back().end = i + 1;
    } else {
      spans.push_back({i, i + 1, type});
    }
  }
  return spans;
}

std::vector<EntitySpan> RecognizeSpans(const EntityRecognizer& recognizer, const LabeledSentence& sentence) {
  std::vector<EntityInput> inputs;
  for (size_t i = 0; i < sentence.words.size(); ++i) {
    inputs.push_back({sentence.words[i], i < sentence.upos.size() ? sentence.upos[i] : std::string_view(),
                      i < sentence.hints.size() ? sentence.hints[i] : 0});
  }
  std::vector<std::string> predicted;
  for (uint16_t label : recognizer.Recognize(inputs)) predicted.emplace_back(recognizer.Label(label));
  return EntitySpans(predicted);
}

EntityScores ScoreEntities(const EntityRecognizer& recognizer, const std::vector<LabeledSentence>& gold) {
  EntityScores scores;
  for (const auto& sentence : gold) {
    std::vector<EntitySpan> gold_spans = EntitySpans(sentence.labels);
    std::set<EntitySpan> gold_set(gold_spans.begin(), gold_spans.end());
    for (const EntitySpan& span : gold_spans) ++scores.by_type[span.type].gold;
    for (const EntitySpan& span : RecognizeSpans(recognizer, sentence)) {
      bool inside_other = span.end <= sentence.other_entity.size() &&
                          std::all_of(sentence.other_entity.begin() + long(span.start),
                                      sentence.other_entity.begin() + long(span.end), [](bool other) { return other; });
      if (inside_other) {
        ++scores.inside_other_entities;
        continue;
      }
      ++scores.by_type[span.type].predicted;
      if (gold_set.contains(span)) ++scores.by_type[span.type].correct;
    }
  }
  for (const auto& [type, counts] : scores.by_type) {
    scores.total.gold += counts.gold;
    scores.total.predicted += counts.predicted;
    scores.total.correct += counts.correct;
  }
  return scores;
}

double EntityScores::Counts::precision() const { return predicted ? double(correct) / double(predicted) : 0; }
double EntityScores::Counts::recall() const { return gold ? double(correct) / double(gold) : 0; }
double EntityScores::Counts::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

std::ostream& operator<<(std::ostream& out, const EntityScores& scores) {
  auto counts = [&](const EntityScores::Counts& c) -> std::ostream& {
    char text[64];
    std::snprintf(text, sizeof text, "P %.3f R %.3f F1 %.3f", c.precision(), c.recall(), c.f1());
    return out << text;
  };
  counts(scores.total);
  for (const auto& [type, c] : scores.by_type) {
    out << "; " << type << " ";
    counts(c);
  }
  if (scores.inside_other_entities > 0) {
    EntityScores::Counts strict = scores.total;
    strict.predicted += scores.inside_other_entities;
    char text[96];
    std::snprintf(text, sizeof text, "; %zu inside entities of other types (counted wrong: P %.3f F1 %.3f)",
                  scores.inside_other_entities, strict.precision(), strict.f1());
    out << text;
  }
  return out;
}

}  // namespace dossier::engine::syntax
