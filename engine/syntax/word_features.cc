#include "engine/syntax/word_features.h"

#include <absl/strings/numbers.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <vector>

#include "dossier/common/strings.h"
#include "engine/syntax/linear_model.h"

namespace dossier::engine::syntax {
namespace {

void AppendCodePoint(std::string& out, UChar32 c) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, U8_MAX_LENGTH, c, error);
  if (!error) out.append(buffer, static_cast<size_t>(length));
}

// Distinct templates for the same text in different roles.
enum : uint64_t { kLowerSeed = 1, kShapeSeed = 2, kPrefixSeed = 3, kSuffixSeed = 7 };

}  // namespace

std::string LowerCase(std::string_view form, bool digits_as_zero) {
  std::string lower;
  lower.reserve(form.size());
  for (int32_t i = 0; i < static_cast<int32_t>(form.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(form.data()), i, static_cast<int32_t>(form.size()), c);
    if (c < 0) continue;
    if (digits_as_zero && u_isdigit(c)) c = '0';
    AppendCodePoint(lower, c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : u_tolower(c));
  }
  return lower;
}

absl::StatusOr<WordClusters> WordClusters::Parse(std::string_view tsv) {
  WordClusters clusters;
  size_t line_number = 0;
  for (std::string_view line : strings::Split(tsv, "\n", /*skip_empty=*/true)) {
    ++line_number;
    if (line.starts_with("# ")) continue;  // a comment: no word holds a space
    std::vector<std::string_view> fields = strings::Split(line, "\t");
    uint32_t cluster = 0;
    if (fields.size() < 2 || !absl::SimpleAtoi(absl::string_view(fields[1].data(), fields[1].size()), &cluster) ||
        cluster >= 0xFFFF) {
      return absl::InvalidArgumentError(strings::Cat("word clusters line ", line_number, ": expected word<TAB>class"));
    }
    clusters.classes_.emplace(HashText(fields[0]), static_cast<uint16_t>(cluster + 1));
  }
  return clusters;
}

uint32_t WordClusters::Of(std::string_view lower) const {
  auto it = classes_.find(HashText(lower));
  return it == classes_.end() ? 0 : it->second;
}

std::string FoldQuotes(std::string_view form) {
  std::string folded(form);
  if (folded.find('\xE2') == std::string::npos) return folded;  // every quote below starts with E2
  for (auto [typographic, ascii] : {std::pair{"\u2019", "'"}, {"\u2018", "'"}, {"\u201C", "\""}, {"\u201D", "\""}}) {
    for (size_t at = folded.find(typographic); at != std::string::npos; at = folded.find(typographic, at)) {
      folded.replace(at, std::string_view(typographic).size(), ascii);
    }
  }
  return folded;
}

WordAttributes DescribeWord(std::string_view written, const WordClusters* clusters) {
  const std::string folded = FoldQuotes(written);
  const std::string_view form = folded;
  WordAttributes word;
  word.form = HashText(form);
  std::string lower = LowerCase(form, /*digits_as_zero=*/true);
  word.lower = MixKey(kLowerSeed, HashText(lower));
  if (clusters) {
    bool digits = std::any_of(form.begin(), form.end(), [](char c) { return c >= '0' && c <= '9'; });
    word.cluster = clusters->Of(digits ? LowerCase(form) : lower);
  }
  std::string shape;
  char last = 0;
  int run = 0;
  int letters = 0, capitals = 0;
  for (int32_t i = 0, j = 0; i < static_cast<int32_t>(form.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(form.data()), i, static_cast<int32_t>(form.size()), c);
    if (c < 0) continue;
    char kind = u_isupper(c) || u_istitle(c) ? 'X' : u_isalpha(c) ? 'x' : u_isdigit(c) ? 'd' : c < 0x80 ? char(c) : '*';
    if (j == 0 && kind == 'X') word.capitalized = true;
    letters += kind == 'X' || kind == 'x';
    capitals += kind == 'X';
    word.has_digit |= kind == 'd';
    word.has_hyphen |= c == '-';
    run = kind == last ? run + 1 : 1;
    last = kind;
    if (run <= 2) shape += kind;
    ++j;
  }
  word.shape = MixKey(kShapeSeed, HashText(shape));
  word.all_capitals = letters >= 2 && capitals == letters;
  // Affixes count characters, not bytes; a short word's affix is the whole word.
  const auto* bytes = reinterpret_cast<const uint8_t*>(lower.data());
  const auto size = static_cast<int32_t>(lower.size());
  std::string_view text = lower;
  int32_t cut = 0;
  for (uint64_t n = 1; n <= 3; ++n) {
    if (cut < size) U8_FWD_1(bytes, cut, size);
    word.prefix[n - 1] = MixKey(kPrefixSeed + n, HashText(text.substr(0, static_cast<size_t>(cut))));
  }
  cut = size;
  for (uint64_t n = 1; n <= 4; ++n) {
    if (cut > 0) U8_BACK_1(bytes, 0, cut);
    word.suffix[n - 1] = MixKey(kSuffixSeed + n, HashText(text.substr(static_cast<size_t>(cut))));
  }
  return word;
}

}  // namespace dossier::engine::syntax
