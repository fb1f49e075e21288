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
  for (std::string_view raw_line : strings::Split(text, "\n")) {
    std::string line = CollapseWhitespace(raw_line);
    if (line.empty()) {
      finish_paragraph();
      continue;
    }
    if (lexicon.IsFurnitureLine(line)) {
      bool rewriter = strings::StartsWithIgnoreCase(line, "(word count");
      page.stripped_blocks.push_back(
          {rewriter ? v1::STRIPPED_BLOCK_REASON_REWRITER_NOTE : v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line.size(),
           std::string(Utf8Prefix(line, kPreviewBytes))});
      continue;
    }
    if (want_title && page.title.empty() && page.paragraphs.empty() && paragraph.empty() &&
        line.size() <= kMaxHeadlineBytes && line.back() != '.') {
      page.title = line;
      continue;
    }
    if (std::string_view(line).starts_with("By ") && line.size() < 80 && page.paragraphs.empty() && paragraph.empty()) {
      page.authors.push_back(line.substr(3));
      page.stripped_blocks.push_back({v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, line.size(), line});
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
  return page;
}

}  // namespace dossier::engine
