-- The general (region-less) visiting policy exists on every database, not only on one loaded with demo data:
-- high-risk people weekly, key people monthly, others quarterly, and the 回访 categories monthly. Regional rules
-- only override it subject by subject. A general rule an administrator already saved is kept as it is.
INSERT INTO "visit_rules" ("region_id", "category", "risk_tier", "interval_days")
VALUES
	(NULL, NULL, 'high', 7),
	(NULL, NULL, 'key', 30),
	(NULL, NULL, 'normal', 90),
	(NULL, 'tekun_dispersed', NULL, 30),
	(NULL, 'orphan', NULL, 30),
	(NULL, 'unsupported_child', NULL, 30),
	(NULL, 'left_behind_child', NULL, 30),
	(NULL, 'distressed_child', NULL, 30),
	(NULL, 'severely_disabled', NULL, 30),
	(NULL, 'disabled_elderly', NULL, 30)
ON CONFLICT DO NOTHING;
