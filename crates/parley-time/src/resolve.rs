//! Resolving a parsed expression against a reference (publication) date.

use crate::{Basis, PeriodUnit, Precision, ResolvedDate, Tense, TimeExpr, WeekShift};
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How many days a day-and-month date without a year may lie on the "wrong" side of the
/// reference for its tense and still count: publication dates are often a day or two off
/// (time zones, "updated" stamps), so a past event dated two days after the reference is
/// more likely this year than last year.
const TENSE_SLACK_DAYS: i64 = 3;

/// Resolves `expr` against the `reference` date (usually the publication date).
///
/// * A full date is Explicit/Day; "May 2022" Explicit/Month; "2020" Explicit/Year.
/// * A day and month without year takes the year that puts it closest to the reference
///   ("Dec. 28" in a Jan 3 article is last year, "Nov. 30" in a Nov 28 article this year),
///   basis Relative. Candidates more than three days on the wrong side for the tense (a
///   past event after the reference, a planned one before it) are skipped when another
///   candidate remains; exact ties go to the earlier year for Past, the later for Future.
/// * A month without year: for Past the latest such month on or before the reference
///   month, for Future the first on or after it.
/// * A weekday: Bare/This with Past is the latest such day on or before the reference, with
///   Future the first on or after it; Last is the latest strictly before, Next the first
///   strictly after, whatever the tense.
/// * DayOffset(n): reference + n days.
/// * Period of weeks: the Monday–Sunday week holding the reference, shifted; the value is
///   the month holding most of its days ("YYYY-MM", Month precision) and first_day /
///   last_day give the exact week. Months and years: Month / Year precision.
/// * Vague expressions, and anything but a written year without a reference: Unknown.
///
/// For a range ("September 13 and 14") the value is the first day and last_day the last.
pub fn resolve(expr: &TimeExpr, reference: Option<NaiveDate>, tense: Tense) -> ResolvedDate {
    resolve_inner(expr, reference, tense).unwrap_or_else(ResolvedDate::unknown)
}

fn resolve_inner(
    expr: &TimeExpr,
    reference: Option<NaiveDate>,
    tense: Tense,
) -> Option<ResolvedDate> {
    match *expr {
        TimeExpr::Calendar {
            year,
            month,
            day,
            day_end,
            ..
        } => calendar(year, month, day, day_end, reference, tense),
        TimeExpr::Weekday { weekday, shift } => {
            let r = reference?;
            let date = weekday_date(r, weekday, shift, tense)?;
            Some(day_value(date, date, Basis::Relative))
        }
        TimeExpr::DayOffset(n) => {
            let date = add_days(reference?, i64::from(n))?;
            Some(day_value(date, date, Basis::Relative))
        }
        TimeExpr::Period { unit, offset } => period(reference?, unit, offset, tense),
        TimeExpr::VagueFuture | TimeExpr::VaguePast => None,
    }
}

fn add_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        date.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn day_value(first: NaiveDate, last: NaiveDate, basis: Basis) -> ResolvedDate {
    ResolvedDate {
        value: Some(first.format("%Y-%m-%d").to_string()),
        precision: Precision::Day,
        basis,
        first_day: Some(first),
        last_day: Some(last),
    }
}

fn month_value(year: i32, month: u32, basis: Basis) -> Option<ResolvedDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = last_of_month(year, month)?;
    Some(ResolvedDate {
        value: Some(format!("{year:04}-{month:02}")),
        precision: Precision::Month,
        basis,
        first_day: Some(first),
        last_day: Some(last),
    })
}

fn year_value(year: i32, basis: Basis) -> Option<ResolvedDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    Some(ResolvedDate {
        value: Some(format!("{year:04}")),
        precision: Precision::Year,
        basis,
        first_day: Some(first),
        last_day: Some(last),
    })
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month >= 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// The first and last day of a day (or day range) in a known year.
fn day_span(
    year: i32,
    month: u32,
    day: u32,
    day_end: Option<u32>,
) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, day)?;
    let last = match day_end {
        Some(e) => NaiveDate::from_ymd_opt(year, month, e).filter(|l| *l >= first)?,
        None => first,
    };
    Some((first, last))
}

fn calendar(
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    day_end: Option<u32>,
    reference: Option<NaiveDate>,
    tense: Tense,
) -> Option<ResolvedDate> {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => {
            let (first, last) = day_span(y, m, d, day_end)?;
            Some(day_value(first, last, Basis::Explicit))
        }
        (Some(y), Some(m), None) => month_value(y, m, Basis::Explicit),
        (Some(y), None, None) => year_value(y, Basis::Explicit),
        (None, Some(m), Some(d)) => {
            let r = reference?;
            let y = closest_year(m, d, r, tense)?;
            let (first, last) = day_span(y, m, d, day_end)?;
            Some(day_value(first, last, Basis::Relative))
        }
        (None, None, Some(d)) => {
            // "on the 20th": this month's day, or last month's (next month's) when the tense
            // puts it on the other side of the reference date.
            let r = reference?;
            let this = NaiveDate::from_ymd_opt(r.year(), r.month(), d);
            let diff = this.map(|x| x.signed_duration_since(r).num_days());
            let (y, m) = match (tense, diff) {
                (Tense::Past, Some(diff)) if diff <= TENSE_SLACK_DAYS => (r.year(), r.month()),
                (Tense::Past, _) => previous_month(r.year(), r.month())?,
                (Tense::Future, Some(diff)) if diff >= -TENSE_SLACK_DAYS => (r.year(), r.month()),
                (Tense::Future, _) => next_month(r.year(), r.month())?,
            };
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            Some(day_value(date, date, Basis::Relative))
        }
        (None, Some(m), None) => {
            let r = reference?;
            let y = match tense {
                Tense::Past if m > r.month() => r.year().checked_sub(1)?,
                Tense::Future if m < r.month() => r.year().checked_add(1)?,
                _ => r.year(),
            };
            month_value(y, m, Basis::Relative)
        }
        _ => None,
    }
}

fn previous_month(year: i32, month: u32) -> Option<(i32, u32)> {
    if month <= 1 {
        Some((year.checked_sub(1)?, 12))
    } else {
        Some((year, month - 1))
    }
}

fn next_month(year: i32, month: u32) -> Option<(i32, u32)> {
    if month >= 12 {
        Some((year.checked_add(1)?, 1))
    } else {
        Some((year, month + 1))
    }
}

/// The year that puts month/day closest to the reference (see [`resolve`]).
fn closest_year(month: u32, day: u32, r: NaiveDate, tense: Tense) -> Option<i32> {
    // 29 February needs a leap year: look up to four years each way for it.
    let reach = if month == 2 && day == 29 { 4 } else { 1 };
    let candidates: Vec<(i32, i64)> = (-reach..=reach)
        .filter_map(|k| {
            let y = r.year().checked_add(k)?;
            let date = NaiveDate::from_ymd_opt(y, month, day)?;
            Some((y, date.signed_duration_since(r).num_days()))
        })
        .collect();
    let consistent: Vec<(i32, i64)> = candidates
        .iter()
        .copied()
        .filter(|&(_, diff)| match tense {
            Tense::Past => diff <= TENSE_SLACK_DAYS,
            Tense::Future => diff >= -TENSE_SLACK_DAYS,
        })
        .collect();
    let pool = if consistent.is_empty() {
        candidates
    } else {
        consistent
    };
    pool.into_iter()
        .min_by_key(|&(y, diff)| {
            // Ties (equal distance) go to the earlier year for Past, the later for Future.
            let tie = match tense {
                Tense::Past => y,
                Tense::Future => -y,
            };
            (diff.abs(), tie)
        })
        .map(|(y, _)| y)
}

/// The date a weekday name points at (see [`resolve`]).
fn weekday_date(
    r: NaiveDate,
    weekday: Weekday,
    shift: WeekShift,
    tense: Tense,
) -> Option<NaiveDate> {
    let back =
        i64::from((7 + r.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7);
    let ahead = (7 - back) % 7;
    let offset = match (shift, tense) {
        (WeekShift::Last, _) => -(if back == 0 { 7 } else { back }),
        (WeekShift::Next, _) => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        (WeekShift::Bare | WeekShift::This, Tense::Past) => -back,
        (WeekShift::Bare | WeekShift::This, Tense::Future) => ahead,
    };
    add_days(r, offset)
}

fn period(r: NaiveDate, unit: PeriodUnit, offset: i32, tense: Tense) -> Option<ResolvedDate> {
    match unit {
        PeriodUnit::Week => {
            let monday = add_days(r, -i64::from(r.weekday().num_days_from_monday()))?;
            let monday = add_days(monday, i64::from(offset).checked_mul(7)?)?;
            let sunday = add_days(monday, 6)?;
            // "this week" for something that happened ends at the reference date; for something
            // planned it starts there.
            let (monday, sunday) = match (offset, tense) {
                (0, Tense::Past) => (monday, sunday.min(r)),
                (0, Tense::Future) => (monday.max(r), sunday),
                _ => (monday, sunday),
            };
            // A week inside one month gives that month; a week spanning two months gives only
            // the year (the event may lie in either month), the year of most of its days when it
            // spans New Year. The exact days are kept in first/last day for merging.
            let mut v = if monday.month() == sunday.month() {
                month_value(monday.year(), monday.month(), Basis::Relative)?
            } else {
                let pick = if monday.year() == sunday.year() || sunday.day() < 4 {
                    monday
                } else {
                    sunday
                };
                year_value(pick.year(), Basis::Relative)?
            };
            v.first_day = Some(monday);
            v.last_day = Some(sunday);
            Some(v)
        }
        PeriodUnit::Month => {
            let index = i64::from(r.year()) * 12 + i64::from(r.month0()) + i64::from(offset);
            let year = i32::try_from(index.div_euclid(12)).ok()?;
            let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
            month_value(year, month, Basis::Relative)
        }
        PeriodUnit::Year => year_value(r.year().checked_add(offset)?, Basis::Relative),
    }
}

/// Years in `from_year..=to_year` in which `month`/`day` falls on `weekday`, ascending.
///
/// Helps a caller infer a missing year from "Monday (30 May)". Years outside the range
/// chrono supports are skipped; an empty range or an impossible date gives an empty list.
pub fn years_matching_weekday(
    month: u32,
    day: u32,
    weekday: Weekday,
    from_year: i32,
    to_year: i32,
) -> Vec<i32> {
    let from = from_year.max(NaiveDate::MIN.year());
    let to = to_year.min(NaiveDate::MAX.year());
    (from..=to)
        .filter(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d.weekday() == weekday))
        .collect()
}
