"""The Reports section: pick a contract, build a customer report, preview, save, print."""
