#include "engine/syntax/sentence_splitter.h"

#include <absl/strings/ascii.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>

namespace dossier::engine::syntax {
namespace {

// Longer sentences are cut (after a comma where one falls in the second half): a table or
// a list run together is no sentence, and the parser's work grows with sentence length.
constexpr size_t kMaxSentenceWords = 200;

bool IsClosing(std::string_view word) {
  return word == "\"" || word == "'" || word == "\u201D" || word == "\u2019" || word == ")" || word == "]" ||
         word == "''";
}

bool IsOpening(std::string_view word) {
  return word == "\"" || word == "\u201C" || word == "\u2018" || word == "(" || word == "[" || word == "``" ||
         word == "'";
}

// How a punctuation word ends a sentence: kLatin (".", "?", "!", "…" and runs of them)
// before what opens one; kAlways (the full stops of scripts without capitals: CJK 。！？,
// Arabic ؟, Devanagari ।) whatever follows.
enum class Final { kNo, kLatin, kAlways };

Final SentenceFinal(std::string_view word) {
  Final final = word.empty() ? Final::kNo : Final::kLatin;
  for (int32_t i = 0; i < static_cast<int32_t>(word.size()) && final != Final::kNo;) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
    if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x061F || c == 0x0964) {
      final = Final::kAlways;
    } else if (c != '.' && c != '?' && c != '!' && c != 0x2026) {
      final = Final::kNo;
    }
  }
  return final;
}

// Titles before a name: their dot never ends a sentence.
bool IsTitle(std::string_view word) {
  static constexpr auto kTitles = std::to_array<std::string_view>(
      {"Adm.", "Brig.", "Capt.", "Col.", "Cpl.",  "Dr.",  "Gen.", "Gov.", "Hon.", "Lt.",  "Maj.", "Mr.",
       "Mrs.", "Ms.",   "Mt.",   "No.",  "Prof.", "Pvt.", "Rep.", "Rev.", "Sen.", "Sgt.", "St.",  "Supt."});
  return std::find(kTitles.begin(), kTitles.end(), word) != kTitles.end();
}

// Words that open sentences but rarely continue a name: after "U.S." or "Inc." they start
// a new sentence.
bool IsSentenceStarter(std::string_view word) {
  static constexpr auto kStarters = std::to_array<std::string_view>(
      {"A",       "After", "An",    "And",  "As",   "At",    "But", "For",  "He",    "Her",  "His",
       "However", "I",     "If",    "In",   "It",   "Its",   "On",  "She",  "So",    "That", "The",
       "Their",   "There", "These", "They", "This", "Those", "We",  "When", "While", "You"});
  return std::find(kStarters.begin(), kStarters.end(), word) != kStarters.end();
}

bool OpensSentence(std::string_view text, const std::vector<UdWord>& words, size_t index) {
  std::string_view word = text.substr(words[index].start, words[index].end - words[index].start);
  UChar32 c = FirstCodePoint(word);
  if (u_isupper(c) || u_istitle(c) || u_isdigit(c)) return true;
  if (IsOpening(word) && index + 1 < words.size()) {
    UChar32 next = FirstCodePoint(text.substr(words[index + 1].start));
    return u_isupper(next) || u_isdigit(next);
  }
  return word == "-" || word == "*" || word == "\u2022";  // list items
}

}  // namespace

std::vector<WordRange> SplitSentences(std::string_view text, const std::vector<UdWord>& words) {
  std::vector<WordRange> sentences;
  size_t first = 0;
  auto text_of = [&](size_t i) { return text.substr(words[i].start, words[i].end - words[i].start); };
  auto line_break_before = [&](size_t i) {
    return text.substr(words[i - 1].end, words[i].start - words[i - 1].end).find('\n') != std::string_view::npos;
  };
  for (size_t i = 0; i < words.size(); ++i) {
    size_t end = i + 1;
    bool boundary = false;
    if (end < words.size() && line_break_before(end)) {
      boundary = true;
    } else if (end < words.size()) {
      std::string_view word = text_of(i);
      if (Final final = SentenceFinal(word); final != Final::kNo) {
        while (end < words.size() && IsClosing(text_of(end)) && !line_break_before(end) &&
               words[end].start == words[end - 1].end) {
          ++end;
        }
        boundary = end < words.size() &&
                   (final == Final::kAlways || line_break_before(end) || OpensSentence(text, words, end));
      } else if (word.size() > 1 && word.back() == '.' && !IsTitle(word)) {
        boundary = IsSentenceStarter(text_of(end));
      }
    }
    if (!boundary && end - first >= kMaxSentenceWords) {
      boundary = true;
      for (size_t comma = i; comma > first + kMaxSentenceWords / 2; --comma) {
        std::string_view word = text_of(comma);
        if (word == "," || word == ";" || word == ":") {
          end = comma + 1;
          break;
        }
      }
    }
    if (boundary || end >= words.size()) {
      sentences.push_back({first, std::min(end, words.size())});
      first = end;
      i = end - 1;
    }
  }
  return sentences;
}

}  // namespace dossier::engine::syntax
