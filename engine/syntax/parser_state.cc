#include "engine/syntax/parser_state.h"

#include <algorithm>

#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {
namespace {

// Feature values of positions that hold no word, and of the root.
constexpr uint64_t kNoWord = 1;
constexpr uint64_t kRootWord = 2;
constexpr uint64_t kNoLabel = 0xFFFF;
constexpr uint64_t kNoLabelYet = 0xFFFE;

// Distances and child counts, bucketed: 1 2 3 4 5, 6-9, 10+.
uint64_t Bucket(int value) { return value <= 5 ? static_cast<uint64_t>(value) : value < 10 ? 6 : 7; }

}  // namespace

ParserState::ParserState(std::span<const ParserInput> words, const WordClusters* clusters)
    : size_(words.size()), in_stack_(words.size() + 1, false), nodes_(words.size() + 1) {
  stack_.reserve(words.size());
  nodes_[0].word = kRootWord;
  nodes_[0].tag = kRootWord;
  nodes_[0].upos = kRootWord;
  nodes_[0].cluster = kRootWord;
  for (size_t w = 0; w < words.size(); ++w) {
    WordAttributes attributes = DescribeWord(words[w].form, clusters);
    Node& node = nodes_[w + 1];
    node.word = attributes.lower;
    node.cluster = attributes.cluster + 16;  // clear of kNoWord and kRootWord
    node.upos = HashText(words[w].upos);
    node.tag = MixKey(node.upos, HashText(words[w].xpos));
  }
}

void ParserState::Shift() {
  int word = static_cast<int>(next_++);
  stack_.push_back(word);
  in_stack_[word] = true;
}

void ParserState::LeftArc(uint16_t label) {
  int dependent = stack_.back();
  stack_.pop_back();
  in_stack_[dependent] = false;
  Attach(Buffer(0), dependent, label);
}

void ParserState::RightArc(uint16_t label) {
  int dependent = stack_.back();
  stack_.pop_back();
  in_stack_[dependent] = false;
  Attach(stack_.back(), dependent, label);
}

void ParserState::Attach(int head, int dependent, uint16_t label) {
  nodes_[dependent].head = head;
  nodes_[dependent].label = label;
  Node& parent = nodes_[head];
  // The root sits after every word, so its dependent counts as a left child.
  bool left = head == 0 || dependent < head;
  int* extremes = left ? parent.leftmost : parent.rightmost;
  auto outer = [left](int a, int b) { return left ? a < b : a > b; };
  if (extremes[0] < 0 || outer(dependent, extremes[0])) {
    extremes[1] = extremes[0];
    extremes[0] = dependent;
  } else if (extremes[1] < 0 || outer(dependent, extremes[1])) {
    extremes[1] = dependent;
  }
  if (left) {
    parent.left_count = static_cast<uint8_t>(std::min(parent.left_count + 1, 255));
    parent.left_labels |= uint64_t{1} << (label % 64);
  } else {
    parent.right_count = static_cast<uint8_t>(std::min(parent.right_count + 1, 255));
    parent.right_labels |= uint64_t{1} << (label % 64);
  }
}

void ParserState::CollectFeatures(std::vector<FeatureKey>& out) const {
  out.clear();
  auto word = [&](int node) { return node < 0 ? kNoWord : nodes_[node].word; };
  auto tag = [&](int node) { return node < 0 ? kNoWord : nodes_[node].tag; };
  auto label = [&](int node) {
    return node < 0 ? kNoLabel : nodes_[node].head < 0 ? kNoLabelYet : uint64_t{nodes_[node].label};
  };
  auto left = [&](int node, int k) { return node < 0 ? -1 : nodes_[node].leftmost[k]; };
  auto right = [&](int node, int k) { return node < 0 ? -1 : nodes_[node].rightmost[k]; };
  uint64_t template_id = 0;
  auto add = [&](auto... values) { out.push_back(Key(++template_id, values...)); };

  const int s0 = Stack(0), s1 = Stack(1), s2 = Stack(2);
  const int b0 = Buffer(0), b1 = Buffer(1), b2 = Buffer(2);
  const uint64_t s0w = word(s0), s0p = tag(s0), s1w = word(s1), s1p = tag(s1), b0w = word(b0), b0p = tag(b0);
  const uint64_t b1w = word(b1), b1p = tag(b1), b2p = tag(b2);
  const int s0l1 = left(s0, 0), s0l2 = left(s0, 1), s0r1 = right(s0, 0), s0r2 = right(s0, 1);
  const int s1l1 = left(s1, 0), s1r1 = right(s1, 0), s1r2 = right(s1, 1);
  const int b0l1 = left(b0, 0), b0l2 = left(b0, 1);

  // Single positions.
  add(s0w), add(s0p), add(s0w, s0p);
  add(s1w), add(s1p), add(s1w, s1p);
  add(b0w), add(b0p), add(b0w, b0p);
  add(b1w), add(b1p), add(b1w, b1p);
  add(word(b2)), add(b2p), add(tag(s2)), add(word(s2));
  // Pairs.
  add(s0w, s0p, b0w, b0p), add(s0w, s0p, b0w), add(s0w, b0w, b0p), add(s0w, s0p, b0p), add(s0p, b0w, b0p);
  add(s0w, b0w), add(s0p, b0p), add(b0p, b1p);
  add(s1w, s1p, s0w, s0p), add(s1w, s0w), add(s1p, s0p), add(s1p, s0w), add(s1w, s0p);
  add(s1p, b0p), add(s1w, b0w);
  // Triples of tags.
  add(b0p, b1p, b2p), add(s0p, b0p, b1p), add(s1p, s0p, b0p), add(tag(s2), s1p, s0p), add(s1p, s0p, b1p);
  add(s0p, tag(s0l1), b0p), add(s0p, tag(s0r1), b0p), add(s0p, b0p, tag(b0l1)), add(s1p, tag(s1r1), s0p);
  add(s1p, s0p, tag(s0l1)), add(s1p, s0p, tag(s0r1));
  // Distances between s0 and b0 and between s1 and s0.
  uint64_t d1 = s0 < 0 ? 0 : b0 == 0 ? 9 : Bucket(b0 - s0);
  uint64_t d2 = s1 < 0 || s0 < 0 ? 0 : Bucket(s0 - s1);
  add(s0w, d1), add(s0p, d1), add(b0w, d1), add(b0p, d1), add(s0w, b0w, d1), add(s0p, b0p, d1);
  add(s1p, s0p, d2), add(s1w, s0w, d2);
  // Valency (children so far).
  auto left_count = [&](int node) { return node < 0 ? 0 : Bucket(nodes_[node].left_count); };
  auto right_count = [&](int node) { return node < 0 ? 0 : Bucket(nodes_[node].right_count); };
  add(s0w, right_count(s0)), add(s0p, right_count(s0)), add(s0w, left_count(s0)), add(s0p, left_count(s0));
  add(b0w, left_count(b0)), add(b0p, left_count(b0)), add(s1w, right_count(s1)), add(s1p, right_count(s1));
  // Children: word, tag and label of the outermost and second-outermost.
  for (int child : {s0l1, s0r1, b0l1, s1r1, s0l2, s0r2, b0l2, s1l1}) {
    add(word(child)), add(tag(child)), add(label(child));
  }
  add(s0p, label(s0l1), label(s0l2)), add(s0p, label(s0r1), label(s0r2)), add(b0p, label(b0l1), label(b0l2));
  add(s1p, label(s1r1), label(s1r2));
  add(s0p, label(s0l1)), add(s0p, label(s0r1)), add(b0p, label(b0l1)), add(s1p, label(s1r1));
  // Label sets.
  auto left_labels = [&](int node) { return node < 0 ? 0 : nodes_[node].left_labels; };
  auto right_labels = [&](int node) { return node < 0 ? 0 : nodes_[node].right_labels; };
  add(s0w, right_labels(s0)), add(s0p, right_labels(s0)), add(s0w, left_labels(s0)), add(s0p, left_labels(s0));
  add(b0w, left_labels(b0)), add(b0p, left_labels(b0)), add(s1p, right_labels(s1));
  // Lexical pairs with the next word.
  add(s0w, b0w, b1w), add(b0w, b1w), add(b0w, b1p), add(b0p, b1w);
  // Coarse tags alone (a wrong fine tag often has the right coarse one) and word classes.
  auto upos = [&](int node) { return node < 0 ? kNoWord : nodes_[node].upos; };
  auto cluster = [&](int node) { return node < 0 ? kNoWord : nodes_[node].cluster; };
  const uint64_t s0u = upos(s0), s1u = upos(s1), b0u = upos(b0), b1u = upos(b1);
  const uint64_t s0c = cluster(s0), s1c = cluster(s1), b0c = cluster(b0), b1c = cluster(b1);
  add(s0u, b0u), add(s1u, s0u), add(s0u, b0u, b1u), add(s1u, s0u, b0u);
  add(s0c), add(b0c), add(s1c), add(b1c), add(s0c, b0c), add(s0c, b0p), add(s0p, b0c), add(s1c, s0c);
  add(s1p, s0c), add(s1c, s0p), add(b0c, b1p), add(b0p, b1c);
}

}  // namespace dossier::engine::syntax
