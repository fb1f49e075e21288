#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dossier::engine {

/// A word or punctuation mark as a UTF-8 byte range of the text it came from.
struct Token {
  size_t start = 0;
  size_t end = 0;
  std::string_view text;
  std::string folded;  // lower case, typographic quotes folded
  bool is_word = false;
  bool capitalized = false;  // first letter upper case
};

/// Splits text[start, end) into words (letters, digits, inner apostrophes, hyphens and
/// abbreviation dots: "U.S.", "d'Ivoire", "Amankwah-Sarfo") and single punctuation marks.
std::vector<Token> Tokenize(std::string_view text, size_t start, size_t end);

}  // namespace dossier::engine
