"""The fictional sample district that ships with datadriver (see ``generator``)."""
