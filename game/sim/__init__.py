"""Headless drivers: policies that give orders and choices, and batch runs."""
