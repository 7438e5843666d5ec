"""Benchmark: participatory budgeting counting, ours against pabutools.

Runs the Method of Equal Shares with the add-one completion followed by
greedy (rule ``mes+greedy``) on Netherlands_Amsterdam_252.pb (8,520 voters,
85 projects), with samenspel.budgeting.counting and with pabutools, prints
both times, the ratio and whether the outcomes are identical. Then times a
seeded synthetic round of 100,000 voters x 150 plans with ours alone.

    python benchmarks/pb_counting.py [--data DIR] [--skip-pabutools] [--cross-check]

``--cross-check`` first compares ours with pabutools on every ``.pb`` file in
``--data`` under every rule (about a minute). The test suite cross-checks
only the small files and cut-down copies of the large ones on every push and
pins the large files' outcomes; this is where the large files meet pabutools
in full.

pabutools is a development dependency (requirements/dev.txt); the product
code never imports it. Parsing is timed separately from counting for both.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from samenspel.budgeting.counting import Election, Project, count  # noqa: E402
from samenspel.budgeting.pabulib import read_pabulib  # noqa: E402

BENCH_FILE = "Netherlands_Amsterdam_252.pb"


def run_ours(path: Path, repeat: int) -> tuple[list[str], float, float]:
    """Median of ``repeat`` counts, each on a freshly parsed election (nothing cached)."""
    times = []
    funded: list[str] = []
    for _ in range(repeat):
        start = time.perf_counter()
        election = read_pabulib(path).to_election()
        parsed = time.perf_counter()
        funded = list(count(election, "mes+greedy").funded)
        times.append((parsed - start, time.perf_counter() - parsed))
    times.sort(key=lambda t: t[1])
    parse, counting = times[len(times) // 2]
    return funded, parse, counting


def run_pabutools(path: Path) -> tuple[list[str], float, float]:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    start = time.perf_counter()
    instance, profile = parse_pabulib(str(path))
    parsed = time.perf_counter()
    outcome = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
    )
    done = time.perf_counter()
    return [p.name for p in outcome], parsed - start, done - parsed


def cross_check(folder: Path) -> bool:
    """Ours against pabutools on every file and rule; prints one line per pair."""
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    mes = {"sat_class": Cost_Sat, "voter_budget_increment": 1}
    all_same = True
    for path in sorted(folder.glob("*.pb")):
        election = read_pabulib(path).to_election()
        instance, profile = parse_pabulib(str(path))
        start = time.perf_counter()
        theirs_mes = method_of_equal_shares(instance, profile, **mes)
        theirs = {
            "greedy": greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat),
            "mes": theirs_mes,
            "mes+greedy": completion_by_rule_combination(
                instance,
                profile,
                # MES once: its outcome is reused as the first rule of the completion.
                [lambda *args, done=theirs_mes, **kwargs: list(done), greedy_utilitarian_welfare],
                [{}, {"sat_class": Cost_Sat}],
            ),
        }
        took = time.perf_counter() - start
        for rule, outcome in theirs.items():
            same = list(count(election, rule).funded) == [p.name for p in outcome]
            all_same &= same
            print(f"  {path.name:<32} {rule:<10}: {'identical' if same else 'DIFFERENT'}")
        print(f"  {path.name:<32} pabutools took {took:.1f} s for the three rules")
    return all_same


def synthetic_election(voters: int, plans: int, seed: int) -> Election:
    """A round shaped like a city-wide one: skewed popularity, ~6 plans per ballot."""
    rng = np.random.default_rng(seed)
    costs = rng.integers(5, 200, size=plans) * 1000
    popularity = rng.pareto(1.5, size=plans) + 0.2
    chance = np.minimum(0.8, popularity / popularity.sum() * 6)
    approves = rng.random((voters, plans)) < chance
    ids = np.array([str(1000 + j) for j in range(plans)], dtype=object)
    rows, cols = np.nonzero(approves)
    bounds = np.cumsum(np.bincount(rows, minlength=voters))[:-1]
    ballots = [list(chunk) for chunk in np.split(ids[cols], bounds)]
    budget = int(costs.sum() // 4)
    projects = [Project(id=str(ids[j]), cost=int(costs[j])) for j in range(plans)]
    return Election(budget=budget, projects=projects, ballots=ballots)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=REPO.parent / "shared" / "data" / "pabulib",
        help="folder with Pabulib files (default: ../shared/data/pabulib from the repo root)",
    )
    parser.add_argument("--skip-pabutools", action="store_true", help="time ours only")
    parser.add_argument(
        "--cross-check", action="store_true", help="first compare with pabutools on every file and rule in --data"
    )
    parser.add_argument("--voters", type=int, default=100_000)
    parser.add_argument("--plans", type=int, default=150)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours to take the median of")
    args = parser.parse_args()

    path = args.data / BENCH_FILE
    if not path.exists():
        print(f"{path} not found; pass --data", file=sys.stderr)
        return 2

    same_everywhere = True
    if args.cross_check:
        print(f"cross-check with pabutools on every file in {args.data}")
        same_everywhere = cross_check(args.data)

    print(f"{BENCH_FILE}: mes (add-one) + greedy")
    ours, ours_parse, ours_count = run_ours(path, args.repeat)
    print(f"  ours      : count {ours_count:9.3f} s   (parse {ours_parse:.3f} s; median of {args.repeat})")
    if not args.skip_pabutools:
        theirs, their_parse, their_count = run_pabutools(path)
        print(f"  pabutools : count {their_count:9.3f} s   (parse {their_parse:.3f} s)")
        print(f"  ratio     : {their_count / ours_count:.0f}x faster")
        print(f"  identical : {'yes' if ours == theirs else 'NO'} ({len(ours)} projects funded)")
        if ours != theirs:
            print(f"    ours      {ours}\n    pabutools {theirs}")

    print(f"synthetic: {args.voters:,} voters x {args.plans} plans (seed {args.seed})")
    start = time.perf_counter()
    election = synthetic_election(args.voters, args.plans, args.seed)
    built = time.perf_counter()
    election.prepared()
    prepared = time.perf_counter()
    print(f"  generating ballots and validating the election: {built - start:7.3f} s")
    print(f"  preparing arrays (grouping identical ballots) : {prepared - built:7.3f} s")
    for rule in ("greedy", "mes", "mes+greedy"):
        start_rule = time.perf_counter()
        outcome = count(election, rule)
        took = time.perf_counter() - start_rule
        share = outcome.per_voter_budget
        print(
            f"  {rule:<10}: {took:7.3f} s   ({len(outcome.funded)} funded"
            + (f", final share per voter {float(share):.2f}" if share is not None else "")
            + ")"
        )
    return 0 if same_everywhere and (args.skip_pabutools or ours == theirs) else 1


if __name__ == "__main__":
    sys.exit(main())
