#include "engine/stages/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "engine/normalize/text.h"
#include "engine/syntax/sentence_splitter.h"
#include "engine/syntax/ud_tokenizer.h"

namespace dossier::engine {
namespace {

// An article is read up to this many tokens (a long feature runs to 10-20 thousand): the
// rest of a larger text, which would only be a dump, is stored but not analysed, so no
// request can make the engine hold millions of tokens.
constexpr size_t kMaxTokens = 200'000;

std::vector<Token> TokensOf(std::string_view text, const std::vector<syntax::UdWord>& words) {
  std::vector<Token> tokens(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    Token& token = tokens[i];
    token.start = words[i].start;
    token.end = words[i].end;
    token.text = text.substr(token.start, token.end - token.start);
    token.folded = FoldForMatching(token.text);
    UChar32 first = syntax::FirstCodePoint(token.text);
    bool clitic = i > 0 && words[i - 1].joined_to_next;
    token.is_word = clitic || u_isalnum(first);
    token.capitalized = u_isupper(first);
  }
  return tokens;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text, size_t start, size_t end) {
  return TokensOf(text, syntax::TokenizeUd(text, start, end));
}

void TokenizerStage::Process(Doc& doc) const {
  std::vector<syntax::UdWord> words = syntax::TokenizeUd(doc.text, kMaxTokens);
  doc.tokens = TokensOf(doc.text, words);
  for (const syntax::WordRange& range : syntax::SplitSentences(doc.text, words)) {
    for (size_t t = range.first; t < range.end; ++t) doc.tokens[t].sentence = doc.sentences.size();
    doc.sentences.push_back({doc.tokens[range.first].start, doc.tokens[range.end - 1].end, range.first, range.end});
  }
}

}  // namespace dossier::engine
