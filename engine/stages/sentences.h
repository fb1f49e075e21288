#pragma once

#include <string_view>
#include <vector>

#include "engine/extraction.h"
#include "engine/lexicon/lexicon.h"

namespace dossier::engine {

/// Splits clean text into sentences with ICU's English sentence rules, then rejoins
/// boundaries that follow one of our curated abbreviations ("U.S.", "Gen.", "Jan.") inside
/// a paragraph. Spans are UTF-8 byte offsets with surrounding white space trimmed;
/// paragraph breaks always end a sentence.
std::vector<SentenceSpan> SplitSentences(std::string_view text, const Lexicon& lexicon);

}  // namespace dossier::engine
