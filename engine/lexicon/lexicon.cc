#include "engine/lexicon/lexicon.h"

#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>
#include <absl/strings/strip.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dossier/common/embedded_file.h"
#include "engine/normalize/text.h"
#include "engine/written_words.h"

namespace dossier::engine_data {
std::span<const dossier::EmbeddedFile> EmbeddedFiles();
}

#include "dossier/common/strings.h"

namespace dossier::engine {
namespace {

std::string_view EmbeddedFile(std::string_view name) {
  for (const auto& file : engine_data::EmbeddedFiles()) {
    if (file.name == name) return file.content;
  }
  return {};
}

// What a regular inflection of a verb may have been before its ending: "rioted" -> riot,
// riote; "banned" -> ban; "carries" -> carry; "riots" -> riot.
std::vector<std::string> RegularVerbStems(std::string_view form) {
  std::vector<std::string> stems;
  auto without = [&](std::string_view ending, std::string_view replacement = "") {
    if (form.size() > ending.size() + 2 && form.ends_with(ending)) {
      stems.push_back(strings::Cat(form.substr(0, form.size() - ending.size()), replacement));
    }
  };
  without("ied", "y"), without("ies", "y"), without("ed"), without("d"), without("es"), without("s");
  // A doubled consonant before "-ed" ("banned", "shelled" keeps its own "ll" above).
  if (form.size() > 5 && form.ends_with("ed") && form[form.size() - 3] == form[form.size() - 4]) {
    stems.emplace_back(form.substr(0, form.size() - 3));
  }
  return stems;
}

// The non-comment, non-blank lines of a curated file, split at tabs.
std::vector<std::vector<std::string>> Rows(std::string_view name) {
  std::vector<std::vector<std::string>> rows;
  for (std::string_view line : strings::Split(EmbeddedFile(name), "\n")) {
    line = strings::TrimTrailing(line);
    if (line.empty() || line.front() == '#') continue;
    auto fields = strings::Split(line, "\t");
    rows.emplace_back(fields.begin(), fields.end());
  }
  return rows;
}

// Records that a place name of `folded` words can start at its first word.
void IndexPlaceName(std::string_view folded, StringMap<size_t>& words_from) {
  auto words = strings::Split(folded, " ", true);
  if (words.empty()) return;
  size_t& most = words_from[std::string(words.front())];
  most = std::max(most, words.size());
}

// One case-insensitive regular expression matching any of `patterns` as a whole line.
absl::StatusOr<std::unique_ptr<RE2>> CompileAlternatives(const std::vector<std::string>& patterns) {
  std::vector<std::string> groups;
  for (const auto& pattern : patterns) groups.push_back(strings::Cat("(?:", pattern, ")"));
  RE2::Options options;
  options.set_case_sensitive(false);
  auto regex = std::make_unique<RE2>(strings::Join(groups, "|"), options);
  if (!regex->ok()) return absl::InvalidArgumentError(regex->error());
  return regex;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::Load(std::string_view iso_codes_json_dir) {
  auto lexicon = std::make_shared<Lexicon>();
  std::string path = strings::Cat(iso_codes_json_dir, "/iso_3166-1.json");
  std::ifstream file(path);
  if (!file) {
    return absl::FailedPreconditionError(strings::Cat("cannot read ", path, "; install Debian's iso-codes package"));
  }
  nlohmann::json iso;
  try {
    iso = nlohmann::json::parse(file);
  } catch (const std::exception& e) {
    return absl::FailedPreconditionError(strings::Cat("cannot parse ", path, ": ", e.what()));
  }
  auto add_name = [&](std::string_view name, size_t index) {
    std::string folded = FoldForMatching(name);
    lexicon->country_by_name_.emplace(folded, index);
    IndexPlaceName(folded, lexicon->place_name_words_);
  };
  for (const auto& entry : iso.at("3166-1")) {
    Country country;
    country.alpha2 = entry.at("alpha_2").get<std::string>();
    country.alpha3 = entry.at("alpha_3").get<std::string>();
    country.name = entry.value("common_name", entry.at("name").get<std::string>());
    size_t index = lexicon->countries_.size();
    lexicon->country_by_code_.emplace(country.alpha2, index);
    add_name(entry.at("name").get<std::string>(), index);
    add_name(country.name, index);
    if (entry.contains("official_name")) add_name(entry["official_name"].get<std::string>(), index);
    lexicon->countries_.push_back(std::move(country));
  }
  // The rows of a curated file with the country whose alpha-2 code is in column `code`; an
  // unknown code fails the load.
  using CountryRow = std::pair<std::vector<std::string>, size_t>;
  auto country_rows = [&](std::string_view file, size_t code) -> absl::StatusOr<std::vector<CountryRow>> {
    std::vector<CountryRow> rows;
    for (auto& row : Rows(file)) {
      auto it = lexicon->country_by_code_.find(row.at(code));
      if (it == lexicon->country_by_code_.end()) {
        return absl::FailedPreconditionError(strings::Cat(file, ": unknown code ", row[code]));
      }
      rows.emplace_back(std::move(row), it->second);
    }
    return rows;
  };
  auto names = country_rows("country_names.tsv", 0);
  auto seats = country_rows("seats_of_government.tsv", 1);
  auto aliases = country_rows("country_aliases.tsv", 1);
  for (const auto* rows : {&names, &seats, &aliases}) {
    if (!rows->ok()) return rows->status();
  }
  for (const auto& [row, index] : *names) {
    lexicon->countries_[index].name = row.at(1);
    add_name(row[1], index);
  }
  for (const auto& [row, index] : *seats) lexicon->seats_of_government_.emplace(FoldForMatching(row[0]), index);
  for (const auto& [row, index] : *aliases) add_name(row[0], index);
  // Curated forms first, then the generated list; one or two words ("South Korean").
  // The generated list also covers codes outside ISO 3166-1 (Kosovo's XK): skipped.
  for (auto [file, strict] : {std::pair{"demonyms.tsv", true}, std::pair{"demonyms_generated.tsv", false}}) {
    for (const auto& row : Rows(file)) {
      if (std::count(row.at(0).begin(), row.at(0).end(), ' ') > 1) continue;
      auto it = lexicon->country_by_code_.find(row.at(1));
      if (it == lexicon->country_by_code_.end()) {
        if (!strict) continue;
        return absl::FailedPreconditionError(strings::Cat(file, ": unknown code ", row[1]));
      }
      lexicon->country_by_demonym_.emplace(FoldForMatching(row[0]), it->second);
    }
  }
  for (const auto& row : Rows("regions.tsv")) {
    lexicon->regions_.emplace(FoldForMatching(row.at(0)), row.at(1));
    IndexPlaceName(FoldForMatching(row[0]), lexicon->place_name_words_);
  }
  // cities.tsv: name, ascii name, country, admin1, population, geonames id. A name shared by
  // several cities means the most populous one.
  StringSet capitals;  // geonames ids
  for (const auto& row : Rows("capitals.tsv")) capitals.insert(row.at(1));
  // admin1_iso.tsv: "CC.admin1" (GeoNames) -> ISO 3166-2 code, to place cities in subdivisions.
  StringMap<std::string> subdivision_by_admin1;
  for (const auto& row : Rows("admin1_iso.tsv")) subdivision_by_admin1.emplace(row.at(0) + "." + row.at(1), row.at(2));
  for (const auto& row : Rows("cities.tsv")) {
    size_t index = lexicon->cities_.size();
    auto subdivision = subdivision_by_admin1.find(row.at(2) + "." + row.at(3));
    lexicon->cities_.push_back(City{row.at(0), row.at(2), std::stoll(row.at(4)), row.at(5), capitals.contains(row[5]),
                                    subdivision == subdivision_by_admin1.end() ? "" : subdivision->second});
    for (const std::string& name : {row[0], row[1]}) {
      std::string folded = FoldForMatching(name);
      auto [it, inserted] = lexicon->city_by_name_.emplace(folded, index);
      if (!inserted && lexicon->cities_[it->second].population < lexicon->cities_[index].population) {
        it->second = index;
      }
      IndexPlaceName(folded, lexicon->place_name_words_);
    }
  }
  // admin_areas.tsv: name, ISO 3166-2 code, country, type. A name used by several areas is
  // ambiguous and left out.
  // admin_area_names_en.tsv adds English names ("North Kivu" for "Nord-Kivu"), which become
  // the areas' display names.
  StringSet ambiguous_areas;
  StringMap<size_t> area_by_code;
  auto index_area_name = [&](const std::string& name, size_t area) {
    std::string folded = FoldForMatching(name);
    auto [it, inserted] = lexicon->admin_area_by_name_.emplace(folded, area);
    if (!inserted && it->second != area) ambiguous_areas.insert(folded);
    IndexPlaceName(folded, lexicon->place_name_words_);
  };
  for (const auto& row : Rows("admin_areas.tsv")) {
    area_by_code.emplace(row.at(1), lexicon->admin_areas_.size());
    index_area_name(row.at(0), lexicon->admin_areas_.size());
    lexicon->admin_areas_.push_back({row[0], row[1]});
  }
  for (const auto& row : Rows("admin_area_names_en.tsv")) {
    auto area = area_by_code.find(row.at(0));
    if (area == area_by_code.end())
      return absl::FailedPreconditionError("admin_area_names_en.tsv: unknown code " + row[0]);
    index_area_name(row.at(1), area->second);
    lexicon->admin_areas_[area->second].name = row[1];
  }
  for (const auto& name : ambiguous_areas) lexicon->admin_area_by_name_.erase(name);
  for (const auto& row : Rows("role_titles.txt")) lexicon->role_titles_.insert(row.at(0));
  for (const auto& row : Rows("name_stopwords.txt")) lexicon->name_stopwords_.insert(row.at(0));
  for (const auto& row : Rows("place_keywords.tsv")) {
    v1::EntityType type;
    if (!v1::EntityType_Parse(strings::Cat("ENTITY_TYPE_", row.at(1)), &type)) {
      return absl::FailedPreconditionError(strings::Cat("place_keywords.tsv: bad type ", row[1]));
    }
    lexicon->place_keywords_.emplace(row[0], type);
  }
  for (auto [file, map] : {std::pair{"organization_keywords.tsv", &lexicon->organization_keywords_},
                           std::pair{"organization_nouns.tsv", &lexicon->organization_nouns_},
                           std::pair{"state_bodies.tsv", &lexicon->state_bodies_}}) {
    for (const auto& row : Rows(file)) {
      v1::OrganizationKind kind;
      if (!v1::OrganizationKind_Parse(strings::Cat("ORGANIZATION_KIND_", row.at(1)), &kind)) {
        return absl::FailedPreconditionError(strings::Cat(file, ": bad kind ", row[1]));
      }
      map->emplace(row[0], kind);
    }
  }
  for (const auto& row : Rows("organizations.tsv")) {
    KnownOrganization organization{row.at(1), v1::ORGANIZATION_KIND_UNSPECIFIED};
    if (!v1::OrganizationKind_Parse(strings::Cat("ORGANIZATION_KIND_", row.at(2)), &organization.kind)) {
      return absl::FailedPreconditionError(strings::Cat("organizations.tsv: bad kind ", row[2]));
    }
    std::vector<std::string_view> words = strings::Split(row[0], " ", /*skip_empty=*/true);
    size_t& most = lexicon->organization_words_[std::string(words.front())];
    most = std::max(most, words.size());
    lexicon->organizations_.emplace(row[0], std::move(organization));
  }
  for (const auto& row : Rows("event_nouns.tsv")) {
    EventNoun noun;
    if (!v1::EventType_Parse(strings::Cat("EVENT_TYPE_", row.at(1)), &noun.type) ||
        !v1::ParticipantRole_Parse(strings::Cat("PARTICIPANT_ROLE_", row.at(3)), &noun.of_role)) {
      return absl::FailedPreconditionError(strings::Cat("event_nouns.tsv: bad type or role in ", row[0]));
    }
    noun.cameo_code = row.at(2);
    lexicon->event_nouns_.emplace(row[0], std::move(noun));
  }
  // The event a trigger row names: its type in column `column`, the CAMEO code after it
  // ("-": none, for COUP, ELECTION, DISASTER).
  auto trigger_of = [](std::string_view file, const std::vector<std::string>& row,
                       size_t column) -> absl::StatusOr<EventTrigger> {
    EventTrigger trigger;
    if (!v1::EventType_Parse(strings::Cat("EVENT_TYPE_", row.at(column)), &trigger.type)) {
      return absl::FailedPreconditionError(strings::Cat(file, ": bad type ", row[column]));
    }
    trigger.cameo_code = row.at(column + 1) == "-" ? "" : row[column + 1];
    return trigger;
  };
  for (const auto& row : Rows("event_triggers.tsv")) {
    auto trigger = trigger_of("event_triggers.tsv", row, 1);
    if (!trigger.ok()) return trigger.status();
    std::vector<std::string_view> words = strings::Split(row[0], " ", /*skip_empty=*/true);
    if (words.empty() || words.size() > 2) {
      return absl::FailedPreconditionError(strings::Cat("event_triggers.tsv: one or two words, not ", row[0]));
    }
    if (words.size() == 2) trigger->next_word = std::string(words[1]);
    auto& options = lexicon->triggers_[std::string(words[0])];
    options.push_back(std::move(*trigger));
    std::stable_partition(options.begin(), options.end(), [](const auto& t) { return !t.next_word.empty(); });
  }
  for (const auto& row : Rows("event_verbs.tsv")) {
    auto trigger = trigger_of("event_verbs.tsv", row, 1);
    if (!trigger.ok()) return trigger.status();
    lexicon->verb_triggers_.emplace(row[0], std::move(*trigger));
  }
  for (const auto& row : Rows("event_verb_objects.tsv")) {
    auto trigger = trigger_of("event_verb_objects.tsv", row, 2);
    if (!trigger.ok()) return trigger.status();
    for (std::string_view object : strings::Split(row[1], ",", /*skip_empty=*/true)) {
      lexicon->verb_object_triggers_.emplace(strings::Cat(row[0], " ", object), *trigger);
    }
  }
  std::vector<std::string> furniture, comments, related, author;
  for (const auto& row : Rows("furniture_lines.txt")) furniture.push_back(row.at(0));
  for (const auto& row : Rows("section_headers.tsv")) {
    const std::string& kind = row.at(0);
    if (kind != "comments" && kind != "related" && kind != "author") {
      return absl::FailedPreconditionError(strings::Cat("section_headers.tsv: unknown kind ", kind));
    }
    (kind == "comments" ? comments : kind == "related" ? related : author).push_back(row.at(1));
  }
  for (auto [patterns, regex, file] : {std::tuple{&furniture, &lexicon->furniture_line_, "furniture_lines.txt"},
                                       std::tuple{&comments, &lexicon->comments_header_, "section_headers.tsv"},
                                       std::tuple{&related, &lexicon->related_header_, "section_headers.tsv"},
                                       std::tuple{&author, &lexicon->author_header_, "section_headers.tsv"}}) {
    auto compiled = CompileAlternatives(*patterns);
    if (!compiled.ok()) return absl::FailedPreconditionError(strings::Cat(file, ": ", compiled.status().message()));
    *regex = std::move(*compiled);
  }
  return std::shared_ptr<const Lexicon>(std::move(lexicon));
}

bool Lexicon::IsRoleTitle(std::string_view folded_word) const {
  if (role_titles_.contains(folded_word)) return true;
  size_t hyphen = folded_word.rfind('-');
  return hyphen != std::string_view::npos && role_titles_.contains(folded_word.substr(hyphen + 1));
}

const Country* Lexicon::FindCountry(std::string_view folded_phrase) const {
  auto it = country_by_name_.find(folded_phrase);
  return it == country_by_name_.end() ? nullptr : &countries_[it->second];
}

const City* Lexicon::FindCity(std::string_view folded_phrase) const {
  auto it = city_by_name_.find(folded_phrase);
  return it == city_by_name_.end() ? nullptr : &cities_[it->second];
}

const AdminArea* Lexicon::FindAdminArea(std::string_view folded_phrase) const {
  auto it = admin_area_by_name_.find(folded_phrase);
  return it == admin_area_by_name_.end() ? nullptr : &admin_areas_[it->second];
}

size_t Lexicon::PlaceNameWordsFrom(std::string_view folded_first_word) const {
  auto it = place_name_words_.find(folded_first_word);
  return it == place_name_words_.end() ? 0 : it->second;
}

const std::string* Lexicon::FindRegion(std::string_view folded_phrase) const {
  auto it = regions_.find(folded_phrase);
  return it == regions_.end() ? nullptr : &it->second;
}

const Country* Lexicon::FindDemonym(std::string_view folded_word) const {
  auto it = country_by_demonym_.find(folded_word);
  // "Nigerians", "Swedes": the people, by their plural.
  if (it == country_by_demonym_.end() && folded_word.size() > 4 && folded_word.ends_with('s') &&
      !FindCountry(folded_word)) {  // "Philippines" is the country
    it = country_by_demonym_.find(folded_word.substr(0, folded_word.size() - 1));
  }
  return it == country_by_demonym_.end() ? nullptr : &countries_[it->second];
}

const Country* Lexicon::FindCountryByCode(std::string_view alpha2) const {
  auto it = country_by_code_.find(alpha2);
  return it == country_by_code_.end() ? nullptr : &countries_[it->second];
}

v1::EntityType Lexicon::PlaceKeyword(std::string_view word) const {
  auto it = place_keywords_.find(word);
  return it == place_keywords_.end() ? v1::ENTITY_TYPE_UNSPECIFIED : it->second;
}

v1::OrganizationKind Lexicon::OrganizationNoun(std::string_view folded_phrase) const {
  auto it = organization_nouns_.find(folded_phrase);
  return it == organization_nouns_.end() ? v1::ORGANIZATION_KIND_UNSPECIFIED : it->second;
}

const KnownOrganization* Lexicon::FindOrganization(std::string_view written_name) const {
  auto it = organizations_.find(written_name);
  return it == organizations_.end() ? nullptr : &it->second;
}

size_t Lexicon::OrganizationWordsFrom(std::string_view written_first_word) const {
  auto it = organization_words_.find(written_first_word);
  return it == organization_words_.end() ? 0 : it->second;
}

v1::OrganizationKind Lexicon::StateBody(std::string_view folded_phrase) const {
  auto it = state_bodies_.find(folded_phrase);
  return it == state_bodies_.end() ? v1::ORGANIZATION_KIND_UNSPECIFIED : it->second;
}

const Country* Lexicon::SeatOfGovernment(std::string_view folded_phrase) const {
  auto it = seats_of_government_.find(folded_phrase);
  return it == seats_of_government_.end() ? nullptr : &countries_[it->second];
}

v1::OrganizationKind Lexicon::OrganizationKeyword(std::string_view word) const {
  auto it = organization_keywords_.find(WithoutAbbreviationDot(word));
  return it == organization_keywords_.end() ? v1::ORGANIZATION_KIND_UNSPECIFIED : it->second;
}

const EventNoun* Lexicon::FindEventNoun(std::string_view folded_word) const {
  auto it = event_nouns_.find(folded_word);
  return it == event_nouns_.end() ? nullptr : &it->second;
}

const EventTrigger* Lexicon::FindTrigger(std::span<const Token> tokens, size_t index) const {
  if (auto it = triggers_.find(tokens[index].folded); it != triggers_.end()) {
    for (const EventTrigger& trigger : it->second) {
      if (trigger.next_word.empty()) return &trigger;
      size_t t = index + 1;
      for (size_t words = 0; t < tokens.size() && words <= kPhraseGap; ++words) {
        size_t word_end = HyphenatedWordEnd(tokens, t);
        if (FoldedAsWritten(tokens, t, word_end) == trigger.next_word) return &trigger;
        t = word_end;
      }
    }
  }
  // A gerund is mostly a reason or a manner ("criticised X for negotiating", "blaming Y"):
  // the forms that do report an event are listed.
  if (tokens[index].upos != "VERB" || tokens[index].xpos == "VBG") return nullptr;
  if (auto verb = verb_triggers_.find(tokens[index].lemma); verb != verb_triggers_.end()) return &verb->second;
  // The learned lemmatizer errs on rare verbs ("rioted" -> "riote"): their regular stems.
  for (const std::string& stem : RegularVerbStems(tokens[index].folded)) {
    if (auto verb = verb_triggers_.find(stem); verb != verb_triggers_.end()) return &verb->second;
  }
  return nullptr;
}

const EventTrigger* Lexicon::FindVerbObjectTrigger(std::string_view verb_lemma, std::string_view object_lemma) const {
  auto it = verb_object_triggers_.find(strings::Cat(verb_lemma, " ", object_lemma));
  return it == verb_object_triggers_.end() ? nullptr : &it->second;
}

bool Lexicon::IsFurnitureLine(std::string_view line) const {
  // Page furniture is a short line; a paragraph this long is text, whatever its first words.
  constexpr size_t kMaxFurnitureLineBytes = 300;
  line = strings::Trim(line);
  return line.size() <= kMaxFurnitureLineBytes && RE2::FullMatch(line, *furniture_line_);
}

bool Lexicon::IsCommentsHeader(std::string_view line) const {
  return RE2::FullMatch(strings::Trim(line), *comments_header_);
}

bool Lexicon::IsRelatedHeader(std::string_view line) const {
  return RE2::FullMatch(strings::Trim(line), *related_header_);
}

bool Lexicon::IsAuthorHeader(std::string_view line) const {
  return RE2::FullMatch(strings::Trim(line), *author_header_);
}

}  // namespace dossier::engine
