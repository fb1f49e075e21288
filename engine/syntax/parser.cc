#include "engine/syntax/parser.h"

#include <algorithm>
#include <istream>
#include <map>
#include <ostream>
#include <random>
#include <set>

#include "dossier/common/strings.h"
#include "engine/syntax/model_io.h"
#include "engine/syntax/parser_state.h"
#include "engine/syntax/transitions.h"

namespace dossier::engine::syntax {
namespace {

constexpr std::string_view kFormat = "dossier-parser/1";

// Some transition is always valid (a shift while words are left, else an arc: the root's
// with one word on the stack, another label's with more), given a label besides the root.
template <typename Score>
size_t BestValid(const ParserState& state, const std::vector<Score>& scores, uint16_t root_label) {
  size_t best = SIZE_MAX;
  for (size_t t = 0; t < scores.size(); ++t) {
    if (IsValid(state, t, root_label) && (best == SIZE_MAX || scores[t] > scores[best])) best = t;
  }
  return best;
}

std::vector<ParserInput> Inputs(const ConlluSentence& sentence) {
  std::vector<ParserInput> inputs;
  inputs.reserve(sentence.words.size());
  for (const auto& word : sentence.words) inputs.push_back({word.form, word.upos, word.xpos});
  return inputs;
}

}  // namespace

size_t Projectivize(std::vector<int>& heads) {
  auto dominates = [&](int ancestor, int node) {  // heads is 1-based: heads[word - 1]
    for (int steps = 0; node != 0 && steps <= static_cast<int>(heads.size()); ++steps) {
      if (node == ancestor) return true;
      node = heads[node - 1];
    }
    return ancestor == 0;
  };
  auto projective = [&](int dependent) {
    int head = heads[dependent - 1];
    for (int k = std::min(head, dependent) + 1; k < std::max(head, dependent); ++k) {
      if (!dominates(head, k)) return false;
    }
    return true;
  };
  size_t lifted = 0;
  for (bool changed = true; changed;) {
    changed = false;
    // Lift the shortest non-projective arc first.
    int shortest = 0;
    int shortest_length = INT32_MAX;
    for (int word = 1; word <= static_cast<int>(heads.size()); ++word) {
      int head = heads[word - 1];
      if (head == 0 || projective(word)) continue;
      if (std::abs(head - word) < shortest_length) {
        shortest = word;
        shortest_length = std::abs(head - word);
      }
    }
    if (shortest != 0) {
      int grandparent = heads[heads[shortest - 1] - 1];
      if (grandparent == heads[shortest - 1]) break;  // only a cyclic tree gets here; ReadConllu refuses those
      heads[shortest - 1] = grandparent;
      ++lifted;
      changed = true;
    }
  }
  return lifted;
}

Parser Parser::Train(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                     const Options& options, std::shared_ptr<const WordClusters> clusters, std::ostream& log) {
  Parser parser;
  parser.clusters_ = std::move(clusters);
  std::set<std::string> label_names;
  for (const auto& sentence : train) {
    for (const auto& word : sentence.words) label_names.insert(word.deprel);
  }
  parser.labels_.assign(label_names.begin(), label_names.end());
  std::map<std::string, uint16_t> label_of;
  for (size_t l = 0; l < parser.labels_.size(); ++l) label_of[parser.labels_[l]] = static_cast<uint16_t>(l);
  parser.root_label_ = label_of.at("root");

  std::vector<GoldTree> gold;
  std::vector<std::vector<ParserInput>> inputs;
  size_t lifted = 0;
  for (const auto& sentence : train) {
    GoldTree tree;
    std::vector<int> heads;
    for (const auto& word : sentence.words) heads.push_back(word.head);
    lifted += Projectivize(heads);
    tree.heads.push_back(0);
    tree.labels.push_back(0);
    for (size_t w = 0; w < heads.size(); ++w) {
      tree.heads.push_back(heads[w]);
      tree.labels.push_back(label_of.at(sentence.words[w].deprel));
    }
    gold.push_back(std::move(tree));
    inputs.push_back(Inputs(sentence));
  }
  log << "parser: " << train.size() << " training sentences, " << lifted << " non-projective arcs lifted, "
      << parser.labels_.size() << " labels" << std::endl;

  size_t transition_count = 1 + 2 * parser.labels_.size();
  PerceptronTrainer trainer(transition_count);
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937_64 random(options.seed);
  std::vector<FeatureKey> features;
  std::vector<float> scores(transition_count);
  std::vector<int> costs(transition_count);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    ShuffleDeterministically(order, random);
    bool explore = epoch >= options.explore_from_epoch;
    for (size_t s : order) {
      if (inputs[s].empty()) continue;
      ParserState state(inputs[s], parser.clusters_.get());
      DynamicOracle oracle(gold[s]);
      while (!state.Terminal()) {
        state.CollectFeatures(features);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.Score(features, scores);
        int min_cost = INT32_MAX;
        for (size_t t = 0; t < transition_count; ++t) {
          costs[t] = IsValid(state, t, parser.root_label_) ? oracle.Cost(state, t) : INT32_MAX;
          min_cost = std::min(min_cost, costs[t]);
        }
        size_t predicted = BestValid(state, scores, parser.root_label_);
        size_t best_correct = SIZE_MAX;
        for (size_t t = 0; t < transition_count; ++t) {
          if (costs[t] == min_cost && (best_correct == SIZE_MAX || scores[t] > scores[best_correct])) best_correct = t;
        }
        bool wrong = costs[predicted] > min_cost;
        if (wrong) trainer.Update(features, best_correct, predicted);
        trainer.Tick();
        bool follow_mistake =
            wrong && explore && static_cast<double>(random() >> 11) * 0x1.0p-53 < options.explore_probability;
        Apply(state, wrong && !follow_mistake ? best_correct : predicted);
      }
    }
    parser.model_ = trainer.Average(options.min_weight);
    if (dev.empty()) continue;
    AttachmentScore score = ScoreParser(parser, dev);
    double words = static_cast<double>(std::max<size_t>(score.words, 1));
    log << "parser epoch " << epoch << ": dev UAS " << score.head_correct / words << " LAS "
        << score.labeled_correct / words << ", " << parser.model_.feature_count() << " features, "
        << parser.model_.weight_count() << " weights" << std::endl;
  }
  return parser;
}

std::vector<Arc> Parser::Parse(std::span<const ParserInput> words) const {
  std::vector<Arc> arcs(words.size());
  if (words.empty()) return arcs;
  ParserState state(words, clusters_.get());
  std::vector<FeatureKey> features;
  std::vector<int32_t> scores(model_.class_count());
  while (!state.Terminal()) {
    state.CollectFeatures(features);
    std::fill(scores.begin(), scores.end(), 0);
    model_.Score(features, scores);
    Apply(state, BestValid(state, scores, root_label_));
  }
  for (size_t w = 0; w < words.size(); ++w) arcs[w] = {state.Head(int(w) + 1), state.Label(int(w) + 1)};
  return arcs;
}

void Parser::Save(std::ostream& out) const {
  WriteString(out, kFormat);
  WriteStrings(out, labels_);
  WriteString(out, labels_[root_label_]);
  model_.Save(out);
}

absl::StatusOr<Parser> Parser::Load(std::istream& in, std::shared_ptr<const WordClusters> clusters) {
  Parser parser;
  parser.clusters_ = std::move(clusters);
  std::string format, root;
  if (!ReadString(in, format) || format != kFormat) return absl::DataLossError("not a dossier parser model");
  if (!ReadStrings(in, parser.labels_) || !ReadString(in, root)) return absl::DataLossError("parser: bad labels");
  auto root_it = std::find(parser.labels_.begin(), parser.labels_.end(), root);
  if (root_it == parser.labels_.end()) return absl::DataLossError("parser model: no root label");
  // Beside the root a relation is needed for every other arc, or some states have no valid move.
  if (parser.labels_.size() < 2) return absl::DataLossError("parser model: fewer than two labels");
  parser.root_label_ = static_cast<uint16_t>(root_it - parser.labels_.begin());
  auto model = LinearModel::Load(in);
  if (!model.ok()) return model.status();
  if (model->class_count() != 1 + 2 * parser.labels_.size()) return absl::DataLossError("parser: class mismatch");
  parser.model_ = *std::move(model);
  return parser;
}

AttachmentScore ScoreParser(const Parser& parser, const std::vector<ConlluSentence>& gold) {
  AttachmentScore score;
  for (const auto& sentence : gold) {
    std::vector<ParserInput> inputs = Inputs(sentence);
    std::vector<Arc> arcs = parser.Parse(inputs);
    for (size_t w = 0; w < arcs.size(); ++w) {
      ++score.words;
      if (arcs[w].head != sentence.words[w].head) continue;
      ++score.head_correct;
      std::string_view predicted = parser.Label(arcs[w].label), gold_label = sentence.words[w].deprel;
      score.labeled_correct += predicted == gold_label;
      score.universal_labeled_correct +=
          predicted.substr(0, predicted.find(':')) == gold_label.substr(0, gold_label.find(':'));
    }
  }
  return score;
}

}  // namespace dossier::engine::syntax
