"""Laminate-ready card sheets with ReportLab (no Qt)."""
