#include "engine/normalize/plain_text.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_split.h>

#include <algorithm>
#include <optional>

#include "dossier/common/strings.h"
#include "engine/normalize/text.h"

namespace dossier::engine {
namespace {

constexpr size_t kMaxHeadlineBytes = 200;
constexpr size_t kPreviewBytes = 60;
constexpr size_t kMaxBylineBytes = 80;

bool EndsSentence(std::string_view line) {
  return !line.empty() && std::string_view(".!?:\"')]").find(line.back()) != std::string_view::npos;
}

bool IsListItem(std::string_view line) {
  for (std::string_view marker :
       {"- ", "* ", "\u2022", "\u2013 ", "\u2014 ", "\u00b7 ", "\u203a ", "\u00bb ", "\u2192 "}) {
    if (line.starts_with(marker)) return true;
  }
  // "1. ", "12) "
  size_t digits = 0;
  while (digits < line.size() && digits < 3 && absl::ascii_isdigit(static_cast<unsigned char>(line[digits]))) {
    ++digits;
  }
  return digits > 0 && line.size() > digits + 1 && (line[digits] == '.' || line[digits] == ')') &&
         line[digits + 1] == ' ';
}

// The items of a line between occurrences of `separator` (a whole string, not any of its
// characters).
std::vector<std::string_view> SplitOn(std::string_view line, std::string_view separator) {
  // Most lines hold no separator: one memchr for its rarest byte (" | " -> '|') rules that
  // out faster than a substring search, which stops at every space.
  if (separator.size() > 1 && line.find(separator[1]) == std::string_view::npos) return {line};
  std::vector<std::string_view> items;
  for (size_t start = 0;;) {
    size_t found = line.find(separator, start);
    items.push_back(line.substr(start, found == std::string_view::npos ? line.npos : found - start));
    if (found == std::string_view::npos) return items;
    start = found + separator.size();
  }
}

// "Home | World | Africa | Opinion": three or more short items between bars or bullets, and
// no sentence among them. Returns the items, or nothing when the line is no such bar.
std::vector<std::string_view> NavigationItems(std::string_view line) {
  for (std::string_view separator : {" | ", " \u00b7 ", " \u2022 ", " > "}) {
    std::vector<std::string_view> items = SplitOn(line, separator);
    if (items.size() < 3) continue;
    bool short_items = std::all_of(items.begin(), items.end(), [](std::string_view item) {
      return std::count(item.begin(), item.end(), ' ') < 4 && !EndsSentence(strings::Trim(item));
    });
    return short_items ? items : std::vector<std::string_view>{};
  }
  return {};
}

// A navigation bar is furniture near the top of the page; further down only when at least
// half its items are furniture themselves ("Follow us on Viber | Share | Tweet | Email"), as a
// short list in the story could look like a bar.
bool IsNavigationLine(std::string_view line, bool near_top, const Lexicon& lexicon) {
  std::vector<std::string_view> items = NavigationItems(line);
  if (items.empty() || near_top) return !items.empty();
  auto furniture = std::count_if(items.begin(), items.end(),
                                 [&lexicon](std::string_view item) { return lexicon.IsFurnitureLine(item); });
  return static_cast<size_t>(furniture) * 2 >= items.size();
}

}  // namespace

std::optional<std::string_view> BylineAuthors(std::string_view line) {
  std::vector<std::string_view> items = SplitOn(line, " | ");
  if (items.size() == 1) items = SplitOn(line, " \u00b7 ");
  for (std::string_view item : items) {
    if (!(item.starts_with("By ") || item.starts_with("by ")) || item.size() <= 3 ||
        !absl::ascii_isupper(static_cast<unsigned char>(item[3]))) {
      continue;
    }
    std::string_view authors = item.substr(3);
    if (authors.size() > kMaxBylineBytes || EndsSentence(authors)) return std::nullopt;
    return authors;
  }
  return std::nullopt;
}

PlainTextPage ParsePlainText(std::string_view text, const Lexicon& lexicon, std::string_view known_title) {
  PlainTextPage page;
  std::string paragraph;
  auto finish_paragraph = [&] {
    if (!paragraph.empty()) page.paragraphs.push_back(std::move(paragraph));
    paragraph.clear();
  };
  auto strip = [&](StrippedBlockReason reason, std::string_view line) {
    page.stripped_blocks.push_back({reason, line.size(), std::string(Utf8Prefix(line, kPreviewBytes))});
  };
  enum class Section { kBody, kRelatedLinks, kAuthorNote, kComments };
  Section section = Section::kBody;
  StrippedBlock comments{v1::STRIPPED_BLOCK_REASON_COMMENTS, 0, ""};
  for (std::string_view raw_line : strings::Split(text, "\n")) {
    std::string line = CollapseWhitespace(raw_line);
    if (section == Section::kComments) {
      comments.length += line.size();
      continue;
    }
    if (line.empty()) {
      finish_paragraph();
      if (section == Section::kRelatedLinks || section == Section::kAuthorNote) section = Section::kBody;
      continue;
    }
    if (section == Section::kAuthorNote) {
      strip(v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line);
      continue;
    }
    // Reader comments run to the end of the page. A share bar above the article may say
    // "0 Comments" too, so the header counts only after the story has begun: after a
    // sentence, not after the site's name or a "Security | June 10, 2025" line.
    size_t paragraphs_so_far = page.paragraphs.size() + (paragraph.empty() ? 0 : 1);
    bool story_begun =
        std::any_of(page.paragraphs.begin(), page.paragraphs.end(), EndsSentence) || EndsSentence(paragraph);
    if (lexicon.IsCommentsHeader(line) && story_begun) {
      finish_paragraph();
      section = Section::kComments;
      comments.preview = std::string(Utf8Prefix(line, kPreviewBytes));
      comments.length = line.size();
      continue;
    }
    // Links under a "You may also like" header: list items and short unpunctuated headlines.
    if (section == Section::kRelatedLinks) {
      if (IsListItem(line) || (line.size() < kMaxHeadlineBytes / 2 && !EndsSentence(line))) {
        strip(v1::STRIPPED_BLOCK_REASON_RELATED_LINKS, line);
        continue;
      }
      section = Section::kBody;
    }
    if (lexicon.IsAuthorHeader(line)) {
      finish_paragraph();
      strip(v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line);
      section = Section::kAuthorNote;
      continue;
    }
    if (lexicon.IsRelatedHeader(line)) {
      finish_paragraph();
      strip(v1::STRIPPED_BLOCK_REASON_RELATED_LINKS, line);
      section = Section::kRelatedLinks;
      continue;
    }
    if (lexicon.IsFurnitureLine(line) ||
        IsNavigationLine(line, paragraphs_so_far <= kMaxParagraphsBeforeByline, lexicon)) {
      bool rewriter = strings::StartsWithIgnoreCase(line, "(word count");
      strip(rewriter ? v1::STRIPPED_BLOCK_REASON_REWRITER_NOTE : v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line);
      continue;
    }
    if (page.title.empty() && page.paragraphs.empty() && paragraph.empty() && line.size() <= kMaxHeadlineBytes &&
        line.back() != '.' && (known_title.empty() || line == known_title)) {
      page.title = line;
      continue;
    }
    if (auto authors = BylineAuthors(line); authors && paragraphs_so_far <= kMaxParagraphsBeforeByline) {
      page.authors.emplace_back(*authors);
      strip(v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line);
      continue;
    }
    // A hard-wrapped sentence continues in lower case on the next line.
    bool continues = !paragraph.empty() && !EndsSentence(paragraph) && !IsListItem(line) &&
                     absl::ascii_islower(static_cast<unsigned char>(line.front()));
    if (continues) {
      paragraph += ' ';
      paragraph += line;
    } else {
      finish_paragraph();
      paragraph = std::move(line);
    }
  }
  finish_paragraph();
  if (comments.length > 0) page.stripped_blocks.push_back(std::move(comments));
  return page;
}

}  // namespace dossier::engine
