"""Speech: who said what. Quotations found, their marks normalised, linked and attributed.

``quotes`` finds direct and indirect quotations (``marks`` reads quotation marks, ``links``
groups a quotation split by its attribution, ``indirect`` the reported speech), ``attribution``
finds the speaker named beside each, ``coreference`` resolves pronouns and short names to people,
``speakers`` settles each quotation's speaker. Imports the tree and ``language``; never a writer.
"""
