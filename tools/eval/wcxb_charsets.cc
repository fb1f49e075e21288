#include "wcxb_charsets.h"

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <memory>

#include "dossier/common/strings.h"
#include "wcxb_pages.h"
#include "wcxb_scores.h"

namespace dossier::eval {
namespace {

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// `utf8` in the converter's charset, and whether every character survived.
std::pair<std::string, bool> Encode(const std::string& utf8, UConverter* converter) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  bool whole = true;
  std::string bytes(static_cast<size_t>(text.length()) * 4 + 16, '\0');
  UErrorCode status = U_ZERO_ERROR;
  ucnv_resetFromUnicode(converter);
  // Stop at the first character the charset cannot hold, only to learn that one exists.
  ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  int32_t written = text.extract(bytes.data(), static_cast<int32_t>(bytes.size()), converter, status);
  if (status == U_INVALID_CHAR_FOUND || status == U_ILLEGAL_CHAR_FOUND) {
    whole = false;
    status = U_ZERO_ERROR;
    ucnv_resetFromUnicode(converter);
    ucnv_setFromUCallBack(converter, UCNV_FROM_U_CALLBACK_SUBSTITUTE, nullptr, nullptr, nullptr, &status);
    written = text.extract(bytes.data(), static_cast<int32_t>(bytes.size()), converter, status);
  }
  bytes.resize(U_SUCCESS(status) ? static_cast<size_t>(written) : 0);
  return {bytes, whole};
}

// The page with each "charset=..." value in its first 4 KB (meta tags) replaced by
// `replacement`, or removed with its name when `replacement` is empty.
std::string RewriteDeclaredCharset(std::string html, const std::string& replacement) {
  constexpr size_t kHead = 4096;
  for (size_t at = 0; at < std::min(html.size(), kHead);) {
    std::string lower = strings::ToLowerAscii(std::string_view(html).substr(at, kHead - at));
    size_t found = lower.find("charset=");
    if (found == std::string::npos) break;
    size_t start = at + found, value = start + 8;
    if (value < html.size() && (html[value] == '"' || html[value] == '\'')) ++value;
    size_t end = value;
    while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) || html[end] == '-' ||
                                 html[end] == '_' || html[end] == ':')) {
      ++end;
    }
    if (replacement.empty()) {
      html.replace(start, end - start, value > start + 8 ? std::string(1, html[start + 8]) : "");
      at = start + 1;
    } else {
      html.replace(value, end - value, replacement);
      at = value + replacement.size();
    }
  }
  return html;
}

struct Variant {
  const char* name;
  double f1 = 0;
  int same_words = 0, same_words_whole = 0, failed = 0;
};

}  // namespace

absl::Status ScoreWcxbReencoded(const std::string& dir, const engine::Normalizer& normalizer,
                                const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status)) return absl::InvalidArgumentError(strings::Cat("ICU knows no charset ", charset));
  auto pages = ListWcxbPages(dir);
  if (!pages.ok()) return pages.status();
  Variant original{"UTF-8 original"}, declared{"declared"}, undeclared{"undeclared"};
  int pages_whole = 0, scored = 0;
  for (const WcxbPage& page : *pages) {
    auto html = ReadGzipFile(page.html_path);
    if (!html.ok()) return html.status();
    auto gold = WcxbTokens(ReadWcxbGold(page));
    auto normalize = [&](std::string content) -> std::optional<std::string> {
      engine::RawDocument raw;
      raw.url = page.url.empty() ? strings::Cat("https://wcxb.invalid/", page.id) : page.url;
      raw.content = std::move(content);
      raw.format = v1::CONTENT_FORMAT_HTML;
      auto article = normalizer.Normalize(raw);
      if (!article.ok()) return std::nullopt;
      return article->title + "\n\n" + article->clean_text;
    };
    std::optional<std::string> utf8_text = normalize(*html);
    auto [encoded, whole] = Encode(*html, converter.get());
    pages_whole += whole;
    ++scored;
    const auto utf8_words = WcxbTokens(utf8_text.value_or(""));
    original.f1 += ScorePage(utf8_words, gold).f1;
    for (Variant* variant : {&declared, &undeclared}) {
      std::optional<std::string> text =
          normalize(RewriteDeclaredCharset(encoded, variant == &declared ? charset : std::string()));
      auto words = WcxbTokens(text.value_or(""));
      variant->f1 += ScorePage(words, gold).f1;
      if (text.has_value() != utf8_text.has_value()) ++variant->failed;
      // Words, not bytes: ICU drops invisible characters (zero-width joiners and spaces) that
      // the charset lacks without counting them as lost.
      if (words == utf8_words) {
        ++variant->same_words;
        variant->same_words_whole += whole;
      }
    }
  }
  std::printf("WCXB pages re-encoded as %s: %d pages, %d of them hold only characters %s has\n\n", charset.c_str(),
              scored, pages_whole, charset.c_str());
  std::printf("%-16s %9s %14s %20s %10s\n", "charset label", "mean F1", "same words", "same words (whole)", "failed");
  for (const Variant* variant : {&original, &declared, &undeclared}) {
    if (variant == &original) {
      std::printf("%-16s %9.4f %14s %20s %10s\n", variant->name, variant->f1 / scored, "-", "-", "-");
    } else {
      std::printf("%-16s %9.4f %14d %14d of %3d %10d\n", variant->name, variant->f1 / scored, variant->same_words,
                  variant->same_words_whole, pages_whole, variant->failed);
    }
  }
  return absl::OkStatus();
}

}  // namespace dossier::eval
