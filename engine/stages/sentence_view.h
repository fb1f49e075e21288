#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/doc.h"

namespace dossier::engine {

/// A mention as a rule stage reads it inside its sentence.
struct LocalMention {
  std::optional<size_t> mention;  // index into Doc::mentions; none for a pronoun or description
  size_t cluster = 0;
  size_t first_token = 0;  // tokens [first_token, end_token), local to the sentence
  size_t end_token = 0;
  bool after_preposition = false;
  bool possessive = false;
  bool modifier = false;
  bool attributive = false;
};

/// One sentence of a Doc as the rule stages read it: its tokens indexed from 0 and its
/// mentions with token indexes on the same footing.
class SentenceView {
 public:
  SentenceView(const Doc& doc, size_t sentence);

  size_t index() const { return sentence_; }
  std::span<const Token> tokens() const { return tokens_; }
  const std::vector<LocalMention>& mentions() const { return mentions_; }
  const Cluster& ClusterOf(const LocalMention& mention) const { return doc_.clusters[mention.cluster]; }

  /// The Doc::tokens index of a token of the sentence, and back.
  size_t Global(size_t token) const { return first_token_ + token; }
  size_t Local(size_t token) const { return token - first_token_; }
  std::string Text(size_t start, size_t end) const { return doc_.Text(Global(start), Global(end)); }
  std::string Folded(size_t start, size_t end) const { return doc_.Folded(Global(start), Global(end)); }
  TextSpan Span(size_t start, size_t end) const { return doc_.Span(Global(start), Global(end)); }

  /// The parse's head of token t within the sentence; none for the root.
  std::optional<size_t> Parent(size_t t) const;
  /// The token of a mention that heads it in the parse (whose head is outside the mention).
  size_t HeadToken(const LocalMention& mention) const;
  /// The first dependent of token t with this relation in the parse, if the sentence has one.
  std::optional<size_t> Dependent(size_t t, std::string_view deprel) const;
  /// The named mentions in the noun phrase headed by token `root` ("NLD" in "NLD members",
  /// "Ghana" and "Niger" in "Ghana and Niger"), not those in a clause inside it ("workers
  /// held by X"); in text order.
  std::vector<const LocalMention*> MentionsUnder(size_t root) const;
  const LocalMention* MentionUnder(size_t root) const {
    std::vector<const LocalMention*> under = MentionsUnder(root);
    return under.empty() ? nullptr : under.front();
  }

 private:
  const Doc& doc_;
  size_t sentence_;
  size_t first_token_;
  std::span<const Token> tokens_;
  std::vector<LocalMention> mentions_;
};

}  // namespace dossier::engine
