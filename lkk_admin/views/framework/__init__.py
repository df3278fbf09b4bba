"""The list-and-detail section framework: a section is declared once
(:mod:`.spec`) and shown by one generic page (:mod:`.list_page`)."""
