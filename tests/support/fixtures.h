#pragma once

#include <string>

#include "dossier/v1/ingest_service.pb.h"

// Articles written for these tests (our own text).
namespace dossier::testing {

inline constexpr const char* kTalksText =
    "Sani and Mensah agree border commission\n"
    "Share\n"
    "Niger's Interior Minister Adamou Sani met Ghanaian envoy Efua Mensah in Niamey on Monday, the ministry said.\n"
    "Mensah praised the border police of Niger.\n"
    "The River Guard Front (RGF), an armed group, has blocked trucks near Tillaberi.\n"
    "Officials said the RGF is unlikely to attack the capital.\n"
    "0 Comments\n";

// kTalksText lightly rewritten by a syndication desk: the same story.
inline constexpr const char* kTalksRewriteText =
    "Sani, Mensah agree on border commission\n"
    "Niger's Interior Minister Adamou Sani met Ghanaian envoy Efua Mensah in Niamey on Monday, the ministry said.\n"
    "Mensah praised the border police of Niger.\n"
    "The River Guard Front (RGF), an armed group, has blocked lorries near Tillaberi.\n"
    "Officials said the RGF is unlikely to attack the capital.\n";

inline constexpr const char* kFollowUpText =
    "Second round of border talks\n"
    "Interior Minister Adamou Sani met Efua Mensah in Niamey on Monday, officials said.\n"
    "The RGF attacked a police post near Tillaberi on Sunday.\n"
    "Ghana and Niger will publish a joint report on the border by June.\n";

inline constexpr const char* kMarketText =
    "Cocoa exporters in Ghana expect a strong season\n"
    "Ghana expects cocoa exports to rise this year, the Cocoa Marketing Board said on Tuesday.\n"
    "Traders in Kumasi said prices had stabilised after a difficult winter.\n";

/// A raw article with the given text, URL and publication day.
inline v1::RawArticle Article(const std::string& text, const std::string& url,
                              const std::string& published = "2025-03-12") {
  v1::RawArticle article;
  article.set_content(text);
  article.set_url(url);
  article.set_published(published);
  article.set_source("Test Wire");
  return article;
}

}  // namespace dossier::testing
