-- A fact took its body's jurisdiction from body_view when written, so it depended on how far the places projection
-- had got (null while it lagged, filled after a replay). Jurisdictions are found through body_view at query time
-- (JurisdictionTree), so the copy goes.
alter table case_timeliness drop column jurisdiction_code;
