#include "language.h"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>

#include "text.h"

namespace dossier::engine {

namespace {

// An article keeps its language; the first few kilobytes are plenty to tell it.
constexpr size_t kSampleBytes = 4096;

}  // namespace

std::string DetectLanguage(std::string_view text) {
  text = Utf8Prefix(text, kSampleBytes);
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
