#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsweave/analysis.h"
#include "newsweave/xling.h"

namespace newsweave {
namespace {

class DatesTest : public ::testing::Test {
 protected:
  void Run(const std::string& text, const char* lang, const char* published = "") {
    text_ = text;
    analyzer_.Segment(text_, lang, &analysis_);
    analysis_.language.code = lang;
    xling_.FindDatesAndNumbers(text_, analysis_, published, &dates_, &numbers_);
  }
  std::vector<std::string> Dates(const std::string& text, const char* lang,
                                 const char* published = "") {
    Run(text, lang, published);
    std::vector<std::string> out;
    for (const DateMention& d : dates_) out.push_back(d.value);
    return out;
  }
  std::vector<double> Numbers(const std::string& text, const char* lang) {
    Run(text, lang);
    std::vector<double> out;
    for (const NumberMention& n : numbers_) out.push_back(n.value);
    return out;
  }
  using V = std::vector<std::string>;
  using N = std::vector<double>;
  std::string text_;
  Analyzer analyzer_;
  Analysis analysis_;
  XlingAnalyzer xling_{nullptr};
  std::vector<DateMention> dates_;
  std::vector<NumberMention> numbers_;
};

TEST_F(DatesTest, AbsoluteDatesInFourLanguages) {
  EXPECT_EQ(Dates("The attack began on 3 March 2022 at dawn.", "en"), V{"2022-03-03"});
  EXPECT_EQ(Dates("It began on March 3rd, 2022.", "en"), V{"2022-03-03"});
  EXPECT_EQ(Dates("L'attaque a commencé le 3 mars 2022 à l'aube.", "fr"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Der Angriff begann am 3. März 2022 im Morgengrauen.", "de"), V{"2022-03-03"});
  EXPECT_EQ(Dates("El ataque comenzó el 3 de marzo de 2022.", "es"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Stand: 03.03.2022, 10 Uhr", "de"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Publicado el 03/03/2022.", "es"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Updated 2022-03-03.", "en"), V{"2022-03-03"});
}

TEST_F(DatesTest, DayAndMonthWithoutYearTakeThePublicationYear) {
  EXPECT_EQ(Dates("It happened on March 3rd.", "en"), V{"--03-03"});
  EXPECT_EQ(Dates("It happened on March 3rd.", "en", "2022-03-10T08:00:00Z"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Cela s'est passé le 3 mars.", "fr", "2022-03-10"), V{"2022-03-03"});
}

TEST_F(DatesTest, MonthAndYearAndYears) {
  EXPECT_EQ(Dates("Die Wahl findet im März 2022 statt.", "de"), V{"2022-03"});
  EXPECT_EQ(Dates("Las elecciones serán en marzo de 2022.", "es"), V{"2022-03"});
  EXPECT_EQ(Dates("The war that began in 2014 goes on.", "en"), V{"2014"});
  EXPECT_EQ(Dates("La guerre qui a commencé en 2014 continue.", "fr"), V{"2014"});
}

TEST_F(DatesTest, WeekdaysResolvedAgainstPublication) {
  // 2022-03-05 is a Saturday; the Thursday before it is 2022-03-03.
  EXPECT_EQ(Dates("The talks ended on Thursday.", "en", "2022-03-05"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Les pourparlers ont pris fin jeudi.", "fr", "2022-03-05"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Die Gespräche endeten am Donnerstag.", "de", "2022-03-05"), V{"2022-03-03"});
  EXPECT_EQ(Dates("Las conversaciones terminaron el jueves.", "es", "2022-03-05"), V{"2022-03-03"});
  // A Saturday published on a Saturday is that day.
  EXPECT_EQ(Dates("On Saturday it rained.", "en", "2022-03-05"), V{"2022-03-05"});
  // Without a publication date the weekday stays a weekday.
  EXPECT_EQ(Dates("Les pourparlers ont pris fin jeudi.", "fr"), V{"W4"});
}

TEST_F(DatesTest, ChineseDates) {
  EXPECT_EQ(Dates("2022 年 3 月 3 日，会谈结束。", "zh"), V{"2022-03-03"});
}

TEST_F(DatesTest, CountsWithEachSeparator) {
  EXPECT_EQ(Numbers("Mehr als 12.000 Tote wurden gezählt.", "de"), N{12000});
  EXPECT_EQ(Numbers("More than 12,000 dead were counted.", "en"), N{12000});
  EXPECT_EQ(Numbers("plus de 12\u202F000 morts", "fr"), N{12000});  // narrow no-break space
  EXPECT_EQ(Numbers("plus de 12\u00A0000 morts", "fr"), N{12000});  // no-break space
  EXPECT_EQ(Numbers("más de 12 000 muertos", "es"), N{12000});
  EXPECT_EQ(Numbers("1.234.567 votes", "en"), N{1234567});
}

TEST_F(DatesTest, DecimalsAndMultipliers) {
  EXPECT_EQ(Numbers("Die Inflation lag bei 2,5 Prozent.", "de"), N{2.5});
  EXPECT_EQ(Numbers("Inflation was 2.5 percent.", "en"), N{2.5});
  EXPECT_EQ(Numbers("1,5 millions de personnes", "fr"), N{1.5e6});
  EXPECT_EQ(Numbers("1.5 million people", "en"), N{1.5e6});
  EXPECT_EQ(Numbers("2,3 Milliarden Euro", "de"), N{2.3e9});
  EXPECT_EQ(Numbers("1,5 millones de personas", "es"), N{1.5e6});
}

}  // namespace
}  // namespace newsweave
