//! "Did you mean": the known id closest to an unknown one.

use crate::model::limits::MAX_ID_LEN;

/// How many problems a validation gives suggestions for: finding one costs
/// a pass over the ids of its kind, so a library with many bad references
/// gets suggestions for its first ones only.
pub(super) const SUGGESTED_PROBLEMS: usize = 100;

/// The known id most like `id`: one that differs only in case or spaces
/// around it, else the one fewest edits away (an edit inserts, deletes or
/// replaces a character or swaps two neighbours), when it takes at most
/// one edit for an id of 4 to 9 characters, two for 10 to 19, and so on
/// (none for shorter ids); ties go to the smaller id. `None` when
/// no id is that close, or `id` is longer than any id may be.
///
/// "a-999" suggests "a-099"; "a9" suggests nothing from "a1" (one edit in
/// two characters is another id, not a typo); "P1" suggests "p1".
pub(super) fn closest_id<'a>(id: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    if id.len() > MAX_ID_LEN {
        return None;
    }
    let trimmed = id.trim();
    let length = trimmed.chars().count();
    let allowed = if length < 4 { 0 } else { 1 + length / 10 };
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in known {
        let distance = if candidate.eq_ignore_ascii_case(trimmed) {
            0
        } else {
            if allowed == 0 || candidate.len().abs_diff(trimmed.len()) > allowed * 4 {
                continue;
            }
            let other = candidate.chars().count();
            if other.abs_diff(length) > allowed {
                continue;
            }
            match strsim::osa_distance(trimmed, candidate) {
                d if d <= allowed => d,
                _ => continue,
            }
        };
        if best.is_none_or(|(d, found)| (distance, candidate) < (d, found)) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, found)| found)
}

/// ` (did you mean "x"?)`, or nothing.
pub(super) fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let ids = ["a-099", "a-100", "p1", "acme-bank", "globex"];
        let find = |id: &str| closest_id(id, ids.iter().copied());
        assert_eq!(find("a-999"), Some("a-099"));
        assert_eq!(find("P1"), Some("p1"));
        assert_eq!(find(" acme-bank "), Some("acme-bank"));
        assert_eq!(find("acme-bnak"), Some("acme-bank"));
        assert_eq!(find("a9"), None);
        // Long ids with a common prefix are not alike for sharing it.
        let long = ["001Dn00000Kpl07", "001Dn00000Hls02"];
        assert_eq!(closest_id("001Dn00000Tpz09", long.iter().copied()), None);
        assert_eq!(closest_id("001Dn00000Hls2", long.iter().copied()), Some("001Dn00000Hls02"));
        assert_eq!(find("initech"), None);
        assert_eq!(find(""), None);
        assert_eq!(find(&"x".repeat(1000)), None);
        // Ties go to the smaller id, whatever the order of the ids.
        let tied = ["b-101", "b-100"];
        assert_eq!(closest_id("b-10x", tied.iter().copied()), Some("b-100"));
    }
}
