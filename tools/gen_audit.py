#!/usr/bin/env python3
"""Generate data/audit-2025.json and data/audit-2026.json, the fictional
sample program's leverage audits embedded in refmatch (`Audit::sample`).

Usage (from the repository root or anywhere):

    python3 tools/gen_audit.py

The output is deterministic: a fixed seed per year, no set iteration, no
clock. The script rewrites both files and prints each category's index and
priority, computed as src/analytics/audit/mod.rs defines them. It uses the
standard library only.

Four leaders answer the 20 questions of
`Questionnaire::default_questionnaire()` (the ids below must match
src/analytics/audit/questionnaire.rs; the crate's tests check that the
files validate against it). Each practice has a maturity per year, 0 (it
does not exist) to 5, and a base priority; each leader sees it through a
little noise and their own bias. The story:

- 2025: stories and an advisory board exist, but there is no written
  strategy, no co-creation and no metric tied to deals; networking (events,
  community, several relationship holders) is the program's strength.
- 2026: a written strategy and deal-impact metrics arrive, advocacy
  improves; networking slips, as events were cut and the person who held
  several key relationships left.
"""

import json
import os
import random

RESPONDENTS = [
    # id, rating optimism, priority bias per category
    ("vp-sales", 0, {"advocacy": 1, "measurement": 1, "innovation": -1}),
    ("cmo", 1, {"advocacy": 1, "networking": 1, "measurement": -1}),
    ("head-of-cs", 0, {"networking": 1, "innovation": 1, "strategy": -1}),
    ("cro", -1, {"measurement": 1, "strategy": 1, "networking": -1}),
]

# id, maturity 2025, maturity 2026, base priority 2025, base priority 2026
QUESTIONS = [
    ("advocacy.recruiting", 2, 3, 4, 4),
    ("advocacy.story-results", 3, 4, 4, 4),
    ("advocacy.content-reuse", 2, 3, 3, 4),
    ("advocacy.recognition", 1, 2, 3, 3),
    ("strategy.written", 0, 3, 4, 4),
    ("strategy.coverage-targets", 1, 3, 3, 4),
    ("strategy.executive-sponsor", 2, 3, 4, 4),
    ("strategy.resources", 2, 2, 3, 3),
    ("innovation.advisory-board", 3, 3, 3, 3),
    ("innovation.early-access", 2, 3, 3, 3),
    ("innovation.co-creation", 0, 1, 2, 2),
    ("networking.one-to-many", 4, 3, 3, 4),
    ("networking.peer-community", 3, 2, 3, 3),
    ("networking.multi-threaded", 3, 1, 4, 4),
    ("internal_alignment.shared-goals", 1, 2, 3, 3),
    ("internal_alignment.request-process", 2, 3, 3, 3),
    ("internal_alignment.account-owner", 3, 3, 3, 3),
    ("measurement.deal-impact", 0, 3, 4, 5),
    ("measurement.advocate-health", 1, 2, 3, 3),
    ("measurement.reporting", 2, 3, 3, 4),
]

SEEDS = {2025: 20250315, 2026: 20260314}
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def clamp(value):
    return max(1, min(5, value))


def answer(rng, question, maturity, priority, optimism, bias):
    category = question.split(".")[0]
    noise = rng.choice([-1, 0, 0, 1])
    result = {"question": question}
    # A patchy practice (maturity 1) is known to about half the leaders.
    exists = maturity >= 2 or (maturity == 1 and rng.random() < 0.5)
    result["exists"] = exists
    if exists:
        result["consistency"] = clamp(maturity + optimism + rng.choice([-1, 0, 0, 1]))
        result["effectiveness"] = clamp(maturity + optimism + rng.choice([-1, 0, 0, 0, 1]) - 1 + (maturity >= 4))
    result["priority"] = clamp(priority + bias.get(category, 0) + noise * (rng.random() < 0.3))
    return result


def audit(year):
    rng = random.Random(SEEDS[year])
    column = 1 if year == 2025 else 2
    responses = []
    for respondent, optimism, bias in RESPONDENTS:
        answers = []
        for row in QUESTIONS:
            maturity, priority = row[column], row[column + 2]
            answers.append(answer(rng, row[0], maturity, priority, optimism, bias))
        responses.append({"respondent": respondent, "answers": answers})
    return {"year": year, "responses": responses}


def points(a):
    if not a["exists"]:
        return 0
    return 20 + 80 * (a["consistency"] + a["effectiveness"] - 2) / 8


def summary(data):
    categories = {}
    for response in data["responses"]:
        for a in response["answers"]:
            tally = categories.setdefault(a["question"].split(".")[0], [0, 0, 0])
            tally[0] += points(a)
            tally[1] += a["priority"]
            tally[2] += 1
    weighted, weights = 0.0, 0.0
    for category, (total, priority, n) in categories.items():
        index, mean_priority = total / n, priority / n
        weighted += index * mean_priority
        weights += mean_priority
        print(f"  {category:<20} index {index:5.1f}  priority {mean_priority:.2f}")
    print(f"  overall {weighted / weights:.1f}")


def dump(data):
    """One answer per line: readable, and diffs stay small."""
    lines = ["{", f'  "year": {data["year"]},', '  "responses": [']
    for i, response in enumerate(data["responses"]):
        lines.append("    {")
        lines.append(f'      "respondent": {json.dumps(response["respondent"])},')
        lines.append('      "answers": [')
        answers = response["answers"]
        for j, a in enumerate(answers):
            comma = "," if j + 1 < len(answers) else ""
            lines.append(f"        {json.dumps(a)}{comma}")
        lines.append("      ]")
        lines.append("    }" + ("," if i + 1 < len(data["responses"]) else ""))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    for year in SEEDS:
        data = audit(year)
        path = os.path.join(DATA, f"audit-{year}.json")
        with open(path, "w", encoding="utf-8") as out:
            out.write(dump(data))
        print(f"wrote {os.path.normpath(path)}")
        summary(data)


if __name__ == "__main__":
    main()
