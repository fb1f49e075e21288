// The mention reader's gazetteer places: countries, regions, cities and subdivisions.
#include <absl/strings/ascii.h>

#include <algorithm>
#include <vector>

#include "engine/lexicon/word_sets.h"
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
  size_t place_end = WordEnd(i) - 2;  // the last hyphen
  std::string folded = Folded(i, place_end);
  size_t mentions_before = doc_.mentions.size();
  if (const Country* country = lexicon_.FindCountry(folded)) {
    AddCountryMention(*country, i, place_end, kCountryConfidence);
  } else if (const City* city = lexicon_.FindCity(folded)) {
    AddCityMention(*city, i, place_end);
  }
  if (doc_.mentions.size() == mentions_before) return;
  Mention& mention = doc_.mentions.back();
  mention.modifier = true;
  mention.attributive = true;
}

// Longest country, region or city name starting at `start`; returns its end or `start`.
size_t MentionReader::MatchPlace(size_t start, size_t run_end) {
  // The gazetteers' names are words as written, separated by spaces: "Guinea-Bissau", "Cox's
  // Bazar", lower-case ones included ("Côte d'Ivoire", "Bosnia and Herzegovina"). The last
  // word's possessive is no part of the name ("Niger's").
  auto without_possessive = [&](size_t end) { return IsPossessive(tokens_[end - 1]) ? end - 1 : end; };
  size_t first_word_end = WrittenWordEnd(tokens_, start);
  size_t most = std::max(lexicon_.PlaceNameWordsFrom(Folded(start, first_word_end)),
                         lexicon_.PlaceNameWordsFrom(Folded(start, without_possessive(first_word_end))));
  std::vector<size_t> word_ends;
  for (size_t end = first_word_end; word_ends.size() < most; end = WrittenWordEnd(tokens_, end)) {
    word_ends.push_back(end);
    if (end == tokens_.size() || !tokens_[end].is_word) break;
  }
  for (auto word_end = word_ends.rbegin(); word_end != word_ends.rend(); ++word_end) {
    size_t end = without_possessive(*word_end);
    std::string phrase = Folded(start, end);
    if (const Country* country = lexicon_.FindCountry(phrase)) {
      AddCountryMention(*country, start, end, kCountryConfidence);
      return end;
    }
    if (const std::string* region = lexicon_.FindRegion(phrase)) {
      AddNamed(v1::ENTITY_TYPE_REGION, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kCountryConfidence, *region);
      return end;
    }
    if (const City* city = lexicon_.FindCity(phrase);
        city && IsPlaceContext(start, end, run_end, city->population >= kWellKnownCityPopulation)) {
      AddCityMention(*city, start, end);
      return end;
    }
    if (const AdminArea* area = lexicon_.FindAdminArea(phrase);
        area && IsPlaceContext(start, end, run_end, /*well_known=*/false)) {
      AddGazetteerMention(v1::ENTITY_TYPE_ADMIN_AREA, area->name, {{"iso3166-2", area->code}}, start, end,
                          kGazetteerCityConfidence);
      return end;
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
