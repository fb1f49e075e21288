#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/syntax/parser_state.h"

namespace dossier::engine::syntax {

/// The arc-hybrid transitions, numbered: 0 shift, 1 + 2 * label left-arc (s0 becomes a
/// dependent of b0), 2 + 2 * label right-arc (s0 becomes a dependent of s1).
inline constexpr size_t kShift = 0;
inline size_t LeftArc(uint16_t label) { return 1 + 2 * size_t{label}; }
inline size_t RightArc(uint16_t label) { return 2 + 2 * size_t{label}; }
inline bool IsLeftArc(size_t transition) { return transition % 2 == 1; }
inline uint16_t LabelOf(size_t transition) { return static_cast<uint16_t>((transition - 1) / 2); }

/// Whether `transition` may be taken: shift while words are left; left-arc onto a word with
/// any label but the root's, or onto the root with its label when one word is left (a tree
/// has one root); right-arc with two words on the stack and any label but the root's.
bool IsValid(const ParserState& state, size_t transition, uint16_t root_label);
void Apply(ParserState& state, size_t transition);

/// The tree a sentence is trained towards (projective), 1-based; index 0 unused.
struct GoldTree {
  std::vector<int> heads;
  std::vector<uint16_t> labels;
};

/// How many gold arcs a transition makes unreachable (Goldberg and Nivre 2013, arc-hybrid),
/// a wrong label counting as one: following zero-cost transitions from any state reaches
/// the best tree still in reach, which lets training continue after its own mistakes.
class DynamicOracle {
 public:
  explicit DynamicOracle(const GoldTree& gold);
  int Cost(const ParserState& state, size_t transition) const;

 private:
  int DependentsInBuffer(const ParserState& state, int node) const;
  int ShiftCost(const ParserState& state) const;

  const GoldTree& gold_;
  std::vector<std::vector<int>> dependents_;
};

}  // namespace dossier::engine::syntax
