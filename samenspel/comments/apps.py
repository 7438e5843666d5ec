from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "samenspel.comments"
    verbose_name = "Reacties en moderatie"
