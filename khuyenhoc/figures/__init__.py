"""The one read API of the summary tables (areas.Figure, areas.LegacyFigure): see
selectors.py. The apps' figures.py modules and areas.summaries write those tables;
public pages, reports, exports, the reviewer comparison and staff pages read them only
through khuyenhoc.figures.selectors.

What those outputs state, and in which words, is the metric registry (registry.py): titles,
members and funds register their indicators from their AppConfig.ready()."""
