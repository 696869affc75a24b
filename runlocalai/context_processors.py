from django.conf import settings
from django.utils.functional import SimpleLazyObject

from editorial import content_version as versions

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


def content_version(request):
    """The key part that retires cached fragments when content changes; read only if used."""
    return {"content_version": SimpleLazyObject(lambda: versions.for_request(request).number)}
