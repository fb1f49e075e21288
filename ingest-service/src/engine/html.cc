#include "html.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_split.h>
#include <absl/strings/strip.h>
#include <gumbo.h>

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

#include "dossier/common/strings.h"
#include "text.h"

namespace dossier::engine {
namespace {

constexpr size_t kPreviewBytes = 60;

std::string_view Attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute ? std::string_view(attribute->value) : std::string_view();
}

// Reason to drop an element by its tag, or UNSPECIFIED to keep it.
StrippedBlockReason ReasonForTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
      return v1::STRIPPED_BLOCK_REASON_SCRIPT_OR_STYLE;
    case GUMBO_TAG_NAV:
      return v1::STRIPPED_BLOCK_REASON_NAVIGATION;
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
      return v1::STRIPPED_BLOCK_REASON_HEADER_OR_FOOTER;
    case GUMBO_TAG_ASIDE:
      return v1::STRIPPED_BLOCK_REASON_RELATED_LINKS;
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_SELECT:
      return v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE;
    default:
      return v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
  }
}

// Reason to drop an element by words in its class and id ("share-bar", "comments").
StrippedBlockReason ReasonForClass(const GumboNode* node) {
  static const std::array<std::pair<std::string_view, StrippedBlockReason>, 16> kWords = {{
      {"share", v1::STRIPPED_BLOCK_REASON_SHARE_BAR},
      {"social", v1::STRIPPED_BLOCK_REASON_SHARE_BAR},
      {"related", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"recommend", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"sidebar", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"comment", v1::STRIPPED_BLOCK_REASON_COMMENTS},
      {"cookie", v1::STRIPPED_BLOCK_REASON_COOKIE_BANNER},
      {"consent", v1::STRIPPED_BLOCK_REASON_COOKIE_BANNER},
      {"newsletter", v1::STRIPPED_BLOCK_REASON_NEWSLETTER},
      {"subscribe", v1::STRIPPED_BLOCK_REASON_NEWSLETTER},
      {"signup", v1::STRIPPED_BLOCK_REASON_NEWSLETTER},
      {"advert", v1::STRIPPED_BLOCK_REASON_ADVERTISEMENT},
      {"sponsor", v1::STRIPPED_BLOCK_REASON_ADVERTISEMENT},
      {"promo", v1::STRIPPED_BLOCK_REASON_ADVERTISEMENT},
      {"breadcrumb", v1::STRIPPED_BLOCK_REASON_NAVIGATION},
      {"menu", v1::STRIPPED_BLOCK_REASON_NAVIGATION},
  }};
  std::string names =
      strings::ToLowerAscii(std::string(Attribute(node, "class")) + " " + std::string(Attribute(node, "id")));
  for (const auto& [word, reason] : kWords) {
    if (names.find(word) != std::string::npos) return reason;
  }
  return v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
      return true;
    default:
      return false;
  }
}

void AppendAllText(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    out += ' ';
  } else if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      AppendAllText(static_cast<const GumboNode*>(children.data[i]), out);
    }
  }
}

const GumboNode* FindFirst(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (auto* found = FindFirst(static_cast<const GumboNode*>(children.data[i]), tag)) return found;
  }
  return nullptr;
}

class BodyWalker {
 public:
  BodyWalker(const Lexicon& lexicon, HtmlPage& page) : lexicon_(lexicon), page_(page) {}

  void Walk(const GumboNode* node, bool in_link) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      std::string_view text = node->v.text.text;
      current_ += text;
      if (in_link) current_link_bytes_ += text.size();
      return;
    }
    if (node->type == GUMBO_NODE_WHITESPACE) {
      current_ += ' ';
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = node->v.element.tag;
    StrippedBlockReason reason = ReasonForTag(tag);
    if (reason == v1::STRIPPED_BLOCK_REASON_UNSPECIFIED) reason = ReasonForClass(node);
    if (reason != v1::STRIPPED_BLOCK_REASON_UNSPECIFIED) {
      std::string text;
      AppendAllText(node, text);
      Strip(reason, CollapseWhitespace(text));
      return;
    }
    bool block = IsBlock(tag);
    if (block) Flush(tag);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Walk(static_cast<const GumboNode*>(children.data[i]), in_link || tag == GUMBO_TAG_A);
    }
    if (block) Flush(tag);
  }

  /// Walks the children of the content root; the root's own class names do not strip it.
  void WalkChildren(const GumboNode* root) {
    if (root->type != GUMBO_NODE_ELEMENT) return;
    const GumboVector& children = root->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Walk(static_cast<const GumboNode*>(children.data[i]), false);
    }
  }

  void Flush(GumboTag tag) {
    std::string text = CollapseWhitespace(current_);
    size_t link_bytes = current_link_bytes_;
    current_.clear();
    current_link_bytes_ = 0;
    if (text.empty()) return;
    page_.text_bytes += text.size();
    page_.link_bytes += std::min(link_bytes, text.size());
    if (lexicon_.IsFurnitureLine(text)) {
      Strip(v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, text);
    } else if (link_bytes * 10 > text.size() * 6) {
      Strip(v1::STRIPPED_BLOCK_REASON_LINK_DENSE, text);
    } else if (tag == GUMBO_TAG_H1 && FoldForMatching(text) == FoldForMatching(page_.title)) {
      // The headline repeated above the body; the title field has it.
    } else if (std::string_view(text).starts_with("By ") && text.size() < 80 && page_.paragraphs.empty()) {
      if (page_.authors.empty()) page_.authors.push_back(text.substr(3));
      Strip(v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, text);
    } else {
      page_.paragraphs.push_back(std::move(text));
    }
  }

 private:
  void Strip(StrippedBlockReason reason, const std::string& text) {
    if (text.empty()) return;
    page_.stripped_blocks.push_back({reason, text.size(), std::string(Utf8Prefix(text, kPreviewBytes))});
  }

  const Lexicon& lexicon_;
  HtmlPage& page_;
  std::string current_;
  size_t current_link_bytes_ = 0;
};

// Reads a JSON-LD block and fills what the meta tags did not.
void ReadJsonLd(std::string_view json_text, HtmlPage& page) {
  auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return;
  std::vector<nlohmann::json> candidates;
  if (json.is_array()) {
    candidates.assign(json.begin(), json.end());
  } else if (json.contains("@graph") && json["@graph"].is_array()) {
    candidates.assign(json["@graph"].begin(), json["@graph"].end());
  } else {
    candidates.push_back(json);
  }
  for (const auto& item : candidates) {
    if (!item.is_object()) continue;
    std::string type = item.value("@type", "");
    if (!(std::string_view(type).find("Article") != std::string_view::npos)) continue;
    if (page.title.empty() && item.contains("headline") && item["headline"].is_string()) {
      page.title = item["headline"].get<std::string>();
    }
    if (page.published.empty() && item.contains("datePublished") && item["datePublished"].is_string()) {
      page.published = item["datePublished"].get<std::string>();
    }
    if (page.authors.empty() && item.contains("author")) {
      auto authors = item["author"].is_array() ? item["author"] : nlohmann::json::array({item["author"]});
      for (const auto& author : authors) {
        if (author.is_object() && author.contains("name") && author["name"].is_string()) {
          page.authors.push_back(author["name"].get<std::string>());
        } else if (author.is_string()) {
          page.authors.push_back(author.get<std::string>());
        }
      }
    }
    if (page.site_name.empty() && item.contains("publisher") && item["publisher"].is_object() &&
        item["publisher"].contains("name") && item["publisher"]["name"].is_string()) {
      page.site_name = item["publisher"]["name"].get<std::string>();
    }
  }
}

void ReadHead(const GumboNode* node, HtmlPage& page, std::string& title_tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_META) {
    std::string key = strings::ToLowerAscii(Attribute(node, "property").empty() ? Attribute(node, "name")
                                                                                : Attribute(node, "property"));
    std::string content = CollapseWhitespace(Attribute(node, "content"));
    if (content.empty()) return;
    if (key == "og:title" && page.title.empty()) page.title = content;
    if (key == "og:site_name" && page.site_name.empty()) page.site_name = content;
    if (key == "og:url" && page.canonical_url.empty()) page.canonical_url = content;
    if ((key == "article:published_time" || key == "date" || key == "pubdate") && page.published.empty()) {
      page.published = content;
    }
    if ((key == "author" || key == "article:author") && !std::string_view(content).starts_with("http")) {
      page.authors.push_back(content);
    }
    return;
  }
  if (tag == GUMBO_TAG_LINK && strings::ToLowerAscii(Attribute(node, "rel")) == "canonical") {
    page.canonical_url = std::string(Attribute(node, "href"));
    return;
  }
  if (tag == GUMBO_TAG_TITLE) {
    AppendAllText(node, title_tag);
    return;
  }
  if (tag == GUMBO_TAG_SCRIPT) {
    if (strings::ToLowerAscii(Attribute(node, "type")) == "application/ld+json") {
      std::string json;
      AppendAllText(node, json);
      ReadJsonLd(json, page);
    }
    return;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    ReadHead(static_cast<const GumboNode*>(children.data[i]), page, title_tag);
  }
}

}  // namespace

HtmlPage ParseHtmlPage(std::string_view html, const Lexicon& lexicon) {
  HtmlPage page;
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  std::string title_tag;
  ReadHead(output->root, page, title_tag);
  if (page.title.empty()) page.title = CollapseWhitespace(title_tag);

  const GumboNode* root = FindFirst(output->root, GUMBO_TAG_ARTICLE);
  if (!root) root = FindFirst(output->root, GUMBO_TAG_MAIN);
  if (!root) root = FindFirst(output->root, GUMBO_TAG_BODY);
  if (!root) root = output->root;
  if (page.published.empty()) {
    if (const GumboNode* time = FindFirst(root, GUMBO_TAG_TIME)) {
      page.published = std::string(Attribute(time, "datetime"));
    }
  }
  BodyWalker walker(lexicon, page);
  walker.WalkChildren(root);
  walker.Flush(GUMBO_TAG_P);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return page;
}

}  // namespace dossier::engine
