//! The ranges every value that enters the crate must lie in, checked at the
//! door: by [`Library::new`](crate::Library::new), the loaders, the ranking
//! requests, the ledger's operations and the planner.
//!
//! The ranges are chosen so that no arithmetic inside the crate can
//! overflow or lose its meaning: a day number plus a window plus a rest
//! period stays far inside `i32`, a weight sum stays far from the limits of
//! `f64`, and a label is short enough that resolving it costs microseconds.
//! A value outside its range is refused with a message that names its
//! place and the range, never clamped.
//!
//! | what | range |
//! | --- | --- |
//! | every date (blackouts, engagements, verification, approvals, requests, opportunities, figures, the planning date, the clock's day) | [`MIN_DATE`]`..=`[`MAX_DATE`] (1900-01-01 to 2199-12-31) |
//! | advisory board years | 1900..=2199 |
//! | `window_days` | `1..=`[`MAX_DAYS`] (3,660 days, ten years) |
//! | `rest_days` | `0..=`[`MAX_DAYS`] |
//! | `poor_feedback.extra_rest_days` | `1..=`[`MAX_DAYS`] |
//! | feedback ratings, `poor_feedback.at_most` | `1..=5` ([`MIN_RATING`](super::MIN_RATING)`..=`[`MAX_RATING`](super::MAX_RATING)) |
//! | `cap` (per advocate, tier, program or account) | `1..=`[`MAX_CAP`] |
//! | weights | `0`, or [`MIN_WEIGHT`]`..=`[`MAX_WEIGHT`] (1e-6 to 1e6); at least one above 0 |
//! | employees | `1..=`[`MAX_EMPLOYEES`] |
//! | outcome values | finite, magnitude at most [`MAX_MAGNITUDE`] |
//! | amounts and revenues | finite, `0..=`[`MAX_MAGNITUDE`] |
//! | `k`, `max_per_account`, `top_m`, `slots`, `max_per_batch` | `1..=`[`MAX_COUNT`] (`k` may be 0 for an empty answer) |
//! | the planner's score resolution | [`MIN_RESOLUTION`]`..=`[`MAX_RESOLUTION`] (1e-9 to 1e-2) |
//! | ids (of every record, and actors) | 1 to [`MAX_ID_LEN`] bytes, not blank |
//! | labels (names, titles, industry labels, tags, languages, countries, locations) | at most [`MAX_LABEL_LEN`] bytes |
//! | free text (summaries, outcome descriptions, reasons, notes, feedback notes) | at most [`MAX_TEXT_LEN`] bytes |
//! | items of one list (tags, products, advocates of a story, blackouts, outcomes, assets) | at most [`MAX_LIST_LEN`] |

use jiff::civil::Date;

/// The first day any date may be: 1900-01-01.
pub const MIN_DATE: Date = Date::constant(1900, 1, 1);

/// The last day any date may be: 2199-12-31.
pub const MAX_DATE: Date = Date::constant(2199, 12, 31);

/// The longest window or rest period, in days: ten years.
pub const MAX_DAYS: u32 = 3_660;

/// The largest cap on engagements per window.
pub const MAX_CAP: u32 = 1_000;

/// The smallest weight above 0.
pub const MIN_WEIGHT: f64 = 1e-6;

/// The largest weight.
pub const MAX_WEIGHT: f64 = 1e6;

/// The most employees an account or prospect may have.
pub const MAX_EMPLOYEES: u64 = 1_000_000_000;

/// The largest magnitude of an outcome value, an amount or a revenue.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The largest `k`, `max_per_account`, `top_m`, `slots` or `max_per_batch`.
pub const MAX_COUNT: usize = 10_000;

/// The finest score resolution of the planner: scores compared in whole
/// billionths.
pub const MIN_RESOLUTION: f64 = 1e-9;

/// The coarsest score resolution of the planner: scores compared in whole
/// hundredths.
pub const MAX_RESOLUTION: f64 = 1e-2;

/// The longest id, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// The longest label (a name, title, industry label, tag, language or
/// country), in bytes.
pub const MAX_LABEL_LEN: usize = 256;

/// The longest free text (a summary, description, reason or note), in bytes.
pub const MAX_TEXT_LEN: usize = 20_000;

/// The most items of one list.
pub const MAX_LIST_LEN: usize = 1_000;

/// Whether `date` lies in [`MIN_DATE`]`..=`[`MAX_DATE`].
pub fn date_in_range(date: Date) -> bool {
    (MIN_DATE..=MAX_DATE).contains(&date)
}

/// Whether `weight` is 0 or lies in [`MIN_WEIGHT`]`..=`[`MAX_WEIGHT`].
pub fn weight_in_range(weight: f64) -> bool {
    weight == 0.0 || (MIN_WEIGHT..=MAX_WEIGHT).contains(&weight)
}
