//! The industry values CRM picklists hold, and the NAICS 2022 code each one
//! means, at the depth it really means: "Banking" is Depository Credit
//! Intermediation (5221), not every kind of finance (52) nor one kind of
//! bank (522110); "Healthcare" is the whole sector (62).
//!
//! The table (`crm-industries.csv` beside this file) holds every value of
//! Salesforce's standard Account Industry picklist except "Other" (which
//! names no industry), and the industries of LinkedIn's industry list that
//! CRM exports carry most (their first names, such as "Computer
//! Software", and the names LinkedIn gave them in 2022, such as "Software
//! Development"). A value in both lists is marked so.

use std::sync::OnceLock;

use super::naics::normalize_title;

const PICKLIST_CSV: &str = include_str!("crm-industries.csv");

/// One CRM picklist value and the NAICS 2022 code it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrmIndustry {
    /// The value as the CRM writes it, e.g. "Food & Beverage".
    pub label: String,
    /// The NAICS 2022 code it means, e.g. `311`.
    pub code: String,
    /// Whether Salesforce's standard Account Industry picklist has it.
    pub salesforce: bool,
    /// Whether LinkedIn's industry list has it.
    pub linkedin: bool,
}

/// Every CRM picklist value the crate knows, in the table's order
/// (Salesforce's values first).
///
/// # Example
///
/// ```
/// let banking = refmatch::taxonomy::crm_industries().iter().find(|i| i.label == "Banking").unwrap();
/// assert_eq!(banking.code, "5221");
/// assert!(banking.salesforce && banking.linkedin);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn crm_industries() -> &'static [CrmIndustry] {
    static TABLE: OnceLock<Vec<CrmIndustry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(PICKLIST_CSV.as_bytes());
        reader
            .records()
            .map(|record| {
                // The embedded file is fixed and checked by the tests below.
                let record = record.expect("embedded crm-industries.csv is valid CSV");
                CrmIndustry {
                    label: record[0].to_string(),
                    code: record[1].to_string(),
                    salesforce: record[2].contains("salesforce"),
                    linkedin: record[2].contains("linkedin"),
                }
            })
            .collect()
    })
}

/// The key labels are compared by: [`normalize_title`] without the word
/// "and", so "Food & Beverage", "food and beverage" and "FOOD-BEVERAGE"
/// are one label.
pub(crate) fn label_key(text: &str) -> String {
    let normalized = normalize_title(text);
    if !normalized.split(' ').any(|word| word == "and") {
        return normalized;
    }
    normalized.split(' ').filter(|word| *word != "and").collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::naics;
    use std::collections::HashMap;

    #[test]
    fn every_value_names_a_code_and_keys_are_unique() {
        let mut keys = HashMap::new();
        for industry in crm_industries() {
            assert!(naics().contains(&industry.code), "{industry:?}");
            assert!(industry.salesforce || industry.linkedin, "{industry:?}");
            let key = label_key(&industry.label);
            if let Some(code) = keys.insert(key.clone(), &industry.code) {
                assert_eq!(code, &industry.code, "{key:?} means two codes");
            }
        }
        // Salesforce's standard picklist: 32 values, less "Other".
        assert_eq!(crm_industries().iter().filter(|i| i.salesforce).count(), 31);
    }

    #[test]
    fn keys() {
        assert_eq!(label_key("Food & Beverage"), "food beverage");
        assert_eq!(label_key(" food and  beverage"), "food beverage");
        assert_eq!(label_key("Banking"), "banking");
    }
}
