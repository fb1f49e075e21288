#pragma once

#include <cstddef>
#include <set>
#include <string>

namespace dossier::engine {

/// What kind of page an HTML document is, as far as its text goes: one story, or something
/// else that must not pass for one.
enum class PageKind {
  kArticle,  // one main text: news, blog post, guide, documentation
  kListing,  // cards linking elsewhere: indexes, categories, search results, product grids
  kForum,    // a thread or Q&A: posts by several writers
  kProduct,  // a single product for sale
};

/// What a page says of itself and how its content is built, read while parsing it.
struct PageSignals {
  /// schema.org types from JSON-LD "@type" and microdata "itemtype" ("Product", "QAPage").
  std::set<std::string> schema_types;
  /// Open Graph og:type, lower case ("article", "product", "website").
  std::string og_type;
  /// Runs of sibling elements of one tag and class (four or more), each holding a link: the
  /// cards of a listing or the posts of a thread. Bytes count all text, links included.
  size_t card_count = 0;
  size_t card_bytes = 0;
  /// Of those, the runs whose class names a post ("post", "comment", "reply", "message", "answer").
  size_t post_count = 0;
  size_t post_bytes = 0;
  /// All text under the content root, links included, and the part of it inside links.
  size_t root_bytes = 0;
  size_t root_link_bytes = 0;
};

/// Decides the kind from the page's own metadata where it says (Product with an Offer,
/// DiscussionForumPosting, QAPage, CollectionPage, og:type "product"), and else from its
/// build: a content root made mostly of short linked cards is a listing, one made mostly of
/// posts a forum. A page that declares itself an article stays one.
PageKind ClassifyPage(const PageSignals& signals);

}  // namespace dossier::engine
