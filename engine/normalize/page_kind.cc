#include "engine/normalize/page_kind.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace dossier::engine {
namespace {

bool HasAny(const std::set<std::string>& types, std::initializer_list<std::string_view> wanted) {
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](std::string_view type) { return types.contains(std::string(type)); });
}

}  // namespace

PageKind ClassifyPage(const PageSignals& signals) {
  const auto& types = signals.schema_types;
  // A thread's own type beats a generic og:type "article".
  if (HasAny(types, {"DiscussionForumPosting", "QAPage"})) return PageKind::kForum;
  if (HasAny(types, {"NewsArticle", "BlogPosting", "Article", "ReportageNewsArticle", "LiveBlogPosting"}) ||
      signals.og_type == "article") {
    return PageKind::kArticle;
  }
  if (types.contains("Comment")) return PageKind::kForum;
  if (signals.og_type == "product" || (HasAny(types, {"Product", "ProductGroup"}) && types.contains("Offer"))) {
    return PageKind::kProduct;
  }
  if (HasAny(types, {"CollectionPage", "SearchResultsPage"}) || signals.og_type == "product.group") {
    return PageKind::kListing;
  }
  constexpr double kPostShare = 0.5, kLinkShare = 0.25, kCardShare = 0.5;
  constexpr size_t kMinPosts = 4, kMinCards = 8;
  const double root = static_cast<double>(std::max<size_t>(signals.root_bytes, 1));
  if (signals.post_count >= kMinPosts && signals.post_bytes / root > kPostShare) return PageKind::kForum;
  if (signals.card_count >= kMinCards && signals.root_link_bytes / root > kLinkShare &&
      signals.card_bytes / root > kCardShare) {
    return PageKind::kListing;
  }
  return PageKind::kArticle;
}

}  // namespace dossier::engine
