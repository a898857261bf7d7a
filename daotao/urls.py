from django.urls import include, path
from django.views.i18n import set_language

from daotao.core.access import public
from daotao.core.admin_site import admin_site
from daotao.core.views import health_view
from daotao.credentials.views.credentials import (
    credential_lookup_view,
    credential_verify_view,
)

urlpatterns = [
    path("", include("daotao.reports.urls")),
    path("quan-ly/truong-chuan/", include("daotao.standards.urls")),
    path("", include("daotao.accounts.urls")),
    path("can-bo/", include("daotao.people.urls")),
    path("chuong-trinh/", include("daotao.programs.urls")),
    path("to-chuc/", include("daotao.org.urls")),
    path("van-ban/", include("daotao.documents.urls")),
    path("ke-hoach/", include("daotao.planning.urls")),
    path("tuyen-sinh/", include("daotao.enrolment.urls")),
    path("giang-vien/", include("daotao.faculty.urls")),
    path("giang-day/", include("daotao.teaching.urls")),
    path("giang-day/", include("daotao.ledger.urls")),
    path("hoc-vien/", include("daotao.learning.urls")),
    path("danh-gia/", include("daotao.assessment.urls")),
    path("van-bang/", include("daotao.credentials.urls")),
    path("co-quan/", include("daotao.outcomes.urls")),
    path("", include("daotao.research.urls")),
    path("xac-minh/", credential_lookup_view, name="credential-lookup"),
    path("xac-minh/<str:code>/", credential_verify_view, name="credential-verify"),
    path("", include("daotao.portal.urls")),
    path("ngon-ngu/", public(set_language), name="set-language"),
    path("suc-khoe/", health_view, name="health"),
    path("tep-tao-nen/", include("daotao.core.urls")),
    path("api/", include("daotao.api.urls")),
    path("quan-tri/", admin_site.urls),
]

# Django resolves this by name only from the root URLconf.
handler400 = "daotao.core.views.bad_request_view"
handler500 = "daotao.core.views.server_error_view"
