use super::ymd;
use crate::{detect_publication_date, parse_iso_date};

fn detect(text: &str) -> Option<(chrono::NaiveDate, &'static str, String)> {
    detect_publication_date(text).map(|p| {
        let span = text.get(p.start..p.end).unwrap_or("<bad span>").to_string();
        (p.date, p.how, span)
    })
}

#[test]
fn iso_parsing() {
    assert_eq!(parse_iso_date("2023-11-28"), Some(ymd(2023, 11, 28)));
    assert_eq!(
        parse_iso_date(" 2023-11-28T10:15:00+04:00"),
        Some(ymd(2023, 11, 28))
    );
    assert_eq!(parse_iso_date("2023-11-28 10:15"), Some(ymd(2023, 11, 28)));
    assert_eq!(parse_iso_date("2023-02-30"), None);
    assert_eq!(parse_iso_date("2023-11-2"), None);
    assert_eq!(parse_iso_date("2023/11/28"), None);
    assert_eq!(parse_iso_date("2023-11-28x"), None);
    assert_eq!(parse_iso_date("２０２３-11-28"), None);
    assert_eq!(parse_iso_date(""), None);
}

#[test]
fn byline_with_update() {
    let text = "Europe, Asia\n\nMinisters hold talks on trade\n\nSubtitle about the talks\n\n\
                Jane Q Writer  | 14.03.2022 - Update : 15.03.2022\nMinisters met on Monday.\n";
    let (date, how, span) = detect(text).expect("a byline date");
    assert_eq!(date, ymd(2022, 3, 14));
    assert_eq!(how, "byline");
    assert_eq!(span, "14.03.2022");
}

#[test]
fn standalone_with_update() {
    let text = "Headline here\n14.03.2022 - Update : 15.03.2022\nBody text follows.\n";
    let (date, how, _) = detect(text).expect("a standalone date");
    assert_eq!(date, ymd(2022, 3, 14));
    assert_eq!(how, "standalone header line");
}

#[test]
fn standalone_with_time_and_labels() {
    let text = "Leaders told to agree\n\n  • 11-07-2012 10:05:34   | Georgia  |  Politics\n\
                The president pressed his counterparts on Friday.\n";
    let (date, how, span) = detect(text).expect("a header date");
    assert_eq!(date, ymd(2012, 7, 11));
    assert_eq!(how, "standalone header line");
    assert_eq!(span, "11-07-2012");
}

#[test]
fn alone_on_line_beats_line_with_other_calendar_text() {
    let text = "Some headline by Staff - English\n\
                05 Mart 2023 - Ժամանակ - Տարի : 4517 / Ամիս : Տրե\n\nEnglish :\n\n\
                12 Ekim 2022  \n\nBody of the article about a call on Wednesday.\n";
    let (date, how, _) = detect(text).expect("a header date");
    assert_eq!(date, ymd(2022, 10, 12));
    assert_eq!(how, "standalone header line");
}

#[test]
fn header_line_prefix_as_last_resort() {
    let text = "Title\n05 Mart 2023 - Ժամանակ - Տարի : 4517\n\nBody on Monday.\n";
    let (date, how, _) = detect(text).expect("a weak header date");
    assert_eq!(date, ymd(2023, 3, 5));
    assert_eq!(how, "header line prefix");
}

#[test]
fn weekday_and_time_around_date() {
    let text = "Tuesday, November 28, 2023 10:15 AM GMT+4\nTitle\nBody.";
    let (date, how, _) = detect(text).expect("a standalone date");
    assert_eq!(date, ymd(2023, 11, 28));
    assert_eq!(how, "standalone header line");
}

#[test]
fn published_and_posted_labels() {
    let (date, how, _) = detect("Title\nPublished: 2021-06-03T10:00:00Z\nBody.").expect("label");
    assert_eq!((date, how), (ymd(2021, 6, 3), "published label"));
    let (date, how, _) = detect("Title\nPosted on June 3, 2021 by admin\nBody.").expect("label");
    assert_eq!((date, how), (ymd(2021, 6, 3), "published label"));
    let (date, how, _) = detect("Title\nUpdated: 04.06.2021\nBody.").expect("label");
    assert_eq!((date, how), (ymd(2021, 6, 4), "updated label"));
    // Published beats Updated whatever the order.
    let (date, _, _) =
        detect("Title\nUpdated: 04.06.2021\nPublished: 03.06.2021\nBody.").expect("label");
    assert_eq!(date, ymd(2021, 6, 3));
}

#[test]
fn datelines() {
    let text = "All news\n\nTitle\n\nTBILISI, June 3, 2021 /TASS/. The minister said on Wednesday.";
    let (date, how, _) = detect(text).expect("a dateline");
    assert_eq!((date, how), (ymd(2021, 6, 3), "dateline"));
    // No year on the dateline and none in the header: nothing.
    let text = "All news\n\nTitle\n\nTBILISI, June 3. /TASS/. The minister said in 2020 that.";
    assert_eq!(detect(text), None);
    // A year from a short header line completes it.
    let text = "June 2021\nTitle\n\nTBILISI, June 3. /TASS/. The minister said.";
    let (date, how, _) = detect(text).expect("a dateline with header year");
    assert_eq!((date, how), (ymd(2021, 6, 3), "dateline"));
}

#[test]
fn body_dates_never_count() {
    let bodies = [
        "The leaders discussed the agreements reached on 9 November 2020 and 11 January 2021.",
        "Title of the story\n\nThe statement of November 9, 2020 was discussed on Friday.\n",
        "Home / Region / Leaders talk\n\nLeaders talk\n\nThe sides met in Prague on 6 October 2022.",
        "Pashinyan said that on 28.11.2023 the commission would meet.",
        "Tbilisi held talks in 2020 and 2021, officials said.",
        "Title\nThe leaders met.\n\nOn 9 November 2020 - the day the war ended - they signed.\n",
        "Title\n9 November 2020 - the day the war ended - is remembered.\n",
        "MOSCOW, November 28 (Reuters) - Russia said on Tuesday it would.\n",
        "",
        "\n\n\n",
    ];
    for body in bodies {
        assert_eq!(detect(body), None, "{body:?}");
    }
}

#[test]
fn only_the_header_area() {
    let mut text = String::new();
    for i in 0..12 {
        text.push_str(&format!("Line number {i} of the header.\n"));
    }
    text.push_str("28.11.2023\n");
    assert_eq!(detect(&text), None);

    let mut text = "x".repeat(1600);
    text.push_str("\n28.11.2023\n");
    assert_eq!(detect(&text), None);

    let text = "Title\n28.11.2023\n";
    assert!(detect(text).is_some());
}
