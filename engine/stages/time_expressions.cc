#include "engine/stages/time_expressions.h"

#include <absl/strings/ascii.h>

#include <array>
#include <charconv>
#include <chrono>

#include "dossier/common/strings.h"
#include "engine/lexicon/word_sets.h"
#include "engine/written_words.h"

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
  static const WordMap<unsigned> kByName = [] {
    WordMap<unsigned> by_name{{"sept", 9}};
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
  TimeResolver(std::span<const Token> tokens, sys_days published)
      : tokens_(tokens), published_(published), published_ymd_(published) {}

  /// The expression starting at token i, if any; `end` gets the token after it.
  std::optional<ExtractedTime> At(size_t i, size_t* end) {
    if (!CanStartExpression(tokens_[i])) return std::nullopt;
    start_ = i;
    future_.reset();
    for (auto method : {&TimeResolver::Weekday, &TimeResolver::NamedDay, &TimeResolver::DayMonth,
                        &TimeResolver::MonthDay, &TimeResolver::PartOfMonth, &TimeResolver::Month,
                        &TimeResolver::Quarter, &TimeResolver::Relative, &TimeResolver::Year}) {
      *end = i + 1;
      if (auto time = (this->*method)(i, end)) return time;
    }
    return std::nullopt;
  }

 private:
  // The month a token names, 0 if none; "may" is the month only when capitalised.
  unsigned MonthAt(size_t i) const {
    if (i >= tokens_.size() || (tokens_[i].folded == "may" && !tokens_[i].capitalized)) return 0;
    return MonthOf(Word(i));
  }

  // The folded word at i, an abbreviation without its dot ("Sept. 5").
  std::string_view Word(size_t i) const { return i < tokens_.size() ? WithoutAbbreviationDot(tokens_[i].folded) : ""; }

  std::string Text(size_t first, size_t end) const { return TextAsWritten(tokens_, first, end); }

  // Most tokens start no time expression: one hash lookup rules them out.
  static bool CanStartExpression(const Token& token) {
    static const WordSet kStarters = [] {
      WordSet starters = {"yesterday", "today", "tomorrow", "early", "mid",    "late", "in",   "since", "during",
                          "of",        "first", "second",   "third", "fourth", "last", "this", "next",  "sept"};
      starters.insert(kWeekdays.begin(), kWeekdays.end());
      starters.insert(kMonths.begin(), kMonths.end());
      starters.insert(kMonthAbbreviations.begin(), kMonthAbbreviations.end());
      return starters;
    }();
    if (!token.is_word || token.folded.empty()) return false;
    if (absl::ascii_isdigit(static_cast<unsigned char>(token.folded[0]))) return true;  // "4 March"
    std::string_view word = WithoutAbbreviationDot(token.folded);
    if (auto hyphen = word.find('-'); hyphen != std::string_view::npos) word = word.substr(0, hyphen);  // "mid-May"
    return word.size() >= 2 && word.size() <= 9 && kStarters.contains(word);
  }

  // True when the clause before token i speaks of what is to come ("will visit on Thursday",
  // "is due to travel to Kuwait on Tuesday").
  bool SpeaksOfTheFuture(size_t i) const {
    for (size_t t = i > kFutureWindow ? i - kFutureWindow : 0; t < i; ++t) {
      const std::string& word = tokens_[t].folded;
      if (word == "will" || word == "due" || word == "scheduled" || word == "upcoming" || word == "expected" ||
          word == "expects" || word == "expect") {
        return true;
      }
    }
    return false;
  }

  bool Future() const {
    if (!future_) future_ = SpeaksOfTheFuture(start_);
    return *future_;
  }

  // The year given after a date: written ("2025", ", 2025", "of 2025") or relative ("last year").
  struct YearGiven {
    int year = 0;  // 0: none
    v1::TimeResolution resolution = kRelative;
  };

  // The year given after position i; `next` gets the end.
  YearGiven YearAfter(size_t i, size_t* next) const {
    size_t t = Word(i) == "," || Word(i) == "of" ? i + 1 : i;
    if (int year = NumberOf(Word(t), 4, 4, 1900, 2100)) {
      *next = t + 1;
      return {year, kExplicit};
    }
    if ((Word(i) == "last" || Word(i) == "this" || Word(i) == "next") && Word(i + 1) == "year") {
      *next = i + 2;
      int offset = Word(i) == "last" ? -1 : Word(i) == "next" ? 1 : 0;
      return {static_cast<int>(published_ymd_.year()) + offset, kRelative};
    }
    return {};
  }

  // The year of a date without one: the one that puts it on the side of publication the
  // sentence speaks of (a week's grace for the past: "on March 14" in a March 12 story).
  std::chrono::year YearOf(unsigned month, unsigned day) const {
    auto year = published_ymd_.year();
    auto date = [&](std::chrono::year y) {
      return sys_days(y / std::chrono::month(month) / std::chrono::day(std::min(day, 28u)));
    };
    if (Future()) return date(year) < published_ ? year + std::chrono::years(1) : year;
    return date(year) > published_ + days(7) ? year - std::chrono::years(1) : year;
  }

  // "on Monday": the most recent such day, publication day included (the next one, for the future).
  std::optional<ExtractedTime> Weekday(size_t i, size_t*) const {
    for (unsigned weekday = 0; weekday < kWeekdays.size(); ++weekday) {
      if (Word(i) != kWeekdays[weekday]) continue;
      sys_days day = Future() ? published_ + (std::chrono::weekday(weekday) - std::chrono::weekday(published_))
                              : published_ - (std::chrono::weekday(published_) - std::chrono::weekday(weekday));
      return Interval(day, day + days(1), v1::TIME_GRANULARITY_DAY, kRelative, std::string(tokens_[i].text));
    }
    return std::nullopt;
  }

  std::optional<ExtractedTime> NamedDay(size_t i, size_t*) const {
    int offset = Word(i) == "yesterday" ? -1 : Word(i) == "today" ? 0 : Word(i) == "tomorrow" ? 1 : 99;
    if (offset == 99) return std::nullopt;
    sys_days day = published_ + days(offset);
    return Interval(day, day + days(1), v1::TIME_GRANULARITY_DAY, kRelative, std::string(tokens_[i].text));
  }

  // "4 March", "4 March 2025".
  std::optional<ExtractedTime> DayMonth(size_t i, size_t* end) const {
    int day = NumberOf(Word(i), 1, 2, 1, 31);
    unsigned month = MonthAt(i + 1);
    if (!day || !month) return std::nullopt;
    return Day(i, end, day, month);
  }

  // "March 4", "March 4, 2025".
  std::optional<ExtractedTime> MonthDay(size_t i, size_t* end) const {
    unsigned month = MonthAt(i);
    int day = NumberOf(Word(i + 1), 1, 2, 1, 31);
    if (!day || !month) return std::nullopt;
    return Day(i, end, day, month);
  }

  std::optional<ExtractedTime> Day(size_t first, size_t* end, int day, unsigned month) const {
    *end = first + 2;
    YearGiven given = YearAfter(*end, end);
    auto year = given.year ? std::chrono::year(given.year) : YearOf(month, static_cast<unsigned>(day));
    year_month_day date{year, std::chrono::month(month), std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return Interval(sys_days(date), sys_days(date) + days(1), v1::TIME_GRANULARITY_DAY, given.resolution,
                    Text(first, *end));
  }

  // "early/mid/late September": the last such ten days that began before publication.
  std::optional<ExtractedTime> PartOfMonth(size_t i, size_t* next) const {
    // "late August" is two tokens, "late-August" three, "mid-February" one ("mid-" is a prefix).
    std::string_view part = Word(i);
    std::string_view hyphenated_month;
    if (auto hyphen = part.find('-'); hyphen != std::string_view::npos) {
      hyphenated_month = part.substr(hyphen + 1);
      part = part.substr(0, hyphen);
    }
    unsigned first_day = part == "early" ? 1 : part == "mid" ? 11 : part == "late" ? 21 : 0;
    size_t month_at = IsJoiningHyphen(tokens_, i + 1) ? i + 2 : i + 1;
    unsigned month = hyphenated_month.empty() ? MonthAt(month_at) : MonthOf(hyphenated_month);
    if (!first_day || !month) return std::nullopt;
    size_t end = hyphenated_month.empty() ? month_at + 1 : i + 1;
    YearGiven given = YearAfter(end, &end);
    *next = end;
    auto year = given.year ? std::chrono::year(given.year) : YearOf(month, first_day);
    auto start = sys_days(year / std::chrono::month(month) / std::chrono::day(first_day));
    year_month_day start_ymd(start);
    sys_days stop = first_day == 21 ? sys_days(start_ymd.year() / start_ymd.month() / std::chrono::last) + days(1)
                                    : start + days(10);
    return Interval(start, stop, v1::TIME_GRANULARITY_PART_OF_MONTH, given.resolution, Text(i, end));
  }

  // "in March", "in March 2024".
  std::optional<ExtractedTime> Month(size_t i, size_t* next) const {
    if (Word(i) != "in" && Word(i) != "since" && Word(i) != "during") return std::nullopt;
    unsigned month = MonthAt(i + 1);
    if (!month) return std::nullopt;
    size_t end = i + 2;
    YearGiven given = YearAfter(end, &end);
    *next = end;
    auto year = given.year ? std::chrono::year(given.year) : YearOf(month, 1);
    auto start = sys_days(year / std::chrono::month(month) / 1);
    auto stop = sys_days((year / std::chrono::month(month) + std::chrono::months(1)) / 1);
    return Interval(start, stop, v1::TIME_GRANULARITY_MONTH, given.resolution, Text(i + 1, end));
  }

  // "the third quarter", "the first quarter of 2024": of the publication year unless the
  // sentence's tense puts it in the year before or after.
  std::optional<ExtractedTime> Quarter(size_t i, size_t* next) const {
    static const WordMap<unsigned> kOrdinals = {{"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}};
    auto ordinal = kOrdinals.find(Word(i));
    if (ordinal == kOrdinals.end() || Word(i + 1) != "quarter") return std::nullopt;
    size_t end = i + 2;
    YearGiven given = YearAfter(end, &end);
    *next = end;
    auto first_month = std::chrono::month(3 * ordinal->second - 2);
    auto bounds = [&](std::chrono::year year) {
      return std::pair{sys_days(year / first_month / 1), sys_days((year / first_month + std::chrono::months(3)) / 1)};
    };
    auto year = given.year ? std::chrono::year(given.year) : published_ymd_.year();
    auto [start, stop] = bounds(year);
    if (!given.year && Future() && stop <= published_) {
      std::tie(start, stop) = bounds(year + std::chrono::years(1));
    } else if (!given.year && !Future() && start > published_) {
      std::tie(start, stop) = bounds(year - std::chrono::years(1));
    }
    return Interval(start, stop, v1::TIME_GRANULARITY_QUARTER, given.resolution, Text(i, end));
  }

  // "last week", "last month", "last year", "this week", "next year".
  std::optional<ExtractedTime> Relative(size_t i, size_t* next) const {
    std::string_view which = Word(i);
    if (which != "last" && which != "this" && which != "next") return std::nullopt;
    std::string_view unit = Word(i + 1);
    int back = which == "last" ? 1 : which == "next" ? -1 : 0;
    *next = i + 2;
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
  // "in 2022", "since 2019", "the floods of 2022".
  std::optional<ExtractedTime> Year(size_t i, size_t* next) const {
    if (Word(i) != "in" && Word(i) != "since" && Word(i) != "of") return std::nullopt;
    int year = NumberOf(Word(i + 1), 4, 4, 1900, 2100);
    if (!year) return std::nullopt;
    *next = i + 2;
    auto start = std::chrono::year(year);
    return Interval(sys_days(start / 1 / 1), sys_days((start + std::chrono::years(1)) / 1 / 1),
                    v1::TIME_GRANULARITY_YEAR, kExplicit, Text(i + 1, i + 2));
  }

  std::span<const Token> tokens_;
  const sys_days published_;
  const year_month_day published_ymd_;
  static constexpr size_t kFutureWindow = 8;  // tokens
  size_t start_ = 0;                          // where the expression being read starts
  // Whether that expression is in the future; worked out only when a resolution needs it.
  mutable std::optional<bool> future_;
};

}  // namespace

std::vector<TimeExpression> FindTimeExpressions(std::span<const Token> tokens, std::optional<Timestamp> published_at) {
  std::vector<TimeExpression> found;
  if (!published_at) return found;
  TimeResolver resolver(tokens, std::chrono::floor<days>(*published_at));
  for (size_t i = 0; i < tokens.size(); ++i) {
    size_t end = i + 1;
    if (auto time = resolver.At(i, &end)) {
      found.push_back({i, end, std::move(*time)});
      i = end - 1;
    }
  }
  return found;
}

ExtractedTime PublicationDay(std::optional<Timestamp> published_at) {
  if (!published_at) return {};
  const sys_days published = std::chrono::floor<days>(*published_at);
  return Interval(published, published + days(1), v1::TIME_GRANULARITY_DAY,
                  v1::TIME_RESOLUTION_PUBLICATION_DATE_FALLBACK, "");
}

void TimeExpressionsStage::Process(Doc& doc) const {
  std::optional<ExtractedTime> story_time;      // the article's first time expression: when its news happened
  std::optional<ExtractedTime> paragraph_time;  // the last time expression of this paragraph
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sentence = doc.sentences[s];
    if (s == 0 || doc.text.substr(doc.sentences[s - 1].end, sentence.start - doc.sentences[s - 1].end).find('\n') !=
                      std::string_view::npos) {
      paragraph_time.reset();
    }
    SentenceTimes& times = doc.times.emplace_back();
    times.inherited = paragraph_time ? *paragraph_time
                      : story_time   ? *story_time
                                     : PublicationDay(doc.article.published_at);
    times.expressions = FindTimeExpressions(doc.SentenceTokens(s), doc.article.published_at);
    for (TimeExpression& expression : times.expressions) {
      expression.first_token += sentence.first_token;
      expression.end_token += sentence.first_token;
    }
    if (!times.expressions.empty()) {
      paragraph_time = times.expressions.back().time;
      if (!story_time) story_time = times.expressions.front().time;
    }
  }
}

}  // namespace dossier::engine
