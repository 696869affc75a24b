from django.conf import settings

from . import navigation


def site(request):
    """Values every page's shell needs: navigation, version, canonical URL."""
    return {
        "site_name": settings.SITE_NAME,
        "site_version": settings.SITE_VERSION,
        "canonical_url": settings.SITE_URL + request.path,
        "site_url": settings.SITE_URL,
        "nav_header": navigation.HEADER,
        "nav_run_check": navigation.RUN_CHECK,
        "nav_footer": navigation.FOOTER,
    }
