//! Behaviour of the whole pipeline on short texts written for these tests: each test is one
//! phrasing the extractor must read right (the cases listed in issue 2).

use chrono::NaiveDate;
use parley_core::{Document, Event, EventType, Extractor, Status};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().expect("the built-in lexicon loads"))
}

fn run(text: &str, published: Option<&str>) -> Vec<Event> {
    let published = published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").expect("test date"));
    extractor().extract(&Document::new("t", text, published))
}

fn names(e: &Event) -> Vec<String> {
    let mut n: Vec<String> = e.participants.iter().map(|p| p.name.clone()).collect();
    n.sort();
    n
}

#[test]
fn separate_calls_are_two_events_dated_by_weekday() {
    let ev = run(
        "French Foreign Minister Jean-Noel Barrot held separate phone calls on Monday with Iranian Foreign Minister Abbas Araghchi and Saudi Foreign Minister Faisal bin Farhan.",
        Some("2025-03-05"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for e in &ev {
        assert_eq!(e.kind, EventType::Call);
        assert_eq!(e.date.value.as_deref(), Some("2025-03-03"));
        assert_eq!(e.cameo, "041");
    }
}

#[test]
fn a_hosted_meeting_is_one_event_with_the_host() {
    let ev = run(
        "Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin in Ankara on Tuesday.",
        Some("2018-04-05"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Recep Tayyip Erdogan", "Vladimir Putin"]
    );
    assert_eq!(
        ev[0].location.as_ref().map(|l| l.name.as_str()),
        Some("Ankara")
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2018-04-03"));
}

#[test]
fn roles_resolve_by_date() {
    // In 2010 Russia's president was Medvedev, not Putin.
    let ev = run(
        "The Russian president spoke by phone with German Chancellor Angela Merkel on Friday.",
        Some("2010-03-10"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Angela Merkel", "Dmitry Medvedev"]);
    let ev = run(
        "The Russian president spoke by phone with German Chancellor Olaf Scholz on Friday.",
        Some("2022-03-10"),
    );
    assert_eq!(names(&ev[0]), vec!["Olaf Scholz", "Vladimir Putin"]);
}

#[test]
fn misspelt_first_names_still_resolve() {
    let ev = run(
        "Vladmir Putin called Recep Tayip Erdogan on Wednesday.",
        Some("2024-09-02"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Recep Tayyip Erdogan", "Vladimir Putin"]
    );
    assert_eq!(ev[0].initiator.as_deref(), Some("Vladimir Putin"));
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-08-28"));
}

#[test]
fn planned_events_are_marked_and_dated_forward() {
    let ev = run(
        "Chinese President Xi Jinping will host Brazilian President Luiz Inacio Lula da Silva in Beijing on Friday.",
        Some("2023-04-10"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, Status::Planned);
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-04-14"));
}

#[test]
fn appeals_are_not_calls() {
    let ev = run(
        "Azerbaijan's Foreign Ministry called on Armenia to resume negotiations. Blinken called for restraint.",
        Some("2023-11-28"),
    );
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn no_publication_date_infers_the_year_from_a_weekday() {
    let ev = run(
        "Armenian Prime Minister Nikol Pashinyan and Russian President Vladimir Putin spoke on Tuesday (31 May).",
        None,
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date.value.as_deref(), Some("2022-05-31"));
}

#[test]
fn no_date_at_all_stays_null_without_publication_date() {
    let ev = run(
        "Prime Minister Nikol Pashinyan held a telephone conversation with Antony Blinken.",
        None,
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date.value, None);
}

#[test]
fn the_headline_and_the_body_are_one_event() {
    let ev = run(
        "Putin speaks to Aliyev\n\nRussian President Vladimir Putin spoke by phone with Azerbaijani President Ilham Aliyev on Monday, the Kremlin said.",
        Some("2021-05-19"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].attributed_to, vec!["Kremlin".to_string()]);
    assert_eq!(ev[0].evidence.len(), 2);
    for e in &ev[0].evidence {
        assert!(e.end <= "Putin speaks to Aliyev\n\nRussian President Vladimir Putin spoke by phone with Azerbaijani President Ilham Aliyev on Monday, the Kremlin said.".len());
    }
}

#[test]
fn event_ids_are_stable() {
    let text = "Putin called Erdogan on Monday.";
    let a = run(text, Some("2023-05-03"));
    let b = run(text, Some("2023-05-03"));
    assert_eq!(a, b);
    assert_eq!(a[0].event_id.len(), 16);
}

#[test]
fn possessive_countries_do_not_break_a_coordinated_pair() {
    let ev = run(
        "Russia's Vladimir Putin and Turkey's Tayyip Erdogan held a phone call on Monday.",
        Some("2024-02-08"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Recep Tayyip Erdogan", "Vladimir Putin"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-02-05"));
}
