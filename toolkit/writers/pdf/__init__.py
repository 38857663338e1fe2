"""The print PDF edition (WeasyPrint).

``writer`` (``render_pdf``) lays the shared HTML out; ``render`` prepares the print HTML,
``page`` and ``placement`` the page furniture and figure placement, ``pullquotes`` the pull
quotes, ``artifacts`` and ``metadata`` the PDF tagging and document information.
"""
