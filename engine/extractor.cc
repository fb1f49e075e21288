#include "engine/extractor.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "dossier/common/strings.h"
#include "engine/normalize/text.h"
#include "engine/stages/sentences.h"
#include "engine/stages/time_expressions.h"
#include "engine/stages/tokenizer.h"

namespace dossier::engine {
namespace {

// Confidence of a mention by how it was recognised.
constexpr double kCountryConfidence = 0.95;
constexpr double kTitledPersonConfidence = 0.9;
constexpr double kKeywordOrganizationConfidence = 0.85;
constexpr double kCoreferenceConfidence = 0.8;
constexpr double kDemonymConfidence = 0.7;
constexpr double kUntitledNameConfidence = 0.6;
constexpr double kPlaceAfterPrepositionConfidence = 0.5;
constexpr double kGazetteerCityConfidence = 0.85;

constexpr double kInferredOfficeConfidence = 0.5;
constexpr double kGazetteerFactConfidence = 0.6;

// An apposition ("Saber, a lawmaker from the opposition party,") is at most this long.
constexpr size_t kMaxAppositionTokens = 20;
// Title words between "by" and a passive's agent ("by Vietnamese Trade Minister Lan").
constexpr size_t kMaxTitleTokens = 4;

// Two adjacent names are related by the words between them only when these are few.
constexpr size_t kMaxWordsBetweenRelated = 7;

// An article is about a country (or company) only if it names it this often.
constexpr int kMinMentionsOfDominantEntity = 3;

// Cities this large are taken as places even without a preposition or a dateline.
constexpr int64_t kWellKnownCityPopulation = 250000;

bool IsPreposition(std::string_view folded) {
  return folded == "in" || folded == "at" || folded == "near" || folded == "from" || folded == "to";
}

bool IsPlacePreposition(std::string_view folded) { return folded == "in" || folded == "at" || folded == "near"; }

// Prepositions that make a name a modifier rather than a participant ("envoy for the Sahel").
bool IsModifierPreposition(std::string_view folded) {
  static const StringSet kModifiers = {"about", "across", "along", "between", "by",      "for",
                                       "into",  "of",     "on",    "over",    "through", "under"};
  return kModifiers.contains(folded);
}

bool IsNameConnector(std::string_view folded) {
  static const StringSet kConnectors = {"al", "bin", "da", "de", "do", "dos", "du", "for", "ibn", "of"};
  return kConnectors.contains(folded);
}

// "al-Tayeb", "el-Sisi": a lower-case Arabic article joined to a capitalised name.
bool IsJoinedNameParticle(std::string_view word) {
  if (word.size() < 4 || (word[2] != '-' && word[3] != '-')) return false;  // most words
  for (std::string_view particle : {"al-", "el-", "ad-", "ash-", "ar-", "as-", "an-"}) {
    if (word.size() > particle.size() && word.starts_with(particle) &&
        absl::ascii_isupper(static_cast<unsigned char>(word[particle.size()]))) {
      return true;
    }
  }
  return false;
}

// "Singapore-based", "Army-backed": a place or sponsor glued to an adjective, not a name word.
bool IsAttributiveCompound(std::string_view word) {
  if (word.find('-') == std::string_view::npos) return false;  // most words: one memchr
  for (std::string_view suffix : {"-based", "-backed", "-led", "-owned", "-born", "-run", "-linked", "-allied"}) {
    if (word.ends_with(suffix)) return true;
  }
  return false;
}

bool IsAcronym(std::string_view word) {
  size_t letters = 0;
  for (char c : word) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      ++letters;
    } else if (c != '.' && c != '&') {
      return false;
    }
  }
  return letters >= 2 && letters <= 8;
}

// "Niger's" -> length of "Niger".
size_t WithoutPossessive(std::string_view word) {
  for (std::string_view suffix : {"'s", "\u2019s"}) {
    if (std::string_view(word).ends_with(suffix)) return word.size() - suffix.size();
  }
  return word.size();
}

std::string_view EntityTypeKeyName(v1::EntityType type) {
  switch (type) {
    case v1::ENTITY_TYPE_PERSON:
      return "person";
    case v1::ENTITY_TYPE_ORGANIZATION:
      return "organization";
    case v1::ENTITY_TYPE_COUNTRY:
      return "country";
    case v1::ENTITY_TYPE_ADMIN_AREA:
      return "admin_area";
    case v1::ENTITY_TYPE_CITY:
      return "city";
    case v1::ENTITY_TYPE_REGION:
      return "region";
    case v1::ENTITY_TYPE_FACILITY:
      return "facility";
    default:
      return "unknown";
  }
}

// "country:" + "NE": plain appends, as this runs for every mention.
std::string EntityKey(std::string_view prefix, std::string_view id, std::string_view more = {}) {
  std::string key;
  key.reserve(prefix.size() + id.size() + more.size());
  key.append(prefix).append(id).append(more);
  return key;
}

bool IsPlace(v1::EntityType type) {
  return type == v1::ENTITY_TYPE_COUNTRY || type == v1::ENTITY_TYPE_CITY || type == v1::ENTITY_TYPE_ADMIN_AREA ||
         type == v1::ENTITY_TYPE_REGION || type == v1::ENTITY_TYPE_FACILITY;
}

// A place that is only a place: a country also acts ("Kenya agreed") and owns offices.
bool IsPlaceOtherThanCountry(v1::EntityType type) { return IsPlace(type) && type != v1::ENTITY_TYPE_COUNTRY; }

// A role title seen in the current sentence whose owner may be named later in it.
struct PendingRole {
  size_t person;
  std::string title;
  size_t first_token;
  size_t end_token;
  std::optional<size_t> owner_mention;  // index into the sentence's mentions
  std::optional<size_t> owner_token;    // where the owner's mention starts ("... of Macomia")
};

// Entities in which a person can hold a role.
bool CanHoldOffices(v1::EntityType type) {
  return type == v1::ENTITY_TYPE_COUNTRY || type == v1::ENTITY_TYPE_ORGANIZATION || type == v1::ENTITY_TYPE_CITY ||
         type == v1::ENTITY_TYPE_ADMIN_AREA;
}

// A mention found in one sentence, before facts are assembled.
struct SentenceMention {
  size_t entity;
  size_t first_token;
  size_t end_token;  // exclusive
  bool after_preposition;
  bool possessive;           // "Ghana's envoy": the head is what follows
  bool modifier;             // after "for", "of", ...: not a participant
  bool attributive = false;  // "Monterrey-based": the place of what follows
};

// Builds the facts of one article.
class ArticleExtraction {
 public:
  ArticleExtraction(const Lexicon& lexicon, const NormalizedArticle& article, std::vector<SentenceSpan> sentences)
      : lexicon_(lexicon), article_(article) {
    result_.sentences = std::move(sentences);
  }

  Extraction Run() {
    for (size_t s = 0; s < result_.sentences.size(); ++s) ExtractSentence(s);
    std::optional<size_t> country = DominantCountry();
    InferOwners(IsGovernmentTitle, country);
    InferOwners(IsCorporateTitle, DominantEntity(v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY));
    AddGovernmentBodiesToTheirCountries(country);
    AddGazetteerRelations();
    MergeEntitiesTypedTwice();
    return std::move(result_);
  }

 private:
  void ExtractSentence(size_t sentence) {
    const SentenceSpan& span = result_.sentences[sentence];
    tokens_ = Tokenize(article_.clean_text, span.start, span.end);
    sentence_ = sentence;
    mentions_.clear();
    ResolveTime(sentence);
    size_t i = 0;
    while (i < tokens_.size()) i = ReadAt(i);
    FinishRoles();
    ExtractRelations();
    ExtractEvents();
  }

  // The sentence's time expressions. A sentence without one continues the story its
  // paragraph is telling ("Kone met Boateng on Monday. He praised ..."), so its events take
  // the paragraph's last time; the publication day stands in only when the paragraph has none.
  void ResolveTime(size_t sentence) {
    const auto& sentences = result_.sentences;
    bool new_paragraph =
        sentence == 0 ||
        article_.clean_text.substr(sentences[sentence - 1].end, sentences[sentence].start - sentences[sentence - 1].end)
                .find('\n') != std::string::npos;
    if (new_paragraph) paragraph_time_.reset();
    inherited_time_ = paragraph_time_ ? *paragraph_time_
                      : story_time_   ? *story_time_
                                      : PublicationDay(article_.published_at);
    sentence_times_ = FindTimeExpressions(tokens_, article_.published_at);
    if (!sentence_times_.empty()) {
      paragraph_time_ = sentence_times_.back().time;
      if (!story_time_) story_time_ = sentence_times_.front().time;
    }
  }

  // When the event at token t happened: the sentence's time expression nearest to it.
  const ExtractedTime& TimeOfEventAt(size_t t) const {
    const TimeExpression* nearest = nullptr;
    size_t nearest_distance = 0;
    for (const auto& expression : sentence_times_) {
      // A time adjunct usually follows its verb ("met Boateng on Monday"); one before it often
      // belongs to another clause ("said on Tuesday that she would meet ..."), so it counts
      // as twice as far.
      size_t distance = expression.end <= t ? (t - expression.end) * 2 : expression.first - t;
      if (!nearest || distance < nearest_distance) {
        nearest = &expression;
        nearest_distance = distance;
      }
    }
    return nearest ? nearest->time : inherited_time_;
  }

  // Recognises whatever starts at token i and returns the next token to look at.
  size_t ReadAt(size_t i) {
    const Token& token = tokens_[i];
    if (!token.is_word || !token.capitalized) return i + 1;
    if (IsAttributiveCompound(token.text)) {
      ReadAttributivePlace(i);
      return i + 1;
    }
    size_t end = RunEnd(i);
    size_t start = i;
    while (start < end && lexicon_.IsNameStopword(tokens_[start].text)) ++start;
    if (start == end) return end;
    if (start > i) return start;  // re-read from the first real name word

    if (auto organization = OrganizationKindOf(start, end); organization != v1::ORGANIZATION_KIND_UNSPECIFIED) {
      size_t entity = AddNamed(v1::ENTITY_TYPE_ORGANIZATION, organization, start, end, kKeywordOrganizationConfidence);
      if (organization == v1::ORGANIZATION_KIND_GOVERNMENT_BODY) NoteCountryInName(entity, start, end);
      return ReadAcronymDefinition(end);
    }
    if (size_t country_end = MatchPlace(start, end); country_end > start) {
      return country_end;
    }
    // "South African" before "Sudanese": the longer demonym wins.
    if (start + 1 < end) {
      if (const Country* country = lexicon_.FindDemonym(Folded(start, start + 2))) {
        AddCountryMention(*country, start, start + 2, kDemonymConfidence);
        return start + 2;
      }
    }
    if (const Country* country = lexicon_.FindDemonym(tokens_[start].folded)) {
      AddCountryMention(*country, start, start + 1, kDemonymConfidence);
      return start + 1;
    }
    if (auto place = lexicon_.PlaceKeyword(tokens_[end - 1].text);
        place != v1::ENTITY_TYPE_UNSPECIFIED && end - start >= 2) {
      AddNamed(place, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kKeywordOrganizationConfidence);
      return end;
    }
    return ReadNameRun(start, end);
  }

  // "Monterrey-based", "Khartoum-registered": a known country or city before the hyphen is
  // mentioned (as a modifier: it takes no part in events).
  void ReadAttributivePlace(size_t i) {
    std::string_view text = tokens_[i].text;
    std::string folded = FoldForMatching(text.substr(0, text.rfind('-')));
    size_t mentions_before = result_.mentions.size();
    if (const Country* country = lexicon_.FindCountry(folded)) {
      AddCountryMention(*country, i, i + 1, kCountryConfidence);
    } else if (const City* city = lexicon_.FindCity(folded)) {
      AddCityMention(*city, i, i + 1);
    }
    if (result_.mentions.size() == mentions_before) return;
    result_.mentions.back().span.end = tokens_[i].start + text.rfind('-');
    mentions_.back().modifier = true;
    mentions_.back().attributive = true;
  }

  // The end of the run of capitalised words (with inner "of", "de", ...) starting at i.
  size_t RunEnd(size_t i) const {
    size_t end = i + 1;
    bool organization = false;  // the run so far holds an organisation keyword
    bool of_phrase = false;     // ... and an "of" or "for" phrase
    bool conjoined = false;     // ... and an inner "and"
    while (end < tokens_.size()) {
      const Token& next = tokens_[end];
      organization |= lexicon_.OrganizationKeyword(tokens_[end - 1].text) != v1::ORGANIZATION_KIND_UNSPECIFIED;
      bool after_possessive = WithoutPossessive(tokens_[end - 1].text) != tokens_[end - 1].text.size();
      bool next_capitalized = end + 1 < tokens_.size() && tokens_[end + 1].capitalized;
      if (next.is_word && (next.capitalized || IsJoinedNameParticle(next.text)) && !after_possessive &&
          !IsAttributiveCompound(next.text)) {
        ++end;
      } else if (next.is_word && IsNameConnector(next.folded) && next_capitalized) {
        of_phrase |= next.folded == "of" || next.folded == "for";
        end += 2;
      } else if (organization && of_phrase && !conjoined && next.is_word &&
                 (next.folded == "and" || next.text == "&") && next_capitalized) {
        conjoined = true;  // "Ministry of Industry and Trade", but not "... and Trade and Osman Tayeb"
        end += 2;
      } else if (organization && next.is_word && (next.folded == "of" || next.folded == "for") &&
                 end + 2 < tokens_.size() && tokens_[end + 1].folded == "the" && tokens_[end + 2].capitalized) {
        of_phrase = true;
        end += 3;  // "Armed Forces of the Democratic Republic of the Congo"
      } else {
        break;
      }
    }
    return end;
  }

  v1::OrganizationKind OrganizationKindOf(size_t start, size_t end) const {
    if (end - start < 2) return v1::ORGANIZATION_KIND_UNSPECIFIED;
    // The head of an English name comes last: "River Guard Front" is a front. A title after
    // the keyword makes the run a titled person ("Energy Commissioner Katrin Vähälä").
    for (size_t t = end; t > start; --t) {
      if (lexicon_.IsRoleTitle(tokens_[t - 1].folded)) return v1::ORGANIZATION_KIND_UNSPECIFIED;
      auto kind = lexicon_.OrganizationKeyword(tokens_[t - 1].text);
      if (kind != v1::ORGANIZATION_KIND_UNSPECIFIED) return kind;
    }
    return v1::ORGANIZATION_KIND_UNSPECIFIED;
  }

  // Longest country, region or city name starting at `start`; returns its end or `start`.
  size_t MatchPlace(size_t start, size_t run_end) {
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
        size_t entity =
            AddGazetteerMention(EntityKey("admin_area:", area->code), v1::ENTITY_TYPE_ADMIN_AREA, area->name,
                                {{"iso3166-2", area->code}}, start, start + length, kGazetteerCityConfidence);
        area_country_.emplace(entity, area->code.substr(0, 2));  // "MZ-P" lies in MZ
        return start + length;
      }
    }
    return start;
  }

  // Place names are also surnames and words ("Marion", "Victoria"): a gazetteer match counts
  // when the name is the whole capitalised run and something says it is a place: a
  // preposition, ", Country" after it, a dateline, or a place everyone knows.
  bool IsPlaceContext(size_t start, size_t end, size_t run_end, bool well_known) const {
    bool comma_country = end + 1 < tokens_.size() && tokens_[end].text == "," &&
                         lexicon_.FindCountry(tokens_[end + 1].folded) != nullptr;
    if (end != run_end && !comma_country) return false;
    bool after_preposition = start > 0 && IsPreposition(tokens_[start - 1].folded);
    // "Mongolia's Khentii", "Khentii province"
    bool country_possessive = !mentions_.empty() && mentions_.back().possessive &&
                              mentions_.back().end_token == start &&
                              result_.entities[mentions_.back().entity].type == v1::ENTITY_TYPE_COUNTRY;
    // "Goma, North Kivu": a place right after another place and a comma.
    bool after_place_comma = start >= 1 && tokens_[start - 1].text == "," && !mentions_.empty() &&
                             mentions_.back().end_token + 1 == start &&
                             IsPlace(result_.entities[mentions_.back().entity].type);
    static const StringSet kAreaNouns = {"province",    "district",   "region",       "state",     "county",
                                         "governorate", "prefecture", "municipality", "department"};
    bool place_noun = end < tokens_.size() && kAreaNouns.contains(tokens_[end].text);
    std::string_view word = tokens_[start].text;
    bool dateline = start == 0 && word.size() >= 3 &&
                    std::none_of(word.begin(), word.end(), [](char c) { return absl::ascii_islower(c); });
    return after_preposition || comma_country || country_possessive || after_place_comma || place_noun || dateline ||
           well_known;
  }

  size_t ReadNameRun(size_t start, size_t end) {
    // "Interior Minister Salif Kone": the title ends at its last title word.
    for (size_t t = end - 1; t > start; --t) {
      if (lexicon_.IsRoleTitle(tokens_[t - 1].folded)) {
        AddPerson(start, t, t, end);
        return end;
      }
    }
    if (lexicon_.IsRoleTitle(tokens_[end - 1].folded)) return end;  // "Foreign Minister" alone
    // "envoy Ama Boateng", "Norway's trade minister, Lars Eikrem": a lower-case title just
    // before the name, or before a comma before it.
    size_t title_end = start > 1 && tokens_[start - 1].text == "," ? start - 1 : start;
    if (title_end > 0 && lexicon_.IsRoleTitle(tokens_[title_end - 1].folded)) {
      AddPerson(LowerCaseTitleStart(title_end), title_end, start, end);
      return end;
    }
    // Unknown names after "in", "at", "near" are places; after "to" or "from" as often people.
    bool after_preposition = start > 0 && IsPlacePreposition(tokens_[start - 1].folded);
    if (end - start == 1) {
      std::string word(tokens_[start].text.substr(0, WithoutPossessive(tokens_[start].text)));
      if (auto it = surnames_.find(FoldForMatching(word)); it != surnames_.end()) {
        AddMention(it->second, start, end, kCoreferenceConfidence);
      } else if (auto it2 = acronyms_.find(word); it2 != acronyms_.end()) {
        AddMention(it2->second, start, end, kCoreferenceConfidence);
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
    } else if (end - start <= 3 && (start > 0 || VerbOrTitleFollows(end)) && !HasOfPhrase(start, end)) {
      // A sentence-initial run is too often a headline fragment unless a verb or a title
      // follows it ("Sherif El-Din criticised", "Hassan al-Jubouri, a lawmaker"); inside a
      // sentence two or three capitalised words are most often a person.
      size_t entity =
          AddNamed(v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED, start, end, kUntitledNameConfidence);
      RememberSurname(entity, end);
      ReadTitleAfterName(entity, end);
    }
    return ReadAcronymDefinition(end);
  }

  // "Residents of Tamale", "Friends for Peace": an "of" or "for" phrase is no part of a person's name.
  bool HasOfPhrase(size_t start, size_t end) const {
    for (size_t t = start; t < end; ++t) {
      if (tokens_[t].folded == "of" || tokens_[t].folded == "for") return true;
    }
    return false;
  }

  // True when an event verb follows token `end`, or ", a/the <title>" does.
  bool VerbOrTitleFollows(size_t end) const {
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

  // What the words around an unknown name make it (type UNSPECIFIED: nothing):
  // "Together for Madagascar (TAM)": a name with an acronym is an organisation; so is one
  // after a noun such as "charity" or "armed group";
  // "Djibo, a town in ...", "the village of Chai", "Toamasina and Mahajanga": places.
  struct ContextType {
    v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
    v1::OrganizationKind kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  };
  ContextType TypeFromContext(size_t start, size_t end) const {
    static const StringMap<v1::EntityType> kPlaceNouns = {
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
    if (start >= 2 && (tokens_[start - 1].folded == "and" || tokens_[start - 1].folded == "or") && !mentions_.empty() &&
        mentions_.back().end_token + 1 == start) {
      auto type = result_.entities[mentions_.back().entity].type;
      if (IsPlaceOtherThanCountry(type)) return {type};
    }
    return {};
  }

  // Start of a lower-case title ending at `title_end`: title words and up to three modifiers
  // ("economy secretary", "government spokeswoman", "deputy prime minister").
  // A capitalised title ("Oman's Foreign Minister, Salim al-Harthy") may reach back over
  // capitalised words too, but not into a name mentioned before it.
  size_t LowerCaseTitleStart(size_t title_end) const {
    size_t title_start = title_end - 1;
    bool capitalized = tokens_[title_start].capitalized;
    while (title_start > 0 && title_end - title_start < 4) {
      const Token& before = tokens_[title_start - 1];
      bool ends_mention = !mentions_.empty() && mentions_.back().end_token == title_start;
      if (!before.is_word || (before.capitalized && !capitalized) || ends_mention ||
          lexicon_.IsNameStopword(before.text) || before.folded == "the" || before.folded == "a" ||
          before.folded == "its" || before.folded == "former") {
        break;
      }
      --title_start;
    }
    return title_start;
  }

  // title tokens [title_start, title_end), name tokens [name_start, name_end). What is named
  // just before the title owns the office: a country or demonym ("Ghanaian envoy"), an
  // organisation ("Nordvik Telecom chief executive"), a city or area ("Ulaanbaatar mayor").
  void AddPerson(size_t title_start, size_t title_end, size_t name_start, size_t name_end) {
    std::optional<size_t> owner_mention;
    // "her Philippine counterpart, Foreign Secretary Miguel Dizon": the owner precedes "counterpart".
    size_t owner_end = title_start;
    if (owner_end >= 2 && tokens_[owner_end - 1].text == "," && tokens_[owner_end - 2].folded == "counterpart") {
      owner_end -= 2;
    }
    if (owner_end > 0 && !mentions_.empty() && mentions_.back().end_token == owner_end) {
      owner_mention = mentions_.size() - 1;
    }
    size_t person = AddNamed(v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED, name_start, name_end,
                             kTitledPersonConfidence);
    RememberSurname(person, name_end);
    pending_roles_.push_back({person, Text(title_start, title_end), std::min(title_start, name_start),
                              std::max(title_end, name_end), owner_mention, std::nullopt});
  }

  // "Amélia Nhantumbo, the district administrator of Macomia": a title in apposition after
  // the name, its owner after "of".
  void ReadTitleAfterName(size_t person, size_t name_end) {
    size_t t = name_end;
    if (t + 2 >= tokens_.size() || tokens_[t].text != ",") return;
    const std::string& article = tokens_[t + 1].folded;
    if (article != "the" && article != "a" && article != "an" && article != "its") return;
    size_t title_start = t + 2;
    size_t title_end = title_start;
    while (title_end < tokens_.size() && title_end < title_start + 5 && tokens_[title_end].is_word &&
           tokens_[title_end].folded != "of") {
      ++title_end;
    }
    if (title_end == title_start || !lexicon_.IsRoleTitle(tokens_[title_end - 1].folded)) return;
    PendingRole role{person, Text(title_start, title_end), name_end, title_end, std::nullopt, std::nullopt};
    if (title_end + 1 < tokens_.size() && tokens_[title_end].folded == "of") role.owner_token = title_end + 1;
    pending_roles_.push_back(std::move(role));
  }

  // Records the sentence's roles once all its mentions are known (an owner may follow).
  void FinishRoles() {
    for (PendingRole& role : pending_roles_) {
      if (role.owner_token) {
        for (size_t m = 0; m < mentions_.size(); ++m) {
          if (mentions_[m].first_token == *role.owner_token) role.owner_mention = m;
        }
      }
      std::optional<size_t> owner;
      size_t first = role.first_token, last = role.end_token;
      bool demonym = false;
      if (role.owner_mention && CanHoldOffices(result_.entities[mentions_[*role.owner_mention].entity].type)) {
        const SentenceMention& mention = mentions_[*role.owner_mention];
        owner = mention.entity;
        first = std::min(first, mention.first_token);
        last = std::max(last, mention.end_token);
        demonym = result_.entities[mention.entity].type == v1::ENTITY_TYPE_COUNTRY &&
                  lexicon_.FindDemonym(Folded(mention.first_token, mention.end_token)) != nullptr;
      }
      TextSpan span = Span(first, last);
      result_.roles.push_back({role.person, role.title, owner, span});
      if (!owner) continue;
      const auto& owner_entity = result_.entities[*owner];
      if (owner_entity.organization_kind == v1::ORGANIZATION_KIND_POLITICAL_PARTY &&
          TitleHasWord(role.title, {"candidate", "lawmaker", "member", "deputy", "senator"})) {
        // "the Aliança Verde candidate, Inês Tavares": a party's candidate is its member, not an office holder.
        result_.relationships.push_back(
            {role.person, v1::RELATIONSHIP_PREDICATE_MEMBER_OF, *owner, "", kTitledPersonConfidence * 0.9, span});
        continue;
      }
      result_.relationships.push_back({role.person, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, *owner, role.title,
                                       kTitledPersonConfidence * 0.9, span});
      if (owner_entity.type == v1::ENTITY_TYPE_ORGANIZATION &&
          TitleHasWord(role.title, {"leader", "head", "chairman", "chairwoman", "chairperson", "commander"})) {
        result_.relationships.push_back(
            {role.person, v1::RELATIONSHIP_PREDICATE_LEADS, *owner, "", kTitledPersonConfidence * 0.8, span});
      }
      if (demonym) {
        result_.relationships.push_back(
            {role.person, v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, *owner, "", kDemonymConfidence, span});
      }
    }
    pending_roles_.clear();
  }

  // The entity of this type (and organisation kind) the article mentions most, if it
  // dominates: see Dominant.
  std::optional<size_t> DominantEntity(v1::EntityType type, v1::OrganizationKind kind) const {
    std::map<size_t, int> counts;
    for (const auto& mention : result_.mentions) {
      if (IsOfKind(result_.entities[mention.entity], type, kind)) ++counts[mention.entity];
    }
    return Dominant(counts, std::nullopt);
  }

  // The country the article is about. Mentions of its cities and subdivisions count for it
  // ("Asunción", "Chaco"), and the country of the dateline ("ASUNCIÓN, Paraguay —") wins
  // when no other country counts more.
  std::optional<size_t> DominantCountry() const {
    auto country_of = [this](size_t entity) -> std::optional<size_t> {
      if (result_.entities[entity].type == v1::ENTITY_TYPE_COUNTRY) return entity;
      std::string alpha2;
      if (auto city = city_of_entity_.find(entity); city != city_of_entity_.end()) {
        alpha2 = city->second->country_alpha2;
      } else if (auto area = area_country_.find(entity); area != area_country_.end()) {
        alpha2 = area->second;
      }
      auto country = alpha2.empty() ? entity_by_key_.end() : entity_by_key_.find(EntityKey("country:", alpha2));
      if (country == entity_by_key_.end()) return std::nullopt;
      return country->second;
    };
    std::map<size_t, int> counts;
    for (const auto& mention : result_.mentions) {
      if (auto country = country_of(mention.entity)) ++counts[*country];
    }
    std::optional<size_t> dateline;
    if (!result_.mentions.empty() && result_.mentions.front().span.sentence == 0 &&
        result_.mentions.front().span.start == 0) {
      dateline = country_of(result_.mentions.front().entity);
    }
    return Dominant(counts, dateline);
  }

  // The entity counted most, if it dominates: counted at least kMinMentionsOfDominantEntity
  // times and more than twice as often as any other. A `favoured` entity (the dateline's
  // country) needs only to be counted no less than any other.
  static std::optional<size_t> Dominant(const std::map<size_t, int>& counts, std::optional<size_t> favoured) {
    auto top = std::max_element(counts.begin(), counts.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    if (top == counts.end()) return std::nullopt;
    if (favoured && counts.contains(*favoured) && counts.at(*favoured) == top->second &&
        top->second >= kMinMentionsOfDominantEntity) {
      return favoured;
    }
    if (top->second < kMinMentionsOfDominantEntity) return std::nullopt;
    for (const auto& [entity, count] : counts) {
      if (entity != top->first && count * 2 > top->second) return std::nullopt;
    }
    return top->first;
  }

  // "Defence Minister Joaquim Mabunda" in an article about Mozambique, "Chief executive Ingrid
  // Solheim" in one about Nordvik Telecom: a title named without its owner belongs to the
  // country (or company) the article is about.
  void InferOwners(bool (*title_matches)(std::string_view), std::optional<size_t> owner) {
    if (!owner) return;
    for (auto& role : result_.roles) {
      if (role.organization || !title_matches(role.title)) continue;
      role.organization = owner;
      result_.relationships.push_back({role.entity, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, *owner, role.title,
                                       kInferredOfficeConfidence, role.span});
    }
  }

  // "Rwanda Defence Force", "the Peruvian Foreign Ministry": a government body whose name holds
  // a country or its demonym belongs to that country.
  void NoteCountryInName(size_t body, size_t start, size_t end) {
    for (size_t t = start; t < end; ++t) {
      const Country* country = lexicon_.FindDemonym(tokens_[t].folded);
      if (!country) country = lexicon_.FindCountry(tokens_[t].folded);
      for (size_t length = 2; !country && length <= 4 && t + length <= end; ++length) {
        country = lexicon_.FindCountry(Folded(t, t + length));
      }
      if (country) {
        body_country_.emplace(body, std::pair{country->alpha2, Span(start, end)});
        return;
      }
    }
  }

  // PART_OF for government bodies: the country in their name, else the article's country.
  void AddGovernmentBodiesToTheirCountries(std::optional<size_t> dominant_country) {
    std::set<size_t> placed;  // bodies whose country is settled
    for (const auto& [body, named] : body_country_) {
      placed.insert(body);
      auto country = entity_by_key_.find(EntityKey("country:", named.first));
      if (country == entity_by_key_.end()) continue;
      result_.relationships.push_back(
          {body, v1::RELATIONSHIP_PREDICATE_PART_OF, country->second, "", kGazetteerFactConfidence, named.second});
    }
    if (!dominant_country) return;
    for (const auto& mention : result_.mentions) {
      const auto& entity = result_.entities[mention.entity];
      if (entity.organization_kind != v1::ORGANIZATION_KIND_GOVERNMENT_BODY || !placed.insert(mention.entity).second) {
        continue;
      }
      result_.relationships.push_back({mention.entity, v1::RELATIONSHIP_PREDICATE_PART_OF, *dominant_country, "",
                                       kInferredOfficeConfidence, mention.span});
    }
  }

  // What the gazetteers know about places the article names: a city lies in its country
  // (or is its capital) and in its first-level subdivision, a subdivision lies in its
  // country; stated when one sentence names both, that sentence being the evidence.
  void AddGazetteerRelations() {
    std::vector<std::vector<const ExtractedMention*>> mentions_of(result_.entities.size());
    for (const auto& mention : result_.mentions) mentions_of[mention.entity].push_back(&mention);
    auto relate = [&](size_t place, const std::string& container_key, v1::RelationshipPredicate predicate) {
      auto container = entity_by_key_.find(container_key);
      if (container == entity_by_key_.end()) return;
      for (const ExtractedMention* place_mention_pointer : mentions_of[place]) {
        const ExtractedMention& place_mention = *place_mention_pointer;
        for (const ExtractedMention* container_mention_pointer : mentions_of[container->second]) {
          const ExtractedMention& container_mention = *container_mention_pointer;
          if (container_mention.span.sentence != place_mention.span.sentence) continue;
          TextSpan evidence{place_mention.span.sentence,
                            std::min(place_mention.span.start, container_mention.span.start),
                            std::max(place_mention.span.end, container_mention.span.end)};
          result_.relationships.push_back(
              {place, predicate, container->second, "", kGazetteerFactConfidence, evidence});
          return;
        }
      }
    };
    for (const auto& [entity, city] : city_of_entity_) {
      relate(entity, EntityKey("country:", city->country_alpha2),
             city->national_capital ? v1::RELATIONSHIP_PREDICATE_CAPITAL_OF : v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
      if (!city->admin_area_code.empty()) {
        relate(entity, EntityKey("admin_area:", city->admin_area_code), v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
      }
    }
    for (const auto& [entity, alpha2] : area_country_) {
      relate(entity, EntityKey("country:", alpha2), v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
    }
    // "Goma International Airport", "Tuguegarao City Hall": a facility named after a city
    // the article names lies in it; its name is the evidence.
    for (size_t facility = 0; facility < result_.entities.size(); ++facility) {
      const auto& name = result_.entities[facility].name;
      if (result_.entities[facility].type != v1::ENTITY_TYPE_FACILITY || mentions_of[facility].empty()) continue;
      for (const auto& [city, unused] : city_of_entity_) {
        const auto& city_name = result_.entities[city].name;
        if (name.size() > city_name.size() && name.starts_with(city_name) && name[city_name.size()] == ' ') {
          result_.relationships.push_back({facility, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, city, "",
                                           kGazetteerFactConfidence, mentions_of[facility].front()->span});
        }
      }
    }
  }

  // A name read as a person in one sentence and as a place in another ("in Cabo Delgado",
  // "Cabo Delgado was ..."): the reading with the strongest evidence wins, and the weaker
  // entity's facts move to it.
  void MergeEntitiesTypedTwice() {
    std::vector<double> strength(result_.entities.size(), 0);
    for (const auto& mention : result_.mentions) {
      strength[mention.entity] = std::max(strength[mention.entity], mention.confidence);
    }
    std::vector<std::string> folded_names;
    StringMap<size_t> strongest;  // folded name -> entity
    for (size_t e = 0; e < result_.entities.size(); ++e) {
      folded_names.push_back(FoldForMatching(result_.entities[e].name));
      auto [it, inserted] = strongest.emplace(folded_names.back(), e);
      if (!inserted && strength[e] > strength[it->second]) it->second = e;
    }
    std::vector<size_t> target(result_.entities.size());
    bool merged = false;
    for (size_t e = 0; e < result_.entities.size(); ++e) {
      target[e] = strongest.find(folded_names[e])->second;
      merged |= target[e] != e;
    }
    if (!merged) return;
    // Keep the surviving entities in order and renumber every reference.
    std::vector<size_t> index(result_.entities.size());
    std::vector<ExtractedEntity> kept;
    for (size_t e = 0; e < result_.entities.size(); ++e) {
      if (target[e] != e) continue;
      index[e] = kept.size();
      kept.push_back(std::move(result_.entities[e]));
    }
    auto renumber = [&](size_t& entity) { entity = index[target[entity]]; };
    for (auto& mention : result_.mentions) renumber(mention.entity);
    for (auto& event : result_.events) {
      for (auto& participant : event.participants) renumber(participant.entity);
      if (event.location) renumber(*event.location);
    }
    for (auto& role : result_.roles) {
      renumber(role.entity);
      if (role.organization) renumber(*role.organization);
    }
    for (auto& relationship : result_.relationships) {
      renumber(relationship.subject);
      renumber(relationship.object);
    }
    std::erase_if(result_.relationships, [](const auto& r) { return r.subject == r.object; });
    result_.entities = std::move(kept);
  }

  static bool TitleHasWord(std::string_view title, std::initializer_list<std::string_view> words) {
    std::string folded = FoldForMatching(title);
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view word) { return folded.find(word) != std::string::npos; });
  }
  static bool IsGovernmentTitle(std::string_view title) {
    return TitleHasWord(title, {"minister", "president", "premier", "secretary", "chancellor"});
  }
  static bool IsCorporateTitle(std::string_view title) {
    return TitleHasWord(title, {"executive", "chairman", "chairwoman", "founder", "managing director"});
  }

  // "Coastal Defence Front (CDF)": the acronym becomes an alias of the entity just added.
  size_t ReadAcronymDefinition(size_t end) {
    if (end + 2 < tokens_.size() && tokens_[end].text == "(" && IsAcronym(tokens_[end + 1].text) &&
        tokens_[end + 2].text == ")" && !mentions_.empty() && mentions_.back().end_token == end) {
      size_t entity = mentions_.back().entity;
      std::string acronym(tokens_[end + 1].text);
      acronyms_[acronym] = entity;
      auto& aliases = result_.entities[entity].aliases;
      if (std::find(aliases.begin(), aliases.end(), acronym) == aliases.end()) aliases.push_back(acronym);
      AddMention(entity, end + 1, end + 2, kCoreferenceConfidence);
      return end + 3;
    }
    return end;
  }

  void RememberSurname(size_t entity, size_t name_end) {
    const Token& last = tokens_[name_end - 1];
    surnames_[FoldForMatching(last.text.substr(0, WithoutPossessive(last.text)))] = entity;
  }

  void AddCountryMention(const Country& country, size_t start, size_t end, double confidence) {
    AddGazetteerMention(EntityKey("country:", country.alpha2), v1::ENTITY_TYPE_COUNTRY, country.name,
                        {{"iso3166-1-alpha2", country.alpha2}, {"iso3166-1-alpha3", country.alpha3}}, start, end,
                        confidence);
  }

  void AddCityMention(const City& city, size_t start, size_t end) {
    size_t entity = AddGazetteerMention(EntityKey("city:", city.geonames_id), v1::ENTITY_TYPE_CITY, city.name,
                                        {{"geonames", city.geonames_id}}, start, end, kGazetteerCityConfidence);
    city_of_entity_.emplace(entity, &city);
  }

  // A mention of an entity whose identity comes from a gazetteer (key, name, external ids);
  // returns the entity.
  size_t AddGazetteerMention(const std::string& key, v1::EntityType type, const std::string& name,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> external_ids,
                             size_t start, size_t end, double confidence) {
    size_t entity = FindOrAddEntity(key, [&] {
      ExtractedEntity e;
      e.key = key;
      e.type = type;
      e.name = name;
      for (auto [scheme, value] : external_ids) e.external_ids.emplace_back(scheme, value);
      return e;
    });
    AddMention(entity, start, end, confidence);
    return entity;
  }

  // `canonical_name` overrides the text as written (gazetteer names).
  size_t AddNamed(v1::EntityType type, v1::OrganizationKind kind, size_t start, size_t end, double confidence,
                  std::string canonical_name = "") {
    std::string name = canonical_name;
    if (name.empty()) {
      name = Text(start, end);
      name.resize(name.size() - (tokens_[end - 1].text.size() - WithoutPossessive(tokens_[end - 1].text)));
    }
    std::string key = EntityKey(EntityTypeKeyName(type), ":", FoldForMatching(name));
    size_t entity = FindOrAddEntity(key, [&] {
      ExtractedEntity e;
      e.key = key;
      e.type = type;
      e.organization_kind = kind;
      e.name = name;
      return e;
    });
    AddMention(entity, start, end, confidence);
    return entity;
  }

  template <typename MakeEntity>
  size_t FindOrAddEntity(const std::string& key, MakeEntity make) {
    auto [it, inserted] = entity_by_key_.emplace(key, result_.entities.size());
    if (inserted) result_.entities.push_back(make());
    return it->second;
  }

  void AddMention(size_t entity, size_t start, size_t end, double confidence) {
    // The possessive "'s" is not part of the name.
    TextSpan span = Span(start, end);
    span.end -= tokens_[end - 1].text.size() - WithoutPossessive(tokens_[end - 1].text);
    result_.mentions.push_back({entity, span, confidence});
    bool after_preposition = start > 0 && IsPreposition(tokens_[start - 1].folded);
    bool possessive = WithoutPossessive(tokens_[end - 1].text) != tokens_[end - 1].text.size();
    size_t before = start;
    if (before > 0 && tokens_[before - 1].folded == "the") --before;
    bool modifier = before > 0 && IsModifierPreposition(tokens_[before - 1].folded);
    // "Ghanaian envoy Efua Mensah": the demonym describes the person who follows.
    if (end < tokens_.size() && lexicon_.IsRoleTitle(tokens_[end].folded)) modifier = true;
    mentions_.push_back({entity, start, end, after_preposition, possessive, modifier});
  }

  // "Niamey, the capital of Niger", "the Nigerien capital, Niamey", "Ségou, Mali".
  void ExtractRelations() {
    for (size_t m = 0; m + 1 < mentions_.size(); ++m) {
      const SentenceMention& a = mentions_[m];
      const SentenceMention& b = mentions_[m + 1];
      const auto& ea = result_.entities[a.entity];
      const auto& eb = result_.entities[b.entity];
      // Relations are stated by a few words between two names.
      if (b.first_token > a.end_token + kMaxWordsBetweenRelated) continue;
      std::string between = Folded(a.end_token, b.first_token);
      if (eb.type == v1::ENTITY_TYPE_COUNTRY &&
          (ea.type == v1::ENTITY_TYPE_CITY || ea.type == v1::ENTITY_TYPE_FACILITY)) {
        bool demonym_capital = between == ", the" && b.end_token < tokens_.size() &&
                               tokens_[b.end_token].folded == "capital";  // "Manila, the Philippine capital"
        if (between == ", the capital of" || between == ", capital of" || demonym_capital) {
          AddRelation(a, v1::RELATIONSHIP_PREDICATE_CAPITAL_OF, b, 0.85);
        } else if (between == "," && !b.modifier && !lexicon_.FindDemonym(Folded(b.first_token, b.end_token))) {
          AddRelation(a, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, b, 0.7);
        }
      }
      if (ea.type == v1::ENTITY_TYPE_COUNTRY && eb.type == v1::ENTITY_TYPE_CITY &&
          (between == "capital ," || between == "capital")) {
        AddRelation(b, v1::RELATIONSHIP_PREDICATE_CAPITAL_OF, a, 0.8);
      }
      ExtractAppositionRelation(a, b, between);
    }
    ExtractAreasOfOperation();
  }

  // "The Front, which has fought in Cauca and Nariño since 2019, ...": an armed group or
  // company operates in the regions, areas and countries its sentence puts it in.
  void ExtractAreasOfOperation() {
    for (const auto& actor : mentions_) {
      auto kind = result_.entities[actor.entity].organization_kind;
      if (kind != v1::ORGANIZATION_KIND_ARMED_GROUP && kind != v1::ORGANIZATION_KIND_COMPANY) continue;
      for (const auto& place : mentions_) {
        auto type = result_.entities[place.entity].type;
        if (type != v1::ENTITY_TYPE_ADMIN_AREA && type != v1::ENTITY_TYPE_REGION && type != v1::ENTITY_TYPE_COUNTRY) {
          continue;
        }
        if (place.possessive || place.modifier) continue;
        size_t before = place.first_token;
        // "in the Sahel", "in Colombia's Cauca"
        for (const auto& owner : mentions_) {
          if (owner.possessive && owner.end_token == before) before = owner.first_token;
        }
        if (before > 0 && tokens_[before - 1].folded == "the") --before;
        if (before == 0 || tokens_[before - 1].folded != "in") continue;
        AddRelation(actor, v1::RELATIONSHIP_PREDICATE_OPERATES_IN, place, kInferredOfficeConfidence);
      }
    }
  }

  // Relations stated by the words between two adjacent mentions: "Chai, a village in
  // Macomia", "Dashdondog of the governing Unity Party", "Phiri (PRM)", "Razafimahefa, who
  // heads the TAM coalition", "the DSB, led by Brigadier Suleiman".
  void ExtractAppositionRelation(const SentenceMention& a, const SentenceMention& b, const std::string& between) {
    // ", a village in", "district of" ("Macomia district of Cabo Delgado province").
    static const RE2 kPlaceIn(
        R"(, (?:a|an|the) (?:[a-z-]+ ){0,2}(?:in|of|near)(?: the)?|(?:district|province|region|county|state|department|municipality) of(?: the)?)");
    // "Monterrey-based Grupo Valdés", "the Montreal-based charity Santé Solidarité".
    // `between` is the folded words joined by single spaces, with none at either end.
    static const RE2 kBasedIn(R"((?:[a-z-]+(?: [a-z-]+)?)?)");
    static const RE2 kMemberOf(
        R"(,? ?(?:(?:a|an) [a-z-]+ )?(?:of|from|for) the(?: opposition| governing| ruling)?|\()");
    static const RE2 kWhoLeads(R"(, who (?:heads|leads|chairs|founded) the)");
    static const RE2 kLedBy(R"(,? ?(?:(?:who )?(?:are|is|was|were) )?led by(?: [a-z-]+){0,3})");
    const auto& ea = result_.entities[a.entity];
    const auto& eb = result_.entities[b.entity];
    bool a_place = IsPlaceOtherThanCountry(ea.type);
    if (a_place && IsPlace(eb.type) && between.find("capital") == std::string::npos &&
        RE2::FullMatch(between, kPlaceIn)) {
      AddRelation(a, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, b, 0.7);
    }
    if (a.attributive && eb.type == v1::ENTITY_TYPE_ORGANIZATION && RE2::FullMatch(between, kBasedIn)) {
      AddRelation(b, v1::RELATIONSHIP_PREDICATE_LOCATED_IN, a, 0.7);
    }
    if (ea.type == v1::ENTITY_TYPE_PERSON && eb.organization_kind == v1::ORGANIZATION_KIND_POLITICAL_PARTY &&
        RE2::FullMatch(between, kMemberOf)) {
      AddRelation(a, v1::RELATIONSHIP_PREDICATE_MEMBER_OF, b, 0.75);
    }
    if (ea.type == v1::ENTITY_TYPE_PERSON && eb.type == v1::ENTITY_TYPE_ORGANIZATION &&
        RE2::FullMatch(between, kWhoLeads)) {
      AddRelation(a, v1::RELATIONSHIP_PREDICATE_LEADS, b, 0.75);
    }
    if (ea.type == v1::ENTITY_TYPE_ORGANIZATION && eb.type == v1::ENTITY_TYPE_PERSON &&
        RE2::FullMatch(between, kLedBy) && OnlyTitlesAfterLedBy(a.end_token, b.first_token)) {
      AddRelation(b, v1::RELATIONSHIP_PREDICATE_LEADS, a, 0.75);
    }
  }

  // "led by Brigadier": whatever follows "by" is a title of the leader.
  bool OnlyTitlesAfterLedBy(size_t start, size_t end) const {
    size_t t = start;
    while (t < end && tokens_[t].folded != "by") ++t;
    for (++t; t < end; ++t) {
      if (!lexicon_.IsRoleTitle(tokens_[t].folded)) return false;
    }
    return true;
  }

  void AddRelation(const SentenceMention& subject, v1::RelationshipPredicate predicate, const SentenceMention& object,
                   double confidence) {
    size_t first = std::min(subject.first_token, object.first_token);
    size_t last = std::max(subject.end_token, object.end_token);
    result_.relationships.push_back({subject.entity, predicate, object.entity, "", confidence, Span(first, last)});
  }

  void ExtractEvents() {
    cues_.clear();               // found with the sentence's first trigger
    bool disaster_seen = false;  // one natural disaster per sentence, however many words name it
    for (size_t t = 0; t < tokens_.size(); ++t) {
      // Triggers are lower-case words, capitalised only when they open the sentence.
      if (!tokens_[t].is_word || (tokens_[t].capitalized && t > 0)) continue;
      const EventTrigger* trigger = lexicon_.FindTrigger(tokens_, t);
      if (!trigger || (trigger->type != v1::EVENT_TYPE_DISASTER && AfterDeterminer(t))) continue;
      if (cues_.empty()) FindModalityCues();
      bool disaster = trigger->type == v1::EVENT_TYPE_DISASTER;
      if (disaster && std::exchange(disaster_seen, true)) continue;
      bool statement = trigger->type == v1::EVENT_TYPE_STATEMENT;
      const SentenceMention* agent = nullptr;
      const SentenceMention* other = nullptr;
      const SentenceMention* location = nullptr;
      const SentenceMention* conjunct = nullptr;  // "A and B signed": A is the agent, B a co-participant
      for (const auto& mention : mentions_) {
        auto type = result_.entities[mention.entity].type;
        bool place = IsPlace(type);
        if (mention.end_token <= t) {
          // Towns and facilities do not act; a country does ("Kenya agreed").
          if (mention.after_preposition || mention.modifier || mention.possessive || IsPlaceOtherThanCountry(type)) {
            continue;
          }
          conjunct = agent && agent->end_token + 1 == mention.first_token && tokens_[agent->end_token].folded == "and"
                         ? agent
                         : nullptr;
          agent = &mention;
        } else if (mention.first_token > t && !mention.possessive && !mention.modifier) {
          if (place && mention.after_preposition) {
            if (!location) location = &mention;
          } else if (!other) {
            other = &mention;
          }
        }
      }
      std::optional<SentenceMention> implicit;  // "he", "the group": the subject named earlier
      switch (SubjectBefore(t, implicit)) {
        case Subject::kNamed:
          break;
        case Subject::kImplicit:
          agent = &*implicit;
          conjunct = nullptr;
          break;
        case Subject::kUnnamed:  // "officials said": no entity acts
          agent = conjunct = nullptr;
          break;
      }
      // "signed by Vietnamese Trade Minister Lan": a passive's agent follows "by"; what came
      // before is its target.
      if (t + 2 < tokens_.size() && tokens_[t + 1].folded == "by") {
        for (const auto& mention : mentions_) {
          if (mention.first_token < t + 2 || mention.first_token > t + 2 + kMaxTitleTokens ||
              IsPlace(result_.entities[mention.entity].type) || mention.modifier) {
            continue;
          }
          other = agent != &mention ? agent : nullptr;
          agent = &mention;
          conjunct = nullptr;
          break;
        }
      }
      // "“We will stay,” said Ama Boateng": the speaker follows the verb.
      if (statement && t + 1 < tokens_.size() && t > 0 && IsQuoteOrComma(tokens_[t - 1].text) && other &&
          other->first_token == t + 1 && !IsPlace(result_.entities[other->entity].type)) {
        agent = other;
        other = nullptr;
      }
      bool joint = false;  // the other party acted alongside the agent
      if (conjunct) {
        if (!other) {
          other = agent;
          joint = true;
        }
        agent = conjunct;
      }
      if (disaster) {
        // Nature acts: the named places are where it struck.
        if (!location && other && IsPlace(result_.entities[other->entity].type)) location = other;
        agent = other = nullptr;
        if (!location) location = FirstPlace();
      } else if (!agent && (statement || !other)) {
        continue;  // a statement needs its speaker
      }
      ExtractedEvent event;
      event.type = trigger->type;
      event.cameo_code = trigger->cameo_code;
      event.trigger_text = std::string(tokens_[t].text);
      if (agent)
        event.participants.push_back(
            {agent->entity, v1::PARTICIPANT_ROLE_AGENT, Text(agent->first_token, agent->end_token)});
      if (other) {
        bool place = IsPlaceOtherThanCountry(result_.entities[other->entity].type);
        auto role = joint || event.type == v1::EVENT_TYPE_MEET ? v1::PARTICIPANT_ROLE_CO_PARTICIPANT
                    : place                                    ? v1::PARTICIPANT_ROLE_LOCATION
                                                               : v1::PARTICIPANT_ROLE_TARGET;
        event.participants.push_back({other->entity, role, Text(other->first_token, other->end_token)});
        if (role == v1::PARTICIPANT_ROLE_LOCATION && !location) location = other;
      }
      if (location) {
        event.location = location->entity;
        if (location != other) {
          event.participants.push_back(
              {location->entity, v1::PARTICIPANT_ROLE_LOCATION, Text(location->first_token, location->end_token)});
        }
      }
      SetModality(t, event);
      event.time = TimeOfEventAt(t);
      event.confidence = agent && other ? 0.7 : 0.5;
      size_t first = agent ? std::min(agent->first_token, t) : t;
      if (location) first = std::min(first, location->first_token);
      size_t last = t + 1;
      for (const auto* mention : {other, location}) {
        if (mention) last = std::max(last, mention->end_token);
      }
      event.span = Span(first, last);
      event.merge_key = MergeKey(event);
      result_.events.push_back(std::move(event));
    }
  }

  // "an attack", "the strike": a trigger word used as a noun names no new event (natural
  // disasters, always nouns, are the exception).
  bool AfterDeterminer(size_t t) const {
    static const StringSet kDeterminers = {"a",     "an",  "the", "this", "that", "its",
                                           "their", "his", "her", "our",  "any"};
    return t > 0 && kDeterminers.contains(tokens_[t - 1].folded);
  }

  enum class Subject { kNamed, kImplicit, kUnnamed };

  // What stands just before a trigger, skipping auxiliaries and adverbs ("has also said"):
  // a name (kNamed, the caller picks it), a pronoun or definite description resolved to
  // the entity named before it ("he" -> the last person, "the group" -> the last armed
  // group or company), or a common noun that names no entity ("officials said").
  Subject SubjectBefore(size_t trigger, std::optional<SentenceMention>& implicit) const {
    static const StringSet kSkipped = {"has",        "have",       "had",          "was",     "were",     "is",
                                       "are",        "been",       "also",         "later",   "then",     "again",
                                       "would",      "could",      "will",         "may",     "might",    "not",
                                       "reportedly", "previously", "already",      "jointly", "formally", "publicly",
                                       "yesterday",  "today",      "subsequently", "swiftly", "quickly"};
    static const StringSet kFunctionWords = {"and",   "or",    "but",  "that",  "which", "who", "whom", "to",
                                             "of",    "in",    "on",   "at",    "by",    "for", "with", "from",
                                             "as",    "than",  "it",   "they",  "we",    "i",   "you",  "this",
                                             "these", "those", "when", "after", "before"};
    // Definite descriptions and the entities they refer back to.
    static const StringMap<std::pair<v1::EntityType, v1::OrganizationKind>> kAnaphors = {
        {"group", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_UNSPECIFIED}},
        {"rebels", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
        {"militants", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
        {"insurgents", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
        {"fighters", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
        {"gang", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
        {"militia", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_ARMED_GROUP}},
        {"company", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
        {"firm", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
        {"bank", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
        {"operator", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_COMPANY}},
        {"ministry", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"commission", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"court", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"agency", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"army", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"police", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"council", {v1::ENTITY_TYPE_ORGANIZATION, v1::ORGANIZATION_KIND_GOVERNMENT_BODY}},
        {"government", {v1::ENTITY_TYPE_COUNTRY, v1::ORGANIZATION_KIND_UNSPECIFIED}},
        {"he", {v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED}},
        {"she", {v1::ENTITY_TYPE_PERSON, v1::ORGANIZATION_KIND_UNSPECIFIED}},
    };
    size_t s = trigger;
    while (s > 0 && kSkipped.contains(tokens_[s - 1].folded)) --s;
    if (s == 0) return Subject::kNamed;
    const Token& word = tokens_[s - 1];
    // "Saber, a lawmaker from the Nile Dignity Party, criticised": the subject stands before
    // the apposition's opening comma.
    if (word.text == "," && s >= 2) {
      for (size_t c = s - 2; c > 0 && c + kMaxAppositionTokens > s; --c) {
        if (tokens_[c].text != ",") continue;
        for (const auto& mention : mentions_) {
          if (mention.end_token == c && !mention.after_preposition && !mention.modifier) {
            implicit = mention;
            return Subject::kImplicit;
          }
        }
        break;
      }
    }
    if (!word.is_word || (word.capitalized && word.folded != "he" && word.folded != "she")) return Subject::kNamed;
    for (const auto& mention : mentions_) {
      // "Residents of Kyaukme said": the name only says whose residents.
      if (mention.end_token == s) return mention.modifier ? Subject::kUnnamed : Subject::kNamed;
    }
    if (kFunctionWords.contains(word.folded)) return Subject::kNamed;
    // "MPUP supporters protested", "Canada's foreign ministry said": a name (up to two
    // words) before the noun tells whose people or body acted.
    for (size_t modifiers = 0; modifiers < 3 && s >= 2 + modifiers; ++modifiers) {
      size_t noun_start = s - 1 - modifiers;
      for (const auto& mention : mentions_) {
        if (mention.end_token == noun_start && !mention.after_preposition && !mention.modifier &&
            (mention.possessive || modifiers == 0)) {
          implicit = SentenceMention{mention.entity, mention.first_token, s, false, false, false};
          return Subject::kImplicit;
        }
      }
      if (!tokens_[noun_start - 1].is_word || tokens_[noun_start - 1].capitalized) break;
    }
    auto anaphor = kAnaphors.find(word.folded);
    bool pronoun = word.folded == "he" || word.folded == "she";
    bool definite = s >= 2 && (tokens_[s - 2].folded == "the" || tokens_[s - 2].folded == "its");
    if (anaphor == kAnaphors.end() || (!pronoun && !definite)) return Subject::kUnnamed;
    size_t first = pronoun ? s - 1 : s - 2;
    auto [type, kind] = anaphor->second;
    // A pronoun points at the last person; a description at the most talked-about entity.
    auto entity = pronoun ? LastEntityBefore(tokens_[first].start, type, kind)
                          : MostMentionedEntityBefore(tokens_[first].start, type, kind);
    if (!entity) return Subject::kUnnamed;
    implicit = SentenceMention{*entity, first, s, false, false, false};
    return Subject::kImplicit;
  }

  static bool IsOfKind(const ExtractedEntity& entity, v1::EntityType type, v1::OrganizationKind kind) {
    return entity.type == type && (kind == v1::ORGANIZATION_KIND_UNSPECIFIED || entity.organization_kind == kind);
  }

  // The entity of this type (and kind) mentioned last before a byte offset of the article.
  std::optional<size_t> LastEntityBefore(size_t offset, v1::EntityType type, v1::OrganizationKind kind) const {
    for (auto it = result_.mentions.rbegin(); it != result_.mentions.rend(); ++it) {
      if (it->span.end <= offset && IsOfKind(result_.entities[it->entity], type, kind)) return it->entity;
    }
    return std::nullopt;
  }

  // The entity of this type (and kind) mentioned most often before a byte offset; the later
  // one of a tie.
  std::optional<size_t> MostMentionedEntityBefore(size_t offset, v1::EntityType type, v1::OrganizationKind kind) const {
    std::map<size_t, int> counts;
    std::optional<size_t> best;
    for (const auto& mention : result_.mentions) {
      if (mention.span.end > offset || !IsOfKind(result_.entities[mention.entity], type, kind)) continue;
      int count = ++counts[mention.entity];
      if (!best || count >= counts[*best]) best = mention.entity;
    }
    return best;
  }

  static bool IsQuoteOrComma(std::string_view text) {
    return text == "," || text == "\"" || text == "\u201d" || text == "'" || text == "\u2019";
  }

  // The sentence's first place named after a preposition, else its first place.
  const SentenceMention* FirstPlace() const {
    const SentenceMention* first = nullptr;
    for (const auto& mention : mentions_) {
      if (!IsPlace(result_.entities[mention.entity].type)) continue;
      if (mention.after_preposition) return &mention;
      if (!first) first = &mention;
    }
    return first;
  }

  enum class Cue : uint8_t { kNone, kNegation, kHypothetical, kReporting };

  // Each token's modality cue, looked up once per sentence.
  void FindModalityCues() {
    static const StringMap<Cue> kCues = [] {
      StringMap<Cue> cues;
      for (std::string_view word :
           {"could", "may", "might", "would", "plans", "planned", "plan", "intends", "unlikely", "lacks", "lack",
            "capacity", "threatened", "threatens", "if", "should", "wants", "will"}) {
        cues.emplace(word, Cue::kHypothetical);
      }
      for (std::string_view word : {"not", "never", "no", "denied", "denies", "didn't", "did't", "without"}) {
        cues.emplace(word, Cue::kNegation);
      }
      for (std::string_view word : {"said", "says", "according", "told", "claimed", "claims", "reported", "alleged"}) {
        cues.emplace(word, Cue::kReporting);
      }
      return cues;
    }();
    cues_.assign(tokens_.size(), Cue::kNone);
    for (size_t t = 0; t < tokens_.size(); ++t) {
      if (auto it = kCues.find(tokens_[t].folded); it != kCues.end()) cues_[t] = it->second;
    }
  }

  void SetModality(size_t trigger, ExtractedEvent& event) const {
    for (size_t t = trigger >= 3 ? trigger - 3 : 0; t < trigger; ++t) {
      if (cues_[t] == Cue::kNegation) {
        event.modality = v1::MODALITY_NEGATED;
        return;
      }
    }
    for (size_t t = 0; t < trigger; ++t) {
      if (cues_[t] == Cue::kHypothetical) {
        event.modality = v1::MODALITY_HYPOTHETICAL;
        return;
      }
    }
    for (size_t t = 0; t < tokens_.size(); ++t) {
      // A statement's own "said" is what it asserts, not a report of another event.
      if (t == trigger || cues_[t] != Cue::kReporting) continue;
      event.modality = v1::MODALITY_REPORTED;
      if (tokens_[t].folded == "according" && t + 2 < tokens_.size()) {
        size_t end = t + 2;
        while (end < tokens_.size() && end < t + 6 && tokens_[end].is_word) ++end;
        event.attributed_to = Text(t + 2, end);
      } else if (t > 0) {
        size_t start = t;
        while (start > 0 && start + 4 > t && tokens_[start - 1].is_word) --start;
        if (start < t) event.attributed_to = Text(start, t);
      }
      return;
    }
  }

  std::string MergeKey(const ExtractedEvent& event) const {
    std::vector<std::string> parts;
    for (const auto& participant : event.participants) {
      parts.push_back(std::to_string(static_cast<int>(participant.role)) + "=" +
                      result_.entities[participant.entity].key);
    }
    std::sort(parts.begin(), parts.end());
    std::string day = "undated";
    if (event.time.start) {
      auto days = std::chrono::floor<std::chrono::days>(*event.time.start).time_since_epoch().count();
      day = std::to_string(days);
    }
    return std::to_string(static_cast<int>(event.type)) + "|" + std::to_string(static_cast<int>(event.modality)) + "|" +
           strings::Join(parts, ",") + "|" + day;
  }

  std::string Text(size_t start, size_t end) const {
    return std::string(article_.clean_text.substr(tokens_[start].start, tokens_[end - 1].end - tokens_[start].start));
  }

  std::string Folded(size_t start, size_t end) const {
    std::vector<std::string_view> words;
    for (size_t t = start; t < end; ++t) words.push_back(tokens_[t].folded);
    return strings::Join(words, " ");
  }

  TextSpan Span(size_t start, size_t end) const { return {sentence_, tokens_[start].start, tokens_[end - 1].end}; }

  const Lexicon& lexicon_;
  const NormalizedArticle& article_;
  Extraction result_;
  std::map<std::string, size_t> entity_by_key_;
  std::map<std::string, size_t> surnames_;  // folded surname -> person, this article
  std::map<std::string, size_t> acronyms_;  // acronym -> organisation, this article
  std::vector<Token> tokens_;
  std::vector<SentenceMention> mentions_;
  std::vector<Cue> cues_;  // modality cue of each token of the sentence
  std::vector<PendingRole> pending_roles_;
  std::map<size_t, const City*> city_of_entity_;
  std::map<size_t, std::string> area_country_;                       // subdivision entity -> ISO alpha-2
  std::map<size_t, std::pair<std::string, TextSpan>> body_country_;  // government body -> alpha-2 in its name
  std::vector<TimeExpression> sentence_times_;                       // this sentence's time expressions
  ExtractedTime inherited_time_;                                     // when its events happened if it names no time
  std::optional<ExtractedTime> story_time_;      // the article's first time expression: when its news happened
  std::optional<ExtractedTime> paragraph_time_;  // the last time expression of this paragraph
  size_t sentence_ = 0;
};

}  // namespace

Extraction Extractor::Extract(const NormalizedArticle& article) const {
  std::vector<SentenceSpan> sentences = SplitSentences(article.clean_text, *lexicon_);
  if (article.language != "en") return {.sentences = std::move(sentences)};
  return ArticleExtraction(*lexicon_, article, std::move(sentences)).Run();
}

}  // namespace dossier::engine
