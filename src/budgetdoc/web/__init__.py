"""The web UI and its JSON API over a ``Store``: ``create_app(store)``; ``budgetdoc serve`` runs it."""

from budgetdoc.web.app import create_app

__all__ = ["create_app"]
