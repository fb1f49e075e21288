#include "engine/stages/sentences.h"

#include <absl/strings/ascii.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

namespace dossier::engine {
namespace {

// Creating a break iterator loads rules; each thread keeps its own (they are not
// thread-safe) cloned from one prototype.
icu::BreakIterator* ThreadSentenceIterator() {
  static const std::unique_ptr<icu::BreakIterator> prototype = [] {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> iterator(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), error));
    return U_SUCCESS(error) ? std::move(iterator) : nullptr;
  }();
  thread_local std::unique_ptr<icu::BreakIterator> local(prototype ? prototype->clone() : nullptr);
  return local.get();
}

std::vector<SentenceSpan> IcuSentences(std::string_view text) {
  std::vector<SentenceSpan> sentences;
  auto add = [&](size_t start, size_t end) {
    while (start < end && absl::ascii_isspace(static_cast<unsigned char>(text[start]))) ++start;
    while (end > start && absl::ascii_isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    if (start < end) sentences.push_back({start, end});
  };
  icu::BreakIterator* iterator = ThreadSentenceIterator();
  UErrorCode error = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &error);
  if (!iterator || U_FAILURE(error)) {
    add(0, text.size());
    utext_close(utext);
    return sentences;
  }
  // Native indexes of a UTF-8 UText are byte offsets.
  iterator->setText(utext, error);
  int32_t start = iterator->first();
  for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE; end = iterator->next()) {
    add(static_cast<size_t>(start), static_cast<size_t>(end));
    start = end;
  }
  utext_close(utext);
  return sentences;
}

// True when `sentence` ends in an abbreviation and `next` continues the same paragraph.
bool EndsInAbbreviation(std::string_view text, const SentenceSpan& sentence, const SentenceSpan& next,
                        const Lexicon& lexicon) {
  std::string_view gap = text.substr(sentence.end, next.start - sentence.end);
  if (gap.find('\n') != std::string_view::npos) return false;
  std::string_view body = text.substr(sentence.start, sentence.end - sentence.start);
  size_t space = body.find_last_of(" (\"");
  return lexicon.IsAbbreviation(space == std::string_view::npos ? body : body.substr(space + 1));
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text, const Lexicon& lexicon) {
  std::vector<SentenceSpan> merged;
  for (const SentenceSpan& sentence : IcuSentences(text)) {
    if (!merged.empty() && EndsInAbbreviation(text, merged.back(), sentence, lexicon)) {
      merged.back().end = sentence.end;
    } else {
      merged.push_back(sentence);
    }
  }
  return merged;
}

void SentencesStage::Process(Doc& doc) const {
  for (const SentenceSpan& span : SplitSentences(doc.text, *lexicon_)) doc.sentences.push_back({span.start, span.end});
}

}  // namespace dossier::engine
