#include "engine/stages/tokenizer.h"

#include <absl/strings/ascii.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "engine/normalize/text.h"

namespace dossier::engine {
namespace {

UChar32 CodePointAt(std::string_view text, size_t offset, size_t* next) {
  auto byte = static_cast<unsigned char>(text[offset]);
  if (byte < 0x80) {  // ASCII: most of the text, no decoding needed
    *next = offset + 1;
    return byte;
  }
  int32_t i = static_cast<int32_t>(offset);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  *next = static_cast<size_t>(i);
  return c;
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

// ICU's character classes with an ASCII fast path.
bool IsAlnum(UChar32 c) { return c < 0x80 ? absl::ascii_isalnum(static_cast<unsigned char>(c)) : u_isalnum(c); }
bool IsUpper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c); }
bool IsSpace(UChar32 c) { return c < 0x80 ? absl::ascii_isspace(static_cast<unsigned char>(c)) : u_isUWhiteSpace(c); }

// Appends the tokens of text[start, end), in place: tokens are large.
void AppendTokens(std::string_view text, size_t start, size_t end, size_t sentence, std::vector<Token>& tokens) {
  size_t i = start;
  while (i < end) {
    size_t next = 0;
    UChar32 c = CodePointAt(text, i, &next);
    if (c < 0 || IsSpace(c)) {
      i = next;
      continue;
    }
    Token& token = tokens.emplace_back();
    token.start = i;
    token.sentence = sentence;
    if (IsAlnum(c)) {
      token.is_word = true;
      token.capitalized = IsUpper(c);
      size_t j = next;
      while (j < end) {
        size_t after = 0;
        UChar32 d = CodePointAt(text, j, &after);
        if (d >= 0 && IsAlnum(d)) {
          j = after;
          continue;
        }
        // Inner apostrophe, hyphen or abbreviation dot: part of the word if a letter follows
        // (or, for a dot, if the word so far is dotted single letters like "U.S").
        if ((IsApostrophe(d) || d == '-' || d == '.') && after < end) {
          size_t after_next = 0;
          UChar32 e = CodePointAt(text, after, &after_next);
          bool letter_follows = e >= 0 && IsAlnum(e);
          bool dotted = d == '.' && (j - token.start == 1 || text[j - 2] == '.');
          if (letter_follows && (d != '.' || dotted)) {
            j = after;
            continue;
          }
        }
        // "U.S." keeps its final dot.
        if (d == '.' && j >= token.start + 3 && text[j - 2] == '.') j = after;
        break;
      }
      token.end = j;
    } else {
      token.end = next;
    }
    token.text = text.substr(token.start, token.end - token.start);
    token.folded = FoldForMatching(token.text);
    i = token.end;
  }
}

// About one token per five bytes of English.
size_t ExpectedTokens(size_t bytes) { return bytes / 5 + 1; }

}  // namespace

std::vector<Token> Tokenize(std::string_view text, size_t start, size_t end) {
  std::vector<Token> tokens;
  tokens.reserve(ExpectedTokens(end - start));
  AppendTokens(text, start, end, 0, tokens);
  return tokens;
}

void TokenizerStage::Process(Doc& doc) const {
  doc.tokens.reserve(ExpectedTokens(doc.text.size()));
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    Sentence& sentence = doc.sentences[s];
    sentence.first_token = doc.tokens.size();
    AppendTokens(doc.text, sentence.start, sentence.end, s, doc.tokens);
    sentence.end_token = doc.tokens.size();
  }
}

}  // namespace dossier::engine
