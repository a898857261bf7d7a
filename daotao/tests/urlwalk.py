"""Walk the URLconf: every route with its name, callback and a concrete URL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE_KWARGS = {
    "pk": "{pk}",
    "template_id": "1",
    "uidb64": "MQ",
    "token": "set-password",
}


@dataclass(frozen=True)
class Route:
    namespace: str
    name: str
    route: str
    callback: Any

    @property
    def qualified_name(self) -> str:
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    def url(self, **values: Any) -> str:
        path = "/" + self.route
        for key, sample in SAMPLE_KWARGS.items():
            path = path.replace(f"<int:{key}>", sample).replace(f"<{key}>", sample)
        return path.format(**values) if "{" in path else path


def walk(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield Route(namespace, pattern.name or "", route, pattern.callback)
