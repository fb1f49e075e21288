#include "entity_scores.h"

#include <algorithm>
#include <iostream>

#include "engine/stages/entity_hints.h"
#include "engine/syntax/entity_corpora.h"

namespace dossier::eval {
namespace {

using engine::syntax::EntitySpan;
using engine::syntax::LabeledSentence;

void ShowErrors(const engine::syntax::EntityRecognizer& recognizer, const std::vector<LabeledSentence>& sentences,
                size_t limit) {
  size_t shown = 0;
  for (const LabeledSentence& sentence : sentences) {
    std::vector<EntitySpan> gold = engine::syntax::EntitySpans(sentence.labels);
    std::vector<EntitySpan> found = engine::syntax::RecognizeSpans(recognizer, sentence);
    auto show = [&](const EntitySpan& span, char sign) {
      if (shown++ >= limit) return;
      std::cout << sign << ' ' << span.type << "  ";
      for (size_t i = 0; i < sentence.words.size(); ++i) {
        std::cout << (i == span.start ? "[" : "") << sentence.words[i] << (i + 1 == span.end ? "]" : "") << ' ';
      }
      std::cout << '\n';
    };
    for (const EntitySpan& span : gold) {
      if (std::find(found.begin(), found.end(), span) == found.end()) show(span, '-');
    }
    for (const EntitySpan& span : found) {
      if (std::find(gold.begin(), gold.end(), span) == gold.end()) show(span, '+');
    }
  }
}

}  // namespace

absl::Status ScoreEntityCorpus(const std::string& spec, const engine::syntax::EntityRecognizer& recognizer,
                               const engine::syntax::SyntaxModels& models, const engine::Lexicon& lexicon,
                               size_t show_errors) {
  auto sentences = engine::syntax::ReadEntityCorpus(spec);
  if (!sentences.ok()) return sentences.status();
  engine::AddRecognizerInputs(*sentences, models.tagger, lexicon);
  std::cout << spec << " (" << sentences->size() << " sentences): " << ScoreEntities(recognizer, *sentences) << '\n';
  ShowErrors(recognizer, *sentences, show_errors);
  return absl::OkStatus();
}

}  // namespace dossier::eval
