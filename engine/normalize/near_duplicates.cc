#include "engine/normalize/near_duplicates.h"

#include <absl/strings/ascii.h>

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "engine/normalize/text.h"

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
constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ULL;

uint64_t FnvStep(uint64_t hash, unsigned char byte) { return (hash ^ byte) * 0x100000001b3ULL; }

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = kFnvBasis;
  for (unsigned char c : text) hash = FnvStep(hash, c);
  return hash;
}

// Letters, digits and any byte of a multi-byte UTF-8 character.
bool IsWordByte(unsigned char c) { return absl::ascii_isalnum(c) || c >= 0x80; }

// FNV-1a hashes of the case-folded words of a text, in order. ASCII words are folded on the
// fly; the rare word with other characters goes through FoldForMatching.
std::vector<uint64_t> WordHashes(std::string_view text) {
  std::vector<uint64_t> hashes;
  hashes.reserve(text.size() / 6);
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t start = i;
    bool ascii = true;
    uint64_t hash = kFnvBasis;
    for (; i < text.size() && IsWordByte(static_cast<unsigned char>(text[i])); ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      ascii &= c < 0x80;
      hash = FnvStep(hash, static_cast<unsigned char>(absl::ascii_tolower(c)));
    }
    hashes.push_back(ascii ? hash : Fnv1a(FoldForMatching(text.substr(start, i - start))));
  }
  return hashes;
}

}  // namespace

// One-permutation MinHash (Li, Owen and Zhang 2012): one hash per word pair, whose top bits
// pick one of kHashes bins and whose other bits compete for that bin's minimum. Empty bins
// (short bodies) borrow the next filled bin's minimum, shifted by the distance (rotation
// densification, Shrivastava and Li 2014), so that two bodies still agree at a bin with
// probability equal to their Jaccard similarity.
StorySignature ComputeStorySignature(std::string_view clean_text) {
  static_assert(StorySignature::kHashes == 64, "six top bits pick the bin");
  constexpr int kBinShift = 58;
  constexpr uint64_t kValueMask = (uint64_t{1} << kBinShift) - 1;
  constexpr uint64_t kEmpty = std::numeric_limits<uint64_t>::max();
  StorySignature signature;
  std::vector<uint64_t> words = WordHashes(clean_text);
  if (words.size() < 2) return signature;
  std::array<uint64_t, StorySignature::kHashes> minimum;
  minimum.fill(kEmpty);
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    uint64_t pair = Mix(words[i] ^ Mix(words[i + 1]));
    uint64_t& bin = minimum[pair >> kBinShift];
    bin = std::min(bin, pair & kValueMask);
  }
  for (size_t b = 0; b < minimum.size(); ++b) {
    if (minimum[b] != kEmpty) continue;
    for (size_t distance = 1; distance < minimum.size(); ++distance) {
      uint64_t donor = minimum[(b + distance) % minimum.size()];
      if (donor != kEmpty && donor <= kValueMask) {
        minimum[b] = donor + (distance << kBinShift);  // above every real value: cannot collide with one
        break;
      }
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
