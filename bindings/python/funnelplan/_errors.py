# funnelplan — the exceptions the package raises.
# SPDX-License-Identifier: MIT
"""``FunnelError``: every refusal of bad input or of an unanswerable question."""

__all__ = ["FunnelError", "FunnelTypeError"]


class FunnelError(ValueError):
    """The library refused an input, or the question has no answer.

    Attributes:
        status: the library's symbolic status name, e.g. ``"FPL_ERR_RATE_RANGE"``
            (from ``fpl_status_name``).
        code: the numeric ``fpl_status``.
        message: the library's message for the status (``fpl_strerror``).
        context: what was refused, e.g. ``"stage 'lead'"``, or None.
        is_input_error: True for bad input (the CLI's exit status 2); False
            for a well-formed question without an answer (``FPL_ERR_TOO_LARGE``,
            ``FPL_ERR_OVERFLOW``; the CLI's exit status 1).

    ``str(error)`` is ``"context: message"``, e.g.
    ``"stage 'lead': rate must be between 0% and 100%"``.
    """

    def __init__(self, status, message=None, *, code=None, context=None, is_input_error=True):
        if message is None:
            message = status
        self.status = status
        self.code = code
        self.message = message
        self.context = context
        self.is_input_error = is_input_error
        super().__init__("%s: %s" % (context, message) if context else message)

    def __reduce__(self):
        return (_rebuild, (type(self), self.status, self.message, self.code, self.context,
                           self.is_input_error))

    def with_context(self, context):
        """The same error with ``context`` put in front of the existing one."""
        if self.context:
            context = "%s: %s" % (context, self.context)
        return type(self)(self.status, self.message, code=self.code, context=context,
                          is_input_error=self.is_input_error)


class FunnelTypeError(FunnelError, TypeError):
    """A value of the wrong Python type (a bool, a list, ...) where a number,
    a numeric string or a name was expected. Both a ``FunnelError`` and a
    ``TypeError``; its status is the library's nearest one (e.g.
    ``FPL_ERR_PARSE_SYNTAX``, "not a number")."""


def _rebuild(cls, status, message, code, context, is_input_error):
    return cls(status, message, code=code, context=context, is_input_error=is_input_error)
