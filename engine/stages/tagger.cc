#include "engine/stages/tagger.h"

#include <vector>

namespace dossier::engine {

void TaggerStage::Process(Doc& doc) const {
  std::vector<std::string_view> words;
  for (const Sentence& sentence : doc.sentences) {
    words.clear();
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) words.push_back(doc.tokens[t].text);
    std::vector<uint16_t> labels = models_->tagger.Tag(words);
    for (size_t i = 0; i < labels.size(); ++i) {
      Token& token = doc.tokens[sentence.first_token + i];
      token.upos = models_->tagger.Upos(labels[i]);
      token.xpos = models_->tagger.Xpos(labels[i]);
      token.lemma = models_->lemmatizer.Lemma(token.text, token.xpos);
    }
  }
}

}  // namespace dossier::engine
