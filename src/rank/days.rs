//! Civil dates as day numbers, the form the index stores them in.
//!
//! The index compares and subtracts dates millions of times a query, so it
//! keeps them as `i32` days since 1970-01-01 rather than [`Date`] values.
//! The conversion is Howard Hinnant's `days_from_civil` /
//! `civil_from_days`, a few integer operations; jiff offers the same
//! through spans, at a cost that shows at index-build scale. The tests
//! check both directions against jiff.

use jiff::civil::Date;

/// Days from 1970-01-01 to `date` (negative before).
pub(crate) fn day_number(date: Date) -> i32 {
    let (y, m, d) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01; the inverse of [`day_number`] for
/// every day jiff can represent (years -9999 to 9999). Days beyond that
/// give jiff's first or last day: they cannot come from the inputs, whose
/// dates lie in 1900..=2199 (see [`crate::model::limits`]), however many
/// windows and rest periods (at most 3,660 days each) the rules add.
pub(crate) fn date_of(days: i32) -> Date {
    const FIRST: i32 = -4_371_587; // -9999-01-01
    const LAST: i32 = 2_932_896; // 9999-12-31
    debug_assert!((FIRST..=LAST).contains(&days), "day number {days} outside jiff's dates");
    let days = days.clamp(FIRST, LAST);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    // The clamp keeps the parts in jiff's range.
    Date::new(y as i16, m as i8, d as i8).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    #[test]
    fn agrees_with_jiff() {
        let epoch = Date::constant(1970, 1, 1);
        assert_eq!(day_number(epoch), 0);
        let mut date = Date::constant(1899, 12, 25);
        let mut expected = day_number(date);
        while date < Date::constant(2101, 3, 1) {
            assert_eq!(day_number(date), expected, "{date}");
            assert_eq!(date_of(expected), date);
            date = date.checked_add(1.day()).unwrap();
            expected += 1;
        }
        assert_eq!(day_number(Date::constant(2026, 11, 20)), 20_777);
        assert_eq!(date_of(day_number(Date::MIN)), Date::MIN);
        assert_eq!(date_of(day_number(Date::MAX)), Date::MAX);
        let span = epoch.until(Date::constant(2026, 11, 20)).unwrap();
        assert_eq!(span.get_days(), 20_777);
    }
}
