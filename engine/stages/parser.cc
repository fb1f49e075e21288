#include "engine/stages/parser.h"

#include <string>
#include <vector>

#include "engine/stages/tagger.h"

namespace dossier::engine {

void ParserStage::Process(Doc& doc) const {
  for (const Sentence& sentence : doc.sentences) {
    std::vector<std::string> forms = ModelForms(doc, sentence);
    std::vector<syntax::ParserInput> inputs;
    inputs.reserve(forms.size());
    for (size_t i = 0; i < forms.size(); ++i) {
      const Token& token = doc.tokens[sentence.first_token + i];
      inputs.push_back({forms[i], token.upos, token.xpos});
    }
    std::vector<syntax::Arc> arcs = models_->parser.Parse(inputs);
    for (size_t i = 0; i < arcs.size(); ++i) {
      Token& token = doc.tokens[sentence.first_token + i];
      token.head = arcs[i].head == 0 ? -1 : static_cast<int>(sentence.first_token) + arcs[i].head - 1;
      token.deprel = models_->parser.Label(arcs[i].label);
    }
  }
}

}  // namespace dossier::engine
