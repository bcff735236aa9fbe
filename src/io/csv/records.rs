//! The column layout of each table and how one row becomes one record.
//! The module docs of [`super`] describe the same layouts for users; keep
//! the two in step.

use super::table::{Need, Row, Spec};
use crate::io::error::Error;
use crate::model::{
    Account, AccountStatus, Advocate, AdvocateStatus, Asset, AssetKind, Engagement, EngagementKind,
    EngagementStatus, Outcome, Product, Seniority, Story,
};

use Need::{Optional, Required};

pub(super) const PRODUCTS: Spec =
    Spec { columns: &[("id", Required), ("name", Required), ("family", Required)] };

pub(super) const ACCOUNTS: Spec = Spec {
    columns: &[
        ("id", Required),
        ("name", Required),
        ("industry", Required),
        ("employees", Required),
        ("country", Required),
        ("status", Required),
        ("owner", Required),
        ("owner_id", Optional),
        ("advisory_board", Optional),
    ],
};

pub(super) const ADVOCATES: Spec = Spec {
    columns: &[
        ("id", Required),
        ("account", Required),
        ("name", Required),
        ("title", Required),
        ("seniority", Required),
        ("languages", Optional),
        ("kinds", Optional),
        ("status", Required),
        ("cap", Optional),
        ("window_days", Optional),
        ("rest_days", Optional),
        ("blackouts", Optional),
    ],
};

pub(super) const STORIES: Spec = Spec {
    columns: &[
        ("id", Required),
        ("account", Required),
        ("title", Required),
        ("summary", Optional),
        ("products", Optional),
        ("use_cases", Optional),
        ("advocates", Optional),
        ("competitors", Optional),
        ("verified_on", Required),
        ("approved", Required),
        ("approved_until", Optional),
    ],
};

pub(super) const OUTCOMES: Spec = Spec {
    columns: &[
        ("story", Required),
        ("metric", Required),
        ("value", Optional),
        ("unit", Optional),
        ("description", Required),
    ],
};

pub(super) const ASSETS: Spec = Spec {
    columns: &[("story", Required), ("kind", Required), ("location", Required), ("approved_until", Optional)],
};

pub(super) const ENGAGEMENTS: Spec = Spec {
    columns: &[
        ("id", Required),
        ("advocate", Required),
        ("story", Required),
        ("kind", Required),
        ("date", Required),
        ("status", Required),
        ("prospect", Optional),
    ],
};

pub(super) fn product(row: &Row<'_>) -> Result<Product, Error> {
    Ok(Product { id: row.id("id", "a product id")?, name: row.text("name"), family: row.text("family") })
}

pub(super) fn account(row: &Row<'_>) -> Result<Account, Error> {
    Ok(Account {
        id: row.id("id", "an account id")?,
        name: row.text("name"),
        industry: row.id("industry", "a NAICS 2022 code such as 522110 or an industry title")?,
        employees: row.required_whole("employees", "3000")?,
        country: row.id("country", "an ISO 3166-1 alpha-2 code such as DE")?,
        status: row.choice("status", AccountStatus::parse, AccountStatus::expected)?,
        owner: row.text("owner"),
        owner_id: row.text("owner_id"),
        advisory_board: row.years("advisory_board")?,
    })
}

pub(super) fn advocate(row: &Row<'_>) -> Result<Advocate, Error> {
    Ok(Advocate {
        id: row.id("id", "an advocate id")?,
        account: row.id("account", "the id of the advocate's account")?,
        name: row.text("name"),
        title: row.text("title"),
        seniority: row.choice("seniority", Seniority::parse, Seniority::expected)?,
        languages: row.list("languages"),
        kinds: row.choices("kinds", EngagementKind::parse, EngagementKind::expected)?,
        status: row.choice("status", AdvocateStatus::parse, AdvocateStatus::expected)?,
        cap: row.whole("cap", "4")?,
        window_days: row.whole("window_days", "90")?,
        rest_days: row.whole("rest_days", "14")?,
        blackouts: row.date_ranges("blackouts")?,
    })
}

pub(super) fn story(row: &Row<'_>) -> Result<Story, Error> {
    Ok(Story {
        id: row.id("id", "a story id")?,
        account: row.id("account", "the id of the story's account")?,
        title: row.text("title"),
        summary: row.text("summary"),
        products: row.list("products"),
        use_cases: row.list("use_cases"),
        advocates: row.list("advocates"),
        outcomes: Vec::new(),
        competitors: row.list("competitors"),
        assets: Vec::new(),
        verified_on: row.date("verified_on")?,
        approved: row.flag("approved")?,
        approved_until: row.optional_date("approved_until")?,
    })
}

/// The story id an outcome or asset row attaches to.
pub(super) fn story_ref(row: &Row<'_>) -> Result<String, Error> {
    row.id("story", "the id of a story")
}

pub(super) fn outcome(row: &Row<'_>) -> Result<Outcome, Error> {
    Ok(Outcome {
        metric: row.text("metric"),
        value: row.decimal("value")?,
        unit: row.text("unit"),
        description: row.text("description"),
    })
}

pub(super) fn asset(row: &Row<'_>) -> Result<Asset, Error> {
    Ok(Asset {
        kind: row.choice("kind", AssetKind::parse, AssetKind::expected)?,
        location: row.id("location", "a URL or document reference")?,
        approved_until: row.optional_date("approved_until")?,
    })
}

pub(super) fn engagement(row: &Row<'_>) -> Result<Engagement, Error> {
    Ok(Engagement {
        id: row.id("id", "an engagement id")?,
        advocate: row.id("advocate", "the id of an advocate")?,
        story: row.id("story", "the id of a story")?,
        kind: row.choice("kind", EngagementKind::parse, EngagementKind::expected)?,
        date: row.date("date")?,
        status: row.choice("status", EngagementStatus::parse, EngagementStatus::expected)?,
        prospect: row.optional_text("prospect"),
    })
}
