#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/status/statusor.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier::engine::syntax {

/// Word classes learned without annotation (k-means over GloVe word vectors): words used
/// alike share a class ("monday", "tuesday"; "niger", "mali"), which tells the tagger and
/// parser about words the treebanks never show them.
class WordClusters {
 public:
  /// Lines "word<TAB>class", words in lower case; lines starting "# " are comments.
  static absl::StatusOr<WordClusters> Parse(std::string_view tsv);
  /// The class of a lower-case word plus one; 0 for words without a class.
  uint32_t Of(std::string_view lower) const;
  size_t size() const { return classes_.size(); }

 private:
  absl::flat_hash_map<uint64_t, uint16_t> classes_;  // word hash -> class + 1
};

/// What the tagger and parser know of a word by itself, as feature values (hashes).
struct WordAttributes {
  uint64_t form = 0;        // as written
  uint64_t lower = 0;       // lower case, every digit as 0 ("1990" and "2024" look alike)
  uint64_t shape = 0;       // "Xxx", "dd", "X.X.", "xx-xx": letter case and digit pattern
  uint64_t prefix[3] = {};  // first 1, 2, 3 characters of `lower`
  uint64_t suffix[4] = {};  // last 1, 2, 3, 4 characters of `lower`
  uint64_t cluster = 0;     // WordClusters class + 1 (0: none)
  bool capitalized = false;
  bool all_capitals = false;  // two letters or more, all upper case ("UN", "NATO")
  bool has_digit = false;
  bool has_hyphen = false;
};

/// Describes one word as the models read it: typographic quotes as the ASCII ones the
/// treebanks mostly use ("Mali’s" reads like "Mali's"). `clusters` may be null.
WordAttributes DescribeWord(std::string_view form, const WordClusters* clusters = nullptr);

/// The word with typographic quotes and apostrophes as ASCII ones.
std::string FoldQuotes(std::string_view form);

/// Lower case (Unicode simple case mapping); with `digits_as_zero` every digit becomes 0
/// (what `lower` hashes).
std::string LowerCase(std::string_view form, bool digits_as_zero = false);

}  // namespace dossier::engine::syntax
