#include "engine/stages/event_arguments.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/lexicon/word_sets.h"
#include "engine/stages/entity_types.h"
#include "engine/stages/sentence_view.h"
#include "engine/written_words.h"

namespace dossier::engine {
namespace {

// An apposition ("Saber, a lawmaker from the opposition party,") is at most this long.
constexpr size_t kMaxAppositionTokens = 20;
// Title words between "by" and a passive's agent ("by Vietnamese Trade Minister Lan").
constexpr size_t kMaxTitleTokens = 4;

bool IsQuoteOrComma(std::string_view text) {
  return text == "," || text == "\"" || text == "\u201d" || text == "'" || text == "\u2019";
}

// The arguments of the events of one sentence.
class SentenceEvents {
 public:
  SentenceEvents(const Doc& doc, size_t sentence)
      : doc_(doc), view_(doc, sentence), tokens_(view_.tokens()), mentions_(view_.mentions()) {}

  size_t index() const { return view_.index(); }

  // Fills the event's arguments; false when it has too few to be an event.
  bool Fill(Event& event) const {
    if (event.nominal_of) return FillNominal(event);
    size_t t = view_.Local(event.trigger);
    bool statement = event.type == v1::EVENT_TYPE_STATEMENT;
    bool disaster = event.type == v1::EVENT_TYPE_DISASTER;
    const LocalMention* agent = nullptr;
    const LocalMention* other = nullptr;
    const LocalMention* location = nullptr;
    const LocalMention* conjunct = nullptr;  // "A and B signed": A is the agent, B a co-participant
    for (const auto& mention : mentions_) {
      auto type = view_.ClusterOf(mention).type;
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
    std::optional<LocalMention> implicit;  // "he", "the group": the subject named earlier
    switch (SubjectBefore(t, implicit)) {
      case Subject::kNamed:
        break;
      case Subject::kImplicit:
        agent = &*implicit;
        conjunct = nullptr;
        break;
      case Subject::kUnnamed:  // "officials said": no entity acts, unless their country is named
        agent = CountryOfSubject(t);
        conjunct = nullptr;
        break;
    }
    // "signed by Vietnamese Trade Minister Lan": a passive's agent follows "by"; what came
    // before is its target.
    bool agent_after_by = false;
    if (t + 2 < tokens_.size() && tokens_[t + 1].folded == "by") {
      for (const auto& mention : mentions_) {
        if (mention.first_token < t + 2 || mention.first_token > t + 2 + kMaxTitleTokens ||
            IsPlace(view_.ClusterOf(mention).type) || mention.modifier) {
          continue;
        }
        other = agent != &mention ? agent : nullptr;
        agent = &mention;
        conjunct = nullptr;
        agent_after_by = true;
        break;
      }
    }
    // "NLD members were arrested (on Monday by the army)": in the parse of a passive, the
    // subject (nsubj:pass) is what was done to, and the agent only what "by" (obl:agent)
    // names, if anything.
    if (auto subject = view_.Dependent(t, "nsubj:pass"); subject && !agent_after_by) {
      const LocalMention* target = view_.MentionUnder(*subject);
      auto by = view_.Dependent(t, "obl:agent");
      agent = by ? view_.MentionUnder(*by) : NamedAfterBy(t);
      if (target) other = target;
      conjunct = nullptr;
    }
    // "“We will stay,” said Ama Boateng": the speaker follows the verb.
    if (statement && t + 1 < tokens_.size() && t > 0 && IsQuoteOrComma(tokens_[t - 1].text) && other &&
        other->first_token == t + 1 && !IsPlace(view_.ClusterOf(*other).type)) {
      agent = other;
      other = nullptr;
    }
    if (!agent && !disaster) agent = NamedSubject(t);      // "Beirut again flatly rejected"
    if (!agent && !disaster) agent = CountryOfSubject(t);  // "Thousands of Kenyans rioted"
    if (agent && !conjunct) conjunct = EarlierConjunct(*agent);
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
      if (!location && other && IsPlace(view_.ClusterOf(*other).type)) location = other;
      agent = other = nullptr;
      if (!location) location = FirstPlace();
    } else if (!agent && (statement || !other)) {
      return false;  // a statement needs its speaker
    }
    if (agent) event.participants.push_back(ParticipantOf(*agent, v1::PARTICIPANT_ROLE_AGENT));
    if (other) {
      bool place = IsPlaceOtherThanCountry(view_.ClusterOf(*other).type);
      auto role = joint || event.type == v1::EVENT_TYPE_MEET ? v1::PARTICIPANT_ROLE_CO_PARTICIPANT
                  : place                                    ? v1::PARTICIPANT_ROLE_LOCATION
                                                             : v1::PARTICIPANT_ROLE_TARGET;
      event.participants.push_back(ParticipantOf(*other, role));
      if (role == v1::PARTICIPANT_ROLE_LOCATION && !location) location = other;
    }
    if (location) {
      event.location = location->cluster;
      if (location != other) event.participants.push_back(ParticipantOf(*location, v1::PARTICIPANT_ROLE_LOCATION));
    }
    event.time = TimeOfEventAt(event.trigger);
    event.confidence = agent && other ? 0.7 : 0.5;
    size_t first = agent ? std::min(agent->first_token, t) : t;
    if (location) first = std::min(first, location->first_token);
    size_t last = t + 1;
    for (const auto* mention : {other, location}) {
      if (mention) last = std::max(last, mention->end_token);
    }
    event.span = view_.Span(first, last);
    return true;
  }

 private:
  enum class Subject { kNamed, kImplicit, kUnnamed };

  // The name that is the trigger's subject in the parse, however many adverbs stand between
  // ("Serbia on Thursday flatly rejected"); towns do not act.
  const LocalMention* NamedSubject(size_t t) const {
    auto subject = view_.Dependent(t, "nsubj");
    if (!subject || *subject > t) return nullptr;
    for (const auto& mention : mentions_) {
      if (view_.HeadToken(mention) == *subject && !IsPlaceOtherThanCountry(view_.ClusterOf(mention).type)) {
        return &mention;
      }
    }
    return nullptr;
  }

  // "Hungarian and Romanian officials agreed": the parse makes the agent a conjunct ("and",
  // "or") of an earlier name, which acts first; towns do not act.
  const LocalMention* EarlierConjunct(const LocalMention& agent) const {
    size_t head = view_.HeadToken(agent);
    auto parent = view_.Parent(head);
    if (tokens_[head].deprel != "conj" || !view_.Dependent(head, "cc") || !parent || *parent >= agent.first_token) {
      return nullptr;
    }
    for (const auto& mention : mentions_) {
      if (view_.HeadToken(mention) == *parent && !IsPlaceOtherThanCountry(view_.ClusterOf(mention).type)) {
        return &mention;
      }
    }
    return nullptr;
  }

  // "Hungarian officials agreed", "Malian troops attacked", "Kenya's police arrested",
  // "thousands of Kenyans rioted": the country whose demonym or possessive qualifies the
  // trigger's subject in the parse acts.
  const LocalMention* CountryOfSubject(size_t t) const {
    auto subject = view_.Dependent(t, "nsubj");
    if (!subject) return nullptr;
    for (const auto& mention : mentions_) {
      if (!mention.mention || view_.ClusterOf(mention).type != v1::ENTITY_TYPE_COUNTRY) continue;
      size_t head = view_.HeadToken(mention);
      std::string_view relation = tokens_[head].deprel;
      auto marker = view_.Dependent(head, "case");
      bool qualifies = relation == "amod" || relation == "compound" || relation == "nmod:poss" ||
                       (relation == "nmod" && marker && tokens_[*marker].folded == "of");
      if (qualifies && view_.Parent(head) == *subject) return &mention;
    }
    return nullptr;
  }

  // An event a noun names reads its participants from the noun's phrase in the parse: the
  // possessor and "by" act ("Russia's invasion"), "of" is the lexicon's role ("the killing
  // of X", "the withdrawal of X"), "on"/"against" are targets, "with" and "between X and Y"
  // take part, "in"/"at"/"near" place it; the subject of a support verb ("held talks") acts.
  // Without a named participant there is no event.
  bool FillNominal(Event& event) const {
    size_t t = view_.Local(event.trigger);
    size_t first = t, last = t + 1;
    auto add = [&](const LocalMention& mention, v1::ParticipantRole role) {
      for (const Participant& participant : event.participants) {
        if (participant.cluster == mention.cluster) return;
      }
      if (role == v1::PARTICIPANT_ROLE_LOCATION && !event.location) event.location = mention.cluster;
      event.participants.push_back(ParticipantOf(mention, role));
      first = std::min(first, mention.first_token);
      last = std::max(last, mention.end_token);
    };
    for (size_t d = 0; d < tokens_.size(); ++d) {
      if (tokens_[d].head < 0 || view_.Local(static_cast<size_t>(tokens_[d].head)) != t) continue;
      std::string_view relation = tokens_[d].deprel;
      std::vector<const LocalMention*> named = view_.MentionsUnder(d);
      if (named.empty()) continue;
      if (relation == "nmod:poss") {
        add(*named.front(), v1::PARTICIPANT_ROLE_AGENT);
        continue;
      }
      if (!relation.starts_with("nmod")) continue;
      auto marker = view_.Dependent(d, "case");
      std::string_view word = marker ? std::string_view(tokens_[*marker].folded) : "";
      bool place = IsPlaceOtherThanCountry(view_.ClusterOf(*named.front()).type);
      if (word == "of") {
        add(*named.front(), place ? v1::PARTICIPANT_ROLE_LOCATION : *event.nominal_of);
      } else if (word == "by") {
        add(*named.front(), v1::PARTICIPANT_ROLE_AGENT);
      } else if (word == "on" || word == "against") {
        add(*named.front(), place ? v1::PARTICIPANT_ROLE_LOCATION : v1::PARTICIPANT_ROLE_TARGET);
      } else if (word == "with" || word == "between") {
        for (const LocalMention* mention : named) {
          bool agent_free = std::none_of(event.participants.begin(), event.participants.end(),
                                         [](const auto& p) { return p.role == v1::PARTICIPANT_ROLE_AGENT; });
          add(*mention,
              word == "between" && agent_free ? v1::PARTICIPANT_ROLE_AGENT : v1::PARTICIPANT_ROLE_CO_PARTICIPANT);
        }
      } else if ((word == "in" || word == "at" || word == "near") && IsPlace(view_.ClusterOf(*named.front()).type)) {
        add(*named.front(), v1::PARTICIPANT_ROLE_LOCATION);
      }
    }
    // "Mali held talks with X", "the EU imposed sanctions on Y": the subject of a support verb
    // whose object the noun is acts, unless the phrase named an agent already ("Y criticised
    // the sanctions" is no sanction by Y).
    bool has_agent = std::any_of(event.participants.begin(), event.participants.end(),
                                 [](const auto& p) { return p.role == v1::PARTICIPANT_ROLE_AGENT; });
    static const WordSet kSupportVerbs = {"begin", "carry",  "conduct", "continue", "hold",
                                          "host",  "impose", "launch",  "make",     "mount",
                                          "open",  "pay",    "resume",  "stage",    "start"};
    if (!has_agent && tokens_[t].head >= 0 && tokens_[t].deprel == "obj" &&
        kSupportVerbs.contains(tokens_[static_cast<size_t>(tokens_[t].head) - view_.Global(0)].lemma)) {
      auto subject = view_.Dependent(view_.Local(static_cast<size_t>(tokens_[t].head)), "nsubj");
      if (const LocalMention* actor = subject ? view_.MentionUnder(*subject) : nullptr;
          actor && !IsPlaceOtherThanCountry(view_.ClusterOf(*actor).type)) {
        add(*actor, v1::PARTICIPANT_ROLE_AGENT);
      }
    }
    bool named_party = std::any_of(event.participants.begin(), event.participants.end(),
                                   [](const auto& p) { return p.role != v1::PARTICIPANT_ROLE_LOCATION; });
    if (!named_party) return false;
    event.time = TimeOfEventAt(event.trigger);
    event.confidence = 0.5;
    event.span = view_.Span(first, last);
    return true;
  }

  // The person or organisation named right after a "by" later in the clause of token t
  // ("detained on Friday by Kojo Asante"), for when the parse did not attach it to t.
  const LocalMention* NamedAfterBy(size_t t) const {
    for (size_t b = t + 1; b + 1 < tokens_.size() && tokens_[b].text != "," && tokens_[b].text != ";" &&
                           tokens_[b].upos != "VERB";  // "after talks led by X": X led the talks
         ++b) {
      if (tokens_[b].folded != "by") continue;
      for (const auto& mention : mentions_) {
        if (mention.mention && mention.first_token > b && mention.first_token <= b + 1 + kMaxTitleTokens &&
            !IsPlace(view_.ClusterOf(mention).type)) {
          return &mention;
        }
      }
      return nullptr;
    }
    return nullptr;
  }

  // What stands just before a trigger, skipping auxiliaries and adverbs ("has also said"):
  // a name (kNamed, the caller picks it), a pronoun or definite description coreference
  // resolved to an entity named before it, or a common noun that names no entity
  // ("officials said").
  Subject SubjectBefore(size_t trigger, std::optional<LocalMention>& implicit) const {
    // Auxiliaries and adverbs; "did", "ca", "wo" and "n't" are the tokens of "didn't", "can't", "won't".
    static const WordSet kSkipped = {
        "has",     "have",    "had",      "was",      "were",      "is",    "are",          "been",       "also",
        "later",   "then",    "again",    "would",    "could",     "will",  "may",          "might",      "not",
        "n't",     "did",     "does",     "do",       "can",       "ca",    "wo",           "reportedly", "previously",
        "already", "jointly", "formally", "publicly", "yesterday", "today", "subsequently", "swiftly",    "quickly"};
    static const WordSet kFunctionWords = {"and",   "or",    "but",  "that",  "which", "who", "whom", "to",
                                           "of",    "in",    "on",   "at",    "by",    "for", "with", "from",
                                           "as",    "than",  "it",   "they",  "we",    "i",   "you",  "this",
                                           "these", "those", "when", "after", "before"};
    // The group “did not attack": a quotation may open inside the clause, after its subject.
    auto opens_quote = [&](size_t t) {
      const Token& token = tokens_[t];
      return (token.text == "\u201c" || token.text == "\"") && t + 1 < tokens_.size() && Glued(token, tokens_[t + 1]) &&
             (t == 0 || !Glued(tokens_[t - 1], token));
    };
    size_t s = trigger;
    while (s > 0 && (kSkipped.contains(tokens_[s - 1].folded) || opens_quote(s - 1))) --s;
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
          implicit = LocalMention{mention.mention, mention.cluster, mention.first_token, s};
          return Subject::kImplicit;
        }
      }
      if (!tokens_[noun_start - 1].is_word || tokens_[noun_start - 1].capitalized) break;
    }
    for (const Anaphor& anaphor : doc_.anaphors) {
      if (anaphor.end_token == view_.Global(s)) {
        implicit = LocalMention{std::nullopt, anaphor.cluster, view_.Local(anaphor.first_token), s};
        return Subject::kImplicit;
      }
    }
    return Subject::kUnnamed;
  }

  // The sentence's first place named after a preposition, else its first place.
  const LocalMention* FirstPlace() const {
    const LocalMention* first = nullptr;
    for (const auto& mention : mentions_) {
      if (!IsPlace(view_.ClusterOf(mention).type)) continue;
      if (mention.after_preposition) return &mention;
      if (!first) first = &mention;
    }
    return first;
  }

  // When the event at token t (of Doc::tokens) happened: the sentence's time expression
  // nearest to it, else the time the sentence inherits.
  const ExtractedTime& TimeOfEventAt(size_t t) const {
    const SentenceTimes& times = doc_.times[view_.index()];
    const TimeExpression* nearest = nullptr;
    size_t nearest_distance = 0;
    for (const auto& expression : times.expressions) {
      // A time adjunct usually follows its verb ("met Boateng on Monday"); one before it often
      // belongs to another clause ("said on Tuesday that she would meet ..."), so it counts
      // as twice as far.
      size_t distance = expression.end_token <= t ? (t - expression.end_token) * 2 : expression.first_token - t;
      if (!nearest || distance < nearest_distance) {
        nearest = &expression;
        nearest_distance = distance;
      }
    }
    return nearest ? nearest->time : times.inherited;
  }

  Participant ParticipantOf(const LocalMention& mention, v1::ParticipantRole role) const {
    return {mention.cluster, mention.mention, role, view_.Text(mention.first_token, mention.end_token)};
  }

  const Doc& doc_;
  const SentenceView view_;
  const std::span<const Token> tokens_;
  const std::vector<LocalMention>& mentions_;
};

}  // namespace

void EventArgumentsStage::Process(Doc& doc) const {
  std::vector<Event> kept;
  std::optional<SentenceEvents> sentence;
  for (Event& event : doc.events) {
    size_t s = doc.tokens[event.trigger].sentence;
    if (!sentence || sentence->index() != s) sentence.emplace(doc, s);
    if (sentence->Fill(event)) kept.push_back(std::move(event));
  }
  doc.events = std::move(kept);
}

}  // namespace dossier::engine
