#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/token.h"

namespace dossier::engine {

// Tokens follow Universal Dependencies: what is written as one word may be several tokens
// ("Amankwah-Sarfo" is Amankwah - Sarfo, "Niger's" is Niger 's). Rules that read words as
// written put them back together with these.

/// True when no white space separates the two tokens ("Niger" and "'s").
inline bool Glued(const Token& left, const Token& right) { return left.end == right.start; }

/// True when token i is a hyphen glued to words on both sides: the "-" of "Amankwah-Sarfo".
bool IsJoiningHyphen(std::span<const Token> tokens, size_t i);

/// The end of the hyphenated word that starts at token `first` ("Port-au-Prince": five
/// tokens); first + 1 for a word without a hyphen.
size_t HyphenatedWordEnd(std::span<const Token> tokens, size_t first);

/// The start of the hyphenated word that ends with token `end - 1`.
size_t HyphenatedWordStart(std::span<const Token> tokens, size_t end);

/// True when token i is a word of a hyphenated compound ("capacity" in "high-capacity"): the
/// compound, not the word, is what the text says.
bool InHyphenatedWord(std::span<const Token> tokens, size_t i);

/// The end of the word as written that starts at token `first`: the words glued to it, with
/// hyphens and clitics ("Italy's", "Madrid-based", "didn't"); first + 1 for a plain word.
size_t WrittenWordEnd(std::span<const Token> tokens, size_t first);

/// The start of the word as written that ends with token `end - 1`.
size_t WrittenWordStart(std::span<const Token> tokens, size_t end);

/// "'s", or the "'" of a plural ("countries'"), split off the word before it: a possessive
/// (or "is": "Niger's ready" reads the same).
bool IsPossessive(const Token& token);

/// A word without the dot an abbreviation keeps ("Ltd." -> "Ltd", "Sept." -> "Sept");
/// dotted initials ("U.S.") and other words unchanged.
std::string_view WithoutAbbreviationDot(std::string_view word);

/// The text of tokens [first, end) as written, with one space wherever the text has white
/// space between two of them: "Amankwah-Sarfo", "March 4, 2025".
std::string TextAsWritten(std::span<const Token> tokens, size_t first, size_t end);

/// Their folded words the same way: "guinea-bissau", "niger's army".
std::string FoldedAsWritten(std::span<const Token> tokens, size_t first, size_t end);

}  // namespace dossier::engine
