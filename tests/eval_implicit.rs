//! Implicit judgments from history: the sample's won deals give one query
//! per deal, judging the advocates (and stories) that supported it; the
//! feedback grades follow their table; the result checks and evaluates.

use std::collections::BTreeMap;

use refmatch::eval::implicit::{self, Evidence, Feedback, ImplicitOptions};
use refmatch::eval::{Config, Evaluator, Judgments, Options, Target};
use refmatch::model::{AssetKind, EngagementStatus, OpportunityStatus};
use refmatch::{Date, Index, Library};

const DAY: Date = Date::constant(2027, 6, 1);

/// The won deals' supporting engagements completed by the close, counted
/// from the records here: listed by the deal, or naming it as prospect.
fn won_supporters(library: &Library) -> BTreeMap<String, Vec<String>> {
    let mut found = BTreeMap::new();
    for o in library.opportunities().iter().filter(|o| o.status == OpportunityStatus::Won) {
        let mut ids: Vec<String> = library
            .engagements()
            .iter()
            .filter(|e| o.engagements.contains(&e.id) || e.prospect.as_deref() == Some(o.id.as_str()))
            .filter(|e| e.status == EngagementStatus::Completed && e.date <= o.close)
            .map(|e| e.id.clone())
            .collect();
        ids.sort();
        if !ids.is_empty() {
            found.insert(o.id.clone(), ids);
        }
    }
    found
}

#[test]
fn won_deals_judge_the_advocates_that_supported_them() {
    let library = Library::sample();
    let expected = won_supporters(&library);
    assert!(expected.len() >= 50, "the sample has {} referenced wins", expected.len());

    let evidence = implicit::won_deals(&library, 2);
    let mut engagements: Vec<String> = evidence.iter().map(|e| e.engagement.clone()).collect();
    engagements.sort();
    let mut want: Vec<String> = expected.values().flatten().cloned().collect();
    want.sort();
    assert_eq!(engagements, want);
    assert!(evidence.iter().all(|e| e.grade == 2));

    let data = implicit::judgments(&library, &evidence, &ImplicitOptions::new(DAY));
    let judgments = Judgments::new(data, &library).expect("implicit judgments check");
    for query in judgments.queries() {
        assert_eq!(query.target(), Target::Advocates);
        assert_eq!(query.date(), DAY);
        let (opportunity, kind) = query.id().split_once('/').expect("opportunity/kind");
        let o = library.opportunity(opportunity).unwrap();
        assert_eq!(query.prospect().country, o.prospect.country);
        for (advocate, grade) in query.judged() {
            assert_eq!(grade, 2);
            let supported = expected[opportunity].iter().any(|e| {
                let e = library.engagement(e).unwrap();
                e.advocate == advocate && e.kind.as_str() == kind
            });
            assert!(supported, "{}: {advocate}", query.id());
        }
    }
    let judged: usize = judgments.judgment_count();
    assert!(judged >= expected.len() && judged <= want.len());

    // They evaluate like any judgments.
    let index = Index::new(library.clone());
    let evaluator = Evaluator::new(&index, &judgments, Options::default()).unwrap();
    let evaluation = evaluator.evaluate(&Config::of(&index)).unwrap();
    assert_eq!(evaluation.queries.len(), judgments.queries().len());
    assert!((0.0..=1.0).contains(&evaluation.mean.ndcg));
}

#[test]
fn story_queries_judge_the_stories_that_carry_the_asset() {
    let library = Library::sample();
    let evidence = implicit::won_deals(&library, 3);
    let mut options = ImplicitOptions::new(DAY);
    options.stories = Some(AssetKind::CaseStudy);
    let judgments = Judgments::new(implicit::judgments(&library, &evidence, &options), &library).unwrap();
    let stories: Vec<_> = judgments.queries().iter().filter(|q| q.target() == Target::Stories).collect();
    assert!(!stories.is_empty());
    for query in stories {
        assert!(query.id().ends_with("/case_study"), "{}", query.id());
        for (id, grade) in query.judged() {
            assert_eq!(grade, 3);
            let story = library.story(id).unwrap();
            assert!(story.assets.iter().any(|a| a.kind == AssetKind::CaseStudy), "{id}");
        }
    }
}

#[test]
fn feedback_grades_follow_the_table_and_the_best_evidence_wins() {
    let fb = |rating, helped, missed| Feedback { engagement: "e".into(), rating, helped, missed };
    let grades: Vec<u8> = implicit::feedback(&[
        fb(Some(5), true, false),
        fb(Some(4), true, false),
        fb(Some(3), true, false),
        fb(None, true, false),
        fb(Some(3), false, false),
        fb(Some(2), false, false),
        fb(None, false, false),
        fb(Some(5), true, true),
        fb(Some(9), true, false),
    ])
    .iter()
    .map(|e| e.grade)
    .collect();
    assert_eq!(grades, [3, 3, 2, 2, 1, 0, 0, 0, 2]);

    // Feedback and won deals combine: an engagement's best grade counts,
    // and a query whose judgments are all 0 is left out.
    let library = Library::sample();
    let won = implicit::won_deals(&library, 2);
    let first = won[0].engagement.clone();
    let mut evidence = won.clone();
    evidence.push(Evidence { engagement: first.clone(), grade: 3 });
    let data = implicit::judgments(&library, &evidence, &ImplicitOptions::new(DAY));
    let advocate = &library.engagement(&first).unwrap().advocate;
    let best =
        data.queries.iter().flat_map(|q| &q.judgments).find(|j| &j.id == advocate && j.note.contains(&first));
    assert_eq!(best.map(|j| j.grade), Some(3));

    let zero = vec![Evidence { engagement: first, grade: 0 }];
    assert!(implicit::judgments(&library, &zero, &ImplicitOptions::new(DAY)).queries.is_empty());
}
