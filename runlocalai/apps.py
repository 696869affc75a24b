from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RunLocalAIConfig(AppConfig):
    name = "runlocalai"
    verbose_name = "RunLocalAI site"
    default = True


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the reviewer dashboard (runlocalai/admin.py)."""

    default = False
    default_site = "runlocalai.admin.SiteAdmin"
