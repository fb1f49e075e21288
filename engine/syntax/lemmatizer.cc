#include "engine/syntax/lemmatizer.h"

#include <absl/strings/numbers.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <istream>
#include <map>
#include <ostream>

#include "dossier/common/strings.h"
#include "engine/syntax/model_io.h"
#include "engine/syntax/word_features.h"

namespace dossier::engine::syntax {
namespace {

constexpr std::string_view kFormat = "dossier-lemmatizer/1";
// Longest suffix a rule looks at, and how many distinct words must share a suffix before
// it gets its own rule.
constexpr size_t kMaxSuffix = 5;
constexpr int kMinWordsPerRule = 2;

bool IsProperNoun(std::string_view xpos) { return xpos == "NNP" || xpos == "NNPS"; }

// Two letters or more, none of them lower case ("TASHKENT", "U.S.").
bool InCapitals(std::string_view word) {
  int letters = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(word.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
    if (c < 0) continue;
    if (u_islower(c)) return false;
    letters += u_isalpha(c) ? 1 : 0;
  }
  return letters >= 2;
}

bool StartsWithCapital(std::string_view text) { return !text.empty() && text[0] >= 'A' && text[0] <= 'Z'; }

std::string Capitalized(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

// Proper nouns keep their case; other words are looked up in lower case; typographic
// quotes read as ASCII ones, as everywhere in the models.
std::string CasedForm(std::string_view form, std::string_view xpos) {
  std::string folded = FoldQuotes(form);
  return IsProperNoun(xpos) ? folded : LowerCase(folded);
}

std::string Key(std::string_view xpos, std::string_view text) { return strings::Cat(xpos, "\t", text); }

template <typename Value>
const Value& Majority(const std::map<Value, int>& counts) {
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

}  // namespace

std::string Lemmatizer::ByRule(const std::string& cased_form, std::string_view xpos) const {
  for (size_t length = std::min(kMaxSuffix, cased_form.size());; --length) {
    auto rule = rules_.find(Key(xpos, std::string_view(cased_form).substr(cased_form.size() - length)));
    // A rule that cuts more than the suffix it looked at and writes a capital was learned from
    // one adjective of nationality ("iranian" -> "Iranian"): another one ("romanian") is
    // capitalised the same way, not rewritten ("rIranian").
    if (rule != rules_.end() && rule->second.strip > length && StartsWithCapital(rule->second.append)) {
      return Capitalized(cased_form);
    }
    if (rule != rules_.end() && rule->second.strip <= cased_form.size()) {
      size_t keep = cased_form.size() - rule->second.strip;
      // A rule learned on other words may cut inside a character: then the word stays as it is.
      if (keep < cased_form.size() && U8_IS_TRAIL(static_cast<uint8_t>(cased_form[keep]))) return cased_form;
      return cased_form.substr(0, keep) + rule->second.append;
    }
    if (length == 0) return cased_form;
  }
}

Lemmatizer Lemmatizer::Train(const std::vector<ConlluSentence>& train) {
  // The lemma each (XPOS, form) takes most often.
  std::map<std::pair<std::string, std::string>, std::map<std::string, int>> lemma_counts;
  for (const auto& sentence : train) {
    for (const auto& word : sentence.words) {
      if (word.lemma.empty()) continue;
      ++lemma_counts[{word.xpos, CasedForm(word.form, word.xpos)}][word.lemma];
    }
  }
  // Edits by suffix, counted over distinct words.
  std::map<std::string, std::map<std::pair<uint32_t, std::string>, int>> edits_by_suffix;
  for (const auto& [tagged_form, lemmas] : lemma_counts) {
    const auto& [xpos, form] = tagged_form;
    const std::string& lemma = Majority(lemmas);
    size_t common = 0;
    while (common < form.size() && common < lemma.size() && form[common] == lemma[common]) ++common;
    std::pair<uint32_t, std::string> edit{static_cast<uint32_t>(form.size() - common), lemma.substr(common)};
    for (size_t length = 0; length <= std::min(kMaxSuffix, form.size()); ++length) {
      ++edits_by_suffix[Key(xpos, std::string_view(form).substr(form.size() - length))][edit];
    }
  }
  // A suffix keeps a rule only where its edit differs from what its shorter suffix gives.
  Lemmatizer lemmatizer;
  std::map<std::string, std::pair<uint32_t, std::string>> effective;
  std::vector<std::string> keys;
  for (const auto& [key, edits] : edits_by_suffix) keys.push_back(key);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  for (const std::string& key : keys) {
    const auto& edits = edits_by_suffix.at(key);
    int words = 0;
    for (const auto& [edit, count] : edits) words += count;
    size_t tab = key.find('\t');
    bool base = tab + 1 == key.size();
    // The parent is the suffix one byte shorter: without its first byte.
    std::string parent = base ? key : key.substr(0, tab + 1) + key.substr(tab + 2);
    if (base || words >= kMinWordsPerRule) {
      effective[key] = Majority(edits);
    } else {
      effective[key] = effective.at(parent);
    }
    if (base || effective[key] != effective.at(parent)) {
      lemmatizer.rules_[key] = Edit{effective[key].first, effective[key].second};
    }
  }
  for (const auto& [tagged_form, lemmas] : lemma_counts) {
    const std::string& lemma = Majority(lemmas);
    if (lemmatizer.ByRule(tagged_form.second, tagged_form.first) != lemma) {
      lemmatizer.exceptions_[Key(tagged_form.first, tagged_form.second)] = lemma;
    }
  }
  return lemmatizer;
}

std::string Lemmatizer::Lemma(std::string_view form, std::string_view xpos) const {
  std::string cased = CasedForm(form, xpos);
  if (auto it = exceptions_.find(Key(xpos, cased)); it != exceptions_.end()) return it->second;
  // Rules learned on names in capitals ("AGREEMENT" -> "agreement") would rewrite an unknown
  // one ("TASHKENT" -> "TAlement"): a proper noun in capitals is its own lemma.
  if (IsProperNoun(xpos) && InCapitals(cased)) return cased;
  return ByRule(cased, xpos);
}

void Lemmatizer::Save(std::ostream& out) const {
  WriteString(out, kFormat);
  std::vector<std::string> rules, exceptions;
  for (const auto& [key, edit] : rules_) rules.push_back(strings::Cat(key, "\t", edit.strip, "\t", edit.append));
  for (const auto& [key, lemma] : exceptions_) exceptions.push_back(strings::Cat(key, "\t", lemma));
  std::sort(rules.begin(), rules.end());
  std::sort(exceptions.begin(), exceptions.end());
  WriteStrings(out, rules);
  WriteStrings(out, exceptions);
}

absl::StatusOr<Lemmatizer> Lemmatizer::Load(std::istream& in) {
  Lemmatizer lemmatizer;
  std::string format;
  std::vector<std::string> rules, exceptions;
  if (!ReadString(in, format) || format != kFormat || !ReadStrings(in, rules) || !ReadStrings(in, exceptions)) {
    return absl::DataLossError("not a dossier lemmatizer model");
  }
  for (const std::string& line : rules) {
    std::vector<std::string_view> fields = strings::Split(line, "\t");
    if (fields.size() != 4) return absl::DataLossError("lemmatizer: bad rule");
    uint32_t strip = 0;
    if (!absl::SimpleAtoi(absl::string_view(fields[2].data(), fields[2].size()), &strip)) {
      return absl::DataLossError("lemmatizer: bad rule");
    }
    lemmatizer.rules_[Key(fields[0], fields[1])] = Edit{strip, std::string(fields[3])};
  }
  for (const std::string& line : exceptions) {
    std::vector<std::string_view> fields = strings::Split(line, "\t");
    if (fields.size() != 3) return absl::DataLossError("lemmatizer: bad exception");
    lemmatizer.exceptions_[Key(fields[0], fields[1])] = std::string(fields[2]);
  }
  return lemmatizer;
}

double ScoreLemmatizer(const Lemmatizer& lemmatizer, const std::vector<ConlluSentence>& gold) {
  size_t words = 0, correct = 0;
  for (const auto& sentence : gold) {
    for (const auto& word : sentence.words) {
      ++words;
      correct += lemmatizer.Lemma(word.form, word.xpos) == word.lemma;
    }
  }
  return words ? static_cast<double>(correct) / words : 0;
}

}  // namespace dossier::engine::syntax
