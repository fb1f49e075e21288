#pragma once

#include <string>
#include <string_view>

namespace dossier::engine {

/// The language of clean UTF-8 text (its first 4 KiB) by CLD2, as an ISO 639-1 code ("en", "fr") where one
/// exists; "und" when CLD2 cannot tell.
std::string DetectLanguage(std::string_view text);

}  // namespace dossier::engine
