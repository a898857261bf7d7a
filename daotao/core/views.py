from django.db import connection
from django.http import HttpRequest, JsonResponse

from daotao.core.access import public


@public
def health_view(request: HttpRequest) -> JsonResponse:
    """Liveness for the load balancer: the database answers a trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
