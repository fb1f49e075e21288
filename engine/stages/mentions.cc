#include "engine/stages/mentions.h"

#include <algorithm>

#include "dossier/common/strings.h"
#include "engine/stages/mention_reader.h"
#include "engine/stages/name_words.h"
#include "engine/written_words.h"

namespace dossier::engine {

void MentionsStage::Process(Doc& doc) const {
  MentionReader reader(*lexicon_, doc);
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    if (!doc.sentences[s].label) reader.ReadSentence(s);
  }
}

void MentionReader::ReadSentence(size_t sentence) {
  sentence_ = sentence;
  first_token_ = doc_.sentences[sentence].first_token;
  first_mention_ = doc_.mentions.size();
  tokens_ = doc_.SentenceTokens(sentence);
  size_t i = 0;
  while (i < tokens_.size()) i = ReadAt(i);
}

// Recognises whatever starts at token i and returns the next token to look at.
size_t MentionReader::ReadAt(size_t i) {
  const Token& token = tokens_[i];
  if (!token.capitalized && LastMentionEndsAt(i) && LastMention().type == v1::ENTITY_TYPE_COUNTRY) {
    if (size_t end = ReadStateBody(i); end > i) return end;
  }
  if (!token.is_word || !(token.capitalized || IsJoinedNameParticle(tokens_, i))) return i + 1;
  if (IsAttributiveCompound(tokens_, i)) {
    ReadAttributivePlace(i);
    return WordEnd(i);
  }
  if (size_t known_end = ReadKnownOrganization(i); known_end > i) return known_end;
  size_t end = RunEnd(i);
  size_t start = i;
  while (start < end && (lexicon_.IsNameStopword(tokens_[start].text) || IsAbbreviatedTitle(tokens_[start]))) ++start;
  if (start == end) return end;
  if (start > i) return start;  // re-read from the first real name word
  // "Senior Hungarian officials", "Thousands of Kenyans": a sentence's first word, capitalised
  // only for being first, is no part of the demonym after it.
  if (size_t next = WordEnd(start);
      start == 0 && next < end && tokens_[start].upos != "PROPN" && tokens_[start].ner == "O") {
    if (tokens_[next].folded == "of" && next + 1 < end) ++next;
    if (lexicon_.FindDemonym(Folded(next, WordEnd(next)))) return next;
  }

  if (const Country* country = lexicon_.SeatOfGovernment(Folded(start, end))) {  // "the Kremlin said"
    size_t body = AddNamed(v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY, start, end,
                           kKeywordOrganizationConfidence);
    doc_.mentions[body].country_in_name = country->alpha2;
    return end;
  }
  if (auto organization = OrganizationKindOf(start, end); organization != v1::ORGANIZATION_KIND_UNSPECIFIED) {
    size_t body = AddNamed(v1::ENTITY_TYPE_ORGANIZATION, organization, start, end, kKeywordOrganizationConfidence);
    if (organization == v1::ORGANIZATION_KIND_GOVERNMENT_BODY) NoteCountryInName(body, start, end);
    RememberShortNames(body, start, end);
    return ReadAcronymDefinition(end);
  }
  if (size_t country_end = MatchPlace(start, end); country_end > start) {
    return country_end;
  }
  // "South African" before "Sudanese": the longer demonym wins.
  size_t first_word_end = WordEnd(start);
  if (first_word_end < end) {
    size_t second_word_end = WordEnd(first_word_end);
    if (const Country* country = lexicon_.FindDemonym(Folded(start, second_word_end))) {
      AddCountryMention(*country, start, second_word_end, kDemonymConfidence);
      return second_word_end;
    }
  }
  if (const Country* country = lexicon_.FindDemonym(Folded(start, first_word_end))) {
    AddCountryMention(*country, start, first_word_end, kDemonymConfidence);
    return first_word_end;
  }
  if (auto place = lexicon_.PlaceKeyword(tokens_[end - 1].text);
      place != v1::ENTITY_TYPE_UNSPECIFIED && first_word_end < end) {
    AddNamed(place, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kKeywordOrganizationConfidence);
    return end;
  }
  return ReadNameRun(start, end);
}

// "JNIM", "al-Qaeda in the Islamic Maghreb": an organisation of the curated list, the
// longest name of whole (hyphenated) words that starts at token `start` as written, stored under its one name (the
// acronym and the full name are one entity). Returns where the reading goes on, or `start`.
size_t MentionReader::ReadKnownOrganization(size_t start) {
  size_t end = WordEnd(start);
  size_t most = lexicon_.OrganizationWordsFrom(Text(start, end));
  const KnownOrganization* found = nullptr;
  size_t found_end = start;
  for (size_t words = 1; words <= most; ++words) {
    if (const KnownOrganization* organization = lexicon_.FindOrganization(Text(start, end))) {
      found = organization;
      found_end = end;
    }
    if (end >= tokens_.size()) break;
    end = WordEnd(end);
  }
  // "United Nations Support Mission": a longer name goes on, which the list does not hold.
  if (!found || (found_end < tokens_.size() && tokens_[found_end].capitalized)) return start;
  AddNamed(v1::ENTITY_TYPE_ORGANIZATION, found->kind, start, found_end, kKeywordOrganizationConfidence, found->name);
  return ReadAcronymDefinition(found_end);
}

// "Myanmar's military", "the Nigerian army", "Malian armed forces": the country just read
// (by name, possessive or demonym) and a state body's noun at token i are one organisation
// of that country, named "<country>'s <noun>" whichever way the text puts it. Returns the
// end of the noun, or i when there is none.
size_t MentionReader::ReadStateBody(size_t i) {
  for (size_t end = std::min(i + 2, tokens_.size()); end > i; --end) {
    v1::OrganizationKind kind = lexicon_.StateBody(Folded(i, end));
    if (kind == v1::ORGANIZATION_KIND_UNSPECIFIED) continue;
    Mention country = LastMention();
    auto code = std::find_if(country.gazetteer_ids.begin(), country.gazetteer_ids.end(),
                             [](const auto& id) { return id.first == "iso3166-1-alpha2"; });
    if (code == country.gazetteer_ids.end()) return i;
    doc_.mentions.pop_back();
    size_t body = AddNamed(v1::ENTITY_TYPE_ORGANIZATION, kind, country.first_token - first_token_, end,
                           kDemonymConfidence, strings::Cat(country.name, "'s ", Folded(i, end)));
    doc_.mentions[body].country_in_name = code->second;
    return end;
  }
  return i;
}

// The end of the run of capitalised words (with inner "of", "de", ...) starting at i. A
// possessive ends the run and is no part of it, unless the run goes on to an organisation's
// name that holds it.
size_t MentionReader::RunEnd(size_t i) const {
  size_t end = WordEnd(i);
  bool organization = false;  // the run so far holds an organisation keyword
  bool of_phrase = false;     // ... and an "of" or "for" phrase
  bool conjoined = false;     // ... and an inner "and"
  while (end < tokens_.size()) {
    const Token& next = tokens_[end];
    organization |= lexicon_.OrganizationKeyword(tokens_[end - 1].text) != v1::ORGANIZATION_KIND_UNSPECIFIED;
    bool next_capitalized = end + 1 < tokens_.size() && tokens_[end + 1].capitalized;
    if (next.is_word && (next.capitalized || IsJoinedNameParticle(tokens_, end)) &&
        !IsAttributiveCompound(tokens_, end)) {
      end = WordEnd(end);
    } else if (next.is_word && IsNameConnector(next.folded) && next_capitalized) {
      of_phrase |= next.folded == "of" || next.folded == "for";
      end += 2;
    } else if (organization && of_phrase && !conjoined && next.is_word && (next.folded == "and" || next.text == "&") &&
               next_capitalized) {
      conjoined = true;  // "Ministry of Industry and Trade", but not "... and Trade and Osman Tayeb"
      end += 2;
    } else if (organization && next.is_word && (next.folded == "of" || next.folded == "for") &&
               end + 2 < tokens_.size() && tokens_[end + 1].folded == "the" && tokens_[end + 2].capitalized) {
      of_phrase = true;
      end += 3;  // "Armed Forces of the Democratic Republic of the Congo"
    } else {
      if (IsPossessive(next)) end = std::max(end, OrganizationAfterPossessive(i, end));
      break;
    }
  }
  return end;
}

// "Railway Workers’ Union", "People’s Unity Party", "Public Prosecutor’s Office": the end of
// an organisation's name that goes on after the possessive at token `possessive` of the run
// starting at `start`, when a plural, "People" or a title (not a place) owns it; else 0.
size_t MentionReader::OrganizationAfterPossessive(size_t start, size_t possessive) const {
  const Token& owner = tokens_[possessive - 1];
  bool plural = tokens_[possessive].folded == "'";
  if (!plural && owner.folded != "people" && !lexicon_.IsRoleTitle(owner.folded)) return 0;
  if (possessive + 1 == tokens_.size() || !tokens_[possessive + 1].capitalized ||
      lexicon_.FindCountry(Folded(start, possessive))) {
    return 0;
  }
  size_t end = RunEnd(possessive + 1);
  return lexicon_.OrganizationKeyword(tokens_[end - 1].text) != v1::ORGANIZATION_KIND_UNSPECIFIED ? end : 0;
}

v1::OrganizationKind MentionReader::OrganizationKindOf(size_t start, size_t end) const {
  if (WordEnd(start) == end) return v1::ORGANIZATION_KIND_UNSPECIFIED;
  // The head of an English name comes last: "River Guard Front" is a front. A title after
  // the keyword makes the run a titled person ("Energy Commissioner Katrin Vähälä").
  for (size_t t = end; t > start; --t) {
    if (lexicon_.IsRoleTitle(tokens_[t - 1].folded)) return v1::ORGANIZATION_KIND_UNSPECIFIED;
    auto kind = lexicon_.OrganizationKeyword(tokens_[t - 1].text);
    if (kind != v1::ORGANIZATION_KIND_UNSPECIFIED) return kind;
  }
  return v1::ORGANIZATION_KIND_UNSPECIFIED;
}

// "Rwanda Defence Force", "the Peruvian Foreign Ministry": a government body whose name holds
// a country or its demonym belongs to that country.
void MentionReader::NoteCountryInName(size_t body, size_t start, size_t end) {
  for (size_t t = start; t < end; t = WordEnd(t)) {
    size_t phrase_end = WordEnd(t);
    const Country* country = lexicon_.FindDemonym(Folded(t, phrase_end));
    if (!country) country = lexicon_.FindCountry(Folded(t, phrase_end));
    for (size_t words = 2; !country && words <= 4 && phrase_end < end; ++words) {
      phrase_end = WordEnd(phrase_end);
      country = lexicon_.FindCountry(Folded(t, phrase_end));
    }
    if (country) {
      doc_.mentions[body].country_in_name = country->alpha2;
      return;
    }
  }
}

// `canonical_name` overrides the text as written (gazetteer names).
size_t MentionReader::AddNamed(v1::EntityType type, v1::OrganizationKind kind, size_t start, size_t end,
                               double confidence, std::string canonical_name) {
  Mention mention;
  mention.type = type;
  mention.organization_kind = kind;
  mention.name = canonical_name.empty() ? Text(start, end) : std::move(canonical_name);
  mention.confidence = confidence;
  return AddMention(start, end, std::move(mention));
}

// A surname or acronym that repeats a name read before, or an acronym defined after a name.
size_t MentionReader::AddRepeat(size_t antecedent, size_t start, size_t end) {
  Mention mention;
  mention.type = doc_.mentions[antecedent].type;
  mention.organization_kind = doc_.mentions[antecedent].organization_kind;
  mention.name = Text(start, end);
  mention.confidence = kCoreferenceConfidence;
  mention.antecedent = antecedent;
  return AddMention(start, end, std::move(mention));
}

// The name is tokens [start, end); a possessive "'s" after it joins the mention's tokens but
// not its span.
size_t MentionReader::AddMention(size_t start, size_t end, Mention mention) {
  mention.sentence = sentence_;
  mention.span = doc_.Span(Global(start), Global(end));
  mention.possessive = end < tokens_.size() && IsPossessive(tokens_[end]);
  if (mention.possessive) ++end;
  mention.first_token = Global(start);
  mention.end_token = Global(end);
  mention.after_preposition = start > 0 && IsPreposition(tokens_[start - 1].folded);
  size_t before = start;
  if (before > 0 && tokens_[before - 1].folded == "the") --before;
  mention.modifier = before > 0 && IsModifierPreposition(tokens_[before - 1].folded);
  // "Ghanaian envoy Efua Mensah": the demonym describes the person who follows.
  if (end < tokens_.size() && lexicon_.IsRoleTitle(FoldedWord(end))) mention.modifier = true;
  doc_.mentions.push_back(std::move(mention));
  return doc_.mentions.size() - 1;
}

size_t MentionReader::WordCount(size_t start, size_t end) const {
  size_t words = 0;
  for (size_t t = start; t < end; t = WordEnd(t)) ++words;
  return words;
}

bool MentionReader::LastMentionEndsAt(size_t end) const {
  return doc_.mentions.size() > first_mention_ && LastMention().end_token == Global(end);
}

}  // namespace dossier::engine
