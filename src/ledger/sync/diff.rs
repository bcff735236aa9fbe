//! The record half of a sync's diff: which records of each kind an export
//! adds, changes (field by field) and lacks, against the program's.

use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::ledger::ops::records::{Record, RecordKind, figure_id};
use crate::model::{AccountFigure, LibraryData};

/// A record named by its kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RecordRef {
    /// The record's kind.
    pub kind: RecordKind,
    /// Its id within the kind (an account figure's is `account@date`).
    pub id: String,
}

/// One field whose value differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's name as files spell it; a field of a nested object is
    /// dotted (`prospect.industry`).
    pub field: String,
    /// The value before, for people: text as it is, other values as
    /// compact JSON, an absent value as `(none)`.
    pub old: String,
    /// The value after, shown the same way.
    pub new: String,
}

/// A record whose fields change, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordChange {
    /// The record's kind.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
    /// Every field that differs, in the order of the field names.
    pub fields: Vec<FieldChange>,
}

/// What an export holds against the program, for the records.
#[derive(Debug, Default)]
pub(super) struct RecordDiff {
    /// Records only the export holds, in its order, kind by kind.
    pub(super) added: Vec<Record>,
    /// Records both hold that differ: the export's version and the fields.
    pub(super) changed: Vec<(Record, RecordChange)>,
    /// Records only the program holds, in its order, kind by kind.
    pub(super) missing: Vec<Record>,
}

/// Every record of `kind` in `data`, in order.
pub(super) fn records(data: &LibraryData, kind: RecordKind) -> Vec<Record> {
    fn all<T: Clone>(items: &[T], wrap: fn(T) -> Record) -> Vec<Record> {
        items.iter().cloned().map(wrap).collect()
    }
    match kind {
        RecordKind::Product => all(&data.products, Record::Product),
        RecordKind::Account => all(&data.accounts, Record::Account),
        RecordKind::Advocate => all(&data.advocates, Record::Advocate),
        RecordKind::Story => all(&data.stories, Record::Story),
        RecordKind::Opportunity => all(&data.opportunities, Record::Opportunity),
        RecordKind::AccountFigure => all(&data.account_figures, Record::AccountFigure),
        RecordKind::Quote => all(&data.quotes, Record::Quote),
    }
}

/// The diff of `export` against `program`, kind by kind in the order of
/// [`RecordKind::ALL`]. `O(n)` plus the changed records' fields; only
/// added, changed and missing records are copied.
pub(super) fn diff(program: &LibraryData, export: &LibraryData) -> RecordDiff {
    let mut out = RecordDiff::default();
    let (a, b) = (program, export);
    kind_diff(&a.products, &b.products, |r| Cow::Borrowed(&r.id), Record::Product, &mut out);
    kind_diff(&a.accounts, &b.accounts, |r| Cow::Borrowed(&r.id), Record::Account, &mut out);
    kind_diff(&a.advocates, &b.advocates, |r| Cow::Borrowed(&r.id), Record::Advocate, &mut out);
    kind_diff(&a.stories, &b.stories, |r| Cow::Borrowed(&r.id), Record::Story, &mut out);
    kind_diff(&a.opportunities, &b.opportunities, |r| Cow::Borrowed(&r.id), Record::Opportunity, &mut out);
    let figure = |r: &AccountFigure| Cow::Owned(figure_id(r));
    kind_diff(&a.account_figures, &b.account_figures, figure, Record::AccountFigure, &mut out);
    kind_diff(&a.quotes, &b.quotes, |r| Cow::Borrowed(&r.id), Record::Quote, &mut out);
    out
}

/// [`diff`] of one kind's lists.
fn kind_diff<'a, T: Clone + PartialEq>(
    ours: &'a [T],
    theirs: &'a [T],
    id: impl Fn(&'a T) -> Cow<'a, str>,
    wrap: fn(T) -> Record,
    out: &mut RecordDiff,
) {
    let by_id: HashMap<Cow<'a, str>, &T> = ours.iter().map(|r| (id(r), r)).collect();
    let mut seen: HashSet<Cow<'a, str>> = HashSet::with_capacity(theirs.len());
    for record in theirs {
        let key = id(record);
        match by_id.get(&key) {
            None => out.added.push(wrap(record.clone())),
            Some(old) if *old == record => {}
            Some(old) => {
                let (old, new) = (wrap((*old).clone()), wrap(record.clone()));
                let change =
                    RecordChange { kind: new.kind(), id: key.to_string(), fields: field_changes(&old, &new) };
                out.changed.push((new, change));
            }
        }
        seen.insert(key);
    }
    out.missing.extend(ours.iter().filter(|r| !seen.contains(&id(r))).map(|r| wrap(r.clone())));
}

/// The fields in which `old` and `new` (of one kind) differ, as files
/// spell them.
pub(super) fn field_changes(old: &Record, new: &Record) -> Vec<FieldChange> {
    let mut out = Vec::new();
    compare("", &fields(old), &fields(new), &mut out);
    out
}

/// The record's own fields as JSON (without the kind's tag).
fn fields(record: &Record) -> Value {
    // Records are plain data: serializing them cannot fail.
    let value = serde_json::to_value(record).unwrap_or(Value::Null);
    match value {
        Value::Object(mut map) => map.remove("record").unwrap_or(Value::Null),
        other => other,
    }
}

fn compare(prefix: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    let (Value::Object(a), Value::Object(b)) = (old, new) else {
        if old != new {
            out.push(FieldChange { field: prefix.to_string(), old: shown(old), new: shown(new) });
        }
        return;
    };
    // serde_json's maps keep their keys sorted: the union comes out sorted.
    let mut names: Vec<&String> = a.keys().chain(b.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let field = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        let (x, y) = (a.get(name).unwrap_or(&Value::Null), b.get(name).unwrap_or(&Value::Null));
        match (x, y) {
            (Value::Object(_), Value::Object(_)) => compare(&field, x, y, out),
            _ if x != y => out.push(FieldChange { field, old: shown(x), new: shown(y) }),
            _ => {}
        }
    }
}

/// A value for people: text as it is, absent as `(none)`, else JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(none)".to_string(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Library;

    #[test]
    fn a_changed_advocate_names_each_field_with_both_values() {
        let library = Library::sample();
        let mut export = library.data().clone();
        let advocate = &mut export.advocates[0];
        advocate.title = "Chief Everything Officer".into();
        advocate.cap = Some(2);
        let old = library.advocates()[0].clone();
        let found = diff(library.data(), &export);
        assert!(found.added.is_empty() && found.missing.is_empty());
        let [(_, change)] = found.changed.as_slice() else { panic!("{:?}", found.changed) };
        assert_eq!((change.kind, change.id.as_str()), (RecordKind::Advocate, old.id.as_str()));
        let fields: Vec<(&str, &str, &str)> =
            change.fields.iter().map(|f| (f.field.as_str(), f.old.as_str(), f.new.as_str())).collect();
        let cap = old.cap.map_or("(none)".to_string(), |c| c.to_string());
        assert_eq!(
            fields,
            [("cap", cap.as_str(), "2"), ("title", old.title.as_str(), "Chief Everything Officer")]
        );
    }

    #[test]
    fn nested_fields_are_dotted() {
        let library = Library::sample();
        let mut export = library.data().clone();
        export.opportunities[0].prospect.country = Some("ZZ".into());
        let found = diff(library.data(), &export);
        let fields: Vec<&str> = found.changed[0].1.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["prospect.country"]);
    }
}
