#include "engine/stages/sentence_view.h"

namespace dossier::engine {

SentenceView::SentenceView(const Doc& doc, size_t sentence)
    : doc_(doc),
      sentence_(sentence),
      first_token_(doc.sentences[sentence].first_token),
      tokens_(doc.SentenceTokens(sentence)) {
  auto [first, end] = doc.SentenceMentions(sentence);
  for (size_t m = first; m < end; ++m) {
    const Mention& mention = doc.mentions[m];
    mentions_.push_back({m, mention.cluster, Local(mention.first_token), Local(mention.end_token),
                         mention.after_preposition, mention.possessive, mention.modifier, mention.attributive});
  }
}

}  // namespace dossier::engine
