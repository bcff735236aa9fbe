#!/usr/bin/env python3
"""Generate data/sample.json, the fictional reference program embedded in refmatch.

Usage (from the repository root or anywhere):

    python3 tools/gen_sample.py

The output is deterministic: fixed seeds, no set iteration, no clock. The
script rewrites data/sample.json and data/sample-history.json and prints a
summary. It uses the standard library only.

The vendor is fictional and sells four product lines (Keel finance,
Sentinel risk, Harbor customer, Compass operations). Every company, person
and competitor is invented. "Today" is 2026-11-22; the ledger runs from
2025-06-01 to 2027-01-31.

The data is shaped so that ranking is interesting for the prospect used by
the quickstart (a German bank of about 3,000 employees, replacing Omnisuite,
asking about fraud detection and customer onboarding, on 2026-12-01):

- the best-known advocate, Dr. Katharina Wendler (executive at Rheinmark
  Bank AG, a large German commercial bank), is the most-used advocate of the
  ledger and sits exactly at her cap (4 held engagements in a 90-day window)
  on 2026-12-01, without a held engagement within the 14-day rest period;
- several other banks and insurers in DE, AT, CH, NL, FR and SE tell
  fraud-detection and onboarding stories, some displacing Omnisuite, at
  different levels of use;
- some close matches are excluded for other reasons: a blackout (Sparkasse
  Isartal), a paused advocate (Kornfeld Genossenschaftsbank), a favourite at
  cap with an engagement 7 days from the date (Taleris Payments).

After the ledger come the sales records the analytics read, and last the
customer quotes the search indexes. Each part draws from its own random
stream (OPPORTUNITY_SEED, FIGURE_SEED, HISTORY_SEED, QUOTE_SEED), so the
records above do not depend on them:

- opportunities: one per distinct `prospect` text of the ledger ("Norrholm
  Bank (OPP-16275)"), named after the company (PROSPECT_PROFILES gives each
  company an industry, country and size) and listing the engagements that
  supported it, plus deals without a reference (40% of all), among them
  the open demand of OPEN_DEMAND: segments the sample covers well, and
  segments with few or no advocates (hospitals in APAC and LATAM,
  retail in LATAM, utilities in AMER and APAC, a university in EMEA, mining,
  a 50-employee start-up). Ids opp-0001.. follow the creation day. A deal is
  created 20 to 200 days before it closes, mostly before its references were
  asked for; it closes after its engagements in most cases. Deals closing by
  "today" are won or lost (stage "closed"): won with probability 0.55 when
  a supporting engagement was completed by the close, 0.30 otherwise. The
  others are open, closing 2026-11-23 to 2027-04-30;
- account_figures: head count (and for 60% of them revenue) on 2024-12-31
  and 2025-12-31 of 85% of the accounts, every account without a completed
  engagement among them; the 2025 head count is the account's `employees`.
  Accounts whose advocates completed engagements grew by about 9% (median),
  the others by about 3%, some of them shrinking;
- data/sample-history.json: for every engagement, in ledger order, the rep
  who asked for it and its workflow (requested, then approved or declined
  by the account's owner, then completed or cancelled), timestamped in UTC
  working hours: the request 5 to 45 days before the date, an approval 2
  hours to 12 days later (mostly 1 to 3 working days), a decline 1 to 7
  days later, a cancellation by the rep before the date, a completion on the
  afternoon of the date. No step is later than 2026-11-22T18:00:00Z, so
  the requests for dates from 2027-01-06 on (45 days after "today") were
  made in the two weeks before "today", more than 45 days ahead; the script
  lists them. One rep works all the engagements of an opportunity (chosen
  by the prospect's sales region);
- quotes: one to four for most stories, said by their tellers, in a
  language the advocate speaks (en, de, fr, es, it, pt; English for the
  others), about the story's use case, products, displaced competitor or
  outcomes, approved for one or more channels, some until a day.
"""

import csv
import json
import math
import os
import random
from datetime import date, datetime, timedelta, timezone

SEED = 20261122
TODAY = date(2026, 11, 22)
RANK_DAY = date(2026, 12, 1)
LEDGER_START = date(2025, 6, 1)
LEDGER_END = date(2027, 1, 31)

CAP, WINDOW_DAYS, REST_DAYS = 4, 90, 14
# Rule E9: at most 5 held engagements of one account's advocates together in
# any 90 days. Rheinmark Bank AG, whose advocates hold 5 in the 90 days
# around RANK_DAY, is at it then; no other account holds more than 4.
ACCOUNT_CAP = {"cap": 5, "window_days": 90}
# Opportunity amounts and account revenues are in US dollars.
CURRENCY = "USD"
WEIGHTS = {
    "industry": 3.0,
    "use_cases": 3.0,
    "products": 2.0,
    "size": 1.5,
    "geography": 1.0,
    "seniority": 1.0,
    "competitor": 1.5,
    "freshness": 0.5,
    "evidence": 0.5,
    "text": 2.0,
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "sample.json")

rng = random.Random(SEED)



def owner_id(name):
    """The owner id refmatch derives from an owner's name (model::owner_id_of):
    lowercased, every run of characters other than letters and digits a '-'."""
    return "-".join("".join(c if c.isalnum() else " " for c in name).split()).lower()

def load_tables():
    with open(os.path.join(ROOT, "data", "naics-2022.csv"), newline="", encoding="utf-8") as f:
        naics = {row["code"]: row["title"] for row in csv.DictReader(f)}
    with open(os.path.join(ROOT, "data", "countries.csv"), newline="", encoding="utf-8") as f:
        countries = {row["iso2"]: row for row in csv.DictReader(f)}
    return naics, countries


NAICS, COUNTRIES = load_tables()


def sector(code):
    two = code[:2]
    return {"31": "31-33", "32": "31-33", "33": "31-33", "44": "44-45", "45": "44-45",
            "48": "48-49", "49": "48-49"}.get(two, two)


# --------------------------------------------------------------------------
# Products

PRODUCTS = [
    ("prd-ledger", "Keel Ledger", "Keel Finance"),
    ("prd-close", "Keel Close", "Keel Finance"),
    ("prd-spend", "Keel Spend", "Keel Finance"),
    ("prd-sentinel", "Sentinel Fraud", "Sentinel Risk"),
    ("prd-verify", "Sentinel Verify", "Sentinel Risk"),
    ("prd-comply", "Sentinel Comply", "Sentinel Risk"),
    ("prd-onboard", "Harbor Onboard", "Harbor Customer"),
    ("prd-engage", "Harbor Engage", "Harbor Customer"),
    ("prd-service", "Harbor Service", "Harbor Customer"),
    ("prd-insight", "Compass Insight", "Compass Operations"),
    ("prd-chain", "Compass Chain", "Compass Operations"),
    ("prd-flow", "Compass Flow", "Compass Operations"),
]
PRODUCT_NAMES = {pid: name for pid, name, _ in PRODUCTS}

# --------------------------------------------------------------------------
# Use cases: products, domain, competitors, outcomes, headlines.
# Outcome templates: (metric, unit, low, high, description with {v}).

FRAUD = "fraud detection"
ONBOARDING = "customer onboarding"

USE_CASES = {
    FRAUD: dict(
        products=["prd-sentinel", "prd-insight"], domain="risk", rivals=["Omnisuite", "Finquire"],
        headline="{s} cuts fraud losses with real-time scoring",
        numeric=[("fraud losses", "%", 18, 55, "Fraud losses down {v}% year over year"),
                 ("false-positive fraud alerts", "%", 25, 65, "{v}% fewer false-positive alerts for investigators"),
                 ("time to block a suspicious transaction", "hours", 2, 30,
                  "Suspicious transactions blocked {v} hours sooner")],
        words=("fraud investigation workload", "Investigators now work one queue instead of three")),
    ONBOARDING: dict(
        products=["prd-onboard", "prd-verify"], domain="customer", rivals=["Omnisuite", "Vantora"],
        headline="{s} onboards new customers in a fraction of the time",
        numeric=[("time to onboard a customer", "days", 2, 14, "Onboarding {v} days faster"),
                 ("abandoned applications", "%", 15, 50, "{v}% fewer abandoned applications")],
        words=("onboarding experience", "New customers sign up from their phone without paperwork")),
    "identity verification": dict(
        products=["prd-verify"], domain="risk", rivals=["Finquire"],
        headline="{s} verifies identities without manual checks",
        numeric=[("manual identity checks", "%", 30, 80, "{v}% fewer manual identity checks"),
                 ("verification time", "hours", 4, 48, "Identity verification {v} hours faster")],
        words=("verification coverage", "Every new customer is verified before the first transaction")),
    "regulatory reporting": dict(
        products=["prd-comply", "prd-ledger"], domain="finance", rivals=["Stackbridge", "Finquire"],
        headline="{s} files regulatory reports on time, every time",
        numeric=[("time to file regulatory reports", "days", 2, 10, "Regulatory reports filed {v} days sooner"),
                 ("reporting errors", "%", 20, 70, "{v}% fewer reporting errors")],
        words=("regulator feedback", "The last supervisory review closed without findings")),
    "month-end close": dict(
        products=["prd-close", "prd-ledger"], domain="finance", rivals=["Ledgerly", "Stackbridge"],
        headline="{s} closes the books days earlier",
        numeric=[("month-end close time", "days", 2, 7, "Month-end close {v} days shorter"),
                 ("manual journal entries", "%", 30, 75, "{v}% fewer manual journal entries")],
        words=("finance team workload", "The finance team no longer works weekends at month end")),
    "accounts payable automation": dict(
        products=["prd-spend", "prd-flow"], domain="finance", rivals=["Ledgerly", "Stackbridge"],
        headline="{s} pays suppliers without touching invoices",
        numeric=[("invoices processed without touch", "%", 40, 85, "{v}% of invoices processed without touch"),
                 ("cost per invoice", "USD", 2, 9, "Cost per invoice down by {v} USD")],
        words=("supplier relationships", "Suppliers are paid on time and stopped calling to chase invoices")),
    "revenue recognition": dict(
        products=["prd-ledger", "prd-close"], domain="finance", rivals=["Ledgerly"],
        headline="{s} automates revenue recognition",
        numeric=[("time to recognise revenue", "days", 3, 10, "Revenue recognised {v} days sooner"),
                 ("audit adjustments", "%", 25, 70, "{v}% fewer audit adjustments")],
        words=("audit experience", "Auditors rely on the system's schedules instead of spreadsheets")),
    "spend analytics": dict(
        products=["prd-spend", "prd-insight"], domain="finance", rivals=["Corelytics", "Ledgerly"],
        headline="{s} finds savings in every spend category",
        numeric=[("annual savings", "USD", 400000, 6000000, "{v} USD saved per year"),
                 ("spend under management", "%", 10, 35, "Spend under management up {v} points")],
        words=("spend visibility", "Category managers see every supplier in one place")),
    "audit readiness": dict(
        products=["prd-comply", "prd-close"], domain="finance", rivals=["Stackbridge"],
        headline="{s} is audit-ready all year round",
        numeric=[("audit preparation time", "days", 5, 30, "Audit preparation {v} days shorter"),
                 ("audit findings", "%", 30, 90, "{v}% fewer audit findings")],
        words=("audit outcome", "External auditors signed off with no findings")),
    "claims automation": dict(
        products=["prd-flow", "prd-service"], domain="customer", rivals=["Vantora", "Omnisuite"],
        headline="{s} settles claims in days instead of weeks",
        numeric=[("claims cycle time", "days", 2, 12, "Claims settled {v} days faster"),
                 ("claims settled without touch", "%", 20, 60, "{v}% of claims settled without touch")],
        words=("policyholder satisfaction", "Policyholders follow their claim online from first notice to payout")),
    "customer service automation": dict(
        products=["prd-service", "prd-flow"], domain="customer", rivals=["Vantora", "Omnisuite"],
        headline="{s} resolves customer requests on the first contact",
        numeric=[("average handle time", "%", 15, 45, "Average handle time down {v}%"),
                 ("requests resolved by self-service", "%", 20, 55, "{v}% of requests resolved by self-service")],
        words=("agent experience", "Agents see the whole customer history on one screen")),
    "customer retention": dict(
        products=["prd-engage", "prd-insight"], domain="customer", rivals=["Vantora", "Corelytics"],
        headline="{s} keeps more customers with personalised offers",
        numeric=[("customer churn", "%", 8, 30, "Customer churn down {v}%"),
                 ("revenue from existing customers", "USD", 1000000, 20000000,
                  "{v} USD more revenue from existing customers")],
        words=("customer loyalty", "Loyalty members now get offers that match what they buy")),
    "patient intake": dict(
        products=["prd-onboard", "prd-service"], domain="customer", rivals=["Vantora"],
        headline="{s} registers patients before they arrive",
        numeric=[("patient registration time", "minutes", 5, 25, "Registration {v} minutes shorter per patient"),
                 ("claim denials from intake errors", "%", 20, 60, "{v}% fewer claim denials from intake errors")],
        words=("front-desk experience", "Patients complete registration on their phone before the visit")),
    "supply chain visibility": dict(
        products=["prd-chain", "prd-insight"], domain="operations", rivals=["Corelytics", "Stackbridge"],
        headline="{s} sees every shipment from supplier to shelf",
        numeric=[("inventory carrying cost", "%", 8, 25, "Inventory carrying cost down {v}%"),
                 ("late shipments", "%", 20, 60, "{v}% fewer late shipments")],
        words=("planner confidence", "Planners trust one view of stock across every site")),
    "demand forecasting": dict(
        products=["prd-insight", "prd-chain"], domain="operations", rivals=["Corelytics"],
        headline="{s} forecasts demand store by store",
        numeric=[("forecast accuracy", "%", 8, 25, "Forecast accuracy up {v} points"),
                 ("stock-outs", "%", 20, 50, "{v}% fewer stock-outs")],
        words=("planning cycle", "Weekly planning meetings start from the forecast, not from spreadsheets")),
    "predictive maintenance": dict(
        products=["prd-insight", "prd-flow"], domain="operations", rivals=["Corelytics"],
        headline="{s} fixes equipment before it fails",
        numeric=[("unplanned downtime", "hours", 100, 1500, "{v} fewer hours of unplanned downtime per year"),
                 ("maintenance cost", "%", 10, 30, "Maintenance cost down {v}%")],
        words=("maintenance planning", "Crews are scheduled from sensor alerts instead of fixed intervals")),
}

COMPETITORS = ["Ledgerly", "Omnisuite", "Finquire", "Stackbridge", "Vantora", "Corelytics"]
assert all(r in COMPETITORS for uc in USE_CASES.values() for r in uc["rivals"])

# Use cases each industry plausibly buys for, most typical first.
FOCUS = {
    "522110": [FRAUD, ONBOARDING, "identity verification", "regulatory reporting", "customer retention",
               "month-end close"],
    "522130": [FRAUD, ONBOARDING, "customer retention", "month-end close"],
    "522180": [ONBOARDING, FRAUD, "regulatory reporting"],
    "522320": [FRAUD, "regulatory reporting", "identity verification"],
    "524126": ["claims automation", FRAUD, ONBOARDING, "customer service automation", "regulatory reporting"],
    "524113": ["claims automation", ONBOARDING, "regulatory reporting", "customer retention"],
    "513210": ["revenue recognition", "month-end close", "accounts payable automation", ONBOARDING],
    "517111": ["customer service automation", "customer retention", FRAUD, ONBOARDING],
    "541511": ["revenue recognition", "month-end close", "spend analytics"],
    "541512": ["revenue recognition", "month-end close", "accounts payable automation", "spend analytics"],
    "622110": ["patient intake", "claims automation", "accounts payable automation", "spend analytics"],
    "325412": ["supply chain visibility", "regulatory reporting", "audit readiness", "demand forecasting"],
    "336390": ["supply chain visibility", "predictive maintenance", "accounts payable automation",
               "spend analytics"],
    "334413": ["predictive maintenance", "supply chain visibility", "demand forecasting", "month-end close"],
    "445110": ["demand forecasting", "supply chain visibility", "customer retention",
               "accounts payable automation"],
    "481111": ["customer service automation", "predictive maintenance", "customer retention"],
    "493110": ["supply chain visibility", "predictive maintenance", "accounts payable automation"],
    "484121": ["supply chain visibility", "predictive maintenance", "accounts payable automation"],
    "221122": ["predictive maintenance", "customer service automation", ONBOARDING, "regulatory reporting"],
    "611310": ["accounts payable automation", "spend analytics", "month-end close",
               "customer service automation"],
    "424210": ["supply chain visibility", "demand forecasting", "audit readiness",
               "accounts payable automation"],
}

# --------------------------------------------------------------------------
# People

LANGUAGES = {  # country -> (main languages, extra language sometimes spoken)
    "DE": (["de"], None), "AT": (["de"], None), "CH": (["de"], "fr"), "FR": (["fr"], None),
    "NL": (["nl"], "de"), "SE": (["sv"], None), "ES": (["es"], None), "IT": (["it"], None),
    "PL": (["pl"], "de"), "AE": (["ar"], None), "ZA": (["en"], "af"), "US": (["en"], "es"),
    "CA": (["en"], "fr"), "BR": (["pt"], "es"), "MX": (["es"], None), "AR": (["es"], None),
    "CL": (["es"], None), "JP": (["ja"], None), "KR": (["ko"], None), "AU": (["en"], None),
    "SG": (["en"], "zh"), "IN": (["en"], "hi"),
}

NAME_LOCALE = {
    "DE": "de", "AT": "de", "CH": "de", "FR": "fr", "NL": "nl", "SE": "sv", "ES": "es", "IT": "it",
    "PL": "pl", "AE": "ar", "ZA": "za", "US": "en", "CA": "en", "BR": "pt", "MX": "es", "AR": "es",
    "CL": "es", "JP": "ja", "KR": "ko", "AU": "en", "SG": "sg", "IN": "in",
}

NAMES = {
    "de": (["Anja", "Felix", "Lukas", "Sabine", "Julia", "Matthias", "Claudia", "Stefan", "Henrik", "Nadine",
            "Florian", "Birgit", "Jan", "Svenja", "Markus", "Carina"],
           ["Brandt", "Vogt", "Lorenz", "Seidel", "Hartmann", "Krüger", "Engel", "Winter", "Sommer", "Pohl",
            "Reuter", "Busch", "Franke", "Albers", "Thiele", "Ludwig"]),
    "fr": (["Camille", "Julien", "Élodie", "Mathieu", "Claire", "Antoine", "Sophie", "Nicolas", "Aurélie",
            "Guillaume", "Margaux", "Thomas"],
           ["Lefèvre", "Girard", "Lambert", "Rousseau", "Faure", "Mercier", "Blanc", "Garnier", "Chevalier",
            "Perrin", "Morel", "Fontaine"]),
    "nl": (["Sanne", "Joost", "Femke", "Maarten", "Lotte", "Pieter", "Anouk", "Ruben", "Eline", "Bram"],
           ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos"]),
    "sv": (["Elin", "Johan", "Maja", "Oskar", "Karin", "Anders", "Linnea", "Erik", "Sara", "Fredrik"],
           ["Lindqvist", "Berg", "Sandberg", "Holm", "Ekström", "Nyberg", "Lund", "Forsberg", "Dahl", "Sjöberg"]),
    "es": (["Lucía", "Javier", "Carmen", "Diego", "Elena", "Pablo", "Marta", "Andrés", "Paula", "Sergio",
            "Valentina", "Mateo", "Camila", "Joaquín"],
           ["García", "Fernández", "Ortega", "Navarro", "Ramos", "Castillo", "Herrera", "Vargas", "Molina",
            "Rojas", "Fuentes", "Salazar"]),
    "it": (["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Elisa", "Davide"],
           ["Rossi", "Bianchi", "Ferrara", "Conti", "Marino", "Greco", "Galli", "Lombardi", "Moretti",
            "Barbieri"]),
    "pl": (["Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Michał", "Anna", "Paweł"],
           ["Nowak", "Mazur", "Krawczyk", "Zając", "Król", "Pawlak", "Sikora", "Baran"]),
    "ar": (["Omar", "Layla", "Khalid", "Fatima", "Yousef", "Mariam", "Tariq", "Noura"],
           ["Al Mansouri", "Haddad", "Al Hashimi", "Nasser", "Al Suwaidi", "Khoury", "Rahman", "Saleh"]),
    "za": (["Thandi", "Sipho", "Lerato", "Johan", "Annelie", "Pravin", "Grace", "Ruan"],
           ["Pieterse", "van der Merwe", "Naidoo", "Dlamini", "Botha", "Mokoena", "Steyn", "Nkosi"]),
    "en": (["Sarah", "Michael", "Emily", "David", "Jessica", "James", "Laura", "Ryan", "Megan", "Kevin",
            "Owen", "Grace", "Nathan", "Olivia", "Ethan", "Hannah", "Liam", "Chloe"],
           ["Whitfield", "Carter", "Brooks", "Hayes", "Sullivan", "Reed", "Foster", "Bennett", "Palmer",
            "Griffin", "Marsh", "Dawson", "Fletcher", "Harper", "Quinn", "Sinclair"]),
    "pt": (["Ana", "João", "Beatriz", "Rafael", "Larissa", "Gustavo", "Fernanda", "Thiago"],
           ["Silva", "Oliveira", "Costa", "Almeida", "Ribeiro", "Carvalho", "Teixeira", "Barbosa"]),
    "ja": (["Haruka", "Takeshi", "Yuki", "Kenta", "Aiko", "Daisuke", "Emi", "Hiroshi"],
           ["Tanaka", "Sato", "Nakamura", "Kobayashi", "Yamada", "Inoue", "Kimura", "Hayashi"]),
    "ko": (["Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Soo-ah", "Jae-hoon"],
           ["Kim", "Park", "Choi", "Jung", "Kang", "Yoon"]),
    "sg": (["Wei Ling", "Jun Hao", "Mei Xin", "Kai Wen", "Rachel", "Daniel"],
           ["Tan", "Lim", "Ng", "Goh", "Chua", "Teo"]),
    "in": (["Ananya", "Rohan", "Kavya", "Arjun", "Meera", "Vikram", "Sneha", "Aditya"],
           ["Sharma", "Iyer", "Nair", "Reddy", "Mehta", "Kulkarni", "Banerjee", "Desai"]),
}

TITLES = {  # domain -> seniority -> titles
    "risk": {
        "executive": ["Chief Risk Officer", "Chief Information Security Officer"],
        "vp": ["VP Financial Crime", "VP Risk Operations"],
        "director": ["Director of Fraud Prevention", "Director, Compliance Technology"],
        "manager": ["Fraud Operations Manager", "KYC Operations Manager"],
        "individual": ["Fraud Data Scientist", "Senior Risk Analyst"],
    },
    "finance": {
        "executive": ["Chief Financial Officer", "Chief Accounting Officer"],
        "vp": ["VP Finance", "VP Finance Transformation"],
        "director": ["Finance Director", "Director of Financial Reporting"],
        "manager": ["Financial Controller", "Accounts Payable Manager"],
        "individual": ["Senior Financial Analyst", "Finance Systems Analyst"],
    },
    "customer": {
        "executive": ["Chief Customer Officer", "Chief Digital Officer"],
        "vp": ["VP Customer Experience", "VP Digital Channels"],
        "director": ["Director, Customer Operations", "Head of Digital Sales"],
        "manager": ["Service Operations Manager", "Customer Onboarding Manager"],
        "individual": ["Product Owner", "Process Automation Lead"],
    },
    "operations": {
        "executive": ["Chief Operating Officer", "Chief Supply Chain Officer"],
        "vp": ["VP Operations", "VP Supply Chain"],
        "director": ["Director of Logistics", "Director, Asset Management"],
        "manager": ["Supply Planning Manager", "Maintenance Planning Manager"],
        "individual": ["Data Engineer", "Senior Demand Planner"],
    },
}
GENERIC_TITLES = {
    "executive": ["Chief Information Officer", "Chief Technology Officer"],
    "vp": ["VP Information Technology"],
    "director": ["IT Director", "Director of Enterprise Applications"],
    "manager": ["IT Program Manager", "Business Systems Manager"],
    "individual": ["Solutions Architect", "Business Analyst"],
}
SENIORITY = ["executive", "vp", "director", "manager", "individual"]

OWNERS = {
    "AMER": ["Marcus Bell", "Rachel Goldberg"],
    "LATAM": ["Tomás Ibarra"],
    "EMEA": ["Lena Hoffmann", "Hannah Vogel", "Chloé Martin", "Sofia Lindgren", "Daniel Okafor"],
    "APAC": ["Priya Raman", "Kenji Watanabe"],
}
DACH_OWNER = "Lena Hoffmann"

# --------------------------------------------------------------------------
# Accounts: (key, name, short name, NAICS, country, employees, advisory board years, status)
# The first block is the DACH/Benelux/France finance cluster the quickstart
# prospect is ranked against; the rest spread over industries and regions.

ACCOUNTS = [
    ("rheinmark", "Rheinmark Bank AG", "Rheinmark Bank", "522110", "DE", 41500, [2024, 2025, 2026]),
    ("elbufer", "Elbufer Bank AG", "Elbufer Bank", "522110", "DE", 3400, []),
    ("isartal", "Sparkasse Isartal", "Sparkasse Isartal", "522180", "DE", 2900, []),
    ("kornfeld", "Kornfeld Genossenschaftsbank eG", "Kornfeld Genossenschaftsbank", "522130", "DE", 1100, []),
    ("taleris", "Taleris Payments GmbH", "Taleris Payments", "522320", "DE", 900, []),
    ("nordwall", "Nordwall Versicherung AG", "Nordwall Versicherung", "524126", "DE", 6100, [2025, 2026]),
    ("donau", "Donau Privatbank AG", "Donau Privatbank", "522110", "AT", 2200, []),
    ("alpenrand", "Alpenrand Bank AG", "Alpenrand Bank", "522110", "CH", 5600, []),
    ("zuiderlicht", "Zuiderlicht Bank N.V.", "Zuiderlicht Bank", "522110", "NL", 8800, [2025, 2026]),
    ("serac", "Banque Sérac SA", "Banque Sérac", "522110", "FR", 12500, [2024, 2025, 2026]),
    ("fjallvik", "Fjällvik Sparbank AB", "Fjällvik Sparbank", "522110", "SE", 1400, []),
    # finance elsewhere
    ("corvara", "Assicurazioni Corvara S.p.A.", "Corvara", "524113", "IT", 4700, []),
    ("cedarridge", "Cedar Ridge Bank", "Cedar Ridge Bank", "522110", "US", 7800, [2024, 2025]),
    ("granite", "Granite Harbor Mutual Insurance", "Granite Harbor Mutual", "524126", "US", 3300, []),
    ("austral", "Banco Austral S.A.", "Banco Austral", "522110", "CL", 6900, []),
    ("pacifica", "Pacifica Trust Bank Ltd", "Pacifica Trust Bank", "522110", "AU", 11200, [2026]),
    ("marlowe", "Marlowe Life Assurance Ltd", "Marlowe Life", "524113", "ZA", 2600, []),
    ("hoshimura", "Hoshimura Shinkin Bank", "Hoshimura Shinkin Bank", "522130", "JP", 1300, []),
    ("qasr", "Qasr Al Wadi Bank PJSC", "Qasr Al Wadi Bank", "522110", "AE", 3100, []),
    ("wisla", "Bank Wiślany S.A.", "Bank Wiślany", "522110", "PL", 5200, []),
    ("serraclara", "Banco Serra Clara S.A.", "Banco Serra Clara", "522110", "BR", 16400, []),
    # information
    ("brightmere", "Brightmere Software Inc.", "Brightmere", "513210", "US", 640, [2026]),
    ("quillon", "Quillon Labs GmbH", "Quillon Labs", "513210", "DE", 85, []),
    ("telvanta", "Telvanta Networks S.A.", "Telvanta", "517111", "ES", 14800, []),
    ("dasol", "Dasol Telecom Co., Ltd.", "Dasol Telecom", "517111", "KR", 9200, []),
    ("maplewire", "Maplewire Communications Inc.", "Maplewire", "517111", "CA", 4300, []),
    # professional services
    ("arcwell", "Arcwell Consulting LLC", "Arcwell", "541512", "US", 2300, []),
    ("codewright", "Codewright Solutions Pvt Ltd", "Codewright", "541511", "IN", 5400, [2024, 2025]),
    ("nordkap", "Nordkap IT AB", "Nordkap IT", "541512", "SE", 140, []),
    ("tessaly", "Tessaly Digital Sp. z o.o.", "Tessaly Digital", "541511", "PL", 420, []),
    # health
    ("aldric", "St. Aldric Medical Center", "St. Aldric", "622110", "US", 8600, [2025, 2026]),
    ("westerau", "Klinikum Westerau", "Klinikum Westerau", "622110", "DE", 4900, []),
    ("montardan", "Centre Hospitalier du Mont-Ardan", "CH du Mont-Ardan", "622110", "FR", 3700, []),
    ("bayswell", "Bayswell Health Network", "Bayswell Health", "622110", "AU", 12400, []),
    ("maplecrest", "Maplecrest Health", "Maplecrest Health", "622110", "CA", 6200, []),
    # manufacturing
    ("verdano", "Verdano Pharma S.p.A.", "Verdano Pharma", "325412", "IT", 2800, []),
    ("heliant", "Heliant Therapeutics Inc.", "Heliant", "325412", "US", 1150, []),
    ("obermann", "Obermann Fahrzeugteile GmbH", "Obermann", "336390", "DE", 11700, [2024]),
    ("minase", "Minase Auto Parts K.K.", "Minase Auto Parts", "336390", "JP", 23000, [2025]),
    ("serrana", "Autopeças Serrana S.A.", "Autopeças Serrana", "336390", "BR", 3900, []),
    ("siltera", "Siltera Semiconductor Pte. Ltd.", "Siltera", "334413", "SG", 2100, []),
    # retail
    ("freshfold", "FreshFold Markets Inc.", "FreshFold", "445110", "US", 186000, [2024, 2025, 2026]),
    ("alameda", "Supermercados Alameda S.A. de C.V.", "Supermercados Alameda", "445110", "MX", 19500, []),
    ("viveri", "Viveri Supermercati S.p.A.", "Viveri", "445110", "IT", 7400, []),
    ("greenbasket", "Greenbasket Grocers Pty Ltd", "Greenbasket", "445110", "AU", 9800, []),
    # transportation and warehousing
    ("pampa", "Aerolíneas Pampa Azul S.A.", "Pampa Azul", "481111", "AR", 5300, []),
    ("skyvale", "Skyvale Airways Pte. Ltd.", "Skyvale Airways", "481111", "SG", 7900, []),
    ("brennholt", "Brennholt Logistik GmbH", "Brennholt Logistik", "493110", "DE", 2400, []),
    ("prairie", "Trans-Prairie Freight Inc.", "Trans-Prairie", "484121", "CA", 1700, []),
    # utilities
    ("ljusberga", "Ljusberga Energi AB", "Ljusberga Energi", "221122", "SE", 3200, []),
    ("sunmesa", "Sunmesa Power & Light Co.", "Sunmesa", "221122", "US", 4100, []),
    ("lumenor", "Lumenor Distribución S.A.", "Lumenor", "221122", "ES", 2700, []),
    # education
    ("kellington", "Kellington University", "Kellington", "611310", "US", 9500, []),
    ("litoral", "Universidad del Litoral Andino", "Universidad del Litoral Andino", "611310", "CL", 3200, []),
    ("meridale", "Meridale Institute of Technology", "Meridale", "611310", "AU", 4600, []),
    # wholesale
    ("medivance", "Medivance Distribution Ltd", "Medivance", "424210", "ZA", 1600, []),
]
DO_NOT_CONTACT_ACCOUNTS = ["granite", "telvanta"]

# --------------------------------------------------------------------------
# Hand-written advocates and stories of the finance cluster.
# Advocate: (key, account, name, title, seniority, languages, kinds, status, extras)

BEST_KNOWN = "wendler"

HAND_ADVOCATES = [
    ("wendler", "rheinmark", "Dr. Katharina Wendler", "Chief Operating Officer", "executive", ["de", "en"],
     ["reference_call", "site_visit", "case_study", "press", "speaking", "advisory_board"], "active", {}),
    ("albrecht", "rheinmark", "Jonas Albrecht", "Head of Fraud Prevention", "director", ["de", "en"],
     ["reference_call", "case_study", "webinar"], "active", {}),
    ("krueger", "rheinmark", "Sabine Krüger", "Onboarding Operations Manager", "manager", ["de"],
     ["reference_call", "review"], "active", {}),
    ("kessler", "elbufer", "Miriam Kessler", "Head of Fraud Prevention", "director", ["de", "en"],
     ["reference_call", "case_study", "webinar"], "active", {}),
    ("engel", "elbufer", "Florian Engel", "IT Architect", "individual", ["de", "en"],
     ["reference_call", "review"], "active", {}),
    ("seidel", "isartal", "Tobias Seidel", "Head of Digital Sales", "manager", ["de"],
     ["reference_call"], "active",
     {"blackouts": [(date(2026, 11, 23), date(2026, 12, 11))]}),
    ("vogt", "isartal", "Claudia Vogt", "Member of the Management Board", "executive", ["de", "en"],
     ["reference_call", "speaking"], "active", {"cap": 2}),
    ("pohl", "kornfeld", "Stefan Pohl", "Head of Risk Management", "director", ["de"],
     ["reference_call", "case_study"], "paused", {}),
    ("brandt", "taleris", "Lukas Brandt", "Lead Fraud Data Scientist", "individual", ["de", "en"],
     ["reference_call", "webinar", "review"], "active", {}),
    ("reuter", "taleris", "Anja Reuter", "VP Risk & Compliance", "vp", ["de", "en"],
     ["reference_call", "speaking"], "active", {}),
    ("lorenz", "nordwall", "Henrik Lorenz", "Director Claims Operations", "director", ["de", "en"],
     ["reference_call", "site_visit", "case_study", "advisory_board"], "active", {}),
    ("winter", "nordwall", "Julia Winter", "Claims Automation Manager", "manager", ["de", "en"],
     ["reference_call", "review"], "active", {}),
    ("hartmann", "donau", "Matthias Hartmann", "VP Financial Crime", "vp", ["de", "en"],
     ["reference_call", "case_study"], "active", {}),
    ("busch", "alpenrand", "Nadine Busch", "Chief Digital Officer", "executive", ["de", "fr", "en"],
     ["reference_call", "speaking", "press"], "active", {"cap": 2}),
    ("perrin", "alpenrand", "Élodie Perrin", "Client Onboarding Lead", "manager", ["fr", "de", "en"],
     ["reference_call"], "active", {}),
    ("bakker", "zuiderlicht", "Joost Bakker", "Director Fraud & Financial Crime", "director", ["nl", "en", "de"],
     ["reference_call", "webinar", "speaking", "advisory_board"], "active", {}),
    ("visser", "zuiderlicht", "Femke Visser", "Product Owner Onboarding", "individual", ["nl", "en"],
     ["reference_call", "review"], "active", {}),
    ("lefevre", "serac", "Camille Lefèvre", "VP Risk Operations", "vp", ["fr", "en"],
     ["reference_call", "case_study", "speaking", "advisory_board"], "active", {}),
    ("girard", "serac", "Julien Girard", "Onboarding Manager", "manager", ["fr"],
     ["reference_call"], "active", {}),
    ("holm", "fjallvik", "Maja Holm", "Fraud Operations Manager", "manager", ["sv", "en"],
     ["reference_call", "review"], "active", {}),
]


def oc(metric, value, unit, description):
    """An outcome, written the way serde writes it (no null value, no empty unit)."""
    item = {"metric": metric}
    if value is not None:
        item["value"] = value
    if unit:
        item["unit"] = unit
    item["description"] = description
    return item


# Story: (key, account, title, use cases, products, advocates, competitors, outcomes,
#         asset kinds, verified_on, approved, approved_until)
HAND_STORIES = [
    ("rheinmark-fraud", "rheinmark",
     "Rheinmark Bank stops card fraud in real time after replacing Omnisuite",
     [FRAUD, ONBOARDING], ["prd-sentinel", "prd-verify", "prd-onboard"], ["wendler", "albrecht"], ["Omnisuite"],
     [oc("card fraud losses", 41.0, "%", "Card fraud losses fell 41% in the first twelve months"),
      oc("time to open a retail account", 8.0, "days", "Retail account opening went from nine days to one"),
      oc("false-positive fraud alerts", 57.0, "%", "57% fewer false-positive alerts for the investigations team")],
     ["case_study", "video", "press_article"], date(2026, 5, 14), True, date(2027, 12, 31)),
    ("rheinmark-business", "rheinmark", "Rheinmark Bank opens business accounts in a day",
     [ONBOARDING, "identity verification"], ["prd-onboard", "prd-verify"], ["wendler", "krueger"], [],
     [oc("time to onboard a business customer", 11.0, "days", "Business onboarding down from twelve days to one"),
      oc("manual KYC reviews", 64.0, "%", "64% fewer manual KYC reviews")],
     ["slides", "quote"], date(2025, 10, 2), True, None),
    ("elbufer", "elbufer", "Elbufer Bank replaces Omnisuite and halves application fraud",
     [FRAUD, ONBOARDING], ["prd-sentinel", "prd-onboard"], ["kessler", "engel"], ["Omnisuite"],
     [oc("application fraud", 48.0, "%", "Application fraud down 48% within a year"),
      oc("time to open an account online", 10.0, "minutes", "Customers open an account online in ten minutes")],
     ["case_study", "quote"], date(2026, 3, 20), True, None),
    ("isartal", "isartal", "Sparkasse Isartal brings branch onboarding online",
     [ONBOARDING, "identity verification"], ["prd-onboard", "prd-verify"], ["seidel", "vogt"], [],
     [oc("cost per new account", 38.0, "%", "38% lower cost per new account"),
      oc("customer feedback", None, "", "Customers no longer need a branch appointment to open an account")],
     ["quote"], date(2025, 9, 12), True, None),
    ("kornfeld", "kornfeld", "Kornfeld Genossenschaftsbank automates fraud alerts for its members",
     [FRAUD], ["prd-sentinel"], ["pohl"], ["Finquire"],
     [oc("fraud alerts handled automatically", 70.0, "%", "70% of fraud alerts handled without an analyst")],
     ["case_study"], date(2024, 6, 5), True, None),
    ("taleris", "taleris", "Taleris Payments scores every transaction in 40 milliseconds",
     [FRAUD, "regulatory reporting"], ["prd-sentinel", "prd-comply"], ["brandt", "reuter"], ["Omnisuite"],
     [oc("chargeback rate", 33.0, "%", "Chargebacks down 33%"),
      oc("scoring latency", 40.0, "ms", "Every card transaction scored in 40 milliseconds")],
     ["video", "slides"], date(2026, 7, 8), True, None),
    ("nordwall-fraud", "nordwall", "Nordwall Versicherung flags suspicious claims before payout",
     ["claims automation", FRAUD], ["prd-flow", "prd-sentinel"], ["lorenz"], ["Vantora"],
     [oc("fraudulent claims detected", 27.0, "%", "27% more fraudulent claims caught before payout"),
      oc("claims cycle time", 6.0, "days", "Claims settled six days faster")],
     ["case_study", "podcast"], date(2026, 2, 11), True, None),
    ("nordwall-service", "nordwall", "Nordwall Versicherung settles simple claims within hours",
     ["claims automation", "customer service automation"], ["prd-flow", "prd-service"], ["winter", "lorenz"], [],
     [oc("time to settle a simple claim", 30.0, "hours", "Simple claims settled 30 hours sooner"),
      oc("policyholder satisfaction", None, "", "Policyholders follow their claim online from first notice to payout")],
     [], date(2024, 11, 28), True, None),
    ("donau", "donau", "Donau Privatbank retires Finquire for real-time fraud monitoring",
     [FRAUD, ONBOARDING], ["prd-sentinel", "prd-verify"], ["hartmann"], ["Finquire"],
     [oc("fraud losses", 35.0, "%", "Fraud losses down 35%"),
      oc("KYC review time", 5.0, "days", "Private clients onboarded five days faster")],
     ["case_study"], date(2025, 11, 18), True, None),
    ("alpenrand", "alpenrand", "Alpenrand Bank moves client onboarding from Omnisuite to one digital flow",
     [ONBOARDING, "identity verification", FRAUD], ["prd-onboard", "prd-verify", "prd-sentinel"],
     ["busch", "perrin"], ["Omnisuite"],
     [oc("time to onboard a client", 12.0, "days", "Client onboarding twelve days faster"),
      oc("abandoned applications", 44.0, "%", "44% fewer abandoned applications")],
     ["video", "quote"], date(2026, 8, 27), True, None),
    ("zuiderlicht", "zuiderlicht", "Zuiderlicht Bank cuts fraud losses by a third after leaving Omnisuite",
     [FRAUD, ONBOARDING], ["prd-sentinel", "prd-onboard", "prd-insight"], ["bakker", "visser"], ["Omnisuite"],
     [oc("fraud losses", 34.0, "%", "Fraud losses down 34%"),
      oc("time to onboard a customer", 4.0, "days", "Onboarding four days faster")],
     ["case_study", "slides", "review"], date(2026, 4, 9), True, None),
    ("serac", "serac", "Banque Sérac onboards small business customers in 48 hours",
     [ONBOARDING, FRAUD], ["prd-onboard", "prd-sentinel"], ["lefevre", "girard"], ["Finquire"],
     [oc("time to onboard a small business", 48.0, "hours", "Small businesses onboarded within 48 hours"),
      oc("first-party fraud", 29.0, "%", "First-party fraud down 29%")],
     ["case_study", "video"], date(2025, 6, 30), True, date(2027, 6, 30)),
    ("fjallvik", "fjallvik", "Fjällvik Sparbank catches account takeover fraud before money moves",
     [FRAUD], ["prd-sentinel"], ["holm"], [],
     [oc("account takeover losses", 52.0, "%", "Account takeover losses down 52%")],
     ["quote"], date(2023, 9, 4), True, None),
]

# --------------------------------------------------------------------------
# Ledger script: held engagements of chosen advocates near RANK_DAY.
# Key -> dates of held engagements in the 90 days either side of 2026-12-01.
# The background fill never changes these advocates' use on 2026-12-01.

WINDOW_SCRIPT = {
    # at cap (4 of 4): the best-known advocate, rested for more than 14 days
    "wendler": [date(2026, 9, 15), date(2026, 10, 6), date(2026, 10, 27), date(2026, 11, 16)],
    # at cap (4 of 4) with an approved call 7 days before the date
    "brandt": [date(2026, 9, 22), date(2026, 10, 14), date(2026, 11, 5), date(2026, 11, 24)],
    # at cap-1 (3 of 4)
    "bakker": [date(2026, 9, 9), date(2026, 10, 8), date(2026, 11, 3)],
    # cap 2, at cap-1 (1 of 2)
    "busch": [date(2026, 10, 21)],
    # lightly used
    "kessler": [date(2026, 10, 13)],
    "albrecht": [date(2026, 9, 29)],
    "lorenz": [date(2026, 9, 24), date(2026, 11, 4)],
    "lefevre": [date(2026, 9, 17), date(2026, 10, 19), date(2026, 12, 16)],
    "reuter": [],
    "perrin": [],
    "visser": [date(2026, 10, 1)],
    "winter": [],
    "seidel": [],
    "vogt": [],
    "engel": [],
}
# Generated advocates given a scripted window: (account, held dates). The
# first active advocate of the account with a story is chosen.
GENERATED_WINDOW_SCRIPT = [
    # at cap: an executive with cap 2, and a favourite with cap 4
    ("cedarridge", [date(2026, 10, 20), date(2026, 12, 15)], {"cap": 2, "seniority": "executive"}),
    ("freshfold", [date(2026, 9, 26), date(2026, 10, 12), date(2026, 10, 29), date(2026, 12, 18)], {}),
    # at cap-1
    ("codewright", [date(2026, 9, 30), date(2026, 10, 22), date(2026, 11, 12)], {}),
    ("pacifica", [date(2026, 9, 8), date(2026, 10, 15), date(2026, 12, 17)], {}),
    ("austral", [date(2026, 10, 5), date(2026, 11, 2), date(2026, 11, 17)], {}),
    ("aldric", [date(2026, 9, 3), date(2026, 10, 7), date(2026, 11, 9)], {}),
    ("obermann", [date(2026, 10, 1), date(2026, 10, 26), date(2026, 12, 18)], {}),
]
# Advocates the background fill favours heavily (besides the scripted ones).
FAVOURITES = ["brandt", "lefevre", "gen:freshfold", "gen:aldric", "gen:codewright", "gen:minase",
              "gen:brightmere"]
HAND_NEVER_ASKED = ["hartmann", "reuter", "perrin", "winter", "vogt", "girard", "seidel", "engel"]
# Total held engagements in the whole ledger of the best-known advocate; no
# other advocate may reach it.
BEST_KNOWN_HELD = 19
OTHERS_MAX_HELD = 14

PROSPECTS = ["Kestrel Mutual", "Halvard Finance", "Ostara Retail Group", "Brackwell Industries",
             "Tidewell Energy", "Lumenvale Health", "Corvane Logistics", "Quarry Lane Bank",
             "Velmora Insurance", "Silverfen Telecom", "Ashby & Crane", "Norrholm Bank",
             "Baltrum Versicherung", "Castelnuovo Banca", "Pinecrest Credit Union", "Waldeck Bank",
             "Marisol Seguros", "Orchid Pay", "Greywater Foods", "Teralis Pharma", "Helmsgate Capital",
             "Auster Motors", "Bellhaven University", "Drumlin Airways", "Korvel Systems"]


# --------------------------------------------------------------------------
# Helpers


def days(a, b):
    return (a - b).days


def iso(d):
    return d.isoformat()


def pick_date(lo, hi):
    return lo + timedelta(days=rng.randint(0, days(hi, lo)))


def used(dates, day, window):
    """SCORING.md's used(d): most held dates in any `window`-day span containing `day`."""
    best = 0
    for back in range(window):
        start = day - timedelta(days=back)
        end = start + timedelta(days=window - 1)
        best = max(best, sum(1 for x in dates if start <= x <= end))
    return best


def limits(adv):
    return (adv.get("cap", CAP), adv.get("window_days", WINDOW_DAYS), adv.get("rest_days", REST_DAYS))


def in_blackout(adv, day):
    return any(b[0] <= day <= b[1] for b in adv.get("blackouts", []))


def short_slug(text):
    out, dash = [], False
    for ch in text.lower():
        ch = {"ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e", "í": "i", "ó": "o", "á": "a", "ç": "c",
              "ñ": "n", "ś": "s", "ł": "l"}.get(ch, ch)
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


# --------------------------------------------------------------------------
# Build


def build_accounts():
    accounts = []
    for key, name, short, code, country, employees, board in ACCOUNTS:
        assert code in NAICS, code
        assert country in COUNTRIES, country
        region = COUNTRIES[country]["sales_region"]
        if country in ("DE", "AT", "CH"):
            owner = DACH_OWNER
        else:
            owner = rng.choice([o for o in OWNERS[region] if o != DACH_OWNER] or OWNERS[region])
        accounts.append(dict(key=key, name=name, short=short, industry=code, employees=employees,
                             country=country, owner=owner, advisory_board=list(board),
                             status="do_not_contact" if key in DO_NOT_CONTACT_ACCOUNTS else "active"))
    return accounts


class Names:
    def __init__(self):
        self.used = set()

    def take(self, locale):
        first, last = NAMES[locale]
        for _ in range(200):
            name = f"{rng.choice(first)} {rng.choice(last)}"
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError(f"name pool {locale} exhausted")


def languages_for(country):
    main, extra = LANGUAGES[country]
    langs = list(main)
    if extra and rng.random() < 0.3:
        langs.append(extra)
    if "en" not in langs and rng.random() < 0.85:
        langs.append("en")
    return langs


def kinds_for(seniority, on_board):
    kinds = []
    if rng.random() < 0.94:
        kinds.append("reference_call")
    extra_p = {"site_visit": 0.2, "case_study": 0.35, "press": 0.1, "speaking": 0.2, "webinar": 0.25,
               "review": 0.3}
    if seniority in ("executive", "vp"):
        extra_p.update(press=0.35, speaking=0.5, review=0.1)
    for kind in ["site_visit", "case_study", "press", "speaking", "webinar", "review"]:
        if rng.random() < extra_p[kind]:
            kinds.append(kind)
    if on_board and seniority in ("executive", "vp", "director") and rng.random() < 0.7:
        kinds.append("advisory_board")
    if not kinds:
        kinds.append(rng.choice(["case_study", "review"]))
    return kinds


def build_people_and_stories(accounts):
    by_key = {a["key"]: a for a in accounts}
    names = Names()
    advocates, stories = [], []
    for (key, account, name, title, seniority, langs, kinds, status, extras) in HAND_ADVOCATES:
        names.used.add(name)
        advocates.append(dict(key=key, account=account, name=name, title=title, seniority=seniority,
                              languages=langs, kinds=kinds, status=status, **extras))
    hand_accounts = sorted({a["account"] for a in advocates})
    for (key, account, title, use_cases, products, advs, comps, outcomes, assets, verified, approved,
         until) in HAND_STORIES:
        stories.append(dict(key=key, account=account, title=title, use_cases=use_cases, products=products,
                            advocates=advs, competitors=comps, outcomes=outcomes, asset_kinds=assets,
                            verified_on=verified, approved=approved, approved_until=until))

    seniority_weights = [0.14, 0.2, 0.26, 0.24, 0.16]
    gen_script = {acc: extras for acc, _, extras in GENERATED_WINDOW_SCRIPT}
    for acc in accounts:
        if acc["key"] in hand_accounts:
            continue
        focus = FOCUS[acc["industry"]]
        # 1-4 advocates, more at larger accounts
        size = math.log10(acc["employees"])
        n_adv = max(1, min(4, int(round(size - 1.9 + rng.random() * 1.2))))
        locale = NAME_LOCALE[acc["country"]]
        adv_keys = []
        for i in range(n_adv):
            seniority = rng.choices(SENIORITY, seniority_weights)[0]
            extras = {}
            if i == 0 and acc["key"] in gen_script:
                extras = dict(gen_script[acc["key"]])
                seniority = extras.pop("seniority", seniority)
            domain = USE_CASES[focus[min(i, len(focus) - 1)]]["domain"]
            pool = TITLES[domain][seniority] + (GENERIC_TITLES[seniority] if rng.random() < 0.25 else [])
            key = f"gen:{acc['key']}" if i == 0 else f"gen:{acc['key']}:{i}"
            adv = dict(key=key, account=acc["key"], name=names.take(locale), title=rng.choice(pool),
                       seniority=seniority, languages=languages_for(acc["country"]),
                       kinds=kinds_for(seniority, bool(acc["advisory_board"])), status="active")
            if i == 0:
                # the account's lead advocate always takes calls
                if "reference_call" not in adv["kinds"]:
                    adv["kinds"].insert(0, "reference_call")
            adv.update(extras)
            advocates.append(adv)
            adv_keys.append(key)
        # stories: 1-3, every advocate on at least one
        n_sty = 1 + (n_adv >= 2) + (n_adv >= 3 and rng.random() < 0.6) + (n_adv == 1 and rng.random() < 0.35)
        buckets = [[] for _ in range(n_sty)]
        for j, k in enumerate(adv_keys):
            buckets[j % n_sty].append(k)
        for j in range(n_sty):
            if not buckets[j]:
                buckets[j].append(rng.choice(adv_keys))
            others = [k for k in adv_keys if k not in buckets[j]]
            if others and len(buckets[j]) < 3 and rng.random() < 0.3:
                buckets[j].append(rng.choice(others))
        for j in range(n_sty):
            primary = focus[j % len(focus)] if rng.random() < 0.8 else rng.choice(focus)
            use_cases = [primary]
            for _ in range(rng.choices([0, 1, 2], [0.45, 0.4, 0.15])[0]):
                extra = rng.choice(focus)
                if extra not in use_cases:
                    use_cases.append(extra)
            products = []
            for uc in use_cases:
                for p in USE_CASES[uc]["products"]:
                    if p not in products:
                        products.append(p)
            rng.shuffle(products)
            products = products[:rng.choice([1, 2, 2, 3])]
            if not any(p in USE_CASES[primary]["products"] for p in products):
                products[0] = USE_CASES[primary]["products"][0]
            comps = []
            if rng.random() < 0.4:
                comps.append(rng.choice(USE_CASES[primary]["rivals"]))
            outcomes = []
            for uc in use_cases[: rng.choice([1, 2, 3])] if len(use_cases) > 1 else use_cases * rng.choice([1, 2]):
                outcomes.append(make_outcome(uc, [o["metric"] for o in outcomes]))
            outcomes = [o for o in outcomes if o is not None] or [make_outcome(primary, [], numeric=True)]
            verified = verified_date()
            approved = rng.random() > 0.06
            until = None
            r = rng.random()
            if approved and r < 0.3:
                until = date(2027, rng.choice([3, 6, 9, 12]), 28 if rng.random() < 0.5 else 1)
            elif approved and r < 0.38:
                until = date(2026, rng.randint(1, 10), 15)  # approval expired
            title = USE_CASES[primary]["headline"].format(s=acc["short"])
            if comps and rng.random() < 0.5:
                title += f" after replacing {comps[0]}"
            kinds = []
            if rng.random() < 0.82:
                kinds = rng.sample(["case_study", "video", "quote", "slides", "podcast", "press_article",
                                    "review"], rng.choice([1, 1, 2, 2, 3]))
            stories.append(dict(key=f"{acc['key']}-{j}", account=acc["key"], title=title, use_cases=use_cases,
                                products=products, advocates=buckets[j], competitors=comps, outcomes=outcomes,
                                asset_kinds=kinds, verified_on=verified, approved=approved,
                                approved_until=until))
    # the scripted advocates' stories stay usable for the whole ledger
    scripted_accounts = [acc for acc, _, _ in GENERATED_WINDOW_SCRIPT]
    for story in stories:
        if story["account"] in scripted_accounts:
            story["approved"], story["approved_until"] = True, None
    assign_statuses(advocates)
    return advocates, stories


def make_outcome(use_case, taken, numeric=None):
    spec = USE_CASES[use_case]
    if numeric is None:
        numeric = rng.random() < 0.85
    if not numeric:
        metric, text = spec["words"]
        return None if metric in taken else oc(metric, None, "", text)
    options = [t for t in spec["numeric"] if t[0] not in taken]
    if not options:
        return None
    metric, unit, lo, hi, text = rng.choice(options)
    if unit == "USD":
        value = float(round(rng.uniform(lo, hi), -4 if hi > 100000 else 0))
        shown = f"{int(value):,}"
    else:
        value = float(rng.randint(lo, hi))
        shown = f"{int(value)}"
    return oc(metric, value, unit, text.format(v=shown))


def verified_date():
    # more recent verifications are more common
    start, end = date(2022, 1, 10), date(2026, 11, 13)
    span = days(end, start)
    return start + timedelta(days=int(span * (rng.random() ** 0.6)))


def assign_statuses(advocates):
    generated = [a for a in advocates if a["key"].startswith("gen:") and ":" not in a["key"][4:]
                 and a["key"][4:] not in [acc for acc, _, _ in GENERATED_WINDOW_SCRIPT]
                 and a["key"] not in FAVOURITES]
    secondary = [a for a in advocates if a["key"].count(":") == 2]
    pool = secondary + generated
    picks = rng.sample(pool, 12)
    for adv, status in zip(picks, ["paused"] * 3 + ["departed"] * 5 + ["do_not_contact"] * 2 + ["cap"] * 2):
        if status == "cap":
            adv["seniority"] = "executive"
            adv["title"] = rng.choice(TITLES["finance"]["executive"] + GENERIC_TITLES["executive"])
            adv["cap"] = 2
        else:
            adv["status"] = status
    # holiday blackouts and one advocate with a longer rest period
    active = [a for a in advocates if a["status"] == "active" and a["key"].startswith("gen:")
              and "cap" not in a]
    for adv, (start, end) in zip(rng.sample(active, 4),
                                 [(date(2026, 12, 19), date(2027, 1, 6)), (date(2026, 12, 21), date(2027, 1, 3)),
                                  (date(2026, 12, 14), date(2027, 1, 8)), (date(2027, 1, 4), date(2027, 1, 22))]):
        adv["blackouts"] = [(start, end)]
    rest = [a for a in active if "blackouts" not in a]
    rng.choice(rest)["rest_days"] = 30


# --------------------------------------------------------------------------
# Ledger


def choose_kind(adv, acc, day):
    weights = {"reference_call": 8, "site_visit": 1, "case_study": 1, "press": 0.5, "speaking": 1,
               "webinar": 1, "review": 1, "advisory_board": 1.5}
    kinds = [k for k in adv["kinds"] if k != "advisory_board" or day.year in acc["advisory_board"]]
    if not kinds:
        return None
    return rng.choices(kinds, [weights[k] for k in kinds])[0]


def status_for(day, held):
    if held:
        if day < TODAY:
            return "completed"
        return "approved" if rng.random() < 0.55 else "requested"
    return rng.choice(["declined", "cancelled"]) if day < TODAY else rng.choice(["declined", "declined", "cancelled"])


def build_ledger(accounts, advocates, stories):
    acc_by_key = {a["key"]: a for a in accounts}
    adv_by_key = {a["key"]: a for a in advocates}
    stories_of = {a["key"]: [s for s in stories if a["key"] in s["advocates"]] for a in advocates}
    held = {a["key"]: [] for a in advocates}
    entries = []

    def usable_story(adv_key, day):
        options = [s for s in stories_of[adv_key]
                   if s["approved"] and (s["approved_until"] is None or day <= s["approved_until"])]
        return rng.choice(options) if options else None

    def add(adv_key, day, is_held, forced_status=None):
        adv = adv_by_key[adv_key]
        acc = acc_by_key[adv["account"]]
        story = usable_story(adv_key, day)
        kind = choose_kind(adv, acc, day)
        if story is None or kind is None:
            return False
        status = forced_status or status_for(day, is_held)
        prospect = None
        if kind in ("reference_call", "site_visit"):
            prospect = f"{rng.choice(PROSPECTS)} (OPP-{rng.randint(10000, 39999)})"
        entries.append(dict(advocate=adv_key, story=story["key"], kind=kind, date=day, status=status,
                            prospect=prospect))
        if is_held:
            held[adv_key].append(day)
        return True

    def fits(adv_key, day, frozen):
        adv = adv_by_key[adv_key]
        cap, window, rest = limits(adv)
        dates = held[adv_key]
        if in_blackout(adv, day):
            return False
        if any(abs(days(day, x)) < rest for x in dates):
            return False
        if used(dates + [day], day, window) > cap:
            return False
        if frozen and used(dates + [day], RANK_DAY, window) != used(dates, RANK_DAY, window):
            return False
        return True

    # 1. the scripted windows
    scripted = dict(WINDOW_SCRIPT)
    for acc_key, dates, _ in GENERATED_WINDOW_SCRIPT:
        scripted[f"gen:{acc_key}"] = dates
    for adv_key in sorted(scripted):
        for day in scripted[adv_key]:
            assert fits(adv_key, day, False), (adv_key, day)
            assert add(adv_key, day, True), (adv_key, day)

    # 2. the best-known advocate's history
    tries = 0
    while len(held[BEST_KNOWN]) < BEST_KNOWN_HELD:
        tries += 1
        assert tries < 5000, "could not place the best-known advocate's history"
        day = pick_date(LEDGER_START, LEDGER_END)
        if fits(BEST_KNOWN, day, True):
            add(BEST_KNOWN, day, True)
    for day in (date(2025, 11, 3), date(2026, 6, 18)):
        add(BEST_KNOWN, day, False, "declined")

    # 3. background: weighted draws over the remaining advocates
    never = set(HAND_NEVER_ASKED)
    eligible = [a for a in advocates if a["key"] != BEST_KNOWN and a["key"] not in never
                and stories_of[a["key"]]]
    plain = [a["key"] for a in eligible if a["key"].startswith("gen:") and a["key"] not in FAVOURITES
             and a["key"] not in scripted]
    untapped = set(rng.sample(plain, 14))
    never |= untapped
    pool = [a for a in eligible if a["key"] not in never]
    weights = []
    for a in pool:
        if a["key"] in FAVOURITES:
            weights.append(20.0)
        elif a["status"] != "active":
            weights.append(0.6)
        else:
            weights.append(rng.choice([0.3, 0.5, 1.0, 1.0, 2.0]))
    target = 252
    tries = 0
    first_round = list(pool)  # everyone in the pool is asked at least once, if a date fits
    while len(entries) < target:
        tries += 1
        assert tries < 200000, "ledger fill did not converge"
        adv = first_round.pop(0) if first_round and tries % 2 == 0 else rng.choices(pool, weights)[0]
        key = adv["key"]
        day = pick_date(LEDGER_START, LEDGER_END)
        if adv["status"] != "active" and day >= date(2026, 6, 1):
            continue  # paused, departed and do-not-contact people were last asked before June 2026
        if acc_by_key[adv["account"]]["status"] == "do_not_contact" and day >= date(2026, 3, 1):
            continue
        is_held = rng.random() > 0.12
        if is_held:
            if len(held[key]) >= OTHERS_MAX_HELD or not fits(key, day, key in scripted):
                continue
        elif in_blackout(adv, day):
            continue
        add(key, day, is_held)

    entries.sort(key=lambda e: (e["date"], e["advocate"], e["story"]))
    return entries


def finish(accounts, advocates, stories, entries):
    """Assigns the public ids and returns the LibraryData as plain JSON values."""
    acc_id = {a["key"]: f"acc-{i + 1:03}" for i, a in enumerate(accounts)}
    # advocates grouped by account, in account order
    order = {a["key"]: i for i, a in enumerate(accounts)}
    advocates = sorted(advocates, key=lambda a: (order[a["account"]], advocates.index(a)))
    adv_id = {a["key"]: f"adv-{i + 1:03}" for i, a in enumerate(advocates)}
    stories = sorted(stories, key=lambda s: (order[s["account"]], stories.index(s)))
    sty_id = {s["key"]: f"sty-{i + 1:03}" for i, s in enumerate(stories)}

    out_accounts = []
    for a in accounts:
        item = {"id": acc_id[a["key"]], "name": a["name"], "industry": a["industry"],
                "employees": a["employees"], "country": a["country"], "status": a["status"], "owner": a["owner"],
                "owner_id": owner_id(a["owner"])}
        if a["advisory_board"]:
            item["advisory_board"] = a["advisory_board"]
        out_accounts.append(item)

    out_advocates = []
    for a in advocates:
        item = {"id": adv_id[a["key"]], "account": acc_id[a["account"]], "name": a["name"], "title": a["title"],
                "seniority": a["seniority"], "languages": a["languages"], "kinds": a["kinds"],
                "status": a["status"]}
        for field in ("cap", "window_days", "rest_days"):
            if field in a:
                item[field] = a[field]
        if a.get("blackouts"):
            item["blackouts"] = [{"start": iso(s), "end": iso(e)} for s, e in a["blackouts"]]
        out_advocates.append(item)

    acc_by_key = {a["key"]: a for a in accounts}
    out_stories = []
    for s in stories:
        sid = sty_id[s["key"]]
        acc = acc_by_key[s["account"]]
        item = {"id": sid, "account": acc_id[s["account"]], "title": s["title"],
                "summary": summary(acc, s), "products": s["products"], "use_cases": s["use_cases"],
                "advocates": [adv_id[k] for k in s["advocates"]], "outcomes": s["outcomes"]}
        if s["competitors"]:
            item["competitors"] = s["competitors"]
        assets = []
        for kind in s["asset_kinds"]:
            asset = {"kind": kind, "location": f"https://example.com/references/{sid}/{kind.replace('_', '-')}"}
            r = rng.random()
            if r < 0.15:
                asset["approved_until"] = iso(date(rng.choice([2025, 2026]), rng.randint(1, 10), 28))
            elif r < 0.35:
                asset["approved_until"] = iso(date(rng.choice([2027, 2028]), rng.randint(1, 12), 1))
            assets.append(asset)
        if assets:
            item["assets"] = assets
        item["verified_on"] = iso(s["verified_on"])
        item["approved"] = s["approved"]
        if s["approved_until"] is not None:
            item["approved_until"] = iso(s["approved_until"])
        out_stories.append(item)

    out_engagements = []
    for i, e in enumerate(entries):
        item = {"id": f"eng-{i + 1:04}", "advocate": adv_id[e["advocate"]], "story": sty_id[e["story"]],
                "kind": e["kind"], "date": iso(e["date"]), "status": e["status"]}
        if e["prospect"]:
            item["prospect"] = e["prospect"]
        out_engagements.append(item)

    data = {
        "policy": {"cap": CAP, "window_days": WINDOW_DAYS, "rest_days": REST_DAYS, "weights": WEIGHTS,
                   "account_cap": ACCOUNT_CAP, "currency": CURRENCY},
        "products": [{"id": p, "name": n, "family": f} for p, n, f in PRODUCTS],
        "accounts": out_accounts,
        "advocates": out_advocates,
        "stories": out_stories,
        "engagements": out_engagements,
    }
    return data, adv_id


def summary(acc, s):
    country = COUNTRIES[acc["country"]]["name"]
    products = [PRODUCT_NAMES[p] for p in s["products"]]
    product_text = products[0] if len(products) == 1 else ", ".join(products[:-1]) + " and " + products[-1]
    cases = " and ".join(s["use_cases"][:2]) if len(s["use_cases"]) <= 2 else (
        ", ".join(s["use_cases"][:-1]) + " and " + s["use_cases"][-1])
    text = (f"{acc['name']} ({NAICS[acc['industry']]}, {acc['employees']:,} employees, {country}) "
            f"runs {product_text} for {cases}.")
    if s["competitors"]:
        text += f" It replaced {' and '.join(s['competitors'])}."
    text += "".join(f" {o['description']}." for o in s["outcomes"])
    return text


# --------------------------------------------------------------------------
# Checks


def check(data, adv_id):
    """Re-checks the written data against the brief, from the JSON values alone."""
    acc = {a["id"]: a for a in data["accounts"]}
    adv = {a["id"]: a for a in data["advocates"]}
    sty = {s["id"]: s for s in data["stories"]}
    assert len(data["accounts"]) >= 48 and len(data["advocates"]) >= 110 and len(data["stories"]) >= 85
    assert len({sector(a["industry"]) for a in data["accounts"]}) >= 8
    assert len({COUNTRIES[a["country"]]["sales_region"] for a in data["accounts"]}) == 4
    for s in data["stories"]:
        assert 1 <= len(s["advocates"]) <= 3 and 1 <= len(s["products"]) <= 3 and 1 <= len(s["use_cases"]) <= 3
        assert 1 <= len(s["outcomes"]) <= 3, s
        for a in s["advocates"]:
            assert adv[a]["account"] == s["account"]
    for e in data["engagements"]:
        s = sty[e["story"]]
        assert e["advocate"] in s["advocates"]
        assert e["kind"] in adv[e["advocate"]]["kinds"]
        assert LEDGER_START.isoformat() <= e["date"] <= LEDGER_END.isoformat()

    held = {}
    for e in data["engagements"]:
        if e["status"] in ("requested", "approved", "completed"):
            held.setdefault(e["advocate"], []).append(date.fromisoformat(e["date"]))
    counts = {a: len(d) for a, d in held.items()}
    best = adv_id[BEST_KNOWN]
    assert max(counts.values()) == counts[best]
    assert sorted(counts.values())[-2] < counts[best], "the best-known advocate must be the most used"

    at_cap, below = [], []
    for a in data["advocates"]:
        cap = a.get("cap", CAP)
        u = used(held.get(a["id"], []), RANK_DAY, a.get("window_days", WINDOW_DAYS))
        assert u <= cap, (a["id"], u, cap)
        if u == cap:
            at_cap.append(a["id"])
        elif u == cap - 1:
            below.append(a["id"])
    assert best in at_cap
    assert all(abs(days(d, RANK_DAY)) >= REST_DAYS for d in held[best])
    asked = {e["advocate"] for e in data["engagements"]}
    never_asked = [a["id"] for a in data["advocates"] if a["id"] not in asked]
    assert len(at_cap) >= 3 and len(below) >= 5 and len(never_asked) >= 20, (at_cap, below, len(never_asked))
    return counts, at_cap, below, never_asked


# --------------------------------------------------------------------------
# Sales: opportunities and account figures (data/sample.json's last two
# sections). They come from their own random streams, after the records
# above are final, so adding them left every earlier record as it was.

OPPORTUNITY_SEED = SEED + 1
FIGURE_SEED = SEED + 2
HISTORY_SEED = SEED + 3
OPEN_CLOSE_LAST = date(2027, 4, 30)  # open opportunities close by then
NO_REFERENCE_SHARE = 0.4  # of all opportunities, those no engagement supports
WIN_WITH_REFERENCE, WIN_WITHOUT = 0.55, 0.30

# The companies of PROSPECTS (the names engagements' `prospect` texts carry):
# NAICS code, country, employees.
PROSPECT_PROFILES = {
    "Kestrel Mutual": ("524126", "US", 4200),
    "Halvard Finance": ("522291", "NO", 850),
    "Ostara Retail Group": ("455110", "NL", 14500),
    "Brackwell Industries": ("332710", "GB", 2600),
    "Tidewell Energy": ("221122", "GB", 3800),
    "Lumenvale Health": ("622110", "US", 7400),
    "Corvane Logistics": ("493110", "BE", 2100),
    "Quarry Lane Bank": ("522110", "GB", 5600),
    "Velmora Insurance": ("524126", "PT", 1900),
    "Silverfen Telecom": ("517111", "IE", 2400),
    "Ashby & Crane": ("541211", "GB", 1100),
    "Norrholm Bank": ("522110", "SE", 3200),
    "Baltrum Versicherung": ("524126", "DE", 4600),
    "Castelnuovo Banca": ("522110", "IT", 6300),
    "Pinecrest Credit Union": ("522130", "US", 900),
    "Waldeck Bank": ("522110", "DE", 2800),
    "Marisol Seguros": ("524126", "MX", 3400),
    "Orchid Pay": ("522320", "SG", 380),
    "Greywater Foods": ("311999", "CA", 5200),
    "Teralis Pharma": ("325412", "CH", 3900),
    "Helmsgate Capital": ("523940", "GB", 650),
    "Auster Motors": ("336110", "AU", 12800),
    "Bellhaven University": ("611310", "US", 7200),
    "Drumlin Airways": ("481111", "IE", 4100),
    "Korvel Systems": ("513210", "US", 1300),
}
assert sorted(PROSPECT_PROFILES) == sorted(PROSPECTS)

# Open demand without a reference yet: (name, NAICS, country, employees).
# The first block sits where the sample has many advocates, the second
# where it has few or none (coverage gaps).
OPEN_DEMAND = [
    ("Ravensholt Sparkasse", "522180", "DE", 2600),
    ("Oudeland Verzekeringen", "524126", "NL", 5200),
    ("Crédit Aubrac", "522110", "FR", 7300),
    ("Nimbrel Software", "513210", "US", 450),
    ("Copperleaf Analytics", "513210", "US", 1200),
    # little or no supply
    ("Sakura Medical Group", "622110", "JP", 3100),  # hospitals in APAC: one account
    ("Rumah Sehat Hospitals", "622110", "ID", 5200),
    ("Lojas Ventania", "455110", "BR", 8200),  # retail in LATAM: one account
    ("Tiendas Cordillera", "445110", "CO", 6400),
    ("Prairie Crest Electric", "221122", "US", 2300),  # utilities in AMER: one account
    ("Kauri Grid Energy", "221122", "NZ", 900),  # utilities in APAC: none
    ("Hospital Santa Aurora", "622110", "BR", 2700),  # hospitals in LATAM: none
    ("Brightspan University", "611310", "GB", 6100),  # universities in EMEA: none
    ("Minera Alto Loa", "212230", "CL", 4100),  # mining: no account anywhere
    ("Costaverde Telecom", "517111", "PE", 3300),  # telecom in LATAM: none
    ("Pixelgrove", "513210", "DE", 50),  # a 50-employee start-up
]
# More companies that closed deals without a reference.
CLOSED_ONLY = [
    ("Eastgate Savings Bank", "522110", "US", 2400),
    ("Banco Pradera", "522110", "AR", 3700),
    ("Seguros Andinos", "524126", "CL", 1600),
    ("Hanbit Card", "522320", "KR", 1200),
    ("Tasman Mutual", "524113", "AU", 2900),
    ("Kaveri Finance", "522291", "IN", 4800),
    ("Lindenhof Klinik", "622110", "CH", 1900),
    ("Ironbark Freight", "484121", "AU", 1400),
    ("Meridian Grocers", "445110", "US", 23000),
    ("Nordsee Logistik", "493110", "DE", 3100),
    ("Vireo Software", "513210", "GB", 700),
    ("Solvane Énergie", "221122", "FR", 5400),
    ("Azteca Farmacéutica", "325412", "MX", 2200),
    ("Harborline Hotels", "721110", "US", 8800),
    ("Kirrin Pharmacies", "456110", "GB", 3600),
    ("Banca Lagorai", "522110", "IT", 3900),
    ("Harwick Building Society", "522130", "GB", 2100),
    ("Vestmark Forsikring", "524126", "DK", 1800),
    ("Tallgrass Cloud", "513210", "CA", 300),
]

# Use cases of the prospects' industries that FOCUS does not list.
PROSPECT_FOCUS = {
    "522291": [ONBOARDING, FRAUD, "identity verification"],
    "455110": ["demand forecasting", "supply chain visibility", "customer retention"],
    "332710": ["predictive maintenance", "supply chain visibility", "accounts payable automation"],
    "541211": ["revenue recognition", "month-end close", "audit readiness"],
    "311999": ["supply chain visibility", "demand forecasting", "spend analytics"],
    "523940": ["regulatory reporting", ONBOARDING, "identity verification"],
    "336110": ["supply chain visibility", "predictive maintenance", "spend analytics"],
    "212230": ["predictive maintenance", "spend analytics", "supply chain visibility"],
    "721110": ["customer retention", "customer service automation", "spend analytics"],
    "456110": ["demand forecasting", "customer retention", "supply chain visibility"],
}
PROSPECT_LANGUAGES = {"NO": ["no"], "GB": ["en"], "IE": ["en"], "BE": ["nl", "fr"], "PT": ["pt"],
                      "DK": ["da"], "CO": ["es"], "PE": ["es"], "NZ": ["en"], "ID": ["id"]}
OPEN_STAGES = ["discovery", "evaluation", "proposal", "negotiation"]


def company_profiles():
    profiles = {name: (code, country, employees) for name, (code, country, employees)
                in PROSPECT_PROFILES.items()}
    for name, code, country, employees in OPEN_DEMAND + CLOSED_ONLY:
        assert name not in profiles, name
        profiles[name] = (code, country, employees)
    for name, (code, country, employees) in profiles.items():
        assert code in NAICS and country in COUNTRIES and employees >= 1, name
        assert code in FOCUS or code in PROSPECT_FOCUS, code
    return profiles


def region_of(country):
    return COUNTRIES[country]["sales_region"]


def prospect_for(orng, profile):
    """The prospect of one deal: the company's profile and what this deal is about."""
    code, country, employees = profile
    focus = FOCUS.get(code) or PROSPECT_FOCUS[code]
    primary = focus[0] if orng.random() < 0.5 else orng.choice(focus)
    use_cases = [primary]
    if orng.random() < 0.45:
        extra = orng.choice(focus)
        if extra != primary:
            use_cases.append(extra)
    products = []
    for uc in use_cases:
        for p in USE_CASES[uc]["products"]:
            if p not in products:
                products.append(p)
    products = products[:orng.choice([1, 2, 2, 3])]
    prospect = {"industry": code, "employees": employees, "country": country}
    if orng.random() < 0.35:
        langs = list(LANGUAGES[country][0]) if country in LANGUAGES else list(PROSPECT_LANGUAGES[country])
        prospect["languages"] = langs + (["en"] if "en" not in langs else [])
    prospect["products"] = products
    prospect["use_cases"] = use_cases
    if orng.random() < 0.5:
        prospect["seniority"] = orng.choices(SENIORITY, [0.25, 0.3, 0.3, 0.15, 0.0])[0]
    if orng.random() < 0.4:
        prospect["competitor"] = orng.choice(USE_CASES[primary]["rivals"])
    return prospect


def deal_amount(orng, employees):
    lo, hi = 20000.0, min(2000000.0, max(60000.0, employees * 500.0))
    return float(round(math.exp(orng.uniform(math.log(lo), math.log(hi))) / 1000) * 1000)


def open_stage(orng, close):
    ahead = days(close, TODAY)
    if ahead > 120:
        return orng.choice(["discovery", "evaluation"])
    if ahead > 60:
        return orng.choice(["evaluation", "proposal"])
    return orng.choice(["proposal", "negotiation", "negotiation"])


def pick_created(orng, close, latest):
    """A creation day 20 to 200 days before `close`, not after `latest` or today."""
    hi = min(close - timedelta(days=20), latest, TODAY)
    lo = close - timedelta(days=200)
    assert lo <= hi, (close, latest)
    return lo + timedelta(days=orng.randint(0, days(hi, lo)))


def build_opportunities(data):
    """Opportunities: one per distinct `prospect` text of the ledger, plus deals
    no engagement supports. Returns them in id order (by creation day)."""
    orng = random.Random(OPPORTUNITY_SEED)
    profiles = company_profiles()
    supported = {}  # prospect text -> engagements, in ledger order
    for e in data["engagements"]:
        if "prospect" in e:
            supported.setdefault(e["prospect"], []).append(e)
    deals = []
    for text, engagements in supported.items():
        name = text.rsplit(" (OPP-", 1)[0]
        first = min(date.fromisoformat(e["date"]) for e in engagements)
        last = max(date.fromisoformat(e["date"]) for e in engagements)
        if last <= TODAY and orng.random() < 0.08:
            # the reference came after the deal closed: it did not influence it
            close = first - timedelta(days=orng.randint(3, 30))
            latest = close
        else:
            after = int(round(2 + 118 * orng.random() ** 2.5))
            close = min(last + timedelta(days=after), OPEN_CLOSE_LAST)
            latest = first - timedelta(days=46)  # opened before the reference was asked for
            if days(close, latest) > 200:
                latest = close - timedelta(days=orng.randint(150, 200))
        created = pick_created(orng, close, latest)
        deals.append(dict(name=name, profile=profiles[name], created=created, close=close,
                          engagements=[e["id"] for e in engagements]))
    n_without = round(len(deals) * NO_REFERENCE_SHARE / (1 - NO_REFERENCE_SHARE))
    for name, code, country, employees in OPEN_DEMAND:
        close = TODAY + timedelta(days=orng.randint(1, days(OPEN_CLOSE_LAST, TODAY)))
        deals.append(dict(name=name, profile=profiles[name], close=close,
                          created=pick_created(orng, close, TODAY), engagements=[]))
    closed_pool = list(PROSPECTS) * 2 + [d[0] for d in OPEN_DEMAND] + [d[0] for d in CLOSED_ONLY] * 2
    first_close, span = date(2025, 4, 1), days(TODAY, date(2025, 4, 1))
    while sum(1 for d in deals if not d["engagements"]) < n_without:
        name = orng.choice(closed_pool)
        close = first_close + timedelta(days=orng.randint(0, span))
        deals.append(dict(name=name, profile=profiles[name], close=close,
                          created=pick_created(orng, close, TODAY), engagements=[]))

    status_of = {e["id"]: (e["status"], date.fromisoformat(e["date"])) for e in data["engagements"]}
    for deal in deals:
        deal["prospect"] = prospect_for(orng, deal["profile"])
        deal["amount"] = deal_amount(orng, deal["profile"][2])
        if deal["close"] > TODAY:
            deal["status"], deal["stage"] = "open", open_stage(orng, deal["close"])
        else:
            referenced = any(status_of[e] == ("completed", d) and d <= deal["close"]
                             for e in deal["engagements"] for d in [status_of[e][1]])
            won = orng.random() < (WIN_WITH_REFERENCE if referenced else WIN_WITHOUT)
            deal["status"], deal["stage"] = ("won" if won else "lost"), "closed"

    deals.sort(key=lambda d: (d["created"], d["close"], d["name"], d["engagements"]))
    out = []
    for i, d in enumerate(deals):
        item = {"id": f"opp-{i + 1:04}", "name": d["name"], "prospect": d["prospect"], "amount": d["amount"],
                "stage": d["stage"], "created": iso(d["created"]), "close": iso(d["close"]),
                "status": d["status"]}
        if d["engagements"]:
            item["engagements"] = d["engagements"]
        out.append(item)
    return out


def completed_accounts(data):
    """Accounts with an advocate who completed an engagement."""
    account_of = {a["id"]: a["account"] for a in data["advocates"]}
    return {account_of[e["advocate"]] for e in data["engagements"] if e["status"] == "completed"}


REVENUE_PER_EMPLOYEE = {  # by sector, in the program's currency
    "52": 350000.0, "51": 280000.0, "54": 160000.0, "62": 110000.0, "31-33": 300000.0,
    "44-45": 170000.0, "48-49": 220000.0, "22": 800000.0, "61": 90000.0, "42": 900000.0,
}


def three_digits(x):
    return float(round(x, -(int(math.floor(math.log10(x))) - 2)))


def build_figures(data):
    """Figures on 2024-12-31 and 2025-12-31 for about 85% of the accounts; the
    2025 head count is the account's `employees`. Accounts whose advocates
    completed engagements grow faster."""
    frng = random.Random(FIGURE_SEED)
    advocates_helped = completed_accounts(data)
    accounts = data["accounts"]
    rest = [a["id"] for a in accounts if a["id"] not in advocates_helped]
    helped = [a["id"] for a in accounts if a["id"] in advocates_helped]
    chosen = set(rest) | set(frng.sample(helped, round(len(accounts) * 0.85) - len(rest)))
    with_revenue = set(frng.sample(sorted(chosen), round(len(chosen) * 0.6)))
    out = []
    for a in accounts:
        if a["id"] not in chosen:
            continue
        if a["id"] in advocates_helped:
            growth = frng.gauss(0.09, 0.06)
        else:
            growth = frng.gauss(0.03, 0.05)
        growth = max(-0.15, min(0.35, growth))
        employees_2025 = a["employees"]
        employees_2024 = max(1, round(employees_2025 / (1 + growth)))
        revenue = None
        if a["id"] in with_revenue:
            per_head = REVENUE_PER_EMPLOYEE[sector(a["industry"])]
            revenue_2025 = employees_2025 * per_head * math.exp(frng.gauss(0, 0.25))
            revenue_2024 = revenue_2025 / (1 + growth + frng.gauss(0.01, 0.03))
            revenue = (three_digits(revenue_2024), three_digits(revenue_2025))
        for j, (day, employees) in enumerate(((date(2024, 12, 31), employees_2024),
                                              (date(2025, 12, 31), employees_2025))):
            item = {"account": a["id"], "date": iso(day), "employees": employees}
            if revenue:
                item["revenue"] = revenue[j]
            out.append(item)
    return out


def check_sales(data):
    """Re-checks the opportunities and figures against the brief; returns counts."""
    eng = {e["id"]: e for e in data["engagements"]}
    acc = {a["id"]: a for a in data["accounts"]}
    opportunities = data["opportunities"]
    listed = {}
    for o in opportunities:
        created, close = date.fromisoformat(o["created"]), date.fromisoformat(o["close"])
        assert 20 <= days(close, created) <= 200 and created <= TODAY, o["id"]
        assert 20000 <= o["amount"] <= 2000000 and o["amount"] % 1000 == 0, o["id"]
        assert o["prospect"]["industry"] in NAICS and o["prospect"]["country"] in COUNTRIES
        if o["status"] == "open":
            assert TODAY < close <= OPEN_CLOSE_LAST and o["stage"] in OPEN_STAGES, o["id"]
        else:
            assert close <= TODAY and o["stage"] == "closed", o["id"]
        for e in o.get("engagements", []):
            listed[e] = listed.get(e, 0) + 1
            assert eng[e]["prospect"].startswith(o["name"] + " (OPP-"), (o["id"], e)
    assert all(listed.get(e["id"], 0) == (1 if "prospect" in e else 0) for e in data["engagements"])

    def influenced(o):
        return any(eng[e]["status"] == "completed" and eng[e]["date"] <= o["close"]
                   for e in o.get("engagements", []))

    closed = [o for o in opportunities if o["status"] != "open"]
    with_ref = [o for o in closed if influenced(o)]
    without = [o for o in closed if not influenced(o)]
    rate_with = sum(o["status"] == "won" for o in with_ref) / len(with_ref)
    rate_without = sum(o["status"] == "won" for o in without) / len(without)
    assert rate_with > rate_without + 0.1, (rate_with, rate_without)

    supplied = {(sector(a["industry"]), region_of(a["country"])) for a in data["accounts"]}
    open_ = [o for o in opportunities if o["status"] == "open"]
    gaps = sorted({(sector(o["prospect"]["industry"]), region_of(o["prospect"]["country"])) for o in open_}
                  - supplied)
    assert len(gaps) >= 3, gaps

    figures = data["account_figures"]
    per_account = {}
    for f in figures:
        assert f["account"] in acc and f.get("employees", 1) >= 1 and f.get("revenue", 1.0) > 0
        per_account.setdefault(f["account"], []).append(f)
    assert len(per_account) >= 0.8 * len(acc)
    helped = completed_accounts(data)

    def median(xs):
        xs = sorted(xs)
        return (xs[(len(xs) - 1) // 2] + xs[len(xs) // 2]) / 2

    growth = {k: [fs[1]["employees"] / fs[0]["employees"] - 1 for a, fs in per_account.items()
                  if (a in helped) == k] for k in (True, False)}
    assert median(growth[True]) > median(growth[False]), growth
    return dict(open=len(open_), won=sum(o["status"] == "won" for o in opportunities),
                lost=sum(o["status"] == "lost" for o in opportunities),
                with_engagements=sum(bool(o.get("engagements")) for o in opportunities),
                without=sum(not o.get("engagements") for o in opportunities),
                closed_with=len(with_ref), closed_without=len(without), rate_with=rate_with,
                rate_without=rate_without, gaps=gaps, figures=len(figures), figure_accounts=len(per_account),
                with_revenue=sum(1 for fs in per_account.values() if "revenue" in fs[0]),
                growth_helped=median(growth[True]), growth_rest=median(growth[False]),
                n_helped=len(growth[True]), n_rest=len(growth[False]))


# --------------------------------------------------------------------------
# Request history (data/sample-history.json): who asked for each engagement
# and every step of its workflow, as the ledger's RequestRecord keeps it.

HISTORY_OUT = os.path.join(ROOT, "data", "sample-history.json")
NOW = datetime(2026, 11, 22, 18, 0, tzinfo=timezone.utc)  # no step is later
REPS = {"EMEA": ["rep-maria", "rep-jonas"], "AMER": ["rep-tom", "rep-aisha"], "LATAM": ["rep-lucas"],
        "APAC": ["rep-yuki"]}
APPROVAL_REASONS = ["", "", "", "good fit", "ok", "approved, keep it to 30 minutes",
                    "fine, please brief the advocate first", "good fit, same industry"]
DECLINE_REASONS = ["account in renewal negotiation", "advocate asked for a break", "no fit with the prospect",
                   "executive sponsor unavailable", "account in renewal negotiation", "advocate asked for a break",
                   "too many requests this quarter"]
CANCEL_REASONS = ["deal slipped", "prospect chose another reference", "deal slipped", "prospect went quiet",
                  "call no longer needed"]
WORK_FIRST, WORK_LAST = 8 * 60, 17 * 60 + 55  # minutes of the day, UTC


def moment(day, minutes):
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(minutes=minutes)


def working(t):
    return t.weekday() < 5 and WORK_FIRST <= t.hour * 60 + t.minute <= WORK_LAST


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def step_after(hrng, start, lo_hours, hi_hours, bound, working_days):
    """A moment in working hours `lo_hours` to `hi_hours` after `start`, not
    after `bound`, on the working day `working_days()` working days after
    `start`'s day (drawn again until one fits)."""
    first = start + timedelta(hours=lo_hours)
    last = min(start + timedelta(hours=hi_hours), bound)
    for _ in range(500):
        day, k = start.date(), working_days()
        while k > 0:
            day += timedelta(days=1)
            k -= day.weekday() < 5
        t = moment(day, 5 * hrng.randint(WORK_FIRST // 5, WORK_LAST // 5))
        if first <= t <= last and working(t):
            return t
    t = first + timedelta(minutes=(5 - first.minute % 5) % 5)
    while t <= last:  # the first working moment that fits
        if working(t):
            return t
        t += timedelta(minutes=5)
    raise AssertionError(f"no working moment {lo_hours}-{hi_hours} h after {start} by {bound}")


def approval_days(hrng):
    """Working days from a request to its approval: mostly 1 to 3, some the
    same day, a long tail."""
    r = hrng.random()
    if r < 0.12:
        return 0
    if r < 0.88:
        return hrng.choice([1, 1, 1, 2, 2, 3])
    return hrng.randint(4, 9)


def build_history(data, opportunities):
    """One record per engagement: requested_by and the transitions that lead
    to its status. Returns the records and the engagements whose request
    could not be made 5-45 days ahead without a step after NOW."""
    hrng = random.Random(HISTORY_SEED)
    owner_of = {a["id"]: owner_id(a["owner"]) for a in data["accounts"]}
    account_of = {a["id"]: a["account"] for a in data["advocates"]}
    country_of = {a["id"]: a["country"] for a in data["accounts"]}
    rep_of = {}  # engagement -> rep: one rep works all engagements of an opportunity
    for o in opportunities:
        rep = hrng.choice(REPS[region_of(o["prospect"]["country"])])
        for e in o.get("engagements", []):
            rep_of[e] = rep
    late = []
    records = []
    for e in data["engagements"]:
        day, status = date.fromisoformat(e["date"]), e["status"]
        account = account_of[e["advocate"]]
        owner = {"id": owner_of[account], "role": "owner"}
        rep_id = rep_of.get(e["id"]) or hrng.choice(REPS[region_of(country_of[account])])
        rep = {"id": rep_id, "role": "sales_rep"}
        day_start = moment(day, 0)
        # the request: 5-45 days ahead on a working day, leaving room for the next step before NOW
        room = timedelta(days={"requested": 0, "approved": 2, "completed": 2}.get(status, 3))
        options = [day - timedelta(days=b) for b in range(5, 46)]
        options = [d for d in options if d.weekday() < 5 and moment(d, WORK_LAST) + room <= NOW]
        if not options:
            late.append(e["id"])
            recent = [TODAY - timedelta(days=b) for b in range(1, 15)]
            options = [d for d in recent if d.weekday() < 5 and moment(d, WORK_LAST) + room <= NOW]
        asked = moment(hrng.choice(options), 5 * hrng.randint(WORK_FIRST // 5, (15 * 60 + 30) // 5))
        steps = [(None, "requested", rep, asked, "")]
        before_day = min(day_start, NOW)

        def approve(bound):
            t = step_after(hrng, steps[-1][3], 2, 12 * 24, bound, lambda: approval_days(hrng))
            steps.append(("requested", "approved", owner, t, hrng.choice(APPROVAL_REASONS)))

        if status in ("approved", "completed"):
            approve(before_day)
        if status == "completed":
            assert day <= TODAY, e["id"]
            done = moment(day, 5 * hrng.randint(13 * 60 // 5, (17 * 60 + 30) // 5))
            assert done <= NOW, e["id"]
            steps.append(("approved", "completed", rep, done, ""))
        elif status == "declined":
            t = step_after(hrng, asked, 24, 7 * 24, before_day, lambda: hrng.randint(1, 5))
            steps.append(("requested", "declined", owner, t, hrng.choice(DECLINE_REASONS)))
        elif status == "cancelled":
            if hrng.random() < 0.5:
                approve(before_day - timedelta(days=1))
            t = step_after(hrng, steps[-1][3], 4, 10 * 24, before_day, lambda: hrng.randint(0, 7))
            steps.append((steps[-1][1], "cancelled", rep, t, hrng.choice(CANCEL_REASONS)))
        history = [{"from": f, "to": to, "actor": actor, "at": stamp(t), "reason": reason}
                   for f, to, actor, t, reason in steps]
        records.append({"engagement": e["id"], "requested_by": rep_id, "history": history})
    return records, late


def check_history(data, records):
    """Re-checks the history against the brief, from the JSON values alone."""
    owner_of = {a["id"]: owner_id(a["owner"]) for a in data["accounts"]}
    account_of = {a["id"]: a["account"] for a in data["advocates"]}
    paths = {"completed": ["requested", "approved", "completed"], "approved": ["requested", "approved"],
             "requested": ["requested"], "declined": ["requested", "declined"]}
    assert [r["engagement"] for r in records] == [e["id"] for e in data["engagements"]]
    for e, r in zip(data["engagements"], records):
        h = r["history"]
        path = [s["to"] for s in h]
        if e["status"] == "cancelled":
            assert path in (["requested", "cancelled"], ["requested", "approved", "cancelled"]), e["id"]
        else:
            assert path == paths[e["status"]], e["id"]
        assert h[0]["from"] is None and all(s["from"] == p["to"] for p, s in zip(h, h[1:]))
        times = [datetime.strptime(s["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) for s in h]
        assert all(a < b for a, b in zip(times, times[1:])) and times[-1] <= NOW, e["id"]
        assert h[0]["actor"] == {"id": r["requested_by"], "role": "sales_rep"}
        for s in h:
            if s["to"] in ("approved", "declined"):
                assert s["actor"] == {"id": owner_of[account_of[e["advocate"]]], "role": "owner"}
                hours = (times[h.index(s)] - times[0]).total_seconds() / 3600
                assert (2 <= hours <= 288) if s["to"] == "approved" else (24 <= hours <= 168), e["id"]
            elif s["to"] in ("completed", "cancelled"):
                assert s["actor"]["role"] == "sales_rep"
            if s["to"] in ("declined", "cancelled"):
                assert s["reason"], e["id"]
        if e["status"] == "completed":
            assert h[-1]["at"][:10] == e["date"]
    return sum(len(r["history"]) for r in records), sorted({r["requested_by"] for r in records})


# --------------------------------------------------------------------------
# Quotes: what advocates said about their stories, from their own random
# stream (QUOTE_SEED), after every other record, so nothing above depends
# on them. Most stories get one to four quotes from their tellers; a quote
# is in a language its advocate speaks (English, German, French, Spanish,
# Italian or Portuguese; English for the others), names the story's use
# case, product, displaced competitor or outcome, and is approved for one
# or more channels, some until a day (a few already passed).

QUOTE_SEED = SEED + 4
QUOTE_LANGUAGES = ["en", "de", "fr", "es", "it", "pt"]
CHANNELS = ["web", "sales_deck", "press", "social", "event"]

# The use cases in each quote language, with their article, as a customer
# would say them (German ones are all feminine, so "die"/"der" fit).
CASE_WORDS = {
    "fraud detection": ("Betrugserkennung", "la détection de la fraude", "la detección de fraude",
                        "il rilevamento delle frodi", "a detecção de fraudes"),
    "customer onboarding": ("Kontoeröffnung", "l'ouverture de compte", "el alta de clientes",
                            "l'apertura dei conti", "a abertura de contas"),
    "identity verification": ("Identitätsprüfung", "la vérification d'identité", "la verificación de identidad",
                              "la verifica dell'identità", "a verificação de identidade"),
    "regulatory reporting": ("aufsichtsrechtliche Meldung", "le reporting réglementaire", "el reporte regulatorio",
                             "la gestione delle segnalazioni di vigilanza", "a geração de relatórios regulatórios"),
    "month-end close": ("Abschlusserstellung", "la clôture mensuelle", "el cierre mensual", "la chiusura mensile",
                        "o fechamento mensal"),
    "accounts payable automation": ("Kreditorenbuchhaltung", "la comptabilité fournisseurs",
                                    "la gestión de cuentas por pagar", "la contabilità fornitori",
                                    "a gestão de contas a pagar"),
    "revenue recognition": ("Umsatzrealisierung", "la reconnaissance du chiffre d'affaires",
                            "el reconocimiento de ingresos", "il riconoscimento dei ricavi",
                            "o reconhecimento de receita"),
    "spend analytics": ("Ausgabenanalyse", "l'analyse des dépenses", "el análisis del gasto",
                        "l'analisi della spesa", "a análise de gastos"),
    "audit readiness": ("Prüfungsvorbereitung", "la préparation des audits", "la preparación de auditorías",
                        "la preparazione agli audit", "a preparação para auditorias"),
    "claims automation": ("Schadenbearbeitung", "la gestion des sinistres", "la gestión de siniestros",
                          "la gestione dei sinistri", "a gestão de sinistros"),
    "customer service automation": ("Kundenbetreuung", "le service client", "la atención al cliente",
                                    "il servizio clienti", "o atendimento ao cliente"),
    "customer retention": ("Kundenbindung", "la fidélisation des clients", "la fidelización de clientes",
                           "la fidelizzazione dei clienti", "a retenção de clientes"),
    "patient intake": ("Patientenaufnahme", "l'admission des patients", "la admisión de pacientes",
                       "l'accettazione dei pazienti", "a admissão de pacientes"),
    "supply chain visibility": ("Transparenz in der Lieferkette", "la visibilité sur la chaîne d'approvisionnement",
                                "la visibilidad de la cadena de suministro", "la visibilità sulla catena di fornitura",
                                "a visibilidade da cadeia de suprimentos"),
    "demand forecasting": ("Bedarfsplanung", "la prévision de la demande", "la previsión de la demanda",
                           "la previsione della domanda", "a previsão de demanda"),
    "predictive maintenance": ("vorausschauende Wartung", "la maintenance prédictive", "el mantenimiento predictivo",
                               "la manutenzione predittiva", "a manutenção preditiva"),
}
assert set(CASE_WORDS) == set(USE_CASES)
CASE_WORDS = {case: dict(zip(["de", "fr", "es", "it", "pt"], words)) for case, words in CASE_WORDS.items()}

# Sentence templates per language. {case}: the use case (with its article
# outside English and German); {Case}: the same, capitalized; {product}: a
# product of the story; {rival}: a displaced competitor; {outcome}: a
# numeric outcome in words (English); {value}: its number and unit;
# {company}: the account's name.
QUOTE_TEMPLATES = {
    "en": {
        "plain": ["With {product}, {case} finally runs in real time and our teams trust the numbers again.",
                  "{Case} used to take us days of manual work. Now it takes minutes.",
                  "What convinced our board was simple: {case} got faster, cheaper and easier to audit.",
                  "{product} turned {case} from a weekly fire drill into something nobody has to think about.",
                  "I would recommend {product} to any team that is serious about {case}.",
                  "The rollout took eight weeks, and {case} has been boring ever since, in the best way."],
        "rival": ["We replaced {rival} and never looked back: {case} is simply better with {product}.",
                  "Moving off {rival} was the best decision we made this year; {case} finally works end to end."],
        "outcome": ["{outcome}. That is the number our CFO quotes in every meeting.",
                    "{outcome}. We did not expect results that fast."],
        "fraud": ["Fraud cases dropped sharply once {product} started scoring every payment in real time."],
    },
    "de": {
        "plain": ["Mit {product} läuft unsere {case} endlich in Echtzeit, und die Fachbereiche vertrauen den Zahlen wieder.",
                  "Früher hat uns die {case} Tage gekostet. Heute sind es Minuten.",
                  "{product} hat die {case} bei {company} von einer Dauerbaustelle zu einem Routineprozess gemacht.",
                  "Ich empfehle {product} jedem Team, das die {case} ernst nimmt.",
                  "Die Einführung dauerte acht Wochen, seitdem ist die {case} kein Thema mehr im Vorstand."],
        "rival": ["Wir haben {rival} abgelöst und es keinen Tag bereut: die {case} funktioniert mit {product} einfach besser.",
                  "Der Wechsel von {rival} zu {product} war die beste Entscheidung des Jahres."],
        "outcome": ["{value}: das ist die Zahl, die unser Vorstand kennt, seit {product} läuft."],
        "fraud": ["Seit {product} jede Zahlung in Echtzeit bewertet, sind unsere Betrugsfälle deutlich zurückgegangen."],
    },
    "fr": {
        "plain": ["Avec {product}, {case} se fait enfin en temps réel et nos équipes font de nouveau confiance aux chiffres.",
                  "{Case} nous prenait des jours de travail manuel. Aujourd'hui, quelques minutes suffisent.",
                  "Chez {company}, {product} a complètement transformé {case}.",
                  "Je recommande {product} à toute équipe qui prend {case} au sérieux."],
        "rival": ["Nous avons remplacé {rival} et nous ne l'avons jamais regretté : {case} fonctionne mieux avec {product}.",
                  "Quitter {rival} pour {product} a été notre meilleure décision de l'année."],
        "outcome": ["Le chiffre que retient notre direction : {value}, grâce à {product}."],
        "fraud": ["Depuis que {product} évalue chaque paiement en temps réel, les cas de fraude ont nettement baissé."],
    },
    "es": {
        "plain": ["Con {product}, {case} por fin funciona en tiempo real y los equipos vuelven a confiar en los datos.",
                  "{Case} nos costaba días de trabajo manual. Ahora son minutos.",
                  "En {company}, {product} transformó por completo {case}.",
                  "Recomiendo {product} a cualquier equipo que se tome en serio {case}."],
        "rival": ["Sustituimos {rival} y no nos arrepentimos: {case} funciona mejor con {product}.",
                  "Dejar {rival} por {product} fue la mejor decisión del año."],
        "outcome": ["La cifra que repite nuestra dirección: {value}, gracias a {product}."],
        "fraud": ["Desde que {product} evalúa cada pago en tiempo real, los casos de fraude han bajado claramente."],
    },
    "it": {
        "plain": ["Con {product} {case} funziona finalmente in tempo reale e i team si fidano di nuovo dei numeri.",
                  "{Case} ci costava giorni di lavoro manuale. Oggi bastano pochi minuti.",
                  "Consiglio {product} a ogni team che prende sul serio {case}."],
        "rival": ["Abbiamo sostituito {rival} e non ce ne siamo mai pentiti: {case} funziona meglio con {product}."],
        "outcome": ["Il numero che il nostro consiglio ricorda: {value}, grazie a {product}."],
        "fraud": ["Da quando {product} valuta ogni pagamento in tempo reale, i casi di frode sono calati nettamente."],
    },
    "pt": {
        "plain": ["Com {product}, {case} finalmente funciona em tempo real e as equipes voltaram a confiar nos números.",
                  "{Case} levava dias de trabalho manual. Hoje leva minutos.",
                  "Recomendo {product} a qualquer equipe que leve {case} a sério."],
        "rival": ["Substituímos {rival} e nunca nos arrependemos: {case} funciona melhor com {product}."],
        "outcome": ["O número que a nossa diretoria lembra: {value}, graças a {product}."],
        "fraud": ["Desde que {product} avalia cada pagamento em tempo real, os casos de fraude caíram claramente."],
    },
}


def quote_language(qrng, adv):
    """A language the advocate speaks that quotes are written in, two times
    in three when there is one besides English; English otherwise (quotes
    of other speakers are approved in English)."""
    own = [lang for lang in adv["languages"] if lang in QUOTE_LANGUAGES and lang != "en"]
    if own and qrng.random() < 0.67:
        return qrng.choice(own)
    return "en"


def quote_text(qrng, lang, story, acc):
    templates = QUOTE_TEMPLATES[lang]
    case = story["use_cases"][0] if qrng.random() < 0.75 else qrng.choice(story["use_cases"])
    words = case if lang == "en" else CASE_WORDS[case][lang]
    # Outside English, only outcomes whose number reads without the metric.
    numeric = [o for o in story["outcomes"] if "value" in o and (lang == "en" or o["unit"] in ("%", "USD"))]
    kinds = ["plain", "plain"]
    if story.get("competitors"):
        kinds.append("rival")
    if numeric:
        kinds.append("outcome")
    if case == FRAUD:
        kinds.append("fraud")
    template = qrng.choice(templates[qrng.choice(kinds)])
    o = qrng.choice(numeric) if numeric else None
    value = ""
    if o is not None:
        number = f"{o['value']:g}" if lang == "en" else f"{o['value']:g}".replace(".", ",")
        value = f"{number} {o['unit']}"
    return template.format(case=words, Case=words[:1].upper() + words[1:],
                           product=PRODUCT_NAMES[qrng.choice(story["products"])],
                           rival=qrng.choice(story.get("competitors") or [""]),
                           outcome=o["description"] if o else "", value=value, company=acc["name"])


def build_quotes(data):
    """Quotes for most stories, said by their tellers."""
    qrng = random.Random(QUOTE_SEED)
    advocates = {a["id"]: a for a in data["advocates"]}
    accounts = {a["id"]: a for a in data["accounts"]}
    quotes = []
    for story in data["stories"]:
        if qrng.random() < 0.1:
            continue
        count = qrng.choice([1, 2, 2, 3, 3, 3, 4, 4])
        seen = set()
        for _ in range(count):
            adv = advocates[qrng.choice(story["advocates"])]
            lang = quote_language(qrng, adv)
            text = quote_text(qrng, lang, story, accounts[story["account"]])
            if text in seen:
                continue
            seen.add(text)
            item = {"id": f"qt-{len(quotes) + 1:04}", "story": story["id"], "advocate": adv["id"], "text": text,
                    "language": lang}
            r = qrng.random()
            if r < 0.08:
                item["approved_until"] = iso(date(qrng.choice([2025, 2026]), qrng.randint(1, 10), 28))
            elif r < 0.35:
                item["approved_until"] = iso(date(qrng.choice([2027, 2028]), qrng.randint(1, 12), 1))
            channels = [c for c in CHANNELS if qrng.random() < {"web": 0.6, "sales_deck": 0.85, "press": 0.25,
                                                                 "social": 0.35, "event": 0.3}[c]]
            item["channels"] = channels or ["sales_deck"]
            quotes.append(item)
    return quotes


def check_quotes(data):
    """Re-checks the quotes against the brief, from the JSON values alone."""
    stories = {s["id"]: s for s in data["stories"]}
    advocates = {a["id"]: a for a in data["advocates"]}
    quotes = data["quotes"]
    assert len({q["id"] for q in quotes}) == len(quotes)
    for q in quotes:
        assert q["advocate"] in stories[q["story"]]["advocates"], q["id"]
        assert q["language"] == "en" or q["language"] in advocates[q["advocate"]]["languages"], q["id"]
        assert q["text"].strip() and q["channels"], q["id"]
    with_quotes = {q["story"] for q in quotes}
    languages = {}
    for q in quotes:
        languages[q["language"]] = languages.get(q["language"], 0) + 1
    assert len(with_quotes) * 4 >= len(stories) * 3, "most stories have a quote"
    assert all(languages.get(lang, 0) >= 5 for lang in ("en", "de", "fr", "es")), languages
    return len(with_quotes), languages


def main():
    accounts = build_accounts()
    advocates, stories = build_people_and_stories(accounts)
    entries = build_ledger(accounts, advocates, stories)
    rng.shuffle(accounts)  # ids follow sign-up order, not industry
    data, adv_id = finish(accounts, advocates, stories, entries)
    counts, at_cap, below, never_asked = check(data, adv_id)
    data["opportunities"] = build_opportunities(data)
    data["account_figures"] = build_figures(data)
    sales = check_sales(data)
    history, late = build_history(data, data["opportunities"])
    steps, reps = check_history(data, history)
    data["quotes"] = build_quotes(data)
    quoted, quote_languages = check_quotes(data)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(HISTORY_OUT, "w", encoding="utf-8") as f:
        json.dump(history, f, ensure_ascii=False, indent=2)
        f.write("\n")

    outcomes = [o for s in data["stories"] for o in s["outcomes"]]
    print(f"wrote {os.path.relpath(OUT, ROOT)}")
    print(f"  {len(data['products'])} products, {len(data['accounts'])} accounts, "
          f"{len(data['advocates'])} advocates, {len(data['stories'])} stories, "
          f"{len(data['engagements'])} engagements")
    print(f"  sectors: {len({sector(a['industry']) for a in data['accounts']})}, "
          f"numeric outcomes: {sum('value' in o for o in outcomes)}/{len(outcomes)}")
    print(f"  best-known advocate: {adv_id[BEST_KNOWN]} ({counts[adv_id[BEST_KNOWN]]} held engagements)")
    print(f"  at cap on {RANK_DAY}: {', '.join(at_cap)}")
    print(f"  at cap-1 on {RANK_DAY}: {', '.join(below)}")
    print(f"  never asked: {len(never_asked)}")
    print(f"  opportunities: {len(data['opportunities'])} ({sales['open']} open, {sales['won']} won, "
          f"{sales['lost']} lost); {sales['with_engagements']} supported by engagements, "
          f"{sales['without']} without")
    print(f"  closed with a completed reference by the close: {sales['closed_with']}, won "
          f"{sales['rate_with']:.0%}; without: {sales['closed_without']}, won {sales['rate_without']:.0%}")
    print(f"  open in a sector x region without accounts: "
          f"{', '.join(f'{s} {r}' for s, r in sales['gaps'])}")
    print(f"  account figures: {sales['figures']} for {sales['figure_accounts']} accounts "
          f"({sales['with_revenue']} with revenue); median head-count growth 2025: "
          f"{sales['growth_helped']:+.1%} at {sales['n_helped']} accounts with completed engagements, "
          f"{sales['growth_rest']:+.1%} at the {sales['n_rest']} others")
    print(f"  quotes: {len(data['quotes'])} for {quoted} of {len(data['stories'])} stories; languages: "
          f"{', '.join(f'{k} {v}' for k, v in sorted(quote_languages.items(), key=lambda kv: -kv[1]))}")
    print(f"wrote {os.path.relpath(HISTORY_OUT, ROOT)}")
    print(f"  {len(history)} requests, {steps} transitions, reps: {', '.join(reps)}")
    if late:
        print(f"  requested more than 45 days ahead, since the request and its next step must be in "
              f"working hours before {stamp(NOW)}: {', '.join(late)}")


if __name__ == "__main__":
    main()
