from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "tools"
    verbose_name = "Interactive tools"

    def ready(self):
        from editorial import dashboard

        from .contradictions import dashboard_warnings

        dashboard.register_warning_source(dashboard_warnings)
