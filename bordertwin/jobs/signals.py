"""What jobs tell the apps above them: `finished(job=...)` once a job is done or has failed (sent outside its transaction)."""

from django.dispatch import Signal

finished = Signal()
