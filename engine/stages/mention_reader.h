#pragma once

// Internal to the mentions stage: the reader is split over mentions.cc (the walk over
// capitalised runs and how mentions are recorded), mention_places.cc and mention_names.cc.

#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/doc.h"
#include "engine/lexicon/lexicon.h"
#include "engine/stages/confidence.h"
#include "engine/written_words.h"

namespace dossier::engine {

/// Reads the mentions of one article, sentence by sentence. Token indexes are local to the
/// sentence being read; the mentions it records carry Doc::tokens indexes.
class MentionReader {
 public:
  MentionReader(const Lexicon& lexicon, Doc& doc) : lexicon_(lexicon), doc_(doc) {}

  void ReadSentence(size_t sentence);

 private:
  // What the words around an unknown name make it (type UNSPECIFIED: nothing).
  struct ContextType {
    v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
    v1::OrganizationKind kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  };

  // A name the recogniser found: tokens [start, end) and its type.
  struct RecognizedName {
    size_t start = 0, end = 0;
    v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  };

  // mentions.cc: the walk over capitalised runs.
  size_t ReadAt(size_t i);
  size_t ReadStateBody(size_t i);
  size_t ReadKnownOrganization(size_t start);
  size_t RunEnd(size_t i) const;
  size_t OrganizationAfterPossessive(size_t start, size_t possessive) const;
  v1::OrganizationKind OrganizationKindOf(size_t start, size_t end) const;
  void NoteCountryInName(size_t body, size_t start, size_t end);

  // mention_places.cc: gazetteer places.
  void ReadAttributivePlace(size_t i);
  size_t MatchPlace(size_t start, size_t run_end);
  bool IsPlaceContext(size_t start, size_t end, size_t run_end, bool well_known) const;
  void AddCountryMention(const Country& country, size_t start, size_t end, double confidence);
  void AddCityMention(const City& city, size_t start, size_t end);
  size_t AddGazetteerMention(v1::EntityType type, const std::string& name,
                             std::initializer_list<std::pair<std::string_view, std::string_view>> gazetteer_ids,
                             size_t start, size_t end, double confidence);

  // mention_names.cc: people, organisations and places named without a gazetteer.
  size_t ReadNameRun(size_t start, size_t end);
  std::vector<RecognizedName> RecognizedNames(size_t start, size_t end) const;
  ContextType TypeFromContext(size_t start, size_t end) const;
  size_t LowerCaseTitleStart(size_t title_end) const;
  void AddPerson(size_t title_start, size_t title_end, size_t name_start, size_t name_end);
  void ReadTitleAfterName(size_t person, size_t name_end);
  size_t ReadAcronymDefinition(size_t end);
  void RememberSurname(size_t person, size_t name_end);
  void RememberShortNames(size_t organization, size_t start, size_t end);

  // mentions.cc: recording mentions.
  size_t AddNamed(v1::EntityType type, v1::OrganizationKind kind, size_t start, size_t end, double confidence,
                  std::string canonical_name = "");
  size_t AddRepeat(size_t antecedent, size_t start, size_t end);
  size_t AddMention(size_t start, size_t end, Mention mention);
  // True when the sentence's last mention so far ends at token `end`; LastMention() is that mention.
  bool LastMentionEndsAt(size_t end) const;
  const Mention& LastMention() const { return doc_.mentions.back(); }

  // The reader counts a hyphenated word ("Amankwah-Sarfo", "Lieutenant-Colonel") as one word.
  size_t WordEnd(size_t i) const { return HyphenatedWordEnd(tokens_, i); }
  size_t WordCount(size_t start, size_t end) const;
  // The folded word starting at token i; the one ending with token end - 1.
  std::string FoldedWord(size_t i) const { return Folded(i, WordEnd(i)); }
  std::string FoldedWordBefore(size_t end) const { return Folded(HyphenatedWordStart(tokens_, end), end); }
  size_t Global(size_t token) const { return first_token_ + token; }
  std::string Text(size_t start, size_t end) const { return doc_.Text(Global(start), Global(end)); }
  std::string Folded(size_t start, size_t end) const { return doc_.Folded(Global(start), Global(end)); }

  const Lexicon& lexicon_;
  Doc& doc_;
  // Folded surname or organisation short name -> the last mention named in full ("Kone" for
  // Salif Kone, "Nordvik" for Nordvik Telecom).
  std::map<std::string, size_t> short_names_;
  std::map<std::string, size_t> acronyms_;  // acronym -> the mention that defined it
  size_t sentence_ = 0;
  size_t first_token_ = 0;    // the sentence's first token in Doc::tokens
  size_t first_mention_ = 0;  // its first mention in Doc::mentions
  std::span<const Token> tokens_;
};

}  // namespace dossier::engine
