//! Full-text search over the sample program's stories and quotes, from the
//! command line:
//!
//! ```text
//! cargo run --example search -- [QUERY] [--region R] [--sector S] [--kind K] [--language L] [--limit N] [--json]
//! ```
//!
//! Without a query it searches for "fraud detection Omnisuite". It prints
//! the hits (story or quote, score, account, snippet with the matched
//! words in `**`) and the facets (hits per region, sector and product), or
//! with `--json` one JSON object with `total`, `hits` and `facets`.
//! `--region` is AMER, LATAM, EMEA or APAC; `--sector` a NAICS code such
//! as `52`; `--kind` an asset kind such as `case_study`; `--language` an
//! ISO 639-1 code. The query may hold filters itself (`country:DE`); see
//! the `refmatch::search` docs for the syntax. A malformed query or a bad
//! argument gets a one-line error on standard error and exit code 2.

use std::process::ExitCode;

use refmatch::Library;
use refmatch::model::AssetKind;
use refmatch::search::{Filters, SearchIndex, SearchRequest, SearchResults};
use refmatch::taxonomy::SalesRegion;

const DEFAULT_QUERY: &str = "fraud detection Omnisuite";

const USAGE: &str =
    "usage: search [QUERY] [--region R] [--sector S] [--kind K] [--language L] [--limit N] [--json]";

struct Args {
    request: SearchRequest,
    json: bool,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let index = match SearchIndex::new(Library::sample()) {
        Ok(index) => index,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let results = match index.search(&args.request) {
        Ok(results) => results,
        Err(err) => {
            // One line: every problem, separated by semicolons.
            let problems: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
            let message = if problems.is_empty() { err.to_string() } else { problems.join("; ") };
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&results) {
            Ok(json) => println!("{json}"),
            Err(err) => {
                eprintln!("error: cannot write JSON: {err}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print_results(&index, &args.request, &results);
    }
    ExitCode::SUCCESS
}

fn parse_args(args: Vec<String>) -> Result<Option<Args>, String> {
    let mut query: Option<String> = None;
    let mut filters = Filters::new();
    let mut limit = 10;
    let mut json = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_string(), Some(value.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs a value ({USAGE})"))
        };
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--json" => json = true,
            "--region" => {
                let text = value("--region")?;
                let region = SalesRegion::ALL
                    .into_iter()
                    .find(|r| r.as_str().eq_ignore_ascii_case(&text))
                    .ok_or_else(|| {
                        format!("--region: unknown region `{text}`: expected AMER, LATAM, EMEA or APAC")
                    })?;
                filters = filters.region(region);
            }
            "--sector" => filters = filters.sector(value("--sector")?),
            "--language" => filters = filters.language(value("--language")?),
            "--kind" => {
                let text = value("--kind")?;
                let kind = AssetKind::parse(&text).ok_or_else(|| {
                    format!("--kind: unknown asset kind `{text}`: expected one of {}", AssetKind::expected())
                })?;
                filters = filters.asset_kind(kind);
            }
            "--limit" => {
                let text = value("--limit")?;
                limit = text.parse().map_err(|_| format!("--limit: `{text}` is not a number"))?;
            }
            other if other.starts_with("--") => return Err(format!("unknown option `{other}` ({USAGE})")),
            _ => match &query {
                None => query = Some(arg),
                Some(_) => return Err(format!("more than one query: quote it as one argument ({USAGE})")),
            },
        }
    }
    let request = SearchRequest::new(query.unwrap_or_else(|| DEFAULT_QUERY.to_string()))
        .with_filters(filters)
        .with_limit(limit);
    Ok(Some(Args { request, json }))
}

fn print_results(index: &SearchIndex, request: &SearchRequest, results: &SearchResults) {
    let library = index.library();
    println!("Search: {}", request.query);
    if !request.filters.is_empty() {
        println!("Filters: {:?}", request.filters);
    }
    println!("{} hits, the best {}:", results.total, results.hits.len());
    for (rank, hit) in results.hits.iter().enumerate() {
        let account = library.account(&hit.account).map_or(hit.account.as_str(), |a| a.name.as_str());
        let what = match &hit.quote {
            Some(id) => {
                let said_by =
                    library.quote(id).and_then(|q| library.advocate(&q.advocate)).map_or("", |a| &a.name);
                format!("quote {id} by {said_by}, {account} ({})", hit.language)
            }
            None => {
                let title = library.story(&hit.story).map_or("", |s| s.title.as_str());
                format!("story {}: {title}, {account}", hit.story)
            }
        };
        println!();
        println!("{:>2}. {:6.2}  {what}", rank + 1, hit.score);
        println!("            [{}] {}", hit.snippet.source, hit.snippet);
    }
    println!();
    let line = |name: &str, items: Vec<String>| {
        println!("{name:<9}{}", if items.is_empty() { "-".to_string() } else { items.join(", ") });
    };
    line("regions", results.facets.regions.iter().map(|(r, n)| format!("{r} {n}")).collect());
    line("sectors", results.facets.sectors.iter().map(|(s, n)| format!("{s} {n}")).collect());
    line(
        "products",
        results
            .facets
            .products
            .iter()
            .map(|(p, n)| format!("{} {n}", library.product(p).map_or(p.as_str(), |p| p.name.as_str())))
            .collect(),
    );
}
