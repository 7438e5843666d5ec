from django.urls import path

from . import views

app_name = "experiments"
urlpatterns = [
    path("", views.experiment_list, name="list"),
    path("nieuw/", views.ExperimentCreate.as_view(), name="create"),
    path("<int:pk>/", views.experiment_detail, name="detail"),
    path("<int:pk>/indicatoren/", views.AddIndicator.as_view(), name="add_indicator"),
    path("<int:pk>/indicatoren/<int:indicator>/meting/", views.Measure.as_view(), name="measure"),
    path("<int:pk>/evaluatie/", views.Evaluate.as_view(), name="evaluate"),
]
