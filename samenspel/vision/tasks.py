"""Background jobs of the vision app; see services.opinion_map_mark_dirty for the debounce."""

from django_tasks import task


@task()
def recompute_opinion_map(process_id: int) -> bool:
    """Recompute a process's opinion map if votes changed since the last computation."""
    from .models import VisionProcess
    from .services import opinion_map_compute

    process = VisionProcess.objects.filter(pk=process_id, map_dirty=True).first()
    if process is None:
        return False
    opinion_map_compute(process=process)
    return True
