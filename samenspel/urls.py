from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from samenspel.accounts import identity_views
from samenspel.accounts import views as account_views
from samenspel.accounts.security import security_txt
from samenspel.core import views as core_views
from samenspel.municipalities import home as municipality_views

# The Django admin is for superusers only, and logs in through allauth (rate-limited).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser
admin.site.site_header = "Samenspel beheer"

# Everything a municipality owns lives under its slug: /<municipality>/...
municipality_patterns = [
    path("", municipality_views.municipality_home, name="municipality_home"),
    path("organisaties/", include("samenspel.organisations.urls")),
    path("initiatieven/", include("samenspel.initiatives.urls")),
    path("", include("samenspel.coaching.urls")),
    path("", include("samenspel.comments.urls")),
    path("gesprekken/", include("samenspel.conversations.urls")),
    path("marktplaats/", include("samenspel.marketplace.urls")),
    path("toekomstvisie/", include("samenspel.vision.urls")),
    path("burgerbegroting/", include("samenspel.budgeting.urls")),
    path("buurtrechten/", include("samenspel.rights.urls")),
    path("resultaatfinanciering/", include("samenspel.funding.urls")),
    path("experimenten/", include("samenspel.experiments.urls")),
    path("wat-werkt/", include("samenspel.practices.urls")),
    path("signalen/", include("samenspel.insights.urls")),
    path("", include("samenspel.municipalities.urls")),
]

urlpatterns = [
    path("", municipality_views.root, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (the API's, errors).
    path("favicon.ico", core_views.favicon),
    path("admin/", admin.site.urls),
    path("account/profiel/", account_views.profile, name="profile"),
    path("account/verwijderen/", account_views.delete_account, name="account_delete"),
    path("account/mijn-gegevens/", account_views.data_export, name="account_data_export"),
    path("account/meldingen/", include("samenspel.notifications.urls")),
    path("account/digid/", identity_views.digid_start, name="digid_start"),
    path("account/digid/terug/", identity_views.digid_callback, name="digid_callback"),
    path("account/eherkenning/", identity_views.eherkenning_start, name="eherkenning_start"),
    path("account/eherkenning/terug/", identity_views.eherkenning_callback, name="eherkenning_callback"),
    path("account/", include("allauth.urls")),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("samenspel.api_urls")),
    path("privacy/", core_views.page, {"template": "core/privacy.html"}, name="privacy"),
    path("toegankelijkheid/", core_views.page, {"template": "core/accessibility.html"}, name="accessibility"),
    path("over/", core_views.page, {"template": "core/about.html"}, name="about"),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    path("<slug:municipality>/", include(municipality_patterns)),
]

handler400 = "samenspel.core.views.bad_request"
handler403 = "samenspel.core.views.permission_denied"
handler404 = "samenspel.core.views.page_not_found"
handler500 = "samenspel.core.views.server_error"
