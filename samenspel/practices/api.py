"""The API of this app: ROUTES is registered in samenspel/api_urls.py."""

# (prefix, viewset, basename) for the /api/v1/ router.
ROUTES: list = []
