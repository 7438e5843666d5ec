from django.urls import path

from . import views

app_name = "vision"
urlpatterns = [
    path("", views.index, name="index"),
    path("toetsing/<int:content_type_id>/<int:object_id>/", views.assess, name="assess"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/stem/", views.vote, name="vote"),
    path("<slug:slug>/stelling/", views.statement_new, name="statement_new"),
    path("<slug:slug>/vergelijkbaar/", views.similar, name="similar"),
    path("<slug:slug>/stellingen/", views.statements, name="statements"),
    path("<slug:slug>/opiniekaart/", views.opinion_map, name="map"),
    path("<slug:slug>/moderatie/", views.moderation, name="moderation"),
    path("<slug:slug>/moderatie/<int:pk>/", views.moderate, name="moderate"),
    path("<slug:slug>/visie/", views.vision, name="vision"),
    path("<slug:slug>/visie/<int:pk>/steun/", views.endorse, name="endorse"),
    path("<slug:slug>/visie/<int:pk>/reactie/", views.principle_comment, name="principle_comment"),
    path(
        "<slug:slug>/visie/reactie/<int:pk>/modereren/",
        views.principle_comment_moderate,
        name="principle_comment_moderate",
    ),
    path("<slug:slug>/beheer/", views.manage, name="manage"),
    path("<slug:slug>/polis-export.zip", views.export, name="export"),
]
