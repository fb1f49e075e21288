#include "engine/stages/sentence_view.h"

#include "engine/lexicon/word_sets.h"

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

std::optional<size_t> SentenceView::Dependent(size_t t, std::string_view deprel) const {
  for (size_t d = 0; d < tokens_.size(); ++d) {
    if (tokens_[d].head >= 0 && Local(static_cast<size_t>(tokens_[d].head)) == t && tokens_[d].deprel == deprel) {
      return d;
    }
  }
  return std::nullopt;
}

std::vector<const LocalMention*> SentenceView::MentionsUnder(size_t root) const {
  static const WordSet kInsidePhrase = {"compound", "flat", "flat:name", "nmod", "nmod:poss", "appos", "conj"};
  std::vector<const LocalMention*> under;
  for (const auto& mention : mentions_) {
    if (!mention.mention) continue;
    // Walk up from the mention's own head: the word whose head is outside it.
    size_t token = mention.first_token;
    for (size_t m = mention.first_token; m < mention.end_token; ++m) {
      int head = tokens_[m].head;
      size_t local = head < 0 ? tokens_.size() : Local(static_cast<size_t>(head));
      if (local < mention.first_token || local >= mention.end_token) {
        token = m;
        break;
      }
    }
    for (size_t steps = 0; steps < tokens_.size(); ++steps) {
      if (token == root) {
        under.push_back(&mention);
        break;
      }
      int head = tokens_[token].head;
      if (head < 0 || !kInsidePhrase.contains(tokens_[token].deprel)) break;
      token = Local(static_cast<size_t>(head));
      if (token >= tokens_.size()) break;
    }
  }
  return under;
}

}  // namespace dossier::engine
