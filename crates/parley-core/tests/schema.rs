//! The documented output contract: every event the extractor produces must validate against
//! `docs/event.schema.json`, and every value the schema allows for an enum must be one the Rust
//! type reads back. A change to `parley_core::Event` without a change to the schema (or the
//! reverse) fails here.
//!
//! The texts are short articles written for this test (not copied from any outlet).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use parley_core::{
    DateBasis, Document, Event, EventDate, EventType, Evidence, Extractor, Location, Participant,
    Plover, Precision, Status,
};
use serde_json::{json, Value};

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/event.schema.json");

fn schema() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(|| {
        let text =
            std::fs::read_to_string(SCHEMA_PATH).expect("docs/event.schema.json is readable");
        serde_json::from_str(&text).expect("docs/event.schema.json is JSON")
    })
}

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        jsonschema::draft202012::new(schema())
            .expect("docs/event.schema.json is a valid draft 2020-12 schema")
    })
}

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin().expect("the built-in lexicon loads"))
}

/// Validates one value; the error lists every violation with its JSON pointer.
fn check(v: &Value) -> Result<(), String> {
    let errs: Vec<String> = validator()
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs.join("\n"))
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"))
}

/// (id, text, publication date): short articles covering calls, meetings, visits, negotiations,
/// mediation, letters, planned/cancelled/denied events, dates of every basis, places and topics.
fn corpus() -> Vec<(&'static str, &'static str, Option<NaiveDate>)> {
    vec![
        (
            "call",
            "Russian President Vladimir Putin held a telephone conversation with Azerbaijani President Ilham Aliyev on Monday, the Kremlin said. The leaders discussed the peace treaty and transport links.",
            date("2024-09-04"),
        ),
        (
            "meeting",
            "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on June 18, 2023. They discussed trade and climate, the State Department said.",
            date("2023-06-19"),
        ),
        (
            "hosted",
            "Turkish President Recep Tayyip Erdogan hosted Russian President Vladimir Putin in Ankara on Tuesday for talks on energy.",
            date("2018-04-05"),
        ),
        (
            "visit",
            "Indian Prime Minister Narendra Modi arrived in Abu Dhabi on Tuesday on a two-day visit and held talks with UAE President Mohamed bin Zayed Al Nahyan.",
            date("2024-02-14"),
        ),
        (
            "planned",
            "Armenian Prime Minister Nikol Pashinyan will meet Azerbaijani President Ilham Aliyev in Brussels next week, the European Council said.",
            date("2023-05-08"),
        ),
        (
            "cancelled",
            "A meeting between Ukrainian President Volodymyr Zelensky and Hungarian Prime Minister Viktor Orban planned for Friday was cancelled.",
            date("2023-11-20"),
        ),
        (
            "denied",
            "The Kremlin denied that Vladimir Putin had spoken by phone with Donald Trump.",
            date("2024-11-12"),
        ),
        (
            "no-day",
            "French President Emmanuel Macron spoke by phone with German Chancellor Olaf Scholz about Ukraine.",
            date("2022-03-08"),
        ),
        (
            "unpublished",
            "Ethiopian Prime Minister Abiy Ahmed arrived in Nairobi on Thursday (29 February) for a visit and was received by Kenyan President William Ruto.",
            None,
        ),
        (
            "month",
            "German Chancellor Olaf Scholz and French President Emmanuel Macron met in Paris in May 2022.",
            date("2022-06-20"),
        ),
        (
            "letter",
            "Chinese President Xi Jinping sent a letter to Russian President Vladimir Putin on Friday.",
            date("2023-03-13"),
        ),
        (
            "negotiation",
            "Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun Bayramov held negotiations on the peace treaty in Washington on May 1, 2023.",
            date("2023-05-02"),
        ),
        (
            "multi",
            "Emmanuel Macron, Olaf Scholz and Xi Jinping held a video call on Tuesday.",
            date("2022-03-09"),
        ),
        (
            "unicode",
            "Президент — Vladimir Putin met Recep Tayyip Erdoğan in Sochi on 4 September 2023 ✓. «Talks» went on.",
            date("2023-09-05"),
        ),
    ]
}

fn all_events() -> Vec<(Document, Vec<Event>)> {
    corpus()
        .into_iter()
        .map(|(id, text, published)| {
            let doc = Document::new(id, text, published);
            let ev = extractor().extract(&doc);
            (doc, ev)
        })
        .collect()
}

#[test]
fn the_schema_is_strict_draft_2020_12() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(s["additionalProperties"], false);
    for def in ["participant", "date", "evidence"] {
        assert_eq!(
            s["$defs"][def]["additionalProperties"], false,
            "$defs/{def} must forbid extra fields"
        );
    }
    assert_eq!(s["properties"]["plover"]["additionalProperties"], false);
    // Every field of the Rust record is required: a missing field is a contract break, not "null".
    let required: BTreeSet<&str> = s["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let props: BTreeSet<&str> = s["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(required, props);
}

#[test]
fn every_extracted_event_validates() {
    let mut n = 0;
    let mut types = BTreeSet::new();
    let mut statuses = BTreeSet::new();
    let mut bases = BTreeSet::new();
    for (doc, events) in all_events() {
        for e in &events {
            let v = serde_json::to_value(e).expect("an event serialises");
            if let Err(msg) = check(&v) {
                panic!(
                    "event of {:?} does not validate against docs/event.schema.json:\n{msg}\n{v:#}",
                    doc.id
                );
            }
            // Round trip: what we write, we can read.
            let back: Event =
                serde_json::from_value(v.clone()).expect("an event line reads back into Event");
            assert_eq!(&back, e);
            types.insert(e.kind.as_str());
            statuses.insert(e.status.as_str());
            bases.insert(format!("{:?}", e.date.basis));
            n += 1;
        }
    }
    // The corpus must actually exercise the schema, not validate an empty list.
    assert!(n >= 10, "only {n} events from the corpus");
    assert!(types.len() >= 3, "event types seen: {types:?}");
    assert!(statuses.len() >= 2, "statuses seen: {statuses:?}");
    assert!(bases.len() >= 3, "date bases seen: {bases:?}");
}

#[test]
fn documented_invariants_hold() {
    for (doc, events) in all_events() {
        let mut ids = BTreeSet::new();
        for e in &events {
            let ctx = format!("{}: {}", doc.id, serde_json::to_string(e).unwrap());
            assert_eq!(e.doc, doc.id, "{ctx}");
            assert!(
                ids.insert(e.event_id.clone()),
                "event_id repeats in one document: {ctx}"
            );
            // Evidence offsets are byte offsets into the document text.
            let mut last = 0;
            for ev in &e.evidence {
                assert!(ev.start < ev.end, "{ctx}");
                assert_eq!(
                    doc.text.get(ev.start..ev.end),
                    Some(ev.text.as_str()),
                    "evidence offsets: {ctx}"
                );
                assert!(ev.start >= last, "evidence is sorted by offset: {ctx}");
                last = ev.start;
            }
            // The initiator is one of the participants.
            if let Some(i) = &e.initiator {
                assert!(
                    e.participants.iter().any(|p| &p.name == i),
                    "initiator not a participant: {ctx}"
                );
            }
            // CAMEO and PLOVER follow the type (docs/event-schema.md, "CAMEO and PLOVER").
            let (cameo_ok, mode_ok) = match e.kind {
                EventType::Call => (e.cameo == "041", e.plover.mode.as_deref() == Some("phone")),
                EventType::Visit => (e.cameo == "042", e.plover.mode.as_deref() == Some("visit")),
                EventType::Mediation => (
                    e.cameo == "045",
                    e.plover.mode.as_deref() == Some("mediate"),
                ),
                EventType::Negotiation => (
                    e.cameo == "046",
                    e.plover.mode.as_deref() == Some("negotiate"),
                ),
                EventType::Correspondence => (
                    e.cameo == "040",
                    e.plover.mode.as_deref() == Some("written"),
                ),
                EventType::Meeting => (
                    ["040", "043", "044"].contains(&e.cameo.as_str()),
                    match e.cameo.as_str() {
                        "040" => e.plover.mode.is_none(),
                        "043" => e.plover.mode.as_deref() == Some("host"),
                        _ => matches!(
                            e.plover.mode.as_deref(),
                            Some("third-party" | "multilateral")
                        ),
                    },
                ),
            };
            assert!(cameo_ok && mode_ok, "codes do not follow the type: {ctx}");
            assert_eq!(e.plover.kind, "CONSULT", "{ctx}");
            // A date from the publication date is never finer than the month, and only for events
            // that occurred (or are denied to have) in a document with a publication date.
            if e.date.basis == DateBasis::Publication {
                assert_eq!(e.date.precision, Precision::Month, "{ctx}");
                assert!(
                    matches!(e.status, Status::Occurred | Status::Denied),
                    "{ctx}"
                );
                assert!(doc.published.is_some(), "{ctx}");
            }
            if e.date.basis == DateBasis::Relative {
                assert!(
                    doc.published.is_some(),
                    "relative basis needs a publication date: {ctx}"
                );
            }
        }
    }
}

#[test]
fn event_ids_are_stable() {
    let a = all_events();
    let b = all_events();
    let ids = |x: &[(Document, Vec<Event>)]| -> Vec<String> {
        x.iter()
            .flat_map(|(_, e)| e.iter().map(|e| e.event_id.clone()))
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
    // The id depends on the document id.
    let text = corpus()[0].1;
    let e1 = extractor().extract(&Document::new("one", text, date("2024-09-04")));
    let e2 = extractor().extract(&Document::new("two", text, date("2024-09-04")));
    assert!(!e1.is_empty());
    assert_ne!(e1[0].event_id, e2[0].event_id);
}

/// A hand-made event with every optional field filled, for the variant checks below.
fn sample(kind: EventType, status: Status, date: EventDate) -> Event {
    Event {
        doc: "sample".into(),
        event_id: "0123456789abcdef".into(),
        kind,
        cameo: "040".into(),
        plover: Plover {
            kind: "CONSULT".into(),
            mode: None,
        },
        status,
        participants: vec![
            Participant {
                name: "Vladimir Putin".into(),
                mention: "Putin".into(),
                role: Some("head_of_state".into()),
                country: Some("RUS".into()),
                org: None,
            },
            Participant {
                name: "Charles Michel".into(),
                mention: "Michel".into(),
                role: Some("org_head".into()),
                country: None,
                org: Some("European Council".into()),
            },
        ],
        initiator: Some("Vladimir Putin".into()),
        date,
        location: Some(Location {
            name: "Brussels".into(),
            country: Some("BEL".into()),
        }),
        topics: vec!["energy".into(), "trade".into()],
        attributed_to: vec!["Kremlin".into()],
        evidence: vec![Evidence {
            text: "Putin met Michel.".into(),
            start: 0,
            end: 17,
        }],
    }
}

#[test]
fn every_rust_variant_is_allowed_by_the_schema() {
    let dates = [
        EventDate {
            value: Some("2024-09-02".into()),
            precision: Precision::Day,
            basis: DateBasis::Explicit,
        },
        EventDate {
            value: Some("2024-09-02".into()),
            precision: Precision::Day,
            basis: DateBasis::Relative,
        },
        EventDate {
            value: Some("2024-02-29".into()),
            precision: Precision::Day,
            basis: DateBasis::Inferred,
        },
        EventDate {
            value: Some("2024-09".into()),
            precision: Precision::Month,
            basis: DateBasis::Publication,
        },
        EventDate {
            value: Some("2024".into()),
            precision: Precision::Year,
            basis: DateBasis::Explicit,
        },
        EventDate::unknown(),
    ];
    for kind in EventType::ALL {
        for status in Status::ALL {
            for d in &dates {
                let v = serde_json::to_value(sample(kind, status, d.clone())).unwrap();
                if let Err(msg) = check(&v) {
                    panic!("{kind:?}/{status:?}/{d:?} rejected:\n{msg}");
                }
            }
        }
    }
    // Every PLOVER mode and CAMEO code codes() can produce.
    for (cameo, mode) in [
        ("041", Some("phone")),
        ("042", Some("visit")),
        ("043", Some("host")),
        ("044", Some("third-party")),
        ("044", Some("multilateral")),
        ("045", Some("mediate")),
        ("046", Some("negotiate")),
        ("040", Some("written")),
        ("040", None),
    ] {
        let mut e = sample(EventType::Meeting, Status::Occurred, EventDate::unknown());
        e.cameo = cameo.into();
        e.plover.mode = mode.map(str::to_string);
        check(&serde_json::to_value(e).unwrap())
            .unwrap_or_else(|m| panic!("{cameo}/{mode:?} rejected: {m}"));
    }
    // Every role id the lexicon accepts.
    for role in parley_core::lexicon::ROLES {
        let mut e = sample(EventType::Call, Status::Occurred, EventDate::unknown());
        e.participants[0].role = Some(role.to_string());
        check(&serde_json::to_value(e).unwrap())
            .unwrap_or_else(|m| panic!("role {role} rejected: {m}"));
    }
}

#[test]
fn every_schema_enum_value_reads_into_the_rust_type() {
    let s = schema();
    let values = |v: &Value| -> Vec<Value> { v["enum"].as_array().expect("an enum").clone() };
    for t in values(&s["properties"]["type"]) {
        serde_json::from_value::<EventType>(t.clone())
            .unwrap_or_else(|e| panic!("schema type {t} is not an EventType: {e}"));
    }
    assert_eq!(values(&s["properties"]["type"]).len(), EventType::ALL.len());
    for t in values(&s["properties"]["status"]) {
        serde_json::from_value::<Status>(t.clone())
            .unwrap_or_else(|e| panic!("schema status {t} is not a Status: {e}"));
    }
    assert_eq!(values(&s["properties"]["status"]).len(), Status::ALL.len());
    for t in values(&s["$defs"]["date"]["properties"]["precision"]) {
        serde_json::from_value::<Precision>(t.clone())
            .unwrap_or_else(|e| panic!("schema precision {t}: {e}"));
    }
    for t in values(&s["$defs"]["date"]["properties"]["basis"]) {
        serde_json::from_value::<DateBasis>(t.clone())
            .unwrap_or_else(|e| panic!("schema basis {t}: {e}"));
    }
    let roles: Vec<Value> = values(&s["$defs"]["participant"]["properties"]["role"]);
    let mut schema_roles: Vec<&str> = roles.iter().filter_map(Value::as_str).collect();
    schema_roles.sort_unstable();
    let mut lex_roles = parley_core::lexicon::ROLES.to_vec();
    lex_roles.sort_unstable();
    assert_eq!(
        schema_roles, lex_roles,
        "the schema's role enum and lexicon::ROLES differ"
    );
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let good = serde_json::to_value(sample(
        EventType::Call,
        Status::Occurred,
        EventDate {
            value: Some("2024-09-02".into()),
            precision: Precision::Day,
            basis: DateBasis::Relative,
        },
    ))
    .unwrap();
    check(&good).expect("the sample is valid");
    let mutations: Vec<(&str, Mutation)> = vec![
        ("extra field", Box::new(|v| v["extra"] = json!(1))),
        (
            "missing field",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("topics");
            }),
        ),
        ("unknown type", Box::new(|v| v["type"] = json!("phone"))),
        (
            "unknown status",
            Box::new(|v| v["status"] = json!("happened")),
        ),
        (
            "unknown precision",
            Box::new(|v| v["date"]["precision"] = json!("week")),
        ),
        (
            "unknown basis",
            Box::new(|v| v["date"]["basis"] = json!("guessed")),
        ),
        (
            "day precision, month value",
            Box::new(|v| v["date"]["value"] = json!("2024-09")),
        ),
        (
            "unknown precision with a value",
            Box::new(|v| v["date"]["precision"] = json!("unknown")),
        ),
        (
            "publication basis at day precision",
            Box::new(|v| v["date"]["basis"] = json!("publication")),
        ),
        (
            "bad month",
            Box::new(|v| v["date"]["value"] = json!("2024-13-01")),
        ),
        (
            "one participant",
            Box::new(|v| {
                v["participants"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "participant extra field",
            Box::new(|v| v["participants"][0]["age"] = json!(71)),
        ),
        (
            "alpha-2 country",
            Box::new(|v| v["participants"][0]["country"] = json!("RU")),
        ),
        (
            "unknown role",
            Box::new(|v| v["participants"][0]["role"] = json!("king")),
        ),
        ("no evidence", Box::new(|v| v["evidence"] = json!([]))),
        (
            "negative offset",
            Box::new(|v| v["evidence"][0]["start"] = json!(-1)),
        ),
        ("bad event id", Box::new(|v| v["event_id"] = json!("E1"))),
        ("bad cameo", Box::new(|v| v["cameo"] = json!("190"))),
        (
            "bad plover type",
            Box::new(|v| v["plover"]["type"] = json!("FIGHT")),
        ),
        (
            "location without country key",
            Box::new(|v| v["location"] = json!({"name": "Brussels"})),
        ),
        (
            "topics repeated",
            Box::new(|v| v["topics"] = json!(["trade", "trade"])),
        ),
    ];
    for (what, m) in mutations {
        let mut v = good.clone();
        m(&mut v);
        assert!(
            check(&v).is_err(),
            "the schema accepts an event with {what}: {v}"
        );
    }
}

/// A named change to a valid record that must make it invalid.
type Mutation = Box<dyn Fn(&mut Value)>;
