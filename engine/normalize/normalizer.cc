#include "engine/normalize/normalizer.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>

#include <algorithm>

#include "dossier/common/hashing.h"
#include "dossier/common/strings.h"
#include "engine/normalize/dates.h"
#include "engine/normalize/encoding.h"
#include "engine/normalize/html.h"
#include "engine/normalize/language.h"
#include "engine/normalize/plain_text.h"
#include "engine/normalize/text.h"
#include "engine/normalize/url.h"

namespace dossier::engine {
namespace {

constexpr size_t kTinyBodyBytes = 400;

// The flag that says a page is not an article, or UNSPECIFIED for an article.
ArticleQualityFlag FlagOf(PageKind kind) {
  switch (kind) {
    case PageKind::kListing:
      return v1::ARTICLE_QUALITY_FLAG_LISTING_PAGE;
    case PageKind::kForum:
      return v1::ARTICLE_QUALITY_FLAG_FORUM_PAGE;
    case PageKind::kProduct:
      return v1::ARTICLE_QUALITY_FLAG_PRODUCT_PAGE;
    case PageKind::kArticle:
      break;
  }
  return v1::ARTICLE_QUALITY_FLAG_UNSPECIFIED;
}

}  // namespace

ContentFormat DetectFormat(std::string_view content) {
  std::string_view start = strings::TrimLeading(content).substr(0, 512);
  std::string lower = strings::ToLowerAscii(start);
  return std::string_view(lower).starts_with("<!doctype html") || std::string_view(lower).starts_with("<html") ||
                 (std::string_view(lower).find("<body") != std::string_view::npos) ||
                 (std::string_view(lower).find("<head") != std::string_view::npos) ||
                 (std::string_view(lower).starts_with("<") &&
                  (std::string_view(lower).find("</") != std::string_view::npos))
             ? v1::CONTENT_FORMAT_HTML
             : v1::CONTENT_FORMAT_PLAIN_TEXT;
}

void RemoveControlCharacters(RawDocument& raw) {
  for (std::string* field : {&raw.content, &raw.source, &raw.published, &raw.title}) {
    if (HasControlCharacters(*field)) *field = WithoutControlCharacters(*field);
  }
  for (std::string& author : raw.authors) {
    if (HasControlCharacters(author)) author = WithoutControlCharacters(author);
  }
}

absl::StatusOr<NormalizedArticle> Normalizer::Normalize(const RawDocument& raw) const {
  if (HasControlCharacters(raw.url)) {
    return absl::InvalidArgumentError("article.url holds a control character (NUL, escape or the like)");
  }
  bool has_controls = std::any_of(raw.authors.begin(), raw.authors.end(), HasControlCharacters);
  for (const std::string* field : {&raw.content, &raw.source, &raw.published, &raw.title}) {
    has_controls = has_controls || HasControlCharacters(*field);
  }
  if (has_controls || !IsValidUtf8(raw.content)) {
    RawDocument clean = raw;
    clean.content = ToUtf8(clean.content);  // a page in another charset: converted, not refused
    RemoveControlCharacters(clean);
    return Normalize(clean);
  }
  NormalizedArticle article;
  auto canonical = CanonicalizeUrl("article.url", raw.url);
  if (!canonical.ok()) return canonical.status();
  if (strings::Trim(raw.content).empty()) {
    return absl::InvalidArgumentError("article.content is required");
  }
  if (!raw.published.empty()) {
    auto published = ParsePublicationDate("article.published", raw.published);
    if (!published.ok()) return published.status();
    article.published_at = *published;
  }

  article.url = raw.url;
  article.canonical_url = *canonical;
  article.format = raw.format == v1::CONTENT_FORMAT_UNSPECIFIED ? DetectFormat(raw.content) : raw.format;
  std::vector<std::string> paragraphs;
  std::string page_title, page_source, page_published;
  if (article.format == v1::CONTENT_FORMAT_HTML) {
    HtmlPage page = ParseHtmlPage(raw.content, *lexicon_);
    paragraphs = std::move(page.paragraphs);
    article.stripped_blocks = std::move(page.stripped_blocks);
    page_title = std::move(page.title);
    page_source = std::move(page.site_name);
    page_published = std::move(page.published);
    article.authors = std::move(page.authors);
    if (auto page_canonical = CanonicalizeUrl("canonical link", page.canonical_url); page_canonical.ok()) {
      article.canonical_url = *page_canonical;
    }
    if (page.text_bytes > 0 && page.link_bytes * 2 > page.text_bytes) {
      article.quality_flags.push_back(v1::ARTICLE_QUALITY_FLAG_MOSTLY_LINKS);
    }
    if (auto flag = FlagOf(page.kind); flag != v1::ARTICLE_QUALITY_FLAG_UNSPECIFIED) {
      article.quality_flags.push_back(flag);
    }
  } else {
    PlainTextPage page = ParsePlainText(raw.content, *lexicon_, CollapseWhitespace(raw.title));
    paragraphs = std::move(page.paragraphs);
    article.stripped_blocks = std::move(page.stripped_blocks);
    page_title = std::move(page.title);
    article.authors = std::move(page.authors);
  }

  article.clean_text = NormalizeNfc(strings::Join(paragraphs, "\n\n"));
  if (article.clean_text.empty()) {
    return absl::InvalidArgumentError(
        strings::Cat("article.content has no article text left after removing page furniture (",
                     article.stripped_blocks.size(), " blocks stripped)"));
  }
  article.title = NormalizeNfc(raw.title.empty() ? page_title : raw.title);
  if (!raw.authors.empty()) article.authors = raw.authors;
  article.source = !raw.source.empty()    ? raw.source
                   : !page_source.empty() ? page_source
                                          : HostOf(article.canonical_url);
  if (!article.published_at && !page_published.empty()) {
    article.published_at = ParseMetadataDate(page_published);
  }
  if (!article.published_at) article.quality_flags.push_back(v1::ARTICLE_QUALITY_FLAG_NO_PUBLICATION_DATE);
  article.language = DetectLanguage(article.clean_text);
  if (article.language != "en") article.quality_flags.push_back(v1::ARTICLE_QUALITY_FLAG_NOT_ENGLISH);
  if (article.clean_text.size() < kTinyBodyBytes) {
    article.quality_flags.push_back(v1::ARTICLE_QUALITY_FLAG_TINY_BODY);
  }
  article.content_hash = Sha256Hex(article.clean_text);
  article.story_signature = ComputeStorySignature(article.clean_text);
  return article;
}

}  // namespace dossier::engine
