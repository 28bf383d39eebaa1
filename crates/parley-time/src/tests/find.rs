use super::{cal, found, only};
use crate::{PeriodUnit, TimeExpr, WeekShift, Weekday};

fn full(y: i32, m: u32, d: u32) -> TimeExpr {
    cal(Some(y), Some(m), Some(d))
}

fn md(m: u32, d: u32) -> TimeExpr {
    cal(None, Some(m), Some(d))
}

fn range(year: Option<i32>, m: u32, d: u32, e: u32) -> TimeExpr {
    TimeExpr::Calendar {
        year,
        month: Some(m),
        day: Some(d),
        day_end: Some(e),
        weekday: None,
        anchor: None,
    }
}

fn wd_date(weekday: Weekday, anchor: Option<i32>, y: Option<i32>, m: u32, d: u32) -> TimeExpr {
    TimeExpr::Calendar {
        year: y,
        month: Some(m),
        day: Some(d),
        day_end: None,
        weekday: Some(weekday),
        anchor,
    }
}

fn check(text: &str, span: &str, expr: TimeExpr) {
    let (s, e) = only(text);
    assert_eq!(s, span, "span in {text:?}");
    assert_eq!(e, expr, "expression in {text:?}");
}

fn none(text: &str) {
    let all = found(text);
    assert!(all.is_empty(), "expected nothing in {text:?}, got {all:?}");
}

#[test]
fn numeric_dates() {
    check(
        "The envoys met on 28.11.2023 in Tbilisi.",
        "28.11.2023",
        full(2023, 11, 28),
    );
    check(
        "Signed 28/11/2023 at noon",
        "28/11/2023",
        full(2023, 11, 28),
    );
    check("dated 2023-11-28.", "2023-11-28", full(2023, 11, 28));
    check(
        "stamp 2023-11-28T09:15:00Z",
        "2023-11-28",
        full(2023, 11, 28),
    );
    check("2023/11/28", "2023/11/28", full(2023, 11, 28));
    check("24-06-2011 15:05:34", "24-06-2011", full(2011, 6, 24));
    // Day-first unless impossible.
    check("on 05/06/2023", "05/06/2023", full(2023, 6, 5));
    check("on 11/28/2023", "11/28/2023", full(2023, 11, 28));
    check("1.2.2024", "1.2.2024", full(2024, 2, 1));
}

#[test]
fn numeric_false_positives() {
    none("The convoy moved 3.5 kilometers.");
    none("Some 1,200 troops took part.");
    none("under Resolution 2334 of the council");
    none("Resolution 2020 was adopted");
    none("The score was 3-2 and 10:30 passed.");
    none("a budget of 2,020 million");
    none("invalid 31.06.2023 and 29.02.2023");
    none("out of range 28.11.2150 and 1.1.1850");
    // A written year out of range drops the whole date, not just the year.
    none("born on 12 April 1970 in Baku");
    none("the resolution of May 12, 1988 holds");
    check(
        "the ceasefire of May 12, 1994 holds",
        "May 12, 1994",
        full(1994, 5, 12),
    );
    none("in May 1988 the movement");
    none("version 1.2.2023.4 released");
    none("the 2000 soldiers deployed");
    none("12/2020 expiry");
    none("The 1990s were hard");
    none("some 2020s trends");
    none("page 2023 of the report");
}

#[test]
fn english_month_forms() {
    check("on Nov. 30 in Baku", "Nov. 30", md(11, 30));
    check("on Nov 30 in Baku", "Nov 30", md(11, 30));
    check("Jun. 24, according to", "Jun. 24", md(6, 24));
    check("from Sept. 13 onward", "Sept. 13", md(9, 13));
    check("on 30 May they", "30 May", md(5, 30));
    check(
        "On May 30, 2022, the two",
        "May 30, 2022",
        full(2022, 5, 30),
    );
    check("On May 30 2022 the two", "May 30 2022", full(2022, 5, 30));
    check("November 9, 2020", "November 9, 2020", full(2020, 11, 9));
    check(
        "on 9 November 2020 they",
        "9 November 2020",
        full(2020, 11, 9),
    );
    check(
        "on 9 November, 2020 they",
        "9 November, 2020",
        full(2020, 11, 9),
    );
    check("on the 30th of May", "30th of May", md(5, 30));
    check("on May 30th", "May 30th", md(5, 30));
    check("on May 1st", "May 1st", md(5, 1));
    check("in May 2022", "May 2022", cal(Some(2022), Some(5), None));
    check(
        "in November, 2022",
        "November, 2022",
        cal(Some(2022), Some(11), None),
    );
    check("in 2020 the war", "2020", cal(Some(2020), None, None));
    check("since 2018, talks", "2018", cal(Some(2018), None, None));
    check("in mid-2021", "2021", cal(Some(2021), None, None));
    check("the 2020 war ended", "2020", cal(Some(2020), None, None));
    check(
        "after the 2018 Velvet Revolution",
        "2018",
        cal(Some(2018), None, None),
    );
    check(
        "in November they met",
        "November",
        cal(None, Some(11), None),
    );
    check("NOV. 30, 2023", "NOV. 30, 2023", full(2023, 11, 30));
}

#[test]
fn year_lists_and_ranges() {
    let all = found("between 2020 and 2022 the sides");
    assert_eq!(
        all,
        vec![
            ("2020".to_string(), cal(Some(2020), None, None)),
            ("2022".to_string(), cal(Some(2022), None, None)),
        ]
    );
    let all = found("the January and November trilateral agreements");
    assert_eq!(all.len(), 2, "{all:?}");
}

#[test]
fn day_ranges() {
    check(
        "attacks on September 13 and 14, highlighting",
        "September 13 and 14",
        range(None, 9, 13, 14),
    );
    check(
        "on September 13-14",
        "September 13-14",
        range(None, 9, 13, 14),
    );
    check(
        "on 13-14 September 2022",
        "13-14 September 2022",
        range(Some(2022), 9, 13, 14),
    );
    check(
        "on 13 and 14 September",
        "13 and 14 September",
        range(None, 9, 13, 14),
    );
    check(
        "on 13–14 September",
        "13–14 September",
        range(None, 9, 13, 14),
    );
    // A decreasing "range" is not one: "May 30" is kept alone.
    let all = found("May 30 - 2 June");
    assert_eq!(all.first().map(|(_, e)| e.clone()), Some(md(5, 30)));
}

#[test]
fn may_is_not_always_a_month() {
    none("Officials may meet again.");
    none("May officials meet again before the vote?");
    none("Prime Minister Theresa May said so.");
    none("They will march on the capital.");
    none("an august gathering");
    none("March organisers said so.");
    check("in May they met", "May", cal(None, Some(5), None));
    check("since May, no talks", "May", cal(None, Some(5), None));
    check("in early May", "May", cal(None, Some(5), None));
    check("last May the", "May", cal(None, Some(5), None));
    check("by mid-May", "May", cal(None, Some(5), None));
    check("May 12 was", "May 12", md(5, 12));
    check("May 2021 was", "May 2021", cal(Some(2021), Some(5), None));
    check("in March they", "March", cal(None, Some(3), None));
    let all = found("in April and May");
    assert_eq!(all.len(), 2, "{all:?}");
    // Abbreviations never stand alone.
    none("Dec said");
    none("Mar-a-Lago");
}

#[test]
fn impossible_dates_dropped() {
    none("on February 30, 2023");
    none("on 30 February");
    none("on 31 April 2022");
    none("on the 30th of February");
    check("on 29 February 2024", "29 February 2024", full(2024, 2, 29));
    none("on 29 February 2023");
    check("on 29 February", "29 February", md(2, 29));
}

#[test]
fn turkish() {
    check("02 Eylül 2024", "02 Eylül 2024", full(2024, 9, 2));
    check("24 Kasım 2024 - x", "24 Kasım 2024", full(2024, 11, 24));
    check("15 Mart 2023 tarihinde", "15 Mart 2023", full(2023, 3, 15));
    check("1 OCAK 2022", "1 OCAK 2022", full(2022, 1, 1));
    check("3 KASIM 2021", "3 KASIM 2021", full(2021, 11, 3));
    check("19 Mayıs 2020", "19 Mayıs 2020", full(2020, 5, 19));
    check("30 Ağustos", "30 Ağustos", md(8, 30));
    // Turkish month words that are also ordinary words are not taken alone.
    none("Kasım Bey geldi");
    none("aralık verdi");
}

#[test]
fn russian() {
    check("19 мая 2021", "19 мая 2021", full(2021, 5, 19));
    check(
        "19 мая 2021 года состоялся",
        "19 мая 2021 года",
        full(2021, 5, 19),
    );
    check(
        "1 сентября 2020 г. в Москве",
        "1 сентября 2020 г.",
        full(2020, 9, 1),
    );
    check("до 3 декабря", "3 декабря", md(12, 3));
    check("в мае 2021", "мае 2021", cal(Some(2021), Some(5), None));
    check("10 нояб. 2020", "10 нояб. 2020", full(2020, 11, 10));
}

#[test]
fn french() {
    check("le 2 septembre 2024", "2 septembre 2024", full(2024, 9, 2));
    check("le 1er mars", "1er mars", md(3, 1));
    check("le 14 juillet 2022", "14 juillet 2022", full(2022, 7, 14));
    check("le 15 août 2021", "15 août 2021", full(2021, 8, 15));
    check("le 3 févr. 2023", "3 févr. 2023", full(2023, 2, 3));
}

#[test]
fn german() {
    check(
        "am 2. September 2024",
        "2. September 2024",
        full(2024, 9, 2),
    );
    check("am 3. März", "3. März", md(3, 3));
    check("im März", "März", cal(None, Some(3), None));
    check(
        "am 24. Dezember 2023",
        "24. Dezember 2023",
        full(2023, 12, 24),
    );
    check("am 1. Okt. 2020", "1. Okt. 2020", full(2020, 10, 1));
}

#[test]
fn spanish() {
    check(
        "el 2 de septiembre de 2024",
        "2 de septiembre de 2024",
        full(2024, 9, 2),
    );
    check("el 15 de marzo", "15 de marzo", md(3, 15));
    check(
        "en septiembre de 2024",
        "septiembre de 2024",
        cal(Some(2024), Some(9), None),
    );
    check(
        "el 1 de enero del 2021",
        "1 de enero del 2021",
        full(2021, 1, 1),
    );
}

#[test]
fn weekdays() {
    let w = |weekday, shift| TimeExpr::Weekday { weekday, shift };
    check(
        "Putin called on Wednesday to",
        "Wednesday",
        w(Weekday::Wed, WeekShift::Bare),
    );
    check(
        "made calls Thursday to",
        "Thursday",
        w(Weekday::Thu, WeekShift::Bare),
    );
    check(
        "last Friday he",
        "last Friday",
        w(Weekday::Fri, WeekShift::Last),
    );
    check(
        "next Tuesday she",
        "next Tuesday",
        w(Weekday::Tue, WeekShift::Next),
    );
    check(
        "this Friday she",
        "this Friday",
        w(Weekday::Fri, WeekShift::This),
    );
    check(
        "this coming Friday",
        "this coming Friday",
        w(Weekday::Fri, WeekShift::Next),
    );
    check(
        "Sunday's elections",
        "Sunday's",
        w(Weekday::Sun, WeekShift::Bare),
    );
    check(
        "Sunday’s elections",
        "Sunday’s",
        w(Weekday::Sun, WeekShift::Bare),
    );
    check(
        "at 10:30 on Friday",
        "Friday",
        w(Weekday::Fri, WeekShift::Bare),
    );
    check(
        "On Wednesday, 12 countries signed",
        "Wednesday",
        w(Weekday::Wed, WeekShift::Bare),
    );
    check(
        "On Friday May said",
        "Friday",
        w(Weekday::Fri, WeekShift::Bare),
    );
}

#[test]
fn weekday_with_date() {
    check(
        "took place on Monday (30 May), the",
        "Monday (30 May)",
        wd_date(Weekday::Mon, None, None, 5, 30),
    );
    check(
        "victory in Sunday's (20 June) elections",
        "Sunday's (20 June)",
        wd_date(Weekday::Sun, None, None, 6, 20),
    );
    check(
        "on Tuesday, May 31, 2022, they",
        "Tuesday, May 31, 2022",
        wd_date(Weekday::Tue, None, Some(2022), 5, 31),
    );
    check(
        "on Monday 30 May they",
        "Monday 30 May",
        wd_date(Weekday::Mon, None, None, 5, 30),
    );
    check(
        "Earlier on Wednesday (January 18 – Ed.) the",
        "Wednesday (January 18",
        wd_date(Weekday::Wed, None, None, 1, 18),
    );
    check("Earlier in May, the", "May", cal(None, Some(5), None));
}

#[test]
fn anchored_dates() {
    check(
        "Putin today (24 June) spoke",
        "today (24 June)",
        TimeExpr::Calendar {
            year: None,
            month: Some(6),
            day: Some(24),
            day_end: None,
            weekday: None,
            anchor: Some(0),
        },
    );
    check(
        "spoke yesterday (23 June) with",
        "yesterday (23 June)",
        TimeExpr::Calendar {
            year: None,
            month: Some(6),
            day: Some(23),
            day_end: None,
            weekday: None,
            anchor: Some(-1),
        },
    );
}

#[test]
fn day_offsets() {
    let o = TimeExpr::DayOffset;
    check("He said today that", "today", o(0));
    check("Today the minister", "Today", o(0));
    check("met yesterday in", "yesterday", o(-1));
    check("will meet tomorrow", "tomorrow", o(1));
    check(
        "the day before yesterday",
        "the day before yesterday",
        o(-2),
    );
    check("the day after tomorrow", "the day after tomorrow", o(2));
    check("said earlier today", "earlier today", o(0));
    check("Earlier in the day, the", "Earlier in the day", o(0));
    check("on the same day the", "on the same day", o(0));
    check("speaks tonight", "tonight", o(0));
    check("talked two days ago", "two days ago", o(-2));
    check("talked 3 days ago", "3 days ago", o(-3));
    check("talked a day ago", "a day ago", o(-1));
    check("this morning the", "this morning", o(0));
    check("late last night", "last night", o(-1));
    check("yesterday evening", "yesterday evening", o(-1));
    check("in two days the", "in two days", o(2));
    none("in two days of talks");
}

#[test]
fn periods() {
    let p = |unit, offset| TimeExpr::Period { unit, offset };
    check(
        "met last week in Prague",
        "last week",
        p(PeriodUnit::Week, -1),
    );
    check("last week’s meeting", "last week", p(PeriodUnit::Week, -1));
    check("this week", "this week", p(PeriodUnit::Week, 0));
    check("next month", "next month", p(PeriodUnit::Month, 1));
    check("last year", "last year", p(PeriodUnit::Year, -1));
    check(
        "earlier this month",
        "earlier this month",
        p(PeriodUnit::Month, 0),
    );
    check("later this year", "later this year", p(PeriodUnit::Year, 0));
    check(
        "three weeks ago",
        "three weeks ago",
        p(PeriodUnit::Week, -3),
    );
    check("two years ago", "two years ago", p(PeriodUnit::Year, -2));
    check("a month ago", "a month ago", p(PeriodUnit::Month, -1));
    check(
        "the previous week",
        "the previous week",
        p(PeriodUnit::Week, -1),
    );
}

#[test]
fn vague() {
    check(
        "in the coming days",
        "in the coming days",
        TimeExpr::VagueFuture,
    );
    check("will meet soon", "soon", TimeExpr::VagueFuture);
    check(
        "in the near future",
        "in the near future",
        TimeExpr::VagueFuture,
    );
    check(
        "over the next few weeks",
        "the next few weeks",
        TimeExpr::VagueFuture,
    );
    check("next few weeks", "next few weeks", TimeExpr::VagueFuture);
    check("shortly", "shortly", TimeExpr::VagueFuture);
    check("recently met", "recently", TimeExpr::VaguePast);
    check("the recent meeting", "recent", TimeExpr::VaguePast);
    check("the other day", "the other day", TimeExpr::VaguePast);
    check("as reported earlier", "earlier", TimeExpr::VaguePast);
    check("a few days ago", "a few days ago", TimeExpr::VaguePast);
    check("in recent weeks", "in recent weeks", TimeExpr::VaguePast);
    none("as soon as possible");
    none("soon after the war");
}

#[test]
fn several_in_order() {
    let all = found(
        "Putin called Aliyev on Wednesday, a week after the Aug. 18 visit; \
         they will meet in the coming days.",
    );
    let spans: Vec<&str> = all.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(spans, vec!["Wednesday", "Aug. 18", "in the coming days"]);
}

#[test]
fn no_match_across_lines() {
    let all = found("met on 30 May\n2022 budget");
    assert_eq!(all.first().map(|(s, _)| s.as_str()), Some("30 May"));
}

#[test]
fn offsets_are_byte_offsets() {
    let text = "Հայաստան — 19 мая 2021 года, «встреча».";
    let ms = crate::find_time_expressions(text);
    assert_eq!(ms.len(), 1);
    let m = &ms[0];
    assert_eq!(text.get(m.start..m.end), Some("19 мая 2021 года"));
}

#[test]
fn the_nth_alone_is_a_day_of_an_unnamed_month_but_a_rank_is_not() {
    for text in [
        "the two met in Astana on the 20th, the ministry said",
        "he spoke with Lula in the night of the 13th.",
        "on his arrival in the first hours of the 14th at the airport",
    ] {
        let (_, expr) = only(text);
        assert!(
            matches!(
                expr,
                TimeExpr::Calendar {
                    year: None,
                    month: None,
                    day: Some(13 | 14 | 20),
                    ..
                }
            ),
            "{text}: {expr:?}"
        );
    }
    for text in [
        "the 12th round of talks",
        "in the 20th century",
        "the 3rd-largest economy",
    ] {
        assert!(found(text).is_empty(), "{text}: {:?}", found(text));
    }
    // "the 14th of December" is read whole.
    let (span, _) = only("they met on the 14th of December.");
    assert!(span.contains("December"), "{span}");
}
