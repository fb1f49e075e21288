-- GetStoreStats counts the articles stored in the last hour and day; without an index that
-- reads every article.
CREATE INDEX articles_ingested_idx ON articles (ingested_at);
