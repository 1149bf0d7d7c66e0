import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# ruleid: debug-true-in-settings
DEBUG = True

# ruleid: debug-true-in-settings
TEMPLATE_DEBUG = True

INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "shop"]

# ok: debug-true-in-settings
DEBUG_TOOLBAR = True

# ok: debug-true-in-settings
USE_TZ = True

if os.environ.get("DJANGO_ENV") == "development":
    # ok: debug-true-in-settings
    DEBUG = True


class DevelopmentConfig:
    # ok: debug-true-in-settings
    DEBUG = True


class ProductionConfig:
    # ok: debug-true-in-settings
    DEBUG = False


def configure(settings):
    # ok: debug-true-in-settings
    DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
    settings.DEBUG = DEBUG
