// The mention reader's names without a gazetteer entry: people typed by titles, names typed
// by the words around them, acronym definitions, and repeated surnames and acronyms.
#include <algorithm>

#include "engine/lexicon/word_sets.h"
#include "engine/normalize/text.h"
#include "engine/stages/entity_types.h"
#include "engine/stages/mention_reader.h"
#include "engine/stages/name_words.h"

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
  // Unknown names after "in", "at", "near" are places; after "to" or "from" as often people.
  bool after_preposition = start > 0 && IsPlacePreposition(tokens_[start - 1].folded);
  if (WordEnd(start) == end) {
    // A single word repeats a name read before ("Kone", "CDF"), else the context types it.
    std::string word = Text(start, end);
    if (auto surname = surnames_.find(FoldForMatching(word)); surname != surnames_.end()) {
      AddRepeat(surname->second, start, end);
    } else if (auto acronym = acronyms_.find(word); acronym != acronyms_.end()) {
      AddRepeat(acronym->second, start, end);
    } else if (auto context = TypeFromContext(start, end); context.type != v1::ENTITY_TYPE_UNSPECIFIED) {
      AddNamed(context.type, context.kind, start, end, kPlaceAfterPrepositionConfidence);
    } else if (after_preposition) {
      AddNamed(v1::ENTITY_TYPE_CITY, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kPlaceAfterPrepositionConfidence);
    }
    return end;
  }
  if (auto context = TypeFromContext(start, end); context.type != v1::ENTITY_TYPE_UNSPECIFIED) {
    AddNamed(context.type, context.kind, start, end, kPlaceAfterPrepositionConfidence);
  } else if (after_preposition) {
    AddNamed(v1::ENTITY_TYPE_CITY, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kPlaceAfterPrepositionConfidence);
  } else if (WordCount(start, end) <= 3 && (start > 0 || VerbOrTitleFollows(end)) && !HasOfPhrase(start, end)) {
    // A sentence-initial run is too often a headline fragment unless a verb or a title
    // follows it ("Sherif El-Din criticised", "Hassan al-Jubouri, a lawmaker"); inside a
    // sentence two or three capitalised words are most often a person.
    size_t person =
        AddNamed(v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kUntitledNameConfidence);
    RememberSurname(person, end);
    ReadTitleAfterName(person, end);
  }
  return ReadAcronymDefinition(end);
}

// "Residents of Tamale", "Friends for Peace": an "of" or "for" phrase is no part of a person's name.
bool MentionReader::HasOfPhrase(size_t start, size_t end) const {
  for (size_t t = start; t < end; ++t) {
    if (tokens_[t].folded == "of" || tokens_[t].folded == "for") return true;
  }
  return false;
}

// True when an event verb follows token `end`, or ", a/the <title>" does.
bool MentionReader::VerbOrTitleFollows(size_t end) const {
  if (end >= tokens_.size()) return false;
  if (!tokens_[end].capitalized && lexicon_.FindTrigger(tokens_, end)) return true;
  if (end + 3 < tokens_.size() && tokens_[end].text == ",") {
    const std::string& article = tokens_[end + 1].folded;
    if (article != "a" && article != "an" && article != "the") return false;
    for (size_t t = end + 2; t < std::min(end + 5, tokens_.size()); ++t) {
      if (lexicon_.IsRoleTitle(tokens_[t].folded)) return true;
    }
  }
  return false;
}

// "Together for Madagascar (TAM)": a name with an acronym is an organisation; so is one
// after a noun such as "charity" or "armed group";
// "Djibo, a town in ...", "the village of Chai", "Toamasina and Mahajanga": places.
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

void MentionReader::RememberSurname(size_t person, size_t name_end) { surnames_[FoldedWordBefore(name_end)] = person; }

}  // namespace dossier::engine
