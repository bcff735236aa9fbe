//! Coverage gaps: prospect segments (NAICS sector x sales region x size
//! band) with open demand and too few advocates who would score well for
//! them, found by ranking one representative prospect per segment with the
//! engine, in one batch.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use ndarray::Array3;

use super::MetricsError;
use crate::Prospect;
use crate::ledger::Program;
use crate::model::{EngagementKind, LibraryData, OpportunityStatus};
use crate::rank::Request;
use crate::taxonomy::{SalesRegion, countries, country, naics, sector_key};

/// How coverage is measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageOptions {
    /// The engagement kind advocates are ranked for. Default
    /// [`EngagementKind::ReferenceCall`].
    pub kind: EngagementKind,
    /// The day advocates are ranked for; `None` (the default) is the
    /// period's last day.
    pub day: Option<Date>,
    /// The score an advocate must reach for a segment to count as its
    /// supply. Default 0.6: with the default weights a segment prospect
    /// gives industry, size and geography, and only an advocate of the same
    /// sector can reach 0.6 (without the industry factor the best relevance
    /// is 3.5 / 6.5, about 0.54).
    pub threshold: f32,
    /// A segment with open demand and fewer advocates than this is a gap.
    /// Default 3.
    pub min_advocates: usize,
    /// Lower bounds of the size bands, in employees: the first must be 1,
    /// each above the one before. Default `[1, 100, 1_000, 10_000]`, so the
    /// bands are 1-99, 100-999, 1,000-9,999 and 10,000 or more.
    pub size_bands: Vec<u64>,
}

impl Default for CoverageOptions {
    fn default() -> CoverageOptions {
        CoverageOptions {
            kind: EngagementKind::ReferenceCall,
            day: None,
            threshold: 0.6,
            min_advocates: 3,
            size_bands: vec![1, 100, 1_000, 10_000],
        }
    }
}

/// A range of company sizes, in employees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SizeBand {
    /// Smallest size in the band.
    pub lower: u64,
    /// First size above the band; `None` for the last band.
    pub upper: Option<u64>,
}

impl SizeBand {
    /// The band as a reader writes it: `100-999`, `10000+`.
    pub fn label(&self) -> String {
        match self.upper {
            Some(upper) => format!("{}-{}", self.lower, upper - 1),
            None => format!("{}+", self.lower),
        }
    }

    /// The size the band's representative prospect gets: the geometric
    /// middle of the band (for the last band, `lower * sqrt(10)`).
    pub fn representative(&self) -> u64 {
        let lower = self.lower as f64;
        let upper = self.upper.map_or(lower * 10.0, |u| (u - 1) as f64);
        (lower * upper).sqrt().round().max(1.0) as u64
    }
}

/// One segment with open demand and too few advocates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The NAICS sector code, e.g. `52` or `31-33`.
    pub sector: String,
    /// The sector's title.
    pub sector_title: String,
    /// The sales region.
    pub region: SalesRegion,
    /// The size band.
    pub band: SizeBand,
    /// Open opportunities in the segment.
    pub open_opportunities: u32,
    /// Their summed amount.
    pub open_amount: f64,
    /// Advocates scoring at least the threshold for the segment.
    pub advocates: u32,
}

/// Supply and demand per segment. The arrays are indexed
/// `[sector, region, band]` in the order of `sectors`, `regions` and `bands`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Sector codes, in NAICS order.
    pub sectors: Vec<String>,
    /// The four sales regions.
    pub regions: Vec<SalesRegion>,
    /// The size bands.
    pub bands: Vec<SizeBand>,
    /// The score an advocate reached to count as a segment's supply.
    pub threshold: f32,
    /// Advocates whose score for the segment's representative prospect
    /// reaches the threshold.
    pub supply: Array3<u32>,
    /// Open opportunities per segment.
    pub demand: Array3<u32>,
    /// Their summed amounts.
    pub open_amount: Array3<f64>,
    /// Segments with demand and fewer than `min_advocates` advocates, the
    /// largest open amount first (ties in array order).
    pub gaps: Vec<Gap>,
    /// Open opportunities that fit no segment because their prospect lacks
    /// an industry, a country or a size, in file order.
    pub unplaced: Vec<String>,
}

pub(super) fn check(options: &CoverageOptions) -> Result<(), MetricsError> {
    if !(0.0..=1.0).contains(&options.threshold) {
        return Err(MetricsError::Threshold(options.threshold));
    }
    let bands = &options.size_bands;
    if bands.first() != Some(&1) || bands.windows(2).any(|w| w[0] >= w[1]) {
        return Err(MetricsError::SizeBands(bands.clone()));
    }
    Ok(())
}

fn band_of(bands: &[SizeBand], employees: u64) -> usize {
    bands.iter().rposition(|b| employees >= b.lower).unwrap_or(0)
}

/// The most frequent of `codes`, ties to the smallest code.
fn most_frequent<'a>(codes: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for code in codes {
        *counts.entry(code).or_default() += 1;
    }
    // max_by_key keeps the last maximum; iterate in reverse to keep the smallest code.
    counts.into_iter().rev().max_by_key(|&(_, n)| n).map(|(code, _)| code)
}

pub(super) fn coverage(
    program: &Program,
    data: &LibraryData,
    options: &CoverageOptions,
    day: Date,
    opened_by: Date,
) -> Result<Coverage, MetricsError> {
    let sectors: Vec<String> = naics()
        .iter()
        .filter(|i| i.code.len() == 2 || i.code.contains('-'))
        .map(|i| i.code.clone())
        .collect();
    let regions = SalesRegion::ALL.to_vec();
    let lowers = &options.size_bands;
    let bands: Vec<SizeBand> = lowers
        .iter()
        .enumerate()
        .map(|(i, &lower)| SizeBand { lower, upper: lowers.get(i + 1).copied() })
        .collect();
    let shape = (sectors.len(), regions.len(), bands.len());
    let sector_at: HashMap<&str, usize> = sectors.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();

    let mut demand = Array3::<u32>::zeros(shape);
    let mut open_amount = Array3::<f64>::zeros(shape);
    let mut demand_countries: HashMap<(usize, usize, usize), Vec<&str>> = HashMap::new();
    let mut unplaced = Vec::new();
    let open =
        data.opportunities.iter().filter(|o| o.status == OpportunityStatus::Open && o.created <= opened_by);
    for o in open {
        let p = &o.prospect;
        let sector =
            p.industry.as_deref().filter(|c| naics().contains(c)).and_then(|c| sector_at.get(sector_key(c)));
        let place = p.country.as_deref().and_then(country);
        match (sector, place, p.employees) {
            (Some(&s), Some(place), Some(employees)) => {
                let r = regions.iter().position(|&r| r == place.region).unwrap_or(0);
                let cell = (s, r, band_of(&bands, employees));
                demand[cell] += 1;
                open_amount[cell] += o.amount;
                demand_countries.entry(cell).or_default().push(place.code.as_str());
            }
            _ => unplaced.push(o.id.clone()),
        }
    }

    // A segment without demand is ranked from the region's most frequent
    // account country (or its first country), so supply reads the same
    // whether or not a deal is open there.
    let region_default: Vec<String> = regions
        .iter()
        .map(|&region| {
            let in_region = data
                .accounts
                .iter()
                .map(|a| a.country.as_str())
                .filter(|c| country(c).is_some_and(|c| c.region == region));
            let first = countries().iter().filter(|c| c.region == region).map(|c| c.code.as_str()).min();
            most_frequent(in_region).or(first).unwrap_or_default().to_string()
        })
        .collect();
    let mut prospects = Vec::with_capacity(shape.0 * shape.1 * shape.2);
    for (s, sector) in sectors.iter().enumerate() {
        for (r, default_country) in region_default.iter().enumerate() {
            for (b, band) in bands.iter().enumerate() {
                let countries = demand_countries.get(&(s, r, b)).map(|c| c.iter().copied());
                let code = countries.and_then(most_frequent).unwrap_or(default_country);
                prospects.push(
                    Prospect::new()
                        .with_industry(sector.clone())
                        .with_employees(band.representative())
                        .with_country(code.to_string()),
                );
            }
        }
    }
    let (_, scores) = program.score_matrix(&prospects, &Request::new(options.kind, day))?;
    let counts: Vec<u32> = scores
        .rows()
        .into_iter()
        .map(|row| row.iter().filter(|&&v| v >= options.threshold).count() as u32)
        .collect();
    let supply = Array3::from_shape_vec(shape, counts).expect("one row per segment");

    let mut gaps = Vec::new();
    for ((s, r, b), &wanted) in demand.indexed_iter() {
        let advocates = supply[(s, r, b)];
        if wanted > 0 && (advocates as usize) < options.min_advocates {
            gaps.push(Gap {
                sector: sectors[s].clone(),
                sector_title: naics().get(&sectors[s]).map(|i| i.title.clone()).unwrap_or_default(),
                region: regions[r],
                band: bands[b],
                open_opportunities: wanted,
                open_amount: open_amount[(s, r, b)],
                advocates,
            });
        }
    }
    gaps.sort_by(|a, b| b.open_amount.total_cmp(&a.open_amount));
    Ok(Coverage {
        sectors,
        regions,
        bands,
        threshold: options.threshold,
        supply,
        demand,
        open_amount,
        gaps,
        unplaced,
    })
}
