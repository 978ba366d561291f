"""newsaudit: an accessibility auditor for news article pages at four responsive viewports."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("newsaudit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
