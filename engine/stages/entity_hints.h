#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "engine/lexicon/lexicon.h"
#include "engine/syntax/entity_recognizer.h"
#include "engine/syntax/tagger.h"

namespace dossier::engine {

/// What the gazetteers and curated lexicons say of a word, as bits the entity recogniser
/// reads as features (never as the answer: "Chad" is a country and a given name, "Reading"
/// a city and a verb).
enum EntityHint : uint32_t {
  kHintCountryBegin = 1u << 0,  // first word of a country's name ("South" in "South Sudan")
  kHintCountryInside = 1u << 1,
  kHintCityBegin = 1u << 2,
  kHintCityInside = 1u << 3,
  kHintAdminAreaBegin = 1u << 4,
  kHintAdminAreaInside = 1u << 5,
  kHintRegionBegin = 1u << 6,
  kHintRegionInside = 1u << 7,
  kHintDemonym = 1u << 8,               // "Ghanaian"
  kHintRoleTitle = 1u << 9,             // "minister"
  kHintOrganizationKeyword = 1u << 10,  // "Ministry", "Party", "Ltd."
  kHintOrganizationNoun = 1u << 11,     // "charity", "militia"
  kHintPlaceKeyword = 1u << 12,         // "River", "Airport"
  kHintNameStopword = 1u << 13,         // words a capitalised name never is ("Monday", "The")
};

/// The hints of each word of a sentence (`words` as written). Place names are matched
/// longest first from each word, over the words joined by single spaces.
std::vector<uint32_t> EntityHints(const Lexicon& lexicon, std::span<const std::string_view> words);

/// Fills in what the recogniser reads besides the words of labeled sentences (training and
/// scoring data), as the engine does at run time: the tagger's UPOS and the hints.
void AddRecognizerInputs(std::vector<syntax::LabeledSentence>& sentences, const syntax::Tagger& tagger,
                         const Lexicon& lexicon);

}  // namespace dossier::engine
