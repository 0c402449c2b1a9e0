"""The ingest past one machine: the same pipeline on a Dask cluster (``ingest --dask``).

``partitions`` cuts the inputs into tasks (files, URLs, WARC record ranges);
``worker`` is what a Dask worker runs on one (extract, fingerprint, NLP, actors,
facts, with the models loaded once per worker); ``filing`` files the results in
the store, de-duplicating at filing time; ``run`` drives a run, resumable from
the store's ledger of finished partitions. docs/scale.md is the plan for a
million articles a day.
"""
