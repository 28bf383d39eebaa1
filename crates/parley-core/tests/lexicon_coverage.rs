//! Coverage of the actor lexicon: what the project promises to know, it knows.
//!
//! parley resolves "the Turkish foreign minister" or "President Aliyev" through the dated offices in
//! `data/actors/*.toml`. When nobody holds an office on an article's date, such a mention silently
//! resolves to nobody (or to the wrong person), so a gap in the lexicon loses events without any
//! error. This test checks the promise made in `data/README.md` and the file headers: for every
//! country and office below, **some person holds it on every sampled day** (the 1st and the 15th of
//! each month) from 2000-01-01 to 2025-06-30.
//!
//! - Countries: the G20 members, the UN Security Council permanent members, the South Caucasus,
//!   Central Asia, the Middle East and the Balkans; offices: head of state, head of government and
//!   foreign minister.
//! - EU institutions: the presidents of the Commission, the European Council and the Parliament,
//!   and the High Representative for Foreign Affairs and Security Policy. (The G20's regional
//!   members are the EU, checked through these offices, and the African Union, not checked here.)
//!
//! A day may lack a holder only when an entry of [`EXCEPTIONS`] covers it; each says why (no such
//! office in that country, the office created later, a real vacancy or caretaker gap, a short acting
//! stint the files leave out). Exceptions are kept honest too: one that no longer covers a gap
//! fails the test, so it is removed when the data is completed. Only the public lexicon API is used
//! ([`Lexicon::builtin`] and [`Lexicon::holders`]).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use parley_core::lexicon::{Lexicon, Sources};

/// First and last day checked.
const START: (i32, u32, u32) = (2000, 1, 1);
const END: (i32, u32, u32) = (2025, 6, 30);

/// The country offices checked for every country below.
const COUNTRY_ROLES: &[&str] = &["head_of_state", "head_of_government", "foreign_minister"];

/// Countries in scope, by the group that puts them there (a country may be in several).
const COUNTRIES: &[(&str, &[&str])] = &[
    (
        "G20",
        &[
            "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
            "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
        ],
    ),
    (
        "UN Security Council permanent members",
        &["CHN", "FRA", "RUS", "GBR", "USA"],
    ),
    ("South Caucasus", &["ARM", "AZE", "GEO"]),
    ("Central Asia", &["KAZ", "KGZ", "TJK", "TKM", "UZB"]),
    (
        "Middle East",
        &[
            "TUR", "IRN", "IRQ", "SYR", "LBN", "ISR", "PSE", "JOR", "SAU", "YEM", "OMN", "ARE",
            "QAT", "BHR", "KWT", "EGY",
        ],
    ),
    (
        "Balkans",
        &[
            "ALB", "BIH", "BGR", "HRV", "GRC", "XKX", "MNE", "MKD", "SRB", "SVN", "ROU",
        ],
    ),
];

/// International offices checked: (role, organisation, what it is).
const ORG_OFFICES: &[(&str, &str, &str)] = &[
    (
        "org_head",
        "European Commission",
        "President of the European Commission",
    ),
    (
        "org_head",
        "European Council",
        "President of the European Council",
    ),
    (
        "org_head",
        "European Parliament",
        "President of the European Parliament",
    ),
    (
        "org_official",
        "European Union",
        "High Representative for Foreign Affairs and Security Policy",
    ),
];

/// People who hold an `org_official` office of the European Union without being the High
/// Representative: they must not count as holders of that office.
const NOT_THE_HIGH_REPRESENTATIVE: &[&str] = &["Enrique Mora"];

/// A period in which an office may have no holder: (country or organisation, role, first day,
/// last day, why). Days are inclusive; a whole-period exception runs from START to END.
type Exception = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const EXCEPTIONS: &[Exception] = &[
    // --- No head of government separate from the head of state (the president leads the
    //     government); offices that do not exist.
    ("ARG", "head_of_government", "2000-01-01", "2025-06-30", "presidential system: the president heads the government (the chief of cabinet is no head of government)"),
    ("BRA", "head_of_government", "2000-01-01", "2025-06-30", "presidential system"),
    ("IDN", "head_of_government", "2000-01-01", "2025-06-30", "presidential system"),
    ("MEX", "head_of_government", "2000-01-01", "2025-06-30", "presidential system"),
    ("USA", "head_of_government", "2000-01-01", "2025-06-30", "presidential system"),
    ("ZAF", "head_of_government", "2000-01-01", "2025-06-30", "the president is head of state and of government"),
    ("TKM", "head_of_government", "2000-01-01", "2025-06-30", "the president chairs the cabinet; no prime minister"),
    ("TUR", "head_of_government", "2018-07-09", "2025-06-30", "prime minister's office abolished with the presidential system (2018-07-09)"),
    ("KGZ", "head_of_government", "2010-04-07", "2010-12-16", "interim government after the April 2010 revolution, led by Roza Otunbayeva (head of state), no prime minister until 2010-12-17"),
    ("SYR", "head_of_government", "2025-03-29", "2025-06-30", "transitional government without a prime minister; the president heads it"),
    ("PSE", "head_of_government", "2000-01-01", "2003-03-18", "the Palestinian prime minister's office was created in March 2003"),
    ("PSE", "foreign_minister", "2000-01-01", "2003-04-29", "no Palestinian Authority foreign minister before the first cabinet under a prime minister (2003)"),
    ("XKX", "head_of_state", "2000-01-01", "2002-03-03", "UN administration (UNMIK); the presidency was created in 2002"),
    ("XKX", "head_of_government", "2000-01-01", "2002-03-03", "UN administration (UNMIK); the prime minister's office was created in 2002"),
    ("XKX", "foreign_minister", "2000-01-01", "2008-03-31", "no foreign ministry before the declaration of independence (2008-02-17); the first minister's start is approximate"),
    ("MNE", "foreign_minister", "2000-01-01", "2006-06-02", "part of FR Yugoslavia / Serbia and Montenegro until independence (2006-06-03): foreign policy was federal"),
    ("European Council", "org_head", "2000-01-01", "2009-11-30", "the permanent presidency was created by the Lisbon Treaty (2009-12-01); before, the rotating Council presidency chaired it"),
    // --- Real vacancies and caretaker gaps.
    ("IRQ", "head_of_state", "2003-04-09", "2004-06-27", "occupation: the Coalition Provisional Authority governed; the Governing Council's presidency rotated monthly"),
    ("IRQ", "head_of_government", "2003-04-09", "2004-06-27", "occupation: the Coalition Provisional Authority governed"),
    ("IRQ", "foreign_minister", "2003-04-09", "2003-09-02", "occupation: no foreign minister until the Governing Council's cabinet (2003-09-03)"),
    ("LBN", "head_of_state", "2007-11-24", "2008-05-24", "presidential vacancy: the cabinet exercised the president's powers"),
    ("LBN", "head_of_state", "2014-05-25", "2016-10-30", "presidential vacancy: the cabinet exercised the president's powers"),
    ("LBN", "head_of_state", "2022-10-31", "2025-01-08", "presidential vacancy: the cabinet exercised the president's powers"),
    ("ARM", "foreign_minister", "2021-06-01", "2021-08-18", "vacancy between Ara Aivazian's resignation and Ararat Mirzoyan's appointment"),
    ("YEM", "foreign_minister", "2015-01-23", "2015-02-28", "Houthi takeover: the cabinet resigned (2015-01-22); no foreign minister until the Hadi government's in exile"),
    // --- Holder not known with enough certainty to list.
    ("XKX", "foreign_minister", "2010-10-17", "2011-02-21", "after the LDK left the coalition (October 2010) until Enver Hoxhaj: holder uncertain"),
    ("EGY", "foreign_minister", "2011-06-02", "2011-06-30", "Mohamed Orabi's few weeks (June-July 2011) between Elaraby and Kamel Amr; dates uncertain"),
    ("KGZ", "head_of_government", "2007-11-28", "2007-12-23", "acting prime minister between Atambayev and Chudinov, not listed"),
    // --- Short interregnums (days to a few weeks) with an acting deputy the files leave out
    //     ("short acting stints are left out", americas_europe_orgs.toml).
    ("ARG", "foreign_minister", "2001-12-21", "2002-01-02", "December 2001 crisis: the foreign ministers of the short-lived presidencies are not listed"),
    ("BRA", "foreign_minister", "2017-02-23", "2017-03-06", "acting foreign minister between Serra and Nunes"),
    ("BRA", "foreign_minister", "2021-03-30", "2021-04-05", "acting foreign minister between Araujo and Franca"),
    ("IDN", "foreign_minister", "2001-07-24", "2001-08-09", "change of government (Wahid to Megawati)"),
    ("MEX", "foreign_minister", "2023-06-13", "2023-07-02", "acting foreign minister between Ebrard and Barcena"),
    ("KOR", "foreign_minister", "2006-11-02", "2006-11-30", "vice minister acting after Ban Ki-moon left for the UN"),
    ("KOR", "foreign_minister", "2010-09-05", "2010-10-07", "vice minister acting after Yu Myung-hwan resigned"),
    ("KOR", "head_of_government", "2002-07-12", "2002-09-30", "two acting prime ministers whose nominations the assembly rejected (Chang Sang, Chang Dae-whan)"),
    ("KOR", "head_of_government", "2025-06-04", "2025-06-30", "change of president: acting prime minister until Kim Min-seok (2025-07-03), not listed"),
    ("ARM", "head_of_government", "2007-03-26", "2007-04-03", "Andranik Margaryan died; Serzh Sargsyan appointed 2007-04-04"),
    ("AZE", "head_of_government", "2003-10-31", "2003-11-03", "Ilham Aliyev moved from prime minister to president; Artur Rasizade reappointed 2003-11-04"),
    ("GEO", "head_of_government", "2001-11-01", "2001-12-20", "government dismissed in the November 2001 crisis until Avtandil Jorbenadze's appointment"),
    ("GEO", "head_of_government", "2005-02-03", "2005-02-16", "Zurab Zhvania died; Zurab Nogaideli appointed 2005-02-17"),
    ("GEO", "head_of_government", "2018-06-13", "2018-06-19", "Giorgi Kvirikashvili resigned; Mamuka Bakhtadze appointed 2018-06-20"),
    ("SYR", "foreign_minister", "2024-12-08", "2024-12-20", "fall of the Assad government until Asaad al-Shaibani's appointment"),
    ("ISR", "head_of_state", "2000-07-13", "2000-07-31", "Knesset speaker acting after Ezer Weizman resigned"),
    ("PSE", "head_of_government", "2003-09-07", "2003-10-06", "between Mahmoud Abbas's resignation and Ahmed Qurei's emergency government"),
    ("PSE", "foreign_minister", "2007-06-14", "2007-06-16", "Hamas-Fatah split: the unity government dismissed"),
    ("YEM", "head_of_government", "2014-09-22", "2014-10-12", "between Mohammed Basindawa's resignation and Khaled Bahah's appointment"),
    ("KWT", "head_of_government", "2006-01-30", "2006-02-06", "Sheikh Sabah became emir; Sheikh Nasser appointed 2006-02-07"),
    ("KWT", "foreign_minister", "2011-10-31", "2011-11-15", "acting minister between cabinets"),
    ("KWT", "foreign_minister", "2019-11-20", "2019-12-16", "Sheikh Sabah al-Khalid became prime minister; Sheikh Ahmad Nasser appointed 2019-12-17"),
    ("XKX", "head_of_state", "2006-01-21", "2006-02-09", "speaker acting after Ibrahim Rugova's death"),
    ("XKX", "head_of_state", "2011-03-30", "2011-04-06", "speaker acting after Behgjet Pacolli's election was annulled"),
    ("XKX", "head_of_government", "2005-03-08", "2005-03-24", "between Ramush Haradinaj's resignation and Bajram Kosumi"),
    ("MNE", "head_of_government", "2002-11-02", "2003-01-07", "caretaker period after the 2002 elections"),
    ("HRV", "foreign_minister", "2005-02-08", "2005-02-16", "between Miomir Zuzul's resignation and Kolinda Grabar-Kitarovic"),
    ("ROU", "head_of_government", "2015-11-05", "2015-11-16", "acting prime minister between Ponta and Ciolos"),
];

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad date {s:?}"))
}

/// The sampled days: the 1st and the 15th of every month from START to END.
fn sample_days() -> Vec<NaiveDate> {
    let start = NaiveDate::from_ymd_opt(START.0, START.1, START.2).expect("START");
    let end = NaiveDate::from_ymd_opt(END.0, END.1, END.2).expect("END");
    let mut out = Vec::new();
    let mut first = start.with_day(1).expect("first of month");
    while first <= end {
        for d in [1, 15] {
            if let Some(x) = first.with_day(d) {
                if x >= start && x <= end {
                    out.push(x);
                }
            }
        }
        first = first
            .checked_add_months(chrono::Months::new(1))
            .expect("next month");
    }
    out
}

/// An office to check: a country's or an organisation's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Office {
    /// Country code or organisation name.
    place: String,
    /// Role id.
    role: String,
    /// True for an organisation.
    org: bool,
}

fn offices_in_scope() -> Vec<Office> {
    let mut out: Vec<Office> = Vec::new();
    for (_, codes) in COUNTRIES {
        for c in *codes {
            for r in COUNTRY_ROLES {
                let o = Office {
                    place: (*c).to_string(),
                    role: (*r).to_string(),
                    org: false,
                };
                if !out.contains(&o) {
                    out.push(o);
                }
            }
        }
    }
    for (role, org, _) in ORG_OFFICES {
        out.push(Office {
            place: (*org).to_string(),
            role: (*role).to_string(),
            org: true,
        });
    }
    out
}

/// True when someone holds `office` on `d`.
fn held(lex: &Lexicon, office: &Office, d: NaiveDate) -> bool {
    let holders = if office.org {
        lex.holders(&office.role, None, Some(&office.place), Some(d))
    } else {
        lex.holders(&office.role, Some(&office.place), None, Some(d))
    };
    holders.iter().any(|&i| {
        lex.persons.get(i).is_some_and(|p| {
            !(office.org
                && office.role == "org_official"
                && office.place == "European Union"
                && NOT_THE_HIGH_REPRESENTATIVE.contains(&p.name.as_str()))
        })
    })
}

/// The exception covering `office` on `d`, if any (its index in `exceptions`).
fn excepted(exceptions: &[Exception], office: &Office, d: NaiveDate) -> Option<usize> {
    exceptions.iter().position(|(place, role, from, to, _)| {
        *place == office.place && *role == office.role && day(from) <= d && d <= day(to)
    })
}

/// What the check finds: the sampled days of each office without a holder and not excepted,
/// grouped into runs, and the exceptions that cover no gap at all.
#[derive(Debug, Default)]
struct Report {
    /// Office → runs of consecutive sampled days without a holder (first, last).
    gaps: BTreeMap<Office, Vec<(NaiveDate, NaiveDate)>>,
    /// Exceptions (index) that cover no sampled day without a holder.
    stale: Vec<usize>,
}

fn check(lex: &Lexicon, offices: &[Office], exceptions: &[Exception]) -> Report {
    let days = sample_days();
    let mut report = Report::default();
    let mut used = vec![false; exceptions.len()];
    for office in offices {
        let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        let mut open: Option<(NaiveDate, NaiveDate)> = None;
        for &d in &days {
            let gap = if held(lex, office, d) {
                false
            } else if let Some(e) = excepted(exceptions, office, d) {
                if let Some(u) = used.get_mut(e) {
                    *u = true;
                }
                false
            } else {
                true
            };
            open = match (gap, open) {
                (true, Some((a, _))) => Some((a, d)),
                (true, None) => Some((d, d)),
                (false, Some(run)) => {
                    runs.push(run);
                    None
                }
                (false, None) => None,
            };
        }
        runs.extend(open);
        if !runs.is_empty() {
            report.gaps.insert(office.clone(), runs);
        }
    }
    // An exception for an office that is not checked, or covering no sampled day, is stale too.
    report.stale = used
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .map(|(i, _)| i)
        .collect();
    report
}

#[test]
fn every_office_in_scope_has_a_holder_on_every_sampled_day() {
    let lex = Lexicon::builtin().expect("the built-in lexicon loads");
    let report = check(&lex, &offices_in_scope(), EXCEPTIONS);
    let mut msg = String::new();
    for (office, runs) in &report.gaps {
        let runs: Vec<String> = runs
            .iter()
            .map(|(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}..{b}")
                }
            })
            .collect();
        let label = ORG_OFFICES
            .iter()
            .find(|(r, g, _)| office.org && *r == office.role && *g == office.place)
            .map(|(_, _, what)| format!(" ({what})"))
            .unwrap_or_default();
        msg.push_str(&format!(
            "  {} {}{label}: nobody on {}\n",
            office.place,
            office.role,
            runs.join(", ")
        ));
    }
    assert!(
        msg.is_empty(),
        "offices without a holder (add the holder to data/actors/, or a commented exception):\n{msg}"
    );
}

#[test]
fn every_exception_covers_a_real_gap() {
    let lex = Lexicon::builtin().expect("the built-in lexicon loads");
    let report = check(&lex, &offices_in_scope(), EXCEPTIONS);
    let stale: Vec<String> = report
        .stale
        .iter()
        .filter_map(|&i| EXCEPTIONS.get(i))
        .map(|(place, role, from, to, why)| format!("  {place} {role} {from}..{to} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "exceptions that no longer cover a gap (remove them):\n{}",
        stale.join("\n")
    );
}

#[test]
fn exceptions_are_well_formed() {
    let offices = offices_in_scope();
    for (place, role, from, to, why) in EXCEPTIONS {
        assert!(day(from) <= day(to), "{place} {role}: {from} after {to}");
        assert!(!why.trim().is_empty(), "{place} {role} {from}: say why");
        assert!(
            offices.iter().any(|o| o.place == *place && o.role == *role),
            "{place} {role} is not an office in scope"
        );
    }
}

/// The check itself: on a small lexicon with a known hole, it reports exactly that hole, and an
/// exception over the hole silences it.
#[test]
fn the_check_finds_a_gap_and_honours_an_exception() {
    let mut src = Sources::builtin();
    src.actors = vec![(
        "actors/test.toml".to_string(),
        r#"
[[person]]
name = "Test Before"
country = "ARM"
offices = [{ role = "foreign_minister", from = "1999-01-01", to = "2010-01-10" }]

[[person]]
name = "Test After"
country = "ARM"
offices = [{ role = "foreign_minister", from = "2010-02-10" }]
"#
        .to_string(),
    )];
    let lex = Lexicon::from_sources(&src).expect("the test lexicon loads");
    let fm = Office {
        place: "ARM".to_string(),
        role: "foreign_minister".to_string(),
        org: false,
    };
    let report = check(&lex, std::slice::from_ref(&fm), &[]);
    let gap = (day("2010-01-15"), day("2010-02-01"));
    assert_eq!(report.gaps.get(&fm), Some(&vec![gap]));

    let exceptions: &[Exception] = &[
        (
            "ARM",
            "foreign_minister",
            "2010-01-11",
            "2010-02-09",
            "test vacancy",
        ),
        (
            "ARM",
            "foreign_minister",
            "2020-01-01",
            "2020-12-31",
            "covers no gap",
        ),
    ];
    let report = check(&lex, std::slice::from_ref(&fm), exceptions);
    assert!(report.gaps.is_empty(), "{:?}", report.gaps);
    assert_eq!(report.stale, vec![1]);
}

#[test]
fn sampling_covers_the_whole_period() {
    let days = sample_days();
    assert_eq!(days.first(), Some(&day("2000-01-01")));
    assert_eq!(days.last(), Some(&day("2025-06-15")));
    // 25.5 years of two days a month.
    assert_eq!(days.len(), 25 * 24 + 12);
}
