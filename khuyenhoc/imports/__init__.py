"""The import page every app shares (views.py): a sheet read by core.sheets, held
between preview and confirmation (submissions), and run in the background when large
(jobs). It sits above those three; nothing below imports it."""
