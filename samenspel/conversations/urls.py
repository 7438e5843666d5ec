from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("", views.my_conversations, name="index"),
    path("begeleiding/<slug:slug>/", views.CaseConversation.as_view(), name="case"),
    path("meedoen/<slug:slug>/<int:joiner>/", views.JoinConversation.as_view(), name="join"),
    path("kennismaking/<int:pk>/", views.IntroductionConversation.as_view(), name="introduction"),
    path("bericht/<int:pk>/melden/", views.MessageReportPage.as_view(), name="report"),
    path("meldingen/", views.moderation_queue, name="queue"),
    path("bericht/<int:pk>/verbergen/", views.MessageHide.as_view(), name="hide"),
    path("bericht/<int:pk>/meldingen-afwijzen/", views.ReportsDismiss.as_view(), name="dismiss"),
]
