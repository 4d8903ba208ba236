"""The Qt windows, forms and views: the only code that imports QtWidgets."""
