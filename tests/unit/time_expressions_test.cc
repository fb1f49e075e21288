#include "engine/stages/time_expressions.h"

#include <gtest/gtest.h>

#include "engine/stages/tokenizer.h"

namespace dossier::engine {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

// Published Wednesday 2025-03-12.
const Timestamp kPublished{sys_days(year(2025) / 3 / 12)};

// The first time expression of a sentence, else the publication day.
ExtractedTime Resolve(std::string_view sentence, Timestamp published = kPublished) {
  auto found = FindTimeExpressions(Tokenize(sentence, 0, sentence.size()), published);
  return found.empty() ? PublicationDay(published) : found.front().time;
}

sys_days Day(int y, unsigned m, unsigned d) { return sys_days(year(y) / m / d); }

void ExpectInterval(const ExtractedTime& time, sys_days start, sys_days end, v1::TimeGranularity granularity,
                    v1::TimeResolution resolution) {
  ASSERT_TRUE(time.start.has_value());
  EXPECT_EQ(*time.start, Timestamp(start));
  EXPECT_EQ(*time.end, Timestamp(end));
  EXPECT_EQ(time.granularity, granularity);
  EXPECT_EQ(time.resolution, resolution);
}

constexpr auto kRelative = v1::TIME_RESOLUTION_RELATIVE_TO_PUBLICATION;
constexpr auto kExplicit = v1::TIME_RESOLUTION_EXPLICIT;

TEST(FindTimeExpressions, WeekdaysAreTheMostRecentOneIncludingPublicationDay) {
  ExpectInterval(Resolve("They met on Monday."), Day(2025, 3, 10), Day(2025, 3, 11), v1::TIME_GRANULARITY_DAY,
                 kRelative);
  ExpectInterval(Resolve("They met on Wednesday."), Day(2025, 3, 12), Day(2025, 3, 13), v1::TIME_GRANULARITY_DAY,
                 kRelative);
  ExpectInterval(Resolve("They met on Thursday."), Day(2025, 3, 6), Day(2025, 3, 7), v1::TIME_GRANULARITY_DAY,
                 kRelative);
}

TEST(FindTimeExpressions, ExplicitDaysAndMonths) {
  ExpectInterval(Resolve("The deal was signed on 4 March 2024 in Accra."), Day(2024, 3, 4), Day(2024, 3, 5),
                 v1::TIME_GRANULARITY_DAY, kExplicit);
  ExpectInterval(Resolve("Talks began on February 27, 2025."), Day(2025, 2, 27), Day(2025, 2, 28),
                 v1::TIME_GRANULARITY_DAY, kExplicit);
  ExpectInterval(Resolve("Talks began on 27 Feb."), Day(2025, 2, 27), Day(2025, 2, 28), v1::TIME_GRANULARITY_DAY,
                 kRelative);
  ExpectInterval(Resolve("Talks began on Sept. 5."), Day(2024, 9, 5), Day(2024, 9, 6), v1::TIME_GRANULARITY_DAY,
                 kRelative);  // the abbreviation keeps its dot
  // A December read in March is last December.
  ExpectInterval(Resolve("Fighting broke out in December."), Day(2024, 12, 1), Day(2025, 1, 1),
                 v1::TIME_GRANULARITY_MONTH, kRelative);
  ExpectInterval(Resolve("Exports fell in June 2023."), Day(2023, 6, 1), Day(2023, 7, 1), v1::TIME_GRANULARITY_MONTH,
                 kExplicit);
  ExpectInterval(Resolve("The group emerged in 2022."), Day(2022, 1, 1), Day(2023, 1, 1), v1::TIME_GRANULARITY_YEAR,
                 kExplicit);
}

TEST(FindTimeExpressions, PartsOfMonthsAreTheLastOnesBeforePublication) {
  // The GUIDE's example: "since late August", published 2025-03-12, is late August 2024.
  ExpectInterval(Resolve("It has blocked trucks since late August."), Day(2024, 8, 21), Day(2024, 9, 1),
                 v1::TIME_GRANULARITY_PART_OF_MONTH, kRelative);
  ExpectInterval(Resolve("Rains came in early March."), Day(2025, 3, 1), Day(2025, 3, 11),
                 v1::TIME_GRANULARITY_PART_OF_MONTH, kRelative);
  ExpectInterval(Resolve("Prices rose in mid-February."), Day(2025, 2, 11), Day(2025, 2, 21),
                 v1::TIME_GRANULARITY_PART_OF_MONTH, kRelative);
  // "mid-" is a prefix that keeps its word; "late-August" is three tokens.
  ExpectInterval(Resolve("Prices fell in late-August."), Day(2024, 8, 21), Day(2024, 9, 1),
                 v1::TIME_GRANULARITY_PART_OF_MONTH, kRelative);
}

TEST(FindTimeExpressions, RelativeWeeksMonthsYearsAndFallback) {
  ExpectInterval(Resolve("Couriers were arrested last week."), Day(2025, 3, 3), Day(2025, 3, 10),
                 v1::TIME_GRANULARITY_WEEK, kRelative);
  ExpectInterval(Resolve("It happened last month."), Day(2025, 2, 1), Day(2025, 3, 1), v1::TIME_GRANULARITY_MONTH,
                 kRelative);
  ExpectInterval(Resolve("Trade grew this year."), Day(2025, 1, 1), Day(2026, 1, 1), v1::TIME_GRANULARITY_YEAR,
                 kRelative);
  ExpectInterval(Resolve("The ministers will meet tomorrow."), Day(2025, 3, 13), Day(2025, 3, 14),
                 v1::TIME_GRANULARITY_DAY, kRelative);
  ExpectInterval(Resolve("The talks went well."), Day(2025, 3, 12), Day(2025, 3, 13), v1::TIME_GRANULARITY_DAY,
                 v1::TIME_RESOLUTION_PUBLICATION_DATE_FALLBACK);
  EXPECT_TRUE(FindTimeExpressions(Tokenize("On Monday.", 0, 10), std::nullopt).empty());
  EXPECT_FALSE(PublicationDay(std::nullopt).start.has_value());
  // "May" is the month, "may" the verb.
  ExpectInterval(Resolve("Elections are due in May."), Day(2025, 5, 1), Day(2025, 6, 1), v1::TIME_GRANULARITY_MONTH,
                 kRelative);
  EXPECT_EQ(Resolve("Talks may resume in two weeks.").resolution, v1::TIME_RESOLUTION_PUBLICATION_DATE_FALLBACK);
}

TEST(FindTimeExpressions, TheFutureTenseResolvesForward) {
  // Published Wednesday 2025-03-12.
  ExpectInterval(Resolve("She is due to travel to Accra on Monday."), Day(2025, 3, 17), Day(2025, 3, 18),
                 v1::TIME_GRANULARITY_DAY, kRelative);
  ExpectInterval(Resolve("On Thursday she will visit the port."), Day(2025, 3, 6), Day(2025, 3, 7),
                 v1::TIME_GRANULARITY_DAY, kRelative);  // "will" comes after the expression: past
  ExpectInterval(Resolve("The ministers will meet again in February."), Day(2026, 2, 1), Day(2026, 3, 1),
                 v1::TIME_GRANULARITY_MONTH, kRelative);
  // Without a future marker, a month after the publication month lies in the year before.
  ExpectInterval(Resolve("The mayor resigned in November."), Day(2024, 11, 1), Day(2024, 12, 1),
                 v1::TIME_GRANULARITY_MONTH, kRelative);
}

TEST(FindTimeExpressions, QuartersAndYearsAfterMonths) {
  ExpectInterval(Resolve("The companies expect the deal to close in the third quarter."), Day(2025, 7, 1),
                 Day(2025, 10, 1), v1::TIME_GRANULARITY_QUARTER, kRelative);
  ExpectInterval(Resolve("Profits fell in the fourth quarter."), Day(2024, 10, 1), Day(2025, 1, 1),
                 v1::TIME_GRANULARITY_QUARTER, kRelative);
  ExpectInterval(Resolve("Exports rose in the first quarter of 2023."), Day(2023, 1, 1), Day(2023, 4, 1),
                 v1::TIME_GRANULARITY_QUARTER, kExplicit);
  ExpectInterval(Resolve("A typhoon struck in late October last year."), Day(2024, 10, 21), Day(2024, 11, 1),
                 v1::TIME_GRANULARITY_PART_OF_MONTH, kRelative);
}

TEST(FindTimeExpressions, PossessiveWeekdaysAndYearsAfterOf) {
  ExpectInterval(Resolve("She spoke during Monday's debate."), Day(2025, 3, 10), Day(2025, 3, 11),
                 v1::TIME_GRANULARITY_DAY, kRelative);
  ExpectInterval(Resolve("The valley was hit by the floods of 2022."), Day(2022, 1, 1), Day(2023, 1, 1),
                 v1::TIME_GRANULARITY_YEAR, kExplicit);
}

TEST(FindTimeExpressions, EveryExpressionWithItsTokens) {
  std::string_view sentence = "The deal signed on Monday takes effect in June, officials said on Tuesday.";
  auto tokens = Tokenize(sentence, 0, sentence.size());
  auto found = FindTimeExpressions(tokens, kPublished);
  ASSERT_EQ(found.size(), 3);
  std::vector<std::string_view> texts;
  for (const auto& expression : found) {
    texts.push_back(sentence.substr(tokens[expression.first_token].start,
                                    tokens[expression.end_token - 1].end - tokens[expression.first_token].start));
  }
  EXPECT_EQ(texts, (std::vector<std::string_view>{"Monday", "in June", "Tuesday"}));
  EXPECT_EQ(*found[2].time.start, Timestamp(Day(2025, 3, 11)));
}

}  // namespace
}  // namespace dossier::engine
