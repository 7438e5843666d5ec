from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("beheer/rollen/", views.Roles.as_view(), name="roles"),
    path("beheer/rollen/<int:pk>/intrekken/", views.RevokeRole.as_view(), name="revoke_role"),
    path("beheer/audittrail/", views.audit_trail, name="audit_trail"),
    path("plek/adres/", views.address_search, name="address_search"),
    path("plek/wijk/", views.place, name="place"),
]
