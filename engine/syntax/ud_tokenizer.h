#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dossier::engine::syntax {

/// A syntactic word as Universal Dependencies' English treebanks cut them, as a UTF-8 byte
/// range [start, end) of the text. Clitics split off one written token ("do|n't",
/// "Niger|'s", "can|not") are separate words of one multiword token: every word of such a
/// token but the last has `joined_to_next` set.
struct UdWord {
  size_t start = 0;
  size_t end = 0;
  bool joined_to_next = false;
};

/// Cuts text[begin, end) into words following the UD English conventions (EWT, GUM):
/// punctuation is split off, but runs of it stay one word ("...", "?!"); abbreviations keep
/// their dot ("U.S.", "Dr.", "J."); numbers keep their inner dots, commas, colons and slashes
/// ("3.5", "1,000", "10:30", "9/11"); hyphenated compounds are split ("Niger-based" ->
/// Niger - based) unless the first part is a bound prefix ("non-state", "co-chair") or the
/// whole is a phone number; clitics become words of a multiword token ("don't" -> do n't,
/// "Niger's" -> Niger 's, "cannot" -> can not); URLs, e-mail addresses and emoticons stay
/// whole. Every word is a substring of the text, so byte offsets are exact. Stops after
/// `max_words` words; runs of over 1 KiB without white space are cut into 1 KiB pieces.
std::vector<UdWord> TokenizeUd(std::string_view text, size_t begin, size_t end, size_t max_words = SIZE_MAX);

/// The first Unicode code point of a word (ICU's UChar32), or a negative value for invalid
/// UTF-8 or an empty word.
int32_t FirstCodePoint(std::string_view word);

/// The whole text.
inline std::vector<UdWord> TokenizeUd(std::string_view text, size_t max_words = SIZE_MAX) {
  return TokenizeUd(text, 0, text.size(), max_words);
}

}  // namespace dossier::engine::syntax
