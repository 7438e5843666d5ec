from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "samenspel.coaching"
    verbose_name = "Begeleiding"
