#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/lexicon/lexicon.h"
#include "engine/normalize/article.h"
#include "engine/normalize/page_kind.h"

namespace dossier::engine {

/// What an HTML page yields before normalization decides between page and request values.
struct HtmlPage {
  std::string title;
  std::string site_name;
  std::string canonical_url;
  std::string published;  // as written in the metadata
  std::vector<std::string> authors;
  std::vector<std::string> paragraphs;
  std::vector<StrippedBlock> stripped_blocks;
  size_t text_bytes = 0;  // all visible body text, kept or not
  size_t link_bytes = 0;  // of which inside links
  PageSignals signals;
  PageKind kind = PageKind::kArticle;
};

/// Parses `html` with libxml2 (its forgiving HTML parser) and keeps the article body: the <article> (or <main>,
/// or <body>) minus scripts, navigation, share bars, related links, comments, cookie and
/// newsletter boxes, furniture lines and link-dense blocks. Metadata comes from <title>,
/// OpenGraph and article meta tags, JSON-LD NewsArticle, <time> and <link rel=canonical>.
HtmlPage ParseHtmlPage(std::string_view html, const Lexicon& lexicon);

}  // namespace dossier::engine
