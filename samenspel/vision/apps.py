from django.apps import AppConfig


class VisionConfig(AppConfig):
    name = "samenspel.vision"
    verbose_name = "Toekomstvisie"
