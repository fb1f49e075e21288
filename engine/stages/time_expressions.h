#pragma once

#include <optional>
#include <vector>

#include "engine/extraction.h"
#include "engine/stages/tokenizer.h"

namespace dossier::engine {

/// A time expression of a sentence: tokens [first, end) and the interval it names.
struct TimeExpression {
  size_t first = 0;
  size_t end = 0;
  ExtractedTime time;
};

/// Finds every time expression in a sentence's tokens and resolves it against the
/// publication date: weekdays ("on Monday"), "yesterday", "today", "tomorrow", explicit days
/// ("4 March", "March 4, 2025"), months ("in March 2024", "in November"), parts of months
/// ("late August"), quarters ("the third quarter"), "last/this/next week/month/year" and
/// years ("in 2022"); "last year" after a month or day gives its year. Without a year, a
/// date lies in the past ("on Monday": the most recent Monday, publication day included)
/// unless the sentence speaks of the future ("will", "is due to", "scheduled"), then in the
/// future. Without a publication date, nothing resolves.
std::vector<TimeExpression> FindTimeExpressions(const std::vector<Token>& tokens,
                                                std::optional<Timestamp> published_at);

/// The publication day as an event's time when its text names none
/// (PUBLICATION_DATE_FALLBACK); empty without a publication date.
ExtractedTime PublicationDay(std::optional<Timestamp> published_at);

}  // namespace dossier::engine
