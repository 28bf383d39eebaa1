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

#[test]
fn a_named_mediator_makes_a_mediation_with_the_mediator() {
    let ev = run(
        "Iranian Foreign Minister Abbas Araghchi and Russian Foreign Minister Sergei Lavrov held indirect talks in Muscat on Saturday under the mediation of Omani Foreign Minister Badr Albusaidi.",
        Some("2025-04-13"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Mediation);
    assert_eq!(ev[0].cameo, "045");
    assert_eq!(
        names(&ev[0]),
        vec!["Abbas Araghchi", "Badr Albusaidi", "Sergei Lavrov"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2025-04-12"));
}

#[test]
fn readiness_and_possibility_are_not_events() {
    for text in [
        "Lavrov said Moscow did not reject a meeting between Vladimir Putin and Volodymyr Zelensky.",
        "Dmytro Kuleba said he was ready to meet Sergei Lavrov again in the same format.",
        "Western media reported that Xi Jinping could hold a conversation with Volodymyr Zelensky.",
        "A possible meeting between Xi Jinping and Joe Biden was discussed by officials.",
    ] {
        let ev = run(text, Some("2023-03-10"));
        assert!(ev.is_empty(), "{text}: {ev:#?}");
    }
}

#[test]
fn a_day_earlier_is_dated_from_the_event_before() {
    let ev = run(
        "US Secretary of State Antony Blinken met Egyptian President Abdel Fattah al-Sisi in Cairo on Tuesday. A day earlier, Blinken held a meeting with Israeli Prime Minister Benjamin Netanyahu in Jerusalem, the first since the attack on 7 October.",
        Some("2024-08-21"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let netanyahu = ev
        .iter()
        .find(|e| names(e).contains(&"Benjamin Netanyahu".to_string()));
    assert_eq!(
        netanyahu.and_then(|e| e.date.value.as_deref()),
        Some("2024-08-19")
    );
}

#[test]
fn an_accepted_invitation_is_a_planned_visit_and_a_bare_one_is_nothing() {
    let ev = run(
        "Chinese President Xi Jinping accepted Indian Prime Minister Narendra Modi's invitation to visit India later this year.",
        Some("2019-06-14"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Visit);
    assert_eq!(ev[0].status, Status::Planned);
    assert_eq!(ev[0].initiator.as_deref(), Some("Xi Jinping"));
    let bare = run(
        "Indian Prime Minister Narendra Modi invited Chinese President Xi Jinping to visit India.",
        Some("2019-06-14"),
    );
    assert!(bare.is_empty(), "{bare:#?}");
}

#[test]
fn a_call_joined_by_others_gets_them_all() {
    let ev = run(
        "US President Joe Biden held a video call on Monday with European leaders. It was joined by French President Emmanuel Macron and German Chancellor Olaf Scholz.",
        Some("2022-01-25"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Call);
    assert_eq!(
        names(&ev[0]),
        vec!["Emmanuel Macron", "Joe Biden", "Olaf Scholz"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2022-01-24"));
}

#[test]
fn talks_with_two_leaders_on_the_sidelines_are_two_meetings_at_the_summit() {
    let ev = run(
        "Indian Prime Minister Narendra Modi held talks with Chinese President Xi Jinping and Russian President Vladimir Putin on the sidelines of the SCO summit in Bishkek on Thursday.",
        Some("2019-06-14"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for e in &ev {
        assert_eq!(e.kind, EventType::Meeting);
        assert_eq!(e.participants.len(), 2);
        assert_eq!(e.date.value.as_deref(), Some("2019-06-13"));
        assert_eq!(
            e.location.as_ref().map(|l| l.name.as_str()),
            Some("Bishkek")
        );
    }
}

#[test]
fn a_bilateral_meeting_stays_out_of_the_summit() {
    let ev = run(
        "Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin and Iranian President Hassan Rouhani in Ankara on Wednesday for a summit on Syria. Erdogan and Rouhani held a bilateral meeting on Wednesday morning, before the summit.",
        Some("2018-04-05"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert!(ev.iter().any(|e| e.participants.len() == 3));
    assert!(ev
        .iter()
        .any(|e| names(e) == vec!["Hassan Rouhani", "Recep Tayyip Erdogan"]));
}

#[test]
fn a_later_surname_of_an_unknown_official_is_the_same_person() {
    let ev = run(
        "Omani envoy Salim Qaboosi met Iranian Foreign Minister Abbas Araghchi in Tehran on Monday. Qaboosi will meet Araghchi again in Muscat on Friday.",
        Some("2025-04-15"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for e in &ev {
        assert!(names(e).contains(&"Salim Qaboosi".to_string()), "{e:#?}");
    }
    assert!(ev.iter().any(|e| e.status == Status::Planned));
}

#[test]
fn the_month_may_is_not_the_modal_may() {
    let ev = run(
        "Russian President Vladimir Putin met Azerbaijani President Ilham Aliyev on Monday (30 May) in Sochi.",
        Some("2022-06-01"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, Status::Occurred);
    assert_eq!(ev[0].date.value.as_deref(), Some("2022-05-30"));
    let modal = run(
        "Russian President Vladimir Putin may meet Azerbaijani President Ilham Aliyev in Sochi.",
        Some("2022-06-01"),
    );
    assert!(
        modal.iter().all(|e| e.status != Status::Occurred),
        "{modal:#?}"
    );
}

#[test]
fn a_headline_summing_up_two_body_events_adds_none() {
    let ev = run(
        "Modi arrives in Abu Dhabi, to meet Qatar's emir in Doha on Wednesday\n\nIndian Prime Minister Narendra Modi arrived in Abu Dhabi on Tuesday for a visit to the United Arab Emirates and was welcomed at the airport by President Sheikh Mohamed bin Zayed Al Nahyan. Modi will travel on to Doha, where he is scheduled to meet Qatar's Emir Sheikh Tamim bin Hamad Al Thani on Wednesday evening.",
        Some("2024-02-13"),
    );
    let with_emir: Vec<&Event> = ev
        .iter()
        .filter(|e| names(e).contains(&"Tamim bin Hamad Al Thani".to_string()))
        .collect();
    assert_eq!(with_emir.len(), 1, "{ev:#?}");
    assert_eq!(with_emir[0].status, Status::Planned);
    assert_eq!(with_emir[0].date.value.as_deref(), Some("2024-02-14"));
}

#[test]
fn agency_prefixed_partners_and_an_apposition_of_mediators_make_one_mediation() {
    let ev = run(
        "CIA Director William Burns and Mossad director David Barnea held talks in Cairo on Tuesday with the two mediators of the truce talks, Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani and Egypt's intelligence chief Abbas Kamel, officials said.",
        Some("2024-02-15"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Mediation);
    assert_eq!(
        names(&ev[0]),
        vec![
            "Abbas Kamel",
            "David Barnea",
            "Mohammed bin Abdulrahman Al Thani",
            "William Burns"
        ]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-02-13"));
}

#[test]
fn a_weekday_after_since_still_dates_the_talks_before_it() {
    let ev = run(
        "The foreign ministers Sergei Lavrov and Dmytro Kuleba held their first talks since the invasion began on Thursday, but the meeting produced no ceasefire.",
        Some("2022-03-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date.value.as_deref(), Some("2022-03-10"));
}

#[test]
fn travelling_somewhere_to_meet_someone_is_a_meeting_not_a_visit() {
    let ev = run(
        "Saudi Foreign Minister Faisal bin Farhan will travel to Washington next week, where he will meet National Security Adviser Jake Sullivan.",
        Some("2023-05-03"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Meeting);
    assert_eq!(ev[0].status, Status::Planned);
    assert_eq!(names(&ev[0]), vec!["Faisal bin Farhan", "Jake Sullivan"]);
}

#[test]
fn a_guest_welcomed_by_a_host_on_a_trip_is_a_visit() {
    let ev = run(
        "Lavrov's trip began on Monday, when he was welcomed by Foreign Minister Hakan Fidan at the ministry's guesthouse.",
        Some("2024-06-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Visit);
    assert_eq!(names(&ev[0]), vec!["Hakan Fidan", "Sergei Lavrov"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-06-10"));
}

#[test]
fn a_denied_meeting_with_his_counterpart_includes_him_and_is_dated_by_the_month() {
    let ev = run(
        "Prime Minister Shehbaz Sharif held talks with Chinese President Xi Jinping on Thursday, but there was no bilateral meeting with his Indian counterpart Narendra Modi, officials said.",
        Some("2024-07-05"),
    );
    let denied: Vec<&Event> = ev.iter().filter(|e| e.status == Status::Denied).collect();
    assert_eq!(denied.len(), 1, "{ev:#?}");
    assert_eq!(names(denied[0]), vec!["Narendra Modi", "Shehbaz Sharif"]);
    assert_eq!(denied[0].date.value.as_deref(), Some("2024-07"));
}

#[test]
fn talks_after_which_two_leaders_agreed_are_their_meeting() {
    let ev = run(
        "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev agreed on Saturday to resume border work, after six hours of talks in Granada.",
        Some("2023-10-08"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Ilham Aliyev", "Nikol Pashinyan"]);
    assert_eq!(
        ev[0].location.as_ref().map(|l| l.name.as_str()),
        Some("Granada")
    );
}

#[test]
fn a_two_day_summit_names_nobody() {
    let ev = run(
        "Erdogan and Putin met in Sochi on Monday. The two-day summit, attended by the leaders of the ten member states, ends on Friday.",
        Some("2021-09-29"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Recep Tayyip Erdogan", "Vladimir Putin"]
    );
}

#[test]
fn the_person_before_whom_is_the_one_received() {
    let ev = run(
        "Diplomats noted the visit of Ukraine's foreign minister, Dmytro Kuleba, whom the Indian prime minister Narendra Modi received in New Delhi on Friday.",
        Some("2024-03-31"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Dmytro Kuleba", "Narendra Modi"]);
}

#[test]
fn received_before_the_talks_takes_the_talks_day_and_place() {
    let ev = run(
        "The foreign ministers of Serbia and Kosovo, Ivica Dacic and Donika Gervalla, held talks in Brussels on Tuesday. EU envoy Miroslav Lajcak received each minister separately before the talks.",
        Some("2024-05-09"),
    );
    assert_eq!(ev.len(), 3, "{ev:#?}");
    for e in &ev {
        assert_eq!(e.date.value.as_deref(), Some("2024-05-07"), "{e:#?}");
        assert_eq!(
            e.location.as_ref().map(|l| l.name.as_str()),
            Some("Brussels")
        );
    }
}

#[test]
fn a_dateline_date_does_not_date_the_event() {
    let ev = run(
        "NEW YORK, Sept 21 (Wire) - Turkish President Recep Tayyip Erdogan met Iranian President Ebrahim Raisi on Tuesday on the sidelines of the General Assembly.",
        Some("2023-09-21"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-09-19"));
}

#[test]
fn a_chinese_official_named_later_by_family_name_is_not_a_lexicon_namesake() {
    // "Han" alone is also the surname of South Korean premiers in the lexicon; the article
    // introduced China's Han Zheng, so "Han" is him.
    let ev = run(
        "Beijing said Vice President Han Zheng would attend the ceremony. Han is expected to meet Vice President JD Vance during his stay in Washington.",
        Some("2025-01-18"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Han Zheng", "JD Vance"]);
}

#[test]
fn continuing_negotiations_is_an_event_only_with_a_day() {
    let open_ended = run(
        "Ilham Aliyev and Nikol Pashinyan met in Abu Dhabi on Thursday and agreed to continue negotiations on the text of the treaty.",
        Some("2025-07-12"),
    );
    assert_eq!(open_ended.len(), 1, "{open_ended:#?}");
    assert_eq!(open_ended[0].kind, EventType::Meeting);
    let dated = run(
        "The negotiators, Iranian Deputy Foreign Minister Abbas Araghchi and US Under Secretary of State Wendy Sherman, will continue the negotiations on Tuesday.",
        Some("2014-07-14"),
    );
    assert_eq!(dated.len(), 1, "{dated:#?}");
    assert_eq!(dated[0].status, Status::Planned);
    assert_eq!(names(&dated[0]), vec!["Abbas Araghchi", "Wendy Sherman"]);
    assert_eq!(dated[0].date.value.as_deref(), Some("2014-07-15"));
}

#[test]
fn given_names_spelt_differently_after_a_title_are_the_lexicon_person() {
    // The lexicon writes "Atal Bihari Vajpayee"; one title, one person, no "Atal Behari" stranger.
    let ev = run(
        "Indian Prime Minister Atal Behari Vajpayee met Pakistani President Pervez Musharraf in Agra on Sunday.",
        Some("2001-07-17"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Atal Bihari Vajpayee", "Pervez Musharraf"]
    );
}

#[test]
fn conferring_is_a_meeting_and_apposition_names_the_plural_group() {
    let ev = run(
        "Vajpayee and Musharraf held talks on Sunday. The two foreign ministers, Jaswant Singh and Abdul Sattar, conferred for three hours on Monday.",
        Some("2001-07-17"),
    );
    let fm = ev
        .iter()
        .find(|e| e.date.value.as_deref() == Some("2001-07-16"))
        .expect("the ministers' talks");
    assert_eq!(fm.kind, EventType::Meeting, "{fm:#?}");
    assert_eq!(names(fm), vec!["Abdul Sattar", "Jaswant Singh"]);
}

#[test]
fn a_journey_told_in_the_past_to_meet_someone_happened_then() {
    let ev = run(
        "Their last summit was in Lahore in February 1999, when Vajpayee rode a bus across the border to meet Prime Minister Nawaz Sharif.",
        Some("2001-07-17"),
    );
    let m = ev
        .iter()
        .find(|e| names(e) == vec!["Atal Bihari Vajpayee", "Nawaz Sharif"])
        .expect("the Lahore meeting");
    assert_eq!(m.status, Status::Occurred, "{m:#?}");
    assert_eq!(m.date.value.as_deref(), Some("1999-02"));
    // A journey still ahead stays planned.
    let ev = run(
        "Vajpayee will fly to Lahore next week to meet Prime Minister Nawaz Sharif.",
        Some("1999-02-10"),
    );
    assert!(ev.iter().all(|e| e.status == Status::Planned), "{ev:#?}");
}

#[test]
fn first_talks_in_years_is_not_a_date_and_a_possessor_is_not_a_participant() {
    let ev = run(
        "The process began on 16 January 2002, when Denktash and Papadopoulos's predecessor, Glafcos Clerides, sat down in Nicosia for their first direct talks in four years.",
        Some("2003-03-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Glafcos Clerides", "Rauf Denktash"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2002-01-16"));
}

#[test]
fn convening_two_leaders_is_hosting_them() {
    let ev = run(
        "UN Secretary-General Kofi Annan convened Greek Cypriot leader Tassos Papadopoulos and Turkish Cypriot leader Rauf Denktas in The Hague on Monday.",
        Some("2003-03-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Kofi Annan", "Rauf Denktash", "Tassos Papadopoulos"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2003-03-10"));
}

#[test]
fn a_second_verb_of_the_subject_skips_the_first_verbs_object() {
    // Rice, not Sarkozy, travels to meet Saakashvili; both are planned, dated forward.
    let ev = run(
        "Secretary of State Condoleezza Rice will stop in France on Thursday to confer with Sarkozy and will then travel to Tbilisi on Friday to meet Saakashvili.",
        Some("2008-08-13"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    let tbilisi = ev
        .iter()
        .find(|e| e.date.value.as_deref() == Some("2008-08-15"))
        .expect("Friday's meeting");
    assert_eq!(
        names(tbilisi),
        vec!["Condoleezza Rice", "Mikheil Saakashvili"]
    );
    assert!(ev.iter().all(|e| e.status == Status::Planned), "{ev:#?}");
}

#[test]
fn a_pronoun_coordinated_with_a_name_is_somebody_else() {
    let ev = run(
        "French President Nicolas Sarkozy flew to Tbilisi on Tuesday, where he and Foreign Minister Bernard Kouchner met Georgian President Mikheil Saakashvili.",
        Some("2008-08-13"),
    );
    let m = ev
        .iter()
        .find(|e| e.kind == EventType::Meeting || e.kind == EventType::Visit)
        .expect("the Tbilisi meeting");
    assert!(
        names(m).contains(&"Nicolas Sarkozy".to_string())
            && names(m).contains(&"Bernard Kouchner".to_string()),
        "{m:#?}"
    );
}

#[test]
fn a_relative_clause_before_the_verb_gives_neither_subject_nor_date() {
    let ev = run(
        "Afghan President Ashraf Ghani, who was re-elected by voters in September 2019, met US Secretary of State Mike Pompeo in Kabul on Monday.",
        Some("2020-03-25"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Ashraf Ghani", "Mike Pompeo"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2020-03-23"));
}

#[test]
fn frames_naming_different_days_stay_apart() {
    let ev = run(
        "Annan suspended the negotiations between Kibaki and Odinga on Tuesday. Annan brokered the first meeting between Kibaki and Odinga in Nairobi on 24 January.",
        Some("2008-02-29"),
    );
    let jan = ev
        .iter()
        .find(|e| e.date.value.as_deref() == Some("2008-01-24"))
        .unwrap_or_else(|| panic!("the January meeting is its own event: {ev:#?}"));
    assert_eq!(
        names(jan),
        vec!["Kofi Annan", "Mwai Kibaki", "Raila Odinga"]
    );
}

#[test]
fn separate_talks_after_a_relative_clause_take_its_day_when_they_have_none() {
    let ev = run(
        "Tanzanian President Jakaya Kikwete, who flew in on Wednesday, held separate talks with the Kenyan president and with Raila Odinga that evening.",
        Some("2008-02-29"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for e in &ev {
        assert!(names(e).contains(&"Jakaya Kikwete".to_string()), "{e:#?}");
        assert_eq!(e.date.value.as_deref(), Some("2008-02-27"));
    }
}

#[test]
fn mediated_talks_in_the_sentence_make_the_gathering_a_mediation() {
    let ev = run(
        "Kenyan President Mwai Kibaki and opposition leader Raila Odinga sat down with Kofi Annan and Tanzanian President Jakaya Kikwete in Nairobi for five hours of mediated talks on Thursday.",
        Some("2008-02-29"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Mediation);
    assert_eq!(ev[0].participants.len(), 4);
}

#[test]
fn both_men_separately_are_two_calls() {
    let ev = run(
        "Kenyan President Mwai Kibaki and opposition leader Raila Odinga signed the deal on Thursday. US President George W. Bush telephoned both men separately on Thursday evening.",
        Some("2008-02-29"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for e in &ev {
        assert_eq!(e.kind, EventType::Call);
        assert!(names(e).contains(&"George W. Bush".to_string()));
    }
}

#[test]
fn spoke_to_him_by_phone_with_the_day_after_the_object() {
    let ev = run(
        "Russian Foreign Minister Sergei Lavrov did not travel to Vienna; US Secretary of State John Kerry spoke to him by phone on Saturday.",
        Some("2014-07-15"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Call);
    assert_eq!(names(&ev[0]), vec!["John Kerry", "Sergei Lavrov"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2014-07-12"));
}

#[test]
fn a_coordinated_clause_with_its_own_date_and_subject_is_its_own_event() {
    let ev = run(
        "The next day Dagalo was in Addis Ababa for talks with Prime Minister Abiy Ahmed, and on 29 December he met Djibouti's President Ismail Omar Guelleh.",
        Some("2024-01-06"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert!(
        ev.iter().all(|e| e.status == Status::Occurred),
        "'the next day' is no future: {ev:#?}"
    );
    let djibouti = ev
        .iter()
        .find(|e| names(e).contains(&"Ismail Omar Guelleh".to_string()))
        .expect("the Guelleh meeting");
    assert_eq!(djibouti.date.value.as_deref(), Some("2023-12-29"));
    assert!(
        djibouti.location.is_none(),
        "Addis Ababa is the first clause's place: {djibouti:#?}"
    );
    let addis = ev
        .iter()
        .find(|e| names(e).contains(&"Abiy Ahmed".to_string()))
        .expect("the Abiy talks");
    assert!(
        !names(addis).contains(&"Ismail Omar Guelleh".to_string()),
        "{addis:#?}"
    );
}

#[test]
fn a_meeting_postponed_after_a_relative_clause_is_cancelled_on_its_nearest_date() {
    let ev = run(
        "A face-to-face meeting between Dagalo and Sudan's army chief, General Abdel Fattah al-Burhan, which the regional bloc had said would take place in Djibouti on 28 December, was postponed indefinitely.",
        Some("2024-01-06"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, Status::Cancelled);
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-12-28"));
}

#[test]
fn an_object_pronoun_is_not_the_subject_who_received_him() {
    let ev = run(
        "Sudanese paramilitary commander Mohamed Hamdan Dagalo began his tour on 27 December. In Entebbe, President Yoweri Museveni received him at State House.",
        Some("2024-01-06"),
    );
    assert!(
        ev.iter()
            .any(|e| names(e) == vec!["Mohamed Hamdan Dagalo", "Yoweri Museveni"]),
        "{ev:#?}"
    );
}

#[test]
fn before_it_began_dates_by_the_talks_just_told() {
    let ev = run(
        "Israeli Prime Minister Benjamin Netanyahu and Palestinian President Mahmoud Abbas held talks in Sharm el-Sheikh on Tuesday. Egyptian President Hosni Mubarak received Netanyahu and Abbas separately before it began.",
        Some("2010-09-16"),
    );
    let mubarak: Vec<&Event> = ev
        .iter()
        .filter(|e| names(e).contains(&"Hosni Mubarak".to_string()))
        .collect();
    assert_eq!(mubarak.len(), 2, "{ev:#?}");
    for e in mubarak {
        assert_eq!(e.date.value.as_deref(), Some("2010-09-14"), "{e:#?}");
    }
}

#[test]
fn counterparts_from_several_countries_are_each_foreign_minister() {
    let ev = run(
        "On Wednesday US Secretary of State Rex Tillerson is to meet in Jeddah with Saudi Foreign Minister Adel al-Jubeir and his counterparts from the United Arab Emirates, Egypt and Bahrain.",
        Some("2017-07-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].participants.len(), 5, "{ev:#?}");
    assert_eq!(ev[0].status, Status::Planned);
}

#[test]
fn an_invitation_accepted_afterwards_is_a_planned_visit_by_the_invited() {
    for text in [
        "Russian President Vladimir Putin invited Indian Prime Minister Narendra Modi to pay an official visit to Russia. The invitation was accepted with gratitude.",
        "Russian President Vladimir Putin invited Indian Prime Minister Narendra Modi to visit Moscow, and Modi accepted.",
    ] {
        let ev = run(text, Some("2024-06-06"));
        assert_eq!(ev.len(), 1, "{text}: {ev:#?}");
        assert_eq!(ev[0].kind, EventType::Visit);
        assert_eq!(ev[0].status, Status::Planned);
        assert_eq!(ev[0].initiator.as_deref(), Some("Narendra Modi"), "{text}");
    }
    let declined = run(
        "Russian President Vladimir Putin invited Indian Prime Minister Narendra Modi to pay an official visit to Russia. The dates were not discussed.",
        Some("2024-06-06"),
    );
    assert!(declined.is_empty(), "{declined:#?}");
}

#[test]
fn a_relative_clause_verb_has_the_people_before_who_as_subject() {
    let ev = run(
        "The treaty was finalised by Kazakh Foreign Minister Mukhtar Tileuberdi and Uzbek Foreign Minister Vladimir Norov, who met in Astana on Tuesday, the ministry said.",
        Some("2022-12-22"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Meeting);
    assert_eq!(names(&ev[0]), vec!["Mukhtar Tileuberdi", "Vladimir Norov"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2022-12-20"));
}

#[test]
fn a_range_of_days_dates_every_trigger_by_its_first_day() {
    let ev = run(
        "Treasury Secretary Scott Bessent negotiated with Chinese Vice Premier He Lifeng on Saturday and Sunday in Geneva, in the first face-to-face talks between the two sides this year.",
        Some("2025-05-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date.value.as_deref(), Some("2025-05-10"));
}

#[test]
fn calling_on_a_person_is_a_courtesy_call_unless_it_asks_them_to_act() {
    let ev = run(
        "During his stay in Kabul on Wednesday, Chinese Foreign Minister Wang Yi also called on Mullah Abdul Ghani Baradar, the acting deputy prime minister, and discussed investment.",
        Some("2025-08-21"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Meeting);
    assert_eq!(names(&ev[0]), vec!["Abdul Ghani Baradar", "Wang Yi"]);
    for appeal in [
        "UN Secretary-General Antonio Guterres called on Russian President Vladimir Putin to end the war.",
        "US Secretary of State Antony Blinken called on President Ilham Aliyev and Prime Minister Nikol Pashinyan to resume talks.",
    ] {
        let ev = run(appeal, Some("2025-08-21"));
        assert!(ev.is_empty(), "{appeal}: {ev:#?}");
    }
}

#[test]
fn the_first_visit_in_three_years_is_not_dated_three_years_ahead() {
    let ev = run(
        "Chinese Foreign Minister Wang Yi held talks with Prime Minister Narendra Modi in New Delhi on Tuesday, on the first visit by a Chinese foreign minister to India in three years.",
        Some("2025-08-21"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].date.value.as_deref(), Some("2025-08-19"));
}

#[test]
fn an_aside_after_a_dash_about_two_countries_adds_no_people() {
    let ev = run(
        "Two days later, Secretary of State John Kerry and Iranian Foreign Minister Mohammad Javad Zarif sat down alone in New York. And on Friday, Barack Obama phoned Hassan Rouhani - the first conversation between the presidents of the two countries since 1979.",
        Some("2013-09-28"),
    );
    let calls: Vec<&Event> = ev.iter().filter(|e| e.kind == EventType::Call).collect();
    assert_eq!(calls.len(), 1, "{ev:#?}");
    assert_eq!(names(calls[0]), vec!["Barack Obama", "Hassan Rouhani"]);
}

#[test]
fn the_two_presidents_are_not_a_pair_of_ministers_told_of_before() {
    let ev = run(
        "Iranian Foreign Minister Mohammad Javad Zarif met EU foreign policy chief Catherine Ashton in Geneva on Monday. The White House offered an informal encounter between the two presidents on Tuesday.",
        Some("2013-09-28"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Catherine Ashton", "Mohammad Javad Zarif"]
    );
}

#[test]
fn talks_after_which_two_ministers_announced_a_deal_are_theirs_and_a_later_lone_denial_is_not() {
    let ev = run(
        "The deal was announced by Foreign Minister Yun Byung-se and his Japanese counterpart Fumio Kishida after talks at the Foreign Ministry in Seoul on Monday afternoon. Park and Abe agreed to speed up those negotiations. Kishida did not meet any of the women during his stay.",
        Some("2015-12-29"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Meeting);
    assert_eq!(ev[0].status, Status::Occurred);
    assert_eq!(names(&ev[0]), vec!["Fumio Kishida", "Yun Byung-se"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2015-12-28"));
}

#[test]
fn spoke_separately_by_phone_on_a_day_with_two_leaders_is_two_calls() {
    let ev = run(
        "President Joe Biden spoke separately by phone on Tuesday with the emir of Qatar, Sheikh Tamim bin Hamad Al Thani, and with Egyptian President Abdel Fattah el-Sisi before the agreement was announced.",
        Some("2023-11-22"),
    );
    assert_eq!(ev.len(), 2, "{ev:#?}");
    for e in &ev {
        assert_eq!(e.kind, EventType::Call);
        assert_eq!(e.date.value.as_deref(), Some("2023-11-21"));
    }
}

#[test]
fn talks_facilitated_by_two_prime_ministers_named_in_apposition_are_a_mediation() {
    let ev = run(
        "Venezuelan President Nicolas Maduro and Guyanese President Irfaan Ali agreed on Thursday not to use force, after talks that were facilitated by the prime ministers of St Vincent and the Grenadines and of Dominica, Ralph Gonsalves and Roosevelt Skerrit.",
        Some("2023-12-15"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Mediation);
    assert_eq!(
        names(&ev[0]),
        vec![
            "Irfaan Ali",
            "Nicolas Maduro",
            "Ralph Gonsalves",
            "Roosevelt Skerrit"
        ]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-12-14"));
}

#[test]
fn envoys_named_in_apposition_meet_and_ranked_meetings_stay_apart() {
    let ev = run(
        "VIENNA, February 24. Special envoys of Armenia and Turkey on the normalization of relations, Ruben Rubinyan and Serdar Kilic, held their second meeting in Vienna on Thursday.\n\nThe first meeting of the two envoys was held in Moscow on January 14. Kilic and Rubinyan held talks via video link on February 8. The envoys agreed that their third meeting will be held at a date to be agreed.",
        Some("2022-02-24"),
    );
    let summary: Vec<(EventType, Status, Option<&str>)> = ev
        .iter()
        .map(|e| (e.kind, e.status, e.date.value.as_deref()))
        .collect();
    assert_eq!(ev.len(), 4, "{summary:?}");
    for e in &ev {
        assert_eq!(
            names(e),
            vec!["Ruben Rubinyan", "Serdar Kilic"],
            "{summary:?}"
        );
    }
    assert!(summary.contains(&(EventType::Meeting, Status::Occurred, Some("2022-02-24"))));
    assert!(summary.contains(&(EventType::Meeting, Status::Occurred, Some("2022-01-14"))));
    assert!(summary.contains(&(EventType::Call, Status::Occurred, Some("2022-02-08"))));
    assert!(summary.contains(&(EventType::Meeting, Status::Planned, None)));
}

#[test]
fn another_given_name_before_a_known_surname_is_another_person() {
    let ev = run(
        "The water ministers of the three countries, Egypt's Mohamed Abdel Aty and Sudan's Yasir Abbas, will meet in Addis Ababa on 15 November, with Ethiopia as host.",
        Some("2019-11-07"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Mohamed Abdel Aty", "Yasir Abbas"]);
    assert_eq!(ev[0].status, Status::Planned);
    assert_eq!(ev[0].date.value.as_deref(), Some("2019-11-15"));
    // A known person's own given name, and an honorific, still name the lexicon's person.
    let ev = run(
        "Palestinian President Mahmoud Abbas met Prince Faisal in Riyadh on Monday.",
        Some("2023-05-10"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert!(
        names(&ev[0]).contains(&"Mahmoud Abbas".to_string()),
        "{ev:#?}"
    );
    assert!(
        names(&ev[0]).contains(&"Faisal bin Farhan".to_string()),
        "{ev:#?}"
    );
}

#[test]
fn the_two_after_a_pair_in_the_same_sentence_is_that_pair() {
    let ev = run(
        "Foreign Minister Sameh Shoukry met Ethiopian Foreign Minister Gedu Andargachew on Wednesday. Egyptian President Abdel Fattah el-Sisi asked Donald Trump to help when the two met in New York in September.",
        Some("2019-11-07"),
    );
    let sisi = ev
        .iter()
        .find(|e| names(e).contains(&"Abdel Fattah el-Sisi".to_string()))
        .unwrap_or_else(|| panic!("no Sisi event: {ev:#?}"));
    assert_eq!(names(sisi), vec!["Abdel Fattah el-Sisi", "Donald Trump"]);
    assert_eq!(sisi.date.value.as_deref(), Some("2019-09"));
}

#[test]
fn ministers_and_their_counterparts_who_mediated_between_two_rivals_all_take_part() {
    let ev = run(
        "Russian Foreign Minister Sergei Lavrov and Defence Minister Sergei Shoigu, and their Turkish counterparts Mevlut Cavusoglu and Hulusi Akar, mediated between Libyan commander Khalifa Haftar and Prime Minister Fayez al-Sarraj on Monday.",
        Some("2020-01-14"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Mediation);
    assert_eq!(
        names(&ev[0]),
        vec![
            "Fayez al-Sarraj",
            "Hulusi Akar",
            "Khalifa Haftar",
            "Mevlut Cavusoglu",
            "Sergei Lavrov",
            "Sergei Shoigu"
        ]
    );
}

#[test]
fn a_state_readout_meeting_dated_by_weekday_and_day_then_the_head_of_state_is_its_protagonist() {
    let ev = run(
        "President Maduro: Argyle meeting opened a road of dialogue\n\nCaracas, 15 December 2023 (ABI).- The President of the Bolivarian Republic of Venezuela, Nicolás Maduro Moros, qualified as positive the meeting sustained this Wednesday, 14 December, with the President of the Cooperative Republic of Guyana, Irfaan Ali, in Saint Vincent.\n\nThe Head of State informed that, before travelling, he sustained a telephone conversation with President Luiz Inácio Lula da Silva in the night of the 13th.",
        Some("2023-12-15"),
    );
    let meeting = ev
        .iter()
        .find(|e| e.kind == EventType::Meeting)
        .unwrap_or_else(|| panic!("no meeting: {ev:#?}"));
    assert_eq!(names(meeting), vec!["Irfaan Ali", "Nicolas Maduro"]);
    assert_eq!(meeting.date.value.as_deref(), Some("2023-12-14"));
    let call = ev
        .iter()
        .find(|e| e.kind == EventType::Call)
        .unwrap_or_else(|| panic!("no call: {ev:#?}"));
    assert_eq!(
        names(call),
        vec!["Luiz Inacio Lula da Silva", "Nicolas Maduro"]
    );
    assert_eq!(call.date.value.as_deref(), Some("2023-12-13"));
}

#[test]
fn a_whose_clause_before_the_verb_keeps_the_subject() {
    let ev = run(
        "Brazilian President Luiz Inacio Lula da Silva, whose country borders both Venezuela and Guyana, spoke by phone with Venezuelan President Nicolas Maduro on Saturday.",
        Some("2023-12-10"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Luiz Inacio Lula da Silva", "Nicolas Maduro"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-12-09"));
}

#[test]
fn a_courtesy_call_with_a_later_to_is_still_a_call_on_the_person() {
    let ev = run(
        "National Security Adviser Ajit Doval is scheduled to call on Chinese Vice-President Han Zheng on Thursday before returning to Delhi.",
        Some("2024-12-19"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Meeting);
    assert_eq!(ev[0].status, Status::Planned);
    assert_eq!(names(&ev[0]), vec!["Ajit Doval", "Han Zheng"]);
}

#[test]
fn a_thai_official_is_named_later_by_the_first_word_and_a_committee_is_nobody() {
    let ev = run(
        "Cambodian Prime Minister Hun Manet and Thailand's acting Prime Minister Phumtham Wechayachai met on Monday in Putrajaya.\n\nUS President Donald Trump telephoned Hun Manet and then Phumtham on Saturday.\n\nThe defence ministers are to meet in Kuala Lumpur on 4 August at a session of the General Border Committee.",
        Some("2025-07-29"),
    );
    let calls: Vec<&Event> = ev.iter().filter(|e| e.kind == EventType::Call).collect();
    assert_eq!(calls.len(), 2, "{ev:#?}");
    assert!(calls
        .iter()
        .any(|c| names(c) == vec!["Donald Trump", "Phumtham Wechayachai"]));
    assert!(
        ev.iter()
            .all(|e| e.participants.iter().all(|p| !p.name.contains("Committee"))),
        "{ev:#?}"
    );
}

#[test]
fn a_second_verb_after_and_shares_the_people_of_the_first() {
    let ev = run(
        "Turkish President Recep Tayyip Erdogan and Greek Prime Minister Kyriakos Mitsotakis agreed to restart the dialogue when they met in Vilnius on July 12 on the sidelines of the NATO summit, and met again in New York in September during the UN General Assembly.",
        Some("2023-12-07"),
    );
    let dates: Vec<Option<&str>> = ev.iter().map(|e| e.date.value.as_deref()).collect();
    assert_eq!(ev.len(), 2, "{ev:#?}");
    assert!(dates.contains(&Some("2023-07-12")), "{dates:?}");
    assert!(dates.contains(&Some("2023-09")), "{dates:?}");
    for e in &ev {
        assert_eq!(
            names(e),
            vec!["Kyriakos Mitsotakis", "Recep Tayyip Erdogan"]
        );
    }
}

#[test]
fn a_surname_listed_as_too_common_names_the_person_once_named_in_full() {
    // Irfaan Ali's lexicon entry has no stand-alone surname ("Ali" is far too common); after
    // his full name, "Ali" is him.
    let ev = run(
        "Guyanese President Irfaan Ali met Venezuelan President Nicolas Maduro in Brasilia on Monday. On Wednesday, Maduro telephoned Ali to thank him.",
        Some("2024-03-08"),
    );
    let call = ev
        .iter()
        .find(|e| e.kind == EventType::Call)
        .expect("the call");
    assert_eq!(names(call), vec!["Irfaan Ali", "Nicolas Maduro"]);
    assert_eq!(call.date.value.as_deref(), Some("2024-03-06"));
}

#[test]
fn a_guarded_surname_nobody_in_the_text_bears_is_a_word_or_a_place() {
    // "Muscat" is also a surname; with no Muscat named in full it is the city.
    let ev = run(
        "Omani Foreign Minister Badr Albusaidi hosted talks in Muscat on Saturday between Iranian Foreign Minister Abbas Araghchi and US envoy Steve Witkoff.",
        Some("2025-04-14"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        ev[0].location.as_ref().map(|l| l.name.as_str()),
        Some("Muscat")
    );
    assert!(names(&ev[0]).contains(&"Badr Albusaidi".to_string()));
}

#[test]
fn a_surname_inside_a_hyphenated_given_name_is_nobody() {
    let ev = run(
        "South Korean negotiator Lee Sang-deok met Japanese diplomat Kimihiro Ishikane in Seoul on Sunday.",
        Some("2015-12-28"),
    );
    assert!(
        ev.iter()
            .all(|e| e.participants.iter().all(|p| p.name != "Truong Tan Sang")),
        "{ev:#?}"
    );
}

#[test]
fn a_side_conversation_and_a_plan_to_meet_again_are_their_own_events() {
    let ev = run(
        "The presidents of Venezuela and Guyana, Nicolas Maduro and Irfaan Ali, held talks in Kingstown on Thursday that were chaired by the prime ministers of two neighbouring islands, Ralph Gonsalves and Roosevelt Skerrit. Late in the day Maduro and Ali withdrew for a one-on-one conversation of about half an hour. The two presidents agreed to meet again in Brazil.",
        Some("2023-12-16"),
    );
    let pair: Vec<&Event> = ev
        .iter()
        .filter(|e| names(e) == vec!["Irfaan Ali", "Nicolas Maduro"])
        .collect();
    assert_eq!(pair.len(), 2, "{ev:#?}");
    // The aside, told without a date, happened on the day of the talks told just before.
    assert!(pair.iter().any(|e| e.status == Status::Occurred
        && e.kind == EventType::Meeting
        && e.date.value.as_deref() == Some("2023-12-14")));
    assert!(pair.iter().any(|e| e.status == Status::Planned));
}

#[test]
fn mediators_in_a_relative_clause_join_the_talks_told_before() {
    let ev = run(
        "Talks between Kosovo Prime Minister Albin Kurti and Serbian President Aleksandar Vucic ended in Brussels on Thursday without agreement. The meeting, which Borrell and EU envoy Miroslav Lajcak facilitated, lasted several hours.",
        Some("2022-08-19"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Mediation);
    assert_eq!(
        names(&ev[0]),
        vec![
            "Albin Kurti",
            "Aleksandar Vucic",
            "Josep Borrell",
            "Miroslav Lajcak"
        ]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2022-08-18"));
}

#[test]
fn a_known_surname_used_as_a_given_name_names_someone_else() {
    // "Gabriel" is Mariya Gabriel's surname; here it is Gabriel Escobar's given name.
    let ev = run(
        "US special envoy for the Western Balkans Gabriel Escobar spoke by phone with Kosovo Prime Minister Albin Kurti on Tuesday.",
        Some("2022-08-17"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Albin Kurti", "Gabriel Escobar"]);
}

#[test]
fn a_subject_pronoun_looks_back_and_separately_inside_a_list_splits_it() {
    let ev = run(
        "Chad's transitional president, Mahamat Idriss Deby, was the first foreign leader to arrive after the coup. He flew into Niamey on July 30 and met Tiani and, separately, Bazoum.",
        Some("2023-08-20"),
    );
    let mut pairs: Vec<Vec<String>> = ev.iter().map(names).collect();
    pairs.sort();
    assert_eq!(
        pairs,
        vec![
            vec![
                "Abdourahamane Tchiani".to_string(),
                "Mahamat Idriss Deby".to_string()
            ],
            vec![
                "Mahamat Idriss Deby".to_string(),
                "Mohamed Bazoum".to_string()
            ],
        ],
        "{ev:#?}"
    );
    assert!(ev
        .iter()
        .all(|e| e.date.value.as_deref() == Some("2023-07-30")));
}

#[test]
fn a_refused_reception_is_a_denied_meeting_not_a_visit() {
    let ev = run(
        "When the envoy Abdulsalami Abubakar flew to Niamey on August 3, he was not received by Abdourahamane Tchiani, the junta leader.",
        Some("2023-08-20"),
    );
    let refused = ev
        .iter()
        .find(|e| names(e).contains(&"Abdourahamane Tchiani".to_string()))
        .expect("the refused reception");
    assert_eq!(refused.kind, EventType::Meeting, "{ev:#?}");
    assert_eq!(refused.status, Status::Denied);
    assert_eq!(refused.date.value.as_deref(), Some("2023-08-03"));
}

#[test]
fn also_keeps_the_occasion_and_a_lone_traveller_waits_for_his_own_sentence() {
    let ev = run(
        "Former Nigerian leader Abdulsalami Abubakar held talks with Niger's junta leader, General Abdourahamane Tchiani, in Niamey on Saturday (19 August). Abubakar also met deposed President Mohamed Bazoum. When Abubakar flew to Niamey on August 3, he was not received by Tchiani.",
        Some("2023-08-20"),
    );
    let bazoum = ev
        .iter()
        .find(|e| names(e).contains(&"Mohamed Bazoum".to_string()))
        .expect("the meeting with Bazoum");
    assert_eq!(bazoum.status, Status::Occurred);
    assert_eq!(bazoum.date.value.as_deref(), Some("2023-08-19"), "{ev:#?}");
    assert!(ev
        .iter()
        .any(|e| e.status == Status::Denied && e.date.value.as_deref() == Some("2023-08-03")));
}

#[test]
fn an_airport_named_after_a_person_is_no_participant() {
    let ev = run(
        "Pakistani Prime Minister Nawaz Sharif received Indian Prime Minister Narendra Modi at Allama Iqbal International Airport in Lahore on Friday.",
        Some("2015-12-26"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Narendra Modi", "Nawaz Sharif"]);
}

#[test]
fn meetings_before_a_summit_and_the_four_leaders_are_told_apart() {
    let ev = run(
        "Russian President Vladimir Putin and Ukrainian President Volodymyr Zelensky met in Paris on Monday at a summit hosted by French President Emmanuel Macron with German Chancellor Angela Merkel. Before the four-way session, Macron and Merkel received Zelensky at the Elysee. The four leaders agreed to meet again within four months.",
        Some("2019-12-10"),
    );
    let summit = ev
        .iter()
        .find(|e| e.participants.len() == 4 && e.status == Status::Occurred)
        .expect("the summit");
    assert_eq!(summit.date.value.as_deref(), Some("2019-12-09"));
    assert!(
        ev.iter()
            .any(|e| e.participants.len() == 3 && e.status == Status::Occurred),
        "the reception before the summit is its own meeting: {ev:#?}"
    );
    assert!(
        ev.iter()
            .any(|e| e.participants.len() == 4 && e.status == Status::Planned),
        "the four leaders' plan: {ev:#?}"
    );
}

#[test]
fn and_separately_keeps_the_list_going_before_more_words() {
    let ev = run(
        "Chad's transitional president, Mahamat Idriss Deby, flew into Niamey on July 30 and met Abdourahamane Tiani and, separately, Mohamed Bazoum in a bid to find a way out of the crisis.",
        Some("2023-08-20"),
    );
    let met: Vec<Vec<String>> = ev
        .iter()
        .filter(|e| e.kind == EventType::Meeting)
        .map(names)
        .collect();
    assert!(
        met.contains(&vec![
            "Mahamat Idriss Deby".to_string(),
            "Mohamed Bazoum".to_string()
        ]),
        "{ev:#?}"
    );
    assert!(
        met.iter().all(|p| p.len() == 2),
        "two separate meetings: {met:?}"
    );
}

#[test]
fn unknown_names_keep_all_their_words_around_a_known_surname() {
    // "Moussa" and "Chaudhry" are surnames of other people the lexicon knows.
    let ev = run(
        "US Deputy Secretary of State Victoria Nuland met the army chief, General Moussa Salaou Barmou, in Niamey on Monday.",
        Some("2023-08-09"),
    );
    assert!(
        ev.iter()
            .any(|e| names(e).contains(&"Moussa Salaou Barmou".to_string())),
        "{ev:#?}"
    );
    let ev = run(
        "Indian Foreign Secretary Subrahmanyam Jaishankar met his Pakistani counterpart Aizaz Ahmad Chaudhry in Islamabad on Tuesday.",
        Some("2016-01-15"),
    );
    assert!(
        ev.iter()
            .any(|e| names(e).contains(&"Aizaz Ahmad Chaudhry".to_string())),
        "{ev:#?}"
    );
}

#[test]
fn the_last_word_of_a_compound_surname_names_the_person_once_introduced() {
    let ev = run(
        "Senegal's President Bassirou Diomaye Faye toured the region this week. Faye spoke with Niger's leader, General Abdourahamane Tiani, by telephone on Tuesday.",
        Some("2024-05-31"),
    );
    let call = ev
        .iter()
        .find(|e| e.kind == EventType::Call)
        .expect("the call");
    assert!(
        names(call).contains(&"Bassirou Diomaye Faye".to_string()),
        "{ev:#?}"
    );
}

#[test]
fn a_gulf_royal_is_called_by_his_given_name_after_an_honorific() {
    let ev = run(
        "Sheikh Abdullah bin Zayed Al Nahyan, the Emirati foreign minister, signed the accords at the White House on Tuesday. Before the ceremony, Trump received Netanyahu in the Oval Office and then met Sheikh Abdullah separately.",
        Some("2020-09-16"),
    );
    let pairs: Vec<Vec<String>> = ev.iter().map(names).collect();
    assert!(
        pairs.contains(&vec![
            "Abdullah bin Zayed Al Nahyan".to_string(),
            "Donald Trump".to_string()
        ]),
        "the object of 'received' is not the subject of 'met': {pairs:?}"
    );
    assert!(
        pairs
            .iter()
            .all(|p| !p.contains(&"Abdullah Abdullah".to_string())),
        "{pairs:?}"
    );
}

#[test]
fn a_sentence_opened_by_a_pronoun_stays_with_its_subject() {
    let ev = run(
        "Sudan's army chief General Abdel Fattah al-Burhan was received by Turkish President Recep Tayyip Erdogan in Ankara on Wednesday. His first trip abroad was to Egypt, where he met President Abdel Fattah al-Sisi on 29 August. He then travelled to Juba on 4 September for talks with South Sudan's President Salva Kiir, and to Doha, where he was welcomed by Emir Sheikh Tamim bin Hamad Al Thani on 7 September.",
        Some("2023-09-14"),
    );
    let with = |who: &str| {
        ev.iter()
            .filter(|e| names(e).contains(&who.to_string()))
            .map(names)
            .collect::<Vec<_>>()
    };
    for guest_of in ["Salva Kiir", "Tamim bin Hamad Al Thani"] {
        let events = with(guest_of);
        assert!(!events.is_empty(), "{guest_of}: {ev:#?}");
        assert!(
            events
                .iter()
                .all(|p| p.contains(&"Abdel Fattah al-Burhan".to_string()) && p.len() == 2),
            "{guest_of}: {events:?}"
        );
    }
}

#[test]
fn calling_someone_something_is_no_phone_call_and_talking_after_a_meeting_is_that_meeting() {
    let ev = run(
        "Argentine President Nestor Kirchner received Brazilian President Luiz Inacio Lula da Silva in Buenos Aires on Wednesday. Kirchner called his Brazilian counterpart \"a brother\" and said the two countries would speak with one voice.",
        Some("2003-06-13"),
    );
    assert!(ev.iter().all(|e| e.kind != EventType::Call), "{ev:#?}");
    let ev = run(
        "Japanese Prime Minister Fumio Kishida met Chinese President Xi Jinping in San Francisco on Thursday. Kishida and Xi talked for about 65 minutes and agreed to keep in touch.",
        Some("2023-11-17"),
    );
    assert!(ev.iter().all(|e| e.kind != EventType::Call), "{ev:#?}");
    let ev = run(
        "Japanese Prime Minister Fumio Kishida talked with Chinese President Xi Jinping on Thursday.",
        Some("2023-11-17"),
    );
    assert!(
        ev.iter().any(|e| e.kind == EventType::Call),
        "with no meeting told before, talking is a call as before: {ev:#?}"
    );
}

#[test]
fn the_king_is_the_person_called_king() {
    let ev = run(
        "Spain's King Juan Carlos held talks with Uruguayan President Tabare Vazquez in Montevideo on Friday. The king had telephoned Argentine President Nestor Kirchner on Thursday.",
        Some("2006-11-06"),
    );
    let call = ev
        .iter()
        .find(|e| e.kind == EventType::Call)
        .expect("the call");
    assert_eq!(
        names(call),
        vec!["Juan Carlos I", "Nestor Kirchner"],
        "{ev:#?}"
    );
}

#[test]
fn both_leaders_are_the_heads_told_before_not_their_ministers() {
    let ev = run(
        "Uzbek President Shavkat Mirziyoyev held talks with Tajik President Emomali Rahmon in Dushanbe on Friday. Foreign Ministers Abdulaziz Kamilov and Sirodjidin Aslov signed a border agreement the same day. Both leaders will meet again in Astana on 15 March.",
        Some("2018-03-10"),
    );
    let plan = ev
        .iter()
        .find(|e| e.status == Status::Planned)
        .expect("the planned meeting");
    assert_eq!(
        names(plan),
        vec!["Emomali Rahmon", "Shavkat Mirziyoyev"],
        "{ev:#?}"
    );
}

#[test]
fn a_junta_leader_with_a_military_rank_receives_a_visitor() {
    let ev = run(
        "Ghanaian President Nana Akufo-Addo was welcomed by Burkina Faso's junta leader Captain Ibrahim Traore in Ouagadougou on Tuesday.",
        Some("2023-05-05"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    let visit = ev.first().expect("the visit");
    assert_eq!(visit.kind, EventType::Visit, "{ev:#?}");
    assert_eq!(
        names(visit),
        vec!["Ibrahim Traore", "Nana Akufo-Addo"],
        "{ev:#?}"
    );
    assert_eq!(visit.date.value.as_deref(), Some("2023-05-02"), "{ev:#?}");
}

#[test]
fn a_visit_after_a_determiner_and_modifiers_is_a_noun_whose_plan_governs_its_day() {
    let ev = run(
        "Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan in Arusha. Ruto is staying on for a two-day state visit to Tanzania on Friday and Saturday, during which he will be received by President Samia at State House.",
        Some("2024-03-06"),
    );
    let visit = ev
        .iter()
        .find(|e| e.kind == EventType::Visit)
        .expect("the visit");
    assert_eq!(visit.status, Status::Planned, "{ev:#?}");
    assert_eq!(visit.date.value.as_deref(), Some("2024-03-08"), "{ev:#?}");
    assert_eq!(
        ev.iter().filter(|e| e.kind == EventType::Visit).count(),
        1,
        "the visit and its reception are one event: {ev:#?}"
    );
}

#[test]
fn separate_meetings_told_after_the_names_and_visitors_who_separately_called_on_a_host() {
    let ev = run(
        "Indonesian President Joko Widodo met Malaysian Prime Minister Anwar Ibrahim in Jakarta on Monday. He also met the presidents of the Philippines and Timor-Leste, Ferdinand Marcos Jr and Jose Ramos-Horta, in separate meetings. Singaporean Prime Minister Lee Hsien Loong and Thai Prime Minister Srettha Thavisin separately called on Widodo.",
        Some("2023-09-06"),
    );
    let with = |who: &str| {
        ev.iter()
            .filter(|e| e.participants.iter().any(|p| p.name == who))
            .collect::<Vec<_>>()
    };
    for who in [
        "Ferdinand Marcos Jr.",
        "Jose Ramos-Horta",
        "Lee Hsien Loong",
        "Srettha Thavisin",
    ] {
        let es = with(who);
        assert_eq!(es.len(), 1, "{who}: {ev:#?}");
        let e = es.first().expect("one event");
        assert_eq!(e.participants.len(), 2, "{who} met Widodo alone: {ev:#?}");
    }
    let horta = with("Jose Ramos-Horta");
    assert_eq!(
        horta.first().and_then(|e| e.date.value.as_deref()),
        Some("2023-09-04"),
        "the second of two meetings told in one sentence keeps the day: {ev:#?}"
    );
}

#[test]
fn a_full_name_one_letter_from_a_known_one_is_that_person() {
    let ev = run(
        "Eastern Libyan commander Khalifa Hafter met Italian Prime Minister Giuseppe Conte in Rome on Tuesday.",
        Some("2019-01-10"),
    );
    let meeting = ev.first().expect("the meeting");
    assert_eq!(
        names(meeting),
        vec!["Giuseppe Conte", "Khalifa Haftar"],
        "{ev:#?}"
    );
}

#[test]
fn the_call_in_which_a_plan_was_agreed_took_place() {
    let ev = run(
        "Qatar's Emir Tamim bin Hamad Al Thani, who agreed to host a new round of talks in a phone call with Egyptian President Abdel Fattah el-Sisi on Sunday, will open the talks in Doha on Friday.",
        Some("2024-05-08"),
    );
    let call = ev
        .iter()
        .find(|e| e.kind == EventType::Call)
        .expect("the call");
    assert_eq!(call.status, Status::Occurred, "{ev:#?}");
    assert_eq!(call.date.value.as_deref(), Some("2024-05-05"), "{ev:#?}");
}

#[test]
fn a_visit_during_the_day_is_on_the_day_of_the_story() {
    let ev = run(
        "Kenyan President William Ruto held talks with Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday. Somali President Hassan Sheikh Mohamud called on Ruto during the day.",
        Some("2024-03-06"),
    );
    let courtesy = ev
        .iter()
        .find(|e| {
            e.participants
                .iter()
                .any(|p| p.name == "Hassan Sheikh Mohamud")
        })
        .expect("the courtesy call");
    assert_eq!(
        courtesy.date.value.as_deref(),
        Some("2024-03-04"),
        "{ev:#?}"
    );
}

#[test]
fn a_month_before_a_surname_is_no_given_name() {
    let ev = run(
        "In May Erdogan made a trip to Moscow, where Putin hosted him.",
        Some("2019-11-20"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Recep Tayyip Erdogan", "Vladimir Putin"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2019-05"));
}

#[test]
fn unknown_three_and_four_word_names_keep_their_known_words() {
    // "Kim", "Chol" and "Moon" are surnames the lexicon knows; inside these names they are not people.
    let ev = run(
        "US envoy Stephen Biegun held talks with his North Korean counterpart Kim Hyok Chol in Pyongyang on Monday. Vice Chairwoman Tran Thi Moon Lan met Kim Jong Un on Tuesday.",
        Some("2019-02-08"),
    );
    let all: Vec<Vec<String>> = ev.iter().map(names).collect();
    assert!(
        all.contains(&vec![
            "Kim Hyok Chol".to_string(),
            "Stephen Biegun".to_string()
        ]),
        "{all:?}"
    );
    assert!(
        all.contains(&vec![
            "Kim Jong Un".to_string(),
            "Tran Thi Moon Lan".to_string()
        ]),
        "{all:?}"
    );
}

#[test]
fn without_a_publication_date_roles_take_the_holder_of_the_inferred_year() {
    // 5 September fell on a Tuesday in 2017 while Atambayev was president: the Uzbek president
    // is then Mirziyoyev, not Karimov (who died in 2016).
    let ev = run(
        "The Uzbek president arrived in Bishkek on Tuesday (5 September) and held talks with Kyrgyz President Almazbek Atambayev.",
        None,
    );
    assert!(!ev.is_empty(), "{ev:#?}");
    for e in &ev {
        assert_eq!(e.date.value.as_deref(), Some("2017-09-05"), "{e:#?}");
        assert!(
            names(e).contains(&"Shavkat Mirziyoyev".to_string()),
            "{e:#?}"
        );
    }
}

#[test]
fn summoning_an_ambassador_is_a_meeting_the_summoner_hosts() {
    let ev = run(
        "On Tuesday, Deputy Foreign Minister Jane Roe summoned France's ambassador, John Doe, to protest the remarks.",
        Some("2024-03-07"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind, EventType::Meeting);
    assert_eq!(names(&ev[0]), vec!["Jane Roe", "John Doe"]);
    assert_eq!(ev[0].initiator.as_deref(), Some("Jane Roe"));
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-03-05"));
}

#[test]
fn an_unknown_name_in_apposition_before_a_title_is_an_official() {
    let ev = run(
        "Tomas Varga, director-general of the ministry's Asia department, met Chen Ruolan, the Chinese ambassador, in Bratislava on Monday.",
        Some("2024-03-07"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Chen Ruolan", "Tomas Varga"]);
}

#[test]
fn a_person_after_adviser_to_is_no_participant() {
    let ev = run(
        "Yuri Ushakov, foreign policy adviser to the Russian president, met US envoy Steve Witkoff in Moscow on Thursday.",
        Some("2025-03-15"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Steve Witkoff", "Yuri Ushakov"]);
}

#[test]
fn speaking_directly_inside_mediated_talks_is_no_phone_call() {
    let ev = run(
        "The talks between Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov, mediated by Russian Foreign Minister Sergei Lavrov, began in Moscow on Monday, when the two men also spoke directly for an hour.",
        Some("2023-05-26"),
    );
    assert!(ev.iter().all(|e| e.kind != EventType::Call), "{ev:#?}");
    assert!(
        ev.iter()
            .any(|e| e.kind == EventType::Mediation && e.participants.len() == 3),
        "{ev:#?}"
    );
}

#[test]
fn a_high_commissioner_is_an_envoy_and_a_country_name_can_qualify_a_title() {
    let ev = run(
        "Prime Minister Sheikh Hasina received India's High Commissioner Jane Roe in Dhaka on Monday. Australia's Defence Minister Richard Marles and his PNG counterpart John Doe had met in Canberra earlier this month.",
        Some("2023-05-18"),
    );
    let all: Vec<Vec<String>> = ev.iter().map(names).collect();
    assert!(
        all.contains(&vec!["Jane Roe".to_string(), "Sheikh Hasina".to_string()]),
        "{all:?}"
    );
    assert!(
        all.contains(&vec!["John Doe".to_string(), "Richard Marles".to_string()]),
        "{all:?}"
    );
}

#[test]
fn a_verb_in_ing_after_after_has_the_main_clause_subject() {
    let ev = run(
        "Ruto dispatched an envoy to Juba after speaking by phone with Kiir on Thursday.",
        Some("2025-04-01"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Salva Kiir", "William Ruto"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2025-03-27"));
}

#[test]
fn a_passive_meeting_has_its_subject_and_its_agent() {
    let ev = run(
        "Sheikh Hasina flew to Delhi on Monday. On landing, she was met by India's National Security Adviser Ajit Doval on Tuesday.",
        Some("2024-08-09"),
    );
    let meeting = ev.iter().find(|e| e.kind == EventType::Meeting);
    assert!(
        meeting.is_some_and(|m| names(m) == vec!["Ajit Doval", "Sheikh Hasina"]),
        "{ev:#?}"
    );
}

#[test]
fn a_plan_told_in_the_past_perfect_did_not_happen_as_planned() {
    let ev = run(
        "Ruto and Museveni had been due to meet in Arusha on 15 December. Officials gave no reason.",
        Some("2024-12-20"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status, Status::Cancelled);
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-12-15"));
}

#[test]
fn his_counterpart_after_a_named_person_is_that_persons_counterpart() {
    let ev = run(
        "President Kassym-Jomart Tokayev received the two ministers on Friday. The talks followed a meeting on the border on 19 April between Armenian deputy prime minister Jan Roe and his Azerbaijani counterpart Jon Doe.",
        Some("2024-05-12"),
    );
    let border = ev
        .iter()
        .find(|e| e.date.value.as_deref() == Some("2024-04-19"));
    assert!(
        border.is_some_and(|e| names(e) == vec!["Jan Roe", "Jon Doe"]),
        "{ev:#?}"
    );
}

#[test]
fn the_source_after_a_comma_is_no_participant_whatever_country_precedes() {
    let ev = run(
        "Abiy and Isaias held talks at the palace on Sunday, Eritrea's information minister Jane Roe wrote on Twitter.",
        Some("2018-07-09"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Abiy Ahmed", "Isaias Afwerki"]);
}

#[test]
fn malay_and_indonesian_officials_are_named_later_by_their_first_word() {
    let ev = run(
        "Brunei's second foreign minister, Erywan Yusof, is the bloc's envoy. Erywan held a video call with Myanmar's junta-appointed foreign minister, Wunna Maung Lwin, on Tuesday.",
        Some("2021-10-16"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Erywan Yusof", "Wunna Maung Lwin"]);
    assert_eq!(ev[0].date.value.as_deref(), Some("2021-10-12"));
}

#[test]
fn an_unknown_given_name_before_someone_elses_surname_after_a_title_comma() {
    // "Hamid" is a surname the lexicon knows (Bangladesh's Abdul Hamid); "Awang" is no given
    // name of his.
    let ev = run(
        "Brunei's second foreign minister, Awang Hamid, met Indonesian Foreign Minister Retno Marsudi in Jakarta on Tuesday.",
        Some("2021-10-16"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Awang Hamid", "Retno Marsudi"]);
}

#[test]
fn an_unknown_acronym_may_qualify_the_title_after_a_name() {
    let ev = run(
        "Kenyatta flew to Juba on Tuesday and met Jon Doemaker, the SPLM-IO leader. Kenyatta flew to Goma on Wednesday and met Jan Roemaker, the ADF leader.",
        Some("2023-05-12"),
    );
    let people: Vec<Vec<String>> = ev.iter().map(names).collect();
    assert!(
        people.contains(&vec![
            "Jan Roemaker".to_string(),
            "Uhuru Kenyatta".to_string()
        ]),
        "{people:?}"
    );
}

#[test]
fn a_speaker_after_the_comma_is_no_participant_of_a_plan() {
    let ev = run(
        "Army commanders of both sides are to meet within a week to agree on the pull-back, Ramaphosa said. Ramaphosa met Kagame in Kigali on Monday.",
        Some("2023-05-12"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status.as_str(), "occurred");
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-05-08"));
    // A fronted phrase keeps the writer of a letter as its subject.
    let ev = run(
        "In a letter to Kagame released on Friday, Ramaphosa wrote that talks should resume.",
        Some("2023-05-12"),
    );
    assert!(
        ev.iter()
            .any(|e| e.kind.as_str() == "correspondence" && names(e).len() == 2),
        "{ev:#?}"
    );
}

#[test]
fn heads_of_the_delegations_are_parties_to_mediated_talks() {
    let ev = run(
        "The talks opened in Nairobi on October 3 under the mediation of Kenyatta, with the two delegations led by Blinken and Lavrov.",
        Some("2023-10-20"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind.as_str(), "mediation");
    assert_eq!(
        names(&ev[0]),
        vec!["Antony Blinken", "Sergei Lavrov", "Uhuru Kenyatta"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2023-10-03"));
}

#[test]
fn companions_of_a_trip_take_part_in_the_meeting_there() {
    let ev = run(
        "In March, Kenyatta flew to Goma together with US special envoy Jon Doemaker and the EU's special representative Jan Roemaker and met Corneille Nangaa, the AFC leader.",
        Some("2023-10-20"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind.as_str(), "meeting");
    assert_eq!(
        names(&ev[0]),
        vec![
            "Corneille Nangaa",
            "Jan Roemaker",
            "Jon Doemaker",
            "Uhuru Kenyatta"
        ]
    );
}

#[test]
fn a_surname_opening_an_outlets_name_is_no_person() {
    let ev = run(
        "SEOUL, May 27 (Moon River Daily) - Kishida met Yoon Suk Yeol in Seoul on Saturday.",
        Some("2023-05-27"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Fumio Kishida", "Yoon Suk Yeol"]);
}

#[test]
fn a_pronoun_in_a_subordinate_clause_is_that_clauses_subject() {
    let ev = run(
        "Kishida met Yoon in Seoul on Saturday, two days after Biden called off his planned meeting with Yoon.",
        Some("2023-05-27"),
    );
    let cancelled: Vec<_> = ev
        .iter()
        .filter(|e| e.status.as_str() == "cancelled")
        .collect();
    assert_eq!(cancelled.len(), 1, "{ev:#?}");
    assert_eq!(names(cancelled[0]), vec!["Joe Biden", "Yoon Suk Yeol"]);
}

#[test]
fn the_two_koreas_are_no_pair_of_people() {
    let ev = run(
        "Biden met Yoon in Washington on Monday. He added that the two Koreas would hold talks on June 1.",
        Some("2023-05-27"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status.as_str(), "occurred");
}

#[test]
fn a_summit_that_was_to_have_been_held_is_cancelled() {
    let ev = run(
        "Biden and Yoon were to have met in Seoul on June 12.",
        Some("2023-05-27"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].status.as_str(), "cancelled");
}

#[test]
fn calls_a_leader_held_separately_after_an_event_noun_are_one_per_person() {
    let ev = run(
        "The summit was convened after a series of telephone conversations he held separately with Aliyev and Pashinyan, Putin's office said.",
        Some("2020-10-10"),
    );
    let calls: Vec<Vec<String>> = ev
        .iter()
        .filter(|e| e.kind.as_str() == "call")
        .map(names)
        .collect();
    assert_eq!(calls.len(), 2, "{ev:#?}");
    assert!(calls.iter().all(|c| c.len() == 2), "{calls:?}");
}

#[test]
fn a_possessor_opening_a_sentence_is_the_next_pronouns_antecedent() {
    let ev = run(
        "Erdogan called Putin on Monday. Mitsotakis's week was marked by a cabinet crisis. He flew to Paris to meet Macron on Wednesday.",
        Some("2023-05-12"),
    );
    assert!(
        ev.iter()
            .any(|e| names(e) == vec!["Emmanuel Macron", "Kyriakos Mitsotakis"]),
        "{ev:#?}"
    );
}

#[test]
fn a_known_surname_before_an_unknown_word_in_apposition_is_a_given_name() {
    // "Roman" is the surname of Romania's Petre Roman.
    let ev = run(
        "Erdogan also spoke briefly with Roman Doemaker, the Russian businessman, before the talks in Istanbul on Tuesday.",
        Some("2022-03-30"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Recep Tayyip Erdogan", "Roman Doemaker"]
    );
}

#[test]
fn a_letter_carried_by_an_envoy_is_a_correspondence_and_a_meeting() {
    let ev = run(
        "On Monday, Lavrov handed Blinken a letter from Putin at the ministry in Moscow.",
        Some("2023-05-12"),
    );
    let letter = ev.iter().find(|e| e.kind.as_str() == "correspondence");
    assert!(
        letter.is_some_and(|e| names(e) == vec!["Antony Blinken", "Vladimir Putin"]
            && e.initiator.as_deref() == Some("Vladimir Putin")),
        "{ev:#?}"
    );
    let meeting = ev.iter().find(|e| e.kind.as_str() == "meeting");
    assert!(
        meeting.is_some_and(|e| names(e) == vec!["Antony Blinken", "Sergei Lavrov"]),
        "{ev:#?}"
    );
}

#[test]
fn the_subject_before_a_closed_relative_clause_and_the_main_clauses_date() {
    let ev = run(
        "Secretary of State Antony Blinken, who announced the talks in late July, spoke with Burhan by phone early this month to urge him to attend.",
        Some("2024-08-10"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(
        names(&ev[0]),
        vec!["Abdel Fattah al-Burhan", "Antony Blinken"]
    );
    assert_eq!(ev[0].date.value.as_deref(), Some("2024-08"));
}

#[test]
fn a_purpose_clause_ends_the_list_of_people_called() {
    let ev = run(
        "Biden met Kishida in Hiroshima on Friday. He will call Yoon and Albanese separately on Saturday to brief them.",
        Some("2023-05-19"),
    );
    let calls: Vec<Vec<String>> = ev
        .iter()
        .filter(|e| e.kind.as_str() == "call")
        .map(names)
        .collect();
    assert_eq!(calls.len(), 2, "{ev:#?}");
}

#[test]
fn the_countrys_leader_is_its_head_named_in_the_text() {
    let ev = run(
        "Ahmadinejad flew to Riyadh on Saturday. The Iranian leader also spoke by telephone with King Abdullah in January, state media said.",
        Some("2007-03-05"),
    );
    let call = ev.iter().find(|e| e.kind.as_str() == "call");
    assert!(
        call.is_some_and(|e| names(e).contains(&"Mahmoud Ahmadinejad".to_string())),
        "{ev:#?}"
    );
}

#[test]
fn how_often_people_meet_is_no_meeting() {
    let ev = run(
        "Machar and Kiir rarely meet one-on-one, diplomats say. The two ministers speak regularly.",
        Some("2024-05-10"),
    );
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn a_conversation_at_a_reception_is_a_meeting() {
    let ev = run(
        "Vike-Freiberga travelled to Moscow for the celebrations and held a short conversation with Putin at the Kremlin reception on 9 May.",
        Some("2005-05-19"),
    );
    assert!(
        ev.iter().any(|e| e.kind.as_str() == "meeting"
            && names(e) == vec!["Vaira Vike-Freiberga", "Vladimir Putin"]),
        "{ev:#?}"
    );
    assert!(!ev.iter().any(|e| e.kind.as_str() == "call"), "{ev:#?}");
}

#[test]
fn two_unknown_names_in_apposition_to_a_plural_title() {
    let ev = run(
        "Their national security advisers, Jon Doemaker and Jan Roemaker, held talks in Bangkok on the 6th.",
        Some("2015-12-26"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Jan Roemaker", "Jon Doemaker"]);
}

#[test]
fn a_call_hours_before_a_dated_step_is_not_dated_by_it() {
    let ev = run(
        "Riyadh suspended the dialogue early on Saturday, only hours after Erdogan and Putin held their first telephone conversation in months.",
        Some("2023-09-09"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_ne!(ev[0].date.value.as_deref(), Some("2023-09-09"), "{ev:#?}");
}

#[test]
fn earlier_in_the_day_is_the_day_the_sentence_named() {
    let ev = run(
        "The summit on Friday evening was prepared by Erdogan, who had spoken by phone with Putin earlier in the day.",
        Some("2023-09-09"),
    );
    let call = ev.iter().find(|e| e.kind.as_str() == "call");
    assert!(
        call.is_some_and(|e| e.date.value.as_deref() == Some("2023-09-08")),
        "{ev:#?}"
    );
}

#[test]
fn before_meeting_two_people_separately_takes_the_main_subject_and_day() {
    let ev = run(
        "On Saturday morning Modi visited a temple in Mustang district, before meeting Sher Bahadur Deuba and Oli separately at his hotel.",
        Some("2018-05-13"),
    );
    let meetings: Vec<&parley_core::Event> =
        ev.iter().filter(|e| e.kind.as_str() == "meeting").collect();
    assert_eq!(meetings.len(), 2, "{ev:#?}");
    for m in meetings {
        assert!(names(m).contains(&"Narendra Modi".to_string()), "{m:#?}");
        assert_eq!(m.date.value.as_deref(), Some("2018-05-12"));
    }
}

#[test]
fn a_call_named_after_the_comma_belongs_to_the_main_clause() {
    let ev = run(
        "Merkel pressed Putin on Wednesday, in a phone call, to use his influence on Minsk.",
        Some("2021-11-18"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Angela Merkel", "Vladimir Putin"]);
}

#[test]
fn a_host_verb_keeps_its_object_across_a_day_and_a_place() {
    let ev = run(
        "Sisi received last month in Cairo the Ethiopian Foreign Minister, Workneh Gebeyehu.",
        Some("2018-06-11"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert!(
        names(&ev[0]).contains(&"Workneh Gebeyehu".to_string()),
        "{ev:#?}"
    );
}

#[test]
fn a_passive_agent_after_a_place() {
    let ev = run(
        "Correa toured the region. On Wednesday he was welcomed in Caracas by Chavez.",
        Some("2008-03-08"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Hugo Chavez", "Rafael Correa"]);
    assert_eq!(
        ev[0].location.as_ref().map(|l| l.name.as_str()),
        Some("Caracas")
    );
}

#[test]
fn during_her_visit_names_no_new_visit_and_dates_what_follows() {
    let ev = run(
        "Sandu arrived in Kyiv on Tuesday, where she was welcomed by Zelensky. During her one-day visit Sandu also met separately with Prime Minister Denys Shmyhal and the speaker of the Verkhovna Rada, Jon Doemaker.",
        Some("2021-01-13"),
    );
    let meetings: Vec<&parley_core::Event> =
        ev.iter().filter(|e| e.kind.as_str() == "meeting").collect();
    assert_eq!(meetings.len(), 2, "{ev:#?}");
    assert!(
        meetings
            .iter()
            .all(|m| m.date.value.as_deref() == Some("2021-01-12")),
        "{meetings:#?}"
    );
    assert!(
        meetings
            .iter()
            .any(|m| names(m).contains(&"Jon Doemaker".to_string())),
        "{meetings:#?}"
    );
    assert_eq!(ev.iter().filter(|e| e.kind.as_str() == "visit").count(), 1);
}

#[test]
fn a_guest_received_for_a_visit_in_a_city_named_outside_the_clause() {
    let ev = run(
        "The first head of state to come to Chisinau after the inauguration was Romanian President Klaus Iohannis, whom Sandu received on 29 December for a one-day visit.",
        Some("2021-01-13"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].kind.as_str(), "visit");
}

#[test]
fn without_a_publication_date_a_weekday_is_the_nearest_to_the_named_day() {
    let ev = run(
        "Lavrov held talks with Wang Yi in Beijing on Monday, 23 October 2023. On Tuesday, Han Zheng received Lavrov at the Great Hall of the People.",
        None,
    );
    let han = ev
        .iter()
        .find(|e| names(e).contains(&"Han Zheng".to_string()));
    assert!(
        han.is_some_and(|e| e.date.value.as_deref() == Some("2023-10-24")),
        "{ev:#?}"
    );
}

#[test]
fn a_coordinated_plan_does_not_borrow_the_first_clauses_day() {
    let ev = run(
        "Putin offered condolences over the bombing at the airport on Tuesday night, and the two leaders, Putin and Erdogan, agreed to meet in person, without setting a date.",
        Some("2016-06-30"),
    );
    let plan = ev.iter().find(|e| e.status.as_str() == "planned");
    assert!(plan.is_some_and(|e| e.date.value.is_none()), "{ev:#?}");
}

#[test]
fn a_family_name_first_with_an_unknown_given_name_is_someone_else() {
    // "Han" is the family name of South Korea's Han Duck-soo.
    let ev = run(
        "On Tuesday, Han Zheng received Lavrov at the Great Hall of the People.",
        Some("2023-10-25"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Han Zheng", "Sergei Lavrov"]);
}

#[test]
fn someone_who_also_attended_the_dinner_joins_it() {
    let ev = run(
        "Erdogan and Mitsotakis attended a dinner hosted by Guterres in New York on Tuesday. The UN envoy, Jon Doemaker, also attended the dinner, which lasted two hours.",
        Some("2024-10-16"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert!(
        names(&ev[0]).contains(&"Jon Doemaker".to_string()),
        "{ev:#?}"
    );
}

#[test]
fn a_name_nobody_knows_owned_by_a_country_is_its_official() {
    let ev = run(
        "Lavrov held talks in Moscow on Monday with Sudan's Jon Doemaker, the ministry said.",
        Some("2024-05-10"),
    );
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(names(&ev[0]), vec!["Jon Doemaker", "Sergei Lavrov"]);
    // Things owned by a country are no people.
    let ev = run(
        "Lavrov held talks in Moscow on Monday about Israel's Iron Dome.",
        Some("2024-05-10"),
    );
    assert!(ev.is_empty(), "{ev:#?}");
}

#[test]
fn the_head_of_a_countrys_agency_is_not_its_leader() {
    let ev = run(
        "The talks were facilitated by Datuk Seri Jon Doemaker, a former head of Malaysia's external intelligence agency, and Anwar met the two delegations on Monday.",
        Some("2013-03-29"),
    );
    assert!(
        !ev.iter()
            .any(|e| names(e).contains(&"Najib Razak".to_string())),
        "{ev:#?}"
    );
    let ev = run(
        "Lavrov met Jon Doemaker, secretary-general of Thailand's National Security Council, in Moscow on Monday.",
        Some("2013-03-29"),
    );
    assert!(
        !ev.iter()
            .any(|e| names(e).contains(&"Ban Ki-moon".to_string())),
        "{ev:#?}"
    );
}

#[test]
fn an_unknown_name_spelt_again_a_little_differently_is_the_same_person() {
    let ev = run(
        "Foreign Minister Jonathan Doemaker arrived in Beijing on Monday. On Tuesday, Wang Yi met Foreign Minister Jonathan Doemakker.",
        Some("2023-10-25"),
    );
    let people: Vec<String> = ev.iter().flat_map(names).collect();
    assert!(people.contains(&"Jonathan Doemaker".to_string()), "{ev:#?}");
    assert!(
        !people.contains(&"Jonathan Doemakker".to_string()),
        "{ev:#?}"
    );
}

#[test]
fn a_name_nobody_knows_after_led_by_leads_a_side() {
    let ev = run(
        "The talks between the government panel, led by Labor Secretary Jon Doemaker III, and the rebels, led by Jan Roemaker, opened in Oslo on Monday. Doemaker said the talks were useful.",
        Some("2016-08-27"),
    );
    assert!(
        ev.iter()
            .any(|e| names(e).contains(&"Jan Roemaker".to_string())
                && names(e).contains(&"Jon Doemaker III".to_string())),
        "{ev:#?}"
    );
}
