from django.apps import AppConfig


class RunLocalAIConfig(AppConfig):
    name = "runlocalai"
    verbose_name = "RunLocalAI site"
