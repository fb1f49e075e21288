#include "engine/stages/event_triggers.h"

#include <utility>

#include "engine/lexicon/word_sets.h"
#include "engine/written_words.h"

namespace dossier::engine {
namespace {

// "an attack", "the strike": a trigger word used as a noun.
bool AfterDeterminer(std::span<const Token> tokens, size_t t) {
  static const WordSet kDeterminers = {"a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "any"};
  return t > 0 && kDeterminers.contains(tokens[t - 1].folded);
}

// "held talks": the noun ends a phrase trigger that already made the event.
bool EndsPhraseTrigger(const Lexicon& lexicon, std::span<const Token> tokens, size_t t) {
  for (size_t start = t >= kPhraseGap + 1 ? t - kPhraseGap - 1 : 0; start < t; ++start) {
    const EventTrigger* trigger = lexicon.FindTrigger(tokens, start);
    if (trigger && trigger->next_word == tokens[t].folded) return true;
  }
  return false;
}

// "sent troops", "sent two planeloads of tents": the event the verb at `t` signals with its
// object in the parse, or with a noun its object governs.
const EventTrigger* TriggerWithObject(const Lexicon& lexicon, std::span<const Token> tokens, size_t first_token,
                                      size_t t) {
  if (tokens[t].upos != "VERB") return nullptr;
  auto governed_by = [&](size_t child, size_t head) {
    return tokens[child].head == static_cast<int>(first_token + head);
  };
  for (size_t object = 0; object < tokens.size(); ++object) {
    // "declined to resign": a clause as the object reads as "to".
    if (tokens[object].deprel == "xcomp" && governed_by(object, t)) {
      if (const EventTrigger* trigger = lexicon.FindVerbObjectTrigger(tokens[t].lemma, "to")) return trigger;
    }
    if (tokens[object].deprel != "obj" || !governed_by(object, t)) continue;
    if (const EventTrigger* trigger = lexicon.FindVerbObjectTrigger(tokens[t].lemma, tokens[object].lemma)) {
      return trigger;
    }
    for (size_t noun = 0; noun < tokens.size(); ++noun) {
      if (!tokens[noun].deprel.starts_with("nmod") || !governed_by(noun, object)) continue;
      if (const EventTrigger* trigger = lexicon.FindVerbObjectTrigger(tokens[t].lemma, tokens[noun].lemma)) {
        return trigger;
      }
    }
  }
  return nullptr;
}

}  // namespace

void EventTriggersStage::Process(Doc& doc) const {
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    if (doc.sentences[s].label) continue;
    std::span<const Token> tokens = doc.SentenceTokens(s);
    bool disaster_seen = false;
    for (size_t t = 0; t < tokens.size(); ++t) {
      if (!tokens[t].is_word || (tokens[t].capitalized && t > 0)) continue;
      // A hyphenated compound describes ("UN-backed", "hard-fought"), it reports no event.
      if (InHyphenatedWord(tokens, t)) continue;
      // "the killing of X", "talks between X and Y": the argument stage keeps such an event
      // only when the noun's own phrase names a participant.
      if (const EventNoun* noun = lexicon_->FindEventNoun(tokens[t].folded);
          noun && tokens[t].upos == "NOUN" && !EndsPhraseTrigger(*lexicon_, tokens, t)) {
        Event& event = doc.events.emplace_back();
        event.trigger = doc.sentences[s].first_token + t;
        event.type = noun->type;
        event.cameo_code = noun->cameo_code;
        event.nominal_of = noun->of_role;
        continue;
      }
      // A verb with its object says more than the verb alone ("handed over medicine" is aid).
      const EventTrigger* trigger = TriggerWithObject(*lexicon_, tokens, doc.sentences[s].first_token, t);
      if (!trigger) trigger = lexicon_->FindTrigger(tokens, t);
      if (!trigger || (trigger->type != v1::EVENT_TYPE_DISASTER && AfterDeterminer(tokens, t))) continue;
      if (trigger->type == v1::EVENT_TYPE_DISASTER && std::exchange(disaster_seen, true)) continue;
      Event& event = doc.events.emplace_back();
      event.trigger = doc.sentences[s].first_token + t;
      event.type = trigger->type;
      event.cameo_code = trigger->cameo_code;
    }
  }
}

}  // namespace dossier::engine
