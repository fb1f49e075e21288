#pragma once

#include <span>
#include <string_view>

#include "engine/token.h"

namespace dossier::engine {

/// "in", "at", "near", "from", "to": a name after one is a place or a destination.
bool IsPreposition(std::string_view folded);
/// Prepositions that make a name a modifier rather than a participant ("envoy for the Sahel").
bool IsModifierPreposition(std::string_view folded);
/// Lower-case words inside a name ("Bank of Ghana", "Luiz da Silva", "Osama bin Laden").
bool IsNameConnector(std::string_view folded);
/// "al-Tayeb", "el-Sisi": token i is a lower-case Arabic article hyphenated to a capitalised name.
bool IsJoinedNameParticle(std::span<const Token> tokens, size_t i);
/// "Singapore-based", "Army-backed": the hyphenated word at token i is a place or sponsor glued
/// to an adjective, not a name; its last hyphen is at HyphenatedWordEnd(tokens, i) - 2.
bool IsAttributiveCompound(std::span<const Token> tokens, size_t i);
/// Two to eight capitals, with dots and ampersands allowed: "CDF", "U.N.", "AT&T".
bool IsAcronym(std::string_view word);
/// "Dr.", "Gen.", "Mr.": a capitalised abbreviation with its dot, a title before a name
/// rather than part of it (initials such as "J." are part of it).
bool IsAbbreviatedTitle(const Token& token);

}  // namespace dossier::engine
