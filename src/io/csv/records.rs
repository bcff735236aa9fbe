//! How one row becomes one record. The columns are [`super::spec`]'s.

use super::table::Row;
use crate::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Asset, AssetKind, Channel, Engagement, EngagementKind,
    EngagementStatus, Outcome, Product, Quote, Seniority, Story,
};

pub(super) fn product(row: &Row<'_>) -> Product {
    Product { id: row.id("id", "a product id"), name: row.text("name"), family: row.text("family") }
}

pub(super) fn account(row: &Row<'_>) -> Account {
    Account {
        id: row.id("id", "an account id"),
        name: row.text("name"),
        industry: row.industry("industry"),
        employees: row.required_whole("employees", "3000"),
        country: row.country("country"),
        status: row.choice::<AccountStatus>("status", "status"),
        owner: row.text("owner"),
        owner_id: row.text("owner_id"),
        advisory_board: row.years("advisory_board"),
    }
}

pub(super) fn advocate(row: &Row<'_>) -> Advocate {
    let mut status = row.choice::<AdvocateStatus>("status", "status");
    if row.optional_flag("opt_out") && status != AdvocateStatus::DoNotContact {
        row.map("opt_out", row.cell("opt_out"), "status do_not_contact");
        status = AdvocateStatus::DoNotContact;
    }
    Advocate {
        id: row.id("id", "an advocate id"),
        account: row.id("account", "the id of the advocate's account"),
        name: name(row),
        title: row.text("title"),
        seniority: row.choice::<Seniority>("seniority", "seniority"),
        languages: row.languages("languages"),
        kinds: row.choices::<EngagementKind>("kinds"),
        status,
        cap: row.whole("cap", "4"),
        window_days: row.whole("window_days", "90"),
        rest_days: row.whole("rest_days", "14"),
        blackouts: row.date_ranges("blackouts"),
    }
}

/// The `name` cell, or first and last name joined by a space.
fn name(row: &Row<'_>) -> String {
    if row.has("name") {
        return row.text("name");
    }
    let parts = [row.cell("first_name"), row.cell("last_name")];
    parts.iter().filter(|part| !part.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

pub(super) fn story(row: &Row<'_>) -> Story {
    Story {
        id: row.id("id", "a story id"),
        account: row.id("account", "the id of the story's account"),
        title: row.text("title"),
        summary: row.text("summary"),
        products: row.list("products"),
        use_cases: row.list("use_cases"),
        advocates: row.list("advocates"),
        outcomes: Vec::new(),
        competitors: row.list("competitors"),
        assets: Vec::new(),
        verified_on: row.date("verified_on"),
        approved: row.flag("approved"),
        approved_until: row.optional_date("approved_until"),
    }
}

/// The story id an outcome or asset row attaches to.
pub(super) fn story_ref(row: &Row<'_>) -> String {
    row.id("story", "the id of a story")
}

pub(super) fn outcome(row: &Row<'_>) -> Outcome {
    Outcome {
        metric: row.text("metric"),
        value: row.decimal("value"),
        unit: row.text("unit"),
        description: row.text("description"),
    }
}

pub(super) fn asset(row: &Row<'_>) -> Asset {
    Asset {
        kind: row.choice::<AssetKind>("kind", "kind"),
        location: row.id("location", "a URL or document reference"),
        approved_until: row.optional_date("approved_until"),
    }
}

pub(super) fn engagement(row: &Row<'_>) -> Engagement {
    Engagement {
        id: row.id("id", "an engagement id"),
        advocate: row.id("advocate", "the id of an advocate"),
        story: row.id("story", "the id of a story"),
        kind: row.choice::<EngagementKind>("kind", "kind"),
        date: row.date("date"),
        status: row.choice::<EngagementStatus>("status", "status"),
        prospect: row.optional_text("prospect"),
    }
}

pub(super) fn quote(row: &Row<'_>) -> Quote {
    Quote {
        id: row.id("id", "a quote id"),
        story: row.id("story", "the id of the story the quote is about"),
        advocate: row.id("advocate", "the id of the advocate who said it"),
        text: row.text("text"),
        language: row.language("language"),
        approved_until: row.optional_date("approved_until"),
        channels: row.choices::<Channel>("channels"),
    }
}
