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

std::optional<size_t> SentenceView::Parent(size_t t) const {
  int head = tokens_[t].head;
  if (head < 0 || static_cast<size_t>(head) < first_token_ || Local(static_cast<size_t>(head)) >= tokens_.size()) {
    return std::nullopt;
  }
  return Local(static_cast<size_t>(head));
}

size_t SentenceView::HeadToken(const LocalMention& mention) const {
  for (size_t m = mention.first_token; m < mention.end_token; ++m) {
    auto parent = Parent(m);
    if (!parent || *parent < mention.first_token || *parent >= mention.end_token) return m;
  }
  return mention.first_token;
}

std::optional<size_t> SentenceView::Dependent(size_t t, std::string_view deprel) const {
  for (size_t d = 0; d < tokens_.size(); ++d) {
    if (Parent(d) == t && tokens_[d].deprel == deprel) return d;
  }
  return std::nullopt;
}

std::vector<const LocalMention*> SentenceView::MentionsUnder(size_t root) const {
  static const WordSet kInsidePhrase = {"compound", "flat", "flat:name", "nmod", "nmod:poss", "appos", "conj"};
  std::vector<const LocalMention*> under;
  for (const auto& mention : mentions_) {
    if (!mention.mention) continue;
    size_t token = HeadToken(mention);
    for (size_t steps = 0; steps < tokens_.size(); ++steps) {
      if (token == root) {
        under.push_back(&mention);
        break;
      }
      auto parent = Parent(token);
      if (!parent || !kInsidePhrase.contains(tokens_[token].deprel)) break;
      token = *parent;
    }
  }
  return under;
}

}  // namespace dossier::engine
