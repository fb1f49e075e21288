#include "engine/syntax/ud_tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/syntax/sentence_splitter.h"

namespace dossier::engine::syntax {
namespace {

using ::testing::ElementsAre;

// The words as text, with "+" joining the words of one multiword token.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  bool joined = false;
  for (const UdWord& word : TokenizeUd(text)) {
    std::string piece(text.substr(word.start, word.end - word.start));
    if (joined) {
      words.back() += "+" + piece;
    } else {
      words.push_back(piece);
    }
    joined = word.joined_to_next;
  }
  return words;
}

TEST(UdTokenizerTest, SplitsCliticsIntoWordsOfOneToken) {
  EXPECT_THAT(Words("Niger's army doesn't say it can't, cannot or won't."),
              ElementsAre("Niger+'s", "army", "does+n't", "say", "it", "ca+n't", ",", "can+not", "or", "wo+n't", "."));
  EXPECT_THAT(Words("the envoys' cars"), ElementsAre("the", "envoys+'", "cars"));
  EXPECT_THAT(Words("Mali\u2019s junta"), ElementsAre("Mali+\u2019s", "junta"));
}

TEST(UdTokenizerTest, KeepsInnerApostrophesOfNames) {
  EXPECT_THAT(Words("C\u00f4te d'Ivoire and O'Neill"), ElementsAre("C\u00f4te", "d'Ivoire", "and", "O'Neill"));
}

TEST(UdTokenizerTest, SplitsHyphensExceptAfterBoundPrefixes) {
  EXPECT_THAT(Words("a Niamey-based, non-state group and an ex-minister"),
              ElementsAre("a", "Niamey", "-", "based", ",", "non-state", "group", "and", "an", "ex-minister"));
  EXPECT_THAT(Words("call 555-0123 in 2019-2020"), ElementsAre("call", "555-0123", "in", "2019", "-", "2020"));
}

TEST(UdTokenizerTest, KeepsAbbreviationsNumbersAndAddresses) {
  EXPECT_THAT(
      Words("Dr. Kone of the U.S. paid $1,500.50 at 10:30 on 3/11."),
      ElementsAre("Dr.", "Kone", "of", "the", "U.S.", "paid", "$", "1,500.50", "at", "10:30", "on", "3/11", "."));
  EXPECT_THAT(Words("See https://news.example/a?b=1, or mail desk@news.example."),
              ElementsAre("See", "https://news.example/a?b=1", ",", "or", "mail", "desk@news.example", "."));
}

TEST(UdTokenizerTest, AClosingSingleQuoteIsNoPossessive) {
  EXPECT_THAT(Words("the 'peace talks' and the rebels' leader"),
              ElementsAre("the", "'", "peace", "talks", "'", "and", "the", "rebels+'", "leader"));
  EXPECT_THAT(Words("the \u2018peace talks\u2019 resumed"),
              ElementsAre("the", "\u2018", "peace", "talks", "\u2019", "resumed"));
}

TEST(UdTokenizerTest, AbbreviationsAreMatchedAsWritten) {
  EXPECT_THAT(Words("on Wed. Jan. 5 he sat. They wed."),
              ElementsAre("on", "Wed.", "Jan.", "5", "he", "sat", ".", "They", "wed", "."));
}

TEST(UdTokenizerTest, StopsAtTheWordLimitAndCutsLongRuns) {
  EXPECT_THAT(TokenizeUd("one two three four", 2), ::testing::SizeIs(2));
  std::string blob(3000, 'x');
  std::vector<UdWord> pieces = TokenizeUd(blob);
  ASSERT_THAT(pieces, ::testing::SizeIs(3));
  EXPECT_EQ(pieces[0].end, 1024u);
  EXPECT_EQ(pieces[2].end, 3000u);
  EXPECT_THAT(TokenizeUd("text", 3, 1), ::testing::IsEmpty());  // begin after end
}

TEST(UdTokenizerTest, KeepsRunsOfPunctuationTogether) {
  EXPECT_THAT(Words("Really?! Wait... \"Yes\" -- (fine)"),
              ElementsAre("Really", "?!", "Wait", "...", "\"", "Yes", "\"", "--", "(", "fine", ")"));
}

TEST(UdTokenizerTest, OffsetsAreBytesOfTheText) {
  std::string text = "S\u00e9gou's mayor";  // "é" is two bytes
  std::vector<UdWord> words = TokenizeUd(text);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(text.substr(words[0].start, words[0].end - words[0].start), "S\u00e9gou");
  EXPECT_EQ(words[1].start, 6u);
  EXPECT_EQ(words[2].start, 9u);
  EXPECT_EQ(words[2].end, text.size());
}

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<UdWord> words = TokenizeUd(text);
  std::vector<std::string> sentences;
  for (const WordRange& range : SplitSentences(text, words)) {
    sentences.emplace_back(text.substr(words[range.first].start, words[range.end - 1].end - words[range.first].start));
  }
  return sentences;
}

TEST(SentenceSplitterTest, SplitsAfterFinalPunctuationBeforeACapital) {
  EXPECT_THAT(Sentences("Kone met Boateng. They spoke for an hour! Did it help? Nobody knows."),
              ElementsAre("Kone met Boateng.", "They spoke for an hour!", "Did it help?", "Nobody knows."));
}

TEST(SentenceSplitterTest, SurvivesTitlesInitialsAndAbbreviations) {
  EXPECT_THAT(Sentences("Dr. Ama Boateng met Gen. J. Kone in the U.S. on Monday. It went well."),
              ElementsAre("Dr. Ama Boateng met Gen. J. Kone in the U.S. on Monday.", "It went well."));
  EXPECT_THAT(Sentences("The talks were held in the U.S. The envoy left."),
              ElementsAre("The talks were held in the U.S.", "The envoy left."));
}

TEST(SentenceSplitterTest, KeepsClosingQuotesAndQuestionsThatGoOn) {
  EXPECT_THAT(Sentences("\"We will stay.\" The minister left. \"Why?\" he asked."),
              ElementsAre("\"We will stay.\"", "The minister left.", "\"Why?\" he asked."));
}

TEST(SentenceSplitterTest, FullStopsOfScriptsWithoutCapitalsEndSentences) {
  EXPECT_THAT(Sentences("\u4ed6\u6765\u4e86\u3002\u6211\u4eec\u8d70\u5427\uff01"),
              ElementsAre("\u4ed6\u6765\u4e86\u3002", "\u6211\u4eec\u8d70\u5427\uff01"));
}

TEST(SentenceSplitterTest, CutsRunOnTextAfterACommaWithin200Words) {
  std::string text;
  for (int i = 0; i < 150; ++i) text += "alpha beta, ";
  std::vector<UdWord> words = TokenizeUd(text);
  std::vector<WordRange> sentences = SplitSentences(text, words);
  ASSERT_THAT(sentences, ::testing::SizeIs(3));
  EXPECT_EQ(text.substr(words[sentences[0].end - 1].start, 1), ",");
  for (const WordRange& sentence : sentences) EXPECT_LE(sentence.end - sentence.first, 200u);
}

TEST(SentenceSplitterTest, LineBreaksEndSentencesButDatelinesDoNot) {
  EXPECT_THAT(Sentences("NIAMEY \u2014 The talks ended on Monday\nMore talks are planned"),
              ElementsAre("NIAMEY \u2014 The talks ended on Monday", "More talks are planned"));
}

}  // namespace
}  // namespace dossier::engine::syntax
