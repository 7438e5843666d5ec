"""The themes the matching engine knows, with the words its explanations use for them.

A module of its own, with no imports, so that explaining a stored match (pages, the API) does
not load the engine and its numerical libraries.
"""

THEMES: tuple[str, ...] = (
    "energie",
    "groen",
    "zorg-welzijn",
    "jeugd",
    "wonen",
    "veiligheid",
    "cultuur",
    "mobiliteit",
    "economie",
    "sport",
)
THEME_LABELS: dict[str, str] = {
    "energie": "energie",
    "groen": "groen",
    "zorg-welzijn": "zorg en welzijn",
    "jeugd": "jeugd",
    "wonen": "wonen",
    "veiligheid": "veiligheid",
    "cultuur": "cultuur",
    "mobiliteit": "mobiliteit",
    "economie": "economie",
    "sport": "sport",
}
