-- The one place where the query side says how long a body really acts on a receiver's behalf (帮办代办): from the
-- delegation's effective date until the arranged end, the day before the receiver's handover, or the day before a
-- recall, whichever comes first. The holdings answer, the lineage and the findings read this view; a transition is in
-- effect on day D when effective_from <= D and D <= ends_on.
create view delegation_transition_term_view as
select t.delegation_id, t.item_id, t.receiver_body_id, t.acting_body_id, t.until, t.event_type, t.event_id,
       t.position, d.effective_date as effective_from,
       least(t.until, r.handed_over_on - 1, d.recall_effective_date - 1) as ends_on
from delegation_transition_view t
join delegation_view d on d.delegation_id = t.delegation_id
join delegation_receiver_view r on r.delegation_id = t.delegation_id and r.receiver_body_id = t.receiver_body_id;
