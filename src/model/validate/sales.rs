//! The rules of the sales records: opportunities (with their prospects)
//! and account figures.

use std::collections::{HashMap, HashSet};

use super::{
    LabelResolution, ProblemKind, Report, check_country, check_industry, check_reference, index_ids,
};
use crate::model::limits::MAX_LABEL_LEN;
use crate::model::sales::{AccountFigure, Opportunity};

/// The ids the sales records may name, indexed by the earlier sections.
pub(super) struct Known<'a> {
    pub(super) products: &'a HashMap<&'a str, usize>,
    pub(super) accounts: &'a HashMap<&'a str, usize>,
    pub(super) engagements: &'a HashMap<&'a str, usize>,
}

pub(super) fn check(
    report: &mut Report,
    known: &Known<'_>,
    opportunities: &mut [Opportunity],
    figures: &[AccountFigure],
    resolutions: &mut Vec<LabelResolution>,
) {
    for (i, opportunity) in opportunities.iter_mut().enumerate() {
        check_opportunity(report, known, i, opportunity, resolutions);
    }
    index_ids(report, "opportunity", "opportunities", opportunities, |o| &o.id);

    let mut seen: HashMap<(&str, jiff::civil::Date), usize> = HashMap::new();
    for (i, figure) in figures.iter().enumerate() {
        let place = format!("account_figures[{i}]");
        check_reference(report, || format!("{place}.account"), "account", &figure.account, known.accounts);
        if let Some(first) = seen.insert((&figure.account, figure.date), i) {
            seen.insert((&figure.account, figure.date), first);
            report.add(
                format!("{place}.date"),
                ProblemKind::DuplicateId,
                format!(
                    "account {:?} has figures for {} twice: first at account_figures[{first}]",
                    figure.account, figure.date
                ),
            );
        }
        if figure.employees.is_none() && figure.revenue.is_none() {
            report.add(
                place,
                ProblemKind::OutOfRange,
                "no figure given: expected employees, revenue or both",
            );
        }
    }
}

fn check_opportunity(
    report: &mut Report,
    known: &Known<'_>,
    i: usize,
    opportunity: &mut Opportunity,
    resolutions: &mut Vec<LabelResolution>,
) {
    let place = format!("opportunities[{i}]");
    let prospect = &mut opportunity.prospect;
    // Over-long labels are the range pass's to report; they are not resolved.
    if let Some(industry) = prospect.industry.as_mut().filter(|i| i.len() <= MAX_LABEL_LEN) {
        check_industry(report, || format!("{place}.prospect.industry"), industry, resolutions);
    }
    if let Some(country) = prospect.country.as_ref().filter(|c| c.len() <= MAX_LABEL_LEN) {
        check_country(report, || format!("{place}.prospect.country"), country);
    }
    for (j, product) in prospect.products.iter().enumerate() {
        check_reference(
            report,
            || format!("{place}.prospect.products[{j}]"),
            "product",
            product,
            known.products,
        );
    }
    if opportunity.close < opportunity.created {
        report.add(
            format!("{place}.close"),
            ProblemKind::UnorderedRange,
            format!(
                "closes on {} before it was created on {}: expected created <= close",
                opportunity.close, opportunity.created
            ),
        );
    }
    let mut listed = HashSet::new();
    for (j, id) in opportunity.engagements.iter().enumerate() {
        let place = format!("{place}.engagements[{j}]");
        if check_reference(report, || place.clone(), "engagement", id, known.engagements).is_some()
            && !listed.insert(id.as_str())
        {
            report.add(place, ProblemKind::DuplicateId, format!("engagement {id:?} is listed twice"));
        }
    }
}
