//! Exports of merged events: a flat CSV, and tables shaped like the GDELT 2.0 event table and
//! the ICEWS coded event data, so existing scripts read them. The mapping from parley's fields is
//! documented in `docs/export-formats.md`.

use std::io::Write;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use parley_core::{
    EventDate, EventType, Evidence, FlatColumn, FlatFields, Location, Participant, Plover,
    Precision, Status,
};
use sha2::{Digest, Sha256};

use crate::model::MergedEvent;

/// A column of the flat CSV of merged events: one it shares with extracted events (defined
/// once, in parley-core's `flat` module), or one of the store's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MergedColumn {
    /// A column of `parley extract --format csv`, computed by parley-core.
    Shared(FlatColumn),
    NumArticles,
    NumSources,
    NumMentions,
    Outlets,
    Conflicts,
    FirstPublished,
    Urls,
}

impl MergedColumn {
    const fn name(self) -> &'static str {
        match self {
            MergedColumn::Shared(c) => c.name(),
            MergedColumn::NumArticles => "num_articles",
            MergedColumn::NumSources => "num_sources",
            MergedColumn::NumMentions => "num_mentions",
            MergedColumn::Outlets => "outlets",
            MergedColumn::Conflicts => "conflicts",
            MergedColumn::FirstPublished => "first_published",
            MergedColumn::Urls => "urls",
        }
    }
}

/// The flat CSV columns of a merged event, in order.
const MERGED_COLUMNS: [MergedColumn; 21] = [
    MergedColumn::Shared(FlatColumn::EventId),
    MergedColumn::Shared(FlatColumn::Date),
    MergedColumn::Shared(FlatColumn::DatePrecision),
    MergedColumn::Shared(FlatColumn::Type),
    MergedColumn::Shared(FlatColumn::Cameo),
    MergedColumn::Shared(FlatColumn::Status),
    MergedColumn::Shared(FlatColumn::Participants),
    MergedColumn::Shared(FlatColumn::ParticipantCountries),
    MergedColumn::Shared(FlatColumn::Initiator),
    MergedColumn::Shared(FlatColumn::Location),
    MergedColumn::Shared(FlatColumn::LocationCountry),
    MergedColumn::Shared(FlatColumn::Topics),
    MergedColumn::NumArticles,
    MergedColumn::NumSources,
    MergedColumn::NumMentions,
    MergedColumn::Outlets,
    MergedColumn::Conflicts,
    MergedColumn::Shared(FlatColumn::AttributedTo),
    MergedColumn::FirstPublished,
    MergedColumn::Urls,
    MergedColumn::Shared(FlatColumn::Evidence),
];

/// Columns of the flat CSV (`parley events --format csv`, `parley export --format csv`).
pub const CSV_COLUMNS: &[&str] = &{
    let mut names = [""; MERGED_COLUMNS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = MERGED_COLUMNS[i].name();
        i += 1;
    }
    names
};

/// A merged event has every field the shared flat columns read, except `doc` (it merges the
/// reports of several documents).
impl FlatFields for MergedEvent {
    fn doc(&self) -> Option<&str> {
        None
    }
    fn event_id(&self) -> &str {
        &self.event_id
    }
    fn kind(&self) -> EventType {
        self.kind
    }
    fn cameo(&self) -> &str {
        &self.cameo
    }
    fn plover(&self) -> &Plover {
        &self.plover
    }
    fn status(&self) -> Status {
        self.status
    }
    fn participants(&self) -> &[Participant] {
        &self.participants
    }
    fn initiator(&self) -> Option<&str> {
        self.initiator.as_deref()
    }
    fn date(&self) -> &EventDate {
        &self.date
    }
    fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }
    fn topics(&self) -> &[String] {
        &self.topics
    }
    fn attributed_to(&self) -> &[String] {
        &self.attributed_to
    }
    fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
}

/// The 61 columns of the GDELT 2.0 event table, in order.
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The 20 columns of the ICEWS coded event data, in order.
pub const ICEWS_COLUMNS: &[&str] = &[
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Flat CSV, one row per merged event.
    Csv,
    /// The merged records, one JSON object per line.
    Jsonl,
    /// GDELT 2.0 event table: tab-separated, no header (as GDELT ships it), one row per dyad.
    Gdelt,
    /// ICEWS coded event data: tab-separated with ICEWS's header, one row per dyad.
    Icews,
}

/// Turns a country code into a country name (from the lexicon); `None` when unknown.
pub type CountryNames<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Goldstein scale value of a CAMEO code of the consult family (04x); 0 for others.
pub fn goldstein(cameo: &str) -> f64 {
    match cameo {
        "040" | "041" => 1.0,
        "042" => 1.9,
        "043" => 2.8,
        "044" => 2.5,
        "045" => 5.0,
        "046" => 7.0,
        _ => 0.0,
    }
}

/// The CAMEO event description of a code of the consult family, as ICEWS's "Event Text" gives it.
pub fn cameo_text(cameo: &str) -> &'static str {
    match cameo {
        "040" => "Consult",
        "041" => "Discuss by telephone",
        "042" => "Make a visit",
        "043" => "Host a visit",
        "044" => "Meet at third location",
        "045" => "Mediate",
        "046" => "Engage in negotiation",
        _ => "Consult",
    }
}

/// FIPS 10-4 country code (GDELT's geography codes) of an ISO 3166-1 alpha-3 code.
pub fn fips(iso3: &str) -> Option<&'static str> {
    FIPS.iter().find(|(i, _)| *i == iso3).map(|(_, f)| *f)
}

/// ISO 3166-1 alpha-3 → FIPS 10-4, for the countries of parley's lexicon. Palestine maps to the
/// West Bank code, as GDELT does for most Palestinian actors.
const FIPS: &[(&str, &str)] = &[
    ("AFG", "AF"),
    ("ALB", "AL"),
    ("DZA", "AG"),
    ("AND", "AN"),
    ("AGO", "AO"),
    ("ATG", "AC"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("AUS", "AS"),
    ("AUT", "AU"),
    ("AZE", "AJ"),
    ("BHS", "BF"),
    ("BHR", "BA"),
    ("BGD", "BG"),
    ("BRB", "BB"),
    ("BLR", "BO"),
    ("BEL", "BE"),
    ("BLZ", "BH"),
    ("BEN", "BN"),
    ("BTN", "BT"),
    ("BOL", "BL"),
    ("BIH", "BK"),
    ("BWA", "BC"),
    ("BRA", "BR"),
    ("BRN", "BX"),
    ("BGR", "BU"),
    ("BFA", "UV"),
    ("BDI", "BY"),
    ("CPV", "CV"),
    ("KHM", "CB"),
    ("CMR", "CM"),
    ("CAN", "CA"),
    ("CAF", "CT"),
    ("TCD", "CD"),
    ("CHL", "CI"),
    ("CHN", "CH"),
    ("COL", "CO"),
    ("COM", "CN"),
    ("COD", "CG"),
    ("COG", "CF"),
    ("CRI", "CS"),
    ("CIV", "IV"),
    ("HRV", "HR"),
    ("CUB", "CU"),
    ("CYP", "CY"),
    ("CZE", "EZ"),
    ("DNK", "DA"),
    ("DJI", "DJ"),
    ("DMA", "DO"),
    ("DOM", "DR"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("SLV", "ES"),
    ("GNQ", "EK"),
    ("ERI", "ER"),
    ("EST", "EN"),
    ("SWZ", "WZ"),
    ("ETH", "ET"),
    ("FJI", "FJ"),
    ("FIN", "FI"),
    ("FRA", "FR"),
    ("GAB", "GB"),
    ("GMB", "GA"),
    ("GEO", "GG"),
    ("DEU", "GM"),
    ("GHA", "GH"),
    ("GRC", "GR"),
    ("GRD", "GJ"),
    ("GTM", "GT"),
    ("GIN", "GV"),
    ("GNB", "PU"),
    ("GUY", "GY"),
    ("HTI", "HA"),
    ("HND", "HO"),
    ("HUN", "HU"),
    ("ISL", "IC"),
    ("IND", "IN"),
    ("IDN", "ID"),
    ("IRN", "IR"),
    ("IRQ", "IZ"),
    ("IRL", "EI"),
    ("ISR", "IS"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JPN", "JA"),
    ("JOR", "JO"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KIR", "KR"),
    ("PRK", "KN"),
    ("KOR", "KS"),
    ("XKX", "KV"),
    ("KWT", "KU"),
    ("KGZ", "KG"),
    ("LAO", "LA"),
    ("LVA", "LG"),
    ("LBN", "LE"),
    ("LSO", "LT"),
    ("LBR", "LI"),
    ("LBY", "LY"),
    ("LIE", "LS"),
    ("LTU", "LH"),
    ("LUX", "LU"),
    ("MDG", "MA"),
    ("MWI", "MI"),
    ("MYS", "MY"),
    ("MDV", "MV"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MHL", "RM"),
    ("MRT", "MR"),
    ("MUS", "MP"),
    ("MEX", "MX"),
    ("FSM", "FM"),
    ("MDA", "MD"),
    ("MCO", "MN"),
    ("MNG", "MG"),
    ("MNE", "MJ"),
    ("MAR", "MO"),
    ("MOZ", "MZ"),
    ("MMR", "BM"),
    ("NAM", "WA"),
    ("NRU", "NR"),
    ("NPL", "NP"),
    ("NLD", "NL"),
    ("NZL", "NZ"),
    ("NIC", "NU"),
    ("NER", "NG"),
    ("NGA", "NI"),
    ("MKD", "MK"),
    ("NOR", "NO"),
    ("OMN", "MU"),
    ("PAK", "PK"),
    ("PLW", "PS"),
    ("PSE", "WE"),
    ("PAN", "PM"),
    ("PNG", "PP"),
    ("PRY", "PA"),
    ("PER", "PE"),
    ("PHL", "RP"),
    ("POL", "PL"),
    ("PRT", "PO"),
    ("QAT", "QA"),
    ("ROU", "RO"),
    ("RUS", "RS"),
    ("RWA", "RW"),
    ("KNA", "SC"),
    ("LCA", "ST"),
    ("VCT", "VC"),
    ("WSM", "WS"),
    ("SMR", "SM"),
    ("STP", "TP"),
    ("SAU", "SA"),
    ("SEN", "SG"),
    ("SRB", "RI"),
    ("SYC", "SE"),
    ("SLE", "SL"),
    ("SGP", "SN"),
    ("SVK", "LO"),
    ("SVN", "SI"),
    ("SLB", "BP"),
    ("SOM", "SO"),
    ("ZAF", "SF"),
    ("SSD", "OD"),
    ("ESP", "SP"),
    ("LKA", "CE"),
    ("SDN", "SU"),
    ("SUR", "NS"),
    ("SWE", "SW"),
    ("CHE", "SZ"),
    ("SYR", "SY"),
    ("TWN", "TW"),
    ("TJK", "TI"),
    ("TZA", "TZ"),
    ("THA", "TH"),
    ("TLS", "TT"),
    ("TGO", "TO"),
    ("TON", "TN"),
    ("TTO", "TD"),
    ("TUN", "TS"),
    ("TUR", "TU"),
    ("TKM", "TX"),
    ("TUV", "TV"),
    ("UGA", "UG"),
    ("UKR", "UP"),
    ("ARE", "AE"),
    ("GBR", "UK"),
    ("USA", "US"),
    ("URY", "UY"),
    ("UZB", "UZ"),
    ("VUT", "NH"),
    ("VAT", "VT"),
    ("VEN", "VE"),
    ("VNM", "VM"),
    ("YEM", "YM"),
    ("ZMB", "ZA"),
    ("ZWE", "ZI"),
];

/// One flat CSV row of a merged event (columns [`CSV_COLUMNS`]): the columns shared with
/// `parley extract --format csv` come from parley-core, the store's own from here.
pub fn csv_row(e: &MergedEvent) -> Vec<String> {
    let join = |v: Vec<String>| v.join("; ");
    MERGED_COLUMNS
        .iter()
        .map(|c| match c {
            MergedColumn::Shared(c) => c.cell(e).into_csv(),
            MergedColumn::NumArticles => e.num_articles.to_string(),
            MergedColumn::NumSources => e.num_sources.to_string(),
            MergedColumn::NumMentions => e.mentions.len().to_string(),
            MergedColumn::Outlets => {
                let mut outlets: Vec<String> =
                    e.mentions.iter().filter_map(|m| m.outlet.clone()).collect();
                outlets.sort();
                outlets.dedup();
                join(outlets)
            }
            MergedColumn::Conflicts => join(e.conflicts.iter().map(|c| c.field.clone()).collect()),
            MergedColumn::FirstPublished => first_published(e)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            MergedColumn::Urls => {
                let mut urls: Vec<String> =
                    e.mentions.iter().filter_map(|m| m.url.clone()).collect();
                urls.dedup();
                join(urls)
            }
        })
        .collect()
}

fn first_published(e: &MergedEvent) -> Option<NaiveDate> {
    e.mentions
        .iter()
        .filter_map(|m| m.published.as_deref())
        .filter_map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
        .min()
}

/// The ordered actor pairs of an event: the initiator (or the first participant by name) against
/// each other participant; for three or more participants without an initiator, every pair.
pub fn dyads(e: &MergedEvent) -> Vec<(&Participant, &Participant)> {
    let ps = &e.participants;
    if let Some(init) = e
        .initiator
        .as_deref()
        .and_then(|n| ps.iter().find(|p| p.name == n))
    {
        return ps
            .iter()
            .filter(|p| p.name != init.name)
            .map(|p| (init, p))
            .collect();
    }
    let mut out = Vec::new();
    for (i, a) in ps.iter().enumerate() {
        for b in ps.iter().skip(i + 1) {
            out.push((a, b));
        }
    }
    if out.is_empty() {
        if let Some(a) = ps.first() {
            out.push((a, a));
        }
    }
    out
}

/// A numeric id (below 2^52, exact in a double) for a dyad row, derived from the event id and the
/// pair, so it is stable across exports.
pub fn numeric_id(event_id: &str, a: &str, b: &str) -> u64 {
    let mut h = Sha256::new();
    h.update(event_id.as_bytes());
    h.update([0]);
    h.update(a.as_bytes());
    h.update([0]);
    h.update(b.as_bytes());
    let d = h.finalize();
    let mut x = 0u64;
    for byte in d.iter().take(8) {
        x = (x << 8) | u64::from(*byte);
    }
    x >> 12
}

fn actor_code(p: &Participant) -> String {
    match (&p.country, &p.org) {
        (Some(c), _) => format!("{c}GOV"),
        (None, Some(_)) => "IGO".into(),
        _ => String::new(),
    }
}

fn actor_type(p: &Participant) -> &'static str {
    if p.org.is_some() && p.country.is_none() {
        "IGO"
    } else {
        "GOV"
    }
}

fn sector(p: &Participant) -> String {
    match p.role.as_deref() {
        Some("head_of_state")
        | Some("head_of_government")
        | Some("vice_president")
        | Some("crown_prince")
        | Some("deputy_head_of_government") => "Executive,Executive Office,Government".into(),
        Some("foreign_minister")
        | Some("defense_minister")
        | Some("national_security_adviser")
        | Some("envoy") => "Government,Ministry".into(),
        Some("org_head") | Some("org_official") => "International Government Organization".into(),
        _ if p.org.is_some() && p.country.is_none() => {
            "International Government Organization".into()
        }
        _ => "Government".into(),
    }
}

/// The GDELT rows of one event (day-precision events only; `None` otherwise).
pub fn gdelt_rows(e: &MergedEvent, names: CountryNames) -> Option<Vec<Vec<String>>> {
    if e.date.precision != Precision::Day {
        return None;
    }
    let date = NaiveDate::parse_from_str(e.date.value.as_deref()?, "%Y-%m-%d").ok()?;
    let days_in_year = if NaiveDate::from_ymd_opt(date.year(), 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    let fraction = f64::from(date.year()) + f64::from(date.ordinal()) / days_in_year;
    let cameo = if e.cameo.is_empty() {
        "040".to_string()
    } else {
        e.cameo.clone()
    };
    let base = cameo.get(0..3).unwrap_or(&cameo).to_string();
    let root = cameo.get(0..2).unwrap_or(&cameo).to_string();
    let (geo_type, geo_name, geo_cc) = match &e.location {
        Some(l) => {
            let cname = l.country.as_deref().and_then(names);
            let full = match &cname {
                Some(c) => format!("{}, {c}", l.name),
                None => l.name.clone(),
            };
            let t = if l.country.as_deref() == Some("USA") {
                "3"
            } else {
                "4"
            };
            (
                t.to_string(),
                full,
                l.country
                    .as_deref()
                    .and_then(fips)
                    .unwrap_or("")
                    .to_string(),
            )
        }
        None => (String::new(), String::new(), String::new()),
    };
    let added = first_published(e)
        .map(|d| d.format("%Y%m%d000000").to_string())
        .unwrap_or_default();
    let url = e
        .mentions
        .iter()
        .find_map(|m| m.url.clone())
        .or_else(|| e.mentions.first().map(|m| m.doc.clone()))
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (a, b) in dyads(e) {
        let actor = |p: &Participant| -> Vec<String> {
            vec![
                actor_code(p),
                p.name.to_uppercase(),
                p.country.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                actor_type(p).to_string(),
                String::new(),
                String::new(),
            ]
        };
        let mut row = vec![
            numeric_id(&e.event_id, &a.name, &b.name).to_string(),
            date.format("%Y%m%d").to_string(),
            date.format("%Y%m").to_string(),
            date.format("%Y").to_string(),
            format!("{fraction:.4}"),
        ];
        row.extend(actor(a));
        row.extend(actor(b));
        row.extend([
            "1".to_string(),
            cameo.clone(),
            base.clone(),
            root.clone(),
            "1".to_string(),
            format!("{:.1}", goldstein(&base)),
            e.mentions.len().to_string(),
            e.num_sources.to_string(),
            e.num_articles.to_string(),
            String::new(),
        ]);
        // Actor1Geo and Actor2Geo: not known separately.
        row.extend(std::iter::repeat_n(String::new(), 16));
        row.extend([
            geo_type.clone(),
            geo_name.clone(),
            geo_cc.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        row.push(added.clone());
        row.push(url.clone());
        rows.push(row);
    }
    Some(rows)
}

/// The ICEWS rows of one event (day-precision events only; `None` otherwise).
pub fn icews_rows(e: &MergedEvent, names: CountryNames) -> Option<Vec<Vec<String>>> {
    if e.date.precision != Precision::Day {
        return None;
    }
    let date = e.date.value.clone()?;
    let cameo = if e.cameo.is_empty() {
        "040".to_string()
    } else {
        e.cameo.clone()
    };
    let rep = e.mentions.first();
    let cname = |c: &Option<String>| {
        c.as_deref()
            .map(|c| names(c).unwrap_or_else(|| c.to_string()))
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (a, b) in dyads(e) {
        rows.push(vec![
            numeric_id(&e.event_id, &a.name, &b.name).to_string(),
            date.clone(),
            a.name.clone(),
            sector(a),
            if a.country.is_some() {
                cname(&a.country)
            } else {
                a.org.clone().unwrap_or_default()
            },
            cameo_text(&cameo).to_string(),
            cameo.clone(),
            format!("{:.1}", goldstein(cameo.get(0..3).unwrap_or(&cameo))),
            b.name.clone(),
            sector(b),
            if b.country.is_some() {
                cname(&b.country)
            } else {
                b.org.clone().unwrap_or_default()
            },
            rep.map(|m| m.doc.clone()).unwrap_or_default(),
            String::new(),
            rep.and_then(|m| m.outlet.clone()).unwrap_or_default(),
            e.location
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            String::new(),
            String::new(),
            e.location
                .as_ref()
                .map(|l| cname(&l.country))
                .unwrap_or_default(),
            String::new(),
            String::new(),
        ]);
    }
    Some(rows)
}

/// Writes events in an export format; returns (events written, events left out because their
/// date is not a day, for GDELT and ICEWS).
pub fn write<W: Write>(
    out: W,
    format: ExportFormat,
    events: &[MergedEvent],
    names: CountryNames,
) -> Result<(usize, usize)> {
    let mut written = 0;
    let mut skipped = 0;
    match format {
        ExportFormat::Jsonl => {
            let mut out = out;
            for e in events {
                serde_json::to_writer(&mut out, e)?;
                writeln!(out)?;
                written += 1;
            }
            out.flush()?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_COLUMNS)?;
            for e in events {
                w.write_record(csv_row(e))?;
                written += 1;
            }
            w.flush()?;
        }
        ExportFormat::Gdelt | ExportFormat::Icews => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Never)
                .from_writer(out);
            if format == ExportFormat::Icews {
                w.write_record(ICEWS_COLUMNS)?;
            }
            for e in events {
                let rows = if format == ExportFormat::Gdelt {
                    gdelt_rows(e, names)
                } else {
                    icews_rows(e, names)
                };
                match rows {
                    Some(rows) => {
                        for r in rows {
                            let clean: Vec<String> = r
                                .into_iter()
                                .map(|c| c.replace(['\t', '\n', '\r'], " "))
                                .collect();
                            w.write_record(&clean)?;
                        }
                        written += 1;
                    }
                    None => skipped += 1,
                }
            }
            w.flush()?;
        }
    }
    Ok((written, skipped))
}
