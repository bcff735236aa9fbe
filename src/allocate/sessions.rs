//! One-to-many reference sessions: one advocate telling one story to
//! several prospects at once, proposed for the requests a batch leaves
//! unfilled.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use super::output::Allocation;
use crate::rank::AdvocateMatch;

/// Requests that may attend a session (batch position, score).
type Seats = Vec<(usize, f64)>;
/// A session's key: (advocate, story).
type Key<'a> = (&'a str, &'a str);

/// How sessions are proposed.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionOptions {
    max_attendees: usize,
    threshold: f64,
}

impl Default for SessionOptions {
    fn default() -> SessionOptions {
        SessionOptions { max_attendees: 8, threshold: 0.6 }
    }
}

impl SessionOptions {
    /// At most 8 prospects a session, each scoring the advocate at least
    /// 0.6 of its own best score.
    pub fn new() -> SessionOptions {
        SessionOptions::default()
    }

    /// At most this many prospects per session. Default 8.
    pub fn max_attendees(&mut self, max_attendees: usize) -> &mut SessionOptions {
        self.max_attendees = max_attendees;
        self
    }

    /// An attendee's score for the session's advocate must be at least
    /// `threshold` times the attendee's own best score (its first-ranked
    /// candidate's). Default 0.6.
    pub fn threshold(&mut self, threshold: f64) -> &mut SessionOptions {
        self.threshold = threshold;
        self
    }
}

/// A prospect invited to a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attendee {
    /// The request's id.
    pub request: String,
    /// The session advocate's score for this request, with the session's
    /// story.
    pub score: f64,
    /// The request's own best score: its first-ranked candidate's.
    pub best: f64,
}

/// A proposed group reference session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    /// The advocate who speaks.
    pub advocate: String,
    /// The advocate's name.
    pub advocate_name: String,
    /// The advocate's account.
    pub account: String,
    /// The account's name.
    pub account_name: String,
    /// The story told.
    pub story: String,
    /// The story's title.
    pub story_title: String,
    /// The prospects, highest score first (a tie to the earlier request).
    pub attendees: Vec<Attendee>,
    /// Mean of the attendees' scores.
    pub mean_score: f64,
}

/// Proposed sessions and what they leave uncovered.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SessionPlan {
    /// The sessions, in the order chosen (most new attendees first).
    pub sessions: Vec<Session>,
    /// Ids of the unfilled requests no session covers, in batch order.
    pub unfilled: Vec<String>,
}

impl Allocation {
    /// Group sessions for the requests with unfilled slots.
    ///
    /// A session is one advocate telling one story to up to
    /// `max_attendees` prospects, and costs the advocate one engagement:
    /// it needs one spare engagement under the advocate's cap at the
    /// planning date after the batch ([`Allocation::spare`]), whatever
    /// `max_per_batch`, which limits one-to-one calls. A request may
    /// attend when the advocate is among its candidates (eligible on the
    /// request's own day, as ranking judges it), not already given to it, with the
    /// session's story as the advocate's best story for it, and scoring at
    /// least `threshold` x the request's best score. One seat covers a
    /// request, whatever its number of unfilled slots.
    ///
    /// Sessions are chosen by greedy set cover: repeatedly the session
    /// seating the most uncovered requests (the highest-scoring ones when
    /// more qualify than fit), a tie to the highest mean score, then to the
    /// smaller advocate and story ids. While no advocate runs out of spare
    /// engagements, greedy uses at most `H(max_attendees) <= 1 +
    /// ln(max_attendees)` times the fewest sessions that cover the same
    /// requests (Johnson 1974; Chvátal 1979); the spare limits make it a
    /// heuristic beyond that. Cost: `O(sessions x candidates of unfilled
    /// requests)`.
    pub fn sessions(&self, options: &SessionOptions) -> SessionPlan {
        // Per (advocate, story), the unfilled requests that may attend.
        let mut seats: BTreeMap<Key<'_>, (&AdvocateMatch, Seats)> = BTreeMap::new();
        let targets: Vec<usize> =
            (0..self.requests.len()).filter(|&r| self.requests[r].unfilled > 0).collect();
        for &r in &targets {
            let Some(best) = self.candidates[r].first().map(|m| m.score) else { continue };
            let given = &self.requests[r].chosen;
            for m in &self.candidates[r] {
                if m.score >= options.threshold * best && !given.iter().any(|g| g.advocate == m.advocate) {
                    let entry =
                        seats.entry((m.advocate.as_str(), m.story.as_str())).or_insert((m, Vec::new()));
                    entry.1.push((r, m.score));
                }
            }
        }
        let mut spare: HashMap<&str, u32> = self.spare.iter().map(|(id, &n)| (id.as_str(), n)).collect();
        let mut covered = vec![false; self.requests.len()];
        let mut plan = SessionPlan::default();
        loop {
            let mut pick: Option<(Key<'_>, Seats, f64)> = None;
            for (&(advocate, story), (_, seated)) in &seats {
                if spare.get(advocate).copied().unwrap_or(0) == 0 {
                    continue;
                }
                let mut open: Seats = seated.iter().copied().filter(|&(r, _)| !covered[r]).collect();
                open.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                open.truncate(options.max_attendees);
                if open.is_empty() {
                    continue;
                }
                let mean = open.iter().map(|x| x.1).sum::<f64>() / open.len() as f64;
                // Keys are visited in id order: a strictly better one wins.
                let better = match &pick {
                    None => true,
                    Some((_, best, best_mean)) => {
                        open.len() > best.len() || (open.len() == best.len() && mean > *best_mean)
                    }
                };
                if better {
                    pick = Some(((advocate, story), open, mean));
                }
            }
            let Some(((advocate, story), open, mean)) = pick else { break };
            *spare.get_mut(advocate).expect("advocates with seats have spare counts") -= 1;
            let attendees = open
                .iter()
                .map(|&(r, score)| {
                    covered[r] = true;
                    let best = self.candidates[r].first().map_or(0.0, |m| m.score);
                    Attendee { request: self.requests[r].id.clone(), score, best }
                })
                .collect();
            let told = seats[&(advocate, story)].0;
            plan.sessions.push(Session {
                advocate: advocate.to_string(),
                advocate_name: told.advocate_name().to_string(),
                account: told.account.clone(),
                account_name: told.account_name().to_string(),
                story: story.to_string(),
                story_title: told.story_title().to_string(),
                attendees,
                mean_score: mean,
            });
        }
        plan.unfilled =
            targets.iter().filter(|&&r| !covered[r]).map(|&r| self.requests[r].id.clone()).collect();
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::allocate::output::RequestAllocation;
    use crate::model::EngagementKind;
    use crate::rank::Explanation;

    fn m(advocate: &str, story: &str, score: f64) -> AdvocateMatch {
        let explanation = Explanation {
            factors: Vec::new(),
            total_weight: 1.0,
            relevance: score,
            used: 0,
            cap: 4,
            availability: 1.0,
            score,
            words: None,
        };
        AdvocateMatch {
            advocate: advocate.to_string(),
            account: format!("acc-{advocate}"),
            story: story.to_string(),
            score,
            explanation,
        }
    }

    /// An allocation whose requests are all unfilled, with these candidates.
    fn unfilled(candidates: Vec<Vec<AdvocateMatch>>, spare: &[(&str, u32)]) -> Allocation {
        let requests = (0..candidates.len())
            .map(|r| RequestAllocation {
                id: format!("r{r}"),
                kind: EngagementKind::ReferenceCall,
                date: jiff::civil::Date::constant(2027, 1, 4),
                slots: 1,
                chosen: Vec::new(),
                unfilled: 1,
                reason: None,
            })
            .collect();
        Allocation {
            requests,
            filled: 0,
            slots: candidates.len(),
            total_score: 0.0,
            candidates,
            spare: spare.iter().map(|&(a, n)| (a.to_string(), n)).collect(),
        }
    }

    fn ids(session: &Session) -> Vec<&str> {
        session.attendees.iter().map(|a| a.request.as_str()).collect()
    }

    #[test]
    fn greedy_cover_takes_the_largest_session_then_the_best_mean() {
        let allocation = unfilled(
            vec![
                vec![m("a", "s1", 0.9)],
                vec![m("a", "s1", 0.8)],
                vec![m("a", "s1", 0.7), m("b", "s2", 0.6)],
                vec![m("c", "s3", 0.5), m("b", "s2", 0.45)],
            ],
            &[("a", 1), ("b", 1), ("c", 1)],
        );
        let plan = allocation.sessions(&SessionOptions::new());
        assert_eq!(plan.sessions.len(), 2);
        assert_eq!(
            (plan.sessions[0].advocate.as_str(), ids(&plan.sessions[0])),
            ("a", vec!["r0", "r1", "r2"])
        );
        // b and c both seat r3 alone; c scores it higher.
        assert_eq!((plan.sessions[1].advocate.as_str(), ids(&plan.sessions[1])), ("c", vec!["r3"]));
        assert!(plan.unfilled.is_empty());
    }

    #[test]
    fn threshold_max_attendees_and_spare_limit_the_sessions() {
        let allocation = unfilled(
            vec![
                vec![m("a", "s1", 0.9)],
                vec![m("a", "s1", 0.8)],
                vec![m("a", "s1", 0.7)],
                // Its best is 1.0: a at 0.5 is below 0.6 of it, and z has
                // no spare engagement.
                vec![m("z", "s9", 1.0), m("a", "s1", 0.5)],
            ],
            &[("a", 2), ("z", 0)],
        );
        let mut options = SessionOptions::new();
        options.max_attendees(2);
        let plan = allocation.sessions(&options);
        assert_eq!(plan.sessions.len(), 2);
        assert_eq!(ids(&plan.sessions[0]), vec!["r0", "r1"]);
        assert_eq!(ids(&plan.sessions[1]), vec!["r2"]);
        assert_eq!(plan.unfilled, vec!["r3"]);

        // A lower threshold seats r3 too; one spare engagement, one session.
        options.threshold(0.5).max_attendees(8);
        let plan = unfilled(allocation.candidates.clone(), &[("a", 1)]).sessions(&options);
        assert_eq!(plan.sessions.len(), 1);
        assert_eq!(ids(&plan.sessions[0]), vec!["r0", "r1", "r2", "r3"]);
        assert_eq!(plan.sessions[0].attendees[3].best, 1.0);
    }
}
