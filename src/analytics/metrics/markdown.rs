//! [`ProgramMetrics::to_markdown`]: the metrics as a report a program
//! manager reads in a minute, where every empty input is said in words,
//! amounts carry their currency, people and accounts their names, and a
//! comparison says when it rests on too few cases or shows no cause.

use std::fmt::Write;

use super::{ProgramMetrics, Summary, Tally, UTILIZATION_BINS, Usage, WinRate};
use crate::model::Currency;

/// Below this many cases (closed deals, accounts with figures), a rate or
/// a comparison gets a small-sample warning: a few deals more or less
/// would move it by several points.
pub const SMALL_SAMPLE: usize = 30;

/// `money(amount)` after the currency code, when there is one:
/// `USD 1,234,568`.
pub(crate) fn amount(currency: Option<Currency>, value: f64) -> String {
    match currency {
        Some(code) => format!("{code} {}", money(value)),
        None => money(value),
    }
}

/// `Name (Account name)`.
fn person(usage: &Usage) -> String {
    format!("{} ({})", usage.name, usage.account_name)
}

/// The small-sample warning for groups of `sizes` (name, cases), or
/// nothing when every group has at least [`SMALL_SAMPLE`] cases.
fn small_sample(what: &str, sizes: &[(&str, usize)]) -> String {
    let small: Vec<String> =
        sizes.iter().filter(|(_, n)| *n < SMALL_SAMPLE).map(|(name, n)| format!("{n} {name}")).collect();
    if small.is_empty() {
        return String::new();
    }
    let all: Vec<String> = sizes.iter().map(|(name, n)| format!("{n} {name}")).collect();
    format!(
        "\n**Small sample:** {what}: {}. A group of fewer than {SMALL_SAMPLE} ({}) moves a lot with a few \
         cases more or less: read the figures as a hint, not a measurement.\n",
        all.join(" against "),
        small.join(", ")
    )
}

/// `1234567.8` as `1,234,568`.
pub(crate) fn money(amount: f64) -> String {
    let digits = format!("{:.0}", amount.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if amount < -0.5 { format!("-{out}") } else { out }
}

/// A share as a percentage with one decimal, or `fallback`.
pub(crate) fn percent(share: Option<f64>, fallback: &str) -> String {
    share.map_or_else(|| fallback.to_string(), |s| format!("{:.1} %", 100.0 * s))
}

fn hours(summary: &Summary) -> String {
    format!(
        "median {:.1} h, mean {:.1} h, longest {:.1} h, over {} approvals",
        summary.median, summary.mean, summary.max, summary.count
    )
}

impl ProgramMetrics {
    /// The metrics as Markdown: one section per metric, tables where there
    /// is data and a sentence saying what is missing where there is none.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_markdown(&mut out);
        out
    }

    /// The few sentences a reader needs first: win rates, influenced
    /// revenue, request acceptance, fatigue and coverage, each saying so
    /// when there is nothing to measure.
    pub fn highlights(&self) -> Vec<String> {
        let mut out = Vec::new();
        let w = &self.win_rates;
        out.push(match (w.with_reference.rate(), w.without_reference.rate()) {
            (Some(with), Some(without)) => format!(
                "Win rate {} with a reference ({} of {} deals) against {} without ({} of {}).",
                percent(Some(with), ""),
                w.with_reference.won,
                w.with_reference.closed,
                percent(Some(without), ""),
                w.without_reference.won,
                w.without_reference.closed
            ),
            _ => "Win rates cannot be compared: the period lacks closed deals with or without a reference."
                .to_string(),
        });
        let r = &self.revenue;
        let cur = self.currency;
        out.push(if r.pipeline.count == 0 {
            "No opportunity was open in the period.".to_string()
        } else {
            format!(
                "References supported {} of {} pipeline ({}) and {} of {} won ({}).",
                amount(cur, r.influenced_pipeline.amount),
                amount(cur, r.pipeline.amount),
                percent(r.influenced_pipeline.share_of(&r.pipeline), "none"),
                amount(cur, r.influenced_won.amount),
                amount(cur, r.won.amount),
                percent(r.influenced_won.share_of(&r.won), "nothing won")
            )
        });
        let q = &self.requests;
        out.push(match (q.acceptance_rate(), &q.approval_hours) {
            (None, _) => "No request was answered in the period.".to_string(),
            (Some(rate), Some(hours)) => format!(
                "Owners accepted {} of answered requests, in {:.0} hours (median).",
                percent(Some(rate), ""),
                hours.median
            ),
            (Some(rate), None) => {
                format!("Owners accepted {} of answered requests.", percent(Some(rate), ""))
            }
        });
        let u = &self.utilization;
        out.push(if u.advocates == 0 {
            "The program has no active advocate.".to_string()
        } else {
            format!(
                "{} of {} active advocates are at their cap; {} were never asked.",
                u.at_cap,
                u.advocates,
                u.never_asked.len()
            )
        });
        let c = &self.coverage;
        out.push(match c.gaps.first() {
            None if c.demand.sum() == 0 => "No open deal fits a segment, so coverage is not measured.".to_string(),
            None => "Every segment with open deals has enough advocates.".to_string(),
            Some(top) => format!(
                "{} segments with open deals lack advocates; the largest is {} in {}, {} employees ({} open, {} advocates).",
                c.gaps.len(),
                top.sector_title,
                top.region,
                top.band.label(),
                amount(cur, top.open_amount),
                top.advocates
            ),
        });
        let k = &self.concentration;
        if let Some(share) = k.top_share() {
            out.push(format!(
                "The busiest {} of {} active advocates carry {} of the period's {} engagements.",
                k.top_advocates,
                k.advocates,
                percent(Some(share), ""),
                k.engagements
            ));
        }
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        let period = self.period;
        writeln!(out, "## Program metrics, {} to {}\n", period.start, period.end)?;
        self.write_revenue(out)?;
        self.write_requests(out)?;
        self.write_utilization(out)?;
        self.write_concentration(out)?;
        self.write_trends(out)?;
        self.write_coverage(out)?;
        self.write_accounts(out)
    }

    fn write_concentration(&self, out: &mut String) -> std::fmt::Result {
        let k = &self.concentration;
        writeln!(out, "### Concentration\n")?;
        let Some(share) = k.top_share() else {
            return writeln!(out, "No active advocate holds an engagement dated in the period.\n");
        };
        writeln!(
            out,
            "The busiest tenth of the active advocates ({} of {}) carry {} of the {} held engagements dated in the period; an even program would give them 10 %.\n",
            k.top_advocates,
            k.advocates,
            percent(Some(share), ""),
            k.engagements
        )?;
        let headers: Vec<String> = (1..=10).map(|d| format!("{}", d * 10)).collect();
        writeln!(out, "| busiest advocates (%) | {} |", headers.join(" | "))?;
        writeln!(out, "| ---{} |", " | ---:".repeat(10))?;
        let shares: Vec<String> = k.deciles.iter().map(|&d| percent(Some(d), "")).collect();
        writeln!(out, "| share of engagements | {} |\n", shares.join(" | "))
    }

    fn write_trends(&self, out: &mut String) -> std::fmt::Result {
        let t = &self.trends;
        writeln!(out, "### Over time\n")?;
        if t.months.iter().all(|m| m.requests + m.completions == 0) {
            writeln!(out, "No request was made and no engagement completed in the period.\n")?;
        } else {
            writeln!(out, "| month | requests made | engagements completed |\n| --- | ---: | ---: |")?;
            for m in &t.months {
                writeln!(out, "| {}-{:02} | {} | {} |", m.year, m.month, m.requests, m.completions)?;
            }
            writeln!(out)?;
        }
        if t.quarters.iter().all(|q| q.closed() == 0) {
            return writeln!(out, "No deal closed in the period, so there is no win rate per quarter.\n");
        }
        writeln!(
            out,
            "| quarter | closed | win rate | with a reference (won / closed) | without (won / closed) |\n| --- | ---: | ---: | ---: | ---: |"
        )?;
        for q in &t.quarters {
            let mark = if q.closed() < SMALL_SAMPLE && q.closed() > 0 { " *" } else { "" };
            writeln!(
                out,
                "| {} Q{} | {} | {}{mark} | {} / {} | {} / {} |",
                q.year,
                q.quarter,
                q.closed(),
                percent(q.rate(), "none closed"),
                q.with_reference.won,
                q.with_reference.closed,
                q.without_reference.won,
                q.without_reference.closed
            )?;
        }
        if t.quarters.iter().any(|q| q.closed() > 0 && q.closed() < SMALL_SAMPLE) {
            writeln!(out, "\n\\* Fewer than {SMALL_SAMPLE} deals closed in the quarter: a small sample.")?;
        }
        writeln!(out)
    }

    fn write_revenue(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "### Revenue and win rate\n")?;
        if self.opportunities == 0 {
            return writeln!(
                out,
                "The program has no opportunities, so influenced revenue and win rates cannot be measured.\n"
            );
        }
        let r = &self.revenue;
        let row = |out: &mut String, name: &str, all: &Tally, referenced: &Tally| {
            writeln!(
                out,
                "| {name} | {} | {} | {} | {} | {} |",
                all.count,
                money(all.amount),
                referenced.count,
                money(referenced.amount),
                percent(referenced.share_of(all), "none")
            )
        };
        let unit = self.currency.map_or_else(String::new, |c| format!(" ({c})"));
        writeln!(
            out,
            "| | opportunities | amount{unit} | with a reference | their amount{unit} | share of amount |"
        )?;
        writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
        row(out, "Pipeline open in the period", &r.pipeline, &r.influenced_pipeline)?;
        row(out, "Won in the period", &r.won, &r.influenced_won)?;
        writeln!(out)?;

        let w = &self.win_rates;
        if w.with_reference.closed + w.without_reference.closed == 0 {
            return writeln!(out, "Win rate: no opportunity closed in the period.\n");
        }
        let rate = |out: &mut String, name: &str, r: &WinRate| {
            writeln!(out, "| {name} | {} | {} | {} |", r.won, r.closed, percent(r.rate(), "none closed"))
        };
        writeln!(out, "| Win rate | won | closed | rate |")?;
        writeln!(out, "| --- | ---: | ---: | ---: |")?;
        rate(out, "with a reference", &w.with_reference)?;
        rate(out, "without a reference", &w.without_reference)?;
        match w.lift() {
            Some(lift) => {
                writeln!(out, "\nDeals with a reference were won {lift:.1} times as often as deals without.")?
            }
            None => writeln!(
                out,
                "\nThe two win rates cannot be compared: one group has no closed deal or no win."
            )?,
        }
        writeln!(
            out,
            "\n*Correlation, not cause:* the deals that got a reference differ from the others in more than \
             the reference (reps ask for one when a deal is already going well, and larger deals get more \
             attention), so the gap between the two rates does not say how much a reference adds."
        )?;
        out.push_str(&small_sample(
            "closed deals",
            &[("with a reference", w.with_reference.closed), ("without", w.without_reference.closed)],
        ));
        writeln!(out)
    }

    fn write_requests(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "### Requests\n")?;
        let q = &self.requests;
        if q.total == 0 {
            return writeln!(out, "No reference request is dated in the period.\n");
        }
        writeln!(out, "| requests | pending | approved | completed | declined | cancelled | acceptance |")?;
        writeln!(out, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")?;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            q.total,
            q.pending,
            q.approved,
            q.completed,
            q.declined,
            q.cancelled,
            percent(q.acceptance_rate(), "none answered")
        )?;
        match &q.approval_hours {
            Some(summary) => writeln!(out, "Time from request to approval: {}.\n", hours(summary))?,
            None => {
                writeln!(out, "Time from request to approval: no workflow history records an approval.\n")?
            }
        }
        if q.declines.is_empty() {
            return writeln!(out, "No request was declined.\n");
        }
        writeln!(out, "| decline reason | requests |\n| --- | ---: |")?;
        for (reason, count) in &q.declines {
            writeln!(out, "| {reason} | {count} |")?;
        }
        writeln!(out)
    }

    fn write_utilization(&self, out: &mut String) -> std::fmt::Result {
        let u = &self.utilization;
        writeln!(out, "### Advocate utilization\n")?;
        if u.advocates == 0 {
            return writeln!(out, "The program has no active advocate.\n");
        }
        let day = u.day.map_or_else(String::new, |d| format!(" on {d}"));
        writeln!(out, "Used / cap of the {} active advocates{day}:\n", u.advocates)?;
        writeln!(out, "| {} |", UTILIZATION_BINS.join(" | "))?;
        writeln!(out, "|{}", " ---: |".repeat(UTILIZATION_BINS.len()))?;
        let counts: Vec<String> = u.bins.iter().map(usize::to_string).collect();
        writeln!(out, "| {} |\n", counts.join(" | "))?;
        let never: Vec<String> = u.never_asked.iter().map(person).collect();
        writeln!(
            out,
            "{} at cap ({}); {} never asked{}.\n",
            u.at_cap,
            percent(u.share_at_cap(), "none"),
            u.never_asked.len(),
            if never.is_empty() { String::new() } else { format!(": {}", never.join(", ")) }
        )?;
        if u.most_used.is_empty() {
            return writeln!(out, "No advocate holds an engagement dated in the period.\n");
        }
        writeln!(out, "| most used | account | engagements in the period |\n| --- | --- | ---: |")?;
        for usage in &u.most_used {
            writeln!(out, "| {} | {} | {} |", usage.name, usage.account_name, usage.engagements)?;
        }
        writeln!(out)
    }

    fn write_coverage(&self, out: &mut String) -> std::fmt::Result {
        let c = &self.coverage;
        writeln!(out, "### Coverage gaps\n")?;
        let open: u32 = c.demand.sum();
        if open == 0 {
            writeln!(out, "No open opportunity fits a segment, so no segment has open demand.")?;
        } else if c.gaps.is_empty() {
            writeln!(
                out,
                "Every segment with open demand ({open} open opportunities) has enough advocates."
            )?;
        } else {
            writeln!(out, "Segments with open demand and too few advocates scoring high enough for them:\n")?;
            let unit = self.currency.map_or_else(String::new, |c| format!(" ({c})"));
            writeln!(out, "| sector | region | employees | open deals | open amount{unit} | advocates |")?;
            writeln!(out, "| --- | --- | --- | ---: | ---: | ---: |")?;
            for gap in &c.gaps {
                writeln!(
                    out,
                    "| {} {} | {} | {} | {} | {} | {} |",
                    gap.sector,
                    gap.sector_title,
                    gap.region,
                    gap.band.label(),
                    gap.open_opportunities,
                    money(gap.open_amount),
                    gap.advocates
                )?;
            }
        }
        if !c.unplaced.is_empty() {
            writeln!(
                out,
                "\n{} open opportunities lack an industry, a country or a size and fit no segment: {}.",
                c.unplaced.len(),
                c.unplaced.join(", ")
            )?;
        }
        writeln!(out)
    }

    fn write_accounts(&self, out: &mut String) -> std::fmt::Result {
        writeln!(out, "### Advisory board\n")?;
        if self.board.is_empty() {
            writeln!(out, "No account has sat on the advisory board.\n")?;
        } else {
            writeln!(out, "| year | members | retained | joined | left | retention |")?;
            writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
            for y in &self.board {
                let retention = percent(y.retention(), "first year");
                writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {retention} |",
                    y.year, y.members, y.retained, y.joined, y.left
                )?;
            }
            if self.board.iter().any(|y| y.members < SMALL_SAMPLE) {
                writeln!(
                    out,
                    "\n**Small sample:** a board of fewer than {SMALL_SAMPLE} members: each account that joins or \
                     leaves moves the retention by several points."
                )?;
            }
            writeln!(out)?;
        }
        writeln!(out, "### Account growth\n")?;
        let g = &self.growth;
        let rows = [
            ("employees", "advocate accounts", &g.employees.advocate_accounts),
            ("employees", "other accounts", &g.employees.other_accounts),
            ("revenue", "advocate accounts", &g.revenue.advocate_accounts),
            ("revenue", "other accounts", &g.revenue.other_accounts),
        ];
        if rows.iter().all(|(_, _, group)| group.growth.is_none()) {
            return writeln!(out, "No account has two dated figures, so growth cannot be measured.\n");
        }
        writeln!(out, "| measure | accounts | in the group | with figures | median growth a year | mean |")?;
        writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: |")?;
        for (measure, group_name, group) in rows {
            let (n, median, mean) = match &group.growth {
                Some(s) => (s.count, percent(Some(s.median), ""), percent(Some(s.mean), "")),
                None => (0, "no figures".to_string(), "no figures".to_string()),
            };
            writeln!(out, "| {measure} | {group_name} | {} | {n} | {median} | {mean} |", group.accounts)?;
        }
        let with_figures = |group: &super::GroupGrowth| group.growth.map_or(0, |s| s.count);
        out.push_str(&small_sample(
            "accounts with figures",
            &[
                ("advocate accounts", with_figures(&g.employees.advocate_accounts)),
                ("other accounts", with_figures(&g.employees.other_accounts)),
            ],
        ));
        writeln!(
            out,
            "\nGrowth, too, is a correlation: growing companies may simply have more to tell and more people to tell it.\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{SMALL_SAMPLE, amount, money, percent, small_sample};
    use crate::model::Currency;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.4), "999");
        assert_eq!(money(1000.0), "1,000");
        assert_eq!(money(1_234_567.8), "1,234,568");
        assert_eq!(money(-25_000.0), "-25,000");
    }

    #[test]
    fn amounts_carry_their_currency() {
        assert_eq!(amount(Some(Currency::new("EUR").unwrap()), 1_234_567.8), "EUR 1,234,568");
        assert_eq!(amount(None, 42.0), "42");
    }

    #[test]
    fn small_samples_are_named() {
        assert_eq!(small_sample("accounts", &[("a", SMALL_SAMPLE), ("b", 40)]), "");
        let warning = small_sample("accounts", &[("advocate accounts", 52), ("other accounts", 4)]);
        assert!(warning.contains("accounts: 52 advocate accounts against 4 other accounts."), "{warning}");
        assert!(warning.contains("(4 other accounts)"), "{warning}");
    }

    #[test]
    fn percent_or_words() {
        assert_eq!(percent(Some(0.4567), "none"), "45.7 %");
        assert_eq!(percent(None, "none"), "none");
    }
}
