#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dossier::engine {

/// MinHash signature of an article body over word pairs (case-folded words), for finding
/// rewrites and syndicated copies. Two signatures agree at a position with probability
/// equal to the Jaccard similarity of the two bodies' word-pair sets.
struct StorySignature {
  static constexpr size_t kHashes = 64;
  static constexpr size_t kBands = 16;  // kHashes / kBands hashes per band
  std::vector<int64_t> minhashes;       // kHashes values
  std::vector<int64_t> bands;           // kBands values: bodies sharing one are candidates
};

/// Bodies at least this similar (estimated Jaccard of word pairs) tell the same story.
inline constexpr double kSameStoryJaccard = 0.5;

/// The signature of a clean body; empty vectors for a body of fewer than two words.
StorySignature ComputeStorySignature(std::string_view clean_text);

/// Estimated Jaccard similarity of two signatures' bodies, in [0, 1].
double EstimatedJaccard(const std::vector<int64_t>& a, const std::vector<int64_t>& b);

}  // namespace dossier::engine
