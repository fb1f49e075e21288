#include "time_expressions.h"

#include <array>
#include <chrono>

namespace dossier::engine {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

ExtractedTime Interval(sys_days start, sys_days end, v1::TimeGranularity granularity, v1::TimeResolution resolution,
                       std::string text) {
  return {Timestamp(start), Timestamp(end), granularity, resolution, std::move(text)};
}

}  // namespace

ExtractedTime ResolveSentenceTime(const std::vector<Token>& tokens, std::optional<Timestamp> published_at) {
  if (!published_at) return {};
  static const std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                            "thursday", "friday", "saturday"};
  const sys_days published = std::chrono::floor<days>(*published_at);
  const std::chrono::year_month_day published_ymd(published);
  const auto relative = v1::TIME_RESOLUTION_RELATIVE_TO_PUBLICATION;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& word = tokens[i].folded;
    for (unsigned weekday = 0; weekday < kWeekdays.size(); ++weekday) {
      if (word != kWeekdays[weekday]) continue;
      // News uses a bare weekday for the most recent such day, publication day included.
      auto delta = (std::chrono::weekday(published) - std::chrono::weekday(weekday)).count();
      sys_days day = published - days(delta);
      return Interval(day, day + days(1), v1::TIME_GRANULARITY_DAY, relative, std::string(tokens[i].text));
    }
    if (word == "yesterday") {
      return Interval(published - days(1), published, v1::TIME_GRANULARITY_DAY, relative, "yesterday");
    }
    if (word == "today") {
      return Interval(published, published + days(1), v1::TIME_GRANULARITY_DAY, relative, "today");
    }
    if (word == "last" && i + 1 < tokens.size()) {
      const std::string& unit = tokens[i + 1].folded;
      std::string text = "last " + std::string(tokens[i + 1].text);
      if (unit == "week") {
        // The Monday-to-Monday week before the publication week.
        sys_days this_monday = published - days((std::chrono::weekday(published) - std::chrono::Monday).count());
        return Interval(this_monday - days(7), this_monday, v1::TIME_GRANULARITY_WEEK, relative, text);
      }
      if (unit == "month") {
        auto first = std::chrono::year_month_day(published_ymd.year(), published_ymd.month(), std::chrono::day(1));
        auto previous = std::chrono::year_month{published_ymd.year(), published_ymd.month()} - std::chrono::months(1);
        return Interval(sys_days(previous / 1), sys_days(first), v1::TIME_GRANULARITY_MONTH, relative, text);
      }
      if (unit == "year") {
        auto year = published_ymd.year() - std::chrono::years(1);
        return Interval(sys_days(year / 1 / 1), sys_days((year + std::chrono::years(1)) / 1 / 1),
                        v1::TIME_GRANULARITY_YEAR, relative, text);
      }
    }
  }
  return Interval(published, published + days(1), v1::TIME_GRANULARITY_DAY,
                  v1::TIME_RESOLUTION_PUBLICATION_DATE_FALLBACK, "");
}

}  // namespace dossier::engine
