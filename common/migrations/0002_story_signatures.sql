-- Near-duplicate story clustering: a MinHash signature per article and its LSH band
-- hashes; articles sharing a band are candidates, verified by estimated Jaccard in C++.
ALTER TABLE articles
  ADD COLUMN minhash bigint[],
  ADD COLUMN minhash_bands bigint[];
CREATE INDEX articles_minhash_bands_idx ON articles USING gin (minhash_bands);
