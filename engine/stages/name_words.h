#pragma once

#include <string_view>

namespace dossier::engine {

/// "in", "at", "near", "from", "to": a name after one is a place or a destination.
bool IsPreposition(std::string_view folded);
/// "in", "at", "near": an unknown name after one is a place.
bool IsPlacePreposition(std::string_view folded);
/// Prepositions that make a name a modifier rather than a participant ("envoy for the Sahel").
bool IsModifierPreposition(std::string_view folded);
/// Lower-case words inside a name ("Bank of Ghana", "Luiz da Silva", "Osama bin Laden").
bool IsNameConnector(std::string_view folded);
/// "al-Tayeb", "el-Sisi": a lower-case Arabic article joined to a capitalised name.
bool IsJoinedNameParticle(std::string_view word);
/// "Singapore-based", "Army-backed": a place or sponsor glued to an adjective, not a name word.
bool IsAttributiveCompound(std::string_view word);
/// Two to eight capitals, with dots and ampersands allowed: "CDF", "U.N.", "AT&T".
bool IsAcronym(std::string_view word);
/// The length of a word without a possessive: "Niger's" -> length of "Niger".
size_t WithoutPossessive(std::string_view word);

}  // namespace dossier::engine
