"""Mail: this desk's SMTP settings and, for a single-desk setup, delivery in the background."""
