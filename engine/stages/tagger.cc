#include "engine/stages/tagger.h"

namespace dossier::engine {

std::vector<std::string> ModelForms(const Doc& doc, const Sentence& sentence) {
  std::vector<std::string> forms;
  forms.reserve(sentence.end_token - sentence.first_token);
  for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
    std::string& form = forms.emplace_back(doc.tokens[t].text);
    if (form.find('\xE2') == std::string::npos) continue;  // every quote below starts with E2
    for (auto [typographic, ascii] : {std::pair{"\u2019", "'"}, {"\u2018", "'"}, {"\u201C", "\""}, {"\u201D", "\""}}) {
      for (size_t at = form.find(typographic); at != std::string::npos; at = form.find(typographic, at)) {
        form.replace(at, std::string_view(typographic).size(), ascii);
      }
    }
  }
  return forms;
}

void TaggerStage::Process(Doc& doc) const {
  for (const Sentence& sentence : doc.sentences) {
    std::vector<std::string> forms = ModelForms(doc, sentence);
    std::vector<std::string_view> views(forms.begin(), forms.end());
    std::vector<uint16_t> labels = models_->tagger.Tag(views);
    for (size_t i = 0; i < labels.size(); ++i) {
      Token& token = doc.tokens[sentence.first_token + i];
      token.upos = models_->tagger.Upos(labels[i]);
      token.xpos = models_->tagger.Xpos(labels[i]);
      token.lemma = models_->lemmatizer.Lemma(forms[i], token.xpos);
    }
  }
}

}  // namespace dossier::engine
