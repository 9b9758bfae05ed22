-- A sweep first claims its rows (claim_id, claimed_until: no index reads them) and then marks them
-- deleted. Room left on each page lets the claim update the row in place (a HOT update) instead
-- of adding an entry to every index, whose cost grows with the live recordings around the due ones.
ALTER TABLE retention_schedule SET (fillfactor = 80);
