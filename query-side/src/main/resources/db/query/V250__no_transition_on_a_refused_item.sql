-- A devolving body acts for a receiver on no item that refused the decision. Left out when read, not when written:
-- the refusal is an item's event, projected concurrently with the delegation's own, so no write can be sure to see it.
create or replace view delegation_transition_term_view as
select t.delegation_id, t.item_id, t.receiver_body_id, t.acting_body_id, t.until, t.event_type, t.event_id,
       t.position, d.effective_date as effective_from,
       least(t.until, r.handed_over_on - 1, d.recall_effective_date - 1) as ends_on
from delegation_transition_view t
join delegation_view d on d.delegation_id = t.delegation_id
join delegation_receiver_view r on r.delegation_id = t.delegation_id and r.receiver_body_id = t.receiver_body_id
where not exists (select 1 from delegation_refusal_view x
                  where x.delegation_id = t.delegation_id and x.item_id = t.item_id);
