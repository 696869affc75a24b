"""
Test settings: production settings plus the few differences tests need.

Keep this short; every line here is a way the tests differ from production.
"""

from runlocalai.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The manifest only exists after collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Derived from DEBUG at import; pinned so a developer's .env cannot change test results.
DEBUG = False
SECURE_SSL_REDIRECT = False
SITE_URL = "https://runlocalai.test"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The tests' own cache, never shared with a running development server.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Separate test databases for test runs that share one server at the same time
# (TEST_DB_SUFFIX=_a make test).
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": "test_" + DATABASES["default"]["NAME"] + env.str("TEST_DB_SUFFIX", default="")  # noqa: F405
}
