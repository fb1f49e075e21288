#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/v1/entity.pb.h"
#include "dossier/v1/event.pb.h"
#include "dossier/v1/relationship.pb.h"
#include "engine/extraction.h"
#include "engine/normalize/article.h"
#include "engine/token.h"

namespace dossier::engine {

struct City;

/// A sentence: bytes [start, end) of the clean text and tokens [first_token, end_token) of Doc::tokens.
struct Sentence {
  size_t start = 0;
  size_t end = 0;
  size_t first_token = 0;
  size_t end_token = 0;
  bool label = false;  // a heading, caption, credit or byline, not a statement: no fact is read from it
};

/// A time expression: tokens [first_token, end_token) and the interval they name.
struct TimeExpression {
  size_t first_token = 0;
  size_t end_token = 0;
  ExtractedTime time;
};

/// A sentence's time expressions, and the time its events take when it names none.
struct SentenceTimes {
  std::vector<TimeExpression> expressions;
  ExtractedTime inherited;  // the paragraph's last time, else the article's first, else the publication day
};

/// A name in the text and how recognition read it.
struct Mention {
  size_t sentence = 0;
  size_t first_token = 0;  // tokens [first_token, end_token), a possessive "'s" included
  size_t end_token = 0;
  TextSpan span;  // the name's bytes, without a possessive "'s" or an attributive "-based"
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  v1::OrganizationKind organization_kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  std::string name;  // as it should be stored: the gazetteer's name, else as written without "'s"
  std::vector<std::pair<std::string, std::string>> gazetteer_ids;  // scheme, value: ("iso3166-1-alpha2", "NE")
  const City* city = nullptr;   // a gazetteer city's record: its country, subdivision and capital status
  std::string country_in_name;  // alpha-2 of a country a government body's name holds ("Rwanda Defence Force")
  double confidence = 0;
  std::optional<size_t> antecedent;  // the earlier mention whose name this one repeats (a surname, an acronym)
  bool defines_acronym = false;      // "(CDF)" right after the name it abbreviates
  bool after_preposition = false;    // after "in", "at", "near", "from" or "to"
  bool possessive = false;           // "Ghana's envoy": the head is what follows
  bool modifier = false;             // after "for", "of", ... or before a title: describes, does not act
  bool attributive = false;          // "Monterrey-based": the place of what follows
  size_t cluster = 0;                // index into Doc::clusters, set by coreference
};

/// An entity of the article: the mentions coreference found to name it. Type, kind, name, ids
/// and city come from its first mention.
struct Cluster {
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  v1::OrganizationKind organization_kind = v1::ORGANIZATION_KIND_UNSPECIFIED;
  std::string name;
  std::vector<std::pair<std::string, std::string>> gazetteer_ids;
  const City* city = nullptr;
  std::vector<std::string> aliases;  // acronyms defined for it, in text order
  std::vector<size_t> mentions;      // indexes into Doc::mentions, in text order
};

/// A pronoun or definite description ("he", "the group") and the cluster it refers back to.
struct Anaphor {
  size_t first_token = 0;  // tokens [first_token, end_token): "the group"
  size_t end_token = 0;
  size_t cluster = 0;
};

/// A role title seen beside a person's name; the roles stage settles its owner.
struct RoleCue {
  size_t person = 0;  // index into Doc::mentions
  std::string title;
  size_t first_token = 0;  // tokens [first_token, end_token) of the title and the name
  size_t end_token = 0;
  std::optional<size_t> owner;        // the mention just before the title: "Ghanaian envoy"
  std::optional<size_t> owner_token;  // where the owner after "of" starts: "administrator of Macomia"
};

/// A person's role: the title and, when known, the cluster whose office it is.
struct Role {
  size_t person = 0;  // cluster
  std::string title;
  std::optional<size_t> organization;  // cluster
  TextSpan span;
};

/// A participant of an event: its cluster, role, and the words that name it there.
struct Participant {
  size_t cluster = 0;
  std::optional<size_t> mention;  // the mention naming it in the sentence; none for a pronoun or description
  v1::ParticipantRole role = v1::PARTICIPANT_ROLE_UNSPECIFIED;
  std::string text;
};

/// An event signalled by a trigger word.
struct Event {
  size_t trigger = 0;  // index into Doc::tokens
  v1::EventType type = v1::EVENT_TYPE_UNSPECIFIED;
  std::string cameo_code;
  std::vector<Participant> participants;
  // For an event a noun names ("the killing of X"): the role of the noun's "of" phrase.
  std::optional<v1::ParticipantRole> nominal_of;
  std::optional<size_t> location;  // cluster
  v1::Modality modality = v1::MODALITY_ASSERTED;
  std::string attributed_to;  // who reports it: "officials", "the regional police command"
  ExtractedTime time;
  double confidence = 0;
  TextSpan span;
};

/// A directed relationship between two clusters.
struct Relationship {
  size_t subject = 0;  // cluster
  v1::RelationshipPredicate predicate = v1::RELATIONSHIP_PREDICATE_UNSPECIFIED;
  size_t object = 0;  // cluster
  std::string role_title;
  double confidence = 0;
  TextSpan span;
  bool document_level = false;  // found by a pass over the whole article, not read in one sentence
};

/// One article as the pipeline analyses it. Each stage reads the fields of the stages before
/// it and fills its own; all token indexes point into `tokens`, all byte spans into `text`.
struct Doc {
  explicit Doc(const NormalizedArticle& article) : article(article), text(article.clean_text) {}

  const NormalizedArticle& article;  // language, publication date
  std::string_view text;             // the clean text

  std::vector<Token> tokens;                // tokenizer: the whole text's, in order
  std::vector<Sentence> sentences;          // tokenizer
  std::vector<SentenceTimes> times;         // time_expressions: one per sentence
  std::vector<Mention> mentions;            // mentions: in text order
  std::vector<RoleCue> role_cues;           // mentions
  std::vector<Cluster> clusters;            // coreference: in order of first mention
  std::vector<Anaphor> anaphors;            // coreference
  std::vector<Role> roles;                  // roles
  std::vector<Relationship> relationships;  // roles, relations
  std::vector<Event> events;                // event_triggers, event_arguments, modality

  /// The tokens of a sentence.
  std::span<const Token> SentenceTokens(size_t sentence) const;
  /// The mentions of a sentence as indexes [first, end) into `mentions`.
  std::pair<size_t, size_t> SentenceMentions(size_t sentence) const;
  const Cluster& ClusterOf(const Mention& mention) const { return clusters[mention.cluster]; }

  /// The text of tokens [first_token, end_token); empty for an empty range.
  std::string Text(size_t first_token, size_t end_token) const;
  /// Their folded words as written: one space where the text has white space ("niger's army").
  std::string Folded(size_t first_token, size_t end_token) const;
  /// Their sentence and bytes as evidence.
  TextSpan Span(size_t first_token, size_t end_token) const;
};

}  // namespace dossier::engine
