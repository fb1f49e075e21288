#pragma once

#include <absl/status/statusor.h>
#include <re2/re2.h>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dossier/v1/entity.pb.h"
#include "dossier/v1/event.pb.h"
#include "engine/lexicon/word_sets.h"
#include "engine/token.h"

namespace dossier::engine {

/// A country from ISO 3166-1.
struct Country {
  std::string alpha2;
  std::string alpha3;
  std::string name;  // the name people use: ours ("Russia"), else ISO's common name ("Bolivia"), else its short name
};

/// A city or town from the GeoNames-derived gazetteer (population >= 15,000).
struct City {
  std::string name;
  std::string country_alpha2;
  int64_t population = 0;
  std::string geonames_id;
  bool national_capital = false;
  std::string admin_area_code;  // ISO 3166-2 code of its first-level subdivision, if known
};

/// A first- or second-level subdivision from ISO 3166-2.
struct AdminArea {
  std::string name;
  std::string code;  // e.g. "MZ-P"
};

/// How a word (or a phrase: "imposed ... sanctions") signals an event.
struct EventTrigger {
  v1::EventType type = v1::EVENT_TYPE_UNSPECIFIED;
  std::string cameo_code;
  std::string next_word;  // a phrase's second word (folded), at most kPhraseGap words later; empty: one word
};

/// An organisation of the curated list: the name it is stored under and its kind.
struct KnownOrganization {
  std::string name;
  v1::OrganizationKind kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
};

/// A noun that names an event ("the killing of X"): its type, and what its "of" phrase is.
struct EventNoun {
  v1::EventType type = v1::EVENT_TYPE_UNSPECIFIED;
  std::string cameo_code;
  v1::ParticipantRole of_role = v1::PARTICIPANT_ROLE_TARGET;  // "the withdrawal of X": X is the agent
};

/// Words allowed between a phrase trigger's two words ("imposed new sanctions", "staged a sit-in").
inline constexpr size_t kPhraseGap = 2;

/// Everything extraction looks words up in: the country gazetteer (Debian iso-codes plus our
/// curated aliases and demonyms) and our curated lexicons under data/. Loaded once per
/// process; immutable and shareable between threads afterwards.
class Lexicon {
 public:
  /// Loads ISO 3166-1 from `iso_codes_json_dir` (Debian: /usr/share/iso-codes/json) and the
  /// curated files compiled into the binary.
  static absl::StatusOr<std::shared_ptr<const Lexicon>> Load(
      std::string_view iso_codes_json_dir = "/usr/share/iso-codes/json");

  /// The country a phrase names ("niger", "the united states" folded to lower case).
  const Country* FindCountry(std::string_view folded_phrase) const;
  /// The most populous city a phrase names ("ségou", "sao paulo").
  const City* FindCity(std::string_view folded_phrase) const;
  /// The subdivision a phrase names ("cabo delgado").
  const AdminArea* FindAdminArea(std::string_view folded_phrase) const;
  /// The canonical name of the region a phrase names ("the sahel" -> "Sahel").
  const std::string* FindRegion(std::string_view folded_phrase) const;
  /// The country a demonym refers to ("ghanaian", or its plural "ghanaians").
  const Country* FindDemonym(std::string_view folded_word) const;
  const Country* FindCountryByCode(std::string_view alpha2) const;

  /// "minister", and compounds ending in a title: "lieutenant-colonel", "vice-president".
  bool IsRoleTitle(std::string_view folded_word) const;
  bool IsNameStopword(std::string_view word) const { return name_stopwords_.contains(word); }
  /// The place type a final keyword gives a name ("River" -> REGION), or UNSPECIFIED.
  v1::EntityType PlaceKeyword(std::string_view word) const;
  /// Most words of a country, region or city name that starts with this folded word; 0 if none.
  size_t PlaceNameWordsFrom(std::string_view folded_first_word) const;
  /// The organisation kind a common noun before a name implies ("charity", "armed group"),
  /// or UNSPECIFIED.
  v1::OrganizationKind OrganizationNoun(std::string_view folded_phrase) const;
  /// The organisation a name or acronym, as written, stands for ("JNIM"), or nullptr.
  const KnownOrganization* FindOrganization(std::string_view written_name) const;
  /// Most words of a listed organisation's name that starts with this word as written; 0 if none.
  size_t OrganizationWordsFrom(std::string_view written_first_word) const;
  /// The kind of state body a lower-case noun after a country names ("army", "armed forces"),
  /// or UNSPECIFIED.
  v1::OrganizationKind StateBody(std::string_view folded_phrase) const;
  /// The country whose government a place's name stands for ("kremlin"), or nullptr.
  const Country* SeatOfGovernment(std::string_view folded_phrase) const;
  /// The organisation kind a keyword implies ("Ltd." as "Ltd"), or UNSPECIFIED.
  v1::OrganizationKind OrganizationKeyword(std::string_view word) const;
  /// The event the token at `index` signals: a phrase starting there ("staged a coup", "staged
  /// a sit-in": its second word may be hyphenated) wins over the word alone ("staged"), and a
  /// listed form over a verb's lemma ("rioted": riot); nullptr when it signals none.
  const EventTrigger* FindTrigger(std::span<const Token> tokens, size_t index) const;
  /// The event a verb signals with this object ("close" "border"), both lemmas, or nullptr.
  const EventTrigger* FindVerbObjectTrigger(std::string_view verb_lemma, std::string_view object_lemma) const;
  /// The event a noun names ("killing", "talks"), or nullptr.
  const EventNoun* FindEventNoun(std::string_view folded_word) const;
  /// True when a whole scraped-text line is page furniture ("Share", "0 Comments").
  bool IsFurnitureLine(std::string_view line) const;
  /// A line that opens reader comments ("3 Comments"): the rest of the page is comments.
  bool IsCommentsHeader(std::string_view line) const;
  /// A line that opens a list of links to other stories ("You may also like").
  bool IsRelatedHeader(std::string_view line) const;
  /// A line that opens a note about the writer ("About the author"): its paragraph is no story.
  bool IsAuthorHeader(std::string_view line) const;

 private:
  std::vector<Country> countries_;
  StringMap<size_t> country_by_name_;
  StringMap<size_t> country_by_demonym_;
  StringMap<size_t> country_by_code_;
  StringMap<std::string> regions_;
  std::vector<City> cities_;
  StringMap<size_t> city_by_name_;
  std::vector<AdminArea> admin_areas_;
  StringMap<size_t> admin_area_by_name_;
  StringMap<size_t> place_name_words_;  // first folded word -> most words
  StringSet role_titles_;
  StringSet name_stopwords_;
  StringMap<v1::EntityType> place_keywords_;
  StringMap<v1::OrganizationKind> organization_keywords_;
  StringMap<v1::OrganizationKind> organization_nouns_;
  StringMap<v1::OrganizationKind> state_bodies_;
  StringMap<KnownOrganization> organizations_;  // by name as written
  StringMap<size_t> organization_words_;        // first word as written -> most words
  StringMap<size_t> seats_of_government_;       // folded name -> country
  StringMap<std::vector<EventTrigger>> triggers_;
  StringMap<EventTrigger> verb_triggers_;         // by lemma, for words tagged VERB
  StringMap<EventTrigger> verb_object_triggers_;  // by "verb object" lemmas
  StringMap<EventNoun> event_nouns_;              // by first word; phrases before the word alone
  std::unique_ptr<RE2> furniture_line_;
  std::unique_ptr<RE2> comments_header_;
  std::unique_ptr<RE2> related_header_;
  std::unique_ptr<RE2> author_header_;
};

}  // namespace dossier::engine
