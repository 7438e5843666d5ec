from django.contrib import admin

from .models import BudgetRound, Plan, Result


@admin.register(BudgetRound)
class BudgetRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "budget", "voting_start", "voting_end", "rule"]
    list_filter = ["municipality"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "budget_round", "cost", "status"]
    list_filter = ["status", "budget_round"]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["budget_round", "rule", "spent", "voters", "counted_at", "published_at"]
    exclude = ["pb_text"]
