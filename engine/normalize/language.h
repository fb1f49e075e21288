#pragma once

#include <string>
#include <string_view>

namespace dossier::engine {

/// The language of clean UTF-8 text (judged on its first 1.5 KiB), as an ISO 639-1 code
/// ("en", "fr") where one exists; "und" when it cannot be told. CLD2 decides, except for
/// text that LooksClearlyEnglish: most of what Dossier reads, and the costliest CLD2 call.
std::string DetectLanguage(std::string_view text);

/// At least this many words, and at least this share of them English function words that
/// other Latin-script languages lack ("the", "and", "which"), make a sample clearly English.
/// Running English prose has about 20%; mixed or other text stays with CLD2.
inline constexpr size_t kMinWordsForEnglishShortcut = 40;
inline constexpr size_t kMinEnglishFunctionWordPercent = 12;

/// True for a sample that is English beyond doubt (see above).
bool LooksClearlyEnglish(std::string_view sample);

}  // namespace dossier::engine
