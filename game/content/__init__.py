"""Scenario content: YAML files to validated models to a compiled scenario.

The only package that reads YAML.
"""
