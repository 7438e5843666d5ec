from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("beheer/rollen/", views.roles, name="roles"),
    path("beheer/rollen/<int:pk>/intrekken/", views.revoke_role, name="revoke_role"),
    path("beheer/audittrail/", views.audit_trail, name="audit_trail"),
]
