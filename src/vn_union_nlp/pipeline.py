"""The runner: an ordered list of named components, in the spirit of spaCy's ``Language``.

Every component is a callable ``Article -> Article``. :class:`Pipeline` builds the
``Article`` from the caller's text, runs the components in order and refuses a component
that returns anything else. :func:`load` assembles the default pipeline from the component
factories registered in :data:`FACTORIES`.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from vn_union_nlp.errors import InputTooLargeError, InputTypeError, PipelineError
from vn_union_nlp.text import TextComponent, parse_published
from vn_union_nlp.types import Article

Component = Callable[[Article], Article]


# name -> factory(**config) -> component. Later layers register themselves here.
def _ner_factory(**config: Any) -> Component:
    from vn_union_nlp.ner.recognizer import NerComponent

    return NerComponent(**config)


def _classifier_factory(**config: Any) -> Component:
    from vn_union_nlp.classify import ClassifierComponent

    return ClassifierComponent(**config)


def _events_factory(**config: Any) -> Component:
    from vn_union_nlp.events import EventsComponent

    return EventsComponent(**config)


FACTORIES: dict[str, Callable[..., Component]] = {
    "text": TextComponent,
    "ner": _ner_factory,
    "classifier": _classifier_factory,
    "events": _events_factory,
}
DEFAULT_PIPELINE: tuple[str, ...] = ("text", "ner", "classifier", "events")
# Longest text a pipeline accepts by default: the peak memory of one document stays under
# about 400 MB up to here (benchmarks/bench_memory.py); ``load(max_chars=...)`` moves it.
DEFAULT_MAX_CHARS = 5_000_000


class Pipeline:
    """An ordered list of named components that turns text into an :class:`Article`."""

    def __init__(
        self,
        components: Iterable[tuple[str, Component]] = (),
        config: dict[str, Any] | None = None,
        *,
        max_chars: int = DEFAULT_MAX_CHARS,
    ):
        self._components: list[tuple[str, Component]] = []
        self.config: dict[str, Any] = dict(config or {})
        if max_chars < 1:
            raise PipelineError(
                f"max_chars must be a positive number of characters, not {max_chars}"
            )
        self.max_chars = max_chars
        for name, component in components:
            self.add_pipe(name, component)

    # -- components ---------------------------------------------------------------
    @property
    def pipe_names(self) -> list[str]:
        return [name for name, _ in self._components]

    def get_pipe(self, name: str) -> Component:
        for n, component in self._components:
            if n == name:
                return component
        raise KeyError(f"no component named {name!r}; the pipeline has {self.pipe_names}")

    def has_pipe(self, name: str) -> bool:
        return name in self.pipe_names

    def add_pipe(
        self,
        name: str,
        component: Component,
        *,
        before: str | None = None,
        after: str | None = None,
    ) -> Component:
        if not callable(component):
            raise PipelineError(f"component {name!r} is not callable")
        if self.has_pipe(name):
            raise PipelineError(
                f"a component named {name!r} is already in the pipeline {self.pipe_names}"
            )
        index = len(self._components)
        if before is not None:
            index = self.pipe_names.index(before)
        elif after is not None:
            index = self.pipe_names.index(after) + 1
        self._components.insert(index, (name, component))
        return component

    def remove_pipe(self, name: str) -> Component:
        component = self.get_pipe(name)
        self._components = [(n, c) for n, c in self._components if n != name]
        return component

    # -- running --------------------------------------------------------------------
    def make_article(
        self, text: object, *, published: object = None, id: str | None = None
    ) -> Article:
        if not isinstance(text, str):
            raise InputTypeError.for_value(text)
        if len(text) > self.max_chars:
            raise InputTooLargeError(
                f"the text has {len(text):,} characters, over this pipeline's limit of "
                f"{self.max_chars:,}; split the document, or load the pipeline with a larger "
                "max_chars (memory grows by about 40 bytes a character)"
            )
        return Article(text=text, id=id, published=parse_published(published))

    def __call__(
        self, text: str, *, published: dt.date | str | None = None, id: str | None = None
    ) -> Article:
        """Analyze one article. ``published`` overrides the date read from the page."""
        article = self.make_article(text, published=published, id=id)
        if not text.strip():
            return article  # an empty article: nothing to find, not an error
        for name, component in self._components:
            result = component(article)
            if not isinstance(result, Article):
                raise PipelineError(
                    f"component {name!r} returned {type(result).__name__}, not an Article; "
                    "components must return the Article they were given"
                )
            article = result
        return article

    def pipe(
        self,
        texts: Iterable[str | tuple[str, dict[str, Any]]],
        *,
        n_process: int = 1,
        batch_size: int = 16,
    ) -> Iterator[Article]:
        """Analyze a stream of texts or ``(text, context)`` pairs, in input order.

        ``context`` may hold ``id`` and ``published``. With ``n_process > 1`` the work is
        spread over joblib (loky) worker processes, each loading the pipeline once.
        """
        items = (_as_item(t) for t in texts)
        if n_process == 1:
            for text, context in items:
                yield self(text, **context)
            return
        from joblib import Parallel, delayed

        custom = [n for n in self.pipe_names if n not in DEFAULT_PIPELINE]
        if custom:
            # workers rebuild the pipeline with load(**config); they cannot know these
            raise PipelineError(
                f"components {custom} were added by hand and cannot be rebuilt in worker "
                "processes; use n_process=1, or run them on the articles pipe() yields"
            )
        config = self.config
        with Parallel(n_jobs=n_process, return_as="generator") as parallel:
            batches = _batched(items, batch_size)
            for batch_result in parallel(delayed(_run_batch)(config, batch) for batch in batches):
                yield from batch_result


def _as_item(item: str | tuple[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    if isinstance(item, tuple):
        if len(item) != 2 or not isinstance(item[1], dict):
            raise InputTypeError("pipe() takes texts or (text, context) pairs with a dict context")
        text, context = item
        unknown = set(context) - {"id", "published"}
        if unknown:
            raise InputTypeError(
                f"unknown context keys {sorted(unknown)}; use 'id' and 'published'"
            )
        return text, dict(context)
    return item, {}


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _run_batch(config: dict[str, Any], batch: list[tuple[str, dict[str, Any]]]) -> list[Article]:
    nlp = _cached_pipeline(tuple(sorted(config.items())))
    return [nlp(text, **context) for text, context in batch]


@functools.lru_cache(maxsize=4)
def _cached_pipeline(config_items: tuple[tuple[str, Any], ...]) -> Pipeline:
    """One pipeline per worker process and configuration (models load once)."""
    return load(**dict(config_items))


def load(
    *, disable: Iterable[str] = (), max_chars: int = DEFAULT_MAX_CHARS, **config: Any
) -> Pipeline:
    """Build the default pipeline from the bundled models.

    ``disable`` names components to leave out (e.g. ``disable=["events"]``); ``max_chars``
    is the longest text accepted (longer ones raise :class:`InputTooLargeError`); the other
    keyword arguments configure components (``classifier=DIR`` loads a retrained
    classifier from ``DIR``).
    """
    disabled = set(disable)
    unknown = disabled - set(DEFAULT_PIPELINE)
    if unknown:
        raise PipelineError(
            f"cannot disable unknown components {sorted(unknown)}; known: {list(DEFAULT_PIPELINE)}"
        )
    components = []
    for name in DEFAULT_PIPELINE:
        if name in disabled or name not in FACTORIES:
            continue
        factory = FACTORIES[name]
        components.append((name, factory(**_component_config(name, config))))
    full_config = dict(config)
    if disabled:
        full_config["disable"] = tuple(sorted(disabled))
    if max_chars != DEFAULT_MAX_CHARS:
        full_config["max_chars"] = max_chars
    return Pipeline(components, config=full_config, max_chars=max_chars)


def _component_config(name: str, config: dict[str, Any]) -> dict[str, Any]:
    """Pick the keyword arguments meant for component ``name``."""
    if name in ("classifier", "ner") and config.get(name) is not None:
        return {"path": config[name]}
    return {}


@functools.lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return load()


def analyze(text: str, *, published: dt.date | str | None = None, id: str | None = None) -> Article:
    """One-call convenience: analyze ``text`` with a cached default pipeline."""
    return _default_pipeline()(text, published=published, id=id)
