#pragma once

#include <optional>
#include <vector>

#include "extraction.h"
#include "tokens.h"

namespace dossier::engine {

/// Finds the first time expression in a sentence's tokens and resolves it against the
/// publication date: weekdays ("on Monday": the most recent Monday, the publication day
/// included), "yesterday", "today", "tomorrow", explicit days ("4 March", "March 4, 2025"),
/// months ("in March 2024"), parts of months ("late August": the last such ten days before
/// publication), "last/this week/month/year" and years ("in 2022"). Without one, the
/// publication day stands in (PUBLICATION_DATE_FALLBACK); without a publication date, nothing.
ExtractedTime ResolveSentenceTime(const std::vector<Token>& tokens, std::optional<Timestamp> published_at);

}  // namespace dossier::engine
