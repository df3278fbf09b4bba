"""LKK Admin: back-office of the customer portal of ООО «РН-Энерго»."""

__version__ = "0.1.0"
