#include "engine/normalize/language.h"

#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

constexpr std::string_view kEnglish =
    "The interior minister said on Monday that the border commission would meet in Niamey next month, "
    "and that both governments had agreed to share patrol reports. Officials from the two countries have "
    "been working on the plan since late August, when trucks were held for a week at the crossing. "
    "The ministry said the talks were constructive.";
constexpr std::string_view kFrench =
    "Le ministre de l'Intérieur a déclaré lundi que la commission frontalière se réunirait à Niamey le mois "
    "prochain et que les deux gouvernements avaient accepté de partager les rapports de patrouille. Les "
    "responsables des deux pays travaillent sur ce plan depuis la fin du mois d'août.";
constexpr std::string_view kSpanish =
    "El ministro del Interior dijo el lunes que la comisión fronteriza se reunirá en Niamey el próximo mes y "
    "que ambos gobiernos acordaron compartir los informes de patrulla. Los funcionarios de los dos países "
    "trabajan en el plan desde finales de agosto, cuando los camiones fueron retenidos en el cruce.";
constexpr std::string_view kGerman =
    "Der Innenminister sagte am Montag, die Grenzkommission werde im nächsten Monat in Niamey zusammentreten "
    "und beide Regierungen hätten vereinbart, Berichte der Patrouillen zu teilen. Beamte beider Länder "
    "arbeiten seit Ende August an dem Plan, als Lastwagen eine Woche lang am Übergang festgehalten wurden.";

TEST(DetectLanguage, EnglishTakesTheShortcutOtherLanguagesGoToCld2) {
  EXPECT_TRUE(LooksClearlyEnglish(kEnglish));
  EXPECT_EQ(DetectLanguage(kEnglish), "en");
  for (auto [text, code] : {std::pair{kFrench, "fr"}, std::pair{kSpanish, "es"}, std::pair{kGerman, "de"}}) {
    EXPECT_FALSE(LooksClearlyEnglish(text)) << code;
    EXPECT_EQ(DetectLanguage(text), code);
  }
}

TEST(DetectLanguage, ShortOrMixedTextIsLeftToCld2) {
  EXPECT_FALSE(LooksClearlyEnglish("The minister said that the talks were over."));  // too few words
  // An English sentence inside a French article is not enough for the shortcut.
  std::string mixed = std::string(kFrench) + " " + std::string(kFrench) + " The minister said it was over.";
  EXPECT_FALSE(LooksClearlyEnglish(mixed));
  EXPECT_EQ(DetectLanguage(mixed), "fr");
}

}  // namespace
}  // namespace dossier::engine
