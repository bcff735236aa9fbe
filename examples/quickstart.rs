//! A tour of the embedded sample reference program: what it holds, where its
//! customers are, who is asked most and who has never been asked.
//!
//! Run it with `cargo run --example quickstart`. It takes no arguments.

use std::collections::{BTreeMap, HashMap, HashSet};

use refmatch::Library;
use refmatch::model::EngagementStatus;
use refmatch::taxonomy::{SalesRegion, country, naics};

fn main() {
    let library = Library::sample();

    println!("refmatch sample reference program");
    println!();
    print_table(
        &["records", "count"],
        &[Align::Left, Align::Right],
        vec![
            row(["products", &library.products().len().to_string()]),
            row(["accounts", &library.accounts().len().to_string()]),
            row(["advocates", &library.advocates().len().to_string()]),
            row(["stories", &library.stories().len().to_string()]),
            row(["engagements", &library.engagements().len().to_string()]),
        ],
    );

    println!();
    println!("Accounts per NAICS sector");
    let mut sectors: BTreeMap<(String, String), usize> = BTreeMap::new();
    for account in library.accounts() {
        // Validation guarantees every account's industry is a NAICS code.
        let key = match naics().sector(&account.industry) {
            Some(sector) => (sector.code.clone(), sector.title.clone()),
            None => (account.industry.clone(), "(unknown)".to_owned()),
        };
        *sectors.entry(key).or_default() += 1;
    }
    print_table(
        &["sector", "title", "accounts"],
        &[Align::Left, Align::Left, Align::Right],
        sectors.into_iter().map(|((code, title), n)| row([&code, &title, &n.to_string()])).collect(),
    );

    println!();
    println!("Accounts per sales region");
    let mut regions: BTreeMap<SalesRegion, usize> = BTreeMap::new();
    for account in library.accounts() {
        if let Some(found) = country(&account.country) {
            *regions.entry(found.region).or_default() += 1;
        }
    }
    print_table(
        &["region", "accounts"],
        &[Align::Left, Align::Right],
        regions.into_iter().map(|(region, n)| row([region.as_str(), &n.to_string()])).collect(),
    );

    // Held engagements (requested, approved or completed) per advocate.
    let mut held: HashMap<&str, usize> = HashMap::new();
    let mut asked: HashSet<&str> = HashSet::new();
    for engagement in library.engagements() {
        asked.insert(&engagement.advocate);
        if engagement.status.is_held() {
            *held.entry(&engagement.advocate).or_default() += 1;
        }
    }
    let held_statuses: Vec<&str> =
        EngagementStatus::ALL.iter().filter(|s| s.is_held()).map(|s| s.as_str()).collect();

    println!();
    println!("Most-used advocates (held engagements: {})", held_statuses.join(", "));
    let mut most: Vec<(&str, usize)> = held.iter().map(|(&id, &n)| (id, n)).collect();
    most.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    print_table(
        &["advocate", "name", "account", "held"],
        &[Align::Left, Align::Left, Align::Left, Align::Right],
        most.iter()
            .take(5)
            .filter_map(|&(id, n)| {
                let advocate = library.advocate(id)?;
                let account = library.account(&advocate.account)?;
                Some(row([id, &advocate.name, &account.name, &n.to_string()]))
            })
            .collect(),
    );

    println!();
    let never: Vec<_> = library.advocates().iter().filter(|a| !asked.contains(a.id.as_str())).collect();
    println!("Advocates never asked: {} of {}", never.len(), library.advocates().len());
    const SHOWN: usize = 8;
    print_table(
        &["advocate", "name", "account", "status"],
        &[Align::Left, Align::Left, Align::Left, Align::Left],
        never
            .iter()
            .take(SHOWN)
            .map(|a| {
                let account = library.account(&a.account).map_or("", |account| &account.name);
                row([&a.id, &a.name, account, a.status.as_str()])
            })
            .collect(),
    );
    if never.len() > SHOWN {
        println!("... and {} more", never.len() - SHOWN);
    }

    println!();
    let numeric: Vec<_> =
        library.stories().iter().filter(|s| s.outcomes.iter().any(|o| o.value.is_some())).collect();
    println!("Stories with numeric outcomes: {} of {}", numeric.len(), library.stories().len());
    let mut recent = numeric.clone();
    recent.sort_by(|a, b| b.verified_on.cmp(&a.verified_on).then(a.id.cmp(&b.id)));
    print_table(
        &["story", "verified", "outcome", "value"],
        &[Align::Left, Align::Left, Align::Left, Align::Right],
        recent
            .iter()
            .take(SHOWN)
            .filter_map(|story| {
                let outcome = story.outcomes.iter().find(|o| o.value.is_some())?;
                let value = format!("{} {}", outcome.value?, outcome.unit);
                Some(row([&story.id, &story.verified_on.to_string(), &outcome.metric, value.trim_end()]))
            })
            .collect(),
    );
}

/// How a column lines up.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Prints a header, a rule and the rows, each column as wide as its widest
/// cell (counted in characters).
fn print_table(headers: &[&str], align: &[Align], rows: Vec<Vec<String>>) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for cells in &rows {
        for (width, cell) in widths.iter_mut().zip(cells) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(align)
            .map(|((cell, &width), align)| match align {
                Align::Left => format!("{cell:<width$}"),
                Align::Right => format!("{cell:>width$}"),
            })
            .collect();
        println!("  {}", parts.join("  ").trim_end());
    };
    line(&headers.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    line(&widths.iter().map(|&w| "-".repeat(w)).collect::<Vec<_>>());
    for cells in &rows {
        line(cells);
    }
}
