#include "engine/stages/modality.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "engine/lexicon/word_sets.h"
#include "engine/written_words.h"

namespace dossier::engine {
namespace {

// kIntent: a hypothetical cue that is an intention or a promise ("will", "plans to", "offered to").
enum class Cue : uint8_t { kNone, kNegation, kHypothetical, kIntent, kReporting };

// CAMEO codes an intention as its own event: to cooperate, meet, help or yield is 03x ("will
// provide aid" is 033, not 070), to protest, sanction, coerce or fight a threat, 13x ("will
// boycott" is 133, "threatened to ban" 137); other intentions (to evacuate, 166) keep their
// code.
std::string IntentCode(const std::string& code) {
  static const std::map<std::string, std::string, std::less<>> kIntentOf = {
      {"04", "036"},   {"05", "032"},   {"057", "030"},  {"06", "031"},   {"061", "0311"}, {"062", "0312"},
      {"063", "0313"}, {"064", "0314"}, {"07", "033"},   {"071", "0331"}, {"072", "0332"}, {"073", "0333"},
      {"074", "0334"}, {"08", "035"},   {"081", "0351"}, {"084", "0353"}, {"087", "0356"}, {"14", "133"},
      {"160", "131"},  {"161", "1313"}, {"162", "1311"}, {"163", "1312"}, {"164", "134"},  {"165", "135"},
      {"17", "137"},   {"18", "138"},   {"19", "138"},   {"191", "1381"}, {"192", "1382"}, {"20", "138"}};
  for (size_t length = std::min<size_t>(code.size(), 3); length >= 2; --length) {
    if (auto it = kIntentOf.find(std::string_view(code).substr(0, length)); it != kIntentOf.end()) return it->second;
  }
  return code;
}

// An intention made on a condition ("will withdraw unless ...") threatens: a hostile one keeps
// its threat code (13x), any other is a threat as such (130).
std::string ThreatCode(const std::string& code) {
  std::string intent = IntentCode(code);
  return intent.starts_with("13") ? intent : "130";
}

// Each token's modality cue.
std::vector<Cue> FindCues(std::span<const Token> tokens) {
  static const WordMap<Cue> kCues = [] {
    WordMap<Cue> cues;
    for (std::string_view word : {"could", "may", "might", "unlikely", "lacks", "lack", "capacity", "if", "should"}) {
      cues.emplace(word, Cue::kHypothetical);
    }
    for (std::string_view word :
         {"plans", "planned", "plan", "intends", "wants", "will", "would", "promised", "pledged", "offered", "ready",
          "prepared", "willing", "threatened", "threatens", "vowed"}) {
      cues.emplace(word, Cue::kIntent);
    }
    // "n't" is the clitic of "didn't", "won't", "can't".
    for (std::string_view word :
         {"not", "n't", "never", "no", "denied", "denies", "without", "refused", "refuses", "declined", "declines"}) {
      cues.emplace(word, Cue::kNegation);
    }
    for (std::string_view word : {"said", "says", "according", "told", "claimed", "claims", "reported", "alleged"}) {
      cues.emplace(word, Cue::kReporting);
    }
    return cues;
  }();
  std::vector<Cue> cues(tokens.size(), Cue::kNone);
  for (size_t t = 0; t < tokens.size(); ++t) {
    // "high-capacity" is no "capacity" to do something.
    if (auto it = kCues.find(tokens[t].folded); it != kCues.end() && !InHyphenatedWord(tokens, t)) {
      cues[t] = it->second;
    }
  }
  return cues;
}

// The modality of the event at token `trigger` of sentence `sentence` (token indexes local to it).
void SetModality(const Doc& doc, size_t sentence, const std::vector<Cue>& cues, size_t trigger, Event& event) {
  std::span<const Token> tokens = doc.SentenceTokens(sentence);
  auto text = [&](size_t start, size_t end) {
    size_t first_token = doc.sentences[sentence].first_token;
    return doc.Text(first_token + start, first_token + end);
  };
  for (size_t t = trigger >= 3 ? trigger - 3 : 0; t < trigger; ++t) {
    if (cues[t] == Cue::kNegation) {
      event.modality = v1::MODALITY_NEGATED;
      return;
    }
  }
  for (size_t t = 0; t < trigger; ++t) {
    if (cues[t] == Cue::kHypothetical || cues[t] == Cue::kIntent) {
      event.modality = v1::MODALITY_HYPOTHETICAL;
      if (cues[t] == Cue::kIntent) {
        // "will withdraw its force unless ...": an intention on a condition is a threat.
        bool conditional = std::any_of(tokens.begin() + trigger, tokens.end(),
                                       [](const Token& token) { return token.folded == "unless"; });
        event.cameo_code = conditional ? ThreatCode(event.cameo_code) : IntentCode(event.cameo_code);
      }
      return;
    }
  }
  for (size_t t = 0; t < tokens.size(); ++t) {
    // A statement's own "said" is what it asserts, not a report of another event.
    if (t == trigger || cues[t] != Cue::kReporting) continue;
    event.modality = v1::MODALITY_REPORTED;
    // The source: up to four words as written after "according to" or before the verb.
    if (tokens[t].folded == "according" && t + 2 < tokens.size()) {
      size_t end = t + 2;
      for (size_t words = 0; words < 4 && end < tokens.size() && tokens[end].is_word; ++words) {
        end = WrittenWordEnd(tokens, end);
      }
      if (end > t + 2) event.attributed_to = text(t + 2, end);  // none after `according to "`
    } else if (t > 0) {
      size_t start = t;
      for (size_t words = 0; words < 4 && start > 0 && tokens[start - 1].is_word; ++words) {
        start = WrittenWordStart(tokens, start);
      }
      if (start < t) event.attributed_to = text(start, t);
    }
    return;
  }
}

}  // namespace

void ModalityStage::Process(Doc& doc) const {
  std::optional<size_t> sentence;
  std::vector<Cue> cues;  // of the sentence's tokens
  for (Event& event : doc.events) {
    size_t s = doc.tokens[event.trigger].sentence;
    if (sentence != s) {
      sentence = s;
      cues = FindCues(doc.SentenceTokens(s));
    }
    SetModality(doc, s, cues, event.trigger - doc.sentences[s].first_token, event);
  }
}

}  // namespace dossier::engine
