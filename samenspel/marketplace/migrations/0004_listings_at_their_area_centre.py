"""One location rule for every listing: the centre of its area, never an exact point.

Needs and offers written on an initiative's page used to copy the initiative's exact
point; the marketplace always stored the area's centre. This moves the old ones over.
"""

from django.db import migrations

from samenspel.municipalities import geo


def to_area_centres(apps, schema_editor):
    for name in ("Need", "Offer"):
        model = apps.get_model("marketplace", name)
        for listing in model.objects.select_related("neighbourhood").iterator():
            boundary = listing.neighbourhood.boundary if listing.neighbourhood_id else None
            lat, lon = geo.centroid(boundary) if boundary else (None, None)
            if (listing.lat, listing.lon) != (lat, lon):
                model.objects.filter(pk=listing.pk).update(lat=lat, lon=lon)


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0003_listing_author_may_be_gone")]

    operations = [migrations.RunPython(to_area_centres, migrations.RunPython.noop)]
