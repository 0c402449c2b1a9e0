-- The CAMEO agent code of a generic actor ("police": COP, "protesters": OPP, "troops": MIL),
-- so that unnamed collectives are filed and queried like named actors.
ALTER TABLE actors ADD COLUMN agent TEXT;
