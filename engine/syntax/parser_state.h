#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/syntax/linear_model.h"
#include "engine/syntax/parser.h"
#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {

/// A configuration of the arc-hybrid parser: a stack, a buffer (the words not yet read,
/// then the root), and the arcs made so far, with what the features need to know of each
/// word's children. Words are numbered from 1; 0 is the root; -1 means "no such word".
class ParserState {
 public:
  /// `clusters` may be null.
  ParserState(std::span<const ParserInput> words, const WordClusters* clusters);

  size_t StackSize() const { return stack_.size(); }
  /// The k-th word from the top of the stack, or -1.
  int Stack(size_t k) const { return k < stack_.size() ? stack_[stack_.size() - 1 - k] : -1; }
  /// The k-th item of the buffer (0 once the words run out: the root), or -1 past it.
  int Buffer(size_t k) const {
    size_t index = next_ + k;
    return index <= size_ ? static_cast<int>(index) : index == size_ + 1 ? 0 : -1;
  }
  bool BufferAtRoot() const { return next_ == size_ + 1; }
  bool InBuffer(int node) const { return node == 0 || (node > 0 && static_cast<size_t>(node) >= next_); }
  bool InStack(int node) const { return node > 0 && in_stack_[node]; }
  bool Terminal() const { return stack_.empty() && BufferAtRoot(); }

  void Shift();
  /// s0 becomes a dependent of b0.
  void LeftArc(uint16_t label);
  /// s0 becomes a dependent of s1.
  void RightArc(uint16_t label);

  int Head(int word) const { return nodes_[word].head; }
  uint16_t Label(int word) const { return nodes_[word].label; }

  /// The feature keys of this configuration.
  void CollectFeatures(std::vector<FeatureKey>& out) const;

 private:
  struct Node {
    uint64_t word = 0;  // lower-case form hash
    uint64_t tag = 0;   // UPOS and XPOS hash
    uint64_t upos = 0;
    uint64_t cluster = 0;
    int head = -1;
    uint16_t label = 0;
    int leftmost[2] = {-1, -1};   // leftmost and second-leftmost child
    int rightmost[2] = {-1, -1};  // rightmost and second-rightmost child
    uint8_t left_count = 0;
    uint8_t right_count = 0;
    uint64_t left_labels = 0;  // set of the labels of the left children (bit per label)
    uint64_t right_labels = 0;
  };
  void Attach(int head, int dependent, uint16_t label);

  size_t size_;
  size_t next_ = 1;  // first word of the buffer
  std::vector<int> stack_;
  std::vector<bool> in_stack_;
  std::vector<Node> nodes_;  // 0 is the root
};

}  // namespace dossier::engine::syntax
