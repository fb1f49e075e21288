#include "engine/normalize/text.h"

#include <absl/strings/ascii.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>

namespace dossier::engine {

std::string FoldForMatching(std::string_view text) {
  std::string folded;
  // Most words are ASCII: lower-case them in one pass.
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    folded.resize(text.size());
    std::transform(text.begin(), text.end(), folded.begin(), [](char c) { return absl::ascii_tolower(c); });
    return folded;
  }
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    // U+2018/2019 (quotes) and U+2013/2014 (dashes) are E2 80 98/99 and E2 80 93/94.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char last = text[i + 2];
      if (last == 0x98 || last == 0x99) {
        folded.push_back('\'');
        i += 2;
        continue;
      }
      if (last == 0x9C || last == 0x9D) {
        folded.push_back('"');
        i += 2;
        continue;
      }
      if (last == 0x93 || last == 0x94) {
        folded.push_back('-');
        i += 2;
        continue;
      }
    }
    if (c < 0x80) {
      folded.push_back(absl::ascii_tolower(c));
      continue;
    }
    // Other characters: Unicode simple lower case ("SÉGOU" -> "ségou").
    int32_t next = static_cast<int32_t>(i);
    UChar32 code_point;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), next, static_cast<int32_t>(text.size()), code_point);
    if (code_point < 0) {
      folded.push_back(static_cast<char>(c));
      continue;
    }
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool unused_error = false;  // a lower-case code point always fits U8_MAX_LENGTH
    U8_APPEND(reinterpret_cast<uint8_t*>(buffer), length, U8_MAX_LENGTH, u_tolower(code_point), unused_error);
    (void)unused_error;
    folded.append(buffer, static_cast<size_t>(length));
    i = static_cast<size_t>(next) - 1;
  }
  return folded;
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // The length of the no-break space (C2 A0) or ASCII space at i; 0 for anything else.
  auto space_at = [text](size_t i) -> size_t {
    auto c = static_cast<unsigned char>(text[i]);
    if (absl::ascii_isspace(c)) return 1;
    return c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0 ? 2 : 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t space = space_at(i);
    if (space) {
      i += space;
      continue;
    }
    // Copy the run of non-space bytes at once, one space before it unless it opens the text.
    size_t end = i + 1;
    while (end < text.size() && !space_at(end)) ++end;
    if (!out.empty()) out.push_back(' ');
    out.append(text.substr(i, end - i));
    i = end;
  }
  return out;
}

std::string NormalizeNfc(std::string_view text) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) return std::string(text);
  icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (nfc->isNormalized(unicode, error) && U_SUCCESS(error)) return std::string(text);
  error = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(unicode, error);
  if (U_FAILURE(error)) return std::string(text);
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

bool IsValidUtf8(std::string_view text) {
  int32_t i = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

namespace {
bool IsControlCharacter(char c) {
  auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
}
}  // namespace

bool HasControlCharacters(std::string_view text) { return std::any_of(text.begin(), text.end(), IsControlCharacter); }

std::string WithoutControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::copy_if(text.begin(), text.end(), std::back_inserter(out), [](char c) { return !IsControlCharacter(c); });
  return out;
}

std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace dossier::engine
