-- The receiving windows the statistics know: a question about a window no case was received at answers 404, and
-- the figures of a window are read through its rows.
create index case_timeliness_window on case_timeliness (window_name, body_id) where window_name is not null;
