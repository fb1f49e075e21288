#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/lexicon/lexicon.h"
#include "engine/normalize/article.h"

namespace dossier::engine {

/// What scraped plain text yields: paragraphs with page furniture lines removed.
struct PlainTextPage {
  std::string title;  // the first line, when it looks like a headline
  std::vector<std::string> authors;
  std::vector<std::string> paragraphs;
  std::vector<StrippedBlock> stripped_blocks;
};

/// A byline or navigation bar sits above the story: within its first few paragraphs.
inline constexpr size_t kMaxParagraphsBeforeByline = 3;

/// The authors a byline names: "By Nuno Sabonete", "By Dispatch correspondent Nuno Sabonete |
/// 21 March 2024 | 4 min read", "5 December 2024 | by Reem Al-Khalifa" (items between bars
/// or middle dots); nothing when the line is no byline.
std::optional<std::string_view> BylineAuthors(std::string_view line);

/// Splits scraped text into paragraphs (blank lines and single lines both end one; a line
/// that continues a sentence in lower case is joined to it), drops furniture lines such as
/// "Share" or "(Word count: 412)", link lists under "You may also like", everything after a
/// comments header ("3 Comments"), and reads a leading headline and "By" line.
/// A first short line is the headline when `known_title` is empty or that line is
/// `known_title` (a reprocessed article sends back the title read from it before).
PlainTextPage ParsePlainText(std::string_view text, const Lexicon& lexicon, std::string_view known_title);

}  // namespace dossier::engine
