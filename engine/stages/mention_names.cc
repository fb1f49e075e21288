// The mention reader's names without a gazetteer entry: people typed by titles, names typed
// by the words around them, acronym definitions, and repeated surnames and acronyms.
#include <algorithm>
#include <cctype>

#include "engine/lexicon/word_sets.h"
#include "engine/normalize/text.h"
#include "engine/stages/entity_types.h"
#include "engine/stages/mention_reader.h"
#include "engine/stages/name_words.h"
#include "engine/syntax/entity_recognizer.h"

namespace dossier::engine {

size_t MentionReader::ReadNameRun(size_t start, size_t end) {
  // "Interior Minister Salif Kone": the title ends at its last title word.
  for (size_t t = HyphenatedWordStart(tokens_, end); t > start; t = HyphenatedWordStart(tokens_, t)) {
    if (lexicon_.IsRoleTitle(FoldedWordBefore(t))) {
      AddPerson(start, t, t, end);
      return end;
    }
  }
  if (lexicon_.IsRoleTitle(FoldedWordBefore(end))) return end;  // "Foreign Minister" alone
  // "envoy Ama Boateng", "Norway's trade minister, Lars Eikrem": a lower-case title just
  // before the name, or before a comma before it.
  size_t title_end = start > 1 && tokens_[start - 1].text == "," ? start - 1 : start;
  if (title_end > 0 && lexicon_.IsRoleTitle(FoldedWordBefore(title_end))) {
    AddPerson(LowerCaseTitleStart(title_end), title_end, start, end);
    return end;
  }
  // A single word may repeat a name read before ("Kone", "CDF").
  if (WordEnd(start) == end) {
    std::string word = Text(start, end);
    if (auto named = short_names_.find(FoldForMatching(word)); named != short_names_.end()) {
      AddRepeat(named->second, start, end);
      return end;
    }
    if (auto acronym = acronyms_.find(word); acronym != acronyms_.end()) {
      AddRepeat(acronym->second, start, end);
      return end;
    }
  }
  // Which words of the run are names is the recogniser's call: a heading ("Preparedness
  // Tips") or a label holds none. The words around a name, where they say what it is ("X, a
  // town near", "the charity X", "X (XYZ)"), type it before the recogniser does, and make
  // it a name even where the recogniser saw none.
  std::vector<RecognizedName> names = RecognizedNames(start, end);
  if (names.empty()) names.push_back({start, end, v1::ENTITY_TYPE_UNSPECIFIED});
  for (const RecognizedName& name : names) {
    ContextType context = TypeFromContext(name.start, name.end);
    v1::EntityType type = context.type != v1::ENTITY_TYPE_UNSPECIFIED ? context.type : name.type;
    if (type == v1::ENTITY_TYPE_UNSPECIFIED) continue;
    size_t mention = AddNamed(type, context.kind, name.start, name.end, kRecognizedNameConfidence);
    if (type == v1::ENTITY_TYPE_PERSON) {
      RememberSurname(mention, name.end);
      ReadTitleAfterName(mention, name.end);
    } else if (type == v1::ENTITY_TYPE_ORGANIZATION) {
      RememberShortNames(mention, name.start, name.end);
    }
  }
  return ReadAcronymDefinition(end);
}

// The names the recogniser found (Token::ner) in tokens [start, end), cut to them. A place
// it names is a city unless its last word, a gazetteer or the context says otherwise.
std::vector<MentionReader::RecognizedName> MentionReader::RecognizedNames(size_t start, size_t end) const {
  std::vector<std::string> labels;
  for (size_t t = start; t < end; ++t) labels.push_back(tokens_[t].ner);
  std::vector<RecognizedName> names;
  for (const syntax::EntitySpan& span : syntax::EntitySpans(labels)) {
    v1::EntityType type = span.type == "PER"   ? v1::ENTITY_TYPE_PERSON
                          : span.type == "ORG" ? v1::ENTITY_TYPE_ORGANIZATION
                                               : v1::ENTITY_TYPE_CITY;
    names.push_back({start + span.start, start + span.end, type});
  }
  // A name starts and ends with a capitalised word ("of Industry" is none), or starts with a
  // particle ("al-Qaeda"), and does not end with a weekday ("Yasser Arafat Wednesday
  // rejected"); a place's last word may type it ("Blue Nile River").
  static const WordSet kWeekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::vector<RecognizedName> trimmed;
  for (RecognizedName name : names) {
    while (name.start < name.end && !tokens_[name.start].capitalized && !IsJoinedNameParticle(tokens_, name.start)) {
      ++name.start;
    }
    while (name.end > name.start && ((!tokens_[name.end - 1].capitalized && !IsJoiningHyphen(tokens_, name.end - 1) &&
                                      !std::isdigit(static_cast<unsigned char>(tokens_[name.end - 1].text.front()))) ||
                                     kWeekdays.contains(tokens_[name.end - 1].folded))) {
      --name.end;
    }
    if (name.start == name.end) continue;
    if (auto place = lexicon_.PlaceKeyword(tokens_[name.end - 1].text);
        name.type == v1::ENTITY_TYPE_CITY && place != v1::ENTITY_TYPE_UNSPECIFIED) {
      name.type = place;
    }
    trimmed.push_back(std::move(name));
  }
  return trimmed;
}

// "Together for Madagascar (TAM)": a name with an acronym is an organisation; so is one
// after a noun such as "charity" or "armed group";
// "Djibo, a town in ...", "the village of Chai", "Macomia district", "Toamasina and
// Mahajanga": places; "Otieno Odhiambo, the district administrator": a person.
MentionReader::ContextType MentionReader::TypeFromContext(size_t start, size_t end) const {
  static const WordMap<v1::EntityType> kPlaceNouns = {
      {"town", v1::ENTITY_TYPE_CITY},           {"towns", v1::ENTITY_TYPE_CITY},
      {"village", v1::ENTITY_TYPE_CITY},        {"villages", v1::ENTITY_TYPE_CITY},
      {"city", v1::ENTITY_TYPE_CITY},           {"cities", v1::ENTITY_TYPE_CITY},
      {"port", v1::ENTITY_TYPE_CITY},           {"settlement", v1::ENTITY_TYPE_CITY},
      {"district", v1::ENTITY_TYPE_ADMIN_AREA}, {"province", v1::ENTITY_TYPE_ADMIN_AREA},
      {"county", v1::ENTITY_TYPE_ADMIN_AREA},   {"municipality", v1::ENTITY_TYPE_ADMIN_AREA},
      {"region", v1::ENTITY_TYPE_REGION},       {"island", v1::ENTITY_TYPE_REGION}};
  if (end + 2 < tokens_.size() && tokens_[end].text == "(" && IsAcronym(tokens_[end + 1].text) &&
      tokens_[end + 1].text.front() == tokens_[start].text.front()) {
    return {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_OTHER};
  }
  // "the charity Casa Aberta", "the armed group Jebel Amer": two-word nouns first.
  for (size_t words = 2; words >= 1; --words) {
    if (start < words || !tokens_[start - 1].is_word || tokens_[start - 1].capitalized) continue;
    auto kind = lexicon_.OrganizationNoun(Folded(start - words, start));
    if (kind != v1::ORGANIZATION_KIND_UNSPECIFIED) return {v1::ENTITY_TYPE_ORGANIZATION, kind};
  }
  // ", a (small) town in": the noun after the article, one modifier allowed.
  if (end + 2 < tokens_.size() && tokens_[end].text == "," &&
      (tokens_[end + 1].folded == "a" || tokens_[end + 1].folded == "an")) {
    for (size_t t = end + 2; t < std::min(end + 4, tokens_.size()); ++t) {
      if (auto noun = kPlaceNouns.find(tokens_[t].folded); noun != kPlaceNouns.end()) return {noun->second};
    }
  }
  // "Otieno Odhiambo, the district administrator": a title in apposition makes a person.
  if (end + 2 < tokens_.size() && tokens_[end].text == ",") {
    const std::string& article = tokens_[end + 1].folded;
    if (article == "a" || article == "an" || article == "the") {
      for (size_t t = end + 2; t < std::min(end + 5, tokens_.size()); ++t) {
        if (lexicon_.IsRoleTitle(tokens_[t].folded)) return {v1::ENTITY_TYPE_PERSON};
      }
    }
  }
  // "Macomia district", "Jumla district": the noun right after the name.
  if (end < tokens_.size() && !tokens_[end].capitalized) {
    if (auto noun = kPlaceNouns.find(tokens_[end].folded); noun != kPlaceNouns.end()) return {noun->second};
  }
  // "the village of Chai", "the port cities of Toamasina"
  if (start >= 2 && tokens_[start - 1].folded == "of") {
    if (auto noun = kPlaceNouns.find(tokens_[start - 2].folded); noun != kPlaceNouns.end()) return {noun->second};
  }
  // "Toamasina and Mahajanga": the second of two coordinated names is what the first is.
  if (start >= 2 && (tokens_[start - 1].folded == "and" || tokens_[start - 1].folded == "or") &&
      LastMentionEndsAt(start - 1)) {
    auto type = LastMention().type;
    if (IsPlaceOtherThanCountry(type)) return {type};
  }
  return {};
}

// Start of a lower-case title ending at `title_end`: title words and up to three modifiers
// ("economy secretary", "government spokeswoman", "deputy prime minister").
// A capitalised title ("Oman's Foreign Minister, Salim al-Harthy") may reach back over
// capitalised words too, but not into a name mentioned before it.
size_t MentionReader::LowerCaseTitleStart(size_t title_end) const {
  size_t title_start = HyphenatedWordStart(tokens_, title_end);
  bool capitalized = tokens_[title_start].capitalized;
  for (size_t words = 1; title_start > 0 && words < 4; ++words) {
    size_t word_start = HyphenatedWordStart(tokens_, title_start);
    const Token& before = tokens_[word_start];
    if (!before.is_word || (before.capitalized && !capitalized) || LastMentionEndsAt(title_start) ||
        lexicon_.IsNameStopword(before.text) || before.folded == "the" || before.folded == "a" ||
        before.folded == "its" || before.folded == "former") {
      break;
    }
    title_start = word_start;
  }
  return title_start;
}

// title tokens [title_start, title_end), name tokens [name_start, name_end). What is named
// just before the title may own the office (the roles stage decides): a country or demonym
// ("Ghanaian envoy"), an organisation ("Nordvik Telecom chief executive"), a city or area
// ("Ulaanbaatar mayor").
void MentionReader::AddPerson(size_t title_start, size_t title_end, size_t name_start, size_t name_end) {
  std::optional<size_t> owner;
  // "her Philippine counterpart, Foreign Secretary Miguel Dizon": the owner precedes "counterpart".
  size_t owner_end = title_start;
  if (owner_end >= 2 && tokens_[owner_end - 1].text == "," && tokens_[owner_end - 2].folded == "counterpart") {
    owner_end -= 2;
  }
  if (owner_end > 0 && LastMentionEndsAt(owner_end)) owner = doc_.mentions.size() - 1;
  size_t person = AddNamed(v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED, name_start, name_end,
                           kTitledPersonConfidence);
  RememberSurname(person, name_end);
  doc_.role_cues.push_back({person, Text(title_start, title_end), Global(std::min(title_start, name_start)),
                            Global(std::max(title_end, name_end)), owner, std::nullopt});
}

// "Amélia Nhantumbo, the district administrator of Macomia": a title in apposition after
// the name, its owner after "of".
void MentionReader::ReadTitleAfterName(size_t person, size_t name_end) {
  size_t t = name_end;
  if (t + 2 >= tokens_.size() || tokens_[t].text != ",") return;
  const std::string& article = tokens_[t + 1].folded;
  if (article != "the" && article != "a" && article != "an" && article != "its") return;
  size_t title_start = t + 2;
  size_t title_end = title_start;
  for (size_t words = 0;
       title_end < tokens_.size() && words < 5 && tokens_[title_end].is_word && tokens_[title_end].folded != "of";
       ++words) {
    title_end = WordEnd(title_end);
  }
  if (title_end == title_start || !lexicon_.IsRoleTitle(FoldedWordBefore(title_end))) return;
  RoleCue cue{person, Text(title_start, title_end), Global(name_end), Global(title_end), std::nullopt, std::nullopt};
  if (title_end + 1 < tokens_.size() && tokens_[title_end].folded == "of") cue.owner_token = Global(title_end + 1);
  doc_.role_cues.push_back(std::move(cue));
}

// "Coastal Defence Front (CDF)": the acronym is a mention that defines an alias of the name
// just read.
size_t MentionReader::ReadAcronymDefinition(size_t end) {
  if (end + 2 < tokens_.size() && tokens_[end].text == "(" && IsAcronym(tokens_[end + 1].text) &&
      tokens_[end + 2].text == ")" && LastMentionEndsAt(end)) {
    size_t definition = AddRepeat(doc_.mentions.size() - 1, end + 1, end + 2);
    doc_.mentions[definition].defines_acronym = true;
    acronyms_[std::string(tokens_[end + 1].text)] = definition;
    return end + 3;
  }
  return end;
}

void MentionReader::RememberSurname(size_t person, size_t name_end) {
  short_names_[FoldedWordBefore(name_end)] = person;
}

// "Nordvik Telecom ... Nordvik said": an organisation goes by any word of its name that is
// neither its keyword ("Telecom", "Banco") nor a place or people ("Kenya Airways" is no
// "Kenya").
void MentionReader::RememberShortNames(size_t organization, size_t start, size_t end) {
  if (WordCount(start, end) < 2) return;
  for (size_t t = start; t < end; t = WordEnd(t)) {
    std::string word = FoldedWord(t);
    if (!tokens_[t].capitalized || word.size() < 3 || lexicon_.IsNameStopword(tokens_[t].text) ||
        lexicon_.OrganizationKeyword(tokens_[t].text) != v1::ORGANIZATION_KIND_UNSPECIFIED ||
        lexicon_.FindCountry(word) || lexicon_.FindDemonym(word) || lexicon_.FindCity(word) ||
        lexicon_.FindAdminArea(word) || lexicon_.FindRegion(word)) {
      continue;
    }
    short_names_.emplace(word, organization);  // the first organisation named so keeps it
  }
}

}  // namespace dossier::engine
