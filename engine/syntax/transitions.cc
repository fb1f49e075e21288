#include "engine/syntax/transitions.h"

namespace dossier::engine::syntax {

bool IsValid(const ParserState& state, size_t transition, uint16_t root_label) {
  if (transition == kShift) return !state.BufferAtRoot();
  uint16_t label = LabelOf(transition);
  if (IsLeftArc(transition)) {
    if (state.StackSize() == 0) return false;
    return state.BufferAtRoot() ? state.StackSize() == 1 && label == root_label : label != root_label;
  }
  return state.StackSize() >= 2 && label != root_label;
}

void Apply(ParserState& state, size_t transition) {
  if (transition == kShift) {
    state.Shift();
  } else if (IsLeftArc(transition)) {
    state.LeftArc(LabelOf(transition));
  } else {
    state.RightArc(LabelOf(transition));
  }
}

DynamicOracle::DynamicOracle(const GoldTree& gold) : gold_(gold), dependents_(gold.heads.size()) {
  for (size_t word = 1; word < gold.heads.size(); ++word) dependents_[gold.heads[word]].push_back(int(word));
}

int DynamicOracle::Cost(const ParserState& state, size_t transition) const {
  if (transition == kShift) return ShiftCost(state);
  int s0 = state.Stack(0);
  uint16_t label = LabelOf(transition);
  int head = gold_.heads[s0];
  // Either arc takes s0 off the stack: its dependents still in the buffer are lost.
  int cost = DependentsInBuffer(state, s0);
  if (IsLeftArc(transition)) {
    int b0 = state.Buffer(0);
    // s0's head was s1 or a later buffer word.
    if (head == state.Stack(1) || (head != b0 && state.InBuffer(head))) ++cost;
    if (head == b0 && gold_.labels[s0] != label) ++cost;
    return cost;
  }
  if (state.InBuffer(head)) ++cost;  // s0's head was still to come
  if (head == state.Stack(1) && gold_.labels[s0] != label) ++cost;
  return cost;
}

int DynamicOracle::DependentsInBuffer(const ParserState& state, int node) const {
  int count = 0;
  for (int dependent : dependents_[node]) count += state.InBuffer(dependent);
  return count;
}

// b0 can still take s0 as head after the shift (as the new s1), but no deeper stack word;
// and no stack word can become b0's dependent.
int DynamicOracle::ShiftCost(const ParserState& state) const {
  int b0 = state.Buffer(0);
  int cost = 0;
  int head = gold_.heads[b0];
  if (head != state.Stack(0) && state.InStack(head)) ++cost;
  for (int dependent : dependents_[b0]) cost += state.InStack(dependent);
  return cost;
}

}  // namespace dossier::engine::syntax
