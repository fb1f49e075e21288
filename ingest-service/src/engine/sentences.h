#pragma once

#include <string_view>
#include <vector>

#include "article.h"

namespace dossier::engine {

/// Splits clean text into sentences with ICU's English sentence rules plus its abbreviation
/// suppressions ("U.S.", "Gen.", "Jan." do not end a sentence). Spans are UTF-8 byte
/// offsets with surrounding white space trimmed; paragraph breaks always end a sentence.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace dossier::engine
