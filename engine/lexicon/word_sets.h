#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include <string>
#include <string_view>

namespace dossier::engine {

/// Hash for string-keyed containers that look up by std::string_view without allocating.
/// Debian's abseil has its own absl::string_view and hashes std::string_view through
/// std::hash; handing it an absl::string_view selects abseil's own string hash, which is
/// much cheaper on the short words the engine looks up.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return absl::HashOf(absl::string_view(text.data(), text.size())); }
};
/// Open-addressing sets and maps (abseil's SwissTable): one probe for most lookups, which
/// the engine does several times per word.
using StringSet = absl::flat_hash_set<std::string, StringViewHash, std::equal_to<>>;
template <typename Value>
using StringMap = absl::flat_hash_map<std::string, Value, StringViewHash, std::equal_to<>>;

/// Fixed word lists (stop words, cues) looked up by std::string_view.
using WordSet = absl::flat_hash_set<std::string_view, StringViewHash>;
template <typename Value>
using WordMap = absl::flat_hash_map<std::string_view, Value, StringViewHash>;

}  // namespace dossier::engine
