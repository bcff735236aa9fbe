//! Folding a stem's Latin letters to ASCII.

/// Whether `c` is in a Latin block whose letters fold: Latin-1
/// Supplement, Latin Extended-A and -B, Latin Extended Additional.
fn latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// `word` with each Latin letter outside ASCII replaced by its ASCII
/// letters (`é` to `e`, `ß` to `ss`, `æ` to `ae`), lowercase; other
/// characters (Cyrillic, Greek, ...) kept. The table is deunicode's: a
/// well-kept transliteration table rather than one of our own.
pub(super) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match deunicode::deunicode_char(c) {
            Some(ascii)
                if latin(c) && !ascii.is_empty() && ascii.bytes().all(|b| b.is_ascii_alphanumeric()) =>
            {
                out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()))
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn latin_letters_fold_and_other_scripts_stay() {
        assert_eq!(fold("détection"), "detection");
        assert_eq!(fold("größe"), "grosse");
        assert_eq!(fold("łódź"), "lodz");
        assert_eq!(fold("æble"), "aeble");
        assert_eq!(fold("øre"), "ore");
        assert_eq!(fold("мошенничество"), "мошенничество");
        assert_eq!(fold("plain"), "plain");
    }
}
