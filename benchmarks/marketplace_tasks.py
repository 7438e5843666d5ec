"""Benchmark of the persisted marketplace pipeline on PostgreSQL.

Loads a synthetic municipality with N needs and N offers (default 10,000 each,
text drawn from the evaluation set's vocabulary, as benchmarks/marketplace_matching.py
does) into a database of its own (dropped and re-created), then times:

1. the full recompute task (`recompute_matches`): read every open listing, fit the
   engine, rank, and write all Match rows;
2. the incremental task (`update_matches_for`) after one need changes, with the
   fitted engine cached in this process (the normal path in a task worker);
3. the same after one offer changes, and after a need is marked as met.

Usage: python benchmarks/marketplace_tasks.py [--db-url postgres://postgres@127.0.0.1:5432/samenspel_bench_mkt]
       [--n 10000] [--updates 5]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from _postgres import recreate_database  # benchmarks/ is the script's own folder

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def load(n: int, seed: int = 7):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from samenspel.accounts.models import User
    from samenspel.marketplace import evaluation, matching
    from samenspel.marketplace.models import Need, Offer
    from samenspel.municipalities.models import Municipality, Neighbourhood, Theme
    from samenspel.organisations.models import Organisation

    rng = random.Random(seed)
    pairs = evaluation.load_evaluation_set(evaluation.PAIRS_CSV)
    texts = [p.offer.text for p in pairs] + [p.need.text for p in pairs if p.need]
    counts = Counter(w for t in texts for w in re.findall(r"[^\W\d_]+", t.lower()))
    words, freqs = zip(*counts.items(), strict=True)

    municipality = Municipality.objects.create(name="Benchdorp", slug="benchdorp", cbs_code="GM7001")
    areas = [
        Neighbourhood.objects.create(
            municipality=municipality, name=f"Wijk {i}", slug=f"wijk-{i}", cbs_code=f"WK7001{i:02d}"
        )
        for i in range(12)
    ]
    centres = [(52.05 + (i // 4) * 0.02, 5.5 + (i % 4) * 0.03) for i in range(12)]
    themes = [Theme.objects.create(municipality=municipality, slug=s, name=s) for s in matching.THEMES]
    person = User.objects.create(email="bench@voorbeeld.test", display_name="Bench")
    organisations = Organisation.objects.bulk_create(
        Organisation(municipality=municipality, name=f"Organisatie {i}", slug=f"org-{i}", kind="bedrijf")
        for i in range(200)
    )

    def listing(model, i):
        text = " ".join(rng.choices(words, weights=freqs, k=rng.randint(12, 35)))
        area = rng.randrange(12)
        category = rng.choice(matching.KINDS)
        lat, lon = centres[area]
        located = rng.random() >= 0.1
        return model(
            municipality=municipality,
            category=category,
            title=text[:100],
            description=text,
            amount_eur=100 if category == "money" and model is Need else None,
            organisation=organisations[i % len(organisations)],
            created_by=person,
            neighbourhood=areas[area] if located else None,
            lat=lat + rng.uniform(-0.004, 0.004) if located else None,
            lon=lon + rng.uniform(-0.006, 0.006) if located else None,
        )

    for model in (Need, Offer):
        rows = model.objects.bulk_create((listing(model, i) for i in range(n)), batch_size=2000)
        through = model.themes.through
        links = [
            through(**{f"{model.__name__.lower()}_id": row.pk, "theme_id": theme.pk})
            for row in rows
            for theme in rng.sample(themes, rng.randint(0, 2))
        ]
        through.objects.bulk_create(links, batch_size=5000)
    return municipality


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db-url", default="postgres://postgres@127.0.0.1:5432/samenspel_bench_mkt")
    parser.add_argument("--n", type=int, default=10_000, help="needs and offers (each)")
    parser.add_argument("--updates", type=int, default=5, help="incremental updates to time")
    args = parser.parse_args()

    os.environ.update(
        {
            "DATABASE_URL": args.db_url,
            "DJANGO_SETTINGS_MODULE": "samenspel.settings",
            "DEBUG": "false",
            "SAMENSPEL_TESTING": "true",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "TASK_BACKEND": "immediate",
            "LOG_LEVEL": "WARNING",
        }
    )
    recreate_database(args.db_url)
    import django

    django.setup()
    from samenspel.marketplace.models import ListingStatus, Match, Need, Offer
    from samenspel.marketplace.tasks import recompute_matches, update_matches_for

    t0 = time.perf_counter()
    municipality = load(args.n)  # direct writes: nothing queues match updates (only services do)
    print(f"Loaded {args.n:,} needs x {args.n:,} offers in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    recompute_matches.call(municipality.pk)
    t_full = time.perf_counter() - t0
    print(f"full recompute task (fit, rank, write):   {t_full:8.2f} s  ({Match.objects.count():,} Match rows)")
    t0 = time.perf_counter()
    recompute_matches.call(municipality.pk)
    print(f"full recompute again (rows replaced):     {time.perf_counter() - t0:8.2f} s")

    rng = random.Random(3)
    need_ids = list(Need.objects.values_list("pk", flat=True))
    offer_ids = list(Offer.objects.values_list("pk", flat=True))
    timings = {"need": [], "offer": [], "met": []}
    for _ in range(args.updates):
        need = Need.objects.get(pk=rng.choice(need_ids))
        donor = Need.objects.get(pk=rng.choice(need_ids))
        need.title, need.description, need.category = donor.title, donor.description, "space"
        need.save()
        t0 = time.perf_counter()
        assert update_matches_for.call("need", need.pk) == "incremental"
        timings["need"].append(time.perf_counter() - t0)

        offer = Offer.objects.get(pk=rng.choice(offer_ids))
        offer.category = "knowledge"
        offer.save()
        t0 = time.perf_counter()
        assert update_matches_for.call("offer", offer.pk) == "incremental"
        timings["offer"].append(time.perf_counter() - t0)

        met = Need.objects.get(pk=rng.choice(need_ids))
        Need.objects.filter(pk=met.pk).update(status=ListingStatus.MET)
        t0 = time.perf_counter()
        assert update_matches_for.call("need", met.pk) == "incremental"
        timings["met"].append(time.perf_counter() - t0)

    for key, label in (("need", "one need changed"), ("offer", "one offer changed"), ("met", "one need met")):
        values = timings[key]
        print(
            f"update task, {label + ':':22s} median {statistics.median(values) * 1000:7.1f} ms, "
            f"max {max(values) * 1000:7.1f} ms  (n={len(values)})"
        )


if __name__ == "__main__":
    main()
