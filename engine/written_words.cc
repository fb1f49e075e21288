#include "engine/written_words.h"

namespace dossier::engine {
namespace {

// Joins a field of tokens [first, end) with a space where the text has one.
template <typename Field>
std::string JoinAsWritten(std::span<const Token> tokens, size_t first, size_t end, Field field) {
  std::string joined;
  for (size_t t = first; t < end; ++t) {
    if (t > first && !Glued(tokens[t - 1], tokens[t])) joined += ' ';
    joined += tokens[t].*field;
  }
  return joined;
}

}  // namespace

bool IsJoiningHyphen(std::span<const Token> tokens, size_t i) {
  return i > 0 && i + 1 < tokens.size() && tokens[i].text == "-" && tokens[i - 1].is_word && tokens[i + 1].is_word &&
         Glued(tokens[i - 1], tokens[i]) && Glued(tokens[i], tokens[i + 1]);
}

size_t HyphenatedWordEnd(std::span<const Token> tokens, size_t first) {
  size_t end = first + 1;
  while (IsJoiningHyphen(tokens, end)) end += 2;
  return end;
}

size_t HyphenatedWordStart(std::span<const Token> tokens, size_t end) {
  size_t start = end - 1;
  while (start >= 2 && IsJoiningHyphen(tokens, start - 1)) start -= 2;
  return start;
}

bool InHyphenatedWord(std::span<const Token> tokens, size_t i) {
  return (i > 0 && IsJoiningHyphen(tokens, i - 1)) || IsJoiningHyphen(tokens, i + 1);
}

size_t WrittenWordEnd(std::span<const Token> tokens, size_t first) {
  size_t end = first + 1;
  while (end < tokens.size() && Glued(tokens[end - 1], tokens[end]) &&
         (tokens[end].is_word || IsJoiningHyphen(tokens, end))) {
    ++end;
  }
  return end;
}

size_t WrittenWordStart(std::span<const Token> tokens, size_t end) {
  size_t start = end - 1;
  while (start > 0 && Glued(tokens[start - 1], tokens[start]) &&
         (tokens[start - 1].is_word || IsJoiningHyphen(tokens, start - 1))) {
    --start;
  }
  return start;
}

bool IsPossessive(const Token& token) { return token.is_word && (token.folded == "'s" || token.folded == "'"); }

std::string_view WithoutAbbreviationDot(std::string_view word) {
  if (word.size() > 1 && word.find('.') == word.size() - 1) word.remove_suffix(1);
  return word;
}

std::string TextAsWritten(std::span<const Token> tokens, size_t first, size_t end) {
  return JoinAsWritten(tokens, first, end, &Token::text);
}

std::string FoldedAsWritten(std::span<const Token> tokens, size_t first, size_t end) {
  return JoinAsWritten(tokens, first, end, &Token::folded);
}

}  // namespace dossier::engine
