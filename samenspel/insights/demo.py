"""Demo data of this app (see samenspel/core/demo.py)."""


def seed(ctx) -> None:
    pass
