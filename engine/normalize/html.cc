#include "engine/normalize/html.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_split.h>
#include <absl/strings/strip.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "dossier/common/strings.h"
#include "engine/lexicon/word_sets.h"
#include "engine/normalize/page_kind.h"
#include "engine/normalize/plain_text.h"
#include "engine/normalize/text.h"

namespace dossier::engine {
namespace {

constexpr size_t kPreviewBytes = 60;

// The elements the walker tells apart; everything else is kOther.
enum class Tag {
  kOther,
  kA,
  kArticle,
  kAside,
  kBody,
  kBr,
  kButton,
  kFigure,
  kForm,
  kFooter,
  kH1,
  kHeader,
  kIframe,
  kLink,
  kMain,
  kMeta,
  kNav,
  kNoscript,
  kP,
  kScript,
  kSelect,
  kStyle,
  kSvg,
  kTemplate,
  kTime,
  kTitle,
  kBlock,
};

// libxml2's HTML parser gives lower-case element names.
Tag TagOf(const xmlNode* node) {
  static const WordMap<Tag> kTags = {{"a", Tag::kA},
                                     {"article", Tag::kArticle},
                                     {"aside", Tag::kAside},
                                     {"body", Tag::kBody},
                                     {"br", Tag::kBr},
                                     {"button", Tag::kButton},
                                     {"form", Tag::kForm},
                                     {"figcaption", Tag::kFigure},
                                     {"figure", Tag::kFigure},
                                     {"footer", Tag::kFooter},
                                     {"h1", Tag::kH1},
                                     {"header", Tag::kHeader},
                                     {"iframe", Tag::kIframe},
                                     {"link", Tag::kLink},
                                     {"main", Tag::kMain},
                                     {"meta", Tag::kMeta},
                                     {"nav", Tag::kNav},
                                     {"noscript", Tag::kNoscript},
                                     {"p", Tag::kP},
                                     {"script", Tag::kScript},
                                     {"select", Tag::kSelect},
                                     {"style", Tag::kStyle},
                                     {"svg", Tag::kSvg},
                                     {"template", Tag::kTemplate},
                                     {"time", Tag::kTime},
                                     {"title", Tag::kTitle},
                                     // Other elements that start and end a block of text.
                                     {"div", Tag::kBlock},
                                     {"li", Tag::kBlock},
                                     {"ul", Tag::kBlock},
                                     {"ol", Tag::kBlock},
                                     {"h2", Tag::kBlock},
                                     {"h3", Tag::kBlock},
                                     {"h4", Tag::kBlock},
                                     {"h5", Tag::kBlock},
                                     {"h6", Tag::kBlock},
                                     {"blockquote", Tag::kBlock},
                                     {"section", Tag::kBlock},
                                     {"tr", Tag::kBlock},
                                     {"table", Tag::kBlock},
                                     {"pre", Tag::kBlock},
                                     {"dl", Tag::kBlock},
                                     {"dt", Tag::kBlock},
                                     {"dd", Tag::kBlock},
                                     {"address", Tag::kBlock},
                                     {"hr", Tag::kBlock}};
  if (node->type != XML_ELEMENT_NODE || !node->name) return Tag::kOther;
  auto it = kTags.find(reinterpret_cast<const char*>(node->name));
  return it == kTags.end() ? Tag::kOther : it->second;
}

std::string_view Text(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

std::string_view Attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attribute = node->properties; attribute; attribute = attribute->next) {
    if (Text(attribute->name) == name) return attribute->children ? Text(attribute->children->content) : "";
  }
  return {};
}

// Reason to drop an element by its tag, or UNSPECIFIED to keep it.
StrippedBlockReason ReasonForTag(Tag tag) {
  switch (tag) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kNoscript:
    case Tag::kTemplate:
      return v1::STRIPPED_BLOCK_REASON_SCRIPT_OR_STYLE;
    case Tag::kNav:
      return v1::STRIPPED_BLOCK_REASON_NAVIGATION;
    case Tag::kHeader:
    case Tag::kFooter:
      return v1::STRIPPED_BLOCK_REASON_HEADER_OR_FOOTER;
    case Tag::kAside:
      return v1::STRIPPED_BLOCK_REASON_RELATED_LINKS;
    case Tag::kFigure:  // a picture and its caption and credit: not the story's text
    case Tag::kForm:
    case Tag::kButton:
    case Tag::kIframe:
    case Tag::kSvg:
    case Tag::kSelect:
      return v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE;
    default:
      return v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
  }
}

// Reason to drop an element by words in its class and id ("share-bar", "comments").
StrippedBlockReason ReasonForClass(const xmlNode* node) {
  static const std::array<std::pair<std::string_view, StrippedBlockReason>, 22> kWords = {{
      {"share", v1::STRIPPED_BLOCK_REASON_SHARE_BAR},
      {"social", v1::STRIPPED_BLOCK_REASON_SHARE_BAR},
      {"related", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"recommend", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"sidebar", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"trending", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"popular", v1::STRIPPED_BLOCK_REASON_RELATED_LINKS},
      {"caption", v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE},
      {"tags", v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE},
      {"audio", v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE},  // "Listen to this article"
      {"bio", v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE},    // the writer's biography
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
  const std::string written = std::string(Attribute(node, "class")) + " " + std::string(Attribute(node, "id"));
  const std::string names = strings::ToLowerAscii(written);
  // A word counts where a name or a part of one starts: "main-menu", "menu_item" and
  // "mainMenu", not "contextmenu".
  auto starts_a_part = [&](std::string_view word) {
    for (size_t at = names.find(word); at != std::string::npos; at = names.find(word, at + 1)) {
      if (at == 0 || !absl::ascii_isalpha(static_cast<unsigned char>(names[at - 1])) ||
          absl::ascii_isupper(static_cast<unsigned char>(written[at]))) {
        return true;
      }
    }
    return false;
  };
  for (const auto& [word, reason] : kWords) {
    // "commentary" names an opinion piece, not reader comments.
    if (starts_a_part(word) &&
        (reason != v1::STRIPPED_BLOCK_REASON_COMMENTS || names.find("commentar") == std::string::npos)) {
      return reason;
    }
  }
  return v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
}

bool IsBlock(Tag tag) {
  return tag == Tag::kBlock || tag == Tag::kP || tag == Tag::kH1 || tag == Tag::kBr || tag == Tag::kArticle ||
         tag == Tag::kMain;
}

bool IsText(const xmlNode* node) { return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE; }

void AppendAllText(const xmlNode* node, std::string& out) {
  if (IsText(node)) {
    out += Text(node->content);
    out += ' ';
  } else if (node->type == XML_ELEMENT_NODE) {
    for (const xmlNode* child = node->children; child; child = child->next) AppendAllText(child, out);
  }
}

const xmlNode* FindFirst(const xmlNode* node, Tag tag) {
  if (node->type != XML_ELEMENT_NODE) return nullptr;
  if (TagOf(node) == tag) return node;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (auto* found = FindFirst(child, tag)) return found;
  }
  return nullptr;
}

// Elements whose text is never the page's content, wherever they sit. (A <noscript>, a
// <button> or a <select> left open can hold the rest of the page in libxml2's tree.)
bool NeverContent(Tag tag) {
  return tag == Tag::kScript || tag == Tag::kStyle || tag == Tag::kSvg || tag == Tag::kIframe;
}

// The bytes of `text` that are not spaces: what both text measures count.
size_t NonSpaceBytes(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                           [](char c) { return !absl::ascii_isspace(static_cast<unsigned char>(c)); }));
}

// A dialog a page ships closed (refund policies, size guides, sign-up forms): its text is
// never the page's content, however long it runs.
bool IsDialog(const xmlNode* node) {
  std::string_view role = Attribute(node, "role");
  return Text(node->name) == "dialog" || Attribute(node, "aria-modal") == "true" || role == "dialog" ||
         role == "alertdialog";
}

// Bytes of the text a reader reads in each element: not spaces, not in links or scripts, not
// in reader comments unless the page is a forum. Navigation, headers, asides and forms count
// too: broken markup can leave the whole article inside one ("<aside class=popup>" never closed).
class ContentBytes {
 public:
  explicit ContentBytes(bool comments_are_content) : comments_are_content_(comments_are_content) {}

  /// Measures `node` and every element under it; returns its bytes.
  size_t Measure(const xmlNode* node, bool in_link = false) {
    if (IsText(node)) {
      return in_link ? 0 : NonSpaceBytes(Text(node->content));
    }
    if (node->type != XML_ELEMENT_NODE) return 0;
    Tag tag = TagOf(node);
    // Reader comments can outweigh the story; they are never its content.
    if (NeverContent(tag) || Text(node->name) == "option" || IsDialog(node) ||
        (!comments_are_content_ && ReasonForClass(node) == v1::STRIPPED_BLOCK_REASON_COMMENTS)) {
      return 0;
    }
    size_t bytes = 0;
    for (const xmlNode* child = node->children; child; child = child->next) {
      bytes += Measure(child, in_link || tag == Tag::kA);
    }
    bytes_of_[node] = bytes;
    return bytes;
  }

  /// The bytes of a measured element; 0 for one never measured.
  size_t Of(const xmlNode* node) const {
    auto it = bytes_of_.find(node);
    return it == bytes_of_.end() ? 0 : it->second;
  }

  bool comments_are_content() const { return comments_are_content_; }

 private:
  const bool comments_are_content_;
  std::unordered_map<const xmlNode*, size_t> bytes_of_;
};

bool IsContainer(const xmlNode* node) {
  static const WordSet kContainers = {"div",   "section", "article", "main", "td",
                                      "aside", "header",  "footer",  "nav",  "form"};
  return node->type == XML_ELEMENT_NODE && node->name &&
         kContainers.contains(reinterpret_cast<const char*>(node->name));
}

// The page's main content: the deepest container (div, section, article, main) that holds
// most of the text a reader reads on the page, so that related-story cards, sidebars and
// widgets beside it fall away whatever their markup; the body itself when no container does.
const xmlNode* ChooseContentRoot(const xmlNode* body, const ContentBytes& content) {
  constexpr double kMainShare = 0.6;
  const double enough = kMainShare * static_cast<double>(content.Of(body));
  if (enough == 0) return body;  // nothing readable: no container is the content
  const xmlNode* root = body;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const xmlNode* child = root->children; child; child = child->next) {
      if (IsContainer(child) && static_cast<double>(content.Of(child)) >= enough) {
        root = child;
        deeper = true;
        break;
      }
    }
  }
  return root;
}

// The <body> to look for content in. Text after a stray "</body></html>" lands in a second
// <html>, beside the first or inside it: of the bodies of every such <html>, the one that
// holds most readable text. Measures every element of the document.
const xmlNode* ContentBody(const xmlNode* top, ContentBytes& content) {
  const xmlNode* body = nullptr;
  auto consider = [&](const xmlNode* html_element) {
    const xmlNode* candidate = FindFirst(html_element, Tag::kBody);
    if (!candidate) candidate = html_element;
    if (!body || content.Of(candidate) > content.Of(body)) body = candidate;
  };
  for (const xmlNode* node = top; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    content.Measure(node);
    consider(node);
    for (const xmlNode* child = node->children; child; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && Text(child->name) == "html") consider(child);
    }
  }
  return body;
}

// All text bytes under `node` (not spaces, not scripts), and how many of them are in links.
struct TextBytes {
  size_t all = 0, in_links = 0;
};
void CountTextBytes(const xmlNode* node, bool in_link, TextBytes& bytes) {
  if (IsText(node)) {
    size_t n = NonSpaceBytes(Text(node->content));
    bytes.all += n;
    if (in_link) bytes.in_links += n;
    return;
  }
  if (node->type != XML_ELEMENT_NODE || NeverContent(TagOf(node))) return;
  for (const xmlNode* child = node->children; child; child = child->next) {
    CountTextBytes(child, in_link || TagOf(node) == Tag::kA, bytes);
  }
}

bool NamesAPost(std::string_view class_names) {
  std::string names = strings::ToLowerAscii(class_names);
  for (std::string_view word : {"post", "reply", "message", "answer", "thread"}) {
    if (names.find(word) != std::string::npos) return true;
  }
  return false;
}

// Finds runs of four or more sibling elements of one tag and class that each hold a link
// (cards, posts), outside navigation and other furniture, and adds them to `signals`.
void CountRepeatedBlocks(const xmlNode* node, PageSignals& signals) {
  constexpr size_t kMinRun = 4;
  std::unordered_map<std::string, std::vector<const xmlNode*>> runs;
  std::vector<const xmlNode*> others;
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE || NeverContent(TagOf(child))) continue;
    if (ReasonForTag(TagOf(child)) != v1::STRIPPED_BLOCK_REASON_UNSPECIFIED ||
        ReasonForClass(child) != v1::STRIPPED_BLOCK_REASON_UNSPECIFIED) {
      continue;
    }
    runs[strings::Cat(Text(child->name), " ", Attribute(child, "class"))].push_back(child);
  }
  for (auto& [key, members] : runs) {
    size_t linked = static_cast<size_t>(std::count_if(
        members.begin(), members.end(), [](const xmlNode* member) { return FindFirst(member, Tag::kA) != nullptr; }));
    if (members.size() < kMinRun || linked * 4 < members.size() * 3) {
      others.insert(others.end(), members.begin(), members.end());
      continue;
    }
    TextBytes bytes;
    for (const xmlNode* member : members) CountTextBytes(member, false, bytes);
    signals.card_count += members.size();
    signals.card_bytes += bytes.all;
    if (NamesAPost(Attribute(members.front(), "class"))) {
      signals.post_count += members.size();
      signals.post_bytes += bytes.all;
    }
  }
  for (const xmlNode* other : others) CountRepeatedBlocks(other, signals);
}

bool HoldsATable(const xmlNode* node) {
  for (const xmlNode* child = node->children; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && (Text(child->name) == "table" || HoldsATable(child))) return true;
  }
  return false;
}

class BodyWalker {
 public:
  BodyWalker(const Lexicon& lexicon, HtmlPage& page, const ContentBytes& content, size_t root_bytes)
      : lexicon_(lexicon), page_(page), content_(content), root_bytes_(root_bytes) {}

  void Walk(const xmlNode* node, bool in_link) {
    if (IsText(node)) {
      std::string_view text = Text(node->content);
      current_ += text;
      if (in_link) current_link_bytes_ += text.size();
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    Tag tag = TagOf(node);
    // A tag or a class name says "aside" or "sidebar"; an element that holds most of the
    // content is a wrapper whatever it says ("post has-sidebar", an unclosed <aside>), and
    // so is <main>, whose class names describe the layout ("hasSidebar").
    const StrippedBlockReason by_class = ReasonForClass(node);
    StrippedBlockReason reason = IsDialog(node) ? v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE : ReasonForTag(tag);
    // A figure that holds a table is data the story presents, not a picture's caption.
    if (tag == Tag::kFigure && HoldsATable(node)) reason = v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
    // A forum's posts sit in its moderation <form>.
    if (!NeverContent(tag) && (HoldsMostOfTheContent(node) || (tag == Tag::kForm && content_.comments_are_content()))) {
      reason = v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
    } else if (reason == v1::STRIPPED_BLOCK_REASON_UNSPECIFIED && tag != Tag::kMain) {
      reason = by_class;
    }
    // Reader comments are never the story, however much of the page they fill; a forum's
    // posts are its content.
    if (by_class == v1::STRIPPED_BLOCK_REASON_COMMENTS) {
      if (!content_.comments_are_content()) {
        reason = v1::STRIPPED_BLOCK_REASON_COMMENTS;
      } else if (reason == v1::STRIPPED_BLOCK_REASON_COMMENTS) {
        reason = v1::STRIPPED_BLOCK_REASON_UNSPECIFIED;
      }
    }
    if (reason != v1::STRIPPED_BLOCK_REASON_UNSPECIFIED) {
      std::string text;
      AppendAllText(node, text);
      Strip(reason, CollapseWhitespace(text));
      return;
    }
    bool block = IsBlock(tag);
    if (block) Flush(tag);
    for (const xmlNode* child = node->children; child; child = child->next) {
      Walk(child, in_link || tag == Tag::kA);
    }
    if (block) Flush(tag);
    // Table cells share a line but not a word.
    if (Text(node->name) == "td" || Text(node->name) == "th") current_ += ' ';
  }

  /// Walks the children of the content root; the root's own class names do not strip it.
  void WalkChildren(const xmlNode* root) {
    if (root->type != XML_ELEMENT_NODE) return;
    for (const xmlNode* child = root->children; child; child = child->next) Walk(child, false);
  }

  void Flush(Tag tag) {
    std::string text = CollapseWhitespace(current_);
    size_t link_bytes = current_link_bytes_;
    current_.clear();
    current_link_bytes_ = 0;
    if (text.empty()) return;
    page_.text_bytes += text.size();
    page_.link_bytes += std::min(link_bytes, text.size());
    if (lexicon_.IsFurnitureLine(text)) {
      Strip(v1::STRIPPED_BLOCK_REASON_PAGE_FURNITURE, text);
    } else if (link_bytes * 10 > text.size() * 6 && page_.kind != PageKind::kListing) {
      Strip(v1::STRIPPED_BLOCK_REASON_LINK_DENSE, text);
    } else if (tag == Tag::kH1 && FoldForMatching(text) == FoldForMatching(page_.title)) {
      // The headline repeated above the body; the title field has it.
    } else if (auto authors = BylineAuthors(text); authors && page_.paragraphs.size() <= kMaxParagraphsBeforeByline) {
      if (page_.authors.empty()) page_.authors.emplace_back(*authors);
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

  bool HoldsMostOfTheContent(const xmlNode* node) const { return content_.Of(node) * 2 > root_bytes_; }

  const Lexicon& lexicon_;
  HtmlPage& page_;
  const ContentBytes& content_;
  const size_t root_bytes_;
  std::string current_;
  size_t current_link_bytes_ = 0;
};

// JSON-LD is written by hand and by every CMS its own way: a field may hold a string, a list,
// an object or a list of objects, and items nest in lists and "@graph"s. These readers take
// what they can from any shape and never throw.

// The strings a value holds: itself, or the strings of a list.
std::vector<std::string> StringsOf(const nlohmann::json& value) {
  std::vector<std::string> strings;
  if (value.is_string()) {
    strings.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& element : value) {
      if (element.is_string()) strings.push_back(element.get<std::string>());
    }
  }
  return strings;
}

std::string FirstStringOf(const nlohmann::json& value) {
  std::vector<std::string> strings = StringsOf(value);
  return strings.empty() ? "" : strings.front();
}

// The names a value gives: strings, objects' "name"s, or lists of either.
std::vector<std::string> NamesOf(const nlohmann::json& value) {
  std::vector<std::string> names;
  auto add = [&](const nlohmann::json& element) {
    std::string name =
        element.is_object() && element.contains("name") ? FirstStringOf(element["name"]) : FirstStringOf(element);
    if (!name.empty()) names.push_back(std::move(name));
  };
  if (value.is_array()) {
    for (const auto& element : value) add(element);
  } else {
    add(value);
  }
  return names;
}

// The objects of a JSON-LD block: the block, the elements of lists and of "@graph"s, to a
// bounded depth.
void CollectItems(const nlohmann::json& value, int depth, std::vector<const nlohmann::json*>& items) {
  constexpr int kMaxDepth = 4;
  if (depth > kMaxDepth) return;
  if (value.is_array()) {
    for (const auto& element : value) CollectItems(element, depth + 1, items);
  } else if (value.is_object()) {
    items.push_back(&value);
    if (auto graph = value.find("@graph"); graph != value.end()) CollectItems(*graph, depth + 1, items);
  }
}

// Reads a JSON-LD block and fills what the meta tags did not.
void ReadJsonLd(std::string_view json_text, HtmlPage& page) {
  auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return;
  std::vector<const nlohmann::json*> items;
  CollectItems(json, 0, items);
  for (const nlohmann::json* item : items) {
    auto field = [&](const char* name) -> const nlohmann::json& {
      static const nlohmann::json kNull;
      auto it = item->find(name);
      return it == item->end() ? kNull : *it;
    };
    std::vector<std::string> types = StringsOf(field("@type"));
    page.signals.schema_types.insert(types.begin(), types.end());
    // "NewsArticle", "ReportageNewsArticle", "BlogPosting", "LiveBlogPosting".
    if (std::none_of(types.begin(), types.end(), [](const std::string& type) {
          return type.find("Article") != std::string::npos || type.find("Posting") != std::string::npos;
        })) {
      continue;
    }
    if (page.title.empty()) page.title = FirstStringOf(field("headline"));
    if (page.published.empty()) page.published = FirstStringOf(field("datePublished"));
    if (page.authors.empty()) page.authors = NamesOf(field("author"));
    if (page.site_name.empty()) {
      std::vector<std::string> publishers = NamesOf(field("publisher"));
      if (!publishers.empty()) page.site_name = publishers.front();
    }
  }
}

void ReadHead(const xmlNode* node, HtmlPage& page, std::string& title_tag) {
  if (node->type != XML_ELEMENT_NODE) return;
  // Microdata: itemtype="https://schema.org/Product".
  if (std::string_view itemtype = Attribute(node, "itemtype"); !itemtype.empty()) {
    page.signals.schema_types.emplace(itemtype.substr(itemtype.rfind('/') + 1));
  }
  Tag tag = TagOf(node);
  if (tag == Tag::kMeta) {
    std::string key = strings::ToLowerAscii(Attribute(node, "property").empty() ? Attribute(node, "name")
                                                                                : Attribute(node, "property"));
    std::string content = CollapseWhitespace(Attribute(node, "content"));
    if (content.empty()) return;
    if (key == "og:title" && page.title.empty()) page.title = content;
    if (key == "og:site_name" && page.site_name.empty()) page.site_name = content;
    if (key == "og:type") page.signals.og_type = strings::ToLowerAscii(content);
    if (key == "og:url" && page.canonical_url.empty()) page.canonical_url = content;
    if ((key == "article:published_time" || key == "date" || key == "pubdate") && page.published.empty()) {
      page.published = content;
    }
    if ((key == "author" || key == "article:author") && !std::string_view(content).starts_with("http")) {
      page.authors.push_back(content);
    }
    return;
  }
  if (tag == Tag::kLink && strings::ToLowerAscii(Attribute(node, "rel")) == "canonical") {
    page.canonical_url = std::string(Attribute(node, "href"));
    return;
  }
  if (tag == Tag::kTitle) {
    AppendAllText(node, title_tag);
    return;
  }
  if (tag == Tag::kScript) {
    if (strings::ToLowerAscii(Attribute(node, "type")) == "application/ld+json") {
      std::string json;
      AppendAllText(node, json);
      ReadJsonLd(json, page);
    }
    return;
  }
  for (const xmlNode* child = node->children; child; child = child->next) ReadHead(child, page, title_tag);
}

// Vue and Alpine.js write attributes named "@click" and ":class", which libxml2's HTML
// parser (2.9) cannot read: it ends the tag there and the rest of the attributes, scripts
// and all, become page text. They are renamed "data-click" and "data-class" before parsing.
std::string_view WithReadableAttributeNames(std::string_view html, std::string& rewritten) {
  static const RE2 kFrameworkAttribute(R"re((\s)[@:]([A-Za-z_][-A-Za-z0-9_.:]*=))re");
  // Most pages have none: they are parsed as they are, without a copy.
  if (!RE2::PartialMatch(html, kFrameworkAttribute)) return html;
  rewritten.assign(html);
  RE2::GlobalReplace(&rewritten, kFrameworkAttribute, R"(\1data-\2)");
  return rewritten;
}

// The parsed document, freed when it goes out of scope.
struct DocumentDeleter {
  void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};

}  // namespace

HtmlPage ParseHtmlPage(std::string_view html, const Lexicon& lexicon) {
  // libxml2 must be initialised once before threads parse at the same time.
  static std::once_flag initialised;
  std::call_once(initialised, [] { xmlInitParser(); });
  HtmlPage page;
  std::string rewritten;
  html = WithReadableAttributeNames(html, rewritten);
  // Recovering parse of UTF-8 (the request's encoding, whatever the page declares), no
  // network access, no error output; text nodes keep every character.
  std::unique_ptr<xmlDoc, DocumentDeleter> document(htmlReadMemory(
      html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT));
  const xmlNode* top = document ? xmlDocGetRootElement(document.get()) : nullptr;
  if (!top) return page;
  std::string title_tag;
  ReadHead(top, page, title_tag);
  if (page.title.empty()) page.title = CollapseWhitespace(title_tag);

  // A forum's posts are its content, whatever their class names say; other pages' comments are not.
  ContentBytes content(ClassifyPage(page.signals) == PageKind::kForum);
  const xmlNode* body = ContentBody(top, content);
  const xmlNode* root = ChooseContentRoot(body, content);
  if (page.published.empty()) {
    if (const xmlNode* time = FindFirst(root, Tag::kTime)) page.published = std::string(Attribute(time, "datetime"));
  }
  TextBytes root_bytes;
  CountTextBytes(root, false, root_bytes);
  page.signals.root_bytes = root_bytes.all;
  page.signals.root_link_bytes = root_bytes.in_links;
  CountRepeatedBlocks(root, page.signals);
  page.kind = ClassifyPage(page.signals);
  auto walk = [&] {
    BodyWalker walker(lexicon, page, content, content.Of(root));
    walker.WalkChildren(root);
    walker.Flush(Tag::kP);
  };
  walk();
  // A page whose every block is links is a listing (a section front): its cards are its text.
  if (page.paragraphs.empty() && page.kind == PageKind::kArticle &&
      std::any_of(page.stripped_blocks.begin(), page.stripped_blocks.end(),
                  [](const StrippedBlock& block) { return block.reason == v1::STRIPPED_BLOCK_REASON_LINK_DENSE; })) {
    page.kind = PageKind::kListing;
    page.stripped_blocks.clear();
    page.text_bytes = page.link_bytes = 0;
    walk();
  }
  return page;
}

}  // namespace dossier::engine
