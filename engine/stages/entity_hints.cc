#include "engine/stages/entity_hints.h"

#include <string>

#include "engine/normalize/text.h"

namespace dossier::engine {
namespace {

// The begin bit of each kind of place the lexicon names; its inside bit is the next one.
uint32_t PlaceKinds(const Lexicon& lexicon, const std::string& phrase) {
  uint32_t kinds = 0;
  if (lexicon.FindCountry(phrase) != nullptr) kinds |= kHintCountryBegin;
  if (lexicon.FindCity(phrase) != nullptr) kinds |= kHintCityBegin;
  if (lexicon.FindAdminArea(phrase) != nullptr) kinds |= kHintAdminAreaBegin;
  if (lexicon.FindRegion(phrase) != nullptr) kinds |= kHintRegionBegin;
  return kinds;
}

}  // namespace

std::vector<uint32_t> EntityHints(const Lexicon& lexicon, std::span<const std::string_view> words) {
  std::vector<std::string> folded;
  folded.reserve(words.size());
  for (std::string_view word : words) folded.push_back(FoldForMatching(word));
  std::vector<uint32_t> hints(words.size(), 0);
  for (size_t i = 0; i < words.size(); ++i) {
    if (lexicon.FindDemonym(folded[i]) != nullptr) hints[i] |= kHintDemonym;
    if (lexicon.IsRoleTitle(folded[i])) hints[i] |= kHintRoleTitle;
    if (lexicon.OrganizationKeyword(words[i]) != v1::ORGANIZATION_KIND_UNSPECIFIED) {
      hints[i] |= kHintOrganizationKeyword;
    }
    if (lexicon.OrganizationNoun(folded[i]) != v1::ORGANIZATION_KIND_UNSPECIFIED) hints[i] |= kHintOrganizationNoun;
    if (lexicon.PlaceKeyword(words[i]) != v1::ENTITY_TYPE_UNSPECIFIED) hints[i] |= kHintPlaceKeyword;
    if (lexicon.IsNameStopword(words[i])) hints[i] |= kHintNameStopword;

    size_t most = std::min(lexicon.PlaceNameWordsFrom(folded[i]), words.size() - i);
    std::string phrase = folded[i];
    size_t longest = 0;
    uint32_t longest_kinds = 0;
    for (size_t n = 1; n <= most; ++n) {
      if (n > 1) phrase.append(" ").append(folded[i + n - 1]);
      if (uint32_t kinds = PlaceKinds(lexicon, phrase)) longest = n, longest_kinds = kinds;
    }
    for (size_t n = 0; n < longest; ++n) hints[i + n] |= n == 0 ? longest_kinds : longest_kinds << 1;
  }
  return hints;
}

void AddRecognizerInputs(std::vector<syntax::LabeledSentence>& sentences, const syntax::Tagger& tagger,
                         const Lexicon& lexicon) {
  for (syntax::LabeledSentence& sentence : sentences) {
    std::vector<std::string_view> words(sentence.words.begin(), sentence.words.end());
    sentence.upos.clear();
    for (uint16_t tag : tagger.Tag(words)) sentence.upos.emplace_back(tagger.Upos(tag));
    sentence.hints = EntityHints(lexicon, words);
  }
}

}  // namespace dossier::engine
