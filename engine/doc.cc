#include "engine/doc.h"

#include <algorithm>

#include "engine/written_words.h"

namespace dossier::engine {

std::span<const Token> Doc::SentenceTokens(size_t sentence) const {
  const Sentence& s = sentences[sentence];
  return std::span<const Token>(tokens).subspan(s.first_token, s.end_token - s.first_token);
}

std::pair<size_t, size_t> Doc::SentenceMentions(size_t sentence) const {
  auto first = std::partition_point(mentions.begin(), mentions.end(),
                                    [&](const Mention& mention) { return mention.sentence < sentence; });
  auto end =
      std::partition_point(first, mentions.end(), [&](const Mention& mention) { return mention.sentence == sentence; });
  return {static_cast<size_t>(first - mentions.begin()), static_cast<size_t>(end - mentions.begin())};
}

std::string Doc::Text(size_t first_token, size_t end_token) const {
  if (first_token >= end_token) return "";
  return std::string(text.substr(tokens[first_token].start, tokens[end_token - 1].end - tokens[first_token].start));
}

std::string Doc::Folded(size_t first_token, size_t end_token) const {
  return FoldedAsWritten(tokens, first_token, end_token);
}

TextSpan Doc::Span(size_t first_token, size_t end_token) const {
  return {tokens[first_token].sentence, tokens[first_token].start, tokens[end_token - 1].end};
}

}  // namespace dossier::engine
