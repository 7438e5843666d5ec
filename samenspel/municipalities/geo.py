"""Small, dependency-free geometry on GeoJSON in WGS84 (lon, lat).

Neighbourhood boundaries are few and simple, so ray casting in Python is plenty
and keeps SQLite deployments free of a GIS extension.
"""

import math

EARTH_RADIUS_M = 6_371_000


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon, each as a list of rings."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"Geen vlak: {geometry['type']}")


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Whether the point lies inside the polygon (outer ring minus holes)."""
    for polygon in _rings(geometry):
        if _in_ring(lon, lat, polygon[0]) and not any(_in_ring(lon, lat, h) for h in polygon[1:]):
            return True
    return False


def centroid(geometry: dict) -> tuple[float, float]:
    """Area-weighted centre (lat, lon) of the outer rings; fine at city scale."""
    area_sum = cx = cy = 0.0
    for polygon in _rings(geometry):
        ring = polygon[0]
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            cross = x0 * y1 - x1 * y0
            area_sum += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
    if area_sum == 0:
        first = _rings(geometry)[0][0][0]
        return first[1], first[0]
    return cy / (3 * area_sum), cx / (3 * area_sum)


def label_point(geometry: dict) -> tuple[float, float]:
    """A point (lat, lon) inside the area, for its label on a map.

    The centroid when it lies inside (`contains` agrees); otherwise, for an L- or U-shaped
    area whose centroid falls outside, the middle of the widest stretch of the area on the
    centroid's latitude. A label then always marks a spot that is saved in this area.
    """
    lat, lon = centroid(geometry)
    if contains(geometry, lat, lon):
        return lat, lon
    crossings = sorted(
        x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        for polygon in _rings(geometry)
        for ring in polygon
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)
        if (y0 > lat) != (y1 > lat)
    )
    stretches = [(b - a, (a + b) / 2) for a, b in zip(crossings[::2], crossings[1::2], strict=False)]
    if stretches:
        return lat, max(stretches)[1]
    first = _rings(geometry)[0][0][0]
    return first[1], first[0]


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def _in_netherlands(*, lat: float, lon: float) -> bool:
    """Within a generous box around the European Netherlands."""
    return 50.5 <= lat <= 53.8 and 3.0 <= lon <= 7.5


def validate_polygon(geometry: object) -> list[str]:
    """Problems with a GeoJSON Polygon or MultiPolygon, in Dutch; empty when valid."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return ["De grens moet een GeoJSON Polygon of MultiPolygon zijn."]
    try:
        polygons = _rings(geometry)
    except (KeyError, TypeError):
        return ["De grens heeft geen geldige coördinaten."]
    problems = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            problems.append("Een vlak in de grens heeft geen ringen.")
            continue
        for ring in polygon:
            try:
                points = [(float(p[0]), float(p[1])) for p in ring]
            except (TypeError, ValueError, IndexError):
                problems.append("Een punt in de grens is geen paar getallen.")
                continue
            if len(points) < 4 or points[0] != points[-1]:
                problems.append("Elke ring moet minstens vier punten hebben en gesloten zijn.")
            if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in points):
                problems.append("De coördinaten moeten lengte- en breedtegraden (WGS84) zijn.")
            elif points and all(_in_netherlands(lat=x, lon=y) for x, y in points):
                # Read as (lat, lon) the ring lies in the Netherlands, read as GeoJSON it lies in
                # the Indian Ocean: the axes were swapped (a WFS export in EPSG:4326 axis order).
                # Saved like that, no point would ever be found inside it.
                problems.append(
                    "Lengte- en breedtegraad staan omgewisseld: GeoJSON noemt eerst de lengtegraad, "
                    "bijvoorbeeld [5.56, 52.09]."
                )
    return problems
