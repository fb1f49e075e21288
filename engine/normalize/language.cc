#include "engine/normalize/language.h"

#include <absl/strings/ascii.h>
#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>

#include <array>

#include "engine/lexicon/word_sets.h"
#include "engine/normalize/text.h"

namespace dossier::engine {

namespace {

// An article keeps its language; its first 1.5 KiB (some 250 words) are plenty to tell it.
constexpr size_t kSampleBytes = 1536;

// English words that other languages written in Latin script do not use as everyday words
// ("a", "in", "on", "is" are left out: Spanish, German, French and Dutch have them too).
bool IsEnglishFunctionWord(std::string_view lower) {
  static const WordSet kWords = {"the",  "and",   "of",  "to",   "that", "was",   "with",  "said", "for",  "from",
                                 "this", "which", "has", "have", "were", "would", "their", "by",   "been", "its"};
  return kWords.contains(lower);
}

}  // namespace

bool LooksClearlyEnglish(std::string_view sample) {
  size_t words = 0;
  size_t english = 0;
  std::array<char, 8> lower{};
  for (size_t i = 0; i < sample.size();) {
    auto c = static_cast<unsigned char>(sample[i]);
    if (!absl::ascii_isalpha(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < sample.size() && absl::ascii_isalpha(static_cast<unsigned char>(sample[i]))) ++i;
    // A letter run glued to a non-ASCII letter ("Ségou") is part of a longer word: skip it.
    if (i < sample.size() && static_cast<unsigned char>(sample[i]) >= 0x80) continue;
    ++words;
    size_t length = i - start;
    if (length > lower.size()) continue;
    for (size_t k = 0; k < length; ++k) lower[k] = absl::ascii_tolower(static_cast<unsigned char>(sample[start + k]));
    english += IsEnglishFunctionWord(std::string_view(lower.data(), length));
  }
  return words >= kMinWordsForEnglishShortcut && english * 100 >= words * kMinEnglishFunctionWordPercent;
}

std::string DetectLanguage(std::string_view text) {
  text = Utf8Prefix(text, kSampleBytes);
  if (LooksClearlyEnglish(text)) return "en";
  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language language = CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()),
                                                        /*is_plain_text=*/true, top3, percent3, &text_bytes, &reliable);
  if (language == CLD2::UNKNOWN_LANGUAGE) return "und";
  return CLD2::LanguageCode(language);
}

}  // namespace dossier::engine
