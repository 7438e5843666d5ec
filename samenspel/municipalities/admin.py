from django.contrib import admin

from .models import Membership, Municipality, Neighbourhood


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "slug", "first_response_days", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "cbs_code", "municipality"]
    list_filter = ["municipality", "kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role", "created"]
    list_filter = ["municipality", "role"]
    raw_id_fields = ["user"]
