//! Cell values as CRMs write them: vocabulary values in any case with
//! synonyms, numbers with thousands separators, yes/no in several forms.
//! Countries, languages and industries are the taxonomy's
//! ([`crate::taxonomy`]).

use crate::model::{
    AccountStatus, AdvocateStatus, AssetKind, Channel, EngagementKind, EngagementStatus, Seniority,
};

/// How whole and decimal numbers are written. Plain digits (`2400`,
/// `-12.5` with the format's decimal mark) are always accepted; a
/// thousands separator must separate groups of three digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum NumberFormat {
    /// `2,400` and `-12.5`: commas between thousands, a decimal point (as
    /// English writes them). The default.
    #[default]
    Point,
    /// `2.400` and `-12,5`: points between thousands, a decimal comma (as
    /// German, Spanish or Italian write them). A decimal comma must be
    /// inside quotes in a comma-separated file.
    Comma,
    /// `2 400` and `-12,5`: spaces (also no-break and narrow no-break
    /// spaces) between thousands, a decimal comma (as French or Swedish
    /// write them).
    SpaceComma,
    /// `2'400` and `-12.5`: apostrophes between thousands, a decimal point
    /// (as Swiss German writes them).
    Apostrophe,
}

impl NumberFormat {
    fn decimal_mark(self) -> char {
        match self {
            NumberFormat::Point | NumberFormat::Apostrophe => '.',
            NumberFormat::Comma | NumberFormat::SpaceComma => ',',
        }
    }

    fn is_separator(self, c: char) -> bool {
        match self {
            NumberFormat::Point => c == ',',
            NumberFormat::Comma => c == '.',
            NumberFormat::SpaceComma => matches!(c, ' ' | '\u{a0}' | '\u{202f}'),
            NumberFormat::Apostrophe => matches!(c, '\'' | '\u{2019}'),
        }
    }

    /// Every format, for hints.
    const ALL: [NumberFormat; 4] =
        [NumberFormat::Point, NumberFormat::Comma, NumberFormat::SpaceComma, NumberFormat::Apostrophe];

    fn name(self) -> &'static str {
        match self {
            NumberFormat::Point => "Point",
            NumberFormat::Comma => "Comma",
            NumberFormat::SpaceComma => "SpaceComma",
            NumberFormat::Apostrophe => "Apostrophe",
        }
    }

    /// ` (it reads as 2100 with NumberFormat::Comma)` when another format
    /// reads the text, else nothing.
    pub(super) fn hint(self, text: &str, whole: bool) -> String {
        let other = NumberFormat::ALL.into_iter().filter(|f| *f != self).find_map(|format| {
            let read = if whole { format.whole_digits(text) } else { format.decimal_text(text) };
            read.map(|value| (format, value))
        });
        match other {
            Some((format, value)) => format!(" (it reads as {value} with NumberFormat::{})", format.name()),
            None => String::new(),
        }
    }

    /// An example of a number of thousands, for messages: `2,400`.
    pub(super) fn example(self) -> &'static str {
        match self {
            NumberFormat::Point => "2,400",
            NumberFormat::Comma => "2.400",
            NumberFormat::SpaceComma => "2 400",
            NumberFormat::Apostrophe => "2'400",
        }
    }

    /// An example decimal, for messages: `-12.5`.
    pub(super) fn decimal_example(self) -> &'static str {
        match self {
            NumberFormat::Point | NumberFormat::Apostrophe => "-12.5",
            NumberFormat::Comma | NumberFormat::SpaceComma => "-12,5",
        }
    }

    /// The digits of a whole number without its separators, or `None`
    /// when the text is not one (a sign, a decimal, a group of other than
    /// three digits after a separator).
    pub(super) fn whole_digits(self, text: &str) -> Option<String> {
        self.grouped(text)
    }

    /// The text of a decimal as Rust parses it (`-1234.5`), or `None`.
    pub(super) fn decimal_text(self, text: &str) -> Option<String> {
        let (sign, rest) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = match rest.split_once(self.decimal_mark()) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (rest, None),
        };
        let whole =
            if whole.is_empty() && fraction.is_some() { "0".to_string() } else { self.grouped(whole)? };
        match fraction {
            None => Some(format!("{sign}{whole}")),
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                Some(format!("{sign}{whole}.{digits}"))
            }
            Some(_) => None,
        }
    }

    /// Digits, perhaps in groups of three after a first of one to three.
    fn grouped(self, text: &str) -> Option<String> {
        if text.is_empty() {
            return None;
        }
        let groups: Vec<&str> = text.split(|c| self.is_separator(c)).collect();
        let digits = |group: &&str| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit());
        if !groups.iter().all(digits) {
            return None;
        }
        if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
            return None;
        }
        Some(groups.concat())
    }
}

/// A closed vocabulary of the model, read the tolerant way.
pub(super) trait Vocabulary: Copy + 'static {
    /// Other names for values, as [`vocabulary_key`]s.
    const SYNONYMS: &'static [(&'static str, Self)];
    /// The model's parser of the exact snake_case name.
    fn parse_exact(text: &str) -> Option<Self>;
    /// The value's snake_case name.
    fn name(self) -> &'static str;
    /// The names, joined for messages.
    fn expected() -> String;
    /// Every value.
    fn all() -> &'static [Self];
}

/// The key vocabulary values are compared by: lowercase, each run of
/// spaces, hyphens, slashes and other punctuation one underscore, none at
/// the ends. "Do Not Contact", "do-not-contact" and "DO_NOT_CONTACT" are
/// `do_not_contact`.
pub(super) fn vocabulary_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    if text.is_ascii() {
        for b in text.trim().bytes() {
            if b.is_ascii_alphanumeric() {
                key.push(char::from(b.to_ascii_lowercase()));
            } else if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
        }
        while key.ends_with('_') {
            key.pop();
        }
        return key;
    }
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    while key.ends_with('_') {
        key.pop();
    }
    key
}

/// The value a cell names, by its name or a synonym, in any case.
pub(super) fn read_vocabulary<T: Vocabulary>(text: &str) -> Option<T> {
    // Most cells already hold the exact name; they need no key.
    if let Some(value) = T::parse_exact(text) {
        return Some(value);
    }
    let key = vocabulary_key(text);
    T::parse_exact(&key)
        .or_else(|| T::SYNONYMS.iter().find(|(name, _)| *name == key).map(|&(_, value)| value))
}

/// The value name closest to an unknown one, for "did you mean".
pub(super) fn closest_value<T: Vocabulary>(text: &str) -> Option<&'static str> {
    let key = vocabulary_key(text);
    T::all()
        .iter()
        .map(|value| value.name())
        .chain(T::SYNONYMS.iter().map(|(name, _)| *name))
        .map(|name| (strsim::jaro_winkler(&key, name), name))
        .filter(|(similarity, _)| *similarity >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, name)| name)
}

macro_rules! vocabulary {
    ($type:ty, [$($synonym:literal => $value:expr),* $(,)?]) => {
        impl Vocabulary for $type {
            const SYNONYMS: &'static [(&'static str, $type)] = &[$(($synonym, $value)),*];
            fn parse_exact(text: &str) -> Option<$type> {
                <$type>::parse(text)
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn expected() -> String {
                <$type>::expected()
            }
            fn all() -> &'static [$type] {
                <$type>::ALL
            }
        }
    };
}

// The synonyms below are documented in the module docs of `super`; keep
// the two in step. Seniority follows the levels LinkedIn and data vendors
// use (CXO, Owner / Partner, VP-Level, Experienced Manager, Entry Level).
vocabulary!(Seniority, [
    "c_level" => Seniority::Executive,
    "c_suite" => Seniority::Executive,
    "cxo" => Seniority::Executive,
    "chief" => Seniority::Executive,
    "exec" => Seniority::Executive,
    "owner" => Seniority::Executive,
    "partner" => Seniority::Executive,
    "owner_partner" => Seniority::Executive,
    "founder" => Seniority::Executive,
    "president" => Seniority::Executive,
    "vice_president" => Seniority::Vp,
    "vp_level" => Seniority::Vp,
    "svp" => Seniority::Vp,
    "evp" => Seniority::Vp,
    "avp" => Seniority::Vp,
    "senior_vice_president" => Seniority::Vp,
    "executive_vice_president" => Seniority::Vp,
    "director_level" => Seniority::Director,
    "senior_director" => Seniority::Director,
    "head" => Seniority::Director,
    "manager_level" => Seniority::Manager,
    "senior_manager" => Seniority::Manager,
    "experienced_manager" => Seniority::Manager,
    "entry_level_manager" => Seniority::Manager,
    "mgr" => Seniority::Manager,
    "individual_contributor" => Seniority::Individual,
    "ic" => Seniority::Individual,
    "non_manager" => Seniority::Individual,
    "staff" => Seniority::Individual,
    "senior" => Seniority::Individual,
    "strategic" => Seniority::Individual,
    "entry_level" => Seniority::Individual,
    "in_training" => Seniority::Individual,
]);

vocabulary!(AccountStatus, [
    "customer" => AccountStatus::Active,
    "dnc" => AccountStatus::DoNotContact,
    "no_contact" => AccountStatus::DoNotContact,
]);

vocabulary!(AdvocateStatus, [
    "available" => AdvocateStatus::Active,
    "on_hold" => AdvocateStatus::Paused,
    "unavailable" => AdvocateStatus::Paused,
    "inactive" => AdvocateStatus::Paused,
    "dnc" => AdvocateStatus::DoNotContact,
    "no_contact" => AdvocateStatus::DoNotContact,
    "opted_out" => AdvocateStatus::DoNotContact,
    "left" => AdvocateStatus::Departed,
    "left_company" => AdvocateStatus::Departed,
    "former_employee" => AdvocateStatus::Departed,
    "no_longer_with_company" => AdvocateStatus::Departed,
]);

vocabulary!(EngagementKind, [
    "call" => EngagementKind::ReferenceCall,
    "phone_call" => EngagementKind::ReferenceCall,
    "phone_reference" => EngagementKind::ReferenceCall,
    "reference" => EngagementKind::ReferenceCall,
    "visit" => EngagementKind::SiteVisit,
    "onsite_visit" => EngagementKind::SiteVisit,
    "on_site_visit" => EngagementKind::SiteVisit,
    "customer_visit" => EngagementKind::SiteVisit,
    "written_case_study" => EngagementKind::CaseStudy,
    "press_release" => EngagementKind::Press,
    "media" => EngagementKind::Press,
    "media_interview" => EngagementKind::Press,
    "pr" => EngagementKind::Press,
    "speaker" => EngagementKind::Speaking,
    "speaking_engagement" => EngagementKind::Speaking,
    "event" => EngagementKind::Speaking,
    "keynote" => EngagementKind::Speaking,
    "web_seminar" => EngagementKind::Webinar,
    "peer_review" => EngagementKind::Review,
    "online_review" => EngagementKind::Review,
    "cab" => EngagementKind::AdvisoryBoard,
    "customer_advisory_board" => EngagementKind::AdvisoryBoard,
]);

vocabulary!(EngagementStatus, [
    "pending" => EngagementStatus::Requested,
    "submitted" => EngagementStatus::Requested,
    "accepted" => EngagementStatus::Approved,
    "scheduled" => EngagementStatus::Approved,
    "confirmed" => EngagementStatus::Approved,
    "complete" => EngagementStatus::Completed,
    "done" => EngagementStatus::Completed,
    "held" => EngagementStatus::Completed,
    "rejected" => EngagementStatus::Declined,
    "denied" => EngagementStatus::Declined,
    "refused" => EngagementStatus::Declined,
    "canceled" => EngagementStatus::Cancelled,
    "withdrawn" => EngagementStatus::Cancelled,
]);

vocabulary!(AssetKind, [
    "customer_story" => AssetKind::CaseStudy,
    "success_story" => AssetKind::CaseStudy,
    "video_testimonial" => AssetKind::Video,
    "testimonial" => AssetKind::Quote,
    "customer_quote" => AssetKind::Quote,
    "press" => AssetKind::PressArticle,
    "article" => AssetKind::PressArticle,
    "news_article" => AssetKind::PressArticle,
    "deck" => AssetKind::Slides,
    "slide_deck" => AssetKind::Slides,
    "presentation" => AssetKind::Slides,
    "peer_review" => AssetKind::Review,
    "online_review" => AssetKind::Review,
]);

vocabulary!(Channel, [
    "website" => Channel::Web,
    "web_site" => Channel::Web,
    "online" => Channel::Web,
    "sales" => Channel::SalesDeck,
    "deck" => Channel::SalesDeck,
    "sales_presentation" => Channel::SalesDeck,
    "sales_collateral" => Channel::SalesDeck,
    "proposal" => Channel::SalesDeck,
    "press_release" => Channel::Press,
    "pr" => Channel::Press,
    "media" => Channel::Press,
    "social_media" => Channel::Social,
    "social_post" => Channel::Social,
    "events" => Channel::Event,
    "conference" => Channel::Event,
    "trade_show" => Channel::Event,
]);

/// `true`, `false`, `yes`, `no`, `y`, `n`, `1`, `0`, in any case.
pub(super) fn read_flag(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_in_any_case_and_with_synonyms() {
        assert_eq!(read_vocabulary("Active"), Some(AdvocateStatus::Active));
        assert_eq!(read_vocabulary("Do Not Contact"), Some(AccountStatus::DoNotContact));
        assert_eq!(read_vocabulary("do-not-contact"), Some(AdvocateStatus::DoNotContact));
        assert_eq!(read_vocabulary("Reference Call"), Some(EngagementKind::ReferenceCall));
        assert_eq!(read_vocabulary("VP"), Some(Seniority::Vp));
        assert_eq!(read_vocabulary("Vice President"), Some(Seniority::Vp));
        assert_eq!(read_vocabulary("C-level"), Some(Seniority::Executive));
        assert_eq!(read_vocabulary("Owner / Partner"), Some(Seniority::Executive));
        assert_eq!(read_vocabulary::<Seniority>("boss"), None);
        assert_eq!(read_vocabulary("Sales Deck"), Some(Channel::SalesDeck));
        assert_eq!(read_vocabulary("Social Media"), Some(Channel::Social));
        assert_eq!(read_vocabulary("WEBSITE"), Some(Channel::Web));
        assert_eq!(closest_value::<Seniority>("Directr"), Some("director"));
        assert_eq!(closest_value::<Seniority>("boss"), None);
    }

    #[test]
    fn synonyms_are_keys_and_not_names() {
        fn check<T: Vocabulary + PartialEq + std::fmt::Debug>() {
            for (synonym, _) in T::SYNONYMS {
                assert_eq!(vocabulary_key(synonym), *synonym);
                assert_eq!(T::parse_exact(synonym), None, "{synonym} is a name already");
            }
        }
        check::<Seniority>();
        check::<AccountStatus>();
        check::<AdvocateStatus>();
        check::<EngagementKind>();
        check::<EngagementStatus>();
        check::<AssetKind>();
        check::<Channel>();
    }

    #[test]
    fn numbers_in_each_format() {
        let p = NumberFormat::Point;
        assert_eq!(p.whole_digits("2400").as_deref(), Some("2400"));
        assert_eq!(p.whole_digits("2,400").as_deref(), Some("2400"));
        assert_eq!(p.whole_digits("1,234,567").as_deref(), Some("1234567"));
        for bad in ["24,00", "2,4000", ",400", "2,", "12k", "-5", "2.5", "", "1,,000"] {
            assert_eq!(p.whole_digits(bad), None, "{bad}");
        }
        assert_eq!(p.decimal_text("-1,234.5").as_deref(), Some("-1234.5"));
        assert_eq!(p.decimal_text(".5").as_deref(), Some("0.5"));
        assert_eq!(p.decimal_text("12,5"), None);
        assert_eq!(p.decimal_text("inf"), None);
        assert_eq!(p.decimal_text("1e5"), None);
        let c = NumberFormat::Comma;
        assert_eq!(c.whole_digits("2.400").as_deref(), Some("2400"));
        assert_eq!(c.decimal_text("-1.234,5").as_deref(), Some("-1234.5"));
        assert_eq!(c.decimal_text("12.5"), None, "a point groups thousands here");
        let s = NumberFormat::SpaceComma;
        assert_eq!(s.whole_digits("2\u{a0}400").as_deref(), Some("2400"));
        assert_eq!(s.decimal_text("-12,5").as_deref(), Some("-12.5"));
        assert_eq!(NumberFormat::Apostrophe.whole_digits("2'400").as_deref(), Some("2400"));
    }

    #[test]
    fn flags() {
        for (text, value) in [("Yes", true), ("1", true), ("y", true), ("FALSE", false), ("0", false)] {
            assert_eq!(read_flag(text), Some(value), "{text}");
        }
        assert_eq!(read_flag("maybe"), None);
    }
}
