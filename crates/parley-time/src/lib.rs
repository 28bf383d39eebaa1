//! Temporal expressions in news text.
//!
//! parley dates every diplomatic event by the day it happened, not the day it was
//! reported. This crate does the three language-level steps of that:
//!
//! * [`find_time_expressions`] finds date-like expressions in a sentence ("on Monday",
//!   "Nov. 30", "28.11.2023", "last week", "in the coming days", "19 мая 2021", ...) and
//!   parses each into a [`TimeExpr`];
//! * [`resolve`] turns one expression into a calendar value, given the reference
//!   (publication) date and whether the event is past or planned;
//! * [`detect_publication_date`] looks for the article's own date in its header.
//!
//! Deciding which expression belongs to which event, and inferring missing years from
//! context, is left to the caller; [`years_matching_weekday`] helps with the latter.
//!
//! Month names are recognised in English, Turkish, Russian, French, German and Spanish;
//! weekday names and relative phrases ("yesterday", "last week") in English only.

#![warn(missing_docs)]

mod find;
mod lexicon;
mod publication;
mod resolve;
mod token;

#[cfg(test)]
mod tests;

pub use chrono::{NaiveDate, Weekday};
pub use find::find_time_expressions;
pub use publication::{detect_publication_date, parse_iso_date};
pub use resolve::{resolve, years_matching_weekday};

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    /// Byte offset of the first byte of the expression in the text that was searched.
    pub start: usize,
    /// Byte offset just past the expression (always a char boundary).
    pub end: usize,
    /// What the expression says.
    pub expr: TimeExpr,
}

/// Which week a weekday name refers to, as far as the text itself says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WeekShift {
    /// "on Monday", "Monday": the tense of the event decides the direction.
    Bare,
    /// "last Monday", "past Monday": the latest such day strictly before the reference.
    Last,
    /// "this Monday": treated like [`WeekShift::Bare`] when resolving.
    This,
    /// "next Monday", "coming Monday": the first such day strictly after the reference.
    Next,
}

/// The unit of a relative period ("last week", "next month", "three years ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodUnit {
    /// A calendar week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// A parsed temporal expression, before resolution against a reference date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeExpr {
    /// A calendar date, maybe partial: "28.11.2023", "Nov. 30", "30 May", "May 30, 2022",
    /// "2022-05-30", "May 2022", "in 2020", "September 13 and 14" (day 13, day_end 14),
    /// "Monday (30 May)" / "Sunday's (20 June)" / "today (24 June)" (weekday/anchor kept).
    Calendar {
        /// The year, when written (1990–2099).
        year: Option<i32>,
        /// The month, 1–12, when written.
        month: Option<u32>,
        /// The day of the month, when written (the first day of a range).
        day: Option<u32>,
        /// The last day of a range such as "13-14 September".
        day_end: Option<u32>,
        /// A weekday written next to the date: "Monday (30 May)".
        weekday: Option<Weekday>,
        /// A day-offset word written next to the date: today = 0, yesterday = -1, tomorrow = 1.
        anchor: Option<i32>,
    },
    /// A weekday alone: "on Monday", "Wednesday", "last Friday", "next Tuesday", "Sunday's".
    Weekday {
        /// The named day.
        weekday: Weekday,
        /// Which week the text points at.
        shift: WeekShift,
    },
    /// A day relative to the reference date: today = 0, yesterday = -1, "two days ago" = -2,
    /// "tomorrow" = 1; also "earlier today", "on the same day", "tonight", "this morning".
    DayOffset(i32),
    /// A period relative to the reference date: "last week" (Week, -1), "this month" (Month, 0),
    /// "next year" (Year, 1), "three weeks ago" (Week, -3), "the previous week" (Week, -1).
    Period {
        /// Week, month or year.
        unit: PeriodUnit,
        /// How many units from the one holding the reference date.
        offset: i32,
    },
    /// An unspecified time ahead: "in the coming days", "soon", "in the near future".
    VagueFuture,
    /// An unspecified time before: "recently", "recent", "the other day", "earlier".
    VaguePast,
}

/// Whether the event an expression dates has happened or is planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// The event occurred (reported in the past tense).
    Past,
    /// The event is planned or announced.
    Future,
}

/// How finely a [`ResolvedDate`] pins the date down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A single day: value "YYYY-MM-DD".
    Day,
    /// A month: value "YYYY-MM".
    Month,
    /// A year: value "YYYY".
    Year,
    /// Nothing could be resolved: value is `None`.
    Unknown,
}

/// Where the value of a [`ResolvedDate`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Everything needed was written in the expression (a full date, "May 2022", "2020").
    Explicit,
    /// The reference date supplied what the expression left out (year, week, offset).
    Relative,
    /// Nothing could be resolved.
    Unknown,
}

/// The result of [`resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedDate {
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY" according to `precision`; `None` when unknown.
    pub value: Option<String>,
    /// How fine `value` is.
    pub precision: Precision,
    /// Where `value` comes from.
    pub basis: Basis,
    /// The first day the value covers (the day itself for day precision, Monday for a week).
    pub first_day: Option<NaiveDate>,
    /// The last day the value covers (the last day of a range such as "13-14 September").
    pub last_day: Option<NaiveDate>,
}

impl ResolvedDate {
    /// The "could not resolve" value: no date, unknown precision and basis.
    pub fn unknown() -> Self {
        ResolvedDate {
            value: None,
            precision: Precision::Unknown,
            basis: Basis::Unknown,
            first_day: None,
            last_day: None,
        }
    }
}

/// An article's own date found in its header by [`detect_publication_date`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationDate {
    /// The date.
    pub date: NaiveDate,
    /// Byte offset of the date expression in the text.
    pub start: usize,
    /// Byte offset just past the date expression.
    pub end: usize,
    /// Which rule found it: "standalone header line", "byline", "published label",
    /// "updated label", "dateline", "header line prefix".
    pub how: &'static str,
}
