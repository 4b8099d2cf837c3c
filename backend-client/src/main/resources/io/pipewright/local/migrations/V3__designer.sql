-- The field delimiter of tabular datasets registered by hand (one character); NULL for file
-- datasets and for versions registered before it was recorded, which are read with a comma.
ALTER TABLE datasets ADD COLUMN delimiter TEXT;
