#include "engine/stages/parser.h"

#include <vector>

namespace dossier::engine {

void ParserStage::Process(Doc& doc) const {
  std::vector<syntax::ParserInput> inputs;
  for (const Sentence& sentence : doc.sentences) {
    inputs.clear();
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
      const Token& token = doc.tokens[t];
      inputs.push_back({token.text, token.upos, token.xpos});
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
