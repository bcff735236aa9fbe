//! Comparing two years' scores, category by category.

use serde::Serialize;

use super::model::Category;
use super::score::AuditScores;

/// One category's change between two audits. A side is `None` when that
/// audit has no answer in the category; a change is `None` unless both
/// sides are there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryChange {
    /// The category.
    pub category: Category,
    /// This year's index.
    pub index: Option<f64>,
    /// Last year's index.
    pub last_index: Option<f64>,
    /// `index - last_index`: positive when the category improved.
    pub index_change: Option<f64>,
    /// This year's priority.
    pub priority: Option<f64>,
    /// Last year's priority.
    pub last_priority: Option<f64>,
    /// `priority - last_priority`: positive when it matters more now.
    pub priority_change: Option<f64>,
}

/// Two audits side by side. Get one from [`AuditScores::compare`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// This year's audit year.
    pub year: i16,
    /// Last year's audit year.
    pub last_year: i16,
    /// One row per category answered in either audit, in [`Category::ALL`] order.
    pub categories: Vec<CategoryChange>,
    /// This year's overall score.
    pub overall: Option<f64>,
    /// Last year's overall score.
    pub last_overall: Option<f64>,
    /// `overall - last_overall`, when both exist.
    pub overall_change: Option<f64>,
}

impl AuditScores {
    /// Compares this audit with an earlier one, category by category.
    ///
    /// A category answered in only one audit still gets a row, with the
    /// other side and the changes `None`; a category answered in neither
    /// gets none. Nothing requires the years to be consecutive, or even
    /// ordered: `self` is "this year" and `last_year` "last year".
    pub fn compare(&self, last_year: &AuditScores) -> Comparison {
        let categories = Category::ALL
            .iter()
            .filter_map(|&category| {
                let now = self.category(category);
                let then = last_year.category(category);
                if now.is_none() && then.is_none() {
                    return None;
                }
                let index = now.map(|c| c.index);
                let last_index = then.map(|c| c.index);
                let priority = now.map(|c| c.priority);
                let last_priority = then.map(|c| c.priority);
                Some(CategoryChange {
                    category,
                    index,
                    last_index,
                    index_change: change(index, last_index),
                    priority,
                    last_priority,
                    priority_change: change(priority, last_priority),
                })
            })
            .collect();
        Comparison {
            year: self.year,
            last_year: last_year.year,
            categories,
            overall: self.overall,
            last_overall: last_year.overall,
            overall_change: change(self.overall, last_year.overall),
        }
    }
}

impl Comparison {
    /// The row of a category, if either audit answered it.
    pub fn category(&self, category: Category) -> Option<&CategoryChange> {
        self.categories.iter().find(|c| c.category == category)
    }
}

fn change(now: Option<f64>, then: Option<f64>) -> Option<f64> {
    Some(now? - then?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::audit::CategoryScore;

    fn score(category: Category, index: f64, priority: f64) -> CategoryScore {
        CategoryScore { category, index, priority, gap: priority * (100.0 - index), answers: 1 }
    }

    fn scores(year: i16, categories: Vec<CategoryScore>, overall: Option<f64>) -> AuditScores {
        let answers = categories.len();
        AuditScores { year, respondents: 1, answers, categories, overall }
    }

    #[test]
    fn rows_cover_either_side_with_changes_where_both_exist() {
        let now = scores(
            2026,
            vec![score(Category::Advocacy, 47.5, 4.0), score(Category::Strategy, 20.0, 3.0)],
            Some(35.0),
        );
        let then = scores(
            2025,
            vec![score(Category::Advocacy, 40.0, 3.5), score(Category::Networking, 60.0, 2.0)],
            Some(45.0),
        );
        let comparison = now.compare(&then);
        assert_eq!((comparison.year, comparison.last_year), (2026, 2025));
        let rows: Vec<Category> = comparison.categories.iter().map(|c| c.category).collect();
        assert_eq!(rows, [Category::Advocacy, Category::Strategy, Category::Networking]);

        // Advocacy: 47.5 - 40 = 7.5; 4 - 3.5 = 0.5.
        let advocacy = comparison.category(Category::Advocacy).unwrap();
        assert_eq!((advocacy.index_change, advocacy.priority_change), (Some(7.5), Some(0.5)));
        // Strategy is new: no last year, no change.
        let strategy = comparison.category(Category::Strategy).unwrap();
        assert_eq!((strategy.index, strategy.last_index, strategy.index_change), (Some(20.0), None, None));
        assert_eq!(
            (strategy.priority, strategy.last_priority, strategy.priority_change),
            (Some(3.0), None, None)
        );
        // Networking was dropped.
        let networking = comparison.category(Category::Networking).unwrap();
        assert_eq!(
            (networking.index, networking.last_index, networking.index_change),
            (None, Some(60.0), None)
        );
        assert!(comparison.category(Category::Measurement).is_none());
        // Overall: 35 - 45 = -10.
        assert_eq!(comparison.overall_change, Some(-10.0));
    }

    #[test]
    fn no_overall_on_one_side_gives_no_change() {
        let empty = scores(2026, vec![], None);
        let then = scores(2025, vec![score(Category::Advocacy, 40.0, 3.0)], Some(40.0));
        let comparison = empty.compare(&then);
        assert_eq!(
            (comparison.overall, comparison.last_overall, comparison.overall_change),
            (None, Some(40.0), None)
        );
        assert_eq!(comparison.categories.len(), 1);
        assert!(empty.compare(&empty).categories.is_empty());
    }
}
