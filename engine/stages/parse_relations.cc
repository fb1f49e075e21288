#include "engine/stages/parse_relations.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "engine/lexicon/word_sets.h"
#include "engine/stages/entity_types.h"
#include "engine/stages/sentence_view.h"

namespace dossier::engine {
namespace {

constexpr double kParsedRelationConfidence = 0.7;

class ParseRelations {
 public:
  ParseRelations(Doc& doc, size_t sentence) : doc_(doc), view_(doc, sentence), tokens_(view_.tokens()) {}

  void Extract() {
    for (const LocalMention& subject : view_.mentions()) {
      if (!subject.mention || view_.ClusterOf(subject).type == v1::ENTITY_TYPE_PERSON) continue;
      size_t head = view_.HeadToken(subject);
      // "Mali and Niger, members of ...": the apposition hangs on the first conjunct.
      if (tokens_[head].deprel == "conj") continue;
      std::vector<const LocalMention*> subjects = {&subject};
      for (size_t d = 0; d < tokens_.size(); ++d) {
        if (view_.Parent(d) != head) continue;
        if (tokens_[d].deprel == "conj") {
          if (const LocalMention* conjunct = view_.MentionUnder(d)) subjects.push_back(conjunct);
        }
      }
      for (size_t d = 0; d < tokens_.size(); ++d) {
        if (view_.Parent(d) == head && tokens_[d].deprel == "appos") RelateByNoun(subjects, d);
      }
      // "X is a member of Y", "X is allied with Y", "X operates in Y": X is the subject.
      auto parent = view_.Parent(head);
      if (parent && (tokens_[head].deprel == "nsubj" || tokens_[head].deprel == "nsubj:pass")) {
        RelateByNoun(subjects, *parent);
        RelateByPredicate(subjects, *parent);
        for (size_t d = head + 1; d < tokens_.size(); ++d) {
          if (view_.Parent(d) != *parent) continue;
          // "X is allied with Y and operates in Z": the second predicate shares the subject.
          if (tokens_[d].deprel == "conj") RelateByPredicate(subjects, d);
          // "Mali and Niger, members of the AES, left": an apposition the parser made a
          // second subject.
          if (tokens_[d].deprel == "nsubj") RelateByNoun(subjects, d);
        }
      }
    }
  }

 private:
  // The noun at token `noun` says what the subjects are of the name in its "of" phrase or
  // its possessor.
  void RelateByNoun(const std::vector<const LocalMention*>& subjects, size_t noun) {
    static const WordMap<v1::RelationshipPredicate> kNouns = {{"member", v1::RELATIONSHIP_PREDICATE_MEMBER_OF},
                                                              {"affiliate", v1::RELATIONSHIP_PREDICATE_AFFILIATED_WITH},
                                                              {"branch", v1::RELATIONSHIP_PREDICATE_AFFILIATED_WITH},
                                                              {"wing", v1::RELATIONSHIP_PREDICATE_AFFILIATED_WITH},
                                                              {"offshoot", v1::RELATIONSHIP_PREDICATE_AFFILIATED_WITH},
                                                              {"ally", v1::RELATIONSHIP_PREDICATE_ALLIED_WITH},
                                                              {"partner", v1::RELATIONSHIP_PREDICATE_PARTNER_OF}};
    auto predicate = kNouns.find(tokens_[noun].lemma);
    if (predicate == kNouns.end()) return;
    for (size_t d = 0; d < tokens_.size(); ++d) {
      if (view_.Parent(d) != noun) continue;
      bool owner = tokens_[d].deprel == "nmod:poss" || (tokens_[d].deprel == "nmod" && CaseOf(d) == "of");
      if (owner) AddAll(subjects, predicate->second, view_.MentionUnder(d));
    }
  }

  // "allied with Y", "partnered with Y", "operates in Y": the predicate's obliques.
  void RelateByPredicate(const std::vector<const LocalMention*>& subjects, size_t predicate) {
    std::string_view lemma = tokens_[predicate].lemma;
    for (size_t d = 0; d < tokens_.size(); ++d) {
      if (view_.Parent(d) != predicate || !tokens_[d].deprel.starts_with("obl")) continue;
      std::string_view marker = CaseOf(d);
      const LocalMention* object = view_.MentionUnder(d);
      if (!object) continue;
      if ((lemma == "ally" || lemma == "allied") && marker == "with") {
        AddAll(subjects, v1::RELATIONSHIP_PREDICATE_ALLIED_WITH, object);
      } else if (lemma == "partner" && marker == "with") {
        AddAll(subjects, v1::RELATIONSHIP_PREDICATE_PARTNER_OF, object);
      } else if (lemma == "operate" && marker == "in" && IsPlace(view_.ClusterOf(*object).type)) {
        AddAll(subjects, v1::RELATIONSHIP_PREDICATE_OPERATES_IN, object);
      }
    }
  }

  std::string_view CaseOf(size_t t) const {
    auto marker = view_.Dependent(t, "case");
    return marker ? std::string_view(tokens_[*marker].folded) : std::string_view();
  }

  void AddAll(const std::vector<const LocalMention*>& subjects, v1::RelationshipPredicate predicate,
              const LocalMention* object) {
    if (!object) return;
    for (const LocalMention* subject : subjects) {
      if (subject->cluster == object->cluster) continue;
      size_t first = std::min(subject->first_token, object->first_token);
      size_t last = std::max(subject->end_token, object->end_token);
      doc_.relationships.push_back(
          {subject->cluster, predicate, object->cluster, "", kParsedRelationConfidence, view_.Span(first, last)});
    }
  }

  Doc& doc_;
  const SentenceView view_;
  const std::span<const Token> tokens_;
};

}  // namespace

void AddRelationsFromParse(Doc& doc, size_t sentence) { ParseRelations(doc, sentence).Extract(); }

}  // namespace dossier::engine
