#include "engine/normalize/encoding.h"

#include <re2/re2.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <memory>
#include <optional>

#include "dossier/common/strings.h"
#include "engine/normalize/text.h"

namespace dossier::engine {
namespace {

// How far into a page its charset declaration may sit (the HTML standard says 1,024 bytes;
// real pages put scripts and styles first).
constexpr size_t kDeclarationWindowBytes = 4096;

// Browsers read Latin-1 and ASCII labels as windows-1252, which pages labelled so use (its
// curly quotes and dashes would otherwise become C1 control characters).
std::string AsBrowsersRead(std::string charset) {
  charset = strings::ToLowerAscii(charset);
  if (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" || charset == "ascii") {
    return "windows-1252";
  }
  return charset;
}

// The charset a page declares, lower case, or "".
std::string DeclaredCharset(std::string_view bytes) {
  static const RE2 kCharset(R"re((?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.\-]+))re");
  std::string charset;
  RE2::PartialMatch(bytes.substr(0, kDeclarationWindowBytes), kCharset, &charset);
  return AsBrowsersRead(charset);
}

// ICU's best guess for bytes that are not UTF-8, or "".
std::string GuessedCharset(std::string_view bytes) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&error), ucsdet_close);
  if (U_FAILURE(error)) return "";
  ucsdet_enableInputFilter(detector.get(), true);  // look past markup
  ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &error);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &error);
  if (U_FAILURE(error) || !match) return "";
  const char* name = ucsdet_getName(match, &error);
  return U_SUCCESS(error) && name ? AsBrowsersRead(name) : "";
}

// Converts with ICU, substituting U+FFFD for what the charset cannot map; nullopt when ICU
// does not know the charset.
std::optional<std::string> Convert(std::string_view bytes, const std::string& charset) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> from(ucnv_open(charset.c_str(), &error), ucnv_close);
  if (U_FAILURE(error)) return std::nullopt;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> to(ucnv_open("UTF-8", &error), ucnv_close);
  if (U_FAILURE(error)) return std::nullopt;
  // Worst case: every input byte becomes a 3-byte U+FFFD.
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(), nullptr,
                 nullptr, nullptr, nullptr, /*reset=*/true, /*flush=*/true, &error);
  if (U_FAILURE(error)) return std::nullopt;
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

}  // namespace

std::string ToUtf8(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // a UTF-8 byte-order mark
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    if (auto converted = Convert(bytes, "UTF-16")) return *converted;  // ICU reads the mark
  }
  if (IsValidUtf8(bytes)) return std::string(bytes);
  for (const std::string& charset : {DeclaredCharset(bytes), GuessedCharset(bytes), std::string("windows-1252")}) {
    // A page declaring UTF-8 whose bytes are not: its invalid bytes are replaced, not guessed.
    if (charset.empty()) continue;
    if (auto converted = Convert(bytes, charset)) return *converted;
  }
  return std::string(bytes);  // unreachable: windows-1252 maps every byte
}

}  // namespace dossier::engine
