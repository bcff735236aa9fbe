//! [`Quote`]: a customer statement, in the advocate's own words, approved
//! for use in named channels until a day.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::kinds::Channel;

/// Something an advocate said about a story, approved for use.
///
/// A quote belongs to one story and was said by one of the story's
/// advocates. Its text is in one language (an ISO 639-1 code such as
/// `de`), which is how [`crate::search`] analyzes it. Validation
/// ([`Library::new`](crate::Library::new)) checks that the story and the
/// advocate exist and that the advocate tells the story, that the text is
/// not blank and at most [`MAX_TEXT_LEN`](super::limits::MAX_TEXT_LEN)
/// bytes, that the language is a known code, and that at least one channel
/// is named, none twice.
///
/// # Example
///
/// ```
/// use refmatch::Library;
/// use refmatch::model::Channel;
///
/// let library = Library::sample();
/// let quote = &library.quotes()[0];
/// let story = library.story(&quote.story).expect("references resolve");
/// assert!(story.advocates.contains(&quote.advocate));
/// println!("{} ({}): {}", quote.advocate, quote.language, quote.text);
/// let _on_the_web = quote.channels.contains(&Channel::Web);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Unique among quotes.
    pub id: String,
    /// Id of the story the quote is about.
    pub story: String,
    /// Id of the advocate who said it, one of the story's advocates.
    pub advocate: String,
    /// The statement, as approved.
    pub text: String,
    /// The language of `text`: a lowercase ISO 639-1 code such as `en`.
    pub language: String,
    /// Last day the quote may be used; `None` means no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_until: Option<Date>,
    /// Where the quote may be used: at least one channel, none twice.
    #[serde(default)]
    pub channels: Vec<Channel>,
}

impl Quote {
    /// Whether the quote's own approval holds on `day` (the story's
    /// approval is the story's: see [`Story::approved_on`](super::Story::approved_on)).
    pub fn usable_on(&self, day: Date) -> bool {
        self.approved_until.is_none_or(|until| day <= until)
    }

    /// Whether the quote may be used in `channel`.
    pub fn allows(&self, channel: Channel) -> bool {
        self.channels.contains(&channel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn quote(until: Option<Date>) -> Quote {
        Quote {
            id: "q1".into(),
            story: "s1".into(),
            advocate: "v1".into(),
            text: "We block fraud before it happens.".into(),
            language: "en".into(),
            approved_until: until,
            channels: vec![Channel::Web, Channel::SalesDeck],
        }
    }

    #[test]
    fn approval_ends_on_its_last_day_inclusive() {
        let q = quote(Some(date(2026, 12, 31)));
        assert!(q.usable_on(date(2026, 12, 31)));
        assert!(!q.usable_on(date(2027, 1, 1)));
        assert!(quote(None).usable_on(date(2199, 12, 31)));
    }

    #[test]
    fn channels_are_checked_by_membership() {
        let q = quote(None);
        assert!(q.allows(Channel::Web));
        assert!(!q.allows(Channel::Press));
    }

    #[test]
    fn empty_optional_fields_are_left_out_of_json() {
        let mut q = quote(None);
        q.channels.clear();
        let json = serde_json::to_string(&q).unwrap();
        assert!(!json.contains("approved_until"), "{json}");
        let back: Quote = serde_json::from_str(&json).unwrap();
        assert_eq!(back, q);
    }
}
