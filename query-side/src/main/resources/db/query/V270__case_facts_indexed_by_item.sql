-- The questions about the whole ledger, a jurisdiction or a body read the sums kept per body and day (V220, V230);
-- the facts answer only a question about an item or a window. V40's indexes by each figure's date (and body), and
-- of the cases ever past their deadline, served questions no longer asked of the facts, and every one of them was
-- written whenever a case's row was (a case's row is written at its submission, acceptance, each moved deadline and
-- its end). An item's cases are now found by the item, a window's by V130's index, and their dates read from the
-- rows.
drop index case_timeliness_body_accepted, case_timeliness_body_concluded, case_timeliness_accepted,
    case_timeliness_concluded, case_timeliness_not_accepted, case_timeliness_withdrawn, case_timeliness_evaluated,
    case_timeliness_overdue;
create index case_timeliness_item on case_timeliness (item_id);
