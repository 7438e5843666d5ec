"""Result rows keep facts instead of Dutch sentences; a plan's implementation status is derived.

The facts of rows counted before are recovered by recounting the .pb text each result
stored (the count is deterministic, so it gives the same outcome). The plan's status
was always set to its newest progress report's; going back restores it from there.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations, models

from samenspel.core.migration_ops import constraints_immediate


def _cents(amount):
    if amount is None:
        return None
    return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def store_facts(apps, schema_editor):
    from samenspel.budgeting.counting import count
    from samenspel.budgeting.pabulib import parse_pabulib

    Result = apps.get_model("budgeting", "Result")
    for result in Result.objects.all().iterator():
        outcome = count(parse_pabulib(result.pb_text).to_election(), result.rule)
        facts = {row.project_id: row for row in outcome.projects}
        for row in result.rows.select_related("plan"):
            fact = facts.get(row.plan.external_id or str(row.plan.pk))
            if fact is None:
                continue
            row.remaining_budget = int(fact.remaining_budget) if fact.remaining_budget is not None else None
            row.supporters_money = _cents(fact.supporters_money)
            row.save(update_fields=["remaining_budget", "supporters_money"])


def write_sentences(apps, schema_editor):
    from samenspel.budgeting.explanations import explain

    ResultRow = apps.get_model("budgeting", "ResultRow")
    for row in ResultRow.objects.select_related("result").iterator():
        row.explanation = explain(
            reason=row.reason,
            rule=row.result.rule,
            votes=row.votes,
            cost=row.cost,
            remaining_budget=row.remaining_budget,
            supporters_money=row.supporters_money,
        )
        row.save(update_fields=["explanation"])


def restore_implementation_status(apps, schema_editor):
    Plan = apps.get_model("budgeting", "Plan")
    PlanUpdate = apps.get_model("budgeting", "PlanUpdate")
    for plan in Plan.objects.filter(updates__isnull=False).distinct().iterator():
        newest = PlanUpdate.objects.filter(plan=plan).order_by("-created", "-pk").first()
        Plan.objects.filter(pk=plan.pk).update(implementation_status=newest.status)


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0001_initial"),
    ]

    operations = [
        constraints_immediate(),
        migrations.AddField(
            model_name="resultrow",
            name="remaining_budget",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="resultrow",
            name="supporters_money",
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True),
        ),
        migrations.RunPython(store_facts, write_sentences),
        migrations.RemoveField(
            model_name="resultrow",
            name="explanation",
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_implementation_status),
        migrations.RemoveField(
            model_name="plan",
            name="implementation_status",
        ),
        constraints_immediate(),
    ]
