// The mention reader's gazetteer places: countries, regions, cities and subdivisions.
#include <absl/strings/ascii.h>

#include <algorithm>

#include "engine/lexicon/word_sets.h"
#include "engine/normalize/text.h"
#include "engine/stages/entity_types.h"
#include "engine/stages/mention_reader.h"
#include "engine/stages/name_words.h"

namespace dossier::engine {
namespace {

// Cities this large are taken as places even without a preposition or a dateline.
constexpr int64_t kWellKnownCityPopulation = 250000;

}  // namespace

// "Monterrey-based", "Khartoum-registered": a known country or city before the hyphen is
// mentioned (as a modifier: it takes no part in events).
void MentionReader::ReadAttributivePlace(size_t i) {
  std::string_view text = tokens_[i].text;
  std::string folded = FoldForMatching(text.substr(0, text.rfind('-')));
  size_t mentions_before = doc_.mentions.size();
  if (const Country* country = lexicon_.FindCountry(folded)) {
    AddCountryMention(*country, i, i + 1, kCountryConfidence);
  } else if (const City* city = lexicon_.FindCity(folded)) {
    AddCityMention(*city, i, i + 1);
  }
  if (doc_.mentions.size() == mentions_before) return;
  Mention& mention = doc_.mentions.back();
  mention.span.end = tokens_[i].start + text.rfind('-');
  mention.modifier = true;
  mention.attributive = true;
}

// Longest country, region or city name starting at `start`; returns its end or `start`.
size_t MentionReader::MatchPlace(size_t start, size_t run_end) {
  // Country names may hold lower-case words ("Côte d'Ivoire", "Bosnia and Herzegovina").
  size_t first_word_length = WithoutPossessive(tokens_[start].folded);
  size_t most =
      std::max(lexicon_.PlaceNameWordsFrom(tokens_[start].folded),
               lexicon_.PlaceNameWordsFrom(std::string_view(tokens_[start].folded).substr(0, first_word_length)));
  size_t longest = 0;
  while (longest < most && start + longest < tokens_.size() && tokens_[start + longest].is_word) {
    ++longest;
  }
  for (size_t length = longest; length >= 1; --length) {
    std::string phrase;
    for (size_t t = start; t < start + length; ++t) {
      if (!phrase.empty()) phrase += ' ';
      std::string_view word = tokens_[t].folded;
      if (t + 1 == start + length) word = word.substr(0, WithoutPossessive(word));
      phrase += word;
    }
    if (const Country* country = lexicon_.FindCountry(phrase)) {
      AddCountryMention(*country, start, start + length, kCountryConfidence);
      return start + length;
    }
    if (const std::string* region = lexicon_.FindRegion(phrase)) {
      AddNamed(v1::ENTITY_TYPE_REGION, v1::ORGANIZATION_KIND_UNSPECIFIED, start, start + length, kCountryConfidence,
               *region);
      return start + length;
    }
    if (const City* city = lexicon_.FindCity(phrase);
        city && IsPlaceContext(start, start + length, run_end, city->population >= kWellKnownCityPopulation)) {
      AddCityMention(*city, start, start + length);
      return start + length;
    }
    if (const AdminArea* area = lexicon_.FindAdminArea(phrase);
        area && IsPlaceContext(start, start + length, run_end, /*well_known=*/false)) {
      AddGazetteerMention(v1::ENTITY_TYPE_ADMIN_AREA, area->name, {{"iso3166-2", area->code}}, start, start + length,
                          kGazetteerCityConfidence);
      return start + length;
    }
  }
  return start;
}

// Place names are also surnames and words ("Marion", "Victoria"): a gazetteer match counts
// when the name is the whole capitalised run and something says it is a place: a
// preposition, ", Country" after it, a dateline, or a place everyone knows.
bool MentionReader::IsPlaceContext(size_t start, size_t end, size_t run_end, bool well_known) const {
  bool comma_country =
      end + 1 < tokens_.size() && tokens_[end].text == "," && lexicon_.FindCountry(tokens_[end + 1].folded) != nullptr;
  if (end != run_end && !comma_country) return false;
  bool after_preposition = start > 0 && IsPreposition(tokens_[start - 1].folded);
  // "Mongolia's Khentii", "Khentii province"
  bool country_possessive =
      LastMentionEndsAt(start) && LastMention().possessive && LastMention().type == v1::ENTITY_TYPE_COUNTRY;
  // "Goma, North Kivu": a place right after another place and a comma.
  bool after_place_comma =
      start >= 1 && tokens_[start - 1].text == "," && LastMentionEndsAt(start - 1) && IsPlace(LastMention().type);
  static const WordSet kAreaNouns = {"province",    "district",   "region",       "state",     "county",
                                     "governorate", "prefecture", "municipality", "department"};
  bool place_noun = end < tokens_.size() && kAreaNouns.contains(tokens_[end].text);
  std::string_view word = tokens_[start].text;
  bool dateline = start == 0 && word.size() >= 3 &&
                  std::none_of(word.begin(), word.end(), [](char c) { return absl::ascii_islower(c); });
  return after_preposition || comma_country || country_possessive || after_place_comma || place_noun || dateline ||
         well_known;
}

void MentionReader::AddCountryMention(const Country& country, size_t start, size_t end, double confidence) {
  AddGazetteerMention(v1::ENTITY_TYPE_COUNTRY, country.name,
                      {{"iso3166-1-alpha2", country.alpha2}, {"iso3166-1-alpha3", country.alpha3}}, start, end,
                      confidence);
}

void MentionReader::AddCityMention(const City& city, size_t start, size_t end) {
  size_t mention = AddGazetteerMention(v1::ENTITY_TYPE_CITY, city.name, {{"geonames", city.geonames_id}}, start, end,
                                       kGazetteerCityConfidence);
  doc_.mentions[mention].city = &city;
}

// A mention of a place whose identity comes from a gazetteer (name, ids); returns the mention.
size_t MentionReader::AddGazetteerMention(
    v1::EntityType type, const std::string& name,
    std::initializer_list<std::pair<std::string_view, std::string_view>> gazetteer_ids, size_t start, size_t end,
    double confidence) {
  Mention mention;
  mention.type = type;
  mention.name = name;
  for (auto [scheme, value] : gazetteer_ids) mention.gazetteer_ids.emplace_back(scheme, value);
  mention.confidence = confidence;
  return AddMention(start, end, std::move(mention));
}

}  // namespace dossier::engine
