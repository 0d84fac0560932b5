"""The workbook's notebooks, installed with the package as ``datadriver_utils.notebooks``.

This file only makes the folder installable (see pyproject.toml), so that an installed
``datadriver run`` finds the notebooks from any folder. Open the notebooks in JupyterLab.
"""
