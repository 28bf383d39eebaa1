use super::{cal, ymd};
use crate::{
    resolve, years_matching_weekday, Basis, PeriodUnit, Precision, ResolvedDate, Tense, TimeExpr,
    WeekShift, Weekday,
};

fn value(r: &ResolvedDate) -> Option<&str> {
    r.value.as_deref()
}

fn weekday(w: Weekday, shift: WeekShift) -> TimeExpr {
    TimeExpr::Weekday { weekday: w, shift }
}

#[test]
fn full_dates_are_explicit() {
    let r = resolve(&cal(Some(2023), Some(11), Some(28)), None, Tense::Past);
    assert_eq!(value(&r), Some("2023-11-28"));
    assert_eq!(r.precision, Precision::Day);
    assert_eq!(r.basis, Basis::Explicit);
    assert_eq!(r.first_day, Some(ymd(2023, 11, 28)));
    assert_eq!(r.last_day, Some(ymd(2023, 11, 28)));

    let r = resolve(&cal(Some(2022), Some(5), None), None, Tense::Past);
    assert_eq!(value(&r), Some("2022-05"));
    assert_eq!((r.precision, r.basis), (Precision::Month, Basis::Explicit));
    assert_eq!(r.last_day, Some(ymd(2022, 5, 31)));

    let r = resolve(&cal(Some(2020), None, None), None, Tense::Past);
    assert_eq!(value(&r), Some("2020"));
    assert_eq!((r.precision, r.basis), (Precision::Year, Basis::Explicit));
}

#[test]
fn impossible_input_is_unknown() {
    let r = resolve(&cal(Some(2023), Some(2), Some(30)), None, Tense::Past);
    assert_eq!(r, ResolvedDate::unknown());
    let r = resolve(
        &cal(None, Some(13), Some(1)),
        Some(ymd(2023, 1, 1)),
        Tense::Past,
    );
    assert_eq!(r, ResolvedDate::unknown());
    // A bare day the month it falls in does not have ("the 31st" told in March of a past
    // day: 31 February) is unknown.
    let r = resolve(
        &cal(None, None, Some(31)),
        Some(ymd(2023, 3, 20)),
        Tense::Past,
    );
    assert_eq!(r, ResolvedDate::unknown());
    let r = resolve(&cal(None, None, Some(3)), None, Tense::Past);
    assert_eq!(r, ResolvedDate::unknown());
}

#[test]
fn a_bare_day_is_in_the_reference_month_or_the_one_the_tense_points_to() {
    let dec15 = Some(ymd(2023, 12, 15));
    let value = |d: u32, tense: Tense| resolve(&cal(None, None, Some(d)), dec15, tense).value;
    assert_eq!(value(13, Tense::Past).as_deref(), Some("2023-12-13"));
    assert_eq!(value(28, Tense::Past).as_deref(), Some("2023-11-28"));
    assert_eq!(value(20, Tense::Future).as_deref(), Some("2023-12-20"));
    assert_eq!(value(2, Tense::Future).as_deref(), Some("2024-01-02"));
}

#[test]
fn day_month_takes_closest_year() {
    let dec28 = cal(None, Some(12), Some(28));
    let r = resolve(&dec28, Some(ymd(2024, 1, 3)), Tense::Past);
    assert_eq!(value(&r), Some("2023-12-28"));
    assert_eq!((r.precision, r.basis), (Precision::Day, Basis::Relative));

    let nov30 = cal(None, Some(11), Some(30));
    let r = resolve(&nov30, Some(ymd(2023, 11, 28)), Tense::Future);
    assert_eq!(value(&r), Some("2023-11-30"));
    // A couple of days "after" the reference is still this year for a past event.
    let r = resolve(&nov30, Some(ymd(2023, 11, 28)), Tense::Past);
    assert_eq!(value(&r), Some("2023-11-30"));

    // A planned event cannot be a week before the reference: next year.
    let r = resolve(&dec28, Some(ymd(2024, 1, 3)), Tense::Future);
    assert_eq!(value(&r), Some("2024-12-28"));
    // A past event cannot be weeks after the reference: last year.
    let jan20 = cal(None, Some(1), Some(20));
    let r = resolve(&jan20, Some(ymd(2024, 1, 3)), Tense::Past);
    assert_eq!(value(&r), Some("2023-01-20"));

    let feb29 = cal(None, Some(2), Some(29));
    let r = resolve(&feb29, Some(ymd(2025, 3, 10)), Tense::Past);
    assert_eq!(value(&r), Some("2024-02-29"));
}

#[test]
fn ranges_keep_last_day() {
    let e = TimeExpr::Calendar {
        year: None,
        month: Some(9),
        day: Some(13),
        day_end: Some(14),
        weekday: None,
        anchor: None,
    };
    let r = resolve(&e, Some(ymd(2022, 10, 7)), Tense::Past);
    assert_eq!(value(&r), Some("2022-09-13"));
    assert_eq!(r.first_day, Some(ymd(2022, 9, 13)));
    assert_eq!(r.last_day, Some(ymd(2022, 9, 14)));
}

#[test]
fn no_reference_no_guess() {
    let ref_needing = [
        cal(None, Some(5), Some(30)),
        cal(None, Some(5), None),
        weekday(Weekday::Mon, WeekShift::Bare),
        TimeExpr::DayOffset(-1),
        TimeExpr::Period {
            unit: PeriodUnit::Week,
            offset: -1,
        },
        TimeExpr::VagueFuture,
        TimeExpr::VaguePast,
    ];
    for e in &ref_needing {
        for tense in [Tense::Past, Tense::Future] {
            let r = resolve(e, None, tense);
            assert_eq!(r, ResolvedDate::unknown(), "{e:?}");
        }
    }
}

#[test]
fn vague_is_unknown_even_with_reference() {
    for e in [TimeExpr::VagueFuture, TimeExpr::VaguePast] {
        let r = resolve(&e, Some(ymd(2023, 5, 5)), Tense::Past);
        assert_eq!(r.value, None);
        assert_eq!(r.precision, Precision::Unknown);
        assert_eq!(r.basis, Basis::Unknown);
    }
}

#[test]
fn weekdays_past_tense() {
    // 2023-12-01 is a Friday.
    let friday = Some(ymd(2023, 12, 1));
    let r = resolve(&weekday(Weekday::Fri, WeekShift::Bare), friday, Tense::Past);
    assert_eq!(value(&r), Some("2023-12-01"));
    assert_eq!((r.precision, r.basis), (Precision::Day, Basis::Relative));
    let r = resolve(&weekday(Weekday::Thu, WeekShift::Bare), friday, Tense::Past);
    assert_eq!(value(&r), Some("2023-11-30"));
    let r = resolve(&weekday(Weekday::Sat, WeekShift::Bare), friday, Tense::Past);
    assert_eq!(value(&r), Some("2023-11-25"));
    let r = resolve(&weekday(Weekday::Mon, WeekShift::This), friday, Tense::Past);
    assert_eq!(value(&r), Some("2023-11-27"));
}

#[test]
fn weekdays_future_tense() {
    let friday = Some(ymd(2023, 12, 1));
    let r = resolve(
        &weekday(Weekday::Fri, WeekShift::Bare),
        friday,
        Tense::Future,
    );
    assert_eq!(value(&r), Some("2023-12-01"));
    let r = resolve(
        &weekday(Weekday::Thu, WeekShift::Bare),
        friday,
        Tense::Future,
    );
    assert_eq!(value(&r), Some("2023-12-07"));
    let r = resolve(
        &weekday(Weekday::Sat, WeekShift::Bare),
        friday,
        Tense::Future,
    );
    assert_eq!(value(&r), Some("2023-12-02"));
}

#[test]
fn weekdays_last_and_next_ignore_tense() {
    let friday = Some(ymd(2023, 12, 1));
    for tense in [Tense::Past, Tense::Future] {
        let r = resolve(&weekday(Weekday::Fri, WeekShift::Last), friday, tense);
        assert_eq!(value(&r), Some("2023-11-24"));
        let r = resolve(&weekday(Weekday::Thu, WeekShift::Last), friday, tense);
        assert_eq!(value(&r), Some("2023-11-30"));
        let r = resolve(&weekday(Weekday::Fri, WeekShift::Next), friday, tense);
        assert_eq!(value(&r), Some("2023-12-08"));
        let r = resolve(&weekday(Weekday::Mon, WeekShift::Next), friday, tense);
        assert_eq!(value(&r), Some("2023-12-04"));
    }
}

#[test]
fn day_offsets() {
    let r = resolve(&TimeExpr::DayOffset(-1), Some(ymd(2024, 3, 1)), Tense::Past);
    assert_eq!(value(&r), Some("2024-02-29"));
    assert_eq!((r.precision, r.basis), (Precision::Day, Basis::Relative));
    let r = resolve(
        &TimeExpr::DayOffset(2),
        Some(ymd(2023, 12, 31)),
        Tense::Future,
    );
    assert_eq!(value(&r), Some("2024-01-02"));
    let r = resolve(
        &TimeExpr::DayOffset(i32::MIN),
        Some(ymd(2023, 12, 31)),
        Tense::Past,
    );
    assert_eq!(r, ResolvedDate::unknown());
}

#[test]
fn weeks_resolve_to_their_month_or_year() {
    let week = |offset| TimeExpr::Period {
        unit: PeriodUnit::Week,
        offset,
    };
    // Tue 2023-11-28, something that happened "this week": Mon 27 – Tue 28 Nov.
    let r = resolve(&week(0), Some(ymd(2023, 11, 28)), Tense::Past);
    assert_eq!(value(&r), Some("2023-11"));
    assert_eq!((r.precision, r.basis), (Precision::Month, Basis::Relative));
    assert_eq!(r.first_day, Some(ymd(2023, 11, 27)));
    assert_eq!(r.last_day, Some(ymd(2023, 11, 28)));
    // Planned "this week" from the same day: 28 Nov – 3 Dec spans two months: only the year.
    let r = resolve(&week(0), Some(ymd(2023, 11, 28)), Tense::Future);
    assert_eq!(value(&r), Some("2023"));
    assert_eq!(r.precision, Precision::Year);
    assert_eq!(r.first_day, Some(ymd(2023, 11, 28)));
    assert_eq!(r.last_day, Some(ymd(2023, 12, 3)));
    // The week before lies wholly in November.
    let r = resolve(&week(-1), Some(ymd(2023, 11, 28)), Tense::Past);
    assert_eq!(value(&r), Some("2023-11"));
    assert_eq!(r.first_day, Some(ymd(2023, 11, 20)));
    assert_eq!(r.last_day, Some(ymd(2023, 11, 26)));
    // Last week from Wed 2024-01-03 is 25–31 Dec 2023.
    let r = resolve(&week(-1), Some(ymd(2024, 1, 3)), Tense::Past);
    assert_eq!(value(&r), Some("2023-12"));
    assert_eq!(r.first_day, Some(ymd(2023, 12, 25)));
    // Next week from Thu 2024-12-26 is 30 Dec 2024 – 5 Jan 2025: mostly 2025.
    let r = resolve(&week(1), Some(ymd(2024, 12, 26)), Tense::Future);
    assert_eq!(value(&r), Some("2025"));
}

#[test]
fn months_and_years() {
    let month = |offset| TimeExpr::Period {
        unit: PeriodUnit::Month,
        offset,
    };
    let r = resolve(&month(-1), Some(ymd(2024, 1, 15)), Tense::Past);
    assert_eq!(value(&r), Some("2023-12"));
    assert_eq!((r.precision, r.basis), (Precision::Month, Basis::Relative));
    assert_eq!(r.first_day, Some(ymd(2023, 12, 1)));
    assert_eq!(r.last_day, Some(ymd(2023, 12, 31)));
    let r = resolve(&month(13), Some(ymd(2024, 1, 15)), Tense::Future);
    assert_eq!(value(&r), Some("2025-02"));
    let r = resolve(
        &TimeExpr::Period {
            unit: PeriodUnit::Year,
            offset: -1,
        },
        Some(ymd(2024, 1, 15)),
        Tense::Past,
    );
    assert_eq!(value(&r), Some("2023"));
    assert_eq!((r.precision, r.basis), (Precision::Year, Basis::Relative));
}

#[test]
fn bare_month_follows_tense() {
    let may = cal(None, Some(5), None);
    let r = resolve(&may, Some(ymd(2023, 11, 20)), Tense::Past);
    assert_eq!(value(&r), Some("2023-05"));
    assert_eq!((r.precision, r.basis), (Precision::Month, Basis::Relative));
    let r = resolve(&may, Some(ymd(2023, 11, 20)), Tense::Future);
    assert_eq!(value(&r), Some("2024-05"));
    let dec = cal(None, Some(12), None);
    let r = resolve(&dec, Some(ymd(2024, 1, 3)), Tense::Past);
    assert_eq!(value(&r), Some("2023-12"));
}

#[test]
fn anchored_and_weekday_dates_use_the_date() {
    let e = TimeExpr::Calendar {
        year: None,
        month: Some(6),
        day: Some(24),
        day_end: None,
        weekday: None,
        anchor: Some(0),
    };
    let r = resolve(&e, Some(ymd(2021, 6, 24)), Tense::Past);
    assert_eq!(value(&r), Some("2021-06-24"));
    let e = TimeExpr::Calendar {
        year: None,
        month: Some(5),
        day: Some(30),
        day_end: None,
        weekday: Some(Weekday::Mon),
        anchor: None,
    };
    let r = resolve(&e, Some(ymd(2022, 6, 1)), Tense::Past);
    assert_eq!(value(&r), Some("2022-05-30"));
}

#[test]
fn year_inference_helper() {
    assert_eq!(
        years_matching_weekday(5, 30, Weekday::Mon, 2015, 2025),
        vec![2016, 2022]
    );
    assert_eq!(
        years_matching_weekday(2, 29, Weekday::Thu, 2000, 2030),
        vec![2024]
    );
    assert!(years_matching_weekday(2, 30, Weekday::Mon, 2000, 2030).is_empty());
    assert!(years_matching_weekday(5, 30, Weekday::Mon, 2025, 2015).is_empty());
    assert!(years_matching_weekday(13, 1, Weekday::Mon, 2000, 2030).is_empty());
}
