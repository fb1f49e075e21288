#include "time_expressions.h"

#include <array>
#include <charconv>
#include <chrono>
#include <unordered_map>

#include "dossier/common/strings.h"

namespace dossier::engine {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr auto kRelative = v1::TIME_RESOLUTION_RELATIVE_TO_PUBLICATION;
constexpr auto kExplicit = v1::TIME_RESOLUTION_EXPLICIT;

constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths = {"january",   "february", "march",    "april",
                                                      "may",       "june",     "july",     "august",
                                                      "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                  "jul", "aug", "sep", "oct", "nov", "dec"};

// Month number 1-12 of a month name or abbreviation ("sept" too), or 0.
unsigned MonthOf(std::string_view word) {
  static const std::unordered_map<std::string_view, unsigned> kByName = [] {
    std::unordered_map<std::string_view, unsigned> by_name{{"sept", 9}};
    for (unsigned m = 0; m < 12; ++m) {
      by_name.emplace(kMonths[m], m + 1);
      by_name.emplace(kMonthAbbreviations[m], m + 1);
    }
    return by_name;
  }();
  if (word.size() < 3 || word.size() > 9) return 0;
  auto it = kByName.find(word);
  return it == kByName.end() ? 0 : it->second;
}

// A number of `min_digits` to `max_digits` digits within [low, high], or 0.
int NumberOf(std::string_view word, size_t min_digits, size_t max_digits, int low, int high) {
  int value = 0;
  if (word.size() < min_digits || word.size() > max_digits) return 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size() || value < low || value > high) return 0;
  return value;
}

ExtractedTime Interval(sys_days start, sys_days end, v1::TimeGranularity granularity, v1::TimeResolution resolution,
                       std::string text) {
  return {Timestamp(start), Timestamp(end), granularity, resolution, std::move(text)};
}

// Finds and resolves time expressions against a publication day.
class TimeResolver {
 public:
  TimeResolver(const std::vector<Token>& tokens, sys_days published)
      : tokens_(tokens), published_(published), published_ymd_(published) {}

  std::optional<ExtractedTime> At(size_t i) const {
    for (auto method :
         {&TimeResolver::Weekday, &TimeResolver::NamedDay, &TimeResolver::DayMonth, &TimeResolver::MonthDay,
          &TimeResolver::PartOfMonth, &TimeResolver::Month, &TimeResolver::Relative, &TimeResolver::Year}) {
      if (auto time = (this->*method)(i)) return time;
    }
    return std::nullopt;
  }

 private:
  // The month a token names, 0 if none; "may" is the month only when capitalised.
  unsigned MonthAt(size_t i) const {
    if (i >= tokens_.size() || (tokens_[i].folded == "may" && !tokens_[i].capitalized)) return 0;
    return MonthOf(tokens_[i].folded);
  }

  const std::string& Word(size_t i) const {
    static const std::string kNone;
    return i < tokens_.size() ? tokens_[i].folded : kNone;
  }

  std::string Text(size_t first, size_t end) const {
    std::string text;
    for (size_t t = first; t < end; ++t) {
      if (!text.empty() && tokens_[t].is_word) text += ' ';
      text += tokens_[t].text;
    }
    return text;
  }

  // A year written after position i ("2025" or ", 2025"), or 0; `next` gets the end.
  int YearAfter(size_t i, size_t* next) const {
    size_t t = Word(i) == "," ? i + 1 : i;
    int year = NumberOf(Word(t), 4, 4, 1900, 2100);
    if (year) *next = t + 1;
    return year;
  }

  // The year of a month without one: the publication year, or the one before when the month
  // lies more than half a year after publication ("in December" read in January).
  std::chrono::year YearOfMonth(unsigned month) const {
    auto year = published_ymd_.year();
    return month > static_cast<unsigned>(published_ymd_.month()) + 6 ? year - std::chrono::years(1) : year;
  }

  // "on Monday": the most recent such day, publication day included.
  std::optional<ExtractedTime> Weekday(size_t i) const {
    for (unsigned weekday = 0; weekday < kWeekdays.size(); ++weekday) {
      if (Word(i) != kWeekdays[weekday]) continue;
      auto delta = (std::chrono::weekday(published_) - std::chrono::weekday(weekday)).count();
      sys_days day = published_ - days(delta);
      return Interval(day, day + days(1), v1::TIME_GRANULARITY_DAY, kRelative, std::string(tokens_[i].text));
    }
    return std::nullopt;
  }

  std::optional<ExtractedTime> NamedDay(size_t i) const {
    int offset = Word(i) == "yesterday" ? -1 : Word(i) == "today" ? 0 : Word(i) == "tomorrow" ? 1 : 99;
    if (offset == 99) return std::nullopt;
    sys_days day = published_ + days(offset);
    return Interval(day, day + days(1), v1::TIME_GRANULARITY_DAY, kRelative, Word(i));
  }

  // "4 March", "4 March 2025".
  std::optional<ExtractedTime> DayMonth(size_t i) const {
    int day = NumberOf(Word(i), 1, 2, 1, 31);
    unsigned month = MonthAt(i + 1);
    if (!day || !month) return std::nullopt;
    return Day(i, i + 2, day, month);
  }

  // "March 4", "March 4, 2025".
  std::optional<ExtractedTime> MonthDay(size_t i) const {
    unsigned month = MonthAt(i);
    int day = NumberOf(Word(i + 1), 1, 2, 1, 31);
    if (!day || !month) return std::nullopt;
    return Day(i, i + 2, day, month);
  }

  std::optional<ExtractedTime> Day(size_t first, size_t end, int day, unsigned month) const {
    int explicit_year = YearAfter(end, &end);
    auto year = explicit_year ? std::chrono::year(explicit_year) : YearOfMonth(month);
    year_month_day date{year, std::chrono::month(month), std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return Interval(sys_days(date), sys_days(date) + days(1), v1::TIME_GRANULARITY_DAY,
                    explicit_year ? kExplicit : kRelative, Text(first, end));
  }

  // "early/mid/late September": the last such ten days that began before publication.
  std::optional<ExtractedTime> PartOfMonth(size_t i) const {
    // "late August" is two tokens, "mid-February" one.
    std::string_view part = Word(i);
    std::string_view hyphenated_month;
    if (auto hyphen = part.find('-'); hyphen != std::string_view::npos) {
      hyphenated_month = part.substr(hyphen + 1);
      part = part.substr(0, hyphen);
    }
    unsigned first_day = part == "early" ? 1 : part == "mid" ? 11 : part == "late" ? 21 : 0;
    unsigned month = hyphenated_month.empty() ? MonthAt(i + 1) : MonthOf(hyphenated_month);
    if (!first_day || !month) return std::nullopt;
    size_t end = hyphenated_month.empty() ? i + 2 : i + 1;
    int explicit_year = YearAfter(end, &end);
    auto year = explicit_year ? std::chrono::year(explicit_year) : published_ymd_.year();
    auto start = sys_days(year / std::chrono::month(month) / std::chrono::day(first_day));
    if (!explicit_year && start > published_)
      start = sys_days((year - std::chrono::years(1)) / std::chrono::month(month) / std::chrono::day(first_day));
    year_month_day start_ymd(start);
    sys_days stop = first_day == 21 ? sys_days(start_ymd.year() / start_ymd.month() / std::chrono::last) + days(1)
                                    : start + days(10);
    return Interval(start, stop, v1::TIME_GRANULARITY_PART_OF_MONTH, explicit_year ? kExplicit : kRelative,
                    Text(i, end));
  }

  // "in March", "in March 2024".
  std::optional<ExtractedTime> Month(size_t i) const {
    if (Word(i) != "in" && Word(i) != "since" && Word(i) != "during") return std::nullopt;
    unsigned month = MonthAt(i + 1);
    if (!month) return std::nullopt;
    size_t end = i + 2;
    int explicit_year = YearAfter(end, &end);
    auto year = explicit_year ? std::chrono::year(explicit_year) : YearOfMonth(month);
    auto start = sys_days(year / std::chrono::month(month) / 1);
    auto stop = sys_days((year / std::chrono::month(month) + std::chrono::months(1)) / 1);
    return Interval(start, stop, v1::TIME_GRANULARITY_MONTH, explicit_year ? kExplicit : kRelative, Text(i + 1, end));
  }

  // "last week", "last month", "last year", "this week", "this year".
  std::optional<ExtractedTime> Relative(size_t i) const {
    const std::string& which = Word(i);
    if (which != "last" && which != "this") return std::nullopt;
    const std::string& unit = Word(i + 1);
    int back = which == "last" ? 1 : 0;
    std::string text = Text(i, i + 2);
    if (unit == "week") {
      sys_days monday = published_ - days((std::chrono::weekday(published_) - std::chrono::Monday).count());
      sys_days start = monday - days(7 * back);
      return Interval(start, start + days(7), v1::TIME_GRANULARITY_WEEK, kRelative, text);
    }
    if (unit == "month") {
      auto month = std::chrono::year_month{published_ymd_.year(), published_ymd_.month()} - std::chrono::months(back);
      return Interval(sys_days(month / 1), sys_days((month + std::chrono::months(1)) / 1), v1::TIME_GRANULARITY_MONTH,
                      kRelative, text);
    }
    if (unit == "year") {
      auto year = published_ymd_.year() - std::chrono::years(back);
      return Interval(sys_days(year / 1 / 1), sys_days((year + std::chrono::years(1)) / 1 / 1),
                      v1::TIME_GRANULARITY_YEAR, kRelative, text);
    }
    return std::nullopt;
  }

  // "in 2022".
  std::optional<ExtractedTime> Year(size_t i) const {
    if (Word(i) != "in" && Word(i) != "since") return std::nullopt;
    int year = NumberOf(Word(i + 1), 4, 4, 1900, 2100);
    if (!year) return std::nullopt;
    auto start = std::chrono::year(year);
    return Interval(sys_days(start / 1 / 1), sys_days((start + std::chrono::years(1)) / 1 / 1),
                    v1::TIME_GRANULARITY_YEAR, kExplicit, Text(i + 1, i + 2));
  }

  const std::vector<Token>& tokens_;
  const sys_days published_;
  const year_month_day published_ymd_;
};

}  // namespace

ExtractedTime ResolveSentenceTime(const std::vector<Token>& tokens, std::optional<Timestamp> published_at) {
  if (!published_at) return {};
  const sys_days published = std::chrono::floor<days>(*published_at);
  TimeResolver resolver(tokens, published);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (auto time = resolver.At(i)) return *time;
  }
  return Interval(published, published + days(1), v1::TIME_GRANULARITY_DAY,
                  v1::TIME_RESOLUTION_PUBLICATION_DATE_FALLBACK, "");
}

}  // namespace dossier::engine
