#include "engine/normalize/normalizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/normalize/encoding.h"

namespace dossier::engine {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

class NormalizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = *Lexicon::Load(); }
  absl::StatusOr<NormalizedArticle> Normalize(std::string content, std::string published = "") {
    RawDocument raw;
    raw.url = "https://observer.example/2025/03/12/talks?utm_campaign=x";
    raw.content = std::move(content);
    raw.published = std::move(published);
    return Normalizer(lexicon_).Normalize(raw);
  }
  static std::shared_ptr<const Lexicon> lexicon_;
};
std::shared_ptr<const Lexicon> NormalizerTest::lexicon_;

constexpr const char* kPage = R"html(<!doctype html>
<html><head>
<title>Talks in Niamey | Observer</title>
<meta property="og:site_name" content="Sahel Observer">
<meta property="article:published_time" content="2025-03-12T08:30:00Z">
<link rel="canonical" href="https://observer.example/2025/03/12/talks">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Niger and Ghana hold talks",
 "author": {"@type": "Person", "name": "Awa Traore"}}</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie-banner">We use cookies. Accept all</div>
<article>
<h1>Niger and Ghana hold talks</h1>
<p>Interior Minister Salif Kone met envoy Ama Boateng in Niamey on Monday.</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<p>The two officials agreed to meet every quarter.</p>
<ul class="related-links"><li><a href="/a">Older story one</a></li><li><a href="/b">Older story two</a></li></ul>
<script>trackReader();</script>
</article>
<section id="comments"><p>3 Comments</p><p>Great piece, Kone met nobody!</p></section>
</body></html>)html";

TEST_F(NormalizerTest, HtmlKeepsArticleParagraphsAndDropsFurniture) {
  auto article = Normalize(kPage);
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text,
            "Interior Minister Salif Kone met envoy Ama Boateng in Niamey on Monday.\n\n"
            "The two officials agreed to meet every quarter.");
  EXPECT_THAT(article->stripped_blocks, Contains(Field(&StrippedBlock::reason, v1::STRIPPED_BLOCK_REASON_SHARE_BAR)));
  EXPECT_THAT(article->stripped_blocks,
              Contains(Field(&StrippedBlock::reason, v1::STRIPPED_BLOCK_REASON_RELATED_LINKS)));
}

// The story is where most of the page's readable text is: not in the related-story card
// that comes first, not lost in a popup left open, not under a class name that says
// "sidebar" on its wrapper or on <main>, not cut off by a stray end tag, and never the reader
// comments however long they run.
TEST_F(NormalizerTest, TheStoryIsWhereMostOfTheReadableTextIs) {
  const std::string story =
      "<p>Ferry services on Lake Volta resumed on Wednesday after repairs to the landing at Yeji, the "
      "transport company said, ending a two-week halt that had stranded traders and their goods.</p>"
      "<p>Passengers queued from dawn, and the first boat left for Makango with a full load of yams, "
      "charcoal and fish, a crew member said.</p>";
  const std::string card = "<article class=\"card\"><h3>Older story</h3><p>Dredging starts at Akosombo.</p></article>";
  auto first_article =
      Normalize("<html><body>" + card + "<div class=\"post has-sidebar\"><div class=\"entry\">" + story +
                "</div><div class=\"sidebar\"><p>About us: a small newsroom.</p></div>" + "</div></body></html>");
  ASSERT_TRUE(first_article.ok()) << first_article.status();
  EXPECT_THAT(first_article->clean_text, HasSubstr("Ferry services on Lake Volta resumed"));
  EXPECT_THAT(first_article->clean_text, Not(HasSubstr("Dredging")));
  EXPECT_THAT(first_article->clean_text, Not(HasSubstr("About us")));

  auto open_popup = Normalize("<html><body><aside class=\"popup\"><div><p>Subscribe!</p>" + story + "</body></html>");
  ASSERT_TRUE(open_popup.ok()) << open_popup.status();
  EXPECT_THAT(open_popup->clean_text, HasSubstr("Passengers queued from dawn"));

  std::string comments = "<div class=\"comments\">";
  for (int i = 0; i < 20; ++i)
    comments += "<p>Reader " + std::to_string(i) + ": I took that ferry for years and loved it.</p>";
  auto long_comments =
      Normalize("<html><body><div class=\"post\">" + story + "</div>" + comments + "</div></body></html>");
  ASSERT_TRUE(long_comments.ok()) << long_comments.status();
  EXPECT_THAT(long_comments->clean_text, HasSubstr("Ferry services"));
  EXPECT_THAT(long_comments->clean_text, Not(HasSubstr("Reader 3")));

  // Comments in a wrapper of their own that outweighs the story's wrapper.
  auto comments_apart = Normalize("<html><body><div class=\"wrap\"><div>" + story + "</div></div><div class=\"wrap\">" +
                                  comments + "</div></div></body></html>");
  ASSERT_TRUE(comments_apart.ok()) << comments_apart.status();
  EXPECT_THAT(comments_apart->clean_text, HasSubstr("Ferry services"));
  EXPECT_THAT(comments_apart->clean_text, Not(HasSubstr("Reader 3")));

  // libxml2 puts what follows a stray "</body></html>" in a second top-level <html>.
  auto after_end = Normalize("<html><body><header><a href=\"/\">Home</a> Ferry news</header></body></html>" + story +
                             "</body></html>");
  ASSERT_TRUE(after_end.ok()) << after_end.status();
  EXPECT_THAT(after_end->clean_text, HasSubstr("Passengers queued from dawn"));

  // The months of an archive drop-down are no text a reader reads.
  std::string archive = "<div class=\"widgets\"><select name=\"archive\">";
  for (int year = 2010; year < 2026; ++year) {
    for (const char* month : {"January", "February", "March", "April", "May", "June", "July", "August"}) {
      archive += std::string("<option>") + month + " " + std::to_string(year) + "</option>";
    }
  }
  archive += "</select></div>";
  auto with_archive =
      Normalize("<html><body><div class=\"column\"><div>" + story + "</div></div>" + archive + "</body></html>");
  ASSERT_TRUE(with_archive.ok()) << with_archive.status();
  EXPECT_THAT(with_archive->clean_text, HasSubstr("Ferry services"));

  // A dialog the page ships closed is never the content, however long it runs.
  std::string policy = "<div id=\"refund-policy\" aria-modal=\"true\"><div><div>";
  for (int i = 0; i < 30; ++i) policy += "<p>Refunds are paid within 14 days of the return reaching our warehouse.</p>";
  policy += "</div></div></div>";
  auto with_dialog = Normalize("<html><body><div class=\"column\"><div>" + story + "</div></div><footer>" + policy +
                               "</footer><dialog><p>Sign up for our newsletter today and save on ferries.</p></dialog>"
                               "</body></html>");
  ASSERT_TRUE(with_dialog.ok()) << with_dialog.status();
  EXPECT_THAT(with_dialog->clean_text, HasSubstr("Ferry services"));
  EXPECT_THAT(with_dialog->clean_text, Not(HasSubstr("Refunds are paid")));
  EXPECT_THAT(with_dialog->clean_text, Not(HasSubstr("Sign up")));

  // <main> is the content whatever its class names say about the layout.
  auto main_with_sidebar = Normalize(
      "<html><body><nav><a href=\"/\">Home</a> <a href=\"/a\">About</a></nav>"
      "<main class=\"hasSidebar\">" +
      story + "</main><footer>Contact</footer></body></html>");
  ASSERT_TRUE(main_with_sidebar.ok()) << main_with_sidebar.status();
  EXPECT_THAT(main_with_sidebar->clean_text, HasSubstr("Ferry services"));

  auto commentary = Normalize("<html><body><div class=\"commentary-body\">" + story + "</div></body></html>");
  ASSERT_TRUE(commentary.ok()) << commentary.status();
  EXPECT_THAT(commentary->clean_text, HasSubstr("Ferry services"));
}

TEST_F(NormalizerTest, MalformedHtmlStillYieldsItsText) {
  // Unclosed paragraphs, a stray end tag, entities, a page that declares another charset.
  auto article = Normalize(
      "<html><head><meta charset=\"iso-8859-1\"><title>Border talks</title></head><body><article>"
      "<p>Kone&#8217;s team met Boateng &amp; aides in S&eacute;gou on Monday."
      "</div><p>They agreed to meet again <b>in May</article></body></html>");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text,
            "Kone\u2019s team met Boateng & aides in S\u00e9gou on Monday.\n\nThey agreed to meet again in May");
}

// Class words count where a name or a part of one starts ("mainMenu", "nav-menu"), not inside
// another word ("contextmenu" is a paragraph style).
TEST_F(NormalizerTest, ClassWordsMatchWhereANameStarts) {
  auto article = Normalize(
      "<html><body><article><div id=\"mainMenu\"><p>Home</p><p>Sport</p></div><div "
      "class=\"nav-menu\"><p>Weather</p></div>"
      "<p class=\"contextmenu Body\">Ferry services on Lake Volta resumed on Wednesday after repairs to the landing at "
      "Yeji.</p></article></body></html>");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text,
            "Ferry services on Lake Volta resumed on Wednesday after repairs to the landing at Yeji.");
}

// libxml2 cannot read attribute names that start with "@" or ":" (Vue, Alpine.js): the rest
// of the tag, scripts in attribute values and all, became page text.
TEST_F(NormalizerTest, FrameworkAttributesStayInTheirTags) {
  auto article = Normalize(
      "<html><body><ul :class=\"open ? 'open' : null\" @closemobile=\"$nextTick(() => $refs.menu.focus())\" "
      "x-init=\"menu = [{'ID': 501, 'post_status': 'publish'}]\"><li><a href=\"/\">Home</a></li></ul>"
      "<article><p>Ferry services on Lake Volta resumed on Wednesday after repairs to the landing at Yeji.</p>"
      "</article></body></html>");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text,
            "Ferry services on Lake Volta resumed on Wednesday after repairs to the landing at Yeji.");
}

TEST_F(NormalizerTest, DeeplyNestedHtmlIsReadWithoutExhaustingTheStack) {
  // 200,000 nested elements: the parser caps the depth, so the walk over the tree stays shallow.
  std::string html = "<html><body><article><p>Talks resumed in Accra on Monday.</p>";
  for (int i = 0; i < 200000; ++i) html += "<div>";
  html += "deep text";
  html += "</article></body></html>";
  auto article = Normalize(html);
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_THAT(article->clean_text, HasSubstr("Talks resumed in Accra on Monday."));
}

TEST_F(NormalizerTest, HtmlMetadataComesFromMetaTagsAndJsonLd) {
  auto article = Normalize(kPage);
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->title, "Niger and Ghana hold talks");
  EXPECT_EQ(article->source, "Sahel Observer");
  EXPECT_EQ(article->canonical_url, "https://observer.example/2025/03/12/talks");
  EXPECT_THAT(article->authors, Contains("Awa Traore"));
  ASSERT_TRUE(article->published_at.has_value());
  EXPECT_EQ(article->published_at->time_since_epoch().count(), 1741768200);
  EXPECT_EQ(article->format, v1::CONTENT_FORMAT_HTML);
  EXPECT_EQ(article->content_hash.size(), 64u);
}

// JSON-LD comes in every shape: a list of types, lists of names, nested "@graph"s, and
// values of the wrong kind. Each is read for what it holds; none stops the page.
TEST_F(NormalizerTest, JsonLdInAnyShapeIsReadAndNeverThrows) {
  auto page = [](const std::string& json_ld) {
    return "<html><head><script type=\"application/ld+json\">" + json_ld +
           "</script></head><body><article><p>Talks resumed in Accra on Monday between the two delegations."
           "</p></article></body></html>";
  };
  struct Case {
    std::string json_ld, title, author, site;
  };
  const std::vector<Case> cases = {
      {R"({"@type": ["NewsArticle", "Article"], "headline": ["Talks resume"],
           "author": [{"name": "Awa Traore"}, "Kojo Mensah"], "publisher": [{"name": ["Sahel Observer"]}]})",
       "Talks resume", "Awa Traore", "Sahel Observer"},
      {R"([{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"},
           {"@type": "ReportageNewsArticle", "headline": "Talks resume", "author": {"name": "Awa Traore"}}]}])",
       "Talks resume", "Awa Traore", ""},
      {R"({"@type": "BlogPosting", "headline": 42, "author": {"name": {"first": "Awa"}}, "publisher": "Observer"})", "",
       "", "Observer"},
      {R"({"@type": {"nested": true}, "headline": "Not an article"})", "", "", ""},
      {R"({"@type": "NewsArticle", "headline": )", "", "", ""},  // cut short: not JSON
  };
  for (const Case& test : cases) {
    auto article = Normalize(page(test.json_ld));
    ASSERT_TRUE(article.ok()) << test.json_ld << ": " << article.status();
    EXPECT_EQ(article->title, test.title) << test.json_ld;
    if (test.author.empty()) {
      EXPECT_THAT(article->authors, ::testing::IsEmpty()) << test.json_ld;
    } else {
      EXPECT_THAT(article->authors, Contains(test.author)) << test.json_ld;
    }
    if (!test.site.empty()) EXPECT_EQ(article->source, test.site) << test.json_ld;
  }
}

// Pages are written in many charsets; each comes out as the UTF-8 a reader would see.
TEST(EncodingTest, PagesInOtherCharsetsBecomeUtf8) {
  // A declared charset (Latin-1 labels read as windows-1252, as browsers do: 0x92 is ’).
  EXPECT_EQ(ToUtf8("<meta charset=\"iso-8859-1\"><p>S\xE9gou\x92s caf\xE9</p>"),
            "<meta charset=\"iso-8859-1\"><p>S\u00e9gou\u2019s caf\u00e9</p>");
  EXPECT_EQ(
      ToUtf8("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xCC\xEE\xF1\xEA\xE2\xE0"),
      "<meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=windows-1251\">\u041c\u043e\u0441\u043a\u0432\u0430");
  // Byte-order marks: UTF-8's is dropped, UTF-16's decides.
  EXPECT_EQ(ToUtf8("\xEF\xBB\xBF"
                   "Accra"),
            "Accra");
  EXPECT_EQ(ToUtf8(std::string("\xFF\xFE"
                               "A\0c\0c\0r\0a\0",
                               12)),
            "Accra");
  // UTF-8 as it is; a page that declares UTF-8 but is not keeps its text, its stray byte replaced.
  EXPECT_EQ(ToUtf8("S\u00e9gou"), "S\u00e9gou");
  EXPECT_EQ(ToUtf8("<meta charset=utf-8><p>Accra \xFF Kumasi</p>"), "<meta charset=utf-8><p>Accra \uFFFD Kumasi</p>");
  // No declaration: a guess, and never a rejection.
  std::string undeclared =
      "<p>Le pr\xE9sident a rencontr\xE9 le ministre \xE0 Niamey hier, a d\xE9"
      "clar\xE9 le gouvernement.</p>";
  EXPECT_THAT(ToUtf8(undeclared), HasSubstr("pr\u00e9sident"));
  // A guess of Latin-1 is read as windows-1252 too: curly quotes stay quotes, not C1 controls.
  // (ICU guesses from the first 8,000 bytes; quotes further down leave it at Latin-1.)
  std::string quoted;
  while (quoted.size() < 20000) quoted += "<p>The mayor of S\xE9gou said the market would reopen on Tuesday.</p>";
  quoted += "<p>The market\x92s stalls were ready; \x93we are ready,\x94 traders said.</p>";
  EXPECT_THAT(ToUtf8(quoted), HasSubstr("market\u2019s stalls"));
  EXPECT_THAT(ToUtf8(quoted), HasSubstr("\u201cwe are ready,\u201d"));
}

TEST_F(NormalizerTest, AnArticleInAnotherCharsetIsConvertedNotRejected) {
  auto article = Normalize(
      "<html><head><meta charset=\"windows-1252\"><title>Talks</title></head><body><article>"
      "<p>Kone\x92s team met envoys in S\xE9gou on Monday to discuss the border crossing.</p></article></body></html>");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text, "Kone\u2019s team met envoys in S\u00e9gou on Monday to discuss the border crossing.");
}

// Reprocessing sends back the title read from the text the first time: the first line is
// still the title, so the clean text (and every offset into it) stays the same.
TEST_F(NormalizerTest, ScrapedTextKeepsItsHeadlineOutOfTheBodyWhenTheTitleIsGiven) {
  RawDocument raw;
  raw.url = "https://observer.example/border";
  raw.content = "Border post reopens in Kantchari\nThe post reopened on Tuesday after four days.\n";
  auto first = Normalizer(lexicon_).Normalize(raw);
  ASSERT_TRUE(first.ok()) << first.status();
  raw.title = first->title;
  auto again = Normalizer(lexicon_).Normalize(raw);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->clean_text, first->clean_text);
  EXPECT_EQ(again->title, "Border post reopens in Kantchari");
  raw.title = "Another title";  // a title that is not the first line leaves the line in the body
  auto other = Normalizer(lexicon_).Normalize(raw);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_THAT(other->clean_text, ::testing::StartsWith("Border post reopens"));
}

TEST_F(NormalizerTest, ScrapedTextDropsFurnitureLinesButKeepsShortParagraphsAndLists) {
  auto article = Normalize(
      "Border post reopens in Kantchari\n"
      "Share\n"
      "Tweet\n"
      "The post reopened on Tuesday after four days.\n"
      "It was quiet.\n"
      "- Trucks waiting: 140\n"
      "- Fuel tankers: 12\n"
      "See also: Ten things to know about the border\n"
      "(Word count: 212)\n"
      "0 Comments\n"
      "Leave a comment\n",
      "2025-03-12");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->title, "Border post reopens in Kantchari");
  EXPECT_EQ(article->clean_text,
            "The post reopened on Tuesday after four days.\n\nIt was quiet.\n\n- Trucks waiting: 140\n\n"
            "- Fuel tankers: 12");
  EXPECT_THAT(article->stripped_blocks,
              Contains(AllOf(Field(&StrippedBlock::reason, v1::STRIPPED_BLOCK_REASON_REWRITER_NOTE),
                             Field(&StrippedBlock::preview, "(Word count: 212)"))));
  EXPECT_EQ(article->canonical_url, "https://observer.example/2025/03/12/talks");
}

// A comment count in the share bar, under the site's name and a section-and-date line, is
// no comments section: the story after it stays (example 09 once lost its whole body so).
TEST_F(NormalizerTest, ACommentCountAboveTheStoryCutsNothing) {
  auto article = Normalize(
      "Mine seized in Burkina Faso\n"
      "Sahel Observer\n"
      "Security | June 10, 2025\n"
      "Share\n"
      "0 Comments\n"
      "\n"
      "Fighters seized a gold mine near Gaoua over the weekend, officials said.\n");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_THAT(article->clean_text, HasSubstr("Fighters seized a gold mine near Gaoua"));
}

TEST_F(NormalizerTest, ScrapedTextDropsRelatedLinkListsAndEverythingAfterTheCommentsHeader) {
  auto article = Normalize(
      "Dam talks resume in Addis Ababa\n"
      "Negotiators from the three countries met again on Monday.\n"
      "They agreed to exchange river flow data every week.\n"
      "\n"
      "You may also like\n"
      "- Minister Tadesse tours the reservoir\n"
      "Opinion: what the Nile needs now\n"
      "\n"
      "A technical committee will report in March.\n"
      "2 Comments\n"
      "Abebe K.: The talks failed last year too. Ministers always meet and nothing happens.\n"
      "Leave a comment\n",
      "2025-03-12");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text,
            "Negotiators from the three countries met again on Monday.\n\n"
            "They agreed to exchange river flow data every week.\n\nA technical committee will report in March.");
  EXPECT_THAT(article->stripped_blocks,
              Contains(AllOf(Field(&StrippedBlock::reason, v1::STRIPPED_BLOCK_REASON_RELATED_LINKS),
                             Field(&StrippedBlock::preview, "- Minister Tadesse tours the reservoir"))));
  EXPECT_THAT(article->stripped_blocks,
              Contains(AllOf(Field(&StrippedBlock::reason, v1::STRIPPED_BLOCK_REASON_COMMENTS),
                             Field(&StrippedBlock::preview, "2 Comments"))));
}

TEST_F(NormalizerTest, ScrapedTextDropsNavigationBylinesAndCommentsRightAfterRelatedLinks) {
  auto article = Normalize(
      "Home | World | Africa | Opinion\n"
      "Convoy reaches Djibo after three weeks\n"
      "By Sahel correspondent Awa Traore | 4 March 2025 | 3 min read\n"
      "Written by: Desk staff, with additional reporting by Issa Kabore\n"
      "A food convoy reached Djibo on Friday.\n"
      "Markets | prices | fuel\n"
      "You may also like:\n"
      "\u2013 Inside the camps of the north\n"
      "Leave a comment\n"
      "1 Comment\n"
      "   reader88: The convoy came late. The army was slow.\n",
      "2025-03-12");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->title, "Convoy reaches Djibo after three weeks");
  EXPECT_THAT(article->authors, ElementsAre("Sahel correspondent Awa Traore"));
  // "Markets | prices | fuel" below the story's first paragraph is navigation too (three short items).
  EXPECT_EQ(article->clean_text, "A food convoy reached Djibo on Friday.");
}

TEST_F(NormalizerTest, ScrapedTextDropsNotesPromptsAndDatedBylines) {
  auto article = Normalize(
      "Rail talks resume in Tbilisi\n"
      "5 December 2024 | by Nino Beridze, Tbilisi correspondent\n"
      "The two delegations met on Monday.\n"
      "Related: Port expansion stalls in Poti\n"
      "[Editor\u2019s note: An earlier version misspelled a name.]\n"
      "Was this article helpful? Yes / No\n"
      "Get the Caucasus brief in your inbox \u2014 Sign up\n"
      "Next: Opinion | Why the corridor matters\n"
      "They will meet again in May.\n",
      "2025-03-12");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_THAT(article->authors, ElementsAre("Nino Beridze, Tbilisi correspondent"));
  EXPECT_EQ(article->clean_text, "The two delegations met on Monday.\n\nThey will meet again in May.");
}

TEST_F(NormalizerTest, ScrapedTextDropsCaptionsLabelsAuthorNotesAndLateShareBars) {
  auto article = Normalize(
      "Convoy reaches Nasir\n"
      "By Nyandeng Malual\n"
      "Photo: Trucks wait in Malakal. (Peter Lomoro / NBM)\n"
      "The convoy reached the town on Thursday.\n"
      "Trending now: Kenya and Uganda agree joint patrols\n"
      "Sponsored: Fly Kigali\u2013Entebbe from $129\n"
      "Listen to this story (4:30)\n"
      "Aid workers said the road was open.\n"
      "Tags: Upper Nile; Refugees\n"
      "Follow us on Viber | Share | Tweet | Email\n"
      "\n"
      "ABOUT THE AUTHOR\n"
      "She reported from Juba and Bor for ten years.\n"
      "\n"
      "Most read this week\n"
      "1. Wau teachers unpaid for six months\n"
      "2. Opinion \u2014 Abuk Mayen: Peace deals without food\n",
      "2025-08-22");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_THAT(article->authors, ElementsAre("Nyandeng Malual"));
  EXPECT_EQ(article->clean_text, "The convoy reached the town on Thursday.\n\nAid workers said the road was open.");
}

TEST_F(NormalizerTest, HtmlDropsPictureFiguresWritersNotesAndLateBylines) {
  auto article = Normalize(R"html(<html><body><article>
<span>UPDATED</span><h1>Artillery duel on the border</h1>
<p>By Pimchanok Thongdee and Sovann Rith · 27 May 2026 · Updated 15:45</p>
<figure><img src="a.jpg"><figcaption>Troops near Surin. Photo: Niran Chai</figcaption></figure>
<p>Thai and Cambodian troops exchanged fire on Tuesday.</p>
<figure><table><tr><th>Province</th><th>Evacuated</th></tr><tr><td>Surin</td><td>4,200</td></tr></table>
<figcaption>Evacuations by province</figcaption></figure>
<div class="author-bio"><p>Pimchanok Thongdee covers security.</p></div>
<p>Ellen Tuhaika is the Honiara correspondent of the Observer.</p>
</article></body></html>)html");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_THAT(article->clean_text, HasSubstr("exchanged fire on Tuesday."));
  EXPECT_THAT(article->clean_text, Not(HasSubstr("Photo")));
  EXPECT_THAT(article->clean_text, HasSubstr("Surin 4,200"));  // a figure that is a table is data
  EXPECT_THAT(article->clean_text, Not(HasSubstr("Sovann Rith")));
  EXPECT_THAT(article->clean_text, Not(HasSubstr("covers security")));
  EXPECT_THAT(article->clean_text, Not(HasSubstr("correspondent")));
}

TEST_F(NormalizerTest, ScrapedTextKeepsShortUnpunctuatedLinesThatAreNotNavigation) {
  auto article = Normalize(
      "Talks resume\n"
      "The ministers met on Monday.\n"
      "Next steps for the border commission\n"
      "They will meet again in May.\n",
      "2025-03-12");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_EQ(article->clean_text,
            "The ministers met on Monday.\n\nNext steps for the border commission\n\nThey will meet again in May.");
}

TEST_F(NormalizerTest, CleanTextIsNfc) {
  // "Se\u0301gou" written with a combining accent becomes the composed "Ségou".
  auto article = Normalize("Title line\nThe market in Se\xcc\x81gou reopened on Monday morning.\n");
  ASSERT_TRUE(article.ok()) << article.status();
  EXPECT_THAT(article->clean_text, HasSubstr("S\xc3\xa9gou"));
}

TEST_F(NormalizerTest, RejectsBadInputWithFieldNames) {
  // Bytes that are not UTF-8 are a page in another charset, not an error.
  auto not_utf8 = Normalize("Title\nBad byte \xff here in the body.\n");
  ASSERT_TRUE(not_utf8.ok()) << not_utf8.status();
  EXPECT_THAT(not_utf8->clean_text, HasSubstr("Bad byte \u00ff here"));

  auto only_furniture = Normalize("Share\nTweet\n0 Comments\n");
  ASSERT_FALSE(only_furniture.ok());
  EXPECT_THAT(std::string(only_furniture.status().message()), HasSubstr("no article text"));

  auto bad_date = Normalize("Title\nBody text here.\n", "next week");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_THAT(std::string(bad_date.status().message()), HasSubstr("article.published"));
}

// Pages that are not one story come back flagged as what they are, with their own content:
// a thread keeps its posts (class names saying "comment" included), a listing its cards.
TEST_F(NormalizerTest, ForumListingAndProductPagesAreFlaggedAsSuch) {
  std::string thread =
      "<html><head><script type=\"application/ld+json\">{\"@type\": \"DiscussionForumPosting\", "
      "\"headline\": \"Ferry times at Yeji?\"}</script></head><body><nav><a href=\"/\">Forums</a></nav>"
      "<form action=\"/moderate\">";
  for (int i = 0; i < 5; ++i) {
    thread += "<article class=\"comment post\"><a href=\"/u/" + std::to_string(i) + "\">rider" + std::to_string(i) +
              "</a><p>Post " + std::to_string(i) +
              ": the morning boat to Makango leaves at seven when the lake is calm, later in the rains.</p></article>";
  }
  thread += "</form></body></html>";
  auto forum = Normalize(thread);
  ASSERT_TRUE(forum.ok()) << forum.status();
  EXPECT_THAT(forum->quality_flags, Contains(v1::ARTICLE_QUALITY_FLAG_FORUM_PAGE));
  EXPECT_THAT(forum->clean_text, HasSubstr("Post 0: the morning boat"));
  EXPECT_THAT(forum->clean_text, HasSubstr("Post 4: the morning boat"));

  std::string grid = "<html><body><div class=\"grid\">";
  for (int i = 0; i < 12; ++i) {
    grid += "<div class=\"card\"><h3><a href=\"/story/" + std::to_string(i) + "\">Lake Volta ferry story number " +
            std::to_string(i) + "</a></h3><p>Yeji, March " + std::to_string(i + 1) + "</p></div>";
  }
  grid += "</div></body></html>";
  auto listing = Normalize(grid);
  ASSERT_TRUE(listing.ok()) << listing.status();
  EXPECT_THAT(listing->quality_flags, Contains(v1::ARTICLE_QUALITY_FLAG_LISTING_PAGE));
  EXPECT_THAT(listing->clean_text, HasSubstr("Lake Volta ferry story number 11"));

  // A section front of nothing but headline links: a listing, not a rejected article.
  auto front = Normalize(
      "<html><body><section><h2><a href=\"/a\">Ferries resume on Lake Volta</a></h2></section><section><h2>"
      "<a href=\"/b\">Yeji landing repaired after two weeks</a></h2></section></body></html>");
  ASSERT_TRUE(front.ok()) << front.status();
  EXPECT_THAT(front->quality_flags, Contains(v1::ARTICLE_QUALITY_FLAG_LISTING_PAGE));
  EXPECT_THAT(front->clean_text, HasSubstr("Yeji landing repaired"));

  auto product = Normalize(
      "<html><head><meta property=\"og:type\" content=\"product\"></head><body><main><h1>Folding kayak</h1>"
      "<p>A two-seat folding kayak for lake crossings, 18 kg, with a repair kit.</p></main></body></html>");
  ASSERT_TRUE(product.ok()) << product.status();
  EXPECT_THAT(product->quality_flags, Contains(v1::ARTICLE_QUALITY_FLAG_PRODUCT_PAGE));

  auto story = Normalize(kPage);
  ASSERT_TRUE(story.ok()) << story.status();
  for (auto flag : {v1::ARTICLE_QUALITY_FLAG_FORUM_PAGE, v1::ARTICLE_QUALITY_FLAG_LISTING_PAGE,
                    v1::ARTICLE_QUALITY_FLAG_PRODUCT_PAGE}) {
    EXPECT_THAT(story->quality_flags, Not(Contains(flag)));
  }
}

TEST_F(NormalizerTest, FlagsTinyBodiesAndMissingDates) {
  auto article = Normalize("Title\nShort body.\n");
  ASSERT_TRUE(article.ok());
  EXPECT_THAT(article->quality_flags, Contains(v1::ARTICLE_QUALITY_FLAG_TINY_BODY));
  EXPECT_THAT(article->quality_flags, Contains(v1::ARTICLE_QUALITY_FLAG_NO_PUBLICATION_DATE));
  EXPECT_THAT(article->quality_flags, Not(Contains(v1::ARTICLE_QUALITY_FLAG_MOSTLY_LINKS)));
}

}  // namespace
}  // namespace dossier::engine
