#pragma once

#include <string_view>
#include <vector>

#include "engine/syntax/ud_tokenizer.h"

namespace dossier::engine::syntax {

/// A sentence as the range [first, end) of the words it holds.
struct WordRange {
  size_t first = 0;
  size_t end = 0;
};

/// Groups the words of `text` (from TokenizeUd) into sentences. A sentence ends at a line
/// break, or after sentence punctuation ("." "?" "!" "..." and runs of them, with the
/// closing quotes and brackets after it) when the next word opens a sentence: capitalised,
/// a digit, or an opening quote or bracket. Lower case after "?" or "..." continues the
/// sentence ("?" he asked). A word that keeps its dot ("Dr.", "U.S.", "J.") ends a sentence
/// only before a word that cannot continue a name ("U.S. The ..."); titles never do. The
/// full stops of scripts without capitals (。！？ ؟ ।) always end one. No sentence is longer
/// than 200 words: a longer run is cut after a comma in its second half, else at 200.
std::vector<WordRange> SplitSentences(std::string_view text, const std::vector<UdWord>& words);

}  // namespace dossier::engine::syntax
