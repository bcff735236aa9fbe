//! What a program manager asks the ledger: each advocate's used/cap on a
//! day, the next day they can be asked, who is at or over cap, who has
//! never been asked.

use jiff::civil::Date;
use std::collections::BTreeSet;

use super::error::Error;
use super::program::Program;

/// An advocate's fatigue on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fatigue {
    /// The advocate's id.
    pub advocate: String,
    /// `used(d)` of rule E6: held engagements in the busiest window
    /// containing the day.
    pub used: u32,
    /// The advocate's cap.
    pub cap: u32,
    /// The advocate's window length in days.
    pub window_days: u32,
    /// The advocate's rest period in days.
    pub rest_days: u32,
    /// First day on or after the asked one on which the advocate passes
    /// E1 (active, account contactable), E4 (no blackout), E5 (rest), E6
    /// (capacity) and, when the policy sets an account cap, E9
    /// ([`Index::next_available`](crate::Index::next_available)); `None`
    /// when E1 fails or the cap is 0.
    pub next_available: Option<Date>,
}

impl Fatigue {
    /// Whether `used >= cap`.
    pub fn at_cap(&self) -> bool {
        self.used >= self.cap
    }
}

impl Program {
    /// The advocate's used/cap on `day` and the next day they can be asked.
    ///
    /// Cost: `O(n log n)` for the advocate's `n` blackouts and held
    /// engagements (and its account's, under an account cap), computed
    /// directly rather than day by day.
    ///
    /// # Errors
    ///
    /// [`Error::Unknown`] for an unknown advocate.
    pub fn fatigue(&self, advocate: &str, day: Date) -> Result<Fatigue, Error> {
        let view = self.read();
        let load = view.index.load_of(advocate, day).ok_or_else(|| Error::unknown("advocate", advocate))?;
        Ok(Fatigue {
            advocate: advocate.to_string(),
            used: load.used,
            cap: load.cap,
            window_days: load.window_days,
            rest_days: load.rest_days,
            next_available: load.next_available,
        })
    }

    /// [`Program::fatigue`] of every advocate on `day`, in id order.
    pub fn fatigue_summary(&self, day: Date) -> Vec<Fatigue> {
        let library = self.library();
        let mut ids: Vec<&str> = library.advocates().iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable();
        ids.into_iter().filter_map(|id| self.fatigue(id, day).ok()).collect()
    }

    /// The advocates whose `used(day) >= cap`, in id order.
    pub fn at_or_over_cap(&self, day: Date) -> Vec<Fatigue> {
        self.fatigue_summary(day).into_iter().filter(Fatigue::at_cap).collect()
    }

    /// Ids of the advocates no ledger entry names, whatever its state, in
    /// id order.
    pub fn never_asked(&self) -> Vec<String> {
        let inner = self.lock();
        let asked: BTreeSet<&str> =
            inner.state.saved.requests.iter().map(|r| r.engagement.advocate.as_str()).collect();
        let mut ids: Vec<String> = inner
            .state
            .saved
            .library
            .advocates
            .iter()
            .filter(|a| !asked.contains(a.id.as_str()))
            .map(|a| a.id.clone())
            .collect();
        ids.sort_unstable();
        ids
    }
}

/// An advocate whose held engagements exceed their cap in some window:
/// history a program accepted as it was (an import of a CRM's past), which
/// new requests then cannot add to ([`Program::over_cap`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverCap {
    /// The advocate's id.
    pub advocate: String,
    /// The first day of the first window that holds more than the cap.
    pub from: Date,
    /// Held engagements in that window.
    pub held: u32,
    /// The advocate's cap.
    pub cap: u32,
    /// The window's length in days.
    pub window_days: u32,
}

impl Program {
    /// The advocates whose held engagements exceed their cap in some window
    /// of their window length, with the first such window, in id order.
    /// The ledger never lets a request make this so; a library's history
    /// can ([`Program::create`] accepts it as it was, and this reports it).
    ///
    /// Cost: `O(n log n)` in the held engagements.
    pub fn over_cap(&self) -> Vec<OverCap> {
        let inner = self.lock();
        let state = &inner.state;
        let policy = &state.saved.library.policy;
        let mut found = Vec::new();
        let mut held: Vec<_> = state.held.iter().collect();
        held.sort_by(|a, b| a.0.cmp(b.0));
        for (id, days) in held {
            let Some((_, advocate)) = state.advocate(id) else { continue };
            let (cap, window_days, _) = policy.limits_of(advocate);
            let days: Vec<Date> = days.iter().map(|(day, _)| *day).collect();
            let mut end = 0;
            for (start, &first) in days.iter().enumerate() {
                let Ok(last) = first.checked_add(jiff::Span::new().days(i64::from(window_days) - 1)) else {
                    break;
                };
                end = end.max(start);
                while end < days.len() && days[end] <= last {
                    end += 1;
                }
                let count = (end - start) as u32;
                if count > cap {
                    found.push(OverCap { advocate: id.clone(), from: first, held: count, cap, window_days });
                    break;
                }
            }
        }
        found
    }
}
