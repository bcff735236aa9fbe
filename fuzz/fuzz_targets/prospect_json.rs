//! Any bytes as a prospect JSON file, ranked against the sample program:
//! advocates, one advocate's verdict and stories. An error or an answer,
//! never a panic or a hang.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use refmatch::model::{AssetKind, EngagementKind};
use refmatch::rank::StoryRequest;
use refmatch::{Date, Index, Library, Prospect, Request};

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::new(Library::sample()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(prospect) = serde_json::from_slice::<Prospect>(data) else { return };
    let day = Date::constant(2026, 12, 1);
    let request = Request::new(EngagementKind::ReferenceCall, day);
    let _ = index().rank_advocates(&prospect, &request);
    let _ = index().explain("adv-036", &prospect, &request);
    let _ = index().rank_stories(&prospect, &StoryRequest::new(AssetKind::CaseStudy, day));
});
