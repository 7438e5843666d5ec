from django.contrib import admin

from .models import Assessment, AssessmentLine, OpinionMapSnapshot, Principle, Statement, VisionProcess, VisionVersion


@admin.register(VisionProcess)
class VisionProcessAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "moderation", "gather_start", "gather_end", "draft_end"]
    list_filter = ["municipality"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["map_dirty", "map_enqueued_at"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["text", "process", "status", "created"]
    list_filter = ["status", "process"]
    search_fields = ["text"]
    readonly_fields = ["author", "participant", "moderated_by"]


@admin.register(OpinionMapSnapshot)
class OpinionMapSnapshotAdmin(admin.ModelAdmin):
    list_display = ["process", "computed_at", "n_participants", "n_votes"]
    exclude = ["data"]


class PrincipleInline(admin.StackedInline):
    model = Principle
    extra = 0


@admin.register(VisionVersion)
class VisionVersionAdmin(admin.ModelAdmin):
    list_display = ["process", "number", "status", "raadsbesluit", "adopted_at"]
    inlines = [PrincipleInline]


class AssessmentLineInline(admin.TabularInline):
    model = AssessmentLine
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "vision_version", "assessed_by", "created"]
    inlines = [AssessmentLineInline]
