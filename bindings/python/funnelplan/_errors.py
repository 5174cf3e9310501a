# funnelplan — the exceptions the package raises.
# SPDX-License-Identifier: MIT
"""``FunnelError``: every refusal of bad input or of an unanswerable question."""

from typing import Any, Optional, Tuple, Type

__all__ = ["FunnelError", "FunnelTypeError"]


class FunnelError(ValueError):
    """The library refused an input, or the question has no answer.

    Attributes:
        status: the library's symbolic status name, e.g. ``"FPL_ERR_RATE_RANGE"``
            (from ``fpl_status_name``). The package's documentation names a
            status without its ``FPL_ERR_`` prefix (``RATE_RANGE``).
        code: the numeric ``fpl_status``.
        message: the library's message for the failure (``fpl_error_message``:
            ``fpl_strerror`` of the status, worded for the field at fault),
            then for text the hint the CLI prints for the same text (``did
            you mean 25%?``); for a value of the wrong Python type (a
            :class:`FunnelTypeError`) the package's own (``name must be a str``).
        context: what was refused, e.g. ``"stage 'lead'"``, or None.
        field: the library's name of the input at fault (``"deal_size"``,
            ``"stage"``, ``"channel_spend"``, ...; ``fpl_field_name``), or None.
        index: which entry of a list is at fault (stage, change, channel,
            level, ...), from 0, or None.
        offset, length: the bytes at fault in the text the library parsed
            (0 and 0 when not text, or the whole text).
        line: the line of a CSV file at fault, or None.
        is_input_error: True for bad input (the CLI's exit status 2); False
            for a well-formed question without an answer (``FPL_ERR_TOO_LARGE``,
            ``FPL_ERR_OVERFLOW``; the CLI's exit status 1).

    ``str(error)`` is ``"context: message"``, the context naming the
    argument and the value given, e.g.
    ``"stage 'lead' rate 25: rate must be above 0% and at most 100%"``.

    >>> import funnelplan
    >>> try:
    ...     funnelplan.Funnel([("lead", "150%")])
    ... except funnelplan.FunnelError as e:
    ...     error = e
    >>> error.status, error.field, error.index, error.is_input_error
    ('FPL_ERR_RATE_RANGE', 'stage', 0, True)
    """

    def __init__(self, status: str, message: Optional[str] = None, *, code: Optional[int] = None,
                 context: Optional[str] = None, is_input_error: bool = True) -> None:
        if message is None:
            message = status
        self.status: str = status
        self.code: Optional[int] = code
        self.message: str = message
        self.context: Optional[str] = context
        self.is_input_error: bool = is_input_error
        self.field: Optional[str] = None
        self.index: Optional[int] = None
        self.offset: int = 0
        self.length: int = 0
        self.line: Optional[int] = None
        super().__init__("%s: %s" % (context, message) if context else message)

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_rebuild, (type(self), self.status, self.message, self.code, self.context,
                           self.is_input_error))

    def with_context(self, context: str) -> "FunnelError":
        """The same error with ``context`` put in front of the existing one.

        >>> e = FunnelError("FPL_ERR_PERIOD", "unknown period", context="per 'week'")
        >>> str(e.with_context("plan"))
        "plan: per 'week': unknown period"
        """
        if self.context:
            context = "%s: %s" % (context, self.context)
        return self._copy(self.message, context)

    def _copy(self, message: str, context: Optional[str]) -> "FunnelError":
        """The same error with ``message`` and ``context``."""
        other = type(self)(self.status, message, code=self.code, context=context,
                           is_input_error=self.is_input_error)
        for name in ("field", "index", "offset", "length", "line"):
            setattr(other, name, getattr(self, name))
        return other


class FunnelTypeError(FunnelError, TypeError):
    """A value of the wrong Python type (a bool, a list, ...) where a number,
    a numeric string or a name was expected. Both a ``FunnelError`` and a
    ``TypeError``; its status is the library's nearest one (e.g.
    ``FPL_ERR_PARSE_SYNTAX``, "not a number").

    >>> import funnelplan
    >>> try:
    ...     funnelplan.Funnel([("lead", True)])
    ... except TypeError as e:
    ...     error = e
    >>> isinstance(error, funnelplan.FunnelError), isinstance(error, ValueError)
    (True, True)
    """


def _rebuild(cls: Type[FunnelError], status: str, message: str, code: Optional[int],
             context: Optional[str], is_input_error: bool) -> FunnelError:
    return cls(status, message, code=code, context=context, is_input_error=is_input_error)
