#include "synthetic_corpus.h"

#include <fmt/format.h>

#include <array>
#include <random>
#include <string>
#include <string_view>

namespace dossier::bench {
namespace {

constexpr std::array<std::string_view, 16> kGivenNames = {"Amina",  "Kofi",   "Salif",  "Efua",  "Lars",   "Ingrid",
                                                          "Rui",    "Mariam", "Tomas",  "Nadia", "Joseph", "Leila",
                                                          "Daniel", "Ama",    "Hassan", "Sofia"};
constexpr std::array<std::string_view, 16> kFamilyNames = {
    "Kone",   "Boateng", "Mensah", "Eikrem", "Solheim", "Tavares", "Diallo",   "Okafor",
    "Haddad", "Mwangi",  "Phiri",  "Sani",   "Ndiaye",  "Rahman",  "Castillo", "Novak"};
constexpr std::array<std::string_view, 10> kTitles = {
    "Interior Minister", "Foreign Minister", "Defence Minister", "Trade Minister", "President", "envoy",
    "spokesman",         "Finance Minister", "Prime Minister",   "governor"};
constexpr std::array<std::string_view, 14> kCountries = {"Niger",     "Ghana",    "Mali",   "Kenya",   "Tanzania",
                                                         "Norway",    "Portugal", "Brazil", "Mexico",  "Vietnam",
                                                         "Indonesia", "Egypt",    "Sudan",  "Colombia"};
constexpr std::array<std::string_view, 12> kCities = {"Niamey", "Accra", "Bamako",  "Nairobi", "Oslo",     "Lisbon",
                                                      "Recife", "Hanoi", "Jakarta", "Cairo",   "Khartoum", "Cali"};
constexpr std::array<std::string_view, 8> kOrganizationStems = {"Coastal Defence", "River Guard", "Northern Liberation",
                                                                "Desert Shield",   "Harmattan",   "Meridian",
                                                                "Sahel Trade",     "Green Valley"};
constexpr std::array<std::string_view, 6> kOrganizationKeywords = {"Front",    "Brigades", "Logistics",
                                                                   "Holdings", "Party",    "Commission"};
constexpr std::array<std::string_view, 8> kWhen = {"on Monday",     "on Tuesday", "last week",      "in early March",
                                                   "on 4 February", "yesterday",  "in late August", "in 2022"};
constexpr std::array<std::string_view, 12> kSentences = {
    "{title} {person} met {title2} {person2} in {city} {when} to discuss border security and trade.",
    "The {org} attacked a police post near {city} {when}, killing at least {n} people, officials said.",
    "{person} said {country} would not accept any unilateral measures on the river.",
    "{country} and {country2} signed an agreement {when} to reopen the road between their capitals.",
    "According to {org}, fighters seized {n} trucks carrying fuel on the road to {city}.",
    "The {org} denied that it had abducted aid workers, saying the claims were politically motivated.",
    "{person}, the {title2} of {country}, praised the {org} for its work with displaced families.",
    "Analysts said the group lacks the capacity to take {city}, but could disrupt supply routes.",
    "{country} imposed sanctions {when} on {org} and two of its directors over gold smuggling.",
    "Protesters gathered outside the parliament in {city} {when}, demanding the release of detained journalists.",
    "Prices of rice and cooking oil rose by {n} per cent in {city}, according to market traders.",
    "{title} {person} visited {city} {when} and announced {n} million dollars in emergency aid for {country2}."};
constexpr std::array<std::string_view, 6> kFurnitureLines = {"Share this article", "See also: Border talks resume",
                                                             "Leave a comment",    "Subscribe to our newsletter",
                                                             "0 Comments",         "(Word count: 612)"};

class Writer {
 public:
  explicit Writer(uint64_t seed) : random_(seed) {}

  template <size_t N>
  std::string_view Pick(const std::array<std::string_view, N>& choices) {
    return choices[std::uniform_int_distribution<size_t>(0, N - 1)(random_)];
  }

  std::string Person() { return fmt::format("{} {}", Pick(kGivenNames), Pick(kFamilyNames)); }
  std::string Organization() { return fmt::format("{} {}", Pick(kOrganizationStems), Pick(kOrganizationKeywords)); }

  std::string Sentence() {
    return fmt::format(fmt::runtime(Pick(kSentences)), fmt::arg("title", Pick(kTitles)),
                       fmt::arg("title2", Pick(kTitles)), fmt::arg("person", Person()), fmt::arg("person2", Person()),
                       fmt::arg("country", Pick(kCountries)), fmt::arg("country2", Pick(kCountries)),
                       fmt::arg("city", Pick(kCities)), fmt::arg("org", Organization()), fmt::arg("when", Pick(kWhen)),
                       fmt::arg("n", std::uniform_int_distribution<int>(2, 90)(random_)));
  }

  std::vector<std::string> Paragraphs() {
    std::vector<std::string> paragraphs(std::uniform_int_distribution<size_t>(6, 10)(random_));
    for (auto& paragraph : paragraphs) {
      size_t sentences = std::uniform_int_distribution<size_t>(2, 4)(random_);
      for (size_t s = 0; s < sentences; ++s) paragraph += (s ? " " : "") + Sentence();
    }
    return paragraphs;
  }

 private:
  std::mt19937_64 random_;
};

std::string PlainText(Writer& writer, const std::string& title) {
  std::string text = title + "\n\n" + std::string(writer.Pick(kFurnitureLines)) + "\n\n";
  for (const auto& paragraph : writer.Paragraphs()) text += paragraph + "\n\n";
  text += "You may also like\n" + writer.Sentence() + "\n" + writer.Sentence() + "\n\n";
  text += "3 Comments\n" + writer.Person() + ": " + writer.Sentence() + "\n";
  return text;
}

std::string Html(Writer& writer, const std::string& title, size_t index) {
  std::string html = fmt::format(
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{0} | Sahel Observer</title>"
      "<meta property=\"og:title\" content=\"{0}\"><meta property=\"og:site_name\" content=\"Sahel Observer\">"
      "<link rel=\"canonical\" href=\"https://observer.example/2025/03/{1}\">"
      "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{0}\","
      "\"datePublished\":\"2025-03-12T08:00:00Z\",\"author\":{{\"name\":\"{2}\"}}}}</script>"
      "<script>window.dataLayer=[];function track(){{}}</script><style>body{{font-family:serif}}</style></head><body>"
      "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/africa\">Africa</a></li>"
      "<li><a href=\"/business\">Business</a></li></ul></nav>"
      "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a></div>"
      "<article><h1>{0}</h1><p class=\"byline\">By {2}</p>",
      title, index, writer.Person());
  for (const auto& paragraph : writer.Paragraphs()) html += "<p>" + paragraph + "</p>";
  html += "</article><aside class=\"related\"><h2>Related</h2><ul>";
  for (int i = 0; i < 4; ++i) html += "<li><a href=\"/story\">" + writer.Sentence() + "</a></li>";
  html += "</ul></aside><section class=\"comments\"><h2>3 Comments</h2>";
  for (int i = 0; i < 3; ++i)
    html += "<div class=\"comment\"><b>" + writer.Person() + "</b> " + writer.Sentence() + "</div>";
  html +=
      "</section><div class=\"newsletter\">Subscribe to our newsletter</div><footer>© Sahel Observer</footer>"
      "</body></html>";
  return html;
}

}  // namespace

std::vector<engine::RawDocument> GenerateCorpus(size_t articles, bool html, uint64_t seed) {
  Writer writer(seed);
  std::vector<engine::RawDocument> corpus;
  corpus.reserve(articles);
  for (size_t i = 0; i < articles; ++i) {
    std::string title =
        fmt::format("{} and {} agree on border patrols", writer.Pick(kCountries), writer.Pick(kCountries));
    engine::RawDocument raw;
    raw.url = fmt::format("https://observer.example/2025/03/{}", i);
    raw.published = "2025-03-12";
    raw.format = html ? v1::CONTENT_FORMAT_HTML : v1::CONTENT_FORMAT_PLAIN_TEXT;
    raw.content = html ? Html(writer, title, i) : PlainText(writer, title);
    corpus.push_back(std::move(raw));
  }
  return corpus;
}

}  // namespace dossier::bench
