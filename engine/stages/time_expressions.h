#pragma once

#include <optional>
#include <span>
#include <vector>

#include "engine/doc.h"
#include "engine/extraction.h"
#include "engine/stage.h"

namespace dossier::engine {

/// Finds every time expression in a sentence's tokens and resolves it against the
/// publication date: weekdays ("on Monday"), "yesterday", "today", "tomorrow", explicit days
/// ("4 March", "March 4, 2025"), months ("in March 2024", "in November"), parts of months
/// ("late August"), quarters ("the third quarter"), "last/this/next week/month/year" and
/// years ("in 2022"); "last year" after a month or day gives its year. Without a year, a
/// date lies in the past ("on Monday": the most recent Monday, publication day included)
/// unless the sentence speaks of the future ("will", "is due to", "scheduled"), then in the
/// future. Without a publication date, nothing resolves. Token indexes are into `tokens`.
std::vector<TimeExpression> FindTimeExpressions(std::span<const Token> tokens, std::optional<Timestamp> published_at);

/// The publication day as an event's time when its text names none
/// (PUBLICATION_DATE_FALLBACK); empty without a publication date.
ExtractedTime PublicationDay(std::optional<Timestamp> published_at);

/// "time_expressions": Doc::times. A sentence without a time expression continues the story
/// its paragraph is telling ("Kone met Boateng on Monday. He praised ..."), so its events
/// inherit the paragraph's last time; the article's first time stands in for a paragraph
/// that names none, and the publication day for an article that names none.
class TimeExpressionsStage final : public EnglishStage {
 public:
  std::string_view Name() const override { return "time_expressions"; }
  void Process(Doc& doc) const override;
};

}  // namespace dossier::engine
