from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created", "municipality", "actor_name", "action", "summary"]
    list_filter = ["municipality", "action"]
    search_fields = ["summary", "reason", "actor_name", "target_repr"]

    # The trail is read-only everywhere, the admin included.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
