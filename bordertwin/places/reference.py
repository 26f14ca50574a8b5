from .importers import load_reference


def load() -> str:
    result = load_reference()
    return (
        f"{result.created} places created, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.successions_created} successions created"
    )
