#include "engine/stages/entities.h"

#include <cctype>
#include <vector>

#include "engine/lexicon/word_sets.h"
#include "engine/stages/entity_hints.h"

namespace dossier::engine {
namespace {

// Headings ("Preparedness Tips"), credits ("PHOTO EPA") and bylines ("By Ama Mensah") name
// people and things without saying anything of them: lines of at most 12 words without a
// verb that begin "By", begin with a credit word, or whose words (numbers aside) are mostly
// capitalised; and metadata lines cut by "|" or "·".
bool IsLabel(const Doc& doc, const Sentence& sentence) {
  static const WordSet kCreditWords = {"by",    "credit",     "credits", "file",    "image",  "images",
                                       "photo", "photograph", "photos",  "picture", "source", "video"};
  size_t words = 0, capitalized = 0, separators = 0;
  bool verb = false;
  const Token* first = nullptr;
  for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
    const Token& token = doc.tokens[t];
    verb |= token.upos == "VERB" || token.upos == "AUX";
    separators += token.text == "|" || token.text == "\u00B7" || token.text == "\u2022" ? 1 : 0;
    if (!token.is_word) continue;
    if (first == nullptr) first = &token;
    if (std::isdigit(static_cast<unsigned char>(token.text.front()))) continue;  // dates in bylines
    ++words;
    capitalized += token.capitalized ? 1 : 0;
  }
  if (first == nullptr) return false;
  if (separators > 0 && words <= 16) return true;  // "Ama Mensah · Accra · Updated 14 May"
  if (verb || words > 12) return false;
  return kCreditWords.contains(first->folded) || (words >= 2 && capitalized * 10 >= words * 7);
}

}  // namespace

void EntitiesStage::Process(Doc& doc) const {
  std::vector<std::string_view> words;
  std::vector<syntax::EntityInput> inputs;
  for (Sentence& sentence : doc.sentences) {
    sentence.label = IsLabel(doc, sentence);
    if (sentence.label) continue;
    words.clear();
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) words.push_back(doc.tokens[t].text);
    std::vector<uint32_t> hints = EntityHints(*lexicon_, words);
    inputs.clear();
    for (size_t i = 0; i < words.size(); ++i) {
      inputs.push_back({words[i], doc.tokens[sentence.first_token + i].upos, hints[i]});
    }
    std::vector<uint16_t> labels = models_->entities.Recognize(inputs);
    for (size_t i = 0; i < labels.size(); ++i) {
      doc.tokens[sentence.first_token + i].ner = models_->entities.Label(labels[i]);
    }
  }
}

}  // namespace dossier::engine
