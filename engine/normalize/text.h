#pragma once

#include <string>
#include <string_view>

namespace dossier::engine {

/// Lower-cases (Unicode simple case mapping) and folds typographic quotes and dashes to ASCII, for lookups only
/// (the clean text keeps what the author wrote).
std::string FoldForMatching(std::string_view text);

/// Collapses runs of white space (including NBSP) to one space and trims both ends.
std::string CollapseWhitespace(std::string_view text);

/// Unicode NFC; input that is not valid UTF-8 comes back unchanged.
std::string NormalizeNfc(std::string_view text);

/// True when `text` is valid UTF-8.
bool IsValidUtf8(std::string_view text);

/// True when `text` holds a control character that is never content: C0 controls other than
/// tab, line feed and carriage return, and DEL. (PostgreSQL text cannot even store NUL.)
bool HasControlCharacters(std::string_view text);

/// `text` without those control characters.
std::string WithoutControlCharacters(std::string_view text);

/// The first `max_bytes` bytes of `text`, cut at a character boundary.
std::string_view Utf8Prefix(std::string_view text, size_t max_bytes);

}  // namespace dossier::engine
