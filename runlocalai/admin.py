from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from editorial import dashboard


class SiteAdmin(admin.AdminSite):
    site_header = "RunLocalAI editorial"
    site_title = "RunLocalAI admin"
    index_title = "Content"
    index_template = "admin/runlocalai_index.html"

    def get_urls(self):
        return [
            path("dashboard/", self.admin_view(self.dashboard_view), name="dashboard"),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        context = {
            **self.each_context(request),
            "title": "Reviewer dashboard",
            "awaiting_review": dashboard.awaiting_review(request.user),
            "changes_requested": dashboard.changes_requested_by(request.user),
            "sent_back": dashboard.sent_back_to(request.user),
            "stale": dashboard.stale_content(),
            "warnings": dashboard.warnings(),
        }
        return TemplateResponse(request, "admin/editorial/dashboard.html", context)
