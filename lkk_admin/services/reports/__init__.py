"""Customer reports as PDF (reportlab, no Qt): what the portal gives the customer."""
