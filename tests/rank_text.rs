//! The text factor on the sample program: its input checked at the door,
//! its weight in JSON, its similarity and matched terms, German quotes
//! matched by German stems, a text without terms ranking as no text, and
//! every entry point (rank_advocates, rank, explain, rank_many,
//! score_matrix, rank_stories) scoring text alike.

use refmatch::model::limits::MAX_TEXT_LEN;
use refmatch::model::{AssetKind, EngagementKind, Weights};
use refmatch::rank::{QueryError, StoryRequest, Verdict};
use refmatch::score::Factor;
use refmatch::{Date, Index, Library, Policy, Prospect, Request};

const DAY: Date = Date::constant(2026, 12, 1);

fn index() -> Index {
    Index::new(Library::sample())
}

fn call() -> Request {
    Request::new(EngagementKind::ReferenceCall, DAY).with_min_relevance(0.0).with_k(20)
}

fn banking() -> Prospect {
    Prospect::new().with_industry("522110").with_country("DE").with_use_case("fraud detection")
}

fn stories(index: &Index, prospect: &Prospect) -> Vec<refmatch::rank::StoryMatch> {
    let mut request = StoryRequest::new(AssetKind::CaseStudy, DAY);
    request.k = 1_000;
    request.max_per_account = 1_000;
    index.rank_stories(prospect, &request).unwrap()
}

fn text_of(explanation: &refmatch::rank::Explanation) -> Option<f64> {
    explanation.factors.iter().find(|f| f.factor == Factor::Text).map(|f| f.similarity)
}

#[test]
fn a_text_over_the_free_text_limit_is_refused_naming_the_field() {
    let index = index();
    let prospect = banking().with_text("a".repeat(MAX_TEXT_LEN + 1));
    match index.rank_advocates(&prospect, &call()) {
        Err(QueryError::OutOfRange { field, message }) => {
            assert_eq!(field, "prospect.text");
            assert!(message.contains("20000") || message.contains("20,000"), "{message}");
        }
        other => panic!("expected an out-of-range error, got {other:?}"),
    }
    let prospect = banking().with_text("a ".repeat(MAX_TEXT_LEN / 2));
    assert!(index.rank_advocates(&prospect, &call()).is_ok());
}

#[test]
fn the_text_weight_defaults_to_two_loads_from_json_and_is_range_checked() {
    assert_eq!(Weights::default().text, 2.0);
    let old: Weights = serde_json::from_str(r#"{"industry": 1}"#).unwrap();
    assert_eq!((old.industry, old.text), (1.0, 2.0));
    let weights: Weights = serde_json::from_str(r#"{"text": 0.5}"#).unwrap();
    assert_eq!(weights.text, 0.5);
    assert_eq!("text".parse::<Factor>(), Ok(Factor::Text));
    let prospect: Prospect = serde_json::from_str(r#"{"text": "real-time fraud scoring"}"#).unwrap();
    assert_eq!(prospect, Prospect::new().with_text("real-time fraud scoring"));
    for bad in [-1.0, 1e-7, 2e6, f64::NAN] {
        let policy = Policy { weights: Weights { text: bad, ..Weights::default() }, ..Policy::default() };
        let err = Index::with_policy(Library::sample(), policy).unwrap_err();
        assert!(err.to_string().contains("policy.weights.text"), "{bad}: {err}");
    }
}

#[test]
fn a_text_without_terms_ranks_exactly_as_no_text() {
    let index = index();
    let plain = index.rank_advocates(&banking(), &call()).unwrap();
    for text in ["", "   ", "the and of", "--, ;"] {
        let with = index.rank_advocates(&banking().with_text(text), &call()).unwrap();
        let scores = |ms: &[refmatch::rank::AdvocateMatch]| -> Vec<(String, u64)> {
            ms.iter().map(|m| (m.advocate.clone(), m.score.to_bits())).collect()
        };
        assert_eq!(scores(&with), scores(&plain), "{text:?}");
        assert!(with.iter().all(|m| text_of(&m.explanation).is_none()));
    }
}

#[test]
fn the_similarity_is_the_share_of_the_prospect_terms_the_story_has() {
    let index = index();
    let library = index.library().clone();
    let story = &library.stories()[0];
    // The story's own title has every term of the title; "zzyzx" is in no
    // story: half of the terms are found when the title has as many terms
    // as the unknown words added.
    let title_terms: std::collections::BTreeSet<String> =
        refmatch::text::terms(&story.title, "en").into_iter().map(|t| t.stem).collect();
    let unknown: Vec<String> = (0..title_terms.len()).map(|i| format!("zzyzx{i}")).collect();
    let text = format!("{} {}", story.title, unknown.join(" "));
    let found = stories(&index, &Prospect::new().with_text(&text));
    let hit = found.iter().find(|m| m.story == story.id).expect("the story is ranked");
    assert_eq!(text_of(&hit.explanation), Some(0.5));
    let matched = hit.explanation.matched_terms();
    assert_eq!(matched.len(), title_terms.len());
    assert!(matched.iter().all(|w| story.title.contains(w.as_str())), "{matched:?}");
    // Text alone: the story is the best match for its own title.
    let alone = stories(&index, &Prospect::new().with_text(&story.title));
    assert_eq!(text_of(&alone.iter().find(|m| m.story == story.id).unwrap().explanation), Some(1.0));
    assert_eq!(alone[0].score, alone.iter().find(|m| m.story == story.id).unwrap().score);
    let note = hit.explanation.to_string();
    assert!(note.contains(&format!("of {} terms)", 2 * title_terms.len())), "{note}");
    let json = serde_json::to_value(&hit.explanation).unwrap();
    assert_eq!(json["matched_terms"].as_array().unwrap().len(), matched.len());
}

#[test]
fn german_quotes_match_by_their_german_stems() {
    let index = index();
    let library = index.library().clone();
    // "Betrugserkennungen" (plural, as the prospect wrote it) is found in
    // the stories with a German quote saying "Betrugserkennung".
    let with_quote: std::collections::BTreeSet<&str> = library
        .quotes()
        .iter()
        .filter(|q| q.language == "de" && q.text.to_lowercase().contains("betrugserkennung"))
        .map(|q| q.story.as_str())
        .collect();
    assert!(!with_quote.is_empty(), "the sample has German quotes on fraud detection");
    let found = stories(&index, &Prospect::new().with_text("Betrugserkennungen"));
    assert!(!found.is_empty());
    for m in &found {
        let expected = if with_quote.contains(m.story.as_str()) { 1.0 } else { 0.0 };
        assert_eq!(text_of(&m.explanation), Some(expected), "{}", m.story);
        if expected == 1.0 {
            assert_eq!(m.explanation.matched_terms(), ["Betrugserkennungen"]);
            assert!(m.explanation.summary().contains("mentions Betrugserkennungen"));
        }
    }
}

#[test]
fn every_entry_point_scores_text_alike() {
    let index = index();
    let prospect = banking().with_seniority(refmatch::model::Seniority::Vp).with_text(
        "real-time fraud scoring, replaced a legacy core banking platform, Echtzeit, onboarding in minutes",
    );
    let request = call();
    let list = index.rank_advocates(&prospect, &request).unwrap();
    assert!(list.iter().any(|m| text_of(&m.explanation).is_some_and(|s| s > 0.0 && s < 1.0)));
    assert_ne!(
        list.iter().map(|m| &m.advocate).collect::<Vec<_>>(),
        index
            .rank_advocates(&banking().with_seniority(refmatch::model::Seniority::Vp), &request)
            .unwrap()
            .iter()
            .map(|m| &m.advocate)
            .collect::<Vec<_>>(),
        "the text changes the order"
    );
    let ranking = index.rank(&prospect, &request).unwrap();
    assert_eq!(ranking.matches, list);
    let many = index.rank_many(&[(prospect.clone(), request.clone())]);
    assert_eq!(many[0].as_ref().unwrap(), &list);
    let matrix = index.score_matrix(std::slice::from_ref(&prospect), &request).unwrap();
    let ids = index.advocate_ids();
    for m in &list {
        let column = ids.iter().position(|id| *id == m.advocate).unwrap();
        assert_eq!(matrix[[0, column]], m.score as f32, "{}", m.advocate);
        match index.explain(&m.advocate, &prospect, &request).unwrap() {
            Verdict::Eligible(found) => assert_eq!(found, *m),
            other => panic!("{} is ranked but explained as {other:?}", m.advocate),
        }
    }
}
