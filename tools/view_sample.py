#!/usr/bin/env python3
"""Prints the sample program (data/sample.json) account by account, the way
a reference manager reads it before grading: each account's industry, size
and country; each advocate's title, seniority, languages, status, engagement
kinds, blackouts and load on the day (held engagements in the busiest
90-day window around 2026-12-01, and those within 14 days of it); each
story's use cases, products, displaced competitors, tellers, verification,
approval, assets and outcomes.

It reads records only; it scores nothing. The grades in data/judgments.json
were decided by hand from this listing (see data/JUDGMENTS.md).

    python3 tools/view_sample.py > sample.txt
"""
import json, csv, collections, datetime
d=json.load(open('data/sample.json'))
naics={r[0]:r[1] for r in csv.reader(open('data/naics-2022.csv'))}
DAY=datetime.date(2026,12,1)
held=collections.defaultdict(list)
for e in d['engagements']:
    if e['status'] in ('requested','approved','completed'):
        held[e['advocate']].append(datetime.date.fromisoformat(e['date']))
def used(a, window=90):
    days=[(x-DAY).days for x in held[a]]
    best=0
    for start in range(-window+1,1):
        best=max(best,sum(1 for o in days if start<=o<start+window))
    return best
def near(a, rest=14):
    return [x for x in held[a] if abs((x-DAY).days)<rest]
advs=collections.defaultdict(list)
for a in d['advocates']: advs[a['account']].append(a)
stos=collections.defaultdict(list)
for s in d['stories']: stos[s['account']].append(s)
for acc in d['accounts']:
    print(f"== {acc['id']} {acc['name']} | {acc['industry']} {naics.get(acc['industry'],'?')} | {acc['employees']} | {acc['country']} | {acc['status']}")
    for a in advs[acc['id']]:
        cap=a.get('cap',4)
        print(f"   {a['id']} {a['name']} | {a['title']} ({a['seniority']}) | {','.join(a['languages'])} | {a['status']} | used {used(a['id'])}/{cap} near {[str(x) for x in near(a['id'])]} | kinds {','.join(k[:3] for k in a['kinds'])}" + (f" | blackouts {a['blackouts']}" if a.get('blackouts') else ''))
    for s in stos[acc['id']]:
        oc=';'.join(o['description'] for o in s['outcomes'])
        num=any('value' in o for o in s['outcomes'])
        print(f"   {s['id']} [{','.join(s['use_cases'])}] prods {','.join(p[4:] for p in s['products'])} comp {s.get('competitors',[])} | by {','.join(s['advocates'])} | ver {s['verified_on']} appr {s['approved']} until {s.get('approved_until')} | assets {[a['kind'] for a in s.get('assets',[])]} | {'NUM' if num else 'words' if oc else 'none'}: {oc[:90]}")
