//! Markdown for reports: a year's scores and a year-over-year comparison
//! as GitHub tables, numbers rounded to one decimal.

use std::fmt::Write;

use super::compare::Comparison;
use super::score::AuditScores;

impl AuditScores {
    /// A sentence with the overall score, then a GitHub table of the
    /// categories (category, index, priority, gap), largest gap first,
    /// numbers rounded to one decimal (half away from zero). Without
    /// answers, a sentence saying so and no table. Ends with a newline.
    ///
    /// ```text
    /// Leverage audit 2026: overall score 35.7 of 100 (category indexes weighted by priority), from 2 respondents and 6 answers.
    ///
    /// | category | index (0-100) | priority (1-5) | gap (priority × points) |
    /// | --- | ---: | ---: | ---: |
    /// | Strategy | 20.0 | 3.0 | 240.0 |
    /// | Advocacy | 47.5 | 4.0 | 210.0 |
    ///
    /// Largest gap first; gap = priority × (100 − index).
    /// ```
    pub fn to_markdown(&self) -> String {
        let respondents = count(self.respondents, "respondent");
        let Some(overall) = self.overall else {
            return format!("Leverage audit {}: there are no answers to score ({respondents}).\n", self.year);
        };
        let mut out = format!(
            "Leverage audit {}: overall score {} of 100 (category indexes weighted by priority), \
             from {respondents} and {}.\n\n",
            self.year,
            one(overall),
            count(self.answers, "answer"),
        );
        out.push_str(
            "| category | index (0-100) | priority (1-5) | gap (priority × points) |\n| --- | ---: | ---: | ---: |\n",
        );
        for c in self.weaknesses() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                c.category.label(),
                one(c.index),
                one(c.priority),
                one(c.gap)
            );
        }
        out.push_str("\nLargest gap first; gap = priority × (100 − index).\n");
        out
    }
}

impl Comparison {
    /// A sentence with both overall scores and their change, then a
    /// GitHub table with, per category, last year's and this year's index
    /// and priority and their changes, in category order. Numbers are
    /// rounded to one decimal, changes signed; `n/a` marks a side without
    /// answers. When neither audit has answers, a sentence saying so and
    /// no table. Ends with a newline.
    ///
    /// ```text
    /// Leverage audit 2026 against 2025: overall score 35.0, was 45.0 (-10.0).
    ///
    /// | category | index 2025 (0-100) | index 2026 (0-100) | index change (points) | priority 2025 (1-5) | priority 2026 (1-5) | priority change |
    /// | --- | ---: | ---: | ---: | ---: | ---: | ---: |
    /// | Advocacy | 40.0 | 47.5 | +7.5 | 3.5 | 4.0 | +0.5 |
    /// | Strategy | n/a | 20.0 | n/a | n/a | 3.0 | n/a |
    /// ```
    pub fn to_markdown(&self) -> String {
        let (now, then) = (self.year, self.last_year);
        let mut out = format!("Leverage audit {now} against {then}: ");
        match (self.overall, self.last_overall) {
            (Some(overall), Some(last)) => {
                let _ = write!(
                    out,
                    "overall score {}, was {} ({})",
                    one(overall),
                    one(last),
                    signed(overall - last)
                );
            }
            (Some(overall), None) => {
                let _ = write!(out, "overall score {}; {then} has no answers", one(overall));
            }
            (None, Some(last)) => {
                let _ = write!(out, "{now} has no answers; the overall score was {}", one(last));
            }
            (None, None) => out.push_str("neither audit has answers, so there is nothing to compare"),
        }
        out.push_str(".\n");
        if self.categories.is_empty() {
            return out;
        }
        let _ = write!(
            out,
            "\n| category | index {then} (0-100) | index {now} (0-100) | index change (points) | priority {then} (1-5) | priority {now} (1-5) | priority change |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        );
        for c in &self.categories {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                c.category.label(),
                cell(c.last_index, one),
                cell(c.index, one),
                cell(c.index_change, signed),
                cell(c.last_priority, one),
                cell(c.priority, one),
                cell(c.priority_change, signed),
            );
        }
        out
    }
}

/// Rounds to one decimal, half away from zero, never `-0.0`.
fn rounded(value: f64) -> f64 {
    // Adding 0.0 turns -0.0 into 0.0.
    (value * 10.0).round() / 10.0 + 0.0
}

fn one(value: f64) -> String {
    format!("{:.1}", rounded(value))
}

/// `+7.5`, `-2.0`, and `0.0` without a sign.
fn signed(value: f64) -> String {
    let value = rounded(value);
    if value == 0.0 { "0.0".into() } else { format!("{value:+.1}") }
}

fn cell(value: Option<f64>, show: fn(f64) -> String) -> String {
    value.map_or_else(|| "n/a".into(), show)
}

fn count(n: usize, noun: &str) -> String {
    match n {
        0 => format!("no {noun}s"),
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero_without_negative_zero() {
        assert_eq!(one(161.25), "161.3");
        assert_eq!(one(250.0 / 7.0), "35.7");
        assert_eq!(one(-0.04), "0.0");
        assert_eq!(signed(7.5), "+7.5");
        assert_eq!(signed(-2.0), "-2.0");
        assert_eq!(signed(-0.04), "0.0");
        assert_eq!(signed(0.05), "+0.1");
    }

    #[test]
    fn counts_agree_in_number() {
        assert_eq!(count(0, "respondent"), "no respondents");
        assert_eq!(count(1, "respondent"), "1 respondent");
        assert_eq!(count(4, "answer"), "4 answers");
    }
}
