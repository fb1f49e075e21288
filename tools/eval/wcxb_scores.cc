#include "wcxb_scores.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <vector>

#include "dossier/common/strings.h"
#include "wcxb_pages.h"

namespace dossier::eval {
namespace {

bool IsWordCharacter(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return true;
    default:
      return false;
  }
}

struct Totals {
  int pages = 0;
  double precision = 0, recall = 0, f1 = 0;
  void Add(const PageScore& score) {
    ++pages;
    precision += score.precision, recall += score.recall, f1 += score.f1;
  }
  void Print(const std::string& name) const {
    if (pages == 0) return;
    std::printf("%-16s %6d %9.4f %9.4f %9.4f\n", name.c_str(), pages, f1 / pages, precision / pages, recall / pages);
  }
};

constexpr const char* kKinds[] = {"article", "listing", "forum", "product"};

// The page kind the normalizer's quality flags give: "article" unless one says otherwise.
std::string KindOf(const std::vector<v1::ArticleQualityFlag>& flags) {
  for (v1::ArticleQualityFlag flag : flags) {
    if (flag == v1::ARTICLE_QUALITY_FLAG_LISTING_PAGE) return "listing";
    if (flag == v1::ARTICLE_QUALITY_FLAG_FORUM_PAGE) return "forum";
    if (flag == v1::ARTICLE_QUALITY_FLAG_PRODUCT_PAGE) return "product";
  }
  return "article";
}

struct ScoredPage {
  std::string id, type, url, problem, kind;
  PageScore score;
};

}  // namespace

std::map<std::string, int> WcxbTokens(std::string_view text) {
  icu::UnicodeString lower =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  lower.toLower(icu::Locale::getRoot());
  std::map<std::string, int> tokens;
  icu::UnicodeString word;
  auto flush = [&] {
    if (word.isEmpty()) return;
    std::string utf8;
    word.toUTF8String(utf8);
    ++tokens[utf8];
    word.remove();
  };
  for (int32_t i = 0; i < lower.length();) {
    UChar32 c = lower.char32At(i);
    i += U16_LENGTH(c);
    if (IsWordCharacter(c)) {
      word.append(c);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

PageScore ScorePage(const std::map<std::string, int>& predicted, const std::map<std::string, int>& gold) {
  auto count = [](const std::map<std::string, int>& bag) {
    int total = 0;
    for (const auto& [token, n] : bag) total += n;
    return total;
  };
  int predicted_total = count(predicted), gold_total = count(gold);
  if (gold_total == 0) return predicted_total == 0 ? PageScore{1, 1, 1} : PageScore{0, 0, 0};
  if (predicted_total == 0) return {};
  int overlap = 0;
  for (const auto& [token, n] : predicted) {
    if (auto it = gold.find(token); it != gold.end()) overlap += std::min(n, it->second);
  }
  double precision = double(overlap) / predicted_total, recall = double(overlap) / gold_total;
  return {precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0};
}

absl::Status ScoreWcxb(const std::string& dir, const engine::Normalizer& normalizer, size_t worst,
                       const std::string& worst_type) {
  auto pages = ListWcxbPages(dir);
  if (!pages.ok()) return pages.status();
  std::map<std::string, Totals> by_type;
  Totals all;
  std::map<std::string, int> failures;  // reason -> pages
  int threw = 0;
  std::map<std::string, std::map<std::string, int>> kinds;  // page type -> kind flagged -> pages
  std::vector<std::string> empty_articles;
  std::vector<ScoredPage> listed_pages;  // of the worst_type
  for (const WcxbPage& listed : *pages) {
    ScoredPage page{listed.id, listed.type, listed.url, "", {}};
    auto html = ReadGzipFile(listed.html_path);
    if (!html.ok()) return html.status();
    std::string gold = ReadWcxbGold(listed);
    engine::RawDocument raw;
    // A few pages have no URL in pages.tsv: the normalizer wants one, any will do.
    raw.url = page.url.empty() ? strings::Cat("https://wcxb.invalid/", page.id) : page.url;
    raw.content = std::move(*html);
    raw.format = v1::CONTENT_FORMAT_HTML;
    std::string predicted;
    std::string kind = "article";
    try {
      auto article = normalizer.Normalize(raw);
      if (article.ok()) {
        kind = KindOf(article->quality_flags);
        predicted = article->title.empty() ? article->clean_text : article->title + "\n\n" + article->clean_text;
      } else {
        std::string reason(article.status().message());
        page.problem = reason;
        ++failures[reason.substr(0, reason.find('('))];
      }
    } catch (const std::exception& e) {
      page.problem = strings::Cat("threw: ", e.what());
      ++threw;
    }
    auto gold_tokens = WcxbTokens(gold);
    page.score = ScorePage(WcxbTokens(predicted), gold_tokens);
    ++kinds[page.type][kind];
    page.kind = kind;
    all.Add(page.score);
    by_type[page.type].Add(page.score);
    if (page.type == "article" && predicted.empty() && !gold_tokens.empty()) empty_articles.push_back(page.id);
    if (worst_type == "all" || page.type == worst_type) listed_pages.push_back(std::move(page));
  }
  std::printf("%-16s %6s %9s %9s %9s\n", "WCXB pages", "pages", "F1", "precision", "recall");
  all.Print("all");
  for (const auto& [type, totals] : by_type) totals.Print(type);
  std::printf("\nnormalization threw on %d pages; %zu article pages came back empty: %s\n", threw,
              empty_articles.size(), strings::Join(empty_articles, " ").c_str());
  for (const auto& [reason, pages] : failures) std::printf("  rejected (%d pages): %s\n", pages, reason.c_str());
  std::printf("\npage kind flagged (rows: WCXB page type)\n%-16s", "");
  for (const char* kind : kKinds) std::printf(" %8s", kind);
  std::printf("\n");
  for (const auto& [type, flagged] : kinds) {
    std::printf("%-16s", type.c_str());
    for (const char* kind : kKinds) {
      auto it = flagged.find(kind);
      std::printf(" %8d", it == flagged.end() ? 0 : it->second);
    }
    std::printf("\n");
  }
  std::sort(listed_pages.begin(), listed_pages.end(),
            [](const ScoredPage& a, const ScoredPage& b) { return a.score.f1 < b.score.f1; });
  if (worst > 0) {
    std::printf("\nworst %zu %s pages:\n%-5s %6s %6s %6s %-8s %s\n", worst, worst_type.c_str(), "id", "F1", "P", "R",
                "flagged", "url");
  }
  for (size_t i = 0; i < std::min(worst, listed_pages.size()); ++i) {
    const ScoredPage& page = listed_pages[i];
    std::printf("%-5s %6.3f %6.3f %6.3f %-8s %s%s%s\n", page.id.c_str(), page.score.f1, page.score.precision,
                page.score.recall, page.kind.c_str(), page.url.c_str(), page.problem.empty() ? "" : "  -- ",
                page.problem.c_str());
  }
  return absl::OkStatus();
}

}  // namespace dossier::eval
