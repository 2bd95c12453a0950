"""What the plugin hands MkDocs: generated files whose text is made on request, and a template cache."""

from __future__ import annotations

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..output.pagesource import PageSource, RenderError


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory by name and source checksum: `mkdocs serve` makes a new theme
    environment for every rebuild, and compiling Material's templates again took a quarter of it."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])  # dropped by Jinja if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class GeneratedFile(File):
    """A generated file in MkDocs' files whose text is asked of a :class:`PageSource` when MkDocs first
    reads it. MkDocs 1.6 reads a generated file's text from ``_content`` (pages, copies, ``--dirty``
    checks), so that one attribute is made a property; setting it, as a plugin may, replaces the source.
    """

    source: PageSource | None = None
    _text: str | bytes | None = None

    @property
    def _content(self) -> str | bytes | None:
        if self.source is None:
            return self._text
        try:
            return self.source.text(self.src_uri)
        except RenderError as error:
            raise PluginError(str(error)) from None

    @_content.setter
    def _content(self, value: str | bytes | None) -> None:
        self.source = None
        self._text = value

    @classmethod
    def made_by(cls, source: PageSource, config: MkDocsConfig, src_uri: str) -> GeneratedFile:
        file = cls.generated(config, src_uri, content="")
        file.source = source
        return file
