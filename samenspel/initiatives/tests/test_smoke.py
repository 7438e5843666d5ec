import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_render(client_for, initiative, municipality):
    client = client_for(initiative.initiator)
    for name, kwargs in [
        ("initiatives:list", {}),
        ("initiatives:new", {}),
        ("initiatives:detail", {"slug": initiative.slug}),
        ("initiatives:edit", {"slug": initiative.slug}),
        ("initiatives:team", {"slug": initiative.slug}),
        ("initiatives:need_new", {"slug": initiative.slug}),
        ("initiatives:update_new", {"slug": initiative.slug}),
        ("initiatives:map", {}),
        ("initiatives:export_csv", {}),
        ("initiatives:export_geojson", {}),
    ]:
        response = client.get(reverse(name, kwargs={"municipality": municipality.slug, **kwargs}))
        assert response.status_code == 200, name
    assert client.get("/lindeveen/").status_code == 200
