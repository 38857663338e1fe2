"""The built-in readers, passes and writers, named lazily so that nothing heavy is imported."""

from toolkit.registry import PassSpec, ReaderSpec, WriterSpec

# Pass order bands: 100 normalise, 200 structure, 300 enrich, 400 format-specific, 900 cleanup.
SPECS = [
    ReaderSpec("text", ("txt", "text"), "toolkit.readers.text:read_text",
               "scraped or plain page text"),
    ReaderSpec("markdown", ("md", "markdown"), "toolkit.readers.markdown:read_markdown",
               "Markdown with YAML front matter (through pandoc)"),
    ReaderSpec("html", ("html", "htm", "xhtml"), "toolkit.readers.html:read_html",
               "a complete web page or an HTML fragment"),
    ReaderSpec("docx", ("docx",), "toolkit.readers.pandoc:read_docx", "Word document (through pandoc)"),
    ReaderSpec("odt", ("odt",), "toolkit.readers.pandoc:read_odt", "OpenDocument text (through pandoc)"),
    ReaderSpec("rst", ("rst",), "toolkit.readers.pandoc:read_rst", "reStructuredText (through pandoc)"),
    ReaderSpec("latex", ("tex", "latex"), "toolkit.readers.pandoc:read_latex", "LaTeX (through pandoc)"),
    ReaderSpec("json", ("json",), "toolkit.readers.json:read_json", "a toolkit JSON tree"),
    PassSpec("normalize", 100, "toolkit.passes.normalize:normalize_text",
             "tidy whitespace and drop empty blocks"),
    PassSpec("ids", 900, "toolkit.passes.ids:assign_ids", "stable paragraph anchors p1, p2, ..."),
    PassSpec("quotes", 310, "toolkit.passes.quotes:mark_quotes",
             "direct and indirect quotations, and terms in quotation marks"),
    PassSpec("speakers", 320, "toolkit.passes.speakers:resolve_speakers",
             "each quotation's speaker resolved to a person or organisation"),
    PassSpec("abbreviations", 330, "toolkit.passes.abbreviations:mark_abbreviations",
             "abbreviations and their expansions; the first use marked"),
    PassSpec("sources", 340, "toolkit.passes.sources:collect_sources", "cited outlets, institutions, documents"),
    PassSpec("dates", 350, "toolkit.passes.dates:collect_events", "dated events on a timeline"),
    PassSpec("entities", 360, "toolkit.passes.entities:collect_entities",
             "people, organisations and places with mention counts"),
    WriterSpec("html", "html", "toolkit.writers.annotated_html:render_annotated_html",
               "annotated HTML edition, one self-contained file"),
    WriterSpec("pdf", "pdf", "toolkit.writers.pdf:render_pdf", "print PDF (WeasyPrint)"),
    WriterSpec("epub", "epub", "toolkit.writers.epub:render_epub", "EPUB 3 e-book (ebooklib)"),
    WriterSpec("json", "json", "toolkit.writers.json:render_json", "the document tree as JSON"),
    WriterSpec("summary", "summary.json", "toolkit.writers.json:render_summary",
               "the inspect summary JSON"),
]
