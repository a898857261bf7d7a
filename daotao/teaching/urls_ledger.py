"""URLs of the teaching app's ledger pages (included by teaching/urls.py)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
