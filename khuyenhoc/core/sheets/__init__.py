"""Excel uploads: the bounded reader, the checks before a workbook is opened, the
writer of downloads."""
