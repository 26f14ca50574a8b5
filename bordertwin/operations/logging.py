"""Log lines carry the id of the request they were written in: the change log's (bordertwin.core.context)."""

import logging

from bordertwin.core import context


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        ctx = context.current()
        record.request_id = ctx.request_id if ctx else "-"
        return True
