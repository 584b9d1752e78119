-- Studio on the hub (issue 12): the pack's authoring files being edited, per pack id, and
-- why a release was published although its anchor tests failed.

CREATE TABLE studio_files (
  pack_id text NOT NULL,
  path text NOT NULL,
  body text NOT NULL,
  updated_at bigint NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (pack_id, path)
);

-- Set only when the lead overrode failing anchor tests: the reason they typed, the failures
-- (a JSON array of { anchor, snapshot, matched, message }) and who published.
ALTER TABLE releases ADD COLUMN anchor_override text;
ALTER TABLE releases ADD COLUMN anchor_failures text;
ALTER TABLE releases ADD COLUMN published_by text;
