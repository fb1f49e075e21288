#include "plain_text.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_split.h>

#include "dossier/common/strings.h"
#include "text.h"

namespace dossier::engine {
namespace {

constexpr size_t kMaxHeadlineBytes = 200;
constexpr size_t kPreviewBytes = 60;

bool EndsSentence(std::string_view line) {
  return !line.empty() && std::string_view(".!?:\"')]").find(line.back()) != std::string_view::npos;
}

bool IsListItem(std::string_view line) {
  return std::string_view(line).starts_with("- ") || std::string_view(line).starts_with("* ") ||
         std::string_view(line).starts_with("\u2022");
}

}  // namespace

PlainTextPage ParsePlainText(std::string_view text, const Lexicon& lexicon, bool want_title) {
  PlainTextPage page;
  std::string paragraph;
  auto finish_paragraph = [&] {
    if (!paragraph.empty()) page.paragraphs.push_back(std::move(paragraph));
    paragraph.clear();
  };
  auto strip = [&](StrippedBlockReason reason, std::string_view line) {
    page.stripped_blocks.push_back({reason, line.size(), std::string(Utf8Prefix(line, kPreviewBytes))});
  };
  enum class Section { kBody, kRelatedLinks, kComments };
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
      if (section == Section::kRelatedLinks) section = Section::kBody;
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
    // Reader comments run to the end of the page. A share bar above the article may say
    // "0 Comments" too, so the header counts only after some body text.
    if (lexicon.IsCommentsHeader(line) && page.paragraphs.size() + (paragraph.empty() ? 0 : 1) >= 2) {
      finish_paragraph();
      section = Section::kComments;
      comments.preview = std::string(Utf8Prefix(line, kPreviewBytes));
      comments.length = line.size();
      continue;
    }
    if (lexicon.IsRelatedHeader(line)) {
      finish_paragraph();
      strip(v1::STRIPPED_BLOCK_REASON_RELATED_LINKS, line);
      section = Section::kRelatedLinks;
      continue;
    }
    if (lexicon.IsFurnitureLine(line)) {
      bool rewriter = strings::StartsWithIgnoreCase(line, "(word count");
      strip(rewriter ? v1::STRIPPED_BLOCK_REASON_REWRITER_NOTE : v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line);
      continue;
    }
    if (want_title && page.title.empty() && page.paragraphs.empty() && paragraph.empty() &&
        line.size() <= kMaxHeadlineBytes && line.back() != '.') {
      page.title = line;
      continue;
    }
    if (std::string_view(line).starts_with("By ") && line.size() < 80 && page.paragraphs.empty() && paragraph.empty()) {
      page.authors.push_back(line.substr(3));
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
