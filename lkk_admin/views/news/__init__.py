"""The «Новости» section: news items and reference articles, their editor and preview."""
