def pytest_configure(config):
    from django.conf import settings

    # Pages are rendered without running collectstatic first; production keeps
    # WhiteNoise's hashed, compressed storage.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
