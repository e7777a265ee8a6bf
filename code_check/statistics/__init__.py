"""The Ombudsman's yearly figures for a council.

The pure core: ``model`` (one council and year, its rates and their checks),
``against_averages`` (each key figure beside the average for similar authorities), ``trend``
(years in order, with the caveats a trend needs), ``changes`` (what re-importing a year would
change) and ``year_table`` (the year-by-year table every shell shows). ``pasted_text`` reads
figures pasted from the Ombudsman's letter or web page (text in, no files). The reader:
``files`` (the statistics CSV or YAML).
"""
