from django.urls import path

from . import views

app_name = "vision"
urlpatterns = [
    path("", views.index, name="index"),
    path("toetsing/<int:content_type_id>/<int:object_id>/", views.Assess.as_view(), name="assess"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/stem/", views.VoteCast.as_view(), name="vote"),
    path("<slug:slug>/stelling/", views.StatementSubmit.as_view(), name="statement_new"),
    path("<slug:slug>/vergelijkbaar/", views.similar, name="similar"),
    path("<slug:slug>/stellingen/", views.statements, name="statements"),
    path("<slug:slug>/opiniekaart/", views.opinion_map, name="map"),
    path("<slug:slug>/moderatie/", views.moderation, name="moderation"),
    path("<slug:slug>/moderatie/<int:pk>/zichtbaar-maken/", views.StatementPublish.as_view(), name="statement_publish"),
    path("<slug:slug>/moderatie/<int:pk>/verbergen/", views.StatementHide.as_view(), name="statement_hide"),
    path("<slug:slug>/visie/", views.vision, name="vision"),
    path("<slug:slug>/visie/<int:pk>/steun/", views.Endorse.as_view(), name="endorse"),
    path("<slug:slug>/beheer/", views.manage, name="manage"),
    path("<slug:slug>/beheer/conceptversie/", views.VersionStart.as_view(), name="version_start"),
    path("<slug:slug>/beheer/uitgangspunt/", views.PrincipleAdd.as_view(), name="principle_add"),
    path("<slug:slug>/beheer/publiceren/", views.VersionPublish.as_view(), name="version_publish"),
    path("<slug:slug>/beheer/vaststellen/", views.VersionAdopt.as_view(), name="version_adopt"),
    path("<slug:slug>/beheer/polis-import/", views.PolisImport.as_view(), name="polis_import"),
    path("<slug:slug>/polis-export.zip", views.export, name="export"),
]
