#include "near_duplicates.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "text.h"
#include "tokens.h"

namespace dossier::engine {
namespace {

// splitmix64: a fast, well-mixed 64-bit permutation.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a: stable across builds and platforms (std::hash is not).
uint64_t Fnv1a(std::string_view text, uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

StorySignature ComputeStorySignature(std::string_view clean_text) {
  StorySignature signature;
  std::vector<uint64_t> words;
  for (const Token& token : Tokenize(clean_text, 0, clean_text.size())) {
    if (token.is_word) words.push_back(Fnv1a(token.folded));
  }
  if (words.size() < 2) return signature;
  // Hash i of a word pair is a_i * pair + b_i (a_i odd): a cheap, well-spread family once
  // the pair itself is mixed, which keeps the 64 minimums per pair vectorizable.
  static const auto kCoefficients = [] {
    std::array<std::pair<uint64_t, uint64_t>, StorySignature::kHashes> coefficients{};
    for (size_t h = 0; h < coefficients.size(); ++h) coefficients[h] = {Mix(2 * h + 1) | 1, Mix(2 * h + 2)};
    return coefficients;
  }();
  std::array<uint64_t, StorySignature::kHashes> minimum;
  minimum.fill(std::numeric_limits<uint64_t>::max());
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    uint64_t pair = Mix(words[i] ^ Mix(words[i + 1]));
    for (size_t h = 0; h < StorySignature::kHashes; ++h) {
      uint64_t value = kCoefficients[h].first * pair + kCoefficients[h].second;
      minimum[h] = std::min(minimum[h], value);
    }
  }
  constexpr size_t kRows = StorySignature::kHashes / StorySignature::kBands;
  for (size_t band = 0; band < StorySignature::kBands; ++band) {
    uint64_t hash = Mix(band + 1);
    for (size_t row = 0; row < kRows; ++row) hash = Mix(hash ^ minimum[band * kRows + row]);
    signature.bands.push_back(static_cast<int64_t>(hash));
  }
  for (uint64_t value : minimum) signature.minhashes.push_back(static_cast<int64_t>(value));
  return signature;
}

double EstimatedJaccard(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

}  // namespace dossier::engine
