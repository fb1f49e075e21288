#include "conllu_scores.h"

#include <cstdio>
#include <iostream>
#include <map>
#include <set>

#include "engine/syntax/conllu.h"
#include "engine/syntax/sentence_splitter.h"
#include "engine/syntax/ud_tokenizer.h"

namespace dossier::eval {
namespace {

using namespace engine::syntax;

struct Span {
  size_t start = 0;
  size_t end = 0;
  auto operator<=>(const Span&) const = default;
};

// A treebank as raw text, with the byte spans of its gold tokens, words and sentences.
struct RawText {
  std::string text;
  std::set<Span> tokens, words, sentences;
};

RawText RebuildText(const std::vector<ConlluSentence>& treebank) {
  RawText raw;
  std::string& text = raw.text;
  for (const auto& sentence : treebank) {
    if (!text.empty()) text += sentence.new_document || sentence.new_paragraph ? "\n\n" : " ";
    size_t sentence_start = text.size();
    size_t next_multiword = 0;
    for (size_t w = 0; w < sentence.words.size();) {
      size_t token_start = text.size();
      size_t last = w;  // the token's last word
      const auto& multiwords = sentence.multiwords;
      if (next_multiword < multiwords.size() && multiwords[next_multiword].first == static_cast<int>(w) + 1) {
        last = static_cast<size_t>(multiwords[next_multiword++].last) - 1;
      }
      for (size_t k = w; k <= last; ++k) {  // a multiword token's words are its substrings
        size_t word_start = text.size();
        text += sentence.words[k].form;
        raw.words.insert({word_start, text.size()});
      }
      raw.tokens.insert({token_start, text.size()});
      w = last + 1;
      if (w < sentence.words.size() && sentence.SpaceAfterWord(last)) text += ' ';
    }
    raw.sentences.insert({sentence_start, text.size()});
  }
  return raw;
}

struct F1 {
  double precision = 0, recall = 0, f1 = 0;
};

F1 Match(const std::set<Span>& gold, const std::set<Span>& predicted) {
  size_t matched = 0;
  for (const Span& span : predicted) matched += gold.contains(span);
  F1 score;
  score.precision = predicted.empty() ? 0 : static_cast<double>(matched) / predicted.size();
  score.recall = gold.empty() ? 0 : static_cast<double>(matched) / gold.size();
  double sum = score.precision + score.recall;
  score.f1 = sum > 0 ? 2 * score.precision * score.recall / sum : 0;
  return score;
}

void PrintF1(const char* name, const F1& score) {
  std::printf("  %-28s P %.4f  R %.4f  F1 %.4f\n", name, score.precision, score.recall, score.f1);
}

void ScoreTokenization(const std::vector<ConlluSentence>& treebank) {
  RawText raw = RebuildText(treebank);
  std::vector<UdWord> words = TokenizeUd(raw.text);
  std::set<Span> tokens, word_spans, sentences;
  size_t token_start = SIZE_MAX;
  for (const UdWord& word : words) {
    word_spans.insert({word.start, word.end});
    if (token_start == SIZE_MAX) token_start = word.start;
    if (!word.joined_to_next) {
      tokens.insert({token_start, word.end});
      token_start = SIZE_MAX;
    }
  }
  for (const WordRange& range : SplitSentences(raw.text, words)) {
    sentences.insert({words[range.first].start, words[range.end - 1].end});
  }
  std::printf("tokenizer, from raw text (%zu bytes)\n", raw.text.size());
  PrintF1("tokens", Match(raw.tokens, tokens));
  PrintF1("words", Match(raw.words, word_spans));
  PrintF1("sentences", Match(raw.sentences, sentences));
}

double Ratio(size_t part, size_t whole) { return whole ? static_cast<double>(part) / whole : 0; }

void PrintBreakdown(const char* title, const std::map<std::string, std::pair<size_t, size_t>>& correct_and_total) {
  std::printf("  %s\n", title);
  for (const auto& [name, counts] : correct_and_total) {
    std::printf("    %-14s %6zu  %.4f\n", name.c_str(), counts.second, Ratio(counts.first, counts.second));
  }
}

void ScoreTagging(const std::vector<ConlluSentence>& gold, std::vector<ConlluSentence>& tagged,
                  const SyntaxModels& models, bool verbose) {
  TaggingAccuracy accuracy = ScoreTagger(models.tagger, gold);
  std::printf("tagger, gold words (%zu)\n", accuracy.words);
  std::printf("  %-28s %.4f\n  %-28s %.4f\n  %-28s %.4f\n", "UPOS", Ratio(accuracy.upos_correct, accuracy.words),
              "XPOS", Ratio(accuracy.xpos_correct, accuracy.words), "UPOS and XPOS",
              Ratio(accuracy.both_correct, accuracy.words));
  std::printf("lemmatizer, gold words\n  %-28s %.4f\n  %-28s %.4f\n", "lemma (tagger's tags)",
              ScoreLemmatizer(models.lemmatizer, tagged), "lemma (gold tags)",
              ScoreLemmatizer(models.lemmatizer, gold));
  if (!verbose) return;
  std::map<std::string, std::pair<size_t, size_t>> by_upos;
  for (size_t s = 0; s < gold.size(); ++s) {
    for (size_t w = 0; w < gold[s].words.size(); ++w) {
      auto& counts = by_upos[gold[s].words[w].upos];
      counts.first += tagged[s].words[w].upos == gold[s].words[w].upos;
      ++counts.second;
    }
  }
  PrintBreakdown("UPOS accuracy by gold tag:", by_upos);
}

void PrintAttachment(const char* name, const AttachmentScore& score) {
  std::printf("  %-28s UAS %.4f  LAS %.4f  LAS without subtypes %.4f\n", name, Ratio(score.head_correct, score.words),
              Ratio(score.labeled_correct, score.words), Ratio(score.universal_labeled_correct, score.words));
}

void ScoreParsing(const std::vector<ConlluSentence>& gold, const std::vector<ConlluSentence>& tagged,
                  const SyntaxModels& models, bool verbose) {
  std::printf("parser, gold words\n");
  PrintAttachment("tagger's tags", ScoreParser(models.parser, tagged));
  PrintAttachment("gold tags", ScoreParser(models.parser, gold));
  if (!verbose) return;
  std::map<std::string, std::pair<size_t, size_t>> by_relation;
  for (size_t s = 0; s < tagged.size(); ++s) {
    std::vector<ParserInput> inputs;
    for (const auto& word : tagged[s].words) inputs.push_back({word.form, word.upos, word.xpos});
    std::vector<Arc> arcs = models.parser.Parse(inputs);
    for (size_t w = 0; w < arcs.size(); ++w) {
      const ConlluWord& word = gold[s].words[w];
      auto& counts = by_relation[word.deprel];
      counts.first += arcs[w].head == word.head && models.parser.Label(arcs[w].label) == word.deprel;
      ++counts.second;
    }
  }
  PrintBreakdown("LAS by gold relation (tagger's tags):", by_relation);
}

}  // namespace

absl::Status ScoreConlluFile(const std::string& path, const SyntaxModels& models, bool verbose) {
  auto treebank = ReadConllu(path);
  if (!treebank.ok()) return treebank.status();
  size_t words = 0;
  for (const auto& sentence : *treebank) words += sentence.words.size();
  std::printf("%s: %zu sentences, %zu words; models %s\n", path.c_str(), treebank->size(), words,
              models.version.c_str());
  ScoreTokenization(*treebank);
  std::vector<ConlluSentence> tagged = *treebank;
  Retag(models.tagger, tagged);
  ScoreTagging(*treebank, tagged, models, verbose);
  ScoreParsing(*treebank, tagged, models, verbose);
  std::printf("\n");
  return absl::OkStatus();
}

}  // namespace dossier::eval
