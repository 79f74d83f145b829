"""The Apache Beam pipeline: news.raw -> dedup -> classify -> extract -> news.trade, Parquet, news.dlq."""
